"""``srdi new-plugin NAME --region CODE``: a new regional plugin from srdi's template."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..i18n import t, tn
from .common import lazy_module

if TYPE_CHECKING:
    from . import render
else:
    render = lazy_module("srdi.cli.render")


def cmd_new_plugin(args: argparse.Namespace) -> int:
    """The `srdi new-plugin` command: write an installable plugin and say what to do next."""
    from ..scaffold import new_plugin, plan

    scaffold, notes = plan(args.name, args.region, args.region_name)
    dest = Path(args.dest) if args.dest else Path(args.name)
    written = new_plugin(scaffold, dest)
    if args.format == "json":
        render.dump_json(
            {
                "plugin": scaffold.plugin,
                "distribution": scaffold.distribution,
                "region": scaffold.region_code,
                "dest": str(dest),
                "files": [str(p.relative_to(dest)) for p in written],
                "notes": notes,
            }
        )
        return 0
    print(
        tn(
            "new_plugin.written",
            len(written),
            dist=scaffold.distribution,
            n=len(written),
            dest=dest,
            region=f"{scaffold.region_name} {scaffold.region_code}",
        )
    )
    for note in notes:
        print(t("cli.note", message=note))
    print(t("new_plugin.next", dest=dest, plugin=scaffold.plugin, package=scaffold.package))
    return 0


def register(sub: Any, add: Any) -> None:
    """Add ``srdi new-plugin``."""
    p = add("new-plugin", None, cmd_new_plugin, ["srdi new-plugin zhejiang --region 330000"])
    p.add_argument("name", help=t("opt.plugin_name"))
    p.add_argument("--region", required=True, help=t("opt.region_code"))
    p.add_argument("--region-name", help=t("opt.region_name"))
    p.add_argument("--dest", help=t("opt.dest"))
