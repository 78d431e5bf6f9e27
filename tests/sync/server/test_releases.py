"""Releases: the release CLI publishing to a running service, admin rights, and rollouts.

The release manager's keys are generated in a temporary folder by ``daftar-server release
keygen``; the service sees only signed metadata, and its online key. Devices are inserted
directly in the database, as activation is not what is under test here.
"""

from __future__ import annotations

import hashlib
import json
import time
import tracemalloc
import uuid
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
import pytest
from conftest import OPERATOR_TOKEN, Api, live_server
from securesystemslib.signer import CryptoSigner
from tuf.api.metadata import Metadata, TargetFile

from sync.server import schema as t
from sync.server.blobs import BlobNotFound, FileBlobStore, open_blob_store
from sync.server.cli import main
from sync.server.cli.release import KeyFolder, ReleaseServer
from sync.server.db import Store, make_engine
from sync.server.errors import ApiError
from sync.server.keys import read_private_key
from sync.server.releases import ReleasePublic, blob_key, in_rollout, store_file
from sync.server.routes import releases as release_routes
from sync.server.tokens import hash_token, new_token

MIB = 1024**2


@dataclass
class Repo:
    """A service whose update repository was initialised by the release CLI."""

    api: Api
    keys: Path
    store: Store

    def cli(self, action: str, *args: str) -> int:
        return main(["release", action, "--server", self.api.url, "--token", OPERATOR_TOKEN,
                     "--keys", str(self.keys), *args])

    def file(self, name: str, data: bytes) -> Path:
        path = self.keys.parent / "dist" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        return path

    def publish(self, name: str, data: bytes, version: str, channel: str = "stable",
                rollout: int = 100) -> None:
        code = self.cli("publish", str(self.file(name, data)), "--version", version,
                        "--channel", channel, "--rollout", str(rollout))
        assert code == 0

    @property
    def server(self) -> ReleaseServer:
        return ReleaseServer(self.api.url, OPERATOR_TOKEN)

    @property
    def folder(self) -> KeyFolder:
        return KeyFolder(self.keys)

    @property
    def trusted_root(self) -> bytes:
        return (self.keys / "1.root.json").read_bytes()

    def online_signer(self) -> CryptoSigner:
        return CryptoSigner(read_private_key(self.api.settings.tuf_online_key_path))

    def add_devices(self, count: int) -> list[tuple[UUID, str]]:
        """``count`` active devices of a new tenant: (device id, bearer token) each."""
        tenant_id, licence_id, now = uuid.uuid4(), uuid.uuid4(), datetime.now(UTC)
        devices = [(uuid.uuid4(), new_token("dev")) for _ in range(count)]
        with self.store.tenant(tenant_id) as connection:
            connection.execute(t.tenant.insert().values(
                tenant_id=tenant_id, name="Cabinet", created_at=now, quota_bytes=0))
            connection.execute(t.licence.insert().values(
                licence_id=licence_id, tenant_id=tenant_id, key_hash=uuid.uuid4().hex,
                key_hint="TEST", edition="pro", seats=count, features=[], created_at=now))
            connection.execute(t.device.insert(), [dict(
                device_id=device_id, tenant_id=tenant_id, licence_id=licence_id,
                fingerprint=device_id.hex, name="PC", activated_at=now, last_seen_at=now,
                lease_end=now + timedelta(days=30)) for device_id, _ in devices])
            connection.execute(t.credential.insert(), [dict(
                token_hash=hash_token(token), tenant_id=tenant_id, kind="device",
                subject_id=device_id, created_at=now) for device_id, token in devices])
        return devices


