"""``daftar bank``: read a bank statement and show it; keep each bank's CSV column mapping.

``preview`` reads a camt.053, OFX or CSV statement and prints its account, period, balances, the
balance check and its lines, changing nothing; a statement that does not add up is printed all
the same (to see why) and then reported as the error, exit 1. ``mapping add|list|delete|rename``
keep the CSV mappings in the company file, where ``preview --company FILE --mapping NAME`` and
``import --mapping NAME`` find them. Importing, rules and posting are in ``bank_import``; the
reconciliation in ``bank_reconcile``.
"""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.cli import bank_import, bank_reconcile
from app.cli.session import UsageError, UserError, opened
from app.io.bank import (
    FORMATS,
    Balance,
    BankCsvMapping,
    Statement,
    check_balance,
    detect_format,
    read_statements,
    require_balanced,
)
from app.io.bank.csv_bank import DEFAULT_DATE_FORMATS
from app.io.bank.mappings import load_mapping, save_mapping, saved_mappings
from app.store import bank as bank_store

DELIMITERS = {"tab": "\t", "\\t": "\t", "semicolon": ";", "comma": ","}


def register(sub: argparse._SubParsersAction, key_options: Any) -> None:
    parser = sub.add_parser(
        "bank", help="bank statements (camt.053, OFX, CSV): import, post, reconcile",
        description="Read a bank statement and show it, import it into a company file, post "
        "the entries its lines lack, match its lines with the books' and draw up the bank "
        "reconciliation, or keep the CSV column mapping of a bank.")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION",
                                    parser_class=type(parser))

    p = actions.add_parser(
        "preview", help="show a statement, its balance check and its lines",
        description="Read STATEMENT (camt.053, OFX, or CSV through a saved mapping) and print "
        "it; nothing is imported. Exit 1 if it cannot be read or its balances do not add up.")
    p.add_argument("statement", type=Path, metavar="STATEMENT")
    p.add_argument("--format", choices=FORMATS, default="auto",
                   help="default auto: XML is camt.053, an OFX header OFX, anything else CSV")
    p.add_argument("--company", dest="file", type=Path, metavar="FILE",
                   help="CSV: the company file (.daftar) holding the mapping, and whose "
                   "currency the statement is in unless the mapping names one")
    p.add_argument("--mapping", metavar="NAME", help="CSV: the saved mapping to read it with")
    p.add_argument("--account", default="", help="CSV: the account (IBAN) the export is of")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    key_options(p)
    p.set_defaults(run=_preview)

    bank_import.register_actions(actions, key_options)
    bank_reconcile.register_actions(actions, key_options)

    mapping = actions.add_parser("mapping", help="the bank CSV mappings of a company")
    mapping_actions = mapping.add_subparsers(dest="mapping_action", required=True,
                                             metavar="ACTION", parser_class=type(parser))
    p = mapping_actions.add_parser(
        "add", help="save how a bank's CSV export reads",
        description="Save a CSV column mapping in FILE under NAME. A column is the header's "
        "name for it, or its number counting from 1.")
    p.add_argument("file", type=Path, metavar="FILE", help="the company file (.daftar)")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--date", required=True, metavar="COL", help="the booking date")
    p.add_argument("--label", required=True, metavar="COL")
    p.add_argument("--amount", default="", metavar="COL",
                   help="a signed amount (negative: money out)")
    p.add_argument("--debit", default="", metavar="COL", help="money out (with --credit)")
    p.add_argument("--credit", default="", metavar="COL", help="money in (with --debit)")
    p.add_argument("--value-date", default="", metavar="COL")
    p.add_argument("--reference", default="", metavar="COL")
    p.add_argument("--counterparty", default="", metavar="COL")
    p.add_argument("--balance", default="", metavar="COL",
                   help="the running balance after each line (each is then checked)")
    p.add_argument("--delimiter", default=",",
                   help="one character, or tab, semicolon, comma (default ,)")
    p.add_argument("--encoding", default="utf-8-sig", help="default utf-8 (e.g. cp1252)")
    p.add_argument("--decimal-comma", action="store_true", help="amounts are written 12,50")
    p.add_argument("--thousands", default="", metavar="SEP",
                   help="the thousands separator, if not a space (e.g. .)")
    p.add_argument("--date-format", action="append", default=[], metavar="FMT",
                   help="strptime format, repeatable (default %%d/%%m/%%Y and %%Y-%%m-%%d)")
    p.add_argument("--header-rows", type=int, default=1, metavar="N",
                   help="rows before the first line, the last naming the columns (default 1)")
    p.add_argument("--currency", default="", help="the account's currency, if not the company's")
    p.add_argument("--replace", action="store_true", help="replace a mapping of that name")
    key_options(p)
    p.set_defaults(run=_mapping_add)

    p = mapping_actions.add_parser("list", help="list the saved bank CSV mappings")
    p.add_argument("file", type=Path, metavar="FILE", help="the company file (.daftar)")
    p.add_argument("--json", action="store_true")
    key_options(p)
    p.set_defaults(run=_mapping_list)

    p = mapping_actions.add_parser("delete", help="forget a saved bank CSV mapping")
    p.add_argument("file", type=Path, metavar="FILE", help="the company file (.daftar)")
    p.add_argument("name", metavar="NAME")
    key_options(p)
    p.set_defaults(run=_mapping_delete)

    p = mapping_actions.add_parser("rename", help="give a saved bank CSV mapping another name")
    p.add_argument("file", type=Path, metavar="FILE", help="the company file (.daftar)")
    p.add_argument("name", metavar="NAME")
    p.add_argument("new_name", metavar="NEW")
    key_options(p)
    p.set_defaults(run=_mapping_rename)


