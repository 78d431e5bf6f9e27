"""Realistic generated journals for tests and benchmarks: sales with VAT, purchases, payments.

Entries come in date order across the years given, each balanced, with customers and suppliers
named on their lines; the output is deterministic for a seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

HEADER = "entry_no,date,journal,account,account_label,label,debit,credit,third_party\n"


def _cents(n: int) -> str:
    return f"{n // 100}.{n % 100:02d}"


def journal_rows(lines: int, *, start: date = date(2025, 1, 1), years: int = 1,
                 seed: int = 7, customers: int = 400, suppliers: int = 120) -> Iterator[str]:
    """CSV rows (without header) adding up to at least ``lines`` lines."""
    rng = random.Random(seed)
    days = 365 * years
    written = 0
    n = 0
    while written < lines:
        day = start + timedelta(days=min(days - 1, written * days // lines))
        iso = day.isoformat()
        n += 1
        kind = rng.random()
        if kind < 0.45:
            net = rng.randrange(1_000, 5_000_000)
            vat = net * 19 // 100
            who = f"Client {rng.randrange(customers):04d}"
            rows = [("VT", "411", "Clients", f"Facture {n}", _cents(net + vat), "", who),
                    ("VT", "700", "Ventes de marchandises", f"Facture {n}", "", _cents(net), ""),
                    ("VT", "4457", "TVA collectée", f"Facture {n}", "", _cents(vat), "")]
        elif kind < 0.75:
            net = rng.randrange(1_000, 3_000_000)
            vat = net * 19 // 100
            who = f"Fournisseur {rng.randrange(suppliers):03d}"
            rows = [("AC", "600", "Achats de marchandises", f"Achat {n}", _cents(net), "", ""),
                    ("AC", "44566", "TVA déductible", f"Achat {n}", _cents(vat), "", ""),
                    ("AC", "401", "Fournisseurs", f"Achat {n}", "", _cents(net + vat), who)]
        elif kind < 0.9:
            amount = rng.randrange(1_000, 5_000_000)
            who = f"Client {rng.randrange(customers):04d}"
            rows = [("BQ", "512", "Banque", f"Règlement {n}", _cents(amount), "", ""),
                    ("BQ", "411", "Clients", f"Règlement {n}", "", _cents(amount), who)]
        else:
            amount = rng.randrange(1_000, 3_000_000)
            who = f"Fournisseur {rng.randrange(suppliers):03d}"
            rows = [("BQ", "401", "Fournisseurs", f"Paiement {n}", _cents(amount), "", who),
                    ("BQ", "512", "Banque", f"Paiement {n}", "", _cents(amount), "")]
        for journal, account, account_label, label, debit, credit, party in rows:
            yield (f"{n},{iso},{journal},{account},{account_label},{label},{debit},{credit},"
                   f"{party}\n")
        written += len(rows)


def write_journal(path: Path, lines: int, **options: object) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(HEADER)
        f.writelines(journal_rows(lines, **options))  # type: ignore[arg-type]
    return path
