"""The SQL behind the reports: aggregates over indexed tables, and lines page by page.

Sums over a date range read the maintained balances: whole months from ``balance_month`` and the
days at either edge from ``balance_day``, so a trial balance over a million lines reads a few
thousand rows. Line listings use keyset pagination on ``(date, entry id, position)``, so a caller
streams any number of lines with flat memory and a view fetches one screen at a time.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlcipher3.dbapi2 import Cursor

Sums = dict[int, tuple[int, int]]
"""Account id → (debit, credit) in minor units."""

_EPOCH = date(1, 1, 1)


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _split(first: date, last: date) -> tuple[tuple[str, str] | None, list[tuple[str, str]]]:
    """Cover [first, last] with whole months (a month range) and edge day ranges."""
    months_from = first if first.day == 1 else _month_end(first) + timedelta(days=1)
    months_to = last if last == _month_end(last) else last.replace(day=1) - timedelta(days=1)
    if months_from > months_to:
        return None, [(first.isoformat(), last.isoformat())]
    days = []
    if first < months_from:
        days.append((first.isoformat(), (months_from - timedelta(days=1)).isoformat()))
    if months_to < last:
        days.append(((months_to + timedelta(days=1)).isoformat(), last.isoformat()))
    return (months_from.isoformat()[:7], months_to.isoformat()[:7]), days


def range_sums(cur: Cursor, first: date | None, last: date) -> Sums:
    """Posted debit and credit per account between two days inclusive (``None``: since ever)."""
    first = first or _EPOCH
    if first > last:
        return {}
    months, days = _split(first, last)
    parts, params = [], []
    if months:
        parts.append(
            "SELECT account_id, debit, credit FROM balance_month WHERE month BETWEEN ? AND ?"
        )
        params.extend(months)
    for day_range in days:
        parts.append("SELECT account_id, debit, credit FROM balance_day WHERE day BETWEEN ? AND ?")
        params.extend(day_range)
    sql = (
        "SELECT account_id, sum(debit), sum(credit) FROM (" + " UNION ALL ".join(parts) + ")"
        " GROUP BY account_id"
    )
    return {row[0]: (row[1], row[2]) for row in cur.execute(sql, params)}


def journal_range_sums(cur: Cursor, first: date, last: date, journal_ids: Sequence[int]) -> Sums:
    """Posted debit and credit per account of some journals' entries between two days.

    The maintained balances are not kept per journal, so this aggregates the lines of those
    journals in SQL (entries found by their date index, lines by their entry).
    """
    marks = ",".join("?" * len(journal_ids))
    rows = cur.execute(
        "SELECT l.account_id, sum(l.debit), sum(l.credit) FROM entry e "
        "JOIN line l ON l.entry_id = e.id "
        f"WHERE e.status = 'posted' AND e.date BETWEEN ? AND ? AND e.journal_id IN ({marks}) "
        "GROUP BY l.account_id",
        (first.isoformat(), last.isoformat(), *journal_ids),
    )
    return {row[0]: (row[1], row[2]) for row in rows}


@dataclass(frozen=True, slots=True)
class LedgerLine:
    """One posted line as the ledger and journal reports show it; amounts in minor units."""

    date: str
    account: str
    journal: str
    entry_number: int
    entry_id: int
    label: str
    reference: str
    third_party: str
    debit: int
    credit: int
    position: int

    @property
    def key(self) -> tuple[str, int, int]:
        """Where this line sorts in its account: the keyset for the next page."""
        return (self.date, self.entry_id, self.position)


_LINE_SELECT = (
    "SELECT l.date, a.number, j.code, e.number, e.id, "
    "CASE WHEN l.label <> '' THEN l.label ELSE e.label END, e.reference, "
    "coalesce(t.code, ''), l.debit, l.credit, l.position "
    "FROM line l JOIN entry e ON e.id = l.entry_id JOIN journal j ON j.id = e.journal_id "
    "JOIN account a ON a.id = l.account_id LEFT JOIN third_party t ON t.id = l.third_party_id "
)


def account_lines(
    cur: Cursor,
    account_id: int,
    first: date | None,
    last: date,
    *,
    after: tuple[str, int, int] | None = None,
    limit: int = 500,
    skip: tuple[int, date] | None = None,
) -> list[LedgerLine]:
    """Up to ``limit`` posted lines of one account in date order, after ``after`` (a ``key``).

    ``skip`` (journal id, day) leaves out that journal's lines of that day: the opening entries
    a ledger shows as its opening balance rather than as lines.
    """
    key = after or ("", 0, 0)
    where, extra = "", ()
    if skip is not None:
        where, extra = "AND NOT (e.journal_id = ? AND l.date = ?) ", (skip[0], skip[1].isoformat())
    rows = cur.execute(
        _LINE_SELECT
        + "WHERE l.account_id = ? AND l.date BETWEEN ? AND ? "
        "AND (l.date, l.entry_id, l.position) > (?, ?, ?) AND e.status = 'posted' "
        + where + "ORDER BY l.date, l.entry_id, l.position LIMIT ?",
        (account_id, (first or _EPOCH).isoformat(), last.isoformat(), *key, *extra, limit),
    )
    return [LedgerLine(*row) for row in rows]


def iter_account_lines(
    cur: Cursor, account_id: int, first: date | None, last: date, page: int = 2000,
    skip: tuple[int, date] | None = None,
) -> Iterator[LedgerLine]:
    """Every posted line of one account in the range, fetched a page at a time."""
    after = None
    while True:
        rows = account_lines(cur, account_id, first, last, after=after, limit=page, skip=skip)
        yield from rows
        if len(rows) < page:
            return
        after = rows[-1].key


def iter_journal_lines(
    cur: Cursor, first: date | None, last: date, journal_ids: Sequence[int] = (), page: int = 2000
) -> Iterator[LedgerLine]:
    """Posted lines of entries in the range, entry by entry in (date, entry id) order."""
    where = "e.status = 'posted' AND e.date BETWEEN ? AND ? AND (e.date, e.id) > (?, ?)"
    if journal_ids:
        where += f" AND e.journal_id IN ({','.join('?' * len(journal_ids))})"
    key: tuple[str, int] = ("", 0)
    while True:
        entries = cur.execute(
            f"SELECT e.date, e.id FROM entry e WHERE {where} ORDER BY e.date, e.id LIMIT ?",
            ((first or _EPOCH).isoformat(), last.isoformat(), *key, *journal_ids, page),
        ).fetchall()
        if not entries:
            return
        ids = [row[1] for row in entries]
        rows = cur.execute(
            _LINE_SELECT + f"WHERE l.entry_id IN ({','.join('?' * len(ids))}) "
            "ORDER BY e.date, e.id, l.position",
            ids,
        )
        yield from (LedgerLine(*row) for row in rows)
        if len(entries) < page:
            return
        key = (entries[-1][0], entries[-1][1])


def _journal_where(journal_ids: Sequence[int]) -> str:
    where = "e.status = 'posted' AND e.date BETWEEN ? AND ?"
    if journal_ids:
        where += f" AND e.journal_id IN ({','.join('?' * len(journal_ids))})"
    return where


def journal_page(
    cur: Cursor, first: date | None, last: date, journal_ids: Sequence[int] = (), *,
    after: tuple[str, int, int] | None = None, limit: int = 500,
) -> list[LedgerLine]:
    """Up to ``limit`` posted lines after ``after`` (a line's ``key``) in the order of
    ``iter_journal_lines``: the rest of that line's entry, then the entries after it by their
    (date, id) index, so any page costs what the first does."""
    out: list[LedgerLine] = []
    if after is not None:
        out += [LedgerLine(*row) for row in cur.execute(
            _LINE_SELECT + "WHERE l.entry_id = ? AND l.position > ? ORDER BY l.position LIMIT ?",
            (after[1], after[2], limit))]
    entry_key = (after[0], after[1]) if after is not None else ("", 0)
    wanted = limit - len(out)
    if wanted <= 0:
        return out
    entries = cur.execute(
        f"SELECT e.id FROM entry e WHERE {_journal_where(journal_ids)} "
        "AND (e.date, e.id) > (?, ?) ORDER BY e.date, e.id LIMIT ?",
        ((first or _EPOCH).isoformat(), last.isoformat(), *journal_ids, *entry_key, wanted),
    ).fetchall()
    if entries:
        ids = [row[0] for row in entries]
        out += [LedgerLine(*row) for row in cur.execute(
            _LINE_SELECT + f"WHERE l.entry_id IN ({','.join('?' * len(ids))}) "
            "ORDER BY e.date, e.id, l.position LIMIT ?", (*ids, wanted))]
    return out


def count_journal_lines(cur: Cursor, first: date | None, last: date,
                        journal_ids: Sequence[int] = ()) -> int:
    """Posted lines of the entries in the range (of some journals): an export's progress."""
    return cur.execute(
        f"SELECT count(*) FROM entry e JOIN line l ON l.entry_id = e.id "
        f"WHERE {_journal_where(journal_ids)}",
        ((first or _EPOCH).isoformat(), last.isoformat(), *journal_ids)).fetchone()[0]


def count_account_lines(cur: Cursor, account_ids: Sequence[int], first: date | None, last: date,
                        *, skip: tuple[int, date] | None = None) -> int:
    """Posted lines of these accounts in the range, ``skip`` left out as ``account_lines``
    does: an export's progress. Reads the (account, date) index, one account at a time."""
    where, extra = "", ()
    if skip is not None:
        where, extra = " AND NOT (e.journal_id = ? AND l.date = ?)", (skip[0], skip[1].isoformat())
    total = 0
    for account_id in account_ids:
        total += cur.execute(
            "SELECT count(*) FROM line l JOIN entry e ON e.id = l.entry_id "
            "WHERE l.account_id = ? AND l.date BETWEEN ? AND ? AND e.status = 'posted'" + where,
            (account_id, (first or _EPOCH).isoformat(), last.isoformat(), *extra)).fetchone()[0]
    return total


@dataclass(frozen=True, slots=True)
class PartyBalance:
    code: str
    name: str
    kind: str
    account: str
    debit: int
    credit: int


def third_party_sums(
    cur: Cursor, first: date | None, last: date, *, journal_id: int | None = None
) -> list[PartyBalance]:
    """Posted debit and credit per third party and account over the range (of one journal)."""
    where = "" if journal_id is None else " AND e.journal_id = ?"
    rows = cur.execute(
        "SELECT t.code, t.name, t.kind, a.number, sum(l.debit), sum(l.credit) "
        "FROM line l JOIN entry e ON e.id = l.entry_id "
        "JOIN third_party t ON t.id = l.third_party_id JOIN account a ON a.id = l.account_id "
        "WHERE l.third_party_id IS NOT NULL AND e.status = 'posted' AND l.date BETWEEN ? AND ?"
        f"{where} GROUP BY l.third_party_id, l.account_id ORDER BY t.code, a.number",
        ((first or _EPOCH).isoformat(), last.isoformat(),
         *(() if journal_id is None else (journal_id,))),
    )
    return [PartyBalance(*row) for row in rows]


@dataclass(frozen=True, slots=True)
class TaxSums:
    """Posted debit and credit of the lines carrying one tax code, on tax accounts (the VAT) or
    on the others (the base)."""

    code: str
    on_tax_account: bool
    debit: int
    credit: int


def tax_sums(cur: Cursor, first: date, last: date) -> list[TaxSums]:
    """Per tax code, the posted lines over [first, last]: entries found by their date index,
    their lines by entry."""
    rows = cur.execute(
        "SELECT x.code, a.kind = 'tax', sum(l.debit), sum(l.credit) FROM entry e "
        "JOIN line l ON l.entry_id = e.id JOIN tax_code x ON x.id = l.tax_code_id "
        "JOIN account a ON a.id = l.account_id "
        "WHERE e.status = 'posted' AND e.date BETWEEN ? AND ? "
        "GROUP BY x.code, a.kind = 'tax' ORDER BY x.code",
        (first.isoformat(), last.isoformat()),
    )
    return [TaxSums(code, bool(on_tax), debit, credit) for code, on_tax, debit, credit in rows]


def drafts_and_last_posted_day(cur: Cursor) -> tuple[int, date | None]:
    """Drafts waiting and the last day with a posted line (the dashboard's state of the books),
    read from indexes only: a scan of the entries takes a second on a million lines. Only drafts
    lack a posting sequence number (the table's CHECK), and ``balance_day`` holds posted lines
    only."""
    drafts = cur.execute("SELECT count(*) FROM entry WHERE seq IS NULL").fetchone()[0]
    last = cur.execute("SELECT max(day) FROM balance_day").fetchone()[0]
    return drafts, date.fromisoformat(last) if last else None
