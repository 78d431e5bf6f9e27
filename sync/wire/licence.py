"""Signed licence documents and the offline-activation files, shared by desktop and service.

The service signs a :class:`LicenceDocument` with its Ed25519 licence key; the desktop verifies it
with public keys it ships with, so a licence verifies with no network at all. The signature covers
the exact bytes of the payload (canonical JSON, carried base64url-encoded), so no re-serialisation
on either side can break it.

Key rotation: the desktop trusts a mapping of key ids to public keys. A release that must survive a
rotation ships both the old and the new public key; documents signed with either verify until their
lease ends (see ``sync/server/LICENSING.md``).

Offline activation, for a PC that never goes online: the desktop writes an
:class:`SignedOfflineRequest` file signed by a per-device key generated on the PC; someone carries
it to a connected machine, the service answers with an :class:`OfflineResponse` file whose
signature (by the licence key) binds the licence to that exact request, and the desktop checks it
against the request it is still holding.

Pure module (pydantic and cryptography only): the desktop imports it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import secrets
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Literal, TypeVar
from uuid import UUID

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from sync.wire.fields import SingleLine

LICENCE_FORMAT = "daftar-licence/1"
OFFLINE_REQUEST_FORMAT = "daftar-offline-request/1"
OFFLINE_RESPONSE_FORMAT = "daftar-offline-response/1"

Model = TypeVar("Model", bound=BaseModel)
TrustedKeys = Mapping[str, Ed25519PublicKey | bytes]


def b64encode(data: bytes) -> str:
    """Base64url without padding: safe in JSON, file names and URLs alike."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64decode(text: str) -> bytes:
    """Inverse of :func:`b64encode`; raises ``ValueError`` on anything else."""
    if not isinstance(text, str) or "=" in text:
        raise ValueError("not unpadded base64url")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as error:
        raise ValueError("not base64url") from error


def public_key_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(key: Ed25519PublicKey) -> str:
    """A short, stable name for a public key: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(public_key_bytes(key)).hexdigest()[:16]


def canonical_json(model: BaseModel) -> bytes:
    """One byte string per value: sorted keys, no spaces, UTF-8."""
    data = model.model_dump(mode="json")
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


class InvalidReason(StrEnum):
    UNKNOWN_KEY = "unknown_key"
    BAD_SIGNATURE = "bad_signature"
    MALFORMED = "malformed"
    DIGEST_MISMATCH = "digest_mismatch"
    WRONG_DEVICE = "wrong_device"


class LicenceInvalid(ValueError):
    """A licence document or offline file that must not be trusted, with the reason why."""

    def __init__(self, reason: InvalidReason, message: str) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LicenceDocument(_Frozen):
    """What a device is entitled to, and until when it may run without checking in."""

    format: Literal["daftar-licence/1"] = LICENCE_FORMAT
    licence_id: UUID
    tenant_id: UUID
    device_id: UUID
    edition: str
    seats: int
    features: list[str]
    expires_at: AwareDatetime | None = Field(description="None: the licence never expires.")
    device_fingerprint: str
    lease_end: AwareDatetime = Field(description="Check in before this to stay fully active.")
    grace_days: int = Field(description="Days after lease end before the app turns read-only.")
    issued_at: AwareDatetime
    key_id: str = Field(description="Id of the key that signed this document.")


class SignedLicence(_Frozen):
    """A licence document as the service sends it and the desktop stores it."""

    payload: str = Field(description="base64url of the document's canonical JSON.")
    signature: str = Field(description="base64url Ed25519 signature of the payload bytes.")
    key_id: str


class LicenceState(StrEnum):
    ACTIVE = "active"
    GRACE = "grace"
    READ_ONLY = "read_only"


def sign_licence(doc: LicenceDocument, private_key: Ed25519PrivateKey) -> SignedLicence:
    """Sign ``doc``, whose ``key_id`` must name ``private_key`` (else a programming error)."""
    if doc.key_id != key_id(private_key.public_key()):
        raise ValueError("the document's key_id does not name the signing key")
    payload = canonical_json(doc)
    return SignedLicence(payload=b64encode(payload),
                         signature=b64encode(private_key.sign(payload)), key_id=doc.key_id)


def _public_key(value: Ed25519PublicKey | bytes) -> Ed25519PublicKey:
    if isinstance(value, Ed25519PublicKey):
        return value
    return Ed25519PublicKey.from_public_bytes(bytes(value))


def verified_bytes(payload: str, signature: str, key_name: str, trusted: TrustedKeys) -> bytes:
    """The payload's bytes if the trusted key ``key_name`` signed them; else
    :class:`LicenceInvalid`. Shared by every signed document (licences, writer leases)."""
    if key_name not in trusted:
        raise LicenceInvalid(InvalidReason.UNKNOWN_KEY, f"no trusted key with id {key_name!r}")
    try:
        data, sig = b64decode(payload), b64decode(signature)
        public = _public_key(trusted[key_name])
    except ValueError as error:
        raise LicenceInvalid(InvalidReason.MALFORMED, str(error)) from None
    try:
        public.verify(sig, data)
    except InvalidSignature:
        raise LicenceInvalid(InvalidReason.BAD_SIGNATURE, "signature does not verify") from None
    return data


def parse_document(model: type[Model], data: bytes) -> Model:
    try:
        return model.model_validate_json(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "document"
        raise LicenceInvalid(InvalidReason.MALFORMED, f"{where}: {first['msg']}") from None


def verify_licence(envelope: SignedLicence, trusted: TrustedKeys) -> LicenceDocument:
    """The document inside ``envelope`` if a trusted key signed it; else :class:`LicenceInvalid`.

    ``trusted`` maps key ids to public keys (objects or 32 raw bytes): every key the desktop
    accepts, so that a key rotation does not invalidate licences signed before it.
    """
    data = verified_bytes(envelope.payload, envelope.signature, envelope.key_id, trusted)
    doc = parse_document(LicenceDocument, data)
    if doc.key_id != envelope.key_id:
        raise LicenceInvalid(InvalidReason.MALFORMED, "key id of envelope and document differ")
    return doc


def licence_state(doc: LicenceDocument, now: datetime, fingerprint: str) -> LicenceState:
    """What the desktop may do now: everything, everything with a warning, or read and export.

    Never a lock-out: the worst state is READ_ONLY, in which the books can still be read and
    exported. A document for another PC (fingerprint mismatch) or past its expiry is read-only.
    """
    if doc.device_fingerprint != fingerprint:
        return LicenceState.READ_ONLY
    if doc.expires_at is not None and now >= doc.expires_at:
        return LicenceState.READ_ONLY
    if now < doc.lease_end:
        return LicenceState.ACTIVE
    if now < doc.lease_end + timedelta(days=doc.grace_days):
        return LicenceState.GRACE
    return LicenceState.READ_ONLY


# --- offline activation files ------------------------------------------------------------------


class OfflineRequest(_Frozen):
    """What a PC that cannot go online asks for; signed by a key generated on that PC."""

    licence_key: SingleLine = Field(min_length=1, max_length=100)
    fingerprint: SingleLine = Field(min_length=8, max_length=128)
    device_name: SingleLine = Field(min_length=1, max_length=200)
    device_public_key: str = Field(min_length=43, max_length=43,
                                   description="base64url of the raw Ed25519 public key.")
    nonce: str = Field(min_length=16, max_length=64)
    created_at: AwareDatetime
    app_version: SingleLine | None = Field(None, max_length=40)


class SignedOfflineRequest(_Frozen):
    """The request file: the request's canonical JSON and the device key's signature of it."""

    format: Literal["daftar-offline-request/1"] = OFFLINE_REQUEST_FORMAT
    payload: SingleLine = Field(max_length=4096)
    signature: SingleLine = Field(max_length=128)


class OfflineGrant(_Frozen):
    """The answer to one request: its digest binds the licence to that request only."""

    request_digest: str
    device_id: UUID
    licence: SignedLicence


class OfflineResponse(_Frozen):
    """The response file: the grant's canonical JSON, signed by the licence key."""

    format: Literal["daftar-offline-response/1"] = OFFLINE_RESPONSE_FORMAT
    payload: str
    signature: str
    key_id: str


