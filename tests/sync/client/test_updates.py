"""The update client against a real ``daftar-server``: offer, TUF-verified download (resumed,
tampered), patch or whole archive, staged beside the running version.

Releases are signed by the release CLI with keys made here and published over HTTP, as the
release manager does; the PC trusts the root that CLI kept. The "bundles" are small folders;
the real ones go through the same code in ``tests/e2e/test_updates_bundle.py``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sync.client import licence
from sync.client.device import CloudConfig
from sync.client.updates import archive, client
from sync.client.updates.client import UpdateError, UpdateRefused
from sync.client.updates.layout import Installation
from tests.cloud_server import ServerProcess, running_server


@dataclass
class Releases:
    server: ServerProcess
    keys: Path
    work: Path

    def publish(self, archive_file: Path, version: str, *, patches: dict[str, Path] | None = None,
                rollout: int = 100) -> None:
        self.server.publish(self.keys, archive_file, version, patches=patches, rollout=rollout)

    def blob(self, data: bytes) -> Path:
        """The service's stored copy of a published file."""
        import hashlib

        return self.server.data_dir / "blobs" / "releases" / hashlib.sha256(data).hexdigest()

    def publish_with_patch(self, installed: Installation, version: str) -> Path:
        """``version`` with its patch from the installed 1.0.0; the patch file."""
        before = archive.write_full(installed.folder("1.0.0"), "1.0.0",
                                    self.work / "old.tar.zst")
        full = _release(self.work, version)
        patch = self.work / f"Daftar-{version}-from-1.0.0.patch.tar.zst"
        archive.write_patch(self.work / f"build-{version}", version, before, patch)
        self.publish(full, version, patches={"1.0.0": patch})
        return patch


def make_bundle(folder: Path, version: str, *, library: bytes) -> Path:
    for name, data in {"Daftar": f"window {version}".encode(), "daftar-cli": b"cli " + version
                       .encode(), "_internal/libQt6Core.so.6": library}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture
def releases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Releases]:
    """A service with an initialised update repository, and this test's PC connected to it and
    trusting the repository's root."""
    monkeypatch.setenv("DAFTAR_HOME", str(tmp_path / "pc"))
    (tmp_path / "service").mkdir()
    with running_server(tmp_path / "service" / "data") as server:
        keys = tmp_path / "release-keys"
        root = server.init_releases(keys)
        tenant = server.new_tenant()
        _, key = server.issue_licence(tenant)
        licence.connect(server.url, key, trust_key=server.signing_key_id())
        client.trust_root(root.read_bytes())
        yield Releases(server, keys, tmp_path)


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Installation:
    """Version 1.0.0 installed, as the setup lays it out; the updater works on it."""
    root = tmp_path / "Programs" / "Daftar"
    make_bundle(root / "versions" / "1.0.0", "1.0.0", library=LIBRARY)
    monkeypatch.setenv("DAFTAR_INSTALL_ROOT", str(root))
    return Installation(root)


LIBRARY = os.urandom(400_000)


def _release(tmp_path: Path, version: str) -> Path:
    folder = make_bundle(tmp_path / f"build-{version}", version, library=LIBRARY)
    out = tmp_path / f"Daftar-{version}-update.tar.zst"
    archive.write_full(folder, version, out)
    return out


def test_an_update_comes_as_a_patch_and_is_staged_beside_the_running_version(
        releases: Releases, installed: Installation) -> None:
    patch = releases.publish_with_patch(installed, "1.1.0")
    offer = client.check(current="1.0.0")
    assert offer is not None and offer.version == "1.1.0"
    assert [p.from_version for p in offer.patches] == ["1.0.0"]
    assert client.Status.load().offer["version"] == "1.1.0"
    outcome = client.update(current="1.0.0")
    assert outcome.staged == "1.1.0" and outcome.patch
    assert outcome.size == patch.stat().st_size
    assert not list((client.folder() / "downloads").iterdir())  # unpacked: archive deleted
    assert (installed.folder("1.1.0") / "Daftar").read_bytes() == b"window 1.1.0"
    assert installed.load().staged == "1.1.0"
    assert installed.has("1.0.0")  # the running version is never touched
    assert client.check(current="1.1.0") is None


