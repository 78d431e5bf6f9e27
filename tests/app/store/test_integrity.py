"""The company file defends its own integrity, whatever SQL reaches it.

Everything here goes through ``books.write()`` and raw SQL, past every Python rule: the schema's
triggers must refuse changing or deleting what is posted, posting what the rules forbid, moving the
lock date back and reopening a closed year, and leave the file exactly as it was. Where the
triggers are dropped on purpose, ``verify`` must notice what was done behind their back.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from sqlcipher3.dbapi2 import IntegrityError

from app.ledger.chain import GENESIS
from app.ledger.model import Entry, EntryId, Line, ThirdParty, ThirdPartyKind
from app.store.books import Books
from app.store.database import StoreError
from app.store.verify import verify
from tests.ledger_text import post_text

D = Decimal
TABLES = ("company", "setting", "fiscal_year", "account", "third_party", "journal", "entry",
          "line", "balance_day", "balance_month", "audit_event")
CHANGED = "a posted entry cannot be changed; post a reversal instead"
DELETED = "a posted entry cannot be deleted; post a reversal instead"
LINE_CHANGED = "a line of a posted entry cannot be changed; post a reversal instead"
LINE_DELETED = "a line of a posted entry cannot be deleted; post a reversal instead"
# The triggers give one message per group of rules; each test below breaks exactly one rule of
# an otherwise correct posting (see the control test), so the group names the rule.
BAD_LINES = ("posting refused: the entry must have two or more lines that balance, each on an "
             "active postable account, dated like the entry, with its third party where the "
             "account needs one")
BAD_DATE = "posting refused: the date must lie in an open fiscal year, after the lock date"
BAD_PLACE = ("posting refused: the entry must take the next number of its journal and year, and "
             "extend the hash chain")
LOCK_BACK = "the lock date can only move forward"
DRAFT_PERIOD = "a draft must be dated in an open fiscal year, after the lock date"
OUT_OF_ORDER = ("posting refused: a journal is numbered in date order; the entry is dated before "
                "the previous entry of its journal and year")
NO_LABEL = "posting refused: the entry has no label"
EARLY_REVERSAL = "posting refused: a reversal is dated before the entry it cancels"
YEAR_CLOSED = "a closed fiscal year cannot be changed"
MAINTAINED = ("the maintained account balances differ from the posted lines; reports would be "
              "wrong")


def chain_break(name: str) -> str:
    return (f"the hash chain breaks at {name}: its content or its place in the chain was altered "
            "after posting")


@pytest.fixture
def ledger(books: Books) -> Books:
    """Three posted entries: VT-1 (id 1, seq 1), BQ-1 (id 2, seq 2), VT-2 (id 3, seq 3)."""
    posted = post_text(books, """
        2025-01-15 VT "Facture 1"
          411  1190.00  CLIENT1
          700  -1000.00
          4457 -190.00
        2025-02-01 BQ "Règlement facture 1"
          512  1190.00
          411  -1190.00 CLIENT1
        2025-03-10 VT "Facture 2"
          411  595.00  CLIENT1
          700  -500.00
          4457 -95.00
    """)
    assert [(e.id, e.journal, e.number) for e in posted] == [(1, "VT", 1), (2, "BQ", 1),
                                                              (3, "VT", 2)]
    books.add_third_party(ThirdParty("CLIENT2", "Client 2", ThirdPartyKind.CUSTOMER))
    assert verify(books).ok
    return books


def snapshot(books: Books) -> dict[str, list[tuple]]:
    """Every row of every table, in a fixed order."""
    with books.read() as cur:
        return {t: sorted(cur.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
                for t in TABLES}


def refused(books: Books, message: str, sql: str, params: tuple = ()) -> None:
    """``sql`` fails with ``message`` and leaves every table as it was."""
    before, report = snapshot(books), verify(books)
    with pytest.raises(IntegrityError, match=f"^{re.escape(message)}$"), books.write() as cur:
        cur.execute(sql, params)
    assert snapshot(books) == before
    assert verify(books).problems == report.problems


def one(books: Books, sql: str, params: tuple = ()) -> object:
    with books.read() as cur:
        return cur.execute(sql, params).fetchone()[0]


# --- posted entries and their lines cannot change -------------------------------------------


@pytest.mark.parametrize(
    ("column", "value"),
    [("label", "'Facture 1 bis'"), ("date", "'2025-01-16'"), ("reference", "'F1'"),
     ("number", "9"), ("seq", "9"), ("journal_id", "5"), ("fiscal_year_id", "fiscal_year_id"),
     ("status", "'draft'"), ("posted_at", "'2025-01-15T00:00:00+00:00'"),
     ("prev_hash", "hash"), ("hash", "prev_hash"), ("reversal_of", "3"),
     ("created_at", "'2020-01-01'")],
)
def test_a_posted_entry_cannot_be_updated(ledger: Books, column: str, value: str) -> None:
    refused(ledger, CHANGED, f"UPDATE entry SET {column} = {value} WHERE id = 2")


def test_posted_entries_cannot_be_updated_in_bulk(ledger: Books) -> None:
    refused(ledger, CHANGED, "UPDATE entry SET label = label || ' (modifié)'")


def test_a_posted_entry_cannot_be_deleted(ledger: Books) -> None:
    refused(ledger, DELETED, "DELETE FROM entry WHERE id = 3")
    refused(ledger, DELETED, "DELETE FROM entry")


def test_a_posted_entry_cannot_be_replaced(ledger: Books) -> None:
    before = snapshot(ledger)
    with pytest.raises(IntegrityError), ledger.write() as cur:
        cur.execute(
            "INSERT OR REPLACE INTO entry (id, journal_id, fiscal_year_id, date, label, created_at)"
            " VALUES (2, 3, 1, '2025-02-01', 'remplacée', '2025-02-01')"
        )
    assert snapshot(ledger) == before


# (column, value) pairs chosen to satisfy every CHECK and key, so only the trigger can refuse
# them. BQ-1 is entry 2: position 1 its debit on 512, position 2 its credit on 411 for CLIENT1.
@pytest.mark.parametrize(
    ("position", "column", "value"),
    [(1, "position", "9"), (1, "account_id", "(SELECT id FROM account WHERE number = '53')"),
     (2, "third_party_id", "(SELECT id FROM third_party WHERE code = 'CLIENT2')"),
     (2, "third_party_id", "NULL"), (1, "date", "'2025-02-02'"), (1, "label", "'x'"),
     (1, "debit", "debit + 100"), (2, "credit", "1"), (1, "due_date", "'2025-03-01'"),
     (1, "entry_id", "3"), (1, "entry_id", "99")],
)
def test_a_line_of_a_posted_entry_cannot_be_updated(
    ledger: Books, position: int, column: str, value: str
) -> None:
    refused(ledger, LINE_CHANGED,
            f"UPDATE line SET {column} = {value} WHERE entry_id = 2 AND position = {position}")


def test_a_line_of_a_posted_entry_cannot_be_deleted(ledger: Books) -> None:
    refused(ledger, LINE_DELETED, "DELETE FROM line WHERE entry_id = 2 AND position = 2")
    refused(ledger, LINE_DELETED, "DELETE FROM line WHERE entry_id = 2")
    refused(ledger, LINE_DELETED, "DELETE FROM line")


def test_a_posted_entry_cannot_gain_a_line(ledger: Books) -> None:
    refused(
        ledger, "a posted entry cannot gain lines",
        "INSERT INTO line (entry_id, position, account_id, date, debit, credit) "
        "VALUES (2, 3, (SELECT id FROM account WHERE number = '53'), '2025-02-01', 0, 100)",
    )
    refused(
        ledger, "a posted entry cannot gain lines",
        "INSERT OR REPLACE INTO line (entry_id, position, account_id, date, debit, credit) "
        "VALUES (2, 1, (SELECT id FROM account WHERE number = '53'), '2025-02-01', 1, 0)",
    )


def test_a_posted_entry_cannot_gain_a_line_moved_from_a_draft(ledger: Books) -> None:
    draft = ledger.save_draft(Entry("OD", date(2025, 4, 1), "Brouillon", (
        Line("53", debit=D("100.00")), Line("700", credit=D("100.00")))))
    before = snapshot(ledger)
    with pytest.raises(IntegrityError), ledger.write() as cur:
        cur.execute("UPDATE line SET entry_id = 2, position = 3, date = '2025-02-01' "
                    "WHERE entry_id = ? AND position = 1", (draft.id,))
    assert snapshot(ledger) == before


def test_matching_of_a_posted_line_is_allowed(ledger: Books) -> None:
    """Lettrage and bank reconciliation write on posted lines: only their own columns move."""
    before = snapshot(ledger)
    with ledger.write() as cur:
        cur.execute("UPDATE line SET reconciliation = 'A', matched_on = '2025-03-01' "
                    "WHERE entry_id IN (1, 2) "
                    "AND account_id = (SELECT id FROM account WHERE number = '411')")
        assert cur.rowcount == 2
        cur.execute("INSERT INTO bank_match (made_on, how) VALUES ('2025-03-01', 'manual')")
        cur.execute("UPDATE line SET bank_match_id = 1 WHERE entry_id = 1 AND position = 1")
    after = snapshot(ledger)
    assert {t: rows for t, rows in after.items() if t not in ("line", "bank_match")} == {
        t: rows for t, rows in before.items() if t not in ("line", "bank_match")}
    old = {row[:2]: row for row in before["line"]}
    new = {row[:2]: row for row in after["line"]}
    assert old.keys() == new.keys()
    assert sorted(key for key in old if old[key] != new[key]) == [(1, 1), (2, 2)]
    # line.reconciliation, then (after tax_code_id) matched_on and bank_match_id
    matching = {9, 11, 12}
    assert all([v for i, v in enumerate(old[k]) if i not in matching]
               == [v for i, v in enumerate(new[k]) if i not in matching] for k in old)
    assert [new[k][9] for k in [(1, 1), (2, 2)]] == ["A", "A"]
    assert new[(1, 1)][12] == 1
    assert verify(ledger).ok, "matching must not touch what the hash chain covers"


@pytest.mark.parametrize("letter, day", [("a", "2025-03-01"), ("A1", "2025-03-01"),
                                         ("ABCDE", "2025-03-01"), ("A", None), ("", "2025-03-01")])
def test_a_letter_is_capitals_with_its_day(ledger: Books, letter: str, day: str | None) -> None:
    with pytest.raises(StoreError, match="matching letter"), ledger.write() as cur:
        cur.execute("UPDATE line SET reconciliation = ?, matched_on = ? "
                    "WHERE entry_id = 1 AND position = 1", (letter, day))


def test_a_draft_line_cannot_be_matched(ledger: Books) -> None:
    draft = ledger.save_draft(Entry(journal="OD", date=date(2025, 3, 3), label="draft", lines=(
        Line(account="512", debit=Decimal("1")), Line(account="101", credit=Decimal("1")))))
    with pytest.raises(StoreError, match="only a line of a posted entry"), ledger.write() as cur:
        cur.execute("UPDATE line SET reconciliation = 'A', matched_on = '2025-03-03' "
                    "WHERE entry_id = ?", (draft.id,))


# --- the database refuses to post what the rules forbid ----------------------------------------


def draft(books: Books, day: date, *lines: Line, journal: str = "OD") -> EntryId:
    entry = books.save_draft(Entry(journal, day, "Brouillon", tuple(lines)))
    assert entry.id is not None
    return entry.id


def balanced(books: Books, day: date = date(2025, 4, 1), account: str = "53") -> EntryId:
    """A balanced draft whose only possible fault is its day or its account."""
    return draft(books, day, Line(account, debit=D("100.00")), Line("700", credit=D("100.00")))


def post_values(books: Books, entry_id: EntryId) -> tuple[int, int, str]:
    """The number, chain position and previous hash a correct posting of the draft would take."""
    with books.read() as cur:
        journal_id, year_id = cur.execute(
            "SELECT journal_id, fiscal_year_id FROM entry WHERE id = ?", (entry_id,)).fetchone()
        number = 1 + cur.execute(
            "SELECT coalesce(max(number), 0) FROM entry WHERE journal_id = ? "
            "AND fiscal_year_id = ?", (journal_id, year_id)).fetchone()[0]
        row = cur.execute(
            "SELECT seq, hash FROM entry WHERE seq = (SELECT max(seq) FROM entry)").fetchone()
    seq, head = row if row else (0, GENESIS)
    return number, seq + 1, head


POST_SQL = ("UPDATE entry SET status = 'posted', number = ?, seq = ?, prev_hash = ?, hash = ?, "
            "posted_at = '2025-12-31T00:00:00.000000+00:00' WHERE id = ?")


def post_params(books: Books, entry_id: EntryId, *, number: int = 0, seq: int = 0,
                prev_hash: str | None = None) -> tuple:
    """Made-up posting values: correct ones, shifted by ``number``/``seq`` or with ``prev_hash``."""
    n, s, head = post_values(books, entry_id)
    return (n + number, s + seq, prev_hash or head, "ab" * 32, entry_id)


def test_a_made_up_but_correct_posting_passes_the_triggers(ledger: Books) -> None:
    """The control for the refusals below: only the broken rule makes them fail. verify still
    sees the made-up hash, and that the balances were not maintained."""
    entry_id = balanced(ledger)
    with ledger.write() as cur:
        cur.execute(POST_SQL, post_params(ledger, entry_id))
    assert one(ledger, "SELECT number FROM entry WHERE id = ?", (entry_id,)) == 1
    assert verify(ledger).problems == [
        chain_break(f"entry OD-1 of 2025-04-01 (id {entry_id}, position 4)"), MAINTAINED]


def test_an_unbalanced_draft_cannot_be_posted(ledger: Books) -> None:
    entry_id = draft(ledger, date(2025, 4, 1), Line("53", debit=D("100.00")),
                     Line("700", credit=D("99.99")))
    refused(ledger, BAD_LINES, POST_SQL, post_params(ledger, entry_id))


def test_a_one_line_draft_cannot_be_posted(ledger: Books) -> None:
    entry_id = draft(ledger, date(2025, 4, 1), Line("53", debit=D("100.00")))
    refused(ledger, BAD_LINES, POST_SQL, post_params(ledger, entry_id))
    with ledger.write() as cur:
        cur.execute("DELETE FROM line WHERE entry_id = ?", (entry_id,))
    refused(ledger, BAD_LINES, POST_SQL, post_params(ledger, entry_id))


def test_a_draft_on_a_heading_account_cannot_be_posted(ledger: Books) -> None:
    assert not ledger.account("445").postable
    entry_id = balanced(ledger, account="445")
    refused(ledger, BAD_LINES, POST_SQL, post_params(ledger, entry_id))


def test_a_draft_on_a_deactivated_account_cannot_be_posted(ledger: Books) -> None:
    entry_id = balanced(ledger, account="467")
    ledger.set_account_active("467", False)
    refused(ledger, BAD_LINES, POST_SQL, post_params(ledger, entry_id))


def test_a_draft_lacking_its_third_party_cannot_be_posted(ledger: Books) -> None:
    entry_id = balanced(ledger, account="411")
    refused(ledger, BAD_LINES, POST_SQL, post_params(ledger, entry_id))


def test_a_draft_whose_line_is_dated_elsewhere_cannot_be_posted(ledger: Books) -> None:
    entry_id = balanced(ledger)
    with ledger.write() as cur:
        cur.execute("UPDATE line SET date = '2025-04-02' WHERE entry_id = ? AND position = 2",
                    (entry_id,))
    refused(ledger, BAD_LINES, POST_SQL, post_params(ledger, entry_id))


def test_a_draft_in_a_closed_year_cannot_be_posted(ledger: Books) -> None:
    ledger.open_next_fiscal_year()
    entry_id = balanced(ledger, date(2025, 6, 1))
    with ledger.write() as cur:  # closed behind the store's back, which refuses it with a draft
        cur.execute("UPDATE fiscal_year SET state = 'closed' WHERE start = '2025-01-01'")
    refused(ledger, BAD_DATE, POST_SQL, post_params(ledger, entry_id))


def test_a_draft_dated_outside_its_fiscal_year_cannot_be_posted(ledger: Books) -> None:
    ledger.open_next_fiscal_year()
    entry_id = balanced(ledger, date(2026, 2, 1))
    moved = "UPDATE entry SET fiscal_year_id = (SELECT id FROM fiscal_year WHERE start = " \
            "'2025-01-01')"
    refused(ledger, DRAFT_PERIOD, moved + " WHERE id = ?", (entry_id,))
    n, seq, head, digest, _id = post_params(ledger, entry_id)
    refused(ledger, BAD_DATE, moved + ", status = 'posted', number = ?, seq = ?, prev_hash = ?, "
            "hash = ?, posted_at = '2025-12-31T00:00:00.000000+00:00' WHERE id = ?",
            (n, seq, head, digest, entry_id))


@pytest.mark.parametrize("day", [date(2025, 3, 31), date(2025, 3, 20)])
def test_a_draft_on_or_before_the_lock_date_cannot_be_posted(ledger: Books, day: date) -> None:
    entry_id = balanced(ledger, day)
    with ledger.write() as cur:  # locked behind the store's back, which refuses it over a draft
        cur.execute("INSERT INTO setting (key, value) VALUES ('lock_date', '2025-03-31')")
    refused(ledger, BAD_DATE, POST_SQL, post_params(ledger, entry_id))


def test_no_draft_is_written_in_a_closed_year_or_a_locked_period(ledger: Books) -> None:
    ledger.open_next_fiscal_year()
    ledger.close_fiscal_year(date(2025, 1, 1))
    ledger.set_lock_date(date(2026, 1, 31))
    insert = ("INSERT INTO entry (journal_id, fiscal_year_id, date, label, created_at) VALUES "
              "((SELECT id FROM journal WHERE code = 'OD'), "
              "(SELECT id FROM fiscal_year WHERE start = ?), ?, 'x', '2026-01-01')")
    refused(ledger, DRAFT_PERIOD, insert, ("2025-01-01", "2025-06-01"))
    refused(ledger, DRAFT_PERIOD, insert, ("2026-01-01", "2026-01-31"))
    entry_id = balanced(ledger, date(2026, 2, 1))
    refused(ledger, DRAFT_PERIOD, "UPDATE entry SET date = '2026-01-15' WHERE id = ?",
            (entry_id,))


def test_a_journal_is_posted_in_date_order(ledger: Books) -> None:
    """VT-2 is dated 2025-03-10: VT-3 may not be dated before it, whatever SQL tries."""
    early = draft(ledger, date(2025, 3, 9), Line("53", debit=D("1.00")),
                  Line("700", credit=D("1.00")), journal="VT")
    refused(ledger, OUT_OF_ORDER, POST_SQL, post_params(ledger, early))
    same_day = draft(ledger, date(2025, 3, 10), Line("53", debit=D("1.00")),
                     Line("700", credit=D("1.00")), journal="VT")
    with ledger.write() as cur:
        cur.execute(POST_SQL, post_params(ledger, same_day))


def test_an_entry_without_a_label_is_not_posted(ledger: Books) -> None:
    entry_id = balanced(ledger)
    with ledger.write() as cur:
        cur.execute("UPDATE entry SET label = '  ' WHERE id = ?", (entry_id,))
    refused(ledger, NO_LABEL, POST_SQL, post_params(ledger, entry_id))


def test_a_reversal_is_not_posted_before_its_original(ledger: Books) -> None:
    entry_id = balanced(ledger, date(2025, 3, 9))
    with ledger.write() as cur:  # entry 3 is VT-2 of 2025-03-10
        cur.execute("UPDATE entry SET reversal_of = 3 WHERE id = ?", (entry_id,))
    refused(ledger, EARLY_REVERSAL, POST_SQL, post_params(ledger, entry_id))


@pytest.mark.parametrize("shift", [1, 5, -1])
def test_a_number_that_is_not_the_next_one_is_refused(ledger: Books, shift: int) -> None:
    entry_id = balanced(ledger, date(2025, 4, 1))
    with ledger.write() as cur:  # VT holds 1 and 2: try 4, 8 and 2 again
        cur.execute("UPDATE entry SET journal_id = (SELECT id FROM journal WHERE code = 'VT') "
                    "WHERE id = ?", (entry_id,))
    assert post_values(ledger, entry_id)[0] == 3
    refused(ledger, BAD_PLACE, POST_SQL, post_params(ledger, entry_id, number=shift))


def test_a_wrong_previous_hash_is_refused(ledger: Books) -> None:
    entry_id = balanced(ledger)
    refused(ledger, BAD_PLACE, POST_SQL, post_params(ledger, entry_id, prev_hash="f" * 64))
    refused(ledger, BAD_PLACE, POST_SQL, post_params(ledger, entry_id, prev_hash=GENESIS))


@pytest.mark.parametrize("shift", [1, -1])
def test_a_wrong_chain_position_is_refused(ledger: Books, shift: int) -> None:
    entry_id = balanced(ledger)
    refused(ledger, BAD_PLACE, POST_SQL, post_params(ledger, entry_id, seq=shift))


def test_an_entry_inserted_already_posted_is_checked_too(ledger: Books) -> None:
    """The bulk import's path: lines first, then the entry inserted as posted."""
    head = one(ledger, "SELECT hash FROM entry WHERE seq = 3")
    refused(
        ledger, BAD_LINES,
        "INSERT INTO entry (id, journal_id, fiscal_year_id, date, label, status, number, seq,"
        " posted_at, prev_hash, hash, created_at) VALUES (99, (SELECT id FROM journal WHERE"
        " code = 'VT'), 1, '2025-04-01', 'x', 'posted', ?, ?, '2025-04-01', ?, ?, '2025-04-01')",
        (3, 4, head, "cd" * 32),
    )


