"""Tenants (customer organisations) and their administrator tokens.

Keyword-only data functions over one transaction each; the routes and the admin CLI both call
these, so the API and the command line cannot drift apart.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from pydantic import BaseModel, Field

from sync.server import schema as t
from sync.server.db import Store
from sync.server.errors import not_found
from sync.server.tokens import hash_token, new_token
from sync.wire.fields import SingleLine


class Retention(BaseModel):
    """How many snapshots of each backup set to keep: the newest of each of the last N days,
    weeks and months (the newest snapshot is always kept)."""

    keep_daily: int = Field(7, ge=0, le=3660)
    keep_weekly: int = Field(4, ge=0, le=520)
    keep_monthly: int = Field(12, ge=0, le=1200)


class TenantCreate(BaseModel):
    name: SingleLine = Field(min_length=1, max_length=200)
    quota_bytes: int | None = Field(None, ge=0, le=2**62)


class TenantUpdate(BaseModel):
    name: SingleLine | None = Field(None, min_length=1, max_length=200)
    quota_bytes: int | None = Field(None, ge=0, le=2**62)
    keep_daily: int | None = Field(None, ge=0, le=3660)
    keep_weekly: int | None = Field(None, ge=0, le=520)
    keep_monthly: int | None = Field(None, ge=0, le=1200)


class TenantPublic(Retention):
    tenant_id: UUID
    name: str
    created_at: datetime
    quota_bytes: int
    used_bytes: int


class AdminToken(BaseModel):
    token_id: UUID
    tenant_id: UUID
    token: str = Field(description="Shown once; only its hash is kept.")


class TenantCreated(BaseModel):
    tenant: TenantPublic
    admin_token: AdminToken


def _public(row: Any) -> TenantPublic:
    return TenantPublic.model_validate(row, from_attributes=True)


def create_tenant(store: Store, *, name: str, quota_bytes: int) -> tuple[TenantPublic, AdminToken]:
    tenant_id = uuid.uuid4()
    with store.tenant(tenant_id) as connection:
        connection.execute(t.tenant.insert().values(
            tenant_id=tenant_id, name=name, created_at=datetime.now(UTC),
            quota_bytes=quota_bytes,
        ))
        token = _insert_admin_token(connection, tenant_id)
        row = connection.execute(t.tenant.select().where(t.tenant.c.tenant_id == tenant_id)).one()
    return _public(row), token


def _insert_admin_token(connection: sa.Connection, tenant_id: UUID) -> AdminToken:
    token_id = uuid.uuid4()
    token = new_token("adm")
    connection.execute(t.credential.insert().values(
        token_hash=hash_token(token), tenant_id=tenant_id, kind="admin", subject_id=token_id,
        created_at=datetime.now(UTC),
    ))
    return AdminToken(token_id=token_id, tenant_id=tenant_id, token=token)


def list_tenants(store: Store) -> list[TenantPublic]:
    with store.operator() as connection:
        rows = connection.execute(t.tenant.select().order_by(t.tenant.c.name)).all()
    return [_public(row) for row in rows]


def get_tenant(store: Store, *, tenant_id: UUID) -> TenantPublic:
    with store.tenant(tenant_id) as connection:
        row = connection.execute(
            t.tenant.select().where(t.tenant.c.tenant_id == tenant_id)
        ).first()
    if row is None:
        raise not_found("tenant")
    return _public(row)


def update_tenant(store: Store, *, tenant_id: UUID, changes: TenantUpdate) -> TenantPublic:
    values = changes.model_dump(exclude_none=True)
    with store.tenant(tenant_id) as connection:
        if values:
            connection.execute(
                t.tenant.update().where(t.tenant.c.tenant_id == tenant_id).values(**values)
            )
        row = connection.execute(
            t.tenant.select().where(t.tenant.c.tenant_id == tenant_id)
        ).first()
    if row is None:
        raise not_found("tenant")
    return _public(row)


def issue_admin_token(store: Store, *, tenant_id: UUID) -> AdminToken:
    get_tenant(store, tenant_id=tenant_id)
    with store.tenant(tenant_id) as connection:
        return _insert_admin_token(connection, tenant_id)


def revoke_admin_token(store: Store, *, tenant_id: UUID, token_id: UUID) -> None:
    with store.tenant(tenant_id) as connection:
        done = connection.execute(
            t.credential.update()
            .where(t.credential.c.tenant_id == tenant_id, t.credential.c.kind == "admin",
                   t.credential.c.subject_id == token_id, t.credential.c.revoked_at.is_(None))
            .values(revoked_at=datetime.now(UTC))
        ).rowcount
    if not done:
        raise not_found("admin token")
