"""The reference TUF client, ``tuf.ngclient.Updater``, against the running service.

It starts from the root the release CLI kept (what the desktop ships), downloads a published
release, and refuses metadata that was tampered with, rolled back or expired. Attacks are staged
by rewriting the documents in the database, as a compromised server or a stale mirror would
serve them.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from conftest import Api, live_server
from test_releases import Repo, open_repo
from tuf.api import exceptions
from tuf.api.metadata import Metadata, MetaFile, Timestamp
from tuf.ngclient import Updater

from sync.server import schema as t
from sync.server.blobs import open_blob_store
from sync.server.cli.release import publish

INSTALLER = b"Daftar 1.0.0 installer " * 100
TARGET = "stable/daftar-1.0.0.msi"


@pytest.fixture
def repo(api: Api, tmp_path: Path) -> Iterator[Repo]:
    yield from open_repo(api, tmp_path)


@pytest.fixture
def published(repo: Repo) -> Repo:
    repo.publish("daftar-1.0.0.msi", INSTALLER, "1.0.0")
    return repo


def updater(repo: Repo, name: str) -> Updater:
    """A client with its own metadata and download folders, trusting root version 1."""
    folder = repo.keys.parent / name
    (folder / "metadata").mkdir(parents=True, exist_ok=True)
    return Updater(str(folder / "metadata"), f"{repo.api.url}/tuf/metadata/",
                   str(folder / "downloads"), f"{repo.api.url}/tuf/targets/",
                   bootstrap=repo.trusted_root)


def download(client: Updater, path: str = TARGET) -> bytes:
    client.refresh()
    info = client.get_targetinfo(path)
    assert info is not None, path
    return Path(client.download_target(info)).read_bytes()


def nothing_downloaded(repo: Repo, name: str) -> bool:
    folder = repo.keys.parent / name / "downloads"
    return not folder.exists() or not any(folder.iterdir())


def row(repo: Repo, name: str) -> sa.Row:
    with repo.store.shared() as connection:
        return connection.execute(
            sa.select(t.tuf_metadata).where(t.tuf_metadata.c.name == name)).one()


def latest(repo: Repo, role: str) -> sa.Row:
    with repo.store.shared() as connection:
        return connection.execute(
            sa.select(t.tuf_metadata).where(t.tuf_metadata.c.name.like(f"{role}.%"))
            .order_by(t.tuf_metadata.c.version.desc()).limit(1)).one()


def rewrite(repo: Repo, name: str, body: bytes, *, version: int | None = None,
            expires_at: datetime | None = None) -> None:
    values: dict = {"body": body}
    if version is not None:
        values["version"] = version
    if expires_at is not None:
        values["expires_at"] = expires_at
    with repo.store.shared() as connection:
        connection.execute(t.tuf_metadata.update().where(t.tuf_metadata.c.name == name)
                           .values(**values))


def sign_timestamp(repo: Repo, *, version: int, snapshot: sa.Row, expires: datetime) -> bytes:
    """A timestamp signed with the server's online key, as a compromised instance could."""
    metadata = Metadata(Timestamp(version=version, expires=expires,
                                  snapshot_meta=MetaFile(version=snapshot.version)))
    metadata.sign(repo.online_signer())
    return metadata.to_bytes()


def test_the_updater_downloads_a_published_release(published: Repo) -> None:
    assert download(updater(published, "client")) == INSTALLER


def test_the_updater_follows_a_root_rotation(published: Repo) -> None:
    assert published.cli("rotate-root") == 0
    assert (published.keys / "root.v1.pem").exists()
    published.publish("daftar-1.0.1.msi", b"patched", "1.0.1")
    client = updater(published, "client")
    assert download(client, "stable/daftar-1.0.1.msi") == b"patched"
    assert Metadata.from_file(str(published.keys.parent / "client" / "metadata" / "root.json")
                              ).signed.version == 2


@pytest.mark.parametrize(("role", "error"), [
    ("targets", exceptions.LengthOrHashMismatchError),
    ("snapshot", exceptions.LengthOrHashMismatchError),
    ("timestamp", exceptions.UnsignedMetadataError),
])
def test_tampered_metadata_is_refused(published: Repo, role: str,
                                      error: type[Exception]) -> None:
    """Pushing an expiry into the future keeps the document well-formed; only the signature
    (or the hash the next role up signed) gives it away."""
    name = "timestamp" if role == "timestamp" else f"{role}.{latest(published, role).version}"
    stored = row(published, name)
    tampered = re.sub(rb'"expires":"\d{4}', b'"expires":"2099', stored.body, count=1)
    assert tampered != stored.body
    rewrite(published, name, tampered)
    with pytest.raises(error):
        download(updater(published, "client"))
    assert nothing_downloaded(published, "client")


