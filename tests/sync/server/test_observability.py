"""Request ids, access logs, Prometheus metrics, request size limits and the OpenAPI document."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from conftest import Api, free_port, live_server
from fastapi import Request
from prometheus_client.parser import text_string_to_metric_families
from test_health import serve_app

from sync.server import logs, observability
from sync.server.app import create_app
from sync.server.settings import Settings

ROOT = Path(__file__).resolve().parents[3]


def _counter(metrics_text: str, **labels: str) -> float:
    """The value of ``daftar_http_requests_total`` for ``labels`` (0 when absent)."""
    for family in text_string_to_metric_families(metrics_text):
        for sample in family.samples:
            if sample.name == "daftar_http_requests_total" and all(
                    sample.labels.get(k) == v for k, v in labels.items()):
                return sample.value
    return 0.0


def test_request_id_is_echoed_in_header_error_body_and_log(
    api: Api, caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="daftar.server.access")
    with api.client() as client:
        response = client.get("/v1/admin/tenants", headers={"X-Request-ID": "support-42.a_b"})
    assert response.status_code == 401
    assert response.headers["x-request-id"] == "support-42.a_b"
    assert response.json()["error"]["request_id"] == "support-42.a_b"
    line = _access_record(caplog, "support-42.a_b")
    assert (line.name, line.method, line.route, line.status) == (
        "daftar.server.access", "GET", "/v1/admin/tenants", 401)
    assert line.duration_ms >= 0 and line.client_ip == "127.0.0.1"


def _access_record(caplog: pytest.LogCaptureFixture, request_id: str) -> logging.LogRecord:
    """The access line of ``request_id``: written just after the response, so maybe not yet."""
    deadline = time.monotonic() + 5
    while True:
        found = [r for r in caplog.records if getattr(r, "request_id", None) == request_id]
        if found or time.monotonic() > deadline:
            assert len(found) == 1
            return found[0]
        time.sleep(0.01)


@pytest.mark.parametrize("given", ["has space", "x" * 65, "semi;colon"])
def test_an_unreasonable_request_id_is_replaced(api: Api, given: str) -> None:
    with api.client() as client:
        response = client.get("/healthz", headers={"X-Request-ID": given})
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["x-request-id"])


def test_every_response_gets_a_fresh_request_id(api: Api) -> None:
    with api.client() as client:
        ids = {client.get("/nowhere").headers["x-request-id"] for _ in range(3)}
    assert len(ids) == 3


def test_metrics_count_requests_by_route_template(api: Api) -> None:
    tenants = [api.new_tenant(f"Cabinet {n}")[0] for n in range(2)]
    template = "/v1/admin/tenants/{tenant_id}"
    with api.operator as client:
        before = _counter(client.get("/metrics").text, route=template, method="GET", status="200")
        for tenant_id in tenants:
            assert client.get(f"/v1/admin/tenants/{tenant_id}").status_code == 200
        client.get("/no/such/page")
        response = client.get("/metrics")
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert _counter(text, route=template, method="GET", status="200") == before + 2
    assert _counter(text, route="<unmatched>", method="GET", status="404") >= 1
    assert not any(tenant_id in text for tenant_id in tenants)
    assert "daftar_http_request_duration_seconds_bucket" in text
    assert "daftar_http_requests_in_flight" in text


@pytest.fixture
def small_limit_api(make_settings: Callable[..., Settings]) -> Iterator[Api]:
    settings = make_settings(max_request_bytes=1024)
    with live_server(settings) as url:
        yield Api(url, settings)


def _tenant_json(size: int) -> bytes:
    body = json.dumps({"name": "x" * 100, "padding": "p" * size}).encode()
    return body


def test_a_body_over_the_limit_is_refused_by_its_length(small_limit_api: Api) -> None:
    with small_limit_api.operator as client:
        small = client.post("/v1/admin/tenants", content=_tenant_json(500),
                            headers={"Content-Type": "application/json"})
        large = client.post("/v1/admin/tenants", content=_tenant_json(2000),
                            headers={"Content-Type": "application/json"})
    assert small.status_code == 201
    assert large.status_code == 413
    error = large.json()["error"]
    assert error["code"] == "request_too_large"
    assert error["request_id"] == large.headers["x-request-id"]


def test_a_chunked_body_is_cut_at_the_limit(small_limit_api: Api) -> None:
    body = _tenant_json(5000)

    def pieces() -> Iterator[bytes]:
        for start in range(0, len(body), 256):
            yield body[start:start + 256]

    with small_limit_api.operator as client:
        response = client.post("/v1/admin/tenants", content=pieces(),
                               headers={"Content-Type": "application/json"})
        assert "content-length" not in response.request.headers
        assert response.status_code == 413
        assert response.json()["error"]["code"] == "request_too_large"
        assert client.get("/v1/admin/tenants").status_code == 200


def test_a_route_may_allow_its_request_a_larger_body(
    make_settings: Callable[..., Settings],
) -> None:
    app = create_app(make_settings(max_request_bytes=1024))

    async def upload(request: Request) -> dict[str, int]:
        observability.allow_larger_body(request, 4096)
        return {"size": len(await request.body())}

    app.add_api_route("/test/upload", upload, methods=["PUT"])
    with serve_app(app) as url, httpx.Client(base_url=url) as client:
        allowed = client.put("/test/upload", content=b"x" * 3000)
        streamed = client.put("/test/upload", content=iter([b"x" * 1000] * 3))
        refused = client.put("/test/upload", content=b"x" * 5000)
        elsewhere = client.post("/v1/admin/tenants", content=b"x" * 3000)
    assert allowed.json() == streamed.json() == {"size": 3000}
    assert refused.status_code == elsewhere.status_code == 413
    assert "4096" in refused.json()["error"]["message"]


def test_openapi_document_lists_the_operations(api: Api) -> None:
    import schemathesis

    with api.client() as client:
        document = client.get("/openapi.json").json()
    assert {"/healthz", "/readyz", "/metrics", "/v1/usage",
            "/v1/admin/tenants/{tenant_id}/usage"} <= set(document["paths"])
    schema = schemathesis.openapi.from_dict(document)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 5


def test_json_log_lines_carry_request_id_and_fields() -> None:
    formatter = logs.JsonFormatter()
    record = logging.LogRecord("daftar.server.access", logging.INFO, __file__, 1,
                               "GET %s", ("/x",), None)
    record.route, record.color_message = "/x", "\x1b[1mGET\x1b[0m"
    token = logs.request_id.set("abc")
    try:
        entry = json.loads(formatter.format(record))
    finally:
        logs.request_id.reset(token)
    assert entry["message"] == "GET /x" and entry["request_id"] == "abc"
    assert entry["route"] == "/x" and entry["level"] == "info"
    assert "color_message" not in entry and "taskName" not in entry


_SERVE_TWO_WORKERS = """
import uvicorn
from sync.server import logs, observability
from sync.server.app import build_services
from sync.server.settings import Settings

