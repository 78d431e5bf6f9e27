"""The main window holds companies in tabs and shows their status."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.store.books import Books
from app.store.company import KeySource
from app.ui.window.shell import MainWindow


def test_a_company_opens_in_a_tab_with_its_status(window: MainWindow, books: Books) -> None:
    view = window.add_company(books, KeySource(key_file=books.path.with_suffix(".key")))
    assert window.current is view
    texts = view.status_texts()
    assert texts[0] == books.company.name
    assert "Fiscal year 2025 (open)" in texts
    assert "Not locked" in texts
    assert window.prefs.recent[0].path == str(books.path.resolve())


def test_every_page_can_be_reached_by_keyboard(window: MainWindow, books: Books,
                                               qtbot: QtBot) -> None:
    view = window.add_company(books, KeySource())
    for number, key in enumerate(view.page_keys(), start=1):
        action = next(a for a in window.findChildren(type(window.menuBar().actions()[0]))
                      if a.shortcut().toString() == f"Ctrl+{number}")
        action.trigger()
        assert view.stack.currentWidget() is view.page(key)


def test_no_two_actions_share_keys_where_both_can_fire(window: MainWindow, books: Books) -> None:
    from app.ui.window.shortcuts import shortcut_list

    view = window.add_company(books, KeySource())
    for key in view.page_keys():
        view.page(key)
    rows = shortcut_list(window, window.current)
    menus = [keys for where, _what, keys in rows if where == "Menus"]
    assert "Ctrl+Q" in menus and "Ctrl+N" in menus and "Ctrl+I" in menus
    for page in {where for where, _what, _keys in rows} - {"Menus"}:
        here = [k for where, _what, keys in rows if where == page for k in keys.split(" / ")]
        clash = set(here) & {k for keys in menus for k in keys.split(" / ")}
        assert not clash, f"{page} reuses the menus' {clash}"
        assert len(here) == len(set(here)), f"{page} binds a key twice: {sorted(here)}"


def test_a_page_switches_the_view_through_its_session(window: MainWindow, books: Books) -> None:
    """The dashboard's cards ask the session, never the view holding them (no import cycle)."""
    view = window.add_company(books, KeySource())
    dashboard = view.page("dashboard")
    dashboard.page_requested.emit("entries")
    assert view.stack.currentWidget() is view.page("entries")
    view.session.page_requested.emit("parties")
    assert view.stack.currentWidget() is view.page("parties")


def test_the_entries_menu_opens_the_recurring_entries(window: MainWindow, books: Books) -> None:
    view = window.add_company(books, KeySource())
    action = next(a for a in window.findChildren(type(window.menuBar().actions()[0]))
                  if a.shortcut().toString() == "Ctrl+Shift+R")
    action.trigger()
    page = view.page("entries")
    assert view.stack.currentWidget() is page
    assert page.recurring_dialog is not None and page.recurring_dialog.isVisible()
