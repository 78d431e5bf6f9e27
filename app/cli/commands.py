"""What each ``daftar`` command does; ``main`` parses the arguments and handles errors."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TextIO

from app.errors import USER_ERRORS as SHARED_USER_ERRORS
from app.io.cells import parse_amount
from app.io.csv_journal import import_journal as run_import
from app.ledger.identifiers import IDENTIFIERS, identifier_problem
from app.ledger.model import Company, Entry, EntryId, Line, Problem
from app.ledger.money import Currency, from_minor
from app.ledger.rules import PostingRefused
from app.reports import balances, cashflow, ledger, render, statements, vat
from app.store import entries
from app.store.books import Books
from app.store.company import KeySource, create_company, open_company, rekey
from app.store.entry_checks import entry_problems
from app.store.keys import recovery_key
from app.store.verify import verify as run_verify
from app.store.years import first_year_problem
from sync.client import usage
from sync.client.gate import write_gate


class UserError(Exception):
    """Anything the user can fix; printed as one line, exit status 1."""


class UsageError(UserError):
    """Options that do not go together, found before the file is opened; exit status 1, like
    the argument errors of the parser."""


USER_ERRORS = (UserError, *SHARED_USER_ERRORS, ValueError, OverflowError, OSError)
"""What a command reports as one line: the errors the desktop shows as they stand
(``app.errors``; the database refusing a change is among them, as ``RuleViolation``), the
command line's own, and ``OverflowError``, a date at the edge of the calendar."""


def secret(env: str, prompt: str) -> str:
    """A secret from the environment, else asked for without echo."""
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise UserError(f"{prompt.rstrip(': ')} is needed: set {env} or run interactively")
    return getpass.getpass(prompt)


def key_source(args: argparse.Namespace, *, creating: bool = False) -> KeySource:
    chosen = sum(bool(x) for x in (args.key_file, args.passphrase, args.recovery_key))
    if chosen > 1:
        raise UserError("give one of --key-file, --passphrase and --recovery-key")
    if args.passphrase:
        phrase = secret("DAFTAR_PASSPHRASE", "Passphrase: ")
        confirm = creating and not os.environ.get("DAFTAR_PASSPHRASE")
        if confirm and getpass.getpass("Passphrase again: ") != phrase:
            raise UserError("the two passphrases differ")
        return KeySource(passphrase=phrase)
    if args.recovery_key:
        return KeySource(recovery_key=secret("DAFTAR_RECOVERY_KEY", "Recovery key: "))
    return KeySource(key_file=Path(args.key_file) if args.key_file else None)


@contextmanager
def opened(args: argparse.Namespace, source: KeySource | None = None) -> Iterator[Books]:
    """The books of ``args.file``, with the cloud's write gate (licence, writer lease) on."""
    books = open_company(args.file, source or key_source(args))
    books.db.write_gate = write_gate(books.db)
    try:
        yield books
    finally:
        books.close()


def _show_recovery(key: str) -> None:
    sys.stdout.write(
        "\nRecovery key (write it down and keep it safe; it opens this file on any machine, "
        "and Daftar cannot recover it for you):\n\n"
        f"    {key}\n\n"
    )


def _key_file_in_use(args: argparse.Namespace) -> bool:
    return bool(args.key_file) and Path(args.key_file).exists()


def _warn_shared_key_file(args: argparse.Namespace, in_use: bool) -> None:
    if in_use:
        print(f"daftar: note: {args.key_file} already holds a key, so {args.file} shares it (and "
              "its recovery key) with every file made from it; rekeying one changes the key file "
              "for all. Use one key file per company.", file=sys.stderr)


def new(args: argparse.Namespace) -> int:
    """Create a company; ``--first-year-end`` (default twelve months on) is checked before any
    key is asked for, and a refusal names the option."""
    start, end = args.fiscal_year_start, args.first_year_end
    problem = first_year_problem(start, end) if end is not None else ""
    if problem:
        raise UserError(f"--first-year-end {end}: {problem}")
    wrong = [f"--{name}: {found}" for name in IDENTIFIERS
             if (found := identifier_problem(args.chart, name, getattr(args, name)))]
    if wrong:
        raise UserError("; ".join(wrong))
    shared = _key_file_in_use(args)
    company = Company(args.name, args.currency.upper(), args.chart, args.nif, args.nis, args.rc,
                      args.ai, args.address)
    books, key = create_company(args.file, company, start, key_source(args, creating=True),
                                first_year_end=end)
    books.close()
    _warn_shared_key_file(args, shared)
    print(f"created {args.file}: {company.name}, chart {args.chart.upper()}, {company.currency}")
    _show_recovery(key)
    return 0


