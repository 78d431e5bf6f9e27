"""Benchmarks of the encrypted ledger: they print figures against DESIGN.md §6's targets.

Run with ``python3 -m app.dev bench`` (``DAFTAR_BENCH_LINES`` changes the journal size, 1,000,000 by
default). Nothing here asserts a time: timings on a shared machine flake, so the figures are
printed for a person to read, as ``BENCH <what>: <figure>  (target <target>)``. What is asserted
is that the work was done right (every line imported, balanced totals).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from app.io.csv_journal import import_journal
from app.ledger.model import Company, Entry, Journal, Line
from app.reports.balances import trial_balance
from app.store import queries
from app.store.books import Books
from app.store.company import KeySource, initialise, open_company
from app.store.database import create_database
from app.store.keys import new_key
from app.store.reference import load_chart
from tests.journal_gen import write_journal

pytestmark = pytest.mark.perf

LINES = int(os.environ.get("DAFTAR_BENCH_LINES", "1000000"))
ROOT = Path(__file__).resolve().parents[2]
YEAR = (date(2025, 1, 1), date(2025, 12, 31))

_IMPORT_CHILD = """
import json, resource, sys, time
from pathlib import Path
from datetime import date
from app.io.csv_journal import import_journal
from app.ledger.model import Company
from app.store.company import KeySource, create_company
path, key, csv_path = map(Path, sys.argv[1:4])
books, _ = create_company(path, Company("Bench", "DZD", "scf"), date(2025, 1, 1),
                          KeySource(key_file=key))
started = time.perf_counter()
result = import_journal(books, csv_path)
seconds = time.perf_counter() - started
books.close()
print(json.dumps({"lines": result.lines, "entries": result.entries, "seconds": seconds,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def report(what: str, figure: str, target: str) -> None:
    print(f"BENCH {what}: {figure}  (target {target})", flush=True)


def timings(run: Callable[[], object], times: int) -> list[float]:
    """Milliseconds of ``times`` runs of ``run``."""
    out = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        out.append((time.perf_counter() - started) * 1000)
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, dict]]:
    """A company file holding a generated journal of ``LINES`` lines, imported in a child process
    so that its peak memory is the import's own."""
    base = tmp_path_factory.mktemp("bench")
    csv_path = write_journal(base / "journal.csv", LINES)
    path, key = base / "big.daftar", base / "big.key"
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_CHILD, str(path), str(key), str(csv_path)],
        capture_output=True, text=True, check=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    csv_path.unlink()
    yield path, key, figures


@pytest.fixture
def books(big: tuple[Path, Path, dict]) -> Iterator[Books]:
    path, key, _ = big
    opened = open_company(path, KeySource(key_file=key))
    yield opened
    opened.close()


def test_import_throughput_and_memory(big: tuple[Path, Path, dict]) -> None:
    _, _, figures = big
    assert figures["lines"] >= LINES
    rate = figures["lines"] / figures["seconds"]
    report(f"CSV import, {figures['lines']:,} lines ({figures['entries']:,} entries)",
           f"{rate:,.0f} lines/s in {figures['seconds']:.1f} s", ">= 100,000 lines/s")
    report("CSV import peak RSS", f"{figures['peak_rss_mb']:.0f} MB", "<= 300 MB")


def test_open_to_first_query(big: tuple[Path, Path, dict]) -> None:
    path, key, _ = big

    def open_and_query() -> None:
        with open_company(path, KeySource(key_file=key)) as opened:
            opened.accounts()

    ms = timings(open_and_query, 10)
    report(f"open a {LINES:,}-line file to first query", f"median {statistics.median(ms):.0f} ms, "
           f"worst {max(ms):.0f} ms", "<= 300 ms")


def test_trial_balance(books: Books) -> None:
    rng = random.Random(1)
    tb = trial_balance(books, *YEAR)
    assert tb.total("debit") == tb.total("credit") > 0
    whole = timings(lambda: trial_balance(books, *YEAR), 10)
    ranges = []
    for _ in range(20):
        start = YEAR[0] + timedelta(days=rng.randrange(365))
        end = start + timedelta(days=rng.randrange((YEAR[1] - start).days + 1))
        ranges.append((start, end))
    random_ms = [timings(lambda r=r: trial_balance(books, *r), 1)[0] for r in ranges]
    report("trial balance, whole year", f"median {statistics.median(whole):.1f} ms, "
           f"worst {max(whole):.1f} ms", "<= 100 ms")
    report("trial balance, 20 random ranges", f"median {statistics.median(random_ms):.1f} ms, "
           f"worst {max(random_ms):.1f} ms", "<= 100 ms")


