"""A device's token in the wrong hands: what it must not be able to do to its firm's backups.

Each test here was a hole found by probing the running service as an attacker would: pushing the
firm's real snapshots out through retention (someone else's set, times in the future, empty
snapshots), exhausting memory with large concurrent snapshot bodies, and replacing a chunk's bytes
under an id the server cannot check.
"""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from conftest import Api, live_server
from test_backups import Backups, chunk, open_backups, snapshot_body

from sync.server import backups as chunk_store
from sync.server import schema as t
from sync.server.blobs import FileBlobStore
from sync.server.errors import ApiError
from sync.server.retention import apply_retention
from sync.server.settings import Settings


@pytest.fixture
def backups(api: Api) -> Iterator[Backups]:
    with open_backups(api) as env:
        yield env


def _put(device: httpx.Client, chunk_ids: list[str], **body: Any) -> httpx.Response:
    return device.put(f"/v1/backups/snapshots/{uuid.uuid4()}",
                      json=snapshot_body(chunk_ids, **body))


def _code(response: httpx.Response) -> tuple[int, str]:
    return response.status_code, response.json()["error"]["code"]


def _latest(device: httpx.Client, backup_set: str) -> str:
    return device.get(f"/v1/leases/{backup_set}").json()["latest_snapshot_id"]


# --- 1. a device may not push its firm's real snapshots out -------------------------------------

def test_a_set_belongs_to_the_pc_that_keeps_it(backups: Backups) -> None:
    tenant_id = backups.tenant()
    pc_a, rogue = backups.device(tenant_id), backups.device(tenant_id)
    chunk_id = backups.upload(pc_a)[0]
    assert _put(pc_a, [chunk_id], backup_set="books").status_code == 201  # first: no lease yet
    refused = _put(rogue, [chunk_id], backup_set="books")
    assert _code(refused) == (403, "set_not_owned")
    assert _put(pc_a, [chunk_id], backup_set="books").status_code == 201
    assert _put(rogue, [chunk_id], backup_set="rogue-own").status_code == 201

    lease = pc_a.post("/v1/leases/books/take", json={"based_on": _latest(pc_a, "books")})
    assert lease.status_code == 200, lease.text
    assert _code(_put(rogue, [chunk_id], backup_set="books")) == (403, "set_not_owned")
    assert _put(pc_a, [chunk_id], backup_set="books").status_code == 201

    assert pc_a.post("/v1/leases/books/release").status_code == 200
    released = _put(pc_a, [chunk_id], backup_set="books")
    assert _code(released) == (403, "set_not_owned")  # handed over: take it again first
    taken = rogue.post("/v1/leases/books/take", json={"based_on": _latest(rogue, "books")})
    assert taken.status_code == 200, taken.text
    assert _put(rogue, [chunk_id], backup_set="books").status_code == 201
    assert _code(_put(pc_a, [chunk_id], backup_set="books")) == (403, "set_not_owned")


def test_taken_at_may_not_lie_in_the_future_and_a_snapshot_needs_chunks(
        backups: Backups) -> None:
    tenant_id = backups.tenant()
    device = backups.device(tenant_id)
    chunk_id = backups.upload(device)[0]
    ahead = _put(device, [chunk_id], taken_at=datetime.now(UTC) + timedelta(minutes=10))
    assert _code(ahead) == (422, "validation_error")
    assert "taken_at" in ahead.json()["error"]["message"]
    empty = _put(device, [])
    assert _code(empty) == (422, "validation_error")
    assert "chunk_ids" in empty.json()["error"]["message"]
    assert backups.count(t.snapshot, tenant_id) == 0
    fast_clock = _put(device, [chunk_id], taken_at=datetime.now(UTC) + timedelta(minutes=1))
    assert fast_clock.status_code == 201, fast_clock.text


def _legacy(backups: Backups, tenant_id: uuid.UUID, chunk_id: str, *, device_id: uuid.UUID,
            taken_at: datetime, stored_at: datetime, chunks: bool = True) -> uuid.UUID:
    """A snapshot row as an older service let anybody store it (no checks on its fields)."""
    snapshot_id = uuid.uuid4()
    key = f"manifests/{tenant_id}/{snapshot_id}.legacy"
    backups.blobs.put(key, b"m")
    with backups.store.tenant(tenant_id) as connection:
        connection.execute(t.snapshot.insert().values(
            tenant_id=tenant_id, snapshot_id=snapshot_id, backup_set="books",
            device_id=device_id, taken_at=taken_at, stored_at=stored_at, manifest_key=key,
            manifest_sha256="0" * 64, manifest_size=1, chunk_count=1 if chunks else 0,
            total_size=1))
        if chunks:
            connection.execute(t.snapshot_chunk.insert().values(
                tenant_id=tenant_id, snapshot_id=snapshot_id, chunk_id=chunk_id))
        connection.execute(t.tenant.update().where(t.tenant.c.tenant_id == tenant_id)
                           .values(used_bytes=t.tenant.c.used_bytes + 1))
    return snapshot_id


