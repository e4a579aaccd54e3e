"""Errors as RFC 9457 problem details: a status, a Chinese title, and srdi's own named-field messages.

Every :class:`srdi.SrdiError` becomes one response whose ``problems`` list carries
each problem as the CLI prints it (file or source, key, message) and as parts.
Nothing a client receives contains a stack trace; unexpected errors are logged.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
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

PROBLEM_JSON = "application/problem+json"

#: The Chinese title of each status this service answers with.
TITLES = {
    400: "请求有误",
    404: "未找到",
    405: "不支持该请求方法",
    413: "请求内容过大",
    415: "不支持的内容类型",
    422: "数据有误，无法处理",
    500: "服务器内部错误",
    503: "服务暂不可用",
}

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
        "title": TITLES.get(status, "错误"),
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
    detail = str(exc.problems[0]) if len(exc.problems) == 1 else f"{len(exc.problems)} 个问题"
    return problem_response(status, detail, exc.problems, kind_of(exc))


def http_error(request: Request[Any, Any, Any], exc: HTTPException) -> Response[dict[str, Any]]:
    """Errors of the HTTP layer (unknown route, bad parameter, body too large) in the same form."""
    status = exc.status_code
    problems: list[Problem] = []
    if isinstance(exc, ValidationException) and isinstance(exc.extra, list):
        for item in exc.extra:
            if isinstance(item, dict):
                where = {"query": "查询参数", "path": "路径参数", "header": "请求头", "body": "请求正文"}.get(
                    str(item.get("source")), "参数"
                )
                problems.append(Problem(str(item.get("message", "无效的值")), file=where, key=item.get("key")))
    detail = {
        404: f"没有这个地址：{request.url.path}",
        405: f"{request.method} 不适用于 {request.url.path}",
        413: "请求内容超过了服务允许的大小",
    }.get(status)
    if detail is None:
        detail = str(problems[0]) if problems else (exc.detail or TITLES.get(status, "错误"))
    return problem_response(status, detail, problems, None)


def unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    """Anything else: logged with its traceback, answered without one."""
    if isinstance(exc, RecursionError):
        return problem_response(400, "请求正文嵌套过深", [Problem("nested too deeply", file="body")], "bad-request")
    log.exception("unexpected error", extra={"path": request.url.path})
    return problem_response(500, "服务器内部错误，已记录在服务日志中", (), None)


HANDLERS: dict[type[Exception] | int, Any] = {
    SrdiError: srdi_error,
    HTTPException: http_error,
    Exception: unexpected,
}
