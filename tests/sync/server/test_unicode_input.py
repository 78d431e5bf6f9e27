"""A lone surrogate in any text field is a 422, never a 500 (the probe's four cases, over HTTP).

The JSON is written by hand: an encoder would refuse to produce it, which is exactly why the
service must not try to store it.
"""

from __future__ import annotations

import json

import httpx
import pytest
from conftest import Api

SURROGATE = "\\ud800"  # as it travels: six ASCII characters of JSON


def _post(client: httpx.Client, path: str, body: str, method: str = "POST") -> httpx.Response:
    return client.request(method, path, content=body.encode("ascii"),
                          headers={"Content-Type": "application/json"})


def _field_error(response: httpx.Response) -> str:
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"]["code"] == "validation_error"
    return json.dumps(body)


def test_tenant_names_refuse_a_lone_surrogate(api: Api) -> None:
    with api.operator as client:
        assert "name" in _field_error(_post(client, "/v1/admin/tenants",
                                            f'{{"name": "Cabinet {SURROGATE}"}}'))
        tenant_id, _ = api.new_tenant()
        _field_error(_post(client, f"/v1/admin/tenants/{tenant_id}",
                           f'{{"name": "{SURROGATE}"}}', method="PATCH"))
        assert client.get(f"/v1/admin/tenants/{tenant_id}").json()["name"] == "Cabinet Test"


def test_app_versions_refuse_a_lone_surrogate(api: Api) -> None:
    tenant_id, _ = api.new_tenant()
    with api.operator as client:
        issued = client.post(f"/v1/admin/tenants/{tenant_id}/licences",
                             json={"edition": "pro", "seats": 2})
        assert issued.status_code == 201, issued.text
        key = issued.json()["licence_key"]
    with api.client() as client:
        activation = (f'{{"licence_key": "{key}", "fingerprint": "fingerprint-1", '
                      f'"device_name": "PC", "app_version": "1.0{SURROGATE}"}}')
        assert "app_version" in _field_error(_post(client, "/v1/activations", activation))
        good = client.post("/v1/activations", json={
            "licence_key": key, "fingerprint": "fingerprint-1", "device_name": "PC"})
        assert good.status_code in (200, 201), good.text
        token = good.json()["device_token"]
    with api.client(token) as client:
        assert "app_version" in _field_error(
            _post(client, "/v1/devices/me/check-in", f'{{"app_version": "{SURROGATE}"}}'))
        assert client.post("/v1/devices/me/check-in", json={}).status_code == 200


def test_tuf_root_refuses_a_lone_surrogate(api: Api) -> None:
    with api.operator as client:
        assert "root" in _field_error(_post(client, "/v1/admin/tuf/root",
                                            f'{{"root": "{{\\"signed\\": \\"{SURROGATE}\\"}}"}}'))


@pytest.mark.parametrize("text", ["\\udfff", "a\\ud800b", "\\ud800\\u0041"])
def test_other_unpaired_halves_are_refused_and_a_real_pair_is_kept(api: Api, text: str) -> None:
    with api.operator as client:
        _field_error(_post(client, "/v1/admin/tenants", f'{{"name": "{text}"}}'))
        paired = _post(client, "/v1/admin/tenants", '{"name": "Cabinet \\ud83d\\udcd2"}')
        assert paired.status_code == 201, paired.text
        assert paired.json()["tenant"]["name"] == "Cabinet \U0001f4d2"
