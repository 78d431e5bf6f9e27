"""A tenant's backup snapshots: manifests and the chunks they reference.

A snapshot row points at its encrypted manifest blob and, through ``snapshot_chunk``, at every
chunk it needs, which is what the garbage collector (:mod:`sync.server.retention`) honours. How a
snapshot upload stays safe from the collector is told in :mod:`sync.server.backups`.

Every device of a firm holds a token that could write its backups, and retention keeps only so
many snapshots of a set, so a snapshot added is, in the end, one that may push another out. A
stolen or rogue PC must not be able to flood a company's set and let retention delete the real
backups. So a backup set belongs to the PC that keeps the company, as the writer lease
(:mod:`sync.server.leases`) says:

* lease held by this device: it may add snapshots;
* lease held by another device, or released (nobody keeps the company): refused with 403
  ``set_not_owned``; the PC takes the company first, which needs the newest snapshot;
* no lease yet (a company's first backup, before its PC takes the lease; or a set from before
  leases): allowed if the set is empty or its first snapshot came from this device.

Retention also ranks snapshots by a time no later than the upload and always keeps each
device's newest (see :mod:`sync.server.retention`); here ``taken_at`` is held to the server's
clock and a snapshot must name at least one chunk.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from sync.server import schema as t
from sync.server.backups import (
    FUTURE_SLACK,
    TOUCH_BATCH,
    batches,
    charge,
    check_room,
    release,
    touch_many,
    unique_key,
)
from sync.server.blobs import BlobNotFound, BlobStore
from sync.server.db import Store
from sync.server.errors import ApiError, not_found
from sync.wire.backups import (
    MAX_MANIFEST_BYTES,
    Snapshot,
    SnapshotInfo,
    SnapshotPage,
    SnapshotUpload,
)
from sync.wire.errors import ErrorCode


def _info(row: Any) -> SnapshotInfo:
    return SnapshotInfo.model_validate(row, from_attributes=True)


def _snapshot_row(connection: sa.Connection, tenant_id: UUID, snapshot_id: UUID) -> Any:
    return connection.execute(
        t.snapshot.select().where(t.snapshot.c.tenant_id == tenant_id,
                                  t.snapshot.c.snapshot_id == snapshot_id)
    ).first()


def _chunk_ids_of(connection: sa.Connection, tenant_id: UUID, snapshot_id: UUID) -> list[str]:
    return list(connection.execute(
        sa.select(t.snapshot_chunk.c.chunk_id)
        .where(t.snapshot_chunk.c.tenant_id == tenant_id,
               t.snapshot_chunk.c.snapshot_id == snapshot_id)
        .order_by(t.snapshot_chunk.c.chunk_id)
    ).scalars())


def _existing(store: Store, tenant_id: UUID, snapshot_id: UUID,
              upload: SnapshotUpload, chunk_ids: list[str], digest: str) -> SnapshotInfo | None:
    """The stored snapshot if it is this very upload; None if there is none; else a conflict."""
    with store.tenant(tenant_id, readonly=True) as connection:
        row = _snapshot_row(connection, tenant_id, snapshot_id)
        if row is None:
            return None
        same = (row.backup_set == upload.backup_set and row.taken_at == upload.taken_at
                and row.total_size == upload.total_size and row.manifest_sha256 == digest
                and row.chunk_count == len(chunk_ids)
                and _chunk_ids_of(connection, tenant_id, snapshot_id) == chunk_ids)
    if not same:
        raise ApiError(409, ErrorCode.SNAPSHOT_CONFLICT,
                       f"snapshot {snapshot_id} is already stored with different contents")
    return _info(row)


def put_snapshot(store: Store, blobs: BlobStore, *, tenant_id: UUID, device_id: UUID | None,
                 snapshot_id: UUID, upload: SnapshotUpload) -> tuple[SnapshotInfo, bool]:
    """Store a snapshot whose chunks are all present; True when it is new.

    The same upload again returns the stored snapshot; different contents under the same id are
    a conflict. If chunks are missing, nothing is stored (the present ones are still touched) and
    the error lists the missing ids.

    ``device_id``, the uploading device, must own the backup set (see the module docstring);
    None is for callers that act for the tenant itself.

    A snapshot may name 250,000 chunks, and touching them all inside the transaction that stores
    it held SQLite's one writer slot for seconds, every check-in queued behind it. So the chunks
    are touched first, :data:`TOUCH_BATCH` per short transaction, and the final transaction only
    inserts the rows. That is safe because a touch keeps a chunk from the collector for its whole
    grace period (hours), and the snapshot is stored seconds later; the final transaction still
    re-checks that every referenced chunk exists, so a collection in between (with a grace
    shorter than that gap) leaves no dangling reference but a ``chunk_missing`` refusal.
    """
    _validate(upload)
    chunk_ids = sorted(set(upload.chunk_ids))
    digest = hashlib.sha256(upload.manifest).hexdigest()
    existing = _existing(store, tenant_id, snapshot_id, upload, chunk_ids, digest)
    if existing is not None:
        return existing, False
    if device_id is not None:  # checked again when stored; here to refuse before any write
        with store.tenant(tenant_id, readonly=True) as connection:
            _check_owner(connection, tenant_id, upload.backup_set, device_id, snapshot_id)
    check_room(store, tenant_id=tenant_id, size=len(upload.manifest))
    missing = _touch_in_batches(store, tenant_id, chunk_ids)
    if missing:
        raise _chunks_missing(missing)
    key = unique_key(f"manifests/{tenant_id}", str(snapshot_id))
    blobs.put(key, upload.manifest)
    try:
        info = _insert_snapshot(
            store, tenant_id=tenant_id, device_id=device_id, snapshot_id=snapshot_id,
            upload=upload, chunk_ids=chunk_ids, key=key, digest=digest)
    except sa.exc.IntegrityError:  # the same id stored concurrently: answer as a repeat would
        blobs.delete(key)
        existing = _existing(store, tenant_id, snapshot_id, upload, chunk_ids, digest)
        if existing is None:
            raise
        return existing, False
    except BaseException:
        blobs.delete(key)
        raise
    return info, True


def _validate(upload: SnapshotUpload) -> None:
    if upload.taken_at > datetime.now(UTC) + FUTURE_SLACK:
        raise ApiError(422, ErrorCode.VALIDATION,
                       "taken_at: lies in the future (the service's clock is the reference)")
    if not upload.chunk_ids:
        raise ApiError(422, ErrorCode.VALIDATION, "chunk_ids: a snapshot names its chunks")
    if len(upload.manifest) > MAX_MANIFEST_BYTES:
        raise ApiError(413, ErrorCode.TOO_LARGE,
                       f"a snapshot's manifest may have at most {MAX_MANIFEST_BYTES} bytes")


def _check_owner(connection: sa.Connection, tenant_id: UUID, backup_set: str,
                 device_id: UUID, snapshot_id: UUID, *, lock: bool = False) -> None:
    """Refuse (403 ``set_not_owned``) a snapshot of ``backup_set`` from a device that does not
    own the set. With ``lock``, the lease row is held ``FOR SHARE`` on PostgreSQL until commit,
    so a take of the company waits for this snapshot and then sees it as the newest."""
    lease = t.writer_lease.c
    query = sa.select(lease.holder_device_id, lease.holder_name).where(
        lease.tenant_id == tenant_id, lease.backup_set == backup_set)
    if lock and connection.dialect.name == "postgresql":
        query = query.with_for_update(read=True)
    row = connection.execute(query).first()
    if row is not None:
        if row.holder_device_id == device_id:
            return
        raise _not_owned(f"this company is kept on {row.holder_name}"
                         if row.holder_device_id is not None
                         else "this company was handed over and no PC keeps it now")
    snap = t.snapshot.c
    first = connection.execute(
        sa.select(snap.device_id)
        .where(snap.tenant_id == tenant_id, snap.backup_set == backup_set,
               snap.snapshot_id != snapshot_id)
        .order_by(snap.stored_at, snap.snapshot_id).limit(1)).first()
    if first is not None and first.device_id != device_id:
        raise _not_owned("this company's backups were started by another PC")


def _not_owned(why: str) -> ApiError:
    return ApiError(403, ErrorCode.SET_NOT_OWNED,
                    f"{why}; a PC backs up only a company it keeps: take it on this PC first "
                    "('daftar handover take')")


def _chunks_missing(missing: list[str]) -> ApiError:
    return ApiError(409, ErrorCode.CHUNK_MISSING,
                    f"{len(missing)} chunk(s) of the snapshot are not stored; upload them "
                    "and send the snapshot again", missing=missing)


def _touch_in_batches(store: Store, tenant_id: UUID, chunk_ids: list[str]) -> list[str]:
    """Touch the (sorted) chunks in short transactions of :data:`TOUCH_BATCH`; the missing ids."""
    found: set[str] = set()
    for group in batches(chunk_ids, TOUCH_BATCH):
        with store.tenant(tenant_id) as connection:
            found |= touch_many(connection, tenant_id, group)
    return [chunk_id for chunk_id in chunk_ids if chunk_id not in found]


def _insert_snapshot(store: Store, *, tenant_id: UUID, device_id: UUID | None,
                     snapshot_id: UUID, upload: SnapshotUpload, chunk_ids: list[str], key: str,
                     digest: str) -> SnapshotInfo:
    """One transaction: insert the snapshot and its references, check its chunks, charge it,
    and check that the device owns the set.

    Its length grows with the references alone (on SQLite some 7 µs each, index upkeep), so
    everything else, building the rows included, is done before it begins. The owner is checked
    last, after :func:`charge` has locked the tenant's row: two first snapshots of a new set
    racing each other are then decided one after the other, and the second sees the first.
    """
    values = dict(
        tenant_id=tenant_id, snapshot_id=snapshot_id, backup_set=upload.backup_set,
        device_id=device_id, taken_at=upload.taken_at.astimezone(UTC),
        stored_at=datetime.now(UTC),
        manifest_key=key, manifest_sha256=digest, manifest_size=len(upload.manifest),
        chunk_count=len(chunk_ids), total_size=upload.total_size)
    references = [{"tenant_id": tenant_id, "snapshot_id": snapshot_id, "chunk_id": chunk_id}
                  for chunk_id in chunk_ids]
    with store.tenant(tenant_id) as connection:
        connection.execute(t.snapshot.insert().values(**values))
        for start in range(0, len(references), 5000):
            connection.execute(t.snapshot_chunk.insert(), references[start:start + 5000])
        if _present_count(connection, tenant_id, snapshot_id) < len(chunk_ids):
            raise _chunks_missing(_dangling(connection, tenant_id, snapshot_id))  # rolls back
        charge(connection, tenant_id, len(upload.manifest))
        if device_id is not None:
            _check_owner(connection, tenant_id, upload.backup_set, device_id, snapshot_id,
                         lock=True)
    return SnapshotInfo(**values)


def _referenced(tenant_id: UUID, snapshot_id: UUID) -> sa.Select[Any]:
    used = t.snapshot_chunk.c
    return sa.select(used.chunk_id).where(used.tenant_id == tenant_id,
                                          used.snapshot_id == snapshot_id)


def _present_count(connection: sa.Connection, tenant_id: UUID, snapshot_id: UUID) -> int:
    """How many of the snapshot's chunks exist: one indexed query, no row rewritten.

    On PostgreSQL the chunk rows are also locked ``FOR KEY SHARE`` until commit. That lock
    conflicts with the collector's ``FOR UPDATE SKIP LOCKED`` (so it skips them, as it skips a
    chunk being touched) but not with touches, so uploads are not held up. SQLite needs no lock:
    the collector's delete cannot run while this transaction holds the writer slot.
    """
    chunk = t.chunk.c
    present = (sa.select(chunk.chunk_id)
               .where(chunk.tenant_id == tenant_id,
                      chunk.chunk_id.in_(_referenced(tenant_id, snapshot_id)))
               .with_for_update(read=True, key_share=True).subquery())
    return connection.execute(sa.select(sa.func.count()).select_from(present)).scalar_one()


def _dangling(connection: sa.Connection, tenant_id: UUID, snapshot_id: UUID) -> list[str]:
    """The snapshot's referenced chunk ids that no chunk row has (sorted)."""
    chunk = t.chunk.c
    stored = set(connection.execute(
        sa.select(chunk.chunk_id).where(chunk.tenant_id == tenant_id,
                                        chunk.chunk_id.in_(_referenced(tenant_id, snapshot_id)))
    ).scalars())
    return [chunk_id for chunk_id in connection.execute(
        _referenced(tenant_id, snapshot_id).order_by(t.snapshot_chunk.c.chunk_id)).scalars()
        if chunk_id not in stored]


