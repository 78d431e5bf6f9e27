"""Listing a company's backups and restoring one into a new company file.

A restore fetches the snapshot's chunks a few at a time ahead of the one it writes, checks each
against its keyed id and the whole stream against the manifest's digest, and builds the new file
under a temporary name (``app.store.snapshot.restore``), linked into place only when complete:
a damaged chunk is refused by name and leaves nothing behind. The restored file keeps the
company's key, so its recovery key stays the same, under a fresh salt.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

from app.store import snapshot as books_snapshot
from app.store.keys import FileKey
from sync.client import backup
from sync.client.crypto import BackupKeys, ChunkCorrupt
from sync.client.http import CloudError, Service
from sync.client.registry import remember
from sync.wire.backups import Snapshot, SnapshotInfo, SnapshotPage

PREFETCH = 32
"""Chunks a restore fetches ahead of the one it is writing."""


def list_snapshots(api: Service, backup_set: str | None = None) -> list[SnapshotInfo]:
    """Every snapshot of the tenant (or of one set), newest first."""
    found: list[SnapshotInfo] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 1000}
        if backup_set:
            params["backup_set"] = backup_set
        if cursor:
            params["cursor"] = cursor
        page = SnapshotPage.model_validate(api.get("/v1/backups/snapshots", params=params).json())
        found.extend(page.snapshots)
        if not page.next_cursor:
            return found
        cursor = page.next_cursor


@dataclass(frozen=True)
class Manifest:
    snapshot: Snapshot
    company: str
    taken_at: str
    content_sha256: str
    content_size: int
    chunks: list[tuple[str, int]]
    salt: str


def read_manifest(api: Service, keys: BackupKeys, snapshot_id: UUID) -> Manifest:
    snap = Snapshot.model_validate(api.get(f"/v1/backups/snapshots/{snapshot_id}").json())
    if snap.backup_set != keys.backup_set:
        raise CloudError(f"snapshot {snapshot_id} is not a backup of the company this key "
                         "opens; check the recovery key")
    data = json.loads(keys.open_manifest(snap.backup_set, snapshot_id, snap.manifest))
    if data.get("format") != backup.MANIFEST_FORMAT or data.get("snapshot_id") != str(snapshot_id):
        raise ChunkCorrupt(f"the manifest of snapshot {snapshot_id}", "it names another snapshot")
    return Manifest(snap, data["company"], data["taken_at"], data["content_sha256"],
                    data["content_size"], [tuple(c) for c in data["chunks"]], data["salt"])


def choose_snapshot(api: Service, keys: BackupKeys, which: str,
                    company: str | None = None) -> Manifest:
    """The manifest of ``latest`` or of a snapshot id, of the company whose keys are given.

    Companies created from one key file share a key, hence a backup set: ``latest`` is then the
    newest snapshot whose manifest names ``company``.
    """
    if which != "latest":
        try:
            return read_manifest(api, keys, UUID(which))
        except ValueError:
            raise CloudError(f"{which!r} is neither 'latest' nor a snapshot id") from None
    found = list_snapshots(api, keys.backup_set)
    if not found:
        raise CloudError("the service holds no backup of the company this key opens (check the "
                         "recovery key, and that this PC is connected to the same firm)")
    names = []
    for info in found:
        manifest = read_manifest(api, keys, info.snapshot_id)
        if company is None or _same_name(manifest.company, company):
            return manifest
        names.append(manifest.company)
    raise CloudError(f"the backups this key opens are of {', '.join(sorted(set(names)))}, "
                     f"not {company!r}")


def _same_name(a: str, b: str) -> bool:
    return a.casefold().strip() == b.casefold().strip()


def _chunks(api: Service, keys: BackupKeys, manifest: Manifest,
            progress: backup.Progress | None) -> Iterator[bytes]:
    """The snapshot's plaintext in order, fetched and opened a few chunks ahead."""
    digest = hashlib.sha256()

    def fetch(chunk_id: str) -> bytes:
        return keys.open_chunk(chunk_id, api.get(f"/v1/backups/chunks/{chunk_id}").content)

    with ThreadPoolExecutor(backup.TRANSFERS, thread_name_prefix="daftar-restore") as pool:
        yield from _in_order(pool, fetch, manifest, digest, progress)
    if digest.hexdigest() != manifest.content_sha256:
        raise ChunkCorrupt(f"snapshot {manifest.snapshot.snapshot_id}",
                           "the restored content does not match its manifest")


def _in_order(pool: ThreadPoolExecutor, fetch: Callable[[str], bytes], manifest: Manifest,
              digest: Any, progress: backup.Progress | None) -> Iterator[bytes]:
    """Chunks in manifest order, at most :data:`PREFETCH` fetched ahead (bounded memory)."""
    chunks = iter(manifest.chunks)
    ahead: deque[tuple[str, int, Future[bytes]]] = deque()
    done = 0

    def more() -> None:
        following = next(chunks, None)
        if following is not None:
            ahead.append((following[0], following[1], pool.submit(fetch, following[0])))

    for _ in range(PREFETCH):
        more()
    while ahead:
        chunk_id, size, future = ahead.popleft()
        data = future.result()
        more()
        if len(data) != size:
            raise ChunkCorrupt(f"chunk {chunk_id}", "its size differs from the manifest's")
        digest.update(data)
        done += size
        if progress is not None:
            progress(done)
        yield data


def restore(api: Service, key: FileKey, which: str, to: Path, *, company: str | None = None,
            progress: backup.Progress | None = None) -> Manifest:
    """Build a new company file at ``to`` from a snapshot; the file keeps the same key (so the
    same recovery key) under a fresh salt. Never overwrites; checks every chunk."""
    if to.exists():
        raise CloudError(f"{to} already exists; restore never overwrites a file")
    keys = BackupKeys.derive(key.key)
    manifest = choose_snapshot(api, keys, which, company)
    if company is not None and not _same_name(manifest.company, company):
        raise CloudError(f"that backup is of {manifest.company!r}, not {company!r}")
    new_key = FileKey(key.key, secrets.token_bytes(16))
    books_snapshot.restore(_chunks(api, keys, manifest, progress), to, new_key)
    remember((new_key.salt or b"").hex(), company=manifest.company, file=str(to.resolve()),
             backup_set=keys.backup_set, last_snapshot_id=str(manifest.snapshot.snapshot_id),
             last_taken_at=manifest.taken_at)
    return manifest
