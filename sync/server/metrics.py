"""Prometheus metrics: what is counted, who may read it, and what a read costs.

A read renders every series, so series are few. Latency was once kept per route, method *and*
status, over 14 buckets, with a ``_created`` line beside each series: a service that had answered
a handful of statuses on each of its operations rendered over a megabyte in 90 ms, and four
clients polling it raised the check-ins' p99 from 2 ms to 325 ms. Latency is now kept per route
and method over 8 buckets set around the check-in's target; statuses are counted (one line
each); ``_created`` series are off. A render is reused for :data:`CACHE_SECONDS` and only one
runs at a time, in a worker thread, so however many scrapers poll, the event loop never waits
and the service renders at most once a second.

The figures say how busy the service is and which routes fail: the operator's business, not the
world's. ``/metrics`` on the service's port wants the metrics token or the operator's admin token
and answers 404 when neither is set, so a new install shows nothing. ``metrics_port`` moves it to
a listener of its own (loopback by default) that the service's port no longer answers for; a
scraper there needs the metrics token only when one is set.

With several uvicorn workers each process counts on its own; :func:`prepare_metrics` switches
prometheus_client to its multiprocess mode (files under the data dir) so that a read sums them.
"""

from __future__ import annotations

import hmac
import logging
import os
import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
    multiprocess,
)

from sync.server.settings import Settings

log = logging.getLogger("daftar.server.metrics")

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
CACHE_SECONDS = 1.0
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5)

disable_created_metrics()

REQUESTS = Counter(
    "daftar_http_requests", "HTTP requests answered.", ["method", "route", "status"])
LATENCY = Histogram(
    "daftar_http_request_duration_seconds", "Time to answer an HTTP request.",
    ["method", "route"], buckets=BUCKETS,
)
IN_FLIGHT = Gauge(
    "daftar_http_requests_in_flight", "HTTP requests being answered.",
    multiprocess_mode="livesum",
)
TIMEOUTS = Counter(
    "daftar_http_timeouts", "Connections closed because the client was too slow to send.",
    ["phase"],  # head: the request line and headers; body: the next piece of the body
)


def prepare_metrics(settings: Settings) -> Path | None:
    """Switch to multiprocess metrics when several workers will serve; call before they start.

    prometheus_client picks its storage when first imported, so the variable must be in the
    environment the workers inherit. The folder is emptied: files of a previous run's processes
    would otherwise be summed into this run's figures. A folder the operator already chose
    through the environment is used as it is.
    """
    if os.environ.get(MULTIPROC_ENV):
        return Path(os.environ[MULTIPROC_ENV])
    if settings.workers <= 1:
        return None
    folder = settings.data_dir / "metrics"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    os.environ[MULTIPROC_ENV] = str(folder)
    return folder


def render_now() -> bytes:
    """The Prometheus text of this process, or of all workers in multiprocess mode."""
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)


class _Recent:
    """The last render and when it was made; one render at a time (call from threads)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.at = -CACHE_SECONDS
        self.body = b""

    def get(self) -> bytes:
        with self.lock:
            if time.monotonic() - self.at >= CACHE_SECONDS:
                self.body = render_now()
                self.at = time.monotonic()
            return self.body


_recent = _Recent()


def render() -> tuple[bytes, str]:
    """The metrics text, at most :data:`CACHE_SECONDS` old, and its content type. Blocks: call
    it from a worker thread."""
    return _recent.get(), CONTENT_TYPE_LATEST


def refusal(settings: Settings, authorization: str | None, *, own_port: bool) -> int | None:
    """The status refusing a read of the metrics (404 or 401), or None to serve them."""
    if own_port:
        tokens = [settings.metrics_token]
        if settings.metrics_token is None:
            return None
    else:
        if settings.metrics_port is not None:
            return 404
        tokens = [settings.metrics_token, settings.admin_token]
    secrets = [token.get_secret_value().encode() for token in tokens if token is not None]
    if not secrets:
        return 404
    given = _bearer(authorization)
    if given is not None and any(hmac.compare_digest(given, secret) for secret in secrets):
        return None
    return 401


def _bearer(authorization: str | None) -> bytes | None:
    scheme, _, token = (authorization or "").partition(" ")
    return token.strip().encode() if scheme.lower() == "bearer" and token.strip() else None


class _MetricsHandler(BaseHTTPRequestHandler):
    settings: Settings
    timeout = 10  # seconds a client may take to send its request: no slow sockets held open

    def do_GET(self) -> None:
        if self.path.split("?", 1)[0] != "/metrics":
            self._answer(404, b"not found\n", "text/plain; charset=utf-8")
            return
        status = refusal(self.settings, self.headers.get("Authorization"), own_port=True)
        if status is not None:
            self._answer(status, b"a bearer token is required\n", "text/plain; charset=utf-8")
            return
        body, content_type = render()
        self._answer(200, body, content_type)

    def _answer(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if status == 401:
            self.send_header("WWW-Authenticate", "Bearer")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        log.debug("metrics port: " + format, *args)


def serve_metrics(settings: Settings) -> ThreadingHTTPServer | None:
    """Start the metrics listener of ``metrics_port`` in a daemon thread, if one is set.

    Called in the process that starts uvicorn: with one worker it serves that worker's figures,
    with several it sums their files. ``shutdown()`` on the returned server stops it.
    """
    if settings.metrics_port is None:
        return None
    handler = type("MetricsHandler", (_MetricsHandler,), {"settings": settings})
    server = ThreadingHTTPServer((settings.metrics_host, settings.metrics_port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="metrics-port", daemon=True).start()
    log.info("metrics on http://%s:%d/metrics", settings.metrics_host,
             server.server_address[1])
    return server
