"""The pairing of statement lines with ledger lines: examples, then its invariants as properties
(every pair balances, no line is used twice, only exact pairs are automatic)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.ledger.bank_pairing import LedgerItem, StatementItem, numbers, pair

D = date(2025, 3, 1)


def _b(id_: int, days: int, amount: int, text: str = "", reference: str = "") -> StatementItem:
    return StatementItem(id_, D + timedelta(days=days), amount, text, reference)


def _l(entry: int, days: int, amount: int, text: str = "", reference: str = "") -> LedgerItem:
    return LedgerItem((entry, 1), D + timedelta(days=days), amount, text, reference)


def test_unique_same_amount_within_the_window_is_automatic() -> None:
    result = pair([_b(1, 0, -50000)], [_l(10, 3, -50000)])
    [auto] = result.automatic
    assert (auto.bank, auto.ledger, auto.kind) == ((1,), ((10, 1),), "exact")
    assert auto.score == 84 and "3 days apart" in auto.reason
    assert result.proposals == ()


def test_outside_the_window_it_is_only_proposed() -> None:
    result = pair([_b(1, 0, -50000)], [_l(10, 6, -50000)])
    assert result.automatic == ()
    [near] = result.proposals
    assert near.kind == "near" and not near.automatic and "outside ±5 days" in near.reason
    assert pair([_b(1, 0, -50000)], [_l(10, 6, -50000)], window=6).automatic


def test_two_candidates_are_ambiguous_unless_a_reference_picks_one() -> None:
    bank = [_b(1, 0, -30000, "CHEQUE 0001234567")]
    ledger = [_l(10, -2, -30000, "Fournisseur A", "CHQ 1234567"),
              _l(11, -1, -30000, "Fournisseur B", "CHQ 1234568")]
    [auto] = pair(bank, ledger).automatic
    assert auto.ledger == ((10, 1),) and auto.score == 96 and "reference" in auto.reason
    plain = pair([_b(1, 0, -30000, "CHEQUE")], ledger)
    assert plain.automatic == ()
    [near] = plain.proposals
    assert near.kind == "near" and near.ledger == ((11, 1),) and "share it" in near.reason


def test_the_same_reference_on_two_statement_lines_decides_nothing() -> None:
    bank = [_b(1, 0, -30000, "CHQ 1234567"), _b(2, 1, -30000, "CHQ 1234567")]
    ledger = [_l(10, 0, -30000, "", "1234567"), _l(11, 0, -30000, "", "")]
    assert pair(bank, ledger).automatic == ()


def test_a_remittance_is_the_sum_of_several_ledger_lines() -> None:
    ledger = [_l(10, 0, 12000), _l(11, 1, 3050), _l(12, 1, 99999), _l(13, 2, 800)]
    result = pair([_b(1, 3, 15850, "REMISE CHEQUES")], ledger)
    assert result.automatic == ()
    [proposal] = [p for p in result.proposals if p.kind == "sum"]
    assert proposal.bank == (1,)
    assert sorted(proposal.ledger) == [(10, 1), (11, 1), (13, 1)]
    assert proposal.score == 70 and "sum of 3 ledger lines" in proposal.reason


def test_one_ledger_line_is_the_sum_of_several_statement_lines() -> None:
    bank = [_b(1, 0, -2000), _b(2, 1, -4500), _b(3, 2, 7000)]
    result = pair(bank, [_l(10, 0, -6500, "Salaires")])
    [proposal] = result.proposals
    assert (proposal.kind, sorted(proposal.bank), proposal.ledger) == ("sum", [1, 2],
                                                                       ((10, 1),))


def test_a_sum_is_not_looked_for_where_a_one_to_one_candidate_exists() -> None:
    result = pair([_b(1, 0, 3000)], [_l(10, 0, 1000), _l(11, 0, 2000), _l(12, 1, 3000)])
    assert [p.ledger for p in result.automatic] == [((12, 1),)]
    assert result.proposals == ()


def test_several_combinations_lower_the_score() -> None:
    ledger = [_l(10, 0, 100), _l(11, 0, 200), _l(12, 0, 300), _l(13, 0, 250)]
    [proposal] = pair([_b(1, 0, 600)], ledger).proposals
    assert proposal.kind == "sum" and proposal.score == 70
    [two_ways] = pair([_b(1, 0, 600)], [*ledger, _l(14, 0, 350)]).proposals
    assert two_ways.score == 45 and "several combinations" in two_ways.reason


def test_document_numbers() -> None:
    assert numbers("CHQ N° 0012345 du 03/02") == {"12345"}
    assert numbers("VIR SEPA FACT-2025-118 CLIENT") == {"2025"}
    assert numbers("") == frozenset()


amounts = st.sampled_from([-90000, -30000, -12500, -5000, 2500, 7500, 10000, 42000])
statement_items = st.lists(st.tuples(st.integers(0, 40), amounts, st.sampled_from(
    ["", "CHQ 1000001", "CHQ 1000002", "VIR"])), max_size=25)
ledger_items = st.lists(st.tuples(st.integers(0, 40), amounts, st.sampled_from(
    ["", "1000001", "1000002"])), max_size=25)


@settings(max_examples=200, deadline=None)
@given(statement_items, ledger_items)
def test_pairs_balance_and_never_share_a_line(bank_rows: list, ledger_rows: list) -> None:
    bank = [_b(i, d, a, text) for i, (d, a, text) in enumerate(bank_rows)]
    ledger = [_l(i, d, a, "", ref) for i, (d, a, ref) in enumerate(ledger_rows)]
    result = pair(bank, ledger)
    amount_of = {b.id: b.amount for b in bank}
    ledger_amount = {x.key: x.amount for x in ledger}
    day_of = {b.id: b.day for b in bank}
    ledger_day = {x.key: x.day for x in ledger}
    used_bank: list[int] = []
    used_ledger: list[tuple[int, int]] = []
    for proposal in (*result.automatic, *result.proposals):
        if proposal.kind != "near":
            assert sum(amount_of[i] for i in proposal.bank) == \
                sum(ledger_amount[k] for k in proposal.ledger)
        else:
            assert amount_of[proposal.bank[0]] == ledger_amount[proposal.ledger[0]]
        assert 0 <= proposal.score <= 100
        used_bank += proposal.bank
        used_ledger += proposal.ledger
    assert len(used_bank) == len(set(used_bank))
    assert len(used_ledger) == len(set(used_ledger))
    for auto in result.automatic:
        assert auto.kind == "exact" and len(auto.bank) == len(auto.ledger) == 1
        assert abs((day_of[auto.bank[0]] - ledger_day[auto.ledger[0]]).days) <= 5
    assert not any(p.automatic for p in result.proposals)


@settings(max_examples=100, deadline=None)
@given(ledger_items)
def test_a_statement_mirroring_the_books_days_apart_pairs_whole(ledger_rows: list) -> None:
    """Each ledger line cleared alone, days later, with distinct amounts: all automatic."""
    seen: set[int] = set()
    rows = [(d, a) for d, a, _ in ledger_rows if not (a in seen or seen.add(a))]
    ledger = [_l(i, d, a) for i, (d, a) in enumerate(rows)]
    bank = [_b(i, d + 2, a) for i, (d, a) in enumerate(rows)]
    result = pair(bank, ledger)
    assert sorted(p.bank[0] for p in result.automatic) == list(range(len(rows)))
    assert all(p.ledger == ((p.bank[0], 1),) for p in result.automatic)
    assert result.proposals == ()
