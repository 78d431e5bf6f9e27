"""The chart of accounts: the hierarchy as a tree, where the user opens, edits and retires accounts.

Accounts nest the way SCF and PCG numbers do (an account's parent is its longest prefix among
the other numbers, ``app.ledger.chart.parent_number``). A chart holds a few hundred accounts, so
the tree is rebuilt whole when the accounts change, keeping what was expanded and selected. An
account in use is never deleted: the store refuses, and the page says to deactivate it instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QFont,
    QPalette,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTreeView,
    QWidget,
)

from app.ledger.model import Account, AccountKind
from app.ledger.text import fold
from app.ui.kit.errors import describe
from app.ui.kit.session import Change, CompanySession
from app.ui.reference.account_dialog import AccountDialog, AccountForm
from app.ui.reference.base import ReferencePage

NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1
"""The account number, on the first column's item."""
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
"""The account's labels folded for searching (lower case, accents removed)."""


def kind_name(kind: AccountKind) -> str:
    tr = QCoreApplication.translate
    return {
        AccountKind.GENERAL: tr("chart", "General"), AccountKind.BANK: tr("chart", "Bank"),
        AccountKind.CASH: tr("chart", "Cash"), AccountKind.CUSTOMER: tr("chart", "Customer"),
        AccountKind.SUPPLIER: tr("chart", "Supplier"), AccountKind.TAX: tr("chart", "Tax"),
    }[kind]


def parents(accounts: dict[str, Account]) -> dict[str, str | None]:
    """Each number's parent: its longest strict prefix among the numbers (as ``parent_number``,
    looked up by prefix rather than by scanning every account)."""
    return {n: next((n[:k] for k in range(len(n) - 1, 0, -1) if n[:k] in accounts), None)
            for n in accounts}


