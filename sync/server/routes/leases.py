"""Writer leases of companies: which PC keeps the books (device API, tenant-scoped).

Another tenant's lease of the same backup set name does not exist for the caller: each tenant
has its own leases, and a device sees its own tenant's only.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from sync.server import leases
from sync.server.deps import ActiveDeviceDep, DeviceDep, ServicesDep
from sync.wire.backups import BACKUP_SET_PATTERN
from sync.wire.leases import LeaseState, SignedWriterLease, TakeLease

router = APIRouter(prefix="/v1/leases", tags=["leases"])
SetPath = Annotated[str, Path(min_length=1, max_length=64, pattern=BACKUP_SET_PATTERN)]


@router.get("/{backup_set}")
def get_lease(backup_set: SetPath, device: DeviceDep, services: ServicesDep) -> LeaseState:
    """Who keeps this company now, and the newest backup's id (what a taker must restore)."""
    return leases.state(services.store, tenant_id=device.tenant_id, backup_set=backup_set,
                        key=services.licence_key)


@router.post("/{backup_set}/take", responses={
    409: {"description": "``lease_held`` (another PC keeps it; ``force`` takes it anyway) or "
          "``lease_stale`` (a newer backup exists: restore it first)"}})
def take_lease(backup_set: SetPath, body: TakeLease, device: ActiveDeviceDep,
               services: ServicesDep) -> SignedWriterLease:
    """Keep this company on this PC from now on (or renew the lease this PC holds)."""
    return leases.take(services.store, tenant_id=device.tenant_id, device_id=device.device_id,
                       backup_set=backup_set, body=body, key=services.licence_key,
                       lease_days=services.settings.writer_lease_days)


@router.post("/{backup_set}/release",
             responses={409: {"description": "``lease_not_held``: this PC does not hold it"}})
def release_lease(backup_set: SetPath, device: DeviceDep,
                  services: ServicesDep) -> SignedWriterLease:
    """Give the company up, after a final backup, so that another PC can take it."""
    return leases.release(services.store, tenant_id=device.tenant_id,
                          device_id=device.device_id, backup_set=backup_set,
                          key=services.licence_key)
