"""A company's legal identifiers, checked for their shape before they reach a filing.

Algerian books (SCF) carry the NIF (numéro d'identification fiscale, 15 digits since the
DGI's single identifier), the NIS (numéro d'identification statistique of the ONS, 15 digits),
the RC (registre du commerce, letters, digits and separators as the CNRC writes them) and the AI
(article d'imposition, 11 digits). French books (PCG) carry the SIREN (9 digits) or SIRET (14)
in the NIF field, both with a Luhn check digit: the FEC's file name starts with the SIREN.
A blank identifier is allowed (a company being created may not have it yet); a wrong one is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_RC = re.compile(r"[0-9A-Za-z][0-9A-Za-z /.\-]{4,29}$")
IDENTIFIERS = ("nif", "nis", "rc", "ai")


def luhn_ok(digits: str) -> bool:
    """The Luhn check the INSEE uses for SIREN and SIRET."""
    total = 0
    for n, char in enumerate(reversed(digits)):
        value = int(char) * (2 if n % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


@dataclass(frozen=True, slots=True)
class IdentifierIssue:
    """Why a value cannot be an identifier, as a code the interface words in its own language.

    ``kind`` is one of ``rc`` (not a trade register number), ``digits`` (not digits only),
    ``siren_length`` (neither 9 nor 14 digits), ``siren_check`` (the Luhn check fails) and
    ``length`` (``expected`` digits wanted); ``str()`` gives the English sentence.
    """

    kind: str
    name: str
    value: str
    expected: int = 0

    def __str__(self) -> str:
        label, value = self.name.upper(), self.value
        return {
            "rc": f"RC {value!r} is not a trade register number "
                  "(letters, digits, / - . and spaces)",
            "digits": f"the {label} is made of digits only: {value!r}",
            "siren_length": f"the SIREN has 9 digits and the SIRET 14; {value} has {len(value)}",
            "siren_check": f"{value} fails the SIREN/SIRET check digit",
            "length": f"the {label} has {self.expected} digits; {value} has {len(value)}",
        }[self.kind]


def identifier_issue(chart: str, name: str, value: str) -> IdentifierIssue | None:
    """Why ``value`` cannot be the company's ``name`` identifier under ``chart``; None if it can."""
    value = value.strip()
    if not value:
        return None
    if name == "rc":
        return None if _RC.match(value) else IdentifierIssue("rc", name, value)
    if not value.isascii() or not value.isdigit():
        return IdentifierIssue("digits", name, value)
    if chart == "pcg" and name == "nif":
        if len(value) not in (9, 14):
            return IdentifierIssue("siren_length", name, value)
        return None if luhn_ok(value) else IdentifierIssue("siren_check", name, value)
    expected = {"nif": 15, "nis": 15, "ai": 11}[name]
    if chart == "scf" and len(value) != expected:
        return IdentifierIssue("length", name, value, expected)
    return None


def identifier_problem(chart: str, name: str, value: str) -> str:
    """Why ``value`` cannot be the company's ``name`` identifier under ``chart``; "" if it can."""
    issue = identifier_issue(chart, name, value)
    return "" if issue is None else str(issue)
