"""Refusals from the rules and the importer are worded in the interface's language."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.io.csv_journal import ImportFailed
from app.ledger.model import Problem
from app.ledger.problems import Code
from app.ledger.rules import PostingRefused
from app.ui.kit import i18n
from app.ui.kit.errors import describe


def test_an_import_refusal_names_the_row_and_column_in_french(qapp, english) -> None:
    failed = ImportFailed(Path("journal.csv"), 12, "date",
                          Problem(Code.NOT_A_DATE, {"text": "31/02/2025"}))
    assert describe(failed).endswith("journal.csv, row 12, column date: not a date: "
                                     "'31/02/2025' (use 2025-03-31 or 31/03/2025)")
    i18n.install(qapp, "fr")
    assert describe(failed) == ("Rien n'a été importé. journal.csv, ligne 12, colonne date : "
                                "date illisible : « 31/02/2025 » (écrivez 2025-03-31 ou "
                                "31/03/2025)")


def test_a_posting_refusal_lists_every_problem_in_arabic(qapp, english) -> None:
    refused = PostingRefused([
        Problem(Code.LOCKED, {"date": date(2025, 3, 1), "lock": date(2025, 3, 31)}, field="date"),
        Problem(Code.PARTY_REQUIRED, {"account": "411"}, 2, "third_party"),
    ])
    i18n.install(qapp, "ar")
    text = describe(refused)
    assert "التاريخ 2025-03-01 سابق لتاريخ الإقفال 2025-03-31 أو مساوٍ له" in text
    assert "الحساب 411 يتطلب طرفًا ثالثًا" in text
    assert text.count("•") == 2
