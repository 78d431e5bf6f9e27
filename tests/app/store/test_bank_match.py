"""``bank_match.match``/``unmatch``: the one way a reconciliation pair is written, and every
refusal leaving the file as it was.

``add_statement`` writes statement rows straight into the tables (the statement import is
another module's): the other bank reconciliation tests use it too.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import pytest

from app.ledger.model import Entry, Line, ThirdParty, ThirdPartyKind
from app.store.bank_match import MatchError, match, unmatch
from app.store.books import Books
from app.store.verify import verify
from tests.ledger_text import post_text

_fingerprints = itertools.count(1)

StatementRow = tuple[str, str, str, str]
"""(booking date, amount signed with money in positive, label, reference)."""


def add_statement(books: Books, rows: Sequence[StatementRow], *, account: str = "512",
                  opening: str | None = None, closing: str | None = None,
                  start: str | None = None, end: str | None = None,
                  currency: str = "DZD") -> list[int]:
    """Store a statement of ``account`` with ``rows``; return its lines' ids in order."""
    ids = []
    with books.write() as cur:
        account_id = cur.execute("SELECT id FROM account WHERE number = ?",
                                 (account,)).fetchone()[0]
        journal_id = cur.execute("SELECT id FROM journal WHERE code = 'BQ'").fetchone()[0]
        cur.execute(
            "INSERT INTO bank_statement (account_id, journal_id, file_name, format, currency, "
            "period_start, period_end, opening, closing, imported_at) "
            "VALUES (?, ?, 'test.xml', 'camt053', ?, ?, ?, ?, ?, '2025-06-01T00:00:00Z')",
            (account_id, journal_id, currency, start, end, _minor(opening), _minor(closing)))
        statement_id = cur.lastrowid
        for day, amount, label, reference in rows:
            cur.execute(
                "INSERT INTO bank_line (statement_id, fingerprint, booking_date, amount, label, "
                "reference) VALUES (?, ?, ?, ?, ?, ?)",
                (statement_id, f"fp{next(_fingerprints)}", day, _minor(amount), label, reference))
            ids.append(int(cur.lastrowid))
    return ids


def _minor(amount: str | None) -> int | None:
    return None if amount is None else int(Decimal(amount) * 100)


def post_bank(books: Books, day: str, amount: str, label: str = "Banque",
              reference: str = "", other: str = "411", party: str | None = "C1") -> int:
    """Post one entry moving ``amount`` on 512 (positive: money in); return its entry id. The
    bank line is line 1."""
    value = Decimal(amount)
    if party and party not in books.third_parties():
        books.add_third_party(ThirdParty(party, party, ThirdPartyKind.OTHER))
    bank = Line("512", debit=max(value, Decimal(0)), credit=max(-value, Decimal(0)))
    counter = Line(other, debit=max(-value, Decimal(0)), credit=max(value, Decimal(0)),
                   third_party=party)
    entry = books.post(Entry("BQ", date.fromisoformat(day), label, (bank, counter),
                             reference=reference))
    assert entry.id is not None
    return int(entry.id)


def _state(books: Books) -> tuple[list[tuple], list[tuple], list[tuple]]:
    with books.read() as cur:
        return (cur.execute("SELECT * FROM bank_match ORDER BY id").fetchall(),
                cur.execute("SELECT id, match_id FROM bank_line ORDER BY id").fetchall(),
                cur.execute("SELECT entry_id, position, bank_match_id FROM line "
                            "ORDER BY entry_id, position").fetchall())


def test_match_links_both_sides_and_unmatch_opens_them(books: Books) -> None:
    entry = post_bank(books, "2025-02-01", "1190.00")
    [line_id] = add_statement(books, [("2025-02-03", "1190.00", "VIR CLIENT1", "")])
    with books.write() as cur:
        match_id = match(cur, [line_id], [(entry, 1)], how="manual", day=date(2025, 2, 5))
    matches, bank_lines, lines = _state(books)
    assert matches == [(match_id, "2025-02-05", "manual")]
    assert bank_lines == [(line_id, match_id)]
    assert (entry, 1, match_id) in lines and (entry, 2, None) in lines
    with books.write() as cur:
        unmatch(cur, match_id)
    matches, bank_lines, lines = _state(books)
    assert matches == [] and bank_lines == [(line_id, None)]
    assert all(row[2] is None for row in lines)


