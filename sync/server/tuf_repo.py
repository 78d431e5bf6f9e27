"""The TUF repository the service publishes: signed metadata documents kept in the database.

Root and targets metadata arrive signed by the release manager's offline keys (``daftar-server
release``); the server verifies them and never holds those keys. Snapshot and timestamp are
signed here with the online key and live briefly: the timestamp is re-signed lazily when it is
served past half its lifetime, so no scheduled job is needed. An expired root or targets stays
expired, as only the offline keys can renew them: clients must notice, and the server cannot hide
it.

Documents are stored exactly as served, in ``tuf_metadata`` under names such as ``root.1``,
``targets.3`` and ``snapshot.7`` (inserted once: the primary key refuses a second writer) and
``timestamp`` (one row, replaced by compare-and-swap on its version). Several instances may sign
at the same moment; a writer that loses a race starts again on fresh state, so versions only
grow and the timestamp always names the newest snapshot.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import BaseModel
from securesystemslib.signer import CryptoSigner, SSlibKey
from sqlalchemy.engine import Connection
from tuf.api.exceptions import UnsignedMetadataError
from tuf.api.metadata import Metadata, MetaFile, Root, Signed, Snapshot, Targets, Timestamp
from tuf.api.serialization import DeserializationError

from sync.server import schema as t
from sync.server.db import Store
from sync.server.errors import ApiError, not_found
from sync.server.settings import Settings
from sync.wire.errors import ErrorCode

T = TypeVar("T")

_VERSIONED = re.compile(r"^([1-9][0-9]{0,9})\.(root|snapshot|targets)\.json$")
_ATTEMPTS = 5
_ONLINE_ROLES = ("snapshot", "timestamp")


class _Race(Exception):
    """Another instance wrote the online metadata first: start the transaction again."""


@dataclass(frozen=True)
class OnlineSigning:
    """The server's online key and the lifetimes of what it signs."""

    key: Ed25519PrivateKey
    timestamp_life: timedelta
    snapshot_life: timedelta

    @classmethod
    def from_settings(cls, key: Ed25519PrivateKey, settings: Settings) -> OnlineSigning:
        return cls(key, timedelta(hours=settings.timestamp_expiry_hours),
                   timedelta(days=settings.snapshot_expiry_days))

    @property
    def public(self) -> SSlibKey:
        return SSlibKey.from_crypto(self.key.public_key())

    def sign(self, signed: Signed) -> bytes:
        metadata = Metadata(signed)
        metadata.sign(CryptoSigner(self.key, self.public))
        return metadata.to_bytes()


class OnlineKey(BaseModel):
    """The public half of the online key, for the release manager to put in root."""

    keyid: str
    key: dict[str, Any]
    trusted_by_root: bool


def invalid(message: str) -> ApiError:
    return ApiError(400, ErrorCode.RELEASE_INVALID, message)


def online_key(store: Store, *, signing: OnlineSigning) -> OnlineKey:
    public = signing.public
    with store.shared(readonly=True) as connection:
        root = _latest(connection, "root")
    trusted = root is not None and all(
        _trusts(root.signed, role, public) for role in _ONLINE_ROLES)
    return OnlineKey(keyid=public.keyid, key=public.to_dict(), trusted_by_root=trusted)


# -- reading ------------------------------------------------------------------------------------

def metadata_document(store: Store, *, name: str, signing: OnlineSigning) -> bytes:
    """The document a client asked for by file name, e.g. ``3.targets.json``.

    ``timestamp.json`` is re-signed first when past half its lifetime; ``root.json`` is the
    newest root, for tools (clients walk ``N.root.json`` upwards from the root they trust).
    """
    if name == "timestamp.json":
        return _timestamp(store, signing)
    with store.shared(readonly=True) as connection:
        row = _latest_row(connection, "root") if name == "root.json" else None
        if (found := _VERSIONED.match(name)) is not None:
            row = _row(connection, f"{found[2]}.{found[1]}")
    if row is None:
        raise not_found("metadata")
    return row.body


def _timestamp(store: Store, signing: OnlineSigning) -> bytes:
    now = datetime.now(UTC)
    with store.shared(readonly=True) as connection:
        row = _row(connection, "timestamp")
    if row is None:
        raise not_found("metadata")
    if not _stale(row.expires_at, signing.timestamp_life, now):
        return row.body
    return run(store, lambda connection: _refresh(connection, signing))


def _refresh(connection: Connection, signing: OnlineSigning) -> bytes:
    """Re-sign the timestamp (and the snapshot, if it would expire first) unless another
    instance did so meanwhile."""
    row = _row(connection, "timestamp")
    if row is not None and not _stale(row.expires_at, signing.timestamp_life, datetime.now(UTC)):
        return row.body
    return publish_online(connection, signing=signing, new_snapshot=False, replacing=row)


