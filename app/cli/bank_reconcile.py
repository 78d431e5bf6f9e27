"""``daftar bank reconcile|match|unmatch|reconciliation``: pairing statement lines with the
ledger's bank lines, and the bank reconciliation statement (état de rapprochement).

``reconcile`` matches what is unambiguous and lists what a person should confirm, each with the
``bank match`` command that would confirm it. A ledger line is named ``ENTRY:POSITION``, the
entry by its id or as ``JOURNAL-NUMBER`` (``BQ-12:1``: line 1 of entry 12 of journal BQ), as
the reports print it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from app.cli.session import UsageError, UserError, date_argument, opened
from app.ledger.bank_pairing import DEFAULT_WINDOW, LineKey, Proposal
from app.ledger.money import from_minor
from app.reports import bank_reconciliation as report
from app.reports.export import write_xlsx
from app.store import bank_match, bank_reconcile
from app.store.books import Books
from sync.client.usage import count


def register_actions(actions: argparse._SubParsersAction, key_options: Any) -> None:
    """Add the reconciliation actions under ``daftar bank``."""
    p = actions.add_parser(
        "reconcile", help="match statement lines with the books automatically",
        description="Match the stored statement lines of a bank account with its posted lines "
        "where the pairing is unambiguous (same amount, within --window days, one candidate "
        "or one named by its reference), and list the other likely pairs for you to confirm "
        "with 'daftar bank match'.")
    _file(p, key_options)
    p.add_argument("--account", required=True, metavar="NUMBER", help="the bank account, e.g. 512")
    p.add_argument("--at", type=date_argument, metavar="DATE",
                   help="only lines dated on or before DATE (default: today)")
    p.add_argument("--window", type=int, default=DEFAULT_WINDOW, metavar="DAYS",
                   help=f"days allowed between the bank's and the books' dates "
                   f"(default {DEFAULT_WINDOW})")
    p.add_argument("--dry-run", action="store_true", help="match nothing, only say what would be")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(run=_reconcile)

    p = actions.add_parser(
        "match", help="match statement lines with ledger lines by hand",
        description="Record that the statement lines and the ledger lines are the same money; "
        "refused unless their amounts agree and none is matched already.")
    _file(p, key_options)
    p.add_argument("--statement-line", dest="bank_lines", type=int, action="append",
                   required=True, metavar="ID", help="a statement line's id (repeatable)")
    p.add_argument("--line", dest="lines", action="append", required=True,
                   metavar="ENTRY:POSITION",
                   help="a ledger line: entry id or JOURNAL-NUMBER, and the line's position, "
                   "e.g. 45:1 or BQ-12:1 (repeatable)")
    p.set_defaults(run=_match)

    p = actions.add_parser("unmatch", help="undo a bank match",
                           description="Undo a bank match: both sides become open again.")
    _file(p, key_options)
    p.add_argument("--match", dest="match_id", type=int, required=True, metavar="ID")
    p.set_defaults(run=_unmatch)

    p = actions.add_parser(
        "reconciliation", help="the bank reconciliation statement (état de rapprochement)",
        description="The balance per the books and per the statement at a date, the lines "
        "each side has not seen yet, and the reconciled balances, which must agree.")
    _file(p, key_options)
    p.add_argument("--account", required=True, metavar="NUMBER", help="the bank account, e.g. 512")
    p.add_argument("--at", type=date_argument, metavar="DATE",
                   help="default: the end of the account's last statement")
    p.add_argument("--format", choices=report.FORMATS, default="text")
    p.add_argument("--output", "-o", type=Path, metavar="FILE",
                   help="write there (needed for xlsx and pdf)")
    p.add_argument("--lang", choices=("fr", "en", "ar"), default="fr",
                   help="language of the statement's wording (default fr)")
    p.set_defaults(run=_reconciliation)


def _file(parser: argparse.ArgumentParser, key_options: Any) -> None:
    parser.add_argument("file", type=Path, metavar="FILE", help="the company file (.daftar)")
    key_options(parser)


# --- reconcile ----------------------------------------------------------------------------------

def _reconcile(args: argparse.Namespace) -> int:
    if args.window < 0:
        raise UsageError(f"--window {args.window}: a number of days, 0 or more")
    day = args.at or date.today()
    with opened(args) as books:
        session = books.read() if args.dry_run else books.write()
        with session as cur:
            account_id = bank_reconcile.bank_account(cur, args.account)
            result = bank_reconcile.auto_match(cur, account_id, day, apply=not args.dry_run,
                                               window=args.window)
        if not args.dry_run:
            count("bank.auto_matched", len(result.applied))
        shown = _Shown(books, result)
        if args.json:
            print(json.dumps(shown.as_json(args.account, day, args.dry_run), ensure_ascii=False,
                             indent=2))
        else:
            shown.print(args.file, args.dry_run)
    return 0


class _Shown:
    """The lines of an ``AutoMatch`` written for a person or as JSON."""

    def __init__(self, books: Books, result: bank_reconcile.AutoMatch) -> None:
        self.result, self.currency = result, books.currency

    def _amount(self, minor: int) -> Decimal:
        return from_minor(minor, self.currency)

    def _bank(self, line_id: int) -> dict[str, object]:
        s = self.result.statement_lines[line_id]
        return {"id": s.id, "date": s.booking_date.isoformat(), "amount": str(self._amount(
            s.amount)), "label": s.label, "reference": s.reference}

    def _ledger(self, key: LineKey) -> dict[str, object]:
        x = self.result.ledger_lines[key]
        return {"line": x.name, "entry": x.entry_id, "position": x.position,
                "date": x.day.isoformat(), "amount": str(self._amount(x.amount)),
                "label": x.label, "reference": x.reference}

    def _proposal(self, p: Proposal) -> dict[str, object]:
        return {"kind": p.kind, "score": p.score, "reason": p.reason,
                "statement_lines": [self._bank(i) for i in p.bank],
                "ledger_lines": [self._ledger(k) for k in p.ledger]}

    def as_json(self, account: str, day: date, dry_run: bool) -> dict[str, object]:
        return {"account": account, "at": day.isoformat(), "dry_run": dry_run,
                "matched": [{"match": match_id, **self._proposal(p)}
                            for match_id, p in self.result.applied],
                "proposals": [self._proposal(p) for p in self.result.proposals]}

    def _pair(self, p: Proposal) -> str:
        bank = ", ".join(f"#{i} {self.result.statement_lines[i].booking_date} "
                         f"{self._amount(self.result.statement_lines[i].amount)} "
                         f"{self.result.statement_lines[i].label}" for i in p.bank)
        books = ", ".join(f"{self.result.ledger_lines[k].name} {self.result.ledger_lines[k].day}"
                          f" {self._amount(self.result.ledger_lines[k].amount)} "
                          f"{self.result.ledger_lines[k].label}" for k in p.ledger)
        return f"{bank}  <->  {books}"

    def print(self, path: Path, dry_run: bool) -> None:
        verb = "would match" if dry_run else "matched"
        print(f"{verb} {len(self.result.applied)} statement lines automatically")
        for match_id, p in self.result.applied:
            label = "" if match_id is None else f"match {match_id}: "
            print(f"  {label}{self._pair(p)}  ({p.reason})")
        if not self.result.proposals:
            print("nothing left to confirm")
            return
        print(f"{len(self.result.proposals)} proposals to confirm with 'daftar bank match':")
        for p in self.result.proposals:
            print(f"  [{p.kind}, score {p.score}] {self._pair(p)}  ({p.reason})")
            lines = " ".join(f"--line {self.result.ledger_lines[k].name}" for k in p.ledger)
            ids = " ".join(f"--statement-line {i}" for i in p.bank)
            print(f"      daftar bank match {path} {ids} {lines}")


# --- match, unmatch -----------------------------------------------------------------------------

def line_key(books: Books, spec: str) -> LineKey:
    entry, sep, position = spec.rpartition(":")
    if not sep or not entry or not position.strip().isdigit():
        raise UsageError(f"--line {spec!r}: expected ENTRY:POSITION, e.g. 45:1 or BQ-12:1")
    entry = entry.strip()
    if entry.isdigit():
        return int(entry), int(position)
    journal, dash, number = entry.rpartition("-")
    if not dash or not journal or not number.isdigit():
        raise UsageError(f"--line {spec!r}: the entry is its id (45) or JOURNAL-NUMBER (BQ-12)")
    with books.read() as cur:
        return bank_reconcile.find_entry(cur, journal, int(number)), int(position)


def _match(args: argparse.Namespace) -> int:
    with opened(args) as books:
        keys = [line_key(books, spec) for spec in args.lines]
        with books.write() as cur:
            match_id = bank_match.match(cur, args.bank_lines, keys, how="manual",
                                        day=date.today())
    print(f"matched {len(args.bank_lines)} statement lines with {len(keys)} ledger lines "
          f"(match {match_id})")
    return 0


def _unmatch(args: argparse.Namespace) -> int:
    with opened(args) as books, books.write() as cur:
        bank_match.unmatch(cur, args.match_id)
    print(f"undid match {args.match_id}: its lines are open again")
    return 0


# --- reconciliation -----------------------------------------------------------------------------

@contextmanager
def _text_output(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    partial = path.with_name(path.name + ".part")
    try:
        with open(partial, "w", encoding="utf-8", newline="") as f:
            yield f
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _reconciliation(args: argparse.Namespace) -> int:
    if args.format in ("xlsx", "pdf") and args.output is None:
        raise UsageError(f"--format {args.format} needs --output FILE")
    with opened(args) as books:
        rec = report.reconciliation(books, args.account, args.at, language=args.lang)
        if args.format == "pdf":
            from app.cli.printing import write_pdf

            pages = write_pdf(report.legal_report(books, rec, args.lang), books.currency,
                              args.lang, args.output)
            print(f"wrote {args.output} ({pages} pages)")
        elif args.format == "xlsx":
            _write_xlsx(books, rec, args.lang, args.output)
            print(f"wrote {args.output}")
        else:
            with _text_output(args.output) as out:
                report.write(rec, args.format, out, args.lang)
    return 0


def _write_xlsx(books: Books, rec: report.Reconciliation, language: str, output: Path) -> None:
    if output.suffix.lower() != ".xlsx":
        raise UserError(f"--output {output}: the workbook is an Excel file (.xlsx)")
    from app.reports.legal import text

    partial = output.with_name(output.name + ".part")
    try:
        write_xlsx(report.report_table(books, rec, language), partial,
                   text("edited", language).format(date.today().strftime("%d/%m/%Y")))
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
