"""A report as a plain table, and that table written to Excel (XLSX) or CSV for a spreadsheet.

The desktop shows, prints and exports one ``ReportTable``, so what the user saves is what they saw.
Amounts stay ``Decimal`` all the way to the file: an XLSX amount is a real number cell (never
text) with the currency's decimals as its format. It is exact up to 15 significant digits (below ten
thousand billion with two decimals), which is all an Excel number holds.

CSV is written for a spreadsheet opened with a double click: UTF-8 with a byte-order mark (Excel
otherwise reads it as the ANSI code page and breaks accents and Arabic), and where the language
writes ``1234,50`` (French, Arabic) the separator is ``;`` and the decimal point ``,`` — Excel's own
convention in those locales — so amounts arrive as numbers; in English ``,`` and ``.``. Amounts
have no group separator. The command line (``app.reports.render``) keeps the machine CSV.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

Cell = str | Decimal | date | None
Tick = Callable[[int, int], None]
"""``tick(done, total)``: called every few hundred rows; may raise to stop the export."""


class Style(StrEnum):
    """How a row stands out: headings and totals are bold."""

    NORMAL = "normal"
    SECTION = "section"
    SUBTOTAL = "subtotal"
    TOTAL = "total"

    @property
    def bold(self) -> bool:
        return self is not Style.NORMAL


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    numeric: bool = False
    width: int = 14
    """Characters, for spreadsheets and the first layout of the view."""
    blank_zero: bool = False
    """Shown empty when zero (the debit and credit columns), still written as 0 to a file."""


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]
    style: Style = Style.NORMAL
    account: str = ""
    """The account this row is about: where a double click drills down to."""
    entry_id: int | None = None
    """The entry this line belongs to: a double click opens it."""


@dataclass(slots=True)
class ReportTable:
    """A report laid out for the screen, the printer and the spreadsheet alike."""

    kind: str
    title: str
    company: str
    period: str
    """Already written in the interface language (``1 Jan 2025 – 30 Jun 2025``)."""
    columns: tuple[Column, ...]
    rows: list[Row] = field(default_factory=list)
    first: date | None = None
    last: date | None = None
    """The range a drill-down from this report shows."""
    note: str = ""
    """Said under the title: a report cut short, a convention to know."""
    exponent: int = 2
    right_to_left: bool = False


def number_format(exponent: int) -> str:
    """``#,##0.00`` for two decimals, ``#,##0`` for none: Excel localises the separators."""
    return "#,##0" + ("." + "0" * exponent if exponent > 0 else "")


def _every(total: int, tick: Tick | None, done: int) -> None:
    if tick is not None and (done % 500 == 0 or done == total):
        tick(done, total)


XLSX_MAX_ROWS = 1_048_576
"""Rows an Excel sheet holds."""
XLSX_HEADING_ROWS = 6
"""Rows ``write_xlsx`` writes above the report's rows: company, title, period, date, note,
column titles."""


def write_xlsx(table: ReportTable, path: Path, generated: str, tick: Tick | None = None, *,
               rows: Iterable[Row] | None = None, count: int | None = None) -> None:
    """One sheet: company, title, period and date generated, then the table with a frozen,
    bold header, real numbers in amount columns and bold totals.

    ``rows`` (``count`` of them) stream in place of ``table.rows``: a report too long to hold.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(table.title[:31] or "Report")
    sheet.sheet_view.rightToLeft = table.right_to_left
    bold, amount_format = Font(bold=True), number_format(table.exponent)
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    header_row = 6
    sheet.freeze_panes = f"A{header_row + 1}"

    def cell(value: Cell, *, strong: bool = False, numeric: bool = False) -> WriteOnlyCell:
        out = WriteOnlyCell(sheet, value=value)
        if strong:
            out.font = bold
        if numeric and isinstance(value, Decimal):
            out.number_format = amount_format
        elif isinstance(value, date):
            out.number_format = "yyyy-mm-dd"
        elif isinstance(value, str) and value.startswith("="):
            out.data_type = "s"  # a label such as "=SUM(…)" is text, never a live formula
        return out

    sheet.append([cell(table.company, strong=True)])
    sheet.append([cell(table.title, strong=True)])
    sheet.append([table.period])
    sheet.append([generated])
    sheet.append([table.note or None])
    sheet.append([cell(c.title, strong=True) for c in table.columns])
    total = len(table.rows) if count is None else count
    try:
        for done, row in enumerate(table.rows if rows is None else rows, start=1):
            sheet.append([cell(value, strong=row.style.bold, numeric=column.numeric)
                          for value, column in zip(row.cells, table.columns, strict=True)])
            _every(total, tick, done)
    except BaseException:
        _discard(sheet)
        raise
    book.save(path)


def _discard(sheet: Any) -> None:
    """Close a half-written sheet and delete the temporary file openpyxl keeps its rows in
    until ``save``; otherwise a cancelled export would leave it on disk until the program ends."""
    sheet.close()
    sheet._writer.cleanup()


def csv_dialect(decimal_point: str) -> tuple[str, str]:
    """(separator, decimal point) for a language whose decimal point is ``decimal_point``."""
    return (";", ",") if decimal_point == "," else (",", ".")


def _csv_cell(value: Cell, point: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}".replace(".", point)
    if isinstance(value, date):
        return value.isoformat()
    return value


def write_csv(table: ReportTable, path: Path, decimal_point: str, tick: Tick | None = None, *,
              rows: Iterable[Row] | None = None, count: int | None = None) -> None:
    """The header row, then every row; see the module's docstring for the separators.

    ``rows`` (``count`` of them) stream in place of ``table.rows``: a report too long to hold.
    """
    total = len(table.rows) if count is None else count
    separator, point = csv_dialect(decimal_point)
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=separator, lineterminator="\r\n")
        writer.writerow([c.title for c in table.columns])
        for done, row in enumerate(table.rows if rows is None else rows, start=1):
            writer.writerow([_csv_cell(value, point) for value in row.cells])
            _every(total, tick, done)
