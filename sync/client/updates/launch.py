"""The launchers: ``Daftar.exe`` and ``daftar-cli.exe`` at the root of an installation.

The window launcher picks the version to run (:func:`choose`), switching to a version the
updater staged, and proves a new version before trusting it: the version on trial must leave
its start-up marker (:func:`layout.mark_started`) when its first window is on screen. If it
exits before that, the launcher rolls back to the previous version at once and starts that
instead, with the same arguments; if the launcher gave up waiting, the next start rolls back
a trial that never reached its window. A version rolled back from is never switched to again.

The command-line launcher runs the current version's ``daftar-cli`` and passes its exit code
on; it never switches or judges a version (a script should not start a trial).

Standard library only, like :mod:`layout`: this is the code between a double-click and Qt.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sync.client.updates.layout import CLI_PROGRAM, WINDOW_PROGRAM, Installation, State

TRIAL_WAIT = 120.0
"""Seconds the launcher waits for a version on trial to reach its first window."""
POLL = 0.05


class NothingInstalled(Exception):
    """No complete version in the installation: the installer must be run again."""


@dataclass(frozen=True)
class Choice:
    version: str
    trial: bool


def _newest(installation: Installation, state: State) -> str | None:
    """The newest version to fall back on: never one that failed, nor one only staged (it
    starts through its trial, by the window launcher)."""
    installed = [v for v in installation.installed() if v != state.staged]
    good = [v for v in installed if v not in state.failed]
    return (good or installed or [None])[-1]


def rollback(installation: Installation, state: State, reason: str) -> str | None:
    """Give up the version on trial: back to the previous one (or the newest other good one);
    the version it returns runs now."""
    bad = state.trial or state.current
    if bad and bad not in state.failed:
        state.failed.append(bad)
    back = state.previous if installation.has(state.previous) else None
    state.current = back or _newest(installation, state)
    state.previous = None
    state.trial, state.trial_launches = None, 0
    state.rolled_back = {"version": bad, "to": state.current, "reason": reason,
                         "at": datetime.now(UTC).isoformat(timespec="seconds")}
    installation.save(state)
    return state.current


def choose(installation: Installation) -> Choice:
    """The version the window starts now, with the state updated and saved for it."""
    state = installation.load()
    if not installation.has(state.current) or state.current in state.failed:
        state.current = _newest(installation, state)
        state.trial = None
    if state.current is None and installation.has(state.staged):
        state.current, state.staged = state.staged, None  # nothing else to fall back on
    if state.current is None:
        raise NothingInstalled(f"no version of Daftar is installed in {installation.root}; "
                               "run the installer again (company files are not affected)")
    staged = state.staged
    if staged and installation.has(staged) and staged not in state.failed \
            and staged != state.current:
        state.previous, state.current = state.current, staged
        state.trial, state.trial_launches = staged, 0
    state.staged = None
    if state.trial == state.current:
        if installation.reached_window(state.trial):
            state.trial, state.trial_launches = None, 0
        elif state.trial_launches >= 1:
            version = rollback(installation, state,
                               "it did not reach its first window when last started")
            return Choice(str(version), trial=False)
        else:
            state.trial_launches += 1
    else:
        state.trial, state.trial_launches = None, 0
    installation.save(state)
    return Choice(state.current, trial=state.trial is not None)


def _start(installation: Installation, choice: Choice, argv: list[str]) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.pop("DAFTAR_STARTED_MARKER", None)
    if choice.trial:
        marker = installation.started_marker(choice.version)
        marker.unlink(missing_ok=True)
        env["DAFTAR_STARTED_MARKER"] = str(marker)
    program = installation.program(choice.version, WINDOW_PROGRAM)
    return subprocess.Popen([str(program), *argv], env=env)


def run_window(installation: Installation, argv: list[str], *,
               wait: float = TRIAL_WAIT) -> int:
    """Start the window program; watch a version on trial until it proves itself."""
    choice = choose(installation)
    child = _start(installation, choice, argv)
    if not choice.trial:
        return 0
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if installation.reached_window(choice.version):
            state = installation.load()
            state.trial, state.trial_launches = None, 0
            installation.save(state)
            return 0
        code = child.poll()
        if code is not None:
            state = installation.load()
            back = rollback(installation, state, f"it exited with code {code} before its "
                            "first window")
            if back is None or back == choice.version:
                return code or 1
            _start(installation, Choice(back, trial=False), argv)
            return 0
        time.sleep(POLL)
    return 0  # still starting: the next start judges it


def run_cli(installation: Installation, argv: list[str]) -> int:
    """Run the current version's command line, passing its exit code on."""
    state = installation.load()
    version = state.current if installation.has(state.current) else _newest(installation, state)
    if version is None:
        raise NothingInstalled(f"no version of Daftar is installed in {installation.root}")
    return subprocess.call([str(installation.program(version, CLI_PROGRAM)), *argv])


def main(program: str) -> int:
    """Entry of a launcher: ``program`` is ``window`` or ``cli``; the root is the folder of
    the launcher's own executable (or ``DAFTAR_INSTALL_ROOT``, for tests from source)."""
    root = os.environ.get("DAFTAR_INSTALL_ROOT") or str(Path(sys.executable).resolve().parent)
    installation = Installation(Path(root))
    try:
        if program == "cli":
            return run_cli(installation, sys.argv[1:])
        return run_window(installation, sys.argv[1:])
    except (NothingInstalled, OSError) as error:
        _tell(f"Daftar cannot start: {error}", window=program != "cli")
        return 1


def _tell(message: str, *, window: bool) -> None:
    """Say why nothing started: a message box for the windowed launcher on Windows (it has
    no console), standard error otherwise."""
    print(message, file=sys.stderr)
    if window and sys.platform == "win32":
        import ctypes

        ctypes.windll.user32.MessageBoxW(None, message, "Daftar", 0x10)  # MB_ICONERROR
