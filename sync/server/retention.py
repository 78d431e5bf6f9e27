"""Retention of snapshots, and garbage collection of the chunks no snapshot needs any more.

Retention works per backup set, as restic's ``forget --keep-*`` does: walking the snapshots newest
first, it keeps the newest snapshot of each of the last ``keep_daily`` distinct days that have one,
of the last ``keep_weekly`` ISO weeks and of the last ``keep_monthly`` months (calendar in UTC),
and always the newest snapshot of the set. Forgetting a snapshot deletes its rows and manifest
only; its chunks become garbage once nothing else references them.

A policy that keeps "the newest N" lets whoever adds snapshots decide which others go, and the
times it ranks by come from the client. So that no device, stolen or rogue, can push a firm's
real backups out:

* a snapshot ranks by ``min(taken_at, stored_at)``: a date in the future (the service now
  refuses one, but older rows may carry it) cannot outrank the snapshots stored after it;
* snapshots that name no chunk (refused now, possible in older rows) restore nothing: they are
  not ranked, so they take no day, week or month from a real one, and are forgotten;
* besides the policy, each device's newest snapshot of the set is always kept, so
  another device's uploads, even those of a PC that took the company by force, never remove the
  last backup a PC made. A device's last snapshot of a set it no longer keeps therefore stays
  until that device or a tenant administrator deletes it.

Garbage collection races with uploads, and must never lose a chunk a kept snapshot needs, nor one
a client was just told exists and is about to name in a manifest it is still uploading:

* Every answer that tells a client the server has a chunk (HEAD, ``missing``, an upload of a chunk
  already stored) sets the chunk's ``touched_at`` in the very statement that finds it. A snapshot
  first touches all its chunks in short transactions (hours before any could be collected), then
  one transaction inserts its ``snapshot_chunk`` references and re-checks that none is gone
  (on PostgreSQL holding them ``FOR KEY SHARE``, which the collector's ``SKIP LOCKED`` passes by).
* The collector deletes a chunk only by a conditional DELETE that re-checks, when it runs, that
  the row is still unreferenced and untouched since the cutoff (now − ``gc_grace_hours``), and
  subtracts the freed bytes from the tenant's usage in the same transaction.
* So one of the two commits first. If the touch does, or is still under way, the chunk stays:
  the DELETE's condition fails on the touched row, or the collector skips the row a touch holds
  (PostgreSQL: ``FOR UPDATE SKIP LOCKED``, which also re-reads a row changed since the statement
  began; SQLite runs one writer at a time). If the DELETE does, the touch finds no row: the
  client is told "missing" (404, or ``chunk_missing`` for a manifest) and uploads the chunk again.
* The blob is deleted only after that commit, and every upload writes a blob key of its own, so a
  row never points at a deleted blob and a re-upload is never deleted by a late cleanup. A crash
  between commit and blob deletion leaves an orphan blob: wasted space, never a lost chunk.

The collector never holds a lock for long: it walks a tenant's chunks in small id ranges, reading
each range in a read-only transaction and deleting its garbage in a short transaction of its own,
then pauses at least as long as the batch took, so that uploads waiting for SQLite's one writer
slot get their turn between batches (on PostgreSQL it locks only the rows it deletes and, for a
moment, the tenant's row to update its usage).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from pydantic import BaseModel

from sync.server import backups, snapshots, tenants
from sync.server import schema as t
from sync.server.blobs import BlobStore
from sync.server.db import Store
from sync.server.errors import ApiError
from sync.server.tenants import Retention

log = logging.getLogger("daftar.server.retention")

GC_BATCH = 200
MIN_PAUSE = 0.01
ADVISORY_LOCK = 0x64616674_6763  # "daft" "gc": one maintenance run at a time on PostgreSQL


def _day(moment: datetime) -> tuple[int, ...]:
    return (moment.year, moment.month, moment.day)


def _week(moment: datetime) -> tuple[int, ...]:
    year, week, _ = moment.isocalendar()
    return (year, week)


def _month(moment: datetime) -> tuple[int, ...]:
    return (moment.year, moment.month)


def snapshots_to_keep(stamps: Iterable[tuple[UUID, datetime]], policy: Retention) -> set[UUID]:
    """The ids of the (id, time) stamps that ``policy`` keeps: the newest, and the newest of each
    of the last days, weeks and months (see the module docstring)."""
    ordered = sorted(stamps, key=lambda stamp: (stamp[1], stamp[0]), reverse=True)
    kept = {ordered[0][0]} if ordered else set()
    rules: list[tuple[int, Callable[[datetime], tuple[int, ...]]]] = [
        (policy.keep_daily, _day), (policy.keep_weekly, _week), (policy.keep_monthly, _month)]
    for count, bucket in rules:
        last: tuple[int, ...] | None = None
        for snapshot_id, taken_at in ordered:
            if count == 0:
                break
            current = bucket(taken_at.astimezone(UTC))
            if current != last:
                kept.add(snapshot_id)
                last, count = current, count - 1
    return kept


@dataclass(frozen=True)
class Stored:
    """What retention knows of one snapshot of a set."""

    snapshot_id: UUID
    device_id: UUID | None
    taken_at: datetime
    stored_at: datetime
    chunk_count: int

    @property
    def ranked_at(self) -> datetime:
        """The client's time, but never later than the server's own when it stored it."""
        return min(self.taken_at, self.stored_at)


def kept_of_set(stored: Iterable[Stored], policy: Retention) -> set[UUID]:
    """The ids of one backup set's snapshots to keep: those ``policy`` keeps among the snapshots
    that name chunks, ranked by :attr:`Stored.ranked_at`, and the newest (by the same time) of
    each device's."""
    ranked = [each for each in stored if each.chunk_count > 0]
    kept = snapshots_to_keep([(each.snapshot_id, each.ranked_at) for each in ranked], policy)
    newest: dict[UUID | None, Stored] = {}
    for each in ranked:
        mine = newest.get(each.device_id)
        if mine is None or (each.ranked_at, each.snapshot_id) > (mine.ranked_at, mine.snapshot_id):
            newest[each.device_id] = each
    return kept | {each.snapshot_id for each in newest.values()}