class AccountFilter(QSortFilterProxyModel):
    """Keeps the accounts every word of the query finds, and their ancestors (recursive
    filtering), so a match is always seen in its place in the chart."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.setRecursiveFilteringEnabled(True)

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self.words = fold(text).split()
        self.endFilterChange()

    def matches(self, index: QModelIndex) -> bool:
        number, labels = index.data(NUMBER_ROLE), index.data(SEARCH_ROLE)
        return all(number.startswith(w) if w.isdigit() else w in labels for w in self.words)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not self.words or self.matches(self.sourceModel().index(row, 0, parent))


class ChartPage(ReferencePage):
    """The accounts by hierarchy, with search and the actions that change them."""

    CHANGES = Change.ACCOUNTS

    def __init__(self, session: CompanySession, parent: QWidget | None = None) -> None:
        super().__init__(session, self.tr("Search by number or label (Ctrl+F)"), parent)
        self.accounts: dict[str, Account] = {}
        self._items: dict[str, QStandardItem] = {}
        self._saved_expansion: set[str] | None = None
        self.model = QStandardItemModel(0, 5, self)
        self.model.setHorizontalHeaderLabels([
            self.tr("Number"), self.tr("Label"), self.tr("Kind"),
            self.tr("Third party"), self.tr("Active")])
        self.proxy = AccountFilter()
        self.proxy.setSourceModel(self.model)
        self.tree = self._make_tree()
        self.search.textChanged.connect(self._search)
        self.search.returnPressed.connect(self._go_to_first_match)
        self._make_actions(self.tree, self.tr("Add sub-account"), self.add_account,
                           self.edit_account, self.toggle_active, self.delete_account)
        self._lay_out(self.tree)
        self.refresh()

    def _make_tree(self) -> QTreeView:
        tree = QTreeView()
        tree.setModel(self.proxy)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setExpandsOnDoubleClick(False)
        tree.activated.connect(lambda _index: self.edit_account())
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        return tree

    # --- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        self.session.read(lambda books: books.accounts(), self.show_accounts, parent=self)

    def show_accounts(self, accounts: dict[str, Account]) -> None:
        """Rebuild the tree, keeping the expanded branches and the selected account."""
        first_load = not self.accounts
        expanded = self._expanded() if not self.proxy.words else self._saved_expansion or set()
        selected = self.current_number()
        self.accounts = accounts
        self.model.removeRows(0, self.model.rowCount())
        self._items = {}
        tree = parents(accounts)
        for number, parent in tree.items():
            row = self._row(accounts[number])
            holder = self._items[parent] if parent else self.model.invisibleRootItem()
            holder.appendRow(row)
            self._items[number] = row[0]
        if first_load:
            expanded = {n for n, p in tree.items() if p is None}
        if self.proxy.words:
            self._saved_expansion = expanded
            self.tree.expandAll()
        else:
            self._expand(expanded)
        if not (selected and self.select(selected)) and self.proxy.rowCount():
            self.tree.setCurrentIndex(self.proxy.index(0, 0))
        self._apply_want()
        self._update_actions()

    def _row(self, account: Account) -> list[QStandardItem]:
        language = self.session.language.code
        texts = [account.number, account.label(language), kind_name(account.kind),
                 self.tr("Required") if account.needs_third_party else "",
                 self.tr("Yes") if account.active else self.tr("No")]
        row = [QStandardItem(text) for text in texts]
        row[0].setData(account.number, NUMBER_ROLE)
        labels = {account.label_fr, account.label_en, account.label_ar}
        row[0].setData(fold(" ".join(labels)), SEARCH_ROLE)
        font = QFont(self.font())
        font.setBold(not account.postable)
        grey = self.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        for item in row[:2]:
            item.setFont(font)
        for item in row:
            if not account.active:
                item.setForeground(QBrush(grey))
        return row

    # --- expansion, selection and search ----------------------------------------------------

    def _proxy_index(self, number: str) -> QModelIndex:
        item = self._items.get(number)
        return self.proxy.mapFromSource(item.index()) if item else QModelIndex()

    def _walk(self, parent: QModelIndex | None = None) -> Iterator[QModelIndex]:
        """Every row of the filtered tree, depth first (first column)."""
        parent = parent or QModelIndex()
        for row in range(self.proxy.rowCount(parent)):
            index = self.proxy.index(row, 0, parent)
            yield index
            yield from self._walk(index)

    def _expanded(self) -> set[str]:
        return {i.data(NUMBER_ROLE) for i in self._walk() if self.tree.isExpanded(i)}

    def _expand(self, numbers: set[str]) -> None:
        self.tree.collapseAll()
        for number in numbers:
            index = self._proxy_index(number)
            if index.isValid():
                self.tree.expand(index)

    def current_number(self) -> str | None:
        index = self.tree.currentIndex()
        return index.siblingAtColumn(0).data(NUMBER_ROLE) if index.isValid() else None

    def current_account(self) -> Account | None:
        number = self.current_number()
        return self.accounts.get(number) if number else None

    def select(self, number: str) -> bool:
        """Make ``number`` current and visible; False when it is filtered out or unknown."""
        index = self._proxy_index(number)
        if not index.isValid():
            return False
        parent = index.parent()
        while parent.isValid():
            self.tree.expand(parent)
            parent = parent.parent()
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def _apply_want(self) -> None:
        """Select the account an operation just made, once the tree shows it."""
        if self._want and self.select(self._want):
            self._want = None

    def _search(self, text: str) -> None:
        if text.strip() and self._saved_expansion is None:
            self._saved_expansion = self._expanded()
        selected = self.current_number()
        self.proxy.set_query(text)
        if self.proxy.words:
            self.tree.expandAll()
        elif self._saved_expansion is not None:
            self._expand(self._saved_expansion)
            self._saved_expansion = None
        if not (selected and self.select(selected)):
            self._first_match()
        self._update_actions()

    def _first_match(self) -> bool:
        """Make the first account the query finds current (not an ancestor shown for it)."""
        match = next((i for i in self._walk() if self.proxy.matches(
            self.proxy.mapToSource(i))), None)
        if match is not None:
            self.tree.setCurrentIndex(match)
        return match is not None

    def _go_to_first_match(self) -> None:
        if self._first_match():
            self.tree.setFocus()

    # --- actions ----------------------------------------------------------------------------

    def _update_actions(self) -> None:
        account = self.current_account()
        writable = not self.session.read_only_reason
        self.add.setEnabled(writable and account is not None)
        self.edit.setEnabled(writable and account is not None)
        postable = writable and account is not None and account.postable
        self.toggle.setEnabled(postable)
        self.delete.setEnabled(postable)
        self._show_toggle(account is not None and not account.active)

    def confirm_title(self) -> str:
        return self.tr("Chart of accounts")

    def add_account(self) -> AccountDialog | None:
        """Open the dialog for a sub-account of the selected account."""
        base = self.current_account()
        if base is None or not self.add.isEnabled():
            return None
        dialog = AccountDialog(parent_account=base, existing=set(self.accounts), parent=self)
        dialog.submitted.connect(lambda form: self._create(dialog, form))
        dialog.open()
        return dialog

    def _create(self, dialog: AccountDialog, form: AccountForm) -> None:
        def done(account: Account) -> None:
            dialog.accept()
            self.message.setText(self.tr("Account {0} opened.").format(account.number))
            self._want = account.number
            self._apply_want()

        self.session.op(
            lambda books: books.add_account(
                form.number, form.label_fr, label_en=form.label_en, label_ar=form.label_ar,
                needs_third_party=form.needs_third_party),
            Change.ACCOUNTS, done, parent=self,
            on_error=lambda exc: dialog.show_refusal(describe(exc)))

    def edit_account(self) -> AccountDialog | None:
        account = self.current_account()
        if account is None or not self.edit.isEnabled():
            return None
        dialog = AccountDialog(account=account, parent=self)
        dialog.submitted.connect(lambda form: self._update(dialog, form))
        dialog.open()
        return dialog

    def _update(self, dialog: AccountDialog, form: AccountForm) -> None:
        self.session.op(
            lambda books: books.update_account(
                form.number, label_fr=form.label_fr, label_en=form.label_en,
                label_ar=form.label_ar, needs_third_party=form.needs_third_party),
            Change.ACCOUNTS, lambda _account: dialog.accept(), parent=self,
            on_error=lambda exc: dialog.show_refusal(describe(exc)))

    def toggle_active(self) -> None:
        account = self.current_account()
        if account is None or not self.toggle.isEnabled():
            return
        active = not account.active
        text = (self.tr("Account {0} reactivated.") if active
                else self.tr("Account {0} deactivated: it takes no new lines."))
        self.session.op(
            lambda books: books.set_account_active(account.number, active), Change.ACCOUNTS,
            lambda _none: self.message.setText(text.format(account.number)), parent=self,
            on_error=self._refused)

    def delete_account(self) -> None:
        account = self.current_account()
        if account is None or not self.delete.isEnabled():
            return
        question = self.tr("Delete account {0} {1}?").format(
            account.number, account.label(self.session.language.code))
        if not self.confirm(question):
            return
        self.session.op(
            lambda books: books.delete_account(account.number), Change.ACCOUNTS,
            lambda _none: self.message.setText(
                self.tr("Account {0} deleted.").format(account.number)),
            parent=self, on_error=self._refused)
