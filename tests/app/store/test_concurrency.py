"""Two writers on one company file, at the same time, never share or skip a number.

Each writer has its own connection: first two threads, each with its own ``open_company``, then
two separate OS processes. Afterwards journal VT of 2025 is numbered exactly 1..2N, each writer
saw its own numbers increase, the hash chain links every entry to the one before, and ``verify``
finds nothing wrong.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import textwrap
import threading
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.ledger.chain import GENESIS
from app.ledger.model import Entry, Line, ThirdParty, ThirdPartyKind
from app.store.books import Books
from app.store.company import KeySource, open_company
from app.store.verify import verify
from tests.ledger_text import key_file_of

N = 25
PAUSE = 0.002
"""Seconds each writer waits between two posts, as a person would, so the writers interleave
instead of one taking the write lock again and again while the other backs off."""
REPO = Path(__file__).resolve().parents[3]


def sale(writer: str, i: int) -> Entry:
    amount = Decimal(100 + i) + Decimal("0.19")
    return Entry(
        journal="VT", date=date(2025, 3, 1), label=f"{writer}-{i}",
        lines=(
            Line("411", debit=amount + 19, third_party="CLIENT1"),
            Line("700", credit=amount),
            Line("4457", credit=Decimal(19)),
        ),
    )


def prepare(books: Books) -> None:
    books.add_third_party(ThirdParty("CLIENT1", "Client 1", ThirdPartyKind.CUSTOMER))


def check_books(books: Books, writers: dict[str, list[int]]) -> None:
    """Numbering 1..2N with no gap or duplicate, each writer's numbers rising, chain intact."""
    with books.read() as cur:
        rows = cur.execute(
            "SELECT e.seq, e.number, e.label, e.prev_hash, e.hash FROM entry e "
            "JOIN journal j ON j.id = e.journal_id JOIN fiscal_year f ON f.id = e.fiscal_year_id "
            "WHERE j.code = 'VT' AND f.start = '2025-01-01' AND e.status = 'posted' "
            "ORDER BY e.seq"
        ).fetchall()
        lines = cur.execute("SELECT count(*) FROM line").fetchone()[0]
        drafts = cur.execute("SELECT count(*) FROM entry WHERE status = 'draft'").fetchone()[0]
    total = sum(len(numbers) for numbers in writers.values())
    assert total == 2 * N
    assert sorted(r[1] for r in rows) == list(range(1, total + 1))
    assert [r[0] for r in rows] == list(range(1, total + 1))
    assert [r[1] for r in rows] == list(range(1, total + 1)), "numbers follow posting order"
    assert (lines, drafts) == (3 * total, 0)
    by_label = {r[2]: r[1] for r in rows}
    for writer, numbers in writers.items():
        assert numbers == sorted(numbers), writer
        assert [by_label[f"{writer}-{i}"] for i in range(N)] == numbers, writer
    order = [r[2].split("-")[0] for r in rows]
    switches = sum(a != b for a, b in itertools.pairwise(order))
    assert switches >= 2, "the writers never interleaved: one ran after the other"
    head = GENESIS
    for _seq, _number, _label, prev_hash, digest in rows:
        assert prev_hash == head
        head = digest
    report = verify(books)
    assert report.problems == []
    assert (report.entries, report.lines) == (total, 3 * total)


def test_two_threads_with_their_own_connections(books: Books) -> None:
    prepare(books)
    path, key_file = books.path, key_file_of(books)
    start = threading.Barrier(2, timeout=30)
    numbers: dict[str, list[int]] = {"A": [], "B": []}
    errors: list[BaseException] = []

    def writer(name: str) -> None:
        try:
            with open_company(path, KeySource(key_file=key_file)) as own:
                start.wait()
                for i in range(N):
                    numbers[name].append(own.post(sale(name, i)).number)
                    time.sleep(PAUSE)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(name,)) for name in numbers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    assert errors == []
    check_books(books, numbers)


CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from tests.app.store.test_concurrency import N, PAUSE, sale
    from app.store.company import KeySource, open_company

    path, key_file, name, go = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
    with open_company(path, KeySource(key_file=key_file)) as books:
        print("ready", flush=True)
        deadline = time.monotonic() + 60
        while not go.exists():
            if time.monotonic() > deadline:
                sys.exit("never told to go")
            time.sleep(0.005)
        numbers = []
        for i in range(N):
            numbers.append(books.post(sale(name, i)).number)
            time.sleep(PAUSE)
    print(" ".join(map(str, numbers)), flush=True)
""")


@pytest.mark.slow
def test_two_processes_posting_at_once(books: Books, tmp_path: Path) -> None:
    prepare(books)
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    children = {
        name: subprocess.Popen(
            [sys.executable, "-c", CHILD, str(books.path), str(key_file_of(books)), name, str(go)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path,
        )
        for name in ("P", "Q")
    }
    try:
        for child in children.values():
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "ready"
        go.touch()
        numbers = {}
        for name, child in children.items():
            out, err = child.communicate(timeout=120)
            assert child.returncode == 0, err
            numbers[name] = [int(n) for n in out.split()]
    finally:
        for child in children.values():
            if child.poll() is None:
                child.kill()
                child.wait()
    check_books(books, numbers)
