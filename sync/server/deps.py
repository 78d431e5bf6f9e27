"""Typed dependencies of the routes: the shared services and who is calling.

Routes declare what they need (``store: StoreDep``, ``device: DeviceDep``, ``admin: AdminDep``)
and never read headers or app state themselves. Authentication resolves a bearer token by its
hash inside a lookup transaction, so on PostgreSQL even this step runs under row-level security.

A device comes in two kinds, so that each route's signature shows its policy. ``DeviceDep`` is
any device not deactivated: a device whose licence was revoked or expired, or whose lease lapsed,
must still be able to restore its own books and step aside, since the desktop never locks an
accountant out of them. ``ActiveDeviceDep`` also needs the licence in good standing: only a
paying, checked-in device adds to what the service stores or hands out. The standing comes from
the same query that finds the device, so it costs no extra round trip.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated
from uuid import UUID

import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sync.server import schema as t
from sync.server.blobs import BlobStore
from sync.server.checkin import device_rate_key, unauthenticated
from sync.server.db import Store
from sync.server.errors import ApiError, not_found
from sync.server.licences import inactive_licence
from sync.server.ratelimit import RateLimiter
from sync.server.settings import Settings
from sync.server.tokens import hash_token
from sync.wire.errors import ErrorCode


@dataclass
class Services:
    """Everything a request may use, built once per process at start-up."""

    settings: Settings
    store: Store
    blobs: BlobStore
    limiter: RateLimiter
    licence_key: Ed25519PrivateKey
    tuf_online_key: Ed25519PrivateKey


async def get_services(request: Request) -> Services:
    """Async on purpose, like every dependency that does no I/O: FastAPI runs a plain ``def``
    dependency in its thread pool, a hop that costs more than the dependency itself."""
    return request.app.state.services


ServicesDep = Annotated[Services, Depends(get_services)]


async def get_store(services: ServicesDep) -> Store:
    return services.store


StoreDep = Annotated[Store, Depends(get_store)]

_bearer = HTTPBearer(auto_error=False)
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def _unauthenticated(message: str) -> ApiError:
    return ApiError(
        401, ErrorCode.UNAUTHENTICATED, message, headers={"WWW-Authenticate": "Bearer"}
    )


def _token(credentials: HTTPAuthorizationCredentials | None) -> str:
    if credentials is None or not credentials.credentials:
        raise _unauthenticated("a bearer token is required")
    return credentials.credentials


def rate_limit(services: Services, key: str, limit: int) -> None:
    retry_after = services.limiter.hit(key, limit)
    if retry_after is not None:
        raise ApiError(
            429, ErrorCode.RATE_LIMITED, f"too many requests; retry in {retry_after} s",
            headers={"Retry-After": str(retry_after)},
        )


@dataclass(frozen=True)
class DevicePrincipal:
    tenant_id: UUID
    device_id: UUID
    licence_id: UUID
    inactive: ApiError | None = None
    """The refusal (``licence_inactive``) of a device whose licence is revoked or expired or
    whose lease lapsed; None while it is in good standing."""


def _tenant_of(connection: sa.Connection, token_hash: str, kind: str) -> UUID | None:
    """The tenant of a live credential of ``kind`` with this hash, if there is one."""
    return connection.execute(
        sa.select(t.credential.c.tenant_id).where(
            t.credential.c.token_hash == token_hash,
            t.credential.c.kind == kind,
            t.credential.c.revoked_at.is_(None),
        )
    ).scalar()


def get_device(services: ServicesDep, credentials: BearerDep) -> DevicePrincipal:
    """The device whose bearer token this is, in any standing; refused when its token is
    revoked or it is deactivated."""
    token_hash = hash_token(_token(credentials))
    rate_limit(services, device_rate_key(token_hash), services.settings.rate_device_per_minute)
    return _device(services, token_hash)


def get_chunk_device(services: ServicesDep, credentials: BearerDep) -> DevicePrincipal:
    """As :func:`get_device`, counted in the device's own bucket of chunk transfers: a first
    backup of a large company sends thousands of small chunks, which the general per-device
    limit would stretch over many minutes."""
    token_hash = hash_token(_token(credentials))
    rate_limit(services, "chunks:" + device_rate_key(token_hash),
               services.settings.rate_chunks_per_minute)
    return _device(services, token_hash)


# Built once: the device of a token with its lease and its licence's standing, in one statement.
_DEVICE = (
    sa.select(t.device.c.device_id, t.device.c.licence_id, t.device.c.deactivated_at,
              t.device.c.lease_end, t.licence.c.revoked_at, t.licence.c.expires_at)
    .join(t.credential, t.credential.c.subject_id == t.device.c.device_id)
    .join(t.licence, sa.and_(t.licence.c.tenant_id == t.device.c.tenant_id,
                             t.licence.c.licence_id == t.device.c.licence_id))
    .where(t.credential.c.token_hash == sa.bindparam("token_hash"),
           t.device.c.tenant_id == sa.bindparam("tenant_id"))
)


def _device(services: Services, token_hash: str) -> DevicePrincipal:
    store = services.store
    with store.lookup(token_hash, readonly=True) as connection:
        tenant_id = _tenant_of(connection, token_hash, "device")
        if tenant_id is None:
            raise unauthenticated()
        store.scope_to(connection, tenant_id)
        row = connection.execute(
            _DEVICE, {"token_hash": token_hash, "tenant_id": tenant_id}).first()
    if row is None or row.deactivated_at is not None:
        raise ApiError(403, ErrorCode.DEVICE_DEACTIVATED, "this device has been deactivated")
    inactive = inactive_licence(
        row, grace=timedelta(days=services.settings.grace_days), now=datetime.now(UTC))
    return DevicePrincipal(tenant_id, row.device_id, row.licence_id, inactive)


async def device_token_hash(credentials: BearerDep) -> str:
    """The hash of the bearer token, for routes that authenticate in their own transaction."""
    return hash_token(_token(credentials))


TokenHashDep = Annotated[str, Depends(device_token_hash)]


DeviceDep = Annotated[DevicePrincipal, Depends(get_device)]
ChunkDeviceDep = Annotated[DevicePrincipal, Depends(get_chunk_device)]


def _in_good_standing(device: DevicePrincipal) -> DevicePrincipal:
    if device.inactive is not None:
        raise device.inactive
    return device


async def get_active_device(device: DeviceDep) -> DevicePrincipal:
    """As :func:`get_device`, refused (403 ``licence_inactive``) unless the device's licence is
    in good standing: not revoked, not expired, and its lease plus grace not past."""
    return _in_good_standing(device)


async def get_active_chunk_device(device: ChunkDeviceDep) -> DevicePrincipal:
    """As :func:`get_chunk_device`, refused like :func:`get_active_device`."""
    return _in_good_standing(device)


ActiveDeviceDep = Annotated[DevicePrincipal, Depends(get_active_device)]
ActiveChunkDeviceDep = Annotated[DevicePrincipal, Depends(get_active_chunk_device)]


@dataclass(frozen=True)
class AdminPrincipal:
    """The operator (all tenants) or one tenant's administrator."""

    tenant_id: UUID | None

    @property
    def is_operator(self) -> bool:
        return self.tenant_id is None

    def check_tenant(self, tenant_id: UUID) -> None:
        """Refuse another tenant's objects as "not found", so their existence does not leak."""
        if self.tenant_id is not None and self.tenant_id != tenant_id:
            raise not_found("tenant")

    def require_operator(self) -> None:
        if not self.is_operator:
            raise ApiError(403, ErrorCode.FORBIDDEN, "only the operator may do this")


def get_admin(services: ServicesDep, credentials: BearerDep) -> AdminPrincipal:
    token = _token(credentials)
    operator = services.settings.admin_token
    if operator is not None and hmac.compare_digest(
        token.encode(), operator.get_secret_value().encode()
    ):
        return AdminPrincipal(None)
    token_hash = hash_token(token)
    with services.store.lookup(token_hash, readonly=True) as connection:
        tenant_id = _tenant_of(connection, token_hash, "admin")
    if tenant_id is None:
        raise _unauthenticated("unknown or revoked admin token")
    return AdminPrincipal(tenant_id)


AdminDep = Annotated[AdminPrincipal, Depends(get_admin)]