# --- the lock date and closed years hold ----------------------------------------------------


def test_the_lock_date_cannot_move_backwards(ledger: Books) -> None:
    ledger.set_lock_date(date(2025, 3, 31))
    refused(ledger, LOCK_BACK, "UPDATE setting SET value = '2025-03-30' WHERE key = 'lock_date'")
    refused(ledger, LOCK_BACK, "DELETE FROM setting WHERE key = 'lock_date'")
    refused(ledger, LOCK_BACK, "DELETE FROM setting")
    with pytest.raises(StoreError, match="locked up to 2025-03-31; a lock date only moves forward"):
        ledger.set_lock_date(date(2025, 1, 31))
    assert ledger.lock_date() == date(2025, 3, 31)
    with ledger.write() as cur:  # forward is fine
        cur.execute("UPDATE setting SET value = '2025-04-30' WHERE key = 'lock_date'")
    assert ledger.lock_date() == date(2025, 4, 30)


def test_the_lock_date_cannot_be_replaced_by_an_earlier_one(ledger: Books) -> None:
    ledger.set_lock_date(date(2025, 3, 31))
    with pytest.raises(IntegrityError), ledger.write() as cur:
        cur.execute("INSERT OR REPLACE INTO setting (key, value) "
                    "VALUES ('lock_date', '2025-01-01')")
    assert ledger.lock_date() == date(2025, 3, 31)


