"""What each ``daftar`` command does; ``main`` parses the arguments and handles errors."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TextIO

from sqlcipher3.dbapi2 import IntegrityError

from app.io.csv_journal import ImportFailed
from app.io.csv_journal import import_journal as run_import
from app.ledger.model import Company, Entry, EntryId, Line
from app.ledger.money import MoneyError, money
from app.ledger.rules import PostingRefused
from app.reports import balances, ledger, render, statements
from app.store.books import Books
from app.store.company import KeySource, create_company, open_company, rekey
from app.store.database import StoreError
from app.store.keys import KeyProblem, recovery_key
from app.store.verify import verify as run_verify
from sync.client import usage
from sync.client.gate import write_gate
from sync.client.home import StateError
from sync.client.http import CloudError


class UserError(Exception):
    """Anything the user can fix; printed as one line, exit status 1."""


USER_ERRORS = (UserError, StoreError, KeyProblem, PostingRefused, ImportFailed, MoneyError,
               ValueError, OverflowError, OSError, IntegrityError, CloudError, StateError)
"""What a command reports as one line. ``IntegrityError`` is the database refusing a change
(its triggers say why); ``OverflowError`` a date at the edge of the calendar."""


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
    shared = _key_file_in_use(args)
    company = Company(args.name, args.currency.upper(), args.chart, args.nif, args.nis, args.rc,
                      args.ai, args.address)
    books, key = create_company(args.file, company, args.fiscal_year_start,
                                key_source(args, creating=True))
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


def import_journal(args: argparse.Namespace) -> int:
    with opened(args) as books:
        result = run_import(books, args.csv)
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
    return 0


def _line(spec: str, side: str) -> Line:
    parts = spec.split(":")
    if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
        raise UserError(f"--{side} {spec!r}: expected ACCOUNT:AMOUNT or ACCOUNT:AMOUNT:PARTY")
    amount = money(parts[1].replace(",", "."))
    party = parts[2] if len(parts) == 3 and parts[2] else None
    if side == "debit":
        return Line(parts[0], debit=amount, third_party=party)
    return Line(parts[0], credit=amount, third_party=party)


def post(args: argparse.Namespace) -> int:
    with opened(args) as books:
        if args.draft is not None:
            entry = books.post(EntryId(args.draft))
        else:
            if not (args.journal and args.date and (args.debit or args.credit)):
                raise UserError("give --journal, --date and --debit/--credit lines "
                                "(or --draft ID)")
            lines = tuple([_line(s, "debit") for s in args.debit]
                          + [_line(s, "credit") for s in args.credit])
            draft = Entry(args.journal, args.date, args.label, lines, reference=args.reference)
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


def report(args: argparse.Namespace) -> int:
    usage.count("reports." + args.kind.replace("-", "_"))
    with opened(args) as books, _output(args.output) as out:
        start, end = _period(books, args.start, args.end)
        low, high = _account_range(args.accounts)
        fmt, lang = args.format, args.lang
        if args.kind == "trial-balance":
            tb = balances.trial_balance(books, start, end, low=low, high=high, language=lang)
            render.trial_balance(tb, fmt, out)
        elif args.kind == "general-ledger":
            sections = ledger.general_ledger(books, start, end, low=low, high=high, language=lang)
            render.general_ledger(sections, fmt, out)
        elif args.kind == "journal":
            lines = ledger.journal_lines(books, start, end, journals=tuple(args.journal))
            render.journal(lines, fmt, out)
        elif args.kind == "balance-sheet":
            render.balance_sheet(statements.balance_sheet(books, end, language=lang), fmt, out)
        elif args.kind == "income-statement":
            statement = statements.income_statement(books, start, end, language=lang)
            render.income_statement(statement, fmt, out)
        else:
            render.third_parties(balances.third_party_balances(books, None, end), fmt, out)
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


def lock(args: argparse.Namespace) -> int:
    with opened(args) as books:
        books.set_lock_date(args.date)
    print(f"locked {args.file} up to and including {args.date}")
    return 0


def fiscal_year(args: argparse.Namespace) -> int:
    with opened(args) as books:
        if args.action == "open-next":
            year = books.open_next_fiscal_year()
            print(f"opened fiscal year {year.name}: {year.start} to {year.end}")
        elif args.action == "close":
            if args.start is None:
                raise UserError("give --start DATE, the first day of the year to close")
            year = books.close_fiscal_year(args.start)
            print(f"closed fiscal year {year.name}; nothing more can be posted into it")
        else:
            for year in books.fiscal_years():
                print(f"{year.name:10}  {year.start}  {year.end}  {year.state.value}")
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

