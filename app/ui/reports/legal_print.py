"""The legal printouts (``app.reports.legal``) on paper: PDF file, preview and printer alike.

Each page carries the company's name and identifiers, the printout's title and period above the
body, the edition date and "Page n / N" below it; the tables are the same ``QTextDocument`` HTML
and the same ``printing.paint`` as the other reports, so the preview, the printer and the PDF
break pages at the same rows. The rows are read once, while the HTML is written: build the HTML
(``legal_html``) once, then paint it as often as a preview asks.
"""

from __future__ import annotations

import html
from datetime import datetime
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
)

from app.reports.legal import LegalReport
from app.ui.kit import i18n
from app.ui.kit.fmt import Formatter
from app.ui.reports import printing

HEADER_LINES = 2


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


def legal_html(report: LegalReport, fmt: Formatter) -> str:
    """The printout's tables as HTML, each part from a new page; reads the rows (once)."""
    direction = "rtl" if report.right_to_left else "ltr"
    out = [f'<html dir="{direction}"><body dir="{direction}">']
    for index, part in enumerate(report.parts):
        breaks = ' style="page-break-before: always"' if index else ""
        out.append(f'<h3 dir="{direction}"{breaks}>{html.escape(part.title)}</h3>')
        out.append(printing.table_html(part.columns, part.rows, fmt, report.right_to_left))
    out.append("</body></html>")
    return "".join(out)


def decorator(report: LegalReport, doc: QTextDocument, stamp: str) -> printing.Decorate:
    """Company and identifiers, title and period above each page; edition and page below."""
    rtl = report.right_to_left
    start = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    end = Qt.AlignmentFlag.AlignLeft if rtl else Qt.AlignmentFlag.AlignRight
    company = " — ".join((report.company, "  ·  ".join(report.identifiers))) \
        if report.identifiers else report.company
    heading = f"{report.title} — {report.period}"
    edited = report.edited_label(stamp)
    bold = QFont(doc.defaultFont())
    bold.setBold(True)

    def decorate(painter: QPainter, header: QRectF, footer: QRectF, page: int, pages: int
                 ) -> None:
        painter.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        half = QRectF(header.left(), header.top(), header.width(), header.height() / 2)
        painter.setFont(bold)
        painter.drawText(half, start | Qt.AlignmentFlag.AlignTop, company)
        painter.setFont(doc.defaultFont())
        painter.drawText(half.translated(0, half.height()), start | Qt.AlignmentFlag.AlignTop,
                         heading)
        bottom = Qt.AlignmentFlag.AlignBottom
        painter.drawText(footer, start | bottom, edited)
        painter.drawText(footer, end | bottom, report.page_label(page, pages))

    return decorate


def paint(report: LegalReport, content: str, stamp: str, device: QPagedPaintDevice,
          tick: printing.PageTick | None = None) -> int:
    """Paint the printout's HTML ``content`` on ``device``; returns the number of pages."""
    doc = printing.document(content, report.right_to_left)
    return printing.paint(doc, device, tick, decorator(report, doc, stamp), HEADER_LINES)


def page_layout() -> QPageLayout:
    """A4 across: the journal and the trial balance have eight columns."""
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                       QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter)


def write_pdf(report: LegalReport, fmt: Formatter, stamp: str, path: Path,
              tick: printing.PageTick | None = None) -> int:
    """The printout as an A4 PDF at ``path``; returns its number of pages."""
    return write_html_pdf(report, legal_html(report, fmt), stamp, path, tick)


def write_html_pdf(report: LegalReport, content: str, stamp: str, path: Path,
                   tick: printing.PageTick | None = None) -> int:
    writer = QPdfWriter(str(path))
    writer.setTitle(f"{report.company} — {report.title}")
    writer.setCreator("Daftar")
    writer.setResolution(300)
    writer.setPageLayout(page_layout())
    return paint(report, content, stamp, writer, tick)
