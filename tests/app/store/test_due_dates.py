"""Payment terms: a line on a customer or supplier account falls due after its party's terms,
when it is saved as a draft and when it is imported in bulk, and the hash chain holds the date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.io.csv_journal import import_journal
from app.ledger.model import Entry, Line, ThirdParty, ThirdPartyKind
from app.store.books import Books
from app.store.database import StoreError
from app.store.verify import verify
from tests.ledger_text import post_text

SALE = Entry("VT", date(2025, 3, 10), "Facture 12", (
    Line("411", debit=Decimal("1190.00"), third_party="C30"),
    Line("700", credit=Decimal("1000.00")),
    Line("4457", credit=Decimal("190.00")),
))


def with_terms(books: Books) -> None:
    books.add_third_party(ThirdParty("C30", "Client à 30 jours", ThirdPartyKind.CUSTOMER,
                                     payment_days=30))
    books.add_third_party(ThirdParty("CASH", "Client comptant", ThirdPartyKind.CUSTOMER))
    books.add_third_party(ThirdParty("F60", "Fournisseur", ThirdPartyKind.SUPPLIER,
                                     payment_days=60))


def due_dates(entry: Entry) -> list[date | None]:
    return [line.due_date for line in entry.lines]


def test_a_saved_draft_falls_due_after_the_party_terms(books: Books) -> None:
    with_terms(books)
    draft = books.save_draft(SALE)
    assert due_dates(draft) == [date(2025, 4, 9), None, None]
    posted = books.post(draft.id)
    assert due_dates(posted) == [date(2025, 4, 9), None, None]
    assert verify(books).ok


def test_an_explicit_due_date_is_kept(books: Books) -> None:
    with_terms(books)
    lines = (Line("411", debit=Decimal("1190.00"), third_party="C30",
                  due_date=date(2025, 3, 31)), *SALE.lines[1:])
    posted = books.post(Entry("VT", SALE.date, SALE.label, lines))
    assert due_dates(posted)[0] == date(2025, 3, 31)


def test_a_party_without_terms_gives_no_due_date(books: Books) -> None:
    with_terms(books)
    posted = post_text(books, """
        2025-03-10 VT "Vente comptant"
          411  119.00  CASH
          700  -119.00
        2025-03-11 AC "Achat"
          601  500.00
          401  -500.00  F60
    """)
    assert due_dates(posted[0]) == [None, None]
    assert due_dates(posted[1]) == [None, date(2025, 5, 10)]


def test_payments_and_credit_notes_take_no_terms(books: Books) -> None:
    with_terms(books)
    posted = post_text(books, """
        2025-03-20 BQ "Règlement"
          512  1190.00
          411  -1190.00  C30
        2025-03-21 AC "Avoir fournisseur"
          401  80.00  F60
          601  -80.00
    """)
    assert due_dates(posted[0]) == [None, None]
    assert due_dates(posted[1]) == [None, None]


def test_a_balance_brought_forward_takes_no_terms(books: Books) -> None:
    with_terms(books)
    opening = books.post(Entry("AN", date(2025, 1, 1), "À-nouveaux", (
        Line("411", debit=Decimal("500.00"), third_party="C30"),
        Line("101", credit=Decimal("500.00")))))
    assert due_dates(opening) == [None, None]


def test_terms_set_later_date_only_new_lines(books: Books) -> None:
    with_terms(books)
    first = books.post(SALE)
    books.update_third_party("C30", name="Client", kind=ThirdPartyKind.CUSTOMER,
                             payment_days=45)
    second = books.post(SALE)
    assert books.entry(first.id).lines[0].due_date == date(2025, 4, 9)
    assert second.lines[0].due_date == date(2025, 4, 24)
    # leaving the terms out keeps them; None removes them
    kept = books.update_third_party("C30", name="Client 2", kind=ThirdPartyKind.CUSTOMER)
    assert kept.payment_days == 45
    assert books.update_third_party("C30", name="Client 2", kind=ThirdPartyKind.CUSTOMER,
                                    payment_days=None).payment_days is None
    assert books.post(SALE).lines[0].due_date is None
    assert verify(books).ok


@pytest.mark.parametrize("days", [-1, 1000, True, 1.5])
def test_terms_out_of_range_are_refused(books: Books, days: object) -> None:
    with pytest.raises(StoreError, match="are 0 to 999 days, or none"):
        books.add_third_party(ThirdParty("X", "X", payment_days=days))  # type: ignore[arg-type]
    assert "X" not in books.third_parties()


def test_a_bulk_import_falls_due_after_the_terms_and_still_verifies(books: Books,
                                                                    tmp_path) -> None:
    with_terms(books)
    csv = tmp_path / "journal.csv"
    csv.write_text(
        "entry_no,date,journal,account,account_label,label,debit,credit,third_party\n"
        "1,2025-03-10,VT,411,,Facture 1,100.00,,C30\n"
        "1,2025-03-10,VT,700,,Facture 1,,100.00,\n"
        "2,2025-03-12,AC,601,,Achat,50.00,,\n"
        "2,2025-03-12,AC,401,,Achat,,50.00,F60\n"
        "3,2025-03-12,VT,411,,Comptant,20.00,,CASH\n"
        "3,2025-03-12,VT,700,,Comptant,,20.00,\n"
        "4,2025-03-13,BQ,512,,Règlement,100.00,,\n"
        "4,2025-03-13,BQ,411,,Règlement,,100.00,C30\n", encoding="utf-8")
    import_journal(books, csv)
    with books.read() as cur:
        rows = cur.execute("SELECT a.number, l.due_date FROM line l "
                           "JOIN account a ON a.id = l.account_id "
                           "ORDER BY l.entry_id, l.position").fetchall()
    assert rows == [("411", "2025-04-09"), ("700", None), ("601", None), ("401", "2025-05-11"),
                    ("411", None), ("700", None), ("512", None), ("411", None)]
    assert verify(books).ok
