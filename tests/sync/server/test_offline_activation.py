"""Offline activation: a request file from a PC that never goes online, a response file back."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import Api
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.server.cli import main
from sync.wire.licence import (
    LicenceState,
    OfflineResponse,
    SignedOfflineRequest,
    b64decode,
    b64encode,
    build_offline_request,
    dump_file,
    licence_state,
    load_file,
    verify_offline_response,
)

FINGERPRINT = "offline-pc-fingerprint"


def new_licence(api: Api, seats: int = 1) -> tuple[str, str, str]:
    tenant_id, token = api.new_tenant()
    with api.operator as client:
        response = client.post(f"/v1/admin/tenants/{tenant_id}/licences",
                               json={"edition": "pro", "seats": seats})
    assert response.status_code == 201, response.text
    return tenant_id, token, response.json()["licence_key"]


def request_file(key: str, fingerprint: str = FINGERPRINT, **extra: Any) -> SignedOfflineRequest:
    return build_offline_request(licence_key=key, fingerprint=fingerprint,
                                 device_name="Village office", app_version="1.0.0",
                                 device_key=Ed25519PrivateKey.generate(), **extra)


def submit(api: Api, request: SignedOfflineRequest) -> httpx.Response:
    """Send the request file's text as the connected machine's browser or tool would."""
    with api.client() as client:
        return client.post("/v1/activations/offline", content=dump_file(request),
                           headers={"Content-Type": "application/json"})


def trusted_keys(api: Api) -> dict[str, bytes]:
    with api.client() as client:
        body = client.get("/v1/licence-keys").json()
    return {key["key_id"]: b64decode(key["public_key"]) for key in body["keys"]}


def test_offline_round_trip_gives_the_pc_a_long_lease(api: Api) -> None:
    tenant_id, token, key = new_licence(api)
    request = request_file(key)
    answered = submit(api, request)
    assert answered.status_code == 200, answered.text
    response = load_file(OfflineResponse, answered.text)
    assert json.loads(answered.text)["format"] == "daftar-offline-response/1"

    doc = verify_offline_response(response, request=request, trusted=trusted_keys(api))
    now = datetime.now(UTC)
    assert licence_state(doc, now, FINGERPRINT) == LicenceState.ACTIVE
    assert now + timedelta(days=364) < doc.lease_end <= now + timedelta(days=365)

    again = submit(api, request)
    assert again.status_code == 200
    assert again.json() == answered.json()
    with api.client(token) as client:
        devices = client.get(f"/v1/admin/tenants/{tenant_id}/devices").json()
    assert [(d["device_id"], d["offline"], d["holds_seat"]) for d in devices] == [
        (str(doc.device_id), True, True)]


def test_tampered_or_misdated_requests_are_refused(api: Api) -> None:
    _, _, key = new_licence(api)
    request = request_file(key)
    payload = bytearray(b64decode(request.payload))
    payload[payload.index(b"Village")] = ord("v")
    forged = request.model_copy(update={"payload": b64encode(bytes(payload))})
    now = datetime.now(UTC)
    for bad in (forged, request_file(key, now=now - timedelta(days=31)),
                request_file(key, now=now + timedelta(days=2))):
        refused = submit(api, bad)
        assert refused.status_code == 400, refused.text
        assert refused.json()["error"]["code"] == "offline_request_invalid"
    unknown = submit(api, request_file("DAFTAR-00000-11111-22222-33333-44444"))
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (403, "licence_invalid")


def test_offline_activation_takes_a_seat(api: Api) -> None:
    _, _, key = new_licence(api, seats=1)
    with api.client() as client:
        online = client.post("/v1/activations", json={
            "licence_key": key, "fingerprint": "online-pc-fingerprint", "device_name": "PC"})
    assert online.status_code == 201
    refused = submit(api, request_file(key))
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "seats_exhausted")


def test_an_old_request_file_cannot_bring_back_a_released_pc(api: Api) -> None:
    _, _, key = new_licence(api, seats=1)
    request = request_file(key)
    first = submit(api, request)
    assert first.status_code == 200
    assert submit(api, request).json() == first.json()  # idempotent while the PC holds its seat
    with api.client() as client:
        devices = client.post("/v1/activations/devices", json={"licence_key": key}).json()
        released = client.post("/v1/activations/release", json={
            "licence_key": key, "device_id": devices[0]["device_id"]})
    assert released.status_code == 204, released.text
    replayed = submit(api, request)
    assert (replayed.status_code, replayed.json()["error"]["code"]) == (
        409, "offline_request_invalid")
    assert submit(api, request_file(key)).status_code == 200  # a new request from the PC works


def test_operator_answers_a_request_file_with_the_cli(
    api: Api, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, key = new_licence(api)
    request = request_file(key)
    request_path, response_path = tmp_path / "activation.request", tmp_path / "out.response"
    request_path.write_text(dump_file(request), encoding="utf-8")
    options = ["--data-dir", str(api.settings.data_dir)]
    if api.settings.database_url:
        options += ["--database-url", api.settings.database_url]
    status = main(["admin", "licence", "offline-activate", str(request_path),
                   "--out", str(response_path), *options])
    assert status == 0
    assert "take it back to the PC" in capsys.readouterr().out
    response = load_file(OfflineResponse, response_path.read_text(encoding="utf-8"))
    doc = verify_offline_response(response, request=request, trusted=trusted_keys(api))
    assert doc.device_fingerprint == FINGERPRINT

    request_path.write_text("{not json", encoding="utf-8")
    assert main(["admin", "licence", "offline-activate", str(request_path),
                 "--out", str(response_path), *options]) == 1
    assert "not an offline request file" in capsys.readouterr().err


def test_a_request_file_naming_the_pc_with_control_characters_is_refused(api: Api) -> None:
    """A PC signs its own request, so the service checks what it would store from it."""
    _, _, key = new_licence(api)
    device_key = Ed25519PrivateKey.generate()
    request = build_offline_request(licence_key=key, fingerprint=FINGERPRINT,
                                    device_name="Village office", device_key=device_key)
    payload = b64decode(request.payload).replace(b"Village office", b"Village\\u0000office")
    crafted = SignedOfflineRequest(payload=b64encode(payload),
                                   signature=b64encode(device_key.sign(payload)))
    refused = submit(api, crafted)
    assert refused.status_code == 400, refused.text
    assert refused.json()["error"]["code"] == "offline_request_invalid"
    assert "device_name" in refused.json()["error"]["message"]
