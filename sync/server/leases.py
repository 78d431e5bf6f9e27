"""Writer leases: one PC at a time keeps a company's books (see ``sync/wire/leases.py``).

The lease row of a backup set is locked (``FOR UPDATE`` on PostgreSQL; SQLite runs one writing
transaction at a time) while a take or release decides, so two PCs taking the same company at
once cannot both win. Every answer is a lease signed with the licence key, which the PC keeps and
honours offline.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.server import keys
from sync.server import schema as t
from sync.server.db import Store
from sync.server.errors import ApiError
from sync.wire.errors import ErrorCode
from sync.wire.leases import LeaseState, SignedWriterLease, TakeLease, WriterLease, sign_lease

_lease = t.writer_lease.c


def _latest_snapshot(connection: sa.Connection, tenant_id: UUID, backup_set: str) -> UUID | None:
    """The newest snapshot of the set, by the server's own clock (``stored_at``)."""
    c = t.snapshot.c
    return connection.execute(
        sa.select(c.snapshot_id).where(c.tenant_id == tenant_id, c.backup_set == backup_set)
        .order_by(c.stored_at.desc(), c.snapshot_id.desc()).limit(1)).scalar()


def _row(connection: sa.Connection, tenant_id: UUID, backup_set: str, *,
         lock: bool) -> sa.Row | None:
    query = sa.select(t.writer_lease).where(_lease.tenant_id == tenant_id,
                                            _lease.backup_set == backup_set)
    if lock and connection.dialect.name == "postgresql":
        query = query.with_for_update()
    return connection.execute(query).first()


def _signed(row: sa.Row | dict, key: Ed25519PrivateKey, now: datetime) -> SignedWriterLease:
    data = row._mapping if isinstance(row, sa.Row) else row
    return sign_lease(WriterLease(
        tenant_id=data["tenant_id"], backup_set=data["backup_set"],
        holder_device_id=data["holder_device_id"], holder_name=data["holder_name"],
        generation=data["generation"], taken_at=data["taken_at"], lease_end=data["lease_end"],
        issued_at=now, key_id=keys.key_id(key.public_key())), key)


def state(store: Store, *, tenant_id: UUID, backup_set: str,
          key: Ed25519PrivateKey) -> LeaseState:
    now = datetime.now(UTC)
    with store.tenant(tenant_id, readonly=True) as connection:
        row = _row(connection, tenant_id, backup_set, lock=False)
        latest = _latest_snapshot(connection, tenant_id, backup_set)
    return LeaseState(lease=_signed(row, key, now) if row else None, latest_snapshot_id=latest,
                      server_time=now)


def _device_name(connection: sa.Connection, tenant_id: UUID, device_id: UUID) -> str:
    return connection.execute(sa.select(t.device.c.name).where(
        t.device.c.tenant_id == tenant_id, t.device.c.device_id == device_id)).scalar() or "PC"


def take(store: Store, *, tenant_id: UUID, device_id: UUID, backup_set: str, body: TakeLease,
         key: Ed25519PrivateKey, lease_days: int) -> SignedWriterLease:
    """Take the company for ``device_id``, or renew the lease it already holds."""
    now = datetime.now(UTC)
    with store.tenant(tenant_id) as connection:
        row = _row(connection, tenant_id, backup_set, lock=True)
        values = {"tenant_id": tenant_id, "backup_set": backup_set,
                  "holder_device_id": device_id,
                  "holder_name": _device_name(connection, tenant_id, device_id),
                  "lease_end": now + timedelta(days=lease_days)}
        if row is not None and row.holder_device_id == device_id:
            values.update(generation=row.generation, taken_at=row.taken_at)
        else:
            _may_take(connection, row, tenant_id, backup_set, body, now)
            values.update(generation=(row.generation + 1) if row else 1, taken_at=now)
        _write(connection, row, values)
    return _signed(values, key, now)


def _may_take(connection: sa.Connection, row: sa.Row | None, tenant_id: UUID, backup_set: str,
              body: TakeLease, now: datetime) -> None:
    if (row is not None and row.holder_device_id is not None and row.lease_end > now
            and not body.force):
        raise ApiError(409, ErrorCode.LEASE_HELD,
                       f"this company is kept on {row.holder_name} since "
                       f"{row.taken_at:%Y-%m-%d %H:%M} UTC; release it there first",
                       holder_name=row.holder_name, taken_at=row.taken_at.isoformat(),
                       lease_end=row.lease_end.isoformat())
    latest = _latest_snapshot(connection, tenant_id, backup_set)
    if latest is not None and body.based_on != latest:
        raise ApiError(409, ErrorCode.LEASE_STALE,
                       "a newer backup of this company exists: restore it before taking it",
                       latest_snapshot_id=str(latest))


def _write(connection: sa.Connection, row: sa.Row | None, values: dict) -> None:
    if row is None:
        connection.execute(sa.insert(t.writer_lease).values(**values))
    else:
        connection.execute(sa.update(t.writer_lease).where(
            _lease.tenant_id == values["tenant_id"], _lease.backup_set == values["backup_set"],
        ).values(**values))


def release(store: Store, *, tenant_id: UUID, device_id: UUID, backup_set: str,
            key: Ed25519PrivateKey) -> SignedWriterLease:
    """Give the company up: nobody holds it until another PC takes it (from the newest backup)."""
    now = datetime.now(UTC)
    with store.tenant(tenant_id) as connection:
        row = _row(connection, tenant_id, backup_set, lock=True)
        if row is None or row.holder_device_id != device_id:
            raise ApiError(409, ErrorCode.LEASE_NOT_HELD,
                           "this PC does not hold this company's lease")
        values = {**row._mapping, "holder_device_id": None, "generation": row.generation + 1,
                  "taken_at": now, "lease_end": now}
        _write(connection, row, values)
    return _signed(values, key, now)
