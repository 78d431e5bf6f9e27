"""The aged balance on the reports page: its options, its table, its detail, its exports."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from app.ledger.model import Entry, Line, ThirdParty, ThirdPartyKind
from app.reports.export import ReportTable, Row, Style
from app.store.books import Books
from app.ui.kit.session import CompanySession
from app.ui.reports.page import ReportsPage
from tests.app.ui.reports.test_report_export import pdf_text, words

D = Decimal
AT = date(2025, 6, 30)


def sale(books: Books, day: date, amount: str, party: str, due: date | None = None) -> Entry:
    return books.post(Entry("VT", day, f"Facture {party} {amount}", (
        Line("411", debit=D(amount), third_party=party, due_date=due),
        Line("700", credit=D(amount)))))


def payment(books: Books, day: date, amount: str, party: str) -> Entry:
    return books.post(Entry("BQ", day, f"Règlement {party}", (
        Line("512", debit=D(amount)), Line("411", credit=D(amount), third_party=party))))


def purchase(books: Books, day: date, amount: str, party: str) -> Entry:
    return books.post(Entry("AC", day, f"Achat {party}", (
        Line("600", debit=D(amount)), Line("401", credit=D(amount), third_party=party))))


def letter(books: Books, entries: list[Entry], code: str, account: str = "411") -> None:
    """What the lettrage writes: the letter on each entry's line on ``account``."""
    with books.write() as cur:
        for entry in entries:
            cur.execute(
                "UPDATE line SET reconciliation = ?, matched_on = '2025-03-01' "
                "WHERE entry_id = ? AND account_id = (SELECT id FROM account WHERE number = ?)",
                (code, entry.id, account))


@pytest.fixture
def page(qtbot: QtBot, session: CompanySession) -> ReportsPage:
    """C1 owes 100 not yet due and 200 over 90 days, of which 50 is paid against a partial
    letter; C2 owes 40 from 45 days ago; F1 is owed 300."""
    books = session.books
    books.add_third_party(ThirdParty("C1", "Client Un", ThirdPartyKind.CUSTOMER))
    books.add_third_party(ThirdParty("C2", "Client Deux", ThirdPartyKind.CUSTOMER))
    books.add_third_party(ThirdParty("F1", "Fournisseur", ThirdPartyKind.SUPPLIER))
    old = sale(books, date(2025, 2, 1), "200.00", "C1")
    paid = payment(books, date(2025, 3, 1), "50.00", "C1")
    letter(books, [old, paid], "A")
    sale(books, date(2025, 5, 16), "40.00", "C2")
    sale(books, date(2025, 6, 20), "100.00", "C1", due=date(2025, 7, 20))
    purchase(books, date(2025, 6, 1), "300.00", "F1")
    widget = ReportsPage(session)
    qtbot.addWidget(widget)
    widget.resize(1024, 600)
    widget.show()
    return widget


def run(page: ReportsPage, *, payables: bool = False, detail: bool = False,
        low: str = "", high: str = "") -> ReportTable:
    page.params.set_kind("aged_balance")
    page.params.set_period(date(2025, 1, 1), AT)
    page.params.set_aged(payables, detail)
    page.params.low.setText(low)
    page.params.high.setText(high)
    page.run()
    assert page.model.table is not None, page.message.text()
    return page.model.table


def shown_text(page: ReportsPage, row: int, column: int) -> str:
    return str(page.model.index(row, column).data())


def test_the_options_show_for_the_aged_balance_only(page: ReportsPage) -> None:
    page.params.set_kind("aged_balance")
    assert page.params.side.isVisibleTo(page) and page.params.detail.isVisibleTo(page)
    assert page.params.low.isVisibleTo(page)
    assert not page.params.first.isVisibleTo(page)
    assert page.params.period_text(page.session.fmt).startswith("At ")
    page.params.set_kind("trial_balance")
    assert not page.params.side.isVisibleTo(page)
    assert not page.params.detail.isVisibleTo(page)


def test_receivables_by_party_and_bucket(page: ReportsPage) -> None:
    table = run(page)
    assert table.title == "Aged receivables"
    assert [c.title for c in table.columns] == [
        "Third party", "Name", "Not yet due", "0–30 days", "31–60 days", "61–90 days",
        "> 90 days", "Total"]
    assert [r.cells for r in table.rows] == [
        ("C1", "Client Un", D("100.00"), D(0), D(0), D(0), D("150.00"), D("250.00")),
        ("C2", "Client Deux", D(0), D(0), D("40.00"), D(0), D(0), D("40.00")),
        ("", "Total", D("100.00"), D(0), D("40.00"), D(0), D("150.00"), D("290.00"))]
    assert table.rows[-1].style is Style.TOTAL
    assert shown_text(page, 0, 3) == ""  # an empty bucket reads blank
    assert shown_text(page, 0, 7) == "250.00"
    assert page.heading.text() == "Aged receivables — At 30/06/2025"


