"""``daftar cloud …``: connect this PC to the companion service, see and renew its licence.

Per PC, not per company: the licence belongs to the installation. Every command works offline
where it can (``status`` always does) and says plainly when the service could not be reached.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from sync.client import leases, licence, offline, outbox, registry, usage
from sync.client.device import CloudConfig
from sync.client.http import Offline
from sync.wire.licence import LicenceState


def register(sub: argparse._SubParsersAction, parser_class: type[argparse.ArgumentParser]) -> None:
    cloud = sub.add_parser("cloud", help="connect this PC to the Daftar cloud; its licence",
                           description="Connect this PC to the Daftar cloud and manage its "
                           "licence (per PC, not per company).")
    actions = cloud.add_subparsers(dest="action", required=True, metavar="ACTION",
                                   parser_class=parser_class)

    p = actions.add_parser("connect", help="activate this PC with a licence key")
    p.add_argument("--server", required=True, metavar="URL")
    p.add_argument("--licence", required=True, metavar="KEY", help="the licence key")
    p.add_argument("--trust-key", metavar="KEY_ID",
                   help="trust this licence-signing key (a self-hosted service)")
    p.add_argument("--name", metavar="NAME", help="this PC's name in the list of PCs")
    p.add_argument("--proxy", metavar="URL", help="an HTTP proxy (default: the system's)")
    p.add_argument("--allow-http", action="store_true",
                   help="accept an unencrypted http:// service (a network you trust)")
    p.set_defaults(run=_connect)

    p = actions.add_parser("status", help="licence state, lease, last check-in")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_status)

    p = actions.add_parser("check-in", help="renew the licence lease now")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_check_in)

    p = actions.add_parser("disconnect", help="free this PC's seat and forget its credentials")
    p.add_argument("--force", action="store_true",
                   help="forget them even when the service cannot be told")
    p.set_defaults(run=_disconnect)

    p = actions.add_parser("usage", help="the opt-in usage counters: on, off, preview, send",
                           description="Usage counters are off unless you turn them on. They "
                           "are counts only (never names or amounts); --preview shows exactly "
                           "what would be sent.")
    switch = p.add_mutually_exclusive_group()
    switch.add_argument("--on", action="store_true", help="opt in")
    switch.add_argument("--off", action="store_true", help="opt out and forget unsent counts")
    p.add_argument("--preview", action="store_true", help="print what would be sent, as JSON")
    p.add_argument("--send", action="store_true", help="send the counters now")
    p.set_defaults(run=_usage)

    p = actions.add_parser("offline-request", help="write an activation request file")
    p.add_argument("out", type=Path, metavar="OUT.json")
    p.add_argument("--licence", required=True, metavar="KEY")
    p.add_argument("--name", metavar="NAME")
    p.set_defaults(run=_offline_request)

    p = actions.add_parser("offline-apply", help="take the activation response file")
    p.add_argument("response", type=Path, metavar="RESPONSE.json")
    p.add_argument("--trust-key", metavar="KEY_ID:PUBLIC_KEY",
                   help="trust a self-hosted service's licence key")
    p.set_defaults(run=_offline_apply)


def _connect(args: argparse.Namespace) -> int:
    result = licence.connect(args.server, args.licence, trust_key=args.trust_key,
                             device_name=args.name, proxy=args.proxy,
                             allow_http=args.allow_http)
    if result.warning:
        print(f"daftar: warning: {result.warning}", file=sys.stderr)
    doc = result.document
    print(f"connected to {args.server} as device {result.device_id}: licence {doc.edition}, "
          f"{doc.seats} seat(s), lease until {doc.lease_end:%Y-%m-%d %H:%M} UTC")
    return 0


def status_data() -> dict[str, Any]:
    """Everything ``cloud status`` shows, as JSON-ready data."""
    config = CloudConfig.load()
    state = licence.status()
    doc, record = state.document, state.record
    return {
        "connected": state.connected,
        "server": config.server,
        "offline_activation": config.offline,
        "device_id": config.device_id,
        "device_name": config.device_name,
        "edition": doc.edition if doc else None,
        "seats": doc.seats if doc else None,
        "state": state.state.value if state.state else "not_connected",
        "read_only_reason": state.reason,
        "lease_end": _iso(doc.lease_end if doc else None),
        "grace_end": _iso(state.grace_end),
        "expires_at": _iso(doc.expires_at if doc else None),
        "last_check_in": _iso(record.last_check_in),
        "next_check_in": _iso(record.next_check_in),
        "last_error": record.last_error,
        "pending_outbox": len(outbox.pending()),
        "usage_counters": "on" if config.usage_opt_in else "off",
        "backups": [
            {"company": entry.get("company"), "file": entry.get("file"),
             "last_snapshot_id": entry.get("last_snapshot_id"),
             "last_backup": entry.get("last_taken_at")}
            for entry in sorted(registry.registry().values(), key=lambda e: e.get("company", ""))
        ],
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _print_status(data: dict[str, Any]) -> None:
    if not data["connected"]:
        print("not connected to the Daftar cloud (daftar cloud connect --server URL "
              "--licence KEY); the books work fully without it")
        return
    rows = [("server", data["server"] or "none (activated offline)"),
            ("device", f"{data['device_name']} ({data['device_id']})"),
            ("licence", f"{data['edition']}, {data['seats']} seat(s), "
                        f"expires {data['expires_at'] or 'never'}"),
            ("state", data["state"]), ("lease end", data["lease_end"]),
            ("grace end", data["grace_end"]), ("last check-in", data["last_check_in"]),
            ("next check-in", data["next_check_in"])]
    if data["last_error"]:
        rows.append(("last error", data["last_error"]))
    rows += [("pending", f"{data['pending_outbox']} item(s) to send"),
             ("usage counts", data["usage_counters"])]
    for name, value in rows:
        print(f"{name:<14}{value if value is not None else '-'}")
    for item in data["backups"]:
        print(f"backup        {item['company']}: "
              f"{item['last_backup'] or 'never completed'} ({item['file']})")
    if data["read_only_reason"]:
        print(f"\nread-only: {data['read_only_reason']}")


def _status(args: argparse.Namespace) -> int:
    data = status_data()
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        _print_status(data)
    return 0


def _check_in(args: argparse.Namespace) -> int:
    try:
        state = licence.check_in()
        with licence.service(CloudConfig.load()) as api:
            leases.refresh(api)
    except Offline as error:
        print(f"daftar: {error}; the books keep working, and the next try is at "
              f"{licence.LicenceRecord.load().next_check_in:%Y-%m-%d %H:%M} UTC", file=sys.stderr)
        return 1
    data = status_data()
    if args.json:
        print(json.dumps(data, indent=2))
    elif state.state is LicenceState.READ_ONLY:
        print(f"checked in; read-only: {state.reason}")
    else:
        print(f"checked in: {data['state']}, lease until {data['lease_end']}")
    return 0


def _disconnect(args: argparse.Namespace) -> int:
    told = licence.disconnect(force=args.force)
    print("disconnected; this PC's seat is free" if told else
          "disconnected here only: the service could not be told, so the seat is freed when "
          "its lease ends (or by the licence holder)")
    return 0


def _offline_request(args: argparse.Namespace) -> int:
    offline.offline_request(args.out, licence_key=args.licence, device_name=args.name)
    print(f"wrote {args.out}: take it to a connected machine, have it answered "
          "(daftar-server admin licence offline-activate), and bring the response back to "
          "'daftar cloud offline-apply'")
    return 0


def _offline_apply(args: argparse.Namespace) -> int:
    doc = offline.offline_apply(args.response, pin=args.trust_key)
    print(f"activated offline: licence {doc.edition}, lease until {doc.lease_end:%Y-%m-%d}")
    return 0


def _usage(args: argparse.Namespace) -> int:
    if args.on or args.off:
        usage.set_enabled(args.on)
        print("usage counters are on: counts only, sent when online" if args.on else
              "usage counters are off; unsent counts were forgotten")
    if args.preview:
        print(json.dumps([b.model_dump(mode="json") for b in usage.preview()], indent=2))
    if args.send:
        config = CloudConfig.load()
        with licence.service(config) as api:
            result = usage.send(api)
        print(f"sent {result.sent} batch(es); {result.left} left")
    if not (args.on or args.off or args.preview or args.send):
        print(f"usage counters are {'on' if usage.enabled() else 'off'}")
    return 0
