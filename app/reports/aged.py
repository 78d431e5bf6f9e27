"""Aged balance of receivables or payables: what each third party owes (or is owed) at a date,
by how long it has been overdue.

The open items (``app.store.open_items``) are bucketed by days overdue at the date, counted from
each line's due date, or from its date when it has none: not yet due, 0–30, 31–60, 61–90 and over
90 days. Receivables are shown as debit − credit (what customers owe), payables as credit − debit
(what is owed to suppliers), so the usual balance is positive on both sides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from app.ledger.model import Account, AccountKind
from app.ledger.money import ZERO, Currency, from_minor
from app.reports.balances import in_account_range
from app.store import open_items, openings
from app.store.books import Books

BUCKETS = ("not_due", "days_0_30", "days_31_60", "days_61_90", "over_90")
"""Column keys, in the order of ``open_items.bucket_of``."""


class Side(StrEnum):
    RECEIVABLES = "receivables"
    PAYABLES = "payables"


@dataclass(frozen=True, slots=True)
class AgedRow:
    """One third party (code "" for lines naming none): its open amount per bucket."""

    code: str
    name: str
    buckets: tuple[Decimal, ...]

    @property
    def total(self) -> Decimal:
        return sum(self.buckets, ZERO)


@dataclass(frozen=True, slots=True)
class OpenItem:
    """One open line of the detail: ``amount`` signed as the report's side."""

    code: str
    name: str
    account: str
    entry: str
    """``VT-12``: the journal and the entry's number."""
    reference: str
    date: date
    due_date: date
    """The line's due date, or its date when it has none."""
    label: str
    letter: str
    """Lower case: the line is in a partial letter group; "" when it has no letter."""
    amount: Decimal
    days_overdue: int
    entry_id: int | None = None
    """The entry the line is in: where the desktop's drill-down opens it."""

    @property
    def bucket(self) -> str:
        return BUCKETS[open_items.bucket_of(self.days_overdue)]


@dataclass(frozen=True, slots=True)
class AgedBalance:
    at: date
    side: Side
    currency: str
    accounts: tuple[str, ...]
    """The account numbers read."""
    rows: tuple[AgedRow, ...]
    items: tuple[OpenItem, ...] = ()
    """The open lines, when the detail was asked for."""

    @property
    def totals(self) -> tuple[Decimal, ...]:
        return tuple(sum((row.buckets[n] for row in self.rows), ZERO)
                     for n in range(len(BUCKETS)))

    @property
    def total(self) -> Decimal:
        return sum(self.totals, ZERO)


def aged_accounts(accounts: Sequence[Account], side: Side, low: str | None = None,
                  high: str | None = None) -> list[Account]:
    """The postable accounts read: the side's kind (customer, supplier), or every account in
    [low, high] when a range is given (the side then only signs the amounts)."""
    if low or high:
        return [a for a in accounts if a.postable and in_account_range(a.number, low, high)]
    kind = AccountKind.CUSTOMER if side is Side.RECEIVABLES else AccountKind.SUPPLIER
    return [a for a in accounts if a.postable and a.kind is kind]


def aged_balance(books: Books, at: date, *, side: Side = Side.RECEIVABLES,
                 low: str | None = None, high: str | None = None,
                 detail: bool = False) -> AgedBalance:
    """The aged balance at ``at``, per third party; ``detail`` adds every open line."""
    chosen = aged_accounts(list(books.accounts().values()), side, low, high)
    ids = [a.id for a in chosen if a.id is not None]
    sign = 1 if side is Side.RECEIVABLES else -1
    cur_ = books.currency
    years = books.fiscal_years()
    with books.read() as cur:
        first = openings.anchor(cur, years, at)
        sums = open_items.aged_sums(cur, ids, first, at)
        lines = open_items.open_lines(cur, ids, first, at) if detail else []
    rows = tuple(AgedRow(p.code, p.name, tuple(from_minor(sign * v, cur_) for v in p.buckets))
                 for p in sums if any(p.buckets))
    items = tuple(_item(line, sign, cur_) for line in lines)
    return AgedBalance(at, side, cur_.code, tuple(a.number for a in chosen), rows, items)


def _item(line: open_items.OpenLine, sign: int, currency: Currency) -> OpenItem:
    letter = line.letter.lower() if line.letter else ""
    return OpenItem(
        line.code, line.name, line.account, f"{line.journal}-{line.number}", line.reference,
        line.date, line.due_date or line.date, line.label, letter,
        from_minor(sign * (line.debit - line.credit), currency),
        line.days_overdue, line.entry_id)
