"""The letters' sequence and the automatic matching's passes, by example and by property."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.ledger.matching import (
    OpenLine,
    auto_groups,
    letter_number,
    letter_of,
    next_letter,
    shown_letter,
    tokens,
)

DAY = date(2025, 3, 1)


def line(n: int, amount: int, *, party: int | None = 1, days: int = 0, reference: str = "",
         label: str = "") -> OpenLine:
    return OpenLine((n, 1), party, DAY + timedelta(days=days), amount, reference, label)


@pytest.mark.parametrize(("rank", "letter"), [
    (1, "A"), (26, "Z"), (27, "AA"), (52, "AZ"), (53, "BA"), (702, "ZZ"), (703, "AAA"),
    (18278, "ZZZ"), (18279, "AAAA"), (475254, "ZZZZ")])
def test_letters_run_a_to_z_then_two_three_four_letters(rank: int, letter: str) -> None:
    assert letter_of(rank) == letter
    assert letter_number(letter) == rank


def test_next_letter_follows_the_highest_in_use() -> None:
    assert next_letter([]) == "A"
    assert next_letter(["A", "B"]) == "C"
    assert next_letter(["Z", "B"]) == "AA"
    assert next_letter(["AB", "ZZ", "C"]) == "AAA"
    assert next_letter(["A", "D"]) == "E"  # B and C, freed, are not handed out again


def test_letters_stop_at_four() -> None:
    with pytest.raises(ValueError, match="ZZZZ"):
        next_letter(["ZZZZ"])
    for bad in ("", "a", "ABCDE", "A1", "É"):
        with pytest.raises(ValueError):
            letter_number(bad)


def test_partial_letters_are_shown_in_lower_case() -> None:
    assert shown_letter("AB", True) == "AB"
    assert shown_letter("AB", False) == "ab"


def test_tokens_are_the_reference_and_the_words_with_a_digit() -> None:
    found = tokens(line(1, 100, reference="FA-17", label="Règlement facture fa-2025-003 du 12/3"))
    assert found == {"FA-17", "FA-2025-003", "12/3"}
    assert tokens(line(1, 100, label="Facture 2")) == set()


def test_same_reference_settles_an_invoice_paid_twice() -> None:
    lines = [line(1, 1000, reference="F100", label="Facture F100"),
             line(2, 999, label="Facture F101"),
             line(3, -400, days=5, label="Acompte F100"),
             line(4, -600, days=9, label="Solde F100")]
    [group] = auto_groups(lines)
    assert group.found_by == "reference" and group.keys == ((1, 1), (3, 1), (4, 1))


def test_a_shared_token_that_does_not_balance_is_left_to_the_other_passes() -> None:
    lines = [line(1, 1000, label="Facture F100"), line(2, -900, days=3, label="Règlement F100"),
             line(3, -1000, days=20, label="Virement")]
    [group] = auto_groups(lines)
    assert group.found_by == "amount" and group.keys == ((1, 1), (3, 1))


def test_equal_amounts_pair_nearest_dates_first() -> None:
    lines = [line(1, 500, days=0), line(2, 500, days=30), line(3, -500, days=32),
             line(4, -500, days=3)]
    groups = auto_groups(lines)
    assert [g.keys for g in groups] == [((1, 1), (4, 1)), ((2, 1), (3, 1))]
    assert {g.found_by for g in groups} == {"amount"}


def test_one_payment_settles_several_invoices() -> None:
    lines = [line(1, 300, days=0), line(2, 450, days=2), line(3, 250, days=4),
             line(4, 777, days=5), line(5, -1000, days=10)]
    [group] = auto_groups(lines)
    assert group.found_by == "sum" and group.keys == ((1, 1), (2, 1), (3, 1), (5, 1))


def test_one_invoice_paid_in_instalments() -> None:
    lines = [line(1, 1200), line(2, -400, days=30), line(3, -400, days=60),
             line(4, -400, days=90)]
    [group] = auto_groups(lines)
    assert group.found_by == "sum" and len(group.keys) == 4


def test_never_across_third_parties_and_never_partial() -> None:
    lines = [line(1, 500, party=1), line(2, -500, party=2), line(3, 800, party=3),
             line(4, -300, party=3)]
    assert auto_groups(lines) == []


def test_five_parts_are_beyond_the_search() -> None:
    lines = [line(1, 500), *(line(n, -100, days=n) for n in range(2, 7))]
    assert auto_groups(lines) == []


parties = st.sampled_from([None, 1, 2, 3])
amounts = st.integers(min_value=1, max_value=60).map(lambda n: n * 50)
labels = st.sampled_from(["", "Facture F1", "Règlement F1", "F2 acompte", "Virement F2", "X"])
open_lines = st.lists(
    st.tuples(parties, amounts, st.booleans(), st.integers(0, 90), labels),
    min_size=0, max_size=40,
).map(lambda rows: [OpenLine((n + 1, 1 + n % 3), party, DAY + timedelta(days=days),
                             amount if debit else -amount, "", label)
                    for n, (party, amount, debit, days, label) in enumerate(rows)])


@settings(max_examples=300, deadline=None)
@given(open_lines, st.randoms(use_true_random=False))
def test_automatic_groups_balance_never_overlap_and_stay_with_one_party(
        lines: list[OpenLine], shuffler: random.Random) -> None:
    groups = auto_groups(lines)
    by_key = {ln.key: ln for ln in lines}
    seen = Counter(key for g in groups for key in g.keys)
    assert all(count == 1 for count in seen.values())
    for group in groups:
        members = [by_key[key] for key in group.keys]
        assert len(members) >= 2
        assert sum(m.amount for m in members) == 0
        assert len({m.party for m in members}) == 1
        assert any(m.amount > 0 for m in members) and any(m.amount < 0 for m in members)
    shuffled = list(lines)
    shuffler.shuffle(shuffled)
    assert auto_groups(shuffled) == groups


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(amounts, st.booleans(), st.integers(0, 365)), min_size=150,
                max_size=300), st.randoms(use_true_random=False))
def test_a_party_with_hundreds_of_open_lines_keeps_the_same_rules(
        rows: list[tuple[int, bool, int]], shuffler: random.Random) -> None:
    """Past ``4 * WINDOW`` lines on a side, candidates are walked outward from the line's date."""
    lines = [OpenLine((n + 1, 1), 7, DAY + timedelta(days=days), amount if debit else -amount)
             for n, (amount, debit, days) in enumerate(rows)]
    groups = auto_groups(lines)
    amount_of = {ln.key: ln.amount for ln in lines}
    assert all(sum(amount_of[key] for key in g.keys) == 0 for g in groups)
    assert len({key for g in groups for key in g.keys}) == sum(len(g.keys) for g in groups)
    shuffler.shuffle(lines)
    assert auto_groups(lines) == groups


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(parties, amounts, st.integers(0, 60)), max_size=30))
def test_an_invoice_and_its_exact_payment_are_always_matched(
        rows: list[tuple[int | None, int, int]]) -> None:
    lines = []
    for n, (party, amount, days) in enumerate(rows):
        lines.append(OpenLine((2 * n + 1, 1), party, DAY + timedelta(days=days), amount))
        lines.append(OpenLine((2 * n + 2, 1), party, DAY + timedelta(days=days + 7), -amount))
    matched = {key for g in auto_groups(lines) for key in g.keys}
    assert matched == {ln.key for ln in lines}
