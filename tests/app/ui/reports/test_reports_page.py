"""The reports page runs each report over a small ledger written in the test."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from app.ledger.model import Entry, FiscalYear, Line
from app.reports.export import ReportTable, Row, Style
from app.store.books import Books
from app.ui.kit.session import Change, CompanySession
from app.ui.kit.tasks import Progress
from app.ui.reports.ledger_rows import capped_table, plan_query
from app.ui.reports.model import RowRole
from app.ui.reports.page import ReportsPage
from app.ui.reports.params import default_period
from app.ui.reports.tables import Params
from tests.ledger_text import SAMPLE, post_text

D = Decimal


@pytest.fixture
def page(qtbot: QtBot, session: CompanySession) -> ReportsPage:
    post_text(session.books, SAMPLE)
    widget = ReportsPage(session)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


VEHICLE = """
    2025-06-01 OD "Véhicule"
      2182  1000.00
      404  -1000.00  FOURN1
    2025-12-31 OD "Dotation"
      681  200.00
      2818  -200.00
    2025-12-31 OD "Dette véhicule en emprunt"
      404  1000.00  FOURN1
      164  -1000.00
"""
"""A vehicle bought on credit and depreciated by 200; its supplier paid by a loan."""


def run(page: ReportsPage, kind: str, first: date = date(2025, 1, 1),
        last: date = date(2025, 12, 31)) -> ReportTable:
    page.params.set_kind(kind)
    page.params.set_period(first, last)
    page.run()
    assert page.model.table is not None, page.message.text()
    return page.model.table


def shown_rows(page: ReportsPage) -> list[Row]:
    """Every row of the report shown (the small ledgers here fit in the resident pages)."""
    rows = [page.model.row(r) for r in range(page.model.rowCount())]
    assert all(row is not None for row in rows)
    return rows  # type: ignore[return-value]


def by_account(page: ReportsPage) -> dict[str, int]:
    return {page.model.row(r).account: r for r in range(page.model.rowCount())
            if page.model.row(r).account}


def shown(page: ReportsPage, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole
          ) -> object:
    return page.model.data(page.model.index(row, column), role)


def test_trial_balance_shows_the_ledgers_figures(page: ReportsPage) -> None:
    run(page, "trial_balance")
    rows = by_account(page)
    assert set(rows) == {"401", "411", "4457", "512", "600", "700"}
    # columns: account, label, opening Dr/Cr, debit, credit, closing Dr/Cr
    assert [shown(page, rows["411"], c) for c in range(2, 8)] == [
        "", "", "1,190.00", "1,190.00", "", ""]
    assert shown(page, rows["700"], 5) == "1,000.00"
    assert shown(page, rows["700"], 7) == "1,000.00"
    assert shown(page, rows["512"], 6) == "1,190.00"
    assert shown(page, rows["411"], 1) == "Customers"  # the label in the session's language
    assert shown(page, rows["411"], 4, Qt.ItemDataRole.UserRole) == D("1190.00")
    alignment = shown(page, rows["411"], 4, Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight
    total = page.model.rowCount() - 1
    assert page.model.row(total).style is Style.TOTAL
    assert shown(page, total, 4) == shown(page, total, 5) == "2,880.00"
    assert shown(page, total, 4, Qt.ItemDataRole.FontRole).bold()
    assert "Trial balance" in page.heading.text()


def test_an_account_range_narrows_the_trial_balance(page: ReportsPage) -> None:
    page.params.low.setText("4")
    page.params.high.setText("419")
    run(page, "trial_balance")
    assert set(by_account(page)) == {"401", "411"}


def test_statements_balance_and_show_the_result(page: ReportsPage) -> None:
    sheet = run(page, "balance_sheet")
    totals = [r for r in sheet.rows if r.style is Style.TOTAL]
    assert [r.cells[3] for r in totals] == [D("1190.00"), D("1190.00")]  # bank 1190 = …
    assert [r.cells[4] for r in totals] == [D("0.00"), D("0.00")]  # no 2024: N-1 is zero
    assert not page.params.first.isVisible()
    income = run(page, "income_statement")
    assert income.rows[-1].style is Style.TOTAL
    assert income.rows[-1].cells[1:] == (D("500.00"), D("0.00"))  # sales 1000 − purchases 500


def test_balance_sheet_shows_gross_depreciation_net_and_subtotals(page: ReportsPage) -> None:
    post_text(page.session.books, VEHICLE)
    sheet = run(page, "balance_sheet")
    assert [c.title for c in sheet.columns[1:4]] == ["Gross", "Depreciation and impairment",
                                                     "Net"]
    subtotals = {r.cells[0]: r.cells[1:] for r in sheet.rows if r.style is Style.SUBTOTAL}
    assert subtotals["Total non-current assets"][:3] == (D("1000.00"), D("200.00"),
                                                         D("800.00"))
    totals = [r for r in sheet.rows if r.style is Style.TOTAL]
    assert totals[0].cells[3] == totals[1].cells[3] == D("1990.00")  # 1190 + 800 net


def test_cash_flow_report_ends_on_the_change_in_cash(page: ReportsPage) -> None:
    table = run(page, "cash_flow")
    assert not page.params.low.isVisible()
    net = [r for r in table.rows if r.style is Style.TOTAL]
    assert [r.cells for r in net] == [("Net change in cash (A+B+C)", D("1190.00"), D("0.00"))]
    assert "Cash-flow statement" in page.heading.text()


def test_journal_report_filters_by_journal_and_lines_open_their_entry(
    page: ReportsPage, qtbot: QtBot
) -> None:
    page.params.set_kind("journal")
    page.params.journal.setCurrentIndex(page.params.journal.findData("VT"))
    run(page, "journal")
    rows = shown_rows(page)
    lines = [r for r in rows if r.entry_id is not None]
    assert [r.cells[2] for r in lines] == ["411", "700", "4457"]
    assert rows[-1].cells[5:] == (D("1190.00"), D("1190.00"))
    with qtbot.waitSignal(page.session.open_entry_requested) as opened:
        page.drill(page.model.index(0, 3))
    assert opened.args == [lines[0].entry_id]


def double_click(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex) -> None:
    """A real double click: Qt's view acts on it only after a press on the same cell."""
    view.scrollTo(index)
    center = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)


