"""Garbage collection racing with backups: no chunk a client was promised is ever lost.

A chunk the server told a client it has (HEAD, ``missing``, a repeated upload) survives a
collection that starts right after, so the client's manifest naming it succeeds; a chunk the
collector deleted first is reported missing and uploaded again. A collection over thousands of
chunks runs beside a stream of uploads without holding them up.
"""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
import sqlalchemy as sa
from conftest import Api
from test_backups import Backups, chunk, open_backups, snapshot_body

from sync.server import schema as t
from sync.server.blobs import BlobNotFound
from sync.server.retention import collect_garbage

GRACE = timedelta(hours=24)


@pytest.fixture
def backups(api: Api) -> Iterator[Backups]:
    with open_backups(api) as env:
        yield env


def _collect(backups: Backups, tenant_id: uuid.UUID, batch_size: int = 200) -> int:
    removed, _ = collect_garbage(backups.store, backups.blobs, tenant_id=tenant_id, grace=GRACE,
                                 batch_size=batch_size)
    return removed


def _promise(device: httpx.Client, chunk_id: str, data: bytes, how: str) -> None:
    """Ask the server about a chunk, in one of the ways that tell the client it is stored."""
    if how == "head":
        assert device.head(f"/v1/backups/chunks/{chunk_id}").status_code == 200
    elif how == "missing":
        answer = device.post("/v1/backups/chunks/missing", json={"chunk_ids": [chunk_id]})
        assert answer.json() == {"missing": []}
    else:
        assert device.put(f"/v1/backups/chunks/{chunk_id}", content=data).status_code == 200


@pytest.mark.parametrize("how", ["head", "missing", "put"])
def test_chunk_promised_before_collection_survives_it(backups: Backups, how: str) -> None:
    tenant_id = backups.tenant()
    device = backups.device(tenant_id)
    chunk_id, data = backups.upload(device)
    backups.age(tenant_id)
    _promise(device, chunk_id, data, how)
    assert _collect(backups, tenant_id) == 0
    stored = device.put(f"/v1/backups/snapshots/{uuid.uuid4()}", json=snapshot_body([chunk_id]))
    assert stored.status_code == 201
    assert device.get(f"/v1/backups/chunks/{chunk_id}").content == data


def test_chunk_collected_first_is_reported_missing_and_uploaded_again(backups: Backups) -> None:
    tenant_id = backups.tenant()
    device = backups.device(tenant_id)
    chunk_id, data = backups.upload(device)
    old_key = backups.chunk_row(tenant_id, chunk_id).blob_key
    backups.age(tenant_id)
    assert _collect(backups, tenant_id) == 1
    assert backups.used_bytes(tenant_id) == 0
    assert device.head(f"/v1/backups/chunks/{chunk_id}").status_code == 404
    missing = device.post("/v1/backups/chunks/missing", json={"chunk_ids": [chunk_id]})
    assert missing.json() == {"missing": [chunk_id]}
    snapshot_id = uuid.uuid4()
    refused = device.put(f"/v1/backups/snapshots/{snapshot_id}", json=snapshot_body([chunk_id]))
    assert refused.json()["error"]["details"]["missing"] == [chunk_id]
    assert device.put(f"/v1/backups/chunks/{chunk_id}", content=data).status_code == 201
    assert backups.chunk_row(tenant_id, chunk_id).blob_key != old_key
    stored = device.put(f"/v1/backups/snapshots/{snapshot_id}", json=snapshot_body([chunk_id]))
    assert stored.status_code == 201
    assert device.get(f"/v1/backups/chunks/{chunk_id}").content == data


def _seed(backups: Backups, tenant_id: uuid.UUID, count: int, with_blobs: int) -> list[str]:
    """``count`` old unreferenced chunks written straight into the store (fast), the first
    ``with_blobs`` of them with a blob."""
    old = datetime.now(UTC) - timedelta(hours=48)
    rows = []
    for index in range(count):
        chunk_id, data = chunk(64)
        key = f"chunks/{tenant_id}/{chunk_id[:2]}/{chunk_id}.seed"
        if index < with_blobs:
            backups.blobs.put(key, data)
        rows.append({"tenant_id": tenant_id, "chunk_id": chunk_id, "blob_key": key,
                     "size": 64, "created_at": old, "touched_at": old})
    with backups.store.tenant(tenant_id) as connection:
        connection.execute(t.chunk.insert(), rows)
        connection.execute(t.tenant.update().where(t.tenant.c.tenant_id == tenant_id)
                           .values(used_bytes=t.tenant.c.used_bytes + 64 * count))
    return [row["chunk_id"] for row in rows]


