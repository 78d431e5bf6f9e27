"""The commands over a company file as a whole: create it (or the demo), import a journal, verify
it, set its details, lock it, change its key."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from app.cli.session import (
    UsageError,
    UserError,
    default_parties,
    key_source,
    opened,
    print_defaulted,
    secret,
)
from app.io.csv_journal import import_journal as run_import
from app.ledger.identifiers import IDENTIFIERS, identifier_problem
from app.ledger.model import Company
from app.store.company import create_company, rekey
from app.store.keys import recovery_key
from app.store.verify import verify as run_verify
from app.store.years import first_year_problem
from sync.client import usage


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

