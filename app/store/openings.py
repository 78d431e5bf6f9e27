"""À-nouveaux: the entries of the opening journal that open a fiscal year, and the year results
they carry.

Entries of the opening journal (setting ``opening_journal``, ``AN`` by default) are dated on the
first day of a fiscal year and carry balance-sheet accounts only; the posting rules hold both.
A year holding such entries *starts from them*: the reports take its opening balances from those
lines and no longer carry the movements of earlier years forward, so a year opened by entries and
a year carried by computation can never add up twice. A year without them (a first year with no
take-on, or a year whose predecessor is not closed yet) carries the computed balances, with each
earlier year's result on 120 (profit) or 129 (loss).

The day of the latest opening at or before a date is that date's *anchor*: every cumulative sum
starts there instead of at the beginning of the books. Functions here work inside the caller's
transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from sqlcipher3.dbapi2 import Cursor

from app.ledger.model import FiscalYear
from app.ledger.rules import RESULT_CLASSES
from app.store import queries
from app.store.database import StoreError
from app.store.years import year_after

OPENING_JOURNAL_SETTING = "opening_journal"
DEFAULT_OPENING_JOURNAL = "AN"


def opening_journal_code(cur: Cursor) -> str:
    row = cur.execute("SELECT value FROM setting WHERE key = ?",
                      (OPENING_JOURNAL_SETTING,)).fetchone()
    return row[0] if row and row[0] else DEFAULT_OPENING_JOURNAL


def opening_journal_id(cur: Cursor) -> int | None:
    """The id of the opening journal, or None when the books have no such journal."""
    row = cur.execute("SELECT id FROM journal WHERE code = ?",
                      (opening_journal_code(cur),)).fetchone()
    return row[0] if row else None


def opening_days(cur: Cursor, years: Sequence[FiscalYear]) -> list[date]:
    """First days of fiscal years that hold posted opening entries, earliest first."""
    journal_id = opening_journal_id(cur)
    if journal_id is None or not years:
        return []
    starts = [y.start.isoformat() for y in years]
    rows = cur.execute(
        "SELECT DISTINCT date FROM entry WHERE journal_id = ? AND status = 'posted' "
        f"AND date IN ({','.join('?' * len(starts))}) ORDER BY date",
        (journal_id, *starts),
    )
    return [date.fromisoformat(row[0]) for row in rows]


def anchor(cur: Cursor, years: Sequence[FiscalYear], day: date) -> date | None:
    """The latest opening day on or before ``day``: where cumulative balances at ``day`` start."""
    earlier = [d for d in opening_days(cur, years) if d <= day]
    return earlier[-1] if earlier else None


def opening_sums(cur: Cursor, day: date) -> queries.Sums:
    """Posted debit and credit per account of the opening entries dated ``day``."""
    journal_id = opening_journal_id(cur)
    if journal_id is None:
        return {}
    return queries.journal_range_sums(cur, day, day, [journal_id])


def opening_party_sums(cur: Cursor, day: date) -> list[queries.PartyBalance]:
    """Posted debit and credit per third party and account of the opening entries of ``day``."""
    journal_id = opening_journal_id(cur)
    if journal_id is None:
        return []
    return queries.third_party_sums(cur, day, day, journal_id=journal_id)


def subtract(sums: queries.Sums, less: queries.Sums) -> queries.Sums:
    """``sums`` without ``less``, accounts left with nothing dropped."""
    out = dict(sums)
    for account_id, (debit, credit) in less.items():
        d, c = out.get(account_id, (0, 0))
        d, c = d - debit, c - credit
        if d or c:
            out[account_id] = (d, c)
        else:
            out.pop(account_id, None)
    return out


def position_sums(cur: Cursor, years: Sequence[FiscalYear], day: date) -> queries.Sums:
    """Debit and credit per account from the anchor of ``day`` (or the first line) to ``day``.

    For balance-sheet accounts this is the balance at the end of ``day``; income and expense
    accounts are the caller's to restrict to their own year.
    """
    return queries.range_sums(cur, anchor(cur, years, day), day)


def movements(cur: Cursor, years: Sequence[FiscalYear], first: date, last: date) -> queries.Sums:
    """Debit and credit per account over [first, last], less the opening entries of ``first``
    when it opens a year: those lines are the range's opening balance, not its movements."""
    sums = queries.range_sums(cur, first, last)
    if anchor(cur, years, first) == first:
        return subtract(sums, opening_sums(cur, first))
    return sums


def opening_skip(cur: Cursor, years: Sequence[FiscalYear], first: date
                 ) -> tuple[int, date] | None:
    """(opening journal id, ``first``) when à-nouveaux open the range starting ``first``: the
    lines a listing leaves out because its opening balance already holds them."""
    journal_id = opening_journal_id(cur)
    if journal_id is None or anchor(cur, years, first) != first:
        return None
    return journal_id, first


def result_accounts(cur: Cursor) -> tuple[str, str]:
    """Numbers of the accounts that take a year's profit and a year's loss (SCF, PCG: 120, 129)."""
    found = dict(cur.execute(
        "SELECT key, value FROM setting WHERE key IN "
        "('result_profit_account', 'result_loss_account')").fetchall())
    return (found.get("result_profit_account", "120"), found.get("result_loss_account", "129"))


def result_account_ids(cur: Cursor) -> tuple[int, int]:
    numbers = result_accounts(cur)
    ids = dict(cur.execute(
        "SELECT number, id FROM account WHERE number IN (?, ?)", numbers).fetchall())
    missing = [n for n in numbers if n not in ids]
    if missing:
        raise StoreError(f"the chart lacks the result account {', '.join(missing)}")
    return ids[numbers[0]], ids[numbers[1]]


def year_result(cur: Cursor, classes: Mapping[int, int], start: date, end: date) -> int:
    """A year's result as a net debit (a loss is positive), from its income and expenses.

    ``classes`` maps account ids to their class.
    """
    sums = queries.range_sums(cur, start, end)
    return sum(d - c for aid, (d, c) in sums.items() if classes.get(aid) in RESULT_CLASSES)


def years_between(years: Sequence[FiscalYear], since: date | None, before: date
                  ) -> list[tuple[date, date]]:
    """Fiscal years starting on or after ``since`` and ending before ``before``: the opened
    ones, then the twelve-month years that would follow the last of them."""
    out = [(y.start, y.end) for y in years if y.end < before]
    if years and years[-1].end < before:
        day = years[-1].end + timedelta(days=1)
        while (end := year_after(day)) < before:
            out.append((day, end))
            day = end + timedelta(days=1)
    return [(s, e) for s, e in out if since is None or s >= since]


def carried_results(
    cur: Cursor, classes: Mapping[int, int], years: Sequence[FiscalYear], before: date
) -> dict[int, int]:
    """Net debit to add to 120 and 129 for the results of the years that end before ``before``
    and that no opening entries have carried yet (those since the anchor of ``before``).

    Each year's result goes on its own account, as if that year's closing entries had been
    posted, so last year's profit and the year before's loss both show.
    """
    since = anchor(cur, years, before)
    profit_id, loss_id = result_account_ids(cur)
    carried = {profit_id: 0, loss_id: 0}
    for start, end in years_between(years, since, before):
        result = year_result(cur, classes, start, end)
        carried[loss_id if result > 0 else profit_id] += result
    return {aid: net for aid, net in carried.items() if net}
