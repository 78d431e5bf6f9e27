"""A third party's statement of account (relevé de compte) as a PDF, from the third-parties page.

The dialog asks the period (the current fiscal year by default) and the language of the document
(the interface's by default: a statement is sent to a customer, who may read another); the PDF is
then laid out off the UI thread behind a progress dialog, under a temporary name beside the
target, exactly as ``daftar print party-statement`` writes it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.ledger.model import FiscalYear, ThirdParty
from app.reports.party_statement import party_statement
from app.store.books import Books
from app.ui.kit import file_dialogs, i18n
from app.ui.kit.fmt import Formatter, date_edit, to_date, to_qdate
from app.ui.kit.form_dialog import FormDialog
from app.ui.kit.progress import run_with_progress
from app.ui.kit.session import CompanySession
from app.ui.kit.tasks import Handle, Progress
from app.ui.reports import legal_print, output


def _tr(text: str) -> str:
    return QCoreApplication.translate("StatementDialog", text)


@dataclass(frozen=True, slots=True)
class StatementForm:
    start: date
    end: date
    language: str


def default_period(year: FiscalYear | None, today: date) -> tuple[date, date]:
    """The whole current fiscal year (a calendar year without one): a statement usually
    covers the year whose invoices are still being settled."""
    if year is None:
        return date(today.year, 1, 1), date(today.year, 12, 31)
    return year.start, year.end


class StatementDialog(FormDialog):
    """The period and the language of ``party``'s statement; ``submitted`` carries a
    ``StatementForm``."""

    def __init__(self, party: ThirdParty, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.party = party
        self.setWindowTitle(_tr("Statement of account — {0}").format(party.name))
        start, end = default_period(None, date.today())
        self.start, self.end = date_edit(start), date_edit(end)
        self.language = QComboBox()
        for code, known in i18n.LANGUAGES.items():
            self.language.addItem(known.native_name, code)
        self.language.setCurrentIndex(max(self.language.findData(language), 0))
        form = QFormLayout()
        form.addRow(_tr("Third party:"), QLabel(f"{party.code} — {party.name}"))
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.end)
        dates.addStretch(1)
        period = QLabel(_tr("&Period:"))
        period.setBuddy(self.start)
        form.addRow(period, dates)
        form.addRow(_tr("&Language of the document:"), self.language)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        for edit in (self.start, self.end):
            edit.dateChanged.connect(self._validate)
        self._validate()

    def set_period(self, start: date, end: date) -> None:
        self.start.setDate(to_qdate(start))
        self.end.setDate(to_qdate(end))

    def problem(self) -> str:
        if to_date(self.end.date()) < to_date(self.start.date()):
            return _tr("The end date is before the start date.")
        return ""

    def form(self) -> StatementForm:
        return StatementForm(to_date(self.start.date()), to_date(self.end.date()),
                             str(self.language.currentData()))


def suggested_name(company: str, party: ThirdParty, form: StatementForm) -> str:
    """``Company - Statement of account - C1 - 2025-12-31.pdf``, safe on Windows."""
    name = " - ".join(part for part in (company, _tr("Statement of account"), party.code,
                                        form.end.isoformat()) if part)
    return re.sub(r'[\\/:*?"<>|]+', "_", name) + ".pdf"


def choose_target(parent: QWidget, session: CompanySession, party: ThirdParty,
                  form: StatementForm) -> Path | None:
    """Ask where to save the PDF (the last export folder, else the company's); None if the
    user cancels."""
    target = file_dialogs.save_file(
        parent, "export", _tr("Save the statement of account"),
        suggested_name(session.company.name, party, form), output.file_filter("pdf"),
        company_path=session.books.path)
    if target is not None and target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    return target


def write(parent: QWidget, session: CompanySession, code: str, form: StatementForm, path: Path,
          on_done: Callable[[Path], None]) -> Handle[Path]:
    """Write the statement of ``code`` to ``path`` off the UI thread; amounts and dates are
    written the way the document's language writes them, not the interface's."""
    language = i18n.language(form.language)
    stamp = legal_print.edition_stamp(language.code)

    def work(books: Books, progress: Progress) -> Path:
        def tick(done: int, total: int) -> None:
            progress.check()
            progress.report(done, total)

        report = party_statement(books, code, form.start, form.end, language=language.code)
        fmt = Formatter(language.locale, books.currency, language.code)
        partial = path.with_name(path.name + ".part")
        try:
            legal_print.write_pdf(report, fmt, stamp, partial, tick)
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
        return path

    return run_with_progress(parent, session, _tr("Writing the statement of account…"), work,
                             on_done, reading=True)
