"""Tenant isolation through every endpoint of the API, on SQLite and on PostgreSQL.

Two tenants, A and B, are populated through the real API (licence, activated device, extra admin
token, backup chunks and snapshots, usage counters); then A's credentials are aimed at B's objects
by every operation the service publishes, and B is re-read to show nothing changed.

:data:`OPERATIONS` classifies each operation of the OpenAPI document. A new endpoint fails
:func:`test_every_operation_is_classified` until it is entered there, and entering it enrols it in
the sweep of its class (or, for the classes checked by hand, fails the coverage assertion of the
test that must exercise it), so no endpoint can skip the isolation check.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import OPERATOR_TOKEN, Api, live_server
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from test_backups import chunk, snapshot_body

from sync.server.app import create_app
from sync.server.settings import Settings
from sync.wire.licence import b64decode, build_offline_request, dump_file

PUBLIC = "public"  # no credential; must reveal nothing of any tenant
OPERATOR = "operator"  # the operator's token only
TENANT_ADMIN = "tenant admin"  # /v1/admin/tenants/{tenant_id}/…: the tenant's admins
ADMIN_LISTING = "admin listing"  # a tenant admin sees their own tenant only
DEVICE = "device"  # a device on its tenant's objects, named in the path or body
DEVICE_SELF = "device self"  # a device on itself: /v1/devices/me/…, /v1/usage
LICENCE_KEY = "licence key"  # the holder of a licence key, on that licence's devices


@dataclass(frozen=True)
class Call:
    """How the sweep calls an operation; strings hold ``{placeholders}`` for the ids."""

    scope: str
    json: Any = None
    params: dict[str, str] | None = None
    content: bytes | None = None
    path_ids: dict[str, str] = field(default_factory=dict)
    foreign: tuple[int, ...] = (403, 404)
    """Statuses allowed when A's credential meets B's objects."""


_ADMIN = "/v1/admin/tenants/{tenant_id}"
# A snapshot must name a chunk: the one the chunk PUT below (sent first) stored in A under that id.
_SNAPSHOT_OF_A = {"backup_set": "set-of-a", "taken_at": "{now}",
                  "chunk_ids": ["{spare_chunk_id}"], "total_size": 0,
                  "manifest": base64.b64encode(b"manifest of A").decode()}

OPERATIONS: dict[tuple[str, str], Call] = {
    ("GET", "/healthz"): Call(PUBLIC),
    ("GET", "/readyz"): Call(PUBLIC),
    ("GET", "/metrics"): Call(PUBLIC),
    ("GET", "/v1/licence-keys"): Call(PUBLIC),
    ("GET", "/tuf/metadata/{name}"): Call(PUBLIC),
    ("GET", "/tuf/targets/{path}"): Call(PUBLIC),
    ("POST", "/v1/admin/tenants"): Call(OPERATOR, json={"name": "Not allowed"}),
    ("POST", "/v1/admin/gc"): Call(OPERATOR, params={"tenant_id": "{tenant_id}"}),
    ("GET", "/v1/admin/tuf/online-key"): Call(OPERATOR),
    ("POST", "/v1/admin/tuf/root"): Call(OPERATOR, json={"root": "{}"}),
    ("POST", "/v1/admin/tuf/targets"): Call(OPERATOR, json={"targets": "{}"}),
    ("PUT", "/v1/admin/releases/files/{sha256}"): Call(OPERATOR, content=b"release"),
    ("POST", "/v1/admin/releases"): Call(
        OPERATOR, json={"targets": "{}", "target_path": "stable/daftar.tar.gz"}),
    ("GET", "/v1/admin/releases"): Call(OPERATOR),
    ("PATCH", "/v1/admin/releases/{channel}/{version}"): Call(
        OPERATOR, json={"rollout_percent": 0}),
    ("GET", "/v1/admin/tenants"): Call(ADMIN_LISTING),
    ("GET", _ADMIN): Call(TENANT_ADMIN),
    ("PATCH", _ADMIN): Call(TENANT_ADMIN, json={"name": "Taken over", "keep_daily": 0}),
    ("POST", f"{_ADMIN}/admin-tokens"): Call(TENANT_ADMIN),
    ("POST", f"{_ADMIN}/admin-tokens/{{token_id}}/revoke"): Call(TENANT_ADMIN),
    # Licences are signed with the vendor's key: issuing and revoking are the operator's alone.
    ("POST", f"{_ADMIN}/licences"): Call(OPERATOR, json={"edition": "pro", "seats": 5}),
    ("GET", f"{_ADMIN}/licences"): Call(TENANT_ADMIN),
    ("GET", f"{_ADMIN}/licences/{{licence_id}}"): Call(TENANT_ADMIN),
    ("POST", f"{_ADMIN}/licences/{{licence_id}}/revoke"): Call(OPERATOR),
    ("GET", f"{_ADMIN}/devices"): Call(TENANT_ADMIN, params={"licence_id": "{licence_id}"}),
    ("POST", f"{_ADMIN}/devices/{{device_id}}/deactivate"): Call(TENANT_ADMIN),
    ("GET", f"{_ADMIN}/usage"): Call(TENANT_ADMIN, params={"per_device": "true"}),
    ("DELETE", f"{_ADMIN}/snapshots/{{snapshot_id}}"): Call(TENANT_ADMIN),
    # Device sweep order matters: reads of B's ids before A's uploads under B's spare ids.
    ("HEAD", "/v1/backups/chunks/{chunk_id}"): Call(DEVICE, foreign=(404,)),
    ("GET", "/v1/backups/chunks/{chunk_id}"): Call(DEVICE, foreign=(404,)),
    ("POST", "/v1/backups/chunks/missing"): Call(
        DEVICE, json={"chunk_ids": ["{chunk_id}"]}, foreign=(200,)),
    ("GET", "/v1/backups/snapshots/{snapshot_id}"): Call(DEVICE, foreign=(404,)),
    ("DELETE", "/v1/backups/snapshots/{snapshot_id}"): Call(DEVICE, foreign=(404,)),
    ("GET", "/v1/backups/snapshots"): Call(
        DEVICE, params={"backup_set": "{backup_set}"}, foreign=(200,)),
    ("PUT", "/v1/backups/chunks/{chunk_id}"): Call(
        DEVICE, content=b"bytes of tenant A", path_ids={"chunk_id": "spare_chunk_id"},
        foreign=(201,)),
    ("PUT", "/v1/backups/snapshots/{snapshot_id}"): Call(
        DEVICE, json=_SNAPSHOT_OF_A, path_ids={"snapshot_id": "spare_snapshot_id"},
        foreign=(201,)),
    # A's leases live in A's own namespace: B's set name read or taken by A is A's own lease.
    ("GET", "/v1/leases/{backup_set}"): Call(DEVICE, foreign=(200,)),
    ("POST", "/v1/leases/{backup_set}/take"): Call(DEVICE, json={}, foreign=(200,)),
    ("POST", "/v1/leases/{backup_set}/release"): Call(DEVICE, foreign=(200, 409)),
    ("POST", "/v1/devices/me/check-in"): Call(DEVICE_SELF, json={}),
    ("POST", "/v1/devices/me/deactivate"): Call(DEVICE_SELF),
    ("GET", "/v1/devices/me/updates"): Call(DEVICE_SELF),
    ("POST", "/v1/usage"): Call(DEVICE_SELF),
    ("POST", "/v1/activations"): Call(LICENCE_KEY),
    ("POST", "/v1/activations/offline"): Call(LICENCE_KEY),
    ("POST", "/v1/activations/devices"): Call(LICENCE_KEY),
    ("POST", "/v1/activations/release"): Call(LICENCE_KEY),
}

FIXED_IDS = {"channel": "stable", "version": "9.9.9", "sha256": "ab" * 32,
             "name": "timestamp.json", "path": "stable/ab.daftar.tar.gz"}


PATH_PARAMETER = re.compile(r"{(\w+)}")


def of_scope(*scopes: str) -> list[tuple[str, str, Call]]:
    return [(method, path, call) for (method, path), call in OPERATIONS.items()
            if call.scope in scopes]


def fill(value: Any, ids: dict[str, str]) -> Any:
    if isinstance(value, str):
        return value.format(**ids) if "{" in value and value != "{}" else value
    if isinstance(value, dict):
        return {key: fill(item, ids) for key, item in value.items()}
    if isinstance(value, list):
        return [fill(item, ids) for item in value]
    return value


def send(client: httpx.Client, method: str, path: str, call: Call,
         ids: dict[str, str]) -> httpx.Response:
    """Call the operation with ``ids`` (and ``call.path_ids`` renaming some path parameters)."""
    path_ids = {**ids, **{name: ids[key] for name, key in call.path_ids.items()}}
    return client.request(method, path.format(**path_ids), json=fill(call.json, ids),
                          params=fill(call.params, ids), content=call.content)


def ok(response: httpx.Response) -> Any:
    assert response.is_success, f"{response.request.url}: {response.status_code} {response.text}"
    is_json = response.headers.get("content-type", "").startswith("application/json")
    return response.json() if is_json and response.content else response.content


def refusal(response: httpx.Response) -> tuple[int, str | None, str | None]:
    """What a refusal tells the caller; a foreign object must tell as much as a missing one."""
    error = response.json()["error"] if response.content else {}
    return response.status_code, error.get("code"), error.get("message")


@dataclass
class Tenant:
    """One tenant populated through the API, with its credentials and what it stored."""

    tenant_id: str
    name: str
    admin: httpx.Client
    extra_admin: httpx.Client
    token_id: str
    licence_id: str
    licence_key: str
    device: httpx.Client
    device_id: str
    fingerprint: str
    chunks: dict[str, bytes]
    snapshots: list[str]
    backup_set: str
    counter: str
    secrets: list[str]

    def ids(self) -> dict[str, str]:
        """Path and body values naming this tenant's objects (random ones where it has none)."""
        chunk_ids, snapshots = list(self.chunks), self.snapshots
        return {**random_ids(), "tenant_id": self.tenant_id, "licence_id": self.licence_id,
                "device_id": self.device_id, "token_id": self.token_id,
                "backup_set": self.backup_set,
                **({"chunk_id": chunk_ids[0], "spare_chunk_id": chunk_ids[-1]} if chunk_ids
                   else {}),
                **({"snapshot_id": snapshots[0], "spare_snapshot_id": snapshots[-1]}
                   if snapshots else {})}

    def assert_not_in(self, response: httpx.Response) -> None:
        leaked = [marker for marker in self.secrets if marker in response.text]
        assert not leaked, f"{response.request.method} {response.request.url} leaks {leaked}"


