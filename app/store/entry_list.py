"""The entries list: which entries match a filter, how many, and one sorted page of them.

A company file can hold hundreds of thousands of entries, so the list never reads them all. Pages
use keyset pagination on ``(sort value, entry id)``: the next page starts strictly after the last
row's key, so page 2,000 costs what page 1 costs when an index gives the order (date sort, through
``entry_date``, whose trailing rowid is the entry id). Other sorts have no index: SQLite scans the
matching entries and keeps the best ``limit`` in a small heap, one pass per page.

Totals (debit sum and line count) are computed for the rows of the page only, by a second query on
the line table's primary key. Sorting by amount is the exception: the sort value *is* the total,
so every matching entry's lines are summed on each page (one primary-key probe per entry, about a
second per page on a million lines). The interface says so where it offers that sort.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlcipher3.dbapi2 import Cursor

from app.ledger.model import EntryStatus
from app.ledger.money import to_minor
from app.ledger.text import fold
from app.store.books import Books

_LAST_NUMBER = 1 << 62
"""Drafts have no number: in journal order they come after the numbered entries of their year."""


class EntrySort(StrEnum):
    DATE = "date"
    NUMBER = "number"
    """Journal code, then fiscal year, then number within it."""
    REFERENCE = "reference"
    LABEL = "label"
    STATUS = "status"
    AMOUNT = "amount"
    """Total debit: needs every matching entry's sum, see the module docstring."""


_SORT_COLUMNS: dict[EntrySort, tuple[str, ...]] = {
    EntrySort.DATE: ("e.date",),
    EntrySort.NUMBER: ("j.code", "e.fiscal_year_id", f"coalesce(e.number, {_LAST_NUMBER})"),
    EntrySort.REFERENCE: ("e.reference COLLATE NOCASE",),
    EntrySort.LABEL: ("e.label COLLATE NOCASE",),
    EntrySort.STATUS: ("e.status", "e.date"),
    EntrySort.AMOUNT: ("coalesce((SELECT sum(s.debit) FROM line s WHERE s.entry_id = e.id), 0)",),
}


@dataclass(frozen=True, slots=True)
class EntryFilter:
    """What the user narrowed the list to; the empty filter matches every entry."""

    journals: tuple[str, ...] = ()
    """Journal codes; empty means every journal."""
    first: date | None = None
    last: date | None = None
    status: EntryStatus | None = None
    """``None``: drafts and posted entries alike."""
    account_prefix: str = ""
    """Entries having a line on an account whose number starts with this."""
    amount: Decimal | None = None
    """Entries having a line whose debit or credit is exactly this (its sign is ignored)."""
    text: str = ""
    """Found in the entry's label or reference or a line's label, ignoring case and accents
    (``app.ledger.text.fold`` on both sides)."""


@dataclass(frozen=True, slots=True)
class EntryRow:
    """One entry as the list shows it; ``total_debit`` in minor units."""

    id: int
    date: date
    journal: str
    number: int | None
    reference: str
    label: str
    status: EntryStatus
    total_debit: int
    line_count: int
    key: tuple[object, ...]
    """The row's sort values and id: pass it as ``after_key`` to get the page after it."""


