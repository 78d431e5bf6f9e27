"""The report chooser and its parameters: dates, account range, journal.

Only the parameters the chosen report uses are shown: a single "at" date for the balance sheet,
third-party balances and aged balance, an account range for the trial balance, general ledger and
aged balance, a journal for the journal, and for the aged balance its side (receivables or
payables) and whether to list the open lines. Dates default to the current fiscal year up to
today. Mistakes are caught here, in words, before any report runs.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.ledger.model import FiscalYear, Journal
from app.reports import periods
from app.ui.kit.fmt import Formatter, date_edit, to_date, to_qdate
from app.ui.reports.tables import KINDS, Params, report_title

RANGE_KINDS = ("trial_balance", "general_ledger", "aged_balance")
AT_KINDS = ("balance_sheet", "third_parties", "aged_balance")
AGED_ROW = 4
"""The form row of the aged balance's options: receivables or payables, and the detail."""


def default_period(year: FiscalYear | None, today: date) -> tuple[date, date]:
    """The current fiscal year up to today (the whole year if today lies outside it)."""
    if year is None:
        return date(today.year, 1, 1), today
    if year.start <= today <= year.end:
        return year.start, today
    return year.start, year.end


class ParamsPanel(QWidget):
    """Emits ``kind_changed`` when another report is chosen."""

    kind_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(report_title(kind), kind)
        self.first = self._date_edit()
        self.last = self._date_edit()
        digits = QRegularExpressionValidator(QRegularExpression("[0-9]{0,12}"), self)
        self.low, self.high = QLineEdit(), QLineEdit()
        for edit, hint in ((self.low, self.tr("first, e.g. 4")),
                           (self.high, self.tr("last, e.g. 419"))):
            edit.setValidator(digits)
            edit.setPlaceholderText(hint)
            edit.setClearButtonEnabled(True)
        self.journal = QComboBox()
        self.journal.addItem(self.tr("All journals"), None)
        self.side = QComboBox()
        self.side.addItem(self.tr("Receivables (owed by customers)"), False)
        self.side.addItem(self.tr("Payables (owed to suppliers)"), True)
        self.detail = QCheckBox(self.tr("Show the &open lines"))
        self._build()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    @staticmethod
    def _date_edit() -> QDateEdit:
        return date_edit()

    def _build(self) -> None:
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("&Report:"), self.kind)
        dates = QHBoxLayout()
        self.first_label = QLabel(self.tr("Fro&m:"))
        self.first_label.setBuddy(self.first)
        self.last_label = QLabel(self.tr("&To:"))
        self.last_label.setBuddy(self.last)
        for widget in (self.first_label, self.first, self.last_label, self.last):
            dates.addWidget(widget)
        dates.addStretch(1)
        form.addRow(self.tr("Dates:"), dates)
        accounts = QHBoxLayout()
        accounts.addWidget(self.low)
        accounts.addWidget(QLabel("–"))
        accounts.addWidget(self.high)
        accounts.addStretch(1)
        self.accounts_label = QLabel(self.tr("A&ccounts:"))
        self.accounts_label.setBuddy(self.low)
        form.addRow(self.accounts_label, accounts)
        self.journal_label = QLabel(self.tr("&Journal:"))
        self.journal_label.setBuddy(self.journal)
        form.addRow(self.journal_label, self.journal)
        options = QHBoxLayout()
        options.addWidget(self.side)
        options.addWidget(self.detail)
        options.addStretch(1)
        self.side_label = QLabel(self.tr("&Side:"))
        self.side_label.setBuddy(self.side)
        form.addRow(self.side_label, options)
        self.form = form
        self.setTabOrder(self.kind, self.first)
        self.setTabOrder(self.first, self.last)
        self.setTabOrder(self.last, self.low)
        self.setTabOrder(self.low, self.high)
        self.setTabOrder(self.high, self.journal)
        self.setTabOrder(self.journal, self.side)
        self.setTabOrder(self.side, self.detail)

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def set_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(KINDS.index(kind))

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        single = kind in AT_KINDS
        self.first.setVisible(not single)
        self.first_label.setVisible(not single)
        self.last_label.setText(self.tr("A&t:") if single else self.tr("&To:"))
        self.form.setRowVisible(2, kind in RANGE_KINDS)
        self.form.setRowVisible(3, kind == "journal")
        self.form.setRowVisible(AGED_ROW, kind == "aged_balance")
        self.kind_changed.emit(kind)

    def set_period(self, first: date, last: date) -> None:
        self.first.setDate(to_qdate(first))
        self.last.setDate(to_qdate(last))

    def set_journals(self, journals: dict[str, Journal]) -> None:
        chosen = self.journal.currentData()
        while self.journal.count() > 1:
            self.journal.removeItem(1)
        for code, journal in sorted(journals.items()):
            self.journal.addItem(f"{code} — {journal.label}", code)
        index = self.journal.findData(chosen)
        self.journal.setCurrentIndex(max(index, 0))

    def range(self) -> tuple[date | None, date]:
        last = to_date(self.last.date())
        return (None if self.current_kind() in AT_KINDS else to_date(self.first.date())), last

    def params(self, language: str) -> Params:
        first, last = self.range()
        ranged = self.current_kind() in RANGE_KINDS
        low = self.low.text().strip() if ranged else ""
        high = self.high.text().strip() if ranged else ""
        journal = self.journal.currentData() if self.current_kind() == "journal" else None
        aged = self.current_kind() == "aged_balance"
        return Params(self.current_kind(), first, last, low or None, high or None, journal,
                      language, payables=aged and bool(self.side.currentData()),
                      detail=aged and self.detail.isChecked())

    def set_aged(self, payables: bool, detail: bool) -> None:
        """The aged balance's options: what is owed to suppliers or by customers, and whether
        each open line is listed."""
        self.side.setCurrentIndex(1 if payables else 0)
        self.detail.setChecked(detail)

    def problem(self, years: list[FiscalYear], fmt: Formatter) -> str:
        """Why these parameters cannot give a report, in words; empty if they can."""
        first, last = self.range()
        if first is not None and last < first:
            return self.tr("The end date is before the start date.")
        if first is not None:
            year = periods.year_of(years, first)
            if year is not None and year != periods.year_of(years, last):
                return self.tr("The dates cross the end of the fiscal year on {0}: choose dates "
                               "within one fiscal year.").format(fmt.date(year[1]))
        low, high = self.low.text().strip(), self.high.text().strip()
        if self.current_kind() in RANGE_KINDS and low and high and high < low[: len(high)]:
            return self.tr("The last account comes before the first.")
        return ""

    def period_text(self, fmt: Formatter) -> str:
        first, last = self.range()
        if first is None:
            return self.tr("At {0}").format(fmt.date(last))
        return self.tr("From {0} to {1}").format(fmt.date(first), fmt.date(last))
