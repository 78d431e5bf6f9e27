"""Proposing the drafts a window's templates have due: first what would be drafted up to a day
and what stops an occurrence, then all of those drafts written, or none. Also the list, button
and message pieces the recurring entries window shares with it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.store import recurring
from app.store.books import Books
from app.store.recurring import Due, Proposal
from app.ui.entries.recurring_form import blocked_lines, due_up_to, reasons, refusal_text
from app.ui.kit.fmt import date_edit, isolate, to_date
from app.ui.kit.session import Change, CompanySession


def tree(headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setRootIsDecorated(False)
    tree.setHeaderLabels(headers)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setAlternatingRowColors(True)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    tree.header().setStretchLastSection(True)
    return tree


def no_default(box: QDialogButtonBox) -> None:
    """Enter in a list opens its row, and never presses Close (nor drafts) behind it."""
    for button in box.buttons():
        button.setAutoDefault(False)
        button.setDefault(False)


def message_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setObjectName("formMessage")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label



class ProposeDialog(QDialog):
    """Up to a day: what would be drafted, then the drafts written (all or none)."""

    proposed = Signal(str)
    """What was done, in words, for the window that opened this dialog."""

    def __init__(self, session: CompanySession, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Propose due drafts"))
        self.session = session
        self.pending: list[Due] = []
        self.made = ""
        """What the last "Draft them" wrote, said once more when the list is read again."""
        self.up_to = date_edit(today, locale=session.fmt.locale)
        self.up_to.dateChanged.connect(lambda _day: self.load())
        self.list = tree([self.tr("Date"), self.tr("Template"), self.tr("Label"),
                           self.tr("Amount"), self.tr("Can be drafted")])
        self.message = message_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.draft = self.buttons.addButton(self.tr("&Draft them"),
                                            QDialogButtonBox.ButtonRole.ActionRole)
        self.draft.clicked.connect(self.propose)
        self.draft.setToolTip(self.tr("Draft them (Ctrl+Return)"))
        no_default(self.buttons)
        action = QAction(self)
        action.setShortcut(QKeySequence("Ctrl+Return"))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _on=False: self.propose())
        self.addAction(action)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        label = QLabel(self.tr("&Up to"))
        label.setBuddy(self.up_to)
        top.addWidget(label)
        top.addWidget(self.up_to)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 150,
                    self.fontMetrics().height() * 24)
        self.load()

    def load(self) -> None:
        day = to_date(self.up_to.date())
        self.session.read(lambda b: due_up_to(b, day), self._show, parent=self,
                          on_error=lambda exc: self.message.setText(
                              refusal_text(exc, self.session)))

    def _show(self, pending: list[Due]) -> None:
        fmt = self.session.fmt
        self.pending = pending
        self.list.clear()
        for d in pending:
            item = QTreeWidgetItem([fmt.date(d.day), d.template.name, d.entry.label,
                                    fmt.amount(d.entry.total_debit),
                                    self.tr("Yes") if not d.problems
                                    else reasons(d.problems, self.session)])
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if d.problems:
                item.setForeground(4, Qt.GlobalColor.red)
                item.setToolTip(4, reasons(d.problems, self.session))
            self.list.addTopLevelItem(item)
        blocked = sum(1 for d in pending if d.problems)
        if not pending:
            text = self.tr("Nothing is due up to {0}.").format(
                isolate(fmt.date(to_date(self.up_to.date()))))
        elif blocked:
            text = "\n".join([
                self.tr("{0} of the {1} entries due cannot be drafted: nothing will be drafted "
                        "until that is fixed.").format(blocked, len(pending)),
                *blocked_lines([d for d in pending if d.problems][:5], self.session)])
        else:
            text = self.tr("{0} drafts will be made. They are not posted.").format(len(pending))
        made, self.made = self.made, ""
        if made:  # what was just drafted stays said above what is (still) due
            text = made if not pending else f"{made}\n{text}"
        self.message.setText(text)
        self.draft.setEnabled(bool(pending) and not blocked
                              and not self.session.read_only_reason)

    def propose(self) -> None:
        if not self.draft.isEnabled():
            return
        day = to_date(self.up_to.date())

        def work(books: Books) -> list[Proposal]:
            with books.write() as cur:
                return recurring.propose_due(cur, day, books.currency)

        def done(made: list[Proposal]) -> None:
            said = self.tr("{0} drafts made; they await posting in the Entries page.").format(
                len(made))
            self.made = said
            self.message.setText(said)
            self.load()
            self.proposed.emit(said)

        self.session.op(work, Change.ENTRIES, done, parent=self,
                        on_error=lambda exc: self.message.setText(
                            refusal_text(exc, self.session)))
