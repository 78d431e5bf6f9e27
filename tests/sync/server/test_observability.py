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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from conftest import OPERATOR_TOKEN, Api, free_port, live_server
from fastapi import Request
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    enable_created_metrics,
    generate_latest,
)
from prometheus_client.parser import text_string_to_metric_families
from test_health import serve_app

from sync.server import logs, metrics, observability
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
        time.sleep(metrics.CACHE_SECONDS)
        response = client.get("/metrics")
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert _counter(text, route=template, method="GET", status="200") == before + 2
    assert _counter(text, route="<unmatched>", method="GET", status="404") >= 1
    assert not any(tenant_id in text for tenant_id in tenants)
    bucket = 'daftar_http_request_duration_seconds_bucket{le="0.05",method="GET",route="'
    assert f'{bucket}{template}"}}' in text
    assert "daftar_http_requests_in_flight" in text
    assert "_created" not in text


def test_anonymous_callers_cannot_read_the_metrics(
    make_settings: Callable[..., Settings],
) -> None:
    settings = make_settings(metrics_token="scraper-secret")
    with live_server(settings) as url, httpx.Client(base_url=url) as client:
        anonymous = client.get("/metrics")
        wrong = client.get("/metrics", headers={"Authorization": "Bearer guess"})
        scraper = client.get("/metrics", headers={"Authorization": "Bearer scraper-secret"})
        operator = client.get("/metrics", headers={"Authorization": f"Bearer {OPERATOR_TOKEN}"})
    assert anonymous.status_code == wrong.status_code == 401
    assert anonymous.headers["www-authenticate"] == "Bearer"
    assert anonymous.json()["error"]["code"] == "unauthenticated"
    assert "daftar_http" not in anonymous.text + wrong.text
    assert scraper.status_code == operator.status_code == 200
    assert "daftar_http_requests_total" in scraper.text


def test_without_any_token_the_metrics_are_not_served(
    make_settings: Callable[..., Settings],
) -> None:
    with live_server(make_settings(admin_token=None)) as url:
        response = httpx.get(f"{url}/metrics", headers={"Authorization": "Bearer anything"})
    assert response.status_code == 404
    assert "daftar_http" not in response.text


def test_the_metrics_port_serves_them_and_the_service_port_no_longer_does(
    make_settings: Callable[..., Settings],
) -> None:
    open_port = make_settings(metrics_port=free_port())
    guarded = make_settings(metrics_port=free_port(), metrics_token="scraper-secret")
    listeners = [metrics.serve_metrics(open_port), metrics.serve_metrics(guarded)]
    try:
        with live_server(open_port) as url:
            service = httpx.get(f"{url}/metrics",
                                headers={"Authorization": f"Bearer {OPERATOR_TOKEN}"})
        loopback = f"http://127.0.0.1:{open_port.metrics_port}"
        anonymous = httpx.get(f"{loopback}/metrics")
        elsewhere = httpx.get(f"{loopback}/v1/admin/tenants")
        guarded_url = f"http://127.0.0.1:{guarded.metrics_port}/metrics"
        refused = httpx.get(guarded_url)
        allowed = httpx.get(guarded_url, headers={"Authorization": "Bearer scraper-secret"})
    finally:
        for listener in listeners:
            listener.shutdown()
            listener.server_close()
    assert service.status_code == 404
    assert anonymous.status_code == 200 and "daftar_http_requests_total" in anonymous.text
    assert elsewhere.status_code == 404
    assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
    assert allowed.status_code == 200 and "daftar_http_requests_total" in allowed.text


