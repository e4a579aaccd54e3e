"""The language of an API answer: the one the request's ``Accept-Language`` prefers, else the service's.

A service speaks the language it was started in (``SRDI_LANG``, Chinese by default). A
client may ask for another one per request, as HTTP lets it: ``Accept-Language: en``.
Only the API follows the header; the web page is a Chinese page whatever the browser
prefers. Each API answer says which language it is in (``Content-Language``) and that
it depends on the header (``Vary``).
"""

from __future__ import annotations

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from ..i18n import language, normalize, speaking

#: The path prefix of the routes that follow Accept-Language.
API = "/api/"


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


def requested(path: str, header: str | None) -> str | None:
    """The language a request to ``path`` asks for with its ``Accept-Language`` (None: the service's)."""
    return preferred(header) if header and path.startswith(API) else None


def per_request(app: ASGIApp) -> ASGIApp:
    """Answer each API request in the language its ``Accept-Language`` prefers, and say which."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP or not scope["path"].startswith(API):
            await app(scope, receive, send)
            return
        header = next((v for k, v in scope["headers"] if k == b"accept-language"), b"")
        with speaking(requested(scope["path"], header.decode("latin-1"))):
            spoken = language().encode("ascii")

            async def sending(message: Message) -> None:
                if message["type"] == "http.response.start":
                    headers = [
                        *message.get("headers", []),
                        (b"content-language", spoken),
                        (b"vary", b"Accept-Language"),
                    ]
                    message = {**message, "headers": headers}
                await send(message)

            await app(scope, receive, sending)

    return middleware
