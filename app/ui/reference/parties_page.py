"""Third parties: the customers, suppliers and others that lines on their accounts name.

A company has tens to a few thousand third parties, so the table model holds them all and is
reset when they change; filtering by kind and by code, name or NIF happens in a proxy, as the user
types. A third party named by a line is never deleted (the store refuses and says so): it is
deactivated, which keeps it in the books and out of new entries.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableView,
    QToolButton,
    QWidget,
)

from app.ledger.model import ThirdParty, ThirdPartyKind
from app.ledger.text import fold
from app.ui.kit.errors import describe
from app.ui.kit.session import Change, CompanySession
from app.ui.reference.base import ReferencePage
from app.ui.reference.party_dialog import PartyDialog, PartyForm, party_kind_name
from app.ui.reports import statement
from app.ui.reports.statement import StatementDialog

PARTY_ROLE = Qt.ItemDataRole.UserRole + 1
"""The ``ThirdParty`` of a row, on every column."""
FIELDS = ("code", "name", "kind", "nif", "nis", "rc", "ai", "address", "payment_days", "active")


class PartyModel(QAbstractTableModel):
    """Third parties as rows, one column per field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parties: list[ThirdParty] = []
        self.grey = QPalette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        self.headers = [self.tr("Code"), self.tr("Name"), self.tr("Kind"), self.tr("NIF"),
                        self.tr("NIS"), self.tr("RC"), self.tr("AI"), self.tr("Address"),
                        self.tr("Terms (days)"), self.tr("Active")]

    def set_parties(self, parties: list[ThirdParty]) -> None:
        self.beginResetModel()
        self.parties = parties
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.parties)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(FIELDS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and FIELDS[section] == "payment_days":
            return self.tr("Payment terms: days from the invoice to its due date")
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        party = self.parties[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(party, FIELDS[index.column()])
        if role == PARTY_ROLE:
            return party
        if role == Qt.ItemDataRole.ForegroundRole and not party.active:
            return self.grey
        return None

    def text(self, party: ThirdParty, field: str) -> str:
        if field == "kind":
            return party_kind_name(party.kind)
        if field == "active":
            return self.tr("Yes") if party.active else self.tr("No")
        if field == "payment_days":
            return "" if party.payment_days is None else str(party.payment_days)
        return getattr(party, field)


class PartyFilter(QSortFilterProxyModel):
    """Rows of one kind (or all) whose code, name or NIF hold every word typed."""

    def __init__(self) -> None:
        super().__init__()
        self.kind: ThirdPartyKind | None = None
        self.words: list[str] = []
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_filter(self, kind: ThirdPartyKind | None, text: str) -> None:
        self.beginFilterChange()
        self.kind, self.words = kind, fold(text).split()
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        party: ThirdParty = self.sourceModel().index(row, 0, parent).data(PARTY_ROLE)
        if self.kind is not None and party.kind is not self.kind:
            return False
        haystack = fold(f"{party.code} {party.name} {party.nif}")
        return all(word in haystack for word in self.words)


class ThirdPartiesPage(ReferencePage):
    """The list of third parties with its filters and the actions that change them."""

    CHANGES = Change.THIRD_PARTIES

    def __init__(self, session: CompanySession, parent: QWidget | None = None) -> None:
        super().__init__(session, self.tr("Search by code, name or NIF (Ctrl+F)"), parent)
        self.model = PartyModel(self)
        self.proxy = PartyFilter()
        self.proxy.setSourceModel(self.model)
        self.table = self._make_table()
        self.kind = QComboBox()
        self.kind.addItem(self.tr("All kinds"), "")
        for kind in ThirdPartyKind:
            self.kind.addItem(party_kind_name(kind), kind)
        self.kind.currentIndexChanged.connect(self._filter)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._go_to_first)
        self._make_actions(self.table, self.tr("Add"), self.add_party, self.edit_party,
                           self.toggle_active, self.delete_party)
        self._lay_out(self.table, (self.kind,))
        self._add_statement_action()
        self.refresh()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        table.setAlternatingRowColors(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
        table.activated.connect(lambda _index: self.edit_party())
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the name keeps room for itself at 1024 pixels; the address, often empty, takes what
        # is left (and the user can widen either)
        name = FIELDS.index("name")
        header.setSectionResizeMode(name, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(name, table.fontMetrics().averageCharWidth() * 30)
        header.setSectionResizeMode(FIELDS.index("address"), QHeaderView.ResizeMode.Stretch)
        return table

    # --- loading, filtering, selection ------------------------------------------------------

    def refresh(self) -> None:
        self.session.read(lambda books: list(books.third_parties().values()), self.show_parties,
                          parent=self)

    def show_parties(self, parties: list[ThirdParty]) -> None:
        selected = self.current_code()
        self.model.set_parties(parties)
        if self._want and self.select(self._want):
            self._want = None
        elif not (selected and self.select(selected)) and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self._update_actions()

    def _filter(self) -> None:
        selected = self.current_code()
        self.proxy.set_filter(self.chosen_kind(), self.search.text())
        if selected:
            self.select(selected)
        self._update_actions()

    def chosen_kind(self) -> ThirdPartyKind | None:
        """The kind the list is filtered on (Qt hands the combo's data back as plain text)."""
        data = self.kind.currentData()
        return ThirdPartyKind(data) if data else None

    def visible_codes(self) -> list[str]:
        return [self.proxy.index(r, 0).data(PARTY_ROLE).code for r in range(self.proxy.rowCount())]

    def current_party(self) -> ThirdParty | None:
        index = self.table.currentIndex()
        return index.data(PARTY_ROLE) if index.isValid() else None

    def current_code(self) -> str | None:
        party = self.current_party()
        return party.code if party else None

    def select(self, code: str) -> bool:
        """Make ``code`` the current row; False when it is filtered out or unknown."""
        row = next((r for r, p in enumerate(self.model.parties) if p.code == code), None)
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row is not None else None
        if index is None or not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def _go_to_first(self) -> None:
        if self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
            self.table.setFocus()

    # --- actions ----------------------------------------------------------------------------

    def _update_actions(self) -> None:
        party = self.current_party()
        writable = not self.session.read_only_reason
        self.add.setEnabled(writable)
        for action in (self.edit, self.toggle, self.delete):
            action.setEnabled(writable and party is not None)
        self.statement_action.setEnabled(party is not None)
        self._show_toggle(party is not None and not party.active)

    def confirm_title(self) -> str:
        return self.tr("Third parties")

    def add_party(self) -> PartyDialog | None:
        if not self.add.isEnabled():
            return None
        dialog = PartyDialog(existing={p.code for p in self.model.parties}, parent=self)
        if self.chosen_kind() is not None:
            dialog.kind.setCurrentIndex(dialog.kind.findData(self.chosen_kind()))
        dialog.submitted.connect(lambda form: self._create(dialog, form))
        dialog.open()
        return dialog

    def _create(self, dialog: PartyDialog, form: PartyForm) -> None:
        def done(party: ThirdParty) -> None:
            dialog.accept()
            self.message.setText(self.tr("Third party {0} added.").format(party.code))
            self._want = party.code
            if self.select(party.code):
                self._want = None

        self.session.op(lambda books: books.add_third_party(form.party()), Change.THIRD_PARTIES,
                        done, parent=self, on_error=lambda exc: dialog.show_refusal(describe(exc)))

    def edit_party(self) -> PartyDialog | None:
        party = self.current_party()
        if party is None or not self.edit.isEnabled():
            return None
        dialog = PartyDialog(party=party, parent=self)
        dialog.submitted.connect(lambda form: self._update(dialog, form))
        dialog.open()
        return dialog

    def _update(self, dialog: PartyDialog, form: PartyForm) -> None:
        self.session.op(
            lambda books: books.update_third_party(
                form.code, name=form.name, kind=form.kind, nif=form.nif, nis=form.nis,
                rc=form.rc, ai=form.ai, address=form.address, payment_days=form.payment_days),
            Change.THIRD_PARTIES, lambda _party: dialog.accept(), parent=self,
            on_error=lambda exc: dialog.show_refusal(describe(exc)))

    # --- statement of account ---------------------------------------------------------------

    def _add_statement_action(self) -> None:
        """Ctrl+R (relevé): in the list's context menu and beside the other actions; reading
        only, so it stays open to a read-only company."""
        self.statement_action = self._action(self.tr("Statement of account…"), ["Ctrl+R"],
                                             self.statement_of_account)
        self.table.addAction(self.statement_action)
        button = QToolButton()
        button.setDefaultAction(self.statement_action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar = self.layout().itemAt(0).layout()  # ``_lay_out``'s row of filters and actions
        bar.addWidget(button)

    def statement_of_account(self) -> StatementDialog | None:
        """Ask the period and language of the current party's statement, then where to save
        it; the dialog opens on the current fiscal year once the years are read."""
        party = self.current_party()
        if party is None:
            return None
        dialog = StatementDialog(party, self.session.language.code, parent=self)
        self.session.read(
            lambda books: books.fiscal_years(),
            lambda years: dialog.set_period(*statement.default_period(
                self.session.current_fiscal_year(years), date.today())), parent=self)
        dialog.submitted.connect(lambda form: self._save_statement(dialog, party, form))
        dialog.open()
        return dialog

    def _save_statement(self, dialog: StatementDialog, party: ThirdParty,
                        form: statement.StatementForm) -> None:
        target = statement.choose_target(self, self.session, party, form)
        if target is None:
            return
        dialog.accept()
        statement.write(self, self.session, party.code, form, target, lambda path: (
            self.message.setText(self.tr("Statement of account of {0} saved to {1}").format(
                party.code, path))))

    def toggle_active(self) -> None:
        party = self.current_party()
        if party is None or not self.toggle.isEnabled():
            return
        active = not party.active
        text = (self.tr("Third party {0} reactivated.") if active
                else self.tr("Third party {0} deactivated."))
        self.session.op(
            lambda books: books.set_third_party_active(party.code, active),
            Change.THIRD_PARTIES, lambda _none: self.message.setText(text.format(party.code)),
            parent=self, on_error=self._refused)

    def delete_party(self) -> None:
        party = self.current_party()
        if party is None or not self.delete.isEnabled():
            return
        if not self.confirm(self.tr("Delete third party {0} {1}?").format(party.code, party.name)):
            return
        self.session.op(
            lambda books: books.delete_third_party(party.code), Change.THIRD_PARTIES,
            lambda _none: self.message.setText(
                self.tr("Third party {0} deleted.").format(party.code)),
            parent=self, on_error=self._refused)
