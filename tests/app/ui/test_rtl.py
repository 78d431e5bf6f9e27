"""In Arabic the whole window reads right to left, in Arabic words.

The screenshot is kept: in the test's folder, and in ``$DAFTAR_TEST_ARTIFACTS`` when set (CI
uploads that folder), so a reviewer can look at the right-to-left layout without a screen.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from app.store.books import Books
from app.store.company import KeySource
from app.ui import i18n_tool
from app.ui.kit import i18n
from app.ui.kit.prefs import Prefs
from app.ui.kit.style import apply_style
from app.ui.window.shell import MainWindow


def test_the_arabic_window_is_right_to_left(qapp, english: None, books: Books, qtbot: QtBot,
                                            tmp_path: Path) -> None:
    i18n.install(qapp, "ar")
    window = MainWindow(Prefs(language="ar"), synchronous=True)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    view = window.add_company(books, KeySource(key_file=books.path.with_suffix(".key")))
    view.show_page("settings")

    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    nav_left = view.nav.mapTo(window, QPoint(0, 0)).x()
    page_left = view.stack.mapTo(window, QPoint(0, 0)).x()
    assert nav_left > page_left, "the navigation should be on the right"
    assert nav_left + view.nav.width() >= window.width() - 2

    arabic = i18n_tool.messages(i18n_tool.ts_file("ar"))[("MainWindow", "&File", "")]
    assert arabic and arabic != "&File"
    assert window.menuBar().actions()[0].text() == arabic

    style, palette, sheet = qapp.style().name(), qapp.palette(), qapp.styleSheet()
    apply_style(qapp)
    try:
        shot = tmp_path / "main-window-ar.png"
        assert window.grab().save(str(shot))
    finally:
        qapp.setStyleSheet(sheet)
        qapp.setStyle(style)
        qapp.setPalette(palette)
    assert shot.stat().st_size > 10_000
    artifacts = os.environ.get("DAFTAR_TEST_ARTIFACTS")
    if artifacts:
        Path(artifacts).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(artifacts) / shot.name)


def test_every_date_edit_of_every_page_reads_in_one_order(qapp, english: None, books: Books,
                                                          qtbot: QtBot) -> None:
    """Arabic once showed 1/1/2025 in one field and 2025/6/30 in the status bar of one screen:
    every date edit takes the interface's one format (``fmt.date_edit_format``)."""
    from PySide6.QtWidgets import QDateEdit

    from app.ui.entries.editor import EntryEditor
    from app.ui.kit.fmt import date_edit_format

    i18n.install(qapp, "ar")
    window = MainWindow(Prefs(language="ar"), synchronous=True)
    qtbot.addWidget(window)
    view = window.add_company(books, KeySource(key_file=books.path.with_suffix(".key")))
    for key in view.page_keys():
        view.show_page(key)
    editor = EntryEditor(view.session, None, None)
    qtbot.addWidget(editor)
    edits = [*window.findChildren(QDateEdit), *editor.findChildren(QDateEdit)]
    assert len(edits) >= 5
    expected = date_edit_format()
    assert "yyyy" in expected and "\u200f" not in expected
    assert {edit.displayFormat() for edit in edits} == {expected}
