"""Open items: the posted lines of third-party accounts that are still owed at a date.

A line is settled when it belongs to a complete letter group: on its account, the lines bearing
its letter and dated from ``first`` to ``at`` balance. A partial group's lines stay open, their
net being what is still owed, and so does every line without a letter. Completeness is judged at
``at`` and from ``first`` (the anchor of the à-nouveaux, ``openings.anchor``): a payment made
after ``at`` does not settle an invoice yet, and a line before ``first`` is already carried in
the à-nouveaux. So the open items of a party always add up to its balance at ``at``.

Each query reads the lines of the chosen accounts once, by the (account, date) index, and the
letter groups it meets by the (account, letter) index; nothing is queried per party.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlcipher3.dbapi2 import Cursor

BUCKET_LIMITS = (0, 30, 60, 90)
"""Days overdue that end the buckets after "not yet due": 0–30, 31–60, 61–90, then over 90.
A line due today is 0 days overdue: the first overdue bucket."""

_EPOCH = date(1, 1, 1)


def bucket_of(days_overdue: int) -> int:
    """0 not yet due, 1 for 0–30 days overdue, 2 for 31–60, 3 for 61–90, 4 beyond."""
    if days_overdue < 0:
        return 0
    return next((n for n, limit in enumerate(BUCKET_LIMITS[1:], start=1)
                 if days_overdue <= limit), len(BUCKET_LIMITS))


def _bucket_sql(days: str) -> str:
    """``bucket_of`` in SQL, from the same limits."""
    whens = " ".join(f"WHEN {days} <= {limit} THEN {n}"
                     for n, limit in enumerate(BUCKET_LIMITS[1:], start=1))
    return f"CASE WHEN {days} < 0 THEN 0 {whens} ELSE {len(BUCKET_LIMITS)} END"


def _open_lines_sql(account_count: int, one_party: bool) -> str:
    """The open lines as a CTE ``open_line`` with their days overdue at the first parameter."""
    party = " AND l.third_party_id = ?" if one_party else ""
    return (
        "WITH picked AS ("
        " SELECT l.entry_id, l.position, l.account_id, l.third_party_id, l.date, l.due_date,"
        " l.label, l.debit, l.credit, l.reconciliation AS letter"
        " FROM line l JOIN entry e ON e.id = l.entry_id"
        f" WHERE l.account_id IN ({','.join('?' * account_count)})"
        f" AND l.date BETWEEN ? AND ? AND e.status = 'posted'{party}),"
        " letter_group AS ("
        " SELECT l.account_id, l.reconciliation AS letter, sum(l.debit - l.credit) AS net"
        " FROM line l WHERE l.reconciliation IS NOT NULL AND l.date BETWEEN ? AND ?"
        " AND (l.account_id, l.reconciliation) IN"
        " (SELECT account_id, letter FROM picked WHERE letter IS NOT NULL)"
        " GROUP BY l.account_id, l.reconciliation),"
        " open_line AS ("
        " SELECT p.*, g.net IS NOT NULL AS partial,"
        " CAST(julianday(?) - julianday(coalesce(p.due_date, p.date)) AS INTEGER) AS overdue"
        " FROM picked p LEFT JOIN letter_group g"
        " ON g.account_id = p.account_id AND g.letter = p.letter"
        " WHERE p.letter IS NULL OR g.net <> 0) "
    )


def _parameters(account_ids: Sequence[int], first: date | None, at: date,
                party_id: int | None) -> list[object]:
    since, until = (first or _EPOCH).isoformat(), at.isoformat()
    party = [] if party_id is None else [party_id]
    return [*account_ids, since, until, *party, since, until, until]


@dataclass(frozen=True, slots=True)
class PartyBuckets:
    """Net open amount (debit − credit, minor units) of one third party (code "" for the lines
    naming none) in each bucket of ``bucket_of``."""

    code: str
    name: str
    buckets: tuple[int, ...]


def aged_sums(cur: Cursor, account_ids: Sequence[int], first: date | None, at: date
              ) -> list[PartyBuckets]:
    """Open amounts per third party and bucket at ``at``, parties in code order."""
    if not account_ids:
        return []
    rows = cur.execute(
        _open_lines_sql(len(account_ids), False)
        + f"SELECT coalesce(t.code, ''), coalesce(t.name, ''), {_bucket_sql('o.overdue')},"
        " sum(o.debit - o.credit) FROM open_line o"
        " LEFT JOIN third_party t ON t.id = o.third_party_id"
        " GROUP BY o.third_party_id, 3 ORDER BY 1",
        _parameters(account_ids, first, at, None)).fetchall()
    out: dict[str, tuple[str, list[int]]] = {}
    for code, name, bucket, net in rows:
        out.setdefault(code, (name, [0] * (len(BUCKET_LIMITS) + 1)))[1][bucket] += net
    return [PartyBuckets(code, name, tuple(sums)) for code, (name, sums) in out.items()]


@dataclass(frozen=True, slots=True)
class OpenLine:
    """One open line; amounts in minor units."""

    code: str
    """Third-party code, "" for a line naming none."""
    name: str
    account: str
    entry_id: int
    journal: str
    number: int | None
    reference: str
    date: date
    due_date: date | None
    """The line's own due date; the line's date stands for it when None."""
    label: str
    letter: str
    """The letter as stored (capitals), "" for none; an open lettered line is partial."""
    debit: int
    credit: int
    days_overdue: int
    """Days from the due date (or the date) to ``at``: negative while not yet due."""


def open_lines(cur: Cursor, account_ids: Sequence[int], first: date | None, at: date,
               party_id: int | None = None) -> list[OpenLine]:
    """The open lines at ``at`` (of one third party, if given), by party code, due date, date."""
    if not account_ids:
        return []
    rows = cur.execute(
        _open_lines_sql(len(account_ids), party_id is not None)
        + "SELECT coalesce(t.code, ''), coalesce(t.name, ''), a.number, o.entry_id, j.code,"
        " e.number, e.reference, o.date, o.due_date, CASE WHEN o.label <> '' THEN o.label"
        " ELSE e.label END, coalesce(o.letter, ''), o.debit, o.credit, o.overdue"
        " FROM open_line o JOIN entry e ON e.id = o.entry_id"
        " JOIN journal j ON j.id = e.journal_id JOIN account a ON a.id = o.account_id"
        " LEFT JOIN third_party t ON t.id = o.third_party_id"
        " ORDER BY 1, coalesce(o.due_date, o.date), o.date, o.entry_id, o.position",
        _parameters(account_ids, first, at, party_id)).fetchall()
    return [OpenLine(code, name, account, entry_id, journal, number, reference,
                     date.fromisoformat(day), date.fromisoformat(due) if due else None, label,
                     letter, debit, credit, overdue)
            for (code, name, account, entry_id, journal, number, reference, day, due, label,
                 letter, debit, credit, overdue) in rows]


@dataclass(frozen=True, slots=True)
class Movement:
    """A posted line of a party statement; amounts in minor units."""

    entry_id: int
    journal: str
    number: int | None
    reference: str
    date: date
    due_date: date | None
    label: str
    letter: str
    """The stored letter (capitals), "" for none."""
    complete: bool
    """Its letter group balances at the statement's end (judged as ``open_lines`` does)."""
    debit: int
    credit: int


