"""File dialogs start in a sensible folder; the wizard creates a missing folder; quitting after a
language switch is silent; Arabic settings show one date order and values beside their labels."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QFileDialog, QFormLayout, QMessageBox

from app.ui.kit import file_dialogs
from app.ui.kit.prefs import Prefs
from tests.qt_guard import answer_save_dialog


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
    from app.ui.window.wizard import CompanyWizard

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
    from app.ui.window.shell import MainWindow

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
    from app.ui.settings.page import SettingsPage

    session = make_session(books, "ar")
    page = SettingsPage(session)
    qtbot.addWidget(page)
    assert page.lock_edit.displayFormat() == session.fmt.date_edit_format()
    assert "\u200f" not in session.fmt.date_edit_format()
    for form in page.findChildren(QFormLayout):
        assert form.fieldGrowthPolicy() == QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint



def test_a_report_export_is_offered_in_the_company_folder_then_the_last_export_folder(
        qtbot, session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QWidget

    from app.ui.reports.page import ReportsPage

    window = QWidget()                  # stands for the main window, which holds the preferences
    window.prefs = Prefs()
    qtbot.addWidget(window)
    page = ReportsPage(session)
    page.setParent(window)
    page.params.set_kind("trial_balance")
    page.run()
    exports = tmp_path / "exports"
    exports.mkdir()
    proposed = answer_save_dialog(monkeypatch, exports / "tb")
    page.choose_export("csv")
    assert Path(proposed[0]).parent == session.books.path.parent
    assert page.last_export == exports / "tb.csv" and page.last_export.exists()
    proposed = answer_save_dialog(monkeypatch, None)              # cancelled: nothing written
    page.choose_export("xlsx")
    assert Path(proposed[0]).parent == exports


def test_a_recovery_key_is_not_offered_beside_the_company_a_key_file_is(
        qtbot, english, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.window.unlock import KeyProtection, RecoveryKeyBox

    company = tmp_path / "clients" / "acme.daftar"
    company.parent.mkdir()
    protection = KeyProtection(lambda: company)
    qtbot.addWidget(protection)
    proposed = answer_save_dialog(monkeypatch, tmp_path / "keys" / "acme.key")
    protection._choose_key_file()
    assert proposed == [str(company.with_suffix(".key"))]
    assert protection.key_file_edit.text() == str(tmp_path / "keys" / "acme.key")

    box = RecoveryKeyBox()
    qtbot.addWidget(box)
    box.set_key("abcd-efgh", "Acme")
    proposed = answer_save_dialog(monkeypatch, None)
    box._choose_and_save()
    assert Path(proposed[0]).parent == file_dialogs.documents_folder()
    assert Path(proposed[0]).name == "Acme recovery key.txt"


def test_every_file_dialog_of_the_desktop_goes_through_file_dialogs() -> None:
    """One place decides where dialogs start, so no dialog falls back to the working folder."""
    ui = Path(file_dialogs.__file__).parent
    calls = [f"{path.relative_to(ui)}" for path in ui.rglob("*.py")
             if path.name != "file_dialogs.py" and "QFileDialog." in path.read_text()]
    assert calls == []
