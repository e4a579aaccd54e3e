"""The options of an API route, read strictly: every name one the route declares, every value of its type.

Litestar reads a handler's query parameters from its signature, but passes over names
the handler does not declare and words its own errors in English under the Python
argument names (``all_``). A misspelled option (``date=`` for ``on=``) was then
answered for another day without a word. :func:`check_query` runs before every API
handler and refuses, each as a problem naming the parameter as documented: a name the
route does not declare (with the closest declared one), a single-valued option given
twice, a missing required one, and a value not of its type or outside its bounds.
What it accepts is a subset of what Litestar reads, so Litestar's own reading of the
query then always succeeds. :func:`table_options` reads a table route's options from
the query and the form fields beside the uploaded file by the same rules.
"""

from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Mapping, Sequence
from typing import Any, Literal, Union, get_args, get_origin

import attrs
from litestar import Request
from litestar.enums import HttpMethod, ParamType
from litestar.params import ParameterKwarg

from ..errors import Problem, SrdiError, shown, suggest
from ..i18n import LANGUAGES, normalize
from ..i18n import t as message
from . import bodies
from .bodies import refusal

#: How the query is named in problems (where the CLI names its options).
QUERY = "query"
#: The multipart field holding the uploaded table: the one form field that is no option.
FILE_FIELD = "file"
#: The years a year option may name: those a date can be answered for (:data:`bodies.LAST_YEAR`).
FIRST_YEAR, LAST_YEAR = dt.MINYEAR, bodies.LAST_YEAR
#: The longest integer text read at all: longer than every bound an option declares (a 400-digit
#: ``enterprises`` is refused as out of range, never converted).
MAX_DIGITS = 12
#: A yes/no option's words, in any case (Litestar reads these as booleans too).
BOOLEANS = {"true": True, "false": False, "1": True, "0": False}
#: An integer as Litestar reads one: no sign but minus, no leading zero, no spaces.
INTEGER = re.compile(r"-?(0|[1-9]\d*)")

Kind = Literal["bool", "date", "int", "choice", "text"]


@attrs.frozen
class Param:
    """One query parameter of a route, as a client sends it: its name, kind and bounds (an integer's ge/le)."""

    name: str
    kind: Kind
    many: bool = False
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None


