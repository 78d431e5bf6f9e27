"""The dashboard page: its cards show the figures formatted, its chart a fiscal year of months,
and both follow the books as entries are posted. The bar chart's own geometry is tested here too.
"""

import re
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from app.demo import build_demo
from app.ledger.model import Entry, Line
from app.reports.dashboard import dashboard
from app.store.company import KeySource
from app.ui.dashboard import page as dashboard_module
from app.ui.dashboard.bar_chart import BarChart, Series, nice_scale
from app.ui.dashboard.page import DashboardPage
from app.ui.kit.session import Change, CompanySession
from tests.ledger_text import post_text

SMALL = """
    2025-01-01 OD "Ouverture"
      512  5000.00
      101  -5000.00
    2025-01-15 VT "Facture 1"
      411  1190.00  CLIENT1
      700  -1000.00
      4457 -190.00
    2025-03-10 AC "Achat"
      600  1500.00
      401  -1500.00 FOURN1
"""


def plain(text: str) -> str:
    """A label's text without the direction isolates and no-wrap spans that keep amounts and
    dates whole in Arabic and French."""
    text = re.sub(r'<span style="white-space:nowrap">(.*?)</span>', r"\1", text)
    return "".join(ch for ch in text if ch not in "\u2066\u2067\u2068\u2069")


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch):
    """Pin the page's idea of today (default: after the 2025 fiscal year is over)."""

    def pin(day: date) -> None:
        monkeypatch.setattr(dashboard_module, "_today", lambda: day)

    pin(date(2026, 2, 1))
    return pin


@pytest.fixture
def page(qtbot, session, today):
    post_text(session.books, SMALL)
    widget = DashboardPage(session)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    return widget


def test_cards_show_the_figures_formatted(page):
    cards = page.cards
    assert cards["cash"].amount.text() == "5,000.00"
    assert "512" in cards["cash"].detail.text()
    assert cards["receivables"].amount.text() == "1,190.00"
    assert cards["payables"].amount.text() == "1,500.00"
    assert cards["taxes"].amount.text() == "190.00"
    assert cards["taxes"].detail.text() == "Owed to the State"
    assert cards["result"].amount.text() == "-500.00"
    assert plain(cards["result"].detail.text()) == (
        "Revenue 1,000.00 − expenses 1,500.00<br>Since 01/01/2025")
    assert cards["drafts"].amount.text() == "0"
    assert plain(page.as_of.text()) == "As of 31/12/2025"  # the year is over: its last day


def test_a_loss_shows_red_and_a_profit_green(page, session):
    red = page.cards["result"].amount.palette().color(page.cards["result"].amount.foregroundRole())
    session.op(lambda b: post_text(b, """
        2025-06-01 VT "Vente"
          512  900.00
          706  -900.00
    """), Change.ENTRIES)
    label = page.cards["result"].amount
    green = label.palette().color(label.foregroundRole())
    assert label.text() == "400.00"
    assert red.red() > red.green() and green.green() > green.red()


def test_a_posted_entry_refreshes_the_figures_and_an_unrelated_change_does_not(page, session):
    before = page.board
    session.changed.emit(Change.THIRD_PARTIES)
    assert page.board is before
    entry = Entry("OD", date(2025, 4, 1), "Retrait", (Line("53", debit=Decimal("200.00")),
                                                     Line("512", credit=Decimal("200.00"))))
    session.op(lambda b: b.post(entry), Change.ENTRIES)
    assert page.board is not before
    assert page.cards["cash"].amount.text() == "5,000.00"
    assert "53 " in page.cards["cash"].detail.text()
    session.op(lambda b: b.save_draft(entry), Change.ENTRIES)
    assert page.cards["drafts"].amount.text() == "1"
    session.op(lambda b: b.set_lock_date(date(2025, 1, 31)), Change.LOCK)
    assert "Locked up to 31/01/2025" in plain(page.as_of.text())


def test_the_chart_gets_the_twelve_months_of_the_demo_company(qtbot, tmp_path, make_session,
                                                              today):
    books, _recovery, _count = build_demo(tmp_path / "demo.daftar",
                                          KeySource(key_file=tmp_path / "demo.key"))
    try:
        session = make_session(books)
        page = DashboardPage(session)
        qtbot.addWidget(page)
        expected = dashboard(books, date(2025, 12, 31))
        assert page.chart.labels[0] == session.fmt.month(2025, 1)
        assert page.chart.labels[1:] == tuple(session.fmt.month(2025, m) for m in range(2, 13))
        revenue, expenses = page.chart.series
        assert revenue.values == tuple(m.revenue for m in expected.months)
        assert expenses.values == tuple(m.expenses for m in expected.months)
        assert all(v is not None and v > 0 for v in revenue.values + expenses.values)
        assert page.cards["result"].amount.text() == session.fmt.amount(expected.result)
    finally:
        books.close()


