"""Reports over fiscal years: one year at a time, each earlier result carried on its own."""

from datetime import date
from decimal import Decimal

import pytest

from app.reports.balances import trial_balance
from app.reports.ledger import general_ledger
from app.reports.periods import year_of, years_before
from app.reports.statements import balance_sheet, income_statement
from tests.ledger_text import post_text


def _opening(books, day, account):
    rows = {r.account: r for r in trial_balance(books, day, day).rows}
    row = rows.get(account)
    return (row.opening_debit - row.opening_credit) if row else Decimal(0)


def test_a_range_across_a_year_end_is_refused_with_the_reason(books):
    books.open_next_fiscal_year()
    for report in (lambda: trial_balance(books, date(2025, 12, 1), date(2026, 1, 31)),
                   lambda: list(general_ledger(books, date(2025, 12, 1), date(2026, 1, 31))),
                   lambda: income_statement(books, date(2025, 6, 1), date(2026, 5, 31))):
        with pytest.raises(ValueError, match="crosses the end of the fiscal year on 2025-12-31"):
            report()


def test_each_earlier_year_carries_its_own_result(books):
    """2025 made a profit of 100, 2026 a loss of 30: 120 shows 100 credit, 129 30 debit."""
    books.open_next_fiscal_year()
    books.open_next_fiscal_year()
    post_text(books, """
        2025-03-01 VT "Vente"
          512  100.00
          700  -100.00
        2026-03-01 AC "Loyer"
          613  30.00
          512  -30.00
    """)
    assert _opening(books, date(2027, 1, 1), "120") == Decimal("-100.00")
    assert _opening(books, date(2027, 1, 1), "129") == Decimal("30.00")
    assert _opening(books, date(2027, 1, 1), "700") == 0
    sheet = balance_sheet(books, date(2027, 6, 30))
    assert sheet.total_assets == sheet.total_liabilities == Decimal("70.00")


def test_dates_after_the_last_opened_year_still_restart_income_and_expenses(books):
    post_text(books, """
        2025-03-01 VT "Vente"
          512  100.00
          700  -100.00
    """)
    assert year_of(books.fiscal_years(), date(2027, 5, 1)) == (date(2027, 1, 1),
                                                               date(2027, 12, 31))
    assert years_before(books.fiscal_years(), date(2027, 1, 1)) == [
        (date(2025, 1, 1), date(2025, 12, 31)), (date(2026, 1, 1), date(2026, 12, 31))]
    assert _opening(books, date(2026, 2, 1), "700") == 0
    assert _opening(books, date(2026, 2, 1), "120") == Decimal("-100.00")
    sheet = balance_sheet(books, date(2026, 6, 30))
    result = {line.key: line.amount for line in sheet.liabilities}
    assert sheet.total_assets == sheet.total_liabilities == Decimal("100.00")
    assert Decimal("100.00") in result.values()