def random_ids() -> dict[str, str]:
    return {**FIXED_IDS, **{key: str(uuid.uuid4()) for key in (
        "tenant_id", "licence_id", "device_id", "token_id", "snapshot_id", "spare_snapshot_id")},
        "chunk_id": secrets.token_hex(32), "spare_chunk_id": secrets.token_hex(32),
        "backup_set": "no-such-set", "now": datetime.now(UTC).isoformat()}


def activate(api: Api, licence_key: str, fingerprint: str) -> dict[str, Any]:
    with api.client() as client:
        response = client.post("/v1/activations", json={
            "licence_key": licence_key, "fingerprint": fingerprint, "device_name": "Front desk"})
    assert response.status_code == 201, response.text
    return response.json()


def populate(api: Api, stack: ExitStack, label: str, *, backups: bool = True) -> Tenant:
    tag = secrets.token_hex(4)
    name = f"Cabinet {label} {tag}"
    tenant_id, admin_token = api.new_tenant(name)
    admin = stack.enter_context(api.client(admin_token))
    with api.operator as operator:
        licence = ok(operator.post(f"/v1/admin/tenants/{tenant_id}/licences",
                                   json={"edition": "pro", "seats": 5}))
    extra = ok(admin.post(f"/v1/admin/tenants/{tenant_id}/admin-tokens"))
    fingerprint = f"pc-of-{label}-{tag}"
    activation = activate(api, licence["licence_key"], fingerprint)
    device = stack.enter_context(api.client(activation["device_token"]))
    tenant = Tenant(
        tenant_id, name, admin, stack.enter_context(api.client(extra["token"])),
        extra["token_id"], licence["licence"]["licence_id"], licence["licence_key"], device,
        activation["device_id"], fingerprint, {}, [], f"set-of-{label}-{tag}",
        f"{label.lower()}.secret_{tag}", [])
    tenant.secrets = [tenant_id, name, extra["token_id"], tenant.licence_id,
                      tenant.licence_key, tenant.device_id, fingerprint, tenant.backup_set,
                      tenant.counter, admin_token, extra["token"], activation["device_token"]]
    if backups:
        store_backups(tenant, label, tag)
    return tenant


