"""Updates end to end, with the real bundle: built twice, published, installed, updated, rolled
back, and a tampered release refused.

1. A ``daftar-server`` with an update repository whose keys are made here; two real bundles
   are built by ``installer/build.py`` at once (versions N and N+1, each shipping the
   repository's root as its trust anchor).
2. N is installed as the setup lays it out (the launchers at the root, N in ``versions/``); the
   installed command line connects the PC. ``build.py --no-build --previous N --publish`` makes
   N+1's patch from N and publishes both with ``daftar-server release publish``; ``daftar-cli
   update apply`` takes the patch. The window launcher then starts N+1 on trial; N+1 reaches
   its first window (offscreen) and is kept.
3. N+2 is N+1 with Qt's widgets library missing, as a broken release would be: staged the same
   way, it dies before its window, and the launcher brings N+1 back at once.
4. N+3's file is altered on the service after publishing: the download is refused.

Slow (two PyInstaller builds side by side, about a minute and a half on two cores, then three
starts of the real window) but part of every run: the release path is only proven by running it.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sync.client.updates import archive
from sync.client.updates.layout import Installation
from tests.cloud_server import ServerProcess, running_server

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="the Windows run is the CI workflow's"),
    pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None,
                       reason="PyInstaller is not installed (pip install -e '.[bundle]')"),
]

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "installer" / "build.py"
N, N1, N2, N3 = "1.0.0", "1.0.1", "1.0.2", "1.0.3"


def build(work: Path, versions: list[str], root_json: Path) -> list[Path]:
    """``installer/build.py`` for each version at once (two cores, two builds); the folders
    holding their outputs. The patch from the first is made after, from the folders built."""
    outs = [work / f"release-{version}" for version in versions]
    running = [subprocess.Popen(
        [sys.executable, str(BUILD), "--no-smoke", "--version", version, "--update-root",
         str(root_json), "--dist", str(out / "dist"), "--output", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for version, out in zip(versions, outs, strict=True)]
    for process in running:
        output, _ = process.communicate(timeout=1200)
        assert process.returncode == 0, output[-5000:]
    return outs


def make_patch_and_publish(release: Path, version: str, previous: Path, server: ServerProcess,
                           keys: Path) -> str:
    """The release pipeline's second pass: the archives again, with the patch from
    ``previous``, published on ``server`` (``--publish``); what it printed."""
    done = subprocess.run(
        [sys.executable, str(BUILD), "--no-build", "--version", version, "--dist",
         str(release / "dist"), "--output", str(release), "--previous", str(previous),
         "--publish"], capture_output=True, text=True, timeout=600, check=False,
        env={**os.environ, "DAFTAR_RELEASE_SERVER": server.url,
             "DAFTAR_RELEASE_TOKEN": server.operator_token, "DAFTAR_RELEASE_KEYS": str(keys)})
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


class PC:
    """An installed Daftar and the user's state folders, run as a user would."""

    def __init__(self, work: Path) -> None:
        self.root = work / "Programs" / "Daftar"
        self.env = {**os.environ, "DAFTAR_HOME": str(work / "home"),
                    "DAFTAR_CONFIG_DIR": str(work / "config"),
                    "DAFTAR_LOG_DIR": str(work / "logs"), "QT_QPA_PLATFORM": "offscreen",
                    "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
        for name in ("DAFTAR_INSTALL_ROOT", "DAFTAR_STARTED_MARKER", "PYTHONPATH"):
            self.env.pop(name, None)
        self.windows: list[subprocess.Popen[bytes]] = []

    @property
    def installation(self) -> Installation:
        return Installation(self.root)

    def install(self, release: Path, version: str) -> None:
        """As the setup does: the launchers at the root, the bundle in versions/VERSION."""
        shutil.copytree(release / "dist" / "DaftarLauncher", self.root)
        shutil.copytree(release / "dist" / "Daftar", self.root / "versions" / version,
                        symlinks=True)

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([str(self.root / "daftar-cli"), *args], env=self.env,
                              capture_output=True, text=True, timeout=600, check=False)
        if check:
            assert done.returncode == 0, f"daftar-cli {' '.join(args)}: {done.stderr}"
        assert "Warning" not in done.stderr, done.stderr  # e.g. a native extension left out
        return done

    def open_window(self) -> int:
        """Double-click: run the window launcher until it returns (it waits for a version on
        trial to prove itself); the program it started keeps running."""
        launcher = subprocess.Popen([str(self.root / "Daftar")], env=self.env,
                                    start_new_session=True)
        self.windows.append(launcher)
        return launcher.wait(timeout=200)

    def close_windows(self) -> None:
        for launcher in self.windows:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(launcher.pid, signal.SIGTERM)
        self.windows.clear()
        time.sleep(1)

    def version(self) -> str:
        return self.cli("--version").stdout.split()[-1]


def break_release(installed: Path, work: Path, version: str) -> Path:
    """A release of ``version`` made from a good bundle with Qt's widgets missing."""
    folder = work / f"broken-{version}"
    shutil.copytree(installed, folder, symlinks=True)
    internal = folder / "_internal"
    for widgets in internal.glob("PySide6/QtWidgets.*"):
        widgets.unlink()
    (metadata,) = internal.glob("daftar-*.dist-info")
    text = (metadata / "METADATA").read_text(encoding="utf-8")
    (metadata / "METADATA").write_text(
        "\n".join(f"Version: {version}" if line.startswith("Version: ") else line
                  for line in text.split("\n")), encoding="utf-8")
    metadata.rename(internal / f"daftar-{version}.dist-info")
    out = work / f"Daftar-{version}-update.tar.zst"
    archive.write_full(folder, version, out)
    return out


def test_build_publish_update_roll_back_and_refuse(tmp_path: Path) -> None:
    (tmp_path / "service").mkdir()
    with running_server(tmp_path / "service" / "data") as server:
        keys = tmp_path / "release-keys"
        root_json = server.init_releases(keys)

        first, second = build(tmp_path, [N, N1], root_json)
        full_n = first / f"Daftar-{N}-update.tar.zst"
        full_n1, patch = second / f"Daftar-{N1}-update.tar.zst", \
            second / f"Daftar-{N1}-from-{N}.patch.tar.zst"

        pc = PC(tmp_path / "pc")
        pc.install(first, N)
        try:
            assert pc.version() == N
            tenant = server.new_tenant("Cabinet Mansouri")
            _, key = server.issue_licence(tenant)
            pc.cli("cloud", "connect", "--server", server.url, "--licence", key,
                   "--trust-key", server.signing_key_id())
            assert json.loads(pc.cli("update", "check", "--json").stdout)["available"] is None

            # N+1, with its patch from N: downloaded as the patch, staged, tried, kept
            printed = make_patch_and_publish(second, N1, full_n, server, keys)
            assert f"update archive: {patch}" in printed
            assert f"published stable/{full_n1.name} as stable {N1}" in printed
            assert patch.stat().st_size <= full_n1.stat().st_size / 2
            check = json.loads(pc.cli("update", "check", "--json").stdout)
            assert check["available"] == N1 and check["patch"]
            applied = json.loads(pc.cli("update", "apply", "--json").stdout)
            assert applied["staged"] == N1 and applied["patch"]
            assert pc.version() == N  # nothing switches before the window's next start
            assert pc.open_window() == 0
            state = pc.installation.load()
            assert (state.current, state.previous, state.trial) == (N1, N, None)
            assert pc.installation.reached_window(N1)
            assert pc.version() == N1
            pc.close_windows()

            # a broken N+2: staged, dies before its window, N+1 comes back by itself
            server.publish(keys, break_release(pc.installation.folder(N1), tmp_path, N2), N2)
            assert json.loads(pc.cli("update", "apply", "--json").stdout)["staged"] == N2
            assert pc.open_window() == 0
            state = pc.installation.load()
            assert state.current == N1 and state.failed == [N2] and state.trial is None
            assert state.rolled_back and state.rolled_back["version"] == N2
            assert pc.version() == N1
            status = json.loads(pc.cli("update", "status", "--json").stdout)
            assert status["rolled_back"]["to"] == N1
            again = json.loads(pc.cli("update", "apply", "--json").stdout)
            assert again["available"] == N2 and again["staged"] is None
            pc.close_windows()

            # N+3 altered on the service after it was signed: refused, nothing installed
            full_n3 = tmp_path / f"Daftar-{N3}-update.tar.zst"
            archive.write_full(pc.installation.folder(N1), N3, full_n3)
            server.publish(keys, full_n3, N3)
            stored = server.data_dir / "blobs" / "releases" / hashlib.sha256(
                full_n3.read_bytes()).hexdigest()
            data = bytearray(stored.read_bytes())
            data[len(data) // 3] ^= 0x40
            stored.write_bytes(bytes(data))
            refused = pc.cli("update", "apply", check=False)
            assert refused.returncode == 1
            assert "does not match its signed length and SHA-256" in refused.stderr
            assert not pc.installation.has(N3) and pc.version() == N1
        finally:
            pc.close_windows()
