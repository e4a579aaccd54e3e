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
from typing import Any

import numpy as np
import pandas as pd

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


def _tri_any_below(bounds: list[dict[str, Any]], values: dict[str, np.ndarray], mask: np.ndarray) -> np.ndarray:
    """1.0 where some bound is known and below, 0.0 where all are known and not below, NaN otherwise."""
    out = np.full(mask.sum(), 0.0)
    unknown = np.zeros(mask.sum(), dtype=bool)
    hit = np.zeros(mask.sum(), dtype=bool)
    for b in bounds:
        v = values[b["field"]][mask]
        hit |= v < b["value"]
        unknown |= np.isnan(v)
    out[unknown] = np.nan
    out[hit] = 1.0
    return out


def _tri_all_from(bounds: list[dict[str, Any]], values: dict[str, np.ndarray], mask: np.ndarray) -> np.ndarray:
    out = np.full(mask.sum(), 1.0)
    unknown = np.zeros(mask.sum(), dtype=bool)
    miss = np.zeros(mask.sum(), dtype=bool)
    for b in bounds:
        v = values[b["field"]][mask]
        miss |= v < b["value"]
        unknown |= np.isnan(v)
    out[unknown] = np.nan
    out[miss] = 0.0
    return out


def classify(
    industry: np.ndarray | pd.Series, employees: np.ndarray, revenue: np.ndarray, assets: np.ndarray
) -> np.ndarray:
    """Size class per row ('large', 'medium', 'small', 'micro'), None where it cannot be decided."""
    # each distinct industry code is looked up once; rows then compare small integers
    codes, uniques = pd.factorize(pd.Series(industry), use_na_sentinel=True)
    industries = rules()["classes"]["industries"]
    position = {ind["id"]: k for k, ind in enumerate(industries)}
    per_unique = np.array([position.get(industry_category(str(u)), -1) for u in uniques] + [-1], dtype=np.int64)
    cats = per_unique[codes]  # the sentinel -1 of a missing code picks the trailing -1
    values = {"employees": employees, "revenue": revenue, "total_assets": assets}
    out = np.full(len(codes), None, dtype=object)
    for k, ind in enumerate(industries):
        mask = cats == k
        if not mask.any():
            continue
        sme = _tri_any_below(ind["sme_below"], values, mask)
        medium = _tri_all_from(ind["medium_from"], values, mask)
        small = _tri_all_from(ind["small_from"], values, mask)
        res = np.full(mask.sum(), None, dtype=object)
        res[sme == 0.0] = "large"
        is_sme = sme == 1.0
        res[is_sme & (medium == 1.0)] = "medium"
        res[is_sme & (medium == 0.0) & (small == 1.0)] = "small"
        res[is_sme & (medium == 0.0) & (small == 0.0)] = "micro"
        out[mask] = res
    return out


def citation(category: str) -> tuple[str, str]:
    """(clause, quote) of the 300号 rule for an industry category."""
    for ind in rules()["classes"]["industries"]:
        if ind["id"] == category:
            return ind["clause"], ind["quote"]
    raise KeyError(category)
