"""Closing a fiscal year: checks listed at once, à-nouveaux with third-party detail posted in the
same transaction, provisional à-nouveaux completed rather than doubled."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.ledger.model import Entry, FiscalYearState, Line
from app.ledger.problems import Code
from app.ledger.rules import PostingRefused
from app.reports.balances import third_party_balances, trial_balance
from app.store.books import Books
from app.store.closing import ClosingRefused
from app.store.database import StoreError
from app.store.verify import verify
from tests.ledger_text import YEAR_2025, post_text

AN = date(2026, 1, 1)


def _closing(books: Books, year_end: date) -> dict[str, tuple[Decimal, Decimal]]:
    tb = trial_balance(books, date(year_end.year, 1, 1), year_end)
    return {r.account: (r.closing_debit, r.closing_credit) for r in tb.rows}


def _tb_2026(books: Books) -> dict[str, tuple[Decimal, ...]]:
    tb = trial_balance(books, AN, date(2026, 12, 31))
    return {r.account: (r.opening_debit, r.opening_credit, r.debit, r.credit, r.closing_debit,
                        r.closing_credit) for r in tb.rows}


def _opening_lines(books: Books) -> list[tuple[str, str, Decimal, Decimal]]:
    with books.read() as cur:
        ids = [r[0] for r in cur.execute(
            "SELECT e.id FROM entry e JOIN journal j ON j.id = e.journal_id "
            "WHERE j.code = 'AN' AND e.date = ? AND e.status = 'posted' ORDER BY e.id",
            (AN.isoformat(),))]
    return sorted((ln.account, ln.third_party or "", ln.debit, ln.credit)
                  for entry_id in ids for ln in books.entry(entry_id).lines)


def _state(books: Books) -> tuple:
    with books.read() as cur:
        entries = cur.execute("SELECT count(*) FROM entry").fetchone()[0]
        events = cur.execute("SELECT count(*) FROM audit_event").fetchone()[0]
    return entries, events, [(y.name, y.state) for y in books.fiscal_years()]


def test_closing_posts_the_next_years_opening_with_third_party_detail(books):
    post_text(books, YEAR_2025)
    outcome = books.close_fiscal_year(date(2025, 1, 1))

    assert outcome.result == Decimal("300.00")
    assert outcome.year.state is FiscalYearState.CLOSED
    assert [(y.name, y.state) for y in books.fiscal_years()] == [
        ("2025", FiscalYearState.CLOSED), ("2026", FiscalYearState.OPEN)]
    entry = books.entry(outcome.entry_id)
    assert (entry.journal, entry.date, entry.number) == ("AN", AN, 1)
    assert entry.label == "À-nouveaux de l'exercice 2025"
    assert _opening_lines(books) == [
        ("101", "", Decimal(0), Decimal("1000.00")),
        ("120", "", Decimal(0), Decimal("300.00")),
        ("401", "S1", Decimal(0), Decimal("200.00")),
        ("411", "C1", Decimal("500.00"), Decimal(0)),
        ("512", "", Decimal("1000.00"), Decimal(0)),
    ]
    with books.read() as cur:
        kind, detail = cur.execute(
            "SELECT kind, detail FROM audit_event ORDER BY id DESC LIMIT 1").fetchone()
    assert kind == "year_end" and '"result": "300.00"' in detail
    assert verify(books).ok


def test_the_next_year_opens_on_exactly_the_closed_years_balances(books):
    """Bug: opening the next year and posting à-nouveaux doubled every balance."""
    post_text(books, YEAR_2025)
    closing = _closing(books, date(2025, 12, 31))
    books.close_fiscal_year(date(2025, 1, 1))

    rows = _tb_2026(books)
    for account in ("101", "401", "411", "512"):
        od, oc, d, c, cd, cc = rows[account]
        assert (od, oc) == (cd, cc) == closing[account], account
        assert d == c == 0, account  # the à-nouveaux are the opening, not a movement
    assert rows["120"][:2] == (Decimal(0), Decimal("300.00"))
    assert "700" not in rows and "600" not in rows
    parties = {(p.code, p.account): (p.opening, p.debit, p.credit)
               for p in third_party_balances(books, AN, date(2026, 12, 31))}
    assert parties == {("C1", "411"): (Decimal("500.00"), 0, 0),
                       ("S1", "401"): (Decimal("-200.00"), 0, 0)}
    since_books = {p.code: p.balance for p in third_party_balances(books, None, date(2026, 6, 30))}
    assert since_books == {"C1": Decimal("500.00"), "S1": Decimal("-200.00")}


def test_provisional_opening_entries_are_completed_not_doubled(books):
    post_text(books, YEAR_2025)
    books.open_next_fiscal_year()
    # the accountant opened 2026 by hand with the bank and the capital only, then a late
    # invoice of 2025 came in
    post_text(books, """
        2026-01-01 AN "À-nouveaux provisoires"
          512  1000.00
          101  -1000.00
        2025-12-31 VT "Facture tardive"
          411  50.00  C1
          706  -50.00
    """)
    assert "411" not in _tb_2026(books)  # the year opens from its à-nouveaux only

    outcome = books.close_fiscal_year(date(2025, 1, 1))

    assert (outcome.already_opened, outcome.posted_lines) == (2, 3)
    entry = books.entry(outcome.entry_id)
    assert entry.label == "Complément des à-nouveaux de l'exercice 2025"
    assert sorted((ln.account, ln.third_party or "") for ln in entry.lines) == [
        ("120", ""), ("401", "S1"), ("411", "C1")]
    rows = _tb_2026(books)
    assert rows["411"][:2] == (Decimal("550.00"), 0)
    assert rows["120"][:2] == (0, Decimal("350.00"))
    assert rows["512"][:2] == (Decimal("1000.00"), 0)


def test_matching_provisional_opening_entries_leave_nothing_to_post(books):
    post_text(books, YEAR_2025)
    books.open_next_fiscal_year()
    post_text(books, """
        2026-01-01 AN "À-nouveaux"
          512  1000.00
          411  500.00  C1
          101  -1000.00
          401  -200.00  S1
          120  -300.00
    """)
    plan = books.plan_year_end(date(2025, 1, 1))
    assert (plan.balances, plan.already_opened, plan.posted_lines) == (5, 5, 0)
    outcome = books.close_fiscal_year(date(2025, 1, 1))
    assert outcome.entry_id is None and outcome.posted_lines == 0
    assert len(_opening_lines(books)) == 5


def test_a_loss_and_an_unallocated_profit_are_both_carried(books):
    post_text(books, YEAR_2025)
    books.close_fiscal_year(date(2025, 1, 1))
    post_text(books, """
        2026-05-01 AC "Loyer"
          613  400.00
          512  -400.00
    """)
    outcome = books.close_fiscal_year(AN)
    assert outcome.result == Decimal("-400.00")
    tb = {r.account: (r.opening_debit, r.opening_credit)
          for r in trial_balance(books, date(2027, 1, 1), date(2027, 1, 31)).rows}
    assert tb["120"] == (0, Decimal("300.00"))
    assert tb["129"] == (Decimal("400.00"), 0)
    assert tb["512"] == (Decimal("600.00"), 0)


def test_a_refused_closing_lists_every_reason_and_changes_nothing(books):
    post_text(books, YEAR_2025 + """
    2025-06-01 OD "Virement à identifier"
      47  80.00
      512  -80.00
    """)
    books.save_draft(Entry("OD", date(2025, 7, 1), "Brouillon", (
        Line("512", debit=Decimal(1)), Line("101", credit=Decimal(1)))))
    books.set_lock_date(date(2025, 1, 31))
    before = _state(books)

    with pytest.raises(ClosingRefused) as refused:
        books.close_fiscal_year(date(2025, 1, 1))

    codes = [p.code for p in refused.value.problems]
    assert codes == [Code.CLOSE_DRAFTS, Code.CLOSE_SUSPENSE]
    assert "account 47 " in str(refused.value) and "80.00" in str(refused.value)
    assert books.closing_problems(date(2025, 1, 1)) == list(refused.value.problems)
    assert _state(books) == before


def test_years_close_in_order_and_only_once(books):
    books.open_next_fiscal_year()
    assert [p.code for p in books.closing_problems(AN)] == [Code.CLOSE_EARLIER_OPEN]
    books.close_fiscal_year(date(2025, 1, 1))
    assert [p.code for p in books.closing_problems(date(2025, 1, 1))] == [
        Code.CLOSE_ALREADY_CLOSED]


def test_a_lock_over_the_next_years_first_day_is_reported(books):
    books.open_next_fiscal_year()
    books.set_lock_date(AN)
    assert [p.code for p in books.closing_problems(date(2025, 1, 1))] == [
        Code.CLOSE_NEXT_LOCKED]


def test_opening_entries_are_dated_on_the_first_day_and_carry_no_result_account(books):
    books.open_next_fiscal_year()
    with pytest.raises(PostingRefused) as refused:
        books.post(Entry("AN", date(2026, 1, 2), "À-nouveaux", (
            Line("512", debit=Decimal(10)), Line("700", credit=Decimal(10)))))
    assert [(p.code, p.line) for p in refused.value.problems] == [
        (Code.OPENING_DATE, None), (Code.OPENING_RESULT_ACCOUNT, 2)]
    assert "2026-01-01" in str(refused.value)


def test_the_result_is_allocated_once_and_whole(books):
    post_text(books, YEAR_2025)
    books.close_fiscal_year(date(2025, 1, 1))
    with pytest.raises(StoreError, match=r"add up to 100\.00, not the result of 2025, 300\.00"):
        books.allocate_result(date(2025, 1, 1), date(2026, 5, 30),
                              {"1061": Decimal(30), "457": Decimal(70)})
    entry = books.allocate_result(date(2025, 1, 1), date(2026, 5, 30),
                                  {"1061": Decimal(30), "457": Decimal(200), "110": None})
    assert (entry.journal, entry.label) == ("OD", "Affectation du résultat de l'exercice 2025 "
                                                   "(bénéfice)")
    assert [(ln.account, ln.debit, ln.credit) for ln in entry.lines] == [
        ("120", Decimal("300.00"), 0), ("1061", 0, Decimal("30.00")),
        ("457", 0, Decimal("200.00")), ("110", 0, Decimal("70.00"))]
    with pytest.raises(StoreError, match="no longer stands whole on account 120"):
        books.allocate_result(date(2025, 1, 1), date(2026, 6, 30), {"110": None})
    assert verify(books).ok


def test_only_a_closed_year_has_a_result_to_allocate(books):
    post_text(books, YEAR_2025)
    books.open_next_fiscal_year()
    with pytest.raises(StoreError, match="close fiscal year 2025 before allocating"):
        books.allocate_result(date(2025, 1, 1), date(2026, 5, 30), {"110": None})
