"""What the chart of accounts and the third parties pages share.

Both are a list of reference data with a search field, the same four actions on the same keys
(Insert adds, F2 edits, Ctrl+D deactivates or reactivates, Delete deletes, Ctrl+F searches), a
line under the list saying what was done or why it was refused, and a list that reads the books
again when they change. An accountant who learnt one page knows the other; this class keeps it
so. The subclass builds its view and its filters and says what each action does.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.kit.errors import describe
from app.ui.kit.session import Change, CompanySession


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReferencePage", text)


class ReferencePage(QWidget):
    """A searchable list of reference data and the actions that change it."""

    CHANGES = Change.NONE
    """The changes of the books after which the list is read again."""

    def __init__(self, session: CompanySession, search_hint: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._want: str | None = None
        """The key of the row an operation just made, selected once the list shows it."""
        self.search = QLineEdit()
        self.search.setPlaceholderText(search_hint)
        self.search.setClearButtonEnabled(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        session.changed.connect(self._changed)

    # --- for subclasses ---------------------------------------------------------------------

    def refresh(self) -> None:
        raise NotImplementedError

    def _update_actions(self) -> None:
        raise NotImplementedError

    def confirm_title(self) -> str:
        """The title of the question asked before a deletion: the page's name."""
        raise NotImplementedError

    # --- building ---------------------------------------------------------------------------

    def _action(self, text: str, keys: list[QKeySequence | str], slot: Callable[[], object],
                ) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self, view: QAbstractItemView, add_text: str,
                      add: Callable[[], object], edit: Callable[[], object],
                      toggle: Callable[[], object], delete: Callable[[], object]) -> None:
        """The page's actions, on the same keys on every reference page, also in the list's
        context menu; the list's current row decides which are enabled."""
        self._action(_tr("Search"), [QKeySequence.StandardKey.Find], self._focus_search)
        self.add = self._action(add_text, ["Ins", "Ctrl+Shift+A"], add)
        self.edit = self._action(_tr("Edit"), ["F2"], edit)
        self.toggle = self._action(_tr("Deactivate"), ["Ctrl+D"], toggle)
        self.delete = self._action(_tr("Delete"), [QKeySequence.StandardKey.Delete], delete)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        view.addActions([self.add, self.edit, self.toggle, self.delete])
        view.selectionModel().currentChanged.connect(lambda *_: self._update_actions())

    def _lay_out(self, view: QAbstractItemView, leading: tuple[QWidget, ...] = ()) -> None:
        """The filters (``leading``), the search field and the action buttons on one row; the
        list; the message line. Tab goes through them in that order."""
        bar = QHBoxLayout()
        for widget in leading:
            bar.addWidget(widget)
        bar.addWidget(self.search, 1)
        for action in (self.add, self.edit, self.toggle, self.delete):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(view, 1)
        layout.addWidget(self.message)
        order = [*leading, self.search, view]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)

    # --- shared behaviour -------------------------------------------------------------------

    def _changed(self, changes: Change) -> None:
        if changes & self.CHANGES:
            self.refresh()
        if changes & Change.ACCESS:
            self._update_actions()

    def _show_toggle(self, reactivate: bool) -> None:
        self.toggle.setText(_tr("Reactivate") if reactivate else _tr("Deactivate"))

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _refused(self, exc: BaseException) -> None:
        self.message.setText(describe(exc))

    def confirm(self, question: str) -> bool:
        """Ask before an action that cannot be undone (tests answer in its place)."""
        answer = QMessageBox.question(self, self.confirm_title(), question)
        return answer == QMessageBox.StandardButton.Yes