def open_repo(api: Api, tmp_path: Path) -> Iterator[Repo]:
    """Empty the shared release tables (the PostgreSQL database lives for the whole session),
    create keys and initialise the repository."""
    store = Store(make_engine(api.settings.resolved_database_url, pool_size=2))
    with store.shared() as connection:
        connection.execute(t.tuf_metadata.delete())
        connection.execute(t.release_patch.delete())
        connection.execute(t.release.delete())
    repo = Repo(api, tmp_path / "release-keys", store)
    assert main(["release", "keygen", "--keys", str(repo.keys)]) == 0
    assert repo.cli("init") == 0
    try:
        yield repo
    finally:
        store.dispose()


@pytest.fixture
def repo(api: Api, tmp_path: Path) -> Iterator[Repo]:
    yield from open_repo(api, tmp_path)


def test_keys_are_private_and_never_overwritten(repo: Repo, capsys: pytest.CaptureFixture[str]
                                                ) -> None:
    for name in ("root", "targets"):
        assert (repo.keys / f"{name}.pem").stat().st_mode & 0o077 == 0
    assert main(["release", "keygen", "--keys", str(repo.keys)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert repo.cli("init") == 1
    assert "already has a root" in capsys.readouterr().err


def test_publish_list_and_change_rollout(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.publish("daftar-1.0.0.msi", b"installer one", "1.0.0", rollout=25)
    repo.publish("daftar-1.1.0b1.msi", b"installer beta", "1.1.0b1", channel="beta")
    capsys.readouterr()
    assert repo.cli("rollout", "stable", "1.0.0", "60") == 0
    assert repo.cli("list", "--json") == 0
    listing = [ReleasePublic.model_validate(x)
               for x in json.loads(capsys.readouterr().out.splitlines()[-1])]
    assert {(r.channel, r.version, r.rollout_percent, r.target_path) for r in listing} == {
        ("stable", "1.0.0", 60, "stable/daftar-1.0.0.msi"),
        ("beta", "1.1.0b1", 100, "beta/daftar-1.1.0b1.msi"),
    }
    stable = next(r for r in listing if r.channel == "stable")
    assert stable.sha256 == hashlib.sha256(b"installer one").hexdigest()
    assert stable.length == len(b"installer one")


def test_publishing_twice_or_to_an_unknown_release_is_refused(
        repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.publish("daftar-1.0.0.msi", b"one", "1.0.0")
    capsys.readouterr()
    assert repo.cli("publish", str(repo.file("daftar-1.0.0.msi", b"other")),
                    "--version", "1.0.1") == 1
    assert "already published [conflict]" in capsys.readouterr().err
    assert repo.cli("rollout", "stable", "9.9.9", "10") == 1
    assert "release not found" in capsys.readouterr().err
    assert repo.cli("publish", str(repo.file("x.msi", b"x")), "--version", "not a version") == 1
    assert "[release_invalid]" in capsys.readouterr().err


def _sign_targets_adding(repo: Repo, path: str, data: bytes, signer: CryptoSigner) -> str:
    targets = repo.server.targets().signed
    target = TargetFile.from_data(path, data, ["sha256"])
    target.unrecognized_fields["custom"] = {"version": "2.0.0", "channel": "stable"}
    targets.targets[path] = target
    targets.version += 1
    metadata = Metadata(targets)
    metadata.sign(signer)
    return metadata.to_bytes().decode()


def test_targets_signed_by_a_wrong_key_are_refused(repo: Repo, tmp_path: Path) -> None:
    data = b"malicious installer"
    stranger = KeyFolder(tmp_path / "stranger")
    stranger.generate("targets")
    body = {"targets": _sign_targets_adding(repo, "stable/evil.msi", data,
                                            stranger.signer("targets")),
            "target_path": "stable/evil.msi", "rollout_percent": 100}
    with repo.api.operator as client:
        sha256 = hashlib.sha256(data).hexdigest()
        assert client.put(f"/v1/admin/releases/files/{sha256}", content=data).status_code == 200
        refused = client.post("/v1/admin/releases", json=body)
        assert refused.status_code == 400
        assert refused.json()["error"]["code"] == "release_invalid"
        assert client.get("/v1/admin/releases").json() == []


def test_a_file_that_does_not_match_the_signed_target_is_refused(repo: Repo) -> None:
    signed = _sign_targets_adding(repo, "stable/daftar.msi", b"signed bytes",
                                  repo.folder.signer("targets"))
    body = {"targets": signed, "target_path": "stable/daftar.msi"}
    with repo.api.operator as client:
        wrong = client.put(f"/v1/admin/releases/files/{'0' * 64}", content=b"other bytes")
        assert wrong.json()["error"]["code"] == "release_invalid"
        missing = client.post("/v1/admin/releases", json=body)
        assert missing.status_code == 400
        assert "upload the file" in missing.json()["error"]["message"]


def test_the_cli_refuses_to_sign_over_targets_it_did_not_sign(
        repo: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other-keys"
    assert main(["release", "keygen", "--keys", str(other)]) == 0
    capsys.readouterr()
    code = main(["release", "publish", str(repo.file("a.msi", b"a")), "--version", "1.0",
                 "--server", repo.api.url, "--token", OPERATOR_TOKEN, "--keys", str(other)])
    assert code == 1
    assert "do not carry your targets key's signature" in capsys.readouterr().err


def test_a_root_must_trust_the_servers_online_key(repo: Repo, tmp_path: Path) -> None:
    root = repo.server.root().signed
    stranger = KeyFolder(tmp_path / "stranger")
    for role in ("snapshot", "timestamp"):
        keyid = root.roles[role].keyids[0]
        root.revoke_key(keyid, role)
        root.add_key(stranger.generate(role), role)
    root.version += 1
    metadata = Metadata(root)
    metadata.sign(repo.folder.signer("root"))
    with repo.api.operator as client:
        refused = client.post("/v1/admin/tuf/root", json={"root": metadata.to_bytes().decode()})
    assert refused.status_code == 400
    assert "online key" in refused.json()["error"]["message"]


def test_only_the_operator_manages_releases(repo: Repo) -> None:
    _, tenant_token = repo.api.new_tenant()
    with repo.api.client(tenant_token) as client:
        for method, path, kwargs in [
            ("GET", "/v1/admin/releases", {}),
            ("POST", "/v1/admin/releases", {"json": {"targets": "{}", "target_path": "a/b"}}),
            ("PATCH", "/v1/admin/releases/stable/1.0", {"json": {"rollout_percent": 5}}),
            ("PUT", f"/v1/admin/releases/files/{'0' * 64}", {"content": b"x"}),
            ("GET", "/v1/admin/tuf/online-key", {}),
            ("POST", "/v1/admin/tuf/root", {"json": {"root": "{}"}}),
            ("POST", "/v1/admin/tuf/targets", {"json": {"targets": "{}"}}),
        ]:
            response = client.request(method, path, **kwargs)
            assert response.status_code == 403, path
            assert response.json()["error"]["code"] == "forbidden"
    with repo.api.client() as anonymous:
        assert anonymous.get("/v1/admin/releases").status_code == 401
        assert anonymous.get("/v1/devices/me/updates").status_code == 401


def _release(version: str, percent: int, channel: str = "stable") -> ReleasePublic:
    return ReleasePublic(channel=channel, version=version, target_path=f"{channel}/d.msi",
                         length=1, sha256="0" * 64, rollout_percent=percent,
                         published_at=datetime.now(UTC))


def test_rollout_splits_a_population_deterministically() -> None:
    population = [uuid.UUID(int=n * 7919 + 1) for n in range(200)]
    half = [d for d in population if in_rollout(d, _release("1.2.0", 50))]
    assert 80 <= len(half) <= 120
    assert half == [d for d in population if in_rollout(d, _release("1.2.0", 50))]
    assert set(half) <= {d for d in population if in_rollout(d, _release("1.2.0", 70))}
    assert not any(in_rollout(d, _release("1.2.0", 0)) for d in population)
    assert all(in_rollout(d, _release("1.2.0", 100)) for d in population)


def _offer(repo: Repo, token: str, **params: str) -> dict | None:
    with repo.api.client(token) as client:
        response = client.get("/v1/devices/me/updates", params=params)
    assert response.status_code == 200, response.text
    return response.json()["update"]


def test_devices_are_offered_their_channel_and_rollout(repo: Repo) -> None:
    (_, stable), (_, beta) = repo.add_devices(2)
    repo.publish("daftar-1.0.0.msi", b"one", "1.0.0")
    repo.publish("daftar-1.1.0b1.msi", b"beta", "1.1.0b1", channel="beta")
    assert _offer(repo, stable, current="0.9")["version"] == "1.0.0"
    assert _offer(repo, stable, channel="stable", current="1.0.0") is None
    offer = _offer(repo, beta, channel="beta", current="1.0.0")
    assert offer["target_path"] == "beta/daftar-1.1.0b1.msi"
    assert offer["sha256"] == hashlib.sha256(b"beta").hexdigest()

    repo.publish("daftar-1.1.0.msi", b"final", "1.1.0", rollout=0)
    assert _offer(repo, stable, current="1.0.0") is None
    assert _offer(repo, beta, channel="beta", current="1.0.0")["version"] == "1.1.0b1"
    assert repo.cli("rollout", "stable", "1.1.0", "100") == 0
    assert _offer(repo, stable, current="1.0.0")["version"] == "1.1.0"
    assert _offer(repo, beta, channel="beta", current="1.1.0b1")["version"] == "1.1.0"

    with repo.api.client(stable) as client:
        refused = client.get("/v1/devices/me/updates", params={"current": "latest!"})
    assert refused.status_code == 422


def test_a_release_carries_its_patches_and_serves_them(repo: Repo,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (_, token), = repo.add_devices(1)
    repo.publish("daftar-1.0.0.tar.zst", b"one whole", "1.0.0")
    whole, patch = repo.file("daftar-1.1.0.tar.zst", b"two whole"), \
        repo.file("daftar-1.1.0-from-1.0.0.tar.zst", b"two patch")
    assert repo.cli("publish", str(whole), "--version", "1.1.0", "--patch",
                    f"1.0.0={patch}") == 0
    offer = _offer(repo, token, current="1.0.0")
    assert offer["version"] == "1.1.0" and offer["patches"] == [{
        "from_version": "1.0.0", "target_path": "stable/daftar-1.1.0-from-1.0.0.tar.zst",
        "length": 9, "sha256": hashlib.sha256(b"two patch").hexdigest()}]
    assert _offer(repo, token, current="0.9")["version"] == "1.1.0"
    with repo.api.client() as client:
        served = client.get("/tuf/targets/stable/" + hashlib.sha256(b"two patch").hexdigest()
                            + ".daftar-1.1.0-from-1.0.0.tar.zst")
    assert served.content == b"two patch"
    # a patch must come from an older version, once per version, and carry its release's
    capsys.readouterr()
    newer = repo.file("daftar-1.2.0-from-9.tar.zst", b"from the future")
    assert repo.cli("publish", str(repo.file("daftar-1.2.0.tar.zst", b"three")), "--version",
                    "1.2.0", "--patch", f"9.0.0={newer}") == 1
    assert "earlier version it applies to" in capsys.readouterr().err
    with pytest.raises(SystemExit):  # not VERSION=FILE: the command line refuses it
        repo.cli("publish", str(repo.file("daftar-1.2.0.tar.zst", b"three")), "--version",
                 "1.2.0", "--patch", "1.0.0")
    assert "a patch is VERSION=FILE" in capsys.readouterr().err
    assert _offer(repo, token, current="1.1.0") is None


def test_a_download_resumes_from_a_byte_and_bad_ranges_are_answered(repo: Repo) -> None:
    data = bytes(range(256)) * 40
    repo.publish("daftar-1.0.0.tar.zst", data, "1.0.0")
    url = f"/tuf/targets/stable/{hashlib.sha256(data).hexdigest()}.daftar-1.0.0.tar.zst"
    with repo.api.client() as client:
        whole = client.get(url)
        assert whole.status_code == 200 and whole.headers["accept-ranges"] == "bytes"
        rest = client.get(url, headers={"Range": "bytes=1000-"})
        assert rest.status_code == 206 and rest.content == data[1000:]
        assert rest.headers["content-range"] == f"bytes 1000-{len(data) - 1}/{len(data)}"
        assert int(rest.headers["content-length"]) == len(data) - 1000
        past = client.get(url, headers={"Range": f"bytes={len(data)}-"})
        assert past.status_code == 416
        assert past.headers["content-range"] == f"bytes */{len(data)}"
        assert past.json()["error"]["code"] == "range_not_satisfiable"
        other = client.get(url, headers={"Range": "bytes=0-99,200-299"})
        assert other.status_code == 200 and other.content == data


def test_the_service_applies_the_rollout_bucket_per_device(repo: Repo) -> None:
    devices = repo.add_devices(16)
    repo.publish("daftar-2.0.0.msi", b"two", "2.0.0", rollout=50)
    release = _release("2.0.0", 50)
    offered = [_offer(repo, token, current="1.0") is not None for _, token in devices]
    assert offered == [in_rollout(device_id, release) for device_id, _ in devices]


def test_names_a_text_column_cannot_hold_are_refused_before_the_database(repo: Repo) -> None:
    """PostgreSQL refuses NUL even in a comparison: such a target name or version was a 500."""
    repo.publish("daftar-1.0.0.msi", b"installer one", "1.0.0")
    served = f"/tuf/targets/stable/{hashlib.sha256(b'installer one').hexdigest()}"
    with repo.api.client() as client:
        assert client.get(f"{served}.daftar-1.0.0.msi").content == b"installer one"
        assert client.get(f"{served}.daftar%00.msi").status_code == 404
    with repo.api.operator as client:
        refused = client.patch("/v1/admin/releases/stable/1.0%00", json={"rollout_percent": 5})
        assert client.patch("/v1/admin/releases/stable/1.0.0",
                            json={"rollout_percent": 5}).json()["rollout_percent"] == 5
    assert (refused.status_code, refused.json()["error"]["code"]) == (422, "validation_error")


def write_file(path: Path, mib: int) -> str:
    """A file of ``mib`` distinct MiB, written a MiB at a time; its SHA-256."""
    digest = hashlib.sha256()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        for n in range(mib):
            piece = hashlib.sha256(n.to_bytes(4, "big")).digest() * (MIB // 32)
            digest.update(piece)
            out.write(piece)
    return digest.hexdigest()


def read_pieces(path: Path) -> Iterator[bytes]:
    with path.open("rb") as file:
        while piece := file.read(MIB):
            yield piece


def digest_of(chunks: Iterable[bytes]) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    for chunk in chunks:
        digest.update(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


def test_a_large_release_streams_through_the_service_in_little_memory(repo: Repo) -> None:
    """40 MiB up and down: the server (in this process) never holds more than a few MiB, the
    client's chunks in flight included."""
    path = repo.keys.parent / "dist" / "daftar-3.0.0.msi"
    sha256 = write_file(path, 40)
    tracemalloc.start()
    try:
        with repo.api.operator as client:
            stored = client.put(f"/v1/admin/releases/files/{sha256}", content=read_pieces(path))
        upload_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert stored.status_code == 200, stored.text
    assert stored.json() == {"sha256": sha256, "length": 40 * MIB}
    assert repo.cli("publish", str(path), "--version", "3.0.0") == 0

    tracemalloc.start()
    try:
        with repo.api.client() as client, client.stream(
                "GET", f"/tuf/targets/stable/{sha256}.daftar-3.0.0.msi") as response:
            assert response.status_code == 200
            assert response.headers["content-length"] == str(40 * MIB)
            assert digest_of(response.iter_raw()) == (40 * MIB, sha256)
        download_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert upload_peak < 8 * MIB
    assert download_peak < 8 * MIB


def test_bytes_of_another_hash_are_refused_and_spoil_nothing(repo: Repo) -> None:
    repo.publish("daftar-1.0.0.msi", b"genuine", "1.0.0")
    genuine, never = hashlib.sha256(b"genuine").hexdigest(), hashlib.sha256(b"no").hexdigest()
    with repo.api.operator as client:
        for sha256 in (genuine, never):
            refused = client.put(f"/v1/admin/releases/files/{sha256}",
                                 content=iter([b"forged ", b"bytes"]))
            assert refused.status_code == 400
            assert refused.json()["error"]["code"] == "release_invalid"
    blobs = open_blob_store(repo.api.settings.resolved_blob_url)
    with pytest.raises(BlobNotFound):
        blobs.size(blob_key(never))
    assert [p.name for p in (repo.api.settings.data_dir / "blobs" / "releases").iterdir()] == [
        genuine]
    with repo.api.client() as client:
        served = client.get(f"/tuf/targets/stable/{genuine}.daftar-1.0.0.msi")
    assert served.content == b"genuine"


def test_a_release_file_over_the_limit_is_refused_and_not_kept(
        make_settings: Any, tmp_path: Path) -> None:
    settings = make_settings(max_release_bytes=1000)
    body = b"x" * 1001
    sha256 = hashlib.sha256(body).hexdigest()
    with live_server(settings) as url, httpx.Client(
            base_url=url, headers={"Authorization": f"Bearer {OPERATOR_TOKEN}"}) as client:
        for content in (body, iter([body[:600], body[600:]])):  # declared length, then chunked
            refused = client.put(f"/v1/admin/releases/files/{sha256}", content=content)
            assert refused.status_code == 413
            assert refused.json()["error"]["code"] == "request_too_large"
    assert not any(p.is_file() for p in (settings.data_dir / "blobs").rglob("*"))
    with pytest.raises(ApiError, match="1000 bytes at most"):
        store_file(FileBlobStore(tmp_path / "blobs"), sha256=sha256, chunks=[body], limit=1000)
    assert not any(p.is_file() for p in (tmp_path / "blobs").rglob("*"))


def test_downloads_at_once_are_capped_and_a_stalled_one_is_dropped(
        repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two clients open a download and stop reading: a third is told to come back later. Once
    the stalled downloads are dropped, their slots serve again."""
    monkeypatch.setattr(release_routes, "MAX_TARGET_DOWNLOADS", 2)
    monkeypatch.setattr(release_routes, "STALL_SECONDS", 1)
    path = repo.keys.parent / "dist" / "daftar-3.0.0.msi"
    sha256 = write_file(path, 24)
    assert repo.cli("publish", str(path), "--version", "3.0.0") == 0
    url = f"/tuf/targets/stable/{sha256}.daftar-3.0.0.msi"
    with ExitStack() as stack:
        stalled = [stack.enter_context(stack.enter_context(repo.api.client()).stream("GET", url))
                   for _ in range(2)]
        with repo.api.client() as client:
            busy = client.get(url)
            assert busy.status_code == 503
            assert busy.json()["error"]["code"] == "unavailable"
            assert busy.headers["retry-after"] == "5"
            deadline = time.monotonic() + 10
            while (served := client.get(url)).status_code == 503:
                assert time.monotonic() < deadline, "the stalled downloads kept their slots"
                time.sleep(0.2)
            assert digest_of([served.content]) == (24 * MIB, sha256)
        for response in stalled:
            with pytest.raises(httpx.RemoteProtocolError):
                digest_of(response.iter_raw())