def _without_none(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        rest = [a for a in get_args(annotation) if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return annotation


def _kind(annotation: Any) -> tuple[Kind, tuple[str, ...]]:
    if get_origin(annotation) is Literal:
        return "choice", tuple(str(a) for a in get_args(annotation))
    if annotation is bool:
        return "bool", ()
    if annotation is dt.date:
        return "date", ()
    if annotation is int:
        return "int", ()
    return "text", ()


def _param(name: str, field: Any) -> Param | None:
    """The query parameter a handler argument declares, or None for any other argument (the body, the path)."""
    kwarg = field.kwarg_definition
    if not isinstance(kwarg, ParameterKwarg) or kwarg.param_type is not ParamType.QUERY:
        return None
    annotation = _without_none(field.annotation)
    many = get_origin(annotation) is list
    if many:
        annotation = get_args(annotation)[0]
    kind, choices = _kind(annotation)
    alias = kwarg.name or kwarg.query or name  # as Litestar names it
    years = year_bounds(kind, alias)
    return Param(
        name=alias,
        kind=kind,
        many=many,
        required=not field.has_default and not field.is_optional,
        default=field.default if field.has_default else None,
        choices=choices,
        low=int(kwarg.ge) if kwarg.ge is not None else years[0],
        high=int(kwarg.le) if kwarg.le is not None else years[1],
    )


def year_bounds(kind: Kind, name: str) -> tuple[int | None, int | None]:
    """The bounds of an integer option named ``year`` or ``…_year``: the years a date can be answered for."""
    if kind == "int" and (name == "year" or name.endswith("_year")):
        return FIRST_YEAR, LAST_YEAR
    return None, None


def declared(handler: Any) -> dict[str, Param]:
    """The query parameters a route handler declares, by the name a client sends."""
    out: dict[str, Param] = {}
    for name, field in handler.parsed_fn_signature.parameters.items():
        param = _param(name, field)
        if param is not None:
            out[param.name] = param
    return out


def _integer(param: Param, text: str, source: str) -> int:
    if not INTEGER.fullmatch(text):
        raise refusal("web.param.integer", param.name, source, got=shown(text))
    # a number longer than any bound is refused before it is converted
    value = int(text) if len(text) <= MAX_DIGITS else None
    low = param.low if param.low is not None else -(10**MAX_DIGITS)
    high = param.high if param.high is not None else 10**MAX_DIGITS
    if value is None or not low <= value <= high:
        raise refusal("web.param.range", param.name, source, low=low, high=high, got=shown(text, 24))
    return value


def _one(param: Param, text: str, source: str) -> Any:
    """One value of ``param`` read from its text."""
    if param.kind == "bool":
        if text.lower() not in BOOLEANS:
            raise refusal("web.param.bool", param.name, source, got=shown(text))
        return BOOLEANS[text.lower()]
    if param.kind == "date":
        return bodies.date_value(text, param.name, source)
    if param.kind == "int":
        return _integer(param, text, source)
    if param.kind == "choice" and text not in param.choices:
        names = message("list.sep").join(param.choices)
        raise refusal("web.param.choice", param.name, source, choices=names, got=shown(text))
    return text


def read(param: Param, texts: Sequence[str], source: str) -> Any:
    """The typed value of ``param`` from the texts it was given (a list when it repeats, else one value)."""
    if not param.many and len(texts) > 1:
        raise refusal("web.param.once", param.name, source, n=len(texts))
    values = [_one(param, text, source) for text in texts]
    return values if param.many else values[0]


def unknown_name(name: str, known: Sequence[str], source: str, code: str) -> Problem:
    """A name the route does not take, with the closest one it does (or else all it does)."""
    hint = suggest(name, known) or (
        message("web.param.accepted", names=message("list.sep").join(known)) if known else message("web.param.none")
    )
    return Problem(message(code, name=shown(name), hint=hint), file=source, key=name, code=code)


def missing(name: str, source: str = QUERY) -> Problem:
    """A required option not given."""
    return Problem(message("web.param.missing"), file=source, key=name, code="web.param.missing")


#: Query parameters every API route takes besides its own: ``lang`` chooses the answer's language
#: (:mod:`srdi.web.language`), for a client that cannot set ``Accept-Language``, such as an HTML form.
SERVICE_WIDE = ("lang",)


def query_problems(handler: Any, query: Mapping[str, Sequence[str]]) -> list[Problem]:
    """Every problem of a request's query for ``handler``: one per parameter at fault."""
    params = declared(handler)
    taken = [*params, *SERVICE_WIDE]
    problems = [unknown_name(name, taken, QUERY, "web.query.unknown") for name in query if name not in taken]
    for lang in query.get("lang", ()):
        if normalize(lang) is None:
            why = message("web.lang.unknown", value=shown(lang), langs=message("list.sep").join(LANGUAGES))
            problems.append(Problem(why, file=QUERY, key="lang", code="web.lang.unknown"))
    for name, param in params.items():
        texts = list(query.get(name, ()))
        if texts:
            try:
                read(param, texts, QUERY)
            except SrdiError as exc:
                problems += exc.problems
        elif param.required:
            problems.append(missing(name))
    return problems


def _query(request: Request[Any, Any, Any]) -> dict[str, list[str]]:
    return {k: request.query_params.getall(k) for k in request.query_params}


async def check_query(request: Request[Any, Any, Any]) -> None:
    """Refuse a request whose query its route cannot take whole (the hook run before every API handler).

    A preflight (``OPTIONS``) is answered by Litestar's own handler, which declares no
    parameter, so it is left alone.
    """
    if request.method == HttpMethod.OPTIONS:
        return
    problems = query_problems(request.route_handler, _query(request))
    if problems:
        raise SrdiError(problems)


def _form_texts(data: Mapping[str, Any], name: str) -> list[str]:
    """The non-empty text values of form field ``name`` (a browser sends an input left empty as empty text)."""
    value = data.get(name)
    values = value if isinstance(value, list) else [value]
    return [v.strip() for v in values if isinstance(v, str) and v.strip()]


def table_options(request: Request[Any, Any, Any], data: Mapping[str, Any]) -> dict[str, Any]:
    """A table route's options, typed, from its query and the multipart form fields beside the file.

    The query was checked by :func:`check_query`. A form field the route does not
    declare is refused as a query parameter would be, and an option given both ways is
    refused unless both give the same value. An option given neither way has its
    default (None, False, or an empty list when it repeats).
    """
    params = declared(request.route_handler)
    query = _query(request)
    problems = [
        unknown_name(name, list(params), bodies.BODY, "web.form.unknown")
        for name in data
        if name != FILE_FIELD and name not in params
    ]
    options: dict[str, Any] = {}
    for name, param in params.items():
        options[name] = read(param, query[name], QUERY) if name in query else ([] if param.many else param.default)
        texts = _form_texts(data, name)
        if not texts:
            continue
        try:
            value = read(param, texts, bodies.BODY)
        except SrdiError as exc:
            problems += exc.problems
            continue
        if name in query and value != options[name]:
            problems.append(_conflict(name, query[name], texts))
        else:
            options[name] = value
    if problems:
        raise SrdiError(problems)
    return options


def _conflict(name: str, query: Sequence[str], form: Sequence[str]) -> Problem:
    sep = message("list.sep")
    return Problem(
        message("web.param.conflict", query=sep.join(query), form=sep.join(form)),
        file=bodies.BODY,
        key=name,
        code="web.param.conflict",
    )
