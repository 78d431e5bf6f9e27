"""Posted lines with everything a legal export writes beside the amounts.

The FEC names each line's journal, account and third party in words and dates its validation;
``queries.iter_journal_lines`` (what the reports read) carries none of that. Entries are read a
page at a time by keyset, their lines in one query per page, so memory stays flat whatever the
size of the year; the order is the one the FEC wants: the opening journal first, then every
other posted entry by date and posting sequence.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import NamedTuple

from sqlcipher3.dbapi2 import Cursor

PAGE = 1000
"""Entries read per query."""


class PostedLine(NamedTuple):
    journal: str
    journal_label: str
    number: int
    """The entry's number in its journal."""
    date: str
    """ISO date of the entry."""
    reference: str
    entry_label: str
    posted_at: str
    """ISO timestamp of the posting (the FEC's ValidDate)."""
    account: str
    account_label: str
    """The account's French label: the FEC is a French file."""
    party: str
    party_name: str
    label: str
    """The line's own label ("" when it has none)."""
    debit: int
    credit: int
    """Minor units."""
    letter: str = ""
    """The matching letter (lettrage), "" for an open line (the FEC's EcritureLet)."""
    matched_on: str = ""
    """ISO day the letter was given, "" for an open line (the FEC's DateLet)."""


_ENTRIES = (
    "SELECT e.id, e.date, e.seq, e.number, e.reference, e.label, e.posted_at, j.code, j.label "
    "FROM entry e JOIN journal j ON j.id = e.journal_id "
    "WHERE e.status = 'posted' AND e.date BETWEEN ? AND ? AND (e.journal_id = ?) = ? "
    "AND (e.date, e.seq) > (?, ?) ORDER BY e.date, e.seq LIMIT ?"
)
_LINES = (
    "SELECT l.entry_id, a.number, a.label_fr, coalesce(t.code, ''), coalesce(t.name, ''), "
    "coalesce(l.label, ''), l.debit, l.credit, coalesce(l.reconciliation, ''), "
    "coalesce(l.matched_on, '') FROM line l JOIN account a ON a.id = l.account_id "
    "LEFT JOIN third_party t ON t.id = l.third_party_id "
    "WHERE l.entry_id IN ({marks}) ORDER BY l.entry_id, l.position"
)


def iter_posted_lines(cur: Cursor, first: date, last: date, opening_journal: str
                      ) -> Iterator[PostedLine]:
    """Posted lines dated ``first``..``last``: the opening journal's entries first."""
    row = cur.execute("SELECT id FROM journal WHERE code = ?", (opening_journal,)).fetchone()
    opening_id = row[0] if row else 0
    for in_opening in (1, 0):
        for page in _entry_pages(cur, first, last, opening_id, in_opening):
            ids = [entry[0] for entry in page]
            lines: dict[int, list[tuple]] = {}
            for line in cur.execute(_LINES.format(marks=",".join("?" * len(ids))), ids):
                lines.setdefault(line[0], []).append(line)
            for entry_id, day, _seq, number, reference, label, posted_at, code, name in page:
                for (_, account, account_label, party, party_name, text, debit, credit,
                     letter, matched_on) in lines[entry_id]:
                    yield PostedLine(code, name, number, day, reference or "", label,
                                     posted_at, account, account_label, party, party_name,
                                     text, debit, credit, letter, matched_on)


def _entry_pages(cur: Cursor, first: date, last: date, opening_id: int, in_opening: int
                 ) -> Iterator[list[tuple]]:
    """Posted entries of the range in (date, seq) order, a page at a time (keyset pagination)."""
    key: tuple[str, int] = ("", 0)
    while True:
        page = cur.execute(_ENTRIES, (first.isoformat(), last.isoformat(), opening_id, in_opening,
                                      *key, PAGE)).fetchall()
        if page:
            yield page
        if len(page) < PAGE:
            return
        key = (page[-1][1], page[-1][2])
