"""The service's edge: what uvicorn is told about proxies, slow clients and connections.

Three holes sat at the edge. uvicorn believes ``X-Forwarded-For`` from loopback unless told
otherwise, so a client on the machine (or behind a proxy nobody configured) picked the address
that per-IP limits count: forwarded headers are now believed only from the ``trusted_proxies``
named, none by default. uvicorn times out idle kept-alive connections but never a request head
that is slow to arrive: 300 sockets sending a byte now and then were held for over 70 s. Here a
connection whose request line and headers are not all in within ``header_timeout_seconds`` of its
first byte (or of being opened) is answered 408 and closed; bodies are timed by the middleware
(:mod:`sync.server.observability`). And ``max_connections`` bounds what one worker holds: past
it, uvicorn answers 503 rather than run out of memory or descriptors.

Both :func:`sync.server.cli.serve.serve` and the tests' servers take their options from
:func:`uvicorn_options`, so the tests run what ships.
"""

from __future__ import annotations

import asyncio
import functools
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from sync.server.metrics import TIMEOUTS
from sync.server.settings import Settings

_TIMEOUT_BODY = b"the request line and headers took too long\n"
_TIMEOUT_ANSWER = (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
                   b"content-length: %d\r\nconnection: close\r\n\r\n%s"
                   % (len(_TIMEOUT_BODY), _TIMEOUT_BODY))


class HeadTimeoutProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, with a deadline on each request's line and headers.

    The clock starts when the connection opens and again at the first byte of each later
    request (an idle kept-alive connection is uvicorn's own ``timeout_keep_alive``), and stops
    when the headers are complete. Sending a byte at a time does not move the deadline.
    """

    def __init__(self, *args: Any, head_timeout: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.head_timeout = head_timeout
        self._head_timer: asyncio.TimerHandle | None = None
        self._head_begun = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start_head_clock()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_head_clock()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._head_begun = True
        self._start_head_clock()

    def on_headers_complete(self) -> None:
        self._stop_head_clock()
        self._head_begun = False
        super().on_headers_complete()

    def _start_head_clock(self) -> None:
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(self.head_timeout, self._head_too_late)

    def _stop_head_clock(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_too_late(self) -> None:
        self._head_timer = None
        if self.transport.is_closing():
            return
        TIMEOUTS.labels("head").inc()
        answering = self.cycle is not None and not self.cycle.response_complete
        if self._head_begun and not answering:  # a 408 now cannot cut into another response
            self.transport.write(_TIMEOUT_ANSWER)
        self.transport.close()


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for ``uvicorn.run`` or ``uvicorn.Config`` that carry ``settings``."""
    trusted = settings.trusted_proxies.strip()
    return {
        "http": functools.partial(HeadTimeoutProtocol,
                                  head_timeout=settings.header_timeout_seconds),
        "proxy_headers": bool(trusted),
        "forwarded_allow_ips": trusted or None,
        "limit_concurrency": settings.max_connections,
        "server_header": False,
    }
