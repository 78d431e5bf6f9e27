"""The year-end closing dialog: what stands in the way, what the closing will post, the final step.

Closing cannot be undone, so the dialog shows everything first (every failed check at once, the
year's result, the à-nouveaux the next year will open with) and closes only once the accountant
has ticked that the figures were checked. The work itself is ``Books.close_fiscal_year``: one
transaction that posts the à-nouveaux and closes the year together.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ledger.model import FiscalYear, Problem
from app.store.books import Books
from app.store.closing import YearEnd
from app.store.database import StoreError
from app.ui.kit.errors import describe
from app.ui.kit.session import Change, CompanySession

Survey = tuple[list[Problem], YearEnd | None]


def survey(books: Books, year: FiscalYear) -> Survey:
    """The checks, and the plan when the books allow one (a chart without 120/129 does not)."""
    problems = books.closing_problems(year.start)
    try:
        plan = books.plan_year_end(year.start)
    except StoreError:
        plan = None
    return problems, plan


class YearEndDialog(QDialog):
    """Close ``year`` after showing its checks, result and à-nouveaux."""

    def __init__(self, session: CompanySession, year: FiscalYear,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.year = session, year
        self.loaded = False
        self.closed_year = False
        self.problems: list[Problem] = []
        self.setWindowTitle(self.tr("Close fiscal year {0}").format(year.name))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        intro = QLabel(self.tr(
            "Closing is final: nothing can be posted into {0} afterwards and it cannot be "
            "reopened. The next year opens on its balances: Daftar posts the à-nouveaux on the "
            "next year's first day, each third party on its own line, the result on 120 (profit) "
            "or 129 (loss) until its allocation is posted.").format(year.name))
        intro.setWordWrap(True)
        self.checks_title = QLabel(self.tr("Checks"))
        self.checks = QListWidget()
        self.checks.setWordWrap(True)
        self.checks.setMaximumHeight(self.fontMetrics().height() * 8)
        self.summary = QLabel(self.tr("Reading the books…"))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.agree = QCheckBox(self.tr("I have checked this year's figures: close it for &good"))
        self.agree.setEnabled(False)
        self.agree.toggled.connect(self._update_buttons)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = QPushButton(self.tr("C&lose the year"))
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button.setEnabled(False)
        self.close_button.clicked.connect(self.close_the_year)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.checks_title, self.checks, self.summary, self.agree,
                       self.buttons):
            layout.addWidget(widget)
        self.load()

    def load(self) -> None:
        year = self.year
        self.session.read(lambda books: survey(books, year), self._show, parent=self,
                          on_error=self._failed)

    def _show(self, result: Survey) -> None:
        self.problems, plan = result
        self.checks.clear()
        fmt = self.session.fmt
        if self.problems:
            for problem in self.problems:
                self.checks.addItem("✗ " + fmt.problem(problem))
        else:
            self.checks.addItem("✓ " + self.tr(
                "No drafts, every journal balances, suspense and transfer accounts are clear."))
        self.summary.setText(self._plan_text(plan) if plan is not None else "")
        self.loaded = True
        self.agree.setEnabled(not self.problems)
        self._update_buttons()

    def _plan_text(self, plan: YearEnd) -> str:
        fmt = self.session.fmt
        result = (self.tr("Result of {0}: profit of {1}") if plan.result >= 0
                  else self.tr("Result of {0}: loss of {1}")).format(
            self.year.name, fmt.amount(abs(plan.result)))
        day = fmt.date(plan.next_start)
        if plan.already_opened and plan.posted_lines:
            opening = self.tr("À-nouveaux on {0}: {1} lines are already posted; the closing "
                              "adds the {2} they lack.").format(day, plan.already_opened,
                                                                plan.posted_lines)
        elif plan.already_opened:
            opening = self.tr("À-nouveaux on {0}: the {1} lines already posted match this "
                              "year's balances; nothing to add.").format(day, plan.already_opened)
        else:
            opening = self.tr("À-nouveaux on {0}: {1} lines.").format(day, plan.posted_lines)
        return result + "\n" + opening

    def _update_buttons(self) -> None:
        self.close_button.setEnabled(self.loaded and not self.problems and not self.closed_year
                                     and self.agree.isChecked()
                                     and not self.session.read_only_reason)

    def close_the_year(self) -> None:
        start = self.year.start
        self.close_button.setEnabled(False)
        self.session.op(lambda books: books.close_fiscal_year(start),
                        Change.FISCAL_YEARS | Change.ENTRIES, self._closed, parent=self,
                        on_error=self._failed)

    def _closed(self, outcome: YearEnd) -> None:
        self.closed_year = True
        self.agree.setEnabled(False)
        self.summary.setText(
            self.tr("Fiscal year {0} is closed; the next year opens on its balances.").format(
                self.year.name) + "\n" + self._plan_text(outcome))
        self.buttons.clear()
        done = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        done.clicked.connect(self.accept)
        done.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(describe(exc))
        self._update_buttons()
