"""The chart of accounts page: hierarchy, search, and the actions that change accounts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialogButtonBox

from app.ui.reference.chart_page import NUMBER_ROLE, ChartPage
from tests.ledger_text import SAMPLE, post_text


def make_page(qtbot, session) -> ChartPage:
    page = ChartPage(session)
    qtbot.addWidget(page)
    page.show()
    return page


def visible_numbers(page: ChartPage) -> list[str]:
    return [i.data(NUMBER_ROLE) for i in page._walk()]


def ok(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_tree_shows_the_scf_chart_by_hierarchy(qtbot, session):
    page = make_page(qtbot, session)
    assert len(page.accounts) == len(session.books.accounts()) > 300
    assert page.model.rowCount() == 7  # the classes 1 to 7
    assert page._items["411"].parent() is page._items["41"]
    assert page._items["41"].parent() is page._items["4"]
    row = page._items["411"].index().row()
    parent = page._items["41"]
    texts = [parent.child(row, c).text() for c in range(5)]
    assert texts == ["411", "Customers", "Customer", "Required", "Yes"]
    assert page._items["41"].font().bold() and not page._items["411"].font().bold()
    assert page.tree.isExpanded(page._proxy_index("4"))  # the classes open on first load


def test_labels_follow_the_session_language(qtbot, session):
    session.set_language("fr")
    page = make_page(qtbot, session)
    item = page._items["411"]
    assert item.parent().child(item.row(), 1).text() == "Clients"


def test_search_keeps_ancestors_of_matches_and_expands_them(qtbot, session):
    page = make_page(qtbot, session)
    page.search.setText("creances")  # « Créances », accents ignored
    shown = visible_numbers(page)
    assert shown and all(n in shown for n in ("4",))
    for number in shown:
        parent = page._items[number].parent()
        if parent is not None:
            assert parent.data(NUMBER_ROLE) in shown
            assert page.tree.isExpanded(page._proxy_index(parent.data(NUMBER_ROLE)))
    page.search.setText("4457")
    assert visible_numbers(page) == ["4", "44", "445", "4457"]
    page.search.setText("clients 41")
    assert "411" in visible_numbers(page) and "401" not in visible_numbers(page)
    page.search.clear()
    assert len(visible_numbers(page)) > 300
    assert not page.tree.isExpanded(page._proxy_index("44"))  # the earlier expansion is back


def test_enter_in_search_selects_the_first_match(qtbot, session):
    page = make_page(qtbot, session)
    page.search.setText("512")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.current_number() == "512"


def test_add_a_sub_account_through_the_dialog(qtbot, session):
    page = make_page(qtbot, session)
    assert page.select("411")
    dialog = page.add_account()
    assert dialog.number.text() == "411" and dialog.needs_third_party.isChecked()
    assert not ok(dialog).isEnabled()
    dialog.number.setText("4011")
    assert "must start with 411" in dialog.message.text()
    dialog.number.setText("4111")
    assert "French label is required" in dialog.message.text()
    dialog.label_fr.setText("Clients export")
    dialog.label_en.setText("Export customers")
    assert ok(dialog).isEnabled()
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    stored = session.books.account("4111")
    assert stored.label_en == "Export customers" and stored.needs_third_party
    assert page.current_number() == "4111"
    assert page._items["4111"].parent() is page._items["411"]


def test_the_dialog_refuses_an_existing_number(qtbot, session):
    page = make_page(qtbot, session)
    page.select("41")
    dialog = page.add_account()
    dialog.number.setText("411")
    dialog.label_fr.setText("Doublon")
    assert "already exists" in dialog.message.text() and not ok(dialog).isEnabled()


def test_edit_keeps_the_number_and_expansion(qtbot, session):
    page = make_page(qtbot, session)
    page.select("512")
    expanded = page._expanded()
    dialog = page.edit_account()
    assert dialog.number.isReadOnly()
    dialog.label_en.setText("BNA current account")
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert session.books.account("512").label_en == "BNA current account"
    assert page.current_number() == "512" and page._expanded() == expanded
    item = page._items["512"]
    assert item.parent().child(item.row(), 1).text() == "BNA current account"


def test_deactivate_greys_the_account_and_the_store_reflects_it(qtbot, session):
    page = make_page(qtbot, session)
    page.select("600")
    assert page.toggle.text() == "Deactivate"
    page.toggle.trigger()
    assert not session.books.account("600").active
    item = page._items["600"]
    grey = page.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert item.foreground().color() == grey
    assert item.parent().child(item.row(), 4).text() == "No"
    assert page.current_number() == "600" and page.toggle.text() == "Reactivate"
    page.toggle.trigger()
    assert session.books.account("600").active


def test_a_heading_cannot_be_deactivated_or_deleted(qtbot, session):
    page = make_page(qtbot, session)
    page.select("41")
    assert not page.toggle.isEnabled() and not page.delete.isEnabled()
    assert page.add.isEnabled() and page.edit.isEnabled()


def test_deleting_a_used_account_is_refused_with_the_reason(qtbot, session, monkeypatch):
    post_text(session.books, SAMPLE)
    page = make_page(qtbot, session)
    monkeypatch.setattr(page, "confirm", lambda _question: True)
    before = session.books.accounts()
    page.select("411")
    page.delete.trigger()
    assert "is used by 2 lines; deactivate it instead" in page.message.text()
    assert session.books.accounts() == before


def test_deleting_an_unused_sub_account(qtbot, session, monkeypatch):
    session.books.add_account("512100", "Banque BNA")
    page = make_page(qtbot, session)
    asked = []
    monkeypatch.setattr(page, "confirm", lambda question: asked.append(question) or True)
    page.select("512100")
    page.delete.trigger()
    assert asked == ["Delete account 512100 Banque BNA?"]
    assert "512100" not in session.books.accounts() and "512100" not in page._items


def test_declining_the_confirmation_deletes_nothing(qtbot, session, monkeypatch):
    session.books.add_account("512100", "Banque BNA")
    page = make_page(qtbot, session)
    monkeypatch.setattr(page, "confirm", lambda _question: False)
    page.select("512100")
    page.delete.trigger()
    assert "512100" in session.books.accounts()


def test_shortcuts_reach_the_actions(qtbot, session):
    page = make_page(qtbot, session)
    page.select("411")
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert not session.books.account("411").active
    keys = {a.text(): [k.toString() for k in a.shortcuts()] for a in page.actions()}
    assert keys["Add sub-account"] == ["Ins", "Ctrl+Shift+A"]
    assert keys["Edit"] == ["F2"] and keys["Delete"] == ["Del"]


def test_a_search_hiding_the_selection_selects_the_first_match(qtbot, session):
    page = make_page(qtbot, session)
    page.select("600")
    page.search.setText("4457")
    assert page.current_number() == "4457" and page.edit.isEnabled()
    page.search.setText("44")
    assert page.current_number() == "4457"  # still shown, so kept
