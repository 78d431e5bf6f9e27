"""Messages between a desktop installation and the service about its activation.

A desktop activates with its licence key and a fingerprint of the PC, receives a device token
(shown once; the service keeps only its hash) and a signed licence, then checks in now and then to
renew its lease. The holder of a licence key can also list the PCs using it and release one that
died, so that a replaced PC never strands a seat. The licence key always travels in a JSON body,
never in a URL, so it does not end up in access logs.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, Field

from sync.wire.fields import SingleLine
from sync.wire.licence import SignedLicence


class ActivationRequest(BaseModel):
    licence_key: SingleLine = Field(min_length=1, max_length=100)
    fingerprint: SingleLine = Field(min_length=8, max_length=128,
                                    description="Stable id of the PC, derived on the PC.")
    device_name: SingleLine = Field(min_length=1, max_length=200)
    app_version: SingleLine | None = Field(None, max_length=40)


class Activation(BaseModel):
    device_id: UUID
    device_token: str = Field(description="Bearer token of this device; shown once.")
    licence: SignedLicence
    server_time: datetime


class CheckInRequest(BaseModel):
    app_version: SingleLine | None = Field(None, max_length=40)


class CheckIn(BaseModel):
    """The answer to a check-in. A revoked licence gets no new lease, and says so."""

    revoked: bool
    licence: SignedLicence | None = Field(description="A fresh document; None when revoked.")
    lease_end: datetime | None
    server_time: datetime


class LicenceKeyRequest(BaseModel):
    """Proof of holding a licence: the key itself, in the body."""

    licence_key: SingleLine = Field(min_length=1, max_length=100)


class ReleaseRequest(LicenceKeyRequest):
    device_id: UUID


class ActivatedDevice(BaseModel):
    """One PC using a licence, as its key holder sees it (no fingerprint, no token)."""

    device_id: UUID
    name: str
    app_version: str | None
    activated_at: datetime
    last_seen_at: datetime
    lease_end: datetime
    deactivated_at: datetime | None
    holds_seat: bool = Field(description="Not deactivated and its lease has not run out.")
    offline: bool = Field(description="Activated with an offline request file.")


class LicencePublicKey(BaseModel):
    key_id: str
    algorithm: str = "ed25519"
    public_key: str = Field(description="base64url of the raw 32-byte public key.")


class LicenceKeys(BaseModel):
    """The keys a desktop build should trust; ``signing_key_id`` signs new documents now."""

    signing_key_id: str
    keys: list[LicencePublicKey]
