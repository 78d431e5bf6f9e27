"""Exporting and printing the general ledger and the journal: read again from the books.

The screen holds only the pages it shows, so a file is written from the books themselves, off
the UI thread behind the progress dialog, the plan's line count giving the bar its length. CSV
and Excel stream every row; Excel refuses, before writing anything, a report longer than a sheet
(1,048,576 rows). A PDF or a printout lays its whole text out in memory, so it stops at
``ledger_rows.PRINT_CAP`` lines and says so in the document and on screen.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.reports.export import (
    XLSX_HEADING_ROWS,
    XLSX_MAX_ROWS,
    ReportTable,
    write_csv,
    write_xlsx,
)
from app.store.books import Books
from app.ui.kit.errors import show_error
from app.ui.kit.progress import run_with_progress
from app.ui.kit.session import CompanySession
from app.ui.kit.tasks import Handle, Progress
from app.ui.reports import printing
from app.ui.reports.ledger_rows import capped_table, plan_query, stream
from app.ui.reports.output import generated_text
from app.ui.reports.tables import Params

tr = QCoreApplication.translate
"""Called as ``tr("reports", "...")``: lupdate reads the context and the string at each call."""


class TooManyRows(Exception):
    """An Excel export refused before a row was written: the report outgrows a sheet."""


def too_many_rows_text(rows: int) -> str:
    return tr("reports", "This report has {0} rows, more than the {1} rows an Excel sheet "
                         "holds. Export it to CSV, or narrow the dates or the accounts."
              ).format(f"{rows:,}", f"{XLSX_MAX_ROWS:,}")


def write(books: Books, params: Params, frame: ReportTable, kind: str, path: Path,
          session: CompanySession, generated: str, progress: Progress) -> tuple[Path, str]:
    """Read the report ``params`` asks for and write it to ``path`` as ``kind``; returns the path
    and the note of a printout cut short (empty otherwise). Runs on a worker thread."""
    query = plan_query(books, params, count=True)
    total = query.plan.rows or 0
    if kind == "xlsx" and total + XLSX_HEADING_ROWS > XLSX_MAX_ROWS:
        raise TooManyRows(too_many_rows_text(total))

    def tick(done: int, count: int) -> None:
        progress.check()
        progress.report(done, count)

    partial = path.with_name(path.name + ".part")
    note = ""
    try:
        if kind == "pdf":
            table = capped_table(books, query, frame, progress)
            note = table.note
            printing.write_pdf(table, session.fmt, generated, partial, tick)
        elif kind == "xlsx":
            write_xlsx(frame, partial, generated, tick, rows=stream(books, query, progress),
                       count=total)
        else:
            write_csv(frame, partial, session.fmt.point, tick,
                      rows=stream(books, query, progress), count=total)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path, note


def export(parent: QWidget, session: CompanySession, frame: ReportTable, params: Params,
           kind: str, path: Path, on_done: Callable[[Path, str], None],
           on_refused: Callable[[str], None] | None = None) -> Handle[tuple[Path, str]]:
    """Export without asking; ``on_done(path, note)``; an Excel refusal is shown in a message
    box and handed to ``on_refused``."""
    generated = generated_text(session.language.code)

    def work(books: Books, progress: Progress) -> tuple[Path, str]:
        return write(books, params, frame, kind, path, session, generated, progress)

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, TooManyRows):
            show_error(parent, exc)
            return
        QMessageBox.warning(parent, tr("reports", "Export to Excel"), str(exc))
        if on_refused is not None:
            on_refused(str(exc))

    title = tr("reports", "Exporting {0}…").format(frame.title)
    return run_with_progress(parent, session, title, work, lambda got: on_done(*got),
                             reading=True, on_error=failed)


def builder(params: Params, frame: ReportTable) -> Callable[[Books, Progress], ReportTable]:
    """Lays the report out for a printout (up to the cap) on a worker thread."""
    def build(books: Books, progress: Progress) -> ReportTable:
        return capped_table(books, plan_query(books, params), frame, progress)
    return build


def prepare(parent: QWidget, session: CompanySession, frame: ReportTable, params: Params,
            then: Callable[[ReportTable], None]) -> Handle[ReportTable]:
    """Lay the report out behind the progress dialog, then hand it to ``then`` (the preview)."""
    return run_with_progress(parent, session, tr("reports", "Preparing the report…"),
                             builder(params, frame), then, reading=True)
