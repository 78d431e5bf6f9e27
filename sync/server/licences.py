"""Licences and the devices using them: the operator issues and revokes, a tenant's
administrator watches seats and frees them.

A licence key is generated here and shown once; only its hash is stored, with its last four
characters as a hint for support calls. A device holds a seat while it is not deactivated and its
lease has not run out, so a PC that vanished frees its seat by itself when its lease ends
(activation and check-in are in :mod:`sync.server.activation`).

A device is in good standing while its licence is neither revoked nor expired and its lease plus
the grace period has not passed: the same moment the desktop turns read-only, so the service and
the PC never disagree about whether it may still back up.

Keyword-only data functions over one transaction each; the admin API and the admin CLI both call
them.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any
from uuid import UUID

import sqlalchemy as sa
from pydantic import BaseModel, Field, field_validator

from sync.server import schema as t
from sync.server.db import Store
from sync.server.errors import ApiError, not_found
from sync.server.tokens import hash_licence_key, new_licence_key
from sync.wire.devices import ActivatedDevice
from sync.wire.errors import ErrorCode
from sync.wire.fields import SingleLine, UtcDateTime

Feature = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9_.-]*$")]


class LicenceCreate(BaseModel):
    edition: SingleLine = Field(min_length=1, max_length=40)
    seats: int = Field(ge=1, le=100_000)
    features: list[Feature] = Field(default_factory=list, max_length=100)
    expires_at: UtcDateTime | None = Field(None, description="None: never expires.")

    @field_validator("features")
    @classmethod
    def _distinct(cls, features: list[str]) -> list[str]:
        return list(dict.fromkeys(features))


class LicencePublic(BaseModel):
    licence_id: UUID
    tenant_id: UUID
    key_hint: str = Field(description="Last four characters of the key, to tell keys apart.")
    edition: str
    seats: int
    seats_used: int
    features: list[str]
    expires_at: datetime | None
    created_at: datetime
    revoked_at: datetime | None


class LicenceIssued(BaseModel):
    licence: LicencePublic
    licence_key: str = Field(description="Shown once; only its hash is kept.")


class DevicePublic(ActivatedDevice):
    """A device as its tenant's administrator sees it."""

    tenant_id: UUID
    licence_id: UUID
    fingerprint: str


def holds_seat(now: datetime) -> sa.ColumnElement[bool]:
    """The devices that count against their licence's seats at ``now``."""
    return sa.and_(t.device.c.deactivated_at.is_(None), t.device.c.lease_end > now)


def _seats_used(tenant_id: UUID, now: datetime) -> sa.Subquery:
    return (
        sa.select(t.device.c.licence_id, sa.func.count().label("used"))
        .where(t.device.c.tenant_id == tenant_id, holds_seat(now))
        .group_by(t.device.c.licence_id)
        .subquery()
    )


def _licence_query(tenant_id: UUID) -> sa.Select[Any]:
    used = _seats_used(tenant_id, datetime.now(UTC))
    return (
        sa.select(t.licence, sa.func.coalesce(used.c.used, 0).label("seats_used"))
        .outerjoin(used, used.c.licence_id == t.licence.c.licence_id)
        .where(t.licence.c.tenant_id == tenant_id)
    )


def _public(row: Any) -> LicencePublic:
    return LicencePublic.model_validate(row, from_attributes=True)


def issue_licence(store: Store, *, tenant_id: UUID, spec: LicenceCreate) -> LicenceIssued:
    now = datetime.now(UTC)
    if spec.expires_at is not None and spec.expires_at <= now:
        raise ApiError(422, ErrorCode.VALIDATION, "expires_at: must be in the future")
    key, licence_id = new_licence_key(), uuid.uuid4()
    with store.tenant(tenant_id) as connection:
        found = connection.execute(
            sa.select(t.tenant.c.tenant_id).where(t.tenant.c.tenant_id == tenant_id)
        ).first()
        if found is None:
            raise not_found("tenant")
        connection.execute(t.licence.insert().values(
            licence_id=licence_id, tenant_id=tenant_id, key_hash=hash_licence_key(key),
            key_hint=key[-4:], edition=spec.edition, seats=spec.seats, features=spec.features,
            expires_at=spec.expires_at, created_at=now,
        ))
        row = connection.execute(
            _licence_query(tenant_id).where(t.licence.c.licence_id == licence_id)
        ).one()
    return LicenceIssued(licence=_public(row), licence_key=key)


def list_licences(store: Store, *, tenant_id: UUID) -> list[LicencePublic]:
    with store.tenant(tenant_id) as connection:
        rows = connection.execute(
            _licence_query(tenant_id).order_by(t.licence.c.created_at, t.licence.c.licence_id)
        ).all()
    return [_public(row) for row in rows]


