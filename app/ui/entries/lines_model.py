"""The lines of the entry being edited, as a table model of plain editable rows.

Amounts are ``Decimal`` from the moment they are typed: the model parses the text with the
session's formatter and keeps, for text that is not an amount, what was typed and why it was
refused, so the editor can say so at once. Rows that hold nothing are ignored when the entry is
built; a blank row may carry a *proposed* amount (the one that balances the entry), drawn
muted until the row gets an account.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from app.ledger.model import Line
from app.ledger.money import ZERO, MoneyError
from app.ui.entries.catalog import Catalog
from app.ui.kit.fmt import Formatter

PROBLEM_BACKGROUND = QColor("#fbe3e1")
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class Col(IntEnum):
    ACCOUNT = 0
    LABEL = 1
    THIRD_PARTY = 2
    DEBIT = 3
    CREDIT = 4
    TAX = 5


AMOUNT_COLUMNS = (Col.DEBIT, Col.CREDIT)


def column_title(col: Col) -> str:
    tr = QCoreApplication.translate
    return {Col.ACCOUNT: tr("EntryLinesModel", "Account"),
            Col.LABEL: tr("EntryLinesModel", "Label"),
            Col.THIRD_PARTY: tr("EntryLinesModel", "Third party"),
            Col.DEBIT: tr("EntryLinesModel", "Debit"),
            Col.CREDIT: tr("EntryLinesModel", "Credit"),
            Col.TAX: tr("EntryLinesModel", "Tax")}[col]


@dataclass(slots=True)
class LineRow:
    """One line as the user is writing it: possibly incomplete, possibly wrong."""

    account: str = ""
    label: str = ""
    third_party: str = ""
    debit: Decimal = ZERO
    credit: Decimal = ZERO
    due_date: date | None = None
    tax: str = ""
    bad: dict[Col, tuple[str, str]] = field(default_factory=dict)
    """Amount cells whose text is not an amount: the text typed and the reason."""
    proposed: bool = False
    """The amounts were proposed by the editor to balance the entry, not typed."""

    @classmethod
    def from_line(cls, line: Line) -> LineRow:
        return cls(line.account, line.label, line.third_party or "", line.debit, line.credit,
                   line.due_date, line.tax or "")

    def is_blank(self) -> bool:
        """Nothing typed: a proposed amount alone does not count."""
        typed_amount = (self.debit or self.credit) and not self.proposed
        return not (self.account or self.label or self.third_party or typed_amount or self.bad
                    or self.tax)

    def to_line(self) -> Line:
        return Line(self.account, self.debit, self.credit, self.label, self.third_party or None,
                    self.due_date, self.tax or None)


class EntryLinesModel(QAbstractTableModel):
    """Editable lines; read-only when the entry is posted."""

    edited = Signal()
    """The user changed the entry's lines (not a mere proposal or a blank line added)."""

    def __init__(self, fmt: Formatter, catalog: Catalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fmt = fmt
        self.catalog = catalog
        self.rows: list[LineRow] = [LineRow()]
        self.read_only = False
        self.marks: dict[tuple[int, Col], str] = {}

    # --- Qt model -----------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Col)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return column_title(Col(section))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if section in AMOUNT_COLUMNS else LEFT
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base if self.read_only else base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], Col(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_text(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if col in AMOUNT_COLUMNS else LEFT
        if role == Qt.ItemDataRole.BackgroundRole and (index.row(), col) in self.marks:
            return PROBLEM_BACKGROUND
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.marks.get((index.row(), col)) or self._tooltip(row, col)
        if role == Qt.ItemDataRole.ForegroundRole and self._is_proposal(row, col):
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.FontRole and self._is_proposal(row, col):
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def setData(self, index: QModelIndex, value: object,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if self.read_only or not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row, col = self.rows[index.row()], Col(index.column())
        text = str(value or "").strip()
        if col in AMOUNT_COLUMNS:
            self._set_amount(row, col, text)
        elif col == Col.ACCOUNT:
            row.account = text
        elif col == Col.LABEL:
            row.label = text
        elif col == Col.TAX:
            row.tax = self.catalog.resolve_tax(text)
        else:
            row.third_party = text
        self._changed_row(index.row())
        self.refresh_proposals()
        self.edited.emit()
        return True

    # --- rows -----------------------------------------------------------------------------------

    def set_rows(self, rows: list[LineRow]) -> None:
        self.beginResetModel()
        self.rows = rows or [LineRow()]
        self.marks = {}
        self.endResetModel()

    def insert_row(self, at: int) -> None:
        at = max(0, min(at, len(self.rows)))
        self.beginInsertRows(QModelIndex(), at, at)
        self.rows.insert(at, LineRow())
        self.endInsertRows()

    def remove_row(self, at: int) -> None:
        if not 0 <= at < len(self.rows):
            return
        self.beginRemoveRows(QModelIndex(), at, at)
        del self.rows[at]
        self.endRemoveRows()
        if not self.rows:
            self.insert_row(0)
        self.refresh_proposals()
        self.edited.emit()

    def filled(self) -> list[tuple[int, LineRow]]:
        """(model row, row) of the rows that make the entry, in order."""
        return [(n, row) for n, row in enumerate(self.rows) if not row.is_blank()]

    def lines(self) -> tuple[Line, ...]:
        return tuple(row.to_line() for _, row in self.filled())

    def totals(self, *, skip: int | None = None) -> tuple[Decimal, Decimal]:
        """Debit and credit of the filled rows (all but ``skip``)."""
        rows = [row for n, row in self.filled() if n != skip]
        return sum((r.debit for r in rows), ZERO), sum((r.credit for r in rows), ZERO)

    def needs_party(self, at: int) -> bool:
        """The row's account needs a third party and none is given yet."""
        row = self.rows[at]
        return self.catalog.needs_party(row.account) and not row.third_party

    def set_marks(self, marks: dict[tuple[int, Col], str]) -> None:
        """Cells to draw as wrong, each with its reasons."""
        if marks != self.marks:
            self.marks = marks
            self.redraw()

    def redraw(self) -> None:
        """Every cell may read differently (new marks, account labels from a new catalog)."""
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(Col) - 1))

    # --- balancing --------------------------------------------------------------------------

    def balance_row(self, at: int, *, proposal: bool = False) -> bool:
        """Put on row ``at`` the amount that balances the other rows; False if they balance."""
        if self.read_only or not 0 <= at < len(self.rows):
            return False
        debit, credit = self.totals(skip=at)
        row = self.rows[at]
        if debit == credit:
            if row.proposed:
                row.debit, row.credit, row.proposed = ZERO, ZERO, False
                self._changed_row(at)
            return False
        row.bad.clear()
        row.debit, row.credit = max(credit - debit, ZERO), max(debit - credit, ZERO)
        row.proposed = proposal
        self._changed_row(at)
        if not proposal:
            self.refresh_proposals()
            self.edited.emit()
        return True

    def propose_on(self, at: int) -> None:
        """Offer the balancing amount on a blank row the user has just reached."""
        if 0 <= at < len(self.rows) and self.rows[at].is_blank() and not self.read_only:
            self.balance_row(at, proposal=True)

    def refresh_proposals(self) -> None:
        """Keep the proposals of blank rows equal to what the entry lacks now."""
        for n, row in enumerate(self.rows):
            if row.proposed and row.is_blank():
                self.balance_row(n, proposal=True)

    # --- helpers --------------------------------------------------------------------------------

    def _set_amount(self, row: LineRow, col: Col, text: str) -> None:
        other = Col.CREDIT if col == Col.DEBIT else Col.DEBIT
        row.proposed = False
        try:
            amount = self.fmt.parse_amount(text) if text else ZERO
        except MoneyError as exc:
            row.bad[col] = (text, str(exc))
            return
        row.bad.pop(col, None)
        if amount < ZERO:
            amount, col, other = -amount, other, col
        setattr(row, col.name.lower(), amount)
        if amount:
            setattr(row, other.name.lower(), ZERO)
            row.bad.pop(other, None)

    def _changed_row(self, at: int) -> None:
        self.dataChanged.emit(self.index(at, 0), self.index(at, len(Col) - 1))

    def _is_proposal(self, row: LineRow, col: Col) -> bool:
        return col in AMOUNT_COLUMNS and row.proposed and row.is_blank()

    def _amount_text(self, row: LineRow, col: Col) -> str:
        if col in row.bad:
            return row.bad[col][0]
        return self.fmt.amount(getattr(row, col.name.lower()), blank_zero=True)

    def _display(self, row: LineRow, col: Col) -> str:
        if col == Col.ACCOUNT:
            label = self.catalog.account_label(row.account)
            return f"{row.account}  {label}" if label else row.account
        if col == Col.THIRD_PARTY:
            party = self.catalog.parties.get(row.third_party)
            return f"{row.third_party}  {party.name}" if party else row.third_party
        if col == Col.LABEL:
            return row.label
        if col == Col.TAX:
            return row.tax
        return self._amount_text(row, col)

    def _edit_text(self, row: LineRow, col: Col) -> str:
        if col in AMOUNT_COLUMNS:
            return self._amount_text(row, col)
        return {Col.ACCOUNT: row.account, Col.LABEL: row.label,
                Col.THIRD_PARTY: row.third_party, Col.TAX: row.tax}[col]

    def _tooltip(self, row: LineRow, col: Col) -> str | None:
        if col in row.bad:
            return row.bad[col][1]
        if col == Col.ACCOUNT and row.account:
            return self._display(row, col)
        if col == Col.TAX and row.tax in self.catalog.tax_codes:
            return self.catalog.tax_codes[row.tax].label
        return None
