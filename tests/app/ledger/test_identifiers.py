"""Legal identifiers: the shapes Algerian and French filings expect."""

from __future__ import annotations

import pytest

from app.ledger.identifiers import identifier_issue, identifier_problem, luhn_ok


@pytest.mark.parametrize(("chart", "name", "value", "wrong"), [
    ("scf", "nif", "000016001234567", False),
    ("scf", "nif", "12345", True),
    ("scf", "nif", "00001600123456A", True),
    ("scf", "nis", "099916010123456", False),
    ("scf", "nis", "0999160101234", True),
    ("scf", "ai", "16012345678", False),
    ("scf", "ai", "1601234567", True),
    ("scf", "rc", "16/00-0123456 B 12", False),
    ("scf", "rc", "#!", True),
    ("scf", "nif", "", False),
    ("pcg", "nif", "732829320", False),          # a valid SIREN
    ("pcg", "nif", "73282932000074", False),     # a valid SIRET of it
    ("pcg", "nif", "732829321", True),           # check digit wrong
    ("pcg", "nif", "12345", True),
])
def test_identifier_shapes(chart: str, name: str, value: str, wrong: bool) -> None:
    assert bool(identifier_problem(chart, name, value)) is wrong


def test_luhn() -> None:
    assert luhn_ok("732829320") and not luhn_ok("732829329")


@pytest.mark.parametrize(("chart", "name", "value", "kind", "expected"), [
    ("scf", "nif", "12345", "length", 15),
    ("scf", "ai", "1601234567", "length", 11),
    ("scf", "nis", "09991601O123456", "digits", 0),
    ("scf", "rc", "#!", "rc", 0),
    ("pcg", "nif", "12345", "siren_length", 0),
    ("pcg", "nif", "732829321", "siren_check", 0),
])
def test_issues_carry_a_code_the_interface_can_word(
        chart: str, name: str, value: str, kind: str, expected: int) -> None:
    issue = identifier_issue(chart, name, value)
    assert issue is not None and (issue.kind, issue.expected) == (kind, expected)
    assert str(issue) == identifier_problem(chart, name, value)


def test_a_blank_or_right_identifier_has_no_issue() -> None:
    assert identifier_issue("scf", "nif", "  ") is None
    assert identifier_issue("scf", "nif", " 000016001234567 ") is None
    assert identifier_problem("scf", "nif", "12345") == "the NIF has 15 digits; 12345 has 5"
