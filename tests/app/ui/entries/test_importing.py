"""Importing a journal from the window: posted in one go, or refused, or cancelled, never half."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.store.books import Books
from app.ui.entries import importing
from app.ui.kit.session import CompanySession
from tests.journal_gen import write_journal

GOOD = """entry_no,date,journal,account,account_label,label,debit,credit,third_party
1,2025-02-01,VT,411,,Facture 1,1190.00,,Client Un
1,2025-02-01,VT,700,,Facture 1,,1000.00,
1,2025-02-01,VT,4457,,Facture 1,,190.00,
"""


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the user is told, instead of modal message boxes."""
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    return said


def posted(books: Books) -> int:
    with books.read() as cur:
        return cur.execute("SELECT count(*) FROM entry WHERE status = 'posted'").fetchone()[0]


def test_a_journal_is_imported_and_the_user_told_what_was_posted(
    session: CompanySession, tmp_path: Path, boxes: list[str]
) -> None:
    path = tmp_path / "ventes.csv"
    path.write_text(GOOD, encoding="utf-8")
    changes = []
    session.changed.connect(changes.append)
    importing.import_file(None, session, path)
    assert posted(session.books) == 1
    assert boxes == ["1 entries (3 lines) from ventes.csv were posted."]
    assert changes and changes[0] & importing.Change.ENTRIES


def test_a_bad_row_is_named_and_nothing_is_imported(
    session: CompanySession, tmp_path: Path, boxes: list[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(GOOD.replace("1000.00", "1000,0,0"), encoding="utf-8")
    importing.import_file(None, session, path)
    assert posted(session.books) == 0
    assert len(boxes) == 1 and "bad.csv, row 3" in boxes[0]


def test_cancel_during_a_long_import_leaves_the_books_as_they_were(
    make_session, make_books, tmp_path: Path, boxes: list[str], qtbot: QtBot
) -> None:
    books = make_books(name="threaded")
    session = make_session(books)
    session.writer.synchronous = False
    path = write_journal(tmp_path / "long.csv", 150_000)
    handle = importing.import_file(None, session, path)
    qtbot.waitUntil(lambda: handle.progress.done > 0, timeout=60_000)
    handle.cancel()
    qtbot.waitUntil(lambda: handle.done, timeout=60_000)
    assert posted(books) == 0
    assert boxes == [], "a cancelled import needs no message"