def store_backups(tenant: Tenant, label: str, tag: str) -> None:
    """Three chunks, two snapshots of the first two, and one usage batch."""
    for chunk_id, data in (chunk(300 + n) for n in range(3)):
        ok(tenant.device.put(f"/v1/backups/chunks/{chunk_id}", content=data))
        tenant.chunks[chunk_id] = data
    for n in range(2):
        snapshot_id, manifest = str(uuid.uuid4()), f"manifest of {label} {tag} {n}".encode()
        ok(tenant.device.put(f"/v1/backups/snapshots/{snapshot_id}", json=snapshot_body(
            list(tenant.chunks)[:2], backup_set=tenant.backup_set, manifest=manifest)))
        tenant.snapshots.append(snapshot_id)
        tenant.secrets.append(base64.b64encode(manifest).decode())
    latest = ok(tenant.device.get(f"/v1/leases/{tenant.backup_set}"))["latest_snapshot_id"]
    ok(tenant.device.post(f"/v1/leases/{tenant.backup_set}/take", json={"based_on": latest}))
    ok(tenant.device.post("/v1/usage", json={"batch_id": f"batch-{label}", "counters": [
        {"name": tenant.counter, "day": datetime.now(UTC).date().isoformat(), "value": 7}]}))


def state_of(tenant: Tenant) -> dict[str, Any]:
    """Everything of ``tenant`` the API shows, read with its own credentials (touching nothing);
    reading with the extra admin token and the device token proves both still work."""
    base = f"/v1/admin/tenants/{tenant.tenant_id}"
    chunks = {chunk_id: tenant.device.get(f"/v1/backups/chunks/{chunk_id}")
              for chunk_id in tenant.chunks}
    assert {key: r.content for key, r in chunks.items() if r.status_code == 200} == tenant.chunks
    return {
        "tenant": ok(tenant.admin.get(base)),
        "tenant (extra token)": ok(tenant.extra_admin.get(base)),
        "licences": ok(tenant.admin.get(f"{base}/licences")),
        "devices": ok(tenant.admin.get(f"{base}/devices")),
        "usage": ok(tenant.admin.get(f"{base}/usage", params={"per_device": "true"})),
        "listing": ok(tenant.device.get("/v1/backups/snapshots")),
        "snapshots": [ok(tenant.device.get(f"/v1/backups/snapshots/{snapshot_id}"))
                      for snapshot_id in tenant.snapshots],
        "lease": _lease_of(tenant),
    }


