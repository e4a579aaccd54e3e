"""Which catalog a question needs: the plugins of the programs it names, or of the firm's region.

Shared by the CLI (which builds a catalog per command) and the web API (which keeps
one per plugin set). A ``Loader`` is anything with ``load``, ``for_region`` and
``plugins`` like :mod:`srdi.api`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from .catalog import Catalog
from .errors import Problem, ProfileError, UnknownNameError
from .i18n import t
from .plugins import Installed


class Loader(Protocol):
    """Builds catalogs: :mod:`srdi.api`, or a cache in front of it."""

    def load(self, plugins: Iterable[str] | None = None) -> Catalog:
        """A catalog with the baseline and the given plugins (None: every selected plugin)."""

    def for_region(self, region: str) -> Catalog:
        """A catalog with the plugins a region's lineage needs."""

    def for_programs(self, programs: Iterable[str] = (), region: str | None = None) -> Catalog:
        """A catalog with the plugins a region's lineage and the named programs need."""

    def plugins(self) -> list[Installed]:
        """Installed, selected plugins (nothing imported)."""


def _api() -> Loader:
    from . import api

    return api


def for_program(pid: str, loader: Loader | None = None) -> Catalog:
    """Load only the plugin a program id names (``liaoning.…`` → plugin ``liaoning``)."""
    return (loader or _api()).for_programs([pid])


def for_programs(programs: Sequence[str] | None, region: str | None = None, loader: Loader | None = None) -> Catalog:
    """Load the plugins a region's lineage and the given programs need (neither: every plugin)."""
    loader = loader or _api()
    if not programs and not region:
        return loader.load()
    return loader.for_programs(programs or (), region)


def region_of_data(data: Any) -> str | None:
    """A profile's region code, or the region of its valid credit code, read before any plugin loads."""
    from .profile import credit_code

    ent = data.get("enterprise", {}) if isinstance(data, Mapping) else {}
    if not isinstance(ent, Mapping):
        return None
    region = ent.get("region_code")
    if isinstance(region, str) and region.strip():
        return region
    code = ent.get("credit_code")
    if isinstance(code, str) and credit_code.problem(code) is None:
        return credit_code.region_code(code)
    return None


def for_profile_data(
    data: Any, programs: Sequence[str] | None, source: str | None = None, loader: Loader | None = None
) -> Catalog:
    """Load the plugins a profile's region needs, and those of the given programs.

    The profile's lineage is always loaded, so its regional fields and titles are
    understood whichever programs are named; without a region, the programs decide.
    A profile with nothing to route by (or a region nobody knows) has every problem
    of the profile reported first, read with the core vocabulary.
    """
    loader = loader or _api()
    region = region_of_data(data)
    if region is None and not programs:
        _check_with_core_fields(data, source)
        # the profile lacks what routing needs: bad input (422 in the API), not a name nothing defines
        raise ProfileError(Problem(t("route.nothing_to_route_by"), file=source))
    try:
        return loader.for_programs(programs or (), region)
    except UnknownNameError:
        if region is not None:
            _check_with_core_fields(data, source)
        raise


def _check_with_core_fields(data: Any, source: str | None) -> None:
    from .profile import profile_from_dict
    from .vocabulary import Vocabulary
    from .vocabulary.fields import core_fields

    profile_from_dict(data, Vocabulary(core_fields()), source)
