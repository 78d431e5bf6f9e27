"""The general ledger and the journal on the paged model: the first screen at once, memory
bounded however far one scrolls, and exports and printouts read again from the books, complete.

The limits (page size, resident pages, the printout's cap, a sheet's rows) are turned down so
that a few thousand lines show what a few million would.
"""

from __future__ import annotations

import csv
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.reports.balances import trial_balance
from app.reports.export import ReportTable, Style
from app.store.books import Books
from app.ui.kit.session import CompanySession
from app.ui.kit.tasks import Progress
from app.ui.reports import ledger_output, ledger_rows
from app.ui.reports.ledger_model import LedgerModel
from app.ui.reports.page import ReportsPage
from app.ui.reports.tables import Params
from tests.ledger_text import many_entries

START, END = date(2025, 1, 1), date(2025, 12, 31)
ENTRIES = 1500
"""Two lines each: a general ledger of 3,000 lines over four accounts."""
PAGE, RESIDENT = 50, 4


@pytest.fixture
def long_books(books: Books) -> Books:
    books.post_many(many_entries(ENTRIES))
    return books


@pytest.fixture
def page(long_books: Books, session: CompanySession, qtbot: QtBot,
         monkeypatch: pytest.MonkeyPatch) -> ReportsPage:
    monkeypatch.setattr(LedgerModel, "PAGE_SIZE", PAGE)
    monkeypatch.setattr(LedgerModel, "MAX_RESIDENT_PAGES", RESIDENT)
    widget = ReportsPage(session)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def run(page: ReportsPage, kind: str) -> None:
    page.params.set_kind(kind)
    page.params.set_period(START, END)
    page.run()
    assert page.model.table is not None, page.message.text()


def scroll_to_end(page: ReportsPage) -> int:
    """Fetch every page as a view scrolling down does; returns the most rows ever resident."""
    model, most = page.model, 0
    assert isinstance(model, LedgerModel)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        page.view.scrollToBottom()
        most = max(most, model.resident_rows)
    return most


def test_a_long_general_ledger_shows_its_first_page_at_once_and_stays_bounded(
        page: ReportsPage, long_books: Books, qtbot: QtBot) -> None:
    began = time.monotonic()
    run(page, "general_ledger")
    assert time.monotonic() - began < 5
    assert page.model is page.ledger_model
    assert page.model.rowCount() == PAGE  # one page read, not the whole ledger
    assert page.view.currentIndex().row() == 0
    first = page.model.row(0)
    assert first is not None and first.style is Style.SECTION
    heading = page.model.index(0, 2)            # the label column: its whole text on hover
    assert page.model.data(heading, Qt.ItemDataRole.ToolTipRole) == page.model.data(heading)
    assert page.model.data(page.model.index(1, 6), Qt.ItemDataRole.ToolTipRole) is None
    most = scroll_to_end(page)
    plan = ledger_rows.plan_query(long_books, Params("general_ledger", START, END),
                                  count=True).plan
    assert plan.lines == 2 * ENTRIES
    assert page.model.rowCount() == plan.rows
    assert most <= PAGE * RESIDENT
    assert page.model.resident_rows <= PAGE * RESIDENT
    last = page.model.row(page.model.rowCount() - 1)
    assert last is not None and last.style is Style.TOTAL
    tb = trial_balance(long_books, START, END)
    assert last.cells[4:6] == (tb.total("debit"), tb.total("credit"))
    middle = PAGE * 3
    assert page.model.row(middle) is None  # dropped; read again from its key when painted
    page.view.scrollTo(page.model.index(middle, 2))
    assert page.model.data(page.model.index(middle, 2)) == "…"
    qtbot.waitUntil(lambda: page.model.row(middle) is not None)
    assert page.model.resident_rows <= PAGE * RESIDENT


def test_switching_reports_swaps_the_models_and_lets_the_rows_go(page: ReportsPage) -> None:
    run(page, "journal")
    assert page.model is page.ledger_model and page.model.columnCount() == 7
    run(page, "trial_balance")
    assert page.model is page.report_model and page.view.model() is page.report_model
    assert page.ledger_model.rowCount() == 0 and page.ledger_model.table is None


def test_a_csv_export_holds_every_line_beyond_the_old_cap(
        page: ReportsPage, long_books: Books, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ledger_rows, "PRINT_CAP", 100)
    monkeypatch.setattr(ledger_rows, "READ_PAGE", 37)
    run(page, "general_ledger")
    path = tmp_path / "gl.csv"
    page.export_to("csv", path)
    assert page.last_export == path
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    plan = ledger_rows.plan_query(long_books, Params("general_ledger", START, END),
                                  count=True).plan
    assert len(rows) == 1 + plan.rows  # the header, then every row
    assert sum(1 for r in rows[1:] if r[0]) == 2 * ENTRIES  # each line has its date
    tb = trial_balance(long_books, START, END)
    assert [Decimal(v) for v in rows[-1][4:6]] == [tb.total("debit"), tb.total("credit")]


def test_a_journal_to_xlsx_is_complete_and_refused_beyond_a_sheet(
        page: ReportsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(page, "journal")
    path = tmp_path / "journal.xlsx"
    page.export_to("xlsx", path)
    sheet = load_workbook(path).active
    assert sheet.max_row == 6 + 2 * ENTRIES + 1  # heading rows, the lines, the total
    assert "1,048,576 rows" in ledger_output.too_many_rows_text(2_000_000)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    monkeypatch.setattr(ledger_output, "XLSX_MAX_ROWS", 1000)
    refused = tmp_path / "refused.xlsx"
    page.export_to("xlsx", refused)
    assert not refused.exists() and not list(tmp_path.glob("*.part"))
    assert "3,001 rows" in warned[0] and "Export it to CSV" in warned[0]
    assert page.message.text() == warned[0]


def test_an_export_reports_progress_towards_the_plans_row_count(
        long_books: Books, session: CompanySession, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    progress = Progress(lambda done, total, _text: seen.append((done, total)))
    params = Params("general_ledger", START, END)
    frame = ReportTable("general_ledger", "General ledger", "Co", "2025",
                        ledger_rows.columns("general_ledger"))
    path, note = ledger_output.write(long_books, params, frame, "csv", tmp_path / "gl.csv",
                                     session, "now", progress)
    total = 2 * ENTRIES + 3 * 4 + 1
    assert note == "" and path.exists()
    assert seen[-1] == (total, total)


def test_a_printout_beyond_the_cap_says_so_in_the_document_and_on_screen(
        page: ReportsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ledger_rows, "PRINT_CAP", 40)
    run(page, "general_ledger")
    path = tmp_path / "gl.pdf"
    page.export_to("pdf", path)
    assert path.exists()
    assert "Only the first 40 lines are printed" in page.message.text()
    previewed: list[QDialog] = []
    monkeypatch.setattr(QDialog, "exec", lambda dialog: previewed.append(dialog) or 0)
    page.message.clear()
    page.print_preview()
    assert len(previewed) == 1
    assert "Only the first 40 lines" in page.message.text()
    previewed[0].deleteLater()
