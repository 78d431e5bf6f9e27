"""The entry editor from the keyboard: what completion takes, where Tab goes, the focus mark."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDateTimeEdit
from pytestqt.qtbot import QtBot

from app.ledger.model import ThirdParty, ThirdPartyKind
from app.store.books import Books
from app.ui.entries.catalog import load_catalog
from app.ui.entries.delegates import FOCUS_MARK, CompletingEdit
from app.ui.entries.lines_model import Col
from app.ui.kit.session import Change, CompanySession
from tests.app.ui.entries.test_entry_editor import (  # noqa: F401 (asked: answers its questions)
    _open,
    _press,
    _type,
    asked,
)


def _at(editor) -> tuple[int, int]:
    index = editor.table.currentIndex()
    return index.row(), index.column()


def test_completion_takes_an_account_typed_or_the_only_match_never_another(
        books: Books) -> None:
    catalog = load_catalog(books, "en")
    assert catalog.account_choice("4456") == "4456"      # a heading: kept, the rules reject it
    assert catalog.account_choice("512") == "512"
    assert catalog.account_choice("sales of goo") == "700"   # the only match
    assert catalog.account_choice("bank") is None         # 512, 519, 627: the user chooses
    assert catalog.resolve_account("bank") == "bank"
    assert catalog.account_choice("zzz") == "zzz"         # unknown: kept to be reported
    assert catalog.tax_choice("tva1") == "TVA19"
    assert catalog.tax_choice("tva") is None              # TVA19, TVA9
    assert catalog.tax_choice("exo") == "EXO"


def test_tab_after_a_heading_keeps_it_and_the_posting_rules_mark_it(
        qtbot: QtBot, session: CompanySession) -> None:
    editor = _open(qtbot, session)
    editor.table.go_to(0, Col.ACCOUNT)
    _type(qtbot, "4456")                                 # 44562, 44566, 44567 proposed
    _press(qtbot, Qt.Key.Key_Tab)
    assert editor.model.rows[0].account == "4456"        # not 44562
    assert _at(editor) == (0, Col.LABEL)
    assert any("4456 is a heading" in text for text in editor.problem_texts())


def test_several_matches_open_the_list_and_only_a_pick_is_taken(
        qtbot: QtBot, session: CompanySession) -> None:
    editor = _open(qtbot, session)
    editor.table.go_to(0, Col.ACCOUNT)
    _type(qtbot, "bank")
    edit = QApplication.focusWidget()
    assert isinstance(edit, CompletingEdit)
    popup = edit.completer_.popup()
    assert popup.isVisible() and not popup.currentIndex().isValid()   # nothing preselected
    popup.hide()                                         # Esc closed the list; Tab opens it
    _press(qtbot, Qt.Key.Key_Tab)
    assert popup.isVisible() and editor.table.state() == QAbstractItemView.State.EditingState
    qtbot.keyClick(popup, Qt.Key.Key_Return)             # still nothing picked: stays
    assert editor.model.rows[0].account == "" and popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert editor.model.rows[0].account == "512"

    editor.model.insert_row(1)
    editor.table.go_to(1, Col.ACCOUNT)
    _type(qtbot, "sales of goo")                         # one match: Tab takes it
    _press(qtbot, Qt.Key.Key_Tab)
    assert editor.model.rows[1].account == "700" and _at(editor) == (1, Col.LABEL)

    editor.table.go_to(1, Col.TAX)
    _type(qtbot, "tva")                                  # TVA19, TVA9
    _press(qtbot, Qt.Key.Key_Tab)
    assert editor.model.rows[1].tax == ""
    _type(qtbot, "9")                                    # typing on narrows the list
    _press(qtbot, Qt.Key.Key_Tab)                        # TVA9 alone
    assert editor.model.rows[1].tax == "TVA9"


def test_third_parties_complete_the_same_way(
        qtbot: QtBot, session: CompanySession) -> None:
    for code, name in (("C001", "Sonatrach Spa"), ("C002", "Sonelgaz Spa")):
        party = ThirdParty(code, name, ThirdPartyKind.CUSTOMER)
        session.op(lambda books, p=party: books.add_third_party(p), Change.THIRD_PARTIES)
    editor = _open(qtbot, session)
    assert editor.catalog.party_choice("son") is None
    assert editor.catalog.party_choice("sonat") == "C001"
    editor.table.go_to(0, Col.ACCOUNT)
    _type(qtbot, "411")
    _press(qtbot, Qt.Key.Key_Tab)
    assert _at(editor) == (0, Col.THIRD_PARTY)
    _type(qtbot, "spa")
    _press(qtbot, Qt.Key.Key_Tab)
    assert editor.model.rows[0].third_party == ""        # two match: the list stays open
    popup = QApplication.focusWidget().completer_.popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Tab)
    assert editor.model.rows[0].third_party == "C002" and _at(editor) == (0, Col.DEBIT)


def test_tab_passes_the_third_party_of_an_account_that_needs_none(
        qtbot: QtBot, session: CompanySession) -> None:
    editor = _open(qtbot, session)
    editor.table.go_to(0, Col.ACCOUNT)
    _type(qtbot, "512")
    _press(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "Takings")
    _press(qtbot, Qt.Key.Key_Tab)
    assert _at(editor) == (0, Col.DEBIT)
    _press(qtbot, Qt.Key.Key_Backtab)                    # Shift+Tab passes it too
    assert _at(editor) == (0, Col.LABEL)

    editor.model.setData(editor.model.index(0, Col.THIRD_PARTY), "X1")   # one typed: kept
    editor.table.go_to(0, Col.LABEL)
    _press(qtbot, Qt.Key.Key_Tab)
    assert _at(editor) == (0, Col.THIRD_PARTY)
    editor.table.go_to(0, Col.DEBIT)
    _press(qtbot, Qt.Key.Key_Backtab)
    assert _at(editor) == (0, Col.THIRD_PARTY)

    editor.model.insert_row(1)
    editor.model.setData(editor.model.index(1, Col.ACCOUNT), "411")      # needed: a stop
    editor.table.go_to(1, Col.LABEL)
    _press(qtbot, Qt.Key.Key_Tab)
    assert _at(editor) == (1, Col.THIRD_PARTY)
    editor.table.go_to(1, Col.DEBIT)
    _press(qtbot, Qt.Key.Key_Backtab)
    assert _at(editor) == (1, Col.THIRD_PARTY)


def test_one_tab_leaves_the_date_and_arrows_move_within_it(
        qtbot: QtBot, session: CompanySession) -> None:
    editor = _open(qtbot, session)
    header = editor.header
    header.date.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is header.date)
    header.date.setCurrentSection(QDateTimeEdit.Section.DaySection)
    first = header.date.currentSection()
    _press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is header.reference
    _press(qtbot, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is header.date
    _press(qtbot, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is header.journal
    header.date.setFocus()
    header.date.setCurrentSection(first)
    for _ in range(3):
        _press(qtbot, Qt.Key.Key_Right)
    assert header.date.currentSection() != first          # Right goes on to the next part


def test_the_current_cell_is_framed(qtbot: QtBot, session: CompanySession) -> None:
    editor = _open(qtbot, session)
    editor.table.go_to(0, Col.LABEL)
    qtbot.waitUntil(editor.table.hasFocus)
    assert editor.table.selectionModel().isSelected(editor.model.index(0, Col.LABEL))
    image = editor.table.viewport().grab().toImage()
    ratio = image.devicePixelRatio()

    def pixel(col: Col, dx: int) -> str:
        rect = editor.table.visualRect(editor.model.index(0, col))
        x, y = rect.left() + dx, rect.center().y()
        return image.pixelColor(round(x * ratio), round(y * ratio)).name()

    assert pixel(Col.LABEL, 1) == FOCUS_MARK.name()
    assert pixel(Col.DEBIT, 1) != FOCUS_MARK.name()


def test_esc_leaves_a_cell_first_then_the_window_asking_about_changes(
        qtbot: QtBot, session: CompanySession, asked: list[str]) -> None:  # noqa: F811
    editor = _open(qtbot, session)
    editor.table.go_to(0, Col.ACCOUNT)
    _type(qtbot, "ban")
    _press(qtbot, Qt.Key.Key_Escape)                     # the cell's edit is dropped, not the entry
    assert editor.isVisible() and QApplication.focusWidget() is editor.table
    assert editor.model.rows[0].account == ""
    editor.header.label.setFocus()
    _type(qtbot, "Loyer")
    _press(qtbot, Qt.Key.Key_Escape)                     # a change: asked before closing
    assert asked == ["save?"] and not editor.isVisible()