class TenantReport(BaseModel):
    tenant_id: UUID
    snapshots_removed: int = 0
    chunks_removed: int = 0
    bytes_freed: int = 0
    error: str | None = None


class MaintenanceReport(BaseModel):
    started_at: datetime
    finished_at: datetime
    tenants: list[TenantReport]


def _stopped(stop: threading.Event | None) -> bool:
    return stop is not None and stop.is_set()


def _pause(busy: float, stop: threading.Event | None) -> None:
    seconds = max(MIN_PAUSE, busy)
    if stop is None:
        time.sleep(seconds)
    else:
        stop.wait(seconds)


def tenant_ids(store: Store) -> list[UUID]:
    with store.operator(readonly=True) as connection:
        return list(connection.execute(
            sa.select(t.tenant.c.tenant_id).order_by(t.tenant.c.tenant_id)).scalars())


def _snapshots_by_set(store: Store,
                      tenant_id: UUID) -> tuple[Retention, dict[str, list[Stored]]]:
    snap = t.snapshot.c
    with store.tenant(tenant_id, readonly=True) as connection:
        policy = connection.execute(
            sa.select(t.tenant.c.keep_daily, t.tenant.c.keep_weekly, t.tenant.c.keep_monthly)
            .where(t.tenant.c.tenant_id == tenant_id)).one()
        rows = connection.execute(
            sa.select(snap.backup_set, snap.snapshot_id, snap.device_id, snap.taken_at,
                      snap.stored_at, snap.chunk_count)
            .where(snap.tenant_id == tenant_id)).all()
    by_set: dict[str, list[Stored]] = defaultdict(list)
    for row in rows:
        by_set[row.backup_set].append(Stored(
            snapshot_id=row.snapshot_id, device_id=row.device_id, taken_at=row.taken_at,
            stored_at=row.stored_at, chunk_count=row.chunk_count))
    return Retention.model_validate(policy, from_attributes=True), by_set


def apply_retention(store: Store, blobs: BlobStore, *, tenant_id: UUID,
                    stop: threading.Event | None = None) -> tuple[int, int]:
    """Forget the tenant's snapshots its policy does not keep: (snapshots removed, bytes freed).

    Each snapshot goes in its own transaction. A snapshot stored meanwhile is not looked at this
    time, and can only make fewer of the others worth keeping, so nothing kept is lost.
    """
    policy, by_set = _snapshots_by_set(store, tenant_id)
    doomed = []
    for stored in by_set.values():
        kept = kept_of_set(stored, policy)
        doomed += [each.snapshot_id for each in stored if each.snapshot_id not in kept]
    removed = freed = 0
    for snapshot_id in doomed:
        if _stopped(stop):
            break
        try:
            freed += snapshots.delete_snapshot(store, blobs, tenant_id=tenant_id,
                                             snapshot_id=snapshot_id)
        except ApiError:  # forgotten by its client meanwhile
            continue
        removed += 1
    return removed, freed


def _window(store: Store, tenant_id: UUID, after: str, size: int) -> list[Any]:
    with store.tenant(tenant_id, readonly=True) as connection:
        return connection.execute(
            sa.select(t.chunk.c.chunk_id, t.chunk.c.touched_at)
            .where(t.chunk.c.tenant_id == tenant_id, t.chunk.c.chunk_id > after)
            .order_by(t.chunk.c.chunk_id).limit(size)).all()