def _lease_of(tenant: Tenant) -> dict[str, Any] | None:
    """The tenant's writer lease as the service holds it (without the signing time)."""
    state = ok(tenant.device.get(f"/v1/leases/{tenant.backup_set}"))
    if state["lease"] is None:
        return None
    lease = json.loads(b64decode(state["lease"]["payload"]))
    lease.pop("issued_at")
    return {**lease, "latest_snapshot_id": state["latest_snapshot_id"]}


@dataclass
class World:
    api: Api
    a: Tenant
    b: Tenant
    stack: ExitStack


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def shared_api(request: pytest.FixtureRequest,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    """One server per backend for the module (each test makes its own tenants), with rate
    limits raised: the sweeps activate and call far more than a person would in a minute."""
    database_url = None
    if request.param == "postgres":
        database_url = request.getfixturevalue("postgres_database")[0]
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("isolation"), database_url=database_url,
        admin_token=OPERATOR_TOKEN, gc_interval_minutes=0, log_json=False,
        rate_activation_per_minute=100_000, rate_ip_per_minute=1_000_000)
    with live_server(settings) as url:
        yield Api(url, settings)


@pytest.fixture
def world(shared_api: Api) -> Iterator[World]:
    with ExitStack() as stack:
        yield World(shared_api, populate(shared_api, stack, "A"),
                    populate(shared_api, stack, "B"), stack)


def test_every_operation_is_classified(tmp_path: Path) -> None:
    document = create_app(Settings(data_dir=tmp_path)).openapi()
    published = {(method.upper(), path) for path, item in document["paths"].items()
                 for method in item}
    assert published - set(OPERATIONS) == set(), "classify these in OPERATIONS"
    assert set(OPERATIONS) - published == set(), "these are no longer published"


