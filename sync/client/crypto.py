"""The backup keys, chunk ids and sealing: what keeps the service from reading any backup.

Every key derives (HKDF-SHA256) from the company file's own 256-bit key, the key behind its
recovery key: whoever holds the recovery key can restore the company's backups on any PC, and
nobody else can, the service included. Separate keys for separate purposes:

- chunk ids are HMAC-SHA256 of the plaintext under their own key (as borg does), so equal content
  gets equal ids inside a company's backups while the service learns nothing from an id;
- chunks are compressed (zstandard) then sealed with AES-256-GCM, their id as associated data, so
  a chunk cannot be swapped for another; opening one checks the id against the plaintext too;
- the manifest is sealed the same way, bound to its backup set and snapshot id;
- the backup set's name and the chunker's gear-table seed are keyed too, so neither the set name
  nor the chunk boundaries say anything about the books.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from uuid import UUID

import zstandard
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sync.client.http import CloudError

_VERSION = b"\x01"
_NONCE = 12
_SALT = b"daftar-backup/1"
_ZSTD_LEVEL = 6


class ChunkCorrupt(CloudError):
    """A chunk (or manifest) the service returned does not open or does not match its id."""

    def __init__(self, what: str, reason: str) -> None:
        super().__init__(f"{what} is damaged on the service ({reason}); it was refused")
        self.what = what


def _derive(key: bytes, purpose: bytes, length: int = 32) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=_SALT, info=purpose).derive(key)


@dataclass(frozen=True)
class BackupKeys:
    """The keys of one company's backups; never stored, derived when needed."""

    chunk_id_key: bytes
    chunk_key: bytes
    manifest_key: bytes
    name_key: bytes
    cdc_seed: int

    @classmethod
    def derive(cls, file_key: bytes) -> BackupKeys:
        return cls(
            chunk_id_key=_derive(file_key, b"chunk-id"),
            chunk_key=_derive(file_key, b"chunk-seal"),
            manifest_key=_derive(file_key, b"manifest-seal"),
            name_key=_derive(file_key, b"names"),
            cdc_seed=(int.from_bytes(_derive(file_key, b"cdc-seed", 8), "big") >> 2) or 1,
        )

    def __repr__(self) -> str:
        return "BackupKeys(<secret>)"

    @property
    def backup_set(self) -> str:
        """The name under which the service keeps this company's snapshots (32 hex digits)."""
        return hmac.new(self.name_key, b"backup-set", hashlib.sha256).hexdigest()[:32]

    def snapshot_id(self, content_sha256: bytes) -> UUID:
        """The same books give the same id: a repeated or resumed upload is recognised."""
        digest = hmac.new(self.name_key, b"snapshot:" + content_sha256, hashlib.sha256).digest()
        return UUID(bytes=digest[:16], version=4)

    def chunk_id(self, plaintext: bytes | memoryview) -> str:
        return hmac.new(self.chunk_id_key, plaintext, hashlib.sha256).hexdigest()

    def seal_chunk(self, chunk_id: str, plaintext: bytes) -> bytes:
        return _seal(self.chunk_key, zstandard.compress(plaintext, _ZSTD_LEVEL),
                     b"chunk:" + chunk_id.encode())

    def open_chunk(self, chunk_id: str, sealed: bytes) -> bytes:
        what = f"chunk {chunk_id}"
        data = _open(self.chunk_key, sealed, b"chunk:" + chunk_id.encode(), what)
        try:
            plaintext = zstandard.decompress(data)
        except zstandard.ZstdError as error:
            raise ChunkCorrupt(what, f"does not decompress: {error}") from None
        if not hmac.compare_digest(self.chunk_id(plaintext), chunk_id):
            raise ChunkCorrupt(what, "its content does not match its id")
        return plaintext

    def seal_manifest(self, backup_set: str, snapshot_id: UUID, manifest: bytes) -> bytes:
        return _seal(self.manifest_key, zstandard.compress(manifest, _ZSTD_LEVEL),
                     _manifest_aad(backup_set, snapshot_id))

    def open_manifest(self, backup_set: str, snapshot_id: UUID, sealed: bytes) -> bytes:
        what = f"the manifest of snapshot {snapshot_id}"
        data = _open(self.manifest_key, sealed, _manifest_aad(backup_set, snapshot_id), what)
        return zstandard.decompress(data)


def _manifest_aad(backup_set: str, snapshot_id: UUID) -> bytes:
    return f"manifest:{backup_set}:{snapshot_id}".encode()


def _seal(key: bytes, data: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(_NONCE)
    return _VERSION + nonce + AESGCM(key).encrypt(nonce, data, aad)


def _open(key: bytes, sealed: bytes, aad: bytes, what: str) -> bytes:
    if len(sealed) < 1 + _NONCE + 16 or sealed[:1] != _VERSION:
        raise ChunkCorrupt(what, "not a sealed Daftar backup object")
    try:
        return AESGCM(key).decrypt(sealed[1:1 + _NONCE], sealed[1 + _NONCE:], aad)
    except InvalidTag:
        raise ChunkCorrupt(what, "authentication failed: altered, or sealed with another "
                                 "key") from None
