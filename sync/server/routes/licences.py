"""Admin API: a tenant's licences and the devices activated with them.

Issuing and revoking a licence is the operator's alone: a licence is signed with the vendor's
key, so a tenant administrator who could issue one could grant its own firm any edition, any
number of seats, forever. A tenant administrator sees its licences and devices and frees seats.
"""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, status

from sync.server import licences
from sync.server.deps import AdminDep, StoreDep

router = APIRouter(prefix="/v1/admin/tenants/{tenant_id}", tags=["admin"])
OPERATOR_ONLY = {403: {"description": "``forbidden``: a tenant administrator's token (only the "
                       "operator issues and revokes licences)"}}


@router.post("/licences", status_code=status.HTTP_201_CREATED, responses=OPERATOR_ONLY)
def issue_licence(
    tenant_id: UUID, body: licences.LicenceCreate, admin: AdminDep, store: StoreDep
) -> licences.LicenceIssued:
    """Issue a licence (operator only); its key is in this answer only (the service keeps its
    hash)."""
    admin.require_operator()
    return licences.issue_licence(store, tenant_id=tenant_id, spec=body)


@router.get("/licences")
def list_licences(
    tenant_id: UUID, admin: AdminDep, store: StoreDep
) -> list[licences.LicencePublic]:
    """The tenant's licences with their seats in use (its administrators, or the operator)."""
    admin.check_tenant(tenant_id)
    return licences.list_licences(store, tenant_id=tenant_id)


@router.get("/licences/{licence_id}")
def get_licence(
    tenant_id: UUID, licence_id: UUID, admin: AdminDep, store: StoreDep
) -> licences.LicencePublic:
    admin.check_tenant(tenant_id)
    return licences.get_licence(store, tenant_id=tenant_id, licence_id=licence_id)


@router.post("/licences/{licence_id}/revoke", status_code=status.HTTP_204_NO_CONTENT,
             responses=OPERATOR_ONLY)
def revoke_licence(tenant_id: UUID, licence_id: UUID, admin: AdminDep, store: StoreDep) -> None:
    """Revoke a licence (operator only); each of its devices is told at its next check-in and
    from then on may restore its backups but not add to them."""
    admin.require_operator()
    licences.revoke_licence(store, tenant_id=tenant_id, licence_id=licence_id)


@router.get("/devices")
def list_devices(
    tenant_id: UUID, admin: AdminDep, store: StoreDep, licence_id: UUID | None = None
) -> list[licences.DevicePublic]:
    """The tenant's devices (optionally one licence's), with their lease and last check-in."""
    admin.check_tenant(tenant_id)
    return licences.list_devices(store, tenant_id=tenant_id, licence_id=licence_id)


@router.post("/devices/{device_id}/deactivate", status_code=status.HTTP_204_NO_CONTENT)
def deactivate_device(tenant_id: UUID, device_id: UUID, admin: AdminDep, store: StoreDep) -> None:
    """Free a device's seat; the device is refused (``device_deactivated``) from then on."""
    admin.check_tenant(tenant_id)
    licences.deactivate_device(store, tenant_id=tenant_id, device_id=device_id)
