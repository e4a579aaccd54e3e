"""What the CLI commands share: argument types, overrides and catalog loading."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import api
from ..catalog import Catalog
from ..errors import Problem, UnknownNameError
from ..workdays import WorkCalendar, calendar_from

EXIT_BAD_INPUT = 2


def today() -> dt.date:
    """The day a command answers for when no ``--on`` is given (the machine's date)."""
    return dt.date.today()


def date_arg(text: str) -> dt.date:
    """An ISO date argument."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date such as 2022-03-01, got {text!r}") from None


def anchor_arg(text: str) -> tuple[str, dt.date]:
    """An EVENT=DATE argument dating an ``anchor`` event of a timeline."""
    name, sep, raw = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected EVENT=DATE such as publicity-start=2021-06-01, got {text!r}")
    return name.strip(), date_arg(raw.strip())


def assignment_arg(text: str) -> tuple[str, Any]:
    """A NAME=VALUE argument; VALUE is read as JSON when it parses (numbers, lists, true)."""
    name, sep, raw = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
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
        raise argparse.ArgumentTypeError(f"expected QUOTA:UNIT=N such as annual:220100=40, got {text!r}")
    return quota.strip(), unit.strip(), int(raw)


def benchmark_option(p: argparse.ArgumentParser) -> None:
    """Add ``--benchmark ID:YEAR=VALUE`` to a command."""
    p.add_argument(
        "--benchmark",
        action="append",
        type=benchmark_arg,
        metavar="ID:YEAR=VALUE",
        help="a reference figure the notice compares with, for a year the plugin does not ship (repeatable)",
    )


def calendar_args(parser: argparse.ArgumentParser) -> None:
    """Add ``--calendar FILE`` (repeatable): holiday arrangement files for years chinesecalendar does not cover."""
    parser.add_argument(
        "--calendar",
        action="append",
        metavar="FILE",
        help="a year's holiday arrangement (节假日安排) as TOML, or a folder of them (repeatable; also SRDI_CALENDAR)",
    )


def calendar_of(args: argparse.Namespace) -> WorkCalendar:
    """The working-day calendar a command counts on: srdi's, SRDI_CALENDAR's files, then ``--calendar``'s."""
    return calendar_from(getattr(args, "calendar", None))


def catalog_for_program(pid: str) -> Catalog:
    """Load only the plugin a program id names (``liaoning.…`` → plugin ``liaoning``)."""
    return api.for_programs([pid])


def catalog_for_profile(path: str, programs: Sequence[str] | None) -> Catalog:
    """Load the plugins a profile's region needs, and those of the given programs.

    The profile's lineage is always loaded, so its regional fields and titles are
    understood whichever programs are named; without a region, the programs decide.
    """
    region = probe_region(Path(path))
    if region is None and not programs:
        # report every problem of the profile, not just the missing route
        _load_with_core_fields(path)
        raise UnknownNameError(
            Problem("the profile has no credit_code or region_code to route by; give --program", file=path)
        )
    try:
        return api.for_programs(programs or (), region)
    except UnknownNameError:
        if region is not None:
            _load_with_core_fields(path)  # a region code nobody knows: say what is wrong in the profile
        raise


def _load_with_core_fields(path: str) -> None:
    from ..profile.load import load_profile
    from ..vocabulary import Vocabulary
    from ..vocabulary.fields import core_fields

    load_profile(path, Vocabulary(core_fields()))


def probe_region(path: Path) -> str | None:
    """Read only a profile's region code or credit code, to route before loading plugins."""
    from ..errors import ProfileError
    from ..inputs import read_structured
    from ..profile import credit_code

    data = read_structured(path, "企业信息", ProfileError, sniff_json=True)
    ent = data.get("enterprise", {}) if isinstance(data, dict) else {}
    if not isinstance(ent, dict):
        return None
    region = ent.get("region_code")
    if isinstance(region, str) and region.strip():
        return region
    code = ent.get("credit_code")
    if isinstance(code, str):
        if credit_code.problem(code) is None:
            return credit_code.region_code(code)
    return None


def overrides_from(args: argparse.Namespace) -> dict[str, Any]:
    """Parameter overrides from --overrides FILE and --set NAME=VALUE (later wins)."""
    from ..inputs import parse, read_text

    values: dict[str, Any] = {}
    if getattr(args, "overrides", None):
        where = str(args.overrides)
        values.update(parse(read_text(where, "参数覆盖"), where, "参数覆盖", as_json=False))
    for name, value in getattr(args, "set", None) or []:
        values[name] = value
    return values