def test_a_metrics_read_is_rendered_once_a_second_however_many_poll(
    api: Api, monkeypatch: pytest.MonkeyPatch,
) -> None:
    renders = []
    real_render = metrics.render_now

    def counted() -> bytes:
        renders.append(time.monotonic())
        time.sleep(0.05)  # long enough for the polls to overlap
        return real_render()

    monkeypatch.setattr(metrics, "render_now", counted)
    time.sleep(metrics.CACHE_SECONDS)  # nothing cached from an earlier test
    with api.operator as client, ThreadPoolExecutor(8) as pool:
        bodies = list(pool.map(lambda _: client.get("/metrics").text, range(24)))
        client.get("/v1/admin/tenants")
        again = client.get("/metrics").text
    assert len(renders) == 1
    assert len(set(bodies)) == 1 and again == bodies[0]


def _populate(registry: CollectorRegistry, *, per_status: bool, buckets: tuple[float, ...],
              operations: list[tuple[str, str]]) -> None:
    labels = ["method", "route", "status"]
    counter = Counter("daftar_http_requests", "HTTP requests answered.", labels,
                      registry=registry)
    histogram = Histogram("daftar_http_request_duration_seconds", "Time to answer.",
                          labels if per_status else labels[:2], buckets=buckets,
                          registry=registry)
    for method, route in operations:
        for status in ("200", "201", "400", "401", "403", "404", "409", "422", "429"):
            counter.labels(method, route, status).inc()
            series = (method, route, status) if per_status else (method, route)
            histogram.labels(*series).observe(0.003)


def test_a_metrics_read_is_small_and_quick(tmp_path: Path) -> None:
    """The figures of issue 10: all operations, nine statuses each, as before and as now."""
    document = create_app(Settings(data_dir=tmp_path)).openapi()
    operations = [(m.upper(), path) for path, item in document["paths"].items() for m in item]
    old_buckets = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
    before, now = CollectorRegistry(), CollectorRegistry()
    _populate(before, per_status=True, buckets=old_buckets, operations=operations)
    _populate(now, per_status=False, buckets=metrics.BUCKETS, operations=operations)
    figures = {}
    for name, registry in (("before", before), ("now", now)):
        if name == "before":
            enable_created_metrics()  # as before: a _created line beside each series
        started = time.perf_counter()
        try:
            body = generate_latest(registry)
        finally:
            disable_created_metrics()
        figures[name] = (len(body), (time.perf_counter() - started) * 1000)
    print(f"\nBENCH /metrics, {len(operations)} operations x 9 statuses: "
          f"before {figures['before'][0] / 1024:,.0f} KB in {figures['before'][1]:.1f} ms, "
          f"now {figures['now'][0] / 1024:,.0f} KB in {figures['now'][1]:.1f} ms")
    assert figures["now"][0] * 4 < figures["before"][0]


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
from sync.server import logs, metrics
from sync.server.app import build_services
from sync.server.settings import Settings

settings = Settings()
metrics.prepare_metrics(settings)
build_services(settings).store.dispose()
uvicorn.run("sync.server.app:app_from_environment", factory=True, host="127.0.0.1",
            port=settings.port, workers=settings.workers,
            log_config=logs.logging_config(settings), access_log=False)
"""


@pytest.mark.slow
def test_two_workers_share_metrics_and_log_json(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "DAFTAR_DATA_DIR": str(tmp_path), "DAFTAR_PORT": str(port),
           "DAFTAR_WORKERS": "2", "DAFTAR_LOG_JSON": "true", "DAFTAR_METRICS_TOKEN": "scraper"}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    server = subprocess.Popen([sys.executable, "-c", _SERVE_TWO_WORKERS], cwd=ROOT, env=env,
                              stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    fresh_connections = httpx.Limits(max_keepalive_connections=0)  # both workers answer some
    scraper = {"Authorization": "Bearer scraper"}
    try:
        _wait_until_up(url, server)
        with httpx.Client(base_url=url, limits=fresh_connections) as client:
            for _ in range(20):
                assert client.get("/v1/admin/tenants").status_code == 401
            totals = {_counter(client.get("/metrics", headers=scraper).text,
                               route="/v1/admin/tenants", status="401") for _ in range(6)}
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
