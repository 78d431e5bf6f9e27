"""The chart of accounts and the third parties behave alike: same keys, same message line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.ui.kit.session import CompanySession
from app.ui.reference.base import ReferencePage
from app.ui.reference.chart_page import ChartPage
from app.ui.reference.parties_page import ThirdPartiesPage


@pytest.mark.parametrize("page_class", [ChartPage, ThirdPartiesPage])
def test_both_pages_take_the_same_keys(qtbot: QtBot, session: CompanySession,
                                       page_class: type[ReferencePage]) -> None:
    page = page_class(session)
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    keys = {name: [k.toString() for k in getattr(page, name).shortcuts()]
            for name in ("add", "edit", "toggle", "delete")}
    assert keys == {"add": ["Ins", "Ctrl+Shift+A"], "edit": ["F2"], "toggle": ["Ctrl+D"],
                    "delete": ["Del"]}
    view = page.tree if isinstance(page, ChartPage) else page.table
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()


def test_a_refusal_is_said_on_the_message_line(qtbot: QtBot, session: CompanySession,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    page = ChartPage(session)
    qtbot.addWidget(page)
    assert page.select("512")
    monkeypatch.setattr(page, "confirm", lambda _question: True)
    page.delete_account()                       # 512 is a chart account: the store refuses
    assert page.message.text()
    assert "512" in session.books.accounts()
