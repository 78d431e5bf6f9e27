"""A report as a printed document: the same pages go to a PDF file, the preview and the printer.

The table becomes HTML laid out by ``QTextDocument`` (header row repeated on every page, totals in
bold, right-to-left in Arabic), then is painted page by page so that each page carries its number.
``QTextDocument`` and ``QPainter`` on a PDF writer or printer may run on a worker thread (both are
reentrant), so a long report is written behind a progress dialog.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLineF, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextTable,
)

from app.reports.export import Column, ReportTable, Row, Style
from app.ui.kit.fmt import Formatter
from app.ui.reports.model import cell_text

PageTick = Callable[[int, int], None]


def table_html(columns: Sequence[Column], rows: Iterable[Row], fmt: Formatter, rtl: bool
               ) -> str:
    """A table of ``rows`` (read once, as they come) with its header row repeated on every
    page; headings shaded, totals in bold."""
    start = "right" if rtl else "left"
    end = "right"  # amounts flush right in every language, so that their decimal points line up
    direction = "rtl" if rtl else "ltr"
    order = list(range(len(columns)))
    if rtl:  # Qt lays table columns out left to right whatever the direction: mirror by hand
        order.reverse()
    shown = [columns[i] for i in order]
    head = "".join(f'<th align="{end if c.numeric else start}">{html.escape(c.title)}</th>'
                   for c in shown)
    body = []
    for row in rows:
        cells = []
        for value, column in zip((row.cells[i] for i in order), shown, strict=True):
            text = html.escape(cell_text(fmt, value, column.blank_zero))
            if row.style.bold:
                text = f"<b>{text}</b>"
            cells.append(f'<td align="{end if column.numeric else start}">{text}</td>')
        shade = ' bgcolor="#eeeeee"' if row.style is Style.SECTION else ""
        body.append(f"<tr{shade}>" + "".join(cells) + "</tr>")
    return (f'<table dir="{direction}" width="100%" cellspacing="0" cellpadding="3" border="1" '
            f'style="border-collapse: collapse; border-color: #999999">'
            f"<thead><tr>{head}</tr></thead>{''.join(body)}</table>")


def report_html(table: ReportTable, fmt: Formatter, generated: str) -> str:
    """The report as HTML: heading (company, title, period, date generated), then the table.

    ``fmt`` writes the cells exactly as the screen shows them.
    """
    direction = "rtl" if table.right_to_left else "ltr"
    note = f"<p><i>{html.escape(table.note)}</i></p>" if table.note else ""
    return (
        f'<html dir="{direction}"><body dir="{direction}">'
        f'<p dir="{direction}"><b>{html.escape(table.company)}</b></p>'
        f'<h2 dir="{direction}">{html.escape(table.title)}</h2>'
        f'<p dir="{direction}">{html.escape(table.period)}<br/>{html.escape(generated)}</p>'
        f"{note}"
        f"{table_html(table.columns, table.rows, fmt, table.right_to_left)}</body></html>"
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


Decorate = Callable[[QPainter, QRectF, QRectF, int, int], None]
"""``decorate(painter, header, footer, page, pages)``: what each page carries around its body."""


def page_number(doc: QTextDocument) -> Decorate:
    """The report's page number centred at the foot of each page."""
    def decorate(painter: QPainter, _header: QRectF, footer: QRectF, page: int, pages: int
                 ) -> None:
        painter.setFont(doc.defaultFont())
        painter.drawText(footer, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                         page_label(page, pages))
    return decorate


def paint(doc: QTextDocument, device: QPagedPaintDevice, tick: PageTick | None = None,
          decorate: Decorate | None = None, header_lines: int = 0,
          laid_out: Callable[[float, int], None] | None = None) -> int:
    """Lay ``doc`` out on ``device``'s pages, each decorated by ``decorate`` (by default its
    number at the foot), ``header_lines`` lines of text high reserved above the body; returns
    the number of pages. ``tick(page, pages)`` may raise to stop (a cancelled export).
    ``laid_out(page_height, pages)`` is told the layout before the first page is painted, for
    decorations that depend on which rows fall on which page."""
    doc.documentLayout().setPaintDevice(device)
    area = device.pageLayout().paintRectPixels(device.resolution())
    footer = device.resolution() * 0.35
    line = QFontMetricsF(doc.defaultFont(), device).lineSpacing()
    header = line * header_lines + (line * 0.6 if header_lines else 0)
    body = QSizeF(area.width(), area.height() - footer - header)
    doc.setPageSize(body)
    pages = doc.pageCount()
    cuts = row_cuts(doc, body.height(), pages)
    if laid_out is not None:
        laid_out(body.height(), pages)
    decorate = decorate or page_number(doc)
    painter = QPainter(device)
    try:
        for page in range(pages):
            if tick is not None:
                tick(page, pages)
            if page:
                device.newPage()
            top = page * body.height()
            painter.save()
            painter.translate(0, header - top)
            clip = QRectF(0, top, body.width(), body.height())
            cut = cuts.get(page)
            if cut is not None:
                clip.setBottom(cut.y + cut.width / 2)
            painter.setClipRect(clip)
            doc.drawContents(painter, clip)
            if cut is not None:  # the row the page break follows keeps its bottom border
                painter.setPen(QPen(cut.color, cut.width))
                painter.drawLine(QLineF(cut.left, cut.y, cut.right, cut.y))
            painter.restore()
            decorate(painter, QRectF(0, 0, body.width(), header),
                     QRectF(0, header + body.height(), body.width(), footer), page + 1, pages)
    finally:
        painter.end()
    return pages


