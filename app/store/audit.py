"""The audit trail: one row per event in the life of the books, written in the event's own
transaction so the trail never records what did not happen."""

from __future__ import annotations

import json

from sqlcipher3.dbapi2 import Cursor

from app.store.posting import utc_now


def audit(cur: Cursor, kind: str, **detail: object) -> None:
    """Record an event of the books' life (creation, lock, closing, import, rekey)."""
    cur.execute(
        "INSERT INTO audit_event (at, kind, detail) VALUES (?, ?, ?)",
        (utc_now(), kind, json.dumps(detail, ensure_ascii=False, default=str)),
    )
