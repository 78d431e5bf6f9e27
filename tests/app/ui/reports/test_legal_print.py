"""The legal printouts as PDF: headed pages, numbered "Page n / N", rows kept whole."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.reports import legal
from app.store.books import Books
from app.ui.kit.session import CompanySession
from app.ui.reports import legal_print
from tests.app.ui.reports.test_report_export import pdf_text, words
from tests.ledger_text import post_text

START, END = date(2025, 1, 1), date(2025, 12, 31)


def long_journal(books: Books, entries: int = 120) -> None:
    text = "".join(
        f'\n{START + timedelta(days=n * 3)} VT "Facture {n}"\n'
        f"  411  {100 + n}.00  C1\n  700  -{100 + n}.00\n" for n in range(entries))
    post_text(books, text)


def page_count(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", path.read_bytes()))


def test_journal_pdf_has_numbered_headed_pages(session: CompanySession, tmp_path: Path,
                                               qtbot: QtBot) -> None:
    books = session.books
    books.update_company(nif="000016001234567", nis="000116001234567", ai="16012345678")
    long_journal(books)
    report = legal.legal_report(books, "journal", START, END, language="fr")
    path = tmp_path / "journal.pdf"
    pages = legal_print.write_pdf(report, session.fmt, "06/05/2025 18:46", path)
    assert pages > 1
    assert page_count(path) == pages
    text = words(pdf_text(path))
    assert "NIF 000016001234567" in text and "NIS 000116001234567" in text
    assert "AI 16012345678" in text and "RC" not in text.split("AI")[0]
    assert f"Page 1 / {pages}" in text and f"Page {pages} / {pages}" in text
    assert text.count("Édité le 06/05/2025 18:46") == pages
    assert "Journal centralisateur" in text and "Total journal VT" in text


def test_trial_balance_and_ledger_pdf(session: CompanySession, tmp_path: Path) -> None:
    post_text(session.books, """
        2025-01-02 OD "Apport"
          512  1000.00
          101  -1000.00
    """)
    for kind, words_expected in (("trial_balance", "Total classe 5"),
                                 ("general_ledger", "Report à nouveau")):
        report = legal.legal_report(session.books, kind, START, END)
        path = tmp_path / f"{kind}.pdf"
        assert legal_print.write_pdf(report, session.fmt, "x", path) == 1
        text = words(pdf_text(path))
        assert words_expected in text and "Page 1 / 1" in text and "Test SCF" in text


def test_every_row_ends_above_the_page_break(session: CompanySession, tmp_path: Path) -> None:
    """The last row of each page keeps its bottom border: a cut for every page the table
    runs off."""
    long_journal(session.books)
    report = legal.legal_report(session.books, "journal", START, END)
    doc = legal_print.printing.document(legal_print.legal_html(report, session.fmt), False)
    doc.setPageSize(doc.pageSize().__class__(500, 400))
    cuts = legal_print.printing.row_cuts(doc, 400, doc.pageCount())
    assert len(cuts) >= doc.pageCount() - 2
    for page, cut in cuts.items():
        assert page * 400 < cut.y <= (page + 1) * 400


def test_edition_stamp_uses_a_24_hour_clock_in_french_and_arabic() -> None:
    when = datetime(2025, 5, 6, 18, 46)
    assert legal_print.edition_stamp("fr", when).endswith("18:46")
    assert "18:46" in legal_print.edition_stamp("ar", when)
    assert "PM" not in legal_print.edition_stamp("fr", when)
    assert legal_print.edition_stamp("en", when) == "06/05/2025 18:46"  # en_GB's own clock


def test_reports_page_writes_the_legal_printout(session: CompanySession, tmp_path: Path,
                                                qtbot: QtBot) -> None:
    from app.ui.reports.page import ReportsPage

    long_journal(session.books, 10)
    page = ReportsPage(session)
    qtbot.addWidget(page)
    page.params.set_kind("journal")
    page.params.set_period(START, END)
    assert not page.legal_action.isEnabled()
    page.run()
    assert page.legal_action.isEnabled()
    path = tmp_path / "legal.pdf"
    page.export_legal_to(path)
    assert page.last_export == path
    text = words(pdf_text(path))
    assert "Centralising journal" in text and "Page 1 /" in text
    page.params.set_kind("balance_sheet")
    page.params.set_period(START, END)
    page.run()
    assert not page.legal_action.isEnabled()


def test_the_journal_carries_its_totals_from_page_to_page(session: CompanySession,
                                                          tmp_path: Path) -> None:
    """Each page the journal runs off ends "À reporter" with the totals of the lines printed
    so far, and the next page starts "Report" with the same; the totals count each line once,
    not the subtotal rows, so they grow page by page up to the total at most."""
    post_text(session.books, "".join(
        f'\n{START + timedelta(days=n * 3)} VT "Facture {n}"\n'
        f"  411  {100 + n}.00  C1\n  700  -{50 + n}.00\n  701  -25.00\n  706  -25.00\n"
        for n in range(120)))
    report = legal.legal_report(session.books, "journal", START, END)
    carried: list[legal_print.RunningTotals | None] = []
    legal_print.legal_html(report, session.fmt, carried)
    assert carried[0] is not None and carried[1] is None  # the centralisation carries nothing
    total = sum(100 + n for n in range(120)) * 100  # minor units, debit as credit
    assert carried[0].debit[-1] == carried[0].credit[-1] == total
    report = legal.legal_report(session.books, "journal", START, END)  # rows are read once
    path = tmp_path / "journal.pdf"
    pages = legal_print.write_pdf(report, session.fmt, "x", path)
    text = words(pdf_text(path))
    amount = r"(\d[\d,. ]*[.,]\d\d)"
    outs = re.findall(rf"{amount}\s+{amount}\s+À reporter", text)
    ins = re.findall(rf"{amount}\s+{amount}\s+Report\n", text)
    journal_pages = pages - 1  # the centralisation starts on a page of its own
    assert len(outs) == len(ins) == journal_pages - 1 >= 2
    assert outs == ins, "each page brings in what the page before carried out"
    debits = [int(re.sub(r"\D", "", debit)) for debit, _credit in outs]
    assert debits == sorted(set(debits)) and debits[-1] <= total
