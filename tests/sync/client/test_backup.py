"""Backups and restores of real company files through a real ``daftar-server``.

Two PCs are two ``DAFTAR_HOME`` folders connected to the same firm: the second has never seen
the company and restores it with the recovery key alone, as after a lost laptop.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from app.ledger.model import Company
from app.reports import balances
from app.store.books import Books
from app.store.company import KeySource, create_company, open_company
from app.store.database import ReadOnly
from app.store.keys import parse_recovery_key, recovery_key
from app.store.verify import verify
from sync.client import backup, licence, restore
from sync.client.crypto import ChunkCorrupt
from sync.client.device import CloudConfig
from sync.client.http import CloudError, LicenceInactive
from tests.cloud_server import ServerProcess
from tests.ledger_text import ensure_parties, parse_entries

SECRET_LABEL = "Facture Zenith 4471"
SECRET_PARTY = "ZENITHMEUBLES"


def _post_sales(books: Books, count: int, first: int = 1) -> None:
    """``count`` sales in February, or in a later month for a later ``first`` (journals are
    numbered in date order, so later sales may not be dated before earlier ones)."""
    month = 2 if first == 1 else min(12, 3 + first // 500)
    entries = parse_entries("\n".join(f"""
        2025-{month:02d}-{1 + n % 27:02d} VT "{SECRET_LABEL}-{first + n}"
          411  9876.54  {SECRET_PARTY}
          700  -9876.54
    """ for n in range(count)))
    ensure_parties(books, entries)
    books.post_many(entries)


@pytest.fixture
def firm(server: ServerProcess, as_pc: Callable) -> Callable[[str], object]:
    """``with firm("A"):`` runs as PC A of one firm (one tenant), connected on first use."""
    tenant = server.new_tenant()
    _, key = server.issue_licence(tenant, seats=5)
    trust = server.signing_key_id()

    @contextmanager
    def pc(name: str) -> Iterator[Path]:
        with as_pc(name) as home:
            if not CloudConfig.load().connected:
                licence.connect(server.url, key, trust_key=trust)
            yield home

    pc.tenant = tenant  # type: ignore[attr-defined]
    return pc


def _service() -> object:
    return licence.service(CloudConfig.load())


def _trial_balance(books: Books) -> list:
    year = books.fiscal_years()[0]
    return [(r.account, r.debit, r.credit) for r in
            balances.trial_balance(books, year.start, year.end).rows]


def test_a_lost_laptop_is_restored_on_another_pc_with_the_recovery_key(
        firm: Callable, books: Books, tmp_path: Path) -> None:
    _post_sales(books, 30)
    with firm("A"), _service() as api:
        first = backup.backup(books, api)
    assert first.chunks_new == first.chunks_total > 0 and not first.unchanged
    words = recovery_key(books.db.key)

    restored = tmp_path / "restored.daftar"
    with firm("B"), _service() as api:
        manifest = restore.restore(api, parse_recovery_key(words), "latest", restored,
                                  company="test scf")
        assert manifest.company == "Test SCF"
        with pytest.raises(CloudError, match="never overwrites"):
            restore.restore(api, parse_recovery_key(words), "latest", restored)
    key_file = tmp_path / "restored.key"
    key_file.write_text(parse_recovery_key(words).key.hex())
    with open_company(restored, KeySource(key_file=key_file)) as copy:
        report = verify(copy)
        assert report.ok and report.entries == 30 and report.head == verify(books).head
        assert _trial_balance(copy) == _trial_balance(books)


def test_the_next_backup_uploads_only_what_changed(firm: Callable, books: Books) -> None:
    _post_sales(books, 3000)
    with firm("A"), _service() as api:
        full = backup.backup(books, api)
        again = backup.backup(books, api)
        _post_sales(books, 5, first=1000)
        incremental = backup.backup(books, api)
        snapshots = restore.list_snapshots(api, full.backup_set)
    assert again.unchanged and again.uploaded_bytes == 0 and again.snapshot_id == full.snapshot_id
    assert not incremental.unchanged and incremental.snapshot_id != full.snapshot_id
    assert incremental.chunks_new < incremental.chunks_total / 3
    assert incremental.uploaded_bytes < full.uploaded_bytes / 3
    assert sorted(str(s.snapshot_id) for s in snapshots) == sorted(
        [incremental.snapshot_id, full.snapshot_id])


def test_the_service_holds_only_ciphertext(server: ServerProcess, firm: Callable,
                                           books: Books) -> None:
    _post_sales(books, 20)
    with firm("A"), _service() as api:
        backup.backup(books, api)
    needles = [SECRET_LABEL.encode(), SECRET_PARTY.encode(), b"Test SCF", b"987654",
               b"9876.54", b"Clients", "الزبائن".encode()]
    files = [p for p in server.data_dir.rglob("*") if p.is_file()]
    assert any("chunks" in p.parts for p in files)
    for path in files:
        data = path.read_bytes()
        for needle in needles:
            assert needle not in data, f"{needle!r} found in {path}"
    with sqlite3.connect(server.data_dir / "daftar-server.sqlite3") as db:
        dump = "\n".join(db.iterdump()).encode()
    for needle in needles:
        assert needle not in dump


def test_a_corrupted_chunk_is_refused_by_name_and_nothing_is_written(
        server: ServerProcess, firm: Callable, books: Books, tmp_path: Path) -> None:
    _post_sales(books, 20)
    with firm("A"), _service() as api:
        done = backup.backup(books, api)
    chunks = sorted((server.data_dir / "blobs" / "chunks" / firm.tenant).rglob("*.*"))
    victim = chunks[len(chunks) // 2]
    data = bytearray(victim.read_bytes())
    data[40] ^= 0xFF
    victim.write_bytes(bytes(data))
    chunk_id = victim.name.split(".")[0]
    target = tmp_path / "restored.daftar"
    with firm("B"), _service() as api, pytest.raises(ChunkCorrupt, match=chunk_id):
        restore.restore(api, books.db.key, done.snapshot_id, target)
    assert not target.exists()
    assert not list(tmp_path.glob(".restored.daftar*"))


def test_a_key_of_another_company_finds_no_backup(firm: Callable, books: Books,
                                                  tmp_path: Path) -> None:
    other, _ = create_company(tmp_path / "other.daftar", Company("Autre", "DZD", "scf"),
                              date(2025, 1, 1), KeySource(key_file=tmp_path / "other.key"))
    with other, firm("A"), _service() as api:
        backup.backup(books, api)
        with pytest.raises(CloudError, match="holds no backup"):
            restore.restore(api, other.db.key, "latest", tmp_path / "x.daftar")


def test_companies_sharing_a_key_file_restore_by_name(firm: Callable, make_books: Callable,
                                                      tmp_path: Path) -> None:
    first, second = make_books(name="first"), make_books(name="second")
    with second.write() as cur:
        cur.execute("UPDATE company SET name = 'SARL Deuxième'")
    second = open_company(second.path, KeySource(key_file=tmp_path / "second.key"))
    _post_sales(first, 3)
    with firm("A"), _service() as api:
        backup.backup(first, api)
        backup.backup(second, api)
        got = restore.restore(api, first.db.key, "latest", tmp_path / "r.daftar",
                             company="test scf")
        assert got.company == "Test SCF"
        with pytest.raises(CloudError, match="not 'Nobody'"):
            restore.restore(api, first.db.key, "latest", tmp_path / "n.daftar", company="Nobody")


def test_read_only_books_are_still_backed_up(firm: Callable, books: Books) -> None:
    from sync.client.gate import write_gate

    with firm("A") as home:
        books.db.write_gate = write_gate(books.db)
        licence_file = home / "licence.json"
        licence_file.write_text(
            licence_file.read_text().replace('"signature": "', '"signature": "AA'))
        assert not licence.status().writable
        with pytest.raises(ReadOnly):
            _post_sales(books, 1)
        with _service() as api:
            assert backup.backup(books, api).chunks_total > 0


def test_a_pc_whose_licence_was_revoked_restores_but_backs_up_nothing_new(
        server: ServerProcess, as_pc: Callable, books: Books, tmp_path: Path) -> None:
    tenant = server.new_tenant()
    licence_id, key = server.issue_licence(tenant)
    _post_sales(books, 3)
    with as_pc("A"):
        licence.connect(server.url, key, trust_key=server.signing_key_id())
        with _service() as api:
            first = backup.backup(books, api)
        server.revoke(tenant, licence_id)
        with _service() as api:
            again = backup.backup(books, api)
            assert again.unchanged and again.snapshot_id == first.snapshot_id
            _post_sales(books, 2, first=100)
            with pytest.raises(LicenceInactive, match=r"^the licence of this PC was revoked on "
                               r"\d{4}-\d\d-\d\d, .* \(daftar cloud connect --licence KEY\)$"):
                backup.backup(books, api)
            restored = tmp_path / "restored.daftar"
            manifest = restore.restore(api, books.db.key, "latest", restored)
    assert str(manifest.snapshot.snapshot_id) == first.snapshot_id and restored.exists()
