"""Saving the report shown (PDF, Excel, CSV), previewing and printing it.

Every file is written off the UI thread behind a progress dialog, first under a temporary name
beside the target and renamed at the end, so a cancelled or failed export never leaves half a file
where the user expects a whole one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from app.reports.export import ReportTable, write_csv, write_xlsx
from app.store.books import Books
from app.ui.kit import file_dialogs
from app.ui.kit.progress import run_with_progress
from app.ui.kit.session import CompanySession
from app.ui.kit.tasks import Handle, Progress
from app.ui.reports import legal_print, printing
from app.ui.reports.tables import Params

FORMATS = ("pdf", "xlsx", "csv")


tr = QCoreApplication.translate
"""Called as ``tr("reports", "...")``: lupdate reads the context and the string at each call."""


def generated_text(language: str) -> str:
    """``Generated on 06/05/2025 18:46``: the same edition stamp as the legal printouts (a
    24-hour clock in French and Arabic)."""
    return tr("reports", "Generated on {0}").format(legal_print.edition_stamp(language))


def file_filter(kind: str) -> str:
    return {"pdf": tr("reports", "PDF documents (*.pdf)"),
            "xlsx": tr("reports", "Excel workbooks (*.xlsx)"),
            "csv": tr("reports", "CSV files (*.csv)")}[kind]


def suggested_name(table: ReportTable, kind: str) -> str:
    """``Company - Trial balance - 2025-06-30.xlsx``, without characters Windows refuses."""
    day = table.last.isoformat() if isinstance(table.last, date) else ""
    name = " - ".join(part for part in (table.company, table.title, day) if part)
    return re.sub(r'[\\/:*?"<>|]+', "_", name) + "." + kind


def write(table: ReportTable, kind: str, path: Path, session: CompanySession, generated: str,
          progress: Progress) -> Path:
    """Write ``table`` to ``path`` as ``kind``; runs on a worker thread."""
    def tick(done: int, total: int) -> None:
        progress.check()
        progress.report(done, total)

    partial = path.with_name(path.name + ".part")
    try:
        if kind == "pdf":
            printing.write_pdf(table, session.fmt, generated, partial, tick)
        elif kind == "xlsx":
            write_xlsx(table, partial, generated, tick)
        else:
            write_csv(table, partial, session.fmt.point, tick)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def export(parent: QWidget, session: CompanySession, table: ReportTable, kind: str,
           path: Path, on_done: Callable[[Path], None]) -> Handle[Path]:
    """Export without asking (the dialog is ``choose_and_export``'s)."""
    generated = generated_text(session.language.code)

    def work(_books: Books, progress: Progress) -> Path:
        return write(table, kind, path, session, generated, progress)

    title = tr("reports", "Exporting {0}…").format(table.title)
    return run_with_progress(parent, session, title, work, on_done, reading=True)


def choose_target(parent: QWidget, session: CompanySession, table: ReportTable, kind: str
                  ) -> Path | None:
    """Ask where to save (the last export folder, else the company's); None if cancelled."""
    titles = {"pdf": tr("reports", "Export to PDF"), "xlsx": tr("reports", "Export to Excel"),
              "csv": tr("reports", "Export to CSV")}
    target = file_dialogs.save_file(parent, "export", titles[kind], suggested_name(table, kind),
                                    file_filter(kind), company_path=session.books.path)
    if target is None:
        return None
    if target.suffix.lower() != "." + kind:
        target = target.with_name(target.name + "." + kind)
    return target


def choose_and_export(parent: QWidget, session: CompanySession, table: ReportTable, kind: str,
                      on_done: Callable[[Path], None]) -> None:
    """Ask where to save, then export there."""
    target = choose_target(parent, session, table, kind)
    if target is not None:
        export(parent, session, table, kind, target, on_done)


def printer_for(table: ReportTable) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(f"{table.company} — {table.title}")
    printer.setPageLayout(printing.page_layout(table))
    return printer


def print_to(printer: QPrinter, table: ReportTable, session: CompanySession,
             generated: str, tick: printing.PageTick | None = None) -> int:
    """Paint the report on ``printer``: the preview's pages and the printed ones are the same."""
    return printing.paint_report(table, session.fmt, generated, printer, tick)


def preview_dialog(parent: QWidget, session: CompanySession, table: ReportTable
                   ) -> QPrintPreviewDialog:
    """The print preview, ready to ``exec()``; it prints through the same pages."""
    printer = printer_for(table)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(tr("reports", "Print preview — {0}").format(table.title))
    generated = generated_text(session.language.code)
    dialog.paintRequested.connect(lambda p: print_to(p, table, session, generated))
    dialog.printer_ = printer  # the dialog does not own the printer: keep it alive with it
    return dialog


def print_report(parent: QWidget, session: CompanySession, table: ReportTable,
                 build: Callable[[Books, Progress], ReportTable] | None = None,
                 on_printed: Callable[[str], None] | None = None) -> None:
    """Ask for a printer, then print off the UI thread: ``table``, or what ``build`` lays out
    from the books there (a report the screen holds only a page of); ``on_printed(note)``."""
    printer = printer_for(table)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return
    generated = generated_text(session.language.code)

    def work(books: Books, progress: Progress) -> str:
        def tick(page: int, pages: int) -> None:
            progress.check()
            progress.report(page, pages)

        shown = table if build is None else build(books, progress)
        print_to(printer, shown, session, generated, tick)
        return shown.note

    def printed(note: str) -> None:
        if on_printed is not None:
            on_printed(note)

    run_with_progress(parent, session, tr("reports", "Printing {0}…").format(table.title), work,
                      printed, reading=True)


def export_legal(parent: QWidget, session: CompanySession, params: Params, path: Path,
                 on_done: Callable[[Path], None]) -> Handle[Path]:
    """The legal printout (``app.reports.legal``) of the report ``params`` ran, as a PDF."""
    from app.reports import legal
    language = session.language.code
    stamp = legal_print.edition_stamp(language)
    assert params.first is not None
    first = params.first

    def work(books: Books, progress: Progress) -> Path:
        def tick(done: int, total: int) -> None:
            progress.check()
            progress.report(done, total)

        report = legal.legal_report(books, params.kind, first, params.last, low=params.low,
                                    high=params.high,
                                    journals=(params.journal,) if params.journal else (),
                                    language=language)
        partial = path.with_name(path.name + ".part")
        try:
            legal_print.write_pdf(report, session.fmt, stamp, partial, tick)
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
        return path

    return run_with_progress(parent, session, tr("reports", "Writing the legal printout…"),
                             work, on_done, reading=True)


def choose_legal_pdf(parent: QWidget, session: CompanySession, table: ReportTable,
                     params: Params, on_done: Callable[[Path], None]) -> None:
    """Ask where to save the legal printout (as for an export), then write it there."""
    target = file_dialogs.save_file(parent, "export", tr("reports", "Legal printout (PDF)"),
                                    suggested_name(table, "pdf"), file_filter("pdf"),
                                    company_path=session.books.path)
    if target is None:
        return
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    export_legal(parent, session, params, target, on_done)
