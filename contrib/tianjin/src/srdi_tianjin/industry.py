"""The industry section (门类) of an enterprise: "制造业、信息传输、软件和信息技术服务业…的中小企业".

The core vocabulary holds the industry code (C3484, 3484, C34); a notice that
admits whole sections needs the section letter. The metric reads it with srdi's
GB/T 4754-2017 table; a profile may also give ``tianjin.industry_section`` itself.
"""

from __future__ import annotations

import numpy as np

from srdi.engine.columns import Columns
from srdi.engine.metrics import Metric
from srdi.engine.size_class import parse_industry

KEY = "tianjin.industry_section"


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
    """The metric ``tianjin.industry_section`` (a section letter, None when the code is missing or unreadable)."""
    return Metric(
        KEY,
        "所属国民经济行业门类（GB/T 4754-2017）",
        _compute,
        yearly=False,
        unit=None,
        inputs=("industry_code",),
        categorical=True,
        origin="srdi-tianjin",
        description="Section letter of industry_code under GB/T 4754-2017.",
    )
