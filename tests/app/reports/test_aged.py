"""Aged balance: open items bucketed by days overdue, letters settling or not, both sides."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.ledger.model import Entry, Line, ThirdParty, ThirdPartyKind
from app.reports.aged import BUCKETS, Side, aged_balance
from app.reports.balances import third_party_balances
from app.store.books import Books
from app.store.open_items import bucket_of
from tests.ledger_text import post_text

AT = date(2025, 6, 30)


def sale(books: Books, day: date, amount: str, party: str = "C1",
         due: date | None = None) -> Entry:
    return books.post(Entry("VT", day, f"Facture {amount}", (
        Line("411", debit=Decimal(amount), third_party=party, due_date=due),
        Line("700", credit=Decimal(amount)))))


def payment(books: Books, day: date, amount: str, party: str = "C1") -> Entry:
    return books.post(Entry("BQ", day, f"Règlement {amount}", (
        Line("512", debit=Decimal(amount)),
        Line("411", credit=Decimal(amount), third_party=party))))


def letter(books: Books, entries: list[Entry], code: str, account: str = "411") -> None:
    """What the lettrage would write: the letter on each entry's line on ``account``."""
    with books.write() as cur:
        for entry in entries:
            cur.execute(
                "UPDATE line SET reconciliation = ?, matched_on = '2025-06-01' "
                "WHERE entry_id = ? AND account_id = (SELECT id FROM account WHERE number = ?)",
                (code, entry.id, account))


@pytest.fixture
def parties(books: Books) -> Books:
    books.add_third_party(ThirdParty("C1", "Client Un", ThirdPartyKind.CUSTOMER))
    books.add_third_party(ThirdParty("C2", "Client Deux", ThirdPartyKind.CUSTOMER))
    books.add_third_party(ThirdParty("F1", "Fournisseur", ThirdPartyKind.SUPPLIER))
    return books


@pytest.mark.parametrize(("days", "bucket"), [
    (-1, 0), (0, 1), (30, 1), (31, 2), (60, 2), (61, 3), (90, 3), (91, 4), (400, 4)])
def test_bucket_edges(days: int, bucket: int) -> None:
    assert bucket_of(days) == bucket


def test_each_bucket_edge_through_the_store(parties: Books) -> None:
    amounts = {-1: "1.00", 0: "2.00", 30: "4.00", 31: "8.00", 60: "16.00", 61: "32.00",
               90: "64.00", 91: "128.00"}
    for days, amount in amounts.items():
        sale(parties, date(2025, 1, 10), amount, due=AT - timedelta(days=days))
    report = aged_balance(parties, AT, detail=True)
    assert [row.code for row in report.rows] == ["C1"]
    assert report.rows[0].buckets == tuple(Decimal(v) for v in (
        "1.00", "6.00", "24.00", "96.00", "128.00"))
    assert report.total == Decimal("255.00")
    by_days = {item.days_overdue: item.bucket for item in report.items}
    assert by_days == {-1: "not_due", 0: "days_0_30", 30: "days_0_30", 31: "days_31_60",
                       60: "days_31_60", 61: "days_61_90", 90: "days_61_90", 91: "over_90"}
    assert [item.due_date for item in report.items] == sorted(
        AT - timedelta(days=d) for d in amounts)


def test_without_a_due_date_the_line_ages_from_its_date(parties: Books) -> None:
    sale(parties, AT - timedelta(days=31), "10.00")
    report = aged_balance(parties, AT, detail=True)
    assert report.rows[0].buckets[2] == Decimal("10.00")
    assert report.items[0].due_date == AT - timedelta(days=31)


def test_complete_letters_are_settled_and_partial_ones_count_their_net(parties: Books) -> None:
    settled = [sale(parties, date(2025, 2, 1), "500.00"), payment(parties, date(2025, 3, 1),
                                                                 "500.00")]
    letter(parties, settled, "A")
    partial = [sale(parties, date(2025, 4, 1), "1000.00"), payment(parties, date(2025, 5, 1),
                                                                  "400.00")]
    letter(parties, partial, "B")
    sale(parties, date(2025, 6, 15), "70.00", party="C2")
    report = aged_balance(parties, AT, detail=True)
    assert [(r.code, r.total) for r in report.rows] == [("C1", Decimal("600.00")),
                                                       ("C2", Decimal("70.00"))]
    c1 = [(i.entry, i.letter, i.amount) for i in report.items if i.code == "C1"]
    assert c1 == [(f"VT-{partial[0].number}", "b", Decimal("1000.00")),
                  (f"BQ-{partial[1].number}", "b", Decimal("-400.00"))]
    # the open items always add up to each party's balance
    balances = {r.code: r.balance for r in third_party_balances(parties, None, AT)}
    assert {r.code: r.total for r in report.rows} == balances


