"""``daftar-server``: run the companion service, migrate its database, administer it.

Without a subcommand it serves. Every setting of :class:`~sync.server.settings.Settings` is an
option of every subcommand and also an environment variable (``--blob-url`` is
``DAFTAR_BLOB_URL``); the option wins. User errors print one line on stderr and exit 1.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from sync.server.cli.common import CommandError, Parser, settings_parent
from sync.server.errors import ApiError


def _command_modules() -> list[str]:
    """Modules of this package that add subcommands: each has ``register(subparsers, parent)``.

    ``serve`` comes first so that ``serve`` and ``migrate`` head the help; ``admin`` subcommands
    share one group (see :func:`sync.server.cli.common.admin_group`).
    """
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name != "common")
    return sorted(names, key=lambda name: name != "serve")


def build_parser() -> argparse.ArgumentParser:
    parent = settings_parent()
    parser = Parser(
        prog="daftar-server", parents=[parent],
        description="The Daftar companion service: licences, updates, encrypted backups and "
        "usage counters. Without a subcommand, serves HTTP.",
        epilog="Every option above is also read from the environment variable shown with it.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _command_modules():
        importlib.import_module(f"{__name__}.{name}").register(subparsers, parent)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        from sync.server.cli.serve import serve

        handler = serve
    try:
        return handler(args) or 0
    except (CommandError, ApiError) as error:
        print(f"daftar-server: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
