"""The legal printouts (``app.reports.legal``) on paper: PDF file, preview and printer alike.

Each page carries the company's name and identifiers, the printout's title and period above the
body, the edition date and "Page n / N" below it; the tables are the same ``QTextDocument`` HTML
and the same ``printing.paint`` as the other reports, so the preview, the printer and the PDF
break pages at the same rows. The rows are read once, while the HTML is written: build the HTML
(``legal_html``) once, then paint it as often as a preview asks.
"""

from __future__ import annotations

import html
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QLocale, QMarginsF, QRectF, Qt, QTime
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextTable,
)

from app.ledger.money import from_minor
from app.reports.export import Row, Style
from app.reports.legal import LegalReport, text
from app.ui.kit import i18n
from app.ui.kit.fmt import Formatter
from app.ui.reports import printing

HEADER_LINES = 2
HEADER_LINES_CARRIED = 3
"""Company, heading, and the totals a carried table brings in from the page before."""


def edition_stamp(language: str, when: datetime | None = None) -> str:
    """``06/05/2025 18:46`` in the language's locale: a 24-hour clock in French and Arabic
    (Qt's Algerian locales would write ``6:46 PM``), the locale's own in English."""
    locale = i18n.language(language).locale
    moment = QDateTime.currentDateTime() if when is None else QDateTime(
        QDate(when.year, when.month, when.day), QTime(when.hour, when.minute, when.second))
    day = locale.dateFormat(QLocale.FormatType.ShortFormat)
    clock = "HH:mm" if language in ("fr", "ar") else locale.timeFormat(
        QLocale.FormatType.ShortFormat)
    return locale.toString(moment, f"{day} {clock}")


@dataclass(slots=True)
class RunningTotals:
    """A carried table's debit and credit totals after each of its body rows, in minor units
    (two integer arrays: a long journal costs 16 bytes a row, not two ``Decimal``s)."""

    columns: tuple[int, int]
    debit: array = field(default_factory=lambda: array("q"))
    credit: array = field(default_factory=lambda: array("q"))


def legal_html(report: LegalReport, fmt: Formatter,
               carried: list[RunningTotals | None] | None = None) -> str:
    """The printout's tables as HTML, each part from a new page; reads the rows (once).

    ``carried``, when given, receives one item per part, in order: the running totals of a
    part that carries its totals from page to page, None for the others.
    """
    direction = "rtl" if report.right_to_left else "ltr"
    out = [f'<html dir="{direction}"><body dir="{direction}">']
    for index, part in enumerate(report.parts):
        breaks = ' style="page-break-before: always"' if index else ""
        out.append(f'<h3 dir="{direction}"{breaks}>{html.escape(part.title)}</h3>')
        rows = part.rows
        if carried is not None:
            totals = RunningTotals(part.carry) if part.carry else None
            carried.append(totals)
            if totals is not None:
                rows = _counted(rows, totals, fmt.currency.exponent)
        out.append(printing.table_html(part.columns, rows, fmt, report.right_to_left))
    out.append("</body></html>")
    return "".join(out)


def _counted(rows: Iterable[Row], totals: RunningTotals, exponent: int) -> Iterator[Row]:
    """``rows`` as they come, adding each detail row's debit and credit to ``totals``."""
    debit_at, credit_at = totals.columns
    debit = credit = 0
    for row in rows:
        if row.style is Style.NORMAL:
            debit += _minor(row.cells[debit_at], exponent)
            credit += _minor(row.cells[credit_at], exponent)
        totals.debit.append(debit)
        totals.credit.append(credit)
        yield row


def _minor(value: object, exponent: int) -> int:
    return int(value.scaleb(exponent)) if isinstance(value, Decimal) else 0


@dataclass(frozen=True, slots=True)
class Carry:
    """What one page carries: the totals brought in at its head and carried out at its foot
    (None where the table does not run on), and where the debit and credit columns lie."""

    brought: tuple[int, int] | None
    carried: tuple[int, int] | None
    columns: tuple[tuple[float, float], tuple[float, float]]


