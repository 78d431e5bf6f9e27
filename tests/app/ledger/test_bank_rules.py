"""Bank rules, text normalisation, learned suggestions and the entry of a statement line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from app.ledger.bank_rules import (
    LABEL_LENGTH,
    History,
    Precedent,
    Rule,
    bank_entry,
    entry_label,
    first_rule,
    normalise,
    party_key,
    rule_applies,
    suggest,
    tokens,
)


@dataclass(frozen=True)
class Item:
    amount: Decimal
    label: str = ""
    counterparty: str = ""
    booking_date: date = date(2025, 3, 5)
    reference: str = ""
    end_to_end_id: str = ""


def out(amount: str, label: str = "", party: str = "") -> Item:
    return Item(-Decimal(amount), label, party)


def test_normalise_folds_case_accents_and_punctuation() -> None:
    assert normalise("  Prélèvement EDF-GDF / réf.12 ") == "prelevement edf gdf ref 12"
    assert tokens("PRLV SONELGAZ FACTURE 0325 REF 88123 du 05/03/2025") == {"sonelgaz"}
    assert party_key("SONELGAZ SPA") == party_key("Sonelgaz S.P.A.") == "sonelgaz"


@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert tokens(once) == tokens(text)


def test_rule_criteria() -> None:
    rule = Rule("Sonelgaz", "6061", label_contains="sonelgaz", direction="out",
                amount_min=Decimal("10"), amount_max=Decimal("5000"))
    assert rule_applies(rule, out("1200.00", "PRLV SONELGAZ 03/25"))
    assert rule_applies(rule, out("10.00", "Sonélgaz"))
    assert not rule_applies(rule, out("9.99", "SONELGAZ"))
    assert not rule_applies(rule, out("5000.01", "SONELGAZ"))
    assert not rule_applies(rule, Item(Decimal("1200"), "SONELGAZ remboursement"))
    assert not rule_applies(rule, out("1200.00", "NAFTAL"))
    by_party = Rule("Naftal", "6068", counterparty_contains="naftal spa")
    assert rule_applies(by_party, out("5", "CB 1234", "NAFTAL-SPA Alger"))
    assert not rule_applies(by_party, out("5", "NAFTAL SPA"))
    assert not rule_applies(Rule("Off", "6068", label_contains="x", active=False), out("5", "x"))


@given(st.sampled_from(["in", "out"]), st.decimals(min_value=Decimal("0.01"),
                                                   max_value=Decimal("1e9"), places=2),
       st.text(max_size=20), st.text(max_size=20))
def test_a_rule_never_takes_a_line_of_the_other_direction(
        direction: str, size: Decimal, label: str, wanted: str) -> None:
    rule = Rule("r", "627", label_contains=wanted or "x", direction=direction)  # type: ignore[arg-type]
    wrong = -size if direction == "in" else size
    assert not rule_applies(rule, Item(wrong, label + (wanted or "x")))


def test_first_rule_by_priority_then_age() -> None:
    line = out("7.50", "FRAIS TENUE COMPTE")
    older = Rule("a", "627", label_contains="frais", id=2)
    newer = Rule("b", "6278", label_contains="tenue", id=5)
    urgent = Rule("c", "658", label_contains="compte", priority=10, id=9)
    assert first_rule([newer, older], line) is older
    assert first_rule([newer, older, urgent], line) is urgent
    assert first_rule([Rule("d", "1", label_contains="zzz")], line) is None


def test_rule_problems() -> None:
    assert Rule("x", "627").problems() == [
        "a rule needs a label, a counterparty or an amount to look for (a direction alone "
        "would take every line)"]
    problems = Rule(" ", "627", label_contains="--", amount_min=Decimal(5),
                    amount_max=Decimal(2)).problems()
    assert problems == ["a rule needs a name", "label contains '--': no letter or digit to "
                        "look for", "the minimum 5 is above the maximum 2"]
    assert "the maximum amount must be more than zero" in Rule(
        "x", "627", amount_max=Decimal(-1)).problems()[0]


def _precedent(account: str, party: str = "", label: str = "", day: int = 1,
               money_in: bool = False, code: str | None = None) -> Precedent:
    return Precedent(label, party, money_in, date(2025, 1, day), account, f"Label {account}",
                     code, code.title() if code else "")


def test_learned_from_the_same_counterparty() -> None:
    history = History.of([
        _precedent("6061", "SONELGAZ", day=1), _precedent("6061", "Sonelgaz SPA", day=2),
        _precedent("6061", "SONELGAZ", day=3), _precedent("628", "SONELGAZ", day=4),
        _precedent("706", "SONELGAZ", money_in=True),
        _precedent("401", "NAFTAL", code="NAFTAL"),
    ])
    best, second = history.suggest(out("980", "PRLV 0325", "SONELGAZ"))
    assert (best.account, best.source, best.count, best.total) == ("6061", "learned", 3, 4)
    assert best.reason == ("3 earlier payments to SONELGAZ went to 6061 Label 6061 "
                           "(3 of 4 similar)")
    assert best.confidence == 75
    assert second.account == "628" and second.reason.startswith("1 earlier payment to")
    [naftal] = history.suggest(out("50", "", "Naftal"))
    assert naftal.third_party == "NAFTAL"
    assert naftal.reason == ("1 earlier payment to Naftal went to 401 Label 401, third party "
                             "NAFTAL Naftal")


def test_learned_from_the_label_words() -> None:
    history = History.of([
        _precedent("627", label="FRAIS TENUE DE COMPTE 01/25"),
        _precedent("627", label="Frais tenue compte fevrier"),
        _precedent("6061", label="PRLV SONELGAZ"),
    ])
    [only] = history.suggest(out("7.50", "FRAIS TENUE COMPTE 03/2025"))
    assert only.reason == ("2 earlier payments labelled like 'frais tenue compte' went to 627 "
                           "Label 627")
    assert history.suggest(out("7.50", "CB 12/03 1234")) == []
    assert history.suggest(Item(Decimal("7.50"), "FRAIS TENUE COMPTE")) == []


def test_suggest_puts_the_rule_first_without_repeating_it() -> None:
    rule = Rule("Sonelgaz", "6061", counterparty_contains="sonelgaz", id=1)
    history = History.of([_precedent("6061", "SONELGAZ"), _precedent("628", "SONELGAZ")])
    made = suggest(out("10", "x", "SONELGAZ"), [rule], history)
    assert [(s.account, s.source) for s in made] == [("6061", "rule"), ("628", "learned")]
    assert made[0].reason == "rule 'Sonelgaz': counterparty contains 'sonelgaz'"


def test_entry_of_a_line() -> None:
    line = Item(Decimal("-42.50"), "  CB   CARREFOUR ", "", date(2025, 3, 5), "", "E2E-9")
    entry = bank_entry(line, bank_account="512", journal="BQ", account="607",
                       third_party=None, label=entry_label(line))
    assert (entry.journal, entry.date, entry.label, entry.reference) == (
        "BQ", date(2025, 3, 5), "CB CARREFOUR", "E2E-9")
    assert [(x.account, x.debit, x.credit) for x in entry.lines] == [
        ("512", 0, Decimal("42.50")), ("607", Decimal("42.50"), 0)]
    money_in = bank_entry(Item(Decimal("300"), reference="R1", end_to_end_id="NOTPROVIDED"),
                          bank_account="512", journal="BQ", account="411",
                          third_party="C1", label="x")
    assert [(x.account, x.debit, x.third_party) for x in money_in.lines] == [
        ("512", Decimal("300"), None), ("411", 0, "C1")]
    assert money_in.reference == "R1"
    long = entry_label(Item(Decimal(1), "A" * 300))
    assert len(long) == LABEL_LENGTH and long.endswith("…")
    assert entry_label(Item(Decimal(1), "", " ACME ")) == "ACME"
    assert entry_label(Item(Decimal(1), "bank text"), "Rule label") == "Rule label"
    assert entry_label(Item(Decimal(1))) == ""


_RULES = st.lists(st.builds(
    Rule, name=st.just("r"), account=st.just("627"),
    label_contains=st.sampled_from(["", "frais", "tenue", "sonelgaz"]),
    direction=st.sampled_from(["in", "out", "any"]),
    amount_max=st.one_of(st.none(), st.sampled_from([Decimal(5), Decimal(50)])),
    priority=st.integers(0, 3), active=st.booleans(), id=st.integers(1, 50)), max_size=6)


@given(_RULES, st.sampled_from(["-7.50", "7.50", "-120"]),
       st.sampled_from(["FRAIS TENUE", "PRLV SONELGAZ", "x"]))
def test_first_rule_applies_and_none_before_it_does(rules: list[Rule], amount: str,
                                                    label: str) -> None:
    line = Item(Decimal(amount), label)
    chosen = first_rule(rules, line)
    applying = [r for r in rules if rule_applies(r, line)]
    assert (chosen is None) == (not applying)
    if chosen is not None:
        assert rule_applies(chosen, line)
        assert all((chosen.priority, chosen.id) <= (r.priority, r.id) for r in applying)
