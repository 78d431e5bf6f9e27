"""``daftar-server admin tenant …``: tenants and their administrator tokens."""

from __future__ import annotations

import argparse

from sync.server import tenants
from sync.server.cli.common import (
    add_json,
    admin_group,
    emit,
    load_settings,
    open_store,
    uuid_arg,
    validated,
)


def register(subparsers: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    tenant = admin_group(subparsers, parent).add_parser(
        "tenant", parents=[parent], help="tenants and their admin tokens")
    actions = tenant.add_subparsers(dest="tenant_command", metavar="ACTION", required=True)

    create = actions.add_parser("create", parents=[parent], help="create a tenant")
    create.add_argument("name")
    create.add_argument("--quota-bytes", type=int, help="backup quota (default: the setting)")
    add_json(create)
    create.set_defaults(handler=_create)

    listing = actions.add_parser("list", parents=[parent], help="list tenants")
    add_json(listing)
    listing.set_defaults(handler=_list)

    show = actions.add_parser("show", parents=[parent], help="show one tenant")
    show.add_argument("tenant_id", type=uuid_arg)
    add_json(show)
    show.set_defaults(handler=_show)

    update = actions.add_parser("update", parents=[parent],
                                help="rename, set the quota or the retention policy")
    update.add_argument("tenant_id", type=uuid_arg)
    update.add_argument("--name")
    update.add_argument("--quota-bytes", type=int)
    for period in ("daily", "weekly", "monthly"):
        update.add_argument(f"--keep-{period}", type=int)
    add_json(update)
    update.set_defaults(handler=_update)

    token = actions.add_parser("token", parents=[parent], help="issue a tenant admin token")
    token.add_argument("tenant_id", type=uuid_arg)
    add_json(token)
    token.set_defaults(handler=_token)


def _create(args: argparse.Namespace) -> int:
    services = open_store(load_settings(args))
    spec = validated(tenants.TenantCreate, name=args.name, quota_bytes=args.quota_bytes)
    quota = services.settings.default_quota_bytes if spec.quota_bytes is None else spec.quota_bytes
    tenant, token = tenants.create_tenant(services.store, name=spec.name, quota_bytes=quota)
    emit(args, tenants.TenantCreated(tenant=tenant, admin_token=token),
         f"tenant {tenant.tenant_id} ({tenant.name})\n"
         f"admin token (shown once): {token.token}")
    return 0


def _list(args: argparse.Namespace) -> int:
    found = tenants.list_tenants(open_store(load_settings(args)).store)
    emit(args, found, "\n".join(
        f"{x.tenant_id}  {x.name}  {x.used_bytes}/{x.quota_bytes} bytes" for x in found
    ) or "no tenants")
    return 0


def _show(args: argparse.Namespace) -> int:
    emit(args, tenants.get_tenant(open_store(load_settings(args)).store,
                                  tenant_id=args.tenant_id))
    return 0


def _update(args: argparse.Namespace) -> int:
    changes = validated(
        tenants.TenantUpdate, name=args.name, quota_bytes=args.quota_bytes,
        keep_daily=args.keep_daily, keep_weekly=args.keep_weekly, keep_monthly=args.keep_monthly,
    )
    emit(args, tenants.update_tenant(open_store(load_settings(args)).store,
                                     tenant_id=args.tenant_id, changes=changes))
    return 0


def _token(args: argparse.Namespace) -> int:
    token = tenants.issue_admin_token(open_store(load_settings(args)).store,
                                      tenant_id=args.tenant_id)
    emit(args, token, f"admin token (shown once): {token.token}")
    return 0
