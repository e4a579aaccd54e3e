"""Size class (大型 / 中型 / 小型 / 微型) under 工信部联企业〔2011〕300号, vectorised.

The thresholds live in ``data/size_classes.toml`` with their clause and quote; this
module only knows how to read an industry code and apply "any bound below" /
"every bound from" rules with missing data kept unknown.
"""

from __future__ import annotations

import functools
import re
import sys
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_CODE = re.compile(r"^([A-Ta-t])?\s*(\d{2,4})?$")


@functools.lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """The size-class rules and the GB/T 4754 section table, as shipped."""
    base = resources.files("srdi") / "data"
    classes = tomllib.loads((base / "size_classes.toml").read_text(encoding="utf-8"))
    sections = tomllib.loads((base / "gbt4754_sections.toml").read_text(encoding="utf-8"))["sections"]
    return {"classes": classes, "sections": sections}


def parse_industry(code: str | None) -> tuple[str | None, str | None, str | None]:
    """(section, division, class) of a GB/T 4754-2017 code such as ``C3484``, ``C34`` or ``3484``."""
    if not code:
        return None, None, None
    m = _CODE.match(str(code).strip())
    if not m:
        return None, None, None
    section = m.group(1).upper() if m.group(1) else None
    digits = m.group(2) or ""
    division = digits[:2] or None
    klass = digits[:4] if len(digits) >= 4 else None
    if section is None and division is not None:
        d = int(division)
        for s in rules()["sections"]:
            if s["first"] <= d <= s["last"]:
                section = s["section"]
    return section, division, klass


@functools.lru_cache(maxsize=4096)
def industry_category(code: str | None) -> str | None:
    """The 300号 industry category id for an industry code (None when the code is unusable)."""
    section, division, klass = parse_industry(code)
    if section is None:
        return None
    default = None
    for ind in rules()["classes"]["industries"]:
        if ind.get("default"):
            default = ind["id"]
        if klass and klass in ind.get("classes", []):
            return ind["id"]
    for ind in rules()["classes"]["industries"]:
        if division and division in ind.get("divisions", []):
            return ind["id"]
    for ind in rules()["classes"]["industries"]:
        if section in ind.get("sections", []):
            return ind["id"]
    if section in ("F", "G", "H", "I", "K") and division is None:
        return None  # these sections split by division: the section alone does not decide
    return default


#: Size classes as integer codes: position in this tuple; -1 where the class cannot be decided.
CLASSES = ("large", "medium", "small", "micro")


def _tri(bounds: list[dict[str, Any]], values: dict[str, Any], below: bool) -> float:
    """One enterprise, as 1.0 / 0.0 / NaN: "some bound is known and below" (``below``), or "every bound is reached".

    A figure known to be below a bound decides even where others are missing.
    """
    unknown = decided = False
    for b in bounds:
        v = values[b["field"]]
        if v != v:
            unknown = True
        elif v < b["value"]:
            decided = True
    if decided:
        return 1.0 if below else 0.0
    if unknown:
        return float("nan")
    return 0.0 if below else 1.0


def classify_one(industry: Any, employees: float, revenue: float, assets: float) -> str | None:
    """Size class of one enterprise ('large', 'medium', 'small', 'micro'), None where it cannot be decided."""
    category = industry_category(str(industry)) if industry is not None else None
    ind = _by_id().get(category) if category is not None else None
    if ind is None:
        return None
    values = {"employees": employees, "revenue": revenue, "total_assets": assets}
    sme = _tri(ind["sme_below"], values, True)
    if sme == 0.0:
        return "large"
    if sme != 1.0:
        return None
    medium = _tri(ind["medium_from"], values, False)
    if medium == 1.0:
        return "medium"
    if medium != 0.0:
        return None
    small = _tri(ind["small_from"], values, False)
    return "small" if small == 1.0 else "micro" if small == 0.0 else None


