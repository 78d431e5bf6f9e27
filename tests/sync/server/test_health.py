"""Liveness and readiness: /readyz names the dependency that fails, /healthz touches nothing."""

from __future__ import annotations

import dataclasses
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn
from conftest import OPERATOR_TOKEN, Api, live_server
from fastapi import FastAPI

from sync.server.app import build_services, create_app
from sync.server.db import Store, make_engine
from sync.server.routes.health import CACHE_SECONDS
from sync.server.settings import Settings


@contextmanager
def serve_app(app: FastAPI) -> Iterator[str]:
    """Serve an app built here (with services of our own making) on a loopback port."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_config=None, access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def test_healthz_is_alive(api: Api) -> None:
    with api.client() as client:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_checks_database_and_blobs(api: Api) -> None:
    with api.client() as client:
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "blobs": "ok"}}


def test_readyz_fails_while_the_blob_folder_is_gone(api: Api) -> None:
    blobs = api.settings.data_dir / "blobs"
    shutil.rmtree(blobs)
    with api.client() as client:
        response = client.get("/readyz")
        assert response.status_code == 503
        error = response.json()["error"]
        assert error["code"] == "unavailable"
        assert "blobs" in error["message"] and "database" not in error["message"]
        assert error["details"]["checks"] == {"database": "ok", "blobs": "failed"}
        assert client.get("/healthz").status_code == 200
        blobs.mkdir()
        assert client.get("/readyz").status_code == 503  # the answer of the last second
        time.sleep(CACHE_SECONDS)
        assert client.get("/readyz").status_code == 200


def _unreachable_database(backend: str, tmp_path: Path) -> str:
    if backend == "postgres":
        return "postgresql://nobody@127.0.0.1:1/nothing"
    return f"sqlite:///{tmp_path}"  # a folder: SQLite cannot open it


def test_readyz_fails_when_the_database_is_unreachable(
    make_settings: Callable[..., Settings], backend: str, tmp_path: Path,
) -> None:
    settings = make_settings()
    services = build_services(settings)
    services.store.dispose()
    broken = dataclasses.replace(
        services, store=Store(make_engine(_unreachable_database(backend, tmp_path))))
    operator = {"Authorization": f"Bearer {OPERATOR_TOKEN}"}
    with serve_app(create_app(settings, broken)) as url, httpx.Client(base_url=url) as client:
        response = client.get("/readyz")
        assert client.get("/healthz").status_code == 200
        failed = client.get("/v1/admin/tenants", headers=operator)
    assert response.status_code == 503
    error = response.json()["error"]
    assert error["details"]["checks"] == {"database": "failed", "blobs": "ok"}
    assert "database" in error["message"]
    assert "nobody" not in response.text and str(tmp_path) not in response.text
    assert failed.status_code == 500
    assert failed.json()["error"]["code"] == "internal_error"
    assert failed.json()["error"]["request_id"] == failed.headers["x-request-id"]
    assert "nobody" not in failed.text


def test_readyz_checks_redis_when_configured(
    make_settings: Callable[..., Settings], redis_url: str,
) -> None:
    with live_server(make_settings(redis_url=redis_url)) as url, httpx.Client(
            base_url=url) as client:
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["redis"] == "ok"


def test_unreachable_redis_fails_readiness_but_not_requests(
    make_settings: Callable[..., Settings],
) -> None:
    settings = make_settings(redis_url="redis://127.0.0.1:1/0")
    with live_server(settings) as url:
        api = Api(url, settings)
        with api.client() as client:
            ready = client.get("/readyz")
        with api.operator as client:
            listing = client.get("/v1/admin/tenants")
    assert ready.status_code == 503
    assert ready.json()["error"]["details"]["checks"]["redis"] == "failed"
    assert listing.status_code == 200
