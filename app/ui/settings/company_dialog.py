"""The dialog that changes the company's name, address and legal identifiers.

The chart and the currency are chosen once, when the company is created, and are not offered here.
Each identifier is checked as it is typed, for the shape the company's chart expects
(``app.ledger.identifiers``), and the reason is shown under the field in the interface language;
OK stays disabled until every field is acceptable. The store checks again and has the last word:
its refusal is shown at the foot of the dialog, which stays open with what was typed.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.ledger.identifiers import IDENTIFIERS, IdentifierIssue, identifier_issue
from app.ledger.model import Company
from app.ui.kit.form_dialog import FormDialog
from app.ui.kit.style import PROBLEM_COLOUR

FIELDS = ("name", *IDENTIFIERS, "address")
"""What the dialog changes: the keyword arguments of ``Books.update_company``."""


class CompanyDialog(FormDialog):
    """Edit ``company``'s details; ``submitted`` carries the changed fields, by name (a
    ``dict[str, str]``), when the user confirms a valid form."""

    def __init__(self, company: Company, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.company = company
        self.setWindowTitle(self.tr("Company details"))
        self.edits = {name: QLineEdit(getattr(company, name)) for name in FIELDS}
        self.problems = {name: self._problem_label() for name in FIELDS}
        self._layout()
        self.edits["name"].setFocus()
        self.check_as_typed(*self.edits.values())

    @staticmethod
    def _problem_label() -> QLabel:
        label = QLabel()  # unwrapped: a window grows to its labels' width, not to wrapped height
        label.setStyleSheet(f"color: {PROBLEM_COLOUR};")
        label.hide()
        return label

    def _layout(self) -> None:
        nif = (self.tr("N&IF (SIREN or SIRET)") if self.company.chart == "pcg"
               else self.tr("N&IF (tax number)"))
        titles = {"name": self.tr("&Name"), "nif": nif,
                  "nis": self.tr("NI&S (statistical number)"),
                  "rc": self.tr("&RC (trade register)"), "ai": self.tr("&AI (tax article)"),
                  "address": self.tr("A&ddress")}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in FIELDS:
            label = QLabel(titles[name])
            label.setBuddy(self.edits[name])
            form.addRow(label, self.edits[name])
            form.setWidget(form.rowCount(), QFormLayout.ItemRole.FieldRole, self.problems[name])
        note = QLabel(self.tr("The chart of accounts and the currency are chosen when the "
                              "company is created and cannot be changed."))
        note.setObjectName("note")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

    def values(self) -> dict[str, str]:
        """Every field as typed, trimmed."""
        return {name: edit.text().strip() for name, edit in self.edits.items()}

    def changes(self) -> dict[str, str]:
        """The fields whose value differs from the company's."""
        return {name: value for name, value in self.values().items()
                if value != getattr(self.company, name)}

    def field_problem(self, name: str) -> str:
        """Why field ``name`` cannot be stored as typed, in the interface language, or ``""``."""
        value = self.edits[name].text().strip()
        if name == "name":
            return "" if value else self.tr("The company needs a name.")
        if name not in IDENTIFIERS:
            return ""
        issue = identifier_issue(self.company.chart, name, value)
        return "" if issue is None else self.issue_text(issue)

    def issue_text(self, issue: IdentifierIssue) -> str:
        label, count = issue.name.upper(), str(len(issue.value))
        if issue.kind == "rc":
            return self.tr("5 to 30 letters, digits, spaces and / - . signs.")
        if issue.kind == "digits":
            return self.tr("The {0} is made of digits only.").format(label)
        if issue.kind == "siren_length":
            return self.tr("A SIREN has 9 digits and a SIRET 14; this number has {0}.").format(
                count)
        if issue.kind == "siren_check":
            return self.tr("This is not a SIREN or SIRET: its check digit is wrong.")
        return self.tr("The {0} has {1} digits; this number has {2}.").format(
            label, issue.expected, count)

    def problem(self) -> str:
        """The first field's problem, or ``""`` when the form may be confirmed."""
        return next((p for p in map(self.field_problem, FIELDS) if p), "")

    def form(self) -> dict[str, str]:
        return self.changes()

    def _validate(self) -> None:
        """Each field's problem beside it, rather than one message for the form."""
        for name in FIELDS:
            text = self.field_problem(name)
            self.problems[name].setText(text)
            self.problems[name].setVisible(bool(text))
        self.message.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not self.problem())

    def _submit(self) -> None:
        """Nothing changed: there is nothing to write, the dialog just closes."""
        if not self.problem() and not self.changes():
            self.accept()
            return
        super()._submit()
