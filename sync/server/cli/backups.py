"""``daftar-server admin gc`` and ``daftar-server admin snapshots``: backups, from the operator's
side. Both work directly on the database, with or without the service running."""

from __future__ import annotations

import argparse
from datetime import timedelta
from uuid import UUID

from sync.server import retention, snapshots, tenants
from sync.server.cli.common import (
    CommandError,
    add_json,
    admin_group,
    emit,
    load_settings,
    open_store,
    uuid_arg,
)
from sync.server.db import Store
from sync.wire.backups import MAX_PAGE, SnapshotInfo


def register(subparsers: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    group = admin_group(subparsers, parent)
    gc = group.add_parser(
        "gc", parents=[parent], help="apply backup retention and collect unused chunks",
        description="Forget the snapshots each tenant's retention policy does not keep, then "
        "delete the chunks no snapshot uses that were not touched within --gc-grace-hours.")
    gc.add_argument("--tenant", type=uuid_arg, metavar="TENANT_ID", help="only this tenant")
    gc.add_argument("--no-retention", dest="retention", action="store_false",
                    help="only collect garbage; forget no snapshot")
    add_json(gc)
    gc.set_defaults(handler=_gc)

    snapshots = group.add_parser("snapshots", parents=[parent],
                                 help="list a tenant's backup snapshots, newest first")
    snapshots.add_argument("tenant_id", type=uuid_arg)
    snapshots.add_argument("--backup-set", help="only this backup set")
    add_json(snapshots)
    snapshots.set_defaults(handler=_snapshots)


def _gc(args: argparse.Namespace) -> int:
    services = open_store(load_settings(args))
    with retention.maintenance_lock(services.store) as mine:
        if not mine:
            raise CommandError("another instance is collecting garbage; try again later")
        report = retention.run_maintenance(
            services.store, services.blobs, tenant_id=args.tenant, retention=args.retention,
            grace=timedelta(hours=services.settings.gc_grace_hours))
    lines = [f"tenant {x.tenant_id}: {x.snapshots_removed} snapshots, {x.chunks_removed} chunks "
             f"removed, {x.bytes_freed} bytes freed" + (f" (failed: {x.error})" if x.error else "")
             for x in report.tenants if x.snapshots_removed or x.chunks_removed or x.error]
    emit(args, report, "\n".join(lines) or "nothing to remove")
    return 1 if any(x.error for x in report.tenants) else 0


def _all_snapshots(store: Store, tenant_id: UUID, backup_set: str | None) -> list[SnapshotInfo]:
    found: list[SnapshotInfo] = []
    cursor = None
    while True:
        page = snapshots.list_snapshots(store, tenant_id=tenant_id, backup_set=backup_set,
                                      limit=MAX_PAGE, cursor=cursor)
        found += page.snapshots
        if page.next_cursor is None:
            return found
        cursor = page.next_cursor


def _snapshots(args: argparse.Namespace) -> int:
    store = open_store(load_settings(args)).store
    tenants.get_tenant(store, tenant_id=args.tenant_id)
    found = _all_snapshots(store, args.tenant_id, args.backup_set)
    emit(args, found, "\n".join(
        f"{x.snapshot_id}  {x.backup_set}  {x.taken_at:%Y-%m-%d %H:%M}  {x.chunk_count} chunks  "
        f"{x.total_size} bytes" for x in found) or "no snapshots")
    return 0
