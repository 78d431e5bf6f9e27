"""The third parties page: payment terms kept on edit and listed; a party's statement of account
written as a PDF through the period dialog and the save dialog."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox

from app.ledger.model import Entry, Line, ThirdParty, ThirdPartyKind
from app.ui.reference.parties_page import ThirdPartiesPage
from app.ui.reports.statement import StatementDialog
from tests.app.ui.reports.test_report_export import pdf_text, words
from tests.qt_guard import answer_save_dialog

D = Decimal


@pytest.fixture
def page(qtbot, session) -> ThirdPartiesPage:
    books = session.books
    books.add_third_party(ThirdParty("C1", "Client Un", ThirdPartyKind.CUSTOMER,
                                     address="12 rue Didouche, Alger", payment_days=30))
    books.add_third_party(ThirdParty("F1", "Fournisseur", ThirdPartyKind.SUPPLIER))
    books.post(Entry("VT", date(2025, 3, 10), "Facture 17", (
        Line("411", debit=D("1190.00"), third_party="C1"), Line("700", credit=D("1190.00")))))
    widget = ThirdPartiesPage(session)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def ok(dialog) -> object:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)



def terms_shown(page: ThirdPartiesPage, code: str) -> str:
    assert page.select(code)
    column = page.model.headers.index("Terms (days)")
    return page.proxy.index(page.table.currentIndex().row(), column).data()


# --- payment terms ---------------------------------------------------------------------------

def test_editing_a_party_keeps_its_new_terms(qtbot, page: ThirdPartiesPage) -> None:
    assert terms_shown(page, "C1") == "30"
    assert terms_shown(page, "F1") == ""
    page.select("C1")
    dialog = page.edit_party()
    assert dialog is not None and dialog.payment_days.days() == 30
    dialog.payment_days.set_days(45)
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert page.session.books.third_parties()["C1"].payment_days == 45
    assert terms_shown(page, "C1") == "45"


def test_clearing_the_terms_removes_them(qtbot, page: ThirdPartiesPage) -> None:
    page.select("C1")
    dialog = page.edit_party()
    assert dialog is not None
    dialog.payment_days.set_days(None)
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert page.session.books.third_parties()["C1"].payment_days is None
    assert terms_shown(page, "C1") == ""


# --- statement of account --------------------------------------------------------------------

def test_the_statement_key_is_free_on_the_page(page: ThirdPartiesPage) -> None:
    keys = [shortcut.toString() for action in page.actions() for shortcut in action.shortcuts()]
    assert page.statement_action.shortcut() == QKeySequence("Ctrl+R")
    assert len(keys) == len(set(keys))
    assert page.statement_action in page.table.actions()  # the list's context menu


def test_the_dialog_opens_on_the_fiscal_year_in_the_interface_language(
        page: ThirdPartiesPage) -> None:
    page.select("C1")
    assert page.statement_action.isEnabled()
    dialog = page.statement_of_account()
    assert isinstance(dialog, StatementDialog)
    form = dialog.form()
    assert (form.start, form.end, form.language) == (date(2025, 1, 1), date(2025, 12, 31), "en")
    assert "Client Un" in dialog.windowTitle()
    dialog.reject()


def test_an_end_before_the_start_is_refused_in_words(page: ThirdPartiesPage) -> None:
    page.select("C1")
    dialog = page.statement_of_account()
    assert dialog is not None
    dialog.set_period(date(2025, 6, 1), date(2025, 5, 1))
    assert not ok(dialog).isEnabled()
    assert "before the start" in dialog.message.text()
    dialog.reject()


def test_the_statement_is_written_as_a_pdf_in_the_language_chosen(
        qtbot, page: ThirdPartiesPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    proposed = answer_save_dialog(monkeypatch, tmp_path / "releve")  # the extension is added
    page.select("C1")
    dialog = page.statement_of_account()
    assert dialog is not None
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    target = tmp_path / "releve.pdf"
    assert target.exists() and not dialog.isVisible()
    assert not (tmp_path / "releve.pdf.part").exists()
    assert proposed[0].endswith("Statement of account - C1 - 2025-12-31.pdf")
    assert page.message.text() == f"Statement of account of C1 saved to {target}"
    text = words(pdf_text(target))
    assert "Relevé de compte" in text and "Client Un" in text
    assert "Facture 17" in text and "1 190,00" in text  # French amounts, as the document's


def test_a_cancelled_save_writes_nothing_and_keeps_the_dialog(
        qtbot, page: ThirdPartiesPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answer_save_dialog(monkeypatch, None)
    page.select("C1")
    dialog = page.statement_of_account()
    assert dialog is not None
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert list(tmp_path.glob("*.pdf")) == []
    assert page.message.text() == ""
    dialog.reject()


def test_no_statement_without_a_party(qtbot, session) -> None:
    empty = ThirdPartiesPage(session)
    qtbot.addWidget(empty)
    assert not empty.statement_action.isEnabled()
    assert empty.statement_of_account() is None
