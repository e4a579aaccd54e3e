"""Which catalog a question needs: the plugins of the programs it names, or of the firm's region.

Shared by the CLI (which builds a catalog per command) and the web API (which keeps
one per plugin set). A ``Loader`` is anything with ``load``, ``for_region`` and
``plugins`` like :mod:`srdi.api`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from .catalog import Catalog
from .errors import Problem, UnknownNameError
from .plugins import Installed


class Loader(Protocol):
    """Builds catalogs: :mod:`srdi.api`, or a cache in front of it."""

    def load(self, plugins: Iterable[str] | None = None) -> Catalog:
        """A catalog with the baseline and the given plugins (None: every selected plugin)."""

    def for_region(self, region: str) -> Catalog:
        """A catalog with the plugins a region's lineage needs."""

    def plugins(self) -> list[Installed]:
        """Installed, selected plugins (nothing imported)."""


def _api() -> Loader:
    from . import api

    return api


def for_program(pid: str, loader: Loader | None = None) -> Catalog:
    """Load only the plugin a program id names (``liaoning.…`` → plugin ``liaoning``)."""
    loader = loader or _api()
    prefix = pid.split(".", 1)[0]
    names = {p.name for p in loader.plugins()}
    if prefix == "national":
        return loader.load([])
    if prefix in names:
        return loader.load([prefix])
    return loader.load()


def for_programs(programs: Sequence[str] | None, region: str | None = None, loader: Loader | None = None) -> Catalog:
    """Load the plugins the given programs (or, without programs, a region) need, and no others."""
    loader = loader or _api()
    if region and not programs:
        return loader.for_region(region)
    prefixes = {p.split(".", 1)[0] for p in programs or ()}
    names = {p.name for p in loader.plugins()}
    if prefixes and prefixes <= names | {"national"}:
        return loader.load(sorted(prefixes - {"national"}))
    return loader.load()


def region_of_data(data: Any) -> str | None:
    """A profile's region code, or the region of its valid credit code, read before any plugin loads."""
    from .profile import credit_code

    ent = data.get("enterprise", {}) if isinstance(data, Mapping) else {}
    if not isinstance(ent, Mapping):
        return None
    region = ent.get("region_code")
    if isinstance(region, str):
        return region
    code = ent.get("credit_code")
    if isinstance(code, str) and credit_code.problem(code) is None:
        return credit_code.region_code(code)
    return None


def for_profile_data(
    data: Any, programs: Sequence[str] | None, source: str | None = None, loader: Loader | None = None
) -> Catalog:
    """Load the plugins a profile's region (or the given programs) needs.

    A profile with nothing to route by has every problem reported (read with the
    core vocabulary), then the missing route.
    """
    loader = loader or _api()
    if programs:
        return for_programs(programs, None, loader)
    region = region_of_data(data)
    if region is None:
        from .profile import profile_from_dict
        from .vocabulary import Vocabulary
        from .vocabulary.fields import core_fields

        profile_from_dict(data, Vocabulary(core_fields()), source)
        raise UnknownNameError(
            Problem("the profile has no credit_code or region_code to route by; give --program", file=source)
        )
    return loader.for_region(region)
