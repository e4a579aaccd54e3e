"""Administrative regions, and how a region code falls back to its province and the nation."""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable
from importlib import resources
from typing import Literal

from attrs import frozen

from .errors import UnknownNameError, suggest
from .i18n import t as message

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

Level = Literal["national", "province", "city", "district", "zone"]
NATIONAL = "000000"


@frozen
class Region:
    """A region a program can apply to: national, a province, a city, a district or a zone."""

    code: str
    name: str
    slug: str
    level: Level = "province"
    parent: str | None = None
    claim: bool = True
    """False for a region a plugin only names (e.g. the cities of a per-city quota) without serving it."""

    def __attrs_post_init__(self) -> None:
        if len(self.code) != 6 or not self.code.isdigit():
            raise ValueError(f"region code must be six digits, got {self.code!r}")


def parent_code(code: str) -> str | None:
    """The code one level up: district → city → province → national (None above national)."""
    if code == NATIONAL:
        return None
    if code.endswith("0000"):
        return NATIONAL
    if code.endswith("00"):
        return code[:2] + "0000"
    return code[:4] + "00"


def lineage(code: str) -> list[str]:
    """``code`` and every code above it, most specific first, ending with the nation."""
    out = []
    current: str | None = code
    while current is not None:
        out.append(current)
        current = parent_code(current)
    return out


def builtin_regions() -> list[Region]:
    """Provinces, 计划单列市 and the nation, from the table srdi ships (a new list each call)."""
    return list(_shipped())


@functools.cache
def _shipped() -> tuple[Region, ...]:
    # read once a process: routing, the baseline and clashes between plugins all ask for it
    text = (resources.files("srdi") / "data" / "regions.toml").read_text(encoding="utf-8")
    out = []
    for item in tomllib.loads(text)["regions"]:
        level = item.get("level", "province")
        code = item["code"]
        parent = None if level == "national" else parent_code(code)
        out.append(Region(code=code, name=item["name"], slug=item["slug"], level=level, parent=parent))
    return tuple(out)


class RegionTable:
    """Regions by code and by slug; plugin regions are added to the built-in table."""

    def __init__(self, regions: Iterable[Region]) -> None:
        self.by_code: dict[str, Region] = {}
        self.by_slug: dict[str, Region] = {}
        for r in regions:
            self.add(r)

    def add(self, region: Region) -> None:
        """Add or refine a region (a plugin may give a better name for a built-in code)."""
        self.by_code[region.code] = region
        self.by_slug[region.slug] = region

    def resolve(self, name_or_code: str) -> Region:
        """A region from its six-digit code, its slug (``liaoning``) or its Chinese name."""
        key = name_or_code.strip()
        if key in self.by_code:
            return self.by_code[key]
        if key.lower() in self.by_slug:
            return self.by_slug[key.lower()]
        for r in self.by_code.values():
            if key in (r.name, r.name.rstrip("省市")) or (len(key) >= 2 and r.name.startswith(key)):
                return r
        if len(key) == 6 and key.isdigit():
            # an unlisted district or city still routes through its ancestors
            for code in lineage(key)[1:]:
                if code in self.by_code:
                    parent = self.by_code[code]
                    name = message("name.region_with_code", name=parent.name, code=key)
                    return Region(code=key, name=name, slug=key, level="district", parent=code)
        names = list(self.by_slug) + [r.name for r in self.by_code.values()]
        raise UnknownNameError(
            message("name.unknown_region", name=repr(name_or_code), hint=suggest(name_or_code, names))
        )

    def chain(self, code: str) -> list[Region]:
        """The known regions from ``code`` up to the nation, most specific first."""
        return [self.by_code[c] for c in lineage(code) if c in self.by_code]
