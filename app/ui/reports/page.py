"""Placeholder until this page is built."""

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.ui.session import CompanySession


class ReportsPage(QWidget):
    def __init__(self, session: CompanySession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        QVBoxLayout(self).addWidget(QLabel("ReportsPage"))