def _delete_unused(store: Store, tenant_id: UUID, first: str, last: str,
                   cutoff: datetime) -> list[Any]:
    """Delete the chunks with ids in [first, last] still unreferenced and untouched since
    ``cutoff``; return their blob keys and sizes.

    On PostgreSQL a chunk being touched right now is skipped, not waited for (it is being kept
    anyway): the collector never waits on a row an upload holds, so the two cannot deadlock.
    The references are looked up for the id range only, which keeps the plan an index range
    scan even where the planner's statistics are stale.
    """
    chunk, used = t.chunk.c, t.snapshot_chunk.c
    referenced = sa.select(used.chunk_id).where(used.tenant_id == tenant_id,
                                                used.chunk_id.between(first, last))
    unused = (sa.select(chunk.chunk_id)
              .where(chunk.tenant_id == tenant_id, chunk.chunk_id.between(first, last),
                     chunk.touched_at < cutoff, chunk.chunk_id.not_in(referenced))
              .with_for_update(skip_locked=True))
    with store.tenant(tenant_id) as connection:
        gone = connection.execute(
            t.chunk.delete()
            .where(chunk.tenant_id == tenant_id, chunk.chunk_id.in_(unused),
                   chunk.touched_at < cutoff)
            .returning(chunk.blob_key, chunk.size)).all()
        backups.release(connection, tenant_id, sum(row.size for row in gone))
    return gone


def collect_garbage(store: Store, blobs: BlobStore, *, tenant_id: UUID, grace: timedelta,
                    now: datetime | None = None, batch_size: int = GC_BATCH,
                    stop: threading.Event | None = None) -> tuple[int, int]:
    """Delete the tenant's unreferenced chunks untouched for ``grace``: (chunks, bytes) freed."""
    cutoff = (now or datetime.now(UTC)) - grace
    after, removed, freed = "", 0, 0
    while not _stopped(stop):
        started = time.monotonic()
        window = _window(store, tenant_id, after, batch_size)
        if not window:
            break
        first, after = window[0].chunk_id, window[-1].chunk_id
        stale = any(row.touched_at < cutoff for row in window)
        gone = _delete_unused(store, tenant_id, first, after, cutoff) if stale else []
        busy = time.monotonic() - started
        for row in gone:
            blobs.delete(row.blob_key)
        removed += len(gone)
        freed += sum(row.size for row in gone)
        _pause(busy, stop)
    return removed, freed


def _maintain(store: Store, blobs: BlobStore, tenant_id: UUID, grace: timedelta,
              retention: bool, stop: threading.Event | None, batch_size: int) -> TenantReport:
    report = TenantReport(tenant_id=tenant_id)
    try:
        if retention:
            report.snapshots_removed, report.bytes_freed = apply_retention(
                store, blobs, tenant_id=tenant_id, stop=stop)
        report.chunks_removed, chunk_bytes = collect_garbage(
            store, blobs, tenant_id=tenant_id, grace=grace, batch_size=batch_size, stop=stop)
        report.bytes_freed += chunk_bytes
    except Exception as error:  # one tenant's failure must not starve the others
        log.exception("maintenance of tenant %s failed", tenant_id)
        report.error = str(error) or type(error).__name__
    return report


def run_maintenance(store: Store, blobs: BlobStore, *, grace: timedelta,
                    tenant_id: UUID | None = None, retention: bool = True,
                    stop: threading.Event | None = None,
                    batch_size: int = GC_BATCH) -> MaintenanceReport:
    """Retention, then garbage collection, for one tenant or all of them."""
    started = datetime.now(UTC)
    if tenant_id is not None:
        tenants.get_tenant(store, tenant_id=tenant_id)
    reports = []
    for each in [tenant_id] if tenant_id is not None else tenant_ids(store):
        if _stopped(stop):
            break
        reports.append(_maintain(store, blobs, each, grace, retention, stop, batch_size))
    return MaintenanceReport(started_at=started, finished_at=datetime.now(UTC), tenants=reports)


@contextmanager
def maintenance_lock(store: Store) -> Iterator[bool]:
    """Whether this caller may run maintenance now: only one instance at a time on PostgreSQL.

    Two runs at once would still be safe (every delete re-checks its condition), only wasteful;
    on SQLite, a single machine, the caller always may.
    """
    if not store.is_postgres:
        yield True
        return
    with store.engine.connect() as connection:
        held = bool(connection.execute(sa.select(sa.func.pg_try_advisory_lock(ADVISORY_LOCK)))
                    .scalar())
        connection.commit()
        try:
            yield held
        finally:
            if held:
                connection.execute(sa.select(sa.func.pg_advisory_unlock(ADVISORY_LOCK)))
                connection.commit()
