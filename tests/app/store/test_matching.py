"""``app.store.matching``: letters written on posted lines, refused when they do not fit, taken
off again, found automatically; the hash chain never notices."""

from __future__ import annotations

import json
from datetime import date

import pytest

from app.store.books import Books
from app.store.matching import (
    MatchingError,
    account_lines,
    add_to_letter,
    auto_match,
    free_letter,
    letter_lines,
    letters,
    match_lines,
    open_lines,
    unmatch,
)
from app.store.verify import verify
from tests.ledger_text import parse_entries, post_text

DAY = date(2025, 6, 30)


@pytest.fixture
def ledger(books: Books) -> Books:
    """Entries 1-2 invoices of C1 (411 at line 1), 3 a payment of C1 for both, 4 an invoice of
    C2, 5 a partial payment of C2, 6 a purchase from S1 (401 at line 2), 7 a draft."""
    post_text(books, """
        2025-01-10 VT "Facture F1"
          411  300.00  C1
          700  -300.00
        2025-01-12 VT "Facture F2"
          411  200.00  C1
          700  -200.00
        2025-02-01 BQ "Reglement C1"
          512  500.00
          411  -500.00  C1
        2025-02-03 VT "Facture F3"
          411  1000.00  C2
          700  -1000.00
        2025-02-20 BQ "Acompte C2"
          512  400.00
          411  -400.00  C2
        2025-03-01 AC "Achat"
          600  250.00
          401  -250.00  S1
    """)
    return books


def account_id(books: Books, number: str) -> int:
    account = books.accounts()[number]
    assert account.id is not None
    return account.id


def audit_kinds(books: Books) -> list[tuple[str, dict]]:
    with books.read() as cur:
        rows = cur.execute("SELECT kind, detail FROM audit_event ORDER BY id").fetchall()
    return [(kind, json.loads(detail)) for kind, detail in rows]


def test_a_complete_match_takes_the_first_letter_and_leaves_the_chain_alone(
        ledger: Books) -> None:
    with ledger.write() as cur:
        letter = match_lines(cur, [(1, 1), (2, 1), (3, 2)], DAY)
    assert letter == "A"
    c411 = account_id(ledger, "411")
    with ledger.read() as cur:
        group = letter_lines(cur, c411, "a")
        assert [(ln.key, ln.matched_on) for ln in group] == [
            ((1, 1), "2025-06-30"), ((2, 1), "2025-06-30"), ((3, 2), "2025-06-30")]
        assert letters(cur, c411) == {"A": True}
        assert [ln.key for ln in open_lines(cur, c411)] == [(4, 1), (5, 2)]
        assert free_letter(cur, c411) == "B"
    assert verify(ledger).ok
    kind, detail = audit_kinds(ledger)[-1]
    assert kind == "match" and detail["letter"] == "A" and detail["complete"] is True


def test_an_unbalanced_match_is_refused_unless_partial(ledger: Books) -> None:
    with pytest.raises(MatchingError, match=r"do not balance.*debits exceed the credits by 600"
                       ), ledger.write() as cur:
        match_lines(cur, [(4, 1), (5, 2)], DAY)
    with ledger.write() as cur:
        letter = match_lines(cur, [(4, 1), (5, 2)], DAY, allow_partial=True)
    with ledger.read() as cur:
        assert letters(cur, account_id(ledger, "411")) == {letter: False}


@pytest.mark.parametrize(("keys", "reason"), [
    ([(1, 1)], "two lines or more"),
    ([(1, 1), (1, 1)], "named twice"),
    ([(1, 1), (9, 1)], "there is no line 1 of entry 9"),
    ([(1, 1), (6, 2)], "on account 401, not 411"),
    ([(1, 1), (5, 2)], "of third party C2, not C1"),
])
def test_lines_that_do_not_belong_together_are_refused(
        ledger: Books, keys: list[tuple[int, int]], reason: str) -> None:
    with pytest.raises(MatchingError, match=reason), ledger.write() as cur:
        match_lines(cur, keys, DAY, allow_partial=True)
    with ledger.read() as cur:
        assert letters(cur, account_id(ledger, "411")) == {}


def test_a_lettered_line_or_a_draft_cannot_be_matched(ledger: Books) -> None:
    with ledger.write() as cur:
        match_lines(cur, [(1, 1), (2, 1), (3, 2)], DAY)
    with pytest.raises(MatchingError, match="already carries the letter A"), \
            ledger.write() as cur:
        match_lines(cur, [(1, 1), (5, 2)], DAY, allow_partial=True)
    [draft] = parse_entries("""
        2025-06-01 BQ "Solde C2"
          512  600.00
          411  -600.00  C2
    """)
    saved = ledger.save_draft(draft)
    with pytest.raises(MatchingError, match="is a draft"), ledger.write() as cur:
        match_lines(cur, [(4, 1), (saved.id, 2)], DAY, allow_partial=True)


