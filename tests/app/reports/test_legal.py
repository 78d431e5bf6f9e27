"""The legal printouts' data: journal subtotals, centralisation, ledger and balance totals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.reports import legal
from app.reports.export import Row, Style
from app.store.books import Books
from tests.ledger_text import post_text

D = Decimal
START, END = date(2025, 1, 1), date(2025, 12, 31)

LEDGER = """
    2025-01-02 OD "Apport en capital"
      512  1000.00
      101  -1000.00
    2025-03-01 VT "Facture 1"
      411  500.00  C1
      700  -500.00
    2025-03-20 VT "Facture 2"
      411  300.00  C1
      700  -300.00
    2025-04-01 VT "Facture 3"
      411  200.00  C1
      700  -200.00
    2025-04-01 AC "Facture fournisseur"
      600  200.00
      401  -200.00  S1
"""


@pytest.fixture
def company(books: Books) -> Books:
    books.update_company(nif="000016001234567", rc="16/00-1234567 B 19")
    post_text(books, LEDGER)
    return books


def labelled(rows: list[Row], style: Style) -> dict[str, tuple[object, ...]]:
    """Rows of a style by their label (the first non-empty text cell after the first)."""
    out = {}
    for row in rows:
        if row.style is style:
            label = next(c for c in row.cells[1:] if isinstance(c, str) and c)
            out[label] = row.cells
    return out


def test_journal_subtotals_per_journal_and_month(company: Books) -> None:
    rows = list(legal.journal_rows(company, START, END))
    totals = labelled(rows, Style.SUBTOTAL)
    assert totals["Total journal VT — mars 2025"][-2:] == (D("800.00"), D("800.00"))
    assert totals["Total journal VT — avril 2025"][-2:] == (D("200.00"), D("200.00"))
    assert totals["Total journal VT"][-2:] == (D("1000.00"), D("1000.00"))
    assert totals["Total journal AC"][-2:] == (D("200.00"), D("200.00"))
    assert rows[-1].style is Style.TOTAL
    assert rows[-1].cells[-2:] == (D("2200.00"), D("2200.00"))


def test_journal_orders_by_journal_then_date_with_entry_headings(company: Books) -> None:
    headings = [r.cells[0] for r in legal.journal_rows(company, START, END)
                if r.style is Style.SECTION]
    assert headings == ["AC-1", "OD-1", "VT-1", "VT-2", "VT-3"]
    first = next(r for r in legal.journal_rows(company, START, END) if r.style is Style.SECTION)
    assert first.cells[1] == date(2025, 4, 1) and first.cells[5] == "Facture fournisseur"


def test_journal_lines_carry_account_label_and_party(company: Books) -> None:
    lines = [r for r in legal.journal_rows(company, START, END) if r.style is Style.NORMAL]
    sale = next(r for r in lines if r.cells[2] == "411")
    assert sale.cells[3] and sale.cells[4] == "C1" and sale.cells[6] == D("500.00")


def test_centralisateur_equals_the_journal(company: Books) -> None:
    central = list(legal.centralisateur_rows(company, START, END))
    journal = list(legal.journal_rows(company, START, END))
    months = [r for r in central if r.style is Style.NORMAL]
    assert [(r.cells[0], r.cells[2]) for r in months] == [
        ("AC", "avril 2025"), ("OD", "janvier 2025"), ("VT", "mars 2025"), ("VT", "avril 2025")]
    assert central[-1].cells[-2:] == journal[-1].cells[-2:]
    assert central[-1].cells[-2] == central[-1].cells[-1]  # debits = credits
    month_totals = {c[5]: c[-2:] for c in (r.cells for r in journal)
                    if isinstance(c[5], str) and c[5].startswith("Total journal VT —")}
    assert month_totals["Total journal VT — mars 2025"] == months[2].cells[-2:]


def test_journal_can_be_limited_and_refuses_unknown(company: Books) -> None:
    rows = list(legal.journal_rows(company, START, END, journals=("VT",)))
    assert rows[-1].cells[-2:] == (D("1000.00"), D("1000.00"))
    with pytest.raises(ValueError, match="unknown journal"):
        list(legal.journal_rows(company, START, END, journals=("ZZ",)))


def test_labels_follow_the_language(company: Books) -> None:
    rows = list(legal.journal_rows(company, START, END, language="en"))
    assert "Total journal VT — March 2025" in labelled(rows, Style.SUBTOTAL)
    assert rows[-1].cells[5] == "Grand total"
    assert legal.text("grand_total", "ar") == "المجموع العام"
    assert legal.text("grand_total", "xx") == "Total général"


def test_general_ledger_opening_rows_and_account_totals(company: Books) -> None:
    post_text(company, """
        2025-05-01 BQ "Remise"
          512  500.00
          411  -500.00  C1
    """)
    rows = list(legal.general_ledger_rows(company, date(2025, 4, 1), date(2025, 12, 31)))
    i = next(n for n, r in enumerate(rows) if r.style is Style.SECTION and r.account == "411")
    assert rows[i + 1].cells[2] == "Solde au 01/04/2025"
    assert rows[i + 1].cells[-1] == D("800.00")
    total = next(r for r in rows[i:] if r.style is Style.SUBTOTAL)
    assert total.cells[2] == "Total compte 411"
    assert total.cells[4:] == (D("200.00"), D("500.00"), D("500.00"))
    assert rows[-1].style is Style.TOTAL and rows[-1].cells[4] == rows[-1].cells[5]


def test_general_ledger_on_the_first_day_carries_forward(company: Books) -> None:
    rows = list(legal.general_ledger_rows(company, START, END))
    assert rows[1].cells[2] == "Report à nouveau"
    accounts = {r.account for r in rows if r.style is Style.SECTION}
    assert accounts == {"101", "401", "411", "512", "600", "700"}


def test_trial_balance_class_subtotals_and_grand_total(company: Books) -> None:
    rows = list(legal.trial_balance_rows(company, START, END))
    classes = labelled(rows, Style.SUBTOTAL)
    assert list(classes) == [f"Total classe {k}" for k in "14567"]
    assert classes["Total classe 4"][4:6] == (D("1000.00"), D("200.00"))
    total = rows[-1]
    assert total.style is Style.TOTAL
    assert total.cells[4] == total.cells[5] == D("2200.00")
    assert total.cells[6] == total.cells[7]
    summed = [sum((c[i] for c in classes.values()), D(0)) for i in range(2, 8)]
    assert list(total.cells[2:]) == summed


def test_report_heading_has_identifiers_and_period(company: Books) -> None:
    report = legal.legal_report(company, "trial_balance", START, END)
    assert report.title == "Balance générale"
    assert report.identifiers == ("NIF 000016001234567", "RC 16/00-1234567 B 19")
    assert report.period == "Du 01/01/2025 au 31/12/2025"
    assert report.page_label(1, 3) == "Page 1 / 3"
    journal = legal.legal_report(company, "journal", START, END, language="ar")
    assert [p.title for p in journal.parts] == ["اليومية", "اليومية المركزية"]
    assert journal.right_to_left
    with pytest.raises(ValueError):
        legal.legal_report(company, "vat", START, END)
