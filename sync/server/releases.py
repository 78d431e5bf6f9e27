"""Releases of the desktop: their files, the signed targets that name them, and staged rollouts.

A release is published in two steps by ``daftar-server release publish``: the file is uploaded
under its SHA-256, then the targets metadata signed offline that lists it. Publishing verifies
the signature, that the stored file matches the signed length and hash, and that the signed
``custom`` fields name the channel and version; the release row, the targets and a new snapshot
and timestamp are then written in one transaction.

Release files may be hundreds of MiB, and anyone may download them: they are streamed in and
out of the blob store a chunk at a time, never held whole in memory.

A release may carry patches, published with it in the same signed targets: each rebuilds the
release from the files of one earlier version (its target's ``custom`` names that version as
``patch_from``), so a device running that version downloads what changed rather than everything.

The rollout percentage is server policy, not TUF metadata: changing it needs no signature. Each
device falls in a fixed bucket per release (see :func:`rollout_bucket`), so raising the
percentage only ever adds devices, and a device asking twice gets the same answer.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from pydantic import BaseModel, Field
from sqlalchemy.engine import Connection
from tuf.api.metadata import TargetFile

from sync.server import schema as t
from sync.server import tuf_repo
from sync.server.blobs import BlobNotFound, BlobReader, BlobStore, DigestMismatch
from sync.server.db import Store
from sync.server.errors import ApiError, not_found
from sync.server.tuf_repo import OnlineSigning, invalid
from sync.wire.errors import ErrorCode
from sync.wire.fields import SingleLine, Text
from sync.wire.updates import (
    CHANNELS,
    Channel,
    UpdateCheck,
    UpdateOffer,
    UpdatePatch,
    version_key,
)

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_FILENAME = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$")


class StoredFile(BaseModel):
    sha256: str
    length: int


class ReleaseCreate(BaseModel):
    """A release to publish; channel and version are read from the signed target itself."""

    targets: Text = Field(description="The new targets metadata, signed offline, as served.")
    target_path: SingleLine = Field(max_length=300,
                                    description="The target it adds: CHANNEL/FILENAME.")
    rollout_percent: int = Field(100, ge=0, le=100)
    patch_paths: list[SingleLine] = Field(
        default_factory=list, max_length=8,
        description="Patches it adds too, CHANNEL/FILENAME each, whose signed custom fields "
        "carry the release's channel and version and the version patched (patch_from).")


class RolloutUpdate(BaseModel):
    rollout_percent: int = Field(ge=0, le=100)


class ReleasePublic(BaseModel):
    channel: Channel
    version: str
    target_path: str
    length: int
    sha256: str
    rollout_percent: int
    published_at: datetime


def blob_key(sha256: str) -> str:
    return f"releases/{sha256}"


def store_file(blobs: BlobStore, *, sha256: str, chunks: Iterable[bytes],
               limit: int) -> StoredFile:
    """Keep a release file under its hash, streamed in and kept only if it has that hash.

    The bytes are hashed as they are written, never held whole. Storing the same file again is
    harmless; a file no release names is never served. More than ``limit`` bytes are refused
    (413) here as well as by the request size check, so no caller can forget it.
    """
    if not _SHA256.match(sha256):
        raise invalid("the file must be named by its SHA-256 in lowercase hex")
    try:
        stored = blobs.put_stream(blob_key(sha256), _at_most(chunks, limit), sha256=sha256)
    except DigestMismatch:
        raise invalid("the uploaded bytes do not have the SHA-256 given") from None
    return StoredFile(sha256=sha256, length=stored.size)


def _at_most(chunks: Iterable[bytes], limit: int) -> Iterator[bytes]:
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > limit:
            raise ApiError(413, ErrorCode.TOO_LARGE, f"a release file may be {limit} bytes "
                           "at most")
        yield chunk


def publish_release(store: Store, blobs: BlobStore, *, release: ReleaseCreate,
                    signing: OnlineSigning) -> ReleasePublic:
    """Verify and publish a release, with new targets, snapshot and timestamp metadata."""
    body = release.targets.encode("utf-8")
    added = [release.target_path, *release.patch_paths]
    if len(set(added)) != len(added):
        raise invalid("each file of a release must have its own target path")
    with store.shared(readonly=True) as connection:
        signed = tuf_repo.check_targets(connection, body, added=added).signed.targets
    target = _signed_target(signed, release.target_path)
    patches = [_signed_patch(signed, path, target) for path in release.patch_paths]
    if len({patch.custom["patch_from"] for patch in patches}) != len(patches):
        raise invalid("a release has at most one patch from each earlier version")
    for file in (target, *patches):
        _check_file(blobs, file)

    def work(connection: Connection) -> ReleasePublic:
        metadata = tuf_repo.check_targets(connection, body, added=added)
        tuf_repo.store_targets(connection, body, metadata)
        row = _insert_release(connection, target, release.rollout_percent)
        for patch in patches:
            connection.execute(t.release_patch.insert().values(
                channel=row.channel, version=row.version,
                from_version=patch.custom["patch_from"], target_path=patch.path,
                length=patch.length, sha256=patch.hashes["sha256"]))
        tuf_repo.publish_online(connection, signing=signing, new_snapshot=True)
        return row

    return tuf_repo.run(store, work)


def _signed_patch(targets: dict[str, TargetFile], path: str, release: TargetFile) -> TargetFile:
    """A patch's target: same channel and version as its release, from an older version."""
    patch = _signed_target(targets, path)
    if patch.custom["version"] != release.custom["version"] or (
            patch.custom["channel"] != release.custom["channel"]):
        raise invalid(f"the patch {path} must carry the release's channel and version")
    source = patch.custom.get("patch_from")
    try:
        older = isinstance(source, str) and len(source) <= 40 and (
            version_key(source) < version_key(release.custom["version"]))
    except ValueError:
        older = False
    if not older:
        raise invalid(f"the patch {path} must name in its custom patch_from the earlier "
                      "version it applies to")
    return patch