settings = Settings()
observability.prepare_metrics(settings)
build_services(settings).store.dispose()
uvicorn.run("sync.server.app:app_from_environment", factory=True, host="127.0.0.1",
            port=settings.port, workers=settings.workers,
            log_config=logs.logging_config(settings), access_log=False)
"""


@pytest.mark.slow
def test_two_workers_share_metrics_and_log_json(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "DAFTAR_DATA_DIR": str(tmp_path), "DAFTAR_PORT": str(port),
           "DAFTAR_WORKERS": "2", "DAFTAR_LOG_JSON": "true"}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    server = subprocess.Popen([sys.executable, "-c", _SERVE_TWO_WORKERS], cwd=ROOT, env=env,
                              stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    fresh_connections = httpx.Limits(max_keepalive_connections=0)  # both workers answer some
    try:
        _wait_until_up(url, server)
        with httpx.Client(base_url=url, limits=fresh_connections) as client:
            for _ in range(20):
                assert client.get("/v1/admin/tenants").status_code == 401
            totals = {_counter(client.get("/metrics").text, route="/v1/admin/tenants",
                               status="401") for _ in range(6)}
        assert totals == {20}
        assert any((tmp_path / "metrics").glob("counter_*.db"))
    finally:
        server.terminate()
        stderr = server.communicate(timeout=20)[1]
    lines = [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]
    access = [e for e in lines if e["logger"] == "daftar.server.access" and e["status"] == 401]
    assert len(access) == 20
    assert all(e["route"] == "/v1/admin/tenants" and len(e["request_id"]) == 32 for e in access)


def _wait_until_up(url: str, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, server.communicate()[1]
        try:
            if httpx.get(f"{url}/healthz").status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError("the two-worker server did not start")
