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


def as_years(value: Any, name: str = "years") -> list[int]:
    """Years: one year or an iterable of years, each a whole number (or its digits as text) from 1 to 9999.

    Each year is listed once, in order: a year named twice is one year's events (a
    calendar file would otherwise hold the same event twice under one UID).
    """
    items = [value] if isinstance(value, (int, str)) else value
    if isinstance(items, (bytes, bytearray)) or not isinstance(items, Iterable):
        raise ArgumentError(Problem(message("argument.years", got=shown(value)), key=name))
    out = set()
    for item in items:
        year = int(item.strip()) if isinstance(item, str) and item.strip().isdigit() else item
        if isinstance(year, bool) or not isinstance(year, int) or not dt.MINYEAR <= year <= dt.MAXYEAR:
            raise ArgumentError(Problem(message("argument.year", got=shown(item)), key=name))
        out.add(year)
    return sorted(out)
