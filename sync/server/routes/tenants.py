"""Admin API: tenants and their administrator tokens."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, status

from sync.server import tenants
from sync.server.deps import AdminDep, ServicesDep, StoreDep

router = APIRouter(prefix="/v1/admin/tenants", tags=["admin"])


@router.post("", status_code=status.HTTP_201_CREATED)
def create_tenant(
    body: tenants.TenantCreate, admin: AdminDep, services: ServicesDep
) -> tenants.TenantCreated:
    """Create a tenant and its first administrator token (operator only)."""
    admin.require_operator()
    quota = body.quota_bytes
    if quota is None:
        quota = services.settings.default_quota_bytes
    tenant, token = tenants.create_tenant(services.store, name=body.name, quota_bytes=quota)
    return tenants.TenantCreated(tenant=tenant, admin_token=token)


@router.get("")
def list_tenants(admin: AdminDep, store: StoreDep) -> list[tenants.TenantPublic]:
    """All tenants for the operator; a tenant administrator sees their own."""
    if admin.tenant_id is not None:
        return [tenants.get_tenant(store, tenant_id=admin.tenant_id)]
    return tenants.list_tenants(store)


@router.get("/{tenant_id}")
def get_tenant(tenant_id: UUID, admin: AdminDep, store: StoreDep) -> tenants.TenantPublic:
    admin.check_tenant(tenant_id)
    return tenants.get_tenant(store, tenant_id=tenant_id)


@router.patch("/{tenant_id}")
def update_tenant(
    tenant_id: UUID, body: tenants.TenantUpdate, admin: AdminDep, store: StoreDep
) -> tenants.TenantPublic:
    """Rename, change the quota or the retention policy (quota: operator only)."""
    admin.check_tenant(tenant_id)
    if body.quota_bytes is not None:
        admin.require_operator()
    return tenants.update_tenant(store, tenant_id=tenant_id, changes=body)


@router.post("/{tenant_id}/admin-tokens", status_code=status.HTTP_201_CREATED)
def issue_admin_token(tenant_id: UUID, admin: AdminDep, store: StoreDep) -> tenants.AdminToken:
    admin.check_tenant(tenant_id)
    return tenants.issue_admin_token(store, tenant_id=tenant_id)


@router.post("/{tenant_id}/admin-tokens/{token_id}/revoke",
             status_code=status.HTTP_204_NO_CONTENT)
def revoke_admin_token(tenant_id: UUID, token_id: UUID, admin: AdminDep, store: StoreDep) -> None:
    admin.check_tenant(tenant_id)
    tenants.revoke_admin_token(store, tenant_id=tenant_id, token_id=token_id)
