"""Slow and greedy clients: late request heads and stalled bodies are cut, connections bounded.

Raw sockets, since an HTTP client library will not send half a request and then wait.
"""

from __future__ import annotations

import json
import select
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager

import httpx
import pytest
from conftest import OPERATOR_TOKEN, Api, live_server

from sync.server.settings import Settings

TIMEOUT = 0.5  # the header and body timeouts these servers are given
HEAD = b"GET /healthz HTTP/1.1\r\nHost: test\r\n"


@pytest.fixture
def api(make_settings: Callable[..., Settings]) -> Iterator[Api]:
    settings = make_settings(header_timeout_seconds=TIMEOUT, body_timeout_seconds=TIMEOUT)
    with live_server(settings) as url:
        yield Api(url, settings)


@contextmanager
def connection(api: Api) -> Iterator[socket.socket]:
    port = int(api.url.rsplit(":", 1)[1])
    sock = socket.create_connection(("127.0.0.1", port))
    sock.settimeout(10)
    try:
        yield sock
    finally:
        sock.close()


def until_closed(sock: socket.socket) -> tuple[bytes, float]:
    """Everything the server sends until it closes the connection, and how long that took."""
    started, received = time.monotonic(), b""
    while chunk := sock.recv(65536):
        received += chunk
    return received, time.monotonic() - started


def test_a_request_head_that_never_ends_is_answered_408_and_closed(api: Api) -> None:
    with connection(api) as sock:
        sock.sendall(HEAD)  # no blank line: the headers never end
        answer, waited = until_closed(sock)
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert b"connection: close" in answer
    assert TIMEOUT * 0.8 < waited < TIMEOUT + 2


def test_sending_the_head_a_byte_at_a_time_does_not_move_the_deadline(api: Api) -> None:
    received = b""
    with connection(api) as sock:
        started = time.monotonic()
        for byte in HEAD * 20:  # 14 s at this pace, were it allowed to finish
            try:
                sock.sendall(bytes([byte]))
                if select.select([sock], [], [], 0.02)[0]:
                    chunk = sock.recv(65536)
                    received += chunk
                    if not chunk:
                        break
            except OSError:  # the server closed; what it said before is in ``received``
                break
        waited = time.monotonic() - started
    assert received.startswith(b"HTTP/1.1 408 ")
    assert waited < TIMEOUT + 2


def test_a_connection_that_sends_nothing_is_closed(api: Api) -> None:
    with connection(api) as sock:
        answer, waited = until_closed(sock)
    assert answer == b"" and waited < TIMEOUT + 2


def test_a_kept_alive_connection_is_timed_afresh_for_each_request(api: Api) -> None:
    with connection(api) as sock:
        for _ in range(3):
            time.sleep(TIMEOUT * 0.6)  # between requests: idle, not a late head
            sock.sendall(HEAD + b"\r\n")
            assert sock.recv(65536).startswith(b"HTTP/1.1 200 ")


def test_a_stalled_body_is_answered_408_and_the_connection_closed(api: Api) -> None:
    body = json.dumps({"name": "Cabinet Lent"}).encode()
    head = (f"POST /v1/admin/tenants HTTP/1.1\r\nHost: test\r\n"
            f"Authorization: Bearer {OPERATOR_TOKEN}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    with connection(api) as sock:
        sock.sendall(head + body[:5])  # then nothing more
        answer, waited = until_closed(sock)
    status, _, rest = answer.partition(b"\r\n")
    assert status.startswith(b"HTTP/1.1 408 ")
    assert b"connection: close" in rest.lower()
    error = json.loads(rest.split(b"\r\n\r\n", 1)[1])["error"]
    assert error["code"] == "request_timeout" and error["request_id"]
    assert TIMEOUT * 0.8 < waited < TIMEOUT + 2
    with api.operator as client:
        assert "Cabinet Lent" not in client.get("/v1/admin/tenants").text


def test_a_slow_but_steady_body_is_accepted(api: Api) -> None:
    body = json.dumps({"name": "Cabinet Patient"}).encode()

    def pieces() -> Iterator[bytes]:
        for start in range(0, len(body), 8):
            time.sleep(TIMEOUT * 0.5)
            yield body[start:start + 8]

    with api.operator as client:
        response = client.post("/v1/admin/tenants", content=pieces(),
                               headers={"Content-Type": "application/json"})
    assert response.status_code == 201


def test_slow_sockets_do_not_starve_other_clients(api: Api) -> None:
    with ExitStack() as stack:
        for _ in range(100):
            stack.enter_context(connection(api)).sendall(b"GET /healthz HTTP/1.1\r\n")
        started = time.monotonic()
        assert httpx.get(f"{api.url}/healthz").status_code == 200
        assert time.monotonic() - started < TIMEOUT


def test_past_max_connections_requests_are_answered_503(
    make_settings: Callable[..., Settings],
) -> None:
    settings = make_settings(max_connections=3)
    with live_server(settings) as url:
        api = Api(url, settings)
        with connection(api), connection(api):
            time.sleep(0.2)  # the server has accepted both
            crowded = httpx.get(f"{url}/healthz")
        time.sleep(0.2)
        freed = httpx.get(f"{url}/healthz")
    assert crowded.status_code == 503
    assert freed.status_code == 200
