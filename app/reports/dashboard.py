"""The figures of the dashboard: where the company stands on one day, as data.

Everything comes from the maintained month and day balances (``queries.range_sums``), so the page
opens as fast on a million lines as on ten. Balance-sheet positions (cash, receivables, payables,
taxes) count every posted line up to the day; income and expenses (classes 6 and 7) restart each
fiscal year, so the result and the monthly figures run from the start of the fiscal year holding
the day (``periods.year_of``, which also covers years that are not opened yet).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from app.ledger.model import Account, AccountKind, FiscalYear
from app.ledger.money import ZERO, Currency, from_minor
from app.reports import periods
from app.store import openings, queries
from app.store.books import Books

CASH_KINDS = (AccountKind.BANK, AccountKind.CASH)


@dataclass(frozen=True, slots=True)
class AccountBalance:
    account: Account
    balance: Decimal
    """Debit − credit at the dashboard's day."""


@dataclass(frozen=True, slots=True)
class MonthFigures:
    """Income and expenses of one calendar month (or the part of it inside the range)."""

    first: date
    last: date
    revenue: Decimal
    """Class 7: credit − debit."""
    expenses: Decimal
    """Class 6: debit − credit."""

    @property
    def result(self) -> Decimal:
        return self.revenue - self.expenses


@dataclass(frozen=True, slots=True)
class Dashboard:
    at: date
    year: tuple[date, date] | None
    """The fiscal year holding ``at`` (None before the books begin)."""
    cash_accounts: tuple[AccountBalance, ...]
    """Bank and cash accounts that have ever moved, by number."""
    receivables: Decimal
    """What customers owe: the debit balances of customer accounts."""
    payables: Decimal
    """What is owed to suppliers: the credit balances of supplier accounts."""
    taxes: Decimal
    """Net credit of the tax accounts: owed to the State if positive, a credit if negative."""
    months: tuple[MonthFigures, ...]
    """Each month of the fiscal year from its start up to ``at``."""
    drafts: int
    last_posted: date | None
    lock_date: date | None

    @property
    def cash(self) -> Decimal:
        return sum((a.balance for a in self.cash_accounts), ZERO)

    @property
    def revenue(self) -> Decimal:
        return sum((m.revenue for m in self.months), ZERO)

    @property
    def expenses(self) -> Decimal:
        return sum((m.expenses for m in self.months), ZERO)

    @property
    def result(self) -> Decimal:
        """Result of the fiscal year to date: a profit if positive."""
        return self.revenue - self.expenses


def as_of(year: FiscalYear | None, today: date) -> date:
    """The day a dashboard shows: today, kept inside the current fiscal year, so a year already
    over shows its end and a year not begun its start."""
    if year is None:
        return today
    return min(max(today, year.start), year.end)


def month_ranges(first: date, last: date) -> list[tuple[date, date]]:
    """[first, last] cut at month ends: ``(2025-01-15, 2025-03-02)`` gives three ranges."""
    out = []
    day = first
    while day <= last:
        end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        out.append((day, min(end, last)))
        day = end + timedelta(days=1)
    return out


def dashboard(books: Books, at: date) -> Dashboard:
    """Cash, receivables, payables, taxes, the year's result month by month, and the state of
    the books (drafts waiting, last posting, lock date) on ``at``."""
    accounts = {a.id: a for a in books.accounts().values()}
    years = books.fiscal_years()
    year = periods.year_of(years, at)
    ranges = month_ranges(year[0], at) if year else []
    with books.read() as cur:
        to_date = openings.position_sums(cur, years, at)
        month_sums = [queries.range_sums(cur, first, last) for first, last in ranges]
        drafts, last_posted = queries.drafts_and_last_posted_day(cur)
    net = {aid: d - c for aid, (d, c) in to_date.items()}
    unit = books.currency
    return Dashboard(
        at=at,
        year=year,
        cash_accounts=tuple(
            AccountBalance(accounts[aid], from_minor(net[aid], unit))
            for aid in sorted(net, key=lambda aid: accounts[aid].number)
            if accounts[aid].kind in CASH_KINDS
        ),
        receivables=from_minor(_sided(net, accounts, AccountKind.CUSTOMER, 1), unit),
        payables=from_minor(_sided(net, accounts, AccountKind.SUPPLIER, -1), unit),
        taxes=from_minor(-_kind_net(net, accounts, AccountKind.TAX), unit),
        months=tuple(_month(first, last, sums, accounts, unit)
                     for (first, last), sums in zip(ranges, month_sums, strict=True)),
        drafts=drafts,
        last_posted=last_posted,
        lock_date=books.lock_date(),
    )


def _kind_net(net: dict[int, int], accounts: dict[int, Account], kind: AccountKind) -> int:
    return sum(n for aid, n in net.items() if accounts[aid].kind is kind)


def _sided(net: dict[int, int], accounts: dict[int, Account], kind: AccountKind,
           sign: int) -> int:
    """Sum of the balances on one side (1: debit, −1: credit) of the accounts of ``kind``, as a
    balance sheet shows them: customers' advances are not netted against what others owe."""
    return sum(max(sign * n, 0) for aid, n in net.items() if accounts[aid].kind is kind)


def _month(first: date, last: date, sums: queries.Sums, accounts: dict[int, Account],
           cur: Currency) -> MonthFigures:
    revenue = -_class_net(sums, accounts, 7)
    return MonthFigures(first, last, from_minor(revenue, cur),
                        from_minor(_class_net(sums, accounts, 6), cur))


def _class_net(sums: queries.Sums, accounts: dict[int, Account], account_class: int) -> int:
    """Debit − credit of the accounts of one class."""
    return sum(d - c for aid, (d, c) in sums.items()
               if accounts[aid].account_class == account_class)
