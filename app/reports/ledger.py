"""General ledger and journal listing, streamed so that a million lines never sit in memory."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import IntEnum
from typing import NamedTuple

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


# --- keyset pages ------------------------------------------------------------------------------
# A view or an export reads the ledger a page at a time from a small key, so memory never holds
# more than a page whatever the size of the books. The plan (accounts, openings, totals) comes
# from the maintained sums, not from reading lines, so it is ready before the first line is read.


class RowKind(IntEnum):
    """What a display row is; also its order within an account of the general ledger."""

    BEFORE = -1
    """Not a row: the state before an account's heading (where reading an account starts)."""
    HEADING = 0
    OPENING = 1
    LINE = 2
    TOTAL = 3
    GRAND_TOTAL = 4


class LedgerKey(NamedTuple):
    """Where reading resumes after a general ledger row: small, whatever the row."""

    position: int
    """Index of the account in the plan (its count for the grand total)."""
    line: tuple[str, int, int] | None
    """The line's keyset (``queries.LedgerLine.key``), for a line row."""
    balance: Decimal
    """The account's running balance after this row."""
    kind: RowKind


class JournalKey(NamedTuple):
    """Where reading resumes after a journal row: the line's (date, entry id, position)."""

    line: tuple[str, int, int]
    kind: RowKind


@dataclass(frozen=True, slots=True)
class DisplayRow:
    """One row as the reports show it; ``line`` for a line, the amounts for the others."""

    kind: RowKind
    key: LedgerKey | JournalKey
    account: str = ""
    label: str = ""
    """The account's label, on its heading."""
    line: ReportLine | None = None
    debit: Decimal | None = None
    credit: Decimal | None = None
    balance: Decimal | None = None


@dataclass(frozen=True, slots=True)
class PlannedAccount:
    id: int
    number: str
    label: str
    opening: Decimal
    debit: Decimal
    credit: Decimal
    """The period's movements, à-nouveaux of the first day left out as the lines are."""

    @property
    def closing(self) -> Decimal:
        return self.opening + self.debit - self.credit


@dataclass(frozen=True, slots=True)
class LedgerPlan:
    """The general ledger's accounts and totals, read once; every page is read from it."""

    start: date
    end: date
    accounts: tuple[PlannedAccount, ...]
    skip: tuple[int, date] | None
    lines: int | None = None
    """Lines listed (``count=True``): what an export's progress counts to."""

    @property
    def debit(self) -> Decimal:
        return sum((a.debit for a in self.accounts), ZERO)

    @property
    def credit(self) -> Decimal:
        return sum((a.credit for a in self.accounts), ZERO)

    @property
    def rows(self) -> int | None:
        """Display rows: four around each account's lines, the grand total at the end."""
        return None if self.lines is None else self.lines + 3 * len(self.accounts) + 1


def general_ledger_plan(
    books: Books, start: date, end: date, *, low: str | None = None, high: str | None = None,
    language: str = "fr", count: bool = False,
) -> LedgerPlan:
    """The accounts ``general_ledger`` lists, with their opening balance and the period's debit
    and credit from the sums; ``count`` also counts their lines (an index scan)."""
    years = books.fiscal_years()
    periods.check_one_year(years, start, end)
    balances = opening_balances(books, start, years)
    currency = books.currency
    with books.read() as cur:
        moved = openings.movements(cur, years, start, end)
        skip = openings.opening_skip(cur, years, start)
        planned = []
        for account in books.accounts().values():
            if not in_account_range(account.number, low, high):
                continue
            opening = balances.get(account.number, from_minor(0, currency))
            if not opening and account.id not in moved:
                continue
            debit, credit = moved.get(account.id, (0, 0))
            planned.append(PlannedAccount(account.id, account.number, account.label(language),
                                          opening, from_minor(debit, currency),
                                          from_minor(credit, currency)))
        lines = queries.count_account_lines(cur, [a.id for a in planned], start, end,
                                            skip=skip) if count else None
    return LedgerPlan(start, end, tuple(planned), skip, lines)