def party_movements(cur: Cursor, account_ids: Sequence[int], party_id: int, first: date,
                    last: date, *, since: date | None = None,
                    skip: tuple[int, Sequence[date]] | None = None) -> list[Movement]:
    """The posted lines of one third party on ``account_ids`` over [first, last], in date and
    entry order, each letter group judged over [since, last] as ``open_lines`` judges them
    (``since`` the anchor of ``last``). ``skip`` (opening journal id, days) leaves out the
    à-nouveaux of those days: they restate a balance the statement already carries."""
    if not account_ids:
        return []
    marks = ",".join("?" * len(account_ids))
    skipped = (skip[0], *(day.isoformat() for day in skip[1])) if skip and skip[1] else ()
    skip_sql = (f" AND NOT (e.journal_id = ? AND e.date IN ({','.join('?' * (len(skipped) - 1))}))"
                if skipped else "")
    rows = cur.execute(
        "WITH picked AS ("
        " SELECT l.entry_id, l.position, l.account_id, l.date, l.due_date, l.label, l.debit,"
        " l.credit, l.reconciliation AS letter FROM line l JOIN entry e ON e.id = l.entry_id"
        f" WHERE l.account_id IN ({marks}) AND l.third_party_id = ? AND l.date BETWEEN ? AND ?"
        f" AND e.status = 'posted'{skip_sql}),"
        " letter_group AS ("
        " SELECT l.account_id, l.reconciliation AS letter, sum(l.debit - l.credit) AS net"
        " FROM line l WHERE l.reconciliation IS NOT NULL AND l.date BETWEEN ? AND ?"
        " AND (l.account_id, l.reconciliation) IN"
        " (SELECT account_id, letter FROM picked WHERE letter IS NOT NULL)"
        " GROUP BY l.account_id, l.reconciliation)"
        " SELECT p.entry_id, j.code, e.number, e.reference, p.date, p.due_date,"
        " CASE WHEN p.label <> '' THEN p.label ELSE e.label END, coalesce(p.letter, ''),"
        " coalesce(g.net = 0, 0), p.debit, p.credit"
        " FROM picked p JOIN entry e ON e.id = p.entry_id JOIN journal j ON j.id = e.journal_id"
        " LEFT JOIN letter_group g ON g.account_id = p.account_id AND g.letter = p.letter"
        " ORDER BY p.date, e.seq, p.position",
        [*account_ids, party_id, first.isoformat(), last.isoformat(),
         *skipped, (since or _EPOCH).isoformat(),
         last.isoformat()]).fetchall()
    return [Movement(entry_id, journal, number, reference, date.fromisoformat(day),
                     date.fromisoformat(due) if due else None, label, letter, bool(complete),
                     debit, credit)
            for (entry_id, journal, number, reference, day, due, label, letter, complete, debit,
                 credit) in rows]


def party_sum(cur: Cursor, account_ids: Sequence[int], party_id: int, first: date | None,
              last: date, journal_id: int | None = None) -> int:
    """Net (debit − credit) of one party's posted lines on ``account_ids`` over [first, last]
    (of one journal, if given): a statement's opening balance."""
    if not account_ids:
        return 0
    journal = " AND e.journal_id = ?" if journal_id is not None else ""
    row = cur.execute(
        "SELECT coalesce(sum(l.debit - l.credit), 0) FROM line l JOIN entry e ON e.id = l.entry_id"
        f" WHERE l.account_id IN ({','.join('?' * len(account_ids))}) AND l.third_party_id = ?"
        f" AND l.date BETWEEN ? AND ? AND e.status = 'posted'{journal}",
        [*account_ids, party_id, (first or _EPOCH).isoformat(), last.isoformat(),
         *(() if journal_id is None else (journal_id,))]).fetchone()
    return int(row[0])