def demo(args: argparse.Namespace) -> int:
    from app.demo import build_demo

    shared = _key_file_in_use(args)
    books, key, entries = build_demo(args.file, key_source(args, creating=True))
    books.close()
    _warn_shared_key_file(args, shared)
    print(f"created the demo company {args.file} with {entries} posted entries")
    _show_recovery(key)
    return 0


def default_parties(specs: Sequence[str]) -> dict[str, str]:
    """``--default-party ACCOUNT=PARTY`` options as {account prefix: party code or name}."""
    out = {}
    for spec in specs:
        account, sep, party = spec.partition("=")
        if not sep or not account.strip().isdigit() or not party.strip():
            raise UsageError(f"--default-party {spec!r}: expected ACCOUNT=PARTY, e.g. 409=DIVERS")
        out[account.strip()] = party.strip()
    return out


def print_defaulted(defaulted: dict[str, int]) -> None:
    """Say which lines took a default party: the accountant reviews them after a take-on."""
    for account, count in sorted(defaulted.items()):
        print(f"{count} lines on {account} had no third party and took the default one")


def import_journal(args: argparse.Namespace) -> int:
    parties = default_parties(args.default_party)
    with opened(args) as books:
        result = run_import(books, args.csv, default_parties=parties)
    usage.count("imports.journal")
    usage.count("entries.imported", result.entries)
    rate = result.lines / result.seconds if result.seconds else 0
    print(f"imported {result.entries} entries ({result.lines} lines) from {args.csv} "
          f"in {result.seconds:.1f} s ({rate:,.0f} lines/s)")
    if result.accounts_created:
        print(f"opened {len(result.accounts_created)} accounts: "
              + ", ".join(result.accounts_created[:20])
              + (" …" if len(result.accounts_created) > 20 else ""))
    if result.third_parties_created:
        print(f"created {result.third_parties_created} third parties")
    for year in result.fiscal_years_opened:
        print(f"opened fiscal year {year}")
    print_defaulted(result.defaulted)
    return 0


def _line(spec: str, side: str, currency: Currency) -> Line:
    """One ``ACCOUNT:AMOUNT[:PARTY[:TAX]]``, the amount written as the CSV import reads it."""
    parts = spec.split(":")
    if len(parts) not in (2, 3, 4) or not parts[0].strip() or not parts[1].strip():
        raise ValueError("expected ACCOUNT:AMOUNT, ACCOUNT:AMOUNT:PARTY or "
                         "ACCOUNT:AMOUNT:PARTY:TAX (PARTY may be empty)")
    amount = from_minor(parse_amount(parts[1], currency.exponent), currency)
    party = parts[2].strip() if len(parts) >= 3 and parts[2].strip() else None
    tax = parts[3].strip() if len(parts) == 4 and parts[3].strip() else None
    if side == "debit":
        return Line(parts[0].strip(), debit=amount, third_party=party, tax=tax)
    return Line(parts[0].strip(), credit=amount, third_party=party, tax=tax)


def _lines(args: argparse.Namespace, currency: Currency) -> tuple[dict[int, Line], list[str]]:
    """The lines of ``--debit`` then ``--credit`` by their line number, and every bad spec."""
    lines: dict[int, Line] = {}
    errors: list[str] = []
    specs = [("debit", n, s) for n, s in enumerate(args.debit, 1)]
    specs += [("credit", n, s) for n, s in enumerate(args.credit, 1)]
    for number, (side, n, spec) in enumerate(specs, 1):
        try:
            lines[number] = _line(spec, side, currency)
        except ValueError as exc:
            errors.append(f"--{side} {spec!r} (#{n}, line {number}): {exc}")
    return lines, errors


def _renumbered(problems: Sequence[Problem], numbers: list[int]) -> list[Problem]:
    """Problems of the lines that parsed, told by their line numbers on the command line.

    The entry's totals are left out: with a line missing, they say nothing.
    """
    return [replace(p, line=numbers[p.line - 1]) if p.line is not None else p
            for p in problems if p.line is not None or p.field not in ("amount", "lines")]


