"""The form of one recurring template: its name, journal, label, schedule and lines.

It checks as the user types (a name, a journal, a label, amounts that parse, debits equal to
credits) and keeps OK disabled until the template would hold; whether its accounts can take
entries is for the store to say when it is saved, and that refusal is shown in the same place.
The words for what stops an occurrence from being drafted live here too, for the window and the
proposal dialog alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ledger.model import Problem
from app.ledger.money import ZERO, MoneyError
from app.ledger.recurring import EVERY_MONTHS, Template, TemplateError, TemplateLine
from app.store import recurring
from app.store.books import Books
from app.store.recurring import Due, RecurringRefused
from app.ui.entries.catalog import Catalog
from app.ui.kit.errors import describe
from app.ui.kit.fmt import Formatter, date_edit, isolate, to_date, to_qdate
from app.ui.kit.form_dialog import FormDialog
from app.ui.kit.session import CompanySession

ACCOUNT, PARTY, LABEL, DEBIT, CREDIT = range(5)
_SEPARATOR = " — "


def every_text(months: int) -> str:
    """The period in words, as the list and the form name it."""
    tr = QCoreApplication.translate
    return {1: tr("recurring", "Monthly"), 2: tr("recurring", "Every two months"),
            3: tr("recurring", "Quarterly"), 4: tr("recurring", "Every four months"),
            6: tr("recurring", "Half-yearly"), 12: tr("recurring", "Yearly")}[months]


def due_up_to(books: Books, day: date) -> list[Due]:
    """What would be drafted up to ``day``; nothing is written (run off the UI thread)."""
    with books.read() as cur:
        return recurring.due(cur, day, books.currency)


def refusal_text(exc: BaseException, session: CompanySession) -> str:
    """A refusal in words: for a run of drafts, each template, day and reason on its line."""
    if isinstance(exc, RecurringRefused):
        said = QCoreApplication.translate(
            "recurring", "Nothing was drafted. Fix what is said (open the year, reactivate the "
            "account…), pause the template or propose up to an earlier day, then try again:")
        return "\n".join([said, *blocked_lines(exc.blocked, session)])
    if isinstance(exc, TemplateError):
        return str(exc)
    return describe(exc)


def reasons(problems: tuple[Problem, ...], session: CompanySession) -> str:
    return "; ".join(session.fmt.problem(p) for p in problems)


def blocked_lines(blocked: Sequence[Due], session: CompanySession) -> list[str]:
    return [f"• {d.template.name}, {isolate(session.fmt.date(d.day))}: "
            f"{reasons(d.problems, session)}" for d in blocked]


class _Completing(QStyledItemDelegate):
    """Account and third-party cells complete on number or words of the name; the key is kept."""

    def __init__(self, choices: list[str], parent: QWidget) -> None:
        super().__init__(parent)
        self.model = QStringListModel(choices, parent)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex) -> QWidget:
        edit = QLineEdit(parent)
        completer = QCompleter(self.model, edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        edit.setCompleter(completer)
        return edit

    def setModelData(self, editor: QWidget, model: object, index: QModelIndex) -> None:
        text = editor.text().split(_SEPARATOR)[0].strip()  # type: ignore[attr-defined]
        model.setData(index, text)  # type: ignore[attr-defined]


class TemplateDialog(FormDialog):
    """A new template (``template`` None), one to edit, or one prefilled from an entry
    (``template`` without an id). ``submitted`` carries the ``Template``."""

    def __init__(self, catalog: Catalog, fmt: Formatter, *, template: Template | None = None,
                 today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog, self.fmt, self.template = catalog, fmt, template
        self.setWindowTitle(self.tr("Recurring template {0}").format(template.name)
                            if template is not None and template.id is not None
                            else self.tr("New recurring template"))
        self.name, self.label, self.reference = QLineEdit(), QLineEdit(), QLineEdit()
        self.journal = QComboBox()
        for journal in catalog.active_journals(template.journal if template else ""):
            self.journal.addItem(f"{journal.code}{_SEPARATOR}{journal.label}", journal.code)
        self.every = QComboBox()
        for months in EVERY_MONTHS:
            self.every.addItem(every_text(months), months)
        self.day = QSpinBox(minimum=1, maximum=31)
        start = today or date.today()
        self.first = date_edit(start, locale=fmt.locale)
        self.has_end = QCheckBox(self.tr("&Ends on"))
        self.end = date_edit(start, locale=fmt.locale)
        self.lines = QTableWidget(0, 5)
        self.balance = QLabel()
        self._build()
        self._fill(template, start)
        self.has_end.toggled.connect(self.end.setEnabled)
        self.has_end.toggled.connect(lambda _on: self._validate())
        for edit in (self.first, self.end):
            edit.dateChanged.connect(lambda _day: self._validate())
        self.lines.itemChanged.connect(lambda _item: self._validate())
        for combo in (self.every, self.journal):
            combo.currentIndexChanged.connect(lambda _i: self._validate())
        self.check_as_typed(self.name, self.label, self.reference)

    def _build(self) -> None:
        self.lines.setHorizontalHeaderLabels([self.tr("Account"), self.tr("Third party"),
                                              self.tr("Label"), self.tr("Debit"),
                                              self.tr("Credit")])
        header = self.lines.horizontalHeader()
        width = self.fontMetrics().horizontalAdvance
        for column, sample in ((ACCOUNT, "00000000"), (PARTY, "CLIENT000"),
                               (DEBIT, "000 000 000,00"), (CREDIT, "000 000 000,00")):
            header.resizeSection(column, width(sample) + 20)
        header.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Stretch)
        self.lines.verticalHeader().hide()
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines.setMinimumHeight(self.fontMetrics().height() * 8)
        language = self.catalog.language
        self.lines.setItemDelegateForColumn(ACCOUNT, _Completing(
            [f"{a.number}{_SEPARATOR}{a.label(language)}" for a in self.catalog.accounts.values()
             if a.postable and a.active], self))
        self.lines.setItemDelegateForColumn(PARTY, _Completing(
            [f"{p.code}{_SEPARATOR}{p.name}" for p in self.catalog.parties.values() if p.active],
            self))
        add = QPushButton(self.tr("&Add line"))
        add.clicked.connect(lambda: self.add_line())
        remove = QPushButton(self.tr("&Remove line"))
        remove.clicked.connect(self.remove_line)
        line_buttons = QHBoxLayout()
        for widget in (add, remove):
            line_buttons.addWidget(widget)
        line_buttons.addStretch(1)
        line_buttons.addWidget(self.balance)
        hint = QLabel(self.tr("In the label and reference, {month} becomes the month of each "
                              "entry (03/2026), {year} its year, {period} the months it covers "
                              "(04/2026-06/2026 for a quarter)."))
        hint.setWordWrap(True)
        hint.setObjectName("note")
        # the whole width and room for three lines: a form row squeezed it to half its words
        hint.setMinimumHeight(hint.fontMetrics().lineSpacing() * 3)
        schedule = QHBoxLayout()
        schedule.addWidget(self.every)
        schedule.addWidget(QLabel(self.tr("on day")))
        schedule.addWidget(self.day)
        schedule.addStretch(1)
        dates = QHBoxLayout()
        dates.addWidget(self.first)
        dates.addSpacing(12)
        dates.addWidget(self.has_end)
        dates.addWidget(self.end)
        dates.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Journal"), self.journal)
        form.addRow(self.tr("&Label"), self.label)
        form.addRow(self.tr("Re&ference"), self.reference)
        form.addRow(hint)
        for text, buddy, fields in ((self.tr("&Repeats"), self.every, schedule),
                                    (self.tr("&First date"), self.first, dates)):
            label = QLabel(text)
            label.setBuddy(buddy)
            form.addRow(label, fields)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.lines, 1)
        layout.addLayout(line_buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)

    def _fill(self, template: Template | None, start: date) -> None:
        self.day.setValue(start.day)
        self.end.setEnabled(False)
        if template is None:
            self.add_line()
            self.add_line()
            self.name.setFocus()
            return
        self.name.setText(template.name)
        self.journal.setCurrentIndex(max(0, self.journal.findData(template.journal)))
        self.label.setText(template.label)
        self.reference.setText(template.reference)
        self.every.setCurrentIndex(self.every.findData(template.every_months))
        self.day.setValue(template.day_of_month)
        self.first.setDate(to_qdate(template.next_date))
        if template.end_date is not None:
            self.has_end.setChecked(True)
            self.end.setEnabled(True)
            self.end.setDate(to_qdate(template.end_date))
        for line in template.lines:
            self.add_line(line)

    def add_line(self, line: TemplateLine | None = None) -> None:
        amount = self.fmt.amount
        texts = ("", "", "", "", "") if line is None else (
            line.account, line.third_party or "", line.label,
            amount(line.debit, blank_zero=True), amount(line.credit, blank_zero=True))
        self.lines.blockSignals(True)
        row = self.lines.rowCount()
        self.lines.insertRow(row)
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if column in (DEBIT, CREDIT):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.lines.setItem(row, column, item)
        self.lines.blockSignals(False)
        self._validate()

    def remove_line(self) -> None:
        row = self.lines.currentRow()
        if row >= 0:
            self.lines.removeRow(row)
            self._validate()

    # --- reading the form -------------------------------------------------------------------

    def _text(self, row: int, column: int) -> str:
        item = self.lines.item(row, column)
        return item.text().strip() if item is not None else ""

    def _amount(self, row: int, column: int) -> Decimal:
        text = self._text(row, column)
        return self.fmt.parse_amount(text) if text else ZERO

    def _template_lines(self) -> tuple[TemplateLine, ...]:
        """The lines typed (blank rows left out); raises ``MoneyError`` naming the line."""
        out = []
        for row in range(self.lines.rowCount()):
            if not any(self._text(row, c) for c in range(5)):
                continue
            try:
                debit, credit = self._amount(row, DEBIT), self._amount(row, CREDIT)
            except MoneyError as exc:
                raise MoneyError(self.tr("Line {0}: {1}").format(row + 1, exc)) from None
            party = self._text(row, PARTY)
            out.append(TemplateLine(
                self.catalog.resolve_account(self._text(row, ACCOUNT)), debit=debit,
                credit=credit, third_party=self.catalog.resolve_party(party) if party else None,
                label=self._text(row, LABEL)))
        return tuple(out)

    def form(self) -> Template:
        return Template(
            name=self.name.text().strip(), journal=self.journal.currentData() or "",
            label=self.label.text().strip(), reference=self.reference.text().strip(),
            lines=self._template_lines(), every_months=self.every.currentData(),
            day_of_month=self.day.value(), next_date=to_date(self.first.date()),
            end_date=to_date(self.end.date()) if self.has_end.isChecked() else None,
            active=self.template.active if self.template is not None else True,
            id=self.template.id if self.template is not None else None)

    def problem(self) -> str:
        """Why the template cannot be saved yet; the balance line says how far off it is."""
        try:
            lines = self._template_lines()
        except MoneyError as exc:
            self.balance.setText("")
            return str(exc)
        debit = sum((x.debit for x in lines), ZERO)
        credit = sum((x.credit for x in lines), ZERO)
        gap = debit - credit
        self.balance.setText(
            "" if not debit and not credit else
            self.tr("Balanced: {0}").format(self.fmt.amount(debit)) if not gap else
            self.tr("Debit {0} · credit {1} · off by {2}").format(
                self.fmt.amount(debit), self.fmt.amount(credit), self.fmt.amount(abs(gap))))
        if not self.name.text().strip():
            return self.tr("The name is required.")
        if self.journal.currentData() is None:
            return self.tr("There is no active journal to draft in.")
        if not self.label.text().strip():
            return self.tr("The label is required.")
        if gap:
            return self.tr("Debits and credits differ by {0}.").format(
                self.fmt.amount(abs(gap)))
        if self.has_end.isChecked() and self.end.date() < self.first.date():
            return self.tr("The end date is before the first date.")
        try:
            self.form()
        except TemplateError as exc:
            return str(exc)
        return ""