def get_licence(store: Store, *, tenant_id: UUID, licence_id: UUID) -> LicencePublic:
    with store.tenant(tenant_id) as connection:
        row = connection.execute(
            _licence_query(tenant_id).where(t.licence.c.licence_id == licence_id)
        ).first()
    if row is None:
        raise not_found("licence")
    return _public(row)


def revoke_licence(store: Store, *, tenant_id: UUID, licence_id: UUID) -> None:
    """Revoke a licence; its devices learn of it at their next check-in. Revoking twice is fine.

    Device tokens stay valid on purpose: a device must still be able to check in to be told.
    """
    where = (t.licence.c.tenant_id == tenant_id, t.licence.c.licence_id == licence_id)
    with store.tenant(tenant_id) as connection:
        connection.execute(
            t.licence.update().where(*where, t.licence.c.revoked_at.is_(None))
            .values(revoked_at=datetime.now(UTC))
        )
        found = connection.execute(sa.select(t.licence.c.licence_id).where(*where)).first()
    if found is None:
        raise not_found("licence")


_ONLY_RESTORE = ("it may still restore its backups, but not back up, take a company, send usage "
                 "counts or fetch updates")


def inactive_licence(row: Any, *, grace: timedelta, now: datetime) -> ApiError | None:
    """The refusal of a device not in good standing, or None: ``row`` has the licence's
    ``revoked_at`` and ``expires_at`` and the device's ``lease_end``."""
    if row.revoked_at is not None:
        return _inactive("revoked", row.revoked_at, (
            f"this device's licence was revoked on {row.revoked_at:%Y-%m-%d}: {_ONLY_RESTORE}; "
            "activate it with a valid licence key"))
    if row.expires_at is not None and row.expires_at <= now:
        return _inactive("expired", row.expires_at, (
            f"this device's licence expired on {row.expires_at:%Y-%m-%d}: {_ONLY_RESTORE}; "
            "renew the licence, then check in"))
    grace_end = row.lease_end + grace
    if grace_end <= now:
        return _inactive("lapsed", grace_end, (
            f"this device's lease ended on {row.lease_end:%Y-%m-%d} and its grace period on "
            f"{grace_end:%Y-%m-%d}: {_ONLY_RESTORE}; check in to renew the lease"))
    return None


def _inactive(reason: str, since: datetime, message: str) -> ApiError:
    return ApiError(403, ErrorCode.LICENCE_INACTIVE, message, reason=reason,
                    since=since.isoformat())


def activated_device(row: Any, now: datetime) -> ActivatedDevice:
    """A device row as its licence key holder may see it."""
    return ActivatedDevice(
        device_id=row.device_id, name=row.name, app_version=row.app_version,
        activated_at=row.activated_at, last_seen_at=row.last_seen_at, lease_end=row.lease_end,
        deactivated_at=row.deactivated_at, offline=row.public_key is not None,
        holds_seat=row.deactivated_at is None and row.lease_end > now,
    )


def _device_public(row: Any, now: datetime) -> DevicePublic:
    return DevicePublic(**activated_device(row, now).model_dump(), tenant_id=row.tenant_id,
                        licence_id=row.licence_id, fingerprint=row.fingerprint)


def list_devices(
    store: Store, *, tenant_id: UUID, licence_id: UUID | None = None
) -> list[DevicePublic]:
    query = sa.select(t.device).where(t.device.c.tenant_id == tenant_id)
    if licence_id is not None:
        query = query.where(t.device.c.licence_id == licence_id)
    with store.tenant(tenant_id) as connection:
        rows = connection.execute(
            query.order_by(t.device.c.activated_at, t.device.c.device_id)
        ).all()
    now = datetime.now(UTC)
    return [_device_public(row, now) for row in rows]


def deactivate_device(store: Store, *, tenant_id: UUID, device_id: UUID) -> None:
    """Free the device's seat. Its token stays, so the device is told ``device_deactivated``."""
    with store.tenant(tenant_id) as connection:
        found = deactivate(connection, tenant_id=tenant_id,
                           where=t.device.c.device_id == device_id)
    if not found:
        raise not_found("device")


def deactivate(connection: sa.Connection, *, tenant_id: UUID,
               where: sa.ColumnElement[bool]) -> bool:
    """Mark the matching devices deactivated (keeping the first date); False if none matched."""
    scope = sa.and_(t.device.c.tenant_id == tenant_id, where)
    connection.execute(
        t.device.update().where(scope, t.device.c.deactivated_at.is_(None))
        .values(deactivated_at=datetime.now(UTC))
    )
    return connection.execute(sa.select(t.device.c.device_id).where(scope)).first() is not None