def _preview(args: argparse.Namespace) -> int:
    if args.mapping and not args.file:
        raise UsageError("--mapping needs --company FILE, the company the mapping is saved in")
    if not args.statement.is_file():
        raise UserError(f"{args.statement}: no such file")
    fmt = detect_format(args.statement) if args.format == "auto" else args.format
    mapping, currency = None, ""
    if fmt == "csv":
        if not args.mapping:
            raise UsageError(f"{args.statement} is neither camt.053 nor OFX, so it is read as "
                             "CSV: give --company FILE and --mapping NAME")
        with opened(args) as books:
            mapping, currency = load_mapping(books, args.mapping), books.currency.code
    statements = read_statements(args.statement, fmt, mapping=mapping, currency=currency,
                                 account=args.account)
    if args.json:
        print(json.dumps({"format": fmt, "statements": [_as_json(s) for s in statements]},
                         ensure_ascii=False, indent=2))
    else:
        for statement in statements:
            _print_statement(statement)
    for statement in statements:
        require_balanced(statement)
    return 0


def _print_statement(statement: Statement) -> None:
    check = check_balance(statement)
    print(f"{statement.path}, {statement.where}")
    print(f"  account:   {statement.account or '(not given)'}  ({statement.currency})")
    print(f"  period:    {statement.period_start or '?'} to {statement.period_end or '?'}")
    for title, balance in (("opening", statement.opening), ("closing", statement.closing),
                           ("available", statement.available)):
        if balance is not None:
            print(f"  {title + ':':<10} {balance.amount} on {balance.day or '?'}")
    status = check.reason if check.ok else f"FAILED: {check.reason}"
    print(f"  balances:  {status}")
    pending = (f"; left out, not booked yet: {statement.pending_skipped}"
               if statement.pending_skipped else "")
    print(f"  {len(statement.lines)} lines, total {statement.total}{pending}")
    width = max((len(str(line.amount)) for line in statement.lines), default=6)
    for line in statement.lines:
        parts = [line.booking_date.isoformat(), f"{line.amount:>{width}}", line.label]
        if line.counterparty:
            parts.append(f"[{line.counterparty}]")
        if line.reference or line.end_to_end_id:
            parts.append(f"ref {line.reference or line.end_to_end_id}")
        print("  " + "  ".join(parts))


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _balance(balance: Balance | None) -> dict[str, str | None] | None:
    if balance is None:
        return None
    return {"amount": str(balance.amount), "date": balance.day and balance.day.isoformat()}


