"""Writer leases: which PC may change a company's books, when a company moves between PCs.

One company is kept on one PC at a time. The service holds a lease per company (per backup set,
within a tenant) and hands its holder a :class:`WriterLease` signed with the licence key, so that
the PC can honour it offline: a PC whose last signed lease names another device keeps a
read-only copy. Taking a lease requires the newest backup of the company (``based_on``), so the
taker always continues from where the last holder stopped; the holder renews it with each backup
and gives it up with a final backup (release).

Pure module: the desktop and the service both import it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from sync.wire.licence import (
    TrustedKeys,
    b64encode,
    canonical_json,
    parse_document,
    verified_bytes,
)

LEASE_FORMAT = "daftar-writer-lease/1"


class WriterLease(BaseModel):
    """Who holds a company's books, since when, and until when the lease stands unrenewed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["daftar-writer-lease/1"] = LEASE_FORMAT
    tenant_id: UUID
    backup_set: str
    holder_device_id: UUID | None = Field(description="None: released, nobody holds it.")
    holder_name: str
    generation: int = Field(description="Grows by one at every take: a newer lease wins.")
    taken_at: AwareDatetime
    lease_end: AwareDatetime = Field(description="Another PC may take it without --force after.")
    issued_at: AwareDatetime
    key_id: str


class SignedWriterLease(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    payload: str
    signature: str
    key_id: str


class TakeLease(BaseModel):
    based_on: UUID | None = Field(
        None, description="The snapshot the taker restored: must be the newest of the set.")
    force: bool = Field(False, description="Take it from a PC whose lease still stands.")


class LeaseState(BaseModel):
    """The lease of one backup set as the service sees it, with the newest snapshot's id."""

    lease: SignedWriterLease | None
    latest_snapshot_id: UUID | None
    server_time: datetime


def sign_lease(lease: WriterLease, private_key: Ed25519PrivateKey) -> SignedWriterLease:
    payload = canonical_json(lease)
    return SignedWriterLease(payload=b64encode(payload),
                             signature=b64encode(private_key.sign(payload)), key_id=lease.key_id)


def verify_lease(envelope: SignedWriterLease, trusted: TrustedKeys) -> WriterLease:
    """The lease inside ``envelope`` if a trusted key signed it, else ``LicenceInvalid``."""
    data = verified_bytes(envelope.payload, envelope.signature, envelope.key_id, trusted)
    return parse_document(WriterLease, data)