def _cursor(info: SnapshotInfo) -> str:
    text = f"{info.taken_at.isoformat()}|{info.snapshot_id}"
    return base64.urlsafe_b64encode(text.encode()).decode()


def _parse_cursor(cursor: str) -> tuple[datetime, UUID]:
    """The position a cursor names; anything :func:`_cursor` cannot have made is refused here,
    as a naive or out-of-range time would otherwise fail only when bound to the query."""
    try:
        text, snapshot_id = base64.urlsafe_b64decode(cursor).decode().split("|")
        taken_at = datetime.fromisoformat(text)
        if taken_at.tzinfo is None:
            raise ValueError("naive time")
        return taken_at.astimezone(UTC), UUID(snapshot_id)
    except (binascii.Error, UnicodeDecodeError, ValueError, OverflowError):
        raise ApiError(400, ErrorCode.BAD_REQUEST, "cursor: not one this service gave") from None


def list_snapshots(store: Store, *, tenant_id: UUID, backup_set: str | None = None,
                   limit: int = 100, cursor: str | None = None) -> SnapshotPage:
    """A page of the tenant's snapshots (of one set, if given), newest first."""
    c = t.snapshot.c
    query = sa.select(t.snapshot).where(c.tenant_id == tenant_id)
    if backup_set is not None:
        query = query.where(c.backup_set == backup_set)
    if cursor is not None:
        taken_at, snapshot_id = _parse_cursor(cursor)
        query = query.where(sa.or_(
            c.taken_at < taken_at, sa.and_(c.taken_at == taken_at, c.snapshot_id < snapshot_id)))
    query = query.order_by(c.taken_at.desc(), c.snapshot_id.desc()).limit(limit + 1)
    with store.tenant(tenant_id, readonly=True) as connection:
        found = [_info(row) for row in connection.execute(query)]
    more = len(found) > limit
    found = found[:limit]
    return SnapshotPage(snapshots=found, next_cursor=_cursor(found[-1]) if more else None)


