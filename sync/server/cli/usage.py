"""``daftar-server admin usage TENANT``: a tenant's usage counters, summed per day and name."""

from __future__ import annotations

import argparse
from datetime import date

from sync.server import usage
from sync.server.cli.common import add_json, admin_group, emit, load_settings, open_store, uuid_arg


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def register(subparsers: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    command = admin_group(subparsers, parent).add_parser(
        "usage", parents=[parent], help="usage counters of a tenant",
        description="Usage counters sent by the tenant's opted-in desktops, summed per day and "
        f"name; by default the last {usage.DEFAULT_REPORT_DAYS} days.")
    command.add_argument("tenant_id", metavar="TENANT", type=uuid_arg)
    command.add_argument("--from", dest="from_day", type=_day, help="first day, YYYY-MM-DD")
    command.add_argument("--to", dest="to_day", type=_day, help="last day, included")
    command.add_argument("--per-device", action="store_true", help="one line per device too")
    add_json(command)
    command.set_defaults(handler=_report)


def _report(args: argparse.Namespace) -> int:
    """The whole period at once: the pages the API gives are joined here."""
    store = open_store(load_settings(args)).store
    rows, cursor = [], None
    while True:
        page = usage.usage_report(store, tenant_id=args.tenant_id, from_day=args.from_day,
                                  to_day=args.to_day, per_device=args.per_device,
                                  limit=usage.MAX_PAGE, cursor=cursor)
        rows += page.rows
        cursor = page.next_cursor
        if cursor is None:
            break
    report = page.model_copy(update={"rows": rows})
    emit(args, report, _text(report))
    return 0


def _text(report: usage.UsageReport) -> str:
    header = f"usage of {report.tenant_id} from {report.from_day} to {report.to_day}"
    if not report.rows:
        return f"{header}: no counters"
    width = max(len(row.name) for row in report.rows)
    lines = [
        f"{row.day}  {row.name:<{width}}  {row.value:>12}"
        + (f"  {row.device_id}" if row.device_id else "")
        for row in report.rows
    ]
    return "\n".join([header, *lines])
