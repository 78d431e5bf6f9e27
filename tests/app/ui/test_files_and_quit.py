"""File dialogs start in a sensible folder; the wizard creates a missing folder; quitting after a
language switch is silent; Arabic settings show one date order and values beside their labels."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QFileDialog, QFormLayout, QMessageBox

from app.ui import file_dialogs
from app.ui.prefs import Prefs


def test_start_folder_last_used_then_company_then_documents(tmp_path: Path) -> None:
    prefs = Prefs()
    company = tmp_path / "books" / "acme.daftar"
    company.parent.mkdir()
    assert file_dialogs.start_folder(prefs, "import") == file_dialogs.documents_folder()
    assert file_dialogs.start_folder(prefs, "import", company) == company.parent
    used = tmp_path / "csv"
    used.mkdir()
    file_dialogs.remember(prefs, "import", used / "journal.csv")
    assert file_dialogs.start_folder(prefs, "import", company) == used
    assert Prefs.load().folders["import"] == str(used)
    assert file_dialogs.start_folder(prefs, "export", company) == company.parent


def test_open_file_starts_in_the_remembered_folder(tmp_path: Path, qtbot,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    prefs = Prefs()
    prefs.remember_folder("import", str(tmp_path))
    seen: list[str] = []

    def fake(_parent, _title, folder, _filters):
        seen.append(folder)
        return str(tmp_path / "sub" / "j.csv"), ""

    (tmp_path / "sub").mkdir()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake)
    chosen = file_dialogs.open_file(None, "import", "t", "*", prefs=prefs)
    assert seen == [str(tmp_path)]
    assert chosen == tmp_path / "sub" / "j.csv"
    assert prefs.folders["import"] == str(tmp_path / "sub")


def test_wizard_offers_to_create_a_missing_folder(tmp_path: Path, qtbot, english,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.wizard import CompanyWizard

    wizard = CompanyWizard(Prefs(), synchronous=True)
    qtbot.addWidget(wizard)
    missing = tmp_path / "not" / "yet"
    wizard.folder_edit.setText(str(missing))
    wizard.file_edit.setText("acme")
    assert wizard.file_problem() == ""
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.No)
    assert not wizard.ensure_folder()
    assert not missing.exists()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert wizard.ensure_folder()
    assert missing.is_dir()


def test_quit_after_language_switch_is_silent(qtbot, books, english) -> None:
    from app.store.company import KeySource
    from app.ui.shell import MainWindow

    messages: list[str] = []

    def handler(kind: QtMsgType, _context, text: str) -> None:
        messages.append(text)

    previous = qInstallMessageHandler(handler)
    try:
        window = MainWindow(Prefs(language="en"), synchronous=True)
        window.add_company(books, KeySource())
        window.current.show_page("settings")
        replacement = window.switch_language("ar")
        replacement.switch_language("fr").close()
        qtbot.wait(50)
        assert all(w not in MainWindow._open for w in (window, replacement))
    finally:
        qInstallMessageHandler(previous)
    assert not [m for m in messages if "Timer" in m], messages


def test_arabic_settings_one_date_order_and_compact_forms(qtbot, books, make_session) -> None:
    from app.ui.settings_page import SettingsPage

    session = make_session(books, "ar")
    page = SettingsPage(session)
    qtbot.addWidget(page)
    assert page.lock_edit.displayFormat() == session.fmt.date_edit_format()
    assert "\u200f" not in session.fmt.date_edit_format()
    for form in page.findChildren(QFormLayout):
        assert form.fieldGrowthPolicy() == QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint
