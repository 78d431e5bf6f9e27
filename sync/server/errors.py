"""JSON errors with a stable code: one exception type and the handlers that render it.

Data functions raise :class:`ApiError` with a code from :class:`sync.wire.errors.ErrorCode`;
FastAPI's own errors (validation, unknown routes) and anything unexpected are rendered the same
way, so a client only ever parses one shape. An unexpected error is logged with its traceback and
answered with a request id, never with the traceback itself.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.wire.errors import ErrorCode

log = logging.getLogger("daftar.server")

_STATUS_CODES = {
    400: ErrorCode.BAD_REQUEST,
    401: ErrorCode.UNAUTHENTICATED,
    403: ErrorCode.FORBIDDEN,
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    408: ErrorCode.REQUEST_TIMEOUT,
    409: ErrorCode.CONFLICT,
    413: ErrorCode.TOO_LARGE,
    422: ErrorCode.VALIDATION,
    429: ErrorCode.RATE_LIMITED,
    503: ErrorCode.UNAVAILABLE,
}


class ApiError(Exception):
    """An error the client caused or must know about, with its HTTP status and stable code."""

    def __init__(
        self, status: int, code: ErrorCode, message: str, *,
        headers: dict[str, str] | None = None, **details: Any,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
        self.details = details


def not_found(what: str) -> ApiError:
    return ApiError(404, ErrorCode.NOT_FOUND, f"{what} not found")


def error_body(request: Request, code: str, message: str, **details: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message}
    request_id = getattr(request.state, "request_id", None)
    if request_id:
        body["request_id"] = request_id
    if details:
        body["details"] = details
    return {"error": body}


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(
            error_body(request, exc.code, exc.message, **exc.details),
            status_code=exc.status, headers=exc.headers,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _STATUS_CODES.get(exc.status_code, ErrorCode.BAD_REQUEST)
        return JSONResponse(
            error_body(request, code, str(exc.detail)),
            status_code=exc.status_code, headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {"field": ".".join(str(p) for p in error["loc"]), "reason": error["msg"]}
            for error in exc.errors()
        ]
        first = problems[0] if problems else {"field": "", "reason": "invalid request"}
        message = f"{first['field']}: {first['reason']}" if first["field"] else first["reason"]
        return JSONResponse(
            error_body(request, ErrorCode.VALIDATION, message, problems=problems),
            status_code=422,
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=exc)
        return JSONResponse(
            error_body(request, ErrorCode.INTERNAL, "internal error; quote the request id"),
            status_code=500,
        )
