"""Licence documents and offline-activation files, verified as the desktop does: no network."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from sync.wire.licence import (
    InvalidReason,
    LicenceDocument,
    LicenceInvalid,
    LicenceState,
    OfflineGrant,
    OfflineResponse,
    SignedLicence,
    SignedOfflineRequest,
    b64decode,
    b64encode,
    build_offline_request,
    dump_file,
    key_id,
    licence_state,
    load_file,
    public_key_bytes,
    request_digest,
    sign_licence,
    sign_offline_response,
    verify_licence,
    verify_offline_request,
    verify_offline_response,
)

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
FINGERPRINT = "pc-fingerprint-0001"
SERVER_KEY = Ed25519PrivateKey.generate()
TRUSTED = {key_id(SERVER_KEY.public_key()): SERVER_KEY.public_key()}


def document(key: Ed25519PrivateKey = SERVER_KEY, **changes: object) -> LicenceDocument:
    values: dict[str, object] = {
        "licence_id": uuid.uuid4(), "tenant_id": uuid.uuid4(), "device_id": uuid.uuid4(),
        "edition": "pro", "seats": 3, "features": ["payroll", "vat"], "expires_at": None,
        "device_fingerprint": FINGERPRINT, "lease_end": NOW + timedelta(days=30),
        "grace_days": 14, "issued_at": NOW, "key_id": key_id(key.public_key()),
    }
    values.update(changes)
    return LicenceDocument.model_validate(values)


def tamper(text: str) -> str:
    """Flip one bit in the middle of a base64url value."""
    data = bytearray(b64decode(text))
    data[len(data) // 2] ^= 0x01
    return b64encode(bytes(data))


def test_signed_document_verifies_with_the_public_key_alone() -> None:
    doc = document()
    envelope = sign_licence(doc, SERVER_KEY)
    raw = {envelope.key_id: public_key_bytes(SERVER_KEY.public_key())}
    assert verify_licence(envelope, TRUSTED) == doc
    assert verify_licence(envelope, raw) == doc


@pytest.mark.parametrize("field", ["payload", "signature"])
def test_tampered_envelope_is_refused(field: str) -> None:
    envelope = sign_licence(document(), SERVER_KEY)
    forged = envelope.model_copy(update={field: tamper(getattr(envelope, field))})
    with pytest.raises(LicenceInvalid) as refused:
        verify_licence(forged, TRUSTED)
    assert refused.value.reason == InvalidReason.BAD_SIGNATURE


def test_a_lease_extended_by_hand_no_longer_verifies() -> None:
    envelope = sign_licence(document(), SERVER_KEY)
    data = json.loads(b64decode(envelope.payload))
    data["lease_end"] = "2099-01-01T00:00:00Z"
    forged = envelope.model_copy(update={"payload": b64encode(json.dumps(data).encode())})
    with pytest.raises(LicenceInvalid, match="bad_signature"):
        verify_licence(forged, TRUSTED)


def test_unknown_key_and_malformed_envelopes_say_why() -> None:
    other = Ed25519PrivateKey.generate()
    with pytest.raises(LicenceInvalid) as unknown:
        verify_licence(sign_licence(document(other), other), TRUSTED)
    assert unknown.value.reason == InvalidReason.UNKNOWN_KEY
    kid = key_id(SERVER_KEY.public_key())
    for envelope in (SignedLicence(payload="not base64!", signature="AA", key_id=kid),
                     SignedLicence(payload=b64encode(b"{}"), signature=b64encode(
                         SERVER_KEY.sign(b"{}")), key_id=kid)):
        with pytest.raises(LicenceInvalid) as malformed:
            verify_licence(envelope, TRUSTED)
        assert malformed.value.reason == InvalidReason.MALFORMED


def test_rotation_desktop_trusting_two_keys_accepts_documents_of_either() -> None:
    new = Ed25519PrivateKey.generate()
    trusted = {**TRUSTED, key_id(new.public_key()): new.public_key()}
    assert verify_licence(sign_licence(document(), SERVER_KEY), trusted).key_id in trusted
    assert verify_licence(sign_licence(document(new), new), trusted).key_id in trusted


def test_document_must_name_the_key_that_signs_it() -> None:
    with pytest.raises(ValueError, match="key_id"):
        sign_licence(document(Ed25519PrivateKey.generate()), SERVER_KEY)


def test_states_over_time_never_lock_out() -> None:
    doc = document(expires_at=NOW + timedelta(days=400))
    lease_end = doc.lease_end
    assert licence_state(doc, NOW, FINGERPRINT) == LicenceState.ACTIVE
    assert licence_state(doc, lease_end, FINGERPRINT) == LicenceState.GRACE
    assert licence_state(doc, lease_end + timedelta(days=13), FINGERPRINT) == LicenceState.GRACE
    assert licence_state(doc, lease_end + timedelta(days=14), FINGERPRINT) == (
        LicenceState.READ_ONLY)
    assert licence_state(doc, NOW, "another-pc-fingerprint") == LicenceState.READ_ONLY
    expired = document(expires_at=NOW - timedelta(seconds=1))
    assert licence_state(expired, NOW, FINGERPRINT) == LicenceState.READ_ONLY


@given(st.integers(min_value=-10_000, max_value=100_000))
def test_state_is_monotonic_in_time(minutes: int) -> None:
    """Time passing never makes a licence more usable."""
    doc = document(lease_end=NOW, grace_days=3)
    order = [LicenceState.ACTIVE, LicenceState.GRACE, LicenceState.READ_ONLY]
    now = NOW + timedelta(minutes=minutes)
    later = now + timedelta(minutes=61)
    assert order.index(licence_state(doc, now, FINGERPRINT)) <= order.index(
        licence_state(doc, later, FINGERPRINT))


def offline_request(device_key: Ed25519PrivateKey | None = None) -> SignedOfflineRequest:
    return build_offline_request(
        licence_key="DAFTAR-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE", fingerprint=FINGERPRINT,
        device_name="Cabinet PC", device_key=device_key or Ed25519PrivateKey.generate(),
        app_version="1.2.0", now=NOW,
    )


def test_offline_request_round_trips_through_its_file() -> None:
    request = offline_request()
    again = load_file(SignedOfflineRequest, dump_file(request))
    assert again == request
    assert json.loads(dump_file(request))["format"] == "daftar-offline-request/1"
    assert verify_offline_request(again).fingerprint == FINGERPRINT


def test_offline_request_tampered_or_resigned_is_refused() -> None:
    request = offline_request()
    claimed = json.loads(b64decode(request.payload))
    claimed["licence_key"] = "DAFTAR-STOLE-NKEYS-XXXXX-XXXXX-XXXXX"
    altered = b64encode(json.dumps(claimed).encode())
    with pytest.raises(LicenceInvalid, match="bad_signature"):
        verify_offline_request(request.model_copy(update={"payload": altered}))
    with pytest.raises(LicenceInvalid, match="bad_signature"):
        verify_offline_request(request.model_copy(update={"signature": tamper(
            request.signature)}))
    with pytest.raises(LicenceInvalid, match="malformed"):
        load_file(SignedOfflineRequest, '{"format": "daftar-offline-request/9"}')


def grant_for(request: SignedOfflineRequest, doc: LicenceDocument) -> OfflineResponse:
    grant = OfflineGrant(request_digest=request_digest(request), device_id=doc.device_id,
                         licence=sign_licence(doc, SERVER_KEY))
    return sign_offline_response(grant, SERVER_KEY)


def test_offline_response_is_checked_against_the_pending_request() -> None:
    request = offline_request()
    doc = document()
    response = grant_for(request, doc)
    assert verify_offline_response(response, request=request, trusted=TRUSTED) == doc
    other_request = offline_request()
    with pytest.raises(LicenceInvalid) as mismatch:
        verify_offline_response(response, request=other_request, trusted=TRUSTED)
    assert mismatch.value.reason == InvalidReason.DIGEST_MISMATCH
    forged = response.model_copy(update={"payload": tamper(response.payload)})
    with pytest.raises(LicenceInvalid, match="bad_signature"):
        verify_offline_response(forged, request=request, trusted=TRUSTED)


def test_offline_response_for_another_pc_is_refused() -> None:
    request = offline_request()
    response = grant_for(request, document(device_fingerprint="someone-elses-pc"))
    with pytest.raises(LicenceInvalid) as refused:
        verify_offline_response(response, request=request, trusted=TRUSTED)
    assert refused.value.reason == InvalidReason.WRONG_DEVICE
