"""A screen's gaps as whole columns: each criterion's rows, shortfall or excess, and text, whatever the slicing."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

import srdi
from srdi.batch import screen

CATALOG = srdi.load([])
PROGRAM = "national.little-giant-3rd-batch"
ON = dt.date(2021, 4, 30)
# 工信厅企业函〔2021〕79号 三（二）1 "企业资产负债率不高于 70%": 2020 资产总额 10000万元 and 负债 7000, 7100 … 7800万元
# give 70%, 71% … 78%. Exactly 70% is not above the ceiling: no gap. At 资产总额 10000万元 the ceiling allows 负债
# 7000万元, so the others are 100 … 800万元 of 负债 over it: the gap is stated as the figure to change.
LIABILITIES = [7000.0 + 100 * k for k in range(9)]


@pytest.mark.parametrize(("chunk_rows", "workers"), [(None, 1), (2, 2), (4, 1)])
def test_each_row_over_the_ceiling_states_its_excess_liabilities(debt_table, chunk_rows, workers):
    result = screen(CATALOG, debt_table(LIABILITIES), [PROGRAM], ON, chunk_rows=chunk_rows, workers=workers)
    pc = result.programs[PROGRAM]
    debt = pc.gap_columns["debt-ratio"]
    assert debt.rows.tolist() == list(range(1, 9))
    np.testing.assert_allclose(debt.value, 100.0 * np.arange(1, 9))
    assert set(debt.unit.tolist()) == {"万元"}
    assert "debt-ratio" in pc.gap_columns and len(pc.gap_columns) == len(list(pc.gap_columns))
    # every row's text in the output names its own excess
    gaps = result.frame["gaps"]
    assert gaps.isna().iloc[0]
    for k in range(1, 9):
        assert f"超出上限（70%）{100 * k}万元" in gaps.iloc[k]


def test_a_criterion_that_states_no_gap_has_no_columns(debt_table):
    pc = screen(CATALOG, debt_table(LIABILITIES), [PROGRAM], ON, chunk_rows=2, workers=2).programs[PROGRAM]
    # 三（二）2 "从事特定细分市场时间达到 3年及以上": the firm read from the profile meets it, so no row states a gap
    assert "niche-years" not in pc.gap_columns
    with pytest.raises(KeyError):
        pc.gap_columns["niche-years"]
