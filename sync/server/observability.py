"""What every request goes through before the routes: id, limits, metrics and the access log.

One pure ASGI middleware (no ``BaseHTTPMiddleware``: it would copy every body through a task
group, and the licence check-in path must stay cheap) does, in order:

- gives the request an id: a sane ``X-Request-ID`` from a proxy is kept, else one is made up; it
  goes into :data:`sync.server.logs.request_id` (every log line), ``request.state.request_id``
  (every error body) and the response's ``X-Request-ID`` header;
- refuses a client IP over ``rate_ip_per_minute`` (429 ``rate_limited``, ``Retry-After``) and a
  body over ``max_request_bytes`` (413 ``request_too_large``): by ``Content-Length`` before any
  byte is read, and by counting while a chunked body streams in. The check runs when the app
  first reads the body, so a route that takes larger bodies (release files, operator only) can
  raise its request's limit first with :func:`allow_larger_body`;
- answers 408 ``request_timeout`` and closes the connection when the next piece of a body takes
  longer than ``body_timeout_seconds``: a client that stops sending mid-body would otherwise
  hold its connection, its worker thread and its buffers for as long as it likes (slow request
  heads are cut earlier, in :mod:`sync.server.edge`). Once the body is in, waiting on
  ``receive`` means waiting for a disconnect, which is never timed;
- counts the request in Prometheus (:mod:`sync.server.metrics`) by method, route template
  (never the raw path: one series per tenant id would swamp the server; ``<refused>`` before
  routing, ``<unmatched>`` when no route took it) and status, and logs one access line.

The client address is the connection's own, unless ``trusted_proxies`` names the peer: only then
has uvicorn replaced it with the one in ``X-Forwarded-For``.

An exception that escapes the app is answered here by the app's own ``Exception`` handler, so a
500 carries the request id header and is counted like any other answer.

Health and readiness are exempt from the rate limit (load balancers probe them often, from few
addresses); ``/metrics`` is not, so that anonymous callers cannot poll it without end. The access
lines of all three are DEBUG, so that probes every few seconds do not drown the log.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
import time
import uuid

import anyio.to_thread
from fastapi import FastAPI
from fastapi.responses import JSONResponse
from prometheus_client import Counter, Histogram
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.server import errors, logs
from sync.server.metrics import IN_FLIGHT, LATENCY, REQUESTS, TIMEOUTS
from sync.server.ratelimit import MemoryRateLimiter, RateLimiter
from sync.server.settings import Settings
from sync.wire.errors import ErrorCode

access_log = logging.getLogger("daftar.server.access")
log = logging.getLogger("daftar.server")

EXEMPT_PATHS = frozenset({"/healthz", "/readyz"})  # from the IP rate limit
QUIET_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})  # access lines at DEBUG
UNMATCHED = "<unmatched>"  # the route label of a request no route took (404)
REFUSED = "<refused>"  # and of one refused before routing (over the IP rate limit)
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
BODY_LIMIT_KEY = "daftar.max_request_bytes"


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` when a streamed body passes the limit.

    An HTTPException, so FastAPI's body parsing lets it through (it turns other errors into 400)
    and the app's handler renders the usual JSON error.
    """

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body larger than {limit} bytes")


class BodyTimeout(HTTPException):
    """Raised from ``receive`` when the client stalls mid-body; the answer closes the
    connection, since what the client sends next would be read as the rest of this body."""

    def __init__(self, seconds: float) -> None:
        super().__init__(408, f"no part of the request body came for {seconds:g} s",
                         headers={"Connection": "close"})


def allow_larger_body(request: Request, limit: int) -> None:
    """Let this request's body reach ``limit`` bytes; call before reading it.

    For the few routes whose bodies are legitimately bigger than ``max_request_bytes`` (release
    files), once the caller is known to be allowed to send them.
    """
    request.scope[BODY_LIMIT_KEY] = limit


def install(app: FastAPI, settings: Settings) -> None:
    """Put the middleware around ``app``'s routes; it reads the limiter from ``app.state``."""
    app.add_middleware(ObservabilityMiddleware, settings=settings)


class _Response:
    """Wraps ``send``: adds the request id header and remembers what was answered."""

    __slots__ = ("_send", "header", "refused", "request_id", "status")

    def __init__(self, send: Send, request_id: str) -> None:
        self._send = send
        self.request_id = request_id
        self.header = (b"x-request-id", request_id.encode("ascii"))
        self.status: int | None = None
        self.refused = False

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            message = {**message, "headers": [*message.get("headers", ()), self.header]}
        await self._send(message)


class ObservabilityMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.max_bytes = settings.max_request_bytes
        self.body_timeout = settings.body_timeout_seconds
        self.ip_limit = settings.rate_ip_per_minute

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given_id, length = _read_headers(scope)
        rid = given_id if given_id and _SANE_REQUEST_ID.fullmatch(given_id) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = rid
        token = logs.request_id.set(rid)
        response = _Response(send, rid)
        started = time.perf_counter()
        IN_FLIGHT.inc()
        try:
            body = _guarded(scope, receive, length, self.max_bytes, self.body_timeout)
            await self._handle(scope, body, response)
        finally:
            IN_FLIGHT.dec()
            _record(scope, response, time.perf_counter() - started)
            logs.request_id.reset(token)

    async def _handle(self, scope: Scope, receive: Receive, response: _Response) -> None:
        refusal = await self._refusal(scope)
        if refusal is not None:
            response.refused = True
            await refusal(scope, receive, response.send)
            return
        try:
            await self.app(scope, receive, response.send)
        except Exception as exc:
            if response.status is not None:
                raise
            await _render_exception(scope, receive, response, exc)

    async def _refusal(self, scope: Scope) -> JSONResponse | None:
        """The error answering this request without running it, if any."""
        if scope["path"] in EXEMPT_PATHS:
            return None
        retry_after = await self._hit_ip_limit(scope)
        if retry_after is None:
            return None
        return _error(scope, 429, ErrorCode.RATE_LIMITED,
                      f"too many requests from this address; retry in {retry_after} s",
                      {"Retry-After": str(retry_after)})

    async def _hit_ip_limit(self, scope: Scope) -> int | None:
        """Count the request against its IP address (a limiter that fails lets it through)."""
        services = getattr(scope["app"].state, "services", None)
        if services is None:
            return None
        limiter: RateLimiter = services.limiter
        key = f"ip:{_client_ip(scope)}"
        if isinstance(limiter, MemoryRateLimiter):
            return limiter.hit(key, self.ip_limit)
        return await anyio.to_thread.run_sync(limiter.hit, key, self.ip_limit)


def _read_headers(scope: Scope) -> tuple[str | None, int | None]:
    """``X-Request-ID`` and ``Content-Length`` in one pass over the raw headers."""
    given_id = length = None
    for name, value in scope["headers"]:
        if name == b"x-request-id":
            given_id = value.decode("latin-1")
        elif name == b"content-length":
            try:
                length = int(value)
            except ValueError:
                length = None
    return given_id, length


def _guarded(scope: Scope, receive: Receive, length: int | None, default: int,
             timeout: float) -> Receive:
    """``receive`` that raises :class:`BodyTooLarge` rather than pass the request's limit, and
    :class:`BodyTimeout` when a piece of the body is ``timeout`` seconds late.

    A declared ``Content-Length`` over the limit is refused before a byte is read.
    """
    seen = 0
    complete = False

    async def receive_guarded() -> Message:
        nonlocal seen, complete
        limit = scope.get(BODY_LIMIT_KEY, default)
        if length is not None and length > limit:
            raise BodyTooLarge(limit)
        if complete:
            return await receive()
        try:
            async with asyncio.timeout(timeout):  # uvicorn runs asyncio; anyio's costs 10x more
                message = await receive()
        except TimeoutError:
            TIMEOUTS.labels("body").inc()
            raise BodyTimeout(timeout) from None
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge(limit)
            complete = not message.get("more_body", False)
        else:
            complete = True
        return message

    return receive_guarded


def _error(scope: Scope, status: int, code: ErrorCode, message: str,
           headers: dict[str, str] | None = None) -> JSONResponse:
    body = errors.error_body(Request(scope), code, message)
    return JSONResponse(body, status_code=status, headers=headers)


async def _render_exception(scope: Scope, receive: Receive, response: _Response,
                            exc: Exception) -> None:
    """Answer an exception that escaped the app here, so the answer carries the request id.

    Starlette would otherwise answer it outside this middleware, with the same body (the app's
    own handler for ``Exception``) but without the header, the metrics or the access line.
    """
    if isinstance(exc, BodyTooLarge):
        answer = _error(scope, 413, ErrorCode.TOO_LARGE, str(exc.detail))
    elif isinstance(exc, BodyTimeout):
        answer = _error(scope, 408, ErrorCode.REQUEST_TIMEOUT, str(exc.detail), exc.headers)
    else:
        handler = scope["app"].exception_handlers.get(Exception)
        if handler is None:
            raise exc
        answer = await handler(Request(scope, receive), exc)
    await answer(scope, receive, response.send)


def _client_ip(scope: Scope) -> str:
    client = scope.get("client")
    return client[0] if client else "unknown"


@functools.cache
def _series(method: str, route: str, status: int) -> tuple[Counter, Histogram]:
    """The labelled children, looked up once: labels are few (templates, not paths)."""
    return REQUESTS.labels(method, route, str(status)), LATENCY.labels(method, route)


def _record(scope: Scope, response: _Response, seconds: float) -> None:
    method = scope["method"] if scope["method"] in _METHODS else "OTHER"
    status = response.status or 500
    route = REFUSED if response.refused else (
        getattr(scope.get("route"), "path", None) or UNMATCHED)
    counter, histogram = _series(method, route, status)
    counter.inc()
    histogram.observe(seconds)
    level = logging.DEBUG if scope["path"] in QUIET_PATHS else logging.INFO
    if access_log.isEnabledFor(level):
        path = scope["path"]
        access_log.log(level, "%s %s %d %.1f ms", scope["method"], path, status, seconds * 1000,
                       extra={"method": scope["method"], "path": path, "route": route,
                              "status": status, "duration_ms": round(seconds * 1000, 2),
                              "client_ip": _client_ip(scope),
                              "request_id": response.request_id})
