"""The reports page for a person at the keyboard and in every language: mnemonics, scrolling,
drill-down from the statements, the Export button, the edition date, amounts' alignment."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPageLayout
from PySide6.QtWidgets import QAbstractButton, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from app.reports.export import ReportTable
from app.store.books import Books
from app.store.company import KeySource
from app.ui.kit import i18n, style
from app.ui.kit.prefs import Prefs
from app.ui.kit.session import CompanySession
from app.ui.reports import legal_print, output, printing
from app.ui.reports.page import ReportsPage
from app.ui.window.shell import MainWindow
from tests.ledger_text import SAMPLE, post_text

PURCHASES = """
    2025-03-11 AC "Fournitures"
      601  100.00
      602  50.00
      401  -150.00 FOURN1
"""


@pytest.fixture
def page(qtbot: QtBot, session: CompanySession) -> ReportsPage:
    post_text(session.books, SAMPLE)
    widget = ReportsPage(session)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def run(page: ReportsPage, kind: str) -> ReportTable:
    page.params.set_kind(kind)
    page.params.set_period(date(2025, 1, 1), date(2025, 12, 31))
    page.run()
    assert page.model.table is not None, page.message.text()
    return page.model.table


def _letters(texts: list[str]) -> list[str]:
    return [m.group(1).casefold() for t in texts if (m := re.search(r"&([^&\s])", t))]


@pytest.mark.parametrize("code", ["en", "fr", "ar"])
def test_no_two_controls_of_the_reports_page_or_menus_share_an_alt_letter(
        code: str, qapp, books: Books, qtbot: QtBot) -> None:
    i18n.install(qapp, code)
    try:
        window = MainWindow(Prefs(language=code), synchronous=True)
        qtbot.addWidget(window)
        page = window.add_company(books, KeySource(key_file=books.path.with_suffix(".key"))
                                  ).show_page("reports")
        assert isinstance(page, ReportsPage)
        page.params.set_kind("trial_balance")  # From and To shown
        shown = [w.text() for w in page.findChildren(QAbstractButton)]
        shown += [w.text() for w in page.findChildren(QLabel)]
        menus = [a.text() for a in window.menuBar().actions()]
        used = Counter(_letters(shown + menus))
        assert len(used) >= 13
        assert [letter for letter, n in used.items() if n > 1] == [], shown + menus
        # the balance sheet's single date reads "At" on the To label: its letter is free too
        at = QCoreApplication.translate("ParamsPanel", "A&t:")
        to = QCoreApplication.translate("ParamsPanel", "&To:")
        assert set(_letters([at])) <= set(_letters([to])) or \
            not set(_letters([at])) & set(used), at
        # Alt+P is Print, Alt+E belongs to the menus: Report and Export take other letters
        report = QCoreApplication.translate("ParamsPanel", "&Report:")
        export = page.export_button.text()
        assert not set(_letters([report, export])) & set(_letters(menus))
    finally:
        i18n.install(qapp, "en")


def test_a_new_report_opens_at_its_top(page: ReportsPage) -> None:
    page.resize(700, 260)
    run(page, "general_ledger")
    bar = page.view.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    page.view.horizontalScrollBar().setValue(page.view.horizontalScrollBar().maximum())
    run(page, "journal")
    assert bar.value() == 0
    assert page.view.horizontalScrollBar().value() == page.view.horizontalScrollBar().minimum()
    assert page.view.currentIndex().row() == 0


def _row_of(table: ReportTable, label: str) -> int:
    return next(i for i, r in enumerate(table.rows) if label in str(r.cells[0]))


def test_a_statement_line_of_one_account_opens_its_lines(page: ReportsPage, qtbot: QtBot
                                                         ) -> None:
    table = run(page, "balance_sheet")
    row = next(i for i, accounts in page.drills.items() if accounts[0][0] == "512")
    assert page.drills[row] == (("512", page.drills[row][0][1]),)
    with qtbot.waitSignal(page.session.account_lines_requested) as signal:
        page.drill(page.model.index(row, 3))
    assert signal.args == ["512", None, table.last]


def test_a_statement_line_of_several_accounts_offers_them(page: ReportsPage, qtbot: QtBot
                                                          ) -> None:
    post_text(page.session.books, PURCHASES)
    table = run(page, "income_statement")
    row = next(i for i, accounts in page.drills.items() if len(accounts) > 1)
    numbers = [number for number, _label in page.drills[row]]
    assert {"601", "602"} <= set(numbers)
    totals = [i for i, r in enumerate(table.rows) if r.style.bold]
    assert not set(totals) & set(page.drills)  # subtotals and totals gather no account
    page.drill(page.model.index(row, 1))
    menu = page.drill_menu
    assert menu is not None
    actions = menu.actions()
    assert [a.text().split()[0] for a in actions] == numbers
    menu.hide()
    with qtbot.waitSignal(page.session.account_lines_requested) as signal:
        actions[numbers.index("602")].trigger()
    assert signal.args == ["602", date(2025, 1, 1), date(2025, 12, 31)]


@pytest.mark.parametrize("direction", [Qt.LayoutDirection.LeftToRight,
                                       Qt.LayoutDirection.RightToLeft])
def test_the_export_button_leaves_room_for_its_arrow(page: ReportsPage,
                                                     direction: Qt.LayoutDirection) -> None:
    page.setStyleSheet(style.stylesheet())
    page.setLayoutDirection(direction)
    run(page, "trial_balance")
    page.layout().activate()
    button = page.export_button
    assert isinstance(button, QPushButton)
    assert button.menu() is page.export_menu
    assert button.text() == "E&xport"
    text = button.fontMetrics().horizontalAdvance("Export")
    assert button.sizeHint().width() >= text + 2 * 26
    assert button.width() >= button.sizeHint().width()
    # the arrow is drawn in the padding, never on the text
    image = button.grab().toImage()
    assert image.width() >= text + 2 * 26


@pytest.mark.parametrize("code", ["fr", "ar"])
def test_the_edition_date_has_a_24_hour_clock_in_french_and_arabic(code: str) -> None:
    text = output.generated_text(code)
    assert legal_print.edition_stamp(code) in text or text.endswith(
        legal_print.edition_stamp(code)[:-1])
    assert re.search(r"\d{1,2}:\d{2}$", text), text
    assert not re.search(r"AM|PM|ص|م$", text), text


def test_arabic_amounts_are_flush_right_so_their_decimals_line_up(
        books: Books, make_session: Callable[..., CompanySession], qtbot: QtBot) -> None:
    post_text(books, SAMPLE)
    session = make_session(books, "ar")
    page = ReportsPage(session)
    qtbot.addWidget(page)
    table = run(page, "trial_balance")
    amount = page.model.index(0, 4)
    label = page.model.index(0, 1)
    align = Qt.ItemDataRole.TextAlignmentRole
    flags = Qt.AlignmentFlag
    assert table.columns[4].numeric
    assert page.model.data(amount, align) & flags.AlignRight
    assert page.model.data(amount, align) & flags.AlignAbsolute  # not mirrored to the left
    assert page.model.headerData(4, Qt.Orientation.Horizontal, align) & flags.AlignAbsolute
    assert not page.model.data(label, align) & flags.AlignAbsolute  # text follows the language
    html = printing.table_html(table.columns, table.rows[:2], session.fmt, rtl=True)
    assert 'align="left"' not in html  # the printed amounts are flush right as well


def test_the_preview_and_the_pdf_take_the_same_pages(page: ReportsPage) -> None:
    table = run(page, "trial_balance")
    printer = output.printer_for(table)
    layout, wanted = printer.pageLayout(), printing.page_layout(table)
    assert layout.orientation() == wanted.orientation() == QPageLayout.Orientation.Landscape
    assert layout.pageSize().id() == wanted.pageSize().id()
    assert layout.margins(QPageLayout.Unit.Millimeter) == wanted.margins(
        QPageLayout.Unit.Millimeter)