def test_a_patch_that_does_not_fit_falls_back_to_the_whole_version(
        releases: Releases, installed: Installation) -> None:
    releases.publish_with_patch(installed, "1.1.0")
    (installed.folder("1.0.0") / "_internal" / "libQt6Core.so.6").write_bytes(b"damaged")
    outcome = client.update(current="1.0.0")
    assert outcome.staged == "1.1.0" and not outcome.patch
    assert (installed.folder("1.1.0") / "_internal" / "libQt6Core.so.6").read_bytes() == LIBRARY


def test_a_download_cut_short_resumes_where_it_stopped(releases: Releases,
                                                       tmp_path: Path) -> None:
    full = _release(tmp_path, "1.2.0")
    releases.publish(full, "1.2.0")
    offer = client.check(current="1.0.0")
    assert offer is not None
    data = full.read_bytes()
    downloads = client.folder() / "downloads"
    downloads.mkdir(parents=True)
    half = len(data) // 2
    (downloads / f"{offer.sha256}.{full.name}.part").write_bytes(data[:half])
    seen: list[int] = []
    got = client.download(offer, current="1.0.0", progress=lambda done, total: seen.append(done))
    assert got.read_bytes() == data
    assert seen[0] > half  # carried on from the middle, not from the start
    assert not list(downloads.glob("*.part"))


def test_a_tampered_release_file_is_refused_and_deleted(releases: Releases, installed: Installation,
                                                        tmp_path: Path) -> None:
    full = _release(tmp_path, "1.3.0")
    releases.publish(full, "1.3.0")
    stored = releases.blob(full.read_bytes())
    tampered = bytearray(stored.read_bytes())
    tampered[100] ^= 0x01  # same length, one bit: only the hash can tell
    stored.write_bytes(bytes(tampered))
    with pytest.raises(UpdateRefused, match="does not match its signed length and SHA-256"):
        client.update(current="1.0.0")
    assert not [p for p in (client.folder() / "downloads").iterdir() if "1.3.0" in p.name]
    assert not installed.has("1.3.0") and installed.load().staged is None


def test_a_version_that_failed_here_is_not_installed_again(
        releases: Releases, installed: Installation, tmp_path: Path) -> None:
    releases.publish(_release(tmp_path, "1.4.0"), "1.4.0")
    state = installed.load()
    state.failed = ["1.4.0"]
    installed.save(state)
    outcome = client.update(current="1.0.0")
    assert outcome.offer is not None and outcome.staged is None and outcome.downloaded is None


def test_beyond_its_rollout_share_a_pc_is_offered_nothing(releases: Releases,
                                                          tmp_path: Path) -> None:
    releases.publish(_release(tmp_path, "1.5.0"), "1.5.0", rollout=0)
    assert client.check(current="1.0.0") is None
    config = CloudConfig.load()
    config.update_channel = "beta"
    config.save()
    assert client.check(current="1.0.0") is None


def test_without_a_trusted_root_nothing_is_downloaded(releases: Releases,
                                                      tmp_path: Path) -> None:
    releases.publish(_release(tmp_path, "1.6.0"), "1.6.0")
    (client.folder() / client.ROOT_FILE).unlink()
    import shutil

    shutil.rmtree(client.folder() / "metadata", ignore_errors=True)
    offer = client.check(current="1.0.0")
    assert offer is not None
    with pytest.raises(UpdateError, match="trust-root"):
        client.download(offer, current="1.0.0")
    with pytest.raises(UpdateError, match="not a TUF metadata file"):
        client.trust_root(b"{}")


def test_a_copy_run_from_source_says_it_cannot_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DAFTAR_INSTALL_ROOT", raising=False)
    assert not getattr(sys, "frozen", False)
    with pytest.raises(UpdateError, match="not an installation"):
        client.installation()
