"""What every ``daftar-server`` subcommand shares: the settings options, output, the store."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from sync.server.settings import Settings


class CommandError(Exception):
    """A user error: printed as one line, exit status 1."""


def _option(name: str) -> str:
    return "--" + name.replace("_", "-")


def settings_parent() -> argparse.ArgumentParser:
    """A parent parser with one option per setting, documented with its variable and default."""
    parent = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    group = parent.add_argument_group("settings (each also from its environment variable)")
    for name, field in Settings.model_fields.items():
        env = f"DAFTAR_{name.upper()}"
        default = "" if field.default_factory or field.default is None else (
            f"; default {field.default}")
        help_text = f"{field.description} [{env}{default}]".replace("%", "%%")
        if field.annotation is bool:
            group.add_argument(_option(name), dest=f"setting_{name}",
                               action=argparse.BooleanOptionalAction, help=help_text)
        else:
            group.add_argument(_option(name), dest=f"setting_{name}", metavar=name.upper(),
                               help=help_text)
    return parent


def load_settings(args: argparse.Namespace) -> Settings:
    """Settings from the environment, overridden by the options given on the command line."""
    overrides = {key.removeprefix("setting_"): value for key, value in vars(args).items()
                 if key.startswith("setting_")}
    try:
        return Settings(**overrides)
    except ValidationError as error:
        first = error.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "setting"
        raise CommandError(f"{_option(field)}: {first['msg']}") from None


def export_settings(settings: Settings) -> None:
    """Put ``settings`` into the environment so that worker processes read the same ones."""
    for name in Settings.model_fields:
        value = getattr(settings, name)
        if value is None:
            continue
        if hasattr(value, "get_secret_value"):
            value = value.get_secret_value()
        os.environ[f"DAFTAR_{name.upper()}"] = str(value).lower() if isinstance(
            value, bool) else str(value)


def open_store(settings: Settings) -> Any:
    """The database of ``settings``, migrated if embedded, for commands that work offline."""
    from sync.server.app import SchemaNotCurrent, build_services

    try:
        return build_services(settings)
    except SchemaNotCurrent as error:
        raise CommandError(str(error)) from None


def emit(args: argparse.Namespace, value: BaseModel | Iterable[BaseModel],
         text: str | None = None) -> None:
    """Print ``value`` as JSON with ``--json``, else ``text`` (or the JSON, indented)."""
    if isinstance(value, BaseModel):
        data: Any = value.model_dump(mode="json")
    else:
        data = [item.model_dump(mode="json") for item in value]
    if getattr(args, "json", False) or text is None:
        print(json.dumps(data, indent=None if getattr(args, "json", False) else 2))
    else:
        print(text)


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")


def admin_group(subparsers: argparse._SubParsersAction,
                parent: argparse.ArgumentParser) -> argparse._SubParsersAction:
    """The ``admin`` subcommand's own subcommands, created once and shared by every module."""
    existing = subparsers.choices.get("admin")
    if existing is None:
        existing = subparsers.add_parser(
            "admin", parents=[parent], help="administer tenants, licences, devices, backups",
            description="Administer the service directly on its database (no server needed).",
        )
        existing.set_defaults(handler=lambda args: existing.print_help() or 1)
        existing._daftar_subparsers = existing.add_subparsers(  # type: ignore[attr-defined]
            dest="admin_command", metavar="WHAT")
    return existing._daftar_subparsers  # type: ignore[attr-defined]
