"""The dashboard's figures, exact to the centime, on ledgers written in the test."""

from datetime import date
from decimal import Decimal

from app.ledger.model import Entry, FiscalYear, Line
from app.reports.dashboard import as_of, dashboard, month_ranges
from tests.ledger_text import post_text

YEAR = """
    2025-01-01 OD "Ouverture"
      512  5000.00
      53   300.00
      101  -5300.00
    2025-01-15 VT "Facture 1"
      411  1190.00  CLIENT1
      700  -1000.00
      4457 -190.00
    2025-01-20 VT "Avance reçue"
      512  100.00
      419  -100.00  CLIENT2
    2025-02-01 BQ "Règlement partiel"
      512  400.00
      411  -400.00 CLIENT1
    2025-03-10 AC "Achat"
      600  500.00
      44566 95.00
      401  -595.00 FOURN1
    2025-03-31 OD "Avoir"
      700  50.00
      512  -50.00
    2025-04-05 OD "Loyer"
      613  200.00
      53   -200.00
"""


def test_positions_result_and_months_on_a_small_company(books):
    post_text(books, YEAR)
    board = dashboard(books, date(2025, 3, 31))
    assert board.year == (date(2025, 1, 1), date(2025, 12, 31))
    assert [(a.account.number, a.balance) for a in board.cash_accounts] == [
        ("512", Decimal("5450.00")), ("53", Decimal("300.00"))]
    assert board.cash == Decimal("5750.00")
    assert board.receivables == Decimal("790.00")  # 419's advance is not netted against 411
    assert board.payables == Decimal("595.00")
    assert board.taxes == Decimal("95.00")  # 190 collected − 95 deductible
    assert [(m.first, m.last, m.revenue, m.expenses) for m in board.months] == [
        (date(2025, 1, 1), date(2025, 1, 31), Decimal("1000.00"), Decimal("0.00")),
        (date(2025, 2, 1), date(2025, 2, 28), Decimal("0.00"), Decimal("0.00")),
        (date(2025, 3, 1), date(2025, 3, 31), Decimal("-50.00"), Decimal("500.00")),
    ]
    assert board.result == Decimal("450.00")
    assert board.last_posted == date(2025, 4, 5)


def test_a_part_month_counts_only_its_days(books):
    post_text(books, YEAR)
    board = dashboard(books, date(2025, 4, 4))
    assert board.months[-1].first == date(2025, 4, 1)
    assert board.months[-1].last == date(2025, 4, 4)
    assert board.months[-1].expenses == Decimal("0.00")
    assert dashboard(books, date(2025, 4, 5)).months[-1].expenses == Decimal("200.00")
    assert dashboard(books, date(2025, 4, 5)).cash == Decimal("5550.00")


def test_income_and_expenses_restart_each_fiscal_year_but_positions_carry(books):
    books.open_next_fiscal_year()
    post_text(books, YEAR)
    post_text(books, """
        2026-02-10 VT "Vente 2026"
          512  80.00
          706  -80.00
    """)
    board = dashboard(books, date(2026, 12, 31))
    assert board.year == (date(2026, 1, 1), date(2026, 12, 31))
    assert len(board.months) == 12
    assert board.revenue == Decimal("80.00")
    assert board.expenses == Decimal("0.00")
    assert board.result == Decimal("80.00")
    assert board.cash == Decimal("5630.00")


def test_drafts_last_posting_and_lock_date(books):
    empty = dashboard(books, date(2025, 6, 30))
    assert (empty.drafts, empty.last_posted, empty.lock_date) == (0, None, None)
    assert empty.cash == empty.result == Decimal(0)
    assert len(empty.months) == 6
    post_text(books, YEAR)
    books.set_lock_date(date(2025, 1, 31))
    books.save_draft(Entry("OD", date(2025, 5, 2), "Brouillon",
                           (Line("512", debit=Decimal(1)), Line("53", credit=Decimal(1)))))
    board = dashboard(books, date(2025, 6, 30))
    assert (board.drafts, board.last_posted, board.lock_date) == (
        1, date(2025, 4, 5), date(2025, 1, 31))
    assert board.cash == Decimal("5550.00")  # the draft counts for nothing


def test_before_the_books_begin_there_is_no_year_and_no_month(books):
    post_text(books, YEAR)
    board = dashboard(books, date(2024, 6, 30))
    assert (board.year, board.months, board.cash, board.result) == (None, (), 0, 0)
    assert as_of(None, date(2025, 5, 1)) == date(2025, 5, 1)


def test_as_of_is_today_kept_inside_the_current_year():
    year = FiscalYear(date(2025, 1, 1), date(2025, 12, 31))
    assert as_of(year, date(2025, 5, 1)) == date(2025, 5, 1)
    assert as_of(year, date(2026, 3, 1)) == date(2025, 12, 31)
    assert as_of(year, date(2024, 3, 1)) == date(2025, 1, 1)


def test_month_ranges_cut_at_month_ends():
    assert month_ranges(date(2025, 1, 15), date(2025, 3, 2)) == [
        (date(2025, 1, 15), date(2025, 1, 31)), (date(2025, 2, 1), date(2025, 2, 28)),
        (date(2025, 3, 1), date(2025, 3, 2))]
    assert month_ranges(date(2025, 3, 2), date(2025, 3, 1)) == []
