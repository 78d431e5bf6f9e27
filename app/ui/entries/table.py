"""The lines table of the entry editor, driven from the keyboard like a paper journal.

Tab and Enter go to the next cell, Shift+Tab back; past the last cell of a line the cursor goes
to the next line's account cell, adding that line, and a new blank line is offered the amount
that balances the entry. After an account that needs a third party the cursor goes straight to
the third-party cell; an empty third-party cell of an account that needs none is passed over,
both ways. Typing in a cell starts editing it; Delete clears it.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QWidget,
)

from app.ui.entries.catalog import Catalog
from app.ui.entries.delegates import (
    AccountDelegate,
    AmountDelegate,
    CellDelegate,
    PartyDelegate,
    TaxDelegate,
)
from app.ui.entries.lines_model import AMOUNT_COLUMNS, Col, EntryLinesModel

Move = QAbstractItemView.CursorAction


class EntryTable(QTableView):
    """A ``QTableView`` over ``EntryLinesModel`` with the editor's keyboard rules."""

    def __init__(self, model: EntryLinesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.lines = model
        catalog = self._catalog
        self.setItemDelegateForColumn(Col.ACCOUNT, AccountDelegate(catalog, self))
        self.setItemDelegateForColumn(Col.LABEL, CellDelegate(self))
        self.setItemDelegateForColumn(Col.THIRD_PARTY, PartyDelegate(catalog, self))
        self.setItemDelegateForColumn(Col.TAX, TaxDelegate(catalog, self))
        for col in AMOUNT_COLUMNS:
            self.setItemDelegateForColumn(col, AmountDelegate(self))
        Trigger = QAbstractItemView.EditTrigger
        self.setEditTriggers(Trigger.AnyKeyPressed | Trigger.DoubleClicked
                             | Trigger.EditKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setTabKeyNavigation(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self._size_sections()

    def _catalog(self) -> Catalog:
        return self.lines.catalog

    def _size_sections(self) -> None:
        metrics = self.fontMetrics()
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(metrics.height() + metrics.height() // 2)
        rows.setMinimumWidth(metrics.horizontalAdvance("0000"))
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        columns = self.horizontalHeader()
        columns.setSectionResizeMode(Col.LABEL, QHeaderView.ResizeMode.Stretch)
        widths = {Col.ACCOUNT: "000000  Fournisseurs de stocks et services, effets",
                  Col.THIRD_PARTY: "CLIENT01  Entreprise de commerce",
                  Col.DEBIT: "00 000 000 000,00", Col.CREDIT: "00 000 000 000,00",
                  Col.TAX: "IMMO19"}
        pad = metrics.height()
        self._natural = {col: metrics.horizontalAdvance(sample) + pad
                         for col, sample in widths.items()}
        self._least = {Col.ACCOUNT: metrics.horizontalAdvance("000000  Fournisseurs") + pad,
                       Col.THIRD_PARTY: metrics.horizontalAdvance("CLIENT01  Entrep") + pad}
        for col, width in self._natural.items():
            columns.resizeSection(col, width)
        columns.setMinimumSectionSize(metrics.horizontalAdvance("Label") * 2)

    def fit_columns(self, width: int) -> None:
        """Narrow the account and third-party columns when the window is narrow, so Debit,
        Credit and Tax stay in sight beside a label column of readable width; below that the
        table scrolls sideways."""
        columns = self.horizontalHeader()
        label = columns.minimumSectionSize() * 2
        fixed = sum(w for col, w in self._natural.items() if col not in self._least)
        spare = width - label - fixed
        natural = sum(self._natural[col] for col in self._least)
        least = sum(self._least.values())
        share = 1.0 if spare >= natural else max(0.0, (spare - least) / (natural - least))
        for col, low in self._least.items():
            columns.resizeSection(col, round(low + (self._natural[col] - low) * share))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns(self.viewport().width())

    # --- keyboard -------------------------------------------------------------------------------

    def moveCursor(self, action: Move, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        current = self.currentIndex()
        if current.isValid() and action == Move.MoveNext:
            return self.next_cell(current)
        if current.isValid() and action == Move.MovePrevious:
            return self.previous_cell(current)
        return super().moveCursor(action, modifiers)

    def next_cell(self, index: QModelIndex) -> QModelIndex:
        """Where Tab and Enter go from ``index``; may add a line and propose its amount."""
        row, col, model = index.row(), index.column(), self.lines
        if col == Col.ACCOUNT and model.needs_party(row):
            return model.index(row, Col.THIRD_PARTY)
        if col == Col.LABEL and self._passes_party(row):
            return model.index(row, Col.DEBIT)
        if col < Col.CREDIT:
            return model.index(row, col + 1)
        if model.read_only or model.rows[row].is_blank():
            return model.index(min(row + 1, model.rowCount() - 1), Col.ACCOUNT)
        if row + 1 == model.rowCount():
            model.insert_row(row + 1)
        model.propose_on(row + 1)
        return model.index(row + 1, Col.ACCOUNT)

    def previous_cell(self, index: QModelIndex) -> QModelIndex:
        row, col = index.row(), index.column()
        if col == Col.DEBIT and self._passes_party(row):
            return self.lines.index(row, Col.LABEL)
        if col > 0:
            return self.lines.index(row, col - 1)
        return self.lines.index(max(row - 1, 0), Col.CREDIT if row else 0)

    def _passes_party(self, row: int) -> bool:
        """Tab and Shift+Tab pass the row's third-party cell: empty, and its account needs none."""
        line = self.lines.rows[row]
        return not line.third_party and not self.lines.catalog.needs_party(line.account)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        current = self.currentIndex()
        if plain and current.isValid() and self.state() != QAbstractItemView.State.EditingState:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.setCurrentIndex(self.next_cell(current))
                return
            if event.key() == Qt.Key.Key_Delete:
                self.lines.setData(current, "")
                return
        super().keyPressEvent(event)

    def finish_editing(self) -> None:
        """Commit the cell being edited, so an action sees what the user has just typed."""
        editor = self.indexWidget(self.currentIndex())
        if editor is not None and self.state() == QAbstractItemView.State.EditingState:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def go_to(self, row: int, col: Col) -> None:
        self.setCurrentIndex(self.lines.index(row, col))
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- line actions ---------------------------------------------------------------------------

    def insert_line(self) -> None:
        """A blank line above the current one (Ctrl+Insert)."""
        self.finish_editing()
        at = max(self.currentIndex().row(), 0)
        self.lines.insert_row(at)
        self.go_to(at, Col.ACCOUNT)

    def remove_line(self) -> None:
        """Remove the current line (Ctrl+Delete)."""
        self.finish_editing()
        index = self.currentIndex()
        if index.isValid():
            self.lines.remove_row(index.row())
            self.go_to(min(index.row(), self.lines.rowCount() - 1), Col(index.column()))

    def balance_line(self) -> None:
        """Put the amount that balances the entry on the current line, and go to it."""
        self.finish_editing()
        index = self.currentIndex()
        row = index.row() if index.isValid() else self.lines.rowCount() - 1
        if self.lines.balance_row(row):
            self.go_to(row, Col.DEBIT if self.lines.rows[row].debit else Col.CREDIT)
