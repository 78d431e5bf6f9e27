"""Activation, check-in and release of devices: where seats are counted and leases granted.

A device holds a seat while it is not deactivated and its lease has not ended. The same PC (same
fingerprint) activating again reuses its device row and its seat, with a new token; a PC that is
gone can be released by the holder of the licence key, or frees its seat when its lease runs out.

The seat count must hold when several PCs activate at once: each activation locks its licence row
(``SELECT … FOR UPDATE`` on PostgreSQL; SQLite runs one writing transaction at a time anyway), so
the count and the insert that follows it cannot interleave with another activation's.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.server import keys
from sync.server import schema as t
from sync.server.db import Store
from sync.server.errors import ApiError, not_found
from sync.server.licences import activated_device, deactivate, holds_seat
from sync.server.settings import Settings
from sync.server.tokens import hash_licence_key, hash_token, new_token
from sync.wire.devices import ActivatedDevice, Activation, ActivationRequest
from sync.wire.errors import ErrorCode
from sync.wire.licence import (
    LicenceDocument,
    LicenceInvalid,
    OfflineGrant,
    OfflineRequest,
    OfflineResponse,
    SignedLicence,
    SignedOfflineRequest,
    request_digest,
    sign_licence,
    sign_offline_response,
    verify_offline_request,
)

OFFLINE_REQUEST_MAX_AGE = timedelta(days=30)
CLOCK_SKEW = timedelta(days=1)


@dataclass(frozen=True)
class Issuer:
    """The signing key and the lease policy that every licence document is made with."""

    key: Ed25519PrivateKey
    lease_days: int
    grace_days: int
    offline_lease_days: int

    @classmethod
    def of(cls, settings: Settings, key: Ed25519PrivateKey) -> Issuer:
        return cls(key, settings.lease_days, settings.grace_days, settings.offline_lease_days)

    @property
    def key_id(self) -> str:
        return _key_id(self.key)

    def lease_end(self, start: datetime, days: int, expires_at: datetime | None) -> datetime:
        """``start`` plus ``days``, but never beyond the licence's own expiry."""
        end = start + timedelta(days=days)
        return end if expires_at is None else min(end, expires_at)

    def sign(self, licence: Any, *, device_id: UUID, fingerprint: str, lease_end: datetime,
             issued_at: datetime) -> SignedLicence:
        doc = LicenceDocument(
            licence_id=licence.licence_id, tenant_id=licence.tenant_id, device_id=device_id,
            edition=licence.edition, seats=licence.seats, features=list(licence.features),
            expires_at=licence.expires_at, device_fingerprint=fingerprint, lease_end=lease_end,
            grace_days=self.grace_days, issued_at=issued_at, key_id=self.key_id,
        )
        return sign_licence(doc, self.key)


@functools.cache
def _key_id(key: Ed25519PrivateKey) -> str:
    """Cached: deriving the public key costs as much as a signature, and every check-in asks."""
    return keys.key_id(key.public_key())


def _invalid_key() -> ApiError:
    return ApiError(403, ErrorCode.LICENCE_INVALID, "licence key not recognised")


def _resolve(store: Store, connection: sa.Connection, licence_key: str, *,
             lock: bool) -> Any:
    """The licence row of ``licence_key``, the transaction widened to its tenant."""
    key_hash = hash_licence_key(licence_key)
    tenant_id = connection.execute(
        sa.select(t.licence.c.tenant_id).where(t.licence.c.key_hash == key_hash)
    ).scalar()
    if tenant_id is None:
        raise _invalid_key()
    store.scope_to(connection, tenant_id)
    query = t.licence.select().where(t.licence.c.tenant_id == tenant_id,
                                     t.licence.c.key_hash == key_hash)
    return connection.execute(query.with_for_update() if lock else query).one()


def _check_usable(licence: Any, now: datetime) -> None:
    if licence.revoked_at is not None:
        raise ApiError(403, ErrorCode.LICENCE_REVOKED, "this licence has been revoked")
    if licence.expires_at is not None and licence.expires_at <= now:
        raise ApiError(403, ErrorCode.LICENCE_EXPIRED, "this licence has expired")


