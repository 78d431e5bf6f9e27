"""The base of the reference-data dialogs (account, third party, journal): checked as typed,
confirmed only when the form holds, refused by the store without losing what was typed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel


class FormDialog(QDialog):
    """Subclasses build ``message`` and ``buttons`` and define ``problem`` and ``form``.

    ``submitted`` carries the form; the caller writes it and closes the dialog, or hands the
    store's refusal back through ``show_refusal``.
    """

    submitted = Signal(object)
    message: QLabel
    buttons: QDialogButtonBox

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
