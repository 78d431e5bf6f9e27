"""A demo company with a believable year of books, for trying Daftar and for screenshots.

SARL Atlas Distribution, a small wholesaler in Algiers keeping SCF books in dinars: opening
balances, sales and purchases with 19 % VAT, rent and utilities, monthly payroll with social
security (CNAS) and income tax withheld (IRG), the monthly G50 VAT return, bank charges, loan
repayments, cash sales banked, customer receipts and supplier payments, and year-end depreciation.
The figures come from a seeded generator, so every demo file holds the same books.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from app.ledger.model import Company, Entry, Line, ThirdParty, ThirdPartyKind
from app.store.books import Books
from app.store.company import KeySource, create_company

YEAR = 2025
VAT = Decimal("0.19")
CENT = Decimal("0.01")

COMPANY = Company(
    name="SARL Atlas Distribution", currency="DZD", chart="scf",
    nif="000216001234567", nis="000216010012345", rc="16/00-1234567B21", ai="16012345678",
    address="12 rue Didouche Mourad, Alger",
)
CUSTOMERS = {
    "HYPERDJZ": "Hypermarché El Djazair", "PHARMNOUR": "Pharmacie Ennour",
    "BINACONST": "SARL Bina Construction", "TASSILI": "EURL Tassili Food",
    "OLIVIERS": "Clinique Les Oliviers", "KAHINA": "Boulangerie Kahina",
}
SUPPLIERS = {
    "CEVITAL": "SPA Agro Import", "SONELGAZ": "Sonelgaz Distribution",
    "ALGTEL": "Algérie Télécom", "HAMIDI": "Transports Hamidi",
    "BENALI": "Cabinet Benali, expert-comptable", "BABEZZ": "Immobilière Bab Ezzouar",
}


@dataclass
class _Year:
    rng: random.Random
    entries: list[Entry] = field(default_factory=list)
    owed_by: dict[str, Decimal] = field(default_factory=dict)
    owed_to: dict[str, Decimal] = field(default_factory=dict)

    def add(self, journal: str, day: date, label: str, *lines: Line, ref: str = "") -> None:
        self.entries.append(Entry(journal, day, label, tuple(lines), reference=ref))

    def amount(self, low: int, high: int) -> Decimal:
        """A random amount in [low, high) dinars, to the centime; exactly ``low`` if equal."""
        if low == high:
            return Decimal(low).quantize(CENT)
        return Decimal(self.rng.randrange(low * 100, high * 100)) / 100


def _dr(account: str, amount: Decimal, party: str | None = None) -> Line:
    return Line(account, debit=amount, third_party=party)


def _cr(account: str, amount: Decimal, party: str | None = None) -> Line:
    return Line(account, credit=amount, third_party=party)


def _vat(net: Decimal) -> Decimal:
    return (net * VAT).quantize(CENT)


def _opening(y: _Year) -> None:
    y.add("AN", date(YEAR, 1, 1), "À-nouveaux au 1er janvier",
          _dr("512", Decimal("4200000.00")), _dr("53", Decimal("150000.00")),
          _dr("2182", Decimal("3500000.00")), _dr("30", Decimal("1200000.00")),
          _cr("101", Decimal("5000000.00")), _cr("164", Decimal("2000000.00")),
          _cr("2818", Decimal("700000.00")), _cr("110", Decimal("1350000.00")))


def _month(y: _Year, month: int) -> tuple[Decimal, Decimal]:
    """One month of trade; returns the VAT collected and deducted."""
    collected = deducted = Decimal(0)
    for n in range(y.rng.randrange(14, 20)):
        day = date(YEAR, month, y.rng.randrange(1, 29))
        who = y.rng.choice(list(CUSTOMERS))
        net = y.amount(20_000, 450_000)
        ref = f"F{YEAR}-{month:02d}{n + 1:03d}"
        y.add("VT", day, f"Facture {ref} {CUSTOMERS[who]}", _dr("411", net + _vat(net), who),
              _cr("700", net), _cr("4457", _vat(net)), ref=ref)
        collected += _vat(net)
        y.owed_by[who] = y.owed_by.get(who, Decimal(0)) + net + _vat(net)
    for n in range(y.rng.randrange(5, 8)):
        day = date(YEAR, month, y.rng.randrange(1, 29))
        net = y.amount(60_000, 700_000)
        y.add("AC", day, f"Achat marchandises {SUPPLIERS['CEVITAL']}", _dr("600", net),
              _dr("44566", _vat(net)), _cr("401", net + _vat(net), "CEVITAL"),
              ref=f"CEV-{month:02d}{n + 1:02d}")
        deducted += _vat(net)
        y.owed_to["CEVITAL"] = y.owed_to.get("CEVITAL", Decimal(0)) + net + _vat(net)
    for account, who, low, high, what in (("613", "BABEZZ", 180_000, 180_000, "Loyer"),
                                          ("607", "SONELGAZ", 18_000, 42_000, "Électricité"),
                                          ("626", "ALGTEL", 9_000, 16_000, "Téléphone et internet"),
                                          ("624", "HAMIDI", 25_000, 90_000, "Transport")):
        net = y.amount(low, high)
        y.add("AC", date(YEAR, month, 5), f"{what} {month:02d}/{YEAR}", _dr(account, net),
              _dr("44566", _vat(net)), _cr("401", net + _vat(net), who))
        deducted += _vat(net)
        y.owed_to[who] = y.owed_to.get(who, Decimal(0)) + net + _vat(net)
    for n in range(y.rng.randrange(3, 6)):
        net = y.amount(2_000, 25_000)
        y.add("CA", date(YEAR, month, y.rng.randrange(1, 29)), f"Vente comptoir {n + 1}",
              _dr("53", net + _vat(net)), _cr("700", net), _cr("4457", _vat(net)))
        collected += _vat(net)
    return collected, deducted


def _settlements(y: _Year, month: int) -> None:
    """Receipts, payments, payroll, bank charges and the loan, at the month's end."""
    end = date(YEAR, month, 28)
    for who, due in sorted(y.owed_by.items()):
        paid = (due * Decimal(y.rng.randrange(60, 95)) / 100).quantize(CENT)
        if paid:
            y.add("BQ", end, f"Règlement {CUSTOMERS[who]}", _dr("512", paid),
                  _cr("411", paid, who))
            y.owed_by[who] = due - paid
    for who, due in sorted(y.owed_to.items()):
        if due:
            y.add("BQ", end, f"Paiement {SUPPLIERS[who]}", _dr("401", due, who), _cr("512", due))
            y.owed_to[who] = Decimal(0)
    gross, employer = Decimal("620000.00"), Decimal("161200.00")
    employee, irg = Decimal("55800.00"), Decimal("60000.00")
    net = gross - employee - irg
    y.add("OD", end, f"Paie {month:02d}/{YEAR}", _dr("631", gross), _dr("635", employer),
          _cr("431", employer + employee), _cr("442", irg), _cr("421", net))
    y.add("BQ", end, f"Virement des salaires {month:02d}/{YEAR}", _dr("421", net),
          _cr("512", net))
    y.add("BQ", end, "Frais de tenue de compte", _dr("627", Decimal("2500.00")),
          _cr("512", Decimal("2500.00")))
    y.add("BQ", end, "Versement espèces en banque", _dr("512", Decimal("60000.00")),
          _cr("53", Decimal("60000.00")))
    if month % 3 == 0:
        y.add("BQ", end, f"Échéance emprunt T{month // 3}", _dr("164", Decimal("125000.00")),
              _dr("661", Decimal("30000.00")), _cr("512", Decimal("155000.00")))