def check_seat(connection: sa.Connection, licence: Any, *, fingerprint: str,
                now: datetime) -> None:
    """Refuse unless a seat is free for ``fingerprint`` (which may already hold one)."""
    others = connection.execute(
        sa.select(sa.func.count()).select_from(t.device).where(
            t.device.c.tenant_id == licence.tenant_id,
            t.device.c.licence_id == licence.licence_id,
            t.device.c.fingerprint != fingerprint, holds_seat(now),
        )
    ).scalar_one()
    if others >= licence.seats:
        raise ApiError(
            409, ErrorCode.SEATS_EXHAUSTED,
            f"all {licence.seats} seats of this licence are in use; release a device first",
            seats=licence.seats,
        )


def _claim(connection: sa.Connection, licence: Any, *, fingerprint: str, name: str,
           app_version: str | None, public_key: str | None, lease_end: datetime,
           now: datetime) -> UUID:
    """Give ``fingerprint`` a seat: its old device row (tokens revoked) or a new one."""
    check_seat(connection, licence, fingerprint=fingerprint, now=now)
    scope = (t.device.c.tenant_id == licence.tenant_id,
             t.device.c.licence_id == licence.licence_id)
    device_id = connection.execute(
        sa.select(t.device.c.device_id).where(*scope, t.device.c.fingerprint == fingerprint)
    ).scalar()
    values: dict[str, Any] = {"name": name, "app_version": app_version, "last_seen_at": now,
                              "lease_end": lease_end, "deactivated_at": None}
    if public_key is not None:
        values["public_key"] = public_key
    if device_id is None:
        device_id = uuid.uuid4()
        connection.execute(t.device.insert().values(
            device_id=device_id, tenant_id=licence.tenant_id, licence_id=licence.licence_id,
            fingerprint=fingerprint, activated_at=now, **values,
        ))
        return device_id
    connection.execute(
        t.device.update().where(*scope, t.device.c.device_id == device_id).values(**values)
    )
    connection.execute(
        t.credential.update().where(
            t.credential.c.tenant_id == licence.tenant_id, t.credential.c.kind == "device",
            t.credential.c.subject_id == device_id, t.credential.c.revoked_at.is_(None),
        ).values(revoked_at=now)
    )
    return device_id


def _new_device_token(connection: sa.Connection, tenant_id: UUID, device_id: UUID,
                      now: datetime) -> str:
    token = new_token("dev")
    connection.execute(t.credential.insert().values(
        token_hash=hash_token(token), tenant_id=tenant_id, kind="device", subject_id=device_id,
        created_at=now,
    ))
    return token


def activate(store: Store, *, issuer: Issuer, request: ActivationRequest) -> Activation:
    """Activate a PC online: a seat, a device token (shown once) and a signed licence."""
    now = datetime.now(UTC)
    with store.lookup(hash_licence_key(request.licence_key)) as connection:
        licence = _resolve(store, connection, request.licence_key, lock=True)
        _check_usable(licence, now)
        lease_end = issuer.lease_end(now, issuer.lease_days, licence.expires_at)
        device_id = _claim(
            connection, licence, fingerprint=request.fingerprint, name=request.device_name,
            app_version=request.app_version, public_key=None, lease_end=lease_end, now=now,
        )
        token = _new_device_token(connection, licence.tenant_id, device_id, now)
    signed = issuer.sign(licence, device_id=device_id, fingerprint=request.fingerprint,
                         lease_end=lease_end, issued_at=now)
    return Activation(device_id=device_id, device_token=token, licence=signed, server_time=now)


