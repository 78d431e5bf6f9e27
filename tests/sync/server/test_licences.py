"""Licences and devices as administrators manage them: the admin API, the CLI, the signing key."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import Api

from sync.server.cli import main
from sync.server.settings import Settings


def issue(client: httpx.Client, tenant_id: str, **spec: Any) -> httpx.Response:
    return client.post(f"/v1/admin/tenants/{tenant_id}/licences",
                       json={"edition": "pro", "seats": 2, **spec})


def activate(api: Api, key: str, fingerprint: str) -> dict[str, Any]:
    with api.client() as client:
        response = client.post("/v1/activations", json={
            "licence_key": key, "fingerprint": fingerprint, "device_name": "Front desk"})
    assert response.status_code == 201, response.text
    return response.json()


def test_licence_key_is_shown_once_and_listed_by_hint(api: Api) -> None:
    tenant_id, token = api.new_tenant()
    expires = (datetime.now(UTC) + timedelta(days=365)).replace(microsecond=0)
    with api.operator as client:
        issued = issue(client, tenant_id, features=["payroll", "vat", "payroll"],
                       expires_at=expires.isoformat())
    assert issued.status_code == 201, issued.text
    key, licence = issued.json()["licence_key"], issued.json()["licence"]
    assert key.startswith("DAFTAR-") and licence["key_hint"] == key[-4:]
    assert licence["features"] == ["payroll", "vat"]
    assert datetime.fromisoformat(licence["expires_at"]) == expires
    with api.client(token) as client:
        listing = client.get(f"/v1/admin/tenants/{tenant_id}/licences")
        assert key not in listing.text
        assert [x["licence_id"] for x in listing.json()] == [licence["licence_id"]]
    activate(api, key, "fingerprint-A")
    path = f"/v1/admin/tenants/{tenant_id}/licences/{licence['licence_id']}"
    with api.client(token) as client:
        assert client.get(path).json()["seats_used"] == 1
    with api.operator as client:
        assert client.post(f"{path}/revoke").status_code == 204
        assert client.post(f"{path}/revoke").status_code == 204
        assert client.get(path).json()["revoked_at"] is not None
        missing = f"/v1/admin/tenants/{tenant_id}/licences/{uuid.uuid4()}"
        assert client.get(missing).status_code == 404
        assert client.post(f"{missing}/revoke").status_code == 404


def test_invalid_licences_are_refused(api: Api) -> None:
    tenant_id, _ = api.new_tenant()
    past = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    with api.operator as client:
        for spec in ({"seats": 0}, {"expires_at": past}, {"features": ["Not A Feature"]},
                     {"expires_at": "2030-01-01T00:00:00"}):
            refused = issue(client, tenant_id, **spec)
            assert refused.status_code == 422, spec
            assert refused.json()["error"]["code"] == "validation_error"
        assert issue(client, str(uuid.uuid4())).status_code == 404


def test_only_the_operator_issues_or_revokes_licences(api: Api) -> None:
    """A tenant's administrator could otherwise sign itself any licence with the vendor's key;
    it still sees its licences and devices, and frees seats."""
    tenant_id, token = api.new_tenant()
    with api.operator as operator:
        licence = issue(operator, tenant_id).json()
    device = activate(api, licence["licence_key"], "fingerprint-A")
    base = f"/v1/admin/tenants/{tenant_id}"
    path = f"{base}/licences/{licence['licence']['licence_id']}"
    with api.client(token) as client:
        for refused in (issue(client, tenant_id, edition="enterprise", seats=100_000),
                        client.post(f"{path}/revoke")):
            assert refused.status_code == 403, refused.text
            assert refused.json()["error"]["code"] == "forbidden"
            assert "operator" in refused.json()["error"]["message"]
        listed = client.get(f"{base}/licences").json()
        assert [(x["licence_id"], x["revoked_at"]) for x in listed] == [
            (licence["licence"]["licence_id"], None)]
        assert client.get(path).status_code == 200
        assert [d["device_id"] for d in client.get(f"{base}/devices").json()] == [
            device["device_id"]]
        freed = client.post(f"{base}/devices/{device['device_id']}/deactivate")
        assert freed.status_code == 204
        assert client.get(path).json()["seats_used"] == 0


def test_admin_lists_devices_with_lease_and_deactivates_one(api: Api) -> None:
    tenant_id, token = api.new_tenant()
    with api.operator as client:
        first = issue(client, tenant_id).json()
        second = issue(client, tenant_id).json()
    a = activate(api, first["licence_key"], "fingerprint-A")
    activate(api, second["licence_key"], "fingerprint-B")
    with api.client(token) as client:
        devices = client.get(f"/v1/admin/tenants/{tenant_id}/devices").json()
        assert {d["fingerprint"] for d in devices} == {"fingerprint-A", "fingerprint-B"}
        assert all(d["holds_seat"] and d["lease_end"] and d["last_seen_at"] for d in devices)
        only = client.get(f"/v1/admin/tenants/{tenant_id}/devices",
                          params={"licence_id": first["licence"]["licence_id"]}).json()
        assert [d["device_id"] for d in only] == [a["device_id"]]
        path = f"/v1/admin/tenants/{tenant_id}/devices/{a['device_id']}/deactivate"
        assert client.post(path).status_code == 204
        after = client.get(f"/v1/admin/tenants/{tenant_id}/devices",
                           params={"licence_id": first["licence"]["licence_id"]}).json()
        assert after[0]["deactivated_at"] is not None and after[0]["holds_seat"] is False
        missing = f"/v1/admin/tenants/{tenant_id}/devices/{uuid.uuid4()}/deactivate"
        assert client.post(missing).status_code == 404


def test_tenant_b_cannot_reach_tenant_a_licences_or_devices(api: Api) -> None:
    a_id, a_token = api.new_tenant("Cabinet A")
    b_id, b_token = api.new_tenant("Cabinet B")
    with api.operator as client:
        licence = issue(client, a_id).json()
    device = activate(api, licence["licence_key"], "fingerprint-A")
    licence_id, device_id = licence["licence"]["licence_id"], device["device_id"]
    with api.client(b_token) as client:
        for method, path in (
            ("GET", f"/v1/admin/tenants/{a_id}/licences"),
            ("GET", f"/v1/admin/tenants/{a_id}/licences/{licence_id}"),
            ("GET", f"/v1/admin/tenants/{a_id}/devices"),
            ("POST", f"/v1/admin/tenants/{a_id}/devices/{device_id}/deactivate"),
            ("GET", f"/v1/admin/tenants/{b_id}/licences/{licence_id}"),
            ("POST", f"/v1/admin/tenants/{b_id}/devices/{device_id}/deactivate"),
        ):
            response = client.request(method, path)
            assert response.status_code == 404, (method, path, response.text)
        for path in (f"/v1/admin/tenants/{a_id}/licences/{licence_id}/revoke",
                     f"/v1/admin/tenants/{b_id}/licences/{licence_id}/revoke"):
            assert client.post(path).status_code == 403, path
        assert issue(client, a_id).status_code == 403
        assert client.get(f"/v1/admin/tenants/{b_id}/devices").json() == []
        assert client.get(f"/v1/admin/tenants/{b_id}/licences").json() == []
    with api.client(a_token) as client:
        mine = client.get(f"/v1/admin/tenants/{a_id}/licences/{licence_id}").json()
    assert mine["revoked_at"] is None and mine["seats_used"] == 1


def cli(api: Api, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """Run ``daftar-server`` on the same database and keys as the running service."""
    settings: Settings = api.settings
    options = ["--data-dir", str(settings.data_dir)]
    if settings.database_url:
        options += ["--database-url", settings.database_url]
    status = main([*argv, *options])
    return status, capsys.readouterr().out


def test_cli_issues_lists_revokes_and_manages_devices(
    api: Api, capsys: pytest.CaptureFixture[str]
) -> None:
    tenant_id, _ = api.new_tenant()
    status, out = cli(api, capsys, "admin", "licence", "issue", tenant_id, "--edition", "firm",
                      "--seats", "3", "--feature", "payroll", "--expires", "2099-12-31",
                      "--json")
    issued = json.loads(out)
    assert status == 0 and issued["licence"]["seats"] == 3
    assert issued["licence"]["expires_at"].startswith("2100-01-01T00:00:00")
    device = activate(api, issued["licence_key"], "fingerprint-A")

    status, out = cli(api, capsys, "admin", "licence", "list", tenant_id, "--json")
    assert [x["seats_used"] for x in json.loads(out)] == [1]
    status, out = cli(api, capsys, "admin", "device", "list", tenant_id)
    assert device["device_id"] in out and "Front desk" in out
    status, _ = cli(api, capsys, "admin", "device", "deactivate", tenant_id, device["device_id"])
    assert status == 0
    licence_id = issued["licence"]["licence_id"]
    status, _ = cli(api, capsys, "admin", "licence", "revoke", tenant_id, licence_id)
    assert status == 0
    _, out = cli(api, capsys, "admin", "licence", "list", tenant_id)
    assert "REVOKED" in out and "0/3 seats" in out
    assert cli(api, capsys, "admin", "licence", "issue", tenant_id, "--edition", "x",
               "--seats", "0")[0] == 1


def test_public_key_is_served_and_printed_alike(
    api: Api, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with api.client() as client:
        served = client.get("/v1/licence-keys").json()
    status, out = cli(api, capsys, "keys", "licence-public", "--json")
    printed = json.loads(out)
    assert status == 0
    assert served["keys"] == [{**printed, "algorithm": "ed25519"}]
    assert served["signing_key_id"] == printed["key_id"]

    new_key = tmp_path / "next-licence-key.pem"
    status, out = cli(api, capsys, "keys", "generate", str(new_key), "--json")
    generated = json.loads(out)
    assert status == 0 and new_key.stat().st_mode & 0o077 == 0
    assert generated["key_id"] != printed["key_id"]
    assert cli(api, capsys, "keys", "generate", str(new_key))[0] == 1


def test_an_edition_or_expiry_the_database_cannot_hold_is_refused(api: Api) -> None:
    """A NUL in the edition, or an expiry past year 9999 once in UTC, used to end in a 500."""
    tenant_id, _ = api.new_tenant()
    with api.operator as client:
        refused = [issue(client, tenant_id, edition="pro\x00"),
                   issue(client, tenant_id, expires_at="9999-12-31T23:00:00-01:00")]
        assert client.get(f"/v1/admin/tenants/{tenant_id}/licences").json() == []
    for response, field in zip(refused, ("edition", "expires_at"), strict=True):
        assert response.status_code == 422, response.text
        assert response.json()["error"]["code"] == "validation_error"
        assert field in response.json()["error"]["message"]
