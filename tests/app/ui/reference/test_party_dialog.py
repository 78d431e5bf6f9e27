"""The third-party dialog's payment terms: a spin box of days that may be left blank."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.ledger.model import ThirdParty, ThirdPartyKind
from app.ui.kit.session import CompanySession
from app.ui.reference.parties_page import ThirdPartiesPage
from app.ui.reference.party_dialog import PartyDialog


def ok(dialog: PartyDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_blank_means_no_terms_and_days_are_typed(qtbot: QtBot) -> None:
    dialog = PartyDialog()
    qtbot.addWidget(dialog)
    box = dialog.payment_days
    assert box.text() == "" and dialog.form().payment_days is None
    box.lineEdit().setText("45")
    assert dialog.form().payment_days == 45
    box.lineEdit().setText("")
    assert dialog.form().payment_days is None
    box.lineEdit().setText("0")
    assert dialog.form().payment_days == 0
    box.set_days(None)
    assert box.text() == ""
    assert box.maximum() == 999


def test_an_edited_party_shows_its_terms(qtbot: QtBot) -> None:
    dialog = PartyDialog(party=ThirdParty("C1", "Client", ThirdPartyKind.CUSTOMER,
                                          payment_days=60))
    qtbot.addWidget(dialog)
    assert dialog.payment_days.text() == "60"
    assert dialog.form().party().payment_days == 60


def test_a_new_party_is_stored_with_its_terms(qtbot: QtBot, session: CompanySession) -> None:
    page = ThirdPartiesPage(session)
    qtbot.addWidget(page)
    dialog = page.add_party()
    dialog.code.setText("C30")
    dialog.name.setText("Client à 30 jours")
    dialog.payment_days.lineEdit().setText("30")
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert session.books.third_parties()["C30"].payment_days == 30
