"""A snapshot's time is this PC's clock, never ahead of the service's (which refuses those)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import httpx

from sync.client.backup import _now, _server_clock


def _answer(date: str | None) -> httpx.Response:
    return httpx.Response(200, headers={"Date": date} if date else {})


def test_a_fast_clock_is_held_back_to_the_services() -> None:
    service = datetime.now(UTC) - timedelta(hours=1)  # this PC runs an hour ahead
    clock = _server_clock(_answer(service.strftime("%a, %d %b %Y %H:%M:%S GMT")))
    assert clock is not None
    taken = _now(clock)
    assert service - timedelta(seconds=1) <= taken <= service + timedelta(seconds=5)


def test_a_slow_clock_or_no_date_keeps_this_pcs_time() -> None:
    ahead = datetime.now(UTC) + timedelta(hours=1)
    clock = _server_clock(_answer(ahead.strftime("%a, %d %b %Y %H:%M:%S GMT")))
    before = datetime.now(UTC)
    assert before <= _now(clock) <= datetime.now(UTC)
    assert _server_clock(_answer(None)) is None
    assert _server_clock(_answer("not a date")) is None
    assert abs(_now(None) - datetime.now(UTC)) < timedelta(seconds=1)
    assert _now((ahead, time.monotonic())) <= datetime.now(UTC)
