"""``srdi validate PATH``: check a plugin folder or a notice file without installing it."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from ..i18n import t
from .common import lazy_module

if TYPE_CHECKING:
    from . import render
else:
    render = lazy_module("srdi.cli.render")

#: Exit status when the validator found errors (bad command-line input stays 2).
EXIT_PROBLEMS = 1


def cmd_validate(args: argparse.Namespace) -> int:
    """The `srdi validate` command: every problem with file, line and key; non-zero exit on any error."""
    from ..validate import summary, validate

    findings = []
    for path in args.path:
        findings.extend(validate(path))
    errors = [f for f in findings if f.severity == "error"]
    if args.format == "json":
        render.dump_json({"valid": not errors, "findings": [f.to_json() for f in findings]})
    else:
        for f in findings:
            print(f"srdi: {f}", file=sys.stderr)
        print(f"{', '.join(args.path)}: {summary(findings)}")
    if errors or (args.strict and findings):
        return EXIT_PROBLEMS
    return 0


def register(sub: Any, add: Any) -> None:
    """Add ``srdi validate``."""
    p = add("validate", None, cmd_validate, ["srdi validate plugins/liaoning"])
    p.add_argument("path", nargs="+", help=t("opt.validate_path"))
    p.add_argument("--strict", action="store_true", help=t("opt.strict"))
