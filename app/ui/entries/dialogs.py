"""Small questions the entry editor asks: the date of a reversal, saving before closing."""

from __future__ import annotations

from datetime import date
from enum import Enum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from app.ui.kit.fmt import date_edit, to_date


class ReverseDialog(QDialog):
    """Asks when the reversal is dated (and, optionally, its label)."""

    def __init__(self, default: date, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reverse entry"))
        layout = QFormLayout(self)
        intro = QLabel(self.tr("A reversal entry with debit and credit swapped cancels {0}. "
                               "It is posted at once.").format(what))
        intro.setWordWrap(True)
        layout.addRow(intro)
        self.date = date_edit(default)
        self.label = QLineEdit()
        self.label.setPlaceholderText(self.tr("Reversal of {0}").format(what))
        layout.addRow(self.tr("&Date of the reversal"), self.date)
        layout.addRow(self.tr("&Label"), self.label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Reverse"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def chosen(self) -> tuple[date, str]:
        return to_date(self.date.date()), self.label.text().strip()


class CloseAnswer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_save_changes(parent: QWidget) -> CloseAnswer:
    """Save, discard or keep editing the unsaved changes of an entry."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("EntryDialogs", "Unsaved changes"))
    box.setText(QCoreApplication.translate("EntryDialogs",
                                           "This entry has changes that are not saved."))
    box.setInformativeText(QCoreApplication.translate("EntryDialogs", "Save them as a draft?"))
    Button = QMessageBox.StandardButton
    box.setStandardButtons(Button.Save | Button.Discard | Button.Cancel)
    box.setDefaultButton(Button.Save)
    answer = box.exec()
    return {Button.Save: CloseAnswer.SAVE, Button.Discard: CloseAnswer.DISCARD}.get(
        Button(answer), CloseAnswer.CANCEL)


def confirm(parent: QWidget, title: str, text: str) -> bool:
    Button = QMessageBox.StandardButton
    answer = QMessageBox.question(parent, title, text, Button.Yes | Button.No, Button.No)
    return answer == Button.Yes
