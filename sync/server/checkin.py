"""The licence check-in: the one request every desktop makes, so it has its own lean path.

A check-in authenticates the device token, renews the lease and signs a fresh licence document,
all in ONE transaction of a few prepared statements: the token, its device and its licence are
read by one join (the credential's tenant scopes the device and the licence), and one UPDATE
renews the lease. The statements are built once at import as ``text()`` with typed columns, so
SQLAlchemy neither rebuilds nor re-keys them per request. The rules are those of
:mod:`sync.server.activation`: a device holding its seat renews without taking any lock; only a
device whose lease lapsed counts the seats again, under the licence row's lock.

On PostgreSQL the usual check-in (a device holding its seat) sends the same statements straight
through psycopg, on a connection of SQLAlchemy's pool. SQLAlchemy's execution and result layers
cost half a millisecond of CPU per check-in, as much as everything else the check-in does (1.0
ms became 0.5 ms), and were what kept two cores short of 1,000 check-ins a second. The
transaction is the same, in five round trips (begin, scope, read, renew, commit). A device whose
lease lapsed is rolled back there and goes the SQLAlchemy way, which counts the seats.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

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
    "SELECT set_config('daftar.token_hash', :token_hash, true) AS token_hash, "
    "set_config('daftar.tenant_id', coalesce((SELECT tenant_id::text FROM credential "
    "WHERE token_hash = :token_hash AND kind = 'device' AND revoked_at IS NULL), ''), true) "
    "AS tenant_id"
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


def _psycopg(statement: sa.TextClause | sa.TextualSelect) -> str:
    """The same SQL with psycopg's ``%(name)s`` placeholders (``::`` casts left alone)."""
    text = statement.element.text if isinstance(statement, sa.TextualSelect) else statement.text
    return re.sub(r"(?<![:\w]):(\w+)(?!:)", r"%(\1)s", text)


_PG_SCOPE_TO_TOKEN, _PG_DEVICE, _PG_RENEW = map(_psycopg, (_SCOPE_TO_TOKEN, _DEVICE, _RENEW))

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
    if store.is_postgres:
        answer = _check_in_holding_seat(store, issuer, token_hash, app_version, now)
        if answer is not None:
            return answer
    with store.lookup(token_hash) as connection:
        if store.is_postgres:
            connection.execute(_SCOPE_TO_TOKEN, {"token_hash": token_hash})
        row = connection.execute(_DEVICE, {"token_hash": token_hash}).first()
        lease_end = _new_lease_end(row, issuer, now)
        if lease_end is not None and row.lease_end <= now:
            _take_seat_back(store, connection, row, now)
        connection.execute(_RENEW, _renewal(row, lease_end, app_version, now))
    return _answer(issuer, row, lease_end, now)


def _check_in_holding_seat(store: Store, issuer: Issuer, token_hash: str,
                           app_version: str | None, now: datetime) -> CheckIn | None:
    """The check-in on PostgreSQL, straight through psycopg; None when the device's lease
    lapsed (nothing is written then: the SQLAlchemy path counts the seats)."""
    from psycopg import Rollback
    from psycopg.rows import namedtuple_row

    pooled = store.engine.raw_connection()
    connection = pooled.driver_connection
    try:
        with connection.transaction() as transaction, connection.cursor(
                row_factory=namedtuple_row) as cursor:
            cursor.execute(_PG_SCOPE_TO_TOKEN, {"token_hash": token_hash})
            row = _in_utc(cursor.execute(_PG_DEVICE, {"token_hash": token_hash}).fetchone())
            lease_end = _new_lease_end(row, issuer, now)
            if lease_end is not None and row.lease_end <= now:
                raise Rollback(transaction)
            cursor.execute(_PG_RENEW, _renewal(row, lease_end, app_version, now))
            return _answer(issuer, row, lease_end, now)
        return None  # rolled back
    finally:
        if connection.broken:  # as SQLAlchemy would: a database restart costs one request
            pooled.invalidate()
        pooled.close()


def _in_utc(row: Any) -> Any:
    """The row with its times in UTC, as :class:`~sync.server.schema.UTCDateTime` reads them
    (psycopg gives the session's time zone, and the signed document must not depend on it)."""
    if row is None:
        return None
    return row._replace(**{name: getattr(row, name).astimezone(UTC) for name in (
        "lease_end", "deactivated_at", "expires_at", "revoked_at") if getattr(row, name)})


def _new_lease_end(row: Any, issuer: Issuer, now: datetime) -> datetime | None:
    """The lease this check-in grants (None: the licence is revoked), or the refusal."""
    if row is None:
        raise unauthenticated()
    if row.deactivated_at is not None:
        raise ApiError(403, ErrorCode.DEVICE_DEACTIVATED, "this device has been deactivated")
    if row.revoked_at is None and row.expires_at is not None and row.expires_at <= now:
        raise ApiError(403, ErrorCode.LICENCE_EXPIRED,
                       f"this licence expired on {row.expires_at:%Y-%m-%d}; renew it")
    if row.revoked_at is not None:
        return None
    return issuer.lease_end(now, issuer.lease_days, row.expires_at)


def _renewal(row: Any, lease_end: datetime | None, app_version: str | None,
             now: datetime) -> dict[str, Any]:
    return {"now": now, "lease_end": lease_end, "app_version": app_version,
            "tenant_id": row.tenant_id, "device_id": row.device_id}


def _answer(issuer: Issuer, row: Any, lease_end: datetime | None, now: datetime) -> CheckIn:
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

