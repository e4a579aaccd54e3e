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

from ..errors import SrdiError, one_line
from .common import EXIT_BAD_INPUT

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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``srdi`` command."""
    parser = argparse.ArgumentParser(prog="srdi", description="专精特新 notices as executable, cited rules.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_: str, fn: Any) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.set_defaults(fn=fn)
        p.add_argument("--format", choices=["table", "json"], default="table", help="output format (default: table)")
        return p

    for name in COMMANDS:
        importlib.import_module(name).register(sub, add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit status."""
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
                print(f"srdi: error: {p}", file=sys.stderr)
            return EXIT_BAD_INPUT
        except BrokenPipeError:  # pragma: no cover
            return 0
        except OSError as exc:
            # a file the command was told to read or write: missing, a folder, not permitted, name too long
            where = f"{exc.filename}: " if exc.filename else ""
            print(f"srdi: error: {one_line(f'{where}{exc.strerror or exc}')}", file=sys.stderr)
            return EXIT_BAD_INPUT
        except RecursionError:
            print("srdi: error: 输入嵌套层级过深，无法处理", file=sys.stderr)
            return EXIT_BAD_INPUT


def _show_warning(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
    """Print a plugin warning as one ``srdi: warning:`` line; other warnings as Python prints them."""
    from ..plugins import BrokenPluginWarning

    if issubclass(category, BrokenPluginWarning):
        print(f"srdi: warning: {one_line(str(message))}", file=sys.stderr)
    else:
        sys.stderr.write(warnings.formatwarning(message, category, *args, **kwargs))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
