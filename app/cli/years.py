"""``daftar fiscal-year``: the books' years opened, checked, closed, and their result allocated.

Closing posts the next year's à-nouveaux in the same transaction (``app.store.closing``); the
allocation of a closed year's result is posted once the general meeting has decided it.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from app.cli.session import UsageError, UserError, opened
from app.io.cells import parse_amount
from app.ledger.money import Currency, from_minor
from app.ledger.problems import plain
from app.store.books import Books
from app.store.closing import ClosingRefused


def fiscal_year(args: argparse.Namespace) -> int:
    with opened(args) as books:
        if args.action == "open-next":
            year = books.open_next_fiscal_year()
            print(f"opened fiscal year {year.name}: {year.start} to {year.end}")
        elif args.action == "allocate":
            if args.start is None or args.date is None or not args.to:
                raise UserError("give --start (the closed year), --date and at least one --to")
            entry = books.allocate_result(args.start, args.date,
                                          _shares(args.to, books.currency))
            print(f"posted {entry.journal}-{entry.number} (entry {entry.id}) on {entry.date}: "
                  f"{entry.label}")
            for line in entry.lines:
                side = "debit " if line.debit else "credit"
                print(f"  {line.account:8} {side} {plain(line.debit or line.credit)}")
        elif args.action in ("close", "check"):
            if args.start is None:
                raise UserError(f"give --start DATE, the first day of the year to {args.action}")
            _year_end(books, args.start, close=args.action == "close" and not args.dry_run)
        else:
            for year in books.fiscal_years():
                print(f"{year.name:10}  {year.start}  {year.end}  {year.state.value}")
    return 0


def _shares(specs: Sequence[str], currency: Currency) -> dict[str, Decimal | None]:
    """``--to ACCOUNT[:AMOUNT]`` options; the one without an amount takes the rest."""
    shares: dict[str, Decimal | None] = {}
    for spec in specs:
        account, _, amount = spec.partition(":")
        if not account.strip().isdigit():
            raise UsageError(f"--to {spec!r}: expected ACCOUNT or ACCOUNT:AMOUNT, e.g. 1061:50000")
        shares[account.strip()] = (from_minor(parse_amount(amount, currency.exponent), currency)
                                   if amount.strip() else None)
    return shares


def _year_end(books: Books, start: date, *, close: bool) -> None:
    """Close the year (or say what closing it would do): its result, and the à-nouveaux the
    next year opens with, which the closing posts in the same transaction."""
    if not close:
        problems = books.closing_problems(start)
        if problems:
            raise ClosingRefused(problems)
    outcome = books.close_fiscal_year(start) if close else books.plan_year_end(start)
    year, following = outcome.year.name, outcome.next_start.isoformat()
    verb = "closed" if close else "can close"
    tail = "; nothing more can be posted into it" if close else ""
    print(f"{verb} fiscal year {year}{tail}")
    kind = "profit" if outcome.result >= 0 else "loss"
    print(f"result of {year}: {kind} {plain(abs(outcome.result))}")
    if outcome.entry_id is not None:
        entry = books.entry(outcome.entry_id)
        number = f"{entry.journal}-{entry.number} (entry {outcome.entry_id})"
        if outcome.already_opened:
            print(f"à-nouveaux on {following}: {outcome.already_opened} lines were already "
                  f"posted; {number} adds the {outcome.posted_lines} lines they lacked")
        else:
            print(f"à-nouveaux on {following}: {number}, {outcome.posted_lines} lines")
    elif outcome.posted_lines:
        had = (f"{outcome.already_opened} lines are already posted; " if outcome.already_opened
               else "")
        print(f"à-nouveaux on {following}: {had}closing would post {outcome.posted_lines} lines")
    else:
        print(f"à-nouveaux on {following}: the {outcome.already_opened} lines already posted "
              f"match the balances of {year}; nothing to add")
