"""What a device may still do once its licence is revoked or expired, or its lease has lapsed.

A device in bad standing keeps everything it needs to restore its own books and to step aside
(read backups, read and release a writer lease, check in, deactivate itself); it can no longer
add to the service (upload, delete, take a company, send usage counts, fetch updates). Each state
is brought about as it happens in life: the operator revokes; the expiry date or the lease end
plus grace passes (moved into the past in the database).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from conftest import Api
from test_activation import database
from test_backups import chunk, snapshot_body
from test_tenant_isolation import DEVICE, DEVICE_SELF, of_scope

from sync.server import schema as t

BACKUP_SET = "books-of-the-firm"
STILL_ALLOWED = {
    ("GET", "/v1/backups/snapshots"), ("GET", "/v1/backups/snapshots/{snapshot_id}"),
    ("GET", "/v1/backups/chunks/{chunk_id}"), ("HEAD", "/v1/backups/chunks/{chunk_id}"),
    ("POST", "/v1/backups/chunks/missing"), ("GET", "/v1/leases/{backup_set}"),
    ("POST", "/v1/leases/{backup_set}/release"), ("POST", "/v1/devices/me/check-in"),
    ("POST", "/v1/devices/me/deactivate"),
}
"""What a device in bad standing may still do: restore its books, step aside, learn its state.
Every other device operation is refused, and :func:`refused_calls` must exercise it."""


@dataclass
class Device:
    """A device of a fresh tenant that backed up once and keeps the company."""

    tenant_id: str
    licence_id: str
    device_id: str
    client: httpx.Client
    chunk_id: str
    data: bytes
    snapshot_id: str


@pytest.fixture
def device(api: Api) -> Iterator[Device]:
    tenant_id, _ = api.new_tenant()
    with api.operator as operator:
        issued = operator.post(f"/v1/admin/tenants/{tenant_id}/licences",
                               json={"edition": "pro", "seats": 1})
    assert issued.status_code == 201, issued.text
    with api.client() as anonymous:
        activated = anonymous.post("/v1/activations", json={
            "licence_key": issued.json()["licence_key"], "fingerprint": "pc-of-the-firm",
            "device_name": "Front desk"})
    assert activated.status_code == 201, activated.text
    chunk_id, data = chunk()
    snapshot_id = str(uuid.uuid4())
    with api.client(activated.json()["device_token"]) as client:
        assert client.put(f"/v1/backups/chunks/{chunk_id}", content=data).status_code == 201
        stored = client.put(f"/v1/backups/snapshots/{snapshot_id}",
                            json=snapshot_body([chunk_id], backup_set=BACKUP_SET))
        assert stored.status_code == 201, stored.text
        taken = client.post(f"/v1/leases/{BACKUP_SET}/take", json={"based_on": snapshot_id})
        assert taken.status_code == 200, taken.text
        yield Device(tenant_id, issued.json()["licence"]["licence_id"],
                     activated.json()["device_id"], client, chunk_id, data, snapshot_id)


def revoke(api: Api, device: Device) -> None:
    with api.operator as operator:
        path = f"/v1/admin/tenants/{device.tenant_id}/licences/{device.licence_id}/revoke"
        assert operator.post(path).status_code == 204


def expire(api: Api, device: Device) -> None:
    with database(api, device.tenant_id) as connection:
        connection.execute(t.licence.update().values(
            expires_at=datetime(2025, 3, 31, tzinfo=UTC)))


def lapse(api: Api, device: Device) -> None:
    ended = datetime.now(UTC) - timedelta(days=api.settings.grace_days, minutes=1)
    with database(api, device.tenant_id) as connection:
        connection.execute(t.device.update().values(lease_end=ended))


BAD_STANDING: dict[str, tuple[Callable[[Api, Device], None], str]] = {
    "revoked": (revoke, "revoked"),
    "expired": (expire, "expired on 2025-03-31"),
    "lapsed": (lapse, "check in"),
}


def refused_calls(device: Device) -> dict[str, Callable[[], httpx.Response]]:
    """Every call that adds to or takes from the service, with a body it would accept."""
    client = device.client
    new_chunk, new_data = chunk()
    today = datetime.now(UTC).date().isoformat()

    def take_lease() -> httpx.Response:
        latest = client.get(f"/v1/leases/{BACKUP_SET}").json()["latest_snapshot_id"]
        return client.post(f"/v1/leases/{BACKUP_SET}/take", json={"based_on": latest})

    return {
        ("PUT", "/v1/backups/chunks/{chunk_id}"): lambda: client.put(
            f"/v1/backups/chunks/{new_chunk}", content=new_data),
        ("PUT", "/v1/backups/snapshots/{snapshot_id}"): lambda: client.put(
            f"/v1/backups/snapshots/{uuid.uuid4()}",
            json=snapshot_body([device.chunk_id], backup_set=BACKUP_SET)),
        ("DELETE", "/v1/backups/snapshots/{snapshot_id}"): lambda: client.delete(
            f"/v1/backups/snapshots/{device.snapshot_id}"),
        ("POST", "/v1/leases/{backup_set}/take"): take_lease,
        ("POST", "/v1/usage"): lambda: client.post("/v1/usage", json={
            "batch_id": "batch-1", "counters": [
                {"name": "entries.posted", "day": today, "value": 3}]}),
        ("GET", "/v1/devices/me/updates"): lambda: client.get("/v1/devices/me/updates"),
    }


def test_every_device_operation_has_a_standing_policy() -> None:
    """A new device endpoint fails here until it is placed on one side or the other."""
    operations = {(method, path) for method, path, _ in of_scope(DEVICE, DEVICE_SELF)}
    with httpx.Client() as idle:
        refused = set(refused_calls(Device("", "", "", idle, "", b"", "")))
    assert refused.isdisjoint(STILL_ALLOWED)
    assert operations == refused | STILL_ALLOWED


def assert_restores(device: Device) -> None:
    """Everything a restore of its own books (and a hand-over away) needs still answers."""
    client = device.client
    listed = client.get("/v1/backups/snapshots", params={"backup_set": BACKUP_SET})
    assert [s["snapshot_id"] for s in listed.json()["snapshots"]] == [device.snapshot_id]
    snapshot = client.get(f"/v1/backups/snapshots/{device.snapshot_id}")
    assert snapshot.status_code == 200 and snapshot.json()["chunk_ids"] == [device.chunk_id]
    assert client.get(f"/v1/backups/chunks/{device.chunk_id}").content == device.data
    assert client.head(f"/v1/backups/chunks/{device.chunk_id}").status_code == 200
    missing = client.post("/v1/backups/chunks/missing", json={"chunk_ids": [device.chunk_id]})
    assert missing.json() == {"missing": []}
    assert client.get(f"/v1/leases/{BACKUP_SET}").json()["latest_snapshot_id"] == (
        device.snapshot_id)


@pytest.mark.parametrize("state", list(BAD_STANDING))
def test_a_device_in_bad_standing_restores_and_steps_aside_but_adds_nothing(
    api: Api, device: Device, state: str
) -> None:
    make, reason = BAD_STANDING[state]
    make(api, device)
    for what, call in refused_calls(device).items():
        refused = call()
        assert refused.status_code == 403, (what, refused.text)
        error = refused.json()["error"]
        assert error["code"] == "licence_inactive", (what, error)
        assert reason in error["message"] and error["details"]["reason"] == state, error
    assert_restores(device)
    released = device.client.post(f"/v1/leases/{BACKUP_SET}/release")
    assert released.status_code == 200, released.text
    checked = device.client.post("/v1/devices/me/check-in", json={})
    assert checked.status_code == (403 if state == "expired" else 200), checked.text
    assert device.client.post("/v1/devices/me/deactivate").status_code == 204
    gone = device.client.get("/v1/backups/snapshots")
    assert gone.json()["error"]["code"] == "device_deactivated"


def test_a_device_in_its_grace_period_is_in_good_standing(api: Api, device: Device) -> None:
    ended = datetime.now(UTC) - timedelta(days=api.settings.grace_days) + timedelta(minutes=5)
    with database(api, device.tenant_id) as connection:
        connection.execute(t.device.update().values(lease_end=ended))
    for what, call in refused_calls(device).items():
        answer = call()
        assert answer.is_success, (what, answer.text)


def test_a_lapsed_device_that_checks_in_is_back_in_good_standing(
    api: Api, device: Device
) -> None:
    lapse(api, device)
    assert device.client.post("/v1/usage", json={"batch_id": "b", "counters": []}
                              ).status_code == 403
    assert device.client.post("/v1/devices/me/check-in", json={}).status_code == 200
    for what, call in refused_calls(device).items():
        answer = call()
        assert answer.is_success, (what, answer.text)
