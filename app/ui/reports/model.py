"""A ``ReportTable`` as a Qt table model: amounts formatted for the language, totals in bold.

Rows are small frozen tuples already in memory; the view is handed them a thousand at a time
(``canFetchMore``/``fetchMore``). The general ledger and the journal, too long to hold, have their
own paged model (``ledger_model``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from app.reports.export import ReportTable, Row, Style
from app.ui.kit.fmt import Formatter

Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
"""Amounts: flush right on screen in every language. Their digits run left to right even in
Arabic, so only the absolute right edge lines up the decimal points; a plain ``AlignRight`` would
be mirrored to the left in a right-to-left layout."""
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
"""Text: at the start of the line, mirrored to the right in Arabic."""
RowRole = Qt.ItemDataRole.UserRole + 1
"""The ``Row`` behind an index: its account and entry for a drill-down."""


class ReportModel(QAbstractTableModel):
    """Read-only; ``Qt.UserRole`` gives a cell's raw value (a ``Decimal`` stays a ``Decimal``)."""

    BATCH = 1000

    def __init__(self, fmt: Formatter, parent: Any = None) -> None:
        super().__init__(parent)
        self.fmt = fmt
        self.table: ReportTable | None = None
        self._shown = 0
        self._bold = QFont()
        self._bold.setBold(True)

    def set_table(self, table: ReportTable | None) -> None:
        self.beginResetModel()
        self.table = table
        self._shown = min(len(table.rows), self.BATCH) if table else 0
        self.endResetModel()

    def row(self, index: int) -> Row:
        assert self.table is not None
        return self.table.rows[index]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.table is None else len(self.table.columns)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self.table is not None and \
            self._shown < len(self.table.rows)

    def fetchMore(self, parent: Index) -> None:
        if self.table is None:
            return
        count = min(self.BATCH, len(self.table.rows) - self._shown)
        if count <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + count - 1)
        self._shown += count
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.table is None or orientation != Qt.Orientation.Horizontal:
            return None
        column = self.table.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column.numeric else LEFT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.table is None:
            return None
        row = self.table.rows[index.row()]
        value = row.cells[index.column()]
        column = self.table.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(value, column.blank_zero)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column.numeric else LEFT
        if role == Qt.ItemDataRole.FontRole and row.style.bold:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole and row.style is Style.SECTION:
            return QApplication.palette().color(QPalette.ColorRole.AlternateBase)
        if role == Qt.ItemDataRole.UserRole:
            return value
        if role == RowRole:
            return row
        return None

    def text(self, value: object, blank_zero: bool = False) -> str:
        return cell_text(self.fmt, value, blank_zero)


def cell_text(fmt: Formatter, value: object, blank_zero: bool = False) -> str:
    """A cell as shown: amounts and dates the way the interface language writes them."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return fmt.amount(value, blank_zero=blank_zero)
    if isinstance(value, date):
        return fmt.date(value)
    return str(value)
