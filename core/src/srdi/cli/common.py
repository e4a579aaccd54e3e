"""What the CLI commands share: argument types, overrides and catalog loading."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ..errors import UnknownNameError
from ..i18n import t

EXIT_BAD_INPUT = 2


def examples(lines: Sequence[str]) -> str:
    """A help epilog: the examples heading, then one command line each."""
    return "\n".join([t("cli.examples"), *(f"  {line}" for line in lines)])


def own_parser(sub: Any, name: str, fn: Any, example: Sequence[str]) -> argparse.ArgumentParser:
    """A command with options of its own (no shared ``--format``), its help and examples from the catalogue."""
    text = t(f"help.{name.replace('-', '_')}")
    p: argparse.ArgumentParser = sub.add_parser(
        name,
        help=text,
        description=text,
        epilog=examples(example),
    )
    p.set_defaults(fn=fn)
    return p


def lazy_module(name: str) -> ModuleType:
    """A module that is imported when first used, not when the CLI starts.

    Every command module is imported to build ``srdi --help``; what a command needs
    (the catalog, pandas, rich) is loaded only when that command runs.
    """
    found = sys.modules.get(name)
    if found is not None:
        return found
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.loader is not None, name
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


if TYPE_CHECKING:
    from .. import api, routing
    from ..catalog import Catalog
    from ..workdays import WorkCalendar
else:
    api = lazy_module("srdi.api")
    routing = lazy_module("srdi.routing")


def today() -> dt.date:
    """The day a command answers for when no ``--on`` is given: today in Beijing (:func:`srdi.clock.today`)."""
    from .. import clock

    return clock.today()


def date_arg(text: str) -> dt.date:
    """An ISO date argument."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli.bad_date", text=text)) from None


def anchor_arg(text: str) -> tuple[str, dt.date]:
    """An EVENT=DATE argument dating an ``anchor`` event of a timeline."""
    name, sep, raw = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(t("input.anchor", got=repr(text)))
    return name.strip(), date_arg(raw.strip())


def assignment_arg(text: str) -> tuple[str, Any]:
    """A NAME=VALUE argument; VALUE is read as JSON when it parses (numbers, lists, true)."""
    name, sep, raw = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(t("input.assignment", got=repr(text)))
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    return name.strip(), value


def benchmark_arg(text: str) -> tuple[str, int, float]:
    """An ID:YEAR=VALUE argument: a reference figure the user supplies (``xiamen.gdp_growth:2020=5.7``)."""
    from ..benchmarks import parse_assignment

    try:
        return parse_assignment(text)
    except UnknownNameError as exc:
        raise argparse.ArgumentTypeError(exc.problems[0].message) from None


def benchmarks_from(args: argparse.Namespace) -> dict[str, dict[int, float]]:
    """The ``--benchmark`` figures as ``{id: {year: value}}``."""
    out: dict[str, dict[int, float]] = {}
    for bid, year, value in getattr(args, "benchmark", None) or []:
        out.setdefault(bid, {})[year] = value
    return out


def quota_arg(text: str) -> tuple[str, str, int]:
    """A QUOTA:UNIT=N argument: a unit's number a notice allocates without printing it (``annual:220100=40``)."""
    head, sep, raw = text.partition("=")
    quota, colon, unit = head.partition(":")
    if not sep or not colon or not quota.strip() or not unit.strip() or not raw.strip().isdigit():
        raise argparse.ArgumentTypeError(t("cli.bad_quota", got=repr(text)))
    return quota.strip(), unit.strip(), int(raw)


def benchmark_option(p: argparse.ArgumentParser) -> None:
    """Add ``--benchmark ID:YEAR=VALUE`` to a command."""
    p.add_argument(
        "--benchmark",
        action="append",
        type=benchmark_arg,
        metavar="ID:YEAR=VALUE",
        help=t("opt.benchmark"),
    )


def calendar_args(parser: argparse.ArgumentParser) -> None:
    """Add ``--calendar FILE`` (repeatable): holiday arrangement files for years chinesecalendar does not cover."""
    parser.add_argument(
        "--calendar",
        action="append",
        metavar="FILE",
        help=t("opt.calendar"),
    )


def calendar_of(args: argparse.Namespace) -> WorkCalendar:
    """The working-day calendar a command counts on: srdi's, SRDI_CALENDAR's files, then ``--calendar``'s."""
    from ..workdays import calendar_from

    return calendar_from(getattr(args, "calendar", None))


def catalog_for_program(pid: str) -> Catalog:
    """Load only the plugin a program id names (``liaoning.…`` → plugin ``liaoning``)."""
    return routing.for_program(pid, api)


def catalog_for_profile(path: str, programs: Sequence[str] | None) -> Catalog:
    """Load the plugins a profile's region needs, and those of the given programs (see :mod:`srdi.routing`)."""
    return routing.for_profile_data(read_profile_data(Path(path)), programs, source=path, loader=api)


def read_profile_data(path: Path) -> Any:
    """A profile file parsed, unchecked, to route by before loading plugins."""
    from ..errors import ProfileError
    from ..inputs import read_structured

    return read_structured(path, "input.role.profile", ProfileError, sniff_json=True)


def probe_region(path: Path) -> str | None:
    """Read only a profile's region code or credit code, to route before loading plugins."""
    return routing.region_of_data(read_profile_data(path))


def overrides_from(args: argparse.Namespace) -> dict[str, Any]:
    """Parameter overrides from --overrides FILE and --set NAME=VALUE (later wins)."""
    from ..inputs import parse, read_text

    values: dict[str, Any] = {}
    if getattr(args, "overrides", None):
        where = str(args.overrides)
        values.update(parse(read_text(where, "input.role.overrides"), where, "input.role.overrides", as_json=False))
    for name, value in getattr(args, "set", None) or []:
        values[name] = value
    return values
