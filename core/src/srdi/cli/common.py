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

from ..errors import Problem, SrdiError, UnknownNameError

if TYPE_CHECKING:
    from .. import api
    from ..catalog import Catalog
else:
    api = None  # replaced below, once lazy_module is defined

EXIT_BAD_INPUT = 2


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


if not TYPE_CHECKING:
    api = lazy_module("srdi.api")


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


def catalog_for_program(pid: str) -> Catalog:
    """Load only the plugin a program id names (``liaoning.…`` → plugin ``liaoning``)."""
    prefix = pid.split(".", 1)[0]
    names = {p.name for p in api.plugins()}
    if prefix == "national":
        return api.load([])
    if prefix in names:
        return api.load([prefix])
    return api.load()


def catalog_for_profile(path: str, programs: Sequence[str] | None) -> Catalog:
    """Load the plugins a profile's region (or the given programs) needs."""
    if programs:
        prefixes = {p.split(".", 1)[0] for p in programs}
        names = {p.name for p in api.plugins()}
        if prefixes <= names | {"national"}:
            return api.load(sorted(prefixes - {"national"}))
        return api.load()
    from ..profile.load import load_profile
    from ..vocabulary import Vocabulary
    from ..vocabulary.fields import core_fields

    # read only the routing facts first, then load the plugins that region needs
    probe = probe_region(Path(path))
    if probe is None:
        # report every problem of the profile, not just the missing route
        load_profile(path, Vocabulary(core_fields()))
        raise UnknownNameError(
            Problem("the profile has no credit_code or region_code to route by; give --program", file=path)
        )
    return api.for_region(probe)


def probe_region(path: Path) -> str | None:
    """Read only a profile's region code or credit code, to route before loading plugins."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    from ..profile import credit_code

    if not path.exists():
        raise SrdiError(Problem("profile file not found", file=str(path)))
    text = path.read_text(encoding="utf-8-sig")
    try:
        data = (
            json.loads(text) if path.suffix.lower() == ".json" or text.lstrip().startswith("{") else tomllib.loads(text)
        )
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SrdiError(Problem(f"malformed profile: {exc}", file=str(path))) from None
    ent = data.get("enterprise", {}) if isinstance(data, dict) else {}
    if not isinstance(ent, dict):
        return None
    region = ent.get("region_code")
    if isinstance(region, str):
        return region
    code = ent.get("credit_code")
    if isinstance(code, str):
        if credit_code.problem(code) is None:
            return credit_code.region_code(code)
    return None


def overrides_from(args: argparse.Namespace) -> dict[str, Any]:
    """Parameter overrides from --overrides FILE and --set NAME=VALUE (later wins)."""
    values: dict[str, Any] = {}
    if getattr(args, "overrides", None):
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover
            import tomli as tomllib
        path = Path(args.overrides)
        try:
            values.update(tomllib.loads(path.read_text(encoding="utf-8")))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SrdiError(Problem(f"cannot read overrides: {exc}", file=str(path))) from None
    for name, value in getattr(args, "set", None) or []:
        values[name] = value
    return values
