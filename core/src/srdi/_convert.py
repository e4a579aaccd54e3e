"""A strict cattrs converter shared by every data loader.

cattrs' default converter happily turns ``1`` into ``"1"``; notice and profile files
must not be read that leniently, so primitives are checked, not coerced, and unknown
keys are errors.
"""

from __future__ import annotations

import collections.abc
import datetime as dt
import re
import sys
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from .errors import UNKNOWN_KEY, Problem, suggest
from .i18n import t


def _strict(expected: type | tuple[type, ...], name: Callable[[], str]) -> Any:
    def hook(value: Any, _type: Any) -> Any:
        if isinstance(value, bool) and bool not in (expected if isinstance(expected, tuple) else (expected,)):
            raise TypeError(t("notice.expected_not_bool", what=name()))
        if not isinstance(value, expected):
            raise TypeError(t("notice.expected_type", what=name(), type=type(value).__name__, value=repr(value)))
        return value

    return hook


def _float(value: Any, _type: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(
            t("notice.expected_type", what=t("notice.a_number"), type=type(value).__name__, value=repr(value))
        )
    return float(value)


def _date(value: Any, _type: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise TypeError(t("notice.expected_date", value=repr(value)))


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)


def _union_hook(conv: cattrs.Converter) -> Any:
    """Structure a union by trying each member in turn (None first when allowed)."""

    def factory(tp: Any) -> Any:
        args = typing.get_args(tp)
        arms = sorted(args, key=lambda a: a is not type(None))

        present = [a for a in args if a is not type(None)]

        def hook(value: Any, _type: Any) -> Any:
            if value is None and type(None) in args:
                return None
            if len(present) == 1:  # X | None given a value: X's own problems, as X states them
                return conv.structure(value, present[0])
            errors = []
            for arm in arms:
                if arm is type(None):
                    continue
                try:
                    return conv.structure(value, arm)
                except Exception as exc:  # try the next member
                    errors.append(str(exc) or type(exc).__name__)
            raise TypeError(t("notice.fits_none", value=repr(value), types=" | ".join(_name(a) for a in args)))

        return hook

    return factory


def _name(tp: Any) -> str:
    if typing.get_origin(tp) is typing.Literal:
        return " | ".join(repr(a) for a in typing.get_args(tp))
    return getattr(tp, "__name__", str(tp))


def _literal_hook(tp: Any) -> Any:
    allowed = typing.get_args(tp)

    def hook(value: Any, _type: Any) -> Any:
        if value not in allowed or isinstance(value, bool) != any(isinstance(a, bool) for a in allowed):
            choices = t("list.sep").join(repr(a) for a in allowed)
            raise ValueError(t("notice.expected_one_of", choices=choices, value=repr(value)))
        return value

    return hook


#: What each kind of sequence a record declares is built as.
_SEQUENCES: dict[Any, type] = {
    list: list,
    tuple: tuple,
    set: set,
    frozenset: frozenset,
    collections.abc.Sequence: tuple,
    collections.abc.MutableSequence: list,
    collections.abc.Set: frozenset,
    collections.abc.MutableSet: set,
}


def _is_sequence(tp: object) -> bool:
    """``list[X]``, ``tuple[X, ...]``, ``set[X]`` and the like: any number of one kind of item."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is tuple:
        return len(args) == 2 and args[1] is Ellipsis
    return origin in _SEQUENCES and len(args) == 1


def _sequence_hook(conv: cattrs.Converter) -> Any:
    """Structure a sequence from a list (or tuple, set) only: a text is not a list of its characters.

    ``titles = "beijing.srdi_sme"`` for ``titles = ["beijing.srdi_sme"]`` is refused as such,
    not read as the titles "b", "e", "i"…; each item is structured as its type says, every
    bad item named by its index.
    """

    def factory(tp: Any) -> Any:
        item = typing.get_args(tp)[0]
        make = _SEQUENCES[typing.get_origin(tp)]

        def hook(value: Any, _type: Any) -> Any:
            if not isinstance(value, (list, tuple, set, frozenset)):
                raise TypeError(
                    t("notice.expected_type", what=t("notice.a_list"), type=type(value).__name__, value=repr(value))
                )
            out = []
            errors = []
            for i, v in enumerate(value):
                try:
                    out.append(conv.structure(v, item))
                except Exception as exc:
                    _add_note(exc, IterableValidationNote(f"@ index {i}", i, item))
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {tp!r}", errors, tp)
            return make(out)

        return hook

    return factory


def _add_note(exc: BaseException, note: str) -> None:
    """Attach ``note`` as cattrs reads notes (on Python 3.10 too, where exceptions have no ``add_note``)."""
    if sys.version_info >= (3, 11):
        exc.add_note(note)
    else:  # pragma: no cover - Python 3.10
        exc.__dict__.setdefault("__notes__", []).append(note)


def _is_any(tp: object) -> bool:
    return tp is Any


def _is_literal(tp: object) -> bool:
    origin: object = typing.get_origin(tp)
    return origin is typing.Literal


def make_converter() -> cattrs.Converter:
    """A converter that forbids extra keys, never coerces primitive types and names every problem by key."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _strict(str, lambda: t("notice.a_string")))
    conv.register_structure_hook(int, _strict(int, lambda: t("notice.an_integer")))
    conv.register_structure_hook(bool, _strict(bool, lambda: t("notice.true_or_false")))
    conv.register_structure_hook(float, _float)
    conv.register_structure_hook(dt.date, _date)
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    # typing.Any is no class on Python 3.10, so singledispatch cannot take it: match by predicate
    conv.register_structure_hook_func(_is_any, lambda v, _t: v)
    conv.register_structure_hook_factory(_is_union, _union_hook(conv))
    conv.register_structure_hook_factory(_is_literal, _literal_hook)
    conv.register_structure_hook_factory(_is_sequence, _sequence_hook(conv))
    return conv


converter = make_converter()


def _reason(exc: BaseException, tp: type | None) -> str:
    """The message of a hook or validator that says what is wrong; cattrs' generic one otherwise."""
    text = str(exc)
    if isinstance(exc, (ValueError, TypeError)) and text and not text.endswith("object is not iterable"):
        return text
    if isinstance(exc, KeyError):
        return t("notice.required_key")
    return cattrs.v.format_exception(exc, tp)


def problems_from(exc: BaseException, file: str | None, path: str = "") -> list[Problem]:
    """Turn a cattrs validation error into problems that name the file and the key."""
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        allowed = _allowed_keys(exc)
        out = []
        for msg in cattrs.transform_error(exc, path="$", format_exception=_reason):
            text, _, where = msg.rpartition(" @ ")
            key = where.replace("$", path, 1).lstrip(".")
            extra = _EXTRA.fullmatch(text)
            if extra is None:
                out.append(Problem(text, file=file, key=key or None))
                continue
            # one problem per unknown key, at the key itself (so its line can be found)
            names = [n.strip() for n in extra.group(1).split(",")]
            known = allowed.get(frozenset(names), ())
            for name in names:
                hint = suggest(name, known)
                out.append(
                    Problem(t(UNKNOWN_KEY, hint=hint), file=file, key=f"{key}.{name}".lstrip("."), code=UNKNOWN_KEY)
                )
        return out
    return [Problem(str(exc), file=file, key=path or None)]


_EXTRA = re.compile(r"extra fields found \((.*)\)")


def _allowed_keys(exc: BaseException) -> dict[frozenset[str], tuple[str, ...]]:
    """For each set of unknown keys cattrs refused, the keys the class does accept."""
    out: dict[frozenset[str], tuple[str, ...]] = {}
    stack = [exc]
    while stack:
        e = stack.pop()
        if isinstance(e, ForbiddenExtraKeysError):
            cl: Any = e.cl
            names = tuple(a.name for a in attrs.fields(cl)) if attrs.has(cl) else ()
            out[frozenset(e.extra_fields)] = names
        stack.extend(getattr(e, "exceptions", ()))
    return out
