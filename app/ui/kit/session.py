"""``CompanySession``: one open company file, as every window and view of it sees it.

There is no global application object (Anki's ``mw`` is what to avoid): the shell makes one
session per open file and hands it to each view. A view reads through ``session.read`` and changes
the books through ``session.op``; both run off the UI thread. When an operation succeeds the session
emits ``changed`` with what it touched, and each view refreshes only if it shows that.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Flag, auto
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from app.ledger.model import Company, FiscalYear
from app.store.books import Books
from app.store.company import KeySource
from app.ui.kit import i18n
from app.ui.kit.errors import show_error
from app.ui.kit.fmt import Formatter
from app.ui.kit.tasks import Handle, Progress, TaskRunner

T = TypeVar("T")


def _while_alive(parent: QWidget | None, callback: Callable[[T], None]) -> Callable[[T], None]:
    """Drop a result whose widget was closed while the work ran (a closed report, a tab)."""

    def call(value: T) -> None:
        if parent is None or isValid(parent):
            callback(value)

    return call


class Change(Flag):
    """What an operation changed, so views refresh only what they show (Anki's ``OpChanges``)."""

    NONE = 0
    ENTRIES = auto()
    ACCOUNTS = auto()
    THIRD_PARTIES = auto()
    JOURNALS = auto()
    FISCAL_YEARS = auto()
    LOCK = auto()
    COMPANY = auto()
    ACCESS = auto()
    """Whether the books may change (licence, writer lease): views enable or disable edits."""
    BANK = auto()
    """Bank statements imported, or statement and ledger lines matched or unmatched."""
    MATCHING = auto()
    """Letters (lettrage) put on third-party lines or taken off."""
    ALL = (ENTRIES | ACCOUNTS | THIRD_PARTIES | JOURNALS | FISCAL_YEARS | LOCK | COMPANY | ACCESS
           | BANK | MATCHING)


class CompanySession(QObject):
    """An open company: its books, its worker threads, and the signals its views listen to."""

    changed = Signal(object)
    """A ``Change``: emitted on the GUI thread after an operation succeeded."""
    open_entry_requested = Signal(object)
    """An entry id (int), or ``None`` for a new entry: the shell opens the entry editor."""
    account_lines_requested = Signal(str, object, object)
    """Account number, first and last day: the shell shows the lines behind an amount."""
    language_requested = Signal(str)
    """A language code: the main window rebuilds itself in that language."""
    page_requested = Signal(str)
    """A page key (``entries``, ``reports``...): the company's view switches to it. A page asks
    through the session, never by finding the view that holds it."""

    def __init__(
        self, books: Books, source: KeySource, *, language: str = i18n.DEFAULT_LANGUAGE,
        synchronous: bool = False,
    ) -> None:
        super().__init__()
        self.books = books
        self.source = source
        self.language = i18n.language(language)
        self.fmt = Formatter(self.language.locale, books.currency, self.language.code)
        self.writer = TaskRunner("daftar-write", synchronous=synchronous)
        """One thread: the company's changes happen in the order the user made them."""
        self.reader = TaskRunner("daftar-read", threads=2, synchronous=synchronous)
        """Reports and pages of lists: several at once, never queued behind a long import."""
        self.read_only_reason = ""
        """Set when the books must not change (a lapsed licence, a company kept on another
        PC): views disable their edits. The cloud controller sets it and emits ``ACCESS``."""

    @property
    def path(self) -> Path:
        return self.books.path

    @property
    def company(self) -> Company:
        return self.books.company

    def set_language(self, code: str) -> None:
        self.language = i18n.language(code)
        self.fmt = Formatter(self.language.locale, self.books.currency, self.language.code)

    def account_label(self, number: str, labels: dict[str, str]) -> str:
        """Label of an account in the interface language (``labels`` by language code)."""
        return labels.get(self.language.code) or labels.get("fr", "") or number

    def read(
        self,
        work: Callable[[Books], T],
        on_done: Callable[[T], None],
        *,
        parent: QWidget | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Handle[T]:
        """Read from the books off the UI thread; ``on_done(result)`` runs on the GUI thread."""
        return self.reader.run(
            lambda _progress: work(self.books), _while_alive(parent, on_done),
            _while_alive(parent, on_error or (lambda exc: show_error(parent, exc))),
        )

    def op(
        self,
        work: Callable[[Books], T],
        changes: Change,
        on_done: Callable[[T], None] | None = None,
        *,
        parent: QWidget | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Handle[T]:
        """Change the books off the UI thread, then tell every view what changed.

        A failure changes nothing (each ``Books`` method is one transaction) and is shown in
        plain words, unless the caller handles it (an editor showing the reason inline).
        """

        def done(result: T) -> None:
            self.changed.emit(changes)
            if on_done is not None:
                _while_alive(parent, on_done)(result)

        return self.writer.run(
            lambda _progress: work(self.books), done,
            _while_alive(parent, on_error or (lambda exc: show_error(parent, exc))),
        )

    def long_op(
        self,
        work: Callable[[Books, Progress], T],
        changes: Change,
        on_done: Callable[[T], None] | None,
        on_progress: Callable[[int, int, str], None],
        on_error: Callable[[BaseException], None],
        *,
        reading: bool = False,
    ) -> Handle[T]:
        """An import, export or large report: reports progress and honours Cancel.

        ``app.ui.kit.progress.run_with_progress`` wraps this with a progress dialog.
        """

        def done(result: T) -> None:
            if changes:
                self.changed.emit(changes)
            if on_done is not None:
                on_done(result)

        runner = self.reader if reading else self.writer
        return runner.run(lambda progress: work(self.books, progress), done, on_error, on_progress)

    def current_fiscal_year(self, years: list[FiscalYear]) -> FiscalYear | None:
        """The latest open fiscal year: where new entries go by default."""
        open_years = [y for y in years if y.state.value == "open"]
        return open_years[-1] if open_years else (years[-1] if years else None)

    @property
    def busy(self) -> bool:
        return self.writer.busy or self.reader.busy

    def close(self) -> None:
        """Finish the work in flight, then close the file."""
        self.writer.shutdown()
        self.reader.shutdown()
        self.books.close()