def _draft_problems(books: Books, draft: Entry) -> list[Problem]:
    """What saving ``draft`` would refuse, learnt by saving it in a transaction undone after."""

    class Undo(Exception):
        pass

    try:
        with books.write() as cur:
            entries.save_draft(cur, draft, books.currency)
            raise Undo
    except PostingRefused as refused:
        return list(refused.problems)
    except Undo:
        return []


def _refuse(errors: list[str], problems: Sequence[Problem]) -> None:
    if errors or problems:
        raise UserError("; ".join([*errors, *(str(p) for p in problems)]))


def _new_entry(args: argparse.Namespace, books: Books) -> Entry:
    """The entry of the command line, or every reason it cannot be saved or posted at once."""
    lines, errors = _lines(args, books.currency)
    draft = Entry(args.journal, args.date, args.label, tuple(lines.values()),
                  reference=args.reference)
    if errors:
        found = _draft_problems(books, draft) if args.save_draft else entry_problems(books, draft)
        _refuse(errors, _renumbered(found, list(lines)))
    elif not args.save_draft:
        _refuse([], entry_problems(books, draft))
    return draft


def _check_post_options(args: argparse.Namespace) -> None:
    if args.draft is not None:
        extra = [name for name, given in (
            ("--journal", args.journal), ("--date", args.date), ("--label", args.label),
            ("--reference", args.reference), ("--debit", args.debit),
            ("--credit", args.credit), ("--save-draft", args.save_draft)) if given]
        if extra:
            raise UsageError(f"{', '.join(extra)} cannot go with --draft, which posts the saved "
                             "draft as it is")
    elif not (args.journal and args.date and (args.debit or args.credit)):
        raise UsageError("give --journal, --date and --debit/--credit lines (or --draft ID)")


def post(args: argparse.Namespace) -> int:
    _check_post_options(args)
    with opened(args) as books:
        if args.draft is not None:
            entry = books.post(EntryId(args.draft))
        else:
            draft = _new_entry(args, books)
            if args.save_draft:
                entry = books.save_draft(draft)
                print(f"saved draft {entry.id}")
                return 0
            entry = books.post(draft)
    usage.count("entries.posted")
    print(f"posted {entry.journal}-{entry.number} (entry {entry.id}) on {entry.date}: "
          f"{entry.total_debit:f} {books.currency.code}")
    return 0


def reverse(args: argparse.Namespace) -> int:
    with opened(args) as books:
        entry = books.reverse(EntryId(args.entry), args.date, args.label)
    print(f"posted reversal {entry.journal}-{entry.number} (entry {entry.id}) of entry "
          f"{args.entry}")
    return 0


def _period(books: Books, start: date | None, end: date | None) -> tuple[date, date]:
    """Missing ends come from the fiscal year of the other, or the latest fiscal year."""
    years = books.fiscal_years()
    if start is None and end is None:
        return years[-1].start, years[-1].end
    if start is None:
        return statements.fiscal_year_range(books, end)[0], end  # type: ignore[arg-type]
    if end is None:
        return start, statements.fiscal_year_range(books, start)[1]
    if end < start:
        raise UserError(f"--to {end} is before --from {start}")
    return start, end


def _account_range(text: str | None) -> tuple[str | None, str | None]:
    if not text:
        return None, None
    low, _, high = text.partition("-")
    if not low.isdigit() or (high and not high.isdigit()):
        raise UserError(f"--accounts {text!r}: expected digits like 4 or 401-419")
    return low, high or low


@contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as f:
        yield f


_NOT_FOR = {
    ("balance-sheet", "--from"): "a balance sheet is at one date (--to)",
    ("balance-sheet", "--accounts"): "a balance sheet shows every account",
    ("balance-sheet", "--journal"): "a balance sheet counts every journal",
    ("income-statement", "--accounts"): "an income statement shows every income and expense "
                                        "account",
    ("income-statement", "--journal"): "an income statement counts every journal",
    ("cash-flow", "--accounts"): "a cash-flow statement reads every account",
    ("cash-flow", "--journal"): "a cash-flow statement counts every journal",
    ("general-ledger", "--journal"): "an account's running balance counts every journal; use "
                                     "'report journal --journal'",
    ("journal", "--accounts"): "a journal lists whole entries; use 'report general-ledger "
                               "--accounts'",
    ("journal", "--lang"): "the journal shows no labels to translate",
    ("third-parties", "--journal"): "a third party's balance counts every journal",
    ("third-parties", "--lang"): "the report shows no labels to translate",
    ("vat", "--accounts"): "a VAT return reads the tax codes of every account",
    ("vat", "--journal"): "a VAT return counts every journal",
    ("vat", "--lang"): "the return is worded as its form, in French",
}
"""Options a report cannot honour, and why: refused rather than silently ignored."""


