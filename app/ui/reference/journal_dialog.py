"""The journals in the settings, and the dialog that opens one or changes one's label and kind.

A second bank account gets its own journal; a journal no longer used is deactivated (its entries
stay, it takes no new ones), never deleted. A journal's code prefixes the number of every entry
posted in it, so it is typed once, in capitals (what is typed is put in capitals as it comes),
and never changes. The form explains what is missing as the user types and keeps OK disabled
until it is valid; a refusal from the store is shown in the same place and the dialog stays open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ledger.model import Journal, JournalKind
from app.store.reference import JOURNAL_CODE_LENGTH
from app.ui.kit.errors import describe
from app.ui.kit.form_dialog import FormDialog
from app.ui.kit.session import Change, CompanySession

_CODE = re.compile(rf"[A-Z0-9]{{1,{JOURNAL_CODE_LENGTH}}}")


def journal_kind_name(kind: JournalKind) -> str:
    tr = QCoreApplication.translate
    return {JournalKind.SALES: tr("journals", "Sales"),
            JournalKind.PURCHASES: tr("journals", "Purchases"),
            JournalKind.BANK: tr("journals", "Bank"),
            JournalKind.CASH: tr("journals", "Cash"),
            JournalKind.MISC: tr("journals", "Miscellaneous")}[kind]


@dataclass(frozen=True, slots=True)
class JournalForm:
    """What the user typed: the fields of ``Books.add_journal`` and ``Books.update_journal``."""

    code: str
    label: str
    kind: JournalKind

    def journal(self) -> Journal:
        return Journal(self.code, self.label, self.kind)


class JournalDialog(FormDialog):
    """Open a journal (``journal`` None) or edit ``journal``; ``existing`` holds the codes taken."""

    """A ``JournalForm``, when the user confirms a valid form; the page does the writing."""

    def __init__(self, *, journal: Journal | None = None, existing: set[str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.existing = existing or set()
        self.code, self.label = QLineEdit(), QLineEdit()
        self.kind = QComboBox()
        for kind in JournalKind:
            self.kind.addItem(journal_kind_name(kind), kind)
        self._layout()
        self._fill()
        self.code.textEdited.connect(self._capitals)
        self.check_as_typed(self.code, self.label)

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("&Code"), self.code)
        form.addRow(self.tr("&Label"), self.label)
        form.addRow(self.tr("&Kind"), self.kind)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.code.setMaxLength(JOURNAL_CODE_LENGTH)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def _fill(self) -> None:
        journal = self.journal
        if journal is None:
            self.setWindowTitle(self.tr("New journal"))
            self.kind.setCurrentIndex(self.kind.findData(JournalKind.MISC))
            self.code.setFocus()
            return
        self.setWindowTitle(self.tr("Journal {0}").format(journal.code))
        self.code.setText(journal.code)
        self.code.setReadOnly(True)
        self.code.setToolTip(self.tr("A journal's code numbers its entries and never changes."))
        self.label.setText(journal.label)
        self.kind.setCurrentIndex(self.kind.findData(journal.kind))
        self.label.setFocus()

    def _capitals(self, text: str) -> None:
        if text != text.upper():
            at = self.code.cursorPosition()
            self.code.setText(text.upper())
            self.code.setCursorPosition(at)

    def form(self) -> JournalForm:
        return JournalForm(self.code.text().strip(), self.label.text().strip(),
                           JournalKind(self.kind.currentData()))

    def problem(self) -> str:
        """Why the form cannot be confirmed yet, or ``""``."""
        form = self.form()
        if self.journal is None:
            if not form.code:
                return self.tr("The code is required.")
            if not _CODE.fullmatch(form.code):
                return self.tr("The code is 1 to {0} capital letters or digits.").format(
                    JOURNAL_CODE_LENGTH)
            if form.code in self.existing:
                return self.tr("A journal with the code {0} already exists.").format(form.code)
        if not form.label:
            return self.tr("The label is required.")
        return ""



class JournalsGroup(QGroupBox):
    """The settings page's list of journals, with buttons to open, edit and deactivate one."""

    def __init__(self, session: CompanySession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Journals"))
        self.session = session
        self.journals: dict[str, Journal] = {}
        self.dialog: JournalDialog | None = None
        self.list = QTreeWidget()
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels([self.tr("Code"), self.tr("Label"), self.tr("Kind"),
                                   self.tr("State")])
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.header().setStretchLastSection(True)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.list.itemActivated.connect(lambda *_: self.edit_journal())
        self.add = QPushButton(self.tr("Ne&w journal…"))
        self.add.clicked.connect(self.add_journal)
        self.edit = QPushButton(self.tr("Ed&it journal…"))
        self.edit.clicked.connect(self.edit_journal)
        self.toggle = QPushButton(self.tr("Deac&tivate"))
        self.toggle.clicked.connect(self.toggle_active)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self._layout()
        session.changed.connect(self._changed)
        self.load()

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.add, self.edit, self.toggle):
            buttons.addWidget(button)
        buttons.addStretch(1)
        note = QLabel(self.tr("A deactivated journal keeps its entries and takes no new ones."))
        note.setObjectName("note")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(note)
        layout.addWidget(self.problem)

    def load(self, select: str = "") -> None:
        want = select or self.current_code()
        self.session.read(lambda b: b.journals(), lambda found: self._show(found, want),
                          parent=self)

    def _show(self, journals: dict[str, Journal], select: str) -> None:
        self.journals = journals
        self.list.clear()
        for journal in journals.values():
            state = self.tr("Active") if journal.active else self.tr("Inactive")
            item = QTreeWidgetItem([journal.code, journal.label, journal_kind_name(journal.kind),
                                    state])
            item.setData(0, Qt.ItemDataRole.UserRole, journal.code)
            if not journal.active:
                for column in range(item.columnCount()):
                    item.setForeground(column, self.palette().placeholderText())
            self.list.addTopLevelItem(item)
            if journal.code == select:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and journals:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        row = self.list.sizeHintForRow(0) if journals else self.fontMetrics().height() + 6
        self.list.setFixedHeight(row * (min(max(len(journals), 3), 10) + 1)
                                 + self.list.header().sizeHint().height())
        self._update_buttons()

    def current_code(self) -> str:
        item = self.list.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else ""

    def current_journal(self) -> Journal | None:
        return self.journals.get(self.current_code())

    def _update_buttons(self) -> None:
        journal = self.current_journal()
        writable = not self.session.read_only_reason
        self.add.setEnabled(writable)
        self.edit.setEnabled(writable and journal is not None)
        self.toggle.setEnabled(writable and journal is not None)
        self.toggle.setText(self.tr("Reac&tivate") if journal is not None and not journal.active
                            else self.tr("Deac&tivate"))

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def add_journal(self) -> JournalDialog | None:
        if not self.add.isEnabled():
            return None
        self._say("")
        dialog = JournalDialog(existing=set(self.journals), parent=self)
        dialog.submitted.connect(lambda form: self._create(dialog, form))
        return self._open(dialog)

    def _create(self, dialog: JournalDialog, form: JournalForm) -> None:
        def done(journal: Journal) -> None:
            dialog.accept()
            self.load(journal.code)

        self.session.op(lambda b: b.add_journal(form.journal()), Change.JOURNALS, done,
                        parent=self, on_error=lambda exc: dialog.show_refusal(describe(exc)))

    def edit_journal(self) -> JournalDialog | None:
        journal = self.current_journal()
        if journal is None or not self.edit.isEnabled():
            return None
        self._say("")
        dialog = JournalDialog(journal=journal, parent=self)
        dialog.submitted.connect(lambda form: self._update(dialog, form))
        return self._open(dialog)

    def _update(self, dialog: JournalDialog, form: JournalForm) -> None:
        self.session.op(
            lambda b: b.update_journal(form.code, label=form.label, kind=form.kind),
            Change.JOURNALS, lambda _journal: dialog.accept(), parent=self,
            on_error=lambda exc: dialog.show_refusal(describe(exc)))

    def _open(self, dialog: JournalDialog) -> JournalDialog:
        self.dialog = dialog
        dialog.open()
        return dialog

    def toggle_active(self) -> None:
        journal = self.current_journal()
        if journal is None or not self.toggle.isEnabled():
            return
        self._say("")
        code, active = journal.code, not journal.active
        self.session.op(lambda b: b.set_journal_active(code, active), Change.JOURNALS,
                        parent=self, on_error=lambda exc: self._say(describe(exc)))

    def _changed(self, changes: Change) -> None:
        if changes & Change.JOURNALS:
            self.load()
        elif changes & Change.ACCESS:
            self._update_buttons()