def _tri_array(
    bounds: list[dict[str, Any]], values: dict[str, np.ndarray], mask: np.ndarray, below: bool
) -> np.ndarray:
    """Over the rows of ``mask``: 1.0 / 0.0 / NaN as :func:`_tri` says for one enterprise."""
    import numpy as np

    size = int(mask.sum())
    unknown = np.zeros(size, dtype=bool)
    decided = np.zeros(size, dtype=bool)
    for b in bounds:
        v = values[b["field"]][mask]
        decided |= v < b["value"]  # below a bound: an SME (sme_below) or short of a class (from)
        unknown |= np.isnan(v)
    out = np.full(size, 0.0 if below else 1.0)
    out[unknown] = np.nan
    out[decided] = 1.0 if below else 0.0
    return out


def classify_codes(
    industry: tuple[np.ndarray, tuple[Any, ...]], employees: np.ndarray, revenue: np.ndarray, assets: np.ndarray
) -> np.ndarray:
    """Size class per row as an index into :data:`CLASSES` (int8), -1 where it cannot be decided.

    ``industry`` is the industry code column as integer codes over its distinct values:
    each distinct code is looked up once; rows then compare small integers.
    """
    import numpy as np

    codes, uniques = industry
    industries = rules()["classes"]["industries"]
    position = {ind["id"]: k for k, ind in enumerate(industries)}
    per_unique = np.array([position.get(industry_category(str(u)), -1) for u in uniques] + [-1], dtype=np.int64)
    cats = per_unique[codes]  # the sentinel -1 of a missing code picks the trailing -1
    values = {"employees": employees, "revenue": revenue, "total_assets": assets}
    out = np.full(len(codes), -1, dtype=np.int8)
    for k, ind in enumerate(industries):
        mask = cats == k
        if not mask.any():
            continue
        sme = _tri_array(ind["sme_below"], values, mask, True)
        medium = _tri_array(ind["medium_from"], values, mask, False)
        small = _tri_array(ind["small_from"], values, mask, False)
        res = np.full(len(sme), -1, dtype=np.int8)
        res[sme == 0.0] = 0
        is_sme = sme == 1.0
        res[is_sme & (medium == 1.0)] = 1
        res[is_sme & (medium == 0.0) & (small == 1.0)] = 2
        res[is_sme & (medium == 0.0) & (small == 0.0)] = 3
        out[mask] = res
    return out


def classify(industry: Any, employees: np.ndarray, revenue: np.ndarray, assets: np.ndarray) -> np.ndarray:
    """Size class per row ('large', 'medium', 'small', 'micro'), None where it cannot be decided."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(pd.Series(industry, dtype=object), use_na_sentinel=True)
    out = classify_codes((codes, tuple(uniques)), employees, revenue, assets)
    return np.array([*CLASSES, None], dtype=object)[out]


@functools.lru_cache(maxsize=1)
def _by_id() -> dict[str, dict[str, Any]]:
    return {ind["id"]: ind for ind in rules()["classes"]["industries"]}


def citation(category: str) -> tuple[str, str]:
    """(clause, quote) of the 300号 rule for an industry category."""
    for ind in rules()["classes"]["industries"]:
        if ind["id"] == category:
            return ind["clause"], ind["quote"]
    raise KeyError(category)


#: The size classes a firm declares that make a revenue past :func:`revenue_ceiling` suspect.
SMALLEST = ("small", "micro")


@functools.lru_cache(maxsize=1)
def revenue_ceiling() -> float:
    """The highest 营业收入 (万元) with which an enterprise is an SME by its revenue alone, in any industry.

    The largest revenue bound among the industries' ``sme_below`` bounds (300号 第四条).
    A firm above it is an SME only by its headcount or assets: a small or micro firm
    declaring such a revenue most likely typed it in 元.
    """
    return max(
        float(bound["value"])
        for ind in rules()["classes"]["industries"]
        for bound in ind.get("sme_below", [])
        if bound["field"] == "revenue"
    )
