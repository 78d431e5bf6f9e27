"""Allocating a closed year's result, as the general meeting decided it.

The accountant gives the meeting's day and the shares (legal reserve, dividends...); the account
left without an amount takes the rest, which the dialog shows as it is typed. The posting itself is
``Books.allocate_result``: the whole result, once.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ledger.model import Entry, FiscalYear
from app.ledger.money import MoneyError
from app.ui.kit.errors import describe
from app.ui.kit.fmt import date_edit, to_date
from app.ui.kit.session import Change, CompanySession

PROFIT_SHARES = ("1061", "457", "110")
"""Legal reserve, dividends, retained earnings: the usual order of a profit's allocation."""
LOSS_SHARES = ("119",)
"""A loss usually waits on retained earnings (debit balance)."""
ROWS = 5


class AllocationDialog(QDialog):
    """Post the allocation of ``year``'s result (the year must be closed)."""

    def __init__(self, session: CompanySession, year: FiscalYear,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.year = session, year
        self.result: Decimal | None = None
        self.posted: Entry | None = None
        self.setWindowTitle(self.tr("Allocate the result of {0}").format(year.name))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.heading = QLabel(self.tr("Reading the books…"))
        self.heading.setWordWrap(True)
        self.day = date_edit(max(date.today(), year.end.replace(day=1)))
        self.shares = QTableWidget(ROWS, 2)
        self.shares.setHorizontalHeaderLabels([self.tr("Account"), self.tr("Amount")])
        self.shares.horizontalHeader().setStretchLastSection(True)
        self.shares.itemChanged.connect(lambda _item: self._update())
        self.left = QLabel()
        self.message = QLabel()
        self.message.setObjectName("problem")
        self.message.setWordWrap(True)
        self.message.hide()
        form = QFormLayout()
        form.addRow(self.tr("General meeting of the:"), self.day)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.post_button = QPushButton(self.tr("&Post the allocation"))
        self.buttons.addButton(self.post_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.post_button.setEnabled(False)
        self.post_button.clicked.connect(self.post)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Shares (the account without an amount takes the "
                                        "rest):")))
        for widget in (self.shares, self.left, self.message, self.buttons):
            layout.addWidget(widget)
        start = year.start
        session.read(lambda books: books.year_result(start), self._show, parent=self,
                     on_error=lambda exc: self._say(describe(exc)))

    def _show(self, result: Decimal) -> None:
        self.result = result
        amount = self.session.fmt.amount(abs(result))
        self.heading.setText(
            (self.tr("{0} made a profit of {1}, standing on 120 until it is allocated.")
             if result >= 0 else
             self.tr("{0} made a loss of {1}, standing on 129 until it is allocated."))
            .format(self.year.name, amount))
        self.shares.blockSignals(True)
        for row, account in enumerate(PROFIT_SHARES if result >= 0 else LOSS_SHARES):
            self.shares.setItem(row, 0, QTableWidgetItem(account))
        self.shares.blockSignals(False)
        self._update()

    def _say(self, text: str) -> None:
        """A refusal or the posting's number below the shares; hidden when there is none."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def share_map(self) -> dict[str, Decimal | None]:
        """The shares typed: account → amount, or None for the account taking the rest."""
        shares: dict[str, Decimal | None] = {}
        for row in range(self.shares.rowCount()):
            account = (self.shares.item(row, 0) or QTableWidgetItem()).text().strip()
            text = (self.shares.item(row, 1) or QTableWidgetItem()).text().strip()
            if account:
                shares[account] = self.session.fmt.parse_amount(text) if text else None
        return shares

    def _update(self) -> None:
        if self.result is None:
            return
        self._say("")
        try:
            shares = self.share_map()
        except MoneyError as exc:
            self._say(str(exc))
            self.post_button.setEnabled(False)
            return
        given = sum((v for v in shares.values() if v is not None), Decimal(0))
        rest = abs(self.result) - given
        self.left.setText(self.tr("Left for the account without an amount: {0}").format(
            self.session.fmt.amount(rest)))
        self.post_button.setEnabled(bool(shares) and self.result != 0 and self.posted is None
                                    and not self.session.read_only_reason)

    def post(self) -> None:
        try:
            shares = self.share_map()
        except MoneyError as exc:
            self._say(str(exc))
            return
        start, day = self.year.start, to_date(self.day.date())
        self.post_button.setEnabled(False)
        self.session.op(lambda books: books.allocate_result(start, day, shares), Change.ENTRIES,
                        self._posted, parent=self, on_error=self._refused)

    def _posted(self, entry: Entry) -> None:
        self.posted = entry
        self._say("")
        self.left.setText(self.tr("Posted as {0}-{1}.").format(entry.journal, entry.number))
        self.buttons.clear()
        done = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        done.clicked.connect(self.accept)

    def _refused(self, exc: BaseException) -> None:
        self._update()
        self._say(describe(exc))