def general_ledger_rows(
    books: Books, plan: LedgerPlan, after: LedgerKey | None, limit: int
) -> list[DisplayRow]:
    """Up to ``limit`` rows after ``after`` (``None``: from the top), in the order the general
    ledger shows them: per account a heading, the opening balance, the lines with their running
    balance and the account's total; the grand total last."""
    position, line_key, balance, kind = after or LedgerKey(0, None, ZERO, RowKind.BEFORE)
    if kind is RowKind.TOTAL:
        position, kind = position + 1, RowKind.BEFORE
    out: list[DisplayRow] = []
    with books.read() as cur:
        while len(out) < limit:
            if position >= len(plan.accounts):
                if kind is not RowKind.GRAND_TOTAL:
                    out.append(DisplayRow(
                        RowKind.GRAND_TOTAL, LedgerKey(position, None, ZERO, RowKind.GRAND_TOTAL),
                        debit=plan.debit, credit=plan.credit))
                break
            account = plan.accounts[position]
            if kind is RowKind.BEFORE:
                kind = RowKind.HEADING
                out.append(DisplayRow(kind, LedgerKey(position, None, ZERO, kind),
                                      account.number, account.label))
            elif kind is RowKind.HEADING:
                kind, balance, line_key = RowKind.OPENING, account.opening, None
                out.append(DisplayRow(kind, LedgerKey(position, None, balance, kind),
                                      account.number, balance=balance))
            else:
                wanted = limit - len(out)
                rows = queries.account_lines(cur, account.id, plan.start, plan.end,
                                             after=line_key, limit=wanted, skip=plan.skip)
                for row in rows:
                    balance += from_minor(row.debit - row.credit, books.currency)
                    key = LedgerKey(position, row.key, balance, RowKind.LINE)
                    out.append(DisplayRow(RowKind.LINE, key, account.number,
                                          line=_line(books, row, balance)))
                if len(rows) == wanted:
                    break  # maybe more lines: the next page reads on from the last one's key
                out.append(DisplayRow(RowKind.TOTAL,
                                      LedgerKey(position, None, balance, RowKind.TOTAL),
                                      account.number, debit=account.debit,
                                      credit=account.credit, balance=account.closing))
                position, kind = position + 1, RowKind.BEFORE
    return out


@dataclass(frozen=True, slots=True)
class JournalPlan:
    """The journal's range, journals and totals (from the sums), read once."""

    start: date
    end: date
    journal_ids: tuple[int, ...]
    debit: Decimal
    credit: Decimal
    lines: int | None = None

    @property
    def rows(self) -> int | None:
        return None if self.lines is None else self.lines + 1


def journal_plan(
    books: Books, start: date, end: date, *, journals: tuple[str, ...] = (), count: bool = False
) -> JournalPlan:
    """What ``journal_lines`` lists, with its debit and credit totals from the sums."""
    known = books.journals()
    unknown = [code for code in journals if code not in known]
    if unknown:
        raise ValueError(f"unknown journal {', '.join(unknown)}")
    ids = tuple(known[code].id for code in journals)
    with books.read() as cur:
        sums = (queries.journal_range_sums(cur, start, end, ids) if ids
                else queries.range_sums(cur, start, end))
        lines = queries.count_journal_lines(cur, start, end, ids) if count else None
    debit = sum(d for d, _ in sums.values())
    credit = sum(c for _, c in sums.values())
    return JournalPlan(start, end, ids, from_minor(debit, books.currency),
                       from_minor(credit, books.currency), lines)


def journal_rows(
    books: Books, plan: JournalPlan, after: JournalKey | None, limit: int
) -> list[DisplayRow]:
    """Up to ``limit`` rows after ``after``: the lines entry by entry, then the total."""
    if after is not None and after.kind is RowKind.GRAND_TOTAL:
        return []
    with books.read() as cur:
        rows = queries.journal_page(cur, plan.start, plan.end, plan.journal_ids,
                                     after=after.line if after else None, limit=limit)
    out = [DisplayRow(RowKind.LINE, JournalKey(row.key, RowKind.LINE), row.account,
                      line=_line(books, row, ZERO)) for row in rows]
    if len(out) < limit:
        last = after.line if after and not rows else (rows[-1].key if rows else ("", 0, 0))
        out.append(DisplayRow(RowKind.GRAND_TOTAL, JournalKey(last, RowKind.GRAND_TOTAL),
                              debit=plan.debit, credit=plan.credit))
    return out