def _remaining(backups: Backups, tenant_id: uuid.UUID) -> set[uuid.UUID]:
    with backups.store.tenant(tenant_id, readonly=True) as connection:
        return set(connection.execute(t.snapshot.select().with_only_columns(
            t.snapshot.c.snapshot_id).where(t.snapshot.c.tenant_id == tenant_id)).scalars())


def _policy(backups: Backups, tenant_id: uuid.UUID, daily: int) -> None:
    with backups.api.operator as operator:
        assert operator.patch(f"/v1/admin/tenants/{tenant_id}", json={
            "keep_daily": daily, "keep_weekly": 0, "keep_monthly": 0}).status_code == 200


def test_retention_ranks_by_a_time_no_later_than_the_upload(backups: Backups) -> None:
    """A snapshot dated a month ahead (stored before the upload check existed) ranks as of its
    upload, so it cannot make the firm's real days look older than they are."""
    tenant_id = backups.tenant()
    _policy(backups, tenant_id, daily=2)
    pc_a, rogue = uuid.uuid4(), uuid.uuid4()
    chunk_id = backups.upload(backups.device(tenant_id))[0]
    now = datetime.now(UTC)
    yesterday = _legacy(backups, tenant_id, chunk_id, device_id=pc_a,
                        taken_at=now - timedelta(days=1), stored_at=now - timedelta(days=1))
    today = _legacy(backups, tenant_id, chunk_id, device_id=pc_a, taken_at=now, stored_at=now)
    future = _legacy(backups, tenant_id, chunk_id, device_id=rogue,
                     taken_at=now + timedelta(days=30), stored_at=now - timedelta(days=3))
    apply_retention(backups.store, backups.blobs, tenant_id=tenant_id)
    assert {yesterday, today} <= _remaining(backups, tenant_id)
    assert future in _remaining(backups, tenant_id)  # the newest the rogue device uploaded


def test_chunkless_snapshots_do_not_count(backups: Backups) -> None:
    tenant_id = backups.tenant()
    _policy(backups, tenant_id, daily=1)
    pc_a = uuid.uuid4()
    chunk_id = backups.upload(backups.device(tenant_id))[0]
    now = datetime.now(UTC)
    real = _legacy(backups, tenant_id, chunk_id, device_id=pc_a,
                   taken_at=now - timedelta(minutes=5), stored_at=now - timedelta(minutes=5))
    empty = _legacy(backups, tenant_id, chunk_id, device_id=pc_a, taken_at=now,
                    stored_at=now, chunks=False)
    apply_retention(backups.store, backups.blobs, tenant_id=tenant_id)
    assert _remaining(backups, tenant_id) == {real}
    assert empty not in _remaining(backups, tenant_id)


def test_another_pcs_uploads_never_push_out_a_pcs_newest_snapshot(backups: Backups) -> None:
    """Even a PC that took the company by force (a stolen one) only adds snapshots: the newest
    of every PC that kept the set stays, whatever the policy."""
    tenant_id = backups.tenant()
    _policy(backups, tenant_id, daily=1)
    pc_a, thief = backups.device(tenant_id), backups.device(tenant_id)
    chunk_id = backups.upload(pc_a)[0]
    first = _put(pc_a, [chunk_id], backup_set="books",
                 taken_at=datetime.now(UTC) - timedelta(days=3))
    newest = _put(pc_a, [chunk_id], backup_set="books",
                  taken_at=datetime.now(UTC) - timedelta(days=2))
    assert (first.status_code, newest.status_code) == (201, 201)
    assert pc_a.post("/v1/leases/books/take",
                     json={"based_on": newest.json()["snapshot_id"]}).status_code == 200
    forced = thief.post("/v1/leases/books/take",
                        json={"based_on": _latest(thief, "books"), "force": True})
    assert forced.status_code == 200, forced.text
    for _ in range(5):
        assert _put(thief, [chunk_id], backup_set="books").status_code == 201
    apply_retention(backups.store, backups.blobs, tenant_id=tenant_id)
    left = {str(x) for x in _remaining(backups, tenant_id)}
    assert newest.json()["snapshot_id"] in left
    assert first.json()["snapshot_id"] not in left
    assert len(left) == 2  # the thief's newest, and pc_a's


# --- 7. snapshot uploads are bounded ------------------------------------------------------------

