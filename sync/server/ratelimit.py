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

    Limits protect the service, they are not what it is for: with Redis down, requests are still
    answered, a warning is logged once a minute and ``/readyz`` names the cause.
    """

    def __init__(self, url: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self._errors = redis.RedisError
        self._warned_at = 0.0

    def hit(self, key: str, limit: int) -> int | None:
        window, retry_after = _window(time.time())
        name = f"daftar:rl:{key}:{window}"
        pipe = self.client.pipeline(transaction=False)
        pipe.incr(name)
        pipe.expire(name, WINDOW_SECONDS + 5, nx=True)
        try:
            count = pipe.execute()[0]
        except self._errors as error:
            now = time.monotonic()
            if now - self._warned_at > 60:
                self._warned_at = now
                log.warning("rate limiter unavailable, not limiting: %s", error)
            return None
        return None if count <= limit else retry_after

    def ping(self) -> None:
        self.client.ping()


def open_rate_limiter(redis_url: str | None) -> RateLimiter:
    return RedisRateLimiter(redis_url) if redis_url else MemoryRateLimiter()
