"""The bank page: import a statement, post what the books lack, match the two sides, and see
the reconciliation at a date.

Above, the statement lines the books lack, each with its suggested counterpart and why (a rule
of the company, or what the company did with similar lines before); Enter accepts the
suggestion, F2 posts with another counterpart. Below, the book lines the statement has not
shown yet. Selecting lines on both sides whose amounts agree and pressing Ctrl+Enter matches
them; Ctrl+M matches every pair that is beyond doubt. The line at the top says where the
reconciliation stands: the two balances and their difference once the open lines explain it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ledger.bank_pairing import Proposal
from app.ledger.money import ZERO
from app.reports.legal import LegalReport
from app.ui.bank import data
from app.ui.bank.models import LedgerLinesModel, StatementLinesModel
from app.ui.bank.post_dialog import PostForm, PostLineDialog
from app.ui.entries.catalog import Catalog, load_catalog
from app.ui.kit import file_dialogs
from app.ui.kit.errors import describe
from app.ui.kit.fmt import date_edit, isolate
from app.ui.kit.session import Change, CompanySession
from app.ui.kit.style import BALANCED_COLOUR, PROBLEM_COLOUR
from app.ui.reports import legal_print


def _tr(text: str) -> str:
    return QCoreApplication.translate("bank", text)


def _table(model: StatementLinesModel | LedgerLinesModel, *stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(False)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    view.setMinimumHeight(4 * view.verticalHeader().defaultSectionSize())
    return view


def _select(view: QTableView, rows: list[int]) -> None:
    selection = view.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(view.model().index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    if rows:
        view.scrollTo(view.model().index(rows[0], 0))
        selection.setCurrentIndex(view.model().index(rows[0], 0),
                                  QItemSelectionModel.SelectionFlag.NoUpdate)


class BankPage(QWidget):
    """Reconcile one bank account of the company at a date."""

    CHANGES = Change.BANK | Change.ENTRIES | Change.ACCOUNTS | Change.JOURNALS

    def __init__(self, session: CompanySession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.view: data.BankView | None = None
        self.proposals: list[Proposal] = []
        """The pairs the last automatic run left for a person to check, shown one by one."""
        self.choices = data.BankChoices([], [], [])
        self.catalog: Catalog | None = None
        self.account = QComboBox()
        self.account.setMinimumContentsLength(18)
        self.account.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.day = date_edit(date.today(), locale=session.fmt.locale)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.selection = QLabel()
        self.statement_model = StatementLinesModel(session.fmt)
        self.ledger_model = LedgerLinesModel(session.fmt)
        self.statement_view = _table(self.statement_model, 1, 3)
        self.ledger_view = _table(self.ledger_model, 2)
        self._make_actions()
        self._lay_out()
        self._day_chosen = False
        """Whether the user picked the date; until then it follows the last statement's end."""
        self.account.currentIndexChanged.connect(lambda _i: self.refresh())
        self.day.dateChanged.connect(self._day_changed)
        for view in (self.statement_view, self.ledger_view):
            view.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        session.changed.connect(self._changed)
        self._load_choices()

    # --- building ---------------------------------------------------------------------------

    def _action(self, text: str, keys: list[str | QKeySequence], slot: object,
                widget: QWidget | None = None) -> QAction:
        action = QAction(text, widget or self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        (widget or self).addAction(action)
        return action

    def _make_actions(self) -> None:
        self.import_action = self._action(_tr("Import statement…"), ["Ctrl+Shift+I"],
                                          self.ask_import)
        self.auto_action = self._action(_tr("Match automatically"), ["Ctrl+M"], self.auto_match)
        self.match_action = self._action(_tr("Match selected"), ["Ctrl+Return", "Ctrl+Enter"],
                                         self.match_selected)
        self.next_action = self._action(_tr("Next possible pair"), ["F8"], self.next_proposal)
        self.report_action = self._action(_tr("Reconciliation statement…"), ["Ctrl+Shift+P"],
                                          self.ask_report)
        self.refresh_action = self._action(_tr("Refresh"), ["F5"], self.refresh)
        self.accept_action = self._action(_tr("Accept suggestion"), ["Return", "Enter"],
                                          self.accept_suggestion, self.statement_view)
        self.accept_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.post_action = self._action(_tr("Post…"), ["F2"], self.ask_post, self.statement_view)
        self.post_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.statement_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.statement_view.addActions([self.accept_action, self.post_action, self.match_action])
        self.ledger_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.ledger_view.addActions([self.match_action])

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        account_label = QLabel(_tr("Bank account"))
        account_label.setBuddy(self.account)
        day_label = QLabel(_tr("At"))
        day_label.setBuddy(self.day)
        bar.addWidget(account_label)
        bar.addWidget(self.account, 1)
        bar.addWidget(day_label)
        bar.addWidget(self.day)
        for action in (self.import_action, self.auto_action, self.next_action,
                       self.match_action, self.report_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            bar.addWidget(button)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        for title, view in ((_tr("Statement lines not in the books"), self.statement_view),
                            (_tr("Book lines not on the statement"), self.ledger_view)):
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            heading = QLabel(f"<b>{title}</b>")
            heading.setBuddy(view)
            column.addWidget(heading)
            column.addWidget(view, 1)
            split.addWidget(box)
        # the wrapped lines give the page a height for its width, which the window's scroll
        # area reads from the lists' preferred heights: ask for their minimum only, so the
        # page fits a 600-pixel screen and the lists take what room there is
        split.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        split.setMinimumHeight(split.minimumSizeHint().height())
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addWidget(self.selection)
        layout.addWidget(self.message)
        self.setTabOrder(self.account, self.day)
        self.setTabOrder(self.day, self.statement_view)
        self.setTabOrder(self.statement_view, self.ledger_view)
        self.setFocusProxy(self.statement_view)

    # --- reading ----------------------------------------------------------------------------

    def _load_choices(self) -> None:
        language = self.session.language.code

        def got(result: tuple[data.BankChoices, Catalog]) -> None:
            self.choices, self.catalog = result
            current = self.account.currentData()
            self.account.blockSignals(True)
            self.account.clear()
            for number, label in self.choices.accounts:
                self.account.addItem(f"{number} {label}", number)
            index = self.account.findData(current)
            self.account.setCurrentIndex(max(index, 0))
            self.account.blockSignals(False)
            if not self.choices.accounts:
                self.message.setText(_tr("The chart has no bank account: add one (kind Bank) "
                                         "to reconcile its statements."))
            self.refresh()

        self.session.read(lambda b: (data.choices(b, language), load_catalog(b, language)),
                          got, parent=self)

    def _day_changed(self) -> None:
        self._day_chosen = True
        self.refresh()

    def set_day(self, day: date) -> None:
        """Reconcile at ``day`` from now on."""
        self.day.setDate(day)

    @property
    def current_account(self) -> str:
        return self.account.currentData() or ""

    def refresh(self) -> None:
        account = self.current_account
        if not account:
            self._show(None)
            return
        language = self.session.language.code
        day = self.day.date().toPython() if self._day_chosen else None
        self.session.read(lambda b: data.load(b, account, day, language), self._show,
                          parent=self, on_error=self._refused)

    def _show(self, view: data.BankView | None) -> None:
        self.view = view
        if view is not None and not self._day_chosen:
            self.day.blockSignals(True)
            self.day.setDate(view.day)
            self.day.blockSignals(False)
        self.statement_model.set_rows(view.statement if view else [],
                                      view.party_names if view else {})
        self.ledger_model.set_rows(view.ledger if view else [])
        self.summary.setText(self._summary_text(view))
        self._selection_changed()

    def _summary_text(self, view: data.BankView | None) -> str:
        if view is None:
            return ""
        rec, fmt = view.reconciliation, self.session.fmt
        if rec is None or rec.statement_amount is None:
            return _tr("No statement imported for this account yet: Ctrl+Shift+I imports one.")
        difference = rec.difference or ZERO
        if difference == 0:
            colour, words = BALANCED_COLOUR, _tr("Reconciled")
        else:
            colour = PROBLEM_COLOUR
            words = _tr("Difference {0}").format(isolate(fmt.amount(difference)))
        state = f'<span style="color:{colour}">{words}</span>'
        return _tr("Statement at {0}: {1} · Books: {2} · {3} statement lines and {4} book lines "
                   "open · {5}").format(
            isolate(fmt.date(rec.at)), isolate(fmt.amount(rec.statement_amount)),
            isolate(fmt.amount(rec.book_balance)), len(rec.statement_not_in_books),
            len(rec.books_not_on_statement), state)

    def _changed(self, changes: Change) -> None:
        if changes & (Change.ACCOUNTS | Change.JOURNALS | Change.THIRD_PARTIES):
            self._load_choices()
        elif changes & self.CHANGES:
            self.refresh()

    # --- selection --------------------------------------------------------------------------

    def selected_statement_rows(self) -> list[int]:
        return sorted(i.row() for i in self.statement_view.selectionModel().selectedRows())

    def selected_ledger_rows(self) -> list[int]:
        return sorted(i.row() for i in self.ledger_view.selectionModel().selectedRows())

    def _selection_changed(self) -> None:
        bank_rows, ledger_rows = self.selected_statement_rows(), self.selected_ledger_rows()
        fmt = self.session.fmt
        bank_sum = sum((self.statement_model.amount(r) for r in bank_rows), Decimal(0))
        ledger_sum = sum((self.ledger_model.amount(r) for r in ledger_rows), Decimal(0))
        agree = bool(bank_rows and ledger_rows) and bank_sum == ledger_sum
        self.match_action.setEnabled(agree and not self.session.read_only_reason)
        current = self._current_statement_row()
        if current is not None and current.suggestion is not None and bank_rows == [
                self.statement_model.rows.index(current)] and not ledger_rows:
            self.selection.setText(_tr("{0} (Enter accepts it, F2 posts elsewhere)").format(
                current.suggestion.reason))
        elif bank_rows or ledger_rows:
            text = _tr("Selected: statement {0} · books {1}").format(
                isolate(fmt.amount(bank_sum)), isolate(fmt.amount(ledger_sum)))
            if bank_rows and ledger_rows and not agree:
                text += " · " + _tr("difference {0}").format(
                    isolate(fmt.amount(bank_sum - ledger_sum)))
            self.selection.setText(text)
        else:
            self.selection.setText("")
        writable = not self.session.read_only_reason
        has_suggestion = current is not None and current.suggestion is not None
        self.accept_action.setEnabled(writable and has_suggestion)
        self.post_action.setEnabled(writable and current is not None)
        self.import_action.setEnabled(writable and bool(self.current_account))
        self.auto_action.setEnabled(writable and bool(self.current_account))
        rec = self.view.reconciliation if self.view else None
        self.report_action.setEnabled(rec is not None)
        self.next_action.setEnabled(bool(self.proposals))

    def _current_statement_row(self) -> data.StatementRow | None:
        rows = self.selected_statement_rows()
        index = self.statement_view.currentIndex()
        row = index.row() if index.isValid() else (rows[0] if rows else -1)
        if 0 <= row < len(self.statement_model.rows):
            return self.statement_model.rows[row]
        return None

    # --- actions ----------------------------------------------------------------------------

    def _refused(self, exc: BaseException) -> None:
        self.message.setText(describe(exc))

    def _done(self, text: str) -> None:
        self.message.setText(text)

    def ask_import(self) -> None:
        """Ask for the file (and, for a CSV, the bank's mapping; with several bank journals,
        which one), then import it."""
        path = file_dialogs.open_file(self, "bank_statement", _tr("Import a bank statement"),
                                      _tr("Bank statements (*.xml *.053 *.ofx *.qfx *.csv *.txt)"
                                          ";;All files (*)"), company_path=self.session.path)
        if path is None:
            return
        journal = self._ask_choice(_tr("Bank journal"), _tr("Journal of the entries:"),
                                   self.choices.journals)
        if journal is None:
            return
        mapping = ""
        if data.detect_format(path) == "csv":
            chosen = self._ask_choice(_tr("CSV statement"), _tr("The bank's column mapping:"),
                                      self.choices.mappings)
            if chosen is None:
                return
            mapping = chosen
        self.import_file(path, journal=journal, mapping=mapping)

    def _ask_choice(self, title: str, label: str, items: list[str]) -> str | None:
        if not items:
            self.message.setText(_tr("Nothing to choose for: {0}").format(title))
            return None
        if len(items) == 1:
            return items[0]
        chosen, ok = QInputDialog.getItem(self, title, label, items, 0, False)
        return chosen if ok else None

    def import_file(self, path: Path, *, journal: str, mapping: str = "") -> None:
        account = self.current_account

        def done(results: list[data.Imported]) -> None:
            new = sum(r.new for r in results)
            duplicates = sum(r.duplicates for r in results)
            self._done(_tr("{0}: {1} new lines, {2} already imported.").format(
                path.name, new, duplicates))

        self.session.op(lambda b: data.import_file(b, path, account=account, journal=journal,
                                                   mapping=mapping),
                        Change.BANK, done, parent=self, on_error=self._refused)

    def accept_suggestion(self) -> None:
        row = self._current_statement_row()
        if row is None or row.suggestion is None:
            return
        suggestion = row.suggestion
        self._post(PostForm(row.line.id, suggestion.account, suggestion.third_party,
                            suggestion.entry_label), source=str(suggestion.source))

    def ask_post(self) -> None:
        row = self._current_statement_row()
        if row is None or self.catalog is None:
            return
        dialog = PostLineDialog(row.line, row.suggestion, self.catalog, self.session.fmt, self)
        dialog.submitted.connect(lambda form: self._post(form, "given", dialog))
        dialog.open()

    def _post(self, form: PostForm, source: str, dialog: PostLineDialog | None = None) -> None:
        today = date.today()

        def done(posted: data.PostedLine) -> None:
            if dialog is not None:
                dialog.accept()
            self._done(_tr("Posted {0}-{1} and matched it with the statement line.").format(
                posted.journal, posted.number))

        def refused(exc: BaseException) -> None:
            if dialog is not None:
                dialog.show_refusal(describe(exc))
            else:
                self._refused(exc)

        self.session.op(lambda b: data.post(b, form.line_id, account=form.account,
                                            third_party=form.third_party, label=form.label,
                                            source=source, day=today),
                        Change.BANK | Change.ENTRIES, done, parent=self, on_error=refused)

    def match_selected(self) -> None:
        bank_ids = [self.statement_model.rows[r].line.id for r in self.selected_statement_rows()]
        keys = [self.ledger_model.rows[r].key for r in self.selected_ledger_rows()]
        if not bank_ids or not keys:
            return
        today = date.today()
        self.session.op(lambda b: data.match(b, bank_ids, keys, today), Change.BANK,
                        lambda _id: self._done(_tr("Matched {0} statement lines with {1} book "
                                                   "lines.").format(len(bank_ids), len(keys))),
                        parent=self, on_error=self._refused)

    def next_proposal(self) -> None:
        """Select the next possible pair still open on both sides, and say why it is one;
        Ctrl+Enter then matches it."""
        bank_rows = {row.line.id: i for i, row in enumerate(self.statement_model.rows)}
        ledger_rows = {line.key: i for i, line in enumerate(self.ledger_model.rows)}
        while self.proposals:
            proposal = self.proposals.pop(0)
            if all(b in bank_rows for b in proposal.bank) and \
                    all(k in ledger_rows for k in proposal.ledger):
                _select(self.statement_view, [bank_rows[b] for b in proposal.bank])
                _select(self.ledger_view, [ledger_rows[k] for k in proposal.ledger])
                self.statement_view.setFocus()
                self._done(_tr("Possible pair ({0} %): {1}. Ctrl+Enter matches it, F8 shows "
                               "the next.").format(proposal.score, proposal.reason))
                break
        else:
            self._done(_tr("No possible pair left to check."))
        self.next_action.setEnabled(bool(self.proposals))

    def ask_report(self) -> None:
        """Ask where to write the état de rapprochement at the page's date, PDF or Excel."""
        rec = self.view.reconciliation if self.view else None
        if rec is None:
            return
        name = f"rapprochement-{rec.account}-{rec.at.isoformat()}.pdf"
        path = file_dialogs.save_file(self, "report", _tr("Save the reconciliation statement"),
                                      name, _tr("PDF (*.pdf);;Excel (*.xlsx)"),
                                      company_path=self.session.path)
        if path is not None:
            self.write_report(path)

    def write_report(self, path: Path) -> None:
        """Write the reconciliation shown (PDF or, for ``.xlsx``, a spreadsheet) at ``path``."""
        rec = self.view.reconciliation if self.view else None
        if rec is None:
            return
        if path.suffix.lower() not in (".pdf", ".xlsx"):
            path = path.with_name(path.name + ".pdf")
        language, fmt = self.session.language.code, self.session.fmt
        stamp = legal_print.edition_stamp(language)

        def pdf(report: LegalReport, target: Path) -> int:
            return legal_print.write_pdf(report, fmt, stamp, target)

        self.session.read(
            lambda b: data.write_reconciliation(b, rec, path, language, pdf, stamp),
            lambda _none: self._done(_tr("Reconciliation statement written to {0}.").format(
                isolate(str(path)))), parent=self, on_error=self._refused)

    def auto_match(self) -> None:
        account, day = self.current_account, self.day.date().toPython()
        if not account:
            return

        def done(result: data.AutoMatch) -> None:
            self.proposals = list(result.proposals)
            self._done(_tr("{0} pairs matched; {1} possible pairs left for you to check "
                           "(F8 shows the next).").format(len(result.applied),
                                                          len(result.proposals)))

        self.session.op(lambda b: data.auto_match(b, account, day), Change.BANK, done,
                        parent=self, on_error=self._refused)
