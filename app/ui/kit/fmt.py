"""Showing and reading amounts and dates the way the chosen language writes them.

Amounts never pass through a float: a ``Decimal`` is formatted digit by digit with the locale's
group and decimal separators, and typed text is parsed back to a ``Decimal`` accepting either
separator, since accountants type ``1234,50`` and ``1234.50`` alike.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit

from app.ledger.model import Problem
from app.ledger.money import Currency, MoneyError, money


def date_edit_format(locale: QLocale | None = None) -> str:
    """The display format of every date edit (the interface language's locale by default).

    The locale's short format with four-digit years and without its bidi marks: a date edit lays
    its sections out itself (right to left in Arabic), and the marks would turn the order round a
    second time. Every date edit takes it (``date_edit``), so one screen never shows two orders."""
    shown = (locale or QLocale()).dateFormat(QLocale.FormatType.ShortFormat)
    shown = "".join(ch for ch in shown if ch not in "\u200e\u200f\u061c")
    return shown if "yyyy" in shown else shown.replace("yy", "yyyy")


def date_edit(day: date | None = None, *, popup: bool = True,
              locale: QLocale | None = None) -> QDateEdit:
    """A date edit in the interface's date order, with a calendar to pick from."""
    edit = QDateEdit(to_qdate(day)) if day is not None else QDateEdit()
    edit.setDisplayFormat(date_edit_format(locale))
    edit.setCalendarPopup(popup)
    return edit


class Formatter:
    """Amounts in one currency and dates, for one locale."""

    def __init__(self, locale: QLocale, cur: Currency, language: str = "en") -> None:
        self.locale = locale
        self.currency = cur
        self.language = language
        """``en``, ``fr`` or ``ar``: the language problems are worded in."""
        self.group = locale.groupSeparator() or " "
        self.point = locale.decimalPoint() or "."

    def amount(self, value: Decimal, *, blank_zero: bool = False) -> str:
        """``1 234,50`` in French, ``1,234.50`` in English; always the currency's decimals."""
        if blank_zero and value == 0:
            return ""
        text = f"{value.quantize(self.currency.quantum):,f}"
        sign = "-" if text.startswith("-") else ""
        whole, _, fraction = text.lstrip("-").partition(".")
        whole = whole.replace(",", self.group)
        return sign + whole + (self.point + fraction if fraction else "")

    def parse_amount(self, text: str) -> Decimal:
        """An amount typed by the user; raises ``MoneyError`` with the reason if it is not one.

        Group separators (spaces, non-breaking spaces, the locale's own) are ignored; the last
        ``.`` or ``,`` is the decimal point. More decimals than the currency has is an error, not
        a rounding.
        """
        cleaned = "".join(ch for ch in text.strip() if not ch.isspace() and ch != "\u202f")
        if self.group not in (".", ","):
            cleaned = cleaned.replace(self.group, "")
        last = max(cleaned.rfind("."), cleaned.rfind(","))
        if last >= 0:
            whole = cleaned[:last].replace(".", "").replace(",", "")
            cleaned = f"{whole}.{cleaned[last + 1:]}"
        if not cleaned:
            raise MoneyError("no amount given")
        try:
            value = money(cleaned)
        except (MoneyError, InvalidOperation):
            raise MoneyError(f"{text.strip()!r} is not an amount") from None
        if value != value.quantize(self.currency.quantum):
            raise MoneyError(
                f"{self.currency.code} amounts have {self.currency.exponent} decimals at most"
            )
        return value.quantize(self.currency.quantum)

    def date(self, day: date | None) -> str:
        if day is None:
            return ""
        return self.locale.toString(QDate(day.year, day.month, day.day),
                                    QLocale.FormatType.ShortFormat)

    def date_edit_format(self) -> str:
        """The display format of date edits, so they read in the same order as ``date``."""
        return date_edit_format(self.locale)

    def month(self, year: int, month: int) -> str:
        """A short month name for chart axes (``janv.``, ``Jan``, ``جانفي``)."""
        return self.locale.monthName(month, QLocale.FormatType.ShortFormat) + (
            f" {year % 100:02d}" if month == 1 else ""
        )

    def integer(self, value: int) -> str:
        return self.locale.toString(value)

    def problem(self, problem: Problem) -> str:
        """A rule's problem in the interface language, amounts and dates in the locale's form."""
        text = problem.text(self.language, amount=self._any_amount, day=self._any_date)
        return text[:1].upper() + text[1:]

    def _any_amount(self, value: object) -> str:
        return self.amount(value) if isinstance(value, Decimal) else str(value)

    def _any_date(self, value: object) -> str:
        return self.date(value) if isinstance(value, date) else str(value)


def isolate(text: str) -> str:
    """Keep a date or amount whole inside a sentence of either direction (U+2068…U+2069):
    Arabic dates carry right-to-left marks that would scramble an English sentence, and a minus
    sign would jump to the wrong end of an Arabic one."""
    return f"\u2068{text}\u2069"


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
