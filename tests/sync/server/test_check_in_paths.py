"""The check-in's two paths on PostgreSQL agree: straight through psycopg, or SQLAlchemy's.

A device holding its seat renews through psycopg; one whose lease lapsed is rolled back there and
goes the SQLAlchemy way. Both must write and sign the same, whatever the session's time zone.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from conftest import Api

from sync.server import checkin
from sync.server import schema as t
from sync.server.activation import Issuer
from sync.server.db import Store, normalise_url
from sync.server.keys import load_or_create
from sync.server.tokens import hash_token
from sync.wire.licence import verify_licence


@pytest.fixture
def store(api: Api, backend: str) -> Iterator[Store]:
    """The service's database, read in a session time zone far from UTC."""
    if backend != "postgres":
        pytest.skip("SQLite has one path")
    engine = sa.create_engine(normalise_url(api.settings.resolved_database_url),
                              connect_args={"options": "-c TimeZone=Pacific/Kiritimati"})
    try:
        yield Store(engine)
    finally:
        engine.dispose()


def _device(api: Api, seats: int = 1) -> tuple[str, dict[str, str]]:
    tenant_id, _ = api.new_tenant()
    with api.operator as operator:
        key = operator.post(f"/v1/admin/tenants/{tenant_id}/licences",
                            json={"edition": "pro", "seats": seats,
                                  "expires_at": "2099-01-01T00:00:00Z"}).json()["licence_key"]
    with api.client() as client:
        device = client.post("/v1/activations", json={
            "licence_key": key, "fingerprint": "fingerprint-paths",
            "device_name": "PC"}).json()
    return tenant_id, device


def _lease_end(store: Store, tenant_id: str, device_id: str) -> datetime:
    with store.tenant(uuid.UUID(tenant_id)) as connection:
        return connection.execute(sa.select(t.device.c.lease_end).where(
            t.device.c.device_id == uuid.UUID(device_id))).scalar_one()


def _lapse(store: Store, tenant_id: str, device_id: str) -> None:
    with store.tenant(uuid.UUID(tenant_id)) as connection:
        connection.execute(t.device.update().where(t.device.c.device_id == uuid.UUID(device_id))
                           .values(lease_end=datetime.now(UTC) - timedelta(minutes=1)))


@pytest.mark.parametrize("lapsed", [False, True], ids=["holding its seat", "lapsed"])
def test_both_paths_renew_and_sign_in_utc(api: Api, store: Store, lapsed: bool) -> None:
    tenant_id, device = _device(api)
    if lapsed:
        _lapse(store, tenant_id, device["device_id"])
    key = load_or_create(api.settings.licence_key_path, "licence signing", create=False)
    issuer = Issuer.of(api.settings, key)
    answer = checkin.check_in(store, issuer=issuer, token_hash=hash_token(device["device_token"]),
                              app_version="2.0.0")
    doc = verify_licence(answer.licence, {answer.licence.key_id: key.public_key()})
    assert doc.lease_end == answer.lease_end
    assert doc.lease_end.utcoffset() == doc.expires_at.utcoffset() == timedelta(0)
    assert doc.expires_at == datetime(2099, 1, 1, tzinfo=UTC)
    assert abs(doc.lease_end - datetime.now(UTC) - timedelta(days=api.settings.lease_days)) < (
        timedelta(minutes=1))
    assert _lease_end(store, tenant_id, device["device_id"]) == answer.lease_end