def _signed_target(targets: dict[str, TargetFile], path: str) -> TargetFile:
    target = targets[path]
    custom = target.custom if isinstance(target.custom, dict) else {}
    channel, version = custom.get("channel"), custom.get("version")
    if channel not in CHANNELS:
        raise invalid(f"the signed target's custom channel must be one of {', '.join(CHANNELS)}")
    if not isinstance(version, str) or len(version) > 40:
        raise invalid("the signed target's custom version must be a version string")
    try:
        version_key(version)
    except ValueError as error:
        raise invalid(f"the signed target's custom version: {error}") from None
    folder, _, filename = path.rpartition("/")
    if folder != channel or not _FILENAME.match(filename):
        raise invalid(f"the target path must be {channel}/FILENAME (letters, digits, . _ -)")
    if set(target.hashes) != {"sha256"} or not _SHA256.match(target.hashes["sha256"]):
        raise invalid("the signed target must carry its sha256 hash, and no other: that is "
                      "the one the service checks")
    return target


def _check_file(blobs: BlobStore, target: TargetFile) -> None:
    """The stored file must be the signed one. Its SHA-256 needs no reading: a file is stored
    under its hash only once :func:`store_file` computed that hash from its bytes. Its length
    is the stored size."""
    try:
        size = blobs.size(blob_key(target.hashes["sha256"]))
    except BlobNotFound:
        raise invalid(f"upload the file of {target.path} before publishing it") from None
    if size != target.length:
        raise invalid(f"the stored file does not match the signed target: it has {size} "
                      f"bytes, the target says {target.length}")


def _insert_release(connection: Connection, target: TargetFile, rollout: int) -> ReleasePublic:
    release = ReleasePublic(
        channel=target.custom["channel"], version=target.custom["version"],
        target_path=target.path, length=target.length, sha256=target.hashes["sha256"],
        rollout_percent=rollout, published_at=datetime.now(UTC),
    )
    try:
        connection.execute(t.release.insert().values(**release.model_dump()))
    except sa.exc.IntegrityError:
        raise ApiError(409, ErrorCode.CONFLICT, f"version {release.version} is already "
                       f"published in {release.channel}") from None
    return release


