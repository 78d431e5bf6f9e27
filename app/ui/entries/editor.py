"""The entry editor: where an accountant writes, checks, saves and posts one journal entry.

A non-modal window per entry. While the user types, the entry is judged by the same rules that
posting applies (``app.store.entry_checks``) and every reason it could not post is listed with
its line, the cells concerned drawn in red. Posting and saving go through ``session.op``; a
refusal is explained in the window, never in a message box. A posted entry opens read-only:
it can be duplicated or reversed, not changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QLabel, QToolButton, QVBoxLayout, QWidget

from app.ledger.model import Entry, EntryId, EntryStatus, Problem
from app.store.books import Books
from app.store.entry_checks import entry_problems
from app.ui.entries.catalog import Catalog, load_catalog, load_for_editor
from app.ui.entries.dialogs import CloseAnswer, ask_save_changes
from app.ui.entries.feedback import ProblemsPanel, TotalsBar
from app.ui.entries.header import Banner, EntryHeader
from app.ui.entries.lines_model import Col, EntryLinesModel, LineRow
from app.ui.entries.problems import ProblemReport
from app.ui.entries.table import EntryTable
from app.ui.entries.writes import EntryWrites, last_used
from app.ui.kit.button_rows import ButtonRows
from app.ui.kit.errors import describe
from app.ui.kit.i18n import translate
from app.ui.kit.prefs import Prefs
from app.ui.kit.session import Change, CompanySession
from app.ui.kit.window_fit import remember_size, restore_size

_REFERENCE_CHANGES = (Change.ACCOUNTS | Change.THIRD_PARTIES | Change.JOURNALS
                      | Change.FISCAL_YEARS | Change.LOCK)


class EntryEditor(EntryWrites, QWidget):
    """One entry, new (``entry_id`` None), draft or posted, in its own window.

    ``template`` makes a new entry a copy of another one (Duplicate).
    """

    def __init__(self, session: CompanySession, entry_id: int | None,
                 parent: QWidget | None = None, *, template: Entry | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session = session
        self.entry: Entry | None = None
        """The entry as stored; None while it is new."""
        self.opened: list[EntryEditor] = []
        """Editors opened from this one (a duplicate, a reversal)."""
        self._template = template
        self._dirty = self._busy = self._filling = self._closed = False
        self._after_save: Callable[[], object] | None = None
        self._generation = 0
        self._labelled = False
        self.catalog = Catalog({}, {}, {}, [], None, session.language.code)
        self.model = EntryLinesModel(session.fmt, self.catalog, self)
        self.report = ProblemReport(session.fmt)
        self._build()
        self._build_actions()
        session.changed.connect(self._on_changed)
        self.prefs = prefs_of(parent)
        metrics = self.fontMetrics()
        natural = QSize(metrics.horizontalAdvance("M") * 100, metrics.height() * 36)
        restore_size(self, self.prefs, "editor", natural)
        self.setEnabled(False)
        self._read(lambda books: load_for_editor(books, entry_id, session.language.code),
                   self._loaded, self._load_failed)

    def _read(self, work: Callable[[Books], Any], done: Callable[[Any], None],
              failed: Callable[[BaseException], None] | None = None) -> None:
        """Read off the UI thread; the answer is dropped if the window has closed meanwhile."""
        def alive(call: Callable[[Any], None]) -> Callable[[Any], None]:
            return lambda value: None if self._closed else call(value)

        report = failed or (lambda exc: self.panel.set_message(describe(exc)))
        self.session.read(work, alive(done), parent=self, on_error=alive(report))

    # --- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = Banner()
        self.header = EntryHeader()
        self.table = EntryTable(self.model)
        self.totals = TotalsBar()
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setStyleSheet("QLabel#hint { color: #8a5a00; font-weight: bold; }")
        self.panel = ProblemsPanel()
        self.buttons = ButtonRows()
        layout = QVBoxLayout(self)
        for widget, stretch in ((self.banner, 0), (self.header, 0), (self.table, 1),
                                (self.totals, 0), (self.hint, 0), (self.panel, 0)):
            layout.addWidget(widget, stretch)
        layout.addWidget(self.buttons)
        self.header.changed.connect(self._edited)
        self.header.text_edited.connect(self._header_text_edited)
        self.model.edited.connect(self._edited)
        self.table.selectionModel().currentChanged.connect(self._update_hint)
        self.panel.go_to.connect(lambda row, col: self.table.go_to(row, Col(col)))

    def _build_actions(self) -> None:
        add = self._action
        self.post_action = add(self.tr("&Post"), ["Ctrl+Return", "Ctrl+Enter"], self.post)
        self.save_action = add(self.tr("&Save draft"), ["Ctrl+S"], self.save_draft)
        self.new_line_action = add(self.tr("&New line"), ["Ctrl+Ins"], self.insert_line)
        self.remove_line_action = add(self.tr("Re&move line"), ["Ctrl+Del"], self.remove_line)
        self.balance_action = add(self.tr("&Balance"), ["Ctrl+B"], self.balance)
        self.duplicate_action = add(self.tr("D&uplicate"), ["Ctrl+D"], self.duplicate)
        self.reverse_action = add(self.tr("&Reverse…"), ["Ctrl+R"], self.reverse)
        self.delete_action = add(self.tr("&Delete draft"), ["Ctrl+Shift+Del"], self.delete_draft)
        self.new_entry_action = add(self.tr("New &entry"), ["Ctrl+N"], self.new_entry)
        self.close_action = add(self.tr("&Close"), ["Esc"], self.close)
        lines = [self._button(action) for action in (
            self.new_line_action, self.remove_line_action, self.balance_action)]
        entry = [self._button(action) for action in (
            self.duplicate_action, self.reverse_action, self.delete_action,
            self.new_entry_action, self.close_action, self.save_action, self.post_action)]
        entry[-1].setStyleSheet("font-weight: bold;")
        self.buttons.set_buttons(lines, entry)

    def _action(self, text: str, keys: list[str], slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{action.text().replace('&', '')} ({shortcut})")
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _button(self, action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    # --- loading and showing --------------------------------------------------------------------

    def _loaded(self, result: tuple[Catalog, Entry | None]) -> None:
        catalog, entry = result
        self._set_catalog(catalog)
        self.setEnabled(True)
        if entry is not None:
            self._show_entry(entry)
        else:
            self._start_new(self._template)
        self._focus_first()

    def _load_failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        self.model.read_only = True
        self._update_state()
        self.panel.set_message(describe(exc))

    def _set_catalog(self, catalog: Catalog) -> None:
        self.catalog = self.model.catalog = catalog
        self.header.set_journals(catalog, self.entry.journal if self.entry else "")
        self.model.redraw()

    def _focus_first(self) -> None:
        """A new entry starts at its journal, an existing one at its first line."""
        if self.entry is not None:
            self.table.go_to(0, Col.ACCOUNT)
        else:
            self.header.focus_first()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.isEnabled():
            self._focus_first()

    def _start_new(self, template: Entry | None) -> None:
        """A blank entry, or a new draft copied from ``template``.

        A blank entry continues where the last one saved was (journal and date); a copy is
        dated today, brought into the current fiscal year.
        """
        journal, day = last_used.get(self.session, ("", None))
        if template is not None or day is None or self.catalog.year_of(day) is None:
            current = self.session.current_fiscal_year(self.catalog.years)
            day = self.catalog.default_date(date.today(), current)
        self.entry = None
        if template is None:
            self._fill(journal, day, "", "", [])
        else:
            self._fill(template.journal, day, template.reference, template.label,
                       [LineRow.from_line(line) for line in template.lines])
        self._dirty = template is not None

    def _show_entry(self, entry: Entry) -> None:
        self.entry = entry
        self._fill(entry.journal, entry.date, entry.reference, entry.label,
                   [LineRow.from_line(line) for line in entry.lines])
        self._dirty = False

    def _fill(self, journal: str, day: date, reference: str, label: str,
              rows: list[LineRow]) -> None:
        self._filling = True
        self.header.fill(journal, day, reference, label)
        self.model.read_only = self.read_only
        self.model.set_rows(rows)
        self.panel.show_problems([])
        self._filling = False
        self._update_state()
        self._revalidate()

    @property
    def read_only(self) -> bool:
        """Posted entries never change, and nothing does while the books are read-only."""
        posted = self.entry is not None and self.entry.status is EntryStatus.POSTED
        return posted or bool(self.session.read_only_reason)

    def _update_state(self) -> None:
        """Title, banner, and which fields and actions can be used."""
        entry, read_only, locked = self.entry, self.read_only, bool(self.session.read_only_reason)
        posted = entry is not None and entry.status is EntryStatus.POSTED
        self.model.read_only = read_only
        self.header.set_editable(not read_only)
        for action in (self.post_action, self.save_action, self.new_line_action,
                       self.remove_line_action, self.balance_action):
            action.setEnabled(not read_only)
        self.reverse_action.setEnabled(posted and not locked)
        self.delete_action.setEnabled(entry is not None and not posted and not locked)
        self.duplicate_action.setEnabled(not locked)
        self.new_entry_action.setEnabled(not locked)
        self.setWindowTitle(self._title())
        self.banner.show_entry(entry, self.catalog, self.session.read_only_reason)

    def _title(self) -> str:
        label = self.header.label.text().strip()
        if self.entry is None:
            return self.tr("New entry") + (f" — {label}" if label else "")
        if self.entry.status is EntryStatus.POSTED:
            number = f"{self.entry.journal} {self.entry.number}"
            return f"{number} — {label}" if label else number
        return self.tr("Draft — {0}").format(label) if label else translate("Banner", "Draft")

    # --- the entry as typed, and its problems ----------------------------------------------------

    def current_entry(self) -> Entry:
        """The entry as the window shows it, blank lines left out."""
        stored = self.entry
        return Entry(
            journal=self.header.journal_code(), date=self.header.day(),
            label=self.header.label.text().strip(), lines=self.model.lines(),
            reference=self.header.reference.text().strip(),
            reversal_of=stored.reversal_of if stored else None,
            id=stored.id if stored and stored.status is EntryStatus.DRAFT else None,
        )

    def problem_texts(self) -> list[str]:
        """What the editor says about the entry: its message, then each problem."""
        message = self.panel.message.text() if not self.panel.message.isHidden() else ""
        return ([message] if message else []) + self.panel.texts()

    def _edited(self) -> None:
        if self._filling:
            return
        self._dirty = True
        self.panel.set_message("")
        self._revalidate()
        self.setWindowTitle(self._title())

    def _header_text_edited(self) -> None:
        if not self._filling:
            self._dirty = True
            self.setWindowTitle(self._title())
            if bool(self.header.label.text().strip()) != self._labelled:
                self._revalidate()  # the label's absence is a rule's problem; its words are not

    def _revalidate(self) -> None:
        """Totals at once; the rules' verdict when the read comes back (the latest one only)."""
        self._labelled = bool(self.header.label.text().strip())
        debit, credit = self.model.totals()
        self.totals.show_totals(debit, credit, self.session.fmt)
        self._update_hint()
        if self.read_only or not self.model.filled():
            self._show_problems([])
            return
        entry = self.current_entry()
        self._generation += 1
        generation = self._generation

        def checked(problems: list[Problem]) -> None:
            if generation == self._generation:
                self._show_problems(problems, entry)

        self._read(lambda books: entry_problems(books, entry), checked)

    def _show_problems(self, problems: Sequence[Problem], entry: Entry | None = None,
                       message: str | None = None) -> None:
        shown = self.report.shown(problems, self.model)
        self.model.set_marks(self.report.marks(shown))
        self.report.mark_header(problems, {"journal": self.header.journal,
                                           "date": self.header.date,
                                           "label": self.header.label})
        keep = self.panel.message.text()
        self.panel.show_problems(shown, keep if message is None else message)

    def _update_hint(self) -> None:
        index = self.table.currentIndex()
        row = index.row() if index.isValid() else -1
        needs = (not self.read_only and 0 <= row < self.model.rowCount()
                 and self.model.needs_party(row))
        number = self.model.rows[row].account if needs else ""
        self.hint.setText(self.tr("Account {0} needs a third party").format(number))
        self.hint.setVisible(needs)

    def _on_changed(self, change: Change) -> None:
        if self._busy:
            return
        if change & _REFERENCE_CHANGES:
            language = self.session.language.code
            self._read(lambda books: load_catalog(books, language), self._catalog_reloaded)
        elif change & Change.ENTRIES and self.entry is not None and not self._dirty:
            entry_id = self.entry.id
            self._read(lambda books: books.entry(EntryId(entry_id)), self._show_entry,
                       self._load_failed)

    def _catalog_reloaded(self, catalog: Catalog) -> None:
        self._set_catalog(catalog)
        self._update_state()
        self._revalidate()

    # --- lines -----------------------------------------------------------------------------------

    def insert_line(self) -> None:
        if not self.read_only:
            self.table.insert_line()

    def remove_line(self) -> None:
        if not self.read_only:
            self.table.remove_line()

    def balance(self) -> None:
        """Fill the current line with the amount that balances the entry."""
        if not self.read_only:
            self.table.balance_line()

    # --- other windows, closing ------------------------------------------------------------------

    def duplicate(self) -> None:
        """A new editor with this entry's lines, as a new draft dated by default."""
        self.table.finish_editing()
        self._open(None, self.current_entry())

    def new_entry(self) -> None:
        """Start the next entry in this window, in the journal and on the date of the last."""
        if self._dirty and not self.read_only and not self._settle_changes(self.new_entry):
            return
        self._start_new(None)
        self.header.focus_first()

    def _open(self, entry_id: int | None, template: Entry | None) -> EntryEditor:
        editor = EntryEditor(self.session, entry_id, self.parentWidget(), template=template)
        self.opened.append(editor)
        editor.show()
        editor.raise_()
        editor.activateWindow()
        return editor

    def _settle_changes(self, then: Callable[[], object]) -> bool:
        """Ask about unsaved changes; True when the window may go on without them.

        Saving is an operation that may still be running: ``then`` runs once it succeeded.
        """
        answer = self._ask_save()
        if answer is CloseAnswer.SAVE:
            self._after_save = then
            self.save_draft()
            return False
        return answer is CloseAnswer.DISCARD

    def _ask_save(self) -> CloseAnswer:
        return ask_save_changes(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._dirty and not self.read_only and not self._settle_changes(self.close):
            event.ignore()
            return
        if not self._closed:
            self._closed = True
            self.session.changed.disconnect(self._on_changed)
            remember_size(self, self.prefs, "editor")
        self._dirty = False
        event.accept()


def prefs_of(parent: QWidget | None) -> Prefs | None:
    """The preferences of the main window an editor opens from (none in tests without one)."""
    prefs = getattr(parent, "prefs", None)
    return prefs if isinstance(prefs, Prefs) else None