def test_tenant_admin_of_a_cannot_reach_tenant_b(world: World) -> None:
    """A's admin gets "not found" on B's tenant, and on B's objects under A's own tenant id,
    exactly as on ids that exist nowhere; B is unchanged. Tenant C, with its own ids, shows
    each request of the sweep is one the service would otherwise carry out."""
    a, b = world.a, world.b
    before = state_of(b)
    for method, path, call in of_scope(TENANT_ADMIN):
        foreign = send(a.admin, method, path, call, b.ids())
        assert foreign.status_code in call.foreign, (method, path, foreign.text)
        b.assert_not_in(foreign)
        assert refusal(foreign) == refusal(send(a.admin, method, path, call, random_ids()))
        if set(PATH_PARAMETER.findall(path)) - {"tenant_id"}:
            mixed = send(a.admin, method, path, call, {**b.ids(), "tenant_id": a.tenant_id})
            assert mixed.status_code == 404, (method, path, mixed.text)
            b.assert_not_in(mixed)
            assert refusal(mixed) == refusal(send(
                a.admin, method, path, call, {**random_ids(), "tenant_id": a.tenant_id}))
    assert state_of(b) == before
    tenant = before["tenant"]
    assert (tenant["name"], tenant["keep_daily"]) == (b.name, 7)
    assert [licence["revoked_at"] for licence in before["licences"]] == [None]
    assert [device["deactivated_at"] for device in before["devices"]] == [None]
    assert ok(a.admin.get(f"/v1/admin/tenants/{a.tenant_id}/devices",
                          params={"licence_id": b.licence_id})) == []
    control = populate(world.api, world.stack, "C")
    for method, path, call in of_scope(TENANT_ADMIN):
        ok(send(control.admin, method, path, call, control.ids()))


def test_listings_show_only_the_callers_tenant(world: World) -> None:
    a, b = world.a, world.b
    for method, path, call in of_scope(ADMIN_LISTING):
        b.assert_not_in(send(a.admin, method, path, call, a.ids()))
    listed = ok(a.admin.get("/v1/admin/tenants"))
    assert [tenant["tenant_id"] for tenant in listed] == [a.tenant_id]
    with world.api.operator as operator:
        every = {tenant["tenant_id"] for tenant in ok(operator.get("/v1/admin/tenants"))}
    assert {a.tenant_id, b.tenant_id} <= every
    base = f"/v1/admin/tenants/{a.tenant_id}"
    for path in ("/v1/admin/tenants", base, f"{base}/licences", f"{base}/devices",
                 f"{base}/usage?per_device=true", "/v1/backups/snapshots"):
        client = a.device if path.startswith("/v1/backups") else a.admin
        b.assert_not_in(client.get(path))
    page = ok(a.device.get("/v1/backups/snapshots", params={"limit": 1}))
    seen = [s["snapshot_id"] for s in page["snapshots"]]
    seen += [s["snapshot_id"] for s in ok(a.device.get(
        "/v1/backups/snapshots", params={"cursor": page["next_cursor"]}))["snapshots"]]
    assert sorted(seen) == sorted(a.snapshots)
    b_cursor = base64.urlsafe_b64encode(
        f"{datetime.now(UTC).isoformat()}|{b.snapshots[0]}".encode()).decode()
    after_b = ok(a.device.get("/v1/backups/snapshots", params={"cursor": b_cursor}))
    assert {s["snapshot_id"] for s in after_b["snapshots"]} <= set(a.snapshots)


def test_operator_endpoints_and_the_wrong_kind_of_token_are_refused(world: World) -> None:
    a, b = world.a, world.b
    before = state_of(b)
    with world.api.operator as operator:
        tenants_before = ok(operator.get("/v1/admin/tenants"))
        releases_before = ok(operator.get("/v1/admin/releases"))
    with world.api.client() as anonymous:
        for method, path, call in of_scope(OPERATOR):
            refused = send(a.admin, method, path, call, b.ids())
            assert refusal(refused)[:2] == (403, "forbidden"), (method, path, refused.text)
            assert send(a.device, method, path, call, b.ids()).status_code == 401, (method, path)
            assert send(anonymous, method, path, call, b.ids()).status_code == 401, (method, path)
        for method, path, call in of_scope(TENANT_ADMIN, ADMIN_LISTING):
            assert send(a.device, method, path, call, a.ids()).status_code == 401, (method, path)
        for method, path, call in of_scope(DEVICE, DEVICE_SELF):
            assert send(a.admin, method, path, call, a.ids()).status_code == 401, (method, path)
    quota = a.admin.patch(f"/v1/admin/tenants/{a.tenant_id}", json={"quota_bytes": 2**40})
    assert refusal(quota)[:2] == (403, "forbidden")
    with world.api.operator as operator:
        assert ok(operator.get("/v1/admin/tenants")) == tenants_before
        assert ok(operator.get("/v1/admin/releases")) == releases_before
    assert state_of(b) == before


