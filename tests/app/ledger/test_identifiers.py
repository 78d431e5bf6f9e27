"""Legal identifiers: the shapes Algerian and French filings expect."""

from __future__ import annotations

import pytest

from app.ledger.identifiers import identifier_problem, luhn_ok


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
