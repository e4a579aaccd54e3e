"""Errors that name exactly what went wrong and where.

Every error srdi raises for bad input derives from :class:`SrdiError` and carries
the file, key, row or field it is about, so the CLI can print one readable line per
problem and exit non-zero instead of showing a traceback.
"""

from __future__ import annotations

import errno
import json
import re
from collections.abc import Iterable, Sequence

import attrs

from . import i18n
from .i18n import t

#: The code of a key a record does not have: reported, then set aside so that the rest can be checked.
UNKNOWN_KEY = "notice.unknown_key"


@attrs.frozen
class Problem:
    """One problem found in an input: where it is and what is wrong."""

    message: str
    file: str | None = None
    key: str | None = None
    line: int | None = None
    row: int | None = None
    #: the catalogue key of the message where a program acts on the kind of problem (``notice.unknown_key``)
    code: str | None = None

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file if self.line is None else f"{self.file}:{self.line}")
        if self.row is not None:
            where.append(t("problem.row", n=self.row))
        if self.key:
            where.append(self.key)
        prefix = ": ".join(where)
        return one_line(f"{prefix}: {self.message}" if prefix else self.message)


def one_line(text: str) -> str:
    """``text`` with line breaks and other control characters escaped: a problem prints as one line."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


class SrdiError(Exception):
    """Base class of every error srdi reports to its users."""

    def __init__(self, problems: Problem | str | Sequence[Problem]) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class NoticeError(SrdiError):
    """A notice data file is malformed, inconsistent or cites text it does not ship."""


class ProfileError(SrdiError):
    """An enterprise profile (or a batch row) cannot be read as the vocabulary says."""


class PluginError(SrdiError):
    """A plugin cannot be loaded, is misdeclared, or conflicts with another plugin."""


def _unfilled(why: str, file: str) -> PluginError:
    return PluginError(Problem(why, file=file))


# a plugin's own message its hook cannot fill is a PluginError (the catalogue module cannot import this one)
i18n.unfilled = _unfilled


class UnknownNameError(SrdiError, LookupError):
    """A program, region, field or parameter name that nothing defines."""


class ArgumentError(SrdiError, TypeError):
    """An argument of srdi's Python API that cannot be read as what it names."""


class CalendarError(SrdiError):
    """A date computation needs an official calendar year that is not available."""


class FormError(SrdiError):
    """A filled form does not match its schema."""


def suggest(name: str, candidates: Iterable[str], n: int = 3) -> str:
    """Return a ' (did you mean …?)' hint (in the language of messages) for a misspelled name, or ''."""
    import difflib

    close = difflib.get_close_matches(name, list(candidates), n=n, cutoff=0.6)
    if not close:
        return ""
    return t("problem.did_you_mean", names=t("list.sep").join(repr(c) for c in close))


def shown(value: object, limit: int = 60) -> str:
    """``repr(value)`` cut short for a message: a 300-character name or a deeply nested list stays one line."""
    import reprlib

    r = reprlib.Repr()
    r.maxstring = r.maxother = limit
    r.maxlevel = 2
    r.maxlist = r.maxtuple = r.maxdict = r.maxset = 4
    return r.repr(value)


#: The language Python's JSON and TOML parsers word their reasons in.
PARSER_LANGUAGE = "en"
#: Where tomllib (and tomli) say a TOML text breaks, at the end of their reason.
_TOML_AT = re.compile(
    r"(?P<reason>.*?) \(at (?:line (?P<line>\d+), column (?P<column>\d+)|(?P<end>end of document))\)", re.DOTALL
)


def syntax_reason(exc: ValueError) -> str:
    """Why a JSON or TOML text does not parse, in the reader's words.

    The place (line and column, or the end of the text) is worded by the catalogue; the
    parser's own reason ("Expecting value") is English and is given only to a reader of
    English, never pasted into a sentence of another language.
    """
    reason, position = str(exc), None
    if isinstance(exc, json.JSONDecodeError):
        reason, position = exc.msg, t("input.syntax_at", line=exc.lineno, column=exc.colno)
    else:
        found = _TOML_AT.fullmatch(str(exc))
        if found is not None:
            reason = found["reason"]
            if found["end"]:
                position = t("input.syntax_at_end")
            else:
                position = t("input.syntax_at", line=found["line"], column=found["column"])
    if i18n.language() == PARSER_LANGUAGE:
        return t("input.parser_reason", reason=reason, position=position) if position else reason
    return position or t("input.syntax_unplaced")


def os_reason(exc: OSError) -> str:
    """Why a file could not be read or written, in the language chosen.

    The catalogue words the common causes (no such file, no permission, a disk full…);
    any other is the system's own text with its number.
    """
    name = errno.errorcode.get(exc.errno) if exc.errno is not None else None  # by name: the numbers differ by system
    if name is not None:
        code = f"oserror.{name}"
        text = t(code)
        if text != code:
            return text
    said = exc.strerror or str(exc) or type(exc).__name__
    return t("oserror.other", n=exc.errno, why=said) if exc.errno is not None else said