def test_device_of_a_cannot_reach_tenant_b_backups(world: World) -> None:
    a, b = world.a, world.b
    before = state_of(b)
    for method, path, call in of_scope(DEVICE):
        foreign = send(a.device, method, path, call, b.ids())
        assert foreign.status_code in call.foreign, (method, path, foreign.text)
        b.assert_not_in(foreign)
        if call.foreign == (404,):
            assert refusal(foreign) == refusal(send(a.device, method, path, call, random_ids()))
    assert state_of(b) == before
    for method, path, call in of_scope(DEVICE):
        if call.foreign == (404,):
            ok(send(a.device, method, path, call, a.ids()))


def test_chunk_ids_of_b_are_unknown_to_a_and_uploading_one_makes_a_copy_of_a(
        world: World) -> None:
    a, b = world.a, world.b
    (b_chunk, *_, b_spare), (a_chunk, *_) = b.chunks, a.chunks
    missing = ok(a.device.post("/v1/backups/chunks/missing",
                               json={"chunk_ids": [b_chunk, a_chunk, b_spare]}))
    assert missing == {"missing": [b_chunk, b_spare]}
    refused = a.device.put(f"/v1/backups/snapshots/{uuid.uuid4()}",
                           json=snapshot_body([a_chunk, b_chunk]))
    assert refusal(refused)[:2] == (409, "chunk_missing")
    assert refused.json()["error"]["details"]["missing"] == [b_chunk]
    used_by_b = ok(b.admin.get(f"/v1/admin/tenants/{b.tenant_id}"))["used_bytes"]
    mine = b"a's own bytes, longer than b's chunk" * 20
    for expected in (201, 200):
        stored = a.device.put(f"/v1/backups/chunks/{b_spare}", content=mine)
        assert stored.status_code == expected, stored.text
    assert a.device.get(f"/v1/backups/chunks/{b_spare}").content == mine
    assert b.device.get(f"/v1/backups/chunks/{b_spare}").content == b.chunks[b_spare]
    assert b.device.head(f"/v1/backups/chunks/{b_spare}").headers["content-length"] == str(
        len(b.chunks[b_spare]))
    assert ok(b.admin.get(f"/v1/admin/tenants/{b.tenant_id}"))["used_bytes"] == used_by_b
    assert ok(b.device.post("/v1/backups/chunks/missing", json={"chunk_ids": [a_chunk]})) == {
        "missing": [a_chunk]}


def test_snapshot_ids_of_b_are_unknown_to_a_and_reusing_one_stores_a_snapshot_of_a(
        world: World) -> None:
    a, b = world.a, world.b
    before = state_of(b)
    b_snapshot = b.snapshots[0]
    for method in ("GET", "DELETE"):
        refused = a.device.request(method, f"/v1/backups/snapshots/{b_snapshot}")
        assert refusal(refused)[:2] == (404, "not_found")
    a_body = snapshot_body(list(a.chunks)[:1], backup_set=b.backup_set, manifest=b"A's")
    assert a.device.put(f"/v1/backups/snapshots/{b_snapshot}", json=a_body).status_code == 201
    own = ok(a.device.get(f"/v1/backups/snapshots/{b_snapshot}"))
    assert (own["device_id"], own["chunk_ids"], own["manifest"]) == (
        a.device_id, list(a.chunks)[:1], base64.b64encode(b"A's").decode())
    same_set = ok(a.device.get("/v1/backups/snapshots", params={"backup_set": b.backup_set}))
    assert [s["snapshot_id"] for s in same_set["snapshots"]] == [b_snapshot]
    assert same_set["snapshots"][0]["device_id"] == a.device_id
    assert state_of(b) == before
    assert a.device.delete(f"/v1/backups/snapshots/{b_snapshot}").status_code == 204
    assert state_of(b) == before


