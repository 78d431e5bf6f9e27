"""The per-user state folder: where one PC's cloud settings, device token and caches live.

One folder per user from platformdirs (``%LOCALAPPDATA%\\Daftar`` on Windows); ``DAFTAR_HOME``
overrides it, so that two "PCs" can run side by side on one machine in tests. Everything in it is
written atomically (temp file, 0600, fsync, rename), so a crash never leaves half a file.

Nothing of the books is kept here: no key, no name of a company in clear beyond what the user
already sees in the window's recent files.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import platformdirs

from app.store.keys import write_private_file

APP_NAME = "Daftar"


def home() -> Path:
    """The state folder; made (mode 0700 where the OS honours it) by the first write, so that
    merely reading the state of a PC that never used the cloud leaves no trace."""
    override = os.environ.get("DAFTAR_HOME")
    folder = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    return folder.expanduser().resolve()


def write_private(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_private_file(path, data)


def load_json(path: Path) -> dict[str, Any] | None:
    """A JSON object file, or None if there is none. A damaged file is an error that names it."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise StateError(f"{path} is damaged ({error.msg} at line {error.lineno}); move it "
                         "away and connect this PC again") from None
    if not isinstance(value, dict):
        raise StateError(f"{path} is damaged (not a JSON object); move it away and connect "
                         "this PC again")
    return value


def save_json(path: Path, value: dict[str, Any]) -> None:
    write_private(path, (json.dumps(value, indent=2, sort_keys=True) + "\n").encode("utf-8"))


class StateError(Exception):
    """The per-user state folder holds something unreadable; the message names the file."""
