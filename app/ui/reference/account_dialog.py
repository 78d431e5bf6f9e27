"""The dialog that opens a sub-account or edits an account's labels and third-party need.

It checks what it can as the user types (the number nests under its parent, is free, the French
label is given) and keeps OK disabled until the form is valid, so a mistake is explained beside
the field rather than after a round trip. The store still has the last word: a refusal from it is
shown in the same place, and the dialog stays open with what was typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.ledger.chart import valid_number
from app.ledger.model import Account
from app.ui.kit.form_dialog import FormDialog

MAX_NUMBER = 12
"""Digits of the longest account number the store accepts (``app.ledger.chart.valid_number``)."""


@dataclass(frozen=True, slots=True)
class AccountForm:
    """What the user typed: the fields of ``Books.add_account`` and ``Books.update_account``."""

    number: str
    label_fr: str
    label_en: str
    label_ar: str
    needs_third_party: bool


class AccountDialog(FormDialog):
    """Add a sub-account under ``parent_account`` (``account`` None), or edit ``account``."""

    """An ``AccountForm``, when the user confirms a valid form; the page does the writing."""

    def __init__(
        self, *, parent_account: Account | None = None, account: Account | None = None,
        existing: set[str] | None = None, parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.parent_account = parent_account
        self.account = account
        self.existing = existing or set()
        self.number = QLineEdit()
        self.label_fr = QLineEdit()
        self.label_en = QLineEdit()
        self.label_ar = QLineEdit()
        self.needs_third_party = QCheckBox(self.tr("Lines must name a third party"))
        self._layout()
        self._fill()
        self.check_as_typed(self.number, self.label_fr)

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("&Number"), self.number)
        form.addRow(self.tr("Label (&French)"), self.label_fr)
        form.addRow(self.tr("Label (&English)"), self.label_en)
        form.addRow(self.tr("Label (&Arabic)"), self.label_ar)
        form.addRow("", self.needs_third_party)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.number.setMaxLength(MAX_NUMBER)
        self.label_ar.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

    def _fill(self) -> None:
        if self.account is not None:
            account = self.account
            self.setWindowTitle(self.tr("Account {0}").format(account.number))
            self.number.setText(account.number)
            self.number.setReadOnly(True)
            self.number.setToolTip(self.tr("An account's number never changes."))
            self.label_fr.setText(account.label_fr)
            self.label_en.setText(account.label_en)
            self.label_ar.setText(account.label_ar)
            self.needs_third_party.setChecked(account.needs_third_party)
            self.label_fr.setFocus()
            return
        base = self.parent_account
        self.setWindowTitle(self.tr("New sub-account of {0}").format(base.number) if base
                            else self.tr("New account"))
        self.number.setText(base.number if base else "")
        self.needs_third_party.setChecked(bool(base and base.needs_third_party))
        self.number.setFocus()

    def form(self) -> AccountForm:
        return AccountForm(self.number.text().strip(), self.label_fr.text().strip(),
                           self.label_en.text().strip(), self.label_ar.text().strip(),
                           self.needs_third_party.isChecked())

    def problem(self) -> str:
        """Why the form cannot be confirmed yet, or ``""``."""
        form = self.form()
        if self.account is None:
            base = self.parent_account.number if self.parent_account else ""
            if not valid_number(form.number):
                return self.tr("The number is made of digits and does not start with 0.")
            if not form.number.startswith(base) or len(form.number) <= len(base):
                return self.tr("The number must start with {0} and be longer.").format(base)
            if form.number in self.existing:
                return self.tr("Account {0} already exists.").format(form.number)
        if not form.label_fr:
            return self.tr("The French label is required.")
        return ""

