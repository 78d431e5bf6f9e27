"""The general ledger and the journal read a page at a time from a key equal the streamed ones.

Each report is read whole by the existing streaming functions, laid out as display rows by hand,
then read again by pages of every small size and resumed from every row's key: the rows must be
the same, à-nouveaux left out of the ledger's lines exactly as ``general_ledger`` leaves them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.ledger.money import ZERO
from app.reports.balances import trial_balance
from app.reports.ledger import (
    DisplayRow,
    RowKind,
    general_ledger,
    general_ledger_plan,
    general_ledger_rows,
    journal_lines,
    journal_plan,
    journal_rows,
)
from app.store.books import Books
from tests.ledger_text import post_text

START, END = date(2025, 1, 1), date(2025, 12, 31)

BOOKS = """
    2025-01-01 AN "Reprise des soldes"
      512  700.00
      411  300.00  C1
      101  -1000.00
    2025-01-01 VT "Vente du premier jour"
      411  120.00  C1
      700  -120.00
    2025-02-01 BQ "Encaissement C1"
      512  300.00
      411  -300.00  C1
    2025-02-01 VT "Facture 2"
      411  238.00  C1
      700  -200.00
      4457  -38.00
    2025-03-15 AC "Achat"
      600  80.00
      601  20.00
      401  -100.00  S1
    2025-03-15 BQ "Règlement S1"
      401  100.00  S1
      512  -100.00
"""
"""À-nouveaux on the first day (beside an ordinary entry of that day) and several accounts."""


def _shape(row: DisplayRow) -> tuple:
    return (row.kind, row.account, row.label, row.line, row.debit, row.credit, row.balance)


def expected_ledger(books: Books, start: date, end: date, **kw: object) -> list[tuple]:
    out: list[tuple] = []
    all_debit = all_credit = ZERO
    for s in general_ledger(books, start, end, **kw):  # type: ignore[arg-type]
        out.append((RowKind.HEADING, s.account, s.label, None, None, None, None))
        out.append((RowKind.OPENING, s.account, "", None, None, None, s.opening))
        debit = credit = ZERO
        balance = s.opening
        for line in s.lines:
            out.append((RowKind.LINE, s.account, "", line, None, None, None))
            debit, credit, balance = debit + line.debit, credit + line.credit, line.balance
        out.append((RowKind.TOTAL, s.account, "", None, debit, credit, balance))
        all_debit, all_credit = all_debit + debit, all_credit + credit
    out.append((RowKind.GRAND_TOTAL, "", "", None, all_debit, all_credit, None))
    return out


def read_all(read, limit: int, after=None) -> list[DisplayRow]:
    rows: list[DisplayRow] = []
    while True:
        page = read(after, limit)
        assert len(page) <= limit
        rows += page
        if len(page) < limit:
            return rows
        after = page[-1].key


@pytest.fixture
def ledger(books: Books) -> Books:
    post_text(books, BOOKS)
    return books


@pytest.mark.parametrize(("start", "low", "high"), [
    (START, None, None), (date(2025, 2, 1), None, None), (START, "4", "5")])
def test_the_paged_general_ledger_equals_the_streamed_one(
        ledger: Books, start: date, low: str | None, high: str | None) -> None:
    expected = expected_ledger(ledger, start, END, low=low, high=high)
    plan = general_ledger_plan(ledger, start, END, low=low, high=high, count=True)
    assert plan.rows == len(expected)
    for limit in (1, 2, 3, 5, 200):
        rows = read_all(lambda after, n: general_ledger_rows(ledger, plan, after, n), limit)
        assert [_shape(r) for r in rows] == expected, limit
    whole = general_ledger_rows(ledger, plan, None, 1000)
    for index, row in enumerate(whole):  # resumed from every key, by pages of two
        rest = read_all(lambda after, n: general_ledger_rows(ledger, plan, after, n), 2,
                        row.key)
        assert [_shape(r) for r in rest] == expected[index + 1:], index


def test_the_ledgers_totals_match_the_trial_balance(ledger: Books) -> None:
    plan = general_ledger_plan(ledger, START, END)
    grand = general_ledger_rows(ledger, plan, None, 1000)[-1]
    tb = trial_balance(ledger, START, END)
    assert (grand.debit, grand.credit) == (tb.total("debit"), tb.total("credit"))
    opening = next(r for r in general_ledger_rows(ledger, plan, None, 1000)
                   if r.kind is RowKind.OPENING and r.account == "512")
    assert opening.balance == Decimal("700.00")  # the à-nouveaux, not a line


@pytest.mark.parametrize("journals", [(), ("VT",), ("AN", "BQ")])
def test_the_paged_journal_equals_the_streamed_one(ledger: Books,
                                                   journals: tuple[str, ...]) -> None:
    lines = list(journal_lines(ledger, START, END, journals=journals))
    plan = journal_plan(ledger, START, END, journals=journals, count=True)
    assert plan.lines == len(lines) and plan.rows == len(lines) + 1
    assert plan.debit == sum((ln.debit for ln in lines), ZERO)
    assert plan.credit == sum((ln.credit for ln in lines), ZERO)
    for limit in (1, 2, 3, 4, 7, 200):
        rows = read_all(lambda after, n: journal_rows(ledger, plan, after, n), limit)
        assert [r.line for r in rows[:-1]] == lines, limit
        assert rows[-1].kind is RowKind.GRAND_TOTAL
        assert (rows[-1].debit, rows[-1].credit) == (plan.debit, plan.credit)
    whole = journal_rows(ledger, plan, None, 1000)
    for index, row in enumerate(whole):
        rest = read_all(lambda after, n: journal_rows(ledger, plan, after, n), 3, row.key)
        assert [(r.kind, r.line) for r in rest] == [(r.kind, r.line) for r in whole[index + 1:]]


def test_after_closing_the_next_year_opens_from_its_a_nouveaux(ledger: Books) -> None:
    ledger.close_fiscal_year(START)
    post_text(ledger, """
        2026-01-10 BQ "Encaissement"
          512  50.00
          411  -50.00  C1
    """)
    first, last = date(2026, 1, 1), date(2026, 12, 31)
    expected = expected_ledger(ledger, first, last)
    plan = general_ledger_plan(ledger, first, last, count=True)
    assert plan.skip is not None
    for limit in (1, 4, 100):
        rows = read_all(lambda after, n: general_ledger_rows(ledger, plan, after, n), limit)
        assert [_shape(r) for r in rows] == expected
    assert plan.rows == len(expected)