def test_a_closed_fiscal_year_cannot_be_reopened(ledger: Books) -> None:
    ledger.open_next_fiscal_year()
    ledger.close_fiscal_year(date(2025, 1, 1))
    refused(ledger, YEAR_CLOSED, "UPDATE fiscal_year SET state = 'open' WHERE start = '2025-01-01'")
    refused(ledger, YEAR_CLOSED,
            "UPDATE fiscal_year SET \"end\" = '2025-06-30' WHERE start = '2025-01-01'")
    refused(ledger, YEAR_CLOSED, "UPDATE fiscal_year SET closed_at = NULL")
    refused(ledger, "a closed fiscal year cannot be deleted",
            "DELETE FROM fiscal_year WHERE start = '2025-01-01'")
    assert [y.state.value for y in ledger.fiscal_years()] == ["closed", "open"]


def test_a_closed_fiscal_year_cannot_be_replaced_by_an_open_one(ledger: Books) -> None:
    ledger.open_next_fiscal_year()
    ledger.close_fiscal_year(date(2025, 1, 1))
    with pytest.raises(IntegrityError), ledger.write() as cur:
        cur.execute("INSERT OR REPLACE INTO fiscal_year (id, start, \"end\", state) "
                    "VALUES (1, '2025-01-01', '2025-12-31', 'open')")
    assert [y.state.value for y in ledger.fiscal_years()] == ["closed", "open"]


