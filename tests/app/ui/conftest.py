"""GUI fixtures: one QApplication (pytest-qt's), sessions whose work runs inline, no real prefs.

Database work runs synchronously under test (as Picard's tests run their jobs), so a test reads
the outcome of an action on the next line; the threaded path has its own tests in
``test_tasks.py``. Preferences and logs go to the test's temporary folder, never the user's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.store.books import Books
from app.store.company import KeySource
from app.ui.kit import i18n
from app.ui.kit.prefs import Prefs
from app.ui.kit.session import CompanySession
from app.ui.window.shell import MainWindow
from tests.qt_guard import no_unexpected_modal  # noqa: F401 (an autouse fixture)


@pytest.fixture(autouse=True)
def _private_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DAFTAR_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("DAFTAR_LOG_DIR", str(tmp_path / "logs"))


@pytest.fixture
def english(qapp) -> Iterator[None]:
    """The interface in English (the language the tests' strings are written in)."""
    i18n.install(qapp, "en")
    yield
    i18n.install(qapp, "en")


@pytest.fixture
def make_session(english: None) -> Iterator[Callable[[Books], CompanySession]]:
    """``make_session(books)``: a session over open books, its work run inline."""
    made: list[CompanySession] = []

    def make(books: Books, language: str = "en") -> CompanySession:
        key_file = books.path.with_suffix(".key")
        session = CompanySession(books, KeySource(key_file=key_file if key_file.exists() else None),
                                 language=language, synchronous=True)
        made.append(session)
        return session

    yield make
    for session in made:
        session.writer.shutdown()
        session.reader.shutdown()


@pytest.fixture
def session(books: Books, make_session: Callable[[Books], CompanySession]) -> CompanySession:
    """A session over a fresh SCF company (DZD, fiscal year 2025)."""
    return make_session(books)


@pytest.fixture
def window(qtbot: QtBot, english: None) -> MainWindow:
    """The main window with nothing open, its work run inline."""
    win = MainWindow(Prefs(language="en"), synchronous=True)
    qtbot.addWidget(win)
    win.show()
    return win
