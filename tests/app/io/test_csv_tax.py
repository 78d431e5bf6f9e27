"""The CSV import's optional ``tax`` column: the VAT return reads imported invoices too."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.io.csv_journal import ImportFailed, import_journal
from app.reports.vat import vat_return
from app.store.verify import verify
from tests.app.io.test_csv_journal import HEADER, write_csv

SALES = """\
F1,2025-03-05,VT,411,,Facture F1,1190.00,,CLIENT1,
F1,2025-03-05,VT,700,,Facture F1,,1000.00,,tva19
F1,2025-03-05,VT,4457,,Facture F1,,190.00,,TVA19
F2,2025-03-06,VT,411,,Facture F2,109.00,,CLIENT1,
F2,2025-03-06,VT,700,,Facture F2,,100.00,,TVA9
F2,2025-03-06,VT,4457,,Facture F2,,9.00,,TVA9
"""


def test_tax_codes_are_imported_and_returned(books, tmp_path):
    path = write_csv(tmp_path, SALES, header=HEADER + ",tax")
    result = import_journal(books, path)
    assert (result.entries, result.lines) == (2, 6)
    ret = vat_return(books, date(2025, 3, 1), date(2025, 3, 31))
    assert {v.code.code: (v.base, v.tax) for v in ret.collected if v.base} == {
        "TVA19": (Decimal("1000.00"), Decimal("190.00")),
        "TVA9": (Decimal("100.00"), Decimal("9.00"))}
    assert verify(books).ok  # the chain covers the imported codes


def test_an_unknown_tax_code_names_its_row_and_column(books, tmp_path):
    path = write_csv(tmp_path, SALES.replace("TVA9\n", "TVA7\n", 1),
                     header=HEADER + ",tax")
    with pytest.raises(ImportFailed) as failed:
        import_journal(books, path)
    assert (failed.value.row, failed.value.column) == (6, "tax")
    assert "tax code TVA7 does not exist" in str(failed.value)
