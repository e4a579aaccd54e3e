"""Metrics only Hebei's notices use.

- ``hebei.industry_scope``: whether the R&D-institution grade applies to the enterprise
  ("工业企业（含软件和信息技术服务业企业）"), read from its GB/T 4754 industry code;
- ``hebei.main_product_share``: 主导产品销售收入 / 营业收入, in percent;
- ``hebei.rd_self_funded``: the self-funded part of a year's R&D spending (研发经费支出
  less the public funds in it), the base of the 2021 backbone-SME R&D subsidy.

A value the profile gives directly wins over the computed one.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import attrs

from srdi.engine.metrics import Metric, ratio
from srdi.engine.size_class import parse_industry

from ._data import read

if TYPE_CHECKING:
    import numpy as np

    from srdi.engine.columns import Columns
    from srdi.engine.facts import Facts

ORIGIN = "srdi-hebei"


@functools.lru_cache(maxsize=1)
def _scope_rules() -> tuple[frozenset[str], frozenset[str]]:
    data = read("industry_scope.toml")
    return frozenset(data["industrial_sections"]), frozenset(data["software_it_divisions"])


def industry_scope(code: str | None) -> str | None:
    """``industrial``, ``software_it`` or ``other`` for an industry code; None when it cannot tell."""
    section, division, _ = parse_industry(code)
    if section is None:
        return None
    industrial, software_it = _scope_rules()
    if division is not None and division in software_it:
        return "software_it"
    if section in industrial:
        return "industrial"
    if division is None and any(_section_of(d) == section for d in software_it):
        return None  # a bare section letter holding software divisions does not decide
    return "other"


def _section_of(division: str) -> str | None:
    return parse_industry(division)[0]


def _industry_scope(cols: Columns, year: int | None) -> np.ndarray:
    import numpy as np

    codes = cols.text("industry_code")
    return np.array([industry_scope(c) for c in codes], dtype=object)


def _industry_scope_one(facts: Facts, year: int | None) -> Any:
    return industry_scope(facts.text("industry_code"))


def _rd_self_funded(cols: Columns, year: int | None) -> np.ndarray:
    import numpy as np

    spent = cols.metric("rd_expense", year)
    public = cols.metric("hebei.rd_public_funds", year)
    out = spent - public
    out[out < 0] = np.nan  # more public money than R&D spending: the figures disagree
    return out


def _rd_self_funded_one(facts: Facts, year: int | None) -> float:
    out = float(facts.metric("rd_expense", year)) - float(facts.metric("hebei.rd_public_funds", year))
    return float("nan") if out < 0 else out


def hebei_metrics() -> list[Metric]:
    """The metrics the Hebei notices need."""
    return [
        Metric(
            "hebei.industry_scope",
            "工业企业（含软件和信息技术服务业企业）",
            _industry_scope,
            yearly=False,
            unit=None,
            inputs=("industry_code",),
            categorical=True,
            origin=ORIGIN,
            description="industrial (GB/T 4754 sections B–D), software_it (division 65) or other",
            compute_one=_industry_scope_one,
        ),
        attrs.evolve(
            ratio(
                "hebei.main_product_share",
                "主导产品销售收入占本企业销售收入比重",
                "hebei.main_product_sales",
                "revenue",
                description="销售收入 read as 营业收入, the only revenue figure the Hebei forms ask for",
            ),
            origin=ORIGIN,
        ),
        Metric(
            "hebei.rd_self_funded",
            "研发投入中的自有资金部分",
            _rd_self_funded,
            unit="万元",
            inputs=("rd_expense", "hebei.rd_public_funds"),
            origin=ORIGIN,
            description="研发经费支出 − hebei.rd_public_funds; unknown while either is missing",
            compute_one=_rd_self_funded_one,
        ),
    ]
