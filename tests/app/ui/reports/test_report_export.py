"""Reports exported to PDF, XLSX and CSV, then read back to check what the files really hold.

No PDF library is installed (PySide6-Essentials has no QtPdf, pypdf is not a dependency), so
``pdf_text`` reads the PDF the way a viewer's text extraction does: it inflates the page content
streams and maps each shown glyph back to its character through the font's ``ToUnicode`` map.
"""

from __future__ import annotations

import csv
import re
import zipfile
import zlib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from app.reports.export import Style, number_format
from app.store.books import Books
from app.ui.kit.session import CompanySession
from app.ui.kit.tasks import Cancelled, Progress
from app.ui.reports import output
from app.ui.reports.page import ReportsPage
from tests.ledger_text import SAMPLE, many_entries, post_text

D = Decimal


# --- reading a PDF's text back -------------------------------------------------------------

def _objects(data: bytes) -> dict[int, bytes]:
    return {int(m.group(1)): m.group(2)
            for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", data, re.S)}


def _stream(body: bytes, objects: dict[int, bytes]) -> bytes:
    """The stream's bytes, cut by its /Length: compressed data may itself end in a CR, which a
    pattern looking for the line break before ``endstream`` would swallow (the PDF changes
    every minute with its timestamp, so such a test fails only now and then)."""
    length = re.search(rb"/Length (\d+)( 0 R)?", body)
    start = re.search(rb"stream\r?\n", body)
    assert length is not None and start is not None
    size = int(objects[int(length.group(1))].strip()) if length.group(2) else int(length.group(1))
    data = body[start.end():start.end() + size]
    return zlib.decompress(data) if b"/FlateDecode" in body else data


def _to_unicode(cmap: str) -> dict[int, str]:
    """The bfchar and bfrange entries of a ToUnicode CMap (both range forms)."""
    table: dict[int, str] = {}
    hexes = r"<([0-9A-Fa-f]+)>"
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for src, dst in re.findall(hexes + r"\s*" + hexes, block):
            table[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, dsts in re.findall(hexes + r"\s*" + hexes + r"\s*\[(.*?)\]", block, re.S):
            codes = range(int(low, 16), int(high, 16) + 1)
            for code, dst in zip(codes, re.findall(hexes, dsts), strict=False):
                table[code] = bytes.fromhex(dst).decode("utf-16-be")
        block = re.sub(r"\[.*?\]", "", block, flags=re.S)
        for low, high, dst in re.findall(hexes + r"\s*" + hexes + r"\s*" + hexes, block):
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                table[code] = chr(int(dst, 16) + offset)
    return table


def pdf_text(path: Path) -> str:
    """Every glyph drawn, as text; text objects end with a newline."""
    objects = _objects(path.read_bytes())
    fonts = {number: _to_unicode(_stream(objects[int(m.group(1))], objects).decode("latin-1"))
             for number, body in objects.items()
             if (m := re.search(rb"/ToUnicode (\d+) 0 R", body))}
    names = {name.decode(): int(ref) for body in objects.values()
             for name, ref in re.findall(rb"/(F\d+) (\d+) 0 R", body)}
    out: list[str] = []
    for body in objects.values():
        if b"/Length" not in body or b"stream" not in body or b"/Subtype" in body:
            continue
        try:
            content = _stream(body, objects)
        except zlib.error:
            continue
        font: dict[int, str] = {}
        for token in re.finditer(rb"/(F\d+) [\d.]+ Tf|<([0-9A-Fa-f]+)> Tj|(ET)", content):
            if token.group(1):
                font = fonts[names[token.group(1).decode()]]
            elif token.group(2):
                glyphs = token.group(2)
                out.extend(font[int(glyphs[i:i + 4], 16)] for i in range(0, len(glyphs), 4))
            else:
                out.append("\n")
    return "".join(out)


def words(text: str) -> str:
    """Qt maps the space glyph to a tab: compare text with any run of blanks as one space."""
    return re.sub(r"[ \t]+", " ", text)


# --- fixtures --------------------------------------------------------------------------------

@pytest.fixture
def page(qtbot: QtBot, session: CompanySession) -> ReportsPage:
    post_text(session.books, SAMPLE)
    widget = ReportsPage(session)
    qtbot.addWidget(widget)
    return widget


def run(page: ReportsPage, kind: str) -> None:
    page.params.set_kind(kind)
    page.params.set_period(date(2025, 1, 1), date(2025, 12, 31))
    page.run()
    assert page.model.table is not None


def amounts_by_account(page: ReportsPage) -> dict[str, tuple[Decimal, ...]]:
    assert page.model.table is not None
    return {row.account: tuple(c for c in row.cells if isinstance(c, Decimal))
            for row in page.model.table.rows if row.account}


# --- XLSX ----------------------------------------------------------------------------------------

def test_trial_balance_to_xlsx_holds_real_numbers_equal_to_the_decimals(
    page: ReportsPage, tmp_path: Path
) -> None:
    run(page, "trial_balance")
    path = tmp_path / "tb.xlsx"
    page.export_to("xlsx", path)
    assert page.last_export == path
    sheet = load_workbook(path).active
    assert sheet["A1"].value == page.session.company.name
    assert sheet["A2"].value == "Trial balance"
    assert sheet.freeze_panes == "A7"
    header = [c for c in sheet[6]]
    assert [c.value for c in header][:3] == ["Account", "Label", "Opening debit"]
    assert all(c.font.b for c in header)
    expected = amounts_by_account(page)
    seen = {}
    for row in sheet.iter_rows(min_row=7):
        amounts = row[2:8]
        assert all(c.data_type == "n" and c.number_format == "#,##0.00" for c in amounts)
        if row[0].value:
            seen[row[0].value] = tuple(D(str(c.value)) for c in amounts)
    assert seen == expected
    total = sheet[sheet.max_row]
    assert total[1].value == "Total" and total[4].font.b
    assert D(str(total[4].value)) == D("2880.00")
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width


def test_xlsx_keeps_the_decimal_digits_in_the_file(page: ReportsPage, tmp_path: Path) -> None:
    post_text(page.session.books, """
        2025-05-05 OD "Centimes"
          512  1234567.89
          101  -1234567.89
    """)
    run(page, "trial_balance")
    path = tmp_path / "tb.xlsx"
    page.export_to("xlsx", path)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert re.search(r'<c r="[A-Z]+\d+" s="\d+" t="n"><v>1234567\.89</v>', xml)
    assert "1234567.89" not in re.sub(r"<v>[^<]*</v>", "", xml)  # never as text


def test_balance_sheet_to_xlsx(page: ReportsPage, tmp_path: Path) -> None:
    run(page, "balance_sheet")
    path = tmp_path / "bs.xlsx"
    page.export_to("xlsx", path)
    sheet = load_workbook(path).active
    # columns: line, gross, depreciation, net, N-1
    totals = {r[0].value: r[3].value for r in sheet.iter_rows(min_row=7) if r[0].font.b}
    assert D(str(totals["Total assets"])) == D("1190.00")
    assert D(str(totals["Total equity and liabilities"])) == D("1190.00")
    assert D(str(totals["Total current assets"])) == D("1190.00")  # a section subtotal


def test_number_format_follows_the_currency_exponent() -> None:
    assert number_format(2) == "#,##0.00"
    assert number_format(0) == "#,##0"
    assert number_format(3) == "#,##0.000"


# --- PDF -----------------------------------------------------------------------------------------

def test_trial_balance_to_pdf_reads_back(page: ReportsPage, tmp_path: Path) -> None:
    run(page, "trial_balance")
    path = tmp_path / "tb.pdf"
    page.export_to("pdf", path)
    assert path.read_bytes().startswith(b"%PDF")
    text = words(pdf_text(path))
    lines = text.splitlines()
    for expected in (page.session.company.name, "Trial balance", "From 01/01/2025 to 31/12/2025",
                     "Customers", "1,190.00", "2,880.00", "Page 1 of 1"):
        assert expected in lines, expected
    assert lines.index("Trial balance") < lines.index("Customers") < lines.index("2,880.00")


def test_balance_sheet_to_pdf_reads_back(page: ReportsPage, tmp_path: Path) -> None:
    run(page, "balance_sheet")
    path = tmp_path / "bs.pdf"
    page.export_to("pdf", path)
    lines = words(pdf_text(path)).splitlines()
    assert "Balance sheet" in lines and "At 31/12/2025" in lines
    assert lines.count("1,190.00") >= 3  # bank, total assets, total liabilities and equity
    assert "Total equity and liabilities" in lines


def test_a_long_report_runs_over_numbered_pages(page: ReportsPage, tmp_path: Path) -> None:
    page.session.books.post_many(many_entries(150))  # the export reads the books, not the screen
    run(page, "general_ledger")
    path = tmp_path / "gl.pdf"
    page.export_to("pdf", path)
    text = words(pdf_text(path))
    pages = int(re.search(r"Page 1 of (\d+)", text).group(1))
    assert pages > 1
    assert f"Page {pages} of {pages}" in text
    assert text.count("Date\n") == pages  # the header row repeats on every page


# --- CSV -----------------------------------------------------------------------------------------

def test_csv_in_english_uses_commas_and_points(page: ReportsPage, tmp_path: Path) -> None:
    run(page, "trial_balance")
    path = tmp_path / "tb.csv"
    page.export_to("csv", path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:2] == ["Account", "Label"]
    by_account = {r[0]: r for r in rows[1:]}
    assert by_account["411"][4:6] == ["1190.00", "1190.00"]
    assert rows[-1][1] == "Total"


def test_csv_in_french_uses_semicolons_and_decimal_commas(
    books: Books, make_session, qtbot: QtBot, tmp_path: Path
) -> None:
    post_text(books, SAMPLE)
    page = ReportsPage(make_session(books, "fr"))
    qtbot.addWidget(page)
    run(page, "trial_balance")
    path = tmp_path / "tb.csv"
    page.export_to("csv", path)
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    by_account = {r[0]: r for r in rows[1:]}
    assert by_account["411"][1] == "Clients"
    assert by_account["411"][4:6] == ["1190,00", "1190,00"]
    assert D(by_account["700"][7].replace(",", ".")) == D("1000.00")


# --- cancel, print ---------------------------------------------------------------------------

def test_a_cancelled_export_leaves_no_file(page: ReportsPage, tmp_path: Path) -> None:
    run(page, "trial_balance")
    assert page.model.table is not None
    progress = Progress()
    progress.cancel()
    folder = tmp_path / "out"
    folder.mkdir()
    for kind in output.FORMATS:
        with pytest.raises(Cancelled):
            output.write(page.model.table, kind, folder / f"tb.{kind}", page.session, "now",
                         progress)
    assert list(folder.iterdir()) == []


def test_preview_and_print_share_the_pages(page: ReportsPage, tmp_path: Path) -> None:
    run(page, "income_statement")
    table = page.model.table
    assert table is not None
    dialog = output.preview_dialog(page, page.session, table)
    assert dialog.windowTitle().endswith("Income statement")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    dialog.paintRequested.emit(printer)
    lines = words(pdf_text(tmp_path / "printed.pdf")).splitlines()
    assert "Income statement" in lines and "500.00" in lines
    assert any(row.style is Style.TOTAL for row in table.rows)
    dialog.deleteLater()


def test_suggested_file_names_are_safe(page: ReportsPage) -> None:
    run(page, "trial_balance")
    assert page.model.table is not None
    page.model.table.company = 'A/B: "C"'
    assert output.suggested_name(page.model.table, "pdf") == \
        "A_B_ _C_ - Trial balance - 2025-12-31.pdf"
