"""Structured logs: one JSON object per line, one line per request.

``access`` logs method, path, status, duration and size of every request, one no
route matches included (``timed`` notes when a matched one began);
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


#: The key of a request's access record in its ASGI scope's ``state``.
_RECORD = "srdi.access"


def timed(app: ASGIApp) -> ASGIApp:
    """Note when each HTTP request reached its route, for :func:`access` to say how long it took.

    Litestar runs middleware only for a request a route matches; one no route matches
    (404, 405) is timed from the router's refusal (:func:`began`). When the route sends
    no complete answer (it failed before its last body message), the request is logged
    here.
    """

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        record = _record(scope)
        try:
            await app(scope, receive, send)
        finally:
            if not record["logged"]:
                _log(scope, record)

    return middleware


async def began(exc: Exception, scope: Scope) -> None:
    """Note when the router refused a request no route matches (an ``after_exception`` hook).

    The problem it is answered with is written after this; a request that reached its
    route was noted by :func:`timed` already.
    """
    if scope["type"] == ScopeType.HTTP:
        _record(scope)


async def access(message: Message, scope: Scope) -> None:
    """Log every HTTP request when its answer's last body message is sent.

    A hook the application runs before each message it sends (``before_send``), not a
    middleware: Litestar runs middleware only for a route that matched, and a request
    to an address or with a method no route has (404, 405) is logged too. Async, so
    that Litestar does not hand it to a thread.
    """
    if scope["type"] != ScopeType.HTTP:
        return
    record = _record(scope)
    if message["type"] == "http.response.start":
        record["status"] = message["status"]
    elif message["type"] == "http.response.body":
        record["bytes"] += len(message.get("body", b""))
        if not message.get("more_body", False) and not record["logged"]:
            _log(scope, record)


def _record(scope: Scope) -> dict[str, Any]:
    """The request's access record, begun now if nothing began it (a request no route matched)."""
    state: dict[str, Any] = scope.setdefault("state", {})
    record: dict[str, Any] | None = state.get(_RECORD)
    if record is None:
        record = state[_RECORD] = {"start": time.perf_counter(), "status": 500, "bytes": 0, "logged": False}
    return record


def _log(scope: Scope, record: dict[str, Any]) -> None:
    record["logged"] = True
    if log.isEnabledFor(logging.INFO):
        client = scope.get("client")
        log.info(
            "request",
            extra={
                "method": scope.get("method"),
                "path": scope["path"],
                "status": record["status"],
                "ms": round((time.perf_counter() - record["start"]) * 1000, 2),
                "bytes": record["bytes"],
                "client": client[0] if client else None,
            },
        )
