"""The desktop's command line against ``daftar-server`` in a child process, as an accountant uses
them: connect two PCs of one firm, back a company up from one, restore it on the other with the
recovery key alone; and the service killed in the middle of an upload.

Runs on the embedded SQLite store and on PostgreSQL (skipped, with the reason, where none runs).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store.company import KeySource, open_company
from sync.client import backup, licence, restore
from sync.client.device import CloudConfig
from sync.client.http import Offline
from tests import cloud_server
from tests.cloud_server import ServerProcess, running_server
from tests.ledger_text import ensure_parties, parse_entries

pytestmark = pytest.mark.slow


@pytest.fixture(params=["sqlite", "postgres"])
def service(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ServerProcess]:
    if request.param == "postgres":
        with cloud_server.postgres_database() as (app_url, _), \
                running_server(tmp_path / "service", app_url) as server:
            yield server
    else:
        with running_server(tmp_path / "service") as server:
            yield server


def daftar(home: Path, *args: str, env: dict[str, str] | None = None,
           check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the ``daftar`` command as the PC whose state folder is ``home``."""
    result = subprocess.run(
        [sys.executable, "-m", "app.cli.main", *args], capture_output=True, text=True,
        env={**os.environ, "DAFTAR_HOME": str(home), **(env or {})}, timeout=120)
    if check and result.returncode != 0:
        raise AssertionError(f"daftar {' '.join(args)} failed:\n{result.stderr}")
    return result


def test_two_pcs_back_up_and_restore_through_the_command_line(service: ServerProcess,
                                                               tmp_path: Path) -> None:
    tenant = service.new_tenant("Cabinet Benali")
    _, licence_key = service.issue_licence(tenant, seats=2)
    trust = service.signing_key_id()
    pc_a, pc_b = tmp_path / "pc-a", tmp_path / "pc-b"
    book, key = tmp_path / "acme.daftar", tmp_path / "acme.key"

    daftar(pc_a, "cloud", "connect", "--server", service.url, "--licence", licence_key,
           "--trust-key", trust, "--name", "Bureau")
    status = json.loads(daftar(pc_a, "cloud", "status", "--json").stdout)
    assert status["state"] == "active" and status["device_name"] == "Bureau"
    daftar(pc_a, "demo", str(book), "--key-file", str(key))
    first = json.loads(daftar(pc_a, "backup", str(book), "--key-file", str(key),
                              "--json").stdout)
    assert {"snapshot_id", "uploaded_bytes", "total_bytes", "chunks_new", "chunks_total",
            "seconds"} <= first.keys()
    assert first["chunks_new"] == first["chunks_total"]
    daftar(pc_a, "post", str(book), "--key-file", str(key), "--journal", "OD", "--date",
           "2025-12-31", "--label", "Régularisation", "--debit", "512:10.00", "--credit",
           "101:10.00")
    second = json.loads(daftar(pc_a, "backup", str(book), "--key-file", str(key),
                               "--json").stdout)
    assert 0 < second["chunks_new"] < second["chunks_total"]
    listing = json.loads(daftar(pc_a, "backup", "list", "--json").stdout)
    assert {row["snapshot_id"] for row in listing} == {first["snapshot_id"],
                                                       second["snapshot_id"]}
    assert {row["company"] for row in listing} == {"SARL Atlas Distribution"}

    recovery = daftar(pc_a, "key", "show-recovery", str(book), "--key-file",
                      str(key)).stdout.split()[-1]
    daftar(pc_b, "cloud", "connect", "--server", service.url, "--licence", licence_key,
           "--trust-key", trust)
    copy = tmp_path / "copy.daftar"
    refused = daftar(pc_b, "restore", "latest", "--company", "SARL Atlas Distribution", "--to",
                     str(copy), "--key-file", str(tmp_path / "copy.key"), check=False)
    assert refused.returncode == 1 and "recovery key" in refused.stderr
    restored = json.loads(daftar(
        pc_b, "restore", "latest", "--company", "sarl atlas distribution", "--to", str(copy),
        "--recovery-key", "--key-file", str(tmp_path / "copy.key"), "--json",
        env={"DAFTAR_RECOVERY_KEY": recovery}).stdout)
    assert restored["verified"] and restored["snapshot_id"] == second["snapshot_id"]
    report = ["report", "trial-balance", "--format", "csv"]
    assert (daftar(pc_b, *report, str(copy), "--key-file", str(tmp_path / "copy.key")).stdout
            == daftar(pc_a, *report, str(book), "--key-file", str(key)).stdout)
    again = daftar(pc_b, "restore", "latest", "--company", "SARL Atlas Distribution", "--to",
                   str(copy), "--recovery-key", env={"DAFTAR_RECOVERY_KEY": recovery},
                   check=False)
    assert again.returncode == 1 and "never overwrites" in again.stderr


