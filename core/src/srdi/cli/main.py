"""``srdi``: check enterprises against 专精特新 notices from the command line.

Every command prints readable tables with Chinese labels, or JSON with
``--format json``. Bad input prints one line per problem, naming the file and
key, and exits with status 2; no traceback. Commands live in modules listed in
``COMMANDS``; each has ``register(sub, add)``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import warnings
from collections.abc import Sequence
from typing import Any

from .. import i18n
from ..errors import SrdiError, one_line, os_reason
from ..i18n import t
from .common import EXIT_BAD_INPUT, examples
from .parser import Parser

#: Modules whose ``register(sub, add)`` adds sub-commands, in help order.
COMMANDS = [
    "srdi.cli.core_commands",
    "srdi.cli.batch_commands",
    "srdi.cli.template",
    "srdi.cli.validate",
    "srdi.cli.new_plugin",
    "srdi.cli.diff",
    "srdi.cli.serve",
]


#: What ``srdi --help`` ends with: a command line for each kind of question.
EXAMPLES = [
    "srdi check plugins/liaoning/examples/little-giant-eligible.toml --on 2022-03-01",
    "srdi check plugins/liaoning/examples/little-giant-eligible.toml --on 2022-03-01 --detail",
    "srdi programs --region liaoning --latest",
    "srdi fund --program liaoning.key-little-giant-2024 --profile plugins/liaoning/examples/key-little-giant-2024.toml",
    "srdi batch examples/申报企业.xlsx --region liaoning --on 2022-03-01 --out 初审结果.xlsx",
    "SRDI_LANG=en srdi check plugins/liaoning/examples/little-giant-eligible.toml --on 2022-03-01",
]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``srdi`` command, its help in the current language (:mod:`srdi.i18n`)."""
    parser = Parser(prog="srdi", description=t("cli.description"), epilog=examples(EXAMPLES))
    lang_option(parser, None)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(
        name: str,
        help_: str | None,
        fn: Any,
        example: Sequence[str] = (),
        *,
        formats: Sequence[str] = ("table", "json"),
        format_default: str | None = "table",
        format_help: str = "cli.help.format",
    ) -> argparse.ArgumentParser:
        """A command with the shared ``--format``: ``formats`` its choices; none for a command with one output."""
        text = help_ or t(f"help.{name.replace('-', '_')}")
        p = sub.add_parser(
            name,
            help=text,
            description=text,
            epilog=examples(example) if example else None,
        )
        p.set_defaults(fn=fn)
        if formats:
            p.add_argument("--format", choices=list(formats), default=format_default, help=t(format_help))
        else:  # scripts pass --format to every command: told it does nothing here rather than ignored
            p.add_argument("--format", action=NoFormat, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        lang_option(p, argparse.SUPPRESS)
        return p

    for name in COMMANDS:
        importlib.import_module(name).register(sub, add)
    for p in sub.choices.values():  # commands with a parser of their own take --lang too
        if "--lang" not in p._option_string_actions:
            lang_option(p, argparse.SUPPRESS)
    return parser


class NoFormat(argparse.Action):
    """``--format`` on a command whose only output is the workbook ``--out`` names: refused, saying so."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: Any, values: Any, option: Any = None) -> None:
        """Refuse the option: the command prints nothing a format could change."""
        parser.error(t("cli.format_unused"))


def lang_option(parser: argparse.ArgumentParser, default: Any) -> None:
    """Add ``--lang zh|en`` (the same on ``srdi`` and on each command)."""
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default=default, help=t("cli.help.lang"))


def _lang_in(argv: Sequence[str]) -> str | None:
    """The ``--lang`` an argument list gives, read before parsing so that help and errors speak it."""
    for i, word in enumerate(argv):
        if word == "--lang" and i + 1 < len(argv):
            return i18n.normalize(argv[i + 1])
        if word.startswith("--lang="):
            return i18n.normalize(word.partition("=")[2])
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit status. Messages are Chinese unless ``--lang en`` or ``SRDI_LANG=en``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    with i18n.speaking(_lang_in(argv)):
        return _main(argv)


def _main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from ..plugins import BrokenPluginWarning  # after parsing: `srdi --help` reads no plugin

    with warnings.catch_warnings():
        warnings.simplefilter("always", BrokenPluginWarning)
        warnings.showwarning = _show_warning
        try:
            return int(args.fn(args) or 0)
        except SrdiError as exc:
            for p in exc.problems:
                print(t("cli.error", message=p), file=sys.stderr)
            return EXIT_BAD_INPUT
        except BrokenPipeError:  # pragma: no cover
            return 0
        except OSError as exc:
            # a file the command was told to read or write: missing, a folder, not permitted, name too long
            where = f"{exc.filename}: " if exc.filename else ""
            print(t("cli.error", message=one_line(f"{where}{os_reason(exc)}")), file=sys.stderr)
            return EXIT_BAD_INPUT
        except RecursionError:
            print(t("cli.error", message=t("cli.too_deep")), file=sys.stderr)
            return EXIT_BAD_INPUT


def _show_warning(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
    """Print a plugin warning as one ``srdi: warning:`` line; other warnings as Python prints them."""
    from ..plugins import BrokenPluginWarning

    if issubclass(category, BrokenPluginWarning):
        print(t("cli.warning", message=one_line(str(message))), file=sys.stderr)
    else:
        sys.stderr.write(warnings.formatwarning(message, category, *args, **kwargs))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