def test_a_letter_completed_after_the_date_does_not_settle_it_yet(parties: Books) -> None:
    pair = [sale(parties, date(2025, 2, 1), "300.00"), payment(parties, date(2025, 7, 15),
                                                              "300.00")]
    letter(parties, pair, "C")
    assert aged_balance(parties, AT).total == Decimal("300.00")
    assert aged_balance(parties, date(2025, 7, 31)).rows == ()


def test_payables_are_signed_as_owed_and_drafts_do_not_count(parties: Books) -> None:
    post_text(parties, """
        2025-05-01 AC "Facture fournisseur"
          601  300.00
          401  -300.00  F1
    """)
    parties.save_draft(Entry("AC", date(2025, 5, 2), "Brouillon", (
        Line("601", debit=Decimal("50.00")),
        Line("401", credit=Decimal("50.00"), third_party="F1"))))
    sale(parties, date(2025, 5, 1), "99.00")
    payables = aged_balance(parties, AT, side=Side.PAYABLES)
    assert [(r.code, r.buckets[2]) for r in payables.rows] == [("F1", Decimal("300.00"))]
    assert "401" in payables.accounts and "411" not in payables.accounts
    receivables = aged_balance(parties, AT)
    assert [r.code for r in receivables.rows] == ["C1"]
    # a range reads its accounts whatever their kind; the side only signs the amounts
    ranged = aged_balance(parties, AT, low="401", high="401")
    assert ranged.accounts == ("401",) and ranged.total == Decimal("-300.00")


def test_lines_dated_after_the_date_are_not_open_yet(parties: Books) -> None:
    sale(parties, date(2025, 7, 1), "10.00")
    assert aged_balance(parties, AT).rows == ()
    assert len(BUCKETS) == 5


_names = itertools.count()
moves = st.lists(st.tuples(
    st.sampled_from(("C1", "C2")), st.integers(-5_000, 5_000).filter(bool),
    st.dates(date(2025, 1, 1), date(2025, 12, 31)), st.sampled_from(("", "", "A", "B", "C")),
    st.one_of(st.none(), st.integers(-40, 120))), min_size=1, max_size=8)
"""(party, amount in cents: an invoice if positive, a payment if not, date, letter, due date
as days after the date)."""


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
          max_examples=15, deadline=None)
@given(moves, st.dates(date(2025, 1, 1), date(2025, 12, 31)))
def test_open_items_add_up_to_each_party_balance(make_books: Callable[..., Books],
                                                 items: list, at: date) -> None:
    books = make_books(name=f"aged{next(_names)}")
    for code in ("C1", "C2"):
        books.add_third_party(ThirdParty(code, code, ThirdPartyKind.CUSTOMER))
    lettered: dict[str, list[Entry]] = {}
    for party, cents, day, code, due in sorted(items, key=lambda item: item[2]):
        amount = Decimal(abs(cents)).scaleb(-2)
        customer = Line("411", debit=amount if cents > 0 else Decimal(0),
                        credit=amount if cents < 0 else Decimal(0), third_party=party,
                        due_date=None if due is None else day + timedelta(days=due))
        other = Line("700" if cents > 0 else "512", debit=customer.credit,
                     credit=customer.debit)
        entry = books.post(Entry("OD", day, "Mouvement", (customer, other)))
        if code:
            lettered.setdefault(code + party, []).append(entry)
    for code, entries in lettered.items():  # a letter is one group of one account: each party
        letter(books, entries, code[0] * (1 if code.endswith("C1") else 2))  # has its own
    report = aged_balance(books, at, detail=True)
    balances = {r.code: r.balance for r in third_party_balances(books, None, at)
                if r.account == "411" and r.balance}
    assert {r.code: r.total for r in report.rows if r.total} == balances
    assert sum((i.amount for i in report.items), Decimal(0)) == report.total
    assert all(i.date <= at for i in report.items)
    assert all(i.bucket == BUCKETS[bucket_of((at - i.due_date).days)] for i in report.items)
