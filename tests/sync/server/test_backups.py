"""The backup chunk store and snapshots through the HTTP API, on both databases.

Devices are made here by inserting a licence, a device and its token through the store, so these
tests need nothing of activation. :class:`Backups` is shared with ``test_retention.py`` and
``test_gc_race.py``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from conftest import Api

from sync.server import schema as t
from sync.server.blobs import BlobStore, open_blob_store
from sync.server.db import Store, make_engine
from sync.server.errors import ApiError
from sync.server.snapshots import _insert_snapshot as store_snapshot
from sync.server.tokens import hash_token, new_token
from sync.wire.backups import MAX_MANIFEST_BYTES, SnapshotUpload

CHUNK_KEY = secrets.token_bytes(32)


def chunk(size: int = 1000) -> tuple[str, bytes]:
    """A random "encrypted" chunk and its keyed id, as the desktop would make them."""
    data = os.urandom(size)
    return hmac.new(CHUNK_KEY, data, hashlib.sha256).hexdigest(), data


def snapshot_body(chunk_ids: list[str], *, backup_set: str = "set-a",
                  taken_at: datetime | None = None, manifest: bytes = b"manifest",
                  total_size: int = 4096) -> dict[str, Any]:
    return {
        "backup_set": backup_set,
        "taken_at": (taken_at or datetime.now(UTC)).isoformat(),
        "chunk_ids": chunk_ids,
        "total_size": total_size,
        "manifest": base64.b64encode(manifest).decode(),
    }


@dataclass
class Backups:
    """The running service, plus direct access to its database and blobs for setting up and
    checking what the API cannot show."""

    api: Api
    store: Store
    blobs: BlobStore
    clients: list[httpx.Client] = field(default_factory=list)

    def tenant(self, name: str = "Cabinet") -> uuid.UUID:
        return uuid.UUID(self.api.new_tenant(name)[0])

    def device(self, tenant_id: uuid.UUID) -> httpx.Client:
        """A client holding the token of a new active device of ``tenant_id``."""
        token, now = new_token("dev"), datetime.now(UTC)
        licence_id, device_id = uuid.uuid4(), uuid.uuid4()
        with self.store.tenant(tenant_id) as connection:
            connection.execute(t.licence.insert().values(
                licence_id=licence_id, tenant_id=tenant_id, key_hash=secrets.token_hex(32),
                key_hint="TEST", edition="standard", seats=5, features=[], created_at=now))
            connection.execute(t.device.insert().values(
                device_id=device_id, tenant_id=tenant_id, licence_id=licence_id,
                fingerprint=secrets.token_hex(16), name="test PC", activated_at=now,
                last_seen_at=now, lease_end=now + timedelta(days=30)))
            connection.execute(t.credential.insert().values(
                token_hash=hash_token(token), tenant_id=tenant_id, kind="device",
                subject_id=device_id, created_at=now))
        client = self.api.client(token)
        self.clients.append(client)
        return client

    def chunk_row(self, tenant_id: uuid.UUID, chunk_id: str) -> Any:
        with self.store.tenant(tenant_id) as connection:
            return connection.execute(t.chunk.select().where(
                t.chunk.c.tenant_id == tenant_id, t.chunk.c.chunk_id == chunk_id)).first()

    def count(self, table: sa.Table, tenant_id: uuid.UUID) -> int:
        with self.store.tenant(tenant_id) as connection:
            return connection.execute(sa.select(sa.func.count()).select_from(table)
                                      .where(table.c.tenant_id == tenant_id)).scalar_one()

    def used_bytes(self, tenant_id: uuid.UUID) -> int:
        with self.store.tenant(tenant_id) as connection:
            return connection.execute(sa.select(t.tenant.c.used_bytes).where(
                t.tenant.c.tenant_id == tenant_id)).scalar_one()

    def age(self, tenant_id: uuid.UUID, chunk_ids: list[str] | None = None,
            hours: float = 48) -> None:
        """Pretend the chunks (all of the tenant's if None) were last touched ``hours`` ago."""
        query = t.chunk.update().where(t.chunk.c.tenant_id == tenant_id)
        if chunk_ids is not None:
            query = query.where(t.chunk.c.chunk_id.in_(chunk_ids))
        with self.store.tenant(tenant_id) as connection:
            connection.execute(query.values(
                touched_at=datetime.now(UTC) - timedelta(hours=hours)))

    def upload(self, client: httpx.Client, size: int = 1000) -> tuple[str, bytes]:
        chunk_id, data = chunk(size)
        response = client.put(f"/v1/backups/chunks/{chunk_id}", content=data)
        assert response.status_code == 201, response.text
        return chunk_id, data


@contextmanager
def open_backups(api: Api) -> Iterator[Backups]:
    settings = api.settings
    store = Store(make_engine(settings.resolved_database_url, pool_size=4))
    blobs = open_blob_store(settings.resolved_blob_url, endpoint_url=settings.s3_endpoint_url,
                            region=settings.s3_region)
    env = Backups(api, store, blobs)
    try:
        yield env
    finally:
        for client in env.clients:
            client.close()
        store.dispose()


@pytest.fixture
def backups(api: Api) -> Iterator[Backups]:
    with open_backups(api) as env:
        yield env


def test_chunk_upload_is_idempotent_and_counted_once(backups: Backups) -> None:
    tenant_id = backups.tenant()
    device = backups.device(tenant_id)
    chunk_id, data = chunk(1234)
    assert device.head(f"/v1/backups/chunks/{chunk_id}").status_code == 404
    first = device.put(f"/v1/backups/chunks/{chunk_id}", content=data)
    again = device.put(f"/v1/backups/chunks/{chunk_id}", content=data)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == {"chunk_id": chunk_id, "size": 1234, "created": True}
    assert again.json()["created"] is False
    assert backups.count(t.chunk, tenant_id) == 1
    assert backups.used_bytes(tenant_id) == 1234
    head = device.head(f"/v1/backups/chunks/{chunk_id}")
    assert head.status_code == 200 and head.headers["content-length"] == "1234"
    fetched = device.get(f"/v1/backups/chunks/{chunk_id}")
    assert fetched.content == data
    assert fetched.headers["content-type"] == "application/octet-stream"


def test_concurrent_uploads_of_one_chunk_store_it_once(backups: Backups) -> None:
    tenant_id = backups.tenant()
    devices = [backups.device(tenant_id) for _ in range(6)]
    chunk_id, data = chunk(5000)
    barrier = threading.Barrier(len(devices))

    def upload(device: httpx.Client) -> int:
        barrier.wait()
        return device.put(f"/v1/backups/chunks/{chunk_id}", content=data).status_code

    with ThreadPoolExecutor(len(devices)) as pool:
        statuses = sorted(pool.map(upload, devices))
    assert statuses == [200] * (len(devices) - 1) + [201]
    assert backups.count(t.chunk, tenant_id) == 1
    assert backups.used_bytes(tenant_id) == 5000
    assert devices[0].get(f"/v1/backups/chunks/{chunk_id}").content == data


def test_chunk_limits_and_malformed_ids(backups: Backups) -> None:
    device = backups.device(backups.tenant())
    limit = backups.api.settings.max_chunk_bytes
    chunk_id, _ = chunk()
    too_large = device.put(f"/v1/backups/chunks/{chunk_id}", content=b"x" * (limit + 1))
    assert too_large.status_code == 413
    assert too_large.json()["error"]["code"] == "request_too_large"
    streamed = device.put(f"/v1/backups/chunks/{chunk_id}",
                          content=iter([b"x" * limit, b"y"]))
    assert streamed.status_code == 413
    assert device.head(f"/v1/backups/chunks/{chunk_id}").status_code == 404
    empty = device.put(f"/v1/backups/chunks/{chunk_id}", content=b"")
    assert (empty.status_code, empty.json()["error"]["code"]) == (400, "chunk_invalid")
    for bad in ("A" * 64, "0" * 63, "../" + "0" * 61):
        assert device.put(f"/v1/backups/chunks/{bad}", content=b"x").status_code in (404, 422)
    _, other = chunk(10)
    device.put(f"/v1/backups/chunks/{chunk_id}", content=b"y" * 20)
    clash = device.put(f"/v1/backups/chunks/{chunk_id}", content=other)
    assert (clash.status_code, clash.json()["error"]["code"]) == (409, "chunk_invalid")


def test_device_token_required(backups: Backups) -> None:
    _, admin_token = backups.api.new_tenant()
    chunk_id, _ = chunk()
    for token in (None, admin_token, "dev_unknown"):
        with backups.api.client(token) as client:
            response = client.head(f"/v1/backups/chunks/{chunk_id}")
            assert response.status_code == 401
            assert client.get("/v1/backups/snapshots").status_code == 401


def test_snapshot_put_twice_changes_nothing_and_other_contents_conflict(
        backups: Backups) -> None:
    tenant_id = backups.tenant()
    device = backups.device(tenant_id)
    ids = [backups.upload(device)[0] for _ in range(3)]
    snapshot_id = uuid.uuid4()
    body = snapshot_body(ids + ids[:1], manifest=b"M" * 100)
    first = device.put(f"/v1/backups/snapshots/{snapshot_id}", json=body)
    used = backups.used_bytes(tenant_id)
    again = device.put(f"/v1/backups/snapshots/{snapshot_id}", json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    assert first.json()["chunk_count"] == 3
    assert used == 3 * 1000 + 100 == backups.used_bytes(tenant_id)
    assert backups.count(t.snapshot_chunk, tenant_id) == 3
    for change in ({"manifest": "TQ=="}, {"chunk_ids": ids[:2]}, {"total_size": 1},
                   {"backup_set": "set-b"}):
        clash = device.put(f"/v1/backups/snapshots/{snapshot_id}", json=body | change)
        assert clash.status_code == 409, change
        assert clash.json()["error"]["code"] == "snapshot_conflict"
    stored = device.get(f"/v1/backups/snapshots/{snapshot_id}").json()
    assert stored["chunk_ids"] == sorted(ids)
    assert stored["manifest"] == body["manifest"]
    assert stored["manifest_sha256"] == hashlib.sha256(b"M" * 100).hexdigest()
    assert backups.used_bytes(tenant_id) == used


def test_snapshot_naming_a_missing_chunk_stores_nothing(backups: Backups) -> None:
    tenant_id = backups.tenant()
    device = backups.device(tenant_id)
    present = backups.upload(device)[0]
    absent = [chunk()[0] for _ in range(2)]
    snapshot_id = uuid.uuid4()
    used = backups.used_bytes(tenant_id)
    refused = device.put(f"/v1/backups/snapshots/{snapshot_id}",
                         json=snapshot_body([present, *absent]))
    assert refused.status_code == 409
    error = refused.json()["error"]
    assert error["code"] == "chunk_missing"
    assert sorted(error["details"]["missing"]) == sorted(absent)
    assert device.get(f"/v1/backups/snapshots/{snapshot_id}").status_code == 404
    assert backups.count(t.snapshot, tenant_id) == backups.count(t.snapshot_chunk, tenant_id) == 0
    assert backups.used_bytes(tenant_id) == used


def test_quota_refuses_chunks_and_manifests_storing_nothing(backups: Backups) -> None:
    tenant_id = backups.tenant()
    with backups.api.operator as operator:
        operator.patch(f"/v1/admin/tenants/{tenant_id}", json={"quota_bytes": 1500})
    device = backups.device(tenant_id)
    kept = backups.upload(device, 1000)[0]
    chunk_id, data = chunk(600)
    refused = device.put(f"/v1/backups/chunks/{chunk_id}", content=data)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "quota_exceeded"
    assert refused.json()["error"]["details"]["used_bytes"] == 1000
    assert device.head(f"/v1/backups/chunks/{chunk_id}").status_code == 404
    assert backups.used_bytes(tenant_id) == 1000
    snapshot_id = uuid.uuid4()
    too_big = device.put(f"/v1/backups/snapshots/{snapshot_id}",
                         json=snapshot_body([kept], manifest=b"m" * 501))
    assert too_big.json()["error"]["code"] == "quota_exceeded"
    assert backups.count(t.snapshot, tenant_id) == backups.count(t.snapshot_chunk, tenant_id) == 0
    fits = device.put(f"/v1/backups/snapshots/{snapshot_id}",
                      json=snapshot_body([kept], manifest=b"m" * 500))
    assert fits.status_code == 201
    assert backups.used_bytes(tenant_id) == 1500


def _drop_mid_upload(backups: Backups, client: httpx.Client, chunk_id: str, data: bytes) -> None:
    """Send half of a chunk upload, then close the connection, as a lost network would."""
    host, port = backups.api.url.removeprefix("http://").split(":")
    head = (f"PUT /v1/backups/chunks/{chunk_id} HTTP/1.1\r\nHost: {host}\r\n"
            f"Authorization: {client.headers['Authorization']}\r\n"
            f"Content-Length: {len(data)}\r\n\r\n")
    with socket.create_connection((host, int(port))) as sock:
        sock.sendall(head.encode() + data[:len(data) // 2])


def test_resume_after_dropped_connection_asks_only_for_the_rest(backups: Backups) -> None:
    tenant_id = backups.tenant()
    chunks = [chunk(3000) for _ in range(20)]
    first = backups.device(tenant_id)
    for chunk_id, data in chunks[:10]:
        first.put(f"/v1/backups/chunks/{chunk_id}", content=data)
    _drop_mid_upload(backups, first, *chunks[10])
    first.close()
    backups.age(tenant_id)
    second = backups.device(tenant_id)
    ids = [chunk_id for chunk_id, _ in chunks]
    answer = second.post("/v1/backups/chunks/missing", json={"chunk_ids": ids + ids[:3]})
    assert answer.json() == {"missing": ids[10:]}
    recent = datetime.now(UTC) - timedelta(minutes=5)
    assert all(backups.chunk_row(tenant_id, x).touched_at > recent for x in ids[:10])
    too_many = second.post("/v1/backups/chunks/missing", json={"chunk_ids": ids * 501})
    assert too_many.status_code == 422


def test_another_tenants_chunks_and_snapshots_are_not_found(backups: Backups) -> None:
    a, b = backups.tenant("A"), backups.tenant("B")
    device_a, device_b = backups.device(a), backups.device(b)
    chunk_id, data = backups.upload(device_a)
    snapshot_id = uuid.uuid4()
    assert device_a.put(f"/v1/backups/snapshots/{snapshot_id}",
                        json=snapshot_body([chunk_id])).status_code == 201
    assert device_b.head(f"/v1/backups/chunks/{chunk_id}").status_code == 404
    assert device_b.get(f"/v1/backups/chunks/{chunk_id}").status_code == 404
    assert device_b.get(f"/v1/backups/snapshots/{snapshot_id}").status_code == 404
    assert device_b.delete(f"/v1/backups/snapshots/{snapshot_id}").status_code == 404
    assert device_b.get("/v1/backups/snapshots").json()["snapshots"] == []
    missing = device_b.post("/v1/backups/chunks/missing", json={"chunk_ids": [chunk_id]})
    assert missing.json() == {"missing": [chunk_id]}
    borrowed = device_b.put(f"/v1/backups/snapshots/{uuid.uuid4()}",
                            json=snapshot_body([chunk_id]))
    assert borrowed.json()["error"]["code"] == "chunk_missing"
    assert device_b.put(f"/v1/backups/chunks/{chunk_id}", content=b"B" * 10).status_code == 201
    assert device_a.get(f"/v1/backups/chunks/{chunk_id}").content == data
    same_id = device_b.put(f"/v1/backups/snapshots/{snapshot_id}", json=snapshot_body([chunk_id]))
    assert same_id.status_code == 201
    assert backups.used_bytes(a) == 1000 + len(b"manifest")
    assert device_a.get(f"/v1/backups/snapshots/{snapshot_id}").status_code == 200


def test_snapshots_listed_newest_first_in_pages(backups: Backups) -> None:
    tenant_id = backups.tenant()
    device = backups.device(tenant_id)
    chunk_id = backups.upload(device)[0]
    start = datetime(2024, 5, 1, 12, tzinfo=UTC)
    made = []
    for day in range(5):
        snapshot_id = uuid.uuid4()
        made.append(str(snapshot_id))
        device.put(f"/v1/backups/snapshots/{snapshot_id}", json=snapshot_body(
            [chunk_id], taken_at=start + timedelta(days=day),
            backup_set="even" if day % 2 == 0 else "odd"))
    seen, cursor = [], None
    while True:
        params: dict[str, Any] = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = device.get("/v1/backups/snapshots", params=params).json()
        seen += [x["snapshot_id"] for x in page["snapshots"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == made[::-1]
    odd = device.get("/v1/backups/snapshots", params={"backup_set": "odd"}).json()
    assert [x["snapshot_id"] for x in odd["snapshots"]] == [made[3], made[1]]
    bad = device.get("/v1/backups/snapshots", params={"cursor": "nonsense"})
    assert (bad.status_code, bad.json()["error"]["code"]) == (400, "bad_request")


def test_forgetting_a_snapshot_frees_its_manifest(backups: Backups) -> None:
    tenant_id = backups.tenant()
    device = backups.device(tenant_id)
    chunk_id = backups.upload(device)[0]
    snapshot_id = uuid.uuid4()
    device.put(f"/v1/backups/snapshots/{snapshot_id}",
               json=snapshot_body([chunk_id], manifest=b"m" * 77))
    assert backups.used_bytes(tenant_id) == 1077
    assert device.delete(f"/v1/backups/snapshots/{snapshot_id}").status_code == 204
    assert device.get(f"/v1/backups/snapshots/{snapshot_id}").status_code == 404
    assert device.delete(f"/v1/backups/snapshots/{snapshot_id}").status_code == 404
    assert backups.used_bytes(tenant_id) == 1000
    assert backups.count(t.snapshot_chunk, tenant_id) == 0
    assert device.head(f"/v1/backups/chunks/{chunk_id}").status_code == 200


def test_snapshot_upload_is_validated(backups: Backups) -> None:
    device = backups.device(backups.tenant())
    chunk_id = backups.upload(device)[0]
    url = f"/v1/backups/snapshots/{uuid.uuid4()}"
    future = datetime.now(UTC) + timedelta(days=3)
    for body in (snapshot_body([chunk_id]) | {"manifest": "not base64!"},
                 snapshot_body([chunk_id], backup_set="has space"),
                 snapshot_body([chunk_id], backup_set="x" * 65),
                 snapshot_body(["ABC"]),
                 snapshot_body([chunk_id]) | {"taken_at": "2024-01-01T00:00:00"},
                 snapshot_body([chunk_id], taken_at=future)):
        response = device.put(url, json=body)
        assert response.status_code == 422, body
        assert response.json()["error"]["code"] == "validation_error"


def test_values_the_database_cannot_hold_are_refused(backups: Backups) -> None:
    """Found by the OpenAPI fuzzer: each of these used to end in a 500."""
    device = backups.device(backups.tenant())
    chunk_id = backups.upload(device)[0]
    url = f"/v1/backups/snapshots/{uuid.uuid4()}"
    for name, body in (
            ("taken_at", snapshot_body([chunk_id]) | {"taken_at": "0001-01-01T00:00:00+01:00"}),
            ("total_size", snapshot_body([chunk_id], total_size=2**63))):
        response = device.put(url, json=body)
        assert response.status_code == 422, body
        assert response.json()["error"]["code"] == "validation_error"
        assert name in response.json()["error"]["message"]
    listed = device.get("/v1/backups/snapshots", params={"backup_set": "set\x00a"})
    assert (listed.status_code, listed.json()["error"]["code"]) == (422, "validation_error")
    for position in ("2024-05-01T12:00:00", "0001-01-01T00:00:00+01:00"):
        cursor = base64.urlsafe_b64encode(f"{position}|{uuid.uuid4()}".encode()).decode()
        page = device.get("/v1/backups/snapshots", params={"cursor": cursor})
        assert (page.status_code, page.json()["error"]["code"]) == (400, "bad_request")


def _seed_chunks(backups: Backups, tenant_id: uuid.UUID, count: int) -> list[str]:
    """``count`` chunk rows written straight into the store (a real upload of 50,000 is slow)."""
    now = datetime.now(UTC)
    rows = [{"tenant_id": tenant_id, "chunk_id": secrets.token_hex(32), "blob_key": f"seed/{n}",
             "size": 1, "created_at": now, "touched_at": now - timedelta(hours=1)}
            for n in range(count)]
    with backups.store.tenant(tenant_id) as connection:
        connection.execute(t.chunk.insert(), rows)
    return [row["chunk_id"] for row in rows]


def test_a_large_snapshot_does_not_hold_up_other_writers(backups: Backups) -> None:
    """Touching and storing 50,000 references in one transaction held SQLite's one writer slot
    for 1.5 s, every check-in and upload queued behind it; now the touches go in short
    transactions and only the insert of the references (~0.4 s here) is one. PostgreSQL locks
    rows, not the database, so this is about SQLite only."""
    if backups.store.is_postgres:
        pytest.skip("PostgreSQL has no single writer slot")
    tenant_id = backups.tenant()
    device, other = backups.device(tenant_id), backups.device(tenant_id)
    probe_id = backups.upload(other)[0]
    chunk_ids = _seed_chunks(backups, tenant_id, 50_000)
    latencies: list[float] = []
    done = threading.Event()

    def probe() -> None:  # a HEAD touches its chunk: a write transaction of its own
        while not done.is_set():
            started = time.monotonic()
            assert other.head(f"/v1/backups/chunks/{probe_id}").status_code == 200
            latencies.append(time.monotonic() - started)

    with ThreadPoolExecutor(1) as pool:
        probing = pool.submit(probe)
        try:
            started = time.monotonic()
            stored = device.put(f"/v1/backups/snapshots/{uuid.uuid4()}",
                                json=snapshot_body(chunk_ids), timeout=60)
            put_seconds = time.monotonic() - started
        finally:
            done.set()
        probing.result()
    assert stored.status_code == 201, stored.text
    assert stored.json()["chunk_count"] == 50_000
    assert len(latencies) >= 5
    # Relative to the whole PUT, so a slow machine does not fail it: with one long transaction
    # the worst wait was most of the PUT; with short ones it is a small part of it.
    assert max(latencies) < 0.5 * put_seconds, (put_seconds, sorted(latencies)[-5:])
    with backups.store.tenant(tenant_id, readonly=True) as connection:
        stale = connection.execute(sa.select(sa.func.count()).select_from(t.chunk).where(
            t.chunk.c.tenant_id == tenant_id,
            t.chunk.c.touched_at < datetime.now(UTC) - timedelta(minutes=5))).scalar_one()
    assert stale == 0


def test_snapshot_refused_if_a_chunk_is_collected_after_its_touch(backups: Backups) -> None:
    """The final transaction re-checks the chunks the touches found, storing nothing if one
    went meanwhile (only possible with a grace period shorter than the upload)."""
    tenant_id = backups.tenant()
    kept, gone = *_seed_chunks(backups, tenant_id, 1), chunk()[0]
    upload = SnapshotUpload.model_validate(snapshot_body([kept, gone]))
    with pytest.raises(ApiError) as refused:
        store_snapshot(backups.store, tenant_id=tenant_id, device_id=None,
                       snapshot_id=uuid.uuid4(), upload=upload, chunk_ids=sorted([kept, gone]),
                       key="manifests/x", digest="0" * 64)
    assert (refused.value.status, refused.value.details["missing"]) == (409, [gone])
    assert backups.count(t.snapshot, tenant_id) == backups.count(t.snapshot_chunk, tenant_id) == 0


def test_a_snapshot_larger_than_max_request_bytes_is_accepted(backups: Backups) -> None:
    device = backups.device(backups.tenant())
    chunk_id = backups.upload(device)[0]
    manifest = os.urandom(backups.api.settings.max_request_bytes)
    stored = device.put(f"/v1/backups/snapshots/{uuid.uuid4()}",
                        json=snapshot_body([chunk_id], manifest=manifest))
    assert stored.status_code == 201, stored.text[:300]
    assert stored.json()["manifest_size"] == len(manifest)
    too_big = device.put(f"/v1/backups/snapshots/{uuid.uuid4()}",
                         json=snapshot_body([chunk_id], manifest=bytes(MAX_MANIFEST_BYTES + 1)))
    assert too_big.status_code == 413
    assert too_big.json()["error"]["code"] == "request_too_large"
    assert "manifest" in too_big.json()["error"]["message"]


def test_a_device_deletes_only_its_own_snapshots_and_an_admin_any(backups: Backups) -> None:
    tenant_id, admin_token = backups.api.new_tenant("Cabinet")
    tenant_id = uuid.UUID(tenant_id)
    mine, theirs = backups.device(tenant_id), backups.device(tenant_id)
    chunk_id = backups.upload(mine)[0]
    own, foreign = uuid.uuid4(), uuid.uuid4()
    for client, snapshot_id, backup_set in ((mine, own, "mine"), (theirs, foreign, "theirs")):
        assert client.put(f"/v1/backups/snapshots/{snapshot_id}", json=snapshot_body(
            [chunk_id], backup_set=backup_set)).status_code == 201
    refused = mine.delete(f"/v1/backups/snapshots/{foreign}")
    assert (refused.status_code, refused.json()["error"]["code"]) == (403, "forbidden")
    assert "administrator" in refused.json()["error"]["message"]
    assert mine.get(f"/v1/backups/snapshots/{foreign}").status_code == 200
    assert mine.delete(f"/v1/backups/snapshots/{own}").status_code == 204
    assert mine.delete(f"/v1/backups/snapshots/{uuid.uuid4()}").status_code == 404
    other_admin = backups.api.client(backups.api.new_tenant("Other")[1])
    admin = backups.api.client(admin_token)
    backups.clients += [other_admin, admin]
    path = f"/v1/admin/tenants/{tenant_id}/snapshots/{foreign}"
    assert other_admin.delete(path).status_code == 404
    assert mine.get(f"/v1/backups/snapshots/{foreign}").status_code == 200
    assert admin.delete(path).status_code == 204
    assert admin.delete(path).status_code == 404
    assert mine.get(f"/v1/backups/snapshots/{foreign}").status_code == 404
    assert backups.count(t.snapshot, tenant_id) == 0
