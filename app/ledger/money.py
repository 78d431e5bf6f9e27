"""Money: one way to make an amount, exact to the minor unit of its currency.

Amounts are ``Decimal`` in Python and integer minor units (cents, centimes) in storage. Floats are
refused at the door: an accounting system must never round by accident.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Currency:
    code: str
    """ISO 4217 code, e.g. ``DZD``."""
    exponent: int
    """Digits after the decimal point of the minor unit (2 for DZD and EUR, 3 for TND)."""

    @property
    def quantum(self) -> Decimal:
        return Decimal(1).scaleb(-self.exponent)


_EXPONENTS = {
    "DZD": 2, "EUR": 2, "USD": 2, "GBP": 2, "CHF": 2, "CAD": 2, "MAD": 2, "XOF": 0, "XAF": 0,
    "TND": 3, "LYD": 3, "KWD": 3, "BHD": 3, "JPY": 0, "CNY": 2, "SAR": 2, "AED": 2, "EGP": 2,
    "TRY": 2, "MRU": 2,
}

KNOWN_CURRENCIES = tuple(sorted(_EXPONENTS))
"""The ISO 4217 codes Daftar keeps books in."""


class MoneyError(ValueError):
    """An amount that cannot be represented exactly, or a currency we do not know."""


def currency(code: str) -> Currency:
    """The currency for an ISO 4217 code; unknown codes are an error rather than a guess."""
    normalized = code.strip().upper()
    if normalized not in _EXPONENTS:
        known = ", ".join(sorted(_EXPONENTS))
        raise MoneyError(f"unknown currency {code!r} (known: {known})")
    return Currency(normalized, _EXPONENTS[normalized])


def money(value: str | int | Decimal) -> Decimal:
    """Make an amount. Accepts text, int or Decimal; a float is a programming error."""
    if isinstance(value, float):
        raise TypeError("amounts are never floats; pass a str, int or Decimal")
    try:
        result = Decimal(value)
    except InvalidOperation:
        raise MoneyError(f"not an amount: {value!r}") from None
    if not result.is_finite():
        raise MoneyError(f"not a finite amount: {value!r}")
    if result and not -30 <= result.adjusted() <= 30:
        raise MoneyError(f"{value!r} is out of range for an amount")
    return result


MAX_MINOR = 10**15
"""Largest amount in minor units (ten trillion dinars): even thousands of lines that size still
add up within SQLite's 64-bit integers, which report totals and balances rely on."""


def to_minor(amount: Decimal, cur: Currency) -> int:
    """Integer minor units for ``amount``; refuses what is finer than the minor unit or too large.

    Works on the digits themselves, so no Decimal context can round a long amount.
    """
    sign, digits, exponent = amount.as_tuple()
    if not isinstance(exponent, int):
        raise MoneyError(f"not a finite amount: {amount}")
    shift = exponent + cur.exponent
    if len(digits) + shift > len(str(MAX_MINOR)):
        raise MoneyError(f"{amount} is too large for an amount")
    if shift < 0:
        kept, dropped = digits[:shift], digits[shift:]
        if any(dropped):
            raise MoneyError(f"{amount} has more than {cur.exponent} decimals for {cur.code}")
        digits, shift = kept, 0
    units = int("".join(map(str, digits)) or "0") * 10**shift
    if units > MAX_MINOR:
        raise MoneyError(f"{amount} is too large for an amount")
    return -units if sign else units


def from_minor(units: int, cur: Currency) -> Decimal:
    """The Decimal amount for integer minor units, with exactly the currency's decimals."""
    return Decimal(units).scaleb(-cur.exponent).quantize(cur.quantum)


def format_amount(amount: Decimal, cur: Currency, *, thousands: str = "") -> str:
    """Plain text for an amount, always with the currency's decimals (``1234.50``)."""
    quantized = amount.quantize(cur.quantum)
    if not thousands:
        return f"{quantized:f}"
    return f"{quantized:,f}".replace(",", thousands)
