"""The write gate installed on every company file a person opens: the licence says yes or no.

The store asks :func:`write_gate`'s callable before each write transaction (never before a
read, an export or a backup), so a lapsed licence turns the books read-only in one place, with
one sentence saying why and what to do.
"""

from __future__ import annotations

from pathlib import Path

from app.store.database import WriteGate
from sync.client import licence
from sync.client.home import StateError


def write_gate(path: Path) -> WriteGate:
    """The gate for the company file at ``path``."""

    def refusal() -> str | None:
        try:
            return licence.write_refusal()
        except StateError as error:
            return str(error)

    return refusal
