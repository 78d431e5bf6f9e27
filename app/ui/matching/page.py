"""The matching page (lettrage): tie a third party's invoices to the payments that settle them.

Pick an account kept per third party (customers, suppliers) and, if wished, one party; the
list shows the lines still open (unmatched, or in a partial group, whose letter is in lower
case). Select lines whose debits equal their credits and press Ctrl+L to give them a letter;
Ctrl+Shift+L accepts a partial match (an invoice paid in part). Selecting the lines of a
partial group with new ones completes that group. Ctrl+U takes the current line's letter off
its whole group; Ctrl+M letters every exact group the automatic passes find on the account.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ledger.money import from_minor
from app.store.matching import ItemLine
from app.ui.kit.errors import describe
from app.ui.kit.fmt import Formatter, isolate
from app.ui.kit.session import Change, CompanySession
from app.ui.matching import data

Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _tr(text: str) -> str:
    return QCoreApplication.translate("matching", text)


class LinesModel(QAbstractTableModel):
    """The lines of one account, with their letter (lower case while its group is partial)."""

    COLUMNS = 7

    def __init__(self, fmt: Formatter) -> None:
        super().__init__()
        self.fmt = fmt
        self.rows: list[ItemLine] = []
        self.complete: dict[str, bool] = {}

    def set_rows(self, rows: list[ItemLine], complete: dict[str, bool]) -> None:
        self.beginResetModel()
        self.rows, self.complete = rows, complete
        self.endResetModel()

    def letter(self, line: ItemLine) -> str:
        if line.letter is None:
            return ""
        return line.letter if self.complete.get(line.letter, False) else line.letter.lower()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_tr("Date"), _tr("Entry"), _tr("Third party"), _tr("Label"), _tr("Debit"),
                    _tr("Credit"), _tr("Letter"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self.fmt.date(date.fromisoformat(line.day))
            if column == 1:
                return f"{line.journal}-{line.number}"
            if column == 2:
                return line.party
            if column == 3:
                return " — ".join(part for part in (line.label, line.reference) if part)
            if column in (4, 5):
                amount = line.debit if column == 4 else line.credit
                return self.fmt.amount(from_minor(amount, self.fmt.currency), blank_zero=True)
            return self.letter(line)
        if role == Qt.ItemDataRole.ToolTipRole and column == 3:
            return self.data(index)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (4, 5):
            return _RIGHT
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 6:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class MatchingPage(QWidget):
    """Match (letter) the lines of one account kept per third party."""

    CHANGES = Change.MATCHING | Change.ENTRIES

    def __init__(self, session: CompanySession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.choices = data.MatchingChoices([], {})
        self.view_data: data.MatchingView | None = None
        self.account = QComboBox()
        self.account.setMinimumContentsLength(16)
        self.account.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.party = QComboBox()
        self.party.setMinimumContentsLength(16)
        self.party.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.everything = QCheckBox(_tr("Matched lines too"))
        self.model = LinesModel(session.fmt)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.selection = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self._make_actions()
        self._lay_out()
        self.account.currentIndexChanged.connect(lambda _i: self.refresh())
        self.party.currentIndexChanged.connect(lambda _i: self.refresh())
        self.everything.toggled.connect(lambda _on: self.refresh())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        session.changed.connect(self._changed)
        self._load_choices()

    def _action(self, text: str, keys: list[str], slot: Any) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.match_action = self._action(_tr("Match"), ["Ctrl+L"], lambda: self.match())
        self.partial_action = self._action(_tr("Match in part"), ["Ctrl+Shift+L"],
                                           lambda: self.match(partial=True))
        self.unmatch_action = self._action(_tr("Unmatch"), ["Ctrl+U"], self.unmatch)
        self.auto_action = self._action(_tr("Match automatically"), ["Ctrl+M"], self.auto_match)
        self.refresh_action = self._action(_tr("Refresh"), ["F5"], self.refresh)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addActions([self.match_action, self.partial_action, self.unmatch_action])

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        for text, widget in ((_tr("Account"), self.account), (_tr("Third party"), self.party)):
            label = QLabel(text)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget, 1)
        tools = QHBoxLayout()  # a second row: one row would not fit a 1024-pixel screen
        tools.addWidget(self.everything)
        tools.addStretch(1)
        for action in (self.match_action, self.partial_action, self.unmatch_action,
                       self.auto_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            tools.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.selection)
        layout.addWidget(self.message)
        self.setTabOrder(self.account, self.party)
        self.setTabOrder(self.party, self.everything)
        self.setTabOrder(self.everything, self.table)
        self.setFocusProxy(self.table)

    # --- reading ----------------------------------------------------------------------------

    def _load_choices(self) -> None:
        language = self.session.language.code

        def got(choices: data.MatchingChoices) -> None:
            self.choices = choices
            account, party = self.account.currentData(), self.party.currentData()
            for combo in (self.account, self.party):
                combo.blockSignals(True)
                combo.clear()
            for account_id, number, label in choices.accounts:
                self.account.addItem(f"{number} {label}", (account_id, number))
            self.party.addItem(_tr("All third parties"), None)
            for code, (party_id, name) in sorted(choices.parties.items()):
                self.party.addItem(f"{code} {name}", party_id)
            self.account.setCurrentIndex(max(self.account.findData(account), 0))
            self.party.setCurrentIndex(max(self.party.findData(party), 0))
            for combo in (self.account, self.party):
                combo.blockSignals(False)
            self.refresh()

        self.session.read(lambda b: data.choices(b, language), got, parent=self)

    def select_account(self, number: str, party: str | None = None) -> None:
        """Show ``number`` (and ``party``'s lines only, by code)."""
        index = next((i for i in range(self.account.count())
                      if self.account.itemData(i)[1] == number), -1)
        self.account.setCurrentIndex(index)
        if party is not None:
            self.party.setCurrentIndex(self.party.findData(self.choices.parties[party][0]))

    def refresh(self) -> None:
        account = self.account.currentData()
        if account is None:
            self.model.set_rows([], {})
            self._selected()
            return
        party, everything = self.party.currentData(), self.everything.isChecked()
        self.session.read(lambda b: data.load(b, account[0], party, everything=everything),
                          self._show, parent=self, on_error=self._refused)

    def _show(self, view: data.MatchingView) -> None:
        self.view_data = view
        self.model.set_rows(view.lines, view.complete)
        self._selected()

    def _changed(self, changes: Change) -> None:
        if changes & (Change.ACCOUNTS | Change.THIRD_PARTIES):
            self._load_choices()
        elif changes & self.CHANGES:
            self.refresh()

    # --- selection --------------------------------------------------------------------------

    def selected_lines(self) -> list[ItemLine]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.model.rows[r] for r in rows]

    def select_rows(self, rows: list[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        for row in rows:
            selection.select(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                             | QItemSelectionModel.SelectionFlag.Rows)

    def _selected(self) -> None:
        lines = self.selected_lines()
        fmt = self.session.fmt
        debit = sum(x.debit for x in lines)
        credit = sum(x.credit for x in lines)
        balance = from_minor(debit - credit, fmt.currency)
        if lines:
            self.selection.setText(_tr("{0} lines selected · debit {1} · credit {2} · balance "
                                       "{3}").format(
                len(lines), isolate(fmt.amount(from_minor(debit, fmt.currency))),
                isolate(fmt.amount(from_minor(credit, fmt.currency))),
                isolate(fmt.amount(balance))))
        else:
            self.selection.setText("")
        writable = not self.session.read_only_reason
        letters = {x.letter for x in lines if x.letter}
        self.match_action.setEnabled(writable and len(lines) >= 2 and len(letters) <= 1
                                     and balance == Decimal(0))
        self.partial_action.setEnabled(writable and len(lines) >= 2 and len(letters) <= 1)
        current = self.table.currentIndex()
        has_letter = current.isValid() and self.model.rows[current.row()].letter is not None
        self.unmatch_action.setEnabled(writable and has_letter)
        self.auto_action.setEnabled(writable and self.account.currentData() is not None)

    # --- actions ----------------------------------------------------------------------------

    def _refused(self, exc: BaseException) -> None:
        self.message.setText(describe(exc))

    def match(self, partial: bool = False) -> None:
        """Letter the selected lines, or add the open ones to the one group selected."""
        lines = self.selected_lines()
        letters = {x.letter for x in lines if x.letter}
        if len(lines) < 2 or len(letters) > 1:
            return
        account_id, today = lines[0].account_id, date.today()
        if letters:
            letter = letters.pop()
            keys = [x.key for x in lines if x.letter is None]

            def done_add(complete: bool) -> None:
                self.message.setText((_tr("Letter {0} is complete.") if complete else
                                      _tr("Letter {0} is still partial.")).format(letter))

            self.session.op(lambda b: data.add_to(b, account_id, letter, keys, today,
                                                  partial=partial),
                            Change.MATCHING, done_add, parent=self, on_error=self._refused)
            return
        keys = [x.key for x in lines]
        self.session.op(lambda b: data.match(b, keys, today, partial=partial), Change.MATCHING,
                        lambda letter: self.message.setText(
                            _tr("Matched {0} lines under letter {1}.").format(len(keys), letter)),
                        parent=self, on_error=self._refused)

    def unmatch(self) -> None:
        current = self.table.currentIndex()
        if not current.isValid():
            return
        line = self.model.rows[current.row()]
        if line.letter is None:
            return
        letter = line.letter
        self.session.op(lambda b: data.unmatch(b, line.account_id, letter), Change.MATCHING,
                        lambda count: self.message.setText(
                            _tr("Letter {0} taken off {1} lines.").format(letter, count)),
                        parent=self, on_error=self._refused)

    def auto_match(self) -> None:
        account = self.account.currentData()
        if account is None:
            return
        today = date.today()
        self.session.op(lambda b: data.auto_match(b, account, today), Change.MATCHING,
                        lambda result: self.message.setText(
                            _tr("{0} groups matched automatically ({1} lines).").format(
                                len(result.groups), result.lines_matched)),
                        parent=self, on_error=self._refused)
