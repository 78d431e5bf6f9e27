"""The lines behind an amount: one account's posted lines over a range, with a running balance.

The shell opens this window on ``session.account_lines_requested``. Lines arrive a page at a time
by keyset paging (``queries.account_lines``) as the user scrolls, so an account with a million lines
shows its first screen at once and never loads them all. Enter or a double click opens the entry.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ledger.model import Account
from app.ledger.money import ZERO
from app.reports.account_lines import Page, read_page, read_start
from app.ui.kit.errors import show_error
from app.ui.kit.session import Change, CompanySession
from app.ui.reports.model import LEFT, RIGHT, cell_text

Index = QModelIndex | QPersistentModelIndex


class LinesModel(QAbstractTableModel):
    """The account's lines; ``fetchMore`` reads the next page off the UI thread."""

    def __init__(self, window: AccountLinesWindow) -> None:
        super().__init__(window)
        self.window = window
        self.rows: list[tuple[Any, ...]] = []
        self.after: tuple[str, int, int] | None = None
        self.balance = ZERO
        self.complete = True
        self.loading = False
        self.headers = (self.tr("Date"), self.tr("Entry"), self.tr("Label"),
                        self.tr("Third party"), self.tr("Debit"), self.tr("Credit"),
                        self.tr("Balance"))

    def start(self, opening: Decimal, page: Page) -> None:
        self.beginResetModel()
        self.rows, self.balance, self.after, self.complete = [], opening, None, False
        self.endResetModel()
        self.add(page)

    def add(self, page: Page) -> None:
        self.loading = False
        self.after, self.balance, self.complete = page.after, page.balance, page.complete
        if page.rows:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self.rows.extend(page.rows)
            self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self.complete and not self.loading

    def fetchMore(self, parent: Index) -> None:
        if self.canFetchMore(parent):
            self.loading = True
            self.window.fetch(self.after, self.balance)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if section >= 4 else LEFT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(self.window.session.fmt, value, blank_zero=index.column() in (4, 5))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if index.column() >= 4 else LEFT
        if role == Qt.ItemDataRole.UserRole:
            return value
        return None

    def entry_id(self, row: int) -> int:
        return int(self.rows[row][-1])


class AccountLinesWindow(QWidget):
    """A window of its own, so the report it came from stays in view beside it."""

    def __init__(self, session: CompanySession, number: str, first: date | None, last: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session, self.number, self.first, self.last = session, number, first, last
        self.account_id: int | None = None
        self.closed = False
        """Set on close: a page read still in flight is then dropped."""
        self.model = LinesModel(self)
        self.heading, self.opening = QLabel(), QLabel()
        self.view = QTableView()
        self._build()
        self.view.activated.connect(self.open_entry)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        session.changed.connect(self._changed)
        self.resize(self.fontMetrics().horizontalAdvance("0") * 120,
                    self.fontMetrics().height() * 36)
        self.load()

    def _build(self) -> None:
        self.setWindowTitle(self.tr("Account {0}").format(self.number))
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() * 3 // 2)
        self.view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.opening)
        layout.addWidget(self.view, 1)

    def period_text(self) -> str:
        fmt = self.session.fmt
        if self.first is None:
            return self.tr("up to {0}").format(fmt.date(self.last))
        return self.tr("from {0} to {1}").format(fmt.date(self.first), fmt.date(self.last))

    def load(self) -> None:
        """(Re)read the account and its first page of lines."""
        number, first, last = self.number, self.first, self.last

        def got(result: tuple[Account, Decimal, Page]) -> None:
            if self.closed:
                return
            account, opening, page = result
            self.account_id = account.id
            label = account.label(self.session.language.code)
            self.setWindowTitle(f"{account.number} {label}")
            self.heading.setText(f"{account.number}  {label} — {self.period_text()}")
            self.opening.setText(self.tr("Balance at the start: {0}").format(
                self.session.fmt.amount(opening)))
            self.model.start(opening, page)
            self.view.resizeColumnsToContents()

        self.session.read(lambda books: read_start(books, number, first, last), got,
                          on_error=self._failed)

    def fetch(self, after: tuple[str, int, int] | None, balance: Decimal) -> None:
        """The next page, asked for by the model when the view scrolls to its end."""
        account_id, first, last = self.account_id, self.first, self.last
        if account_id is None:
            return
        def got(page: Page) -> None:
            if not self.closed:
                self.model.add(page)

        self.session.read(lambda books: read_page(books, account_id, first, last, after, balance),
                          got, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.model.loading = False
        if not self.closed:
            show_error(self, exc)

    def open_entry(self, index: QModelIndex) -> None:
        if index.isValid():
            self.session.open_entry_requested.emit(self.model.entry_id(index.row()))

    def _changed(self, changes: Change) -> None:
        if changes & (Change.ENTRIES | Change.ACCOUNTS):
            self.load()

    def closeEvent(self, event: Any) -> None:
        self.closed = True
        self.session.changed.disconnect(self._changed)
        super().closeEvent(event)
