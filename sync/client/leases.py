"""The writer lease that keeps a single copy of the books writable, as this PC keeps it.

The service holds one lease per company (per backup set). This PC keeps the last signed lease it
saw for each company, with the salt of the file it applies to, and honours it offline:

- it holds the lease for this file: the books are writable (even past the lease's end: a lease
  alone never locks an accountant out; it only lets another PC take the company without force);
- another PC holds it, or it was released, or this PC holds it for another file (an older
  copy): the books are read-only, with a sentence naming the PC and what to do.

A company that was never handed over has no lease here until its first backup takes one, and
stays writable.

Its own module, below ``backup`` and ``handover``: every backup checks the lease before it starts
and takes or renews it after, and the write gate reads it before every change, while handing a
company over (``handover``) restores and backs up. This module imports neither of them.
"""

from __future__ import annotations

from typing import Any

from app.store.books import Books
from app.store.keys import read_salt
from sync.client.crypto import BackupKeys
from sync.client.device import CloudConfig
from sync.client.home import home, load_json, save_json
from sync.client.http import CloudError, Service
from sync.client.licence import trusted_keys
from sync.client.registry import registry
from sync.wire.leases import LeaseState, SignedWriterLease, WriterLease, verify_lease
from sync.wire.licence import LicenceInvalid

LEASES = "leases.json"
_TAKE_BACK = "File > Restore a company from the cloud, or 'daftar handover take'"


def _records() -> dict[str, dict[str, Any]]:
    return (load_json(home() / LEASES) or {}).get("sets", {})


def record(backup_set: str, signed: SignedWriterLease, salt: str | None) -> None:
    """Keep ``signed`` as the company's lease on this PC, for the file with ``salt`` if given
    (None keeps the file it was recorded for)."""
    data = load_json(home() / LEASES) or {}
    entry = data.setdefault("sets", {}).setdefault(backup_set, {})
    entry["signed"] = signed.model_dump()
    if salt is not None:
        entry["salt"] = salt
    save_json(home() / LEASES, data)


def verified(signed: SignedWriterLease, config: CloudConfig) -> WriterLease:
    return verify_lease(signed, trusted_keys(config))


def lease_refusal(backup_set: str, salt: str) -> str | None:
    """Why the file with ``salt`` may not change now because of its company's lease, or None."""
    entry = _records().get(backup_set)
    if entry is None:
        return None
    config = CloudConfig.load()
    try:
        lease = verified(SignedWriterLease.model_validate(entry["signed"]), config)
    except (LicenceInvalid, ValueError) as error:
        return f"the company's writer lease kept on this PC does not verify ({error})"
    mine = lease.holder_device_id is not None and str(lease.holder_device_id) == config.device_id
    if mine and entry.get("salt") == salt:
        return None
    since = f"{lease.taken_at:%Y-%m-%d %H:%M} UTC"
    if mine:
        return ("this is an older copy: the company is kept in another file on this PC "
                f"({_file_of(entry)}) since {since}")
    if lease.holder_device_id is None:
        return (f"this company was handed over on {since}; this copy is read-only. To keep it "
                f"on this PC again, restore it from the cloud ({_TAKE_BACK})")
    return (f"this company is being kept on PC {lease.holder_name} since {since}; this copy is "
            f"read-only. To keep it on this PC again, restore it from the cloud ({_TAKE_BACK})")


def _file_of(entry: dict[str, Any]) -> str:
    return registry().get(entry.get("salt", ""), {}).get("file", "another file")


def state(api: Service, backup_set: str) -> LeaseState:
    return LeaseState.model_validate(api.get(f"/v1/leases/{backup_set}").json())


def refresh(api: Service) -> int:
    """Learn the current lease of every company this PC knows (a check-in does this), so that
    a copy another PC has taken turns read-only here as soon as this PC is online."""
    sets = set(_records()) | {e["backup_set"] for e in registry().values()
                              if e.get("backup_set")}
    for backup_set in sorted(sets):
        current = state(api, backup_set)
        if current.lease is not None:
            record(backup_set, current.lease, salt=None)
    return len(sets)


def check_before_backup(api: Service, books: Books) -> None:
    """Refuse to back up a copy that does not hold its company (it would become the newest
    backup and overwrite the holder's work for whoever takes the company next)."""
    backup_set = BackupKeys.derive(books.db.key.key).backup_set
    current = state(api, backup_set)
    if current.lease is None:
        return
    record(backup_set, current.lease, salt=None)
    reason = lease_refusal(backup_set, read_salt(books.path).hex())
    if reason:
        raise CloudError(f"not backed up: {reason}")


def hold_after_backup(api: Service, books: Books, snapshot_id: str) -> WriterLease:
    """Take (the first time) or renew this company's lease for this file, after a backup."""
    backup_set = BackupKeys.derive(books.db.key.key).backup_set
    response = api.post(f"/v1/leases/{backup_set}/take", json={"based_on": snapshot_id})
    signed = SignedWriterLease.model_validate(response.json())
    record(backup_set, signed, read_salt(books.path).hex())
    return verified(signed, CloudConfig.load())
