"""Usage counters: batches counted once, counts only, each tenant sees its own."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

import pytest
import sqlalchemy as sa
from conftest import Api

from sync.server import schema as t
from sync.server.cli import main as cli_main
from sync.server.db import Store, make_engine
from sync.server.settings import Settings
from sync.server.tokens import hash_licence_key, hash_token, new_licence_key, new_token
from sync.server.usage import BATCH_MEMORY, prune
from sync.wire.usage import MAX_BATCHES_PER_DAY, MAX_COUNTER_AGE_DAYS, MAX_NAMES_PER_DAY

DAY = datetime.now(UTC).date() - timedelta(days=3)
"""Recent enough to be kept: counters of days before the window are dropped."""


@dataclass
class Device:
    tenant_id: str
    admin_token: str
    device_id: UUID
    token: str


def insert_device(settings: Settings, tenant_id: str) -> tuple[UUID, str]:
    """A licence, an activated device and its token, written straight into the database."""
    tenant, licence_id, device_id = UUID(tenant_id), uuid.uuid4(), uuid.uuid4()
    token, now = new_token("dev"), datetime.now(UTC)
    store = Store(make_engine(settings.resolved_database_url, pool_size=1))
    try:
        with store.tenant(tenant) as connection:
            connection.execute(t.licence.insert().values(
                licence_id=licence_id, tenant_id=tenant, key_hash=hash_licence_key(
                    new_licence_key()), key_hint="TEST", edition="standard", seats=3,
                features=[], created_at=now))
            connection.execute(t.device.insert().values(
                device_id=device_id, tenant_id=tenant, licence_id=licence_id,
                fingerprint=uuid.uuid4().hex, name="Poste 1", activated_at=now,
                last_seen_at=now, lease_end=now + timedelta(days=30)))
            connection.execute(t.credential.insert().values(
                token_hash=hash_token(token), tenant_id=tenant, kind="device",
                subject_id=device_id, created_at=now))
    finally:
        store.dispose()
    return device_id, token


@contextmanager
def database(api: Api) -> Iterator[sa.Connection]:
    """A transaction over the service's database across tenants, as the operator's own."""
    store = Store(make_engine(api.settings.resolved_database_url, pool_size=1))
    try:
        with store.operator() as connection:
            yield connection
    finally:
        store.dispose()


def new_device(api: Api, name: str = "Cabinet Test") -> Device:
    tenant_id, admin_token = api.new_tenant(name)
    device_id, token = insert_device(api.settings, tenant_id)
    return Device(tenant_id, admin_token, device_id, token)


def batch(batch_id: str, *counters: tuple[str, date, int]) -> dict[str, Any]:
    return {"batch_id": batch_id, "counters": [
        {"name": name, "day": day.isoformat(), "value": value} for name, day, value in counters]}


def report(api: Api, device: Device, **params: str) -> dict[str, Any]:
    params = {"from": DAY.isoformat(), "to": (DAY + timedelta(days=1)).isoformat(), **params}
    with api.client(device.admin_token) as client:
        response = client.get(f"/v1/admin/tenants/{device.tenant_id}/usage", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def totals(body: dict[str, Any]) -> dict[tuple[str, str], int]:
    return {(row["day"], row["name"]): row["value"] for row in body["rows"]}


def test_the_same_batch_twice_is_counted_once(api: Api) -> None:
    device = new_device(api)
    first = batch("b-1", ("entries.posted", DAY, 3), ("entries.posted", DAY, 2),
                  ("reports.trial_balance", DAY, 1))
    with api.client(device.token) as client:
        accepted = client.post("/v1/usage", json=first)
        repeated = client.post("/v1/usage", json=first)
        client.post("/v1/usage", json=batch("b-2", ("entries.posted", DAY, 10)))
    assert accepted.status_code == repeated.status_code == 200
    assert accepted.json() == {"batch_id": "b-1", "accepted": True, "duplicate": False,
                               "dropped": 0}
    assert repeated.json() == {"batch_id": "b-1", "accepted": False, "duplicate": True,
                               "dropped": 0}
    assert totals(report(api, device)) == {
        (DAY.isoformat(), "entries.posted"): 15,
        (DAY.isoformat(), "reports.trial_balance"): 1,
    }


def test_report_per_device_and_by_period(api: Api) -> None:
    device = new_device(api)
    other_id, other_token = insert_device(api.settings, device.tenant_id)
    next_day = DAY + timedelta(days=1)
    for token, batch_id in ((device.token, "a"), (other_token, "a")):
        with api.client(token) as client:
            body = batch(batch_id, ("backups.made", DAY, 1), ("backups.made", next_day, 4))
            assert client.post("/v1/usage", json=body).json()["accepted"]
    assert totals(report(api, device)) == {
        (DAY.isoformat(), "backups.made"): 2, (next_day.isoformat(), "backups.made"): 8}
    one_day = report(api, device, to=DAY.isoformat(), per_device="true")
    assert {(row["device_id"], row["value"]) for row in one_day["rows"]} == {
        (str(device.device_id), 1), (str(other_id), 1)}
    assert (one_day["from_day"], one_day["to_day"]) == (DAY.isoformat(), DAY.isoformat())


INVALID_COUNTERS = [
    ({"name": "Entries-Posted", "day": DAY.isoformat(), "value": 1}, "counters.0.name"),
    ({"name": "entries", "day": DAY.isoformat(), "value": -1}, "counters.0.value"),
    ({"name": "entries", "day": DAY.isoformat(), "value": 10**9 + 1}, "counters.0.value"),
    ({"name": "entries", "day": "someday", "value": 1}, "counters.0.day"),
    ({"name": "entries", "day": DAY.isoformat(), "value": 1, "note": "x"}, "counters.0.note"),
    ({"name": "entries", "day": "2999-01-01", "value": 1}, "counters.0.day"),
]


def test_invalid_counters_are_refused_naming_the_field(api: Api) -> None:
    device = new_device(api)
    with api.client(device.token) as client:
        for counter, field in INVALID_COUNTERS:
            response = client.post("/v1/usage", json={"batch_id": "x", "counters": [counter]})
            assert response.status_code == 422, counter
            error = response.json()["error"]
            assert error["code"] == "validation_error"
            assert field in error["message"], (counter, error["message"])
        assert client.post("/v1/usage", json=batch("x")).json()["accepted"]


def test_batch_limits(api: Api) -> None:
    device = new_device(api)
    too_many = batch("big", *[("entries.posted", DAY, 1)] * 1001)
    with api.client(device.token) as client:
        assert client.post("/v1/usage", json=batch("y" * 65)).status_code == 422
        response = client.post("/v1/usage", json=too_many)
    assert response.status_code == 422
    assert "counters" in response.json()["error"]["message"]


def test_usage_needs_a_device_token(api: Api) -> None:
    _, admin_token = api.new_tenant()
    with api.client(admin_token) as client:
        response = client.post("/v1/usage", json=batch("z"))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


def test_a_tenant_sees_only_its_own_usage(api: Api) -> None:
    a, b = new_device(api, "Cabinet A"), new_device(api, "Cabinet B")
    for device, value in ((a, 1), (b, 100)):
        with api.client(device.token) as client:
            client.post("/v1/usage", json=batch("same-id", ("entries.posted", DAY, value)))
    assert totals(report(api, a)) == {(DAY.isoformat(), "entries.posted"): 1}
    with api.client(b.admin_token) as client:
        refused = client.get(f"/v1/admin/tenants/{a.tenant_id}/usage")
    assert refused.status_code == 404
    assert refused.json()["error"]["code"] == "not_found"
    with api.operator as client:
        assert client.get(f"/v1/admin/tenants/{uuid.uuid4()}/usage").status_code == 404
        seen = client.get(f"/v1/admin/tenants/{b.tenant_id}/usage",
                          params={"from": DAY.isoformat(), "to": DAY.isoformat()}).json()
    assert totals(seen) == {(DAY.isoformat(), "entries.posted"): 100}


def test_a_period_that_ends_before_it_starts_is_refused(api: Api) -> None:
    device = new_device(api)
    with api.client(device.admin_token) as client:
        response = client.get(f"/v1/admin/tenants/{device.tenant_id}/usage",
                              params={"from": "2026-03-05", "to": "2026-03-01"})
    assert response.status_code == 422
    assert response.json()["error"]["message"].startswith("from:")


def test_cli_prints_the_report(api: Api, capsys: pytest.CaptureFixture[str]) -> None:
    device = new_device(api)
    with api.client(device.token) as client:
        client.post("/v1/usage", json=batch("c", ("entries.posted", DAY, 7)))
    settings = ["--data-dir", str(api.settings.data_dir)]
    if api.settings.database_url:
        settings += ["--database-url", api.settings.database_url]
    command = ["admin", "usage", device.tenant_id, "--from", DAY.isoformat(),
               "--to", DAY.isoformat(), *settings]
    assert cli_main([*command, "--json"]) == 0
    assert totals(json.loads(capsys.readouterr().out)) == {
        (DAY.isoformat(), "entries.posted"): 7}
    assert cli_main(command) == 0
    text = capsys.readouterr().out
    assert "entries.posted" in text and text.split()[-1] == "7"
    with pytest.raises(SystemExit):
        cli_main([*command[:3], "--from", "March", *settings])
    assert "not a date" in capsys.readouterr().err


def test_a_period_ending_in_the_first_days_of_the_calendar_starts_with_them(api: Api) -> None:
    """The default start, 29 days before ``to``, used to overflow into a 500 near year 1."""
    device = new_device(api)
    with api.client(device.admin_token) as client:
        response = client.get(f"/v1/admin/tenants/{device.tenant_id}/usage",
                              params={"to": "0001-01-10"})
    assert response.status_code == 200, response.text
    assert response.json()["from_day"] == "0001-01-01"


def test_counters_of_days_before_the_window_are_dropped_and_said_so(api: Api) -> None:
    """A device could fill the database with one row per day back to year 1."""
    device = new_device(api)
    today = datetime.now(UTC).date()
    oldest_kept = today - timedelta(days=MAX_COUNTER_AGE_DAYS)
    with api.client(device.token) as client:
        receipt = client.post("/v1/usage", json=batch(
            "old", ("entries.posted", date(1, 1, 5), 3),
            ("entries.posted", oldest_kept - timedelta(days=1), 4),
            ("entries.posted", oldest_kept, 5))).json()
    assert receipt == {"batch_id": "old", "accepted": True, "duplicate": False, "dropped": 2}
    with database(api) as connection:
        days = connection.execute(sa.select(t.usage_counter.c.day).where(
            t.usage_counter.c.tenant_id == UUID(device.tenant_id))).scalars().all()
    assert days == [oldest_kept]


def test_a_device_has_a_bounded_number_of_names_a_day(api: Api) -> None:
    device = new_device(api)
    names = [f"feature.n{index:03d}" for index in range(MAX_NAMES_PER_DAY)]
    with api.client(device.token) as client:
        first = client.post("/v1/usage", json=batch(
            "a", *[(name, DAY, 1) for name in names[:-1]]))
        assert first.status_code == 200, first.text
        again = client.post("/v1/usage", json=batch("b", (names[0], DAY, 1), (names[-1], DAY, 1)))
        assert again.status_code == 200, again.text
        refused = client.post("/v1/usage", json=batch(
            "c", ("feature.extra", DAY, 1), ("feature.extra", DAY + timedelta(days=1), 1)))
        assert refused.status_code == 422
        message = refused.json()["error"]["message"]
        assert DAY.isoformat() in message and str(MAX_NAMES_PER_DAY) in message
        # refused whole, its id too: the same batch without the excess is counted
        fixed = client.post("/v1/usage", json=batch(
            "c", ("feature.extra", DAY + timedelta(days=1), 1)))
        assert fixed.json()["accepted"]
    with database(api) as connection:
        count = connection.execute(
            sa.select(sa.func.count()).select_from(t.usage_counter)
            .where(t.usage_counter.c.tenant_id == UUID(device.tenant_id),
                   t.usage_counter.c.day == DAY)).scalar_one()
    assert count == MAX_NAMES_PER_DAY


def test_a_device_sends_a_bounded_number_of_batches_a_day(api: Api) -> None:
    device = new_device(api)
    now = datetime.now(UTC)
    with database(api) as connection:  # as if the device had sent its day's worth already
        connection.execute(t.usage_batch.insert(), [
            {"tenant_id": UUID(device.tenant_id), "device_id": device.device_id,
             "batch_id": f"earlier-{index}", "received_at": now}
            for index in range(MAX_BATCHES_PER_DAY)])
    with api.client(device.token) as client:
        refused = client.post("/v1/usage", json=batch("one-more", ("entries.posted", DAY, 1)))
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "rate_limited"
    assert 0 < int(refused.headers["Retry-After"]) <= 86_400


def test_the_report_is_paged_and_its_period_bounded(api: Api) -> None:
    device = new_device(api)
    other_id, other_token = insert_device(api.settings, device.tenant_id)
    days = [DAY - timedelta(days=offset) for offset in range(3)]
    for token in (device.token, other_token):
        with api.client(token) as client:
            client.post("/v1/usage", json=batch(
                "p", *[(name, day, 1) for day in days for name in ("a.one", "b.two")]))
    pages, cursor = [], None
    while True:
        params = {"from": days[-1].isoformat(), "to": DAY.isoformat(), "limit": "4",
                  "per_device": "true", **({"cursor": cursor} if cursor else {})}
        with api.client(device.admin_token) as client:
            response = client.get(f"/v1/admin/tenants/{device.tenant_id}/usage", params=params)
        assert response.status_code == 200, response.text
        pages.append(response.json()["rows"])
        cursor = response.json()["next_cursor"]
        if cursor is None:
            break
    assert [len(page) for page in pages] == [4, 4, 4]
    keys = [(row["day"], row["name"], row["device_id"]) for page in pages for row in page]
    assert keys == sorted(keys) and len(set(keys)) == 12
    assert {row["device_id"] for page in pages for row in page} == {
        str(device.device_id), str(other_id)}
    with api.client(device.admin_token) as client:
        url = f"/v1/admin/tenants/{device.tenant_id}/usage"
        too_long = client.get(url, params={"from": "2020-01-01", "to": "2021-01-01"})
        assert too_long.status_code == 422 and "366" in too_long.json()["error"]["message"]
        assert client.get(url, params={"limit": "10001"}).status_code == 422
        forged = client.get(url, params={"cursor": "bm90LWEtY3Vyc29y"})
        assert forged.status_code == 400 and forged.json()["error"]["code"] == "bad_request"


def test_old_batch_ids_and_counters_are_pruned(api: Api) -> None:
    device = new_device(api)
    tenant, now = UUID(device.tenant_id), datetime.now(UTC)
    with database(api) as connection:
        connection.execute(t.usage_batch.insert(), [
            {"tenant_id": tenant, "device_id": device.device_id, "batch_id": batch_id,
             "received_at": received}
            for batch_id, received in (("old", now - BATCH_MEMORY - timedelta(hours=1)),
                                       ("recent", now - BATCH_MEMORY + timedelta(hours=1)))])
        connection.execute(t.usage_counter.insert(), [
            {"tenant_id": tenant, "device_id": device.device_id, "day": day, "name": "x",
             "value": 1}
            for day in (now.date() - timedelta(days=31), now.date() - timedelta(days=29))])
    store = Store(make_engine(api.settings.resolved_database_url, pool_size=1))
    try:  # counted over every tenant: on PostgreSQL other tests' rows share the database
        batches, counters = prune(store, retention_days=30, now=now)
        assert batches >= 1 and counters >= 1
        assert prune(store, retention_days=0, now=now)[1] == 0
    finally:
        store.dispose()
    with database(api) as connection:
        assert connection.execute(sa.select(t.usage_batch.c.batch_id).where(
            t.usage_batch.c.tenant_id == tenant)).scalars().all() == ["recent"]
        assert connection.execute(sa.select(t.usage_counter.c.day).where(
            t.usage_counter.c.tenant_id == tenant)).scalars().all() == [
            now.date() - timedelta(days=29)]
