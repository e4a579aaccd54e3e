"""A ratio exactly at a threshold meets it, even when binary arithmetic lands a hair off."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from srdi._convert import converter
from srdi.engine.columns import Columns
from srdi.engine.conditions import BuildContext, Env
from srdi.engine.outcomes import MET, NOT_MET
from srdi.programs import Criterion, Origin

ORIGIN = Origin("test", "test", "test", "一", "…")


def outcomes(cat, args, rows, year=2021):
    kind = cat.condition_types["compare"]
    crit = Criterion("c", "c", "compare", args, ORIGIN)
    ev = kind.build(converter.structure(args, kind.args), BuildContext(cat.metrics, cat.titles, crit))
    return ev(
        Columns(pd.DataFrame(rows), cat.metrics, year), Env(dt.date(2022, 3, 1), year, cat.titles)
    ).outcome.tolist()


def test_rd_ratio_exactly_one_percent_in_decimal_figures(baseline):
    # 研发 135.23万元 of 营业收入 13523万元 is exactly 1% ("达到1%及以上": met), though
    # 135.23 / 13523 × 100 is 0.9999999999999999 in binary floating point.
    # 135.22万元 is 0.99993% and does not reach it.
    assert 135.23 / 13523 * 100 < 1  # the arithmetic this test guards against
    out = outcomes(
        baseline,
        {"metric": "rd_ratio", "op": ">=", "value": 1},
        [{"rd_expense_2021": 135.23, "revenue_2021": 13523}, {"rd_expense_2021": 135.22, "revenue_2021": 13523}],
    )
    assert out == [MET, NOT_MET]


def test_debt_ratio_exactly_eighty_percent_in_decimal_figures(baseline):
    # 负债 72724.32万元 of 资产 90905.4万元 is exactly 80% ("不高于80%": met), though the
    # quotient is 80.00000000000001 in binary; 72724.4万元 is 80.00009% and is over.
    assert 72724.32 / 90905.4 * 100 > 80
    out = outcomes(
        baseline,
        {"metric": "debt_ratio", "op": "<=", "value": 80},
        [
            {"total_liabilities_2021": 72724.32, "total_assets_2021": 90905.4},
            {"total_liabilities_2021": 72724.4, "total_assets_2021": 90905.4},
        ],
    )
    assert out == [MET, NOT_MET]


def test_strict_bounds_stay_strict(baseline):
    # "超过2%": exactly 2% (20/1000) is not over it; "不足5000万元": exactly 5000 is not under it
    assert outcomes(
        baseline, {"metric": "rd_ratio", "op": ">", "value": 2}, [{"rd_expense_2021": 20, "revenue_2021": 1000}]
    ) == [NOT_MET]
    assert outcomes(baseline, {"metric": "revenue", "op": "<", "value": 5000}, [{"revenue_2021": 5000}]) == [NOT_MET]
