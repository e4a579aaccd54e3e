"""Errors as RFC 9457 problem details: a status, its title, and srdi's own named-field messages.

Every :class:`srdi.SrdiError` becomes one response whose ``problems`` list carries
each problem as the CLI prints it (file or source, key, message) and as parts.
Nothing a client receives contains a stack trace; unexpected errors are logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException

from ..errors import (
    CalendarError,
    FormError,
    NoticeError,
    PluginError,
    Problem,
    ProfileError,
    SrdiError,
    UnknownNameError,
)
from ..i18n import speaking, tn
from ..i18n import t as message
from .language import requested

PROBLEM_JSON = "application/problem+json"

#: The statuses this service answers with, each titled by its catalogue entry ``web.status.<code>``.
STATUSES = (400, 404, 405, 413, 415, 422, 500, 503)


def title(status: int) -> str:
    """The status's title in the language of the moment (``错误`` for a status the service does not use)."""
    return message(f"web.status.{status}") if status in STATUSES else message("web.status.other")


def _count(problems: Sequence[Problem]) -> str:
    """One problem as the CLI prints it, or how many there are."""
    return str(problems[0]) if len(problems) == 1 else tn("web.problems.count", len(problems), count=len(problems))


#: A short name of each kind of problem, used in the ``type`` URI.
KINDS = {
    UnknownNameError: "unknown-name",
    ProfileError: "invalid-profile",
    FormError: "invalid-form",
    CalendarError: "calendar",
    NoticeError: "notice",
    PluginError: "plugin",
}

log = logging.getLogger("srdi.web")


def status_for(exc: SrdiError) -> int:
    """The HTTP status of an srdi error: 404 for an unknown name, 422 for bad data, 500 for a broken plugin."""
    if isinstance(exc, UnknownNameError):
        return 404
    if isinstance(exc, (ProfileError, FormError, CalendarError)):
        return 422
    if isinstance(exc, (NoticeError, PluginError)):
        return 500
    return 400


def kind_of(exc: SrdiError) -> str:
    """The problem type's short name."""
    for cls, name in KINDS.items():
        if isinstance(exc, cls):
            return name
    return "bad-request"


def problem_json(status: int, detail: str, problems: Sequence[Problem] = (), kind: str | None = None) -> dict[str, Any]:
    """The problem-details document."""
    return {
        "type": f"urn:srdi:problem:{kind}" if kind else "about:blank",
        "title": title(status),
        "status": status,
        "detail": detail,
        "problems": [
            {
                "message": str(p),
                "text": p.message,
                "file": p.file,
                "key": p.key,
                "line": p.line,
                "row": p.row,
                "code": p.code,
            }
            for p in problems
        ],
    }


def problem_response(
    status: int, detail: str, problems: Sequence[Problem] = (), kind: str | None = None
) -> Response[dict[str, Any]]:
    """A problem-details response."""
    return Response(problem_json(status, detail, problems, kind), status_code=status, media_type=PROBLEM_JSON)


def srdi_error(request: Request[Any, Any, Any], exc: SrdiError) -> Response[dict[str, Any]]:
    """An srdi error: its problems, each naming its source and key."""
    status = status_for(exc)
    if status >= 500:
        log.error("plugin or notice error", extra={"path": request.url.path, "error": str(exc)})
    return problem_response(status, _count(exc.problems), exc.problems, kind_of(exc))


def _parameter_names(request: Request[Any, Any, Any]) -> dict[str, str]:
    """The handler's argument names → the parameter names a client sends (``all_`` → ``all``)."""
    handler: Any = request.scope.get("route_handler")
    if handler is None:
        return {}
    names: dict[str, str] = {}
    for arg, field in handler.parsed_fn_signature.parameters.items():
        kwarg = field.kwarg_definition
        names[arg] = (getattr(kwarg, "name", None) or getattr(kwarg, "query", None) or arg) if kwarg else arg
    return names


def validation_problems(request: Request[Any, Any, Any], exc: ValidationException) -> list[Problem]:
    """Litestar's own refusals of a parameter, one problem per parameter, named as a client sends it.

    The API's query is checked before Litestar reads it (:mod:`srdi.web.params`), so
    these come from elsewhere (a multipart body Litestar cannot read); its English
    words are replaced by the catalogue's.
    """
    names = _parameter_names(request)
    problems: dict[str | None, Problem] = {}
    for item in exc.extra if isinstance(exc.extra, list) else []:
        if not isinstance(item, dict):
            continue
        raw = item.get("key")
        key = names.get(str(raw), str(raw)) if raw is not None else None
        source = SOURCES.get(str(item.get("source")), "query")
        problems.setdefault(key, Problem(message("web.param.invalid"), file=source, key=key, code="web.param.invalid"))
    return list(problems.values()) or [Problem(message("web.param.invalid"), code="web.param.invalid")]


#: Where a parameter Litestar refused was, by its word for it.
SOURCES = {"query": "query", "path": "path", "header": "header", "cookie": "cookie", "body": "body"}


def http_error(request: Request[Any, Any, Any], exc: HTTPException) -> Response[dict[str, Any]]:
    """Errors of the HTTP layer (unknown route, bad parameter, body too large) in the same form."""
    status = exc.status_code
    if isinstance(exc, ValidationException):
        found = validation_problems(request, exc)
        return problem_response(status, _count(found), found, "bad-request")
    if status == 404:
        detail = message("web.no_route", path=request.url.path)
    elif status == 405:
        detail = message("web.no_method", method=request.method, path=request.url.path)
    elif status == 413:
        detail = message("web.too_large")
    else:
        detail = title(status)
    return problem_response(status, detail, (), None)


def unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    """Anything else: logged with its traceback, answered without one."""
    if isinstance(exc, RecursionError):
        return problem_response(
            400, message("web.too_deep"), [Problem(message("cli.too_deep"), file="body")], "bad-request"
        )
    log.exception("unexpected error", extra={"path": request.url.path})
    return problem_response(500, message("web.internal"), (), None)


def _in_requested_language(handler: Callable[[Request[Any, Any, Any], Any], Response[Any]]) -> Any:
    """``handler`` speaking the request's Accept-Language: an unknown route's 404 is answered before any middleware."""

    def answer(request: Request[Any, Any, Any], exc: Any) -> Response[Any]:
        with speaking(requested(request.url.path, request.headers.get("accept-language"), request.url.query)):
            return handler(request, exc)

    return answer


HANDLERS: dict[type[Exception] | int, Any] = {
    SrdiError: _in_requested_language(srdi_error),
    HTTPException: _in_requested_language(http_error),
    Exception: _in_requested_language(unexpected),
}