def test_an_empty_closed_fiscal_year_cannot_be_deleted(books: Books) -> None:
    books.open_next_fiscal_year()
    books.close_fiscal_year(date(2025, 1, 1))
    with pytest.raises(IntegrityError), books.write() as cur:
        cur.execute("DELETE FROM fiscal_year WHERE start = '2025-01-01'")
    assert [y.state.value for y in books.fiscal_years()] == ["closed", "open"]


# --- verify sees what was done with the triggers out of the way ------------------------------


IMMUTABILITY_TRIGGERS = ("entry_posted_immutable", "entry_posted_undeletable",
                         "line_posted_immutable", "line_posted_undeletable", "line_posted_closed")
REBUILD_BALANCES = (
    "DELETE FROM balance_day",
    "DELETE FROM balance_month",
    "INSERT INTO balance_day (account_id, day, debit, credit) SELECT l.account_id, l.date, "
    "sum(l.debit), sum(l.credit) FROM line l JOIN entry e ON e.id = l.entry_id "
    "WHERE e.status = 'posted' GROUP BY l.account_id, l.date",
    "INSERT INTO balance_month (account_id, month, debit, credit) SELECT account_id, "
    "substr(day, 1, 7), sum(debit), sum(credit) FROM balance_day GROUP BY 1, 2",
)


