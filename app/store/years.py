"""The books' calendar: fiscal years (opened in sequence, closed for good in order) and the lock
date (which only moves forward). Each function works inside the caller's transaction."""

from __future__ import annotations

from datetime import date, timedelta

from sqlcipher3.dbapi2 import Cursor

from app.ledger.model import FiscalYear, FiscalYearId, FiscalYearState
from app.store.audit import audit
from app.store.database import StoreError
from app.store.posting import utc_now


def fiscal_year_from_row(row: tuple) -> FiscalYear:
    return FiscalYear(
        id=FiscalYearId(row[0]), start=date.fromisoformat(row[1]),
        end=date.fromisoformat(row[2]), state=FiscalYearState(row[3]),
    )


def year_after(start: date) -> date:
    """The last day of a twelve-month fiscal year starting on ``start``."""
    try:
        return start.replace(year=start.year + 1) - timedelta(days=1)
    except ValueError:  # starts on 29 February
        return date(start.year + 1, 2, 28)


FIRST_YEAR_MAX_MONTHS = 24
"""The longest first fiscal year. French law lets a company's first exercise run past twelve
months, and under the SCF a first year runs from the start of business to 31 December or is
extended to the next one; Daftar caps both at twenty-four months."""


def months_after(start: date, months: int) -> date:
    """The last day of a period of ``months`` months starting on ``start``.

    ``months_after(start, 12) == year_after(start)``: a start on a day the final month lacks (29
    February, 31 January) makes the period end on that month's last day.
    """
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    try:
        return date(year, month, start.day) - timedelta(days=1)
    except ValueError:
        following = date(year + month // 12, month % 12 + 1, 1)
        return following - timedelta(days=1)


def latest_first_year_end(start: date) -> date:
    """The last day a first fiscal year starting on ``start`` may end on: 24 months on."""
    return months_after(start, FIRST_YEAR_MAX_MONTHS)


def first_year_problem(start: date, end: date) -> str:
    """Why a first fiscal year cannot run from ``start`` to ``end`` inclusive, or '' if it can.

    It may be short or long (a company starting on 2025-05-12 may end its first year on
    2025-12-31 or on 2026-12-31), but it must end after it starts and last at most
    ``FIRST_YEAR_MAX_MONTHS`` months. The years after it last twelve months each.
    """
    if end <= start:
        return f"the first fiscal year must end after it starts on {start.isoformat()}"
    latest = latest_first_year_end(start)
    if end > latest:
        return (f"the first fiscal year may last at most {FIRST_YEAR_MAX_MONTHS} months: "
                f"starting on {start.isoformat()}, it ends on {latest.isoformat()} at the latest")
    return ""


def first_year_end(start: date, end: date | None = None) -> date:
    """The end of the first fiscal year: ``end`` once checked, by default twelve months on."""
    if end is None:
        return year_after(start)
    problem = first_year_problem(start, end)
    if problem:
        raise StoreError(problem)
    return end


def load_fiscal_years(cur: Cursor) -> list[FiscalYear]:
    rows = cur.execute('SELECT id, start, "end", state FROM fiscal_year ORDER BY start')
    return [fiscal_year_from_row(r) for r in rows]


def open_next_fiscal_year(cur: Cursor) -> FiscalYear:
    last = cur.execute('SELECT "end" FROM fiscal_year ORDER BY start DESC LIMIT 1').fetchone()
    if last is None:
        raise StoreError("the books have no fiscal year to follow")
    start = date.fromisoformat(last[0]) + timedelta(days=1)
    return insert_fiscal_year(cur, start, year_after(start))


def insert_fiscal_year(cur: Cursor, start: date, end: date) -> FiscalYear:
    cur.execute(
        'INSERT INTO fiscal_year (start, "end", state) VALUES (?, ?, \'open\')',
        (start.isoformat(), end.isoformat()),
    )
    year = FiscalYear(start, end, FiscalYearState.OPEN, FiscalYearId(cur.lastrowid))
    audit(cur, "open_fiscal_year", start=start.isoformat(), end=end.isoformat())
    return year


def close_fiscal_year(cur: Cursor, start: date) -> FiscalYear:
    """Close the earliest open year for good; it must hold no draft."""
    years = load_fiscal_years(cur)
    year = next((y for y in years if y.start == start), None)
    if year is None:
        raise StoreError(f"no fiscal year starts on {start.isoformat()}")
    if year.state is FiscalYearState.CLOSED:
        raise StoreError(f"fiscal year {year.name} is already closed")
    earlier = [y for y in years if y.start < year.start and y.state is FiscalYearState.OPEN]
    if earlier:
        raise StoreError(f"close fiscal year {earlier[0].name} first")
    drafts = cur.execute(
        "SELECT count(*) FROM entry WHERE fiscal_year_id = ? AND status = 'draft'", (year.id,),
    ).fetchone()[0]
    if drafts:
        raise StoreError(
            f"fiscal year {year.name} still has {drafts} draft entries; post or delete them first"
        )
    cur.execute(
        "UPDATE fiscal_year SET state = 'closed', closed_at = ? WHERE id = ?",
        (utc_now(), year.id),
    )
    audit(cur, "close_fiscal_year", start=year.start.isoformat())
    return FiscalYear(year.start, year.end, FiscalYearState.CLOSED, year.id)


def lock_date(cur: Cursor) -> date | None:
    row = cur.execute("SELECT value FROM setting WHERE key = 'lock_date'").fetchone()
    return date.fromisoformat(row[0]) if row else None


def set_lock_date(cur: Cursor, day: date) -> None:
    """Lock the books up to and including ``day``: forward only, and never over a draft."""
    current = lock_date(cur)
    if current is not None and day < current:
        raise StoreError(
            f"the books are locked up to {current.isoformat()}; a lock date only moves forward"
        )
    drafts = cur.execute(
        "SELECT count(*) FROM entry WHERE status = 'draft' AND date <= ?", (day.isoformat(),),
    ).fetchone()[0]
    if drafts:
        raise StoreError(
            f"{drafts} draft entries are dated on or before {day.isoformat()}; "
            "post or delete them before locking"
        )
    cur.execute(
        "INSERT INTO setting (key, value) VALUES ('lock_date', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (day.isoformat(),),
    )
    audit(cur, "lock", date=day.isoformat(), previous=current)
