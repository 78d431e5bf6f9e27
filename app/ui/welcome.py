"""Placeholder welcome page."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.ui.prefs import Prefs


class WelcomePage(QWidget):
    create_requested = Signal()
    open_requested = Signal()
    recent_requested = Signal(str)
    demo_requested = Signal()

    def __init__(self, prefs: Prefs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prefs = prefs
        QVBoxLayout(self).addWidget(QLabel("Welcome"))

    def refresh(self) -> None:
        pass
