"""The reports page: choose a report, set its dates, run it (F5), read it, drill down, export it.

A report runs on a worker thread behind a progress dialog, so a large one never freezes the
window. The general ledger and the journal, which may run to millions of lines, are never laid out
whole: the view swaps to a paged model (``LedgerModel``) that reads the pages it paints, and their
exports and printouts read the books again (``page_output``). When entries or accounts change the
report shown is marked out of date rather than rerun behind the user's back: they may be reading
it; F5 brings it up to date.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ledger.model import FiscalYear, Journal
from app.reports import legal
from app.reports.export import ReportTable, Style
from app.store.books import Books
from app.ui.kit.errors import show_error
from app.ui.kit.fmt import to_qdate
from app.ui.kit.progress import run_with_progress
from app.ui.kit.session import Change, CompanySession
from app.ui.kit.tasks import Progress
from app.ui.reports import aged_table, ledger_rows
from app.ui.reports.ledger_model import LedgerModel
from app.ui.reports.ledger_rows import LEDGER_KINDS, LedgerQuery
from app.ui.reports.model import ReportModel, RowRole
from app.ui.reports.page_output import ReportOutput
from app.ui.reports.params import ParamsPanel, default_period
from app.ui.reports.tables import Drills, Params, build_report, report_title
from sync.client import usage

STALE_CHANGES = Change.ENTRIES | Change.ACCOUNTS | Change.THIRD_PARTIES | Change.FISCAL_YEARS
LEAST_LABEL = 28
LEAST_LINE_LABEL = 18
LEAST_PARTY_NAME = 12
"""The aged balance's names give way first: its six amounts and total fit a 1024-pixel screen."""
"""The general ledger and the journal carry a running balance or an account beside the label:
at 1024 px their last amount column stays on screen if a line's label yields a little more."""
"""Characters the label column keeps however narrow the window: the amounts scroll instead."""


