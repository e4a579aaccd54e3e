"""The command line's parser: argparse, with its own words (usage, headings, errors) in the language of messages.

argparse writes its usage line, its help headings and its errors in English. A
person who reads srdi's messages in Chinese would meet ``error: the following
arguments are required: input`` at the door. :class:`Parser` words them from srdi's
catalogue instead: the usage prefix and the headings through its help formatter, the
``-h`` option's help when it adds it, and each error by matching argparse's own
message forms (the same from Python 3.10 to 3.13). A form it does not know is shown
as argparse wrote it, inside srdi's error line. A misspelt command or choice gets
the closest names, as every other misspelt name in srdi does.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Callable
from typing import Any, NoReturn

from ..errors import suggest
from ..i18n import t

#: Help headings argparse writes, by its own words (3.10+ says "options", older ones "optional arguments").
_HEADINGS = {
    "positional arguments": "cli.parser.positionals",
    "options": "cli.parser.options",
    "optional arguments": "cli.parser.options",
}


class HelpText(argparse.RawDescriptionHelpFormatter):
    """Help as srdi writes it: descriptions and examples as given, the usage prefix and headings from the catalogue."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        """The usage line, led by the catalogue's word for "usage"."""
        super().add_usage(usage, actions, groups, t("cli.parser.usage") if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        """A section of the help, under argparse's heading in the catalogue's words where it has them."""
        code = _HEADINGS.get(heading or "")
        super().start_section(t(code) if code else heading)


class Parser(argparse.ArgumentParser):
    """An ``argparse.ArgumentParser`` whose help and errors speak the language of messages (:mod:`srdi.i18n`).

    Sub-command parsers are made of the same class (argparse makes them of the parent's).
    """

    def __init__(self, *, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpText)
        super().__init__(add_help=False, **kwargs)
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=t("cli.parser.help"))

    def format_usage(self) -> str:
        """The usage line, its wrapped lines under the first argument however wide the prefix's characters are."""
        return _aligned(super().format_usage())

    def format_help(self) -> str:
        """The help, its usage aligned as :meth:`format_usage` aligns it."""
        return _aligned(super().format_help())

    def error(self, message: str) -> NoReturn:
        """Print the usage and the error in srdi's words, and exit with status 2 (as argparse does)."""
        self.print_usage(sys.stderr)
        self.exit(2, t("cli.parser.error", prog=self.prog, message=worded(message)) + "\n")


def _aligned(text: str) -> str:
    """``text`` with the wrapped lines of its leading usage block moved under the first line's arguments.

    argparse indents them by the prefix's length in characters; "用法：" is three
    characters but six columns wide on a terminal.
    """
    prefix = t("cli.parser.usage")
    extra = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in prefix) - len(prefix)
    if not extra or not text.startswith(prefix):
        return text
    lines = text.split("\n")
    for k in range(1, len(lines)):
        if not lines[k].startswith(" "):  # the usage block ends at its first unindented (or blank) line
            break
        lines[k] = " " * extra + lines[k]
    return "\n".join(lines)


def worded(message: str) -> str:
    """One of argparse's error messages in srdi's words; a form srdi does not know, as argparse wrote it."""
    for pattern, words in _FORMS:
        found = pattern.fullmatch(message)
        if found:
            return words(found)
    return message


def _choice(found: re.Match[str]) -> str:
    value, choices = found["value"], _listed(found["choices"])
    hint = suggest(_unquoted(value), choices)
    return t("cli.parser.invalid_choice", value=value, choices=t("list.sep").join(choices), hint=hint)


def _listed(text: str) -> list[str]:
    """The choices argparse lists ("'a', 'b'" up to Python 3.12.7, "a, b" after), without their quotes."""
    return [_unquoted(part) for part in text.split(", ")] if text else []


def _unquoted(text: str) -> str:
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"" else text


def _form(pattern: str, code: str) -> tuple[re.Pattern[str], Callable[[re.Match[str]], str]]:
    return re.compile(pattern, re.DOTALL), lambda found: t(code, **found.groupdict())


#: argparse's error messages (its msgids, formatted) and srdi's words for each.
_FORMS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(r"argument (?P<name>[^:]+): (?P<message>.*)", re.DOTALL),
        lambda found: t("cli.parser.argument", name=found["name"], message=worded(found["message"])),
    ),
    (re.compile(r"invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)", re.DOTALL), _choice),
    _form(r"the following arguments are required: (?P<names>.*)", "cli.parser.required"),
    _form(r"unrecognized arguments: (?P<args>.*)", "cli.parser.unrecognized"),
    _form(r"invalid (?P<type>\S+) value: (?P<value>.*)", "cli.parser.invalid_value"),
    _form(r"expected one argument", "cli.parser.expected_one"),
    _form(r"expected at least one argument", "cli.parser.expected_some"),
    _form(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)", "cli.parser.ambiguous"),
    _form(r"not allowed with argument (?P<other>.*)", "cli.parser.not_allowed_with"),
    _form(r"one of the arguments (?P<names>.*) is required", "cli.parser.one_of_required"),
]
