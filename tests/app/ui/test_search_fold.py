"""One normalisation for every search: the chart, the third parties and the editor's completion
fold text as the entries list does in SQL (``app.ledger.text.fold``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.ledger import text
from app.ledger.model import ThirdParty, ThirdPartyKind
from app.ui.entries import catalog as entry_catalog
from app.ui.reference import chart_page, parties_page
from app.ui.reference.chart_page import NUMBER_ROLE, ChartPage
from app.ui.reference.parties_page import ThirdPartiesPage


def test_every_search_uses_the_ledger_fold() -> None:
    assert chart_page.fold is text.fold
    assert parties_page.fold is text.fold
    assert entry_catalog.fold is text.fold


def test_chart_search_ignores_case_and_accents(qtbot, session) -> None:
    page = ChartPage(session)
    qtbot.addWidget(page)
    page.show()
    label = page.accounts["4457"].label_fr
    folded = text.fold(label)
    assert folded != label.upper()
    page.search.setText(label.upper())
    upper = [i.data(NUMBER_ROLE) for i in page._walk()]
    page.search.setText(folded)
    assert [i.data(NUMBER_ROLE) for i in page._walk()] == upper
    assert "4457" in upper


def test_enter_in_the_chart_search_goes_to_the_list_without_opening(qtbot, session,
                                                                     monkeypatch) -> None:
    page = ChartPage(session)
    qtbot.addWidget(page)
    page.show()
    opened: list[object] = []
    monkeypatch.setattr(page, "edit_account", lambda *a: opened.append(a))
    qtbot.waitExposed(page)
    page.activateWindow()
    page.search.setFocus()
    qtbot.waitUntil(page.search.hasFocus)
    page.search.setText("512")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.keyClick(page.search, Qt.Key.Key_Enter)
    assert page.current_number() == "512"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.tree)
    assert opened == []


def test_party_search_ignores_case_and_accents_and_keeps_arabic(qtbot, session) -> None:
    for party in (ThirdParty("ETS", "ÉTABLISSEMENTS BÉNÉ", ThirdPartyKind.SUPPLIER),
                  ThirdParty("AMAL", "شركة الأمل", ThirdPartyKind.CUSTOMER)):
        session.books.add_third_party(party)
    page = ThirdPartiesPage(session)
    qtbot.addWidget(page)
    page.show()
    page.search.setText("etablissements bene")
    assert page.visible_codes() == ["ETS"]
    page.search.setText("Établissements")
    assert page.visible_codes() == ["ETS"]
    page.search.setText("الأمل")
    assert page.visible_codes() == ["AMAL"]
