"""The licence check-in: the one request every desktop makes, so it has its own lean path.

A check-in authenticates the device token, renews the lease and signs a fresh licence document,
all in ONE transaction of a few prepared statements: the token, its device and its licence are
read by one join (the credential's tenant scopes the device and the licence), and one UPDATE
renews the lease. The statements are built once at import as ``text()`` with typed columns, so
SQLAlchemy neither rebuilds nor re-keys them per request. The rules are those of
:mod:`sync.server.activation`: a device holding its seat renews without taking any lock; only a
device whose lease lapsed counts the seats again, under the licence row's lock.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from sync.server.activation import Issuer, check_seat
from sync.server.db import Store
from sync.server.errors import ApiError
from sync.server.schema import UTCDateTime
from sync.wire.devices import CheckIn
from sync.wire.errors import ErrorCode

# PostgreSQL: let this transaction see the credential carrying the token, then scope it to that
# credential's tenant, in one round trip. The target list is evaluated left to right and the
# subquery only when its value is needed, so the first set_config is in force when it runs.
_SCOPE_TO_TOKEN = sa.text(
    "SELECT set_config('daftar.token_hash', :token_hash, true), "
    "set_config('daftar.tenant_id', coalesce((SELECT tenant_id::text FROM credential "
    "WHERE token_hash = :token_hash AND kind = 'device' AND revoked_at IS NULL), ''), true)"
)
_DEVICE = sa.text(
    "SELECT d.tenant_id, d.device_id, d.fingerprint, d.lease_end, d.deactivated_at, "
    "l.licence_id, l.edition, l.seats, l.features, l.expires_at, l.revoked_at "
    "FROM credential c "
    "JOIN device d ON d.tenant_id = c.tenant_id AND d.device_id = c.subject_id "
    "JOIN licence l ON l.tenant_id = d.tenant_id AND l.licence_id = d.licence_id "
    "WHERE c.token_hash = :token_hash AND c.kind = 'device' AND c.revoked_at IS NULL"
).columns(
    tenant_id=sa.Uuid, device_id=sa.Uuid, fingerprint=sa.String, lease_end=UTCDateTime,
    deactivated_at=UTCDateTime, licence_id=sa.Uuid, edition=sa.String, seats=sa.Integer,
    features=sa.JSON, expires_at=UTCDateTime, revoked_at=UTCDateTime,
)
_RENEW = sa.text(
    "UPDATE device SET last_seen_at = :now, lease_end = coalesce(:lease_end, lease_end), "
    "app_version = coalesce(:app_version, app_version) "
    "WHERE tenant_id = :tenant_id AND device_id = :device_id"
).bindparams(
    sa.bindparam("now", type_=UTCDateTime), sa.bindparam("lease_end", type_=UTCDateTime),
    sa.bindparam("tenant_id", type_=sa.Uuid), sa.bindparam("device_id", type_=sa.Uuid),
    sa.bindparam("app_version", type_=sa.String),
)
_LOCK_LICENCE = sa.text(
    "SELECT licence_id FROM licence WHERE tenant_id = :tenant_id AND licence_id = :licence_id "
    "FOR UPDATE"
).bindparams(sa.bindparam("tenant_id", type_=sa.Uuid), sa.bindparam("licence_id", type_=sa.Uuid))


def unauthenticated() -> ApiError:
    return ApiError(401, ErrorCode.UNAUTHENTICATED, "unknown or revoked device token",
                    headers={"WWW-Authenticate": "Bearer"})


def check_in(store: Store, *, issuer: Issuer, token_hash: str,
             app_version: str | None) -> CheckIn:
    """Renew the lease of the device holding this token and hand it a fresh document.

    A revoked licence answers ``revoked=True`` with no document, so the desktop learns of it;
    an expired licence or a deactivated device is refused (403), an unknown token too (401).
    """
    now = datetime.now(UTC)
    with store.lookup(token_hash) as connection:
        if store.is_postgres:
            connection.execute(_SCOPE_TO_TOKEN, {"token_hash": token_hash})
        row = connection.execute(_DEVICE, {"token_hash": token_hash}).first()
        if row is None:
            raise unauthenticated()
        if row.deactivated_at is not None:
            raise ApiError(403, ErrorCode.DEVICE_DEACTIVATED, "this device has been deactivated")
        if row.revoked_at is None and row.expires_at is not None and row.expires_at <= now:
            raise ApiError(403, ErrorCode.LICENCE_EXPIRED,
                           f"this licence expired on {row.expires_at:%Y-%m-%d}; renew it")
        lease_end = None
        if row.revoked_at is None:
            if row.lease_end <= now:
                _take_seat_back(store, connection, row, now)
            lease_end = issuer.lease_end(now, issuer.lease_days, row.expires_at)
        connection.execute(_RENEW, {
            "now": now, "lease_end": lease_end, "app_version": app_version,
            "tenant_id": row.tenant_id, "device_id": row.device_id,
        })
    if lease_end is None:
        return CheckIn(revoked=True, licence=None, lease_end=None, server_time=now)
    signed = issuer.sign(row, device_id=row.device_id, fingerprint=row.fingerprint,
                         lease_end=lease_end, issued_at=now)
    return CheckIn(revoked=False, licence=signed, lease_end=lease_end, server_time=now)


def _take_seat_back(store: Store, connection: sa.Connection, row: sa.Row[object],
                    now: datetime) -> None:
    """A device whose lease ran out gave up its seat: it gets one back only if one is free."""
    if store.is_postgres:
        connection.execute(_LOCK_LICENCE, {"tenant_id": row.tenant_id,
                                           "licence_id": row.licence_id})
    check_seat(connection, row, fingerprint=row.fingerprint, now=now)


def device_rate_key(token_hash: str) -> str:
    """The rate-limit bucket of a device: its token, so the check costs no database read."""
    return f"device:{token_hash[:32]}"