def test_general_ledger_runs_each_account_and_a_line_opens_its_entry(
    page: ReportsPage, qtbot: QtBot
) -> None:
    run(page, "general_ledger")
    rows = shown_rows(page)
    r411 = [r for r in rows if r.account == "411" and r.entry_id is not None]
    assert [r.cells[-1] for r in r411] == [D("1190.00"), D("0.00")]  # running balance
    row = rows.index(r411[1])
    with qtbot.waitSignal(page.session.open_entry_requested) as opened:
        double_click(qtbot, page.view, page.model.index(row, 2))
    assert opened.args == [r411[1].entry_id]
    assert rows[-1].cells[4:6] == (D("2880.00"), D("2880.00"))
    heading = next(i for i, r in enumerate(rows) if r.style is Style.SECTION)
    with qtbot.waitSignal(page.session.account_lines_requested) as drilled:
        page.drill(page.model.index(heading, 2))  # an account's row shows its lines
    assert drilled.args[0] == rows[heading].account


def test_a_long_general_ledger_is_printed_cut_with_a_note(books: Books) -> None:
    post_text(books, SAMPLE)
    frame = ReportTable("general_ledger", "GL", "Co", "", ())
    params = Params("general_ledger", date(2025, 1, 1), date(2025, 12, 31))
    table = capped_table(books, plan_query(books, params), frame, Progress(), cap=3)
    assert sum(1 for r in table.rows if r.entry_id is not None) == 3
    assert "first 3 lines" in table.note
    assert all(r.style is not Style.TOTAL for r in table.rows)  # no misleading totals


def test_third_party_balances(page: ReportsPage) -> None:
    table = run(page, "third_parties")
    assert {(r.cells[0], r.cells[3], r.cells[6]) for r in table.rows[:-1]} == {
        ("CLIENT1", "411", D("0.00")), ("FOURN1", "401", D("-500.00"))}


def test_dates_across_a_year_end_are_refused_in_words(page: ReportsPage) -> None:
    page.params.set_kind("trial_balance")
    page.params.set_period(date(2025, 6, 1), date(2026, 3, 31))
    page.run()
    assert page.model.table is None
    assert "fiscal year" in page.message.text()
    page.params.set_period(date(2025, 6, 1), date(2025, 3, 31))
    page.run()
    assert "before the start" in page.message.text()


def test_default_period_is_the_fiscal_year_to_date() -> None:
    year = FiscalYear(date(2025, 1, 1), date(2025, 12, 31))
    assert default_period(year, date(2025, 5, 20)) == (date(2025, 1, 1), date(2025, 5, 20))
    assert default_period(year, date(2026, 2, 1)) == (date(2025, 1, 1), date(2025, 12, 31))


def test_the_page_defaults_to_the_current_fiscal_year(page: ReportsPage) -> None:
    year = page.session.books.fiscal_years()[0]
    assert page.params.range() == default_period(year, date.today())


def test_a_change_to_the_books_marks_the_report_out_of_date_and_f5_refreshes(
    page: ReportsPage, qtbot: QtBot
) -> None:
    run(page, "trial_balance")
    entry = Entry("BQ", date(2025, 4, 1), "Apport", (
        Line("512", debit=D("100.00")), Line("101", credit=D("100.00"))))
    done: list[object] = []
    page.session.op(lambda b: b.post(entry), Change.ENTRIES, done.append)
    assert done
    assert "out of date" in page.message.text()
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_F5)
    assert "101" in by_account(page)
    assert page.message.text() == ""


def test_export_actions_wait_for_a_report(page: ReportsPage) -> None:
    assert not page.export_button.isEnabled()
    assert not page.print_action.isEnabled()
    run(page, "trial_balance")
    assert page.export_button.isEnabled()
    assert page.export_actions["xlsx"].isEnabled()


def test_rows_carry_their_drill_targets(page: ReportsPage) -> None:
    run(page, "trial_balance")
    row = page.model.data(page.model.index(by_account(page)["512"], 0), RowRole)
    assert row.account == "512"
    assert row.entry_id is None


def test_labels_follow_the_session_language(
    books: Books, make_session: Callable[..., CompanySession], qtbot: QtBot
) -> None:
    post_text(books, SAMPLE)
    session = make_session(books, "fr")
    page = ReportsPage(session)
    qtbot.addWidget(page)
    run(page, "trial_balance")
    rows = by_account(page)
    assert shown(page, rows["411"], 1) == "Clients"
    assert shown(page, rows["411"], 4) == f"1{session.fmt.group}190,00"
