"""Rate limits: per IP address in the middleware, per device on device routes, shared via Redis."""

from __future__ import annotations

import logging
import socket
import time
import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest
import redis
from conftest import Api, live_server
from test_usage import new_device

from sync.server import metrics
from sync.server.ratelimit import WINDOW_SECONDS, MemoryRateLimiter, RedisRateLimiter
from sync.server.settings import Settings


@pytest.fixture(autouse=True)
def clear_of_window_edge() -> None:
    """Start a test well inside a one-minute window, so no count resets half-way through."""
    left = WINDOW_SECONDS - time.time() % WINDOW_SECONDS
    if left < 5:
        time.sleep(left + 0.05)


@pytest.fixture
def empty_redis(redis_url: str) -> str:
    """The test Redis database, emptied: the IP counters of an earlier test would still count."""
    client = redis.Redis.from_url(redis_url)
    try:
        client.flushdb()
    finally:
        client.close()
    return redis_url


def _assert_rate_limited(response: httpx.Response) -> None:
    assert response.status_code == 429
    assert 1 <= int(response.headers["retry-after"]) <= WINDOW_SECONDS
    error = response.json()["error"]
    assert error["code"] == "rate_limited"
    assert error["request_id"] == response.headers["x-request-id"]


def test_memory_limiter_counts_per_key() -> None:
    limiter = MemoryRateLimiter()
    assert [limiter.hit("a", 2) for _ in range(2)] == [None, None]
    assert 1 <= limiter.hit("a", 2) <= WINDOW_SECONDS
    assert limiter.hit("b", 2) is None


def test_redis_limiter_is_shared_by_its_instances(redis_url: str) -> None:
    key = f"test:{uuid.uuid4()}"
    first, second = RedisRateLimiter(redis_url), RedisRateLimiter(redis_url)
    assert first.hit(key, 3) is None
    assert second.hit(key, 3) is None
    assert first.hit(key, 3) is None
    assert 1 <= second.hit(key, 3) <= WINDOW_SECONDS
    assert first.hit(f"{key}:other", 3) is None


def test_a_redis_that_never_answers_costs_one_slow_hit_then_limits_in_memory() -> None:
    """A server that accepts connections but never replies: the worst way for Redis to fail."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        limiter = RedisRateLimiter(f"redis://127.0.0.1:{silent.getsockname()[1]}/0")
        started = time.perf_counter()
        first = limiter.hit("k", 2)
        slow = time.perf_counter() - started
        started = time.perf_counter()
        rest = [limiter.hit("k", 2) for _ in range(50)]
        fast = time.perf_counter() - started
    assert first is None and rest[0] is None
    assert all(retry is not None for retry in rest[1:])  # the limit still holds meanwhile
    assert slow < 3 and fast < 0.1


@pytest.fixture
def limited_api(make_settings: Callable[..., Settings]) -> Iterator[Api]:
    settings = make_settings(rate_ip_per_minute=5)
    with live_server(settings) as url:
        yield Api(url, settings)


def test_an_ip_address_is_limited_but_probes_are_not(limited_api: Api) -> None:
    with limited_api.client() as client:
        answers = [client.get("/v1/admin/tenants").status_code for _ in range(5)]
        refused = client.get("/v1/admin/tenants")
        for path in ("/healthz", "/readyz"):
            assert client.get(path).status_code == 200, path
    assert answers == [401] * 5
    _assert_rate_limited(refused)
    time.sleep(metrics.CACHE_SECONDS)
    assert 'route="<refused>",status="429"' in metrics.render()[0].decode()


def test_anonymous_metrics_reads_count_against_the_address(limited_api: Api) -> None:
    with limited_api.client() as client:
        answers = [client.get("/metrics").status_code for _ in range(5)]
        refused = client.get("/metrics")
    assert answers == [401] * 5
    _assert_rate_limited(refused)


def _statuses(api: Api, forwarded_for: list[str]) -> list[int]:
    with api.client() as client:
        return [client.get("/v1/admin/tenants", headers={"X-Forwarded-For": ip}).status_code
                for ip in forwarded_for]


def test_a_client_cannot_choose_the_address_it_is_limited_by(
    make_settings: Callable[..., Settings], caplog: pytest.LogCaptureFixture,
) -> None:
    """By default no proxy is trusted: X-Forwarded-For from loopback is not believed."""
    caplog.set_level(logging.INFO, logger="daftar.server.access")
    settings = make_settings(rate_ip_per_minute=3)
    assert settings.trusted_proxies == ""
    with live_server(settings) as url:
        statuses = _statuses(Api(url, settings), [f"203.0.113.{n}" for n in range(1, 6)])
    assert statuses == [401] * 3 + [429] * 2
    seen = {getattr(r, "client_ip", None) for r in caplog.records if hasattr(r, "client_ip")}
    assert seen == {"127.0.0.1"}


def test_a_trusted_proxy_names_the_client(make_settings: Callable[..., Settings]) -> None:
    settings = make_settings(rate_ip_per_minute=3, trusted_proxies="127.0.0.1")
    with live_server(settings) as url:
        statuses = _statuses(Api(url, settings), ["203.0.113.1"] * 4 + ["203.0.113.2"])
    assert statuses == [401] * 3 + [429, 401]


def test_instances_sharing_redis_share_the_ip_limit(
    make_settings: Callable[..., Settings], empty_redis: str,
) -> None:
    settings = make_settings(rate_ip_per_minute=5, redis_url=empty_redis)
    with (live_server(settings) as one, live_server(settings) as two,
          httpx.Client(base_url=one) as first, httpx.Client(base_url=two) as second):
        answers = [first.get("/v1/admin/tenants").status_code for _ in range(3)]
        answers += [second.get("/v1/admin/tenants").status_code for _ in range(2)]
        assert answers == [401] * 5
        _assert_rate_limited(first.get("/v1/admin/tenants"))
        _assert_rate_limited(second.get("/v1/admin/tenants"))


def test_a_device_is_limited(make_settings: Callable[..., Settings]) -> None:
    settings = make_settings(rate_device_per_minute=2)
    with live_server(settings) as url:
        api = Api(url, settings)
        device, other = new_device(api), new_device(api, "Cabinet B")
        batch = {"batch_id": "b", "counters": []}
        with api.client(device.token) as client:
            assert [client.post("/v1/usage", json=batch).status_code for _ in range(2)] == [
                200, 200]
            _assert_rate_limited(client.post("/v1/usage", json=batch))
        with api.client(other.token) as client:
            assert client.post("/v1/usage", json=batch).status_code == 200