def test_a_partial_group_completed_by_adding_the_last_payment(ledger: Books) -> None:
    c411 = account_id(ledger, "411")
    with ledger.write() as cur:
        letter = match_lines(cur, [(4, 1), (5, 2)], DAY, allow_partial=True)
    [payment] = post_text(ledger, """
        2025-07-01 BQ "Solde C2"
          512  600.00
          411  -600.00  C2
    """)
    with pytest.raises(MatchingError, match="no letter B"), ledger.write() as cur:
        add_to_letter(cur, c411, "B", [(payment.id, 2)], date(2025, 7, 2))
    with ledger.write() as cur:
        assert add_to_letter(cur, c411, letter.lower(), [(payment.id, 2)], date(2025, 7, 2))
    with ledger.read() as cur:
        assert letters(cur, c411) == {"A": True}
        assert [ln.matched_on for ln in letter_lines(cur, c411, "A")] == [
            "2025-06-30", "2025-06-30", "2025-07-02"]


def test_unmatch_frees_the_lines_and_a_new_letter_goes_after_the_highest(ledger: Books) -> None:
    c411 = account_id(ledger, "411")
    with ledger.write() as cur:
        match_lines(cur, [(1, 1), (2, 1), (3, 2)], DAY)
        match_lines(cur, [(4, 1), (5, 2)], DAY, allow_partial=True)
        assert unmatch(cur, c411, "a") == 3
    with pytest.raises(MatchingError, match="no letter A"), ledger.write() as cur:
        unmatch(cur, c411, "A")
    with ledger.read() as cur:
        assert [ln.key for ln in open_lines(cur, c411)] == [(1, 1), (2, 1), (3, 2)]
        assert free_letter(cur, c411) == "C"
        assert [ln.letter for ln in account_lines(cur, c411)] == [None, None, None, "B", "B"]
    assert verify(ledger).ok
    kind, detail = audit_kinds(ledger)[-1]
    assert kind == "unmatch" and detail["letter"] == "A" and len(detail["lines"]) == 3


def test_the_same_letter_on_two_accounts_is_two_groups(ledger: Books) -> None:
    post_text(ledger, """
        2025-03-15 BQ "Paiement S1"
          401  250.00  S1
          512  -250.00
    """)
    with ledger.write() as cur:
        assert match_lines(cur, [(1, 1), (2, 1), (3, 2)], DAY) == "A"
        assert match_lines(cur, [(6, 2), (7, 1)], DAY) == "A"
        assert unmatch(cur, account_id(ledger, "401"), "A") == 2
        assert letters(cur, account_id(ledger, "411")) == {"A": True}


def test_auto_match_letters_exact_groups_in_one_summary_event(ledger: Books) -> None:
    post_text(ledger, """
        2025-03-15 BQ "Paiement S1"
          401  250.00  S1
          512  -250.00
    """)
    events = len(audit_kinds(ledger))
    with ledger.read() as cur:
        dry = auto_match(cur, None, DAY, dry_run=True)
    assert [(number, letter) for number, letter, _, _ in dry.groups] == [("401", "A"),
                                                                         ("411", "A")]
    assert len(audit_kinds(ledger)) == events
    with ledger.write() as cur:
        done = auto_match(cur, None, DAY)
    assert done.groups == dry.groups and done.lines_matched == 5
    assert done.by_pass() == {"amount": 1, "sum": 1}
    with ledger.read() as cur:
        assert letters(cur, account_id(ledger, "411")) == {"A": True}
        assert [ln.key for ln in open_lines(cur, account_id(ledger, "411"))] == [(4, 1), (5, 2)]
    kinds = audit_kinds(ledger)
    assert len(kinds) == events + 1
    kind, detail = kinds[-1]
    assert kind == "auto_match" and detail["groups"] == 2 and detail["lines"] == 5
    assert verify(ledger).ok
    with ledger.write() as cur:
        again = auto_match(cur, None, DAY)
    assert again.groups == [] and len(audit_kinds(ledger)) == events + 1


def test_auto_match_continues_after_the_letters_in_use(ledger: Books) -> None:
    c411 = account_id(ledger, "411")
    with ledger.write() as cur:
        match_lines(cur, [(4, 1), (5, 2)], DAY, allow_partial=True)
        result = auto_match(cur, [(c411, "411")], DAY)
    assert [letter for _, letter, _, _ in result.groups] == ["B"]
