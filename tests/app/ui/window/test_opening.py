"""Opening company files: from the welcome page, with the key found or asked for, and the demo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.ledger.model import Company
from app.store import keys
from app.store.books import Books
from app.store.company import KeySource, create_company
from app.ui.kit.prefs import Prefs
from app.ui.window import opening
from app.ui.window.shell import MainWindow
from app.ui.window.welcome import WelcomePage


class Opened:
    """Stands where the main window's ``add_company`` does: keeps what it is handed."""

    def __init__(self) -> None:
        self.calls: list[tuple[Books, KeySource]] = []

    def __call__(self, books: Books, source: KeySource) -> None:
        self.calls.append((books, source))

    def close(self) -> None:
        for books, _ in self.calls:
            books.close()


@pytest.fixture
def opened() -> Opened:
    made = Opened()
    yield made
    made.close()


@pytest.fixture
def parent(qtbot: QtBot, english: None) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    """The errors that would have been shown in a message box."""
    shown: list[BaseException] = []
    monkeypatch.setattr(opening, "show_error", lambda _parent, exc: shown.append(exc))
    return shown


def recovery_key_of(books: Books) -> str:
    return keys.recovery_key(books.db.key)


def test_without_the_key_the_recovery_key_is_asked_until_right(
        parent: QWidget, books: Books, opened: Opened, qtbot: QtBot, memory_keyring,
        make_books) -> None:
    right = recovery_key_of(books)
    other = recovery_key_of(make_books(chart="pcg", name="other"))
    path = books.path
    books.close()

    opener = opening.open_file(parent, path, KeySource(), opened, synchronous=True)
    dialog = opener.dialog
    assert dialog is not None and dialog.isVisible()
    assert "does not hold the key of books.daftar" in dialog.findChildren(
        type(dialog.problem))[0].text()
    assert dialog.remember_check.isChecked()

    qtbot.keyClicks(dialog.recovery_edit, "ABCDE-FGHIJ")
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert "not a recovery key" in dialog.problem.text()
    dialog.recovery_edit.setText(other)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert "belongs to another file" in dialog.problem.text()
    assert opened.calls == [] and dialog.isVisible()

    dialog.recovery_edit.setText(right.lower())
    qtbot.keyClick(dialog.recovery_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    [(books_opened, source)] = opened.calls
    assert books_opened.company.name == "Test SCF"
    assert source == KeySource(), "the key is now kept in the credential store"
    assert memory_keyring.secrets, "the recovery key was remembered"

    again = opening.open_file(parent, path, KeySource(), opened, synchronous=True)
    assert again.dialog is None and len(opened.calls) == 2


def test_a_recovery_key_need_not_be_remembered(parent: QWidget, books: Books, opened: Opened,
                                               memory_keyring) -> None:
    right, path = recovery_key_of(books), books.path
    books.close()
    opener = opening.open_file(parent, path, KeySource(), opened, synchronous=True)
    opener.dialog.remember_check.setChecked(False)
    opener.dialog.recovery_edit.setText(right)
    opener.dialog.open_button.click()
    [(_books, source)] = opened.calls
    assert source == KeySource(recovery_key=right)
    assert memory_keyring.secrets == {}


def test_a_passphrase_file_opens_with_its_passphrase(parent: QWidget, tmp_path: Path,
                                                     opened: Opened, memory_keyring) -> None:
    path = tmp_path / "ennour.daftar"
    books, _ = create_company(path, Company("Pharmacie Ennour", "DZD", "scf"), date(2025, 1, 1),
                              KeySource(passphrase="olive trees in Blida"))
    books.close()
    opener = opening.open_file(parent, path, KeySource(), opened, synchronous=True)
    dialog = opener.dialog
    dialog.passphrase_radio.setChecked(True)
    assert not dialog.remember_check.isEnabled(), "a passphrase is never stored"
    dialog.passphrase_edit.setText("olive trees in Oran")
    dialog.open_button.click()
    assert "passphrase does not open the file" in dialog.problem.text()
    dialog.passphrase_edit.setText("olive trees in Blida")
    dialog.open_button.click()
    [(books, source)] = opened.calls
    assert books.company.name == "Pharmacie Ennour"
    assert source == KeySource(passphrase="olive trees in Blida")
    assert memory_keyring.secrets == {}


def test_cancel_gives_up(parent: QWidget, books: Books, opened: Opened, memory_keyring) -> None:
    path = books.path
    books.close()
    opener = opening.open_file(parent, path, KeySource(), opened, synchronous=True)
    opener.dialog.buttons.rejected.emit()
    assert not opener.dialog.isVisible() and opened.calls == []


def test_a_lost_key_file_asks_for_the_recovery_key(parent: QWidget, books: Books,
                                                   opened: Opened, no_keyring) -> None:
    path, key_file, right = books.path, books.path.with_suffix(".key"), recovery_key_of(books)
    books.close()
    key_file.unlink()
    opener = opening.open_file(parent, path, KeySource(key_file=key_file), opened,
                               synchronous=True)
    assert not opener.dialog.remember_check.isVisible(), "no credential store to remember in"
    opener.dialog.recovery_edit.setText(right)
    opener.dialog.open_button.click()
    assert opened.calls[0][1] == KeySource(recovery_key=right)


def test_other_problems_are_told_in_plain_words(parent: QWidget, tmp_path: Path,
                                                opened: Opened, errors) -> None:
    opening.open_file(parent, tmp_path / "nowhere.daftar", KeySource(), opened, synchronous=True)
    (tmp_path / "tiny.daftar").write_bytes(b"not books")
    opening.open_file(parent, tmp_path / "tiny.daftar", KeySource(), opened, synchronous=True)
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'nowhere.daftar'} does not exist",
        f"{tmp_path / 'tiny.daftar'} is too small to be a Daftar company file",
    ]
    assert opened.calls == []


