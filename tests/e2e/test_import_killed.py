"""A big import killed with SIGKILL leaves a file that opens, verifies, and holds all or nothing.

A real child process opens a copy of a real encrypted company file and imports a generated journal
of 150,000 lines; the test kills it at a chosen moment, then opens the file itself with the key.
The moments: as soon as the import has begun, while the rows are being parsed and handed to the
writer thread, and while the commit is writing the write-ahead log (the WAL stays small until
then, and grows by tens of MB within a fraction of a second while the transaction is written).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from app.ledger.model import Company
from app.store.company import KeySource, create_company, open_company
from app.store.verify import verify
from tests.journal_gen import write_journal

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
LINES = 150_000
WAL_COMMITTING = 4 * 1024 * 1024
"""A WAL past this size means the transaction's pages are being written out."""
DEADLINE_S = 120.0

CHILD = """\
import sys
from pathlib import Path

from app.io.csv_journal import import_journal
from app.store.company import KeySource, open_company

books = open_company(Path(sys.argv[1]), KeySource(key_file=Path(sys.argv[2])))
print("importing", flush=True)
result = import_journal(books, Path(sys.argv[3]))
print("imported", result.entries, result.lines, flush=True)
books.close()
"""


class Journal:
    def __init__(self, path: Path) -> None:
        self.path = path
        keys, parties, lines = set(), set(), 0
        with open(path, encoding="utf-8") as f:
            next(f)
            for row in f:
                cells = row.rstrip("\n").split(",")
                keys.add((cells[2], cells[0]))
                if cells[8]:
                    parties.add(cells[8])
                lines += 1
        self.entries, self.lines, self.parties = len(keys), lines, len(parties)


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Journal:
    path = write_journal(tmp_path_factory.mktemp("journal") / "journal.csv", LINES)
    return Journal(path)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, int]]:
    """A closed company file (no WAL left), its key file, and its row counts."""
    folder = tmp_path_factory.mktemp("company")
    path, key = folder / "books.daftar", folder / "books.key"
    books, _ = create_company(path, Company("Kill test", "DZD", "scf"), date(2025, 1, 1),
                              KeySource(key_file=key))
    try:
        counts = _counts(books)
    finally:
        books.close()
    return path, key, counts


def _counts(books) -> dict[str, int]:
    with books.read() as cur:
        return {
            table: cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("entry", "line", "account", "third_party", "fiscal_year", "audit_event")
        }


def _wal_size(path: Path) -> int:
    try:
        return os.stat(f"{path}-wal").st_size
    except FileNotFoundError:
        return 0


def _start(tmp_path: Path, template: tuple[Path, Path, dict[str, int]],
           journal: Journal) -> tuple[subprocess.Popen[str], Path, Path]:
    path, key = tmp_path / "books.daftar", tmp_path / "books.key"
    shutil.copyfile(template[0], path)
    shutil.copyfile(template[1], key)
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, str(script), str(path), str(key), str(journal.path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=tmp_path,
    )
    first = child.stdout.readline()  # type: ignore[union-attr]
    if first.strip() != "importing":
        child.kill()
        _, err = child.communicate()
        pytest.fail(f"the import did not start: {first!r} {err}")
    return child, path, key


def _kill(child: subprocess.Popen[str]) -> str:
    assert child.poll() is None, "the import ended before it could be killed"
    os.kill(child.pid, signal.SIGKILL)
    out, _ = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL
    return out


def _check_all_or_nothing(path: Path, key: Path, template_counts: dict[str, int],
                          journal: Journal) -> int:
    books = open_company(path, KeySource(key_file=key))
    try:
        report = verify(books)
        assert report.ok, report.problems
        counts = _counts(books)
        with books.read() as cur:
            imports = cur.execute(
                "SELECT count(*) FROM audit_event WHERE kind = 'import'").fetchone()[0]
    finally:
        books.close()
    if counts["entry"] == 0:
        assert counts == template_counts
        assert imports == 0
        assert (report.entries, report.lines) == (0, 0)
    else:
        assert counts["entry"] == journal.entries
        assert (report.entries, report.lines) == (journal.entries, journal.lines)
        assert counts["line"] == journal.lines
        assert counts["third_party"] == journal.parties
        assert counts["fiscal_year"] == template_counts["fiscal_year"]
        assert imports == 1
    return counts["entry"]


def test_killed_as_the_import_begins(tmp_path, template, journal):
    child, path, key = _start(tmp_path, template, journal)
    out = _kill(child)
    assert "imported" not in out
    assert _check_all_or_nothing(path, key, template[2], journal) == 0


def test_killed_while_rows_are_parsed_and_written(tmp_path, template, journal):
    child, path, key = _start(tmp_path, template, journal)
    # An import of 150k lines takes seconds; a second in, batches have gone to the writer thread.
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.01)
    wal = _wal_size(path)
    out = _kill(child)
    assert "imported" not in out
    posted = _check_all_or_nothing(path, key, template[2], journal)
    if wal < WAL_COMMITTING:  # nothing was being committed yet: nothing may be there
        assert posted == 0


def test_killed_while_the_commit_writes_the_log(tmp_path, template, journal):
    child, path, key = _start(tmp_path, template, journal)
    deadline = time.monotonic() + DEADLINE_S
    while _wal_size(path) < WAL_COMMITTING:
        assert child.poll() is None, "the import ended before its log was seen growing"
        assert time.monotonic() < deadline, "the import took too long"
        time.sleep(0.0005)
    _kill(child)
    # Killed mid-commit the transaction is lost; killed just after it, it is all there.
    assert _check_all_or_nothing(path, key, template[2], journal) in (0, journal.entries)


def test_an_import_left_alone_posts_everything(tmp_path, template, journal):
    """The control: the same child, not killed, posts the whole journal."""
    child, path, key = _start(tmp_path, template, journal)
    out, err = child.communicate(timeout=DEADLINE_S)
    assert child.returncode == 0, err
    assert out.split() == ["imported", str(journal.entries), str(journal.lines)]
    assert _check_all_or_nothing(path, key, template[2], journal) == journal.entries
