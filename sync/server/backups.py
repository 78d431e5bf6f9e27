"""A tenant's encrypted backups: the content-addressed chunk store (snapshots: :mod:`snapshots`).

The service keeps opaque bytes and never holds a key. A chunk row says where its blob is; a
snapshot row points at its encrypted manifest blob and, through ``snapshot_chunk``, at every chunk
it needs, which is what the garbage collector (:mod:`sync.server.retention`) honours.

Three promises keep a backup safe from the collector while it is being uploaded:

* telling a client that a chunk exists (HEAD, ``missing``, an upload of a chunk already stored)
  sets its ``touched_at`` in the same statement that finds it, so the collector keeps it for its
  grace period at least;
* a snapshot first touches every chunk it names, a few thousand per short transaction, and is
  refused, storing nothing, if any is gone; the transaction that then stores it re-checks that
  every chunk it references still exists (see :func:`put_snapshot`);
* blobs are written under a key no other upload uses, before their row exists, and deleted only
  after their row is gone, so a row never points at a missing or half-written blob.

A chunk id is the client's keyed hash, which the server cannot check against the bytes. So the
first bytes stored under an id stay: their SHA-256 is kept with the row, and a later upload of the
id with other bytes is refused (``chunk_invalid``) rather than taken as the same chunk, which
would let a device answer "stored" for bytes that are not the ones a snapshot needs. Chunks stored
before the hash was kept are compared by size alone.

Quota: ``tenant.used_bytes`` counts chunk and manifest bytes; it is raised in the transaction that
inserts the row, on the condition that it stays within ``quota_bytes``. That charge is the one
that counts; :func:`check_room` only refuses early, before a body is read or a blob written, an
upload that cannot fit anyway, so that a tenant at its quota cannot make the service buffer and
store bytes it will throw away.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from sync.server import schema as t
from sync.server.blobs import BlobNotFound, BlobStore
from sync.server.db import Store
from sync.server.errors import ApiError, not_found
from sync.wire.backups import (
    ChunkStored,
)
from sync.wire.errors import ErrorCode

BATCH = 500
"""Ids per ``IN (…)`` list: well under the parameter limits of both databases."""
TOUCH_BATCH = 2000
"""Chunks a snapshot upload touches per write transaction: a few milliseconds of SQLite's one
writer slot, so that check-ins and other uploads queued behind it are not held up."""
FUTURE_SLACK = timedelta(minutes=5)
"""How far a snapshot's ``taken_at`` may lie ahead of the server's clock: room for a PC's clock
running a little fast, not for a date that would outrank every real snapshot in retention."""


def batches(items: Sequence[str], size: int = BATCH) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def unique_key(prefix: str, name: str) -> str:
    """A blob key no other upload will use, so a loser's cleanup never deletes a winner's blob."""
    return f"{prefix}/{name}.{secrets.token_hex(8)}"


def _chunk_key(tenant_id: UUID, chunk_id: str) -> str:
    return unique_key(f"chunks/{tenant_id}/{chunk_id[:2]}", chunk_id)


def _insert_ignoring_duplicates(connection: sa.Connection, table: sa.Table) -> Any:
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing()


def _chunk_row(tenant_id: UUID, chunk_id: str) -> sa.ColumnElement[bool]:
    return sa.and_(t.chunk.c.tenant_id == tenant_id, t.chunk.c.chunk_id == chunk_id)


def _touch(connection: sa.Connection, tenant_id: UUID, chunk_id: str) -> Any:
    """Mark the chunk as promised to a client; its (size, sha256), or None when the tenant
    lacks it."""
    return connection.execute(
        t.chunk.update().where(_chunk_row(tenant_id, chunk_id))
        .values(touched_at=datetime.now(UTC)).returning(t.chunk.c.size, t.chunk.c.sha256)
    ).first()


def charge(connection: sa.Connection, tenant_id: UUID, size: int) -> None:
    """Add ``size`` to the tenant's usage, or refuse (rolling the transaction back) past quota.

    Refused with 403, as storage services with quotas do: the tenant's own limit is reached,
    nothing is wrong with the service, so no 5xx that monitoring would page someone for.
    """
    tenant = t.tenant.c
    charged = connection.execute(
        t.tenant.update()
        .where(tenant.tenant_id == tenant_id, tenant.used_bytes + size <= tenant.quota_bytes)
        .values(used_bytes=tenant.used_bytes + size).returning(tenant.used_bytes)
    ).first()
    if charged is None:
        raise _quota_exceeded(_usage(connection, tenant_id), size)


def _usage(connection: sa.Connection, tenant_id: UUID) -> Any:
    tenant = t.tenant.c
    return connection.execute(
        sa.select(tenant.quota_bytes, tenant.used_bytes).where(tenant.tenant_id == tenant_id)
    ).one()


def _quota_exceeded(usage: Any, size: int) -> ApiError:
    return ApiError(403, ErrorCode.QUOTA_EXCEEDED,
                    f"backup quota exceeded: {usage.used_bytes} of {usage.quota_bytes} bytes "
                    f"used, {size} more needed", quota_bytes=usage.quota_bytes,
                    used_bytes=usage.used_bytes, needed_bytes=size)


def check_room(store: Store, *, tenant_id: UUID, size: int) -> None:
    """Refuse (403 ``quota_exceeded``) now if ``size`` more bytes cannot fit the tenant's quota.

    Only an early answer: usage may change before the insert, whose :func:`charge` decides.
    """
    with store.tenant(tenant_id, readonly=True) as connection:
        usage = _usage(connection, tenant_id)
    if usage.used_bytes + size > usage.quota_bytes:
        raise _quota_exceeded(usage, size)


def release(connection: sa.Connection, tenant_id: UUID, size: int) -> None:
    """Subtract ``size`` freed bytes from the tenant's usage."""
    if size:
        connection.execute(
            t.tenant.update().where(t.tenant.c.tenant_id == tenant_id)
            .values(used_bytes=t.tenant.c.used_bytes - size)
        )


