"""Two PCs, one company: handing a company over from the PC that keeps it to another.

Which PC keeps a company is its writer lease (``leases``, where the model is described). Taking
a company restores its newest backup into a new file first, so the taker always continues from
where the last holder stopped; releasing pushes a final backup first.

Its own module, above ``backup`` and ``restore`` (which it drives) and ``leases``: the backups
check and renew the lease through ``leases`` and never import this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.store.books import Books
from app.store.database import remove_database_files
from app.store.keys import FileKey, read_salt
from sync.client import backup, leases, restore
from sync.client.crypto import BackupKeys
from sync.client.device import CloudConfig
from sync.client.http import CloudError, Service, ServiceError
from sync.wire.errors import ErrorCode
from sync.wire.leases import SignedWriterLease, WriterLease


class LeaseHeld(CloudError):
    """Another PC keeps the company and its lease still stands: take it only with ``force``."""

    def __init__(self, company: str, lease: WriterLease) -> None:
        super().__init__(
            f"{company} is kept on PC {lease.holder_name} since "
            f"{lease.taken_at:%Y-%m-%d %H:%M} UTC: release it there first ('daftar handover "
            "release'), or take it anyway with --force (what was changed there since its last "
            "backup stays on that PC only)")
        self.company, self.holder_name, self.taken_at = company, lease.holder_name, lease.taken_at


@dataclass(frozen=True)
class Taken:
    company: str
    snapshot_id: str
    lease: WriterLease


def take(api: Service, key: FileKey, company: str, to: Path, *, force: bool = False) -> Taken:
    """Restore the newest backup of ``company`` into ``to`` and keep the company on this PC."""
    keys = BackupKeys.derive(key.key)
    current = leases.state(api, keys.backup_set)
    config = CloudConfig.load()
    if current.lease is not None and not force:
        lease = leases.verified(current.lease, config)
        held_elsewhere = (lease.holder_device_id is not None
                          and str(lease.holder_device_id) != config.device_id
                          and lease.lease_end > current.server_time)
        if held_elsewhere:
            raise LeaseHeld(company, lease)
    if current.latest_snapshot_id is None:
        raise CloudError(f"the service holds no backup of {company}: back it up on the PC that "
                         "keeps it first")
    manifest = restore.restore(api, key, str(current.latest_snapshot_id), to, company=company)
    try:
        response = api.post(f"/v1/leases/{keys.backup_set}/take",
                            json={"based_on": str(current.latest_snapshot_id), "force": force})
    except ServiceError as error:
        remove_database_files(to)
        if error.code == ErrorCode.LEASE_STALE:
            raise CloudError("a newer backup arrived meanwhile; take the company again") from None
        raise
    signed = SignedWriterLease.model_validate(response.json())
    leases.record(keys.backup_set, signed, read_salt(to).hex())
    return Taken(manifest.company, str(current.latest_snapshot_id),
                 leases.verified(signed, config))


def release(api: Service, books: Books) -> backup.BackupResult:
    """Push a final backup of ``books``, then give the company up: this copy turns read-only."""
    result = backup.backup(books, api, device_name=CloudConfig.load().device_name)
    response = api.post(f"/v1/leases/{result.backup_set}/release")
    leases.record(result.backup_set, SignedWriterLease.model_validate(response.json()), salt=None)
    return result
