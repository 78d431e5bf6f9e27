"""Importing a CSV journal from the window: off the UI thread, with progress and Cancel.

The import is one transaction (``app.io.csv_journal``): Cancel, like a bad row, leaves the books
exactly as they were. The importer reports every 50,000 lines; each report is also where a Cancel
takes effect.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.io.csv_journal import ImportResult, import_journal
from app.store.books import Books
from app.ui.kit import file_dialogs
from app.ui.kit.progress import run_with_progress
from app.ui.kit.session import Change, CompanySession
from app.ui.kit.tasks import Handle, Progress
from sync.client import usage

CHANGES = Change.ENTRIES | Change.ACCOUNTS | Change.THIRD_PARTIES | Change.FISCAL_YEARS


def choose_and_import(parent: QWidget, session: CompanySession) -> Handle[ImportResult] | None:
    """Ask for a CSV journal, then import it into the session's books."""
    path = file_dialogs.open_file(
        parent, "import", QCoreApplication.translate("Importing", "Import a journal"),
        QCoreApplication.translate("Importing", "CSV journals (*.csv);;All files (*)"),
        company_path=session.path)
    return import_file(parent, session, path) if path else None


def import_file(parent: QWidget, session: CompanySession, path: Path) -> Handle[ImportResult]:
    """Import ``path`` behind a progress dialog; say what was posted, or why nothing was."""
    fmt = session.fmt

    def work(books: Books, progress: Progress) -> ImportResult:
        def seen(lines: int) -> None:
            progress.check()
            progress.report(lines, 0, QCoreApplication.translate(
                "Importing", "{0} lines read and checked…").format(fmt.integer(lines)))

        progress.check()
        return import_journal(books, path, progress=seen)

    def done(result: ImportResult) -> None:
        usage.count("imports.journal")
        usage.count("entries.imported", result.entries)
        message = QCoreApplication.translate(
            "Importing", "{0} entries ({1} lines) from {2} were posted.").format(
            fmt.integer(result.entries), fmt.integer(result.lines), path.name)
        if result.accounts_created:
            message += "\n" + QCoreApplication.translate(
                "Importing", "Accounts opened: {0}.").format(", ".join(result.accounts_created))
        if result.fiscal_years_opened:
            message += "\n" + QCoreApplication.translate(
                "Importing", "Fiscal years opened: {0}.").format(
                ", ".join(result.fiscal_years_opened))
        QMessageBox.information(parent, QCoreApplication.translate("Importing", "Import"),
                                message)

    return run_with_progress(
        parent, session, QCoreApplication.translate("Importing", "Importing {0}").format(path.name),
        work, done, changes=CHANGES)
