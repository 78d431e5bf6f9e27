"""Bank statements exported as CSV, read through a column mapping saved for each bank.

Every bank lays its export out differently (separator, encoding, date and amount formats, one
signed amount or debit and credit columns), so a ``BankCsvMapping`` says how one bank's files
read, and is saved in the company (``mappings``) to be chosen by name the next time. A CSV has
no opening or closing balance; when the export has a running balance column, each line's is
checked against the one before plus the line, which catches a missing or misread row.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from app.io.bank.model import (
    Balance,
    Statement,
    StatementError,
    StatementLine,
    exact_amount,
    fingerprinted,
    statement_currency,
    with_period,
)
from app.io.fec.encoding import undecodable_line
from app.ledger.money import Currency

DEFAULT_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")
COLUMNS = ("date", "value_date", "label", "amount", "debit", "credit", "reference",
           "counterparty", "balance")
"""The mapping's fields that name a column: a header's name, or a 1-based column number."""
_SPACES = (" ", "\u00a0", "\u202f")


class MappingError(ValueError):
    """A column mapping that cannot work (refused before any file is read), or one not found."""


@dataclass(frozen=True, slots=True)
class BankCsvMapping:
    """How one bank's CSV export reads. Column fields hold a header name or a column number."""

    name: str
    date: str
    label: str
    amount: str = ""
    debit: str = ""
    credit: str = ""
    value_date: str = ""
    reference: str = ""
    counterparty: str = ""
    balance: str = ""
    delimiter: str = ","
    encoding: str = "utf-8-sig"
    date_formats: tuple[str, ...] = DEFAULT_DATE_FORMATS
    decimal_comma: bool = False
    thousands: str = ""
    header_rows: int = 1
    currency: str = ""
    """ISO 4217 code of the account; '' means the company's currency."""

    def problems(self) -> list[str]:
        """Every reason this mapping cannot read a file (none: it can)."""
        found = []
        if not self.name.strip() or len(self.name) > 60 or not self.name.isprintable():
            found.append(f"{self.name!r} is not a mapping name (1 to 60 printable characters)")
        if not self.date or not self.label:
            found.append("a mapping needs a date column and a label column")
        if bool(self.amount) == bool(self.debit or self.credit):
            found.append("give an amount column, or debit and credit columns, not both")
        elif not self.amount and not (self.debit and self.credit):
            found.append("give both a debit and a credit column")
        if len(self.delimiter) != 1:
            found.append(f"the delimiter {self.delimiter!r} is not one character")
        try:
            codecs.lookup(self.encoding)
        except LookupError:
            found.append(f"{self.encoding!r} is not an encoding")
        if not self.date_formats:
            found.append("give at least one date format")
        for fmt in self.date_formats:
            if "%" not in fmt:
                found.append(f"{fmt!r} is not a date format (such as %d/%m/%Y)")
        decimal_mark = "," if self.decimal_comma else "."
        if self.thousands == decimal_mark or len(self.thousands) > 1:
            found.append(f"the thousands separator {self.thousands!r} cannot be used with "
                         f"the decimal mark {decimal_mark!r}")
        if self.header_rows < 0:
            found.append("the header row count cannot be negative")
        if self.header_rows == 0:
            named = [c for c in COLUMNS if getattr(self, c) and not getattr(self, c).isdecimal()]
            if named:
                found.append(f"with no header row, columns are numbers ({', '.join(named)})")
        return found

    def to_json(self) -> str:
        values = asdict(self)
        values.pop("name")
        values["date_formats"] = list(self.date_formats)
        return json.dumps(values, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, name: str, text: str) -> BankCsvMapping:
        try:
            values = json.loads(text)
            known = {f.name for f in fields(cls)} - {"name"}
            values = {key: value for key, value in values.items() if key in known}
            values["date_formats"] = tuple(values.get("date_formats", DEFAULT_DATE_FORMATS))
            return cls(name=name, **values)
        except (ValueError, TypeError, AttributeError) as exc:
            raise MappingError(f"the saved mapping {name!r} cannot be read ({exc})") from None