def _raw_put(api: Api, device: httpx.Client, path: str, declared: int,
             body: bytes = b"") -> socket.socket:
    """Send a PUT's head and the first bytes of a body declared to be ``declared`` bytes long,
    leaving the rest unsent: an upload in flight, as a slow or hostile client keeps one."""
    host, port = api.url.removeprefix("http://").split(":")
    head = (f"PUT {path} HTTP/1.1\r\nHost: {host}\r\n"
            f"Authorization: {device.headers['Authorization']}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {declared}\r\n\r\n")
    sock = socket.create_connection((host, int(port)), timeout=5)
    sock.sendall(head.encode() + body)
    return sock


def _answer(sock: socket.socket) -> tuple[int, dict[str, Any]]:
    """The status and JSON body of the answer on ``sock`` (a timeout if none comes)."""
    data = b""
    while b"\r\n\r\n" not in data or not data.rstrip().endswith(b"}"):
        part = sock.recv(65536)
        if not part:
            break
        data += part
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(body)


def test_an_over_quota_tenant_is_refused_before_its_body_is_read(backups: Backups) -> None:
    tenant_id = backups.tenant()
    with backups.api.operator as operator:
        operator.patch(f"/v1/admin/tenants/{tenant_id}", json={"quota_bytes": 1000})
    device = backups.device(tenant_id)
    backups.upload(device, 1000)
    with _raw_put(backups.api, device, f"/v1/backups/snapshots/{uuid.uuid4()}", 5000) as full:
        status, body = _answer(full)  # the body was never sent: the answer cannot wait for it
    assert (status, body["error"]["code"]) == (403, "quota_exceeded")
    with backups.api.operator as operator:
        operator.patch(f"/v1/admin/tenants/{tenant_id}", json={"quota_bytes": 1400})
    huge = 40 * 2**20
    with _raw_put(backups.api, device, f"/v1/backups/snapshots/{uuid.uuid4()}", huge) as sock:
        status, body = _answer(sock)
    assert (status, body["error"]["code"]) == (403, "quota_exceeded")


def test_no_manifest_blob_is_written_for_a_snapshot_over_quota(
        backups: Backups, monkeypatch: pytest.MonkeyPatch) -> None:
    tenant_id = backups.tenant()
    with backups.api.operator as operator:
        operator.patch(f"/v1/admin/tenants/{tenant_id}", json={"quota_bytes": 1400})
    device = backups.device(tenant_id)
    chunk_id = backups.upload(device, 1000)[0]
    written: list[str] = []
    put = FileBlobStore.put

    def recording(self: FileBlobStore, key: str, data: bytes) -> None:
        written.append(key)
        put(self, key, data)

    monkeypatch.setattr(FileBlobStore, "put", recording)
    refused = _put(device, [chunk_id], manifest=b"m" * 401)
    assert _code(refused) == (403, "quota_exceeded")
    assert [key for key in written if key.startswith("manifests/")] == []
    assert _put(device, [chunk_id], manifest=b"m" * 400).status_code == 201
    assert len([key for key in written if key.startswith("manifests/")]) == 1


@pytest.fixture
def tight(make_settings: Callable[..., Settings]) -> Iterator[Backups]:
    """A service allowing one snapshot upload per device and 50,000 body bytes in flight."""
    settings = make_settings(snapshot_uploads_per_device=1, snapshot_upload_budget_bytes=50_000)
    with live_server(settings) as url, open_backups(Api(url, settings)) as env:
        yield env


def _until_stored(device: httpx.Client, chunk_id: str, **body: Any) -> httpx.Response:
    """Upload until the service has noticed that an abandoned upload is gone (a moment)."""
    deadline = time.monotonic() + 10
    while True:
        response = _put(device, [chunk_id], **body)
        if response.status_code != 429 or time.monotonic() > deadline:
            return response
        time.sleep(0.05)


def test_a_device_has_one_snapshot_upload_in_flight(tight: Backups) -> None:
    tenant_id = tight.tenant()
    device, other = tight.device(tenant_id), tight.device(tenant_id)
    chunk_id = tight.upload(device)[0]
    with _raw_put(tight.api, device, f"/v1/backups/snapshots/{uuid.uuid4()}", 1000, b"{"):
        time.sleep(0.5)  # the slow upload is now waiting for its body
        second = _put(device, [chunk_id])
        assert _code(second) == (429, "rate_limited")
        assert int(second.headers["Retry-After"]) >= 1
        assert _put(other, [chunk_id], backup_set="others").status_code == 201
    assert _until_stored(device, chunk_id).status_code == 201


