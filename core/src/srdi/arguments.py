"""Arguments of srdi's Python API: what is unambiguous is accepted, anything else is refused by name.

An ISO date string is a date and one plugin name is a list of one; ``None`` where a
region or a credit code is asked, or ``"2022-13-01"`` where a date is, raises an
:class:`~srdi.errors.ArgumentError` naming the argument instead of failing deep inside.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from .errors import ArgumentError, Problem, shown
from .i18n import t as message


def as_date(value: Any, name: str = "on") -> dt.date:
    """A date: a :class:`datetime.date` (a datetime gives its day) or ISO text such as ``"2022-03-01"``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ArgumentError(Problem(message("argument.date", got=shown(value)), key=name))


def as_names(value: Any, name: str = "plugins") -> list[str]:
    """Names: one name as text, or an iterable of names (never the characters of one name)."""
    if isinstance(value, str):
        return [value.strip()]
    if isinstance(value, (bytes, bytearray)) or not isinstance(value, Iterable):
        raise ArgumentError(Problem(message("argument.names", got=shown(value)), key=name))
    names = list(value)
    bad = [n for n in names if not isinstance(n, str)]
    if bad:
        raise ArgumentError(Problem(message("argument.name_text", got=shown(bad[0])), key=name))
    return [n.strip() for n in names]


def as_text(value: Any, name: str, example: str) -> str:
    """Text such as a region or a credit code; a six-digit number is accepted as its digits."""
    if isinstance(value, int) and not isinstance(value, bool) and 100000 <= value <= 999999:
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise ArgumentError(Problem(message("argument.text", example=example, got=shown(value)), key=name))
