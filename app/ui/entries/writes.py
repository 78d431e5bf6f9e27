"""What the entry editor writes to the books: post, save, reverse, delete.

Kept apart from the window's layout and checking (``entry_editor``), which mixes this class in.
Every write goes through ``session.op``; a refusal is listed in the editor with its reasons, a
success shows the entry as stored.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer

from app.ledger.model import Entry, EntryStatus, Problem
from app.ledger.rules import PostingRefused
from app.store.books import Books
from app.store.entry_checks import post_checked
from app.ui.entries.dialogs import ReverseDialog, confirm
from app.ui.kit.errors import describe
from app.ui.kit.i18n import translate
from app.ui.kit.session import Change, CompanySession
from sync.client import usage

if TYPE_CHECKING:
    from app.ui.entries.catalog import Catalog
    from app.ui.entries.feedback import ProblemsPanel
    from app.ui.entries.lines_model import EntryLinesModel
    from app.ui.entries.problems import ProblemReport
    from app.ui.entries.table import EntryTable

last_used: weakref.WeakKeyDictionary[CompanySession, tuple[str, date]] = (
    weakref.WeakKeyDictionary())
"""Journal and date of the last entry saved in each session: where the next one goes."""



class EntryWrites:
    """The entry editor's writes; expects the editor's session, entry, table, model, panel."""

    session: CompanySession
    entry: Entry | None
    catalog: Catalog
    table: EntryTable
    model: EntryLinesModel
    panel: ProblemsPanel
    report: ProblemReport
    _busy: bool
    _dirty: bool
    _after_save: Callable[[], object] | None

    read_only: bool
    current_entry: Callable[[], Entry]
    close: Callable[[], bool]
    _show_entry: Callable[[Entry], None]
    _show_problems: Callable[[Sequence[Problem], Entry | None, str | None], None]
    _open: Callable[[int | None, Entry | None], object]

    def post(self) -> None:
        """Check, then post; a refusal lists its reasons here and nothing is posted."""
        if self.read_only:
            return
        self.table.finish_editing()
        if self._refused_locally(translate("EntryEditor", "The entry was not posted:")):
            return
        entry = self.current_entry()
        self._write(lambda books: post_checked(books, entry), self._posted,
                    translate("EntryEditor", "The entry was not posted:"))

    def save_draft(self) -> None:
        if self.read_only:
            return
        self.table.finish_editing()
        if self._refused_locally(translate("EntryEditor", "The draft was not saved:")):
            return
        entry = self.current_entry()
        self._write(lambda books: books.save_draft(entry), self._saved,
                    translate("EntryEditor", "The draft was not saved:"))

    def _refused_locally(self, message: str) -> bool:
        """Amounts that are not amounts stop an action before the books are asked."""
        if not self.report.local(self.model):
            return False
        self.panel.set_message(message)
        self._after_save = None
        return True

    def _write(self, work: Callable[[Books], Any], done: Callable[[Any], None],
               refused: str) -> None:
        """Change the books; a refusal is listed in the window under ``refused``."""
        entry = self.current_entry()
        self._busy = True

        def failed(exc: BaseException) -> None:
            self._busy = False
            self._after_save = None
            if isinstance(exc, PostingRefused):
                self._show_problems(exc.problems, entry, refused)
            else:
                self.panel.set_message(refused + " " + describe(exc))

        def finished(result: Any) -> None:
            self._busy = False
            done(result)

        self.session.op(work, Change.ENTRIES, finished, parent=self, on_error=failed)

    def _posted(self, entry: Entry) -> None:
        usage.count("entries.posted")
        last_used[self.session] = (entry.journal, entry.date)
        self._show_entry(entry)
        text = translate("EntryEditor", "Posted as {0} {1}.")
        self.panel.set_message(text.format(entry.journal, entry.number), error=False)

    def _saved(self, entry: Entry) -> None:
        last_used[self.session] = (entry.journal, entry.date)
        self._show_entry(entry)
        self.panel.set_message(translate("EntryEditor", "Draft saved."), error=False)
        then, self._after_save = self._after_save, None
        if then is not None:
            QTimer.singleShot(0, then)

    def reverse(self) -> None:
        """Post the reversal of this posted entry on a date the user confirms, then show it."""
        entry = self.entry
        if entry is None or entry.status is not EntryStatus.POSTED or entry.id is None:
            return
        answer = self._ask_reversal(self.catalog.first_open_day(entry.date))
        if answer is None:
            return
        (day, label), entry_id = answer, entry.id
        self._write(lambda books: books.reverse(entry_id, day, label or None), self._reversed,
                    translate("EntryEditor", "The entry was not reversed:"))

    def _reversed(self, reversal: Entry) -> None:
        self.panel.set_message(translate("EntryEditor", "Reversed by {0} {1}.").format(
            reversal.journal, reversal.number), error=False)
        self._open(reversal.id, None)

    def _ask_reversal(self, default: date) -> tuple[date, str] | None:
        what = f"{self.entry.journal} {self.entry.number}" if self.entry else ""
        dialog = ReverseDialog(default, what, self)
        return dialog.chosen() if dialog.exec() else None

    def delete_draft(self) -> None:
        entry = self.entry
        if entry is None or entry.id is None or entry.status is not EntryStatus.DRAFT:
            return
        question = translate("EntryEditor", "Delete this draft? It cannot be brought back.")
        if not self._confirm(translate("EntryEditor", "Delete draft"), question):
            return
        entry_id = entry.id
        self._write(lambda books: books.delete_draft(entry_id), self._deleted,
                    translate("EntryEditor", "The draft was not deleted:"))

    def _confirm(self, title: str, text: str) -> bool:
        return confirm(self, title, text)

    def _deleted(self, _result: object) -> None:
        self._dirty = False
        self.close()
