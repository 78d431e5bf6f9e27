"""Fiscal years as reports see them, and the result each earlier year carries forward.

Income and expense accounts (classes 6 and 7) restart every fiscal year. Each earlier year's
result is carried forward on its own: a profit to account 120, a loss to 129, as if that year's
closing entries had been posted, so last year's profit and the year before's loss both show.
A year opened by à-nouveaux starts from them instead (``app.store.openings``).
Dates after the last opened year belong to the twelve-month years that would follow it, so a
report never runs income and expenses on across a year-end just because the year is not open yet.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from app.ledger.model import Account, FiscalYear
from app.store import openings
from app.store.years import year_after

if TYPE_CHECKING:
    from sqlcipher3.dbapi2 import Cursor

Year = tuple[date, date]


def year_of(years: list[FiscalYear], day: date) -> Year | None:
    """The fiscal year holding ``day``; after the last year, the one that would follow it; None
    before the first (the books hold nothing then)."""
    for year in years:
        if year.contains(day):
            return year.start, year.end
    if not years or day < years[0].start:
        return None
    start = years[-1].end + timedelta(days=1)
    while True:
        end = year_after(start)
        if day <= end:
            return start, end
        start = end + timedelta(days=1)


def years_before(years: list[FiscalYear], start: date) -> list[Year]:
    """Every fiscal year (opened or following the last one) that ends before ``start``."""
    return openings.years_between(years, None, start)


def check_one_year(years: list[FiscalYear], start: date, end: date) -> None:
    """Refuse a range that crosses a year-end: its income and expenses would not add up."""
    if end < start:
        raise ValueError(f"the range ends ({end}) before it starts ({start})")
    first, last = year_of(years, start), year_of(years, end)
    if first is not None and first != last:
        raise ValueError(
            f"{start} to {end} crosses the end of the fiscal year on {first[1]}; "
            "report one fiscal year at a time"
        )


def carried_results(
    accounts: dict[int, Account], years: list[FiscalYear], before: date, cur: Cursor,
) -> dict[int, int]:
    """Net debit to add to 120 and 129 for the results of the years ending before ``before``
    that no à-nouveaux carry yet (``openings.carried_results``)."""
    classes = {aid: a.account_class for aid, a in accounts.items()}
    return openings.carried_results(cur, classes, years, before)
