"""Operations: liveness, readiness and Prometheus metrics, for load balancers and monitoring.

``/healthz`` says the process answers and touches nothing, so a slow database never gets a live
instance restarted. ``/readyz`` asks each dependency with a short timeout, all at once, and says
which one failed; the reasons go to the log, not to the unauthenticated caller. Its answer is
reused for :data:`CACHE_SECONDS` and only one round of probes runs at a time, so an
unauthenticated caller hammering it costs neither threads nor database connections.

``/metrics`` is for the operator's scraper only, and a read is cheap and cached; who may read it
and why is in :mod:`sync.server.metrics`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import APIRouter, Header, Request, Response
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel

from sync.server import metrics as prometheus
from sync.server.deps import Services, ServicesDep
from sync.server.errors import ApiError, not_found
from sync.server.ratelimit import RedisRateLimiter
from sync.wire.errors import ErrorCode

log = logging.getLogger("daftar.server.health")

router = APIRouter(tags=["operations"])

CHECK_TIMEOUT_SECONDS = 2.0
CACHE_SECONDS = 1.0


class Health(BaseModel):
    status: str = "ok"


class Readiness(BaseModel):
    status: str
    checks: dict[str, str]


@router.get("/healthz")
async def healthz() -> Health:
    """Alive: the process answers HTTP."""
    return Health()


@router.get("/readyz", responses={503: {"description": "a dependency is unreachable"}})
async def readyz(request: Request, services: ServicesDep) -> Readiness:
    """Ready: the database and the blob store (and Redis, when configured) answer."""
    if not hasattr(request.app.state, "readiness"):
        request.app.state.readiness = _Recent()
    results = await _latest_results(request.app.state.readiness, services)
    failed = [name for name, status in results.items() if status != "ok"]
    if failed:
        raise ApiError(503, ErrorCode.UNAVAILABLE, f"not ready: {', '.join(failed)} unreachable",
                       checks=results)
    return Readiness(status="ok", checks=results)


@dataclass
class _Recent:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    at: float = -CACHE_SECONDS
    results: dict[str, str] = field(default_factory=dict)


async def _latest_results(recent: _Recent, services: Services) -> dict[str, str]:
    async with recent.lock:
        if time.monotonic() - recent.at >= CACHE_SECONDS:
            checks = _checks(services)
            failures = await asyncio.gather(*(_probe(n, c) for n, c in checks.items()))
            recent.results = {name: "failed" if failure else "ok"
                              for name, failure in zip(checks, failures, strict=True)}
            recent.at = time.monotonic()
        return recent.results


@router.get("/metrics", response_class=PlainTextResponse, responses={
    401: {"description": "no metrics token or admin token, or a wrong one"},
    404: {"description": "no token is set, or the metrics have a port of their own"},
})
def metrics(services: ServicesDep,
            authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
            ) -> Response:
    """Prometheus text exposition (all workers summed when several serve), at most a second old.

    Needs the metrics token or the admin token as a bearer token. A plain function, so that a
    render (or reading the workers' metric files) happens off the event loop.
    """
    refused = prometheus.refusal(services.settings, authorization, own_port=False)
    if refused == 404:
        raise not_found("page")
    if refused is not None:
        raise ApiError(401, ErrorCode.UNAUTHENTICATED, "the metrics token is required",
                       headers={"WWW-Authenticate": "Bearer"})
    body, content_type = prometheus.render()
    return Response(body, media_type=content_type)


def _checks(services: Services) -> dict[str, Callable[[], object]]:
    checks: dict[str, Callable[[], object]] = {
        "database": services.store.ping, "blobs": services.blobs.ping,
    }
    if isinstance(services.limiter, RedisRateLimiter):
        checks["redis"] = services.limiter.ping
    return checks


async def _probe(name: str, check: Callable[[], object]) -> str | None:
    """Run ``check`` in its own daemon thread; None if it passed in time, else why not.

    Not the shared thread pool: a dependency that hangs would pin a worker thread per probe
    until requests starve. A daemon thread that hangs is merely abandoned, and never holds up
    the process's exit.
    """
    loop = asyncio.get_running_loop()
    outcome: asyncio.Future[str | None] = loop.create_future()

    def settle(reason: str | None) -> None:
        if not outcome.done():
            outcome.set_result(reason)

    def run() -> None:
        try:
            check()
            reason = None
        except Exception as exc:
            reason = f"{type(exc).__name__}: {exc}"
        with contextlib.suppress(RuntimeError):  # the loop closed while the check hung
            loop.call_soon_threadsafe(settle, reason)

    threading.Thread(target=run, name=f"readyz-{name}", daemon=True).start()
    try:
        reason = await asyncio.wait_for(outcome, CHECK_TIMEOUT_SECONDS)
    except TimeoutError:
        reason = f"no answer within {CHECK_TIMEOUT_SECONDS} s"
    if reason:
        log.warning("readiness check %s failed: %s", name, reason.splitlines()[0])
    return reason
