"""General ledger and journal listing, streamed so that a million lines never sit in memory."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.ledger.money import ZERO, from_minor
from app.reports import periods
from app.reports.balances import in_account_range, opening_balances
from app.store import openings, queries
from app.store.books import Books


@dataclass(frozen=True, slots=True)
class ReportLine:
    date: date
    journal: str
    entry_number: int
    entry_id: int
    account: str
    label: str
    reference: str
    third_party: str
    debit: Decimal
    credit: Decimal
    balance: Decimal
    """General ledger: the account's running balance (debit − credit) after this line."""


@dataclass(frozen=True, slots=True)
class LedgerSection:
    """One account of the general ledger; ``lines`` is consumed once, as it is read."""

    account: str
    label: str
    opening: Decimal
    lines: Iterator[ReportLine]


def _line(books: Books, row: queries.LedgerLine, balance: Decimal) -> ReportLine:
    cur = books.currency
    return ReportLine(
        date.fromisoformat(row.date), row.journal, row.entry_number, row.entry_id, row.account,
        row.label, row.reference, row.third_party, from_minor(row.debit, cur),
        from_minor(row.credit, cur), balance,
    )


def general_ledger(
    books: Books,
    start: date,
    end: date,
    *,
    low: str | None = None,
    high: str | None = None,
    language: str = "fr",
) -> Iterator[LedgerSection]:
    """Accounts with an opening balance or movements in [start, end], each with its lines.

    À-nouveaux dated ``start`` make the opening balance and are not listed again as lines.
    """
    years = books.fiscal_years()
    periods.check_one_year(years, start, end)
    balances = opening_balances(books, start, years)
    with books.read() as cur:
        moved = openings.movements(cur, years, start, end)
        skip = openings.opening_skip(cur, years, start)
    for account in books.accounts().values():
        if not in_account_range(account.number, low, high):
            continue
        opening = balances.get(account.number, from_minor(0, books.currency))
        if not opening and account.id not in moved:
            continue
        yield LedgerSection(account.number, account.label(language), opening,
                            _account_lines(books, account.id, start, end, opening, skip))


def _account_lines(
    books: Books, account_id: int, start: date, end: date, opening: Decimal,
    skip: tuple[int, date] | None,
) -> Iterator[ReportLine]:
    balance = opening
    with books.read() as cur:
        for row in queries.iter_account_lines(cur, account_id, start, end, skip=skip):
            balance += from_minor(row.debit - row.credit, books.currency)
            yield _line(books, row, balance)


def journal_lines(
    books: Books, start: date, end: date, *, journals: tuple[str, ...] = ()
) -> Iterator[ReportLine]:
    """Posted lines entry by entry, in date order, optionally of some journals only."""
    known = books.journals()
    unknown = [code for code in journals if code not in known]
    if unknown:
        raise ValueError(f"unknown journal {', '.join(unknown)}")
    ids = [known[code].id for code in journals]
    with books.read() as cur:
        for row in queries.iter_journal_lines(cur, start, end, ids):
            yield _line(books, row, ZERO)
