"""A label that looks like a formula stays text in a spreadsheet (a formula-injection guard)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from app.reports.export import Column, ReportTable, Row, write_xlsx


def test_labels_beginning_with_equals_are_written_as_text(tmp_path: Path) -> None:
    table = ReportTable(
        kind="journal", title="Journal", company='=HYPERLINK("http://x","y")', period="2025",
        columns=(Column("Label"), Column("Debit", numeric=True)),
        rows=[Row(("=SUM(B1:B9)", Decimal("12.50"))), Row(("Facture 17", Decimal("1")))])
    path = tmp_path / "journal.xlsx"
    write_xlsx(table, path, generated="2025-12-31")
    cells = [cell for row in load_workbook(path).active.iter_rows() for cell in row
             if cell.value is not None]
    texts = {cell.value: cell.data_type for cell in cells if isinstance(cell.value, str)}
    assert texts["=SUM(B1:B9)"] == "s"
    assert texts['=HYPERLINK("http://x","y")'] == "s"
    assert all(kind != "f" for kind in texts.values())
    assert Decimal("12.5") in {Decimal(str(c.value)) for c in cells if c.data_type == "n"}
