"""The language of an API answer: the one the request's ``Accept-Language`` prefers, else the service's.

A service speaks the language it was started in (``SRDI_LANG``, Chinese by default). A
client may ask for another one per request, as HTTP lets it: ``Accept-Language: en``.
Only the API follows the header; the web page is a Chinese page whatever the browser
prefers or the service speaks. Each API answer, a problem for an address no route
matches included, says which language it is in (``Content-Language``) and that it
depends on the header (``Vary``). Other addresses, an unknown one such as ``/nope``
among them, speak the service's language.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from ..i18n import LANGUAGES, language, normalize, speaking

#: The path prefix of the routes that follow Accept-Language.
API = "/api/"
#: The language of the web page, whatever the request or the service prefers.
PAGE = LANGUAGES[0]


def preferred(header: str) -> str | None:
    """The catalogue language an ``Accept-Language`` value prefers most, or None when it names none of them.

    Ranges are taken by their ``q`` weight, in the order given among equals; ``q=0``
    refuses a language and ``*`` leaves the choice to the service.
    """
    ranked: list[tuple[float, int, str]] = []
    for place, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0  # a weight that is no number: the range is ignored
        if tag and weight > 0:
            ranked.append((-weight, place, tag.strip()))
    for _, _, tag in sorted(ranked):
        if tag == "*":
            return None
        lang = normalize(tag)
        if lang is not None:
            return lang
    return None


def requested(path: str, header: str | None, query: str = "") -> str | None:
    """The language a request to ``path`` asks for (None: the service's).

    A ``lang`` query parameter (``?lang=zh``) comes first: an HTML form cannot set a
    header, and the page's upload form asks for Chinese that way whatever the browser
    sends. Then the ``Accept-Language`` header.
    """
    if not path.startswith(API):
        return None
    asked = next((normalize(v) for k, v in parse_qsl(query) if k == "lang" and normalize(v)), None)
    if asked is not None:
        return asked
    return preferred(header) if header else None


def _header(scope: Scope) -> str:
    raw = next((v for k, v in scope["headers"] if k == b"accept-language"), b"")
    return raw.decode("latin-1")


def _query(scope: Scope) -> str:
    return bytes(scope.get("query_string", b"")).decode("latin-1")


def per_request(app: ASGIApp) -> ASGIApp:
    """Answer each API request in the language its ``Accept-Language`` prefers (:func:`say_which` says which)."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP or not scope["path"].startswith(API):
            await app(scope, receive, send)
            return
        with speaking(requested(scope["path"], _header(scope), _query(scope))):
            await app(scope, receive, send)

    return middleware


async def say_which(message: Message, scope: Scope) -> None:
    """Add ``Content-Language`` and ``Vary: Accept-Language`` to the start of every API answer.

    A hook the application runs before each message it sends, not a middleware:
    Litestar runs middleware only for a matched route, and an address or method no
    route matches (404, 405) is answered in the requested language too
    (:mod:`srdi.web.problems`). Async, so that Litestar does not hand it to a thread.
    """
    if message["type"] != "http.response.start" or not scope["path"].startswith(API):
        return
    with speaking(requested(scope["path"], _header(scope), _query(scope))):
        spoken = language()
    message.setdefault("headers", [])  # optional in ASGI
    headers = MutableScopeHeaders.from_message(message)
    headers.add("content-language", spoken)
    headers.add("vary", "Accept-Language")


def in_chinese(app: ASGIApp) -> ASGIApp:
    """Run the web page's routes in Chinese, whatever the request or the service prefers.

    The page's own frames are written in Chinese; what it shows from srdi (verdicts,
    outcomes, thresholds, gaps, problems) must be too. A thread the page hands work
    to carries the language with the context (``ServiceState.in_thread``).
    """

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        with speaking(PAGE):
            await app(scope, receive, send)

    return middleware
