"""What every ``daftar-server`` subcommand shares: the settings options, output, the store."""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn, TypeVar
from uuid import UUID

from pydantic import BaseModel, ValidationError

from sync.server.settings import Settings

M = TypeVar("M", bound=BaseModel)


class CommandError(Exception):
    """A user error: printed as one line, exit status 1."""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Lists the settings in the help, but not in the usage line, where they would drown the
    command's own arguments (every subcommand accepts all of them)."""

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[Any], prefix: str | None = None) -> None:
        own = [a for a in actions if not a.dest.startswith("setting_")]
        if len(own) < len(list(actions)):
            own.insert(1, argparse.Action(["[SETTINGS]"], dest="settings", nargs=0,
                                          required=True))
        super().add_usage(usage, own, [], prefix)


class Parser(argparse.ArgumentParser):
    """Every ``daftar-server`` parser: a usage error is one line and exit status 1."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.exit(1, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _option(name: str) -> str:
    return "--" + name.replace("_", "-")


def settings_parent() -> argparse.ArgumentParser:
    """A parent parser with one option per setting, documented with its variable and default."""
    parent = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    group = parent.add_argument_group("settings (each also from its environment variable)")
    for name, field in Settings.model_fields.items():
        env = f"DAFTAR_{name.upper()}"
        default = "" if field.default_factory or field.default in (None, "") else (
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


def validated(model: type[M], **values: Any) -> M:
    """``model`` built from command-line values; a bad one is a one-line error naming its option."""
    try:
        return model(**values)
    except ValidationError as error:
        first = error.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "value"
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
    """The services of ``settings`` (database migrated if embedded), or a one-line error."""
    import sqlalchemy as sa

    from sync.server.app import SchemaNotCurrent, build_services
    from sync.server.db import UnsafeDatabaseRole

    try:
        return build_services(settings)
    except (SchemaNotCurrent, UnsafeDatabaseRole, OSError, ValueError) as error:
        raise CommandError(str(error)) from None
    except sa.exc.OperationalError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise CommandError(f"cannot reach the database: {reason}") from None


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


def uuid_arg(text: str) -> UUID:
    """An argparse type for ids, so a mistyped id is a usage error naming the argument."""
    try:
        return UUID(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an id: {text!r}") from None


def group(subparsers: argparse._SubParsersAction, parent: argparse.ArgumentParser,
          name: str, help_text: str) -> argparse._SubParsersAction:
    """The subcommands of ``name`` (``admin``, ``keys``), created once, shared by every module."""
    existing = subparsers.choices.get(name)
    if existing is None:
        existing = subparsers.add_parser(name, parents=[parent], help=help_text,
                                         description=help_text[:1].upper() + help_text[1:] + ".")
        existing.set_defaults(handler=lambda args: existing.print_help() or 1)
        existing._daftar_subparsers = existing.add_subparsers(  # type: ignore[attr-defined]
            dest=f"{name}_command", metavar="WHAT")
    return existing._daftar_subparsers  # type: ignore[attr-defined]


def admin_group(subparsers: argparse._SubParsersAction,
                parent: argparse.ArgumentParser) -> argparse._SubParsersAction:
    """``daftar-server admin …``: works directly on the database, no server needed."""
    return group(subparsers, parent, "admin",
                 "administer tenants, licences, devices, backups and usage on the database")


def write_text_atomically(path: Path, text: str) -> None:
    """Write a file a user asked for (a response file, say): whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
