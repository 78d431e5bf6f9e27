"""The creation wizard makes a real company file, and hands it over only once its key is kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox, QWizard
from pytestqt.qtbot import QtBot

from app.store.books import Books
from app.store.company import KeySource, open_company
from app.ui.kit.prefs import Prefs
from app.ui.window.opening import create_with_wizard
from app.ui.window.shell import MainWindow
from app.ui.window.wizard import CompanyWizard, file_stem_for

NEXT = QWizard.WizardButton.NextButton
COMMIT = QWizard.WizardButton.CommitButton
FINISH = QWizard.WizardButton.FinishButton


def click(qtbot: QtBot, wizard: QWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), f"{button.text()} cannot be pressed"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def new_wizard(qtbot: QtBot, folder: Path) -> CompanyWizard:
    wizard = CompanyWizard(Prefs(language="en", last_folder=str(folder)), synchronous=True)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def fill_to_key_page(qtbot: QtBot, wizard: QWizard, name: str) -> None:
    qtbot.keyClicks(wizard.name_edit, name)
    click(qtbot, wizard, NEXT)
    click(qtbot, wizard, NEXT)
    click(qtbot, wizard, NEXT)
    assert wizard.currentPage() is wizard.key_page


def test_a_company_is_created_with_a_key_file_and_opens_after_finish(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    window.prefs.last_folder = str(tmp_path)
    wizard = create_with_wizard(window, window.prefs, window.add_company, synchronous=True)
    qtbot.keyClicks(wizard.name_edit, "EURL Tassili Food")
    qtbot.keyClicks(wizard.nif_edit, "000216001234567")
    qtbot.keyClicks(wizard.rc_edit, "16/00-1234567B21")
    click(qtbot, wizard, NEXT)
    wizard.currency_combo.setCurrentText("EUR")
    wizard.pcg_radio.setChecked(True)
    wizard.start_edit.setDate(QDate(2025, 4, 1))
    assert "31 March 2026" in wizard.year_label.text()
    click(qtbot, wizard, NEXT)
    assert wizard.path == tmp_path / "EURL Tassili Food.daftar"
    click(qtbot, wizard, NEXT)
    wizard.keyfile_radio.setChecked(True)
    assert "key file" in wizard.key_problem_label.text()
    wizard.key_file_edit.setText(str(tmp_path / "tassili.key"))
    assert wizard.key_problem_label.text() == ""
    click(qtbot, wizard, COMMIT)

    assert wizard.currentPage() is wizard.recovery_page
    assert wizard.path.exists()
    assert window.current is None, "the company is handed over only after Finish"
    assert not wizard.button(FINISH).isEnabled()
    assert wizard.recovery_key.replace("-", "") in wizard.recovery_box.key_label.text().replace(
        "-", "").replace("\n", "")
    wizard.reject()
    assert wizard.isVisible(), "Cancel cannot throw the recovery key away"
    wizard.stored_check.setChecked(True)
    click(qtbot, wizard, FINISH)

    view = window.current
    assert view is not None
    company = view.session.company
    assert (company.name, company.currency, company.chart, company.nif, company.rc) == (
        "EURL Tassili Food", "EUR", "pcg", "000216001234567", "16/00-1234567B21")
    years = view.session.books.fiscal_years()
    assert [(y.start, y.end) for y in years] == [(date(2025, 4, 1), date(2026, 3, 31))]
    assert view.session.source == KeySource(key_file=tmp_path / "tassili.key")
    assert window.prefs.last_folder == str(tmp_path)
    assert window.prefs.recent[0].key_file == str(tmp_path / "tassili.key")


def test_the_recovery_key_shown_opens_the_file(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = new_wizard(qtbot, tmp_path)
    fill_to_key_page(qtbot, wizard, "SARL Bina")
    wizard.keyfile_radio.setChecked(True)
    wizard.key_file_edit.setText(str(tmp_path / "bina.key"))
    click(qtbot, wizard, COMMIT)
    wizard.books.close()
    (tmp_path / "bina.key").unlink()

    books = open_company(tmp_path / "SARL Bina.daftar",
                         KeySource(recovery_key=wizard.recovery_box.key_label.text()))
    try:
        assert books.company.name == "SARL Bina"
        assert books.company.chart == "scf" and books.company.currency == "DZD"
        assert books.fiscal_years()[0].start == date(date.today().year, 1, 1)
    finally:
        books.close()


def test_a_passphrase_must_be_long_enough_and_typed_twice_alike(
        qtbot: QtBot, tmp_path: Path) -> None:
    wizard = new_wizard(qtbot, tmp_path)
    fill_to_key_page(qtbot, wizard, "Pharmacie Ennour")
    wizard.passphrase_radio.setChecked(True)
    qtbot.keyClicks(wizard.passphrase_edit, "short")
    assert "at least 10 characters (it has 5)" in wizard.key_problem_label.text()
    assert not wizard.button(COMMIT).isEnabled()
    wizard.passphrase_edit.setText("olive trees in Blida")
    qtbot.keyClicks(wizard.passphrase_again_edit, "olive trees in Blid")
    assert "differ" in wizard.key_problem_label.text()
    assert not wizard.button(COMMIT).isEnabled()
    qtbot.keyClicks(wizard.passphrase_again_edit, "a")
    assert wizard.key_problem_label.text() == ""
    click(qtbot, wizard, COMMIT)

    assert wizard.source == KeySource(passphrase="olive trees in Blida")
    wizard.books.close()
    books = open_company(wizard.path, KeySource(passphrase="olive trees in Blida"))
    assert books.company.name == "Pharmacie Ennour"
    books.close()


def test_the_credential_store_keeps_the_key(qtbot: QtBot, tmp_path: Path,
                                            memory_keyring) -> None:
    wizard = new_wizard(qtbot, tmp_path)
    fill_to_key_page(qtbot, wizard, "Clinique Les Oliviers")
    assert wizard.keyring_radio.isEnabled() and wizard.keyring_radio.isChecked()
    click(qtbot, wizard, COMMIT)
    wizard.books.close()
    assert len(memory_keyring.secrets) == 1
    books = open_company(wizard.path)
    assert books.company.name == "Clinique Les Oliviers"
    books.close()


def test_without_a_credential_store_that_choice_is_disabled_with_the_reason(
        qtbot: QtBot, tmp_path: Path, no_keyring) -> None:
    wizard = new_wizard(qtbot, tmp_path)
    assert not wizard.keyring_radio.isEnabled()
    assert wizard.passphrase_radio.isChecked()
    assert any("no credential store" in label.text()
               for label in wizard.protection.findChildren(type(wizard.key_problem_label)))


def test_an_existing_file_is_refused_with_the_reason(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "Kahina.daftar").write_bytes(b"someone's books")
    wizard = new_wizard(qtbot, tmp_path)
    qtbot.keyClicks(wizard.name_edit, "Kahina")
    click(qtbot, wizard, NEXT)
    click(qtbot, wizard, NEXT)
    assert "Kahina.daftar already exists" in wizard.file_problem_label.text()
    assert not wizard.button(NEXT).isEnabled()
    qtbot.keyClicks(wizard.file_edit, " 2")
    assert wizard.path == tmp_path / "Kahina 2.daftar"
    assert wizard.file_problem_label.text() == ""
    assert wizard.button(NEXT).isEnabled()
    assert (tmp_path / "Kahina.daftar").read_bytes() == b"someone's books"


def test_identifiers_are_checked_as_typed(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = new_wizard(qtbot, tmp_path)
    assert not wizard.button(NEXT).isEnabled(), "a company needs a name"
    qtbot.keyClicks(wizard.name_edit, "Transports Hamidi")
    qtbot.keyClicks(wizard.nis_edit, "0002 16")
    assert "NIS is made of digits only" in wizard.company_problem.text()
    assert not wizard.button(NEXT).isEnabled()
    wizard.nis_edit.setText("000216010012345")
    assert wizard.company_problem.text() == ""
    assert wizard.button(NEXT).isEnabled()


def test_a_folder_gone_before_creation_is_offered_back_and_nothing_is_left(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "gone"
    folder.mkdir()
    wizard = new_wizard(qtbot, folder)
    fill_to_key_page(qtbot, wizard, "Immobiliere Bab Ezzouar")
    wizard.keyfile_radio.setChecked(True)
    wizard.key_file_edit.setText(str(tmp_path / "babezz.key"))
    folder.rmdir()
    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton):
        def ask(_parent, _title, text, *_args):
            asked.append(text)
            return reply
        return ask

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    click(qtbot, wizard, COMMIT)
    assert "does not exist. Create it?" in asked[0]
    assert wizard.currentPage() is wizard.key_page
    assert wizard.books is None
    assert list(tmp_path.iterdir()) == []

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    click(qtbot, wizard, COMMIT)
    assert wizard.currentPage() is wizard.recovery_page
    assert isinstance(wizard.books, Books)
    wizard.books.close()


def test_file_names_come_from_the_company_name() -> None:
    assert file_stem_for('SARL "Atlas": Distribution/Alger') == "SARL Atlas DistributionAlger"
    assert file_stem_for(" . ") == "company"
    assert file_stem_for("مؤسسة النور") == "مؤسسة النور"


def test_creation_runs_off_the_ui_thread(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = CompanyWizard(Prefs(language="en", last_folder=str(tmp_path)))
    qtbot.addWidget(wizard)
    wizard.show()
    fill_to_key_page(qtbot, wizard, "Boulangerie Kahina")
    wizard.keyfile_radio.setChecked(True)
    wizard.key_file_edit.setText(str(tmp_path / "kahina.key"))
    click(qtbot, wizard, COMMIT)
    assert wizard.busy and wizard.currentPage() is wizard.key_page
    assert not wizard.button(QWizard.WizardButton.CancelButton).isEnabled()
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page, timeout=20000)
    assert not wizard.busy and wizard.books.company.name == "Boulangerie Kahina"
    wizard.books.close()


def years_of(books: Books) -> list[tuple[date, date]]:
    return [(y.start, y.end) for y in books.fiscal_years()]


def test_a_short_first_year_to_31_december_is_the_scf_default(
        qtbot: QtBot, tmp_path: Path) -> None:
    wizard = new_wizard(qtbot, tmp_path)
    qtbot.keyClicks(wizard.name_edit, "SARL Djurdjura")
    click(qtbot, wizard, NEXT)
    wizard.start_edit.setDate(QDate(2025, 5, 12))
    assert wizard.end_edit.date() == QDate(2025, 12, 31)
    text = wizard.year_label.text()
    assert text.startswith("A short first year, from ") and "12 May 2025" in text
    assert "31 December 2025; the years after it last twelve months." in text
    assert wizard.year_problem_label.text() == ""
    click(qtbot, wizard, NEXT)
    click(qtbot, wizard, NEXT)
    wizard.keyfile_radio.setChecked(True)
    wizard.key_file_edit.setText(str(tmp_path / "djurdjura.key"))
    click(qtbot, wizard, COMMIT)
    assert wizard.currentPage() is wizard.recovery_page
    try:
        assert years_of(wizard.books) == [(date(2025, 5, 12), date(2025, 12, 31))]
        assert (wizard.books.open_next_fiscal_year().start,
                wizard.books.fiscal_years()[-1].end) == (date(2026, 1, 1), date(2026, 12, 31))
    finally:
        wizard.books.close()


def test_a_long_first_year_chosen_by_the_user_stays_when_the_start_moves(
        qtbot: QtBot, tmp_path: Path) -> None:
    wizard = new_wizard(qtbot, tmp_path)
    qtbot.keyClicks(wizard.name_edit, "Atlas Conseil")
    click(qtbot, wizard, NEXT)
    wizard.pcg_radio.setChecked(True)
    wizard.start_edit.setDate(QDate(2025, 5, 12))
    assert wizard.end_edit.date() == QDate(2026, 5, 11), "the PCG default is twelve months"
    wizard.end_edit.setDate(QDate(2026, 12, 31))
    wizard.start_edit.setDate(QDate(2025, 6, 2))
    assert wizard.end_edit.date() == QDate(2026, 12, 31)
    text = wizard.year_label.text()
    assert text.startswith("A long first year, from ") and "2 June 2025" in text
    assert "31 December 2026" in text
    click(qtbot, wizard, NEXT)
    click(qtbot, wizard, NEXT)
    wizard.keyfile_radio.setChecked(True)
    wizard.key_file_edit.setText(str(tmp_path / "atlas.key"))
    click(qtbot, wizard, COMMIT)
    try:
        assert years_of(wizard.books) == [(date(2025, 6, 2), date(2026, 12, 31))]
    finally:
        wizard.books.close()


def test_an_impossible_first_year_is_refused_beside_the_field(
        qtbot: QtBot, tmp_path: Path) -> None:
    wizard = new_wizard(qtbot, tmp_path)
    qtbot.keyClicks(wizard.name_edit, "Oasis Dattes")
    click(qtbot, wizard, NEXT)
    wizard.start_edit.setDate(QDate(2025, 5, 12))
    wizard.end_edit.setDate(QDate(2025, 5, 1))
    assert wizard.year_problem_label.text() == "The first fiscal year must end after it starts."
    assert wizard.year_label.text() == ""
    assert not wizard.button(NEXT).isEnabled()
    wizard.end_edit.setDate(QDate(2027, 5, 12))
    text = wizard.year_problem_label.text()
    assert text.startswith("The first fiscal year may last at most 24 months: starting on ")
    assert "12 May 2025" in text and "11 May 2027 at the latest." in text
    assert not wizard.button(NEXT).isEnabled()
    wizard.end_edit.setDate(QDate(2027, 5, 11))
    assert wizard.year_problem_label.text() == ""
    assert wizard.button(NEXT).isEnabled()
    click(qtbot, wizard, NEXT)
    assert wizard.currentPage() is wizard.file_page
