"""Every window fits the screen it opens on, down to 1024×600, and remembers its place per screen.

The offscreen screen is 800×800; a smaller or larger one is had by replacing
``window_fit.available`` (the screen less its taskbar), the one place the screen is asked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from app.store.books import Books
from app.store.company import KeySource
from app.ui.dashboard.page import DashboardPage
from app.ui.entries.editor import EntryEditor
from app.ui.entries.lines_model import Col
from app.ui.kit import window_fit
from app.ui.kit.prefs import Prefs
from app.ui.kit.session import CompanySession
from app.ui.reports.page import LEAST_LABEL, ReportsPage
from app.ui.window.shell import MainWindow
from app.ui.window.shortcuts import shortcut_list
from tests.ledger_text import SAMPLE, post_text

SMALL = QRect(0, 0, 1024, 600 - window_fit.MIN_TASKBAR)
"""A 1024×600 netbook screen less its taskbar."""
LAPTOP = QRect(0, 0, 1366, 768 - 40)


@pytest.fixture
def screen_area(monkeypatch: pytest.MonkeyPatch) -> Callable[[QRect], None]:
    def use(area: QRect) -> None:
        monkeypatch.setattr(window_fit, "available", lambda _screen: area)

    use(SMALL)
    return use


def _key(widget) -> str:
    return window_fit.screen_key(window_fit.screen_of(widget))


def _make_window(qtbot: QtBot, prefs: Prefs) -> MainWindow:
    win = MainWindow(prefs, synchronous=True)
    qtbot.addWidget(win)
    return win


@pytest.mark.parametrize("area", [SMALL, LAPTOP])
def test_the_window_opens_inside_the_screen(qtbot: QtBot, english: None, screen_area,
                                            area: QRect) -> None:
    screen_area(area)
    win = _make_window(qtbot, Prefs(language="en"))
    room = window_fit.room(window_fit.screen_of(win))
    assert room.contains(win.geometry())
    assert area.contains(win.geometry().adjusted(-8, -32, 8, 8)), "frame and title bar fit too"
    assert win.width() == min(1280, room.width())


def test_the_minimum_size_fits_a_1024x600_screen_with_every_page(
        qtbot: QtBot, english: None, screen_area, books: Books) -> None:
    win = _make_window(qtbot, Prefs(language="en"))
    view = win.add_company(books, KeySource())
    win.show()
    smallest = window_fit.smallest_client()
    for key in view.page_keys():
        view.show_page(key)
        hint = win.minimumSizeHint().expandedTo(win.minimumSize())
        assert hint.width() <= smallest.width() and hint.height() <= smallest.height(), key


def test_the_geometry_is_remembered_per_screen_and_used_only_if_it_fits(
        qtbot: QtBot, english: None, screen_area) -> None:
    screen_area(LAPTOP)
    prefs = Prefs(language="en")
    first = _make_window(qtbot, prefs)
    first.setGeometry(QRect(100, 80, 1000, 600))
    first.save_layout()
    key = _key(first)
    assert prefs.window_geometry("main", key) == [100, 80, 1000, 600]

    again = _make_window(qtbot, prefs)
    assert again.geometry() == QRect(100, 80, 1000, 600)

    screen_area(SMALL)  # same screen name and size, smaller room: the saved place no longer fits
    small = _make_window(qtbot, prefs)
    assert window_fit.room(window_fit.screen_of(small)).contains(small.geometry())

    prefs.remember_window("main", "another screen 1920x1080", [0, 0, 1900, 1000])
    assert prefs.window_geometry("main", key) == [100, 80, 1000, 600]


def _editor(qtbot: QtBot, session: CompanySession, parent=None) -> EntryEditor:
    editor = EntryEditor(session, None, parent)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_the_entry_editor_fits_a_small_screen_with_every_column_and_button(
        qtbot: QtBot, screen_area, books: Books, make_session, qapp, language: str) -> None:
    from app.ui.kit import i18n

    i18n.install(qapp, language)
    editor = _editor(qtbot, make_session(books, language))
    room = window_fit.room(window_fit.screen_of(editor))
    assert room.contains(editor.geometry())
    assert editor.minimumSizeHint().width() <= window_fit.smallest_client().width()
    table = editor.table
    header = table.horizontalHeader()
    last = max(header.sectionViewportPosition(c) + header.sectionSize(c) for c in Col)
    assert last <= table.viewport().width(), "Debit, Credit and Tax are in sight"
    assert header.sectionSize(Col.LABEL) >= header.minimumSectionSize()
    for button in editor.findChildren(QToolButton):
        shown = QRect(button.mapTo(editor, button.rect().topLeft()), button.size())
        assert editor.rect().contains(shown), button.text()


def test_the_entry_editor_remembers_its_size(qtbot: QtBot, english: None, screen_area,
                                             session: CompanySession) -> None:
    screen_area(LAPTOP)
    window = _make_window(qtbot, Prefs(language="en"))
    editor = _editor(qtbot, session, window)
    editor.resize(900, 500)
    editor.close()
    assert window.prefs.window_geometry("editor", _key(window)) == [900, 500]
    again = _editor(qtbot, session, window)
    assert again.size() == QSize(900, 500)
    wide = _editor(qtbot, session, None)  # no preferences: its natural size, fitted
    assert wide.width() > 900 and not wide.buttons.wrapped
    again.close()
    wide.close()


def test_the_trial_balance_keeps_a_readable_label_column(
        qtbot: QtBot, session: CompanySession) -> None:
    post_text(session.books, SAMPLE)
    page = ReportsPage(session)
    qtbot.addWidget(page)
    page.resize(600, 500)
    page.show()
    page.params.set_kind("trial_balance")
    page.params.set_period(date(2025, 1, 1), date(2025, 12, 31))
    page.run()
    char = page.view.fontMetrics().horizontalAdvance("0")
    assert page.view.columnWidth(1) >= LEAST_LABEL * char
    assert page.view.horizontalScrollBar().maximum() > 0, "the amounts scroll instead"
    page.resize(1800, 500)
    QApplication.processEvents()
    total = sum(page.view.columnWidth(c) for c in range(page.model.columnCount()))
    assert total == page.view.viewport().width(), "on a wide screen the labels take the room"


def test_dashboard_cards_never_clip_their_lines(qtbot: QtBot, session: CompanySession) -> None:
    post_text(session.books, SAMPLE)
    page = DashboardPage(session)
    qtbot.addWidget(page)
    page.resize(820, 420)
    page.show()
    qtbot.waitExposed(page)
    QApplication.processEvents()
    for key, card in page.cards.items():
        for label in (card.title, card.amount, card.detail):
            needed = (label.heightForWidth(label.width()) if label.wordWrap()
                      else label.sizeHint().height())
            assert label.height() >= needed, f"{key}: {label.text()}"
    assert page.scroll.verticalScrollBar().maximum() > 0, "the page scrolls instead"


def test_f1_lists_every_page_of_the_current_company(window: MainWindow, books: Books,
                                                    make_session) -> None:
    first = window.add_company(books, KeySource())
    assert not first.is_built("reports")
    rows = shortcut_list(window, window.current)
    places = {where for where, _what, _keys in rows}
    assert {"Reports", "Dashboard", "Chart of accounts"} <= places
    assert ("Reports", "Run the report", "F5") in rows
    assert shortcut_list(window, None) == [r for r in rows if r[0] == "Menus"]


@pytest.mark.parametrize("kind", ["general_ledger", "journal"])
def test_the_line_reports_show_every_column_on_a_1024_screen(
        qtbot: QtBot, english: None, screen_area, books: Books, kind: str) -> None:
    """At 1024×600 the general ledger's balance (the journal's credit) once sat off screen:
    a line's label yields to 18 characters so the amounts stay in view."""
    post_text(books, SAMPLE)
    win = _make_window(qtbot, Prefs(language="en"))
    view = win.add_company(books, KeySource())
    win.show()
    page = view.show_page("reports")
    assert isinstance(page, ReportsPage)
    page.params.set_kind(kind)
    page.params.set_period(date(2025, 1, 1), date(2025, 12, 31))
    page.run()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    QApplication.processEvents()
    assert page.view.horizontalScrollBar().maximum() == 0
    char = page.view.fontMetrics().horizontalAdvance("0")
    label = 2 if kind == "general_ledger" else 3
    assert page.view.columnWidth(label) >= 18 * char
