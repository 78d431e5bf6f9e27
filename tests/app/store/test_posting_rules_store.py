"""The posting rules added for a whole year's books, through the store: every refusal is a coded
problem and leaves the file as it was."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from app.ledger.model import Entry, Line, ThirdParty, ThirdPartyKind
from app.ledger.problems import Code
from app.ledger.rules import PostingRefused
from app.store.books import Books
from tests.ledger_text import post_text

D = Decimal


def cash_sale(day: date, label: str = "Vente comptant", journal: str = "VT") -> Entry:
    return Entry(journal, day, label, (Line("53", debit=D("10.00")),
                                       Line("700", credit=D("10.00"))))


def codes(refused: pytest.ExceptionInfo[PostingRefused]) -> list[Code]:
    return [p.code for p in refused.value.problems]


def numbers(books: Books, journal: str) -> list[tuple[int, date]]:
    with books.read() as cur:
        return [(n, date.fromisoformat(d)) for n, d in cur.execute(
            "SELECT e.number, e.date FROM entry e JOIN journal j ON j.id = e.journal_id "
            "WHERE j.code = ? AND e.status = 'posted' ORDER BY e.number", (journal,))]


def test_an_entry_dated_before_the_journals_last_is_refused(books: Books) -> None:
    books.post(cash_sale(date(2025, 12, 31)))
    with pytest.raises(PostingRefused) as refused:
        books.post(cash_sale(date(2025, 3, 31)))
    assert codes(refused) == [Code.OUT_OF_ORDER]
    assert "VT-1" in str(refused.value)
    assert books.post(cash_sale(date(2025, 3, 31), journal="OD")).number == 1  # other journal
    assert numbers(books, "VT") == [(1, date(2025, 12, 31))]


def test_a_batch_of_drafts_is_numbered_in_date_order(books: Books) -> None:
    books.post_many([cash_sale(date(2025, 6, 30)), cash_sale(date(2025, 2, 1)),
                     cash_sale(date(2025, 4, 15))])
    assert numbers(books, "VT") == [(1, date(2025, 2, 1)), (2, date(2025, 4, 15)),
                                    (3, date(2025, 6, 30))]
    late = [books.save_draft(cash_sale(date(2025, 9, d))).id for d in (20, 3, 11)]
    books.post(late[1])  # 3 September
    books.post(late[2])  # 11 September
    books.post(late[0])  # 20 September
    assert [d.day for _n, d in numbers(books, "VT")[3:]] == [3, 11, 20]


def test_an_entry_needs_a_label(books: Books) -> None:
    with pytest.raises(PostingRefused) as refused:
        books.post(cash_sale(date(2025, 5, 1), label=" "))
    assert codes(refused) == [Code.LABEL_MISSING]
    draft = books.save_draft(cash_sale(date(2025, 5, 1), label=""))  # a draft may lack it
    with pytest.raises(PostingRefused):
        books.post(draft.id)


@pytest.mark.parametrize(("account", "kind", "code"), [
    ("411", ThirdPartyKind.SUPPLIER, Code.PARTY_NOT_CUSTOMER),
    ("401", ThirdPartyKind.CUSTOMER, Code.PARTY_NOT_SUPPLIER),
    ("700", ThirdPartyKind.CUSTOMER, Code.PARTY_NOT_TAKEN),
])
def test_the_third_partys_kind_must_suit_the_account(
    books: Books, account: str, kind: ThirdPartyKind, code: Code
) -> None:
    books.add_third_party(ThirdParty("T1", "Tiers", kind))
    entry = Entry("OD", date(2025, 5, 1), "Erreur de tiers", (
        Line(account, debit=D("10.00"), third_party="T1"), Line("512", credit=D("10.00"))))
    with pytest.raises(PostingRefused) as refused:
        books.post(entry)
    assert codes(refused) == [code]


def test_drafts_are_refused_in_a_closed_year_and_a_locked_period(books: Books) -> None:
    post_text(books, """
        2025-02-01 OD "Ouverture"
          512  100.00
          101  -100.00
    """)
    books.open_next_fiscal_year()
    books.close_fiscal_year(date(2025, 1, 1))
    with pytest.raises(PostingRefused) as refused:
        books.save_draft(cash_sale(date(2025, 12, 1)))
    assert codes(refused) == [Code.YEAR_CLOSED]
    books.set_lock_date(date(2026, 3, 31))
    with pytest.raises(PostingRefused) as refused:
        books.save_draft(cash_sale(date(2026, 3, 31)))
    assert codes(refused) == [Code.LOCKED]
    draft = books.save_draft(cash_sale(date(2026, 4, 1)))
    with pytest.raises(PostingRefused) as refused:
        books.save_draft(replace(draft, date=date(2026, 1, 15)))
    assert codes(refused) == [Code.LOCKED]
    assert books.entry(draft.id).date == date(2026, 4, 1)


def test_a_reversal_is_refused_before_its_original(books: Books) -> None:
    original = books.post(cash_sale(date(2025, 5, 10)))
    with pytest.raises(PostingRefused) as refused:
        books.reverse(original.id, date(2025, 5, 9))
    assert codes(refused) == [Code.REVERSAL_BEFORE_ORIGINAL]
    assert books.reverse(original.id, date(2025, 5, 10)).number == 2
