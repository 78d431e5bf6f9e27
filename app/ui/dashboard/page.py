"""The dashboard: where the company stands, the first page an accountant sees.

Cards for cash and bank, receivables, payables, taxes, the result of the year to date and the
drafts waiting, above a chart of revenue and expenses month by month. The figures come from
``app.reports.dashboard`` (aggregates over the maintained balances), read off the UI thread, and
are read again when entries, accounts, fiscal years or the lock date change. The day shown is
today kept inside the current fiscal year, so a finished year shows its last day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QKeyEvent, QKeySequence, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.ledger.model import FiscalYear
from app.reports.dashboard import Dashboard, as_of, dashboard
from app.store import recurring
from app.store.books import Books
from app.ui.dashboard.bar_chart import BarChart, Series, blend
from app.ui.kit.fmt import Formatter, isolate
from app.ui.kit.session import Change, CompanySession

if TYPE_CHECKING:  # the window is imported when first opened, off the start-up path
    from app.ui.entries.recurring_dialog import RecurringDialog

REFRESH_ON = Change.ENTRIES | Change.ACCOUNTS | Change.FISCAL_YEARS | Change.LOCK
CASH_LINES = 4
"""Bank and cash accounts listed by name on their card; the others are counted."""


def _due_count(books: Books, day: date) -> int:
    """How many recurring entries are due up to ``day`` (a worker-thread read)."""
    with books.read() as cur:
        return len(recurring.due(cur, day, books.currency))


def _load(books: Books, current: Callable[[list[FiscalYear]], FiscalYear | None],
          today: date) -> Dashboard:
    """The dashboard of the current fiscal year, on today or the nearest day of that year."""
    return dashboard(books, as_of(current(books.fiscal_years()), today))


def _today() -> date:
    return date.today()


def _larger(font: QFont, factor: float) -> QFont:
    """The interface font, larger and semi-bold: sizes follow the user's font and screen."""
    out = QFont(font)
    if font.pointSizeF() > 0:
        out.setPointSizeF(font.pointSizeF() * factor)
    else:
        out.setPixelSize(round(font.pixelSize() * factor))
    out.setWeight(QFont.Weight.DemiBold)
    return out


def _isolated(text: str) -> str:
    """An amount inside a rich-text sentence: on one line (Qt breaks lines at the narrow space
    that groups French digits) and left-to-right, so that right-to-left text around it cannot
    move its minus sign to the other end (a left-to-right isolate)."""
    return f"<span style=\"white-space:nowrap\">\u2066{text}\u2069</span>"


def _leading(widget: QWidget) -> Qt.AlignmentFlag:
    """The start of the line in the interface's direction, whatever the text's own direction,
    so an amount lines up with the title above it in Arabic too."""
    side = Qt.AlignmentFlag.AlignRight if widget.isRightToLeft() else Qt.AlignmentFlag.AlignLeft
    return side | Qt.AlignmentFlag.AlignAbsolute


