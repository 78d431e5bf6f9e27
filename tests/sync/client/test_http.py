"""How the sync client talks HTTP: rate limits waited out, errors turned into two exceptions."""

from __future__ import annotations

import httpx
import pytest

from sync.client import http
from sync.client.http import Offline, Service, ServiceError


def _service(answers: list[httpx.Response], **kwargs: object) -> tuple[Service, list[float]]:
    """A Service whose transport answers in turn (the service's rate limiter is exercised for
    real in the service's own tests; here only the client's reaction to its answer)."""
    calls: list[float] = []

    def handle(request: httpx.Request) -> httpx.Response:
        calls.append(1.0)
        return answers.pop(0)

    return Service("http://cloud.test", transport=httpx.MockTransport(handle), **kwargs), calls


def _limited(seconds: str = "0.5") -> httpx.Response:
    return httpx.Response(429, headers={"Retry-After": seconds}, json={"error": {
        "code": "rate_limited", "message": "too many requests"}})


def test_a_rate_limit_is_waited_out() -> None:
    api, calls = _service([_limited(), _limited(), httpx.Response(200, json={"ok": True})])
    assert api.get("/x").json() == {"ok": True}
    assert len(calls) == 3


def test_a_rate_limit_longer_than_the_patience_is_an_error(monkeypatch) -> None:
    monkeypatch.setattr(http, "RATE_LIMIT_PATIENCE", 1.0)
    api, _ = _service([_limited("0.6"), _limited("0.6")])
    with pytest.raises(ServiceError) as error:
        api.get("/x")
    assert error.value.status == 429 and error.value.code == "rate_limited"


def test_a_cancelled_transfer_stops_waiting() -> None:
    api, calls = _service([_limited("30")], cancelled=lambda: True)
    with pytest.raises(ServiceError):
        api.get("/x")
    assert len(calls) == 1


def test_errors_carry_the_stable_code_and_an_unreachable_service_is_offline() -> None:
    api, _ = _service([httpx.Response(409, json={"error": {
        "code": "lease_held", "message": "kept on PC B", "details": {"holder_name": "B"}}})])
    with pytest.raises(ServiceError, match="kept on PC B") as error:
        api.post("/x")
    assert error.value.code == "lease_held" and error.value.details == {"holder_name": "B"}
    with Service("http://127.0.0.1:9") as down, pytest.raises(Offline, match="did not answer"):
        down.get("/healthz")