def _offline_request(request_file: SignedOfflineRequest, now: datetime) -> OfflineRequest:
    try:
        request = verify_offline_request(request_file)
    except LicenceInvalid as error:
        raise ApiError(400, ErrorCode.OFFLINE_REQUEST_INVALID,
                       f"offline request refused ({error})") from None
    if request.created_at > now + CLOCK_SKEW:
        raise ApiError(400, ErrorCode.OFFLINE_REQUEST_INVALID,
                       "offline request is dated in the future; check the PC's clock")
    if request.created_at < now - OFFLINE_REQUEST_MAX_AGE:
        raise ApiError(400, ErrorCode.OFFLINE_REQUEST_INVALID,
                       "offline request is too old; make a new one on the PC")
    return request


def activate_offline(
    store: Store, *, issuer: Issuer, request_file: SignedOfflineRequest
) -> OfflineResponse:
    """Answer an offline request file with a response file bound to it.

    The lease and the document's date count from the request's own ``created_at``, so the same
    request answered twice yields the same response, and replaying an old file never extends a
    lease. No device token is issued: the PC never talks to the service.
    """
    now = datetime.now(UTC)
    request = _offline_request(request_file, now)
    with store.lookup(hash_licence_key(request.licence_key)) as connection:
        licence = _resolve(store, connection, request.licence_key, lock=True)
        _check_usable(licence, now)
        _refuse_stale_request(connection, licence, request)
        lease_end = issuer.lease_end(request.created_at, issuer.offline_lease_days,
                                     licence.expires_at)
        device_id = _claim(
            connection, licence, fingerprint=request.fingerprint, name=request.device_name,
            app_version=request.app_version, public_key=request.device_public_key,
            lease_end=lease_end, now=now,
        )
    signed = issuer.sign(licence, device_id=device_id, fingerprint=request.fingerprint,
                         lease_end=lease_end, issued_at=request.created_at)
    grant = OfflineGrant(request_digest=request_digest(request_file), device_id=device_id,
                         licence=signed)
    return sign_offline_response(grant, issuer.key)


def _refuse_stale_request(connection: sa.Connection, licence: Any,
                          request: OfflineRequest) -> None:
    """A request file made before its PC was released must not bring the PC back.

    Answering a request again is idempotent while the PC is active; once it was released or
    deactivated, only a new request (made after that) may take a seat again.
    """
    released = connection.execute(
        sa.select(t.device.c.deactivated_at).where(
            t.device.c.tenant_id == licence.tenant_id,
            t.device.c.licence_id == licence.licence_id,
            t.device.c.fingerprint == request.fingerprint,
        )
    ).scalar()
    if released is not None and released >= request.created_at:
        raise ApiError(
            409, ErrorCode.OFFLINE_REQUEST_INVALID,
            "this request file was made before the PC was released; make a new one on the PC",
        )


def deactivate_self(store: Store, *, tenant_id: UUID, device_id: UUID) -> None:
    """A device gives up its seat (uninstalling, or moving to a new PC)."""
    with store.tenant(tenant_id) as connection:
        deactivate(connection, tenant_id=tenant_id, where=t.device.c.device_id == device_id)


def holder_devices(store: Store, *, licence_key: str) -> list[ActivatedDevice]:
    """The devices of the licence whose key the caller holds, revoked or not."""
    now = datetime.now(UTC)
    with store.lookup(hash_licence_key(licence_key)) as connection:
        licence = _resolve(store, connection, licence_key, lock=False)
        rows = connection.execute(
            t.device.select().where(t.device.c.tenant_id == licence.tenant_id,
                                    t.device.c.licence_id == licence.licence_id)
            .order_by(t.device.c.activated_at, t.device.c.device_id)
        ).all()
    return [activated_device(row, now) for row in rows]


def release(store: Store, *, licence_key: str, device_id: UUID) -> None:
    """Free the seat of one of the licence's devices, e.g. a PC that died or was replaced."""
    with store.lookup(hash_licence_key(licence_key)) as connection:
        licence = _resolve(store, connection, licence_key, lock=False)
        found = deactivate(connection, tenant_id=licence.tenant_id, where=sa.and_(
            t.device.c.licence_id == licence.licence_id, t.device.c.device_id == device_id))
    if not found:
        raise not_found("device")