def _returns(y: _Year, month: int, collected: Decimal, deducted: Decimal) -> None:
    """The G50 of the month, filed and paid by the 20th of the next (December's in December).

    Deductible VAT beyond what was collected is a credit carried to the next return.
    """
    day = date(YEAR, month + 1, 20) if month < 12 else date(YEAR, 12, 30)
    social, irg = Decimal("217000.00"), Decimal("60000.00")
    due = max(collected - deducted, Decimal(0))
    offset = collected - due
    lines = [_dr("4457", collected), _cr("44566", offset)] + ([_cr("4455", due)] if due else [])
    y.add("OD", day, f"Déclaration G50 {month:02d}/{YEAR}", *lines)
    lines = ([_dr("4455", due)] if due else []) + [_dr("442", irg), _cr("512", due + irg)]
    y.add("BQ", day, f"Paiement G50 {month:02d}/{YEAR}", *lines)
    y.add("BQ", day, f"Cotisations CNAS {month:02d}/{YEAR}", _dr("431", social),
          _cr("512", social))


def demo_entries(seed: int = 2025) -> list[Entry]:
    """The demo year's entries, in date order."""
    y = _Year(random.Random(seed))
    _opening(y)
    for month in range(1, 13):
        collected, deducted = _month(y, month)
        _settlements(y, month)
        _returns(y, month, collected, deducted)
    y.add("OD", date(YEAR, 12, 31), "Dotation aux amortissements de l'exercice",
          _dr("681", Decimal("700000.00")), _cr("2818", Decimal("700000.00")))
    return sorted(y.entries, key=lambda e: e.date)


def build_demo(path: Path, source: KeySource | None = None) -> tuple[Books, str, int]:
    """Create the demo company at ``path``; returns the books, the recovery key and the count.

    The books are filled before the file takes its name, so a failure leaves no half demo.
    """
    entries = demo_entries()

    def populate(books: Books) -> None:
        for code, name in CUSTOMERS.items():
            books.add_third_party(ThirdParty(code, name, ThirdPartyKind.CUSTOMER))
        for code, name in SUPPLIERS.items():
            books.add_third_party(ThirdParty(code, name, ThirdPartyKind.SUPPLIER))
        books.post_many(entries)
        books.set_lock_date(date(YEAR, 6, 30))

    books, recovery = create_company(path, COMPANY, date(YEAR, 1, 1), source or KeySource(),
                                     populate=populate)
    return books, recovery, len(entries)

