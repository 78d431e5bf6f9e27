"""Fixed-window rate limits, per process or shared among instances through Redis.

A limit is "N hits per key per minute". The window is the current minute; the first hit of a
window sets its expiry, so counters clean themselves up. Redis makes every instance count against
the same window, which is what stops a client from spreading its requests over the instances.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Protocol

log = logging.getLogger("daftar.server.ratelimit")

WINDOW_SECONDS = 60
FALLBACK_SECONDS = 30


class RateLimiter(Protocol):
    def hit(self, key: str, limit: int) -> int | None:
        """Count one hit on ``key``; None when allowed, else the seconds until the next window."""


def _window(now: float) -> tuple[int, int]:
    window = int(now // WINDOW_SECONDS)
    retry_after = WINDOW_SECONDS - int(now % WINDOW_SECONDS)
    return window, max(retry_after, 1)


class MemoryRateLimiter:
    """Counts in this process only: right for one instance, per worker with several."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}
        self._window = -1

    def hit(self, key: str, limit: int) -> int | None:
        window, retry_after = _window(time.time())
        with self._lock:
            if window != self._window:
                self._counts.clear()
                self._window = window
            count = self._counts.get(key, 0) + 1
            self._counts[key] = count
        return None if count <= limit else retry_after


class RedisRateLimiter:
    """Counts in Redis, shared by every instance that points at the same server.

    Limits protect the service, they are not what it is for. Redis gets a second to
    answer; when it fails, this process counts in its own memory for :data:`FALLBACK_SECONDS`
    (limits still hold, per process) before asking Redis again, so a Redis that hangs costs one
    slow request per period, not every request. A warning is logged once per period and
    ``/readyz`` names the cause.
    """

    def __init__(self, url: str, *, timeout: float = 1.0) -> None:
        import redis

        self.client = redis.Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout)
        self._errors = redis.RedisError
        self._fallback = MemoryRateLimiter()
        self._down_until = 0.0

    def hit(self, key: str, limit: int) -> int | None:
        if time.monotonic() < self._down_until:
            return self._fallback.hit(key, limit)
        window, retry_after = _window(time.time())
        name = f"daftar:rl:{key}:{window}"
        pipe = self.client.pipeline(transaction=False)
        pipe.incr(name)
        # The window is part of the name, so a plain EXPIRE is enough (EXPIRE … NX needs Redis 7).
        pipe.expire(name, WINDOW_SECONDS + 5)
        try:
            count = pipe.execute()[0]
        except self._errors as error:
            self._down_until = time.monotonic() + FALLBACK_SECONDS
            log.warning("Redis rate limiter unavailable, counting in this process for %d s: %s",
                        FALLBACK_SECONDS, error)
            return self._fallback.hit(key, limit)
        return None if count <= limit else retry_after

    def ping(self) -> None:
        self.client.ping()


def open_rate_limiter(redis_url: str | None) -> RateLimiter:
    return RedisRateLimiter(redis_url) if redis_url else MemoryRateLimiter()