def _stale(expires_at: datetime, life: timedelta, now: datetime) -> bool:
    return now >= expires_at - life / 2


def _row(connection: Connection, name: str) -> Any:
    return connection.execute(
        sa.select(t.tuf_metadata).where(t.tuf_metadata.c.name == name)
    ).first()


def _latest_row(connection: Connection, role: str) -> Any:
    return connection.execute(
        sa.select(t.tuf_metadata).where(t.tuf_metadata.c.name.like(f"{role}.%"))
        .order_by(t.tuf_metadata.c.version.desc()).limit(1)
    ).first()


def _latest(connection: Connection, role: str) -> Metadata[Any] | None:
    row = _latest_row(connection, role)
    return None if row is None else Metadata.from_bytes(row.body)


def current_targets(connection: Connection) -> Targets | None:
    found = _latest(connection, "targets")
    return None if found is None else found.signed


# -- writing ------------------------------------------------------------------------------------

def run(store: Store, work: Callable[[Connection], T]) -> T:
    """Run ``work`` in a transaction over the shared tables, again if it lost a signing race."""
    for _ in range(_ATTEMPTS):
        try:
            with store.shared() as connection:
                return work(connection)
        except _Race:
            continue
    raise ApiError(503, ErrorCode.UNAVAILABLE, "update metadata is busy; retry in a moment",
                   headers={"Retry-After": "1"})


def store_root(store: Store, *, root: bytes, targets: bytes | None,
               signing: OnlineSigning) -> int:
    """Accept a new root (and optionally targets signed for it); return the root's version."""
    def work(connection: Connection) -> int:
        metadata = _check_root(connection, root, signing)
        try:
            _insert(connection, f"root.{metadata.signed.version}", root, metadata.signed)
        except sa.exc.IntegrityError:
            raise ApiError(409, ErrorCode.CONFLICT, "another root version was uploaded "
                           "meanwhile") from None
        if targets is not None:
            store_targets(connection, targets, check_targets(connection, targets))
        elif (current := _latest(connection, "targets")) is not None and not _signed_by_targets(
                metadata.signed, current):
            raise invalid("the new root does not trust the current targets' signature: sign "
                          "targets with the new targets key and upload them with the root")
        publish_online(connection, signing=signing, new_snapshot=True)
        return metadata.signed.version

    return run(store, work)


def resign_targets(store: Store, *, targets: bytes, signing: OnlineSigning) -> int:
    """Accept targets listing exactly the same files, re-signed (a later expiry or a new key)."""
    def work(connection: Connection) -> int:
        metadata = check_targets(connection, targets)
        store_targets(connection, targets, metadata)
        publish_online(connection, signing=signing, new_snapshot=True)
        return metadata.signed.version

    return run(store, work)


def _check_root(connection: Connection, body: bytes, signing: OnlineSigning) -> Metadata[Root]:
    metadata = _parse(body, Root)
    current = _latest(connection, "root")
    previous: Root | None = None if current is None else current.signed
    _check_version(metadata.signed, 1 if previous is None else previous.version + 1, "root")
    result = metadata.signed.get_root_verification_result(
        previous, metadata.signed_bytes, metadata.signatures)
    if not result.verified:
        raise invalid("root must be signed by a threshold of its own root keys and, after the "
                      "first, of the previous root's keys")
    _check_expiry(metadata.signed, "root")
    if not metadata.signed.consistent_snapshot:
        raise invalid("root must set consistent_snapshot")
    public = signing.public
    for role in _ONLINE_ROLES:
        if not _trusts(metadata.signed, role, public):
            raise invalid(f"root must give the {role} role this server's online key "
                          f"{public.keyid} with threshold 1")
    return metadata


def _trusts(root: Root, role: str, key: SSlibKey) -> bool:
    delegation = root.roles[role]
    return (delegation.threshold == 1 and key.keyid in delegation.keyids
            and root.keys.get(key.keyid) == key)


def check_targets(connection: Connection, body: bytes, *,
                  added: Collection[str] = ()) -> Metadata[Targets]:
    """Verify new targets against the current root and the targets they replace.

    They must be signed by the root's targets keys, carry the next version, not be expired, and
    list every file already published unchanged, plus the files ``added`` when a release adds
    some (its full archive and its patches).
    """
    root = _latest(connection, "root")
    if root is None:
        raise ApiError(409, ErrorCode.CONFLICT, "no root yet: run `daftar-server release init`")
    metadata = _parse(body, Targets)
    if not _signed_by_targets(root.signed, metadata):
        raise invalid("the targets metadata is not signed by the root's targets keys")
    current = current_targets(connection)
    _check_version(metadata.signed, 1 if current is None else current.version + 1, "targets")
    _check_expiry(metadata.signed, "targets")
    if metadata.signed.delegations is not None:
        raise invalid("delegated targets are not supported")
    before = {} if current is None else dict(current.targets)
    after = dict(metadata.signed.targets)
    for path in added:
        if path in before:
            raise ApiError(409, ErrorCode.CONFLICT, f"{path} is already published")
        if after.pop(path, None) is None:
            raise invalid(f"the signed targets do not list {path}")
    if after != before:
        raise invalid("the signed targets must keep every published file unchanged")
    return metadata


