"""A real ``daftar-server`` in a child process, and real PostgreSQL databases for it.

The desktop's sync client is tested against the service as it ships: the ``daftar-server``
command, listening on a loopback port, killed and restarted when a test needs a fault. The
operator's admin API (tenants, licences) is driven over HTTP, as an operator would.

A test that needs an engine the machine lacks (PostgreSQL, Redis, SeaweedFS) skips and says why,
so that a fresh machine with none of them still runs the rest. Where the engines are meant to be
there (CI sets ``DAFTAR_REQUIRE_SERVICES=1`` on machines that have them installed), a missing one
fails the test instead: a skip there would hide an engine that failed to start, and with it
every test of row-level security and of shared rate limits.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import httpx
import pytest

POSTGRES_URL = os.environ.get(
    "DAFTAR_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
OWNER_ROLE, APP_ROLE = "daftar_test_owner", "daftar_test_app"
REQUIRE_SERVICES = "DAFTAR_REQUIRE_SERVICES"


def missing_service(reason: str) -> NoReturn:
    """Skip the test for want of an engine, or fail it where the engines are required."""
    if os.environ.get(REQUIRE_SERVICES, "") not in ("", "0"):
        pytest.fail(f"{reason} (and {REQUIRE_SERVICES} is set)", pytrace=False)
    pytest.skip(reason)


def postgres_admin() -> Any:
    """An autocommit connection to the test PostgreSQL, or a skip that says why there is none."""
    import psycopg

    try:
        return psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        reason = str(error).strip().splitlines()[0]
        missing_service(f"PostgreSQL not reachable at {POSTGRES_URL} ({reason}); CI starts one")


def _url_for(role: str, database: str) -> str:
    base = POSTGRES_URL.split("://", 1)[1].split("@", 1)[-1].rsplit("/", 1)[0]
    return f"postgresql://{role}@{base}/{database}"


@contextmanager
def postgres_database() -> Iterator[tuple[str, str]]:
    """A fresh database migrated by its owner role: yields (application URL, owner URL).

    The service connects as a role that owns nothing, so row-level security is really in force.
    """
    from sync.server.db import migrate

    admin = postgres_admin()
    name = f"daftar_test_{secrets.token_hex(4)}"
    for role in (OWNER_ROLE, APP_ROLE):
        exists = admin.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        if not exists:
            admin.execute(f'CREATE ROLE "{role}" LOGIN NOSUPERUSER NOBYPASSRLS')
    admin.execute(f'CREATE DATABASE "{name}" OWNER "{OWNER_ROLE}"')
    app_url, owner_url = _url_for(APP_ROLE, name), _url_for(OWNER_ROLE, name)
    try:
        migrate(owner_url, app_role=APP_ROLE)
        yield app_url, owner_url
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Return once the server at ``url`` answers ``/healthz``; raise if it exits or takes 30 s."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"daftar-server exited with {process.returncode}; see {log}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("daftar-server did not start within 30 s")


def server_program() -> list[str]:
    program = Path(sys.executable).with_name("daftar-server")
    return [str(program)] if program.exists() else [sys.executable, "-m", "sync.server.cli"]


@dataclass
class ServerProcess:
    """``daftar-server`` serving ``data_dir`` (and ``database_url``, if given) on a free port."""

    data_dir: Path
    database_url: str | None = None
    port: int = field(default_factory=free_port)
    operator_token: str = field(default_factory=lambda: "operator-" + secrets.token_hex(8))
    extra_env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        env = {**os.environ, "DAFTAR_ADMIN_TOKEN": self.operator_token,
               "DAFTAR_GC_INTERVAL_MINUTES": "0", "DAFTAR_RATE_ACTIVATION_PER_MINUTE": "1000",
               **self.extra_env}
        if self.database_url:
            env["DAFTAR_DATABASE_URL"] = self.database_url
        return env

    def start(self) -> None:
        log = open(self.data_dir.parent / f"server-{self.port}.log", "ab")  # noqa: SIM115
        self.process = subprocess.Popen(
            [*server_program(), "--data-dir", str(self.data_dir), "--port", str(self.port)],
            env=self.env(), stdout=log, stderr=subprocess.STDOUT)
        log.close()
        wait_until_healthy(self.url, self.process,
                           self.data_dir.parent / f"server-{self.port}.log")

    def kill(self) -> None:
        """SIGKILL: the abrupt end a power cut or a crash gives, no graceful shutdown."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def operator(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30,
                            headers={"Authorization": f"Bearer {self.operator_token}"})

    def new_tenant(self, name: str = "Cabinet Test") -> str:
        with self.operator() as client:
            response = client.post("/v1/admin/tenants", json={"name": name})
            response.raise_for_status()
            return response.json()["tenant"]["tenant_id"]

    def issue_licence(self, tenant_id: str, **terms: Any) -> tuple[str, str]:
        """(licence id, licence key) of a new licence, issued by the operator."""
        body = {"edition": "pro", "seats": 3, **terms}
        with self.operator() as client:
            response = client.post(f"/v1/admin/tenants/{tenant_id}/licences", json=body)
            response.raise_for_status()
            data = response.json()
        return data["licence"]["licence_id"], data["licence_key"]

    def revoke(self, tenant_id: str, licence_id: str) -> None:
        with self.operator() as client:
            client.post(f"/v1/admin/tenants/{tenant_id}/licences/{licence_id}/revoke"
                        ).raise_for_status()

    def signing_key_id(self) -> str:
        return httpx.get(f"{self.url}/v1/licence-keys", timeout=10).json()["signing_key_id"]

    def release(self, keys: Path, action: str, *args: str) -> int:
        """``daftar-server release ACTION`` against this service with the keys in ``keys``."""
        from sync.server.cli import main

        return main(["release", action, *args, "--server", self.url, "--token",
                     self.operator_token, "--keys", str(keys)])

    def init_releases(self, keys: Path) -> Path:
        """Make release keys in ``keys`` and start the update repository; the root to trust."""
        from sync.server.cli import main

        assert main(["release", "keygen", "--keys", str(keys)]) == 0
        assert self.release(keys, "init") == 0
        return keys / "1.root.json"

    def publish(self, keys: Path, file: Path, version: str, *,
                patches: dict[str, Path] | None = None, rollout: int = 100) -> None:
        extra = [f"--patch={source}={patch}" for source, patch in (patches or {}).items()]
        assert self.release(keys, "publish", str(file), "--version", version, "--rollout",
                            str(rollout), *extra) == 0


def _shared_keys(folder: Path) -> dict[str, str]:
    """Signing keys made once and handed to the service, as on a shared database."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from sync.server.keys import write_private_key

    folder.mkdir(parents=True, exist_ok=True)
    paths = {"DAFTAR_LICENCE_SIGNING_KEY": folder / "licence.pem",
             "DAFTAR_TUF_ONLINE_KEY": folder / "tuf-online.pem"}
    for path in paths.values():
        if not path.exists():
            write_private_key(path, Ed25519PrivateKey.generate())
    return {name: str(path) for name, path in paths.items()}


@contextmanager
def running_server(data_dir: Path, database_url: str | None = None,
                   **extra_env: str) -> Iterator[ServerProcess]:
    """A started ``daftar-server``; on PostgreSQL it is handed signing keys made here."""
    if database_url:
        extra_env = {**_shared_keys(data_dir.parent / "shared-keys"), **extra_env}
    server = ServerProcess(data_dir, database_url, extra_env=extra_env)
    server.start()
    try:
        yield server
    finally:
        server.stop()
