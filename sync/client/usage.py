"""Usage counters: opt-in, off by default, counts only, and shown before they are sent.

While the user has not opted in, :func:`count` does nothing at all. Once in, it adds to a
per-day counter on this PC (a name such as ``entries.posted``, a day, a number: never a name of
a company, a label or an amount). :func:`preview` is the exact JSON the next send would carry;
:func:`send` seals the counters into a batch in the outbox (its id made once, so a batch re-sent
after a lost answer is counted once by the service) and drains it.

The service takes no counts from a PC whose licence is revoked, expired or lapsed; such a PC
keeps its batches rather than send them in vain, and sends them once its licence is good again
(or forgets them if the user opts out).
"""

from __future__ import annotations

import re
import secrets
import sqlite3
from datetime import date, timedelta

from sync.client import licence, outbox
from sync.client.device import CloudConfig
from sync.client.http import Service
from sync.client.outbox import Drained, Item
from sync.wire.licence import LicenceState
from sync.wire.usage import (
    COUNTER_NAME_PATTERN,
    MAX_COUNTER_AGE_DAYS,
    MAX_COUNTERS_PER_BATCH,
    UsageBatch,
    UsageCount,
)

KIND = "usage"
_NAME = re.compile(COUNTER_NAME_PATTERN)


def enabled() -> bool:
    return CloudConfig.load().usage_opt_in


def set_enabled(on: bool) -> None:
    """Opt in or out; opting out also forgets every count not yet sent."""
    config = CloudConfig.load()
    config.usage_opt_in = on
    config.save()
    if not on:
        with outbox.connect() as cx:
            cx.execute("DELETE FROM usage_counter")
            cx.execute("DELETE FROM outbox WHERE kind = ?", (KIND,))


def count(name: str, n: int = 1, day: date | None = None) -> None:
    """Add ``n`` to today's counter ``name``, if the user opted in; else nothing happens."""
    if not _NAME.fullmatch(name):
        raise ValueError(f"not a counter name: {name!r}")
    if n <= 0 or not enabled():
        return
    with outbox.connect() as cx:
        cx.execute(
            "INSERT INTO usage_counter (name, day, value) VALUES (?, ?, ?) "
            "ON CONFLICT (name, day) DO UPDATE SET value = value + excluded.value",
            (name, (day or date.today()).isoformat(), n))


def _counters(cx: sqlite3.Connection) -> list[UsageCount]:
    """The counters worth sending: days older than the service keeps are left out (and go with
    the next :func:`seal`), so the preview shows only what will count."""
    oldest = date.today() - timedelta(days=MAX_COUNTER_AGE_DAYS)
    rows = cx.execute("SELECT name, day, value FROM usage_counter WHERE day >= ? "
                      "ORDER BY day, name", (oldest.isoformat(),))
    return [UsageCount(name=r[0], day=date.fromisoformat(r[1]), value=r[2]) for r in rows]


def preview() -> list[UsageBatch]:
    """Exactly what the next send would carry: the batches already sealed, then the counters
    not yet sealed (with the id their batch would get shown as ``(new)``)."""
    batches = [UsageBatch.model_validate(item.payload) for item in outbox.pending(KIND)]
    with outbox.connect() as cx:
        counters = _counters(cx)
    for start in range(0, len(counters), MAX_COUNTERS_PER_BATCH):
        batches.append(UsageBatch(batch_id="new",
                                  counters=counters[start:start + MAX_COUNTERS_PER_BATCH]))
    return batches


def seal() -> int:
    """Move the counters into outbox batches; returns how many batches were made."""
    made = 0
    with outbox.connect() as cx:
        counters = _counters(cx)
        for start in range(0, len(counters), MAX_COUNTERS_PER_BATCH):
            batch = UsageBatch(batch_id=secrets.token_hex(12),
                               counters=counters[start:start + MAX_COUNTERS_PER_BATCH])
            outbox.add(cx, KIND, batch.model_dump(mode="json"), f"usage:{batch.batch_id}")
            made += 1
        cx.execute("DELETE FROM usage_counter")
    return made


def handler(api: Service) -> outbox.Handler:
    def send_batch(item: Item) -> None:
        api.post("/v1/usage", json=item.payload)

    return send_batch


def send(api: Service) -> Drained:
    """Seal and send the counters (nothing when not opted in; held while this PC's licence is
    read-only, ``held`` saying why)."""
    if not enabled():
        return Drained(0, 0, len(outbox.pending(KIND)), False)
    seal()
    status = licence.status()
    if status.state is LicenceState.READ_ONLY:
        return Drained(0, 0, len(outbox.pending(KIND)), False, status.reason)
    return outbox.drain({KIND: handler(api)})
