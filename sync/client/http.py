"""One way to talk to the service: timeouts, the proxy, and errors turned into two exceptions.

:class:`Offline` means the service could not be reached (no network, DNS, refused, timed out):
the caller keeps working and tries again later. :class:`ServiceError` means the service answered
with an error; its ``code`` is the stable code of ``sync.wire.errors``, to branch on.
:class:`LicenceInactive` is the one refusal that every upload meets alike until the licence is
put right, so it gets its own type and a sentence written for the accountant.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import httpx

from sync.wire.errors import ErrorCode

TIMEOUT = httpx.Timeout(30.0, connect=10.0)
RATE_LIMIT_PATIENCE = 300.0
USER_AGENT = "Daftar-desktop"


class CloudError(Exception):
    """Base of what the sync client reports to the user; the message is meant for them."""


class Offline(CloudError):
    """The service did not answer; nothing was changed on either side."""


class ServiceError(CloudError):
    """The service answered with an error."""

    def __init__(self, status: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.details = details


class LicenceInactive(ServiceError):
    """The service refuses to take anything from this PC (backups, a company, usage counts)
    because its licence is revoked or expired, or its lease lapsed; restoring still works."""

    def __init__(self, status: int, message: str, details: Any = None) -> None:
        super().__init__(status, ErrorCode.LICENCE_INACTIVE.value,
                         _inactive_sentence(details) or message, details)
        self.reason = details.get("reason") if isinstance(details, dict) else None


_STILL = "so the Daftar cloud still lets it restore backups but no longer back up or take a company"


def _inactive_sentence(details: Any) -> str | None:
    """What to tell the accountant, from the refusal's ``reason`` and ``since``."""
    if not isinstance(details, dict):
        return None
    try:
        since = f"{datetime.fromisoformat(details['since']):%Y-%m-%d}"
    except (KeyError, TypeError, ValueError):
        return None
    return {
        "revoked": f"the licence of this PC was revoked on {since}, {_STILL}; connect a valid "
                   "licence (daftar cloud connect --licence KEY)",
        "expired": f"the licence of this PC expired on {since}, {_STILL}; renew it (ask your "
                   "Daftar reseller), then check in (daftar cloud check-in)",
        "lapsed": f"this PC has not checked in with the Daftar cloud since its grace period "
                  f"ended on {since}, {_STILL}; check in (daftar cloud check-in)",
    }.get(details.get("reason"))


class NotConnected(CloudError):
    """This PC has not been connected to a service yet."""

    def __init__(self) -> None:
        super().__init__("this PC is not connected to the Daftar cloud; run "
                         "'daftar cloud connect --server URL --licence KEY' first")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("daftar")
    except PackageNotFoundError:
        return "0"


APP_VERSION = _version()


class Service:
    """An HTTP session with one service; use as a context manager, or call :meth:`close`."""

    def __init__(self, base_url: str, *, token: str | None = None, proxy: str | None = None,
                 transport: httpx.BaseTransport | None = None,
                 cancelled: Callable[[], bool] | None = None) -> None:
        self._cancelled = cancelled or (lambda: False)
        headers = {"User-Agent": f"{USER_AGENT}/{APP_VERSION}"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._client = httpx.Client(base_url=base_url.rstrip("/"), headers=headers,
                                    timeout=TIMEOUT, proxy=proxy, trust_env=proxy is None,
                                    transport=transport)

    def __enter__(self) -> Service:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def request(self, method: str, path: str, *, ok: tuple[int, ...] = (200, 201, 204),
                **kwargs: Any) -> httpx.Response:
        """The answer if its status is in ``ok``; else :class:`ServiceError` or :class:`Offline`.

        A request refused for its rate (429) is sent again after the ``Retry-After`` the service
        asked for, for up to :data:`RATE_LIMIT_PATIENCE` seconds in all: a large first backup
        runs into the per-device limit and should slow down, not fail.
        """
        waited = 0.0
        while True:
            try:
                response = self._client.request(method, path, **kwargs)
            except httpx.TransportError as error:
                raise Offline(f"the Daftar cloud at {self._client.base_url} did not answer "
                              f"({type(error).__name__}: {error or 'no details'})") from None
            if response.status_code in ok:
                return response
            pause = _retry_after(response)
            if pause is None or waited + pause > RATE_LIMIT_PATIENCE or self._cancelled():
                raise _service_error(response)
            self._sleep(pause)
            waited += pause

    def _sleep(self, seconds: float) -> None:
        """Wait, in short steps so that a cancelled backup stops waiting at once."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0 and not self._cancelled():
            time.sleep(min(left, 0.25))

    @contextmanager
    def stream(self, path: str, *, headers: dict[str, str] | None = None,
               ok: tuple[int, ...] = (200,)) -> Iterator[httpx.Response]:
        """A GET whose body is read in pieces (a release file); errors as :meth:`request`."""
        try:
            with self._client.stream("GET", path, headers=headers) as response:
                if response.status_code not in ok:
                    response.read()
                    raise _service_error(response)
                yield response
        except httpx.TransportError as error:
            raise Offline(f"the Daftar cloud at {self._client.base_url} did not answer "
                          f"({type(error).__name__}: {error or 'no details'})") from None

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("PUT", path, **kwargs)


def _retry_after(response: httpx.Response) -> float | None:
    """Seconds a 429 answer asks the client to wait, or None for any other answer."""
    if response.status_code != 429:
        return None
    try:
        return max(0.5, float(response.headers.get("Retry-After", "1")))
    except ValueError:
        return 1.0


def _service_error(response: httpx.Response) -> ServiceError:
    code, message, details = ErrorCode.INTERNAL.value, "", None
    try:
        error = response.json()["error"]
        code, message, details = error["code"], error["message"], error.get("details")
    except (ValueError, KeyError, TypeError):
        message = response.text[:200] or response.reason_phrase
    if response.status_code >= 500 and code == ErrorCode.INTERNAL.value:
        message = f"the Daftar cloud had an internal error ({message})"
    if code == ErrorCode.LICENCE_INACTIVE.value:
        return LicenceInactive(response.status_code, message, details)
    return ServiceError(response.status_code, code, message, details)
