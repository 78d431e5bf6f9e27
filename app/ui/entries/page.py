"""The Entries page: every entry of the company, filtered and sorted by the database, paged.

The list is an ``EntriesModel`` (a ``PagedTableModel``): clicking a header re-sorts on the server
side and starts over from the first page, so a million-line file opens its list as fast as an
empty one. The filter bar narrows the query; typed fields wait 300 ms after the last key so a
search does not run once per letter.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QKeySequence,
    QRegularExpressionValidator,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from app.ledger.model import EntryId, EntryStatus, FiscalYear, Journal
from app.ledger.money import MoneyError
from app.ledger.recurring import Template, months_later
from app.store import recurring
from app.store.books import Books
from app.store.entry_list import EntryFilter, count_entries
from app.ui.entries.list_model import AMOUNT_COLUMN, OPEN_DATE, EntriesModel
from app.ui.entries.recurring_dialog import RecurringDialog
from app.ui.entries.recurring_form import TemplateDialog
from app.ui.kit.errors import show_error
from app.ui.kit.fmt import date_edit, to_date, to_qdate
from app.ui.kit.session import Change, CompanySession


class EntriesPage(QWidget):
    """Filter bar, count and the paged list of entries; opens an entry on Enter or double-click."""

    def __init__(self, session: CompanySession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.fiscal_year: FiscalYear | None = None
        self._count_generation = 0
        self._restore: tuple[int, int | None] | None = None
        self.recurring_dialog: RecurringDialog | None = None
        self.model = EntriesModel(session, self)
        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self.apply_filter)
        self._build_filters()
        self._build_table()
        self._layout()
        self.model.failed.connect(lambda exc: show_error(self, exc))
        self.model.refreshed.connect(self._restore_place)
        self.model.page_loaded.connect(self._keep_a_current_row)
        session.changed.connect(self._changed)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self,
                  self._focus_search).setContext(Qt.ShortcutContext.WindowShortcut)
        self._load_journals()
        self._load_years()
        self.model.reset()
        self._recount()

    # --- building ---------------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.journal = QComboBox()
        self.journal.addItem(self.tr("All journals"), "")
        self.period = QComboBox()
        for text, key in ((self.tr("All dates"), "all"), (self.tr("Fiscal year"), "year"),
                          (self.tr("This month"), "month"), (self.tr("Custom"), "custom")):
            self.period.addItem(text, key)
        self.first = self._date_edit()
        self.last = self._date_edit()
        self.status = QComboBox()
        for text, value in ((self.tr("All"), ""), (self.tr("Drafts"), EntryStatus.DRAFT.value),
                            (self.tr("Posted"), EntryStatus.POSTED.value)):
            self.status.addItem(text, value)
        self.account = QLineEdit(placeholderText=self.tr("e.g. 411"))
        self.account.setValidator(QRegularExpressionValidator(r"[0-9]*", self.account))
        self.amount = QLineEdit(placeholderText=self.tr("exact amount"))
        self.search = QLineEdit(placeholderText=self.tr("Search labels and references (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.new_button = QPushButton(self.tr("New entry"))
        self.new_button.setToolTip(self.tr("New entry (Ctrl+N)"))
        self.new_button.clicked.connect(lambda: self.session.open_entry_requested.emit(None))
        self.new_button.setEnabled(not self.session.read_only_reason)
        # in the table's context menu and the window's Entries menu: the filter rows have no
        # room left for buttons on a 1024-pixel screen
        self.make_recurring_action = QAction(self.tr("Make recurring…"), self)
        self.make_recurring_action.setToolTip(self.tr("A recurring template from the selected "
                                                      "entry"))
        self.make_recurring_action.triggered.connect(lambda: self.make_recurring())
        self.make_recurring_action.setEnabled(not self.session.read_only_reason)
        for combo in (self.journal, self.status):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.period.currentIndexChanged.connect(self._period_chosen)
        for edit in (self.first, self.last):
            edit.dateChanged.connect(self._date_typed)
        for line in (self.account, self.amount, self.search):
            line.textChanged.connect(lambda _text: self._debounce.start())

    def _date_edit(self) -> QDateEdit:
        edit = date_edit(locale=self.session.fmt.locale)
        edit.setMinimumDate(OPEN_DATE)
        edit.setSpecialValueText("—")
        edit.setDate(OPEN_DATE)
        return edit

    def _build_table(self) -> None:
        view = self.table = QTableView()
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        view.addAction(self.make_recurring_action)
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        rows = view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
        header = view.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        view.setSortingEnabled(True)
        width = view.fontMetrics().horizontalAdvance
        for column, sample in enumerate(("2025-12-31__", "JOURNAL", "000000", "REFERENCE-0000",
                                         "", "000 000 000.00", "Posted__")):
            header.resizeSection(column, width(sample) + 16)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(AMOUNT_COLUMN, QHeaderView.ResizeMode.Interactive)
        view.doubleClicked.connect(self._open)
        keys = ((Qt.Key.Key_Return, lambda: self._open(view.currentIndex())),
                (Qt.Key.Key_Enter, lambda: self._open(view.currentIndex())),
                (Qt.Modifier.CTRL | Qt.Key.Key_End, self._to_end),
                (Qt.Modifier.CTRL | Qt.Key.Key_Home, self._to_start))
        for key, action in keys:
            # the list's keys only: Enter in a filter field must not open the entry under it
            shortcut = QShortcut(QKeySequence(key), view, action)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.model.jumped.connect(lambda: self._make_current(self.model.rowCount() - 1))

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        self._labelled(top, ((self.tr("A&ccount"), self.account),
                             (self.tr("A&mount"), self.amount)))
        top.addWidget(self.count_label)
        top.addWidget(self.new_button)
        bar = QHBoxLayout()
        self._labelled(bar, ((self.tr("&Journal"), self.journal), (self.tr("&Period"), self.period),
                             (self.tr("&From"), self.first), (self.tr("&To"), self.last),
                             (self.tr("&Status"), self.status)))
        bar.addStretch()
        width = self.fontMetrics().horizontalAdvance
        self.account.setMinimumWidth(width("0000000000"))
        self.amount.setMinimumWidth(width("000 000 000,00"))
        self.count_label.setMinimumWidth(width("0 000 000 entries"))
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        QWidget.setTabOrder(self.search, self.journal)
        for before, after in ((self.journal, self.period), (self.period, self.first),
                              (self.first, self.last), (self.last, self.status),
                              (self.status, self.account), (self.account, self.amount),
                              (self.amount, self.table), (self.table, self.new_button)):
            QWidget.setTabOrder(before, after)

    @staticmethod
    def _labelled(layout: QHBoxLayout, fields: tuple[tuple[str, QWidget], ...]) -> None:
        for text, widget in fields:
            label = QLabel(text)
            label.setBuddy(widget)
            # the underlined mnemonic breaks kerning ("To"), so the text draws wider than hinted
            label.setMinimumWidth(label.sizeHint().width() + label.fontMetrics().averageCharWidth())
            layout.addSpacing(4)
            layout.addWidget(label)
            layout.addWidget(widget)

    # --- the filter -------------------------------------------------------------------------

    def current_filter(self) -> EntryFilter:
        """What the bar says; an amount that does not parse is left out (its field turns red)."""
        code = self.journal.currentData()
        first, last = self.first.date(), self.last.date()
        return EntryFilter(
            journals=(code,) if code else (),
            first=None if first == OPEN_DATE else to_date(first),
            last=None if last == OPEN_DATE else to_date(last),
            status=EntryStatus(self.status.currentData()) if self.status.currentData() else None,
            account_prefix=self.account.text().strip(),
            amount=self._amount(),
            text=self.search.text().strip(),
        )

    def _amount(self) -> Decimal | None:
        text = self.amount.text().strip()
        reason = ""
        value = None
        if text:
            try:
                value = self.session.fmt.parse_amount(text)
            except MoneyError as exc:
                reason = str(exc)
        self.amount.setStyleSheet("QLineEdit { border: 1px solid #c0392b; background: #fdecea; }"
                                  if reason else "")
        self.amount.setToolTip(self.tr("Not applied: {0}").format(reason) if reason else "")
        return value

    def apply_filter(self) -> None:
        """Run the query the bar describes, if it changed: from the first page, recounted."""
        self._debounce.stop()
        query = replace(self.model.current, filter=self.current_filter())
        if query != self.model.current:
            self.model.set_query(query)
            self._recount()

    def _period_chosen(self) -> None:
        key = self.period.currentData()
        today = date.today()
        bounds: tuple[QDate, QDate] | None = {
            "all": (OPEN_DATE, OPEN_DATE),
            "month": (QDate(today.year, today.month, 1),
                      QDate(today.year, today.month, 1).addMonths(1).addDays(-1)),
            "year": ((to_qdate(self.fiscal_year.start), to_qdate(self.fiscal_year.end))
                     if self.fiscal_year else (OPEN_DATE, OPEN_DATE)),
        }.get(key)
        if bounds is not None:
            for edit, value in zip((self.first, self.last), bounds, strict=True):
                edit.blockSignals(True)
                edit.setDate(value)
                edit.blockSignals(False)
        self.apply_filter()

    def _date_typed(self) -> None:
        self.period.blockSignals(True)
        self.period.setCurrentIndex(self.period.findData("custom"))
        self.period.blockSignals(False)
        self.apply_filter()

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # --- reading ----------------------------------------------------------------------------

    def _recount(self) -> None:
        self._count_generation += 1
        generation, filt = self._count_generation, self.model.current.filter
        self.count_label.setText(self.tr("Counting…"))

        def counted(total: int) -> None:
            if generation == self._count_generation:
                self.count_label.setText(self.tr("1 entry") if total == 1 else
                                         self.tr("{0} entries").format(
                                             self.session.fmt.integer(total)))

        self.session.read(lambda books: count_entries(books, filt), counted, parent=self)

    def _load_journals(self) -> None:
        def got(journals: dict[str, Journal]) -> None:
            chosen = self.journal.currentData()
            self.journal.blockSignals(True)
            while self.journal.count() > 1:
                self.journal.removeItem(1)
            for code, journal in journals.items():
                self.journal.addItem(f"{code} — {journal.label}", code)
            self.journal.setCurrentIndex(max(0, self.journal.findData(chosen)))
            self.journal.blockSignals(False)

        self.session.read(lambda books: books.journals(), got, parent=self)

    def _load_years(self) -> None:
        def got(years: list[FiscalYear]) -> None:
            self.fiscal_year = self.session.current_fiscal_year(years)

        self.session.read(lambda books: books.fiscal_years(), got, parent=self)

    def _changed(self, changes: Change) -> None:
        if changes & Change.ACCESS:
            self.new_button.setEnabled(not self.session.read_only_reason)
            self.make_recurring_action.setEnabled(not self.session.read_only_reason)
        if changes & Change.JOURNALS:
            self._load_journals()
        if changes & Change.FISCAL_YEARS:
            self._load_years()
        if changes & Change.ENTRIES:
            current = self.model.row_at(self.table.currentIndex().row())
            self._restore = (self.table.verticalScrollBar().value(),
                             current.id if current is not None else None)
            self.model.refresh()
            self._recount()

    def _restore_place(self) -> None:
        if self._restore is None:
            return
        scroll, entry_id = self._restore
        self._restore = None
        for row, loaded in self.model.loaded():
            if entry_id is not None and loaded.id == entry_id:
                self.table.setCurrentIndex(self.model.index(row, 0))
                break
        self.table.verticalScrollBar().setValue(scroll)

    def _keep_a_current_row(self) -> None:
        """Arrow keys, Ctrl+End and Enter work at once, without a click in the list first."""
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0), QItemSelectionModel.SelectionFlag.NoUpdate)

    def _to_end(self) -> None:
        """Ctrl+End: the last entry, read from the end when pages are still to come."""
        if self.model.canFetchMore(QModelIndex()):
            self.model.jump_to_end()  # jumped → _make_current
        else:
            self._make_current(self.model.rowCount() - 1)

    def _to_start(self) -> None:
        self._make_current(0)

    def _make_current(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, self.table.currentIndex().column() if
                                     self.table.currentIndex().isValid() else 0)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def _open(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is not None:
            self.session.open_entry_requested.emit(row.id)

    # --- recurring entries ------------------------------------------------------------------

    def open_recurring(self) -> RecurringDialog:
        """The recurring entries window, beside the list (one per page, raised if open)."""
        if self.recurring_dialog is None or not isValid(self.recurring_dialog):
            self.recurring_dialog = RecurringDialog(self.session, self)
        self.recurring_dialog.show()
        self.recurring_dialog.raise_()
        self.recurring_dialog.activateWindow()
        return self.recurring_dialog

    def make_recurring(self) -> None:
        """The template form, prefilled from the selected entry (draft or posted): monthly on
        its day, from the month after it; the user sets the name, period and dates."""
        row = self.model.row_at(self.table.currentIndex().row())
        if row is None or not self.make_recurring_action.isEnabled():
            return
        entry_id = EntryId(row.id)
        name = row.label.strip() or self.tr("Entry {0}").format(row.id)
        start = months_later(row.date, 1, row.date.day)

        def work(books: Books) -> Template:
            with books.read() as cur:
                return recurring.template_from_entry(
                    cur, entry_id, books.currency, name=name, every_months=1,
                    day_of_month=row.date.day, next_date=start)

        self.session.read(work, lambda template: self._prefilled(template), parent=self)

    def _prefilled(self, template: Template) -> TemplateDialog | None:
        return self.open_recurring().new_template(template)
