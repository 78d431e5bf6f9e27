"""The ways a company reaches the window: opened from a file, created, or the demo.

Opening runs off the UI thread (a passphrase costs scrypt, an old file an upgrade). When this
computer cannot open the file on its own — no key in the credential store, a wrong one, a key file
gone — the user is asked for the recovery key or the passphrase in place, as often as needed, and
may keep a recovery key in the credential store so the next opening needs nothing. Anything else
(not a company file, a file from a newer Daftar, a missing file) is said in plain words.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from app.demo import build_demo
from app.store import keys
from app.store.books import Books
from app.store.company import KeySource, open_company
from app.store.database import WrongKey
from app.store.keys import BadRecoveryKey, KeyProblem, NoCredentialStore
from app.ui.kit import file_dialogs
from app.ui.kit.errors import show_error
from app.ui.kit.prefs import Prefs
from app.ui.kit.tasks import TaskRunner
from app.ui.window.unlock import UnlockDialog
from app.ui.window.wizard import CompanyWizard

OnOpen = Callable[[Books, KeySource], object]
_runners: dict[bool, TaskRunner] = {}
translate = QCoreApplication.translate


def runner(synchronous: bool = False) -> TaskRunner:
    """The one runner for opening files (made on first use, once a QApplication exists)."""
    if synchronous not in _runners:
        _runners[synchronous] = TaskRunner("daftar-open", synchronous=synchronous)
    return _runners[synchronous]


def _needs_key(exc: BaseException) -> bool:
    """Whether the user can get past ``exc`` by typing the recovery key or the passphrase."""
    return isinstance(exc, (KeyProblem, WrongKey))


def _why_asked(path: Path, source: KeySource, exc: BaseException) -> str:
    name = path.name
    if source.key_file is not None:
        first = translate("opening", "The key file {0} does not open {1}.").format(
            source.key_file, name)
    elif isinstance(exc, NoCredentialStore):
        first = translate("opening", "This computer has no credential store that could hold "
                          "the key of {0}.").format(name)
    elif isinstance(exc, WrongKey):
        first = translate("opening", "The key kept on this computer does not open {0}.").format(
            name)
    else:
        first = translate("opening", "This computer does not hold the key of {0}: it was made "
                          "or protected elsewhere.").format(name)
    return first + " " + translate("opening", "Enter its recovery key, or its passphrase if it "
                                   "was protected by one.")


def _why_refused(source: KeySource, exc: BaseException) -> str:
    if isinstance(exc, BadRecoveryKey):
        text = str(exc)
        return text[:1].upper() + text[1:] + "."
    if source.passphrase is not None:
        return translate("opening", "This passphrase does not open the file. Check it (capitals "
                         "count) and try again.")
    return translate("opening", "This recovery key is valid but belongs to another file: it "
                     "does not open this one.")


def _open(path: Path, source: KeySource, remember: bool) -> tuple[Books, KeySource, str]:
    """Open the books; if asked, keep the key in the credential store (a failure there is only
    reported: the file is open, which is what the user wanted)."""
    books = open_company(path, source)
    if not remember:
        return books, source, ""
    try:
        keys.keyring_store(keys.read_salt(path), books.db.key)
    except KeyProblem as exc:
        return books, source, str(exc)
    return books, KeySource(), ""


class Opener:
    """One attempt at opening a file, through as many keys as the user tries."""

    def __init__(self, parent: QWidget | None, path: Path, source: KeySource, on_open: OnOpen,
                 task_runner: TaskRunner) -> None:
        self.parent, self.path, self.on_open = parent, path, on_open
        self.runner = task_runner
        self.dialog: UnlockDialog | None = None
        self.warning = ""
        """Why the key could not be remembered, if it could not (shown after opening)."""
        self._try(source, False)

    def _try(self, source: KeySource, remember: bool) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.runner.run(lambda _progress: _open(self.path, source, remember),
                        self._opened, lambda exc: self._failed(source, exc))

    def _opened(self, result: tuple[Books, KeySource, str]) -> None:
        QApplication.restoreOverrideCursor()
        books, source, self.warning = result
        if self.dialog is not None:
            self.dialog.accept()
        self.on_open(books, source)
        if self.warning:
            show_error(self.parent, NoCredentialStore(self.warning))

    def _failed(self, source: KeySource, exc: BaseException) -> None:
        QApplication.restoreOverrideCursor()
        if not _needs_key(exc):
            if self.dialog is not None:
                self.dialog.reject()
            show_error(self.parent, exc)
        elif self.dialog is None:
            self._ask(_why_asked(self.path, source, exc))
        else:
            self.dialog.show_problem(_why_refused(source, exc))

    def _ask(self, reason: str) -> None:
        self.dialog = UnlockDialog(self.path, reason, self.parent,
                                   can_remember=keys.keyring_available())
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # a lambda, held by the connection, keeps this opener alive as long as its dialog
        self.dialog.submitted.connect(lambda source, remember: self._try(source, remember))
        self.dialog.open()


def open_file(parent: QWidget | None, path: Path, source: KeySource, on_open: OnOpen, *,
              synchronous: bool = False) -> Opener:
    """Open ``path`` and hand the books to ``on_open``, asking for a key if need be."""
    return Opener(parent, path, source, on_open, runner(synchronous))


def choose_and_open(parent: QWidget, prefs: Prefs, on_open: OnOpen) -> None:
    """Let the user pick a .daftar file, then open it (with the key file it had, if any)."""
    path = file_dialogs.open_file(
        parent, "company", translate("opening", "Open a company file"),
        translate("opening", "Daftar company files (*.daftar);;All files (*)"), prefs=prefs)
    if path is None:
        return
    recent = next((r for r in prefs.recent if r.path == str(path.resolve())), None)
    key_file = Path(recent.key_file) if recent and recent.key_file else None
    open_file(parent, path, KeySource(key_file=key_file), on_open,
              synchronous=bool(getattr(parent, "synchronous", False)))


def create_with_wizard(parent: QWidget | None, prefs: Prefs, on_open: OnOpen, *,
                       synchronous: bool = False) -> CompanyWizard:
    """Show the creation wizard; the new company is handed over once its recovery key is kept."""
    wizard = CompanyWizard(prefs, parent, synchronous=synchronous)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished() -> None:
        prefs.last_folder = str(wizard.path.parent)
        on_open(wizard.books, wizard.source)

    wizard.accepted.connect(finished)
    wizard.open()
    return wizard


def demo_folder() -> Path:
    """Where the demo company lives: the user's data folder, or beside the test's settings."""
    override = os.environ.get("DAFTAR_CONFIG_DIR")
    base = Path(override) if override else Path(platformdirs.user_data_dir("Daftar", False))
    return base / "demo"


def open_demo(parent: QWidget | None, on_open: OnOpen, *, synchronous: bool = False) -> None:
    """Open the demo company, building it first (a few seconds) the first time."""
    folder = demo_folder()
    path, source = folder / "demo.daftar", KeySource(key_file=folder / "demo.key")
    if path.exists():
        open_file(parent, path, source, on_open, synchronous=synchronous)
        return
    folder.mkdir(parents=True, exist_ok=True)
    busy = QProgressDialog(translate("opening", "Writing a year of books for the demo "
                                     "company…"), "", 0, 0, parent)
    busy.setWindowTitle(translate("opening", "Demo company"))
    busy.setCancelButton(None)
    busy.setWindowModality(Qt.WindowModality.WindowModal)
    busy.setMinimumDuration(300)

    def built(result: tuple[Books, str, int]) -> None:
        busy.close()
        busy.deleteLater()
        on_open(result[0], source)

    def failed(exc: BaseException) -> None:
        busy.close()
        busy.deleteLater()
        show_error(parent, exc)

    runner(synchronous).run(lambda _progress: build_demo(path, source), built, failed)
