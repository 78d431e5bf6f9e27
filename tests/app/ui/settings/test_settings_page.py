"""The settings page: company details, fiscal years, the lock date, key and language."""

from __future__ import annotations

import gc
import re
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QLabel,
    QTableWidgetItem,
)
from pytestqt.qtbot import QtBot

from app.ledger.model import FiscalYearState
from app.store.books import Books
from app.store.company import KeySource, open_company
from app.ui.cloud.link import CloudController
from app.ui.kit import i18n
from app.ui.kit.fmt import to_qdate
from app.ui.kit.prefs import Prefs
from app.ui.kit.session import Change, CompanySession
from app.ui.settings import page as settings_page
from app.ui.settings.allocation_dialog import AllocationDialog
from app.ui.settings.company_dialog import CompanyDialog
from app.ui.settings.page import SettingsPage
from app.ui.settings.year_end import YearEndDialog
from app.ui.window.shell import MainWindow
from tests.ledger_text import YEAR_2025, ensure_parties, parse_entries, post_text

DRAFT = """
    2025-03-10 AC "Achat en attente"
      600  500.00
      401  -500.00 FOURN1
"""


class Answers:
    """Stands in for the confirmation box: records each question, gives ``reply``."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.reply = True

    def __call__(self, _parent: object, _title: str, text: str, _action: str) -> bool:
        self.asked.append(text)
        return self.reply


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    answers = Answers()
    monkeypatch.setattr(settings_page, "confirm", answers)
    return answers


def page_of(session: CompanySession, qtbot: QtBot) -> SettingsPage:
    page = SettingsPage(session)
    qtbot.addWidget(page)
    return page


def texts(page: SettingsPage) -> list[str]:
    return [label.text() for label in page.findChildren(QLabel)]


def save_draft(books: Books) -> None:
    entries = parse_entries(DRAFT)
    ensure_parties(books, entries)
    books.save_draft(entries[0])


def test_shows_company_key_file_and_the_cloud(session: CompanySession, qtbot: QtBot) -> None:
    CloudController(synchronous=True, timers=False).attach(session)
    page = page_of(session, qtbot)
    shown = texts(page)
    assert session.company.name in shown
    assert "DZD" in shown
    assert "A key file" in shown
    assert str(session.source.key_file) in shown
    assert any(text.startswith("Not connected. The books work fully") for text in shown)
    assert "Never backed up from this PC" in shown


def test_credential_store_is_named_when_there_is_no_key_file(
        books: Books, make_session, qtbot: QtBot) -> None:
    session = make_session(books)
    session.source = KeySource()
    page = page_of(session, qtbot)
    assert "The operating system's credential store" in texts(page)


def test_opening_the_next_fiscal_year_lists_it(session: CompanySession, qtbot: QtBot) -> None:
    page = page_of(session, qtbot)
    assert page.year_list.topLevelItemCount() == 1
    with qtbot.waitSignal(session.changed) as changed:
        page.open_next.click()
    assert changed.args[0] & Change.FISCAL_YEARS
    assert [y.name for y in session.books.fiscal_years()] == ["2025", "2026"]
    assert page.year_list.topLevelItemCount() == 2
    assert page.year_list.topLevelItem(1).text(0) == "2026"


def _year_end(page: SettingsPage, qtbot: QtBot) -> YearEndDialog:
    page.close_year.click()
    dialog = page.year_end
    qtbot.waitUntil(lambda: dialog.loaded)
    return dialog


def test_closing_a_year_shows_its_result_and_a_nouveaux_and_waits_for_agreement(
        session: CompanySession, qtbot: QtBot) -> None:
    post_text(session.books, YEAR_2025)
    page = page_of(session, qtbot)
    dialog = _year_end(page, qtbot)
    assert dialog.checks.item(0).text().startswith("✓")
    assert "profit of 300.00" in dialog.summary.text()
    assert "5 lines" in dialog.summary.text()
    assert not dialog.close_button.isEnabled()  # not before the accountant agrees
    dialog.agree.setChecked(True)
    with qtbot.waitSignal(session.changed):
        dialog.close_button.click()
    qtbot.waitUntil(lambda: dialog.closed_year)
    assert "2025 is closed" in dialog.summary.text()
    assert [y.state for y in session.books.fiscal_years()] == [
        FiscalYearState.CLOSED, FiscalYearState.OPEN]
    assert page.year_list.topLevelItem(0).text(3) == "Closed"
    # the closing opened 2026 on 2025's balances, and that is the year now selected
    assert page.selected_year().name == "2026"


def test_a_year_that_cannot_close_lists_every_reason_and_offers_no_button(
        session: CompanySession, qtbot: QtBot) -> None:
    save_draft(session.books)
    post_text(session.books, """
        2025-06-01 OD "Virement à identifier"
          581  80.00
          512  -80.00
    """)
    dialog = _year_end(page_of(session, qtbot), qtbot)
    reasons = [dialog.checks.item(i).text() for i in range(dialog.checks.count())]
    assert len(reasons) == 2 and all(r.startswith("✗") for r in reasons)
    assert "draft" in reasons[0] and "581" in reasons[1]
    assert not dialog.agree.isEnabled() and not dialog.close_button.isEnabled()
    assert session.books.fiscal_years()[0].state is FiscalYearState.OPEN


def test_locking_sets_the_lock_date_after_confirmation(
        session: CompanySession, qtbot: QtBot, answers: Answers) -> None:
    page = page_of(session, qtbot)
    assert "not locked" in page.lock_state.text()
    assert not answers.asked
    page.lock_edit.setDate(to_qdate(date(2025, 3, 31)))
    with qtbot.waitSignal(session.changed) as changed:
        page.lock_button.click()
    assert changed.args[0] & Change.LOCK
    assert session.books.lock_date() == date(2025, 3, 31)
    assert "31/03/2025" in page.lock_state.text()
    assert page.lock_edit.minimumDate() == to_qdate(date(2025, 3, 31))


def test_a_refused_lock_shows_the_reason_and_changes_nothing(
        session: CompanySession, qtbot: QtBot, answers: Answers) -> None:
    save_draft(session.books)
    page = page_of(session, qtbot)
    page.lock_edit.setDate(to_qdate(date(2025, 6, 30)))
    page.lock_button.click()
    assert "draft" in page.lock_problem.text() and not page.lock_problem.isHidden()
    assert session.books.lock_date() is None


def test_a_read_only_company_cannot_be_changed_here(session: CompanySession,
                                                     qtbot: QtBot) -> None:
    session.read_only_reason = "the licence has lapsed"
    page = page_of(session, qtbot)
    assert not page.lock_button.isEnabled()
    assert not page.open_next.isEnabled()
    assert not page.close_year.isEnabled()


def test_applying_a_language_rebuilds_the_window_in_it(english: None, books: Books,
                                                       qtbot: QtBot) -> None:
    # Not the ``window`` fixture: the old window deletes itself, and must not be closed again.
    window = MainWindow(Prefs(language="en"), synchronous=True)
    window.show()
    view = window.add_company(books, KeySource(key_file=books.path.with_suffix(".key")))
    page = view.show_page("settings")
    assert isinstance(page, SettingsPage)
    page.language.setCurrentIndex(page.language.findData("fr"))
    page.apply_language.click()
    del window, view, page
    gc.collect()  # nothing in Python refers to the new window: it must survive regardless
    rebuilt = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, MainWindow) and w.isVisible()]
    assert len(rebuilt) == 1
    replacement = rebuilt[0]
    qtbot.addWidget(replacement)
    assert replacement.current.session.language.code == "fr"
    assert replacement.prefs.language == "fr"
    assert replacement.menuBar().actions()[0].text() == "&Fichier"
    assert replacement.current is not None
    assert isinstance(replacement.current.stack.currentWidget(), SettingsPage)


# --- company details -------------------------------------------------------------------------

def company_ok(dialog: CompanyDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_a_wrong_nif_is_refused_beside_the_field_then_a_right_one_is_stored(
        session: CompanySession, qtbot: QtBot) -> None:
    page = page_of(session, qtbot)
    dialog = page.open_company_dialog()
    assert dialog is not None and dialog.edits["name"].text() == session.company.name
    dialog.edits["nif"].setText("12345")
    assert dialog.problems["nif"].text() == "The NIF has 15 digits; this number has 5."
    assert not dialog.problems["nif"].isHidden()
    assert not company_ok(dialog).isEnabled()
    dialog.edits["nif"].setText("000016001234567")
    dialog.edits["address"].setText("12 rue Didouche Mourad, Alger")
    assert dialog.problems["nif"].isHidden() and company_ok(dialog).isEnabled()
    with qtbot.waitSignal(session.changed) as changed:
        company_ok(dialog).click()
    assert changed.args[0] & Change.COMPANY
    assert dialog.result() == dialog.DialogCode.Accepted
    assert session.company.nif == "000016001234567"
    assert "000016001234567" in texts(page) and "12 rue Didouche Mourad, Alger" in texts(page)
    again = open_company(session.path, session.source)
    try:
        assert (again.company.nif, again.company.address) == (
            "000016001234567", "12 rue Didouche Mourad, Alger")
        assert (again.company.chart, again.company.currency) == ("scf", "DZD")
    finally:
        again.close()


def test_every_identifier_and_the_name_are_checked_as_typed(session: CompanySession,
                                                            qtbot: QtBot) -> None:
    dialog = page_of(session, qtbot).open_company_dialog()
    dialog.edits["name"].setText("  ")
    dialog.edits["nis"].setText("09991601O123456")
    dialog.edits["rc"].setText("#!")
    dialog.edits["ai"].setText("1601234567")
    assert dialog.problems["name"].text() == "The company needs a name."
    assert dialog.problems["nis"].text() == "The NIS is made of digits only."
    assert dialog.problems["rc"].text() == "5 to 30 letters, digits, spaces and / - . signs."
    assert dialog.problems["ai"].text() == "The AI has 11 digits; this number has 10."
    assert not company_ok(dialog).isEnabled()


def test_a_french_company_s_nif_is_a_siren(make_books, make_session, qtbot: QtBot) -> None:
    session = make_session(make_books("pcg"))
    dialog = page_of(session, qtbot).open_company_dialog()
    dialog.edits["nif"].setText("732829321")
    assert dialog.problems["nif"].text() == (
        "This is not a SIREN or SIRET: its check digit is wrong.")
    dialog.edits["nif"].setText("12345")
    assert dialog.problems["nif"].text() == (
        "A SIREN has 9 digits and a SIRET 14; this number has 5.")
    dialog.edits["nif"].setText("732829320")
    assert company_ok(dialog).isEnabled()


def test_a_refusal_from_the_store_stays_in_the_dialog(session: CompanySession,
                                                      qtbot: QtBot) -> None:
    page = page_of(session, qtbot)
    dialog = page.open_company_dialog()
    dialog.submitted.emit({"nif": "12345"})  # past the dialog's own check: the store refuses
    assert dialog.message.text() == "the NIF has 15 digits; 12345 has 5"
    assert session.company.nif == ""


def test_the_reason_is_given_in_the_interface_language(
        qapp, books: Books, make_session, qtbot: QtBot) -> None:
    i18n.install(qapp, "fr")
    dialog = page_of(make_session(books, "fr"), qtbot).open_company_dialog()
    dialog.edits["nif"].setText("12345")
    assert dialog.problems["nif"].text() == "Le NIF compte 15 chiffres ; celui-ci en a 5."


def test_a_read_only_company_cannot_be_edited(session: CompanySession, qtbot: QtBot) -> None:
    session.read_only_reason = "the licence has lapsed"
    page = page_of(session, qtbot)
    assert not page.edit_company.isEnabled() and page.open_company_dialog() is None


# --- keyboard ----------------------------------------------------------------------------------

def _letters(texts: list[str]) -> list[str]:
    return [m.group(1).casefold() for t in texts if (m := re.search(r"&([^&\s])", t))]


@pytest.mark.parametrize("code", ["en", "fr", "ar"])
def test_no_two_controls_of_the_page_or_menus_share_an_alt_letter(
        code: str, qapp, books: Books, qtbot: QtBot) -> None:
    i18n.install(qapp, code)
    window = MainWindow(Prefs(language=code), synchronous=True)
    qtbot.addWidget(window)
    page = window.add_company(books, KeySource(key_file=books.path.with_suffix(".key"))
                              ).show_page("settings")
    toggle = page.journals.toggle
    shown = [w.text() for w in page.findChildren(QAbstractButton) if w is not toggle]
    shown += [w.text() for w in page.findChildren(QLabel)]
    shown += [a.text() for a in window.menuBar().actions()]
    used = Counter(_letters(shown))
    assert len(used) >= 11
    assert [letter for letter, n in used.items() if n > 1] == [], shown
    # the journal button reads Deactivate or Reactivate: neither takes a letter already used
    states = [QCoreApplication.translate("JournalsGroup", t) for t in ("Deac&tivate",
                                                                       "Reac&tivate")]
    assert not set(_letters(states)) & set(used), states


def test_the_result_of_a_closed_year_is_allocated_from_the_settings(
        session: CompanySession, qtbot: QtBot) -> None:
    post_text(session.books, YEAR_2025)
    session.books.close_fiscal_year(date(2025, 1, 1))
    page = page_of(session, qtbot)
    page.year_list.setCurrentItem(page.year_list.topLevelItem(0))
    assert page.allocate.isEnabled() and not page.close_year.isEnabled()
    page.allocate.click()
    dialog = page.allocation
    qtbot.waitUntil(lambda: dialog.result is not None)
    assert "profit of 300.00" in dialog.heading.text()
    dialog.day.setDate(to_qdate(date(2026, 5, 30)))
    dialog.shares.setItem(0, 1, QTableWidgetItem("30"))
    dialog.shares.setItem(1, 1, QTableWidgetItem("200"))
    assert dialog.left.text().endswith("70.00")
    dialog.post_button.click()
    qtbot.waitUntil(lambda: dialog.posted is not None)
    assert [(ln.account, ln.credit) for ln in dialog.posted.lines[1:]] == [
        ("1061", Decimal("30.00")), ("457", Decimal("200.00")), ("110", Decimal("70.00"))]
    again = AllocationDialog(session, session.books.fiscal_years()[0])
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.result is not None)
    again.post_button.click()
    qtbot.waitUntil(lambda: again.message.text() != "")
    assert "already allocated" in again.message.text(), again.message.text()
