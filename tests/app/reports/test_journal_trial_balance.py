"""A trial balance of some journals: their movements alone, adding up to the whole."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from app.reports.balances import trial_balance
from app.store.books import Books
from tests.ledger_text import SAMPLE, post_text

START, END = date(2025, 1, 1), date(2025, 12, 31)


def movements(books: Books, journals: tuple[str, ...] = ()) -> Counter:
    found: Counter = Counter()
    for row in trial_balance(books, START, END, journals=journals).rows:
        found[row.account, "debit"] += row.debit
        found[row.account, "credit"] += row.credit
    return found


def test_the_journals_movements_add_up_to_the_whole(books: Books) -> None:
    post_text(books, SAMPLE)
    whole = movements(books)
    parts: Counter = Counter()
    for journal in ("VT", "BQ", "AC"):
        parts.update(movements(books, (journal,)))
    assert +parts == +whole
    assert movements(books, ("VT", "BQ", "AC")) == movements(books)
    sales = trial_balance(books, START, END, journals=("VT",))
    assert {r.account: (r.debit, r.credit) for r in sales.rows} == {
        "411": (Decimal("1190.00"), 0), "700": (0, Decimal("1000.00")),
        "4457": (0, Decimal("190.00"))}
    assert all(r.opening_debit == r.opening_credit == 0 for r in sales.rows)


def test_an_unknown_journal_is_refused(books: Books) -> None:
    with pytest.raises(ValueError, match="unknown journal ZZ"):
        trial_balance(books, START, END, journals=("ZZ",))