def test_general_ledger_first_screen(books: Books) -> None:
    bank = books.account("512").id
    assert bank is not None

    def first_screen() -> None:
        with books.read() as cur:
            queries.account_lines(cur, bank, *YEAR, limit=100)

    ms = timings(first_screen, 10)
    report("general ledger of 512, first 100 lines", f"median {statistics.median(ms):.1f} ms, "
           f"worst {max(ms):.1f} ms", "<= 150 ms")


def _bench_journal(books: Books, code: str) -> str:
    """A journal of one benchmark's own: journals are numbered in date order, so entries posted
    on random days of a year go to one that holds nothing later."""
    if code not in books.journals():
        books.add_journal(Journal(code, "Benchmark"))
    return code


def _days(rng: random.Random, count: int) -> list[date]:
    """``count`` random days of 2025 in date order, as an accountant posts them."""
    return sorted(date(2025, rng.randrange(1, 13), rng.randrange(1, 29)) for _ in range(count))


def test_post_one_entry(books: Books) -> None:
    rng = random.Random(2)
    journal, days = _bench_journal(books, "BEN"), iter(_days(rng, 520))

    def post() -> None:
        amount = Decimal(rng.randrange(100, 10_000_000)) / 100
        books.post(Entry(journal, next(days), "Bench",
                         (Line("626", debit=amount), Line("512", credit=amount))))

    timings(post, 20)  # warm up
    ms = timings(post, 500)
    report("post one entry (interactive)", f"p50 {percentile(ms, 50):.2f} ms, "
           f"p99 {percentile(ms, 99):.2f} ms", "p99 <= 5 ms")


def test_cost_of_encryption(tmp_path: Path) -> None:
    """The same import and reports on plain SQLite and on SQLCipher, alternated three times."""
    lines = min(LINES, 200_000)
    csv_path = write_journal(tmp_path / "journal.csv", lines)
    chart = load_chart("scf")
    results: dict[str, list[float]] = {"plain": [], "encrypted": []}
    for run in range(3):
        for mode in ("plain", "encrypted"):
            key = None if mode == "plain" else new_key()
            path = tmp_path / f"{mode}{run}.daftar"
            books = initialise(create_database(path, key), Company("B", "DZD", "scf"), YEAR[0],
                               chart)
            started = time.perf_counter()
            import_journal(books, csv_path)
            for _ in range(20):
                trial_balance(books, *YEAR)
            results[mode].append(time.perf_counter() - started)
            books.close()
    plain, encrypted = (statistics.median(results[m]) for m in ("plain", "encrypted"))
    report(f"SQLCipher cost ({lines:,}-line import + 20 trial balances)",
           f"{(encrypted / plain - 1) * 100:+.0f} % ({encrypted:.2f} s vs {plain:.2f} s plain)",
           "<= 25 %")



def test_incremental_backup(books: Books, tmp_path: Path) -> None:
    """A full backup, then 100 entries posted as an accountant would, then the next backup:
    what it uploads, against the size of the encrypted file (DESIGN.md §6: <= 2 %)."""
    from sync.client import backup, licence, restore
    from sync.client.device import CloudConfig
    from tests.cloud_server import running_server

    with running_server(tmp_path / "service") as server:
        _, key = server.issue_licence(server.new_tenant())
        licence.connect(server.url, key, trust_key=server.signing_key_id())
        with licence.service(CloudConfig.load()) as api:
            full = backup.backup(books, api)
            rng = random.Random(3)
            accounts = ("626", "607", "613", "622", "625")
            journal = _bench_journal(books, "BEN2")
            for day in _days(rng, 100):
                amount = Decimal(rng.randrange(100, 10_000_000)) / 100
                books.post(Entry(journal, day, "Bench", (Line(rng.choice(accounts), debit=amount),
                                                         Line("512", credit=amount))))
            incremental = backup.backup(books, api)
            started = time.perf_counter()
            restore.restore(api, books.db.key, "latest", tmp_path / "restored.daftar")
            restore_s = time.perf_counter() - started
    size = books.path.stat().st_size + Path(f"{books.path}-wal").stat().st_size
    share = incremental.uploaded_bytes / size
    report("full backup", f"{full.total_bytes / 2**20:,.0f} MiB of books in {full.seconds:.1f} s,"
           f" {full.uploaded_bytes / 2**20:,.1f} MiB uploaded ({full.chunks_total:,} chunks)", "-")
    report("incremental backup after 100 entries",
           f"{incremental.uploaded_bytes:,} bytes = {share:.2%} of the {size / 2**20:,.0f} MiB "
           f"file ({incremental.chunks_new} of {incremental.chunks_total:,} chunks new, "
           f"{incremental.seconds:.1f} s)"
           + ("" if share <= 0.02 else "  ** FALLS SHORT **"), "<= 2 % of the file")
    report("restore of the latest snapshot", f"{restore_s:.1f} s", "-")
    assert not incremental.unchanged and incremental.chunks_new < incremental.chunks_total
