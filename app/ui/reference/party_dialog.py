"""The dialog that adds a third party or edits one's details.

The code names the third party on every line and in the hash chain of posted entries, so it is
typed once and never changes afterwards. The form explains what is missing as the user types and
keeps OK disabled until it is valid; a refusal from the store is shown in the same place.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.ledger.model import ThirdParty, ThirdPartyKind
from app.ui.kit.form_dialog import FormDialog


def party_kind_name(kind: ThirdPartyKind) -> str:
    tr = QCoreApplication.translate
    return {ThirdPartyKind.CUSTOMER: tr("parties", "Customer"),
            ThirdPartyKind.SUPPLIER: tr("parties", "Supplier"),
            ThirdPartyKind.OTHER: tr("parties", "Other")}[kind]


@dataclass(frozen=True, slots=True)
class PartyForm:
    """What the user typed; ``party()`` is the record to add or the new details to store."""

    code: str
    name: str
    kind: ThirdPartyKind
    nif: str
    nis: str
    rc: str
    ai: str
    address: str
    payment_days: int | None = None

    def party(self, active: bool = True) -> ThirdParty:
        return ThirdParty(self.code, self.name, self.kind, self.nif, self.nis, self.rc, self.ai,
                          self.address, active, payment_days=self.payment_days)


class DaysBox(QSpinBox):
    """0 to 999 days, or blank for none: a spin box whose lowest value reads as empty, so
    clearing the field removes the terms (the store keeps NULL, not 0 days)."""

    NONE = -1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(self.NONE, 999)
        self.setValue(self.NONE)

    def textFromValue(self, value: int) -> str:
        return "" if value == self.NONE else super().textFromValue(value)

    def valueFromText(self, text: str) -> int:
        return self.NONE if not text.strip() else super().valueFromText(text)

    def validate(self, text: str, pos: int) -> object:
        if not text.strip():
            return QValidator.State.Acceptable, text, pos
        return super().validate(text, pos)

    def days(self) -> int | None:
        self.interpretText()
        return None if self.value() == self.NONE else self.value()

    def set_days(self, days: int | None) -> None:
        self.setValue(self.NONE if days is None else days)


class PartyDialog(FormDialog):
    """Add a third party (``party`` None) or edit ``party``; ``existing`` holds the codes taken."""

    """A ``PartyForm``, when the user confirms a valid form; the page does the writing."""

    def __init__(self, *, party: ThirdParty | None = None, existing: set[str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.party = party
        self.existing = {c.casefold() for c in existing or set()}
        self.code, self.name = QLineEdit(), QLineEdit()
        self.kind = QComboBox()
        for kind in ThirdPartyKind:
            self.kind.addItem(party_kind_name(kind), kind)
        self.nif, self.nis, self.rc, self.ai = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        self.address = QLineEdit()
        self.payment_days = DaysBox()
        self.payment_days.setToolTip(self.tr(
            "The invoices of this third party fall due this many days after their date, "
            "unless they give a due date. Leave blank for none."))
        self._layout()
        self._fill()
        self.check_as_typed(self.code, self.name, self.nif, self.nis)

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("&Code"), self.code)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow(self.tr("N&IF (tax number)"), self.nif)
        form.addRow(self.tr("NI&S (statistical number)"), self.nis)
        form.addRow(self.tr("&RC (trade register)"), self.rc)
        form.addRow(self.tr("&AI (tax article)"), self.ai)
        form.addRow(self.tr("A&ddress"), self.address)
        form.addRow(self.tr("&Payment terms (days)"), self.payment_days)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.code.setMaxLength(30)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

    def _fill(self) -> None:
        party = self.party
        if party is None:
            self.setWindowTitle(self.tr("New third party"))
            self.code.setFocus()
            return
        self.setWindowTitle(self.tr("Third party {0}").format(party.code))
        self.code.setText(party.code)
        self.code.setReadOnly(True)
        self.code.setToolTip(self.tr("A third party's code never changes."))
        self.name.setText(party.name)
        self.kind.setCurrentIndex(self.kind.findData(party.kind))
        for edit, value in ((self.nif, party.nif), (self.nis, party.nis), (self.rc, party.rc),
                            (self.ai, party.ai), (self.address, party.address)):
            edit.setText(value)
        self.payment_days.set_days(party.payment_days)
        self.name.setFocus()

    def form(self) -> PartyForm:
        return PartyForm(self.code.text().strip(), self.name.text().strip(),
                         ThirdPartyKind(self.kind.currentData()), self.nif.text().strip(),
                         self.nis.text().strip(), self.rc.text().strip(), self.ai.text().strip(),
                         self.address.text().strip(), self.payment_days.days())

    def problem(self) -> str:
        """Why the form cannot be confirmed yet, or ``""``."""
        form = self.form()
        if self.party is None:
            if not form.code:
                return self.tr("The code is required.")
            if any(c.isspace() for c in form.code):
                return self.tr("The code has no spaces.")
            if form.code.casefold() in self.existing:
                return self.tr("A third party with the code {0} already exists.").format(form.code)
        if not form.name:
            return self.tr("The name is required.")
        if form.nif and not (form.nif.isascii() and form.nif.isdigit()):
            return self.tr("The NIF is made of digits only.")
        if form.nis and not (form.nis.isascii() and form.nis.isdigit()):
            return self.tr("The NIS is made of digits only.")
        return ""

