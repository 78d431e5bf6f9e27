"""The general ledger and the journal on screen: a ``PagedTableModel`` over their keyset pages.

A ledger of millions of lines shows its first screen as soon as its plan (accounts, openings,
totals from the maintained sums) and first page are read, and memory stays bounded by
``MAX_RESIDENT_PAGES`` however far the user scrolls: rows far from the view are dropped and read
again from their page's key when painted. Cells look as ``ReportModel`` draws them (the same
columns, alignment, bold totals and shaded headings), and ``RowRole`` gives the ``Row`` behind an
index, with its account and entry for a drill-down.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from app.reports.export import ReportTable, Row, Style
from app.store.books import Books
from app.ui.kit.paged_model import PagedTableModel
from app.ui.kit.session import CompanySession
from app.ui.reports.ledger_rows import LedgerQuery, read_page
from app.ui.reports.model import LEFT, RIGHT, RowRole, cell_text

_DISPLAY, _ALIGN, _FONT, _BACKGROUND, _VALUE, _TIP = (r.value for r in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.UserRole, Qt.ItemDataRole.ToolTipRole))
_ROW = int(RowRole)

KeyedRow = tuple[object, Row]
"""A row with the key its page's successor is read from."""


class LedgerModel(PagedTableModel):
    """The report ``show`` was given, a page at a time; ``table`` is its frame (title, period,
    columns, range) without rows, as the page's output and drill-down need it."""

    def __init__(self, session: CompanySession, parent: QObject | None = None) -> None:
        super().__init__(session, parent)
        self.table: ReportTable | None = None
        self.current: LedgerQuery | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    def show(self, frame: ReportTable, query: LedgerQuery) -> None:
        """Forget the rows shown and read ``query`` from its first page."""
        self.table, self.current = frame, query
        self._headers = None
        self.reset()

    def clear(self) -> None:
        """Show nothing and let the rows go (another kind of report is shown)."""
        self.table = self.current = None
        self._headers = None
        self.generation += 1
        self.beginResetModel()
        self._clear()
        self._exhausted = True
        self.endResetModel()

    def query(self) -> LedgerQuery | None:
        return self.current

    def load(self, books: Books, query: object, after_key: object | None,
             limit: int) -> list[KeyedRow]:
        if not isinstance(query, LedgerQuery):
            return []
        return read_page(books, query, after_key, limit)

    def row_key(self, row: KeyedRow) -> object:
        return row[0]

    def row(self, index: int) -> Row | None:
        """The ``Row`` at ``index`` if its page is in memory."""
        got = self.row_at(index)
        return None if got is None else got[1]

    def headers(self) -> list[str]:
        return [] if self.table is None else [c.title for c in self.table.columns]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (role == Qt.ItemDataRole.TextAlignmentRole and self.table is not None
                and orientation == Qt.Orientation.Horizontal):
            return RIGHT if self.table.columns[section].numeric else LEFT
        return super().headerData(section, orientation, role)

    def cell(self, row: KeyedRow, column: int, role: int) -> Any:
        """As ``ReportModel.data``: formatted text, alignment, bold, shading, raw value, Row."""
        assert self.table is not None
        line = row[1]
        spec = self.table.columns[column]
        if role == _DISPLAY:
            return cell_text(self.session.fmt, line.cells[column], spec.blank_zero)
        if role == _ALIGN:
            return RIGHT if spec.numeric else LEFT
        if role == _FONT:
            return self._bold if line.style.bold else None
        if role == _BACKGROUND:
            return QApplication.palette().color(QPalette.ColorRole.AlternateBase) \
                if line.style is Style.SECTION else None
        if role == _VALUE:
            return line.cells[column]
        if role == _TIP and not spec.numeric:
            # the label column yields on a small screen: the whole text stays one hover away
            return cell_text(self.session.fmt, line.cells[column], spec.blank_zero) or None
        if role == _ROW:
            return line
        return None