def test_snapshot_bodies_in_flight_are_bounded_per_process(tight: Backups) -> None:
    tenant_id = tight.tenant()
    slow, device = tight.device(tenant_id), tight.device(tenant_id)
    chunk_id = tight.upload(device)[0]
    with _raw_put(tight.api, slow, f"/v1/backups/snapshots/{uuid.uuid4()}", 40_000, b"{"):
        time.sleep(0.5)
        large = _put(device, [chunk_id], manifest=b"m" * 15_000)  # ~20,000 bytes of JSON
        assert _code(large) == (429, "rate_limited")
        assert "Retry-After" in large.headers
        assert _put(device, [chunk_id], manifest=b"m" * 3000).status_code == 201
    assert _until_stored(device, chunk_id, manifest=b"m" * 15_000).status_code == 201


def test_a_body_larger_than_the_budget_still_goes_through_alone(tight: Backups) -> None:
    device = tight.device(tight.tenant())
    chunk_id = tight.upload(device)[0]
    alone = _put(device, [chunk_id], manifest=b"m" * 60_000)
    assert alone.status_code == 201, alone.text


# --- 9. a chunk's bytes cannot be replaced under its id -----------------------------------------

def test_a_chunk_id_uploaded_again_with_other_bytes_is_refused(backups: Backups) -> None:
    tenant_id = backups.tenant()
    device = backups.device(tenant_id)
    chunk_id, data = backups.upload(device, 1000)
    forged = bytes(b ^ 0xFF for b in data)
    clash = device.put(f"/v1/backups/chunks/{chunk_id}", content=forged)
    assert _code(clash) == (409, "chunk_invalid")
    assert device.put(f"/v1/backups/chunks/{chunk_id}", content=data).status_code == 200
    assert device.get(f"/v1/backups/chunks/{chunk_id}").content == data
    row = backups.chunk_row(tenant_id, chunk_id)
    assert row.sha256 == hashlib.sha256(data).hexdigest()


def test_a_chunk_stored_before_hashes_compares_its_size_only(backups: Backups) -> None:
    tenant_id = backups.tenant()
    device = backups.device(tenant_id)
    chunk_id, data = backups.upload(device, 1000)
    with backups.store.tenant(tenant_id) as connection:
        connection.execute(t.chunk.update().where(t.chunk.c.tenant_id == tenant_id)
                           .values(sha256=None))
    assert device.put(f"/v1/backups/chunks/{chunk_id}", content=b"x" * 1000).status_code == 200
    assert _code(device.put(f"/v1/backups/chunks/{chunk_id}", content=b"x" * 999)) == (
        409, "chunk_invalid")
    assert device.get(f"/v1/backups/chunks/{chunk_id}").content == data


def test_concurrent_uploads_of_one_id_with_different_bytes_store_one(backups: Backups) -> None:
    tenant_id = backups.tenant()
    devices = [backups.device(tenant_id) for _ in range(6)]
    chunk_id, _ = chunk(5000)
    bodies = [bytes([n]) * 5000 for n in range(len(devices))]
    barrier = threading.Barrier(len(devices))

    def upload(index: int) -> int:
        barrier.wait()
        return devices[index].put(f"/v1/backups/chunks/{chunk_id}",
                                  content=bodies[index]).status_code

    with ThreadPoolExecutor(len(devices)) as pool:
        statuses = list(pool.map(upload, range(len(devices))))
    assert sorted(statuses) == [201] + [409] * (len(devices) - 1)
    winner = bodies[statuses.index(201)]
    assert devices[0].get(f"/v1/backups/chunks/{chunk_id}").content == winner
    assert backups.used_bytes(tenant_id) == 5000


def test_the_loser_of_an_insert_race_compares_the_hash(backups: Backups) -> None:
    tenant_id = backups.tenant()
    chunk_id, data = backups.upload(backups.device(tenant_id), 700)
    row = backups.chunk_row(tenant_id, chunk_id)
    same = chunk_store._insert_chunk(backups.store, tenant_id=tenant_id, chunk_id=chunk_id,
                                     key="chunks/loser", size=700,
                                     sha256=hashlib.sha256(data).hexdigest())
    assert same is False
    with pytest.raises(ApiError) as refused:
        chunk_store._insert_chunk(backups.store, tenant_id=tenant_id, chunk_id=chunk_id,
                                  key="chunks/loser", size=700, sha256="f" * 64)
    assert (refused.value.status, refused.value.code) == (409, "chunk_invalid")
    assert backups.chunk_row(tenant_id, chunk_id).blob_key == row.blob_key


def test_snapshot_manifest_travels_unchanged(backups: Backups) -> None:
    """The body is now read piece by piece: a large manifest still arrives byte for byte."""
    device = backups.device(backups.tenant())
    chunk_id = backups.upload(device)[0]
    manifest = bytes(range(256)) * 4096
    stored = _put(device, [chunk_id], manifest=manifest)
    assert stored.status_code == 201, stored.text[:300]
    fetched = device.get(f"/v1/backups/snapshots/{stored.json()['snapshot_id']}").json()
    assert base64.b64decode(fetched["manifest"]) == manifest
