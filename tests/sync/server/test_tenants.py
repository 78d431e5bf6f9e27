"""Tenants through the admin API: who may create, see and change them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Api

from sync.server.cli import main


def test_operator_creates_a_tenant_whose_admin_sees_only_it(api: Api) -> None:
    a_id, a_token = api.new_tenant("Cabinet A")
    b_id, _ = api.new_tenant("Cabinet B")
    with api.client(a_token) as client:
        listing = client.get("/v1/admin/tenants").json()
        assert [x["tenant_id"] for x in listing] == [a_id]
        assert client.get(f"/v1/admin/tenants/{a_id}").json()["name"] == "Cabinet A"
        other = client.get(f"/v1/admin/tenants/{b_id}")
        assert other.status_code == 404
        assert other.json()["error"]["code"] == "not_found"
        assert client.patch(f"/v1/admin/tenants/{b_id}", json={"name": "x"}).status_code == 404
        assert client.post("/v1/admin/tenants", json={"name": "C"}).status_code == 403
    with api.operator as client:
        names = {x["name"] for x in client.get("/v1/admin/tenants").json()}
    assert {"Cabinet A", "Cabinet B"} <= names


def test_admin_token_revoked_stops_working(api: Api) -> None:
    tenant_id, token = api.new_tenant()
    with api.client(token) as client:
        second = client.post(f"/v1/admin/tenants/{tenant_id}/admin-tokens").json()
    with api.client(second["token"]) as client:
        assert client.get(f"/v1/admin/tenants/{tenant_id}").status_code == 200
        client.post(f"/v1/admin/tenants/{tenant_id}/admin-tokens/{second['token_id']}/revoke")
        refused = client.get(f"/v1/admin/tenants/{tenant_id}")
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "unauthenticated"


def test_missing_or_wrong_token_is_a_json_401(api: Api) -> None:
    with api.client() as client:
        response = client.get("/v1/admin/tenants")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"
    with api.client("adm_nonsense") as client:
        assert client.get("/v1/admin/tenants").status_code == 401


def test_validation_error_names_the_field(api: Api) -> None:
    with api.operator as client:
        response = client.post("/v1/admin/tenants", json={"name": ""})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert "name" in error["message"]


def test_a_name_with_control_characters_is_refused(api: Api) -> None:
    """PostgreSQL cannot store NUL: such a name is a validation error, not a 500."""
    tenant_id, _ = api.new_tenant()
    with api.operator as client:
        created = client.post("/v1/admin/tenants", json={"name": "Cabinet\x00Test"})
        renamed = client.patch(f"/v1/admin/tenants/{tenant_id}", json={"name": "Cabinet\nTest"})
    for response in (created, renamed):
        assert response.status_code == 422, response.text
        assert response.json()["error"]["code"] == "validation_error"
        assert "control characters" in response.json()["error"]["message"]


def test_cli_usage_errors_are_one_line_and_hide_the_settings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--data-dir", str(tmp_path), "admin", "tenant", "show", "not-an-id"])
    err = capsys.readouterr().err
    assert exited.value.code == 1
    assert err.count("\n") == 1 and "not an id: 'not-an-id'" in err
    with pytest.raises(SystemExit):
        main(["admin", "tenant", "show", "--help"])
    usage = capsys.readouterr().out.split("\n\n")[0]
    assert "[SETTINGS]" in usage and "--database-url" not in usage
