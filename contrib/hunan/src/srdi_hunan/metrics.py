"""Metrics only Hunan's notices use.

``hunan.sector``: which of the two sectors the 培育计划 gives economic floors for an
enterprise belongs to — ``manufacturing`` (制造业), ``software_it`` (软件和信息技术服务
业) or ``other`` — read from its GB/T 4754 industry code with ``data/sectors.toml``.
Unknown when the code is missing or too coarse to tell (a bare ``I``). The field of
the same name (fields.toml) lets a profile state the sector; a value given wins.
"""

from __future__ import annotations

import functools
import sys
from importlib import resources
from typing import TYPE_CHECKING, Any

from srdi.engine.metrics import Metric
from srdi.engine.size_class import parse_industry

if TYPE_CHECKING:
    import numpy as np

    from srdi.engine.columns import Columns
    from srdi.engine.facts import Facts

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ORIGIN = "srdi-hunan"


@functools.lru_cache(maxsize=1)
def _sector_rules() -> tuple[frozenset[str], frozenset[str]]:
    text = (resources.files(__package__) / "data" / "sectors.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return frozenset(data["manufacturing_sections"]), frozenset(data["software_it_divisions"])


def sector(code: str | None) -> str | None:
    """``manufacturing``, ``software_it`` or ``other`` for an industry code; None when it cannot tell."""
    section, division, _ = parse_industry(code)
    if section is None:
        return None
    manufacturing, software_it = _sector_rules()
    if section in manufacturing:
        return "manufacturing"
    if division is not None:
        return "software_it" if division in software_it else "other"
    if any(parse_industry(d)[0] == section for d in software_it):
        return None  # a bare section letter that holds the software division does not decide
    return "other"


def _sector(cols: Columns, year: int | None) -> np.ndarray:
    import numpy as np

    return np.array([sector(c) for c in cols.text("industry_code")], dtype=object)


def _sector_one(facts: Facts, year: int | None) -> Any:
    return sector(facts.text("industry_code"))


def hunan_metrics() -> list[Metric]:
    """The metrics the Hunan notices need."""
    return [
        Metric(
            "hunan.sector",
            "所属行业（制造业／软件和信息技术服务业）",
            _sector,
            yearly=False,
            unit=None,
            inputs=("industry_code",),
            categorical=True,
            origin=ORIGIN,
            description="manufacturing (GB/T 4754 section C), software_it (division 65) or other",
            compute_one=_sector_one,
        )
    ]
