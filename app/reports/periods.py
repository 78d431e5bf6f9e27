"""Fiscal years as reports see them, and the result each earlier year carries forward.

Income and expense accounts (classes 6 and 7) restart every fiscal year. Each earlier year's
result is carried forward on its own: a profit to account 120, a loss to 129, as if that year's
closing entries had been posted, so last year's profit and the year before's loss both show.
Dates after the last opened year belong to the twelve-month years that would follow it, so a
report never runs income and expenses on across a year-end just because the year is not open yet.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from app.ledger.model import Account, FiscalYear
from app.store import queries
from app.store.books import Books
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
    out = [(y.start, y.end) for y in years if y.end < start]
    if years and years[-1].end < start:
        day = years[-1].end + timedelta(days=1)
        while True:
            end = year_after(day)
            if end >= start:
                break
            out.append((day, end))
            day = end + timedelta(days=1)
    return out


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


def result_accounts(books: Books, accounts: dict[int, Account]) -> tuple[int, int]:
    """Ids of the accounts receiving a year's profit and a year's loss (SCF and PCG: 120, 129)."""
    numbers = (books.setting("result_profit_account", "120"),
               books.setting("result_loss_account", "129"))
    ids = {a.number: aid for aid, a in accounts.items()}
    missing = [n for n in numbers if n not in ids]
    if missing:
        raise ValueError(f"the chart lacks the result account {', '.join(missing)}")
    return ids[numbers[0]], ids[numbers[1]]


def carried_results(
    books: Books, accounts: dict[int, Account], years: list[FiscalYear], before: date,
    cur: Cursor,
) -> dict[int, int]:
    """Net debit to add to 120 and 129 for the results of the years ending before ``before``."""
    profit_id, loss_id = result_accounts(books, accounts)
    carried = {profit_id: 0, loss_id: 0}
    for start, end in years_before(years, before):
        sums = queries.range_sums(cur, start, end)
        result = sum(d - c for aid, (d, c) in sums.items() if accounts[aid].account_class in (6, 7))
        carried[loss_id if result > 0 else profit_id] += result
    return {aid: net for aid, net in carried.items() if net}
