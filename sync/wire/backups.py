"""The backup protocol: what the desktop's backup client and the service's chunk store exchange.

The server stores opaque bytes only. A chunk id is a keyed hash (HMAC) the client computed over
the plaintext with a key the server never sees, so the server can neither verify an id nor learn
from it which chunks two tenants share; it checks only its shape. The manifest that lists a
snapshot's chunks is encrypted by the client and travels as base64 inside JSON.

A client backs up in three steps, each safe to repeat after a dropped connection:

1. ``POST /v1/backups/chunks/missing`` with the chunk ids of the snapshot (up to
   :data:`MAX_MISSING_QUERY` per call): the answer lists the ids the server lacks, and the server
   promises to keep the others for the garbage collector's grace period.
2. ``PUT /v1/backups/chunks/{id}`` for each missing chunk (raw bytes).
3. ``PUT /v1/backups/snapshots/{snapshot_id}`` with a :class:`SnapshotUpload`. A ``chunk_missing``
   error lists the chunks to upload (again) before repeating this step.
"""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from typing import Annotated
from uuid import UUID

from pydantic import (
    BaseModel,
    BeforeValidator,
    Field,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
)

from sync.wire.fields import UtcDateTime

CHUNK_ID_PATTERN = r"^[0-9a-f]{64}$"
MAX_MISSING_QUERY = 10_000
"""Most chunk ids one ``missing`` request may ask about."""
MAX_SNAPSHOT_CHUNKS = 250_000
"""Most chunks one snapshot may reference (with 1 MiB chunks: a 250 GiB company file)."""
MAX_MANIFEST_BYTES = 48 * 2**20
"""Largest encrypted manifest a snapshot may carry (64 MiB once base64-encoded): ample room for
the file list of a snapshot of :data:`MAX_SNAPSHOT_CHUNKS` chunks; larger is refused with 413."""
MAX_PAGE = 1000
MAX_SIZE = 2**63 - 1
"""Largest size a snapshot may report: what a signed 64-bit column holds."""
BACKUP_SET_PATTERN = r"^[\x21-\x7e]+$"

ChunkId = Annotated[str, StringConstraints(pattern=CHUNK_ID_PATTERN)]
BackupSet = Annotated[
    str, StringConstraints(min_length=1, max_length=64, pattern=BACKUP_SET_PATTERN),
    Field(description="The client's label for a series of snapshots (printable ASCII, no "
          "spaces), e.g. a keyed hash of the company's id; retention applies per set."),
]


def _from_base64(value: object) -> object:
    if isinstance(value, str):
        try:
            return base64.b64decode(value, validate=True)
        except binascii.Error:
            raise ValueError("not valid base64") from None
    return value


def _to_base64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


Base64Bytes = Annotated[
    bytes,
    BeforeValidator(_from_base64),
    PlainSerializer(_to_base64, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "contentEncoding": "base64"}),
]
"""Bytes in Python, standard base64 in JSON."""


class ChunkStored(BaseModel):
    """Answer to a chunk upload; ``created`` is False when the server already had it."""

    chunk_id: ChunkId
    size: int
    created: bool


class MissingChunksQuery(BaseModel):
    chunk_ids: list[ChunkId] = Field(max_length=MAX_MISSING_QUERY)


class MissingChunks(BaseModel):
    """The ids of the query the server lacks, in the order asked."""

    missing: list[ChunkId]


class SnapshotUpload(BaseModel):
    """A snapshot as the client sends it; sending the same one again changes nothing."""

    backup_set: BackupSet
    taken_at: UtcDateTime
    chunk_ids: list[ChunkId] = Field(
        min_length=1, max_length=MAX_SNAPSHOT_CHUNKS,
        description="Every chunk the snapshot needs; order and repeats do not matter. A "
        "snapshot of no chunk restores nothing, and is refused.")
    total_size: int = Field(ge=0, le=MAX_SIZE, description="Plaintext size the client reports.")
    manifest: Base64Bytes = Field(min_length=1,
                                  description="The encrypted manifest, opaque to the server.")


class SnapshotInfo(BaseModel):
    snapshot_id: UUID
    backup_set: str
    device_id: UUID | None
    taken_at: datetime
    stored_at: datetime
    chunk_count: int
    total_size: int
    manifest_size: int
    manifest_sha256: str


class Snapshot(SnapshotInfo):
    """A snapshot with what a restore needs: its chunk ids (sorted) and its manifest."""

    chunk_ids: list[ChunkId]
    manifest: Base64Bytes


class SnapshotPage(BaseModel):
    """Snapshots newest first; pass ``next_cursor`` back as ``cursor`` for the next page."""

    snapshots: list[SnapshotInfo]
    next_cursor: str | None = None
