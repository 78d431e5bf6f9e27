"""Two service instances, one PostgreSQL, one Redis, one SeaweedFS: one service to the clients.

Each instance is the real ``daftar-server`` command in its own process on its own port, as behind
a load balancer. What one instance writes the other serves; rate limits count across both.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import redis
from conftest import OPERATOR_TOKEN, free_port

from sync.server.keys import read_private_key
from sync.wire.licence import SignedLicence, verify_licence

ACTIVATIONS_PER_MINUTE = 6


def _start(env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("daftar-server")), "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=log.open("wb"),
    )
    return process, f"http://127.0.0.1:{port}"


def _wait(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"daftar-server exited:\n{log.read_text()}")
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    pytest.fail(f"daftar-server not ready:\n{log.read_text()}")


@pytest.fixture
def instances(
    postgres_database: tuple[str, str], redis_url: str, s3_endpoint: str, s3_bucket: str,
    tmp_path: Path,
) -> Iterator[tuple[str, str]]:
    redis.Redis.from_url(redis_url).flushdb()  # forget earlier activation attempts from here
    env = dict(os.environ)
    env.update({
        "DAFTAR_DATABASE_URL": postgres_database[0],
        "DAFTAR_BLOB_URL": s3_bucket,
        "DAFTAR_S3_ENDPOINT_URL": s3_endpoint,
        "DAFTAR_REDIS_URL": redis_url,
        "DAFTAR_ADMIN_TOKEN": OPERATOR_TOKEN,
        "DAFTAR_RATE_ACTIVATION_PER_MINUTE": str(ACTIVATIONS_PER_MINUTE),
        "DAFTAR_GC_INTERVAL_MINUTES": "0",
    })
    started = []
    try:
        for name in ("a", "b"):
            env["DAFTAR_DATA_DIR"] = str(tmp_path / name)
            log = tmp_path / f"{name}.log"
            process, url = _start(dict(env), log)
            started.append((process, url, log))
        for process, url, log in started:
            _wait(process, url, log)
        yield started[0][1], started[1][1]
    finally:
        for process, _, _ in started:
            process.terminate()
            process.wait(20)


def test_two_instances_serve_the_same_tenants_devices_and_backups(
    instances: tuple[str, str], tmp_path: Path
) -> None:
    a, b = (httpx.Client(base_url=url, timeout=30) for url in instances)
    operator = {"Authorization": f"Bearer {OPERATOR_TOKEN}"}
    created = a.post("/v1/admin/tenants", json={"name": "Cabinet Partagé"}, headers=operator)
    tenant_id = created.json()["tenant"]["tenant_id"]
    assert b.get(f"/v1/admin/tenants/{tenant_id}", headers=operator).json()["name"] == (
        "Cabinet Partagé")

    issued = b.post(f"/v1/admin/tenants/{tenant_id}/licences",
                    json={"edition": "pro", "seats": 1}, headers=operator).json()
    activated = a.post("/v1/activations", json={
        "licence_key": issued["licence_key"], "fingerprint": "pc-shared-0001",
        "device_name": "Poste 1"})
    assert activated.status_code == 201
    # the one seat is taken whichever instance is asked
    second = b.post("/v1/activations", json={
        "licence_key": issued["licence_key"], "fingerprint": "pc-shared-0002",
        "device_name": "Poste 2"})
    assert second.json()["error"]["code"] == "seats_exhausted"

    device = {"Authorization": f"Bearer {activated.json()['device_token']}"}
    checked = b.post("/v1/devices/me/check-in", json={}, headers=device).json()
    public = read_private_key(Path(os.environ["DAFTAR_LICENCE_SIGNING_KEY"])).public_key()
    envelope = SignedLicence.model_validate(checked["licence"])
    document = verify_licence(envelope, {envelope.key_id: public})
    assert str(document.device_id) == activated.json()["device_id"]

    chunk_id, data = secrets.token_hex(32), os.urandom(200_000)
    put = a.put(f"/v1/backups/chunks/{chunk_id}", content=data,
                headers={**device, "Content-Type": "application/octet-stream"})
    assert put.status_code in (200, 201)
    assert b.head(f"/v1/backups/chunks/{chunk_id}", headers=device).status_code == 200
    assert b.get(f"/v1/backups/chunks/{chunk_id}", headers=device).content == data


def test_the_rate_limit_is_shared_by_both_instances(
    instances: tuple[str, str], redis_url: str
) -> None:
    redis.Redis.from_url(redis_url).flushdb()  # forget the other test's attempts
    if time.time() % 60 > 50:  # the limit counts per clock minute; start inside one
        time.sleep(61 - time.time() % 60)
    clients = [httpx.Client(base_url=url, timeout=30) for url in instances]
    attempt = {"licence_key": "DAFTAR-00000-00000-00000-00000-00000",
               "fingerprint": "pc-guessing-keys", "device_name": "guesser"}
    statuses = [clients[n % 2].post("/v1/activations", json=attempt).status_code
                for n in range(ACTIVATIONS_PER_MINUTE + 2)]
    # each instance alone would allow all of them; together they allow the limit once
    assert statuses == [403] * ACTIVATIONS_PER_MINUTE + [429] * 2
