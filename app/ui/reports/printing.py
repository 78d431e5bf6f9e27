"""A report as a printed document: the same pages go to a PDF file, the preview and the printer.

The table becomes HTML laid out by ``QTextDocument`` (header row repeated on every page, totals in
bold, right-to-left in Arabic), then is painted page by page so that each page carries its number.
``QTextDocument`` and ``QPainter`` on a PDF writer or printer may run on a worker thread (both are
reentrant), so a long report is written behind a progress dialog.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from app.reports.export import ReportTable
from app.ui.fmt import Formatter
from app.ui.reports.model import cell_text

PageTick = Callable[[int, int], None]


def report_html(table: ReportTable, fmt: Formatter, generated: str) -> str:
    """The report as HTML: heading (company, title, period, date generated), then the table.

    ``fmt`` writes the cells exactly as the screen shows them.
    """
    rtl = table.right_to_left
    start, end = ("right", "left") if rtl else ("left", "right")
    direction = "rtl" if rtl else "ltr"
    order = list(range(len(table.columns)))
    if rtl:  # Qt lays table columns out left to right whatever the direction: mirror by hand
        order.reverse()
    columns = [table.columns[i] for i in order]
    head = "".join(f'<th align="{end if c.numeric else start}">{html.escape(c.title)}</th>'
                   for c in columns)
    body = []
    for row in table.rows:
        cells = []
        for value, column in zip((row.cells[i] for i in order), columns, strict=True):
            text = html.escape(cell_text(fmt, value, column.blank_zero))
            if row.style.bold:
                text = f"<b>{text}</b>"
            cells.append(f'<td align="{end if column.numeric else start}">{text}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    note = f"<p><i>{html.escape(table.note)}</i></p>" if table.note else ""
    return (
        f'<html dir="{direction}"><body dir="{direction}">'
        f'<p dir="{direction}"><b>{html.escape(table.company)}</b></p>'
        f'<h2 dir="{direction}">{html.escape(table.title)}</h2>'
        f'<p dir="{direction}">{html.escape(table.period)}<br/>{html.escape(generated)}</p>'
        f"{note}"
        f'<table dir="{direction}" width="100%" cellspacing="0" cellpadding="3" border="1" '
        f'style="border-collapse: collapse; border-color: #999999">'
        f"<thead><tr>{head}</tr></thead>{''.join(body)}</table></body></html>"
    )


def document(content: str, right_to_left: bool) -> QTextDocument:
    doc = QTextDocument()
    font = QFont()
    font.setPointSizeF(8.5)
    doc.setDefaultFont(font)
    option = doc.defaultTextOption()
    option.setTextDirection(
        Qt.LayoutDirection.RightToLeft if right_to_left else Qt.LayoutDirection.LeftToRight)
    doc.setDefaultTextOption(option)
    doc.setHtml(content)
    return doc


def page_label(page: int, pages: int) -> str:
    return QCoreApplication.translate("reports", "Page {0} of {1}").format(page, pages)


def paint(doc: QTextDocument, device: QPagedPaintDevice, tick: PageTick | None = None) -> int:
    """Lay ``doc`` out on ``device``'s pages, each with its number at the foot; returns the
    number of pages. ``tick(page, pages)`` may raise to stop (a cancelled export)."""
    doc.documentLayout().setPaintDevice(device)
    area = device.pageLayout().paintRectPixels(device.resolution())
    footer = device.resolution() * 0.35
    body = QSizeF(area.width(), area.height() - footer)
    doc.setPageSize(body)
    pages = doc.pageCount()
    painter = QPainter(device)
    try:
        for page in range(pages):
            if tick is not None:
                tick(page, pages)
            if page:
                device.newPage()
            painter.save()
            painter.translate(0, -page * body.height())
            doc.drawContents(painter, QRectF(0, page * body.height(), body.width(),
                                             body.height()))
            painter.restore()
            painter.setFont(doc.defaultFont())
            painter.drawText(QRectF(0, body.height(), body.width(), footer),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                             page_label(page + 1, pages))
    finally:
        painter.end()
    return pages


def landscape(table: ReportTable) -> bool:
    """Wide reports (the trial balance's eight columns) print across the page."""
    return len(table.columns) > 5


def write_pdf(table: ReportTable, fmt: Formatter, generated: str, path: Path,
              tick: PageTick | None = None) -> int:
    """The report as an A4 PDF at ``path``; returns its number of pages."""
    writer = QPdfWriter(str(path))
    writer.setTitle(f"{table.company} — {table.title}")
    writer.setCreator("Daftar")
    writer.setResolution(300)
    orientation = (QPageLayout.Orientation.Landscape if landscape(table)
                   else QPageLayout.Orientation.Portrait)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                                     QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))
    doc = document(report_html(table, fmt, generated), table.right_to_left)
    return paint(doc, writer, tick)
