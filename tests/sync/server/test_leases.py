"""Writer leases: one PC keeps a company; taking it needs the newest backup; tenants apart."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest
from conftest import Api
from test_backups import Backups, open_backups, snapshot_body

from sync.server.keys import read_private_key
from sync.wire.leases import LeaseState, SignedWriterLease, verify_lease
from sync.wire.licence import key_id

SET = "company-a"


@pytest.fixture
def env(api: Api) -> Iterator[Backups]:
    with open_backups(api) as backups:
        yield backups


def _trusted(backups: Backups) -> dict:
    public = read_private_key(backups.api.settings.licence_key_path).public_key()
    return {key_id(public): public}


def _take(client: httpx.Client, **body: object) -> httpx.Response:
    return client.post(f"/v1/leases/{SET}/take", json=body)


def _snapshot(backups: Backups, client: httpx.Client) -> str:
    chunk_id, _ = backups.upload(client)
    snapshot_id = str(uuid.uuid4())
    response = client.put(f"/v1/backups/snapshots/{snapshot_id}",
                          json=snapshot_body([chunk_id], backup_set=SET))
    assert response.status_code == 201, response.text
    return snapshot_id


def test_one_pc_keeps_the_company_until_it_releases_it(env: Backups) -> None:
    tenant = env.tenant()
    pc_a, pc_b = env.device(tenant), env.device(tenant)
    first = _take(pc_a)
    assert first.status_code == 200, first.text
    lease = verify_lease(SignedWriterLease.model_validate(first.json()), _trusted(env))
    assert lease.generation == 1 and lease.holder_device_id is not None

    latest = _snapshot(env, pc_a)
    held = _take(pc_b, based_on=latest)
    assert held.status_code == 409 and held.json()["error"]["code"] == "lease_held"
    assert held.json()["error"]["details"]["holder_name"] == "test PC"
    assert pc_b.post(f"/v1/leases/{SET}/release").json()["error"]["code"] == "lease_not_held"

    renewed = verify_lease(SignedWriterLease.model_validate(_take(pc_a).json()),
                           _trusted(env))
    assert renewed.generation == 1 and renewed.lease_end >= lease.lease_end

    released = pc_a.post(f"/v1/leases/{SET}/release")
    assert released.status_code == 200
    free = verify_lease(SignedWriterLease.model_validate(released.json()), _trusted(env))
    assert free.holder_device_id is None and free.generation == 2

    stale = _take(pc_b)
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "lease_stale"
    assert stale.json()["error"]["details"]["latest_snapshot_id"] == latest
    taken = _take(pc_b, based_on=latest)
    assert taken.status_code == 200
    state = LeaseState.model_validate(pc_a.get(f"/v1/leases/{SET}").json())
    assert str(state.latest_snapshot_id) == latest
    holder = verify_lease(state.lease, _trusted(env))
    assert holder.generation == 3 and holder.holder_device_id != lease.holder_device_id


def test_force_takes_a_lease_that_still_stands_but_never_from_a_stale_copy(
        env: Backups) -> None:
    tenant = env.tenant()
    pc_a, pc_b = env.device(tenant), env.device(tenant)
    assert _take(pc_a).status_code == 200
    latest = _snapshot(env, pc_a)
    assert _take(pc_b, force=True).json()["error"]["code"] == "lease_stale"
    forced = _take(pc_b, based_on=latest, force=True)
    assert forced.status_code == 200
    assert _take(pc_a, based_on=latest).json()["error"]["code"] == "lease_held"


def test_another_tenants_lease_of_the_same_name_is_its_own(env: Backups) -> None:
    a, b = env.tenant("A"), env.tenant("B")
    device_a, device_b = env.device(a), env.device(b)
    assert _take(device_a).status_code == 200
    _snapshot(env, device_a)
    seen = LeaseState.model_validate(device_b.get(f"/v1/leases/{SET}").json())
    assert seen.lease is None and seen.latest_snapshot_id is None
    assert device_b.post(f"/v1/leases/{SET}/release").status_code == 409
    mine = _take(device_b)
    assert mine.status_code == 200
    lease_b = verify_lease(SignedWriterLease.model_validate(mine.json()), _trusted(env))
    assert str(lease_b.tenant_id) == str(b) and lease_b.generation == 1
    still = LeaseState.model_validate(device_a.get(f"/v1/leases/{SET}").json())
    assert verify_lease(still.lease, _trusted(env)).tenant_id == a


def test_leases_need_a_device_token_and_a_valid_set_name(env: Backups) -> None:
    with env.api.client() as anonymous:
        assert anonymous.get(f"/v1/leases/{SET}").status_code == 401
    device = env.device(env.tenant())
    assert device.get("/v1/leases/has space").status_code == 422
