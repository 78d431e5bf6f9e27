"""What the entry editor tells the user under the table: totals, a hint, and the problems.

The problems panel lists each reason the entry cannot post, with its line; choosing one (Enter
or a double click) takes the cursor to the cell it is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.kit.fmt import Formatter
from app.ui.kit.style import BALANCED_COLOUR, PROBLEM_COLOUR


@dataclass(frozen=True, slots=True)
class Shown:
    """A problem as the editor shows it: its sentence and the cell it is about, if any."""

    text: str
    cells: tuple[tuple[int, int], ...] = ()
    """(row, column) of each cell the problem is about; the first is where the cursor goes."""


class TotalsBar(QFrame):
    """Debit, credit and difference of the entry, the difference coloured unless it is zero."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("totals")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addStretch(1)
        self.values: dict[str, QLabel] = {}
        for key, title in (("debit", self.tr("Debit")), ("credit", self.tr("Credit")),
                           ("difference", self.tr("Difference"))):
            caption = QLabel(title)
            value = QLabel()
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setMinimumWidth(value.fontMetrics().horizontalAdvance("0 000 000 000,00"))
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(caption)
            layout.addWidget(value)
            layout.addSpacing(value.fontMetrics().horizontalAdvance("00"))
            self.values[key] = value

    def show_totals(self, debit: Decimal, credit: Decimal, fmt: Formatter) -> None:
        difference = debit - credit
        self.values["debit"].setText(fmt.amount(debit))
        self.values["credit"].setText(fmt.amount(credit))
        self.values["difference"].setText(fmt.amount(abs(difference)))
        colour = PROBLEM_COLOUR if difference else BALANCED_COLOUR
        self.values["difference"].setStyleSheet(f"color: {colour}; font-weight: bold;")
        for key in ("debit", "credit"):
            self.values[key].setStyleSheet("font-weight: bold;")

    def text(self) -> str:
        return " ".join(label.text() for label in self.values.values())


class ProblemsPanel(QWidget):
    """A message (why an action failed) above the list of the entry's problems."""

    go_to = Signal(int, int)
    """Row and column of the cell a chosen problem is about."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list = QListWidget()
        self.list.setObjectName("problems")
        self.list.setStyleSheet(f"QListWidget#problems {{ color: {PROBLEM_COLOUR}; }}")
        # a long sentence wraps rather than hiding its end behind a horizontal scroll bar
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemActivated.connect(self._activated)
        layout.addWidget(self.message)
        layout.addWidget(self.list)
        self.show_problems([])

    def show_problems(self, problems: list[Shown], message: str = "", *,
                      error: bool = True) -> None:
        self.list.clear()
        for problem in problems:
            item = QListWidgetItem(problem.text)
            item.setData(Qt.ItemDataRole.UserRole, problem.cells[:1])
            self.list.addItem(item)
        self.list.setVisible(bool(problems))
        rows = min(max(len(problems), 1), 6)
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth()
                                 + 4 if problems else 0)
        self.set_message(message, error=error)

    def set_message(self, message: str, *, error: bool = True) -> None:
        self.message.setText(message)
        colour = PROBLEM_COLOUR if error else BALANCED_COLOUR
        self.message.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.message.setVisible(bool(message))

    def texts(self) -> list[str]:
        return [self.list.item(n).text() for n in range(self.list.count())]

    def _activated(self, item: QListWidgetItem) -> None:
        cells = item.data(Qt.ItemDataRole.UserRole)
        if cells:
            self.go_to.emit(*cells[0])