def _as_json(statement: Statement) -> dict[str, object]:
    check = check_balance(statement)
    return {
        "file": str(statement.path), "index": statement.index,
        "identifier": statement.identifier, "account": statement.account,
        "currency": statement.currency,
        "period_start": statement.period_start and statement.period_start.isoformat(),
        "period_end": statement.period_end and statement.period_end.isoformat(),
        "opening": _balance(statement.opening), "closing": _balance(statement.closing),
        "available": _balance(statement.available),
        "pending_skipped": statement.pending_skipped,
        "balance_check": {"checked": check.checked, "ok": check.ok,
                          "expected": _amount(check.expected), "found": _amount(check.found),
                          "message": check.reason},
        "lines": [{
            "booking_date": line.booking_date.isoformat(),
            "value_date": line.value_date and line.value_date.isoformat(),
            "amount": str(line.amount), "label": line.label,
            "counterparty": line.counterparty, "reference": line.reference,
            "end_to_end_id": line.end_to_end_id, "balance": _amount(line.balance),
            "source": line.source, "fingerprint": line.fingerprint,
        } for line in statement.lines],
    }


def _mapping_add(args: argparse.Namespace) -> int:
    mapping = BankCsvMapping(
        name=args.name, date=args.date, label=args.label, amount=args.amount,
        debit=args.debit, credit=args.credit, value_date=args.value_date,
        reference=args.reference, counterparty=args.counterparty, balance=args.balance,
        delimiter=DELIMITERS.get(args.delimiter, args.delimiter), encoding=args.encoding,
        date_formats=tuple(args.date_format) or DEFAULT_DATE_FORMATS,
        decimal_comma=args.decimal_comma, thousands=args.thousands,
        header_rows=args.header_rows, currency=args.currency.upper())
    problems = mapping.problems()
    if problems:
        raise UsageError(f"mapping {args.name!r}: {'; '.join(problems)}")
    with opened(args) as books:
        save_mapping(books, mapping, replace=args.replace)
    print(f"saved the bank CSV mapping {mapping.name!r} in {args.file}")
    return 0


def _mapping_list(args: argparse.Namespace) -> int:
    with opened(args) as books:
        mappings = saved_mappings(books)
    if args.json:
        print(json.dumps([{"name": m.name, **json.loads(m.to_json())} for m in mappings],
                         ensure_ascii=False, indent=2))
        return 0
    if not mappings:
        print(f"no bank CSV mapping saved in {args.file}")
    for m in mappings:
        amount = f"amount {m.amount!r}" if m.amount else f"debit {m.debit!r}, credit {m.credit!r}"
        print(f"{m.name}: date {m.date!r}, label {m.label!r}, {amount}; delimiter "
              f"{m.delimiter!r}, decimal {',' if m.decimal_comma else '.'}, dates "
              f"{' or '.join(m.date_formats)}, {m.encoding}")
    return 0


def _mapping_delete(args: argparse.Namespace) -> int:
    with opened(args) as books, books.write() as cur:
        bank_store.delete_csv_mapping(cur, args.name)
    print(f"deleted the bank CSV mapping {args.name!r} from {args.file}")
    return 0


def _mapping_rename(args: argparse.Namespace) -> int:
    with opened(args) as books, books.write() as cur:
        bank_store.rename_csv_mapping(cur, args.name, args.new_name)
    print(f"renamed the bank CSV mapping {args.name!r} to {args.new_name!r}")
    return 0
