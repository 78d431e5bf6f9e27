"""Encrypted, deduplicated, incremental backups of a company file (restoring: ``restore``).

A backup streams the books' logical snapshot (``app.store.snapshot``) through content-defined
chunking (FastCDC, with a keyed gear table) in memory, names each chunk by its keyed HMAC, asks
the service which ones it lacks, seals and uploads only those, and finally stores a sealed
manifest that lists the chunks in order. Nothing of the books reaches the disk in plaintext.

Safe to interrupt anywhere: chunks already uploaded are not sent again, and a snapshot's id is a
keyed hash of its content, so the same books never make two snapshots and a repeated upload is
recognised by the service.

Before a backup it checks the company's writer lease, after one it takes or renews it
(``leases``); what this PC remembers of each backed-up file is kept in ``registry``. Both sit
below this module; ``handover``, which drives backups, sits above it.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any
from uuid import UUID

import httpx
from pyfastcdc import FastCDC

from app.store import snapshot as books_snapshot
from app.store.books import Books
from app.store.keys import read_salt
from sync.client import leases
from sync.client.crypto import BackupKeys
from sync.client.http import APP_VERSION, CloudError, LicenceInactive, Service, ServiceError
from sync.client.registry import registry, remember
from sync.wire.backups import MAX_MISSING_QUERY, ChunkStored, Snapshot
from sync.wire.errors import ErrorCode

MANIFEST_FORMAT = "daftar-manifest/1"
CDC_AVG, CDC_MIN, CDC_MAX = 16 * 1024, 4 * 1024, 64 * 1024
"""Small chunks: a day's new entries touch a few of them, not a large share of the file."""
TRANSFERS = 4
"""Chunks sent or fetched at once: enough to hide each request's round trip."""
BATCH_BYTES = 8 * 2**20
"""Plaintext held in memory at once while its chunks are looked up and uploaded."""

Progress = Callable[[int], None]
"""Called with the plaintext bytes processed so far."""


class Cancelled(CloudError):
    """The user cancelled; what was uploaded stays and the next backup resumes from it."""

    def __init__(self) -> None:
        super().__init__("the backup was cancelled; the next one resumes where it stopped")


@dataclass(frozen=True)
class BackupResult:
    snapshot_id: str
    backup_set: str
    taken_at: str
    uploaded_bytes: int
    """Bytes sent to the service: sealed new chunks and the snapshot's manifest."""
    total_bytes: int
    """Size of the books' plaintext snapshot."""
    chunks_new: int
    chunks_total: int
    seconds: float
    unchanged: bool
    """Nothing changed since the last backup, which is still on the service."""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# --- backing up -----------------------------------------------------------------------------------

class _StreamReader:
    """A ``readinto`` over the snapshot's pieces that hashes and counts what it hands out."""

    def __init__(self, pieces: Iterator[bytes]) -> None:
        self._pieces = pieces
        self._buffer = memoryview(b"")
        self.sha256 = hashlib.sha256()
        self.size = 0

    def readinto(self, target: memoryview) -> int:
        while not self._buffer:
            piece = next(self._pieces, None)
            if piece is None:
                return 0
            self._buffer = memoryview(piece)
        n = min(len(target), len(self._buffer))
        target[:n] = self._buffer[:n]
        self.sha256.update(self._buffer[:n])
        self._buffer = self._buffer[n:]
        self.size += n
        return n


class _Uploader:
    """Uploads the chunks of one backup in batches, each only if the service lacks it."""

    def __init__(self, api: Service, keys: BackupKeys, pool: ThreadPoolExecutor) -> None:
        self.api, self.keys, self.pool = api, keys, pool
        self.batch: dict[str, bytes] = {}
        self.batch_bytes = 0
        self.seen: set[str] = set()
        self.uploaded_bytes = 0
        self.chunks_new = 0
        self.server_clock: tuple[datetime, float] | None = None

    def add(self, chunk_id: str, data: bytes) -> None:
        if chunk_id in self.seen:
            return
        self.seen.add(chunk_id)
        self.batch[chunk_id] = data
        self.batch_bytes += len(data)
        if self.batch_bytes >= BATCH_BYTES or len(self.batch) >= MAX_MISSING_QUERY:
            self.flush()

    def flush(self) -> None:
        if not self.batch:
            return
        response = self.api.post("/v1/backups/chunks/missing",
                                 json={"chunk_ids": list(self.batch)})
        self.server_clock = _server_clock(response) or self.server_clock
        answer = response.json()
        batch = self.batch
        sizes = self.pool.map(lambda chunk_id: self.upload(chunk_id, batch[chunk_id]),
                              answer["missing"])
        for size in sizes:
            self.uploaded_bytes += size
            self.chunks_new += 1
        self.batch, self.batch_bytes = {}, 0

    def upload(self, chunk_id: str, data: bytes) -> int:
        """Seal and send one chunk (on a worker thread); the bytes sent."""
        sealed = self.keys.seal_chunk(chunk_id, data)
        response = self.api.put(f"/v1/backups/chunks/{chunk_id}", content=sealed,
                                headers={"Content-Type": "application/octet-stream"})
        ChunkStored.model_validate(response.json())
        return len(sealed)


