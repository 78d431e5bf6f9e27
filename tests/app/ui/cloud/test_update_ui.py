"""Updates from the window, against a real ``daftar-server`` with a signed release: the status
bar says what was found, fetched and staged; Help → Check for updates asks now; a rollback the
launcher made is reported at the next start."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.ui.cloud.updates import UpdateController
from app.ui.kit.prefs import Prefs
from app.ui.window.shell import MainWindow
from sync.client.http import APP_VERSION
from sync.client.updates import archive, client
from sync.client.updates.layout import Installation, State
from tests.cloud_server import ServerProcess

NEXT = "99.0.0"


@pytest.fixture(scope="module")
def published(server: ServerProcess, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The module's service with release NEXT published; the folder of the release keys."""
    work = tmp_path_factory.mktemp("release")
    keys = work / "keys"
    server.init_releases(keys)
    bundle = work / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "Daftar").write_bytes(b"window " + os.urandom(1000))
    (bundle / "_internal" / "lib.so").write_bytes(os.urandom(50_000))
    archive.write_full(bundle, NEXT, work / f"Daftar-{NEXT}-update.tar.zst")
    server.publish(keys, work / f"Daftar-{NEXT}-update.tar.zst", NEXT)
    return keys


@pytest.fixture
def trusted(connected: tuple, published: Path) -> None:
    client.trust_root((published / "1.root.json").read_bytes())


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Installation]:
    root = tmp_path / "Programs" / "Daftar"
    (root / "versions" / APP_VERSION).mkdir(parents=True)
    (root / "versions" / APP_VERSION / "Daftar").write_bytes(b"running")
    monkeypatch.setenv("DAFTAR_INSTALL_ROOT", str(root))
    yield Installation(root)


def _news(window: MainWindow) -> str:
    return window._update_news.text()


def test_a_pc_not_connected_is_told_where_updates_come_from(qtbot: QtBot, english: None) -> None:
    window = MainWindow(Prefs(language="en"), synchronous=True)
    qtbot.addWidget(window)
    (action,) = [a for a in window.menuBar().actions()[-1].menu().actions()
                 if "updates" in a.text()]
    action.trigger()
    assert "connect this PC first" in _news(window)
    assert any(isinstance(w, QLabel) and w is window._update_news
               for w in window.statusBar().findChildren(QLabel))


def test_a_copy_run_from_source_only_says_what_is_available(trusted: None, qtbot: QtBot,
                                                             english: None) -> None:
    updates = UpdateController(synchronous=True, timers=False)
    updates.check()
    assert updates.text == f"Daftar {NEXT} is available"
    assert client.Status.load().offer["version"] == NEXT


def test_an_installation_downloads_and_stages_the_update_for_next_start(
        trusted: None, installed: Installation, qtbot: QtBot, english: None) -> None:
    window = MainWindow(Prefs(language="en"), synchronous=True)
    qtbot.addWidget(window)
    window.cloud.updates.check()
    assert _news(window) == f"Daftar {NEXT} is ready: it starts the next time you open Daftar"
    assert installed.load().staged == NEXT and installed.has(NEXT)
    assert installed.has(APP_VERSION)


def test_the_daily_check_runs_only_when_due_and_wanted(trusted: None, qtbot: QtBot,
                                                        english: None) -> None:
    updates = UpdateController(synchronous=True, timers=False)
    updates.check_if_due()
    assert updates.text.endswith("is available")
    updates.text = ""
    updates.check_if_due()  # checked moments ago: not due
    assert updates.text == ""


def test_a_rollback_is_reported_at_the_next_start(installed: Installation, qtbot: QtBot,
                                                  english: None) -> None:
    installed.save(State(current=APP_VERSION, failed=[NEXT], rolled_back={
        "version": NEXT, "to": APP_VERSION, "reason": "it exited with code 1",
        "at": datetime.now(UTC).isoformat()}))
    updates = UpdateController(synchronous=True, timers=False)
    assert updates.text == f"Daftar {NEXT} could not start and was set aside; this is " \
        f"{APP_VERSION}"
