"""Ledgers written as text inside a test, the way beancount's tests load a docstring.

    2025-01-15 VT "Facture 1"
      411  1190.00  CLIENT1
      700  -1000.00
      4457 -190.00

A header line gives date, journal and label; each indented line an account and an amount, positive
for a debit and negative for a credit, and optionally a third-party code, created on first use.
"""

from __future__ import annotations

import textwrap
from datetime import date
from decimal import Decimal
from pathlib import Path

from app.ledger.model import Entry, Line, ThirdParty, ThirdPartyKind
from app.store.books import Books

SAMPLE = """
    2025-01-15 VT "Facture 1"
      411  1190.00  CLIENT1
      700  -1000.00
      4457 -190.00
    2025-02-01 BQ "Règlement"
      512  1190.00
      411  -1190.00 CLIENT1
    2025-03-10 AC "Achat"
      600  500.00
      401  -500.00 FOURN1
"""
"""A sale with VAT, its payment and a purchase: the small ledger many tests start from."""

YEAR_2025 = """
    2025-01-02 OD "Apport en capital"
      512  1000.00
      101  -1000.00
    2025-03-01 VT "Facture 1"
      411  500.00  C1
      700  -500.00
    2025-04-01 AC "Facture fournisseur"
      600  200.00
      401  -200.00  S1
"""
"""Capital 1000, a sale of 500 still owed by C1, a purchase of 200 still owed to S1: a profit
of 300."""


def key_file_of(books: Books) -> Path:
    return books.path.with_suffix(".key")


def parse_entries(text: str) -> list[Entry]:
    """Entries from the compact text form described in this module's docstring."""
    entries: list[Entry] = []
    head: tuple[date, str, str] | None = None
    lines: list[Line] = []
    for raw in textwrap.dedent(text).splitlines():
        if not raw.strip():
            continue
        if not raw.startswith(" "):
            if head:
                entries.append(Entry(head[1], head[0], head[2], tuple(lines)))
            day, journal, label = raw.split(" ", 2)
            head, lines = (date.fromisoformat(day), journal, label.strip().strip('"')), []
            continue
        parts = raw.split()
        amount = Decimal(parts[1])
        party = parts[2] if len(parts) > 2 else None
        lines.append(Line(parts[0], debit=max(amount, Decimal(0)),
                          credit=max(-amount, Decimal(0)), third_party=party))
    if head:
        entries.append(Entry(head[1], head[0], head[2], tuple(lines)))
    return entries


def ensure_parties(books: Books, entries: list[Entry]) -> None:
    known = books.third_parties()
    for code in sorted({ln.third_party for e in entries for ln in e.lines if ln.third_party}):
        if code not in known:
            books.add_third_party(ThirdParty(code, code.title(), ThirdPartyKind.OTHER))


def post_text(books: Books, text: str) -> list[Entry]:
    """Post every entry of ``text`` (creating its third parties); returns the posted entries."""
    entries = parse_entries(text)
    ensure_parties(books, entries)
    return [books.post(entry) for entry in entries]


def many_entries(count: int, start: date = date(2025, 4, 1)) -> list[Entry]:
    """``count`` two-line entries over the year: rent and supplies paid from the bank, cash
    sales in turn, so that a general ledger of many lines spreads over several accounts. They
    start after ``SAMPLE``'s entries, which may already be posted (journals number by date)."""
    pairs = (("626", "512", "BQ"), ("512", "700", "VT"), ("601", "512", "BQ"))
    entries = []
    for n in range(count):
        debit, credit, journal = pairs[n % 3]
        amount = Decimal(100 + n) + Decimal("0.25")
        day = date.fromordinal(start.toordinal() + n % 240)
        entries.append(Entry(journal, day, f"Operation {n}",
                             (Line(debit, debit=amount), Line(credit, credit=amount))))
    return entries
