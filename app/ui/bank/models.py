"""The two lists of the bank page: statement lines the books lack, book lines the statement lacks.

Both hold what one read returned (open lines only: a few hundred in a month's work, a few
thousand when a year is taken on at once), so they are plain table models without paging.
Amounts are signed the bank's way, money in positive, on both sides: a statement line and the
ledger line it pairs with show the same figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app.ledger.bank_rules import Suggestion
from app.ledger.money import from_minor
from app.store.bank import BankLine
from app.store.bank_reconcile import OpenLedgerLine
from app.ui.kit.fmt import Formatter

Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True, slots=True)
class StatementRow:
    line: BankLine
    suggestion: Suggestion | None


def suggestion_text(suggestion: Suggestion | None, party_names: dict[str, str]) -> str:
    """``6061 — SONELGAZ``: where the suggestion would post the line."""
    if suggestion is None:
        return ""
    party = suggestion.third_party
    if not party:
        return suggestion.account
    return f"{suggestion.account} — {party_names.get(party, party)}"


class StatementLinesModel(QAbstractTableModel):
    """Statement lines not yet matched, each with its suggested counterpart (why, on hover
    and under the lists for the current line)."""

    def __init__(self, fmt: Formatter) -> None:
        super().__init__()
        self.fmt = fmt
        self.rows: list[StatementRow] = []
        self.party_names: dict[str, str] = {}

    def headings(self) -> list[str]:
        tr = QCoreApplication.translate
        return [tr("bank", "Date"), tr("bank", "Label"), tr("bank", "Amount"),
                tr("bank", "Suggestion")]

    def set_rows(self, rows: list[StatementRow], party_names: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows, self.party_names = rows, party_names
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headings()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        line = row.line
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self.fmt.date(line.booking_date)
            if column == 1:
                return " — ".join(part for part in (line.label, line.counterparty) if part)
            if column == 2:
                return self.fmt.amount(line.amount)
            return suggestion_text(row.suggestion, self.party_names)
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return self.data(index)
        if role == Qt.ItemDataRole.ToolTipRole and column == 3 and row.suggestion:
            return row.suggestion.reason
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return _RIGHT
        return None

    def amount(self, row: int) -> Decimal:
        return self.rows[row].line.amount


class LedgerLinesModel(QAbstractTableModel):
    """Posted lines on the bank account not yet matched with a statement line."""

    def __init__(self, fmt: Formatter) -> None:
        super().__init__()
        self.fmt = fmt
        self.rows: list[OpenLedgerLine] = []

    def headings(self) -> list[str]:
        tr = QCoreApplication.translate
        return [tr("bank", "Date"), tr("bank", "Entry"), tr("bank", "Label"),
                tr("bank", "Amount")]

    def set_rows(self, rows: list[OpenLedgerLine]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headings()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self.fmt.date(line.day)
            if column == 1:
                return f"{line.journal}-{line.number}"
            if column == 2:
                return " — ".join(part for part in (line.label, line.reference) if part)
            return self.fmt.amount(self.amount(index.row()))
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            return self.data(index)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return _RIGHT
        return None

    def amount(self, row: int) -> Decimal:
        return from_minor(self.rows[row].amount, self.fmt.currency)
