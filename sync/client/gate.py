"""The write gate installed on every company file a person opens: the licence and the
company's writer lease say yes or no.

The store asks :func:`write_gate`'s callable before each write transaction (never before a
read, an export or a backup), so a lapsed licence or a company kept on another PC turns the books
read-only in one place, with one sentence saying why and what to do. It never asks the network.
"""

from __future__ import annotations

from app.store.database import Database, WriteGate
from app.store.keys import read_salt
from sync.client import leases, licence
from sync.client.crypto import BackupKeys
from sync.client.home import StateError


def write_gate(db: Database) -> WriteGate:
    """The gate for the open company file ``db``."""
    backup_set = BackupKeys.derive(db.key.key).backup_set
    salt = read_salt(db.path).hex()

    def refusal() -> str | None:
        try:
            return licence.write_refusal() or leases.lease_refusal(backup_set, salt)
        except StateError as error:
            return str(error)

    return refusal