def test_the_service_killed_mid_upload_loses_nothing(tmp_path: Path, books,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    entries = parse_entries("\n".join(f"""
        2025-03-{1 + n % 28:02d} VT "Facture {n}"
          411  {100 + n}.00  CLIENT{n % 40}
          700  -{100 + n}.00
    """ for n in range(4000)))
    ensure_parties(books, entries)
    books.post_many(entries)
    monkeypatch.setattr(backup, "BATCH_BYTES", 64 * 1024)
    with running_server(tmp_path / "service") as server:
        _, key = server.issue_licence(server.new_tenant())
        licence.connect(server.url, key, trust_key=server.signing_key_id())

        def kill_halfway(done: int) -> None:
            if done > 300_000:
                server.kill()

        with licence.service(CloudConfig.load()) as api, pytest.raises(Offline):
            backup.backup(books, api, progress=kill_halfway)
        server.start()
        with licence.service(CloudConfig.load()) as api:
            resumed = backup.backup(books, api)
            assert 0 < resumed.chunks_new < resumed.chunks_total
            assert len(restore.list_snapshots(api)) == 1
            target = tmp_path / "restored.daftar"
            restore.restore(api, books.db.key, "latest", target)
    key_file = tmp_path / "restored.key"
    key_file.write_text(books.db.key.key.hex())
    with open_company(target, KeySource(key_file=key_file)) as copy, copy.read() as cur:
        assert cur.execute("SELECT count(*) FROM entry").fetchone()[0] == 4000


def test_hand_over_both_ways_through_the_command_line(service: ServerProcess,
                                                      tmp_path: Path) -> None:
    _, licence_key = service.issue_licence(service.new_tenant(), seats=2)
    pc_a, pc_b = tmp_path / "pc-a", tmp_path / "pc-b"
    for home, name in ((pc_a, "Bureau"), (pc_b, "Portable")):
        daftar(home, "cloud", "connect", "--server", service.url, "--licence", licence_key,
               "--trust-key", service.signing_key_id(), "--name", name)
    book, key = tmp_path / "acme.daftar", tmp_path / "acme.key"
    daftar(pc_a, "demo", str(book), "--key-file", str(key))
    daftar(pc_a, "backup", str(book), "--key-file", str(key))
    post = ["post", "--key-file", str(key), "--journal", "OD", "--date", "2025-12-31",
            "--label", "Régularisation", "--debit", "512:1.00", "--credit", "101:1.00"]

    on_b = tmp_path / "on-b.daftar"
    take = ["handover", "take", "--company", "SARL Atlas Distribution", "--key-file", str(key)]
    held = daftar(pc_b, *take, "--to", str(on_b), check=False)
    assert held.returncode == 1 and "kept on PC Bureau" in held.stderr and not on_b.exists()
    daftar(pc_a, "handover", "release", str(book), "--key-file", str(key))
    refused = daftar(pc_a, *post[:1], str(book), *post[1:], check=False)
    assert refused.returncode == 1 and "handed over" in refused.stderr
    daftar(pc_b, *take, "--to", str(on_b))
    daftar(pc_b, *post[:1], str(on_b), *post[1:])
    daftar(pc_b, "handover", "release", str(on_b), "--key-file", str(key))

    back = tmp_path / "back.daftar"
    daftar(pc_a, *take, "--to", str(back))
    daftar(pc_a, *post[:1], str(back), *post[1:])
    stale = daftar(pc_b, *post[:1], str(on_b), *post[1:], check=False)
    assert stale.returncode == 1 and "handed over" in stale.stderr
    daftar(pc_b, "cloud", "check-in")
    stale = daftar(pc_b, *post[:1], str(on_b), *post[1:], check=False)
    assert stale.returncode == 1 and "kept on PC Bureau" in stale.stderr
