"""From an amount of the trial balance to the account's lines, and from a line to its entry."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication
from pytestqt.qtbot import QtBot

from app.ledger.model import Entry, Line
from app.store.company import KeySource
from app.ui.kit.session import CompanySession
from app.ui.reports.drill import AccountLinesWindow, LinesModel
from app.ui.reports.page import ReportsPage
from app.ui.window.shell import MainWindow
from tests.ledger_text import SAMPLE, key_file_of, post_text

D = Decimal
YEAR = (date(2025, 1, 1), date(2025, 12, 31))

BANK = """
    2025-01-10 BQ "Apport"
      512  1000.00
      101  -1000.00
    2025-02-03 BQ "Frais"
      627  20.00
      512  -20.00
    2025-02-04 BQ "Frais 2"
      627  30.00
      512  -30.00
    2025-03-05 BQ "Encaissement"
      512  400.00
      706  -400.00
    2025-04-06 BQ "Retrait"
      53   100.00
      512  -100.00
"""


def double_click(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex) -> None:
    """Qt's view acts on a double click only after a press on the same cell."""
    view.scrollTo(index)
    center = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)


@pytest.fixture
def tb_page(qtbot: QtBot, session: CompanySession) -> ReportsPage:
    post_text(session.books, SAMPLE)
    page = ReportsPage(session)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    page.params.set_kind("trial_balance")
    page.params.set_period(date(2025, 1, 1), date(2025, 6, 30))
    page.run()
    return page


def row_of(page: ReportsPage, account: str) -> int:
    return next(r for r in range(page.model.rowCount()) if page.model.row(r).account == account)


def test_double_click_on_a_trial_balance_amount_asks_for_the_accounts_lines(
    tb_page: ReportsPage, qtbot: QtBot
) -> None:
    asked: list[tuple[str, object, object]] = []
    tb_page.session.account_lines_requested.connect(lambda *args: asked.append(args))
    double_click(qtbot, tb_page.view, tb_page.model.index(row_of(tb_page, "411"), 4))
    assert asked == [("411", date(2025, 1, 1), date(2025, 6, 30))]


def test_enter_on_a_row_drills_down_too(tb_page: ReportsPage, qtbot: QtBot) -> None:
    tb_page.view.setCurrentIndex(tb_page.model.index(row_of(tb_page, "700"), 5))
    tb_page.view.setFocus()
    with qtbot.waitSignal(tb_page.session.account_lines_requested) as asked:
        qtbot.keyClick(tb_page.view, Qt.Key.Key_Return)
    assert asked.args == ["700", date(2025, 1, 1), date(2025, 6, 30)]


def test_the_total_row_leads_nowhere(tb_page: ReportsPage) -> None:
    asked: list[object] = []
    tb_page.session.account_lines_requested.connect(lambda *args: asked.append(args))
    tb_page.drill(tb_page.model.index(tb_page.model.rowCount() - 1, 4))
    assert asked == []


def lines_window(qtbot: QtBot, session: CompanySession, number: str, first: date | None,
                 last: date) -> AccountLinesWindow:
    window = AccountLinesWindow(session, number, first, last)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_window_lists_the_lines_with_a_running_balance_and_opens_entries(
    qtbot: QtBot, session: CompanySession
) -> None:
    entries = post_text(session.books, SAMPLE)
    window = lines_window(qtbot, session, "411", *YEAR)
    model = window.model
    assert model.rowCount() == 2
    cells = [[model.data(model.index(r, c)) for c in range(7)] for r in range(2)]
    assert cells[0][1:] == ["VT-1", "Facture 1", "CLIENT1", "1,190.00", "", "1,190.00"]
    assert cells[1][1:] == ["BQ-1", "Règlement", "CLIENT1", "", "1,190.00", "0.00"]
    assert "Customers" in window.heading.text()
    opened: list[object] = []
    session.open_entry_requested.connect(opened.append)
    double_click(qtbot, window.view, model.index(1, 2))
    assert opened == [entries[1].id]


def test_lines_come_a_page_at_a_time_after_the_opening_balance(
    qtbot: QtBot, session: CompanySession, monkeypatch: pytest.MonkeyPatch
) -> None:
    post_text(session.books, BANK)
    monkeypatch.setattr(LinesModel, "PAGE_SIZE", 2)
    window = lines_window(qtbot, session, "512", date(2025, 2, 1), YEAR[1])
    model = window.model
    assert "1,000.00" in window.opening.text()  # January's deposit, before the range
    assert model.rowCount() == 2
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 4
    balances = [model.data(model.index(r, 6), Qt.ItemDataRole.UserRole) for r in range(4)]
    assert balances == [D("980.00"), D("950.00"), D("1350.00"), D("1250.00")]


def test_the_shell_opens_the_window_on_request(window: MainWindow, books, qtbot: QtBot) -> None:
    post_text(books, SAMPLE)
    view = window.add_company(books, KeySource(key_file=key_file_of(books)))
    view.session.account_lines_requested.emit("411", *YEAR)
    opened = [w for w in window.findChildren(AccountLinesWindow)]
    assert len(opened) == 1
    assert opened[0].model.rowCount() == 2
    opened[0].close()


def test_scrolling_a_long_account_keeps_few_pages_and_reads_dropped_ones_with_their_balances(
    qtbot: QtBot, session: CompanySession, monkeypatch: pytest.MonkeyPatch
) -> None:
    count = 120
    session.books.post_many([Entry("BQ", date(2025, 2, 1) + timedelta(days=n // 4), f"Op {n}", (
        Line("512", debit=D(n + 1)), Line("706", credit=D(n + 1)))) for n in range(count)])
    monkeypatch.setattr(LinesModel, "PAGE_SIZE", 10)
    monkeypatch.setattr(LinesModel, "MAX_RESIDENT_PAGES", 4)  # a screen's pages and the last
    window = lines_window(qtbot, session, "512", *YEAR)
    model, view = window.model, window.view
    qtbot.waitExposed(window)

    def balances(first: int, last: int) -> list[object]:
        return [model.data(model.index(r, 6), Qt.ItemDataRole.UserRole)
                for r in range(first, last)]

    first_page = balances(0, 10)
    assert first_page == [D((n + 1) * (n + 2) // 2) for n in range(10)]
    for _ in range(count):  # the view at the bottom asks for the next page, as a user scrolls
        if not model.canFetchMore(QModelIndex()):
            break
        view.scrollToBottom()
        QApplication.processEvents()
        model.fetchMore(QModelIndex())
        assert model.resident_rows <= 4 * 10
    assert model.rowCount() == count
    assert not model.canFetchMore(QModelIndex())
    assert model.resident_rows <= 4 * 10
    assert model.row_at(0) is None  # the first page's rows were dropped
    assert balances(count - 1, count) == [D(count * (count + 1) // 2)]

    view.scrollToTop()
    qtbot.waitUntil(lambda: model.row_at(0) is not None)  # painted, so read again
    assert balances(0, 10) == first_page
    middle = 5 * 10
    assert model.row_at(middle) is None
    view.scrollTo(model.index(middle, 0), QAbstractItemView.ScrollHint.PositionAtTop)
    qtbot.waitUntil(lambda: model.row_at(middle) is not None)
    assert balances(middle, middle + 10) == [D((n + 1) * (n + 2) // 2)
                                             for n in range(middle, middle + 10)]
    assert model.resident_rows <= 4 * 10

    opened: list[object] = []
    session.open_entry_requested.connect(opened.append)
    window.open_entry(model.index(middle, 2))
    assert opened == [model.row_at(middle).entry_id]