def test_a_tampered_release_file_is_refused(published: Repo) -> None:
    blobs = open_blob_store(published.api.settings.resolved_blob_url)
    blobs.put(f"releases/{hashlib.sha256(INSTALLER).hexdigest()}", INSTALLER[:-1] + b"!")
    with pytest.raises(exceptions.LengthOrHashMismatchError):
        download(updater(published, "client"))
    assert nothing_downloaded(published, "client")


def test_rolled_back_metadata_is_refused(published: Repo) -> None:
    old_timestamp = row(published, "timestamp")
    old_snapshot = latest(published, "snapshot")
    published.publish("daftar-1.0.1.msi", b"patched", "1.0.1")
    assert download(updater(published, "client"), "stable/daftar-1.0.1.msi") == b"patched"
    newest = row(published, "timestamp")

    rewrite(published, "timestamp", old_timestamp.body, version=old_timestamp.version,
            expires_at=old_timestamp.expires_at)
    with pytest.raises(exceptions.BadVersionNumberError):
        updater(published, "client").refresh()

    expires = datetime.now(UTC) + timedelta(days=1)
    forged = sign_timestamp(published, version=newest.version + 1, snapshot=old_snapshot,
                            expires=expires)
    rewrite(published, "timestamp", forged, version=newest.version + 1, expires_at=expires)
    with pytest.raises(exceptions.BadVersionNumberError):
        updater(published, "client").refresh()


def test_an_expired_timestamp_from_a_stale_mirror_is_refused(published: Repo) -> None:
    """A cache that stopped refreshing keeps serving a timestamp past its expiry: the row's
    bookkeeping says fresh, so the service serves the document unchanged, as the cache would."""
    current = row(published, "timestamp")
    expired = sign_timestamp(published, version=current.version + 1,
                             snapshot=latest(published, "snapshot"),
                             expires=datetime.now(UTC) - timedelta(minutes=1))
    rewrite(published, "timestamp", expired, version=current.version + 1,
            expires_at=datetime.now(UTC) + timedelta(days=1))
    with pytest.raises(exceptions.ExpiredMetadataError):
        download(updater(published, "client"))
    assert nothing_downloaded(published, "client")


def test_an_expiring_timestamp_is_re_signed_when_served(published: Repo) -> None:
    current = row(published, "timestamp")
    expired = sign_timestamp(published, version=current.version + 1,
                             snapshot=latest(published, "snapshot"),
                             expires=datetime.now(UTC) - timedelta(minutes=1))
    rewrite(published, "timestamp", expired, version=current.version + 1,
            expires_at=datetime.now(UTC) - timedelta(minutes=1))
    assert download(updater(published, "client")) == INSTALLER
    renewed = row(published, "timestamp")
    assert renewed.version == current.version + 2
    assert renewed.expires_at > datetime.now(UTC) + timedelta(hours=23)


def test_instances_re_signing_at_once_bump_the_timestamp_once(published: Repo) -> None:
    """Two instances on one database, eight clients finding the timestamp due for re-signing:
    one signs, the others serve what it signed."""
    current = row(published, "timestamp")
    rewrite(published, "timestamp", current.body, expires_at=datetime.now(UTC))
    with live_server(published.api.settings) as second, ThreadPoolExecutor(8) as pool:
        urls = [f"{base}/tuf/metadata/timestamp.json" for base in (published.api.url, second)]
        responses = list(pool.map(httpx.get, urls * 4))
    assert [r.status_code for r in responses] == [200] * 8
    versions = {Metadata.from_bytes(r.content).signed.version for r in responses}
    assert versions == {current.version + 1}
    assert row(published, "timestamp").version == current.version + 1


def test_expired_targets_are_refused_although_the_timestamp_is_fresh(repo: Repo) -> None:
    expires = datetime.now(UTC) + timedelta(seconds=2)
    path = repo.file("daftar-1.0.0.msi", INSTALLER)
    publish(repo.server, repo.folder, path, version="1.0.0", channel="stable", rollout=100,
            expires=expires)
    time.sleep(max(0.0, (expires.replace(microsecond=0) - datetime.now(UTC)).total_seconds())
               + 0.2)
    with pytest.raises(exceptions.ExpiredMetadataError):
        download(updater(repo, "client"))
    assert nothing_downloaded(repo, "client")