def test_payables_are_what_suppliers_are_owed(page: ReportsPage) -> None:
    table = run(page, payables=True)
    assert table.title == "Aged payables"
    assert [(r.cells[0], r.cells[-1]) for r in table.rows] == [
        ("F1", D("300.00")), ("", D("300.00"))]
    assert table.rows[0].cells[3] == D("300.00")  # due on its date, 29 days ago


def test_an_account_range_reads_those_accounts(page: ReportsPage) -> None:
    table = run(page, low="401", high="401", payables=True)
    assert [r.cells[0] for r in table.rows] == ["F1", ""]
    table = run(page, low="401", high="401")
    assert table.rows[0].cells[-1] == D("-300.00")  # receivables' sign: a credit balance


def detail_rows(table: ReportTable) -> list[Row]:
    return [r for r in table.rows if r.style is Style.NORMAL]


def test_the_detail_lists_the_open_lines_under_their_party(page: ReportsPage) -> None:
    table = run(page, detail=True)
    titles = [c.title for c in table.columns]
    assert titles[:6] == ["Party / entry", "Name / label", "Date", "Due date", "Letter",
                          "Days overdue"]
    assert [(r.style, r.cells[0]) for r in table.rows] == [
        (Style.SECTION, "C1"), (Style.NORMAL, "VT-1"), (Style.NORMAL, "BQ-1"),
        (Style.NORMAL, "VT-3"), (Style.SECTION, "C2"), (Style.NORMAL, "VT-2"),
        (Style.TOTAL, "")]
    by_entry = {r.cells[0]: r for r in detail_rows(table)}
    old = by_entry["VT-1"]
    assert old.cells[1:6] == ("Facture C1 200.00", date(2025, 2, 1), date(2025, 2, 1), "a",
                              str((AT - date(2025, 2, 1)).days))
    assert old.cells[10] == D("200.00") and old.cells[11] == D("200.00")
    assert old.cells[6:10] == (None, None, None, None)
    assert by_entry["BQ-1"].cells[4] == "a"  # partial letter: lower case
    assert all(r.entry_id for r in detail_rows(table)), "Enter on a line opens its entry"
    assert by_entry["BQ-1"].cells[11] == D("-50.00")
    not_due = by_entry["VT-3"]
    assert not_due.cells[5] == "" and not_due.cells[6] == D("100.00")
    # each party's bucket is the sum of the lines under it
    party = table.rows[0]
    for column in range(6, 12):
        assert party.cells[column] == sum(
            (r.cells[column] or D(0) for r in table.rows[1:4]), D(0))
    page.view.setCurrentIndex(page.model.index(1, 0))
    assert shown_text(page, 1, 3) == "01/02/2025"


def test_a_party_row_drills_into_its_open_lines(page: ReportsPage) -> None:
    run(page)
    page.drill(page.model.index(1, 1))  # C2
    table = page.model.table
    assert table is not None and page.shown_params is not None
    assert page.shown_params.detail and page.params.detail.isChecked()
    assert page.view.currentIndex().row() == 4
    assert table.rows[4].cells[0] == "C2"
    page.drill(page.model.index(4, 0))  # the detail's party row stays put
    assert page.model.table is table


def test_the_total_row_does_not_drill(page: ReportsPage) -> None:
    table = run(page)
    page.drill(page.model.index(len(table.rows) - 1, 1))
    assert page.model.table is table
    assert page.shown_params is not None and not page.shown_params.detail


def test_exports_hold_the_detail(page: ReportsPage, tmp_path: Path) -> None:
    run(page, detail=True)
    page.export_to("csv", tmp_path / "aged.csv")
    with (tmp_path / "aged.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    flat = [cell for row in rows for cell in row]
    assert "Days overdue" in flat and "VT-1" in flat and "Client Deux" in flat
    page.export_to("xlsx", tmp_path / "aged.xlsx")
    sheet = load_workbook(tmp_path / "aged.xlsx").active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "BQ-1" in values and 290 in values
    page.export_to("pdf", tmp_path / "aged.pdf")
    text = words(pdf_text(tmp_path / "aged.pdf"))
    assert "Aged receivables" in text and "Client Un" in text and "> 90 days" in text
    assert "290.00" in text


def test_the_summary_total_stays_on_a_1024_pixel_screen(page: ReportsPage, qtbot: QtBot) -> None:
    """The window's navigation leaves the page about 850 pixels at 1024: the party names
    give way so that no amount, the total least of all, is off to the side."""
    page.resize(850, 600)
    run(page)
    qtbot.waitUntil(lambda: page.view.viewport().width() < 850)
    header = page.view.horizontalHeader()
    assert header.length() <= page.view.viewport().width()
