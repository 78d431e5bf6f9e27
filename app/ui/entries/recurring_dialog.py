"""The "Recurring entries" window: the templates, and the drafts they propose when due.

A template never posts: "Propose due drafts" (``recurring_propose``) first shows what
``app.store.recurring.due`` would draft up to a day (and what stops an occurrence), then writes
those drafts with ``propose_due``, all of them or none, and they wait in the Entries page for the
accountant to post. The window is not modal, so the accountant can keep it beside the Entries
page while reviewing the drafts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ledger.recurring import Template
from app.store import recurring
from app.store.books import Books
from app.ui.entries import dialogs
from app.ui.entries.catalog import Catalog, load_catalog
from app.ui.entries.recurring_form import TemplateDialog, every_text, refusal_text
from app.ui.entries.recurring_propose import ProposeDialog, message_label, no_default, tree
from app.ui.kit.session import Change, CompanySession


def _list_templates(books: Books) -> list[Template]:
    with books.read() as cur:
        return recurring.list_templates(cur, books.currency)


class RecurringDialog(QDialog):
    """The templates of the books, with the keys of a list: Insert, F2, Ctrl+D, Delete, and
    Ctrl+Return to propose the drafts due."""

    def __init__(self, session: CompanySession, parent: QWidget | None = None, *,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recurring entries"))
        self.setModal(False)
        self.session = session
        self.today = today
        self.templates: list[Template] = []
        self.catalog: Catalog | None = None
        self.form: TemplateDialog | None = None
        self.proposing: ProposeDialog | None = None
        self._prefilled: Template | None = None
        """A template made from an entry, its form opened once the catalog is read."""
        self.list = tree([self.tr("Name"), self.tr("Journal"), self.tr("Label"),
                           self.tr("Repeats"), self.tr("Next date"), self.tr("Ends"),
                           self.tr("State")])
        self.list.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.list.header().setStretchLastSection(False)
        self.list.itemDoubleClicked.connect(lambda *_: self.edit_template())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # a shortcut takes the key, which would otherwise go on to press the form's OK
            QShortcut(QKeySequence(key), self.list, self.edit_template,
                      context=Qt.ShortcutContext.WidgetShortcut)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.message = message_label()
        self.buttons: dict[str, QPushButton] = {}
        self._build()
        session.changed.connect(self._changed)
        self.load()

    def _build(self) -> None:
        row = QHBoxLayout()
        for key, text, keys, slot in (
                ("new", self.tr("&New…"), "Ins", self.new_template),
                ("edit", self.tr("&Edit…"), "F2", self.edit_template),
                ("pause", self.tr("&Pause"), "Ctrl+D", self.toggle_active),
                ("delete", self.tr("De&lete"), "Del", self.delete_template),
                ("propose", self.tr("Propose &due drafts…"), "Ctrl+Return", self.propose)):
            button = self.buttons[key] = QPushButton(text)
            button.setAutoDefault(False)
            button.setToolTip(f"{text.replace('&', '')} ({QKeySequence(keys).toString()})")
            button.clicked.connect(lambda _on=False, run=slot: run())
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _on=False, run=slot: run())
            self.addAction(action)
            row.addWidget(button)
            if key == "delete":
                row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.close)
        no_default(close)
        self.empty = QLabel(self.tr("No recurring template yet: press Insert to make one, or "
                                    "use \"Make recurring…\" on an entry in the Entries page."))
        self.empty.setWordWrap(True)
        self.empty.hide()
        note = QLabel(self.tr("Templates propose drafts when due; nothing is posted until you "
                              "post the drafts in the Entries page."))
        note.setWordWrap(True)
        note.setObjectName("note")
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.resize(self.fontMetrics().averageCharWidth() * 150,
                    self.fontMetrics().height() * 24)

    # --- reading ----------------------------------------------------------------------------

    def load(self, select: str = "") -> None:
        want = select or self.current_name()
        language = self.session.language.code

        def got(found: tuple[list[Template], Catalog]) -> None:
            self.templates, self.catalog = found
            self._show(want)
            if self._prefilled is not None:
                self.new_template(self._prefilled)

        self.session.read(lambda b: (_list_templates(b), load_catalog(b, language)), got,
                          parent=self, on_error=self._say_error)

    def _show(self, select: str) -> None:
        fmt = self.session.fmt
        self.list.clear()
        for t in self.templates:
            repeats = self.tr("{0}, day {1}").format(every_text(t.every_months), t.day_of_month)
            item = QTreeWidgetItem([
                t.name, t.journal, t.label, repeats, fmt.date(t.next_date), fmt.date(t.end_date),
                self.tr("Active") if t.active else self.tr("Paused")])
            item.setData(0, Qt.ItemDataRole.UserRole, t.name)
            if not t.active:
                for column in range(item.columnCount()):
                    item.setForeground(column, self.palette().placeholderText())
            self.list.addTopLevelItem(item)
            if t.name == select:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.templates:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self.empty.setVisible(not self.templates)
        self._update_buttons()

    def current_name(self) -> str:
        item = self.list.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else ""

    def current(self) -> Template | None:
        return next((t for t in self.templates if t.name == self.current_name()), None)

    def _update_buttons(self) -> None:
        writable = not self.session.read_only_reason
        chosen = self.current()
        self.buttons["new"].setEnabled(writable and self.catalog is not None)
        for key in ("edit", "pause", "delete"):
            self.buttons[key].setEnabled(writable and chosen is not None)
        self.buttons["propose"].setEnabled(writable)
        self.buttons["pause"].setText(self.tr("Res&ume") if chosen is not None
                                      and not chosen.active else self.tr("&Pause"))

    def _changed(self, changes: Change) -> None:
        if changes & (Change.ENTRIES | Change.ACCOUNTS | Change.THIRD_PARTIES | Change.JOURNALS):
            self.load()
        elif changes & Change.ACCESS:
            self._update_buttons()

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def _say_error(self, exc: BaseException) -> None:
        self._say(refusal_text(exc, self.session))

    # --- templates --------------------------------------------------------------------------

    def new_template(self, template: Template | None = None) -> TemplateDialog | None:
        """The form for a new template, blank or prefilled (``Make recurring…`` on an entry)."""
        if self.catalog is None:
            self._prefilled = template
            return None
        self._prefilled = None
        if not self.buttons["new"].isEnabled():
            return None
        dialog = TemplateDialog(self.catalog, self.session.fmt, template=template,
                                today=self.today(), parent=self)
        dialog.submitted.connect(lambda t: self._write(
            dialog, lambda cur, cc: recurring.add_template(cur, t, cc)))
        return self._open(dialog)

    def edit_template(self) -> TemplateDialog | None:
        chosen = self.current()
        if chosen is None or self.catalog is None or not self.buttons["edit"].isEnabled():
            return None
        dialog = TemplateDialog(self.catalog, self.session.fmt, template=chosen, parent=self)
        dialog.submitted.connect(lambda t: self._write(
            dialog, lambda cur, cc: recurring.update_template(cur, chosen.name, t, cc)))
        return self._open(dialog)

    def _open(self, dialog: TemplateDialog) -> TemplateDialog:
        self._say("")
        self.form = dialog
        dialog.open()
        return dialog

    def _write(self, dialog: TemplateDialog,
               write: Callable[..., Template]) -> None:
        def work(books: Books) -> Template:
            with books.write() as cur:
                return write(cur, books.currency)

        def done(saved: Template) -> None:
            dialog.accept()
            self.load(saved.name)
            self._say(self.tr("Template {0} saved.").format(saved.name))

        self.session.op(work, Change.ENTRIES, done, parent=self,
                        on_error=lambda exc: dialog.show_refusal(
                            refusal_text(exc, self.session)))

    def toggle_active(self) -> None:
        chosen = self.current()
        if chosen is None or not self.buttons["pause"].isEnabled():
            return
        name, active = chosen.name, not chosen.active

        def work(books: Books) -> None:
            with books.write() as cur:
                recurring.set_template_active(cur, name, active)

        said = (self.tr("{0} resumed: the entries it missed while paused are due again.")
                if active else self.tr("{0} paused: it proposes nothing until resumed."))
        self.session.op(work, Change.ENTRIES, lambda _none: self._say(said.format(name)),
                        parent=self, on_error=self._say_error)

    def confirm(self, question: str) -> bool:
        """Ask before deleting (tests answer in its place)."""
        return dialogs.confirm(self, self.tr("Recurring entries"), question)

    def delete_template(self) -> None:
        chosen = self.current()
        if chosen is None or not self.buttons["delete"].isEnabled():
            return
        name = chosen.name
        if not self.confirm(self.tr("Delete the template {0}? The drafts it already made stay "
                                    "in the Entries page.").format(name)):
            return

        def work(books: Books) -> None:
            with books.write() as cur:
                recurring.delete_template(cur, name)

        self.session.op(work, Change.ENTRIES,
                        lambda _none: self._say(self.tr("Template {0} deleted.").format(name)),
                        parent=self, on_error=self._say_error)

    # --- proposing --------------------------------------------------------------------------

    def propose(self) -> ProposeDialog | None:
        if not self.buttons["propose"].isEnabled():
            return None
        self._say("")
        self.proposing = ProposeDialog(self.session, self.today(), parent=self)
        self.proposing.proposed.connect(self._say)
        self.proposing.open()
        return self.proposing