class Uploader(threading.Thread):
    """A backup client at work: uploads chunks and stores snapshots naming them together with
    old chunks it was just told exist; records every request's latency and any broken promise.
    Its requests go through several devices, so each snapshot is the first of a set of its own
    (a set belongs to the device that started it)."""

    def __init__(self, devices: list[httpx.Client], claimable: list[str]) -> None:
        super().__init__(daemon=True)
        self.devices, self.claimable = devices, claimable
        self.stop, self.started_work = threading.Event(), threading.Event()
        self.latencies: list[float] = []
        self.failures: list[str] = []
        self.claimed: set[str] = set()

    def _timed(self, method: str, url: str, **kwargs: object) -> httpx.Response:
        device = self.devices[len(self.latencies) % len(self.devices)]
        started = time.monotonic()
        response = device.request(method, url, **kwargs)  # type: ignore[arg-type]
        self.latencies.append(time.monotonic() - started)
        return response

    def run(self) -> None:
        while not self.stop.is_set():
            fresh = []
            for _ in range(4):
                chunk_id, data = chunk(256)
                response = self._timed("PUT", f"/v1/backups/chunks/{chunk_id}", content=data)
                if response.status_code != 201:
                    self.failures.append(f"upload: {response.status_code} {response.text}")
                fresh.append(chunk_id)
                self.started_work.set()
            wanted, self.claimable = self.claimable[:8], self.claimable[8:]
            answer = self._timed("POST", "/v1/backups/chunks/missing",
                                 json={"chunk_ids": wanted}).json()
            present = [x for x in wanted if x not in answer["missing"]]
            stored = self._timed("PUT", f"/v1/backups/snapshots/{uuid.uuid4()}",
                                 json=snapshot_body(fresh + present,
                                                    backup_set=uuid.uuid4().hex))
            if stored.status_code != 201:
                self.failures.append(f"snapshot: {stored.status_code} {stored.text}")
            self.claimed.update(present)


def _present(backups: Backups, tenant_id: uuid.UUID, chunk_ids: set[str]) -> set[str]:
    with backups.store.tenant(tenant_id, readonly=True) as connection:
        return set(connection.execute(sa.select(t.chunk.c.chunk_id).where(
            t.chunk.c.tenant_id == tenant_id, t.chunk.c.chunk_id.in_(chunk_ids))).scalars())


def _orphans_and_usage(backups: Backups, tenant_id: uuid.UUID) -> tuple[int, int, int]:
    """References to missing chunks, recorded usage, and the usage the rows add up to."""
    chunk, used = t.chunk.c, t.snapshot_chunk.c
    with backups.store.tenant(tenant_id) as connection:
        orphans = connection.execute(
            sa.select(sa.func.count()).select_from(t.snapshot_chunk.outerjoin(
                t.chunk, sa.and_(chunk.tenant_id == used.tenant_id,
                                 chunk.chunk_id == used.chunk_id)))
            .where(used.tenant_id == tenant_id, chunk.chunk_id.is_(None))).scalar_one()
        recorded = connection.execute(sa.select(t.tenant.c.used_bytes).where(
            t.tenant.c.tenant_id == tenant_id)).scalar_one()
        rows = connection.execute(sa.select(sa.func.coalesce(sa.func.sum(chunk.size), 0)).where(
            chunk.tenant_id == tenant_id)).scalar_one()
        manifests = connection.execute(
            sa.select(sa.func.coalesce(sa.func.sum(t.snapshot.c.manifest_size), 0))
            .where(t.snapshot.c.tenant_id == tenant_id)).scalar_one()
    return orphans, recorded, rows + manifests


def test_collection_beside_a_stream_of_uploads(backups: Backups) -> None:
    tenant_id = backups.tenant()
    devices = [backups.device(tenant_id) for _ in range(8)]
    kept = _seed(backups, tenant_id, 500, with_blobs=0)
    assert devices[0].put(f"/v1/backups/snapshots/{uuid.uuid4()}",
                          json=snapshot_body(kept)).status_code == 201
    backups.age(tenant_id)
    garbage = _seed(backups, tenant_id, 4000, with_blobs=100)
    claimable = random.Random(7).sample(garbage, 800)
    uploader = Uploader(devices, claimable)
    uploader.start()
    assert uploader.started_work.wait(10)
    started = time.monotonic()
    try:
        removed = _collect(backups, tenant_id, batch_size=100)
    finally:
        took = time.monotonic() - started
        uploader.stop.set()
        uploader.join(30)
    assert uploader.failures == []
    assert len(uploader.latencies) >= 10, f"GC took {took:.2f} s"
    assert max(uploader.latencies) < 2.0
    assert removed == len(set(garbage) - uploader.claimed)
    survivors = set(kept) | uploader.claimed
    assert _present(backups, tenant_id, survivors) == survivors
    for chunk_id in garbage[:100]:
        if chunk_id not in uploader.claimed:
            with pytest.raises(BlobNotFound):
                backups.blobs.get(f"chunks/{tenant_id}/{chunk_id[:2]}/{chunk_id}.seed")
    orphans, recorded, actual = _orphans_and_usage(backups, tenant_id)
    assert orphans == 0
    assert recorded == actual
