"""Schemathesis over ``/openapi.json``: no request, from any caller, makes the service answer 5xx.

The fuzzer runs as its own process (the ``schemathesis`` command line) against a real server on
loopback. Each operation is called with the credential of the least privileged caller allowed to
use it, so that it is exercised past authentication: nobody (health, the TUF repository,
activation with a real licence key), a device (backups, check-in, updates, usage), a tenant
administrator (the tenant's admin API, with the ids of its real licence and device, but for
issuing and revoking licences) and the operator (the rest of the admin API, and /metrics). A
second run gives the tenant's admin API to the operator.

Only the check ``not_a_server_error`` runs: whatever the input, a 5xx is a bug. Generation is
derandomised and keeps no example database, so a run that passed passes again; a failing run's
report names each operation and gives a ``curl`` line that reproduces the 5xx.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import OPERATOR_TOKEN, Api, live_server

from sync.server.settings import Settings

pytestmark = pytest.mark.slow
pytest.importorskip("schemathesis", minversion="4.0",
                    reason="the command line and options used here are those of schemathesis 4")

EXAMPLES = 10
"""Test cases per operation in the fuzzing phase (the coverage phase's are fixed by the schema)."""
RUN_TIMEOUT_SECONDS = 240
UNLIMITED = 1_000_000

PUBLIC = r"^\w+ /(healthz|readyz|tuf/.*|v1/activations.*|v1/licence-keys)$"
DEVICE = r"^\w+ /v1/(backups/.*|leases/.*|devices/me/(check-in|updates)|usage)$"
QUITTING_DEVICE = r"^POST /v1/devices/me/deactivate$"
LICENCE_ISSUING = r"^POST /v1/admin/tenants/\{tenant_id\}/licences(/\{licence_id\}/revoke)?$"
TENANT_ADMIN = r"^(GET /v1/admin/tenants|\w+ /v1/admin/tenants/\{tenant_id\}.*)$"
ADMIN = r"^(\w+ /v1/admin/.*|GET /metrics)$"  # /metrics: the operator's scraper


@dataclass
class World:
    """A served tenant: its administrator, two devices of one licence (the second one gives up
    its seat during the run), and a spare licence whose key and device the fuzzer may use up."""

    url: str
    tenant_id: str
    admin_token: str
    device_token: str
    quitting_device_token: str
    spare_key: str
    spare_licence_id: str
    spare_device_id: str


@pytest.fixture
def world(make_settings: Callable[..., Settings]) -> Iterator[World]:
    settings = make_settings(rate_ip_per_minute=UNLIMITED, rate_device_per_minute=UNLIMITED,
                             rate_activation_per_minute=UNLIMITED)
    with live_server(settings) as url:
        api = Api(url, settings)
        tenant_id, admin_token = api.new_tenant("Fuzzed")
        key = _issue(api, tenant_id)[1]
        spare_id, spare_key = _issue(api, tenant_id)
        yield World(
            url, tenant_id, admin_token,
            device_token=_activate(api, key, "main")["device_token"],
            quitting_device_token=_activate(api, key, "quitting")["device_token"],
            spare_key=spare_key, spare_licence_id=spare_id,
            spare_device_id=_activate(api, spare_key, "spare")["device_id"],
        )


def _issue(api: Api, tenant_id: str) -> tuple[str, str]:
    with api.operator as client:
        response = client.post(f"/v1/admin/tenants/{tenant_id}/licences",
                               json={"edition": "pro", "seats": 5})
    response.raise_for_status()
    return response.json()["licence"]["licence_id"], response.json()["licence_key"]


def _activate(api: Api, licence_key: str, name: str) -> dict[str, str]:
    with api.client() as client:
        response = client.post("/v1/activations", json={
            "licence_key": licence_key, "fingerprint": f"fuzzing-{name}", "device_name": name})
    response.raise_for_status()
    return response.json()


def test_no_input_from_any_caller_makes_the_service_fail(world: World, tmp_path: Path) -> None:
    output = _schemathesis(world, tmp_path, [
        (DEVICE, world.device_token), (QUITTING_DEVICE, world.quitting_device_token),
        (LICENCE_ISSUING, OPERATOR_TOKEN), (TENANT_ADMIN, world.admin_token),
        (ADMIN, OPERATOR_TOKEN),
    ])
    assert "Authentication failed" not in output, f"a caller was refused throughout:\n{output}"


def test_no_input_from_the_operator_makes_a_tenant_admin_api_fail(
    world: World, tmp_path: Path
) -> None:
    """The operator takes other branches there (all tenants, quotas) than the tenant's own
    administrator, who had those operations in the first run."""
    _schemathesis(world, tmp_path, [(ADMIN, OPERATOR_TOKEN)], only=TENANT_ADMIN)


def _schemathesis(world: World, folder: Path, callers: list[tuple[str, str]],
                  only: str | None = None) -> str:
    """Run the fuzzer, each operation as the first caller whose pattern matches its name
    (``METHOD /path``), else as nobody; return its report, or fail with it on any 5xx."""
    config = folder / "schemathesis.toml"
    config.write_text(_config(world, callers))
    command = [
        sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "run",
        f"{world.url}/openapi.json", "--checks", "not_a_server_error",
        "--phases", "coverage,fuzzing,stateful", "--max-examples", str(EXAMPLES),
        "--generation-deterministic", "--suppress-health-check", "all",
        "--request-timeout", "30", "--no-color",
    ]
    if only is not None:
        command += ["--include-name-regex", only]
    finished = subprocess.run(command, cwd=folder, env=_loopback_only(), capture_output=True,
                              text=True, timeout=RUN_TIMEOUT_SECONDS, check=False)
    output = finished.stdout + finished.stderr
    if finished.returncode != 0:
        pytest.fail(f"schemathesis found failures:\n{output}", pytrace=False)
    return output


def _config(world: World, callers: list[tuple[str, str]]) -> str:
    """The config file: real ids and licence key as parameter values, and the callers.

    Each caller's operations exclude those of the callers before it, so that every operation
    has exactly one set of headers.
    """
    parameters = {"tenant_id": world.tenant_id, "licence_id": world.spare_licence_id,
                  "device_id": world.spare_device_id, "body.licence_key": world.spare_key,
                  "body.device_id": world.spare_device_id}
    lines = ["[parameters]"] + [f"{json.dumps(k)} = {json.dumps(v)}" for k, v in parameters.items()]
    taken = [PUBLIC]
    for pattern, token in callers:
        lines += ["", "[[operations]]", f"include-name-regex = {json.dumps(pattern)}",
                  f"exclude-name-regex = {json.dumps('|'.join(taken))}",
                  f"headers = {{ Authorization = {json.dumps('Bearer ' + token)} }}"]
        taken.append(pattern)
    return "\n".join(lines) + "\n"


def _loopback_only() -> dict[str, str]:
    """The environment without proxies: every request goes to the server on loopback."""
    proxies = {"http_proxy", "https_proxy", "all_proxy"}
    env = {name: value for name, value in os.environ.items() if name.lower() not in proxies}
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    return env
