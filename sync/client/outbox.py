"""The outbox: every action bound for the service is a row here before anything is sent.

A row has a kind, a JSON payload, an idempotency key (a second row with the same key is the same
action), the number of attempts and the time of the next try. :func:`drain` hands due rows to
the handler of their kind and deletes each one only once its handler has succeeded, so closing
the program halfway through loses nothing: the next start sends what is left. A failed try waits
(exponential backoff with jitter) before the next. A refusal for the licence's standing stops the
drain like an unreachable service: every item would meet it alike, so they all wait, none lost,
until a check-in has put the licence right.

It lives in ``outbox.sqlite3`` in the per-user state folder: plain SQLite, as it never holds any
of the books, only counts and references to company files.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sync.client.home import home
from sync.client.http import LicenceInactive, Offline
from sync.client.licence import backoff

FILE = "outbox.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_try TEXT NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS usage_counter (
    name TEXT NOT NULL,
    day TEXT NOT NULL,
    value INTEGER NOT NULL,
    PRIMARY KEY (name, day)
) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class Item:
    id: int
    kind: str
    payload: dict[str, Any]
    idempotency_key: str
    attempts: int
    next_try: datetime
    last_error: str | None


@contextmanager
def connect(path: Path | None = None) -> Iterator[sqlite3.Connection]:
    """One transaction on the outbox file (created on first use)."""
    path = path or home() / FILE
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    cx = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        cx.executescript(_SCHEMA)
        cx.execute("BEGIN IMMEDIATE")
        try:
            yield cx
        except BaseException:
            cx.execute("ROLLBACK")
            raise
        cx.execute("COMMIT")
    finally:
        cx.close()


def add(cx: sqlite3.Connection, kind: str, payload: Mapping[str, Any], key: str,
        now: datetime | None = None) -> bool:
    """Queue an action; False if one with the same idempotency key is already queued."""
    when = (now or datetime.now(UTC)).isoformat()
    cursor = cx.execute(
        "INSERT OR IGNORE INTO outbox (kind, payload, idempotency_key, next_try, created_at) "
        "VALUES (?, ?, ?, ?, ?)", (kind, json.dumps(payload), key, when, when))
    return cursor.rowcount == 1


def forget(key: str) -> None:
    """Drop the action with this idempotency key (done by other means, or no longer wanted)."""
    if (home() / FILE).exists():
        with connect() as cx:
            cx.execute("DELETE FROM outbox WHERE idempotency_key = ?", (key,))


def pending(kind: str | None = None) -> list[Item]:
    if not (home() / FILE).exists():
        return []
    with connect() as cx:
        rows = cx.execute(
            "SELECT id, kind, payload, idempotency_key, attempts, next_try, last_error "
            "FROM outbox WHERE ?1 IS NULL OR kind = ?1 ORDER BY id", (kind,)).fetchall()
    return [Item(r[0], r[1], json.loads(r[2]), r[3], r[4], datetime.fromisoformat(r[5]), r[6])
            for r in rows]


@dataclass(frozen=True)
class Drained:
    sent: int
    failed: int
    left: int
    offline: bool
    held: str | None = None
    """Why the service takes nothing from this PC for now (its licence), if it said so."""


Handler = Callable[[Item], None]


def drain(handlers: Mapping[str, Handler], now: datetime | None = None) -> Drained:
    """Send every due item whose kind has a handler, oldest first; stop at the first
    :class:`Offline` (the service is down for all of them) or :class:`LicenceInactive` (it
    refuses them all). An item leaves the outbox only after its handler returned."""
    now = now or datetime.now(UTC)
    sent = failed = 0
    offline = False
    held = None
    for item in pending():
        handler = handlers.get(item.kind)
        if handler is None or item.next_try > now:
            continue
        try:
            handler(item)
        except Offline as error:
            _retry_later(item, str(error), now)
            offline = True
            break
        except LicenceInactive as error:
            _retry_later(item, str(error), now)
            held = str(error)
            break
        except Exception as error:  # recorded on the item, tried again later
            _retry_later(item, f"{type(error).__name__}: {error}", now)
            failed += 1
            continue
        with connect() as cx:
            cx.execute("DELETE FROM outbox WHERE id = ?", (item.id,))
        sent += 1
    return Drained(sent, failed, len(pending()), offline, held)


def _retry_later(item: Item, error: str, now: datetime) -> None:
    attempts = item.attempts + 1
    with connect() as cx:
        cx.execute("UPDATE outbox SET attempts = ?, next_try = ?, last_error = ? WHERE id = ?",
                   (attempts, (now + backoff(attempts)).isoformat(), error[:500], item.id))