def open_release_file(store: Store, blobs: BlobStore, *, name: str,
                      offset: int = 0) -> BlobReader:
    """A published file by its consistent-snapshot name, ``CHANNEL/SHA256.FILENAME``, open to
    be streamed from byte ``offset`` (the caller closes it). An offset at or past the end is
    refused (416), as HTTP wants of a range that cannot be satisfied.

    A name of another shape names nothing published, and is not looked up at all: it may hold
    what a text column cannot (PostgreSQL refuses NUL even in a comparison).
    """
    folder, _, basename = name.rpartition("/")
    sha256, _, filename = basename.partition(".")
    if folder not in CHANNELS or not (_SHA256.fullmatch(sha256) and _FILENAME.fullmatch(filename)):
        raise not_found("target")
    path = f"{folder}/{filename}"
    with store.shared(readonly=True) as connection:
        known = connection.execute(sa.select(t.release.c.sha256).where(
            t.release.c.target_path == path, t.release.c.sha256 == sha256,
        ).union_all(sa.select(t.release_patch.c.sha256).where(
            t.release_patch.c.target_path == path, t.release_patch.c.sha256 == sha256,
        ))).first()
    if known is None:
        raise not_found("target")
    try:
        size = blobs.size(blob_key(sha256))
        if offset >= size > 0:
            raise ApiError(416, ErrorCode.RANGE_NOT_SATISFIABLE, f"the file has {size} bytes",
                           headers={"Content-Range": f"bytes */{size}"})
        return blobs.open(blob_key(sha256), offset)
    except BlobNotFound:
        raise not_found("target") from None


def list_releases(store: Store) -> list[ReleasePublic]:
    with store.shared(readonly=True) as connection:
        rows = connection.execute(sa.select(t.release)).all()
    releases = [_public(row) for row in rows]
    return sorted(releases, key=lambda r: (r.channel, version_key(r.version)), reverse=True)


def set_rollout(store: Store, *, channel: str, version: str, percent: int) -> ReleasePublic:
    """Change a release's rollout share; a ``version`` that is no version is refused (422)."""
    try:
        version_key(version)
    except ValueError as error:
        raise ApiError(422, ErrorCode.VALIDATION, f"version: {error}") from None
    where = (t.release.c.channel == channel, t.release.c.version == version)
    with store.shared() as connection:
        connection.execute(t.release.update().where(*where).values(rollout_percent=percent))
        row = connection.execute(sa.select(t.release).where(*where)).first()
    if row is None:
        raise not_found("release")
    return _public(row)


def _public(row: Any) -> ReleasePublic:
    return ReleasePublic.model_validate(row, from_attributes=True)


def rollout_bucket(device_id: UUID, channel: str, version: str) -> int:
    """The device's bucket, 0–99, for one release: the first 4 bytes of
    SHA-256(device id ‖ channel ‖ 0x00 ‖ version), big-endian, modulo 100."""
    digest = hashlib.sha256(
        device_id.bytes + channel.encode() + b"\0" + version.encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100


def in_rollout(device_id: UUID, release: ReleasePublic) -> bool:
    return rollout_bucket(device_id, release.channel, release.version) < release.rollout_percent


def offer_update(store: Store, *, device_id: UUID, channel: Channel,
                 current: str | None) -> UpdateCheck:
    """The newest release newer than ``current`` whose rollout includes this device.

    A beta device is offered beta and stable releases alike, so it moves on to a stable release
    published after the last beta.
    """
    try:
        floor = None if current is None else version_key(current)
    except ValueError as error:
        raise ApiError(422, ErrorCode.VALIDATION, f"current: {error}") from None
    channels = ("stable", "beta") if channel == "beta" else ("stable",)
    with store.shared(readonly=True) as connection:
        rows = connection.execute(
            sa.select(t.release).where(t.release.c.channel.in_(channels))).all()
    candidates = sorted((_public(row) for row in rows), key=lambda r: version_key(r.version),
                        reverse=True)
    for release in candidates:
        if floor is not None and version_key(release.version) <= floor:
            break
        if in_rollout(device_id, release):
            with store.shared(readonly=True) as connection:
                patches = connection.execute(sa.select(t.release_patch).where(
                    t.release_patch.c.channel == release.channel,
                    t.release_patch.c.version == release.version)).all()
            return UpdateCheck(update=UpdateOffer(
                **release.model_dump(exclude={"rollout_percent"}),
                patches=[UpdatePatch.model_validate(row, from_attributes=True)
                         for row in patches]))
    return UpdateCheck(update=None)
