"""The company's settings: interface language, company details, journals, fiscal years, lock
date, key.

Closing a fiscal year and moving the lock date are final, so each asks for confirmation in words
that say so, and a refusal from the books (drafts still dated in the period, an earlier year still
open) is shown beside the button that was pressed rather than in a box that hides the page.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ledger.model import FiscalYear, FiscalYearState
from app.ui.cloud.link import controller_of
from app.ui.cloud.settings import CloudGroup
from app.ui.kit import i18n
from app.ui.kit.errors import describe
from app.ui.kit.fmt import date_edit, to_date, to_qdate
from app.ui.kit.session import Change, CompanySession
from app.ui.reference.journal_dialog import JournalsGroup
from app.ui.settings.allocation_dialog import AllocationDialog
from app.ui.settings.company_dialog import CompanyDialog
from app.ui.settings.year_end import YearEndDialog


def confirm(parent: QWidget, title: str, text: str, action: str) -> bool:
    """Ask before a change that cannot be undone; the safe answer is the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel,
                      parent)
    go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is go


def _problem_label() -> QLabel:
    """An inline line for a refusal, in words; empty (and hidden) when all went well."""
    label = QLabel()
    label.setObjectName("problem")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def _say(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class SettingsPage(QWidget):
    """Settings of one open company and of the interface."""

    def __init__(self, session: CompanySession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.years: list[FiscalYear] = []
        self.lock: date | None = None
        self.company_dialog: CompanyDialog | None = None
        self.journals = JournalsGroup(session)
        column = QVBoxLayout()
        for group in (self._language_group(), self._company_group(), self.journals,
                      self._years_group(), self._lock_group(), self._key_group(),
                      self._sync_group()):
            column.addWidget(group)
        column.addStretch(1)
        inner = QWidget()
        inner.setObjectName("settingsColumn")
        inner.setLayout(column)
        inner.setMaximumWidth(inner.fontMetrics().averageCharWidth() * 110)
        holder = QWidget()
        centre = QHBoxLayout(holder)
        centre.addWidget(inner, 1)
        centre.addStretch(0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(holder)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Settings"))
        title.setObjectName("pageTitle")
        outer.addWidget(title)
        outer.addWidget(scroll, 1)
        session.changed.connect(self._changed)
        self._apply_read_only()
        self.refresh()

    # --- interface language ----------------------------------------------------------------

    def _language_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Interface language"))
        self.language = QComboBox()
        for code, lang in i18n.LANGUAGES.items():
            self.language.addItem(lang.native_name, code)
        self.language.setCurrentIndex(self.language.findData(self.session.language.code))
        self.apply_language = QPushButton(self.tr("&Apply"))
        self.apply_language.clicked.connect(self.switch_language)
        row = QHBoxLayout()
        label = QLabel(self.tr("&Language:"))
        label.setBuddy(self.language)
        row.addWidget(label)
        row.addWidget(self.language)
        row.addWidget(self.apply_language)
        row.addStretch(1)
        layout = QVBoxLayout(group)
        layout.addLayout(row)
        note = QLabel(self.tr("The window is rebuilt in the new language; open companies stay "
                              "open. Account labels follow the language where the chart has them."))
        note.setObjectName("note")
        note.setWordWrap(True)
        layout.addWidget(note)
        return group

    def switch_language(self) -> None:
        """Rebuild the main window in the chosen language (every text is read again)."""
        code = self.language.currentData()
        if code != self.session.language.code:
            self.session.language_requested.emit(code)

    # --- company details -------------------------------------------------------------------

    def _company_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Company"))
        self.company_form = QFormLayout()
        _compact(self.company_form)
        self.edit_company = QPushButton(self.tr("E&dit…"))
        self.edit_company.setToolTip(self.tr("Change the name, address and legal identifiers"))
        self.edit_company.clicked.connect(self.open_company_dialog)
        row = QHBoxLayout()
        row.addWidget(self.edit_company)
        row.addStretch(1)
        layout = QVBoxLayout(group)
        layout.addLayout(self.company_form)
        layout.addLayout(row)
        return group

    def _show_company(self) -> None:
        form = self.company_form
        while form.rowCount():
            form.removeRow(0)
        company = self.session.company
        chart = {"scf": self.tr("SCF (Algerian financial accounting system)"),
                 "pcg": self.tr("PCG (French general chart of accounts)")}.get(company.chart,
                                                                               company.chart)
        rows = [(self.tr("Name"), company.name), (self.tr("Currency"), company.currency),
                (self.tr("Chart of accounts"), chart), (self.tr("NIF"), company.nif),
                (self.tr("NIS"), company.nis), (self.tr("RC"), company.rc),
                (self.tr("AI"), company.ai), (self.tr("Address"), company.address),
                (self.tr("File"), str(self.session.path))]
        for title, value in rows:
            field = QLabel(value or "—")
            field.setWordWrap(True)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(title, field)

    def open_company_dialog(self) -> CompanyDialog | None:
        """Edit the company's name, address and identifiers (never its chart or currency)."""
        if not self.edit_company.isEnabled():
            return None
        dialog = CompanyDialog(self.session.company, self)
        dialog.submitted.connect(lambda changes: self._update_company(dialog, changes))
        self.company_dialog = dialog
        dialog.open()
        return dialog

    def _update_company(self, dialog: CompanyDialog, changes: dict[str, str]) -> None:
        self.session.op(lambda b: b.update_company(**changes), Change.COMPANY,
                        lambda _company: dialog.accept(), parent=self,
                        on_error=lambda exc: dialog.show_refusal(describe(exc)))

    # --- fiscal years ----------------------------------------------------------------------

    def _years_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Fiscal years"))
        self.year_list = QTreeWidget()
        self.year_list.setRootIsDecorated(False)
        self.year_list.setHeaderLabels([self.tr("Year"), self.tr("From"), self.tr("To"),
                                        self.tr("State")])
        self.year_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.year_list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.year_list.header().setStretchLastSection(True)
        self.year_list.currentItemChanged.connect(lambda *_: self._update_year_buttons())
        self.open_next = QPushButton(self.tr("Open &next fiscal year"))
        self.open_next.clicked.connect(self.open_next_year)
        self.close_year = QPushButton(self.tr("&Close fiscal year…"))
        self.close_year.clicked.connect(self.close_selected_year)
        self.year_problem = _problem_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_next)
        buttons.addWidget(self.close_year)
        self.allocate = QPushButton(self.tr("Allocate the &result…"))
        self.allocate.clicked.connect(self.allocate_selected_result)
        buttons.addWidget(self.allocate)
        buttons.addStretch(1)
        layout = QVBoxLayout(group)
        layout.addWidget(self.year_list)
        layout.addLayout(buttons)
        layout.addWidget(self.year_problem)
        return group

    def _show_years(self, years: list[FiscalYear]) -> None:
        self.years = years
        fmt = self.session.fmt
        self.year_list.clear()
        for year in years:
            state = (self.tr("Open") if year.state is FiscalYearState.OPEN
                     else self.tr("Closed"))
            item = QTreeWidgetItem([year.name, fmt.date(year.start), fmt.date(year.end), state])
            item.setData(0, Qt.ItemDataRole.UserRole, year.start)
            self.year_list.addTopLevelItem(item)
        first_open = next((i for i, y in enumerate(years) if y.state is FiscalYearState.OPEN), -1)
        if first_open >= 0:
            self.year_list.setCurrentItem(self.year_list.topLevelItem(first_open))
        row = self.year_list.sizeHintForRow(0) if years else self.fontMetrics().height() + 6
        self.year_list.setFixedHeight(row * (max(len(years), 2) + 1)
                                      + self.year_list.header().sizeHint().height())
        self._update_year_buttons()

    def selected_year(self) -> FiscalYear | None:
        item = self.year_list.currentItem()
        if item is None:
            return None
        start = item.data(0, Qt.ItemDataRole.UserRole)
        return next((y for y in self.years if y.start == start), None)

    def _update_year_buttons(self) -> None:
        year = self.selected_year()
        writable = not self.session.read_only_reason
        self.open_next.setEnabled(writable)
        self.close_year.setEnabled(writable and year is not None
                                   and year.state is FiscalYearState.OPEN)
        self.allocate.setEnabled(writable and year is not None
                                 and year.state is FiscalYearState.CLOSED)

    def open_next_year(self) -> None:
        _say(self.year_problem, "")
        self.session.op(lambda b: b.open_next_fiscal_year(), Change.FISCAL_YEARS, parent=self,
                        on_error=lambda exc: _say(self.year_problem, describe(exc)))

    def allocate_selected_result(self) -> None:
        """Open the allocation dialog for the selected closed year."""
        year = self.selected_year()
        if year is None or year.state is not FiscalYearState.CLOSED:
            return
        self.allocation = AllocationDialog(self.session, year, self)
        self.allocation.open()

    def close_selected_year(self) -> None:
        """Open the year-end dialog: it shows the checks and what the closing will post first."""
        year = self.selected_year()
        if year is None or year.state is not FiscalYearState.OPEN:
            return
        _say(self.year_problem, "")
        self.year_end = YearEndDialog(self.session, year, self)
        self.year_end.open()

    # --- lock date -------------------------------------------------------------------------

    def _lock_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Lock date"))
        self.lock_state = QLabel()
        self.lock_edit = date_edit(locale=self.session.fmt.locale)
        self.lock_button = QPushButton(self.tr("Loc&k"))
        self.lock_button.clicked.connect(self.lock_books)
        self.lock_problem = _problem_label()
        row = QHBoxLayout()
        label = QLabel(self.tr("Lock &up to:"))
        label.setBuddy(self.lock_edit)
        row.addWidget(label)
        row.addWidget(self.lock_edit)
        row.addWidget(self.lock_button)
        row.addStretch(1)
        layout = QVBoxLayout(group)
        layout.addWidget(self.lock_state)
        layout.addLayout(row)
        note = QLabel(self.tr("Entries dated on or before the lock date can no longer be posted, "
                              "changed or deleted. The lock date only moves forward."))
        note.setObjectName("note")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.lock_problem)
        return group

    def _show_lock(self, lock: date | None) -> None:
        self.lock = lock
        if lock is None:
            self.lock_state.setText(self.tr("The books are not locked."))
            open_years = [y for y in self.years if y.state is FiscalYearState.OPEN]
            default = (open_years[0].start if open_years else date.today()) - timedelta(days=1)
            self.lock_edit.setMinimumDate(to_qdate(date(1900, 1, 1)))
            self.lock_edit.setDate(to_qdate(default))
        else:
            self.lock_state.setText(self.tr("The books are locked up to {0} inclusive.")
                                    .format(self.session.fmt.date(lock)))
            self.lock_edit.setMinimumDate(to_qdate(lock))
            self.lock_edit.setDate(to_qdate(lock))

    def lock_books(self) -> None:
        day = to_date(self.lock_edit.date())
        _say(self.lock_problem, "")
        text = self.tr("Lock the books up to {0}? Entries dated on or before that day can no "
                       "longer be posted, changed or deleted, and the lock date cannot be moved "
                       "back.").format(self.session.fmt.date(day))
        if not confirm(self, self.tr("Lock the books"), text, self.tr("Lock")):
            return
        self.session.op(lambda b: b.set_lock_date(day), Change.LOCK, parent=self,
                        on_error=lambda exc: _say(self.lock_problem, describe(exc)))

    # --- key and companion service -----------------------------------------------------------

    def _key_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Key protection"))
        form = QFormLayout(group)
        _compact(form)
        source = self.session.source
        if source.key_file is not None:
            how = self.tr("A key file")
            form.addRow(self.tr("Protected by"), QLabel(how))
            path = QLabel(str(source.key_file))
            path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(self.tr("Key file"), path)
        elif source.passphrase is not None:
            form.addRow(self.tr("Protected by"), QLabel(self.tr("A passphrase")))
        elif source.recovery_key is not None:
            form.addRow(self.tr("Opened with"), QLabel(self.tr("The recovery key")))
        else:
            form.addRow(self.tr("Protected by"),
                        QLabel(self.tr("The operating system's credential store")))
        return group

    def _sync_group(self) -> QGroupBox:
        cloud = controller_of(self.session)
        if cloud is not None:
            return CloudGroup(self.session, cloud)
        group = QGroupBox(self.tr("Daftar cloud"))
        text = QLabel(self.tr("Not available in this window."))
        text.setWordWrap(True)
        QVBoxLayout(group).addWidget(text)
        return group

    # --- refreshing ------------------------------------------------------------------------

    def _apply_read_only(self) -> None:
        reason = self.session.read_only_reason
        self.lock_button.setEnabled(not reason)
        self.lock_edit.setEnabled(not reason)
        self.edit_company.setEnabled(not reason)
        self._update_year_buttons()

    def refresh(self) -> None:
        self._show_company()
        self._load_years_and_lock()

    def _load_years_and_lock(self) -> None:
        def got(result: tuple[list[FiscalYear], date | None]) -> None:
            years, lock = result
            self._show_years(years)
            self._show_lock(lock)

        self.session.read(lambda b: (b.fiscal_years(), b.lock_date()), got, parent=self)

    def _changed(self, changes: Change) -> None:
        if changes & Change.ACCESS:
            self._apply_read_only()
        if changes & Change.COMPANY:
            self._show_company()
        if changes & (Change.FISCAL_YEARS | Change.LOCK):
            self._load_years_and_lock()


def _compact(form: QFormLayout) -> None:
    """Values right beside their labels in either direction: a growing field would push a short
    value to the far side of the page (right to left, across the whole width)."""
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
    form.setFormAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
