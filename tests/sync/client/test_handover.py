"""Two PCs, one company: take, release and take back, with a real ``daftar-server``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.ledger.model import Entry, Line
from app.store.books import Books
from app.store.company import KeySource, open_company
from app.store.database import ReadOnly
from sync.client import backup, handover, leases, licence
from sync.client.device import CloudConfig
from sync.client.gate import write_gate
from sync.client.http import CloudError, LicenceInactive
from tests.cloud_server import ServerProcess


def _entry(label: str) -> Entry:
    return Entry("OD", date(2025, 3, 1), label,
                 (Line("512", debit=Decimal("10")), Line("101", credit=Decimal("10"))))


@pytest.fixture
def pcs(server: ServerProcess, as_pc: Callable) -> Callable[[str], object]:
    tenant = server.new_tenant()
    licence_id, key = server.issue_licence(tenant, seats=5)
    trust = server.signing_key_id()

    @contextmanager
    def pc(name: str) -> Iterator[object]:
        with as_pc(name):
            if not CloudConfig.load().connected:
                licence.connect(server.url, key, trust_key=trust, device_name=f"PC {name}")
            with licence.service(CloudConfig.load()) as api:
                yield api

    pc.revoke = lambda: server.revoke(tenant, licence_id)  # type: ignore[attr-defined]
    return pc


def _open(path: Path, key_file: Path) -> Books:
    books = open_company(path, KeySource(key_file=key_file))
    books.db.write_gate = write_gate(books.db)
    return books


def test_a_company_moves_to_another_pc_and_back(pcs: Callable, books: Books,
                                                tmp_path: Path) -> None:
    key = books.db.key
    key_file = tmp_path / "books.key"
    books.db.write_gate = write_gate(books.db)
    with pcs("A") as api:
        books.post(_entry("on A"))
        backup.backup(books, api)  # the first backup takes the company's lease
        books.post(_entry("on A, after the backup"))

    on_b = tmp_path / "on-b.daftar"
    with pcs("B") as api:
        with pytest.raises(CloudError, match="kept on PC PC A"):
            handover.take(api, key, "Test SCF", on_b)
        assert not on_b.exists()
    with pcs("A") as api:
        handover.release(api, books)  # the final backup carries the entry made after
        with pytest.raises(ReadOnly, match="handed over"):
            books.post(_entry("on A, released"))
    with pcs("B") as api:
        taken = handover.take(api, key, "Test SCF", on_b)
        assert taken.lease.holder_name == "PC B"
        copy = _open(on_b, key_file)
        with copy.read() as cur:
            assert cur.execute("SELECT count(*) FROM entry").fetchone()[0] == 2
        copy.post(_entry("on B"))
        backup.backup(copy, api)

    with pcs("A") as api:
        with pytest.raises(ReadOnly, match="handed over"):
            books.post(_entry("on A, before it learns who took it"))
        leases.refresh(api)
        with pytest.raises(ReadOnly, match="kept on PC PC B"):
            books.post(_entry("on A, stale"))
        with pytest.raises(CloudError, match="not backed up"):
            backup.backup(books, api)
        back = tmp_path / "back-on-a.daftar"
        handover.take(api, key, "Test SCF", back, force=True)
        again = _open(back, key_file)
        again.post(_entry("on A again"))
        with again.read() as cur:
            assert cur.execute("SELECT count(*) FROM entry").fetchone()[0] == 4
        with pytest.raises(ReadOnly, match="older copy"):
            books.post(_entry("on the first file"))
        again.close()
    with pcs("B") as api:
        leases.refresh(api)
        with pytest.raises(ReadOnly, match="kept on PC PC A"):
            copy.post(_entry("on B, stale"))
        copy.close()


def test_a_pc_learns_of_the_hand_over_at_check_in_and_honours_it_offline(
        pcs: Callable, books: Books, tmp_path: Path) -> None:
    key = books.db.key
    books.db.write_gate = write_gate(books.db)
    with pcs("A") as api:
        backup.backup(books, api)
    with pcs("B") as api:
        handover.take(api, key, "Test SCF", tmp_path / "b.daftar", force=True)
    with pcs("A") as api:
        books.post(_entry("not yet known"))  # offline-first: A has not heard of it yet
        assert leases.refresh(api) == 1
        config = CloudConfig.load()
        config.server = "http://127.0.0.1:9"
        config.save()
        with pytest.raises(ReadOnly, match="kept on PC PC B"):
            books.post(_entry("known now, and offline"))


def test_a_pc_whose_licence_was_revoked_hands_its_company_over_but_takes_none(
        pcs: Callable, books: Books, tmp_path: Path) -> None:
    books.db.write_gate = write_gate(books.db)
    with pcs("A") as api:
        books.post(_entry("on A"))
        backup.backup(books, api)
        pcs.revoke()
        assert handover.release(api, books).unchanged  # already backed up: it may step aside
        with pytest.raises(ReadOnly, match="handed over"):
            books.post(_entry("on A, released"))
        taken = tmp_path / "taken.daftar"
        with pytest.raises(LicenceInactive, match="no longer back up or take a company"):
            handover.take(api, books.db.key, "Test SCF", taken)
        assert not taken.exists()
