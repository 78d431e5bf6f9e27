"""The statement of account of one third party: identity, opening balance, movements with their
due dates and letters, closing balance, open items and their ages, in three languages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.ledger.model import Entry, Line, ThirdParty, ThirdPartyKind
from app.reports.export import Style
from app.reports.party_statement import party_statement
from app.store.books import Books


def post(books: Books, journal: str, day: date, label: str, account: str, amount: str,
         other: str) -> Entry:
    """``amount`` positive: a debit on ``account`` (the party's), negative a credit."""
    value = Decimal(amount)
    party = Line(account, debit=max(value, Decimal(0)), credit=max(-value, Decimal(0)),
                 third_party="C1")
    counter = Line(other, debit=party.credit, credit=party.debit)
    return books.post(Entry(journal, day, label, (party, counter), reference=f"R-{label}"))


def letter(books: Books, entries: list[Entry], code: str) -> None:
    with books.write() as cur:
        for entry in entries:
            cur.execute("UPDATE line SET reconciliation = ?, matched_on = '2025-03-01' "
                        "WHERE entry_id = ? AND third_party_id IS NOT NULL", (code, entry.id))


@pytest.fixture
def customer(books: Books) -> Books:
    books.update_company(nif="000016001234567")
    books.add_third_party(ThirdParty("C1", "SARL Client", ThirdPartyKind.CUSTOMER,
                                     nif="000216001234567", address="12 rue Didouche, Alger",
                                     payment_days=30))
    invoice = post(books, "VT", date(2025, 1, 10), "Facture 1", "411", "1000.00", "700")
    paid = post(books, "BQ", date(2025, 2, 20), "Acompte", "411", "-400.00", "512")
    letter(books, [invoice, paid], "A")
    post(books, "VT", date(2025, 3, 5), "Facture 2", "411", "200.00", "700")
    post(books, "VT", date(2025, 4, 2), "Facture 3", "411", "50.00", "700")  # after the end
    return books


def cells(report) -> list[tuple]:
    (part,) = report.parts
    return [(row.style, row.cells) for row in part.rows]


def test_the_statement_from_opening_to_open_items(customer: Books) -> None:
    report = party_statement(customer, "C1", date(2025, 2, 1), date(2025, 3, 31))
    assert report.title == "Relevé de compte — SARL Client"
    assert report.period == "Du 01/02/2025 au 31/03/2025"
    assert report.identifiers == ("NIF 000016001234567",)
    d = Decimal
    assert cells(report) == [
        (Style.SECTION, (None, "", "SARL Client (C1)", None, "", None, None, None)),
        (Style.NORMAL, (None, "", "Adresse : 12 rue Didouche, Alger", None, "", None, None,
                        None)),
        (Style.NORMAL, (None, "", "NIF 000216001234567", None, "", None, None, None)),
        (Style.NORMAL, (date(2025, 2, 1), "", "Solde au 01/02/2025", None, "", None, None,
                        d("1000.00"))),
        (Style.NORMAL, (date(2025, 2, 20), "BQ-1", "Acompte (R-Acompte)", None, "a", None,
                        d("400.00"), d("600.00"))),
        (Style.NORMAL, (date(2025, 3, 5), "VT-2", "Facture 2 (R-Facture 2)", date(2025, 4, 4),
                        "", d("200.00"), None, d("800.00"))),
        (Style.SUBTOTAL, (None, "", "Total des mouvements", None, "", d("200.00"), d("400.00"),
                          None)),
        (Style.TOTAL, (date(2025, 3, 31), "", "Solde au 31/03/2025", None, "", None, None,
                       d("800.00"))),
        (Style.SECTION, (None, "", "Échéances non réglées au 31/03/2025", None, "", None, None,
                         None)),
        (Style.NORMAL, (date(2025, 1, 10), "VT-1", "Facture 1", date(2025, 2, 9), "a",
                        d("1000.00"), None, "50 j de retard")),
        (Style.NORMAL, (date(2025, 2, 20), "BQ-1", "Acompte", date(2025, 2, 20), "a", None,
                        d("400.00"), "")),
        (Style.NORMAL, (date(2025, 3, 5), "VT-2", "Facture 2", date(2025, 4, 4), "", d("200.00"),
                        None, "")),
        (Style.SECTION, (None, "", "Ancienneté des soldes", None, "", None, None, None)),
        (Style.NORMAL, (None, "", "Non échu", None, "", None, None, d("200.00"))),
        (Style.NORMAL, (None, "", "Échu de 0 à 30 jours", None, "", None, None, d("0.00"))),
        (Style.NORMAL, (None, "", "Échu de 31 à 60 jours", None, "", None, None, d("600.00"))),
        (Style.NORMAL, (None, "", "Échu de 61 à 90 jours", None, "", None, None, d("0.00"))),
        (Style.NORMAL, (None, "", "Échu depuis plus de 90 jours", None, "", None, None,
                        d("0.00"))),
        (Style.TOTAL, (None, "", "Total restant dû", None, "", None, None, d("800.00"))),
    ]


def test_a_complete_letter_is_in_capitals_and_settles(customer: Books) -> None:
    rest = post(customer, "BQ", date(2025, 3, 20), "Solde", "411", "-600.00", "512")
    letter(customer, [rest], "A")
    rows = cells(party_statement(customer, "C1", date(2025, 2, 1), date(2025, 3, 31)))
    assert [c[4] for _, c in rows if c[1].startswith("BQ")] == ["A", "A"]
    open_rows = rows[rows.index(next(r for r in rows if "Échéances" in r[1][2])) + 1:]
    assert [c[2] for _, c in open_rows if c[0]] == ["Facture 2"]


def test_english_and_arabic_wording(customer: Books) -> None:
    english = party_statement(customer, "C1", date(2025, 1, 1), date(2025, 3, 31),
                              language="en")
    assert english.title == "Statement of account — SARL Client"
    assert [c[2] for _, c in cells(english)][-1] == "Total outstanding"
    # the first day of the year opens the statement as brought forward, at nothing yet
    assert cells(english)[3][1][2:] == ("Brought forward", None, "", None, None, d0())
    arabic = party_statement(customer, "C1", date(2025, 1, 1), date(2025, 3, 31),
                             language="ar")
    assert arabic.right_to_left and arabic.title.startswith("كشف حساب")


def d0() -> Decimal:
    return Decimal("0.00")


def test_an_unknown_party_or_a_reversed_period_is_refused(customer: Books) -> None:
    with pytest.raises(ValueError, match="third party NOPE does not exist"):
        party_statement(customer, "NOPE", date(2025, 1, 1), date(2025, 3, 31))
    with pytest.raises(ValueError, match="ends"):
        party_statement(customer, "C1", date(2025, 3, 31), date(2025, 1, 1))


def test_a_year_end_in_the_period_counts_its_balance_once(customer: Books) -> None:
    customer.post(Entry("OD", date(2025, 1, 2), "Capital", (
        Line("512", debit=Decimal("10000.00")), Line("101", credit=Decimal("10000.00")))))
    customer.close_fiscal_year(date(2025, 1, 1))
    across = cells(party_statement(customer, "C1", date(2025, 12, 1), date(2026, 1, 31)))
    total = next(n for n, (s, _) in enumerate(across) if s is Style.TOTAL)
    assert across[total][1][7] == Decimal("850.00")
    assert not any(c[1].startswith("AN") for _, c in across[:total])
    # the à-nouveaux line is what stays open after the year end: the party's whole balance
    assert [c[1][:2] for _, c in across[total:] if c[1].startswith("AN")] == ["AN"]
    opened = cells(party_statement(customer, "C1", date(2026, 1, 1), date(2026, 1, 31)))
    assert opened[3][1][2:] == ("Report à nouveau", None, "", None, None, Decimal("850.00"))
