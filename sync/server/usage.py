"""Usage counters sent by opted-in desktops, and the tenant's report of them.

A batch is recorded once: its id goes into ``usage_batch`` (primary key tenant, device, batch id)
in the same transaction that adds its counts into ``usage_counter``, so a batch re-sent after a
lost answer, even concurrently with the first copy, is either wholly counted or wholly ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from pydantic import BaseModel, Field
from sqlalchemy.dialects import postgresql, sqlite

from sync.server import schema as t
from sync.server.db import Store
from sync.server.errors import ApiError, not_found
from sync.wire.errors import ErrorCode
from sync.wire.usage import UsageBatch, UsageReceipt

DEFAULT_REPORT_DAYS = 30
# A desktop's local day may run ahead of UTC by up to 14 hours; later days are a wrong clock.
_FUTURE_SLACK = timedelta(days=1)


class UsageRow(BaseModel):
    day: date
    name: str
    value: int
    device_id: UUID | None = Field(None, description="Set when the report is per device.")


class UsageReport(BaseModel):
    """A tenant's counters summed per day and name (and device, when asked) over a period."""

    tenant_id: UUID
    from_day: date
    to_day: date
    rows: list[UsageRow]


def _insert(connection: sa.Connection) -> Callable[[sa.Table], Any]:
    """The dialect's INSERT, which knows ON CONFLICT (SQLite and PostgreSQL spell it alike)."""
    return postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert


def _totals(batch: UsageBatch) -> dict[tuple[date, str], int]:
    """Counts summed per (day, name): one row per key, as a single upsert requires."""
    latest = datetime.now(UTC).date() + _FUTURE_SLACK
    totals: dict[tuple[date, str], int] = {}
    for index, counter in enumerate(batch.counters):
        if counter.day > latest:
            raise ApiError(422, ErrorCode.VALIDATION,
                           f"counters.{index}.day: {counter.day} is in the future")
        key = (counter.day, counter.name)
        totals[key] = totals.get(key, 0) + counter.value
    return totals


def record_batch(store: Store, *, tenant_id: UUID, device_id: UUID,
                 batch: UsageBatch) -> UsageReceipt:
    """Add the batch's counts unless this device sent this batch id before."""
    totals = _totals(batch)
    with store.tenant(tenant_id) as connection:
        insert = _insert(connection)
        fresh = connection.execute(
            insert(t.usage_batch).values(
                tenant_id=tenant_id, device_id=device_id, batch_id=batch.batch_id,
                received_at=datetime.now(UTC),
            ).on_conflict_do_nothing(index_elements=["tenant_id", "device_id", "batch_id"])
            .returning(t.usage_batch.c.batch_id)  # psycopg reports no rowcount here
        ).first() is not None
        if fresh and totals:
            _add_counts(connection, insert, tenant_id=tenant_id, device_id=device_id,
                        totals=totals)
    return UsageReceipt(batch_id=batch.batch_id, accepted=fresh, duplicate=not fresh)


def _add_counts(connection: sa.Connection, insert: Callable[[sa.Table], Any], *,
                tenant_id: UUID, device_id: UUID, totals: dict[tuple[date, str], int]) -> None:
    statement = insert(t.usage_counter)
    statement = statement.on_conflict_do_update(
        index_elements=["tenant_id", "device_id", "day", "name"],
        set_={"value": t.usage_counter.c.value + statement.excluded.value},
    )
    connection.execute(statement, [
        {"tenant_id": tenant_id, "device_id": device_id, "day": day, "name": name, "value": value}
        for (day, name), value in totals.items()
    ])


def _days_before(day: date, days: int) -> date:
    """``day`` minus ``days``, or the first day of the calendar when that is earlier."""
    return day - timedelta(days=days) if day - date.min > timedelta(days=days) else date.min


def usage_report(store: Store, *, tenant_id: UUID, from_day: date | None = None,
                 to_day: date | None = None, per_device: bool = False) -> UsageReport:
    """Counters summed per day and name (and device) from ``from_day`` to ``to_day`` inclusive.

    Without dates: the last :data:`DEFAULT_REPORT_DAYS` days up to today (UTC).
    """
    to_day = to_day or datetime.now(UTC).date()
    from_day = from_day or _days_before(to_day, DEFAULT_REPORT_DAYS - 1)
    if from_day > to_day:
        raise ApiError(422, ErrorCode.VALIDATION, f"from: {from_day} is after to ({to_day})")
    c = t.usage_counter.c
    keys = [c.day, c.name, c.device_id] if per_device else [c.day, c.name]
    query = (
        sa.select(*keys, sa.func.sum(c.value).label("value"))
        .where(c.tenant_id == tenant_id, c.day >= from_day, c.day <= to_day)
        .group_by(*keys).order_by(*keys)
    )
    with store.tenant(tenant_id) as connection:
        known = connection.execute(
            sa.select(t.tenant.c.tenant_id).where(t.tenant.c.tenant_id == tenant_id)
        ).first()
        if known is None:
            raise not_found("tenant")
        rows = connection.execute(query).all()
    return UsageReport(tenant_id=tenant_id, from_day=from_day, to_day=to_day, rows=[
        UsageRow(day=row.day, name=row.name, value=int(row.value),
                 device_id=row.device_id if per_device else None)
        for row in rows
    ])