def like_pattern(text: str) -> str:
    """``%text%`` with LIKE's wildcards and the escape character taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _folded_like(column: str) -> str:
    """``fold(column) LIKE ?`` (two parameters: the folded pattern twice). An ASCII value skips
    the Python call: LIKE already ignores ASCII case, so the answer is the same; on a million
    lines a search takes about 0.7 s instead of 1.0 s (0.5 s for the old accent-blind LIKE)."""
    return (f"(CASE WHEN length(CAST({column} AS BLOB)) = length({column}) "
            f"THEN {column} LIKE ? ESCAPE '\\' ELSE fold({column}) LIKE ? ESCAPE '\\' END)")


def _where(books: Books, filt: EntryFilter) -> tuple[list[str], list[object]]:
    """SQL conditions on ``entry e`` (and ``journal j``) for a filter, with their parameters."""
    clauses: list[str] = []
    params: list[object] = []
    if filt.journals:
        clauses.append(f"j.code IN ({','.join('?' * len(filt.journals))})")
        params.extend(filt.journals)
    if filt.first is not None:
        clauses.append("e.date >= ?")
        params.append(filt.first.isoformat())
    if filt.last is not None:
        clauses.append("e.date <= ?")
        params.append(filt.last.isoformat())
    if filt.status is not None:
        clauses.append("e.status = ?")
        params.append(filt.status.value)
    if filt.account_prefix:
        clauses.append("EXISTS (SELECT 1 FROM line l JOIN account a ON a.id = l.account_id "
                       "WHERE l.entry_id = e.id AND a.number LIKE ? ESCAPE '\\')")
        params.append(like_pattern(filt.account_prefix)[1:])
    if filt.amount is not None:
        minor = to_minor(abs(filt.amount), books.currency)
        clauses.append("EXISTS (SELECT 1 FROM line l WHERE l.entry_id = e.id "
                       "AND (l.debit = ? OR l.credit = ?))")
        params.extend((minor, minor))
    if filt.text:
        pattern = like_pattern(fold(filt.text))
        clauses.append(f"({_folded_like('e.label')} OR {_folded_like('e.reference')} "
                       "OR EXISTS (SELECT 1 FROM line l WHERE l.entry_id = e.id "
                       f"AND {_folded_like('l.label')}))")
        params.extend([pattern] * 6)
    return clauses, params


def count_entries(books: Books, filt: EntryFilter) -> int:
    """How many entries match: the count the list shows above its rows."""
    clauses, params = _where(books, filt)
    join = " JOIN journal j ON j.id = e.journal_id" if filt.journals else ""
    sql = f"SELECT count(*) FROM entry e{join}" + (
        " WHERE " + " AND ".join(clauses) if clauses else "")
    with books.read() as cur:
        return cur.execute(sql, params).fetchone()[0]


def _page_sql(
    sort: EntrySort, descending: bool, clauses: list[str], keyset: bool
) -> str:
    columns = (*_SORT_COLUMNS[sort], "e.id")
    direction = " DESC" if descending else ""
    where = list(clauses)
    if keyset:
        holes = ", ".join("?" * len(columns))
        where.append(f"({', '.join(columns)}) {'<' if descending else '>'} ({holes})")
    return (
        "SELECT e.id, e.date, j.code, e.number, e.reference, e.label, e.status, "
        + ", ".join(columns)
        + " FROM entry e JOIN journal j ON j.id = e.journal_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY " + ", ".join(c + direction for c in columns)
        + " LIMIT ?" + ("" if keyset else " OFFSET ?")
    )


def entry_page(
    books: Books,
    filt: EntryFilter,
    sort: EntrySort = EntrySort.DATE,
    descending: bool = False,
    *,
    after_key: tuple[object, ...] | None = None,
    offset: int = 0,
    limit: int = 200,
) -> list[EntryRow]:
    """Up to ``limit`` matching entries in sort order, after ``after_key`` (a row's ``key``).

    Without ``after_key`` the page starts at ``offset`` (cheap near the start only: SQLite steps
    over the skipped rows). Ties in the sort value are broken by entry id, in the same direction.
    """
    clauses, params = _where(books, filt)
    keyset = after_key is not None
    sql = _page_sql(sort, descending, clauses, keyset)
    tail = [*after_key, limit] if keyset else [limit, offset]
    with books.read() as cur:
        heads = cur.execute(sql, [*params, *tail]).fetchall()
        totals = _totals(cur, [row[0] for row in heads])
    return [
        EntryRow(row[0], date.fromisoformat(row[1]), row[2], row[3], row[4], row[5],
                 EntryStatus(row[6]), *totals.get(row[0], (0, 0)), key=tuple(row[7:]))
        for row in heads
    ]


def _totals(cur: Cursor, ids: list[int], chunk: int = 500) -> dict[int, tuple[int, int]]:
    """Debit sum and line count of the given entries only, through the line primary key."""
    out: dict[int, tuple[int, int]] = {}
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        rows = cur.execute(
            f"SELECT entry_id, sum(debit), count(*) FROM line "
            f"WHERE entry_id IN ({','.join('?' * len(part))}) GROUP BY entry_id", part)
        out.update((row[0], (row[1], row[2])) for row in rows)
    return out


def query_plan(books: Books, filt: EntryFilter, sort: EntrySort, descending: bool) -> list[str]:
    """SQLite's plan for a keyset page (tests check that the date sort walks an index)."""
    clauses, params = _where(books, filt)
    sql = _page_sql(sort, descending, clauses, keyset=True)
    key_len = len(_SORT_COLUMNS[sort]) + 1
    with books.read() as cur:
        rows = cur.execute("EXPLAIN QUERY PLAN " + sql, [*params, *([""] * key_len), 1])
        return [row[3] for row in rows]