class ReportsPage(ReportOutput, QWidget):
    def __init__(self, session: CompanySession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.years: list[FiscalYear] = []
        self.last_export: Path | None = None
        self.shown_params: Params | None = None
        self.drills: Drills = {}
        """The accounts behind each balance sheet or income statement line, by row."""
        self.drill_menu: QMenu | None = None
        """The accounts of the statement line last drilled into, when it has several."""
        """What the report shown was run with: its legal printout is taken with the same."""
        self.landing: str | None = None
        """The third party an aged balance's drill-down asked for: its row is made current
        once the detail is shown."""
        self.params = ParamsPanel()
        self.report_model = ReportModel(session.fmt, self)
        self.ledger_model = LedgerModel(session, self)
        """The general ledger and the journal, a page at a time."""
        self.model: ReportModel | LedgerModel = self.report_model
        """The model the view shows: one of the two above, by the kind of report."""
        self.ledger_model.page_loaded.connect(self._page_landed)
        self.ledger_model.failed.connect(lambda exc: show_error(self, exc))
        self.view = QTableView()
        self.heading, self.note, self.message = QLabel(), QLabel(), QLabel()
        self._build()
        self._actions()
        self.view.activated.connect(self.drill)
        self._wide_column: int | None = None
        """The label column, which takes the room the others leave (at least ``LEAST_LABEL``)."""
        self.view.viewport().installEventFilter(self)
        self.params.kind_changed.connect(lambda _kind: self.message.clear())
        session.changed.connect(self._changed)
        self._load_setup(first_time=True)

    # --- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        vertical = self.view.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.view.fontMetrics().height() * 3 // 2)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.note.setWordWrap(True)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: palette(highlight);")
        self.run_button = QPushButton(self.tr("R&un (F5)"))
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run)
        # a push button with a menu: its style leaves room for the arrow beside the text
        # (``daftar.qss``), and Alt+X opens the menu as a click does
        self.export_button = QPushButton(self.tr("E&xport"))
        self.export_button.setObjectName("exportButton")
        self.preview_button = QPushButton(self.tr("Print pre&view"))
        self.print_button = QPushButton(self.tr("&Print…"))
        buttons = QHBoxLayout()
        for widget in (self.run_button, self.export_button, self.preview_button,
                       self.print_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        top = QVBoxLayout(self)
        top.addWidget(self.params)
        top.addLayout(buttons)
        top.addWidget(self.message)
        top.addWidget(self.heading)
        top.addWidget(self.note)
        top.addWidget(self.view, 1)

    def _action(self, text: str, shortcut: QKeySequence | str | None, slot: object
                ) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _actions(self) -> None:
        self.run_action = self._action(self.tr("Run the report"), "F5", self.run)
        self.export_actions = {
            "pdf": self._action(self.tr("Export to &PDF…"), "Ctrl+Shift+E",
                                lambda: self.choose_export("pdf")),
            "xlsx": self._action(self.tr("Export to E&xcel (XLSX)…"), "Ctrl+Shift+X",
                                 lambda: self.choose_export("xlsx")),
            "csv": self._action(self.tr("Export to &CSV…"), None,
                                lambda: self.choose_export("csv")),
        }
        self.legal_action = self._action(self.tr("&Legal printout (PDF)…"), None,
                                         self.choose_legal_pdf)
        self.export_menu = QMenu(self)
        for action in (*self.export_actions.values(), self.legal_action):
            self.export_menu.addAction(action)
        self.export_button.setMenu(self.export_menu)
        self._action(self.tr("Export…"), "Ctrl+E", self._pop_export_menu)
        self.preview_action = self._action(self.tr("Print preview"), "Ctrl+Shift+P",
                                           self.print_preview)
        self.print_action = self._action(self.tr("Print"), QKeySequence.StandardKey.Print,
                                         self.print_report)
        self.preview_button.clicked.connect(self.print_preview)
        self.print_button.clicked.connect(self.print_report)
        self._enable_output()

    def _enable_output(self) -> None:
        shown = self.model.table is not None
        for widget in (self.export_button, self.preview_button, self.print_button):
            widget.setEnabled(shown)
        for action in (*self.export_actions.values(), self.preview_action, self.print_action):
            action.setEnabled(shown)
        self.legal_action.setEnabled(shown and self.shown_params is not None
                                     and self.shown_params.kind in legal.KINDS)

    def _pop_export_menu(self) -> None:
        if self.model.table is not None:
            self.export_menu.popup(self.export_button.mapToGlobal(
                self.export_button.rect().bottomLeft()))

    # --- data ----------------------------------------------------------------------------

    def _load_setup(self, first_time: bool = False) -> None:
        """Fiscal years (for the default dates and the checks) and journals."""

        def got(result: tuple[list[FiscalYear], dict[str, Journal]]) -> None:
            self.years, journals = result
            self.params.set_journals(journals)
            if first_time:
                year = self.session.current_fiscal_year(self.years)
                self.params.set_period(*default_period(year, date.today()))

        self.session.read(lambda b: (b.fiscal_years(), b.journals()), got, parent=self)

    def frame(self) -> ReportTable:
        """The heading of the report about to run: company, title, period, conventions."""
        kind = self.params.current_kind()
        return ReportTable(
            kind, report_title(kind), self.session.company.name,
            self.params.period_text(self.session.fmt), (),
            exponent=self.session.books.currency.exponent,
            right_to_left=self.session.language.right_to_left)

    def run(self) -> None:
        problem = self.params.problem(self.years, self.session.fmt)
        self.message.setText(problem)
        if problem:
            self.landing = None
            return
        params: Params = self.params.params(self.session.language.code)
        usage.count("reports." + params.kind)
        frame = self.frame()
        if params.kind in LEDGER_KINDS:
            self._run_ledger(params, replace(frame, columns=ledger_rows.columns(params.kind),
                                             first=params.first, last=params.last))
            return

        def work(books: Books, progress: Progress) -> tuple[ReportTable, Drills]:
            return build_report(books, params, frame, progress)

        def shown(result: tuple[ReportTable, Drills]) -> None:
            self.shown_params = params
            self.show_table(*result)
            self._land_on_party()

        run_with_progress(self, self.session, self.tr("Preparing the report…"), work,
                          shown, reading=True)

    def _run_ledger(self, params: Params, frame: ReportTable) -> None:
        """Read the plan (accounts, openings, totals: sums only) behind the progress dialog,
        then show the first page as soon as it is read."""

        def work(books: Books, _progress: Progress) -> LedgerQuery:
            return ledger_rows.plan_query(books, params)

        def planned(query: LedgerQuery) -> None:
            self.shown_params = params
            self.show_ledger(frame, query)

        run_with_progress(self, self.session, self.tr("Preparing the report…"), work,
                          planned, reading=True)

    def show_ledger(self, frame: ReportTable, query: LedgerQuery) -> None:
        """Show the general ledger or journal ``query`` plans, a page at a time."""
        self.drills = {}
        self.report_model.set_table(None)
        self._use(self.ledger_model)
        self.ledger_model.show(frame, query)
        self._present(frame)

    def show_table(self, table: ReportTable, drills: Drills | None = None) -> None:
        """Show ``table`` (any report but the general ledger and the journal)."""
        self.drills = drills or {}
        self.ledger_model.clear()
        self._use(self.report_model)
        self.report_model.set_table(table)
        self._present(table)

    def _use(self, model: ReportModel | LedgerModel) -> None:
        if self.model is not model:
            self.model = model
            self.view.setModel(model)

    def _page_landed(self) -> None:
        """The ledger's first page may land after it was shown: make its first row current."""
        if self.model is self.ledger_model and not self.view.currentIndex().isValid() \
                and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))

    def _present(self, table: ReportTable) -> None:
        """Show the report from its top and its first column: a new report never opens where
        the last one was scrolled to."""
        self.heading.setText(f"{table.title} — {table.period}")
        self.note.setText(table.note)
        self.note.setVisible(bool(table.note))
        self.message.clear()
        header = self.view.horizontalHeader()
        width = self.view.fontMetrics().horizontalAdvance("0")
        widest = max(range(len(table.columns)), key=lambda i: table.columns[i].width)
        for index, column in enumerate(table.columns):
            header.setSectionResizeMode(index, QHeaderView.ResizeMode.Interactive)
            self.view.setColumnWidth(index, max(column.width * width + width,
                                                header.sectionSizeHint(index)))
        # the label column takes the room left; statements stay narrow
        self._wide_column = widest if len(table.columns) > 2 else None
        self._fit_label_column()
        self.view.scrollToTop()
        horizontal = self.view.horizontalScrollBar()
        horizontal.setValue(horizontal.minimum())
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))
        self._enable_output()

    def _fit_label_column(self) -> None:
        """Give the label column the width the other columns leave, never less than
        ``LEAST_LABEL`` characters: on a narrow screen the amounts scroll sideways instead of
        squeezing the labels to nothing."""
        wide, table = self._wide_column, self.model.table
        if wide is None or table is None or wide >= len(table.columns):
            return
        char = self.view.fontMetrics().horizontalAdvance("0")
        shown = self.shown_params
        kind = shown.kind if shown is not None else ""
        if kind == aged_table.KIND and shown is not None and not shown.detail:
            least_chars = LEAST_PARTY_NAME
        elif kind in ("general_ledger", "journal", aged_table.KIND):
            least_chars = LEAST_LINE_LABEL
        else:
            least_chars = LEAST_LABEL
        least = min(table.columns[wide].width, least_chars) * char + char
        others = sum(self.view.columnWidth(i) for i in range(len(table.columns)) if i != wide)
        self.view.setColumnWidth(wide, max(least, self.view.viewport().width() - others))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_label_column()
        return super().eventFilter(watched, event)

    def _changed(self, changes: Change) -> None:
        if changes & (Change.JOURNALS | Change.FISCAL_YEARS):
            self._load_setup()
        if changes & STALE_CHANGES and self.model.table is not None:
            self.message.setText(self.tr("The books changed: this report is out of date. "
                                         "Press F5 to refresh it."))

    # --- drill-down ----------------------------------------------------------------------

    def drill(self, index: QModelIndex) -> None:
        """Enter or double-click: a line opens its entry, an account row shows its lines, an
        aged balance's third party shows its open lines (``aged_detail``).

        A balance sheet or income statement line gathers several accounts: one account opens its
        lines at once; several are offered in a menu (number and label) under the line, each
        opening that account's lines over the statement's dates (the balance sheet's from the
        latest à-nouveaux, so they add up to its balance)."""
        table = self.model.table
        if table is None or not index.isValid():
            return
        row = index.data(RowRole)
        if row is None:  # a ledger row whose page is still being read
            return
        accounts = self.drills.get(index.row(), ())
        shown = self.shown_params
        if shown is not None and shown.kind == aged_table.KIND and not shown.detail \
                and (party := aged_table.party_of(row)) is not None:
            self.aged_detail(shown, party)
        elif row.entry_id is not None:
            self.session.open_entry_requested.emit(row.entry_id)
        elif row.account and table.last is not None:
            self.session.account_lines_requested.emit(row.account, table.first, table.last)
        elif len(accounts) == 1 and table.last is not None:
            self.session.account_lines_requested.emit(accounts[0][0], table.first, table.last)
        elif accounts and table.last is not None:
            self._drill_menu(index, accounts, table.first, table.last)

    def aged_detail(self, shown: Params, party: str) -> None:
        """An aged balance's party row opens the detail at the same date, on that party's open
        lines; the parameters show what ran, so F5 runs it again."""
        self.params.set_kind(shown.kind)
        self.params.last.setDate(to_qdate(shown.last))
        self.params.low.setText(shown.low or "")
        self.params.high.setText(shown.high or "")
        self.params.set_aged(shown.payables, detail=True)
        self.landing = party
        self.run()

    def _land_on_party(self) -> None:
        party, self.landing = self.landing, None
        if party is None or self.model is not self.report_model:
            return
        table = self.report_model.table
        rows = table.rows if table is not None else []
        for number, row in enumerate(rows):
            if row.style is Style.SECTION and row.cells[0] == party:
                while self.report_model.rowCount() <= number:
                    self.report_model.fetchMore(QModelIndex())
                index = self.report_model.index(number, 0)
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
                return

    def _drill_menu(self, index: QModelIndex, accounts: tuple[tuple[str, str], ...],
                    first: date | None, last: date) -> None:
        if self.drill_menu is not None:
            self.drill_menu.deleteLater()
        menu = QMenu(self)
        for number, label in accounts:
            action = menu.addAction(f"{number}  {label}")
            action.triggered.connect(
                lambda _=False, n=number: self.session.account_lines_requested.emit(n, first,
                                                                                    last))
        self.drill_menu = menu
        place = self.view.visualRect(index)
        menu.popup(self.view.viewport().mapToGlobal(place.bottomLeft()))
