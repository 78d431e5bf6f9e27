"""The base of the dialogs that edit a record (account, third party, journal, company details):
checked as typed, confirmed only when the form holds, refused by the store without losing what
was typed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QWidget


class FormDialog(QDialog):
    """Subclasses lay out their fields with ``message`` and ``buttons``, define ``problem`` and
    ``form``, and name the fields to check as typed with ``check_as_typed``.

    ``submitted`` carries the form; the caller writes it and closes the dialog, or hands the
    store's refusal back through ``show_refusal``.
    """

    submitted = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("formMessage")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

    def check_as_typed(self, *edits: QLineEdit) -> None:
        """Check the form at every keystroke in ``edits``, and now."""
        for edit in edits:
            edit.textChanged.connect(self._validate)
        self._validate()

    def problem(self) -> str:
        """Why the form cannot be confirmed yet, or ``""``."""
        raise NotImplementedError

    def form(self) -> Any:
        raise NotImplementedError

    def _validate(self) -> None:
        problem = self.problem()
        self.message.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def _submit(self) -> None:
        if not self.problem():
            self.submitted.emit(self.form())

    def show_refusal(self, text: str) -> None:
        """The store refused the form: say why and let the user correct it."""
        self.message.setText(text)
