"""The launchers' choice of version: switching to a staged update, proving it, rolling back.

Each "version" here is a real program in ``versions/<version>/``: a small script that behaves
like a good release (leaves the start-up marker, as the window does once on screen) or a broken
one (exits at once, as a release missing a library does). The launcher starts them as real
processes. The real bundles go through the same code in ``tests/e2e/test_updates_bundle.py``.
"""

from __future__ import annotations

import json
import os
import sys
import textwrap
from pathlib import Path

import pytest

from sync.client.updates import launch
from sync.client.updates.layout import Installation, State, program_name, version_order

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="scripts as programs: POSIX")

GOOD = """
    import os, sys, pathlib
    marker = os.environ.get("DAFTAR_STARTED_MARKER")
    if marker:
        pathlib.Path(marker).parent.mkdir(parents=True, exist_ok=True)
        pathlib.Path(marker).write_text("up")
    pathlib.Path(sys.argv[0]).with_name("ran").write_text(" ".join(sys.argv[1:]))
"""
BROKEN = """
    import sys
    sys.exit(3)
"""


def install(root: Path, version: str, body: str = GOOD) -> None:
    folder = root / "versions" / version
    folder.mkdir(parents=True)
    for name in ("Daftar", "daftar-cli"):
        program = folder / program_name(name)
        program.write_text(f"#!{sys.executable}\n" + textwrap.dedent(body))
        program.chmod(0o755)


def ran(root: Path, version: str) -> str | None:
    path = root / "versions" / version / "ran"
    return path.read_text() if path.exists() else None


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "Daftar"


def test_without_a_state_the_newest_complete_version_runs(root: Path) -> None:
    install(root, "1.0.0")
    install(root, "1.2.0")
    (root / "versions" / "1.10.0").mkdir()  # no program in it: an unpacking cut short
    (root / "versions" / ".1.3.0.unpacking").mkdir()
    place = Installation(root)
    assert place.installed() == ["1.0.0", "1.2.0"]
    assert launch.run_window(place, ["acme.daftar"]) == 0
    assert place.load().current == "1.2.0"
    _wait_for(lambda: ran(root, "1.2.0") == "acme.daftar")


def test_a_staged_version_is_tried_proven_and_kept(root: Path) -> None:
    install(root, "1.0.0")
    install(root, "1.1.0")
    place = Installation(root)
    place.save(State(current="1.0.0", staged="1.1.0"))
    assert launch.run_window(place, []) == 0
    state = place.load()
    assert (state.current, state.previous, state.trial, state.staged) == (
        "1.1.0", "1.0.0", None, None)
    assert place.reached_window("1.1.0")
    assert launch.choose(place) == launch.Choice("1.1.0", trial=False)


def test_a_version_that_dies_before_its_window_is_rolled_back_at_once(root: Path) -> None:
    install(root, "1.0.0")
    install(root, "1.1.0", BROKEN)
    place = Installation(root)
    place.save(State(current="1.0.0", staged="1.1.0"))
    assert launch.run_window(place, ["books.daftar"]) == 0
    state = place.load()
    assert state.current == "1.0.0" and state.failed == ["1.1.0"] and state.trial is None
    assert state.rolled_back is not None
    assert state.rolled_back["version"] == "1.1.0" and "code 3" in state.rolled_back["reason"]
    _wait_for(lambda: ran(root, "1.0.0") == "books.daftar")  # the user still gets a window
    # staged again (the updater would refuse; a hand-edited state too): never switched to
    state.staged = "1.1.0"
    place.save(state)
    assert launch.choose(place) == launch.Choice("1.0.0", trial=False)


def test_a_trial_that_never_reached_its_window_is_rolled_back_next_time(root: Path) -> None:
    install(root, "1.0.0")
    install(root, "1.1.0")
    place = Installation(root)
    place.save(State(current="1.0.0", staged="1.1.0"))
    assert launch.choose(place) == launch.Choice("1.1.0", trial=True)
    # the launcher gave up waiting (or the PC was switched off); no marker was left
    assert launch.choose(place) == launch.Choice("1.0.0", trial=False)
    assert place.load().failed == ["1.1.0"]


def test_a_damaged_state_file_still_starts_the_newest_version(root: Path) -> None:
    install(root, "1.0.0")
    (root / "update-state.json").write_text("{not json")
    assert launch.choose(Installation(root)).version == "1.0.0"
    assert json.loads((root / "update-state.json").read_text())["current"] == "1.0.0"


def test_nothing_installed_is_said_plainly(root: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    root.mkdir()
    monkeypatch.setenv("DAFTAR_INSTALL_ROOT", str(root))
    assert launch.main("window") == 1
    assert "no version of Daftar is installed" in capsys.readouterr().err


def test_the_command_line_launcher_passes_the_exit_code_on(root: Path) -> None:
    install(root, "1.0.0", BROKEN)
    assert launch.run_cli(Installation(root), ["--version"]) == 3


def test_versions_order_as_releases_do() -> None:
    ordered = ["0.9.0", "1.0.0a1", "1.0.0b2", "1.0.0rc1", "1.0.0", "1.0.1", "1.10.0"]
    assert sorted(reversed(ordered), key=version_order) == ordered
    assert version_order("1.0") == version_order("1.0.0")
    for bad in ("", ".1.0.unpacking", "1.0.0.dev1", "latest"):
        with pytest.raises(ValueError):
            version_order(bad)


def _wait_for(condition: object, seconds: float = 20) -> None:
    import time

    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_the_program_leaves_the_marker_only_when_asked(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from sync.client.updates.layout import mark_started

    monkeypatch.delenv("DAFTAR_STARTED_MARKER", raising=False)
    mark_started()
    assert not list(tmp_path.iterdir())
    marker = tmp_path / "started" / "1.1.0"
    monkeypatch.setenv("DAFTAR_STARTED_MARKER", str(marker))
    mark_started()
    assert marker.exists() and "DAFTAR_STARTED_MARKER" not in os.environ


def test_a_staged_version_is_not_run_by_the_command_line_before_its_trial(root: Path) -> None:
    install(root, "1.0.0", BROKEN)
    install(root, "1.1.0")
    place = Installation(root)
    place.save(State(staged="1.1.0"))  # no current recorded: an installation never switched
    assert launch.run_cli(place, []) == 3  # still 1.0.0
    assert launch.choose(place) == launch.Choice("1.1.0", trial=True)


def test_a_staged_version_alone_runs_without_a_trial(root: Path) -> None:
    install(root, "1.1.0")  # the running version's folder was removed by hand
    place = Installation(root)
    place.save(State(current="1.0.0", staged="1.1.0"))
    assert launch.choose(place) == launch.Choice("1.1.0", trial=False)
