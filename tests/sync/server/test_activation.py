"""Online activation, check-in, seats and release, through the HTTP API as the desktop uses it."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from conftest import Api, live_server

from sync.server import schema as t
from sync.server.db import Store, make_engine
from sync.server.settings import Settings
from sync.wire.licence import (
    LicenceState,
    SignedLicence,
    b64decode,
    licence_state,
    verify_licence,
)


@pytest.fixture
def lapi(make_settings: Callable[..., Settings]) -> Iterator[Api]:
    """A service whose activation rate limit stays out of the way of these tests."""
    settings = make_settings(rate_activation_per_minute=1000)
    with live_server(settings) as url:
        yield Api(url, settings)


@contextmanager
def database(api: Api, tenant_id: str) -> Iterator[sa.Connection]:
    """A transaction on the service's database, scoped to ``tenant_id`` like the service's own."""
    store = Store(make_engine(api.settings.resolved_database_url, pool_size=1))
    try:
        with store.tenant(uuid.UUID(tenant_id)) as connection:
            yield connection
    finally:
        store.dispose()


def new_licence(api: Api, seats: int = 2, **extra: Any) -> tuple[str, str, str]:
    """A tenant with one licence (issued by the operator): (tenant id, admin token, key)."""
    tenant_id, admin_token = api.new_tenant()
    with api.operator as client:
        response = client.post(f"/v1/admin/tenants/{tenant_id}/licences",
                               json={"edition": "pro", "seats": seats, **extra})
    assert response.status_code == 201, response.text
    return tenant_id, admin_token, response.json()["licence_key"]


def activate(api: Api, key: str, fingerprint: str, name: str = "PC") -> httpx.Response:
    with api.client() as client:
        return client.post("/v1/activations", json={
            "licence_key": key, "fingerprint": fingerprint, "device_name": name,
            "app_version": "1.0.0",
        })


def check_in(api: Api, token: str, app_version: str | None = None) -> httpx.Response:
    with api.client(token) as client:
        return client.post("/v1/devices/me/check-in", json={"app_version": app_version})


def trusted_keys(api: Api) -> dict[str, bytes]:
    with api.client() as client:
        body = client.get("/v1/licence-keys").json()
    return {key["key_id"]: b64decode(key["public_key"]) for key in body["keys"]}


def error_code(response: httpx.Response) -> str:
    return response.json()["error"]["code"]


def test_activation_then_check_in_renews_a_lease_that_verifies_offline(lapi: Api) -> None:
    tenant_id, _, key = new_licence(lapi, features=["payroll"])
    activated = activate(lapi, key, "fingerprint-A")
    assert activated.status_code == 201, activated.text
    body = activated.json()
    trusted = trusted_keys(lapi)
    doc = verify_licence(SignedLicence.model_validate(body["licence"]), trusted)
    now = datetime.now(UTC)
    assert (doc.device_fingerprint, doc.features, str(doc.device_id)) == (
        "fingerprint-A", ["payroll"], body["device_id"])
    assert abs(doc.lease_end - (now + timedelta(days=30))) < timedelta(minutes=1)
    assert licence_state(doc, now, "fingerprint-A") == LicenceState.ACTIVE

    with database(lapi, tenant_id) as connection:
        connection.execute(t.device.update().where(t.device.c.tenant_id == uuid.UUID(tenant_id))
                           .values(lease_end=now + timedelta(days=1)))
    renewed = check_in(lapi, body["device_token"], "1.1.0")
    assert renewed.status_code == 200, renewed.text
    answer = renewed.json()
    assert answer["revoked"] is False
    fresh = verify_licence(SignedLicence.model_validate(answer["licence"]), trusted)
    assert fresh.lease_end > now + timedelta(days=29)
    assert fresh.device_id == doc.device_id
    assert check_in(lapi, "dev_not-a-token").status_code == 401


def test_seats_are_limited_and_reactivating_the_same_pc_reuses_its_seat(lapi: Api) -> None:
    _, _, key = new_licence(lapi, seats=2)
    first = activate(lapi, key, "fingerprint-A").json()
    second = activate(lapi, key, "fingerprint-B").json()
    third = activate(lapi, key, "fingerprint-C")
    assert third.status_code == 409
    assert error_code(third) == "seats_exhausted"

    reinstalled = activate(lapi, key, "fingerprint-A")
    assert reinstalled.status_code == 201
    assert reinstalled.json()["device_id"] == first["device_id"]
    assert check_in(lapi, first["device_token"]).status_code == 401
    assert check_in(lapi, reinstalled.json()["device_token"]).status_code == 200
    assert activate(lapi, key, "fingerprint-C").status_code == 409

    with lapi.client(second["device_token"]) as client:
        assert client.post("/v1/devices/me/deactivate").status_code == 204
    refused = check_in(lapi, second["device_token"])
    assert refused.status_code == 403
    assert error_code(refused) == "device_deactivated"
    assert activate(lapi, key, "fingerprint-C").status_code == 201


def test_a_lapsed_lease_frees_its_seat_and_must_win_one_back(lapi: Api) -> None:
    tenant_id, _, key = new_licence(lapi, seats=1)
    gone = activate(lapi, key, "fingerprint-A").json()
    assert activate(lapi, key, "fingerprint-B").status_code == 409
    with database(lapi, tenant_id) as connection:
        connection.execute(
            t.device.update().where(t.device.c.tenant_id == uuid.UUID(tenant_id),
                                    t.device.c.device_id == uuid.UUID(gone["device_id"]))
            .values(lease_end=datetime.now(UTC) - timedelta(minutes=1))
        )
    assert activate(lapi, key, "fingerprint-B").status_code == 201
    late = check_in(lapi, gone["device_token"])
    assert late.status_code == 409
    assert error_code(late) == "seats_exhausted"


def test_key_holder_lists_devices_and_releases_a_dead_pc(lapi: Api) -> None:
    _, _, key = new_licence(lapi, seats=1)
    _, _, other_key = new_licence(lapi, seats=1)
    dead = activate(lapi, key, "fingerprint-A", name="Old PC").json()
    stranger = activate(lapi, other_key, "fingerprint-Z").json()
    with lapi.client() as client:
        listed = client.post("/v1/activations/devices", json={"licence_key": key}).json()
        assert [(d["name"], d["holds_seat"]) for d in listed] == [("Old PC", True)]
        assert "fingerprint" not in listed[0]
        wrong = client.post("/v1/activations/devices",
                            json={"licence_key": "DAFTAR-00000-00000-00000-00000-00000"})
        assert (wrong.status_code, error_code(wrong)) == (403, "licence_invalid")
        foreign = client.post("/v1/activations/release", json={
            "licence_key": key, "device_id": stranger["device_id"]})
        assert foreign.status_code == 404
        released = client.post("/v1/activations/release", json={
            "licence_key": key.lower(), "device_id": dead["device_id"]})
        assert released.status_code == 204
        listed = client.post("/v1/activations/devices", json={"licence_key": key}).json()
    assert listed[0]["holds_seat"] is False
    assert activate(lapi, key, "fingerprint-B", name="New PC").status_code == 201
    assert check_in(lapi, stranger["device_token"]).status_code == 200


def test_revocation_is_reported_at_the_next_check_in(lapi: Api) -> None:
    tenant_id, admin_token, key = new_licence(lapi)
    device = activate(lapi, key, "fingerprint-A").json()
    with lapi.client(admin_token) as client:
        licence_id = client.get(f"/v1/admin/tenants/{tenant_id}/licences").json()[0]["licence_id"]
    with lapi.operator as client:
        revoked = client.post(f"/v1/admin/tenants/{tenant_id}/licences/{licence_id}/revoke")
    assert revoked.status_code == 204
    answer = check_in(lapi, device["device_token"])
    assert answer.status_code == 200
    assert answer.json()["revoked"] is True
    assert answer.json()["licence"] is None
    refused = activate(lapi, key, "fingerprint-B")
    assert (refused.status_code, error_code(refused)) == (403, "licence_revoked")


def test_expiry_caps_the_lease_then_refuses_activation(lapi: Api) -> None:
    expires = (datetime.now(UTC) + timedelta(days=5)).replace(microsecond=0)
    tenant_id, _, key = new_licence(lapi, expires_at=expires.isoformat())
    body = activate(lapi, key, "fingerprint-A").json()
    doc = verify_licence(SignedLicence.model_validate(body["licence"]), trusted_keys(lapi))
    assert doc.lease_end == doc.expires_at == expires
    with database(lapi, tenant_id) as connection:
        connection.execute(t.licence.update().where(t.licence.c.tenant_id == uuid.UUID(tenant_id))
                           .values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    refused = activate(lapi, key, "fingerprint-B")
    assert (refused.status_code, error_code(refused)) == (403, "licence_expired")
    late = check_in(lapi, body["device_token"])
    assert (late.status_code, error_code(late)) == (403, "licence_expired")
    unknown = activate(lapi, "DAFTAR-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ", "fingerprint-A")
    assert (unknown.status_code, error_code(unknown)) == (403, "licence_invalid")


def test_concurrent_activations_never_exceed_the_seats(lapi: Api) -> None:
    tenant_id, admin_token, key = new_licence(lapi, seats=2)
    with ThreadPoolExecutor(6) as pool:
        statuses = sorted(pool.map(
            lambda n: activate(lapi, key, f"fingerprint-{n}").status_code, range(6)))
    assert statuses == [201, 201, 409, 409, 409, 409]
    with lapi.client(admin_token) as client:
        licence = client.get(f"/v1/admin/tenants/{tenant_id}/licences").json()[0]
    assert licence["seats_used"] == 2


def test_admin_deactivation_reaches_the_device(lapi: Api) -> None:
    tenant_id, admin_token, key = new_licence(lapi)
    device = activate(lapi, key, "fingerprint-A").json()
    with lapi.client(admin_token) as client:
        done = client.post(f"/v1/admin/tenants/{tenant_id}/devices/{device['device_id']}"
                           "/deactivate")
    assert done.status_code == 204
    refused = check_in(lapi, device["device_token"])
    assert (refused.status_code, error_code(refused)) == (403, "device_deactivated")


def test_activation_attempts_are_rate_limited_per_ip(
    make_settings: Callable[..., Settings]
) -> None:
    settings = make_settings(rate_activation_per_minute=3)
    if time.time() % 60 > 55:  # keep all attempts inside one rate-limit window
        time.sleep(61 - time.time() % 60)
    with live_server(settings) as url, httpx.Client(base_url=url) as client:
        guess = {"licence_key": "DAFTAR-GUESS-GUESS-GUESS-GUESS-GUESS",
                 "fingerprint": "fingerprint-A", "device_name": "PC"}
        statuses = [client.post("/v1/activations", json=guess).status_code for _ in range(3)]
        assert statuses == [403, 403, 403]
        limited = client.post("/v1/activations", json=guess)
        assert (limited.status_code, error_code(limited)) == (429, "rate_limited")
        assert int(limited.headers["Retry-After"]) >= 1
        for path, body in (("/v1/activations/release", {**guess, "device_id": str(uuid.uuid4())}),
                           ("/v1/activations/devices", guess),
                           ("/v1/activations/offline", {"payload": "x", "signature": "y"})):
            assert client.post(path, json=body).status_code == 429


def test_device_details_with_control_characters_are_refused(lapi: Api) -> None:
    """PostgreSQL cannot store NUL: a fingerprint, name or version with one used to be a 500."""
    _, _, key = new_licence(lapi)
    refused = [activate(lapi, key, "fingerprint-\x00"),
               activate(lapi, key, "fingerprint-1", "PC\x00")]
    with lapi.client() as client:
        refused.append(client.post("/v1/activations", json={
            "licence_key": key, "fingerprint": "fingerprint-2", "device_name": "PC",
            "app_version": "1.0\x00"}))
    token = activate(lapi, key, "fingerprint-3").json()["device_token"]
    refused.append(check_in(lapi, token, app_version="1.1\x00"))
    for response in refused:
        assert response.status_code == 422, response.text
        assert error_code(response) == "validation_error"
        assert "control characters" in response.json()["error"]["message"]
