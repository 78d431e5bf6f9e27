"""Logging: one JSON object per line, each carrying the id of the request it belongs to.

The request id comes from the ``X-Request-ID`` header when a proxy set one, else it is made up
(see :mod:`sync.server.observability`); it is echoed in the response and in every error body, so
a user's report can be matched to the log lines.

The configuration is a :func:`logging.config.dictConfig` dictionary so that uvicorn can apply it
in each worker process it spawns (``uvicorn.run(..., log_config=logging_config(settings))``):
spawned workers start with a fresh interpreter and would otherwise log nothing below WARNING.
"""

from __future__ import annotations

import contextvars
import json
import logging
import logging.config
from datetime import UTC, datetime
from typing import Any

from sync.server.settings import Settings

request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)

# Attributes every LogRecord has, plus ones libraries add for their own formatters: whatever
# else a record carries came from ``extra=`` and belongs in the JSON object.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message", "asctime", "taskName", "color_message",
}
_TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_SERVER_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        rid = request_id.get()
        if rid:
            entry["request_id"] = rid
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class RequestIdText(logging.Formatter):
    """Plain text for a terminal, with the request id appended when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        rid = request_id.get()
        return f"{text} [request {rid}]" if rid else text


def logging_config(settings: Settings) -> dict[str, Any]:
    """The whole logging set-up as a ``dictConfig`` dictionary: one stderr handler on the root.

    uvicorn's own loggers lose their handlers and propagate, so every line has the same format.
    """
    formatter: dict[str, Any] = (
        {"()": f"{__name__}.JsonFormatter"} if settings.log_json else
        {"()": f"{__name__}.RequestIdText", "fmt": _TEXT_FORMAT}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"daftar": formatter},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr",
                                "formatter": "daftar"}},
        "root": {"handlers": ["stderr"], "level": settings.log_level.upper()},
        "loggers": {
            **{name: {"handlers": [], "propagate": True} for name in _SERVER_LOGGERS},
            # Alembic narrates every start-up at INFO; only its migrations are news.
            "alembic": {"level": "WARNING"},
            "alembic.runtime.migration": {"level": settings.log_level.upper()},
        },
    }


def configure_logging(settings: Settings) -> None:
    logging.config.dictConfig(logging_config(settings))