def test_a_year_in_progress_shows_its_months_to_come_empty(qtbot, session, today):
    today(date(2025, 3, 15))
    post_text(session.books, SMALL)
    page = DashboardPage(session)
    qtbot.addWidget(page)
    revenue, expenses = page.chart.series
    assert len(page.chart.labels) == 12
    assert revenue.values[:3] == (Decimal("1000.00"), Decimal("0.00"), Decimal("0.00"))
    assert expenses.values[2] == Decimal("1500.00")
    assert revenue.values[3:] == (None,) * 9
    assert plain(page.as_of.text()) == "As of 15/03/2025"


def test_the_cash_card_opens_the_lines_of_the_only_bank_account(qtbot, page, session):
    with qtbot.waitSignal(session.account_lines_requested) as signal:
        qtbot.mouseClick(page.cards["cash"], Qt.MouseButton.LeftButton)
    assert signal.args == ["512", date(2025, 1, 1), date(2025, 12, 31)]


def test_the_drafts_card_leads_to_the_entries_from_the_keyboard(qtbot, page):
    with qtbot.waitSignal(page.page_requested) as signal:
        qtbot.keyClick(page.cards["drafts"], Qt.Key.Key_Return)
    assert signal.args == ["entries"]


def test_an_empty_company_shows_zeros_and_says_so(qtbot, session, today):
    page = DashboardPage(session)
    qtbot.addWidget(page)
    assert page.cards["cash"].amount.text() == "0.00"
    assert page.cards["cash"].detail.text() == "No bank or cash movement yet"
    assert page.cards["drafts"].detail.text() == "Nothing posted yet"
    assert page.chart.empty_text and not page.grab().isNull()


# --- the bar chart ----------------------------------------------------------------------------


def test_scales_are_round_and_hold_zero():
    assert nice_scale(Decimal("0"), Decimal("4870000"), 5) == (0, 5000000, 1000000)
    assert nice_scale(Decimal("-120"), Decimal("380"), 4) == (-200, 400, 200)
    assert nice_scale(Decimal("0"), Decimal("0"), 4) == (0, 1, Decimal("0.25"))


def _chart(qtbot, direction: Qt.LayoutDirection) -> BarChart:
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.setLayoutDirection(direction)
    chart.resize(600, 300)
    chart.set_data(["Jan", "Feb", "Mar"], [
        Series("Revenue", QColor("steelblue"), (Decimal("10.00"), Decimal("20.50"), None)),
        Series("Expenses", QColor("gray"), (Decimal("5.00"), Decimal("-2.00"), None)),
    ], amount=lambda v: f"{v:.2f}", tick=str)
    return chart


def test_months_run_right_to_left_in_arabic(qtbot):
    ltr = _chart(qtbot, Qt.LayoutDirection.LeftToRight)
    rtl = _chart(qtbot, Qt.LayoutDirection.RightToLeft)
    left, right = QPoint(110, 150), QPoint(540, 150)
    assert (ltr.group_at(left), ltr.group_at(right)) == (0, 2)
    assert (rtl.group_at(left), rtl.group_at(right)) == (2, 0)
    assert ltr.group_at(QPoint(300, 295)) is None  # below the plot, among the labels


def test_the_tooltip_gives_the_exact_amounts_and_arrows_step_through(qtbot):
    chart = _chart(qtbot, Qt.LayoutDirection.RightToLeft)
    assert chart.tooltip_text(1) == "<b>Feb</b><br>Revenue: 20.50<br>Expenses: -2.00"
    assert chart.tooltip_text(2) == "<b>Mar</b>"
    qtbot.keyClick(chart, Qt.Key.Key_Left)  # in Arabic the first month is on the right
    assert chart.hovered == 0
    qtbot.keyClick(chart, Qt.Key.Key_Left)
    assert chart.hovered == 1
    assert not chart.grab().isNull()


def test_a_series_must_match_the_labels(qtbot):
    chart = BarChart()
    qtbot.addWidget(chart)
    with pytest.raises(ValueError, match="one value per label"):
        chart.set_data(["Jan"], [Series("Revenue", QColor("steelblue"), ())],
                       amount=str, tick=str)


def test_the_figures_load_on_a_worker_thread(qtbot, books, english, today):
    """The real, threaded path: the page fills in when the read comes back."""
    post_text(books, SMALL)
    session = CompanySession(books, KeySource(key_file=books.path.with_suffix(".key")),
                             language="en")
    try:
        page = DashboardPage(session)
        qtbot.addWidget(page)
        qtbot.waitUntil(lambda: page.board is not None)
        assert page.cards["cash"].amount.text() == "5,000.00"
    finally:
        session.writer.shutdown()
        session.reader.shutdown()
