"""One account's posted lines over a range, a page at a time, with a running balance.

This is what the drill-down window (``app.ui.reports.drill``) shows; it lives in the reports
layer so that the window holds no reading of the books of its own and the paging can be tested
without Qt. Lines come by keyset paging (``queries.account_lines``), so an account with a million
lines shows its first page at once and never loads them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from app.ledger.model import Account
from app.ledger.money import ZERO, from_minor
from app.reports.balances import opening_balances
from app.store import openings, queries
from app.store.books import Books

PAGE = 200
"""Lines read at a time: a few screens' worth, so scrolling rarely waits."""


@dataclass(frozen=True, slots=True)
class Page:
    """One page of lines as the window shows them, with the keyset of the next page."""

    rows: list[tuple[Any, ...]]
    """(date, entry, label, third party, debit, credit, balance, entry id)."""
    after: tuple[str, int, int] | None
    balance: Decimal
    complete: bool


def read_page(books: Books, account_id: int, first: date | None, last: date,
              after: tuple[str, int, int] | None, balance: Decimal, limit: int | None = None
              ) -> Page:
    """The ``limit`` lines (default ``PAGE``) after ``after``, the running balance carried on
    from ``balance``. Without ``first``, the lines start at the latest à-nouveaux (which make
    the opening balance and are not listed again) or at the beginning of the books."""
    limit = limit or PAGE
    years = books.fiscal_years()
    with books.read() as cur:
        first = first or openings.anchor(cur, years, last)
        skip = openings.opening_skip(cur, years, first) if first else None
        lines = queries.account_lines(cur, account_id, first, last, after=after, limit=limit,
                                      skip=skip)
    rows = []
    for line in lines:
        debit, credit = from_minor(line.debit, books.currency), from_minor(line.credit,
                                                                           books.currency)
        balance += debit - credit
        rows.append((date.fromisoformat(line.date), f"{line.journal}-{line.entry_number}",
                     line.label, line.third_party, debit, credit, balance, line.entry_id))
    return Page(rows, lines[-1].key if lines else after, balance, len(lines) < limit)


def read_start(books: Books, number: str, first: date | None, last: date
               ) -> tuple[Account, Decimal, Page]:
    """The account, its balance at the start of the range, and the first page of lines."""
    account = books.account(number)
    if first is None:
        with books.read() as cur:
            first = openings.anchor(cur, books.fiscal_years(), last)
    opening = opening_balances(books, first).get(number, ZERO) if first else ZERO
    assert account.id is not None
    return account, opening, read_page(books, account.id, first, last, None, opening)
