"""``daftar-server admin licence|device …``.

Licences and devices administered on the database directly, offline activation answered on the
server itself, and the licence signing key shown or a new one generated for a rotation
(see ``sync/server/LICENSING.md``).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from pydantic import ValidationError

from sync.server import activation, licences
from sync.server.cli.common import (
    CommandError,
    add_json,
    admin_group,
    emit,
    load_settings,
    open_store,
    uuid_arg,
    write_text_atomically,
)
from sync.wire.licence import (
    LicenceInvalid,
    SignedOfflineRequest,
    dump_file,
    load_file,
    verify_offline_response,
)

Handler = Callable[[argparse.Namespace], int]


def _last_day(text: str) -> datetime:
    """``YYYY-MM-DD``, the last day of validity: the licence expires at the next UTC midnight."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC)


def register(subparsers: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    admin = admin_group(subparsers, parent)
    _register_licence(admin, parent)
    _register_device(admin, parent)


def _command(actions: argparse._SubParsersAction, parent: argparse.ArgumentParser, name: str,
             help_text: str, handler: Handler, *, json: bool = True) -> argparse.ArgumentParser:
    parser = actions.add_parser(name, parents=[parent], help=help_text, description=help_text)
    if json:
        add_json(parser)
    parser.set_defaults(handler=handler)
    return parser


def _register_licence(admin: argparse._SubParsersAction,
                      parent: argparse.ArgumentParser) -> None:
    group = admin.add_parser("licence", parents=[parent], help="a tenant's licences")
    actions = group.add_subparsers(dest="licence_command", metavar="ACTION", required=True)

    issue = _command(actions, parent, "issue", "issue a licence; its key is shown once", _issue)
    issue.add_argument("tenant_id", type=uuid_arg, metavar="TENANT")
    issue.add_argument("--edition", required=True)
    issue.add_argument("--seats", type=int, required=True)
    issue.add_argument("--feature", action="append", default=[], dest="features",
                       help="a feature the licence enables (repeatable)")
    issue.add_argument("--expires", type=_last_day, metavar="YYYY-MM-DD",
                       help="last day of validity (UTC); default: never expires")

    listing = _command(actions, parent, "list", "list a tenant's licences", _list)
    listing.add_argument("tenant_id", type=uuid_arg, metavar="TENANT")

    revoke = _command(actions, parent, "revoke", "revoke a licence (devices learn it at their "
                      "next check-in)", _revoke, json=False)
    revoke.add_argument("tenant_id", type=uuid_arg, metavar="TENANT")
    revoke.add_argument("licence_id", type=uuid_arg, metavar="LICENCE")

    offline = _command(actions, parent, "offline-activate",
                       "answer an offline activation request file", _offline)
    offline.add_argument("request_file", type=Path, metavar="REQUEST_FILE")
    offline.add_argument("--out", type=Path, required=True, metavar="RESPONSE_FILE")


def _register_device(admin: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    group = admin.add_parser("device", parents=[parent], help="a tenant's activated devices")
    actions = group.add_subparsers(dest="device_command", metavar="ACTION", required=True)

    listing = _command(actions, parent, "list", "list a tenant's devices", _device_list)
    listing.add_argument("tenant_id", type=uuid_arg, metavar="TENANT")
    listing.add_argument("--licence", type=uuid_arg, dest="licence_id", metavar="LICENCE",
                         help="only this licence's devices")

    deactivate = _command(actions, parent, "deactivate", "deactivate a device, freeing its seat",
                          _device_deactivate, json=False)
    deactivate.add_argument("tenant_id", type=uuid_arg, metavar="TENANT")
    deactivate.add_argument("device_id", type=uuid_arg, metavar="DEVICE")


def _issue(args: argparse.Namespace) -> int:
    try:
        spec = licences.LicenceCreate(edition=args.edition, seats=args.seats,
                                      features=args.features, expires_at=args.expires)
    except ValidationError as error:
        first = error.errors()[0]
        option = {"features": "feature", "expires_at": "expires"}.get(
            str(first["loc"][0]), str(first["loc"][0]))
        raise CommandError(f"--{option}: {first['msg']}") from None
    issued = licences.issue_licence(open_store(load_settings(args)).store,
                                    tenant_id=args.tenant_id, spec=spec)
    emit(args, issued, f"licence {issued.licence.licence_id} ({issued.licence.edition}, "
         f"{issued.licence.seats} seats)\nlicence key (shown once): {issued.licence_key}")
    return 0


def _list(args: argparse.Namespace) -> int:
    found = licences.list_licences(open_store(load_settings(args)).store,
                                   tenant_id=args.tenant_id)
    emit(args, found, "\n".join(
        f"{x.licence_id}  …{x.key_hint}  {x.edition}  {x.seats_used}/{x.seats} seats  "
        f"expires {x.expires_at.date() if x.expires_at else 'never'}"
        f"{'  REVOKED' if x.revoked_at else ''}" for x in found
    ) or "no licences")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    licences.revoke_licence(open_store(load_settings(args)).store, tenant_id=args.tenant_id,
                            licence_id=args.licence_id)
    print(f"licence {args.licence_id} revoked")
    return 0


def _offline(args: argparse.Namespace) -> int:
    try:
        request = load_file(SignedOfflineRequest, args.request_file.read_bytes())
    except OSError as error:
        raise CommandError(f"{args.request_file}: {error.strerror}") from None
    except LicenceInvalid as error:
        raise CommandError(f"{args.request_file}: not an offline request file ({error})") from None
    services = open_store(load_settings(args))
    issuer = activation.Issuer.of(services.settings, services.licence_key)
    response = activation.activate_offline(services.store, issuer=issuer, request_file=request)
    write_text_atomically(args.out, dump_file(response))
    doc = verify_offline_response(response, request=request,
                                  trusted={issuer.key_id: issuer.key.public_key()})
    emit(args, response, f"device {doc.device_id}: lease until {doc.lease_end.date()}\n"
         f"response written to {args.out}; take it back to the PC")
    return 0


def _device_list(args: argparse.Namespace) -> int:
    found = licences.list_devices(open_store(load_settings(args)).store,
                                  tenant_id=args.tenant_id, licence_id=args.licence_id)
    emit(args, found, "\n".join(
        f"{x.device_id}  {x.name}  lease until {x.lease_end:%Y-%m-%d}  "
        f"seen {x.last_seen_at:%Y-%m-%d %H:%M}"
        f"{'  DEACTIVATED' if x.deactivated_at else ''}" for x in found
    ) or "no devices")
    return 0


def _device_deactivate(args: argparse.Namespace) -> int:
    licences.deactivate_device(open_store(load_settings(args)).store, tenant_id=args.tenant_id,
                               device_id=args.device_id)
    print(f"device {args.device_id} deactivated")
    return 0