def request_digest(request: SignedOfflineRequest) -> str:
    """SHA-256 (hex) of the request's payload bytes: what the response must name."""
    return hashlib.sha256(request.payload.encode("ascii")).hexdigest()


def build_offline_request(
    *, licence_key: str, fingerprint: str, device_name: str, device_key: Ed25519PrivateKey,
    app_version: str | None = None, now: datetime | None = None,
) -> SignedOfflineRequest:
    """The request file a PC writes; keep ``device_key`` and the file until the response comes."""
    request = OfflineRequest(
        licence_key=licence_key, fingerprint=fingerprint, device_name=device_name,
        device_public_key=b64encode(public_key_bytes(device_key.public_key())),
        nonce=b64encode(secrets.token_bytes(18)), created_at=now or datetime.now(UTC),
        app_version=app_version,
    )
    payload = canonical_json(request)
    return SignedOfflineRequest(payload=b64encode(payload),
                                signature=b64encode(device_key.sign(payload)))


def verify_offline_request(request: SignedOfflineRequest) -> OfflineRequest:
    """The request inside the file if the key it names signed it; else :class:`LicenceInvalid`.

    The signature proves the file was made by the holder of the device key and not altered since;
    it says nothing about the licence key, which the service checks.
    """
    try:
        claimed = parse_document(OfflineRequest, b64decode(request.payload))
        public = b64decode(claimed.device_public_key)
    except ValueError as error:
        raise LicenceInvalid(InvalidReason.MALFORMED, str(error)) from None
    verified_bytes(request.payload, request.signature, "device", {"device": public})
    return claimed


def sign_offline_response(grant: OfflineGrant, private_key: Ed25519PrivateKey) -> OfflineResponse:
    payload = canonical_json(grant)
    return OfflineResponse(payload=b64encode(payload),
                           signature=b64encode(private_key.sign(payload)),
                           key_id=key_id(private_key.public_key()))


def verify_offline_response(
    response: OfflineResponse, *, request: SignedOfflineRequest, trusted: TrustedKeys,
) -> LicenceDocument:
    """The licence granted to ``request`` (the one this PC wrote), or :class:`LicenceInvalid`.

    Checks the response's signature, that it answers this very request (digest), and that the
    licence inside is signed by a trusted key for this PC's fingerprint and device.
    """
    data = verified_bytes(response.payload, response.signature, response.key_id, trusted)
    grant = parse_document(OfflineGrant, data)
    if grant.request_digest != request_digest(request):
        raise LicenceInvalid(InvalidReason.DIGEST_MISMATCH, "response answers another request")
    doc = verify_licence(grant.licence, trusted)
    asked = verify_offline_request(request)
    if doc.device_id != grant.device_id or doc.device_fingerprint != asked.fingerprint:
        raise LicenceInvalid(InvalidReason.WRONG_DEVICE, "licence is for another device")
    return doc


def dump_file(model: BaseModel) -> str:
    """A request or response file's text: indented JSON, so that a human can tell what it is."""
    return model.model_dump_json(indent=2) + "\n"


def load_file(model: type[Model], text: str | bytes) -> Model:
    """Parse a request or response file; :class:`LicenceInvalid` (malformed) if it is not one."""
    return parse_document(model, text.encode() if isinstance(text, str) else text)