def carries(doc: QTextDocument, page_height: float, pages: int,
            carried: Sequence[RunningTotals | None]) -> dict[int, Carry]:
    """For every page of a carried table, the totals it brings in and carries out.

    The tables of the document are the report's parts, in order. The last row ending above a
    page's foot is the last on that page (``QTextDocument`` moves a row that does not fit).
    """
    layout = doc.documentLayout()
    tables = [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]
    out: dict[int, Carry] = {}
    for table, totals in zip(tables, carried, strict=False):
        if totals is None or table.rows() < 2 or not totals.debit:
            continue
        pad = table.format().cellPadding()
        box = layout.frameBoundingRect(table)
        shown = [_shown_column(i, table.columns(), doc) for i in totals.columns]
        spans = tuple((r.left() - pad, r.right() + pad) for r in
                      (printing.cell_rect(layout, table, 0, c) for c in shown))
        first = int(box.top() // page_height)
        last = min(int(box.bottom() // page_height), pages - 1)
        brought: tuple[int, int] | None = None
        for page in range(first, last + 1):
            carried_out = None
            if page < last:
                row = printing.last_row_on_page(layout, table, (page + 1) * page_height)
                if row is not None and row >= 1:
                    index = min(row, len(totals.debit)) - 1
                    carried_out = (totals.debit[index], totals.credit[index])
            if brought or carried_out:
                out[page] = Carry(brought, carried_out, spans)  # type: ignore[arg-type]
            brought = carried_out
    return out


def _shown_column(index: int, count: int, doc: QTextDocument) -> int:
    """Where column ``index`` is laid out: Qt lays table columns left to right whatever the
    direction, so a right-to-left table is mirrored by hand (``printing.table_html``)."""
    rtl = doc.defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft
    return count - 1 - index if rtl else index


def decorator(report: LegalReport, doc: QTextDocument, stamp: str, fmt: Formatter,
              carry: dict[int, Carry] | None = None) -> printing.Decorate:
    """Company and identifiers, title and period above each page; edition and page below;
    and, on the pages of a table that carries its totals, "Report" under the heading and
    "À reporter" at the foot, each amount under its column."""
    rtl = report.right_to_left
    # absolute: the painter's right-to-left direction would otherwise mirror them once more
    start = (Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft) \
        | Qt.AlignmentFlag.AlignAbsolute
    end = (Qt.AlignmentFlag.AlignLeft if rtl else Qt.AlignmentFlag.AlignRight) \
        | Qt.AlignmentFlag.AlignAbsolute
    company = " — ".join((report.company, "  ·  ".join(report.identifiers))) \
        if report.identifiers else report.company
    heading = f"{report.title} — {report.period}"
    edited = report.edited_label(stamp)
    bold = QFont(doc.defaultFont())
    bold.setBold(True)
    lines = HEADER_LINES if carry is None else HEADER_LINES_CARRIED

    def decorate(painter: QPainter, header: QRectF, footer: QRectF, page: int, pages: int
                 ) -> None:
        painter.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        line = header.height() / (lines + 0.6)  # printing.paint leaves 0.6 line below
        top = QRectF(header.left(), header.top(), header.width(), line)
        painter.setFont(bold)
        painter.drawText(top, start | Qt.AlignmentFlag.AlignTop, company)
        painter.setFont(doc.defaultFont())
        painter.drawText(top.translated(0, line), start | Qt.AlignmentFlag.AlignTop, heading)
        bottom = Qt.AlignmentFlag.AlignBottom
        painter.drawText(footer, start | bottom, edited)
        painter.drawText(footer, end | bottom, report.page_label(page, pages))
        moved = (carry or {}).get(page - 1)
        if moved is None:
            return
        painter.setFont(bold)
        if moved.brought:
            _carry_line(painter, top.translated(0, 2 * line),
                        text("carry_in", report.language), moved.brought, moved.columns, rtl)
        if moved.carried:
            _carry_line(painter, QRectF(0, footer.top(), footer.width(), footer.height() / 2),
                        text("carry_out", report.language), moved.carried, moved.columns, rtl)

    def _carry_line(painter: QPainter, rect: QRectF, label: str, amounts: tuple[int, int],
                    columns: tuple[tuple[float, float], tuple[float, float]], rtl: bool) -> None:
        middle = Qt.AlignmentFlag.AlignVCenter
        for (left, right), value in zip(columns, amounts, strict=True):
            cell = QRectF(left, rect.top(), right - left, rect.height())
            painter.drawText(cell, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
                             | middle,
                             fmt.amount(from_minor(value, fmt.currency)))
        edge = min(c[0] for c in columns) if not rtl else max(c[1] for c in columns)
        gap = painter.fontMetrics().averageCharWidth() * 2
        room = QRectF(0, rect.top(), edge - gap, rect.height()) if not rtl else \
            QRectF(edge + gap, rect.top(), rect.width() - edge - gap, rect.height())
        painter.drawText(room, (Qt.AlignmentFlag.AlignLeft if rtl else Qt.AlignmentFlag.AlignRight)
                         | Qt.AlignmentFlag.AlignAbsolute | middle, label)

    return decorate


def paint(report: LegalReport, content: str, stamp: str, device: QPagedPaintDevice,
          fmt: Formatter, tick: printing.PageTick | None = None,
          carried: Sequence[RunningTotals | None] = ()) -> int:
    """Paint the printout's HTML ``content`` on ``device``; returns the number of pages.

    ``carried`` is what ``legal_html`` counted while writing ``content``; a table that carries
    its totals gets a third header line for "Report".
    """
    doc = printing.document(content, report.right_to_left)
    if not any(carried):
        return printing.paint(doc, device, tick, decorator(report, doc, stamp, fmt),
                              HEADER_LINES)
    found: dict[int, Carry] = {}

    def laid_out(page_height: float, pages: int) -> None:
        found.update(carries(doc, page_height, pages, carried))

    return printing.paint(doc, device, tick, decorator(report, doc, stamp, fmt, found),
                          HEADER_LINES_CARRIED, laid_out)


def page_layout() -> QPageLayout:
    """A4 across: the journal and the trial balance have eight columns."""
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                       QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter)


def write_pdf(report: LegalReport, fmt: Formatter, stamp: str, path: Path,
              tick: printing.PageTick | None = None) -> int:
    """The printout as an A4 PDF at ``path``; returns its number of pages."""
    carried: list[RunningTotals | None] = []
    content = legal_html(report, fmt, carried)
    writer = QPdfWriter(str(path))
    writer.setTitle(f"{report.company} — {report.title}")
    writer.setCreator("Daftar")
    writer.setResolution(300)
    writer.setPageLayout(page_layout())
    return paint(report, content, stamp, writer, fmt, tick, carried)
