"""Every report opens a year from its à-nouveaux when it has them, and never counts them twice."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.reports.balances import trial_balance
from app.reports.dashboard import dashboard
from app.reports.ledger import general_ledger, journal_lines
from app.reports.statements import balance_sheet
from tests.ledger_text import YEAR_2025, post_text

TAKE_ON = """
    2025-01-01 AN "Reprise des soldes au 31/12/2024"
      512  700.00
      411  300.00  C1
      101  -1000.00
    2025-02-01 BQ "Encaissement C1"
      512  300.00
      411  -300.00  C1
"""
"""A company taken on from other software: its first year opens with the old books' balances."""


def test_a_take_on_opens_the_first_year_instead_of_moving_in_it(books):
    post_text(books, TAKE_ON)
    rows = {r.account: r for r in trial_balance(books, date(2025, 1, 1), date(2025, 12, 31)).rows}
    assert (rows["512"].opening_debit, rows["512"].debit, rows["512"].closing_debit) == (
        Decimal("700.00"), Decimal("300.00"), Decimal("1000.00"))
    assert (rows["101"].opening_credit, rows["101"].credit) == (Decimal("1000.00"), 0)
    assert (rows["411"].opening_debit, rows["411"].credit, rows["411"].closing_debit) == (
        Decimal("300.00"), Decimal("300.00"), 0)

    sections = {s.account: (s.opening, [ln.journal for ln in s.lines])
                for s in general_ledger(books, date(2025, 1, 1), date(2025, 12, 31))}
    assert sections["512"] == (Decimal("700.00"), ["BQ"])
    assert sections["101"] == (Decimal("-1000.00"), [])
    # the journal itself still lists the à-nouveaux: they are entries of journal AN
    assert {ln.journal for ln in journal_lines(books, date(2025, 1, 1), date(2025, 1, 31))} == {
        "AN"}
    # a range starting later carries them like any earlier line
    later = {r.account: r for r in trial_balance(books, date(2025, 3, 1), date(2025, 3, 31)).rows}
    assert later["512"].opening_debit == Decimal("1000.00")


def test_after_closing_the_statements_and_dashboard_hold_one_copy_of_each_balance(books):
    post_text(books, YEAR_2025)
    sheet_2025 = balance_sheet(books, date(2025, 12, 31))
    books.close_fiscal_year(date(2025, 1, 1))

    sheet_2026 = balance_sheet(books, date(2026, 6, 30))
    assert sheet_2026.total_assets == sheet_2025.total_assets == Decimal("1500.00")
    assert sheet_2026.total_liabilities == sheet_2025.total_liabilities
    board = dashboard(books, date(2026, 2, 1))
    assert [(a.account.number, a.balance) for a in board.cash_accounts] == [
        ("512", Decimal("1000.00"))]
    assert board.receivables == Decimal("500.00")
    assert board.payables == Decimal("200.00")

    sections = {s.account: (s.opening, list(s.lines))
                for s in general_ledger(books, date(2026, 1, 1), date(2026, 12, 31))}
    assert sections["512"] == (Decimal("1000.00"), [])
    assert sections["120"] == (Decimal("-300.00"), [])


def test_a_year_not_yet_closed_still_carries_the_computed_balances(books):
    post_text(books, YEAR_2025)
    books.open_next_fiscal_year()
    rows = {r.account: r for r in trial_balance(books, date(2026, 1, 1), date(2026, 1, 31)).rows}
    assert rows["512"].opening_debit == Decimal("1000.00")
    assert rows["120"].opening_credit == Decimal("300.00")
    assert "700" not in rows
