"""How the sync client talks HTTP: rate limits waited out, errors turned into two exceptions."""

from __future__ import annotations

import httpx
import pytest

from sync.client import http
from sync.client.http import LicenceInactive, Offline, Service, ServiceError


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


def _inactive(details: object) -> httpx.Response:
    return httpx.Response(403, json={"error": {
        "code": "licence_inactive", "message": "the service's own words", "details": details}})


def test_a_licence_refusal_tells_the_accountant_why_and_what_to_do() -> None:
    api, _ = _service([
        _inactive({"reason": "expired", "since": "2025-03-31T00:00:00Z"}),
        _inactive({"reason": "lapsed", "since": "2026-01-15T09:30:00+00:00"}),
        _inactive({"reason": "something new"})])
    with pytest.raises(LicenceInactive) as expired:
        api.put("/v1/backups/chunks/x")
    assert expired.value.code == "licence_inactive" and expired.value.reason == "expired"
    assert str(expired.value) == (
        "the licence of this PC expired on 2025-03-31, so the Daftar cloud still lets it "
        "restore backups but no longer back up or take a company; renew it (ask your Daftar "
        "reseller), then check in (daftar cloud check-in)")
    with pytest.raises(LicenceInactive, match="since its grace period ended on 2026-01-15, "):
        api.put("/v1/backups/chunks/x")
    with pytest.raises(LicenceInactive, match=r"^the service's own words$"):
        api.put("/v1/backups/chunks/x")
