"""The dialog that posts the entry a statement line lacks: counterpart account, third party,
label, prefilled from the line's suggestion so that correcting one is a keystroke or two."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.ledger.bank_rules import Suggestion
from app.store.bank import BankLine
from app.ui.entries.catalog import Catalog
from app.ui.kit.fmt import Formatter
from app.ui.kit.form_dialog import FormDialog


@dataclass(frozen=True, slots=True)
class PostForm:
    line_id: int
    account: str
    third_party: str | None
    label: str


def _completer(choices: list[str], parent: QWidget) -> QCompleter:
    completer = QCompleter(QStringListModel(choices), parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    return completer


class PostLineDialog(FormDialog):
    """Post ``line`` against the account typed (number or words of its label)."""

    def __init__(self, line: BankLine, suggestion: Suggestion | None, catalog: Catalog,
                 fmt: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        tr = QCoreApplication.translate
        self.line, self.catalog = line, catalog
        self.setWindowTitle(tr("bank", "Post the statement line"))
        what = QLabel(" — ".join(part for part in (
            fmt.date(line.booking_date), line.label, line.counterparty, fmt.amount(line.amount))
            if part))
        what.setWordWrap(True)
        self.account, self.party, self.label = QLineEdit(), QLineEdit(), QLineEdit()
        accounts = [f"{a.number} {a.label(catalog.language)}"
                    for a in catalog.accounts.values() if a.postable and a.active]
        self.account.setCompleter(_completer(accounts, self))
        parties = [f"{p.code} {p.name}" for p in catalog.parties.values() if p.active]
        self.party.setCompleter(_completer(parties, self))
        if suggestion is not None:
            self.account.setText(suggestion.account)
            self.party.setText(suggestion.third_party or "")
            self.label.setText(suggestion.entry_label)
        self.label.setPlaceholderText(line.label or line.counterparty)
        form = QFormLayout()
        form.addRow(tr("bank", "Account"), self.account)
        form.addRow(tr("bank", "Third party"), self.party)
        form.addRow(tr("bank", "Label"), self.label)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.check_as_typed(self.account, self.party)

    def _number(self) -> str:
        """The account meant: a completion ``512 Banque`` gives its number."""
        typed = self.account.text().strip()
        first = typed.split(" ", 1)[0]
        return first if first in self.catalog.accounts else self.catalog.resolve_account(typed)

    def _party(self) -> str:
        typed = self.party.text().strip()
        first = typed.split(" ", 1)[0]
        return first if first in self.catalog.parties else self.catalog.resolve_party(typed)

    def problem(self) -> str:
        tr = QCoreApplication.translate
        number = self._number()
        if not number:
            return tr("bank", "Type the account the money comes from or goes to.")
        account = self.catalog.accounts.get(number)
        if account is None:
            return tr("bank", "There is no account {0}.").format(number)
        if not account.postable or not account.active:
            return tr("bank", "Account {0} cannot take entries.").format(number)
        if number == self.line.account:
            return tr("bank", "The counterpart cannot be the bank account itself.")
        party = self._party()
        if party and party not in self.catalog.parties:
            return tr("bank", "There is no third party {0}.").format(party)
        if account.needs_third_party and not party:
            return tr("bank", "Account {0} needs a third party.").format(number)
        return ""

    def form(self) -> PostForm:
        return PostForm(self.line.id, self._number(), self._party() or None,
                        self.label.text().strip())
