"""The lines behind an amount: one account's posted lines over a range, with a running balance.

The shell opens this window on ``session.account_lines_requested``. Lines arrive a page at a time
by keyset paging (``app.reports.account_lines``) as the user scrolls, through the bounded
``PagedTableModel``: an account with a million lines shows its first screen at once, never loads
them all, and keeps only a few hundred pages' rows however far the user scrolls (a dropped page
is read again from its first line's predecessor, whose key carries the running balance on).
Enter or a double click opens the entry.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
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
from app.reports.account_lines import AccountLine, LinesQuery, read_lines, read_opening
from app.store.books import Books
from app.ui.kit.errors import show_error
from app.ui.kit.paged_model import PagedTableModel
from app.ui.kit.session import Change, CompanySession
from app.ui.reports.model import LEFT, RIGHT, cell_text

_DISPLAY, _ALIGN, _USER = (r.value for r in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.UserRole))
_AMOUNTS = 4
"""Debit, credit and balance (columns 4 to 6) are aligned right."""


class LinesModel(PagedTableModel):
    """The account's lines, a page at a time; nothing to list until ``set_query`` gives one.

    Rows are ``AccountLine``s; a row's key is its keyset with the balance after it, so a dropped
    page is read again with the right running balance. There is no ``jump_to_end`` here (reading
    backwards would need the balance before a line): the window never calls it.
    """

    def __init__(self, window: AccountLinesWindow) -> None:
        super().__init__(window.session, window)
        self.window = window
        self.current: LinesQuery | None = None

    def set_query(self, query: LinesQuery) -> None:
        """List these lines: from the first page again, or, for the same account and range,
        by re-reading the loaded rows in place (the books changed; the view keeps its place)."""
        same = (self.current is not None and self.rowCount() > 0
                and (query.account_id, query.first, query.last)
                == (self.current.account_id, self.current.first, self.current.last))
        self.current = query
        if same:
            self.refresh()
        else:
            self.reset()

    def stop(self) -> None:
        """Drop whatever read is on its way (the window closed)."""
        self.generation += 1

    def query(self) -> LinesQuery | None:
        return self.current

    def load(self, books: Books, query: object, after_key: object | None,
             limit: int) -> list[AccountLine]:
        if query is None:
            return []
        assert isinstance(query, LinesQuery)
        return read_lines(books, query, after_key, limit)  # type: ignore[arg-type]

    def row_key(self, row: AccountLine) -> object:
        return row.key

    def headers(self) -> list[str]:
        return [self.tr("Date"), self.tr("Entry"), self.tr("Label"), self.tr("Third party"),
                self.tr("Debit"), self.tr("Credit"), self.tr("Balance")]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == _ALIGN:
            return RIGHT if section >= _AMOUNTS else LEFT
        return super().headerData(section, orientation, role)

    def cell(self, row: AccountLine, column: int, role: int) -> object:
        if role == _DISPLAY:
            return cell_text(self.window.session.fmt, row.cells[column],
                             blank_zero=column in (4, 5))
        if role == _ALIGN:
            return RIGHT if column >= _AMOUNTS else LEFT
        if role == _USER:
            return row.cells[column]
        return None

    def entry_id(self, row: int) -> int | None:
        """The entry of a row, or ``None`` if its page's rows are not in memory."""
        line = self.row_at(row)
        return line.entry_id if line is not None else None


class AccountLinesWindow(QWidget):
    """A window of its own, so the report it came from stays in view beside it."""

    def __init__(self, session: CompanySession, number: str, first: date | None, last: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session, self.number, self.first, self.last = session, number, first, last
        self.account_id: int | None = None
        self.closed = False
        """Set on close: a read still in flight is then dropped."""
        self._place: tuple[int, object] | None = None
        """The scroll position and current line's keyset to restore once a refresh lands."""
        self._fit_columns = False
        """Size the columns to the first page when it lands."""
        self.model = LinesModel(self)
        self.heading, self.opening = QLabel(), QLabel()
        self.view = QTableView()
        self._build()
        self.view.activated.connect(self.open_entry)
        self.model.failed.connect(self._failed)
        self.model.refreshed.connect(self._restore_place)
        self.model.page_loaded.connect(self._first_page)
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
        """(Re)read the account and its opening balance, then list its lines from there."""
        number, first, last = self.number, self.first, self.last

        def got(result: tuple[Account, Decimal]) -> None:
            if self.closed:
                return
            account, opening = result
            assert account.id is not None
            self.account_id = account.id
            label = account.label(self.session.language.code)
            self.setWindowTitle(f"{account.number} {label}")
            self.heading.setText(f"{account.number}  {label} — {self.period_text()}")
            self.opening.setText(self.tr("Balance at the start: {0}").format(
                self.session.fmt.amount(opening)))
            if self.model.rowCount():
                current = self.model.row_at(self.view.currentIndex().row())
                self._place = (self.view.verticalScrollBar().value(),
                               current.keyset if current is not None else None)
            else:
                self._fit_columns = True
            self.model.set_query(LinesQuery(account.id, first, last, opening))

        self.session.read(lambda books: read_opening(books, number, first, last), got,
                          on_error=self._failed)

    def _first_page(self) -> None:
        if self._fit_columns and self.model.rowCount():
            self._fit_columns = False
            self.view.resizeColumnsToContents()

    def _restore_place(self) -> None:
        """After a refresh (the books changed): the same line current, the same scroll."""
        if self._place is None:
            return
        scroll, keyset = self._place
        self._place = None
        for row, line in self.model.loaded():
            if keyset is not None and line.keyset == keyset:
                self.view.setCurrentIndex(self.model.index(row, max(
                    self.view.currentIndex().column(), 0)))
                break
        self.view.verticalScrollBar().setValue(scroll)

    def _failed(self, exc: BaseException) -> None:
        if not self.closed:
            show_error(self, exc)

    def open_entry(self, index: QModelIndex) -> None:
        entry_id = self.model.entry_id(index.row()) if index.isValid() else None
        if entry_id is not None:
            self.session.open_entry_requested.emit(entry_id)

    def _changed(self, changes: Change) -> None:
        if changes & (Change.ENTRIES | Change.ACCOUNTS):
            self.load()

    def closeEvent(self, event: Any) -> None:
        self.closed = True
        self.model.stop()
        self.session.changed.disconnect(self._changed)
        super().closeEvent(event)