def test_device_self_endpoints_act_on_the_caller_only(world: World) -> None:
    a, b = world.a, world.b
    before = state_of(b)
    exercised = set()
    checked = ok(a.device.post("/v1/devices/me/check-in", json={}))
    document = json.loads(b64decode(checked["licence"]["payload"]))
    assert (document["tenant_id"], document["device_id"]) == (a.tenant_id, a.device_id)
    exercised.add(("POST", "/v1/devices/me/check-in"))
    updates = a.device.get("/v1/devices/me/updates")  # releases are shared by all tenants
    assert "update" in ok(updates)
    b.assert_not_in(updates)
    exercised.add(("GET", "/v1/devices/me/updates"))
    today = datetime.now(UTC).date().isoformat()
    receipt = ok(a.device.post("/v1/usage", json={"batch_id": "batch-B", "counters": [
        {"name": b.counter, "day": today, "value": 5}]}))
    assert (receipt["accepted"], receipt["duplicate"]) == (True, False)
    exercised.add(("POST", "/v1/usage"))
    report = ok(a.admin.get(f"/v1/admin/tenants/{a.tenant_id}/usage",
                            params={"per_device": "true"}))
    assert {(row["name"], row["value"], row["device_id"]) for row in report["rows"]} == {
        (a.counter, 7, a.device_id), (b.counter, 5, a.device_id)}
    second = activate(world.api, a.licence_key, "second-pc-of-a")
    with world.api.client(second["device_token"]) as leaving:
        assert leaving.post("/v1/devices/me/deactivate").status_code == 204
        assert refusal(leaving.get("/v1/devices/me/updates"))[:2] == (403, "device_deactivated")
    exercised.add(("POST", "/v1/devices/me/deactivate"))
    assert "update" in ok(a.device.get("/v1/devices/me/updates"))
    assert state_of(b) == before
    assert exercised == {(method, path) for method, path, _ in of_scope(DEVICE_SELF)}


def test_a_licence_key_reaches_only_its_own_licences_devices(world: World) -> None:
    a, b = world.a, world.b
    before = state_of(b)
    exercised = set()
    with world.api.client() as anonymous:
        listed = ok(anonymous.post("/v1/activations/devices", json={"licence_key": a.licence_key}))
        assert [device["device_id"] for device in listed] == [a.device_id]
        exercised.add(("POST", "/v1/activations/devices"))
        release = {"licence_key": a.licence_key, "device_id": b.device_id}
        refused = anonymous.post("/v1/activations/release", json=release)
        assert refusal(refused)[:2] == (404, "not_found")
        assert refusal(refused) == refusal(anonymous.post(
            "/v1/activations/release", json={**release, "device_id": str(uuid.uuid4())}))
        exercised.add(("POST", "/v1/activations/release"))
        online = activate(world.api, a.licence_key, b.fingerprint)
        exercised.add(("POST", "/v1/activations"))
        request = build_offline_request(
            licence_key=a.licence_key, fingerprint=b.fingerprint + "-offline",
            device_name="Village office", app_version="1.0.0",
            device_key=Ed25519PrivateKey.generate())
        offline = anonymous.post("/v1/activations/offline", content=dump_file(request),
                                 headers={"Content-Type": "application/json"})
        assert offline.status_code == 200, offline.text
        exercised.add(("POST", "/v1/activations/offline"))
    document = json.loads(b64decode(online["licence"]["payload"]))
    assert document["tenant_id"] == a.tenant_id
    assert online["device_id"] not in (b.device_id, a.device_id)
    devices_of_a = ok(a.admin.get(f"/v1/admin/tenants/{a.tenant_id}/devices"))
    assert len(devices_of_a) == 3 and {d["tenant_id"] for d in devices_of_a} == {a.tenant_id}
    assert state_of(b) == before
    assert exercised == {(method, path) for method, path, _ in of_scope(LICENCE_KEY)}


def test_public_endpoints_reveal_nothing_of_any_tenant(world: World) -> None:
    with world.api.client() as anonymous:
        for method, path, call in of_scope(PUBLIC):
            response = send(anonymous, method, path, call, world.b.ids())
            assert response.status_code < 500, (method, path, response.text)
            world.a.assert_not_in(response)
            world.b.assert_not_in(response)
        assert ok(anonymous.get("/v1/licence-keys"))["keys"]
