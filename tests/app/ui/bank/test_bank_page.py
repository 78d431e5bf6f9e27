"""The bank page: import a statement, accept a suggestion with Enter, match by hand, and see the
reconciliation agree, on a real company file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from app.ledger.bank_rules import Rule
from app.store import bank
from app.store.books import Books
from app.ui.bank.page import BankPage
from app.ui.kit.session import CompanySession
from tests.bank_samples import write_camt
from tests.ledger_text import post_text


@pytest.fixture
def page(qtbot: QtBot, make_books: Callable[..., Books],
         make_session: Callable[[Books], CompanySession]) -> BankPage:
    books = make_books()
    widget = BankPage(make_session(books))
    qtbot.addWidget(widget)
    widget.resize(1024, 600)
    widget.show()
    widget.set_day(date(2025, 3, 31))
    return widget


def statement_file(path: Path) -> Path:
    """The sample camt.053 statement, in the books' currency."""
    write_camt(path)
    path.write_text(path.read_text(encoding="utf-8").replace("EUR", "DZD"), encoding="utf-8")
    return path


def select(view, rows: list[int]) -> None:
    model, selection = view.model(), view.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    if rows:
        selection.setCurrentIndex(model.index(rows[0], 0),
                                  QItemSelectionModel.SelectionFlag.NoUpdate)


def labels(page: BankPage) -> list[str]:
    return [row.line.label for row in page.statement_model.rows]


def test_import_post_by_rule_and_match_by_hand(page: BankPage, tmp_path: Path,
                                               qtbot: QtBot) -> None:
    books = page.session.books
    bank_account = page.current_account
    assert bank_account.startswith("512")
    assert "No statement imported" in page.summary.text()
    page.import_file(statement_file(tmp_path / "mars.xml"), journal="BQ")
    assert "3 new lines, 0 already imported" in page.message.text()
    assert labels(page) == ["Facture 12", "Carrefour", "Frais"]
    assert "Difference" in page.summary.text()

    page.import_file(statement_file(tmp_path / "again.xml"), journal="BQ")
    assert "0 new lines, 3 already imported" in page.message.text()

    post_text(books, f"""
        2025-03-02 BQ "Règlement client"
          {bank_account}  300.00
          411  -300.00  C1
    """)
    with books.write() as cur:  # a company rule for the bank's fees
        bank.add_rule(cur, Rule(name="Frais", label_contains="frais", account="627"))
    page.refresh()
    fees = labels(page).index("Frais")
    assert "627" in page.statement_model.data(page.statement_model.index(fees, 3))
    select(page.statement_view, [fees])
    assert "Enter accepts it" in page.selection.text(), "the reason is shown for the line"
    page.statement_view.setFocus()
    qtbot.keyClick(page.statement_view, Qt.Key.Key_Return)
    assert "Posted BQ-2" in page.message.text(), page.message.text()
    assert labels(page) == ["Facture 12", "Carrefour"]

    page.refresh()
    assert len(page.ledger_model.rows) == 1  # the fees entry is matched: not among them
    select(page.statement_view, [0])
    select(page.ledger_view, [0])
    assert page.match_action.isEnabled(), page.selection.text()
    page.match_selected()
    assert labels(page) == ["Carrefour"]
    assert "Matched 1 statement lines with 1 book lines" in page.message.text()


def test_match_stays_off_until_the_amounts_agree(page: BankPage, tmp_path: Path) -> None:
    page.import_file(statement_file(tmp_path / "mars.xml"), journal="BQ")
    post_text(page.session.books, f"""
        2025-03-04 BQ "Courses"
          600  40.00
          {page.current_account}  -40.00
    """)
    page.refresh()
    carrefour = labels(page).index("Carrefour")
    select(page.statement_view, [carrefour])
    select(page.ledger_view, [0])
    assert not page.match_action.isEnabled()
    assert "difference" in page.selection.text()


def test_the_reconciliation_statement_as_pdf_and_spreadsheet(page: BankPage,
                                                             tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from tests.app.ui.reports.test_report_export import pdf_text, words

    assert not page.report_action.isEnabled(), "nothing to state before a statement"
    page.import_file(statement_file(tmp_path / "mars.xml"), journal="BQ")
    assert page.report_action.isEnabled()
    page.write_report(tmp_path / "rapprochement.pdf")
    assert "written to" in page.message.text()
    text = words(pdf_text(tmp_path / "rapprochement.pdf"))
    assert "Carrefour" in text and "Test SCF" in text
    page.write_report(tmp_path / "rapprochement.xlsx")
    sheet = load_workbook(tmp_path / "rapprochement.xlsx").active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any("Carrefour" in c for c in cells)


def test_the_date_follows_the_last_statement_until_one_is_chosen(
        qtbot: QtBot, make_books: Callable[..., Books],
        make_session: Callable[[Books], CompanySession], tmp_path: Path) -> None:
    widget = BankPage(make_session(make_books()))
    qtbot.addWidget(widget)
    widget.import_file(statement_file(tmp_path / "mars.xml"), journal="BQ")
    assert widget.day.date().toPython() == date(2025, 3, 31), "the statement's last day"
    widget.set_day(date(2025, 3, 4))
    assert [row.line.label for row in widget.statement_model.rows] == ["Facture 12"]


def test_f8_walks_the_pairs_left_to_check(page: BankPage, tmp_path: Path) -> None:
    """A deposit of two cheques booked one by one is never matched by itself: F8 selects the
    three lines with the reason, Ctrl+Enter matches them."""
    post_text(page.session.books, f"""
        2025-03-02 BQ "Chèque 1"
          {page.current_account}  100.00
          411  -100.00  C1
        2025-03-02 BQ "Chèque 2"
          {page.current_account}  200.00
          411  -200.00  C1
    """)
    page.import_file(statement_file(tmp_path / "mars.xml"), journal="BQ")
    page.auto_match()
    assert "1 possible pairs left" in page.message.text(), page.message.text()
    page.next_proposal()
    assert [page.statement_model.rows[r].line.label
            for r in page.selected_statement_rows()] == ["Facture 12"]
    assert len(page.selected_ledger_rows()) == 2
    assert "Possible pair" in page.message.text()
    assert page.match_action.isEnabled()
    page.match_selected()
    assert labels(page) == ["Carrefour", "Frais"]
    page.next_proposal()
    assert page.message.text() == "No possible pair left to check."
