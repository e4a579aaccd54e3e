"""Structured logs: one JSON object per line, one line per request.

``access`` wraps the ASGI app and logs method, path, status, duration and size;
errors the app logs (with their tracebacks) use the same format, so a log
collector reads every line the same way.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import Any

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("srdi.web")
#: Attributes of a LogRecord that are not extra fields.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """A log record as one JSON line: time, level, logger, message, and every ``extra`` field."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line of JSON."""
        data: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        data.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            data["traceback"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg]
    """A handler writing to whatever ``sys.stderr`` is when a record is emitted (it may be replaced)."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def configure(level: str = "info") -> None:
    """Send srdi's web logs to stderr as JSON lines (once per process)."""
    if any(isinstance(h.formatter, JsonFormatter) for h in log.handlers):
        return
    handler = _Stderr()
    handler.setFormatter(JsonFormatter())
    log.addHandler(handler)
    log.setLevel(level.upper())
    log.propagate = False


def access(app: ASGIApp) -> ASGIApp:
    """Log every HTTP request when it is answered."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        start = time.perf_counter()
        seen: dict[str, Any] = {"status": 500, "bytes": 0}

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
            elif message["type"] == "http.response.body":
                seen["bytes"] += len(message.get("body", b""))
            await send(message)

        try:
            await app(scope, receive, sending)
        finally:
            if log.isEnabledFor(logging.INFO):
                client = scope.get("client")
                log.info(
                    "request",
                    extra={
                        "method": scope["method"],
                        "path": scope["path"],
                        "status": seen["status"],
                        "ms": round((time.perf_counter() - start) * 1000, 2),
                        "bytes": seen["bytes"],
                        "client": client[0] if client else None,
                    },
                )

    return middleware
