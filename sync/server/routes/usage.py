"""Usage counters: desktops send batches (only when their user opted in); admins read totals."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from sync.server import usage
from sync.server.deps import ActiveDeviceDep, AdminDep, StoreDep
from sync.wire.usage import UsageBatch, UsageReceipt

router = APIRouter()


@router.post("/v1/usage", tags=["usage"])
def submit_usage(batch: UsageBatch, device: ActiveDeviceDep, store: StoreDep) -> UsageReceipt:
    """Add a batch of counters; sending the same batch id again changes nothing."""
    return usage.record_batch(store, tenant_id=device.tenant_id, device_id=device.device_id,
                              batch=batch)


@router.get("/v1/admin/tenants/{tenant_id}/usage", tags=["admin"])
def usage_report(
    tenant_id: UUID, admin: AdminDep, store: StoreDep,
    from_day: Annotated[date | None, Query(alias="from", description="First day (default: "
                                           "29 days before `to`).")] = None,
    to_day: Annotated[date | None, Query(alias="to", description="Last day, included "
                                         "(default: today, UTC).")] = None,
    per_device: Annotated[bool, Query(description="One row per device too.")] = False,
    limit: Annotated[int, Query(ge=1, le=usage.MAX_PAGE, description="Rows per page.")]
    = usage.DEFAULT_PAGE,
    cursor: Annotated[str | None, Query(max_length=400, description="`next_cursor` of the "
                                        "previous page.")] = None,
) -> usage.UsageReport:
    """A page of the tenant's counters summed per day and name (a period of a year at most)."""
    admin.check_tenant(tenant_id)
    return usage.usage_report(store, tenant_id=tenant_id, from_day=from_day, to_day=to_day,
                              per_device=per_device, limit=limit, cursor=cursor)
