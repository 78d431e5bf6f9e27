"""VAT returns from the tax codes on the lines: the G50 of an SCF company, the CA3 of a PCG one."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal

import pytest

from app.ledger.model import Entry, Line
from app.ledger.problems import Code
from app.ledger.rules import PostingRefused
from app.reports import render
from app.reports.vat import form, vat_return
from app.store.books import Books
from app.store.verify import verify
from tests.ledger_text import ensure_parties, parse_entries

MARCH = (date(2025, 3, 1), date(2025, 3, 31))


def _post(books: Books, text: str, taxes: dict[tuple[int, int], str]) -> None:
    """Post ``text`` (tests.ledger_text), giving line ``(entry, line)`` its tax code."""
    entries = parse_entries(text)
    ensure_parties(books, entries)
    for e, entry in enumerate(entries):
        lines = tuple(Line(ln.account, ln.debit, ln.credit, third_party=ln.third_party,
                           tax=taxes.get((e, n))) for n, ln in enumerate(entry.lines))
        books.post(Entry(entry.journal, entry.date, entry.label, lines))


SALES_AND_PURCHASES = """
    2025-03-05 VT "Facture 19 %"
      411  1190.00  C1
      700  -1000.00
      4457 -190.00
    2025-03-06 VT "Facture 9 %"
      411  545.00  C1
      700  -500.00
      4457 -45.00
    2025-03-07 VT "Exportation exonérée"
      411  300.00  C1
      700  -300.00
    2025-03-10 VT "Avoir sur facture 19 %"
      700  100.00
      4457 19.00
      411  -119.00  C1
    2025-03-12 AC "Achat marchandises"
      600  400.00
      44566 76.00
      401  -476.00  S1
    2025-03-15 AC "Achat matériel"
      215  2000.00
      44562 380.00
      401  -2380.00  S1
    2025-03-31 OD "Salaires de mars"
      631  10000.00
      442  -1500.00
      421  -8500.00
    2025-04-02 VT "Facture d'avril"
      411  119.00  C1
      700  -100.00
      4457 -19.00
"""
TAXES = {(0, 1): "TVA19", (0, 2): "TVA19", (1, 1): "TVA9", (1, 2): "TVA9", (2, 1): "EXO",
         (3, 0): "TVA19", (3, 1): "TVA19", (4, 0): "DED19", (4, 1): "DED19",
         (5, 0): "IMMO19", (5, 1): "IMMO19", (7, 1): "TVA19", (7, 2): "TVA19"}


def test_g50_figures_by_rate_with_bases_credit_notes_and_withholdings(books):
    _post(books, SALES_AND_PURCHASES, TAXES)
    ret = vat_return(books, *MARCH)
    collected = {v.code.code: (v.base, v.tax) for v in ret.collected}
    assert collected["TVA19"] == (Decimal("900.00"), Decimal("171.00"))  # net of the credit note
    assert collected["TVA9"] == (Decimal("500.00"), Decimal("45.00"))
    assert collected["EXO"] == (Decimal("300.00"), Decimal("0.00"))
    deductible = {v.code.code: (v.base, v.tax) for v in ret.deductible}
    assert deductible["DED19"] == (Decimal("400.00"), Decimal("76.00"))
    assert deductible["IMMO19"] == (Decimal("2000.00"), Decimal("380.00"))
    assert ret.total_collected == Decimal("216.00")
    assert ret.total_deductible == Decimal("456.00")
    assert (ret.due, ret.credit_carried) == (Decimal(0), Decimal("240.00"))
    assert dict(ret.withheld) == {"irg_salaries": Decimal("1500.00"),
                                  "stamp_duty": Decimal("0.00")}
    boxes = {line.label: (line.base, line.amount) for line in form(ret)}
    assert boxes["TVA collectée — opérations imposables au taux de 19 %"] == (
        Decimal("900.00"), Decimal("171.00"))
    assert boxes["Précompte à reporter"] == (None, Decimal("240.00"))
    assert boxes["Total à payer"] == (None, Decimal("1500.00"))
    assert verify(books).ok


def test_the_credit_carried_is_deducted_the_next_month(books):
    _post(books, SALES_AND_PURCHASES + """
    2025-03-31 OD "Précompte à reporter"
      44567  240.00
      4457  216.00
      44566  -76.00
      44562  -380.00
    """, TAXES)
    april = vat_return(books, date(2025, 4, 1), date(2025, 4, 30))
    assert april.credit_brought_forward == Decimal("240.00")
    assert april.total_collected == Decimal("19.00")
    assert (april.due, april.credit_carried) == (Decimal(0), Decimal("221.00"))


def test_ca3_boxes_for_a_french_company(make_books):
    books = make_books(chart="pcg", name="fr")
    _post(books, """
        2025-03-05 VT "Facture"
          4111  1200.00  C1
          706  -1000.00
          44571 -200.00
        2025-03-06 VT "Facture taux réduit"
          4111  110.00  C1
          706  -100.00
          44571 -10.00
        2025-03-10 AC "Achat"
          607  500.00
          44566 100.00
          4011  -600.00  S1
    """, {(0, 1): "TVA20", (0, 2): "TVA20", (1, 1): "TVA10", (1, 2): "TVA10",
          (2, 0): "DED20", (2, 1): "DED20"})
    ret = vat_return(books, *MARCH)
    boxes = {line.box: (line.base, line.amount) for line in form(ret) if line.box}
    assert boxes["A1"] == (Decimal("1100.00"), None)
    assert boxes["08"] == (Decimal("1000.00"), Decimal("200.00"))
    assert boxes["9B"] == (Decimal("100.00"), Decimal("10.00"))
    assert boxes["16"][1] == Decimal("210.00")
    assert boxes["20"][1] == Decimal("100.00")
    assert boxes["28"][1] == Decimal("110.00")
    out = io.StringIO()
    render.vat(ret, "json", out)
    data = json.loads(out.getvalue())
    assert (data["form"], data["due"], data["total_collected"]) == ("CA3", "110.00", "210.00")


def test_an_unknown_tax_code_is_refused_naming_the_line(books):
    with pytest.raises(PostingRefused) as refused:
        books.post(Entry("VT", date(2025, 3, 1), "Facture", (
            Line("411", debit=Decimal(119), third_party=None),
            Line("700", credit=Decimal(100), tax="TVA21"),
            Line("4457", credit=Decimal(19), tax="TVA19"))))
    assert (Code.TAX_CODE_MISSING, 2) in [(p.code, p.line) for p in refused.value.problems]
