"""The trial balance CSV carries opening and closing columns beside the movements."""

from __future__ import annotations

import csv
import io
from datetime import date

from app.reports import render
from app.reports.balances import trial_balance
from app.store.books import Books
from tests.ledger_text import SAMPLE, post_text


def test_the_csv_has_opening_movements_and_closing(books: Books) -> None:
    post_text(books, SAMPLE)  # sale 15/01 on 411, paid 01/02, purchase 10/03
    out = io.StringIO()
    render.trial_balance(trial_balance(books, date(2025, 2, 1), date(2025, 12, 31)), "csv", out)
    rows = {row["account"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}
    customer = rows["411"]
    assert (customer["opening_debit"], customer["opening_credit"]) == ("1190.00", "0.00")
    assert (customer["debit"], customer["credit"]) == ("0.00", "1190.00")
    assert (customer["closing_debit"], customer["closing_credit"]) == ("0.00", "0.00")
    assert customer["balance"] == "-1190.00"
    supplier = rows["401"]
    assert (supplier["opening_credit"], supplier["credit"], supplier["closing_credit"]) == (
        "0.00", "500.00", "500.00")