def tamper(books: Books, *statements: str, rebuild: bool = False) -> None:
    with books.write() as cur:
        for trigger in IMMUTABILITY_TRIGGERS:
            cur.execute(f"DROP TRIGGER {trigger}")
        for sql in statements:
            cur.execute(sql)
            assert cur.rowcount >= 1, sql
        for sql in REBUILD_BALANCES if rebuild else ():
            cur.execute(sql)
    with books.read() as cur:
        left = {r[0] for r in cur.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert left.isdisjoint(IMMUTABILITY_TRIGGERS)


BQ1 = "entry BQ-1 of 2025-02-01 (id 2, position 2)"
AMOUNTS_CHANGED = ("UPDATE line SET debit = debit + 10000 WHERE entry_id = 2 AND position = 1",
                   "UPDATE line SET credit = credit + 10000 WHERE entry_id = 2 AND position = 2")


def test_verify_names_the_entry_whose_amounts_were_changed(ledger: Books) -> None:
    tamper(ledger, *AMOUNTS_CHANGED)
    assert one(ledger, "SELECT sum(debit) - sum(credit) FROM line WHERE entry_id = 2") == 0
    assert verify(ledger).problems == [chain_break(BQ1), MAINTAINED]


def test_verify_names_the_entry_even_when_the_balances_were_rebuilt(ledger: Books) -> None:
    tamper(ledger, *AMOUNTS_CHANGED, rebuild=True)
    report = verify(ledger)
    assert report.problems == [chain_break(BQ1)]
    assert (report.entries, report.lines) == (2, 5), "the walk stops at the first break"


@pytest.mark.parametrize(
    ("sql", "also"),
    [("UPDATE entry SET label = 'Règlement' WHERE id = 2", []),
     ("UPDATE entry SET reference = 'CHQ 1' WHERE id = 2", []),
     ("UPDATE entry SET posted_at = '2025-02-01T00:00:00.000000+00:00' WHERE id = 2", []),
     ("UPDATE line SET label = 'x' WHERE entry_id = 2 AND position = 2", []),
     ("UPDATE line SET third_party_id = (SELECT id FROM third_party WHERE code = 'CLIENT2') "
      "WHERE entry_id = 2 AND position = 2", []),
     ("UPDATE line SET position = 10 + position WHERE entry_id = 2; "
      "UPDATE line SET position = 13 - position WHERE entry_id = 2", []),
     ("UPDATE line SET account_id = (SELECT id FROM account WHERE number = '53') "
      "WHERE entry_id = 2 AND position = 1", [MAINTAINED])],
    ids=["label", "reference", "posted_at", "line-label", "line-third-party", "line-order",
         "line-account"],
)
def test_verify_sees_any_other_change_to_a_posted_entry(
    ledger: Books, sql: str, also: list[str]
) -> None:
    tamper(ledger, *sql.split("; "))
    assert verify(ledger).problems == [chain_break(BQ1), *also]


def test_verify_sees_tampered_day_balances(ledger: Books) -> None:
    with ledger.write() as cur:
        cur.execute("UPDATE balance_day SET debit = debit + 1 WHERE day = '2025-02-01' "
                    "AND account_id = (SELECT id FROM account WHERE number = '512')")
        assert cur.rowcount == 1
    assert verify(ledger).problems == [MAINTAINED]


def test_verify_sees_tampered_month_balances(ledger: Books) -> None:
    with ledger.write() as cur:
        cur.execute("UPDATE balance_month SET credit = credit - 1 WHERE month = '2025-03' "
                    "AND account_id = (SELECT id FROM account WHERE number = '700')")
        assert cur.rowcount == 1
    assert verify(ledger).problems == [MAINTAINED]


def test_verify_sees_a_deleted_posted_entry(ledger: Books) -> None:
    tamper(ledger, "DELETE FROM entry WHERE id = 1")
    assert one(ledger, "SELECT count(*) FROM line WHERE entry_id = 1") == 0
    assert verify(ledger).problems == [
        "the chain skips from position 0 to 2",
        "journal VT, fiscal year from 2025-01-01: 1 entries numbered 2 to 2; the numbering has "
        "gaps or duplicates",
        MAINTAINED,
    ]


def test_verify_sees_a_deleted_posted_entry_after_the_balances_were_rebuilt(
    ledger: Books,
) -> None:
    tamper(ledger, "DELETE FROM entry WHERE id = 1", rebuild=True)
    assert verify(ledger).problems == [
        "the chain skips from position 0 to 2",
        "journal VT, fiscal year from 2025-01-01: 1 entries numbered 2 to 2; the numbering has "
        "gaps or duplicates",
    ]


def test_verify_sees_a_renumbered_entry(ledger: Books) -> None:
    tamper(ledger, "UPDATE entry SET number = 5 WHERE id = 3")
    assert verify(ledger).problems == [
        chain_break("entry VT-5 of 2025-03-10 (id 3, position 3)"),
        "journal VT, fiscal year from 2025-01-01: 2 entries numbered 1 to 5; the numbering has "
        "gaps or duplicates",
    ]


def test_verify_notices_a_month_balance_no_line_explains(ledger: Books) -> None:
    with ledger.write() as cur:
        account = cur.execute("SELECT id FROM account WHERE number = '512'").fetchone()[0]
        cur.execute("INSERT INTO balance_month (account_id, month, debit, credit) "
                    "VALUES (?, '2031-01', 100, 0)", (account,))
    report = verify(ledger)
    assert any("maintained account balances" in p for p in report.problems)