def store_targets(connection: Connection, body: bytes, metadata: Metadata[Targets]) -> None:
    try:
        _insert(connection, f"targets.{metadata.signed.version}", body, metadata.signed)
    except sa.exc.IntegrityError:
        raise ApiError(409, ErrorCode.CONFLICT, "another targets version was published "
                       "meanwhile: fetch it and sign again") from None


def _parse(body: bytes, kind: type[Signed]) -> Metadata[Any]:
    try:
        metadata = Metadata.from_bytes(body)
    except DeserializationError as error:
        raise invalid(f"{kind.type} metadata does not parse: {error}") from None
    if not isinstance(metadata.signed, kind):
        raise invalid(f"expected {kind.type} metadata, got {metadata.signed.type}")
    return metadata


def _signed_by_targets(root: Root, metadata: Metadata[Any]) -> bool:
    try:
        root.verify_delegate("targets", metadata.signed_bytes, metadata.signatures)
    except UnsignedMetadataError:
        return False
    return True


def _check_version(signed: Signed, expected: int, role: str) -> None:
    if signed.version != expected:
        raise ApiError(409, ErrorCode.CONFLICT, f"{role} version {signed.version} given, "
                       f"{expected} expected: fetch the current {role} and sign again")


def _check_expiry(signed: Signed, role: str) -> None:
    if signed.is_expired(datetime.now(UTC)):
        raise invalid(f"{role} metadata expired at {signed.expires.isoformat()}")


def _insert(connection: Connection, name: str, body: bytes, signed: Signed) -> None:
    connection.execute(t.tuf_metadata.insert().values(
        name=name, version=signed.version, body=body, expires_at=signed.expires))


def publish_online(connection: Connection, *, signing: OnlineSigning, new_snapshot: bool,
                   replacing: Any = None) -> bytes:
    """Sign a new timestamp, after a new snapshot if asked or if the current one would expire
    before the new timestamp does; return the timestamp as served.

    ``replacing`` is the timestamp row the caller judged out of date: if another instance
    replaced it meanwhile, the swap fails and the caller starts again (by default, whichever
    timestamp is current now is replaced).
    """
    now = datetime.now(UTC)
    current = replacing if replacing is not None else _row(connection, "timestamp")
    snapshot = _latest_row(connection, "snapshot")
    keep_for = max(signing.snapshot_life / 2, signing.timestamp_life)
    if new_snapshot or snapshot is None or now >= snapshot.expires_at - keep_for:
        snapshot = _new_snapshot(connection, signing, now, snapshot)
    return _new_timestamp(connection, signing, now, snapshot, current)


def _meta(row: Any) -> MetaFile:
    return MetaFile(version=row.version, length=len(row.body),
                    hashes={"sha256": hashlib.sha256(row.body).hexdigest()})


def _new_snapshot(connection: Connection, signing: OnlineSigning, now: datetime,
                  previous: Any) -> Any:
    targets = _latest_row(connection, "targets")
    if targets is None:
        raise ApiError(409, ErrorCode.CONFLICT, "no targets yet: run `daftar-server release init`")
    version = 1 if previous is None else previous.version + 1
    snapshot = Snapshot(version=version, expires=now + signing.snapshot_life,
                        meta={"targets.json": _meta(targets)})
    body = signing.sign(snapshot)
    try:
        _insert(connection, f"snapshot.{version}", body, snapshot)
    except sa.exc.IntegrityError:
        raise _Race from None
    return _row(connection, f"snapshot.{version}")


def _new_timestamp(connection: Connection, signing: OnlineSigning, now: datetime,
                   snapshot: Any, current: Any) -> bytes:
    version = 1 if current is None else current.version + 1
    timestamp = Timestamp(version=version, expires=now + signing.timestamp_life,
                          snapshot_meta=_meta(snapshot))
    body = signing.sign(timestamp)
    if current is None:
        try:
            _insert(connection, "timestamp", body, timestamp)
        except sa.exc.IntegrityError:
            raise _Race from None
        return body
    swapped = connection.execute(
        t.tuf_metadata.update()
        .where(t.tuf_metadata.c.name == "timestamp", t.tuf_metadata.c.version == current.version)
        .values(version=version, body=body, expires_at=timestamp.expires)
    ).rowcount
    if swapped != 1:
        raise _Race
    return body
