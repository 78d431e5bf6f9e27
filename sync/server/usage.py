"""Usage counters sent by opted-in desktops, and the tenant's report of them.

A batch is recorded once: its id goes into ``usage_batch`` (primary key tenant, device, batch id)
in the same transaction that adds its counts into ``usage_counter``, so a batch re-sent after a
lost answer, even concurrently with the first copy, is either wholly counted or wholly ignored.

Nothing a device sends can grow the database without bound (the limits are in
:mod:`sync.wire.usage`): counters of days before the window are dropped, names per device and day
and batches per device and day are capped, and :func:`prune` (run with the backup maintenance)
forgets batch ids once no re-sent copy could still count, and counters past the operator's
``usage_retention_days``. The admin report is paged.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from pydantic import BaseModel, Field
from sqlalchemy.dialects import postgresql, sqlite

from sync.server import schema as t
from sync.server.db import Store
from sync.server.errors import ApiError, not_found
from sync.wire.errors import ErrorCode
from sync.wire.usage import (
    MAX_BATCHES_PER_DAY,
    MAX_COUNTER_AGE_DAYS,
    MAX_NAMES_PER_DAY,
    UsageBatch,
    UsageReceipt,
)

DEFAULT_REPORT_DAYS = 30
MAX_REPORT_DAYS = 366
DEFAULT_PAGE = 1000
MAX_PAGE = 10_000
# A desktop's local day may run ahead of UTC by up to 14 hours; later days are a wrong clock.
_FUTURE_SLACK = timedelta(days=1)
BATCH_MEMORY = timedelta(days=MAX_COUNTER_AGE_DAYS + 2)
"""How long a batch id is remembered. A copy re-sent later holds only counters of days outside
the window (a batch is received on or after its counters' days), which are dropped anyway, so
forgetting the id can never count anything twice."""


class UsageRow(BaseModel):
    day: date
    name: str
    value: int
    device_id: UUID | None = Field(None, description="Set when the report is per device.")


class UsageReport(BaseModel):
    """A page of a tenant's counters summed per day and name (and device, when asked)."""

    tenant_id: UUID
    from_day: date
    to_day: date
    rows: list[UsageRow]
    next_cursor: str | None = Field(
        None, description="Pass as `cursor` for the next page; absent on the last one.")


def _insert(connection: sa.Connection) -> Callable[[sa.Table], Any]:
    """The dialect's INSERT, which knows ON CONFLICT (SQLite and PostgreSQL spell it alike)."""
    return postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert


def _totals(batch: UsageBatch, today: date) -> tuple[dict[tuple[date, str], int], int]:
    """Counts summed per (day, name), one row per key as a single upsert requires; and how many
    counters were dropped for lying before the window."""
    latest, earliest = today + _FUTURE_SLACK, today - timedelta(days=MAX_COUNTER_AGE_DAYS)
    totals: dict[tuple[date, str], int] = {}
    dropped = 0
    for index, counter in enumerate(batch.counters):
        if counter.day > latest:
            raise ApiError(422, ErrorCode.VALIDATION,
                           f"counters.{index}.day: {counter.day} is in the future")
        if counter.day < earliest:
            dropped += 1
            continue
        key = (counter.day, counter.name)
        totals[key] = totals.get(key, 0) + counter.value
    return totals, dropped


def record_batch(store: Store, *, tenant_id: UUID, device_id: UUID,
                 batch: UsageBatch) -> UsageReceipt:
    """Add the batch's counts unless this device sent this batch id before."""
    now = datetime.now(UTC)
    totals, dropped = _totals(batch, now.date())
    with store.tenant(tenant_id) as connection:
        _check_batches_today(connection, tenant_id, device_id, now)
        insert = _insert(connection)
        fresh = connection.execute(
            insert(t.usage_batch).values(
                tenant_id=tenant_id, device_id=device_id, batch_id=batch.batch_id,
                received_at=now,
            ).on_conflict_do_nothing(index_elements=["tenant_id", "device_id", "batch_id"])
            .returning(t.usage_batch.c.batch_id)  # psycopg reports no rowcount here
        ).first() is not None
        if fresh and totals:
            _check_names(connection, tenant_id, device_id, totals)
            _add_counts(connection, insert, tenant_id=tenant_id, device_id=device_id,
                        totals=totals)
    return UsageReceipt(batch_id=batch.batch_id, accepted=fresh, duplicate=not fresh,
                        dropped=dropped if fresh else 0)


def _check_batches_today(connection: sa.Connection, tenant_id: UUID, device_id: UUID,
                         now: datetime) -> None:
    """Refuse a device's batch past :data:`MAX_BATCHES_PER_DAY` today; it may retry tomorrow.

    Counted within the transaction that would add the batch, so on PostgreSQL two batches sent at
    the same instant can both pass at the limit: the cap holds to within the device's concurrency,
    which the per-device rate limit bounds.
    """
    c = t.usage_batch.c
    midnight = datetime.combine(now.date(), time(), UTC)
    sent = connection.execute(
        sa.select(sa.func.count()).select_from(t.usage_batch)
        .where(c.tenant_id == tenant_id, c.device_id == device_id, c.received_at >= midnight)
    ).scalar_one()
    if sent >= MAX_BATCHES_PER_DAY:
        retry = int((midnight + timedelta(days=1) - now).total_seconds()) + 1
        raise ApiError(429, ErrorCode.RATE_LIMITED,
                       f"this device sent {sent} usage batches today, the most a day allows; "
                       "send the rest tomorrow", headers={"Retry-After": str(retry)})


def _check_names(connection: sa.Connection, tenant_id: UUID, device_id: UUID,
                 totals: dict[tuple[date, str], int]) -> None:
    """Refuse a batch that would give the device more than :data:`MAX_NAMES_PER_DAY` names on a
    day (rolling the whole batch back, its id included, so a corrected batch may be sent)."""
    c = t.usage_counter.c
    sent: dict[date, set[str]] = {}
    for day, name in totals:
        sent.setdefault(day, set()).add(name)
    stored = connection.execute(
        sa.select(c.day, c.name).where(c.tenant_id == tenant_id, c.device_id == device_id,
                                       c.day.in_(sorted(sent)))).all()
    for row in stored:
        sent[row.day].add(row.name)
    for day, names in sorted(sent.items()):
        if len(names) > MAX_NAMES_PER_DAY:
            raise ApiError(422, ErrorCode.VALIDATION,
                           f"counters: {day} would have {len(names)} counter names for this "
                           f"device, at most {MAX_NAMES_PER_DAY} are kept per day")


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


def _cursor(row: UsageRow, per_device: bool) -> str:
    key = [row.day.isoformat(), row.name] + ([str(row.device_id)] if per_device else [])
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode()


def _after(cursor: str, per_device: bool) -> tuple[Any, ...]:
    """The key a cursor names; anything :func:`_cursor` cannot have made is refused (400)."""
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
        if not isinstance(key, list) or len(key) != (3 if per_device else 2):
            raise ValueError("wrong shape")
        day, name = date.fromisoformat(key[0]), str(key[1])
        return (day, name, UUID(key[2])) if per_device else (day, name)
    except (binascii.Error, UnicodeError, ValueError, TypeError):
        raise ApiError(400, ErrorCode.BAD_REQUEST, "cursor: not one this service gave") from None


def usage_report(store: Store, *, tenant_id: UUID, from_day: date | None = None,
                 to_day: date | None = None, per_device: bool = False,
                 limit: int = DEFAULT_PAGE, cursor: str | None = None) -> UsageReport:
    """A page of counters summed per day and name (and device), ``from_day`` to ``to_day``
    inclusive, in (day, name, device) order.

    Without dates: the last :data:`DEFAULT_REPORT_DAYS` days up to today (UTC). A period spans at
    most :data:`MAX_REPORT_DAYS` days, a page at most :data:`MAX_PAGE` rows.
    """
    to_day = to_day or datetime.now(UTC).date()
    from_day = from_day or _days_before(to_day, DEFAULT_REPORT_DAYS - 1)
    if from_day > to_day:
        raise ApiError(422, ErrorCode.VALIDATION, f"from: {from_day} is after to ({to_day})")
    if (to_day - from_day).days >= MAX_REPORT_DAYS:
        raise ApiError(422, ErrorCode.VALIDATION,
                       f"from: a report spans at most {MAX_REPORT_DAYS} days; ask for several")
    if not 1 <= limit <= MAX_PAGE:
        raise ApiError(422, ErrorCode.VALIDATION, f"limit: from 1 to {MAX_PAGE}")
    c = t.usage_counter.c
    keys = [c.day, c.name, c.device_id] if per_device else [c.day, c.name]
    query = (sa.select(*keys, sa.func.sum(c.value).label("value"))
             .where(c.tenant_id == tenant_id, c.day >= from_day, c.day <= to_day))
    if cursor is not None:
        query = query.where(sa.tuple_(*keys) > sa.tuple_(*_after(cursor, per_device)))
    query = query.group_by(*keys).order_by(*keys).limit(limit + 1)
    with store.tenant(tenant_id, readonly=True) as connection:
        known = connection.execute(
            sa.select(t.tenant.c.tenant_id).where(t.tenant.c.tenant_id == tenant_id)
        ).first()
        if known is None:
            raise not_found("tenant")
        found = connection.execute(query).all()
    rows = [UsageRow(day=row.day, name=row.name, value=int(row.value),
                     device_id=row.device_id if per_device else None) for row in found[:limit]]
    more = len(found) > limit
    return UsageReport(tenant_id=tenant_id, from_day=from_day, to_day=to_day, rows=rows,
                       next_cursor=_cursor(rows[-1], per_device) if more else None)


def prune(store: Store, *, retention_days: int, now: datetime | None = None) -> tuple[int, int]:
    """Forget old batch ids and counters of every tenant: (batch ids, counters) deleted.

    ``retention_days`` 0 keeps counters for ever; batch ids are forgotten after
    :data:`BATCH_MEMORY` whatever it is.
    """
    now = now or datetime.now(UTC)
    with store.operator() as connection:
        batches = connection.execute(
            t.usage_batch.delete().where(t.usage_batch.c.received_at < now - BATCH_MEMORY)
        ).rowcount
        counters = 0
        if retention_days:
            counters = connection.execute(t.usage_counter.delete().where(
                t.usage_counter.c.day < now.date() - timedelta(days=retention_days))).rowcount
    return batches, counters
