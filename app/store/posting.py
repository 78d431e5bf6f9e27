"""Turning drafts into posted entries, one at a time or a million in a row.

A ``Poster`` lives inside one write transaction. For each entry it takes the next number of the
entry's journal and fiscal year, extends the hash chain, and adds the lines to the per-account day
and month balances that reports read. The work is batched: ``flush`` writes it with a few
``executemany`` calls, which is what lets an import post a million lines in seconds, and a single
interactive post goes through exactly the same code.

The database checks each posting again in its triggers (balance, accounts, fiscal year, lock date,
next number, chain link), so a bug here cannot post what the rules forbid.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlcipher3.dbapi2 import Cursor

from app.ledger.chain import GENESIS, CanonicalLine, canonical_bytes, chain_hash


@dataclass(frozen=True, slots=True)
class Posted:
    number: int
    seq: int
    prev_hash: str
    hash: str
    posted_at: str


def canonical_line(fields: Sequence, tax: str | None) -> CanonicalLine:
    """The six fields every line hashes, then its tax code if it carries one (``chain``)."""
    return (*fields, tax) if tax else tuple(fields)  # type: ignore[return-value]


def utc_now() -> str:
    """Timestamps in the file are UTC, ISO 8601, to the microsecond."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


class Poster:
    """Posts entries within the caller's write transaction; call ``flush`` before it commits.

    By default it posts drafts already in the file (an UPDATE each). With ``drafts=False`` the
    caller inserts each entry already posted, with the values ``post`` returns, right after its
    lines; the Poster then only keeps the balances.
    """

    def __init__(self, cur: Cursor, posted_at: str | None = None, *, drafts: bool = True) -> None:
        self._cur = cur
        self._drafts = drafts
        self.posted_at = posted_at or utc_now()
        row = cur.execute(
            "SELECT seq, hash FROM entry WHERE seq = (SELECT max(seq) FROM entry)"
        ).fetchone()
        self._seq, self._head = row if row else (0, GENESIS)
        self._numbers: dict[tuple[int, int], int] = {}
        self._updates: list[tuple[int, int, str, str, str, int]] = []
        self._days: defaultdict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
        self._pending = 0

    def _next_number(self, journal_id: int, fiscal_year_id: int) -> int:
        key = (journal_id, fiscal_year_id)
        last = self._numbers.get(key)
        if last is None:
            last = self._cur.execute(
                "SELECT coalesce(max(number), 0) FROM entry "
                "WHERE journal_id = ? AND fiscal_year_id = ? AND number IS NOT NULL",
                key,
            ).fetchone()[0]
        self._numbers[key] = last + 1
        return last + 1

    def post(
        self,
        *,
        entry_id: int,
        journal_id: int,
        journal_code: str,
        fiscal_year_id: int,
        date: str,
        label: str,
        reference: str,
        reversal_of: int | None,
        lines: Sequence[CanonicalLine],
        account_ids: Sequence[int],
    ) -> Posted:
        """Queue the posting of draft ``entry_id``, whose ``lines`` were already written.

        ``lines`` are the canonical line tuples in position order and ``account_ids`` the row id
        of each line's account; the caller has checked the posting rules.
        """
        number = self._next_number(journal_id, fiscal_year_id)
        self._seq += 1
        canonical = canonical_bytes(
            seq=self._seq, journal=journal_code, number=number, date=date, label=label,
            reference=reference, reversal_of=reversal_of, posted_at=self.posted_at, lines=lines,
        )
        digest = chain_hash(self._head, canonical)
        posted = Posted(number, self._seq, self._head, digest, self.posted_at)
        if self._drafts:
            self._updates.append((number, self._seq, self.posted_at, self._head, digest, entry_id))
        self._head = digest
        days = self._days
        for account_id, line in zip(account_ids, lines, strict=True):
            totals = days[(account_id, date)]
            totals[0] += line[3]
            totals[1] += line[4]
        self._pending += 1
        return posted

    def knows_numbering(self, journal_id: int, fiscal_year_id: int) -> bool:
        """Whether the next number of this journal and year is known without a query."""
        return (journal_id, fiscal_year_id) in self._numbers

    @property
    def pending(self) -> int:
        """Entries posted since the last ``take``."""
        return self._pending

    def take(self) -> PendingPostings:
        """Hand over the queued work, to be written now or by a writer thread in order."""
        batch = PendingPostings(
            self._updates, [(a, d, t[0], t[1]) for (a, d), t in self._days.items()]
        )
        self._updates, self._days = [], defaultdict(lambda: [0, 0])
        self._pending = 0
        return batch

    def flush(self) -> None:
        """Write the queued postings and balance changes."""
        self.take().write(self._cur)


@dataclass(frozen=True, slots=True)
class PendingPostings:
    updates: list[tuple[int, int, str, str, str, int]]
    balances: list[tuple[int, str, int, int]]

    def write(self, cur: Cursor) -> None:
        if self.updates:
            cur.executemany(
                "UPDATE entry SET status = 'posted', number = ?, seq = ?, posted_at = ?, "
                "prev_hash = ?, hash = ? WHERE id = ? AND status = 'draft'",
                self.updates,
            )
            if cur.rowcount != len(self.updates):
                raise RuntimeError("an entry queued for posting was no longer a draft")
        if self.balances:
            add_balances(cur, self.balances)


def add_balances(cur: Cursor, rows: Sequence[tuple[int, str, int, int]]) -> None:
    """Add (account id, ISO day, debit, credit) movements to the day and month balances."""
    cur.executemany(
        "INSERT INTO balance_day (account_id, day, debit, credit) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (account_id, day) DO UPDATE SET "
        "debit = debit + excluded.debit, credit = credit + excluded.credit",
        rows,
    )
    months: defaultdict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    for account_id, day, debit, credit in rows:
        totals = months[(account_id, day[:7])]
        totals[0] += debit
        totals[1] += credit
    cur.executemany(
        "INSERT INTO balance_month (account_id, month, debit, credit) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (account_id, month) DO UPDATE SET "
        "debit = debit + excluded.debit, credit = credit + excluded.credit",
        [(a, m, t[0], t[1]) for (a, m), t in months.items()],
    )
