"""Reading request bodies and parameters the way the CLI reads files and options, with the same messages."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Iterable
from typing import Any

from litestar import Request

from ..errors import Problem, SrdiError, shown, syntax_reason
from ..i18n import t as message

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: How a request body is named in messages (where the CLI names the file).
BODY = "body"
#: The last year a year option may name: the calendar's (a series' next round past it is simply not projected).
LAST_YEAR = dt.MAXYEAR
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


async def read_json(request: Request[Any, Any, Any], required: bool = True) -> Any:
    """The request body parsed as JSON (or TOML when sent as ``application/toml``); None when empty and optional.

    The body is read whatever its declared type, so ``curl -d @firm.json`` works as it is.
    """
    raw = await request.body()
    if not raw.strip():
        if required:
            raise SrdiError(Problem(message("input.no_body"), file=BODY))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SrdiError(Problem(message("input.not_text"), file=BODY)) from None
    if "toml" in request.headers.get("content-type", ""):
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise SrdiError(Problem(message("input.bad_toml", why=syntax_reason(exc)), file=BODY)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SrdiError(
            Problem(message("input.bad_json", why=syntax_reason(exc)), file=BODY, line=exc.lineno)
        ) from None


def pop_options(data: Any) -> tuple[Any, dict[str, Any]]:
    """Split a check body into the profile and the options it carries (``on``, ``program``, ``all``, ``overrides``)."""
    if not isinstance(data, dict):
        return data, {}
    options = {k: data[k] for k in ("on", "program", "all", "overrides") if k in data}
    profile = {k: v for k, v in data.items() if k not in options}
    return profile, options


def refusal(code: str, name: str, source: str, **fields: Any) -> SrdiError:
    """An error of one problem: the catalogue's message ``code`` about option ``name`` of ``source``."""
    return SrdiError(Problem(message(code, **fields), file=source, key=name, code=code))


def date_value(text: str, name: str, source: str = BODY) -> dt.date:
    """A date written ``YYYY-MM-DD`` that srdi can answer for; anything else is refused naming ``name``."""
    try:
        if not ISO_DATE.fullmatch(text):
            raise ValueError
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise refusal("input.date", name, source, got=shown(text)) from None
    return day


def date_option(value: Any, name: str = "on", source: str = BODY) -> dt.date | None:
    """A date given in a body: ``YYYY-MM-DD`` text, or a TOML date; None when not given.

    A number (``20220301``) or a date with a time of day is refused, not guessed at.
    """
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        return date_value(value, name, source)
    raise refusal("input.date", name, source, got=shown(value))


def bool_option(value: Any, name: str, source: str = BODY) -> bool | None:
    """A yes/no option given in a body: JSON ``true`` or ``false`` only (``"false"`` is text, and refused)."""
    if value is None or isinstance(value, bool):
        return value
    raise refusal("web.param.bool", name, source, got=shown(value))


def check_options(options: dict[str, Any]) -> dict[str, Any]:
    """The options a check body carries, typed (``on``, ``program``, ``all``, ``overrides``); every problem at once."""
    readers: dict[str, Any] = {
        "on": date_option,
        "program": programs_option,
        "all": lambda v: bool_option(v, "all"),
        "overrides": overrides_option,
    }
    typed: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, read in readers.items():
        try:
            typed[name] = read(options.get(name))
        except SrdiError as exc:
            problems += exc.problems
    if problems:
        raise SrdiError(problems)
    return typed


def programs_option(value: Any) -> list[str]:
    """``program``: one id or a list of ids."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise SrdiError(Problem(message("input.program", got=repr(value)), file=BODY, key="program"))


def overrides_option(value: Any) -> dict[str, Any]:
    """``overrides``: a table of parameter name → value."""
    if value is None:
        return {}
    if isinstance(value, dict):
        return dict(value)
    raise SrdiError(Problem(message("input.overrides", got=repr(value)), file=BODY, key="overrides"))


def assignments(values: Iterable[str] | None, name: str = "set", source: str = "query") -> dict[str, Any]:
    """``NAME=VALUE`` values of a query or form (VALUE read as JSON when it parses), as ``--set`` reads them."""
    out: dict[str, Any] = {}
    for text in values or ():
        key, sep, raw = text.partition("=")
        if not sep or not key.strip():
            raise SrdiError(Problem(message("input.assignment", got=repr(text)), file=source, key=name))
        try:
            out[key.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            out[key.strip()] = raw
    return out


def anchors(values: Iterable[str] | None) -> dict[str, dt.date]:
    """``EVENT=DATE`` query values dating the days a notice names but does not print."""
    out: dict[str, dt.date] = {}
    for text in values or ():
        name, sep, raw = text.partition("=")
        try:
            if not sep or not name.strip():
                raise ValueError
            out[name.strip()] = dt.date.fromisoformat(raw.strip())
        except ValueError:
            raise refusal("input.anchor", "anchor", "query", got=shown(text)) from None
    return out
