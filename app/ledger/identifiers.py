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

_RC = re.compile(r"[0-9A-Za-z][0-9A-Za-z /.\-]{4,29}$")
IDENTIFIERS = ("nif", "nis", "rc", "ai")


def luhn_ok(digits: str) -> bool:
    """The Luhn check the INSEE uses for SIREN and SIRET."""
    total = 0
    for n, char in enumerate(reversed(digits)):
        value = int(char) * (2 if n % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def identifier_problem(chart: str, name: str, value: str) -> str:
    """Why ``value`` cannot be the company's ``name`` identifier under ``chart``; "" if it can."""
    value = value.strip()
    if not value:
        return ""
    label = name.upper()
    if name == "rc":
        return "" if _RC.match(value) else (
            f"RC {value!r} is not a trade register number (letters, digits, / - . and spaces)")
    if not value.isascii() or not value.isdigit():
        return f"the {label} is made of digits only: {value!r}"
    if chart == "pcg" and name == "nif":
        if len(value) not in (9, 14):
            return f"the SIREN has 9 digits and the SIRET 14; {value} has {len(value)}"
        return "" if luhn_ok(value) else f"{value} fails the SIREN/SIRET check digit"
    expected = {"nif": 15, "nis": 15, "ai": 11}[name]
    if chart == "scf" and len(value) != expected:
        return f"the {label} has {expected} digits; {value} has {len(value)}"
    return ""
