"""An installed Daftar: its versions side by side, and which one starts.

::

    %LOCALAPPDATA%\\Programs\\Daftar\\      the root (per user: no administrator rights)
        Daftar.exe, daftar-cli.exe       the launchers, and their own small _internal\\
        versions\\0.1.0\\                  one complete bundle per version
        versions\\0.2.0\\
        update-state.json                which version runs, which is on trial, which failed
        started\\0.2.0                    written by a version when it reaches its first window

A version folder appears whole or not at all: it is unpacked under a temporary name and renamed.
Which version runs is one small file replaced atomically, so a power cut leaves either the old
choice or the new one. Only the launchers and the updater write the state; the program itself
only leaves its start-up marker.

This module is read by the launchers, which must start in a blink: it imports the standard
library alone.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

VERSIONS = "versions"
STATE_FILE = "update-state.json"
STARTED = "started"
WINDOW_PROGRAM = "Daftar"
CLI_PROGRAM = "daftar-cli"
WINDOWS = sys.platform == "win32"

_RELEASE = re.compile(r"^(\d+(?:\.\d+)*)(?:(a|b|rc)(\d+))?$")
_PRE = {"a": 0, "b": 1, "rc": 2}


def version_order(version: str) -> tuple[tuple[int, ...], tuple[int, int]]:
    """A sort key for the release versions Daftar publishes (``1.4.0b2 < 1.4.0 < 1.4.1``).

    The PEP 440 subset of ``N.N.N`` with an optional ``aN``/``bN``/``rcN``, without
    ``packaging``: the launchers carry the standard library only. Anything else raises
    ``ValueError``; a folder of such a name is not a version.
    """
    found = _RELEASE.match(version)
    if not found:
        raise ValueError(f"not a release version: {version!r}")
    numbers = tuple(int(n) for n in found[1].split("."))
    while len(numbers) > 1 and numbers[-1] == 0:
        numbers = numbers[:-1]
    pre = (_PRE[found[2]], int(found[3])) if found[2] else (3, 0)
    return numbers, pre


def program_name(name: str) -> str:
    return f"{name}.exe" if WINDOWS else name


@dataclass
class State:
    """What ``update-state.json`` holds."""

    current: str | None = None
    previous: str | None = None
    staged: str | None = None
    """Unpacked and verified: becomes current at the window's next start."""
    trial: str | None = None
    """Switched to but not yet proven: it must reach its first window, or it is rolled back."""
    trial_launches: int = 0
    failed: list[str] = field(default_factory=list)
    """Versions rolled back from: never switched to again by the updater."""
    rolled_back: dict[str, Any] | None = None
    """The last rollback (version, reason, when), for the program to tell the user."""


@dataclass(frozen=True)
class Installation:
    """One installed Daftar, found by its root folder."""

    root: Path

    @classmethod
    def of_running_program(cls) -> Installation | None:
        """The installation this frozen program belongs to, or None (a source checkout, a
        pip install, or a bundle run from its build folder: nothing to update in place)."""
        if not getattr(sys, "frozen", False):
            return None
        folder = Path(sys.executable).resolve().parent
        if folder.parent.name != VERSIONS:
            return None
        return cls(folder.parent.parent)

    @property
    def versions(self) -> Path:
        return self.root / VERSIONS

    def folder(self, version: str) -> Path:
        return self.versions / version

    def program(self, version: str, name: str) -> Path:
        return self.folder(version) / program_name(name)

    def installed(self) -> list[str]:
        """The complete versions here, oldest first (a folder being unpacked has no valid
        version name, and one without its window program is not complete)."""
        found = []
        if self.versions.is_dir():
            for entry in self.versions.iterdir():
                try:
                    version_order(entry.name)
                except ValueError:
                    continue
                if (entry / program_name(WINDOW_PROGRAM)).is_file():
                    found.append(entry.name)
        return sorted(found, key=version_order)

    def has(self, version: str | None) -> bool:
        return version is not None and version in self.installed()

    # -- state -------------------------------------------------------------------------------

    @property
    def state_file(self) -> Path:
        return self.root / STATE_FILE

    def load(self) -> State:
        """The saved state; a missing or damaged file gives an empty one (the newest complete
        version then runs), since the program must start whatever happened to this file."""
        try:
            data = json.loads(self.state_file.read_text(encoding="utf-8"))
            known = {k: v for k, v in data.items() if k in State.__dataclass_fields__}
            return State(**known)
        except (OSError, ValueError, TypeError):
            return State()

    def save(self, state: State) -> None:
        """Replace the state file atomically (a temporary file, flushed, then renamed)."""
        self.root.mkdir(parents=True, exist_ok=True)
        temporary = self.state_file.with_name(f"{STATE_FILE}.{os.getpid()}.tmp")
        with temporary.open("w", encoding="utf-8") as out:
            json.dump(asdict(state), out, indent=2, sort_keys=True)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, self.state_file)

    def started_marker(self, version: str) -> Path:
        return self.root / STARTED / version

    def reached_window(self, version: str) -> bool:
        return self.started_marker(version).exists()


def mark_started() -> None:
    """Leave the start-up marker the launcher waits for, if it asked for one.

    Called by the window program once its first window is on screen. The launcher names the
    file in ``DAFTAR_STARTED_MARKER`` only for a version on trial, so every other start writes
    nothing.
    """
    marker = os.environ.pop("DAFTAR_STARTED_MARKER", None)
    if not marker:
        return
    path = Path(marker)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(datetime.now(UTC).isoformat(), encoding="utf-8")
    except OSError:
        pass  # not proven, so the launcher rolls back next time: still better than no window
