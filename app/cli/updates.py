"""``daftar update …``: is there a newer Daftar, fetch it, install it for the next start.

Updates come through the Daftar cloud this PC is connected to, on its channel and in its share
of a staged rollout; every file is verified against metadata signed by the release manager
(TUF) before it is kept. Installing never touches the running version: the new one is unpacked
beside it and starts the next time Daftar is opened, and the previous one comes back by itself
if the new one cannot open its window.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sync.client.device import CloudConfig
from sync.client.http import APP_VERSION
from sync.client.updates import client
from sync.client.updates.client import UpdateError
from sync.wire.updates import CHANNELS


def register(sub: argparse._SubParsersAction, parser_class: type[argparse.ArgumentParser]) -> None:
    update = sub.add_parser("update", help="check for, download and install a newer Daftar",
                            description=__doc__.split("\n\n")[1].replace("\n", " "))
    actions = update.add_subparsers(dest="action", required=True, metavar="ACTION",
                                    parser_class=parser_class)
    p = actions.add_parser("check", help="ask the Daftar cloud whether a newer version exists")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=_check)
    p = actions.add_parser("apply", help="download, verify and install the newer version; it "
                           "starts the next time Daftar opens")
    p.add_argument("--download-only", action="store_true",
                   help="fetch and verify it, but do not install it yet")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=_apply)
    p = actions.add_parser("status", help="what this PC knows without asking: the last check, "
                           "a version waiting for the next start, a rollback")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=_status)
    p = actions.add_parser("channel", help="the releases this PC is offered")
    p.add_argument("channel", choices=CHANNELS, nargs="?", help="set it (default: show it)")
    p.set_defaults(run=_channel)
    p = actions.add_parser("auto", help="check daily and download in the background (on/off)")
    p.add_argument("switch", choices=("on", "off"))
    p.set_defaults(run=_auto)
    p = actions.add_parser("trust-root", help="trust the release manager's TUF root on this PC "
                           "(a self-hosted service)")
    p.add_argument("root", type=Path, metavar="ROOT_JSON", help="its N.root.json")
    p.set_defaults(run=_trust_root)


def _emit(args: argparse.Namespace, data: dict[str, Any], text: str) -> int:
    print(json.dumps(data, sort_keys=True) if args.json else text)
    return 0


def _check(args: argparse.Namespace) -> int:
    offer = client.check()
    data = {"current": APP_VERSION, "available": offer.version if offer else None,
            "channel": offer.channel if offer else CloudConfig.load().update_channel,
            "size": offer.length if offer else None,
            "patch": bool(offer and any(p.from_version == APP_VERSION for p in offer.patches))}
    if offer is None:
        return _emit(args, data, f"Daftar {APP_VERSION} is up to date")
    return _emit(args, data, f"Daftar {offer.version} is available ({offer.channel}, "
                 f"{offer.length / 2**20:.1f} MiB); you have {APP_VERSION}. Install it with "
                 "'daftar update apply'")


def _progress(args: argparse.Namespace) -> client.Progress:
    if args.json or not sys.stderr.isatty():
        return lambda done, total: None
    return lambda done, total: print(f"\r{done * 100 // max(total, 1):3d} %", end="",
                                      file=sys.stderr, flush=True)


def _apply(args: argparse.Namespace) -> int:
    if not args.download_only:
        client.installation()  # says at once when this copy cannot install, before downloading
    outcome = client.update(install=not args.download_only, progress=_progress(args))
    data = outcome.as_dict()
    if outcome.offer is None:
        return _emit(args, data, f"Daftar {APP_VERSION} is up to date")
    if outcome.staged is None and outcome.downloaded is None:
        return _emit(args, data, f"Daftar {outcome.offer.version} failed to start on this PC "
                     "before; it is not installed again (see 'daftar update status')")
    how = "a patch" if outcome.patch else "the whole version"
    if outcome.staged is None:
        return _emit(args, data, f"Daftar {outcome.offer.version} downloaded and verified "
                     f"({how}): {outcome.downloaded}")
    return _emit(args, data, f"Daftar {outcome.staged} is installed ({how}, verified); it "
                 "starts the next time Daftar opens")


def _status(args: argparse.Namespace) -> int:
    config, status = CloudConfig.load(), client.Status.load()
    data: dict[str, Any] = {"current": APP_VERSION, "channel": config.update_channel,
                            "auto": config.auto_update, "last_check": status.checked_at,
                            "available": (status.offer or {}).get("version"),
                            "staged": None, "failed": [], "rolled_back": None,
                            "installation": None}
    try:
        place = client.installation()
    except UpdateError:
        pass
    else:
        state = place.load()
        data.update(installation=str(place.root), staged=state.staged, failed=state.failed,
                    rolled_back=state.rolled_back)
    lines = [f"version      {APP_VERSION} ({config.update_channel} channel, automatic updates "
             f"{'on' if config.auto_update else 'off'})",
             f"last check   {status.checked_at or 'never'}"]
    if data["available"] and data["available"] != APP_VERSION:
        lines.append(f"available    {data['available']}")
    if data["staged"]:
        lines.append(f"installed    {data['staged']}, starts the next time Daftar opens")
    if data["rolled_back"]:
        back = data["rolled_back"]
        lines.append(f"rolled back  from {back['version']} to {back['to']} on {back['at']}: "
                     f"{back['reason']}")
    if data["installation"] is None:
        lines.append("this copy runs from source or pip: it cannot install updates itself")
    return _emit(args, data, "\n".join(lines))


def _channel(args: argparse.Namespace) -> int:
    config = CloudConfig.load()
    if args.channel:
        config.update_channel = args.channel
        config.save()
    print(f"this PC follows the {config.update_channel} releases")
    return 0


def _auto(args: argparse.Namespace) -> int:
    config = CloudConfig.load()
    config.auto_update = args.switch == "on"
    config.save()
    print("automatic updates are " + ("on: checked daily, downloaded in the background, "
                                       "installed for the next start" if config.auto_update
                                       else "off: use 'daftar update apply'"))
    return 0


def _trust_root(args: argparse.Namespace) -> int:
    expires = client.trust_root(args.root.read_bytes())
    print(f"this PC now verifies updates from the root in {args.root} (expires {expires})")
    return 0