def _same_bytes(chunk_id: str, stored: Any, size: int, sha256: str) -> None:
    """Refuse an upload under ``chunk_id`` of other bytes than those stored (409)."""
    if stored.size != size:
        raise ApiError(409, ErrorCode.CHUNK_INVALID,
                       f"chunk {chunk_id} is stored with {stored.size} bytes, not {size}")
    if stored.sha256 is not None and stored.sha256 != sha256:
        raise ApiError(409, ErrorCode.CHUNK_INVALID,
                       f"chunk {chunk_id} is stored with other bytes; an id names one content")


def touch_chunk(store: Store, *, tenant_id: UUID, chunk_id: str) -> int | None:
    """HEAD: the chunk's size if the tenant has it (and the promise to keep it), else None."""
    with store.tenant(tenant_id) as connection:
        stored = _touch(connection, tenant_id, chunk_id)
    return None if stored is None else stored.size


def put_chunk(store: Store, blobs: BlobStore, *, tenant_id: UUID, chunk_id: str,
              data: bytes) -> ChunkStored:
    """Store a chunk once; uploading the same bytes again only touches it, other bytes under
    the same id are refused (409 ``chunk_invalid``)."""
    if not data:
        raise ApiError(400, ErrorCode.CHUNK_INVALID, "a chunk cannot be empty")
    sha256 = hashlib.sha256(data).hexdigest()
    with store.tenant(tenant_id) as connection:
        stored = _touch(connection, tenant_id, chunk_id)
    if stored is not None:
        _same_bytes(chunk_id, stored, len(data), sha256)
        return ChunkStored(chunk_id=chunk_id, size=stored.size, created=False)
    key = _chunk_key(tenant_id, chunk_id)
    blobs.put(key, data)
    try:
        created = _insert_chunk(store, tenant_id=tenant_id, chunk_id=chunk_id, key=key,
                                size=len(data), sha256=sha256)
    except BaseException:
        blobs.delete(key)
        raise
    if not created:
        blobs.delete(key)
    return ChunkStored(chunk_id=chunk_id, size=len(data), created=created)


def _insert_chunk(store: Store, *, tenant_id: UUID, chunk_id: str, key: str, size: int,
                  sha256: str) -> bool:
    """Insert the row for a written blob; False when a concurrent upload of the same bytes got
    there first (a concurrent upload of other bytes: 409, as if it had come after)."""
    now = datetime.now(UTC)
    with store.tenant(tenant_id) as connection:
        inserted = connection.execute(
            _insert_ignoring_duplicates(connection, t.chunk).values(
                tenant_id=tenant_id, chunk_id=chunk_id, blob_key=key, size=size,
                sha256=sha256, created_at=now, touched_at=now).returning(t.chunk.c.chunk_id)
        ).first()
        if inserted is not None:
            charge(connection, tenant_id, size)
            return True
        stored = _touch(connection, tenant_id, chunk_id)
    if stored is None:  # the winner was collected meanwhile: impossible within a grace period
        raise ApiError(409, ErrorCode.CONFLICT, "chunk changed during upload; retry")
    _same_bytes(chunk_id, stored, size, sha256)
    return False


def get_chunk(store: Store, blobs: BlobStore, *, tenant_id: UUID, chunk_id: str) -> bytes:
    with store.tenant(tenant_id, readonly=True) as connection:
        key = connection.execute(
            sa.select(t.chunk.c.blob_key).where(_chunk_row(tenant_id, chunk_id))
        ).scalar()
    if key is None:
        raise not_found("chunk")
    try:
        return blobs.get(key)
    except BlobNotFound:  # collected between the lookup and the read
        raise not_found("chunk") from None


def touch_many(connection: sa.Connection, tenant_id: UUID, chunk_ids: Sequence[str]) -> set[str]:
    """Touch every chunk of ``chunk_ids`` the tenant has; return those ids.

    Always in ascending id order, whoever asks: two devices backing up the same files touch
    shared chunks, and on PostgreSQL two transactions locking the same rows in different orders
    can deadlock (40P01).
    """
    now = datetime.now(UTC)
    found: set[str] = set()
    for batch in batches(sorted(set(chunk_ids))):
        found.update(connection.execute(
            t.chunk.update()
            .where(t.chunk.c.tenant_id == tenant_id, t.chunk.c.chunk_id.in_(batch))
            .values(touched_at=now).returning(t.chunk.c.chunk_id)
        ).scalars())
    return found


def find_missing(store: Store, *, tenant_id: UUID, chunk_ids: Sequence[str]) -> list[str]:
    """The ids the tenant lacks, in the order asked; the present ones are touched (in id order)."""
    wanted = list(dict.fromkeys(chunk_ids))
    with store.tenant(tenant_id) as connection:
        found = touch_many(connection, tenant_id, wanted)
    return [chunk_id for chunk_id in wanted if chunk_id not in found]
