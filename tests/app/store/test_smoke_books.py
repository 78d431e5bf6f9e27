from datetime import date
from decimal import Decimal

from app.reports.balances import trial_balance
from app.reports.statements import balance_sheet, income_statement
from tests.ledger_text import SAMPLE, post_text


def test_posting_flows_into_trial_balance_and_statements(books):
    post_text(books, SAMPLE)
    tb = trial_balance(books, date(2025, 1, 1), date(2025, 12, 31))
    assert tb.total("debit") == tb.total("credit") == Decimal("2880.00")
    sheet = balance_sheet(books, date(2025, 12, 31))
    assert sheet.total_assets == sheet.total_liabilities == Decimal("1190.00")
    statement = income_statement(books, date(2025, 1, 1), date(2025, 12, 31))
    assert statement.net_result == Decimal("500.00")