def backup(books: Books, api: Service, *, device_name: str = "",
           progress: Progress | None = None,
           cancelled: Callable[[], bool] | None = None) -> BackupResult:
    """Back up the open ``books`` to the service behind ``api`` (an authenticated device)."""
    started = time.monotonic()
    keys = BackupKeys.derive(books.db.key.key)
    backup_set = keys.backup_set
    leases.check_before_backup(api, books)
    reader = _StreamReader(books_snapshot.dump(books.db))
    order: list[tuple[str, int]] = []
    chunker = FastCDC(CDC_AVG, min_size=CDC_MIN, max_size=CDC_MAX, seed=keys.cdc_seed)
    with ThreadPoolExecutor(TRANSFERS, thread_name_prefix="daftar-upload") as pool:
        uploader = _Uploader(api, keys, pool)
        for chunk in chunker.cut_stream(reader):
            data = bytes(chunk.data)
            chunk_id = keys.chunk_id(data)
            order.append((chunk_id, len(data)))
            uploader.add(chunk_id, data)
            if progress is not None:
                progress(reader.size)
            if cancelled is not None and cancelled():
                raise Cancelled()
        uploader.flush()
    content = reader.sha256.digest()
    snapshot_id = keys.snapshot_id(content)
    salt = read_salt(books.path).hex()
    known = registry().get(salt, {})
    remember(salt, company=books.company.name, file=str(books.path.resolve()),
              backup_set=backup_set)
    result = dict(snapshot_id=str(snapshot_id), backup_set=backup_set,
                  total_bytes=reader.size, chunks_new=uploader.chunks_new,
                  chunks_total=len(order))
    if known.get("last_snapshot_id") == str(snapshot_id) and _stored(api, snapshot_id):
        _renew_lease(api, books, str(snapshot_id))
        return _done(result, known["last_taken_at"], uploader.uploaded_bytes, started, True)
    pending = known.get("pending") or {}
    taken_at = (pending["taken_at"] if pending.get("snapshot_id") == str(snapshot_id)
                else _now(uploader.server_clock).replace(microsecond=0).isoformat())
    remember(salt, pending={"snapshot_id": str(snapshot_id), "taken_at": taken_at})
    manifest = {
        "format": MANIFEST_FORMAT, "backup_set": backup_set, "snapshot_id": str(snapshot_id),
        "taken_at": taken_at, "company": books.company.name, "salt": salt,
        "device_name": device_name, "app_version": APP_VERSION,
        "content_sha256": content.hex(), "content_size": reader.size, "chunks": order,
    }
    sealed = keys.seal_manifest(backup_set, snapshot_id,
                                json.dumps(manifest, separators=(",", ":")).encode())
    body = json.dumps({
        "backup_set": backup_set, "taken_at": taken_at,
        "chunk_ids": sorted({chunk_id for chunk_id, _ in order}),
        "total_size": reader.size, "manifest": _b64(sealed),
    }).encode()
    try:
        api.put(f"/v1/backups/snapshots/{snapshot_id}", content=body,
                headers={"Content-Type": "application/json"})
    except ServiceError as error:
        if error.code == ErrorCode.CHUNK_MISSING:
            raise CloudError("the service lost chunks while this backup ran; run the backup "
                             "again (it resumes)") from None
        if error.code == ErrorCode.SET_NOT_OWNED:
            raise CloudError(f"not backed up: {error.message}") from None
        if error.code != ErrorCode.SNAPSHOT_CONFLICT:
            raise
        # The same books were backed up before under this very id (its id is a hash of the
        # content), by this PC before its state folder was lost, or by its restored copy.
        stored = Snapshot.model_validate(api.get(f"/v1/backups/snapshots/{snapshot_id}").json())
        taken_at = stored.taken_at.isoformat()
        remember(salt, pending=None, last_snapshot_id=str(snapshot_id), last_taken_at=taken_at,
                  last_total_bytes=reader.size)
        leases.hold_after_backup(api, books, str(snapshot_id))
        return _done(result, taken_at, uploader.uploaded_bytes, started, True)
    remember(salt, pending=None, last_snapshot_id=str(snapshot_id),
              last_taken_at=taken_at, last_total_bytes=reader.size)
    leases.hold_after_backup(api, books, str(snapshot_id))
    return _done(result, taken_at, uploader.uploaded_bytes + len(body), started, False)


def _renew_lease(api: Service, books: Books, snapshot_id: str) -> None:
    """Renew the company's writer lease after a backup that found nothing new to send.

    A PC whose licence is revoked, expired or lapsed may take no lease, but books already
    backed up are safe all the same, and the PC may still hand the company over.
    """
    with contextlib.suppress(LicenceInactive):
        leases.hold_after_backup(api, books, snapshot_id)


def _server_clock(response: httpx.Response) -> tuple[datetime, float] | None:
    """The service's time by the ``Date`` of its answer (to the second), and when it came."""
    try:
        date = parsedate_to_datetime(response.headers["date"])
    except (KeyError, TypeError, ValueError):
        return None
    return (date if date.tzinfo else date.replace(tzinfo=UTC)), time.monotonic()


def _now(server_clock: tuple[datetime, float] | None) -> datetime:
    """This PC's time, but never ahead of the service's: the service refuses a snapshot dated
    more than a few minutes into its future, and a PC's clock may run fast."""
    local = datetime.now(UTC)
    if server_clock is None:
        return local
    server, seen = server_clock
    return min(local, server + timedelta(seconds=time.monotonic() - seen))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _stored(api: Service, snapshot_id: UUID) -> bool:
    try:
        api.get(f"/v1/backups/snapshots/{snapshot_id}")
    except ServiceError as error:
        if error.status == 404:
            return False
        raise
    return True


def _done(result: dict[str, Any], taken_at: str, uploaded: int, started: float,
          unchanged: bool) -> BackupResult:
    return BackupResult(**result, taken_at=taken_at, uploaded_bytes=uploaded,
                        seconds=round(time.monotonic() - started, 3), unchanged=unchanged)
