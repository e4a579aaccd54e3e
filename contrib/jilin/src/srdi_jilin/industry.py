"""The industry section (门类) of an enterprise: "中小工业企业" is sections B, C and D.

The core vocabulary holds the industry code (C3670, 3670, C36); the 2021 认定
notice admits industrial SMEs, so it needs the section letter. The metric reads it
with srdi's GB/T 4754-2017 table; a profile may also give ``jilin.industry_section``.
"""

from __future__ import annotations

import numpy as np

from srdi.engine.columns import Columns
from srdi.engine.metrics import Metric
from srdi.engine.size_class import parse_industry

KEY = "jilin.industry_section"


def _compute(cols: Columns, year: int | None) -> np.ndarray:
    codes = cols.metric("industry_code", None)
    found: dict[str, str | None] = {}
    out = np.full(cols.n, None, dtype=object)
    for i, code in enumerate(codes):
        if isinstance(code, str):
            if code not in found:
                found[code] = parse_industry(code)[0]
            out[i] = found[code]
    return out


def industry_section() -> Metric:
    """The metric ``jilin.industry_section`` (a section letter, None when the code is missing or unreadable)."""
    return Metric(
        KEY,
        "所属国民经济行业门类（GB/T 4754-2017）",
        _compute,
        yearly=False,
        unit=None,
        inputs=("industry_code",),
        categorical=True,
        origin="srdi-jilin",
        description="Section letter of industry_code under GB/T 4754-2017.",
    )
