"""Adding and changing journals: codes checked and fixed for good, labels and kinds editable,
a deactivated journal refusing new entries, every change audited and every refusal harmless."""

from __future__ import annotations

import json

import pytest

from app.ledger.model import Journal, JournalKind
from app.ledger.rules import PostingRefused
from app.store.books import Books
from app.store.database import StoreError
from app.store.verify import verify
from tests.ledger_text import post_text

BANK_2 = """
    2025-02-01 BQ2 "Virement reçu"
      512  1000.00
      101  -1000.00
"""


def snapshot(books: Books) -> tuple[list, list]:
    with books.read() as cur:
        return (cur.execute("SELECT * FROM journal ORDER BY id").fetchall(),
                cur.execute("SELECT * FROM audit_event ORDER BY id").fetchall())


def refused(books: Books, match: str, action, *args, **kwargs) -> None:
    """``action`` raises a StoreError matching ``match`` and changes nothing."""
    before = snapshot(books)
    with pytest.raises(StoreError, match=match):
        action(*args, **kwargs)
    assert snapshot(books) == before


def audited(books: Books, kind: str) -> list[dict]:
    with books.read() as cur:
        return [json.loads(detail) for (detail,) in cur.execute(
            "SELECT detail FROM audit_event WHERE kind = ? ORDER BY id", (kind,))]


def test_a_second_bank_journal_numbers_its_own_entries(books):
    added = books.add_journal(Journal("BQ2", " Banque CPA ", JournalKind.BANK))
    assert added.id is not None and added.label == "Banque CPA"
    assert books.journals()["BQ2"] == added == books.journal("BQ2")
    entry = post_text(books, BANK_2)[0]
    assert (entry.journal, entry.number) == ("BQ2", 1)
    assert audited(books, "add_journal") == [
        {"code": "BQ2", "label": "Banque CPA", "journal_kind": "bank", "active": True}]


@pytest.mark.parametrize(("code", "match"), [
    ("", "a journal needs a code"),
    ("bq2", r"upper-case letters or digits \(did you mean BQ2\?\)"),
    ("BANQUE-2", "is not 1 to 8 upper-case letters or digits"),
    ("BANQUECPA", "is not 1 to 8 upper-case letters or digits"),
    (" BQ2", "did you mean BQ2"),
    ("BQ", "journal BQ already exists"),
])
def test_add_journal_refuses_bad_or_taken_codes(books, code, match):
    refused(books, match, books.add_journal, Journal(code, "Banque 2", JournalKind.BANK))


def test_add_journal_needs_a_label(books):
    refused(books, "journal BQ2 needs a label", books.add_journal, Journal("BQ2", "  "))


def test_update_journal_keeps_the_code_and_the_chain(books):
    books.add_journal(Journal("BQ2", "Banque 2", JournalKind.BANK))
    post_text(books, BANK_2)
    updated = books.update_journal("BQ2", label="Caisse annexe", kind=JournalKind.CASH)
    assert books.journal("BQ2") == updated
    assert (updated.code, updated.label, updated.kind) == ("BQ2", "Caisse annexe",
                                                           JournalKind.CASH)
    assert verify(books).ok  # the kind and label are not part of any chained hash
    assert audited(books, "update_journal")[-1] == {
        "code": "BQ2", "label": "Caisse annexe", "journal_kind": "cash"}


def test_update_journal_refusals(books):
    refused(books, "journal NOPE does not exist", books.update_journal, "NOPE", label="x",
            kind=JournalKind.MISC)
    refused(books, "journal BQ needs a label", books.update_journal, "BQ", label=" ",
            kind=JournalKind.BANK)


def test_an_inactive_journal_keeps_its_entries_and_takes_no_new_ones(books):
    books.add_journal(Journal("BQ2", "Banque 2", JournalKind.BANK))
    post_text(books, BANK_2)
    assert not books.set_journal_active("BQ2", False).active
    assert not books.journals()["BQ2"].active
    with pytest.raises(PostingRefused, match="journal BQ2 is deactivated"):
        post_text(books, BANK_2)
    assert audited(books, "set_journal_active") == [{"code": "BQ2", "active": False}]
    books.set_journal_active("BQ2", True)
    assert post_text(books, BANK_2)[0].number == 2
    assert verify(books).ok
    refused(books, "journal NOPE does not exist", books.set_journal_active, "NOPE", False)


def test_a_journal_added_inactive_refuses_entries(books):
    books.add_journal(Journal("BQ2", "Banque 2", JournalKind.BANK, active=False))
    with pytest.raises(PostingRefused, match="journal BQ2 is deactivated"):
        post_text(books, BANK_2)
