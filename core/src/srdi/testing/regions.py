"""Checks of the regions a plugin names: the units its per-city or per-district quotas count."""

from __future__ import annotations

from collections.abc import Mapping

from ..catalog import Catalog


def assert_named_units(
    catalog: Catalog,
    parent: str,
    level: str,
    count: int,
    named: Mapping[str, str],
    found: Mapping[str, str] | None = None,
) -> None:
    """The ``count`` regions of ``level`` under ``parent`` are named, not served, and read as a user writes them.

    ``named`` maps codes to the names reasons and notes must print (a quota's unit is
    "昆明市", not "云南省（530100）"); ``found`` maps what a user may write for a unit
    (``srdi select --quota city-target:kunming=2``: a slug or a name) to its code.
    """
    regions = catalog.regions
    units = [r for r in regions.by_code.values() if r.parent == parent]
    assert len(units) == count, f"{len(units)} regions under {parent}, not {count}"
    wrong = [r.code for r in units if r.level != level or r.claim]
    assert not wrong, f"not {level} regions named without being served: {wrong}"
    for code, name in named.items():
        assert regions.resolve(code).name == name, f"{code} is named {regions.resolve(code).name!r}, not {name!r}"
    for written, code in (found or {}).items():
        assert regions.resolve(written).code == code, (
            f"{written!r} reads as {regions.resolve(written).code}, not {code}"
        )
