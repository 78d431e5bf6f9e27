"""The posting rules, money and the hash chain's canonical form, as pure functions.

No company file here: ``check_entry`` is judged against a hand-built ``PostingContext`` whose
every account, journal and fiscal year the test names, so each problem's exact words are pinned.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.ledger.chain import GENESIS, canonical_bytes, chain_hash
from app.ledger.model import (
    Account,
    AccountKind,
    Entry,
    EntryId,
    EntryStatus,
    FiscalYear,
    FiscalYearState,
    Journal,
    JournalKind,
    Line,
    Problem,
    ThirdPartyKind,
)
from app.ledger.money import (
    MAX_MINOR,
    ZERO,
    Currency,
    MoneyError,
    currency,
    format_amount,
    from_minor,
    money,
    to_minor,
)
from app.ledger.problems import Code
from app.ledger.rules import PostingContext, PostingRefused, check_entry, reversal

D = Decimal
DZD = currency("DZD")

ACCOUNTS = {
    a.number: a
    for a in (
        Account("41", "Clients et comptes rattachés", kind=AccountKind.CUSTOMER, postable=False,
                needs_third_party=True),
        Account("411", "Clients", kind=AccountKind.CUSTOMER, needs_third_party=True),
        Account("4457", "TVA collectée", kind=AccountKind.TAX),
        Account("467", "Autres comptes débiteurs ou créditeurs", active=False),
        Account("512", "Banques", kind=AccountKind.BANK),
        Account("700", "Ventes de marchandises"),
    )
}
JOURNALS = {
    "VT": Journal("VT", "Ventes", JournalKind.SALES),
    "BQ": Journal("BQ", "Banque", JournalKind.BANK),
    "XX": Journal("XX", "Ancien journal", active=False),
}
YEARS = (
    FiscalYear(date(2024, 1, 1), date(2024, 12, 31), FiscalYearState.CLOSED),
    FiscalYear(date(2025, 1, 1), date(2025, 12, 31), FiscalYearState.OPEN),
)
LOCK = date(2025, 3, 31)
PARTIES = {"CLIENT1": ThirdPartyKind.CUSTOMER, "CLIENT2": ThirdPartyKind.CUSTOMER,
           "SUPP1": ThirdPartyKind.SUPPLIER, "MISC1": ThirdPartyKind.OTHER}


def context(lock_date: date | None = LOCK) -> PostingContext:
    return PostingContext(
        accounts=ACCOUNTS, journals=JOURNALS, third_parties=PARTIES,
        fiscal_years=YEARS, lock_date=lock_date,
    )


def sale(**changes: object) -> Entry:
    """A sale that every rule accepts; tests spoil one thing at a time."""
    entry = Entry(
        journal="VT", date=date(2025, 4, 15), label="Facture 17",
        lines=(
            Line("411", debit=D("1190.00"), third_party="CLIENT1", label="Client 1",
                 due_date=date(2025, 5, 15)),
            Line("700", credit=D("1000.00")),
            Line("4457", credit=D("190.00")),
        ),
        reference="F17",
    )
    return replace(entry, **changes)


def messages(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems]


# --- check_entry ---------------------------------------------------------------------------------


def test_a_correct_entry_has_no_problem() -> None:
    assert check_entry(sale(), context()) == []


def test_the_day_after_the_lock_date_is_open() -> None:
    assert check_entry(sale(date=date(2025, 4, 1)), context()) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param(
            {"lines": (Line("512", debit=D("100.00")), Line("700", credit=D("90.00")))},
            [Problem(Code.UNBALANCED, {"debit": D("100.00"), "credit": D("90.00"),
                                     "difference": D("10.00")}, field="amount")],
            id="unbalanced",
        ),
        pytest.param(
            {"lines": (Line("41", debit=D("10.00"), third_party="CLIENT1"),
                       Line("700", credit=D("10.00")))},
            [Problem(Code.ACCOUNT_HEADING, {"account": "41"}, 1, "account")],
            id="heading-account",
        ),
        pytest.param(
            {"lines": (Line("512", debit=D("10.00")), Line("467", credit=D("10.00")))},
            [Problem(Code.ACCOUNT_INACTIVE, {"account": "467"}, 2, "account")],
            id="inactive-account",
        ),
        pytest.param(
            {"lines": (Line("411", debit=D("10.00")), Line("700", credit=D("10.00")))},
            [Problem(Code.PARTY_REQUIRED, {"account": "411"}, 1, "third_party")],
            id="missing-third-party",
        ),
        pytest.param(
            {"lines": (Line("411", debit=D("10.00"), third_party="NOBODY"),
                       Line("700", credit=D("10.00")))},
            [Problem(Code.PARTY_MISSING, {"party": "NOBODY"}, 1, "third_party")],
            id="unknown-third-party",
        ),
        pytest.param(
            {"lines": (Line("512", debit=D("10.00")), Line("999", credit=D("10.00")))},
            [Problem(Code.ACCOUNT_MISSING, {"account": "999"}, 2, "account")],
            id="unknown-account",
        ),
        pytest.param(
            {"journal": "ZZ"},
            [Problem(Code.JOURNAL_MISSING, {"journal": "ZZ"}, field="journal")],
            id="unknown-journal",
        ),
        pytest.param(
            {"journal": "XX"},
            [Problem(Code.JOURNAL_INACTIVE, {"journal": "XX"}, field="journal")],
            id="inactive-journal",
        ),
        pytest.param(
            {"date": date(2026, 1, 1)},
            [Problem(Code.NO_FISCAL_YEAR, {"date": date(2026, 1, 1)}, field="date")],
            id="no-fiscal-year",
        ),
        pytest.param(
            {"date": date(2024, 12, 31)},
            [Problem(Code.YEAR_CLOSED, {"date": date(2024, 12, 31), "year": "2024"},
                     field="date")],
            id="closed-year",
        ),
        pytest.param(
            {"date": LOCK},
            [Problem(Code.LOCKED, {"date": LOCK, "lock": LOCK}, field="date")],
            id="on-lock-date",
        ),
        pytest.param(
            {"date": date(2025, 1, 2)},
            [Problem(Code.LOCKED, {"date": date(2025, 1, 2), "lock": LOCK}, field="date")],
            id="before-lock-date",
        ),
        pytest.param(
            {"lines": (Line("512", debit=D("0.00")), Line("700", credit=D("0.00")))},
            [Problem(Code.NO_AMOUNT, {}, 1, "amount"), Problem(Code.NO_AMOUNT, {}, 2, "amount")],
            id="no-amount",
        ),
        pytest.param(
            {"lines": (Line("512", debit=D("-10.00")), Line("700", credit=D("-10.00")))},
            [Problem(Code.NEGATIVE_AMOUNT, {}, 1, "amount"),
             Problem(Code.NEGATIVE_AMOUNT, {}, 2, "amount")],
            id="negative-amounts",
        ),
        pytest.param(
            {"lines": (Line("512", debit=D("10.00"), credit=D("10.00")),
                       Line("700", debit=D("5.00"), credit=D("5.00")))},
            [Problem(Code.DEBIT_AND_CREDIT, {}, 1, "amount"),
             Problem(Code.DEBIT_AND_CREDIT, {}, 2, "amount")],
            id="debit-and-credit",
        ),
        pytest.param(
            {"status": EntryStatus.POSTED, "number": 3},
            [Problem(Code.ALREADY_POSTED)],
            id="already-posted",
        ),
    ],
)
def test_each_rule_alone(changes: dict, expected: list[Problem]) -> None:
    assert check_entry(sale(**changes), context()) == expected


def test_fewer_than_two_lines() -> None:
    entry = sale(lines=(Line("512", debit=D("10.00")),))
    assert messages(check_entry(entry, context())) == [
        "an entry needs at least two lines",
        "the entry does not balance: debit 10.00, credit 0, difference 10.00",
    ]
    assert messages(check_entry(sale(lines=()), context())) == [
        "an entry needs at least two lines",
    ]


def test_every_problem_is_reported_at_once() -> None:
    entry = Entry(
        journal="ZZ", date=date(2024, 6, 30), label="Tout faux",
        lines=(
            Line("41", debit=D("100.00"), third_party="CLIENT1"),
            Line("467", credit=D("30.00")),
            Line("411", debit=D("-5.00")),
            Line("411", debit=D("1.00"), credit=D("2.00"), third_party="GHOST"),
            Line("999", credit=D("50.00")),
        ),
    )
    assert messages(check_entry(entry, context())) == [
        "journal ZZ does not exist",
        "2024-06-30 lies in fiscal year 2024, which is closed",
        "line 1: account 41 is a heading and cannot be posted to",
        "line 2: account 467 is deactivated",
        "line 3: amounts cannot be negative",
        "line 3: account 411 needs a third party",
        "line 4: a line has a debit or a credit, not both",
        "line 4: third party GHOST does not exist",
        "line 5: account 999 does not exist",
        "the entry does not balance: debit 96.00, credit 82.00, difference 14.00",
    ]


def test_every_problem_is_reported_at_once_with_a_lock_and_one_line() -> None:
    entry = Entry("VT", date(2025, 2, 1), "Une ligne", (Line("411", credit=D("3.50")),))
    assert messages(check_entry(entry, context())) == [
        "2025-02-01 is on or before the lock date 2025-03-31",
        "an entry needs at least two lines",
        "line 1: account 411 needs a third party",
        "the entry does not balance: debit 0, credit 3.50, difference 3.50",
    ]


def test_without_a_lock_date_early_days_are_open() -> None:
    assert check_entry(sale(date=date(2025, 1, 1)), context(lock_date=None)) == []


def test_posting_refused_carries_every_problem() -> None:
    problems = check_entry(sale(journal="ZZ", date=date(2026, 2, 1)), context())
    error = PostingRefused(problems, sale())
    assert error.problems == tuple(problems)
    assert str(error) == "journal ZZ does not exist; 2026-02-01 lies in no fiscal year"


def test_a_line_without_an_account_says_so() -> None:
    entry = sale(lines=(Line("512", debit=D("10.00")), Line("", credit=D("10.00"))))
    assert check_entry(entry, context()) == [
        Problem(Code.ACCOUNT_BLANK, {"account": ""}, 2, "account")]


def test_an_entry_needs_a_label() -> None:
    for label in ("", "   "):
        assert check_entry(sale(label=label), context()) == [
            Problem(Code.LABEL_MISSING, field="label")]


SUPPLIERS = {**ACCOUNTS, "401": Account("401", "Fournisseurs", kind=AccountKind.SUPPLIER,
                                        needs_third_party=True),
             "455": Account("455", "Associés - comptes courants")}


@pytest.mark.parametrize(
    ("account", "party", "expected"),
    [
        ("411", "CLIENT1", None),
        ("411", "MISC1", None),
        ("411", "SUPP1", Code.PARTY_NOT_CUSTOMER),
        ("401", "SUPP1", None),
        ("401", "MISC1", None),
        ("401", "CLIENT1", Code.PARTY_NOT_SUPPLIER),
        ("455", "MISC1", None),
        ("455", "CLIENT1", None),
        ("700", "CLIENT1", Code.PARTY_NOT_TAKEN),
        ("512", "MISC1", Code.PARTY_NOT_TAKEN),
    ],
)
def test_a_third_party_must_suit_the_account(account: str, party: str,
                                             expected: Code | None) -> None:
    entry = sale(lines=(Line(account, debit=D("10.00"), third_party=party),
                        Line("4457", credit=D("10.00"))))
    ctx = replace(context(), accounts=SUPPLIERS)
    wanted = [] if expected is None else [
        Problem(expected, {"account": account, "party": party}, 1, "third_party")]
    assert check_entry(entry, ctx) == wanted


def test_a_journal_is_numbered_in_date_order() -> None:
    ctx = replace(context(), last_posted={("VT", date(2025, 1, 1)): (date(2025, 4, 20), 9)})
    assert check_entry(sale(date=date(2025, 4, 20)), ctx) == []
    assert check_entry(sale(date=date(2025, 4, 21)), ctx) == []
    assert check_entry(sale(date=date(2025, 4, 19)), ctx) == [Problem(
        Code.OUT_OF_ORDER, {"date": date(2025, 4, 19), "last": date(2025, 4, 20),
                            "journal": "VT", "number": 9, "year": "2025"}, field="date")]
    assert check_entry(sale(journal="BQ", date=date(2025, 4, 19)), ctx) == []


# --- reversal -----------------------------------------------------------------------------------


def posted_sale() -> Entry:
    return sale(status=EntryStatus.POSTED, number=17, id=EntryId(42), posted_at="x", hash="h")


def test_reversal_swaps_debit_and_credit() -> None:
    original = posted_sale()
    undo = reversal(original, date(2025, 6, 1))
    assert undo.status is EntryStatus.DRAFT
    assert (undo.number, undo.id, undo.hash, undo.posted_at) == (None, None, None, None)
    assert undo.reversal_of == 42
    assert undo.journal == "VT"
    assert undo.date == date(2025, 6, 1)
    assert undo.reference == "F17"
    assert undo.label == "Reversal of VT-17: Facture 17"
    assert undo.lines == (
        Line("411", credit=D("1190.00"), third_party="CLIENT1", label="Client 1",
             due_date=date(2025, 5, 15)),
        Line("700", debit=D("1000.00")),
        Line("4457", debit=D("190.00")),
    )
    assert undo.total_debit == undo.total_credit == D("1190.00")
    assert check_entry(undo, context()) == []


def test_reversal_takes_the_label_given() -> None:
    assert reversal(posted_sale(), date(2025, 6, 1), "Avoir 3").label == "Avoir 3"


def test_reversal_of_a_reversal_is_the_original_lines() -> None:
    undo = reversal(posted_sale(), date(2025, 6, 1))
    again = reversal(replace(undo, status=EntryStatus.POSTED, id=EntryId(43), number=18),
                     date(2025, 6, 2))
    assert again.lines == posted_sale().lines


def test_a_reversal_is_never_dated_before_its_original() -> None:
    with pytest.raises(PostingRefused, match="cannot be dated 2025-04-14, before the entry it "
                       "cancels \\(2025-04-15\\)"):
        reversal(posted_sale(), date(2025, 4, 14))
    assert reversal(posted_sale(), date(2025, 4, 15)).date == date(2025, 4, 15)


def test_a_draft_cannot_be_reversed() -> None:
    with pytest.raises(ValueError, match="only a posted entry can be reversed"):
        reversal(sale(id=EntryId(5)), date(2025, 6, 1))


def test_a_posted_entry_without_id_cannot_be_reversed() -> None:
    with pytest.raises(ValueError, match="only a posted entry can be reversed"):
        reversal(sale(status=EntryStatus.POSTED, number=1), date(2025, 6, 1))


# --- money --------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [1.5, 0.0, float("nan")])
def test_money_refuses_floats(value: float) -> None:
    with pytest.raises(TypeError, match="never floats"):
        money(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12.34", D("12.34")), (7, D(7)), (D("-0.50"), D("-0.50")), ("1e3", D(1000))],
)
def test_money_accepts_text_int_and_decimal(value: object, expected: Decimal) -> None:
    result = money(value)
    assert type(result) is Decimal
    assert result == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [("abc", "not an amount: 'abc'"), ("", "not an amount: ''"),
     ("12,50", "not an amount: '12,50'"), ("NaN", "not a finite amount: 'NaN'"),
     ("Infinity", "not a finite amount: 'Infinity'"),
     (D("-Infinity"), "not a finite amount: Decimal('-Infinity')")],
)
def test_money_refuses_what_is_not_an_amount(value: object, reason: str) -> None:
    with pytest.raises(MoneyError) as caught:
        money(value)
    assert str(caught.value) == reason


@pytest.mark.parametrize(
    ("amount", "code", "units"),
    [("12.34", "DZD", 1234), ("12.340", "DZD", 1234), ("-0.05", "DZD", -5), ("0", "DZD", 0),
     ("1.234", "TND", 1234), ("1500", "JPY", 1500), ("1500.0", "XOF", 1500)],
)
def test_to_minor(amount: str, code: str, units: int) -> None:
    assert to_minor(D(amount), currency(code)) == units


@pytest.mark.parametrize(
    ("amount", "code", "reason"),
    [("12.345", "DZD", "12.345 has more than 2 decimals for DZD"),
     ("0.001", "EUR", "0.001 has more than 2 decimals for EUR"),
     ("1.2345", "TND", "1.2345 has more than 3 decimals for TND"),
     ("1.5", "JPY", "1.5 has more than 0 decimals for JPY")],
)
def test_to_minor_refuses_more_decimals_than_the_currency_has(
    amount: str, code: str, reason: str
) -> None:
    with pytest.raises(MoneyError) as caught:
        to_minor(D(amount), currency(code))
    assert str(caught.value) == reason


def test_to_minor_never_rounds_a_long_amount() -> None:
    """29 significant digits: more than a default Decimal context holds, so nothing may round."""
    with pytest.raises(MoneyError) as caught:
        to_minor(D("1234567890123.4567890123456789"), DZD)
    assert str(caught.value) == (
        "1234567890123.4567890123456789 has more than 2 decimals for DZD")
    assert to_minor(D("9999999999999.990000000000000000000000000000"), DZD) == MAX_MINOR - 1


@pytest.mark.parametrize("amount", ["10000000000000.01", "-10000000000000.01", "1E+400"])
def test_to_minor_refuses_amounts_too_large_to_store(amount: str) -> None:
    with pytest.raises(MoneyError) as caught:
        to_minor(D(amount), DZD)
    assert str(caught.value) == f"{amount} is too large for an amount"


@pytest.mark.parametrize("amount", ["10000000000000", "-10000000000000.00"])
def test_to_minor_takes_the_largest_amount(amount: str) -> None:
    assert abs(to_minor(D(amount), DZD)) == MAX_MINOR


@pytest.mark.parametrize("amount", ["NaN", "Infinity", "-Infinity", "sNaN"])
def test_to_minor_refuses_what_is_not_finite(amount: str) -> None:
    with pytest.raises(MoneyError, match="not a finite amount"):
        to_minor(D(amount), DZD)


@pytest.mark.parametrize(
    ("units", "code", "text"),
    [(1234, "DZD", "12.34"), (-5, "DZD", "-0.05"), (0, "DZD", "0.00"), (1, "TND", "0.001"),
     (1500, "JPY", "1500"), (10**17, "DZD", "1000000000000000.00")],
)
def test_from_minor_has_exactly_the_currency_decimals(units: int, code: str, text: str) -> None:
    assert str(from_minor(units, currency(code))) == text


@given(units=st.integers(min_value=-MAX_MINOR, max_value=MAX_MINOR),
       code=st.sampled_from(["DZD", "TND", "JPY"]))
def test_minor_units_roundtrip(units: int, code: str) -> None:
    cur = currency(code)
    assert to_minor(from_minor(units, cur), cur) == units


@given(amount=st.decimals(min_value=D("-1e13"), max_value=D("1e13"), places=2,
                          allow_nan=False, allow_infinity=False))
def test_amounts_roundtrip_through_minor_units(amount: Decimal) -> None:
    assert from_minor(to_minor(amount, DZD), DZD) == amount


@given(amount=st.decimals(min_value=D("-1e13"), max_value=D("1e13"), places=4,
                          allow_nan=False, allow_infinity=False))
def test_to_minor_is_exact_or_refuses(amount: Decimal) -> None:
    if amount == amount.quantize(D("0.01")):
        assert D(to_minor(amount, DZD)) == amount * 100
    else:
        with pytest.raises(MoneyError, match="has more than 2 decimals for DZD"):
            to_minor(amount, DZD)


def test_unknown_currency() -> None:
    with pytest.raises(MoneyError) as caught:
        currency("XYZ")
    assert str(caught.value).startswith("unknown currency 'XYZ' (known: AED, BHD, CAD,")
    assert "DZD" in str(caught.value)


def test_currency_codes_are_normalized() -> None:
    assert currency(" dzd ") == Currency("DZD", 2)
    assert currency("tnd").quantum == D("0.001")
    assert currency("JPY").quantum == D(1)


def test_format_amount() -> None:
    assert format_amount(D("1234567.5"), DZD) == "1234567.50"
    assert format_amount(D("1234567.5"), DZD, thousands=" ") == "1 234 567.50"
    assert format_amount(ZERO, currency("TND")) == "0.000"


# --- chain ------------------------------------------------------------------------------------


BASE: dict = {
    "seq": 7, "journal": "VT", "number": 3, "date": "2025-04-15", "label": "Facture 17",
    "reference": "F17", "reversal_of": None, "posted_at": "2025-04-15T10:00:00.000000+00:00",
    "lines": [("411", "CLIENT1", "Client 1", 119000, 0, "2025-05-15"),
              ("700", "", "", 0, 100000, ""),
              ("4457", "", "", 0, 19000, "")],
}


def test_canonical_bytes_are_fixed_compact_json() -> None:
    assert canonical_bytes(**BASE) == (
        b'[1,7,"VT",3,"2025-04-15","Facture 17","F17",null,"2025-04-15T10:00:00.000000+00:00",'
        b'[["411","CLIENT1","Client 1",119000,0,"2025-05-15"],["700","","",0,100000,""],'
        b'["4457","","",0,19000,""]]]'
    )


canonical_text = st.text(max_size=20)
canonical_lines = st.lists(st.tuples(
    st.from_regex(r"[1-9][0-9]{0,7}", fullmatch=True), canonical_text, canonical_text,
    st.integers(0, 10**17), st.integers(0, 10**17), canonical_text), max_size=4)


@given(seq=st.integers(1, 10**9), journal=canonical_text, number=st.integers(1, 10**9),
       day=canonical_text, label=canonical_text, reference=canonical_text,
       reversal_of=st.none() | st.integers(1, 10**9), posted_at=canonical_text,
       lines=canonical_lines)
def test_canonical_bytes_are_exactly_compact_json(
    seq, journal, number, day, label, reference, reversal_of, posted_at, lines
) -> None:
    """The documented form, so a verifier in any language can recompute it."""
    expected = json.dumps(
        [1, seq, journal, number, day, label, reference, reversal_of, posted_at,
         [list(line) for line in lines]],
        ensure_ascii=False, separators=(",", ":"),
    ).encode("utf-8")
    assert canonical_bytes(seq=seq, journal=journal, number=number, date=day, label=label,
                           reference=reference, reversal_of=reversal_of, posted_at=posted_at,
                           lines=lines) == expected


def test_canonical_bytes_are_deterministic() -> None:
    first = canonical_bytes(**BASE)
    again = canonical_bytes(**{**BASE, "lines": [list(line) for line in BASE["lines"]]})
    reordered_kwargs = canonical_bytes(**dict(reversed(list(BASE.items()))))
    assert first == again == reordered_kwargs


def test_canonical_bytes_keep_non_ascii_text_as_utf8() -> None:
    data = canonical_bytes(**{**BASE, "label": "فاتورة é"})
    assert "فاتورة é".encode() in data


def test_chain_hash_is_sha256_of_previous_hash_then_bytes() -> None:
    data = canonical_bytes(**BASE)
    assert chain_hash(GENESIS, data) == hashlib.sha256(GENESIS.encode() + data).hexdigest()
    assert len(chain_hash(GENESIS, data)) == 64


def _changed_fields() -> list:
    cases = [
        ("seq", 8), ("journal", "AC"), ("number", 4), ("date", "2025-04-16"),
        ("label", "Facture 18"), ("label", "Facture 17 "), ("reference", "F18"),
        ("reference", ""), ("reversal_of", 1), ("reversal_of", 0),
        ("posted_at", "2025-04-15T10:00:00.000001+00:00"),
    ]
    params = [pytest.param(field, value, id=f"{field}={value!r}") for field, value in cases]
    line_fields = ("account", "third_party", "label", "debit", "credit", "due_date")
    line_values = ("4111", "CLIENT2", "Client 2", 119001, 1, "2025-05-16")
    for index, (name, value) in enumerate(zip(line_fields, line_values, strict=True)):
        lines = [list(line) for line in BASE["lines"]]
        lines[0][index] = value
        params.append(pytest.param("lines", [tuple(x) for x in lines], id=f"line1.{name}"))
    last = [list(line) for line in BASE["lines"]]
    last[2][4] = 19001
    params += [
        pytest.param("lines", [tuple(x) for x in last], id="line3.credit"),
        pytest.param("lines", list(reversed(BASE["lines"])), id="line-order"),
        pytest.param("lines", BASE["lines"][:2], id="line-removed"),
        pytest.param("lines", [*BASE["lines"], ("512", "", "", 1, 0, "")], id="line-added"),
        pytest.param("lines", [("411", "CLIENT1", "Client 1", 0, 119000, "2025-05-15"),
                               *BASE["lines"][1:]], id="debit-credit-swapped"),
    ]
    return params


@pytest.mark.parametrize(("field", "value"), _changed_fields())
def test_any_change_to_any_field_changes_the_hash(field: str, value: object) -> None:
    original = canonical_bytes(**BASE)
    changed = canonical_bytes(**{**BASE, field: value})
    assert changed != original
    assert chain_hash(GENESIS, changed) != chain_hash(GENESIS, original)


def test_the_previous_hash_changes_the_hash() -> None:
    data = canonical_bytes(**BASE)
    other = "0" * 63 + "1"
    assert chain_hash(other, data) != chain_hash(GENESIS, data)


def test_moving_text_between_fields_changes_the_bytes() -> None:
    a = canonical_bytes(**{**BASE, "label": "AB", "reference": ""})
    b = canonical_bytes(**{**BASE, "label": "A", "reference": "B"})
    c = canonical_bytes(**{**BASE, "label": 'A","', "reference": ""})
    assert len({a, b, c}) == 3


@pytest.mark.parametrize("text", ["1e99999999", "1e-99999999", "-1E+31"])
def test_money_refuses_absurd_exponents_at_once(text: str) -> None:
    """An exponent like 1e99999999 must be refused, not expanded into a billion-digit number."""
    with pytest.raises(MoneyError, match="out of range"):
        money(text)