class Card(QFrame):
    """A titled figure with a line of detail; clickable when it leads somewhere."""

    activated = Signal()

    def __init__(self, title: str, *, clickable: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.clickable = clickable
        self.title = QLabel(title)
        self.title.setObjectName("cardTitle")
        self.title.setWordWrap(True)
        self.amount = QLabel()
        self.amount.setObjectName("cardAmount")
        self.amount.setFont(_larger(self.font(), 1.75))
        self.detail = QLabel()
        self.detail.setObjectName("cardDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setSizePolicy(QSizePolicy.Policy.Preferred,
                                  QSizePolicy.Policy.MinimumExpanding)
        layout = QVBoxLayout(self)
        for label in (self.title, self.amount, self.detail):
            label.setAlignment(_leading(self))
            layout.addWidget(label)
        layout.addStretch(1)
        if clickable:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def show_figure(self, amount: str, detail: str, color: QColor | None = None) -> None:
        self.amount.setText(amount)
        self.detail.setText(detail)
        palette = self.amount.palette()
        palette.setColor(QPalette.ColorRole.WindowText,
                         color or self.palette().color(QPalette.ColorRole.WindowText))
        self.amount.setPalette(palette)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.clickable and event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
        if self.clickable and event.key() in keys:
            self.activated.emit()
            return
        super().keyPressEvent(event)


class DashboardPage(QWidget):
    """The company at a glance; cards lead to the pages or lines behind them."""

    page_requested = Signal(str)
    """A page key (``entries``, ``parties``): the company view switches to it."""

    def __init__(self, session: CompanySession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.board: Dashboard | None = None
        self._generation = 0
        self.heading = QLabel(self.tr("Overview"))
        self.heading.setFont(_larger(self.font(), 1.4))
        self.as_of = QLabel()
        self.recurring_due = QLabel()
        self.recurring_due.setObjectName("recurringDue")
        self.recurring_due.setTextFormat(Qt.TextFormat.RichText)
        self.recurring_due.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.recurring_due.linkActivated.connect(lambda _link: self.open_recurring())
        self.recurring_due.hide()
        self.recurring_dialog: RecurringDialog | None = None
        self.cards = self._make_cards()
        self.chart = BarChart()
        self.chart.setAccessibleName(self.tr("Revenue and expenses by month"))
        self._layout()
        self._style()
        refresh = QAction(self.tr("Refresh"), self)
        refresh.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        refresh.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.triggered.connect(self.refresh)
        self.addAction(refresh)
        self.page_requested.connect(session.page_requested)
        session.changed.connect(self._changed)
        self.refresh()

    def _make_cards(self) -> dict[str, Card]:
        cards = {
            "cash": Card(self.tr("Cash and bank"), clickable=True),
            "receivables": Card(self.tr("Receivables"), clickable=True),
            "payables": Card(self.tr("Payables"), clickable=True),
            "result": Card(self.tr("Result of the year to date")),
            "taxes": Card(self.tr("Taxes")),
            "drafts": Card(self.tr("Drafts to post"), clickable=True),
        }
        cards["cash"].activated.connect(self._cash_lines)
        cards["cash"].detail.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        cards["cash"].detail.linkActivated.connect(self._account_lines)
        cards["receivables"].activated.connect(lambda: self.page_requested.emit("parties"))
        cards["payables"].activated.connect(lambda: self.page_requested.emit("parties"))
        cards["drafts"].activated.connect(lambda: self.page_requested.emit("entries"))
        return cards

    def _layout(self) -> None:
        header = QHBoxLayout()
        header.addWidget(self.heading)
        header.addStretch(1)
        header.addWidget(self.as_of)
        grid = QGridLayout()
        grid.setSpacing(12)
        order = ("cash", "receivables", "payables", "result", "taxes", "drafts")
        for index, key in enumerate(order):
            grid.addWidget(self.cards[key], index // 3, index % 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        chart_box = QFrame()
        chart_box.setObjectName("card")
        self.chart_title = QLabel(self.tr("Revenue and expenses by month"))
        self.chart_title.setObjectName("cardTitle")
        self.chart_title.setAlignment(_leading(self))
        box = QVBoxLayout(chart_box)
        box.addWidget(self.chart_title)
        box.addWidget(self.chart, 1)
        self.chart.setMinimumHeight(self.fontMetrics().height() * 12)
        content = QWidget()
        content.setObjectName("dashboardContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(18, 14, 18, 18)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addWidget(self.recurring_due)
        layout.addLayout(grid)
        layout.addWidget(chart_box, 1)
        # a short screen scrolls the page rather than squeezing the cards' lines out of sight
        self.scroll = QScrollArea()
        self.scroll.setObjectName("dashboardScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

    def _style(self) -> None:
        """Cards on the palette's base colour, titles muted: sober in light and dark themes."""
        pal = self.palette()
        muted = blend(pal.color(QPalette.ColorRole.WindowText),
                      pal.color(QPalette.ColorRole.Base), 0.6)
        self.setStyleSheet(
            "QFrame#card { background: palette(base); border: 1px solid palette(midlight);"
            " border-radius: 6px; }"
            "QFrame#card:focus { border: 1px solid palette(highlight); }"
            f"QLabel#cardTitle, QLabel#cardDetail {{ color: {muted.name()}; }}"
            "QLabel { background: transparent; border: none; }"
            "QScrollArea#dashboardScroll, QWidget#dashboardContent { background: transparent; }"
        )
        self.as_of.setStyleSheet(f"color: {muted.name()};")

    # --- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the figures again; an answer to an older request is dropped when it arrives."""
        self._generation += 1
        generation = self._generation
        today = _today()

        def done(board: Dashboard) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.show_board(board)

        current = self.session.current_fiscal_year
        self.session.read(lambda books: _load(books, current, today), done, parent=self)

        def due(count: int) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.show_recurring_due(count)

        self.session.read(lambda books: _due_count(books, today), due, parent=self)

    def _changed(self, changes: Change) -> None:
        if changes & REFRESH_ON:
            self.refresh()

    def show_board(self, board: Dashboard) -> None:
        self.board = board
        text = self.tr("As of {0}").format(self._day(board.at))
        if board.lock_date:
            text += "   ·   " + self.tr("Locked up to {0}").format(self._day(board.lock_date))
        self.as_of.setText(text)
        self._show_positions(board)
        self._show_result(board)
        self._show_drafts(board)
        self._show_chart(board)

    def show_recurring_due(self, count: int) -> None:
        """A line above the cards while templates have entries due up to today."""
        text = (self.tr("1 recurring entry due") if count == 1
                else self.tr("{0} recurring entries due").format(self.session.fmt.integer(count)))
        link = self.tr("Propose…")
        self.recurring_due.setText(f"{text} — <a href=\"propose\">{link}</a>")
        self.recurring_due.setVisible(count > 0)

    def open_recurring(self) -> RecurringDialog:
        """The recurring entries window, at the drafts due up to today."""
        from app.ui.entries.recurring_dialog import RecurringDialog

        if self.recurring_dialog is None or not shiboken6.isValid(self.recurring_dialog):
            self.recurring_dialog = RecurringDialog(self.session, self, today=_today)
        self.recurring_dialog.show()
        self.recurring_dialog.raise_()
        self.recurring_dialog.propose()
        return self.recurring_dialog

    def _money(self, value: Decimal) -> str:
        """An amount to put inside a sentence."""
        return _isolated(self.session.fmt.amount(value))

    def _day(self, day: date) -> str:
        """A date to put inside a sentence."""
        return isolate(self.session.fmt.date(day))

    def _show_positions(self, board: Dashboard) -> None:
        amount = self.session.fmt.amount
        lines = [
            f"<a href=\"{a.account.number}\" style=\"text-decoration:none\">{a.account.number} "
            f"{escape(a.account.label(self.session.language.code))}</a>"
            f"&nbsp;&nbsp;{self._money(a.balance)}"
            for a in board.cash_accounts[:CASH_LINES]
        ]
        extra = len(board.cash_accounts) - CASH_LINES
        if extra > 0:
            lines.append(self.tr("and {0} more").format(extra))
        self.cards["cash"].show_figure(
            amount(board.cash), "<br>".join(lines) or self.tr("No bank or cash movement yet"))
        self.cards["receivables"].show_figure(amount(board.receivables),
                                              self.tr("Owed by customers"))
        self.cards["payables"].show_figure(amount(board.payables), self.tr("Owed to suppliers"))
        taxes = (self.tr("Owed to the State") if board.taxes >= 0
                 else self.tr("Credit with the State"))
        self.cards["taxes"].show_figure(amount(abs(board.taxes)), taxes)

    def _show_result(self, board: Dashboard) -> None:
        detail = self.tr("Revenue {0} − expenses {1}").format(
            self._money(board.revenue), self._money(board.expenses))
        if board.year:
            detail += "<br>" + self.tr("Since {0}").format(self._day(board.year[0]))
        self.cards["result"].show_figure(self.session.fmt.amount(board.result), detail,
                                         _result_color(self.palette(), board.result))

    def _show_drafts(self, board: Dashboard) -> None:
        last = (self.tr("Entries posted up to {0}").format(self._day(board.last_posted))
                if board.last_posted else self.tr("Nothing posted yet"))
        self.cards["drafts"].show_figure(self.session.fmt.integer(board.drafts), last)

    def _show_chart(self, board: Dashboard) -> None:
        fmt = self.session.fmt
        months = list(board.months)
        labels = [fmt.month(m.first.year, m.first.month) for m in months]
        pending = _months_after(board)
        labels += [fmt.month(y, m) for y, m in pending]
        pal = self.palette()
        none: list[Decimal | None] = [None] * len(pending)
        revenue = Series(self.tr("Revenue"), pal.color(QPalette.ColorRole.Highlight),
                         tuple([m.revenue for m in months] + none))
        grey = blend(pal.color(QPalette.ColorRole.Text), pal.color(QPalette.ColorRole.Base), 0.45)
        expenses = Series(self.tr("Expenses"), grey, tuple([m.expenses for m in months] + none))
        self.chart.set_data(labels, [revenue, expenses], amount=fmt.amount,
                            tick=lambda v: _tick(fmt, v),
                            empty_text=self.tr("No revenue or expenses posted this year yet"))

    # --- drilling down ----------------------------------------------------------------------

    def _cash_lines(self) -> None:
        """The lines of the only bank or cash account; with several, their links on the card."""
        if self.board is not None and len(self.board.cash_accounts) == 1:
            self._account_lines(self.board.cash_accounts[0].account.number)

    def _account_lines(self, number: str) -> None:
        board = self.board
        if board is not None:
            first = board.year[0] if board.year else None
            self.session.account_lines_requested.emit(number, first, board.at)


def _months_after(board: Dashboard) -> list[tuple[int, int]]:
    """The fiscal year's months after the day shown: drawn empty, so the year reads whole."""
    if not board.year:
        return []
    out = []
    year, month = board.at.year, board.at.month
    end = board.year[1]
    while (year, month) < (end.year, end.month):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        out.append((year, month))
    return out


def _tick(fmt: Formatter, value: Decimal) -> str:
    """An axis label: whole units with the locale's grouping; centimes only on tiny scales."""
    return fmt.integer(int(value)) if value == value.to_integral_value() else fmt.amount(value)


def _result_color(pal: QPalette, value: Decimal) -> QColor | None:
    """Green for a profit, red for a loss, in shades that read on light and dark palettes."""
    if value == 0:
        return None
    dark = pal.color(QPalette.ColorRole.Base).lightness() < 128
    if value > 0:
        return QColor("#7bc98a" if dark else "#1e7b34")
    return QColor("#f08a80" if dark else "#b3261e")

