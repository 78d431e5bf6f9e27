"""Benchmark of bank statement reading: a generated 10,000-entry camt.053 file, parsed and
checked (target 2 s). Like the others it prints ``BENCH <what>: <figure>  (target <target>)``,
flags a figure over target, and asserts only that the work was done right."""

from __future__ import annotations

import statistics
import time
from decimal import Decimal
from pathlib import Path

import pytest

from app.io.bank import check_balance, read_statements
from tests.bank_samples import Entry, write_camt
from tests.perf.test_benchmarks import report

pytestmark = pytest.mark.perf

ENTRIES = 10_000


def test_camt053_ten_thousand_entries(tmp_path: Path) -> None:
    entries = [Entry(f"{1 + i % 997}.{i % 100:02d}", i % 3 == 0, f"2025-03-{1 + i % 28:02d}",
                     f"Facture {i} reglement client", f"Tiers {i % 50}", f"REF{i:08d}",
                     f"E2E{i:08d}") for i in range(ENTRIES)]
    total = sum(((1 if e.credit else -1) * Decimal(e.amount) for e in entries), Decimal(0))
    path = write_camt(tmp_path / "big.xml", version=8, entries=entries, opening="0.00",
                      closing=str(total))
    seconds = []
    for _ in range(3):
        started = time.perf_counter()
        [statement] = read_statements(path)
        check = check_balance(statement)
        seconds.append(time.perf_counter() - started)
        assert len(statement.lines) == ENTRIES and check.ok, check.reason
    worst = max(seconds)
    size_mb = path.stat().st_size / 1e6
    report(f"camt.053 parse and check, {ENTRIES:,} entries ({size_mb:.1f} MB)",
           f"median {statistics.median(seconds):.2f} s, worst {worst:.2f} s"
           + ("" if worst <= 2 else "  ** FALLS SHORT **"), "<= 2 s")