def test_the_demo_is_built_once_then_opened(parent: QWidget, opened: Opened,
                                            tmp_path: Path) -> None:
    opening.open_demo(parent, opened, synchronous=True)
    demo = tmp_path / "config" / "demo" / "demo.daftar"
    assert demo.exists() and (tmp_path / "config" / "demo" / "demo.key").exists()
    first_books, source = opened.calls[0]
    assert first_books.company.name == "SARL Atlas Distribution"
    assert source == KeySource(key_file=tmp_path / "config" / "demo" / "demo.key")
    built_at = demo.stat().st_mtime_ns
    first_books.close()
    opened.calls.clear()

    opening.open_demo(parent, opened, synchronous=True)
    assert opened.calls[0][0].company.name == "SARL Atlas Distribution"
    assert demo.stat().st_mtime_ns == built_at


def test_the_welcome_page_lists_recent_files_and_opens_on_enter(
        qtbot: QtBot, english: None, tmp_path: Path) -> None:
    prefs = Prefs(language="en")
    page = WelcomePage(prefs)
    qtbot.addWidget(page)
    page.show()
    assert page.recent_stack.currentWidget() is page.empty_label
    (tmp_path / "atlas.daftar").write_bytes(b"x")
    prefs.remember(tmp_path / "atlas.daftar", "SARL Atlas Distribution")
    prefs.remember(tmp_path / "bina.daftar", "SARL Bina")
    page.refresh()
    assert page.recent_stack.currentWidget() is page.recent_list
    assert [page.recent_list.item(i).text() for i in range(2)] == [
        "SARL Bina", "SARL Atlas Distribution"]

    page.recent_list.setFocus()
    with qtbot.waitSignal(page.recent_requested) as chosen:
        qtbot.keyClick(page.recent_list, Qt.Key.Key_Down)
        qtbot.keyClick(page.recent_list, Qt.Key.Key_Return)
    assert chosen.args == [str((tmp_path / "atlas.daftar").resolve())]
    with qtbot.waitSignal(page.create_requested):
        qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.demo_requested):
        page.demo_button.click()


def test_the_window_opens_a_recent_file_through_the_unlock_dialog(
        window: MainWindow, books: Books, memory_keyring) -> None:
    right, path = recovery_key_of(books), books.path
    books.close()
    window.prefs.remember(path, "Test SCF")
    window.welcome.refresh()
    window.welcome.recent_requested.emit(str(path.resolve()))
    dialog = window.findChild(opening.UnlockDialog)
    dialog.recovery_edit.setText(right)
    dialog.open_button.click()
    assert window.current is not None and window.current.session.company.name == "Test SCF"


def test_opening_runs_off_the_ui_thread(parent: QWidget, books: Books, opened: Opened,
                                        qtbot: QtBot) -> None:
    path = books.path
    books.close()
    opening.open_file(parent, path, KeySource(key_file=path.with_suffix(".key")), opened)
    assert opened.calls == []
    qtbot.waitUntil(lambda: bool(opened.calls), timeout=20000)
    assert opened.calls[0][0].company.name == "Test SCF"