@dataclass(frozen=True, slots=True)
class Cut:
    """Where a table's last whole row on a page ends, and its border line there."""

    y: float
    left: float
    right: float
    width: float
    color: QColor


def row_cuts(doc: QTextDocument, page_height: float, pages: int) -> dict[int, Cut]:
    """For each page a table runs off, the bottom border of its last row on that page.

    ``QTextDocument`` moves a row that does not fit to the next page, where the shared border
    between the two rows is drawn: the last row of a page would end without its bottom line and
    with the column lines running on to the page's foot. The page is cut at that row's bottom
    and the line drawn there. Rows are found by binary search on their top, so a long table
    costs a few lookups a page.
    """
    layout = doc.documentLayout()
    cuts: dict[int, Cut] = {}
    for frame in doc.rootFrame().childFrames():
        if not isinstance(frame, QTextTable) or frame.rows() == 0:
            continue
        box = layout.frameBoundingRect(frame)
        fmt = frame.format()
        pad, border = fmt.cellPadding(), fmt.border()
        color = fmt.borderBrush().color() if fmt.borderBrush().style() != Qt.BrushStyle.NoBrush \
            else QColor("#999999")
        first, last = int(box.top() // page_height), min(int(box.bottom() // page_height), pages)
        if last <= first:
            continue
        ends = [cell_rect(layout, frame, 0, c) for c in (0, frame.columns() - 1)]
        left = min(r.left() for r in ends) - pad - border / 2
        right = max(r.right() for r in ends) + pad + border / 2
        for page in range(first, last):
            bottom = _last_row_bottom(layout, frame, (page + 1) * page_height)
            if bottom is not None:
                cuts[page] = Cut(bottom + pad + border / 2, left, right, max(border, 1.0),
                                 color)
    return cuts


def cell_rect(layout: Any, table: QTextTable, row: int, column: int) -> QRectF:
    cell = table.cellAt(row, column)
    top = layout.blockBoundingRect(cell.firstCursorPosition().block())
    bottom = layout.blockBoundingRect(cell.lastCursorPosition().block())
    return QRectF(top.left(), top.top(), top.width(), bottom.bottom() - top.top())


def last_row_on_page(layout: Any, table: QTextTable, limit: float) -> int | None:
    """The index of the last row of ``table`` that ends above ``limit`` (0 is the header row),
    or None when not even the header does. Rows are found by binary search on their top."""
    low, high = 0, table.rows() - 1
    while low < high:  # the last row starting above the limit
        middle = (low + high + 1) // 2
        if cell_rect(layout, table, middle, 0).top() < limit:
            low = middle
        else:
            high = middle - 1
    for row in range(low, max(low - 3, -1), -1):
        if _row_bottom(layout, table, row) < limit:
            return row
    return None


def _row_bottom(layout: Any, table: QTextTable, row: int) -> float:
    return max(cell_rect(layout, table, row, c).bottom() for c in range(table.columns()))


def _last_row_bottom(layout: Any, table: QTextTable, limit: float) -> float | None:
    """The bottom of the content of the last row ending above ``limit``."""
    row = last_row_on_page(layout, table, limit)
    return None if row is None else _row_bottom(layout, table, row)


def landscape(table: ReportTable) -> bool:
    """Wide reports (the trial balance's eight columns) print across the page."""
    return len(table.columns) > 5


def page_layout(table: ReportTable) -> QPageLayout:
    """A4 with 12 mm margins, across for wide reports: the PDF's pages, and the preview's and
    the printer's until the user picks another paper, so that all three break at the same rows."""
    orientation = (QPageLayout.Orientation.Landscape if landscape(table)
                   else QPageLayout.Orientation.Portrait)
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                       QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter)


def paint_report(table: ReportTable, fmt: Formatter, generated: str,
                 device: QPagedPaintDevice, tick: PageTick | None = None) -> int:
    """The one paint path of a report: the PDF, the preview and the printer all go through it."""
    doc = document(report_html(table, fmt, generated), table.right_to_left)
    return paint(doc, device, tick)


def write_pdf(table: ReportTable, fmt: Formatter, generated: str, path: Path,
              tick: PageTick | None = None) -> int:
    """The report as an A4 PDF at ``path``; returns its number of pages."""
    writer = QPdfWriter(str(path))
    writer.setTitle(f"{table.company} — {table.title}")
    writer.setCreator("Daftar")
    writer.setResolution(300)
    writer.setPageLayout(page_layout(table))
    return paint_report(table, fmt, generated, writer, tick)
