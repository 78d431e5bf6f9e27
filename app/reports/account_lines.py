"""One account's posted lines over a range, a page at a time, with a running balance.

This is what the drill-down window (``app.ui.reports.drill``) shows; it lives in the reports
layer so that the window holds no reading of the books of its own and the paging can be tested
without Qt. Lines come by keyset paging (``queries.account_lines``), so an account with a million
lines shows its first page at once and never loads them all.

Each line's ``key`` is its keyset *and* the balance after it: a page read again from the key it
starts after (the bounded paged model drops far pages and re-reads them) carries the running
balance on exactly as the first read did, without summing the lines before it.
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

Keyset = tuple[str, int, int]
"""Where a line sorts in its account: (date, entry id, position)."""
LineKey = tuple[Keyset, Decimal]
"""A line's keyset and the running balance after it: enough to read on from that line."""


@dataclass(frozen=True, slots=True)
class AccountLine:
    """One line as the window shows it, with the balance after it and where it sorts."""

    day: date
    entry: str
    """Journal and number, e.g. ``BQ-12``."""
    label: str
    third_party: str
    debit: Decimal
    credit: Decimal
    balance: Decimal
    """The running balance after this line."""
    entry_id: int
    keyset: Keyset

    @property
    def key(self) -> LineKey:
        return (self.keyset, self.balance)

    @property
    def cells(self) -> tuple[Any, ...]:
        """(date, entry, label, third party, debit, credit, balance, entry id)."""
        return (self.day, self.entry, self.label, self.third_party, self.debit, self.credit,
                self.balance, self.entry_id)


@dataclass(frozen=True, slots=True)
class LinesQuery:
    """Which lines to list: an account over a range, from its balance at the start."""

    account_id: int
    first: date | None
    """``None``: from the latest à-nouveaux (or the beginning of the books)."""
    last: date
    opening: Decimal


@dataclass(frozen=True, slots=True)
class Page:
    """One page of lines as the window shows them, with the keyset of the next page."""

    rows: list[tuple[Any, ...]]
    """(date, entry, label, third party, debit, credit, balance, entry id)."""
    after: Keyset | None
    balance: Decimal
    complete: bool


def read_lines(books: Books, query: LinesQuery, after: LineKey | None,
               limit: int | None = None) -> list[AccountLine]:
    """Up to ``limit`` lines (default ``PAGE``) after the line whose ``key`` is ``after``, the
    running balance carried on from that key (from ``query.opening`` when ``after`` is None).
    Without ``query.first``, the lines start at the latest à-nouveaux (which make the opening
    balance and are not listed again) or at the beginning of the books."""
    keyset, balance = after if after is not None else (None, query.opening)
    return _read(books, query.account_id, query.first, query.last, keyset, balance,
                 limit or PAGE)


def _read(books: Books, account_id: int, first: date | None, last: date,
          after: Keyset | None, balance: Decimal, limit: int) -> list[AccountLine]:
    years = books.fiscal_years()
    with books.read() as cur:
        first = first or openings.anchor(cur, years, last)
        skip = openings.opening_skip(cur, years, first) if first else None
        lines = queries.account_lines(cur, account_id, first, last, after=after, limit=limit,
                                      skip=skip)
    rows = []
    for line in lines:
        debit = from_minor(line.debit, books.currency)
        credit = from_minor(line.credit, books.currency)
        balance += debit - credit
        rows.append(AccountLine(date.fromisoformat(line.date),
                                f"{line.journal}-{line.entry_number}", line.label,
                                line.third_party, debit, credit, balance, line.entry_id,
                                line.key))
    return rows


def read_page(books: Books, account_id: int, first: date | None, last: date,
              after: Keyset | None, balance: Decimal, limit: int | None = None) -> Page:
    """The ``limit`` lines (default ``PAGE``) after ``after``, the running balance carried on
    from ``balance``, as a ``Page`` of row tuples (see ``read_lines`` for ``first``)."""
    limit = limit or PAGE
    lines = _read(books, account_id, first, last, after, balance, limit)
    return Page([line.cells for line in lines], lines[-1].keyset if lines else after,
                lines[-1].balance if lines else balance, len(lines) < limit)


def read_opening(books: Books, number: str, first: date | None, last: date
                 ) -> tuple[Account, Decimal]:
    """The account and its balance at the start of the range (before its first listed line)."""
    account = books.account(number)
    if first is None:
        with books.read() as cur:
            first = openings.anchor(cur, books.fiscal_years(), last)
    opening = opening_balances(books, first).get(number, ZERO) if first else ZERO
    assert account.id is not None
    return account, opening


def read_start(books: Books, number: str, first: date | None, last: date
               ) -> tuple[Account, Decimal, Page]:
    """The account, its balance at the start of the range, and the first page of lines."""
    account, opening = read_opening(books, number, first, last)
    assert account.id is not None
    return account, opening, read_page(books, account.id, first, last, None, opening)
