"""``srdi template``: the header sheet a bureau fills for a program or an official form, as .xlsx."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from .. import clock
from ..i18n import t, tn
from .common import date_arg, lazy_module

if TYPE_CHECKING:
    from .. import api
else:
    api = lazy_module("srdi.api")  # `srdi --help` reads no plugin


def cmd_template(args: argparse.Namespace) -> int:
    """The `srdi template` command: write the applicant table of a program or a form, with its notes sheet."""
    from ..batch.template import template_for, write_template
    from .batch_commands import catalog_for, say

    name = args.name
    cat = api.load() if ":" in name else catalog_for([name], None)  # forms name their notice, not their plugin
    template = template_for(cat, name, args.on or clock.today())
    write_template(template, args.out)
    say(tn("template.wrote", len(template.columns), out=args.out, title=template.title, n=len(template.columns)))
    return 0


def register(sub: Any, add: Any) -> None:
    """Add ``srdi template`` to the ``srdi`` parser."""
    p = add(
        "template",
        None,
        cmd_template,
        ["srdi template liaoning.little-giant-2022 --on 2022-03-01 --out 申报模板.xlsx"],
        formats=(),
    )
    p.add_argument("name", metavar="PROGRAM_OR_FORM", help=t("opt.template_name"))
    p.add_argument("--out", required=True, help=t("opt.out_workbook"))
    p.add_argument("--on", type=date_arg, help=t("opt.template_on"))
