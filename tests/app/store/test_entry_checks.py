"""Checking an entry being written gives the posting rules' reasons, and writes nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from app.ledger.model import Entry, EntryStatus, Line
from app.ledger.rules import PostingRefused
from app.store.books import Books
from app.store.entry_checks import entry_problems, post_checked


def _entry(*lines: Line, day: date = date(2025, 3, 1), journal: str = "OD") -> Entry:
    return Entry(journal, day, "Test", tuple(lines))


def test_a_balanced_entry_on_real_accounts_has_no_problem(books: Books) -> None:
    entry = _entry(Line("512", debit=Decimal("100.00")), Line("700", credit=Decimal("100.00")))
    assert entry_problems(books, entry) == []


def test_every_reason_is_given_with_its_line(books: Books) -> None:
    entry = _entry(
        Line("512", debit=Decimal("100.00")),
        Line("411", credit=Decimal("90.00")),
        Line("41", credit=Decimal("5.00")),
        Line("999999", credit=Decimal("1.00")),
        journal="ZZ", day=date(2030, 1, 1),
    )
    found = {(p.line, p.field, p.message) for p in entry_problems(books, entry)}
    assert (2, "third_party", "account 411 needs a third party") in found
    assert (3, "account", "account 41 is a heading and cannot be posted to") in found
    assert (4, "account", "account 999999 does not exist") in found
    assert (None, "journal", "journal ZZ does not exist") in found
    assert (None, "date", "2030-01-01 lies in no fiscal year") in found
    assert any(p.message.startswith("the entry does not balance") for p in entry_problems(
        books, entry))


def test_checking_writes_nothing_and_judges_a_posted_entry_as_a_draft(books: Books) -> None:
    posted = books.post(_entry(Line("512", debit=Decimal("10.00")),
                               Line("700", credit=Decimal("10.00"))))
    assert entry_problems(books, posted) == []
    with books.read() as cur:
        assert cur.execute("SELECT count(*) FROM entry").fetchone()[0] == 1


def test_the_lock_date_is_a_reason(books: Books) -> None:
    books.set_lock_date(date(2025, 6, 30))
    entry = _entry(Line("512", debit=Decimal("1.00")), Line("700", credit=Decimal("1.00")),
                   day=date(2025, 6, 1))
    assert [p.field for p in entry_problems(books, entry)] == ["date"]


def test_post_checked_refuses_before_writing_anything(books: Books) -> None:
    draft = books.save_draft(_entry(Line("512", debit=Decimal("100.00")),
                                    Line("700", credit=Decimal("90.00"))))
    changed = replace(draft, label="Changed", lines=draft.lines[:1])
    with pytest.raises(PostingRefused) as refused:
        post_checked(books, changed)
    assert "an entry needs at least two lines" in str(refused.value)
    assert books.entry(draft.id) == draft


def test_post_checked_posts_a_new_entry_or_a_changed_draft(books: Books) -> None:
    new = post_checked(books, _entry(Line("512", debit=Decimal("5.00")),
                                     Line("700", credit=Decimal("5.00"))))
    assert new.status is EntryStatus.POSTED and new.number == 1
    draft = books.save_draft(_entry(Line("512", debit=Decimal("100.00")),
                                    Line("700", credit=Decimal("90.00"))))
    fixed = replace(draft, lines=(draft.lines[0], replace(draft.lines[1],
                                                          credit=Decimal("100.00"))))
    posted = post_checked(books, fixed)
    assert (posted.id, posted.status, posted.total_credit) == (
        draft.id, EntryStatus.POSTED, Decimal("100.00"))
