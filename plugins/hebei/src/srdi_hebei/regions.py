"""Hebei and the cities its notices name (for per-city quotas), from ``data/regions.toml``."""

from __future__ import annotations

from srdi.regions import Region

from ._data import read


def hebei_regions() -> list[Region]:
    """The province, which the plugin serves, and its cities and zones, which it only names."""
    data = read("regions.toml")
    province = data["province"]
    out = [Region(code=province["code"], name=province["name"], slug=province["slug"])]
    for city in data["cities"]:
        out.append(
            Region(
                code=city["code"],
                name=city["name"],
                slug=city["slug"],
                level=city.get("level", "city"),
                parent=province["code"],
                claim=False,
            )
        )
    return out
