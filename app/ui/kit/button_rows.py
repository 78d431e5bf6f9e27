"""Two groups of buttons on one row when there is room, on two rows when there is not.

The entry editor's buttons (line actions at the start, entry actions at the end) need about
1,100 pixels in French on one row; on a 1024×600 screen they take two rows instead, so that no
button is ever cut off and the window can be as narrow as its widest group.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QWidget


class ButtonRows(QWidget):
    """``first`` and ``last`` hold the buttons; ``first`` starts the line, ``last`` ends it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = QHBoxLayout()
        self.last = QHBoxLayout()
        self.first.setContentsMargins(0, 0, 0, 0)
        self.last.setContentsMargins(0, 0, 0, 0)
        self.rows = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.addLayout(self.first)
        self.rows.addStretch(1)
        self.rows.addLayout(self.last)

    def set_buttons(self, first: list[QWidget], last: list[QWidget]) -> None:
        """The buttons at the start of the line and those at its end (each group kept to its
        side when the groups are on rows of their own)."""
        for widget in first:
            self.first.addWidget(widget)
        self.first.addStretch(1)
        self.last.addStretch(1)
        for widget in last:
            self.last.addWidget(widget)

    @property
    def wrapped(self) -> bool:
        return self.rows.direction() is QBoxLayout.Direction.TopToBottom

    def _one_row_width(self) -> int:
        return (self.first.minimumSize().width() + self.rows.spacing()
                + self.last.minimumSize().width())

    def minimumSizeHint(self) -> QSize:
        widest = max(self.first.minimumSize().width(), self.last.minimumSize().width())
        return QSize(widest, self.rows.minimumSize().height())

    def sizeHint(self) -> QSize:
        return QSize(self._one_row_width(), self.rows.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.arrange(event.size().width())

    def arrange(self, width: int) -> None:
        """One row if ``width`` holds both groups at their natural size, else two."""
        wrap = width < self._one_row_width()
        if wrap != self.wrapped:
            self.rows.setDirection(QBoxLayout.Direction.TopToBottom if wrap
                                   else QBoxLayout.Direction.LeftToRight)
            self.updateGeometry()