def read_csv_statement(path: Path, mapping: BankCsvMapping, *, currency: str = "",
                       account: str = "") -> Statement:
    """The statement of a CSV export, in date order (newest-first exports are turned round)."""
    problems = mapping.problems()
    if problems:
        raise MappingError(f"mapping {mapping.name!r}: {'; '.join(problems)}")
    cur = statement_currency(mapping.currency or currency, path, f"mapping {mapping.name!r}")
    try:
        with open(path, encoding=mapping.encoding, newline="") as handle:
            lines = _read_rows(path, mapping, cur, csv.reader(handle, delimiter=mapping.delimiter))
    except UnicodeDecodeError:
        row = undecodable_line(path, mapping.encoding)
        raise StatementError(path, f"line {row}" if row else "", "encoding",
                             f"not {mapping.encoding} text; check the mapping's encoding"
                             ) from None
    except csv.Error as exc:
        raise StatementError(path, "", "CSV", str(exc)) from None
    if len(lines) > 1 and lines[0].booking_date > lines[-1].booking_date:
        lines.reverse()
    opening = closing = None
    if mapping.balance and lines:
        first, last = lines[0], lines[-1]
        assert first.balance is not None and last.balance is not None
        opening = Balance(first.balance - first.amount, first.booking_date)
        closing = Balance(last.balance, last.booking_date)
    return with_period(Statement(path, 1, account, cur.code, fingerprinted(account, lines),
                                 opening=opening, closing=closing))


class _Columns:
    """The mapping's columns as indexes into a row, found in the header's last row."""

    def __init__(self, path: Path, mapping: BankCsvMapping, header: list[str]) -> None:
        names = {cell.strip().casefold(): index for index, cell in enumerate(header)}
        self.index: dict[str, int] = {}
        for column in COLUMNS:
            spec = getattr(mapping, column).strip()
            if not spec:
                continue
            if spec.casefold() in names:
                self.index[column] = names[spec.casefold()]
            elif spec.isdecimal() and int(spec) >= 1:
                self.index[column] = int(spec) - 1
            else:
                shown = ", ".join(repr(cell.strip()) for cell in header) or "no header"
                raise StatementError(path, f"row {mapping.header_rows}", column,
                                     f"no column {spec!r} in the header (it has {shown})")


def _read_rows(path: Path, mapping: BankCsvMapping, cur: Currency, reader: Iterator[list[str]]
               ) -> list[StatementLine]:
    header: list[str] = []
    for _ in range(mapping.header_rows):
        header = next(reader, [])
    columns = _Columns(path, mapping, header)
    out = []
    for number, row in enumerate(reader, start=mapping.header_rows + 1):
        if not any(cell.strip() for cell in row):
            continue
        out.append(_line(path, mapping, cur, columns, row, f"row {number}"))
    return out


def _line(path: Path, mapping: BankCsvMapping, cur: Currency, columns: _Columns,
          row: list[str], where: str) -> StatementLine:
    def cell(column: str) -> str:
        index = columns.index.get(column)
        if index is None:
            return ""
        if index >= len(row):
            raise StatementError(path, where, column, f"the row has {len(row)} columns, the "
                                 f"mapping reads column {index + 1}")
        return row[index].strip()

    def amount(column: str) -> Decimal | None:
        text = cell(column)
        return _amount(text, mapping, cur, path, where, column) if text else None

    if mapping.amount:
        signed = amount("amount")
        if signed is None:
            raise StatementError(path, where, "amount", "empty")
    else:
        debit, credit = amount("debit"), amount("credit")
        if not debit and not credit:
            if debit is None and credit is None:
                raise StatementError(path, where, "debit/credit", "both are empty")
        elif debit and credit:
            raise StatementError(path, where, "debit/credit",
                                 f"both hold an amount ({abs(debit)} and {abs(credit)})")
        signed = abs(credit or 0) - abs(debit or 0)
    booked = _date(cell("date"), mapping, path, where, "date")
    value_text = cell("value_date")
    return StatementLine(
        booking_date=booked, amount=signed, label=cell("label"),
        counterparty=cell("counterparty"), reference=cell("reference"),
        value_date=_date(value_text, mapping, path, where, "value date") if value_text else None,
        balance=amount("balance") if mapping.balance else None, source=where)


def _amount(raw: str, mapping: BankCsvMapping, cur: Currency, path: Path, where: str,
            column: str) -> Decimal:
    """A cell as the mapping writes amounts: its decimal mark, its thousands separator (spaces
    always allowed between thousands), a sign in front or behind."""
    text = raw
    for space in _SPACES:
        text = text.replace(space, "")
    if mapping.thousands:
        text = text.replace(mapping.thousands, "")
    if mapping.decimal_comma:
        text = text.replace(".", "\0").replace(",", ".")
    if text.endswith(("-", "+")) and text[:1] not in "-+":
        text = text[-1] + text[:-1]
    try:
        return exact_amount(text, cur)
    except ValueError as exc:
        reason = str(exc).replace(repr(text), repr(raw), 1)
        if "\0" in text or reason.startswith(f"{raw!r} is not"):
            reason = f"{raw!r} is not an amount"
        raise StatementError(path, where, column, reason) from None


def _date(text: str, mapping: BankCsvMapping, path: Path, where: str, column: str) -> date:
    for fmt in mapping.date_formats:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    expected = " or ".join(mapping.date_formats)
    raise StatementError(path, where, column, f"{text!r} is not a date ({expected})")
