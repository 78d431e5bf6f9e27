"""The third parties page: the list, its filters, and adding, editing and retiring parties."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialogButtonBox

from app.ledger.model import ThirdParty, ThirdPartyKind
from app.ui.reference.parties_page import ThirdPartiesPage
from tests.ledger_text import SAMPLE, post_text

PARTIES = (
    ThirdParty("HYPERDJZ", "Hypermarché El Djazair", ThirdPartyKind.CUSTOMER,
               nif="000216001234567"),
    ThirdParty("SONELGAZ", "Sonelgaz Distribution", ThirdPartyKind.SUPPLIER),
    ThirdParty("CNAS", "Caisse nationale des assurances sociales", ThirdPartyKind.OTHER),
)


def make_page(qtbot, session, parties=PARTIES) -> ThirdPartiesPage:
    for party in parties:
        session.books.add_third_party(party)
    page = ThirdPartiesPage(session)
    qtbot.addWidget(page)
    page.show()
    return page


def ok(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def row_texts(page: ThirdPartiesPage, code: str) -> list[str]:
    assert page.select(code)
    row = page.table.currentIndex().row()
    return [page.proxy.index(row, c).data() for c in range(page.proxy.columnCount())]


def test_lists_every_field_sorted_by_code(qtbot, session):
    page = make_page(qtbot, session)
    assert page.visible_codes() == ["CNAS", "HYPERDJZ", "SONELGAZ"]
    assert row_texts(page, "HYPERDJZ") == ["HYPERDJZ", "Hypermarché El Djazair", "Customer",
                                           "000216001234567", "", "", "", "", "", "Yes"]
    assert [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(10)] == [
        "Code", "Name", "Kind", "NIF", "NIS", "RC", "AI", "Address", "Terms (days)", "Active"]


def test_filter_by_kind_and_search(qtbot, session):
    page = make_page(qtbot, session)
    page.kind.setCurrentIndex(page.kind.findData(ThirdPartyKind.SUPPLIER))
    assert page.visible_codes() == ["SONELGAZ"]
    page.kind.setCurrentIndex(0)
    page.search.setText("hypermarche")  # accents ignored
    assert page.visible_codes() == ["HYPERDJZ"]
    page.search.setText("0002160012")  # NIF
    assert page.visible_codes() == ["HYPERDJZ"]
    page.search.setText("cnas")  # code
    assert page.visible_codes() == ["CNAS"]
    page.search.setText("nationale sociales")
    assert page.visible_codes() == ["CNAS"]
    page.kind.setCurrentIndex(page.kind.findData(ThirdPartyKind.CUSTOMER))
    assert page.visible_codes() == []
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # nothing to go to: nothing happens
    page.search.clear()
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.current_code() == "HYPERDJZ"


def test_add_through_the_dialog_with_inline_validation(qtbot, session):
    page = make_page(qtbot, session)
    dialog = page.add_party()
    assert "code is required" in dialog.message.text() and not ok(dialog).isEnabled()
    dialog.code.setText("sonelgaz")
    assert "already exists" in dialog.message.text()
    dialog.code.setText("ALGTEL")
    assert "name is required" in dialog.message.text()
    dialog.name.setText("Algérie Télécom")
    dialog.nif.setText("0002 16")
    assert "NIF is made of digits only" in dialog.message.text()
    dialog.nif.setText("000216999")
    dialog.nis.setText("12-3")
    assert "NIS is made of digits only" in dialog.message.text()
    dialog.nis.setText("123")
    dialog.kind.setCurrentIndex(dialog.kind.findData(ThirdPartyKind.SUPPLIER))
    dialog.address.setText("Alger")
    assert dialog.message.text() == "" and ok(dialog).isEnabled()
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    stored = session.books.third_parties()["ALGTEL"]
    assert (stored.name, stored.kind, stored.nif, stored.nis, stored.address) == (
        "Algérie Télécom", ThirdPartyKind.SUPPLIER, "000216999", "123", "Alger")
    assert page.current_code() == "ALGTEL"
    assert "ALGTEL" in page.visible_codes()


def test_a_refusal_from_the_store_keeps_the_dialog_open(qtbot, session):
    page = make_page(qtbot, session)
    dialog = page.add_party()
    dialog.code.setText("NEW")
    dialog.name.setText("New one")
    session.books.add_third_party(ThirdParty("NEW", "Added elsewhere meanwhile"))
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.message.text() == "third party NEW already exists"


def test_edit_keeps_the_code(qtbot, session):
    page = make_page(qtbot, session)
    page.select("SONELGAZ")
    dialog = page.edit_party()
    assert dialog.code.isReadOnly() and dialog.name.text() == "Sonelgaz Distribution"
    dialog.name.setText("SDA Sonelgaz")
    dialog.rc.setText("16/00-0012345B99")
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    stored = session.books.third_parties()["SONELGAZ"]
    assert (stored.name, stored.rc, stored.kind) == (
        "SDA Sonelgaz", "16/00-0012345B99", ThirdPartyKind.SUPPLIER)
    assert row_texts(page, "SONELGAZ")[1] == "SDA Sonelgaz"


def test_enter_on_a_row_opens_the_editor(qtbot, session):
    page = make_page(qtbot, session)
    page.select("CNAS")
    page.table.setFocus()
    opened = []
    page.edit_party = lambda: opened.append(page.current_code())
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened == ["CNAS"]


def test_deactivate_and_reactivate(qtbot, session):
    page = make_page(qtbot, session)
    page.select("CNAS")
    page.toggle.trigger()
    assert not session.books.third_parties()["CNAS"].active
    assert row_texts(page, "CNAS")[-1] == "No"
    grey = page.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    index = page.table.currentIndex()
    assert index.data(Qt.ItemDataRole.ForegroundRole).color() == grey
    assert page.toggle.text() == "Reactivate"
    page.toggle.trigger()
    assert session.books.third_parties()["CNAS"].active


def test_deleting_a_used_party_is_refused_and_an_unused_one_goes(qtbot, session, monkeypatch):
    post_text(session.books, SAMPLE)
    page = make_page(qtbot, session)
    monkeypatch.setattr(page, "confirm", lambda _question: True)
    before = session.books.third_parties()
    page.select("CLIENT1")
    page.delete.trigger()
    assert page.message.text() == "third party CLIENT1 is used by 2 lines; deactivate it instead"
    assert session.books.third_parties() == before
    page.select("CNAS")
    page.delete.trigger()
    assert "CNAS" not in session.books.third_parties()
    assert "CNAS" not in page.visible_codes()


def test_a_new_party_takes_the_kind_being_shown(qtbot, session):
    page = make_page(qtbot, session)
    page.kind.setCurrentIndex(page.kind.findData(ThirdPartyKind.SUPPLIER))
    dialog = page.add_party()
    assert dialog.form().kind is ThirdPartyKind.SUPPLIER
