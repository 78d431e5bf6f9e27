"""What the reports page does with the report shown: export it, preview it, print it.

The other reports are whole ``ReportTable`` objects, written as they are (``output``). The general
ledger and the journal are held a page at a time on screen, so their files and printouts read the
books again from what they ran with (``ledger_output``): an export holds every line whatever the
size, and a printout cut short says so in the document and under the report.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from app.reports.export import ReportTable
from app.ui.kit.session import CompanySession
from app.ui.reports import ledger_output, output
from app.ui.reports.ledger_model import LedgerModel
from app.ui.reports.model import ReportModel
from app.ui.reports.tables import Params


class ReportOutput:
    """Mixed into ``ReportsPage`` (a ``QWidget``), whose attributes these methods use."""

    session: CompanySession
    model: ReportModel | LedgerModel
    ledger_model: LedgerModel
    shown_params: Params | None
    last_export: Path | None
    message: QLabel



    def _ledger_params(self) -> Params | None:
        """What the general ledger or journal shown ran with (None for the other reports)."""
        return self.shown_params if self.model is self.ledger_model else None

    def choose_export(self, kind: str) -> None:
        table = self.model.table
        if table is None:
            return
        if self._ledger_params() is None:
            output.choose_and_export(self, self.session, table, kind, self._exported)
            return
        target = output.choose_target(self, self.session, table, kind)
        if target is not None:
            self.export_to(kind, target)

    def export_to(self, kind: str, path: Path) -> None:
        """Export the report shown to ``path`` without asking (tests, scripted use); the
        general ledger and the journal are read again from the books, every line."""
        table, params = self.model.table, self._ledger_params()
        if table is None:
            return
        if params is None:
            output.export(self, self.session, table, kind, path, self._exported)
        else:
            ledger_output.export(self, self.session, table, params, kind, path, self._exported,
                                 self.message.setText)

    def _exported(self, path: Path, note: str = "") -> None:
        self.last_export = path
        self.message.setText(" ".join(filter(None, (
            QCoreApplication.translate("ReportsPage", "Saved to {0}").format(path), note))))

    def _say_cut(self, note: str) -> None:
        """A printout cut short says so on screen too."""
        if note:
            self.message.setText(note)

    def choose_legal_pdf(self) -> None:
        """The journal, general ledger or trial balance shown, as its legal printout."""
        if self.model.table is not None and self.shown_params is not None:
            output.choose_legal_pdf(self, self.session, self.model.table, self.shown_params,
                                    self._exported)

    def export_legal_to(self, path: Path) -> None:
        """The legal printout to ``path`` without asking (tests, scripted use)."""
        if self.shown_params is not None:
            output.export_legal(self, self.session, self.shown_params, path, self._exported)

    def print_preview(self) -> None:
        table, params = self.model.table, self._ledger_params()
        if table is None:
            return
        if params is None:
            output.preview_dialog(self, self.session, table).exec()
        else:
            ledger_output.prepare(self, self.session, table, params, self._preview)

    def _preview(self, table: ReportTable) -> None:
        self._say_cut(table.note)
        output.preview_dialog(self, self.session, table).exec()

    def print_report(self) -> None:
        table, params = self.model.table, self._ledger_params()
        if table is None:
            return
        build = None if params is None else ledger_output.builder(params, table)
        output.print_report(self, self.session, table, build, self._say_cut)