def _refuse_options(args: argparse.Namespace) -> None:
    given = {"--from": args.start is not None, "--accounts": args.accounts is not None,
             "--journal": bool(args.journal), "--lang": args.lang is not None}
    refused = [f"{option} does not apply to {args.kind}: {_NOT_FOR[args.kind, option]}"
               for option, present in given.items() if present and (args.kind, option) in _NOT_FOR]
    if refused:
        raise UsageError("; ".join(refused))


def report(args: argparse.Namespace) -> int:
    _refuse_options(args)
    usage.count("reports." + args.kind.replace("-", "_"))
    with opened(args) as books, _output(args.output) as out:
        start, end = _period(books, args.start, args.end)
        low, high = _account_range(args.accounts)
        fmt, lang = args.format, args.lang or "fr"
        if args.kind == "trial-balance":
            tb = balances.trial_balance(books, start, end, low=low, high=high, language=lang,
                                        journals=tuple(args.journal))
            render.trial_balance(tb, fmt, out)
        elif args.kind == "general-ledger":
            sections = ledger.general_ledger(books, start, end, low=low, high=high, language=lang)
            render.general_ledger(sections, fmt, out)
        elif args.kind == "journal":
            lines = ledger.journal_lines(books, start, end, journals=tuple(args.journal))
            render.journal(lines, fmt, out)
        elif args.kind == "balance-sheet":
            sheet = statements.balance_sheet(books, end, language=lang)
            render.compared_balance_sheet(sheet, fmt, out)
        elif args.kind == "income-statement":
            statement = statements.income_statement(books, start, end, language=lang)
            render.compared_income_statement(statement, fmt, out)
        elif args.kind == "cash-flow":
            render.cash_flow(cashflow.cash_flow(books, start, end, language=lang), fmt, out)
        elif args.kind == "vat":
            render.vat(vat.vat_return(books, start, end), fmt, out)
        else:
            rows = balances.third_party_balances(books, args.start, end, low=low, high=high)
            render.third_parties(rows, fmt, out)
    return 0


def verify(args: argparse.Namespace) -> int:
    with opened(args) as books:
        result = run_verify(books)
    if result.ok:
        print(f"{args.file}: OK — {result.entries} posted entries, {result.lines} lines; hash "
              "chain unbroken, numbering continuous, every entry and journal-month balanced")
        print(f"chain head: {result.head} (note it to check later that no entry was cut off)")
        return 0
    for problem in result.problems:
        print(f"{args.file}: {problem}", file=sys.stderr)
    return 1


def company(args: argparse.Namespace) -> int:
    """Show the company's identity, or change its name, address and legal identifiers."""
    changes = {name: getattr(args, name) for name in ("name", "address", *IDENTIFIERS)
               if getattr(args, name) is not None}
    if args.action == "show" and changes:
        raise UsageError(f"{', '.join('--' + n for n in changes)} go with 'company set'")
    if args.action == "set" and not changes:
        raise UsageError("give what to change: --name, --nif, --nis, --rc, --ai or --address")
    with opened(args) as books:
        shown = books.update_company(**changes) if changes else books.company
    for field in ("name", "chart", "currency", *IDENTIFIERS, "address"):
        print(f"{field}: {getattr(shown, field)}")
    return 0


def lock(args: argparse.Namespace) -> int:
    with opened(args) as books:
        books.set_lock_date(args.date)
    print(f"locked {args.file} up to and including {args.date}")
    return 0


def key(args: argparse.Namespace) -> int:
    source = key_source(args)
    if args.action == "show-recovery":
        with opened(args, source) as books:
            _show_recovery(recovery_key(books.db.key))
        return 0
    new_phrase = None
    if args.new_passphrase or source.passphrase is not None:
        new_phrase = secret("DAFTAR_NEW_PASSPHRASE", "New passphrase: ")
        confirm = not os.environ.get("DAFTAR_NEW_PASSPHRASE")
        if confirm and getpass.getpass("New passphrase again: ") != new_phrase:
            raise UserError("the two passphrases differ")
    with opened(args, source) as books:
        new_key = rekey(books, source, new_passphrase=new_phrase)
    print(f"{args.file} is now encrypted with a new key; the old recovery key no longer opens it")
    _show_recovery(new_key)
    return 0