def get_snapshot(store: Store, blobs: BlobStore, *, tenant_id: UUID,
                 snapshot_id: UUID) -> Snapshot:
    with store.tenant(tenant_id, readonly=True) as connection:
        row = _snapshot_row(connection, tenant_id, snapshot_id)
        if row is None:
            raise not_found("snapshot")
        chunk_ids = _chunk_ids_of(connection, tenant_id, snapshot_id)
    try:
        manifest = blobs.get(row.manifest_key)
    except BlobNotFound:  # deleted between the lookup and the read
        raise not_found("snapshot") from None
    return Snapshot(**_info(row).model_dump(), chunk_ids=chunk_ids, manifest=manifest)


def delete_snapshot(store: Store, blobs: BlobStore, *, tenant_id: UUID, snapshot_id: UUID,
                    device_id: UUID | None = None) -> int:
    """Forget a snapshot; its chunks stay until the collector finds them unused. Bytes freed.

    With ``device_id``, only a snapshot that device uploaded: a device's token alone must not
    be enough to wipe the tenant's backups (403; 404 as usual if there is no such snapshot).
    """
    snap = t.snapshot.c
    with store.tenant(tenant_id) as connection:
        if device_id is not None:
            owner = connection.execute(
                sa.select(snap.device_id).where(snap.tenant_id == tenant_id,
                                                snap.snapshot_id == snapshot_id)).first()
            if owner is None:
                raise not_found("snapshot")
            if owner.device_id != device_id:
                raise ApiError(403, ErrorCode.FORBIDDEN,
                               "a device may delete only the snapshots it uploaded; retention "
                               "or a tenant administrator removes the others")
        connection.execute(
            t.snapshot_chunk.delete().where(t.snapshot_chunk.c.tenant_id == tenant_id,
                                            t.snapshot_chunk.c.snapshot_id == snapshot_id))
        row = connection.execute(
            t.snapshot.delete().where(snap.tenant_id == tenant_id,
                                      snap.snapshot_id == snapshot_id)
            .returning(snap.manifest_key, snap.manifest_size)
        ).first()
        if row is None:
            raise not_found("snapshot")
        release(connection, tenant_id, row.manifest_size)
    blobs.delete(row.manifest_key)
    return row.manifest_size