def test_manual_match_and_unmatch_are_audited(books: Books) -> None:
    entry = post_bank(books, "2025-02-01", "-300.00", other="401", party="S1")
    [line_id] = add_statement(books, [("2025-02-02", "-300.00", "CHQ 1234567", "")])
    with books.write() as cur:
        match_id = match(cur, [line_id], [(entry, 1)], how="manual", day=date(2025, 2, 5))
        unmatch(cur, match_id)
    with books.read() as cur:
        events = cur.execute("SELECT kind, detail FROM audit_event WHERE kind LIKE 'bank_%' "
                             "ORDER BY id").fetchall()
    assert [kind for kind, _ in events] == ["bank_match", "bank_unmatch"]
    assert json.loads(events[0][1])["ledger_lines"] == [[entry, 1]]


def test_one_statement_line_for_several_ledger_lines(books: Books) -> None:
    first = post_bank(books, "2025-02-01", "100.00")
    second = post_bank(books, "2025-02-01", "250.50")
    [line_id] = add_statement(books, [("2025-02-04", "350.50", "REMISE CHEQUES", "")])
    with books.write() as cur:
        match_id = match(cur, [line_id], [(first, 1), (second, 1)], how="manual",
                         day=date(2025, 2, 5))
    _, _, lines = _state(books)
    assert [row for row in lines if row[2] == match_id] == [(first, 1, match_id),
                                                             (second, 1, match_id)]


@pytest.mark.parametrize("case, needle", [
    ("amounts", "do not agree"),
    ("other_account", "not on the bank account 512"),
    ("taken_bank", "already matched"),
    ("taken_ledger", "already matched"),
    ("missing_bank", "no statement line 999"),
    ("missing_line", "no line 7 of entry"),
    ("twice", "named twice"),
    ("empty", "at least one"),
])
def test_refusals_write_nothing(books: Books, case: str, needle: str) -> None:
    entry = post_bank(books, "2025-02-01", "500.00")
    other = post_bank(books, "2025-02-02", "500.00")
    small = post_bank(books, "2025-02-02", "400.00")
    first, second = add_statement(books, [("2025-02-03", "500.00", "VIR", ""),
                                          ("2025-02-03", "500.00", "VIR", "")])
    with books.write() as cur:
        match(cur, [second], [(other, 1)], how="manual", day=date(2025, 2, 5))
    before = _state(books)
    bank, ledger = {
        "amounts": ([first], [(small, 1)]),
        "other_account": ([first], [(entry, 2)]),
        "taken_bank": ([second], [(entry, 1)]),
        "taken_ledger": ([first], [(other, 1)]),
        "missing_bank": ([999], [(entry, 1)]),
        "missing_line": ([first], [(entry, 7)]),
        "twice": ([first, first], [(entry, 1)]),
        "empty": ([], [(entry, 1)]),
    }[case]
    with pytest.raises(MatchError, match=needle), books.write() as cur:
        match(cur, bank, ledger, how="manual", day=date(2025, 2, 5))
    assert _state(books) == before


def test_a_draft_line_cannot_be_matched(books: Books) -> None:
    draft = books.save_draft(Entry("BQ", date(2025, 2, 1), "Brouillon", (
        Line("512", debit=Decimal("80")), Line("706", credit=Decimal("80")))))
    [line_id] = add_statement(books, [("2025-02-01", "80.00", "VIR", "")])
    with pytest.raises(MatchError, match="draft"), books.write() as cur:
        match(cur, [line_id], [(int(draft.id or 0), 1)], how="manual", day=date(2025, 2, 5))


def test_statement_lines_of_two_accounts_cannot_be_matched_together(books: Books) -> None:
    entry = post_bank(books, "2025-02-01", "30.00")
    [mine] = add_statement(books, [("2025-02-01", "10.00", "A", "")])
    [theirs] = add_statement(books, [("2025-02-01", "20.00", "B", "")], account="515")
    with pytest.raises(MatchError, match="different bank accounts"), books.write() as cur:
        match(cur, [mine, theirs], [(entry, 1)], how="manual", day=date(2025, 2, 5))


def test_unmatch_of_an_unknown_match_is_refused(books: Books) -> None:
    with pytest.raises(MatchError, match="no bank match 42"), books.write() as cur:
        unmatch(cur, 42)


def test_a_matched_posted_line_keeps_its_hash_chain(books: Books) -> None:
    post_text(books, """
        2025-01-02 OD "Apport"
          512  1000.00
          101  -1000.00
    """)
    [line_id] = add_statement(books, [("2025-01-03", "1000.00", "APPORT", "")])
    with books.write() as cur:
        match(cur, [line_id], [(1, 1)], how="automatic", day=date(2025, 1, 5))
    assert verify(books).ok
