"""Condition types on hand-made frames: each expected outcome is worked out in a comment."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from srdi.engine.columns import Columns
from srdi.engine.conditions import BuildContext, Env
from srdi.engine.outcomes import MET, NOT_MET, REVIEW, UNKNOWN
from srdi.programs import Criterion, Origin

ORIGIN = Origin("test", "test", "test", "一", "…")
ON = dt.date(2022, 3, 1)


def run(cat, ctype, args, rows, year=2021, on=ON):
    """Outcome codes of one criterion over ``rows``."""
    from srdi._convert import converter

    kind = cat.condition_types[ctype]
    crit = Criterion("c", "c", ctype, args, ORIGIN)
    ev = kind.build(converter.structure(args, kind.args), BuildContext(cat.metrics, cat.titles, crit))
    res = ev(Columns(pd.DataFrame(rows), cat.metrics, year), Env(on, year, cat.titles))
    return res.outcome.tolist(), res


def test_compare_boundaries_are_inclusive_where_the_text_says_及以上(baseline):
    # 营业收入达到2000万元及以上: exactly 2000 meets it, 1999.99 does not, no figure is unknown
    out, _ = run(
        baseline,
        "compare",
        {"metric": "revenue", "op": ">=", "value": 2000},
        [{"revenue_2021": 2000}, {"revenue_2021": 1999.99}, {"revenue_2020": 5000}],
    )
    assert out == [MET, NOT_MET, UNKNOWN]


def test_range_includes_the_lower_and_excludes_the_upper_bound(baseline):
    # 5000万元（含）—1亿元（不含）
    out, _ = run(
        baseline,
        "compare",
        {"metric": "revenue", "op": "range", "value": 5000, "upper": 10000},
        [{"revenue_2020": 5000}, {"revenue_2020": 9999.9}, {"revenue_2020": 10000}],
        year=2020,
    )
    assert out == [MET, MET, NOT_MET]


def test_two_year_ratio_each_versus_aggregate(baseline):
    # R&D 4.0% in 2020 (40/1000) and 3.99% in 2021 (39.9/1000):
    #   each year ≥ 4%: 2021 fails → not met
    #   aggregate: 79.9 / 2000 = 3.995% < 4% → not met
    # R&D 5% then 3.5%: each fails (2021); aggregate 85/2000 = 4.25% → met
    rows = [
        {"rd_expense_2020": 40, "revenue_2020": 1000, "rd_expense_2021": 39.9, "revenue_2021": 1000},
        {"rd_expense_2020": 50, "revenue_2020": 1000, "rd_expense_2021": 35, "revenue_2021": 1000},
    ]
    each, _ = run(baseline, "compare", {"metric": "rd_ratio", "op": ">=", "value": 4, "years": 2}, rows)
    agg, res = run(
        baseline, "compare", {"metric": "rd_ratio", "op": ">=", "value": 4, "years": 2, "combine": "aggregate"}, rows
    )
    assert each == [NOT_MET, NOT_MET]
    assert agg == [NOT_MET, MET]
    # the gap is stated in R&D money: 4% × 2000 − 79.9 = 0.1万元
    assert res.explain(0).gap == "研发经费支出（近2年合计）距4%还差0.1万元"


def test_a_given_ratio_wins_over_the_computed_one_and_fills_gaps(baseline):
    # 2021 gives 资产负债率 = 65 directly; 2020 gives the raw figures 7200 / 10000 = 72%
    out, _ = run(
        baseline,
        "compare",
        {"metric": "debt_ratio", "op": "<=", "value": 70, "years": 2},
        [{"debt_ratio_2021": 65, "total_liabilities_2020": 7200, "total_assets_2020": 10000}],
    )
    assert out == [NOT_MET]


def test_mean_growth_needs_the_year_before(baseline):
    # 主营业务收入 1000 → 1100 → 1144: growth 10% and 4%, mean 7% ≥ 5 → met
    # without 2019 the 2020 growth is unknown → the mean is unknown
    row = {"main_business_revenue_2019": 1000, "main_business_revenue_2020": 1100, "main_business_revenue_2021": 1144}
    args = {"metric": "main_business_growth", "op": ">=", "value": 5, "years": 2, "combine": "mean"}
    out, _ = run(baseline, "compare", args, [row, {k: v for k, v in row.items() if "2019" not in k}])
    assert out == [MET, UNKNOWN]


def test_a_partial_sum_can_decide(baseline):
    # 发明专利（含集成电路布图设计专有权）≥ 2: 3 patents decide without the IC count;
    # 1 patent and no IC count could still reach 2 → unknown; 1 + 0 → not met
    out, _ = run(
        baseline,
        "compare",
        {"sum": ["invention_patents", "ic_layout_designs"], "op": ">=", "value": 2},
        [{"invention_patents": 3}, {"invention_patents": 1}, {"invention_patents": 1, "ic_layout_designs": 0}],
    )
    assert out == [MET, UNKNOWN, NOT_MET]


def test_a_sum_adds_parts_given_in_full_and_leaves_the_frames_figures_as_they_were(baseline):
    # 实用新型专利、外观设计专利、软件著作权等至少3项（含）(辽工信改革〔2022〕9号 二（三）2（4）), as a sum ≥ 3:
    # 2 + 1 + 0 = 3 → met (含: exactly 3 counts); 1 + 1 + 0 = 2 → not met; 2 + 0 + no software count → 2 could
    # still reach 3 → unknown; 3 + 0 + no software count → 3 already → met.
    # The utility and design columns have nothing missing (each added as it is, without a mask); the first of them
    # is where the sum starts, and must read after the evaluation as it did before.
    frame = pd.DataFrame(
        {
            "utility_patents": [2.0, 1.0, 2.0, 3.0],
            "design_patents": [1.0, 1.0, 0.0, 0.0],
            "software_copyrights": [0.0, 0.0, np.nan, np.nan],
        }
    )
    before = frame.copy()
    kind = baseline.condition_types["compare"]
    from srdi._convert import converter

    args = {"sum": ["utility_patents", "design_patents", "software_copyrights"], "op": ">=", "value": 3}
    crit = Criterion("c", "c", "compare", args, ORIGIN)
    ev = kind.build(converter.structure(args, kind.args), BuildContext(baseline.metrics, baseline.titles, crit))
    res = ev(Columns(frame, baseline.metrics, 2021), Env(ON, 2021, baseline.titles))
    assert res.outcome.tolist() == [MET, NOT_MET, UNKNOWN, MET]
    pd.testing.assert_frame_equal(frame, before)


def test_unit_mismatch_is_refused(baseline):
    with pytest.raises(ValueError, match="与 'revenue' 不符"):
        run(baseline, "compare", {"metric": "revenue", "op": ">=", "value": 1, "unit": "亿元"}, [{}])


def test_years_since_counts_full_years(baseline):
    # 连续经营3年以上 on 2022-03-01: registered 2019-03-01 → exactly 3 full years → met;
    # 2019-03-02 → 2 full years → not met
    out, res = run(
        baseline,
        "years_since",
        {"op": ">=", "value": 3},
        [{"registered_on": "2019-03-01"}, {"registered_on": "2019-03-02"}, {}],
    )
    assert out == [MET, NOT_MET, UNKNOWN]
    assert res.explain(1).gap == "于2022-03-02满3年"


def years_since_on(cat, args, starts, on):
    """A years_since criterion over registration days given as datetime64[D] (years 1–9999, whatever pandas holds)."""
    from srdi._convert import converter

    kind = cat.condition_types["years_since"]
    crit = Criterion("c", "c", "years_since", args, ORIGIN)
    ev = kind.build(converter.structure(args, kind.args), BuildContext(cat.metrics, cat.titles, crit))
    frame = {"registered_on": np.array(starts, dtype="datetime64[D]")}
    res = ev(Columns(frame, cat.metrics, on.year - 1), Env(on, on.year - 1, cat.titles))
    return res.outcome.tolist(), res


def test_years_since_at_the_calendars_edges_decides_without_crashing(baseline):
    # 3 full years on 0002-06-30: three years back is before year 1, so no start can have them. A firm
    # registered 0001-01-01 has 1 full year → not met (``srdi batch --on 0001-01-01`` was a ValueError).
    on = dt.date(2, 6, 30)
    out, _ = years_since_on(baseline, {"op": ">=", "value": 3}, ["0001-01-01", "NaT"], on)
    assert out == [NOT_MET, UNKNOWN]
    # "fewer than 3 years" on the same day: every start is later than three years back → met
    assert years_since_on(baseline, {"op": "<", "value": 3}, ["0001-01-01"], on)[0] == [MET]
    # on 9999-12-31 a firm registered 9998-01-01 has 1 full year → not met; the day it reaches 3 (10001) cannot
    # be named, so it states no gap rather than failing
    out, res = years_since_on(baseline, {"op": ">=", "value": 3}, ["9998-01-01"], dt.date(9999, 12, 31))
    assert out == [NOT_MET] and res.explain(0).gap is None
    assert len(res.gaps(np.array([0])).text.rows) == 0


def test_flag_and_attest(baseline):
    out, _ = run(baseline, "flag", {"fact": "own_brand"}, [{"own_brand": 1.0}, {"own_brand": 0.0}, {}])
    assert out == [MET, NOT_MET, UNKNOWN]
    out, _ = run(
        baseline,
        "attest",
        {"key": "quality_leading"},
        [{"attest.quality_leading": 1.0}, {"attest.quality_leading": 0.0}, {}],
    )
    assert out == [MET, NOT_MET, REVIEW]  # unanswered: a person judges


def test_choice_single_and_multiple(baseline):
    out, _ = run(
        baseline,
        "choice",
        {"fact": "listing_board", "none_of": ["sse_main", "sse_star"]},
        [{"listing_board": "none"}, {"listing_board": "sse_star"}, {}],
    )
    assert out == [MET, NOT_MET, UNKNOWN]
    cols = {f"management_certs.{c}": 0.0 for c in ("iso9001", "iso14001", "ohsas18001", "other")}
    out, _ = run(
        baseline,
        "choice",
        {"fact": "management_certs", "any_of": ["iso9001", "iso14001"], "at_least": 2},
        [
            {**cols, "management_certs.iso9001": 1.0, "management_certs.iso14001": 1.0},
            {**cols, "management_certs.iso9001": 1.0},
            {},
        ],
    )
    assert out == [MET, NOT_MET, UNKNOWN]


def test_region_matches_any_level(baseline):
    # 210100 (沈阳) is inside 210000 (辽宁); 110108 (海淀) is not
    out, _ = run(
        baseline,
        "region",
        {"codes": ["210000"]},
        [{"credit_code": "91210100MA0YK3N252"}, {"region_code": "110108"}, {}],
    )
    assert out == [MET, NOT_MET, UNKNOWN]


def test_recognition_validity(baseline):
    # 第三批小巨人: 有效期为3年 from the grant date. Granted 2021-07-01 → in force to 2024-06-30.
    # Only the year 2021 known: certainly in force before 2024-01-01, certainly not after
    # 2024-12-31, and in 2024 it depends on the day → unknown.
    rows = [
        {
            "recognitions_declared": 1.0,
            "rec.national.little_giant.granted_on": "2021-07-01",
            "rec.national.little_giant.year": 2021,
        },
        {"recognitions_declared": 1.0, "rec.national.little_giant.year": 2021},
        {"recognitions_declared": 1.0},
        {},
    ]
    args = {"titles": ["national.little_giant"]}
    assert run(baseline, "recognition", args, rows, on=dt.date(2024, 6, 30))[0] == [MET, UNKNOWN, NOT_MET, UNKNOWN]
    assert run(baseline, "recognition", args, rows, on=dt.date(2024, 7, 1))[0] == [NOT_MET, UNKNOWN, NOT_MET, UNKNOWN]
    assert run(baseline, "recognition", args, rows, on=dt.date(2023, 12, 31))[0] == [MET, MET, NOT_MET, UNKNOWN]
    assert run(baseline, "recognition", args, rows, on=dt.date(2025, 1, 1))[0] == [NOT_MET, NOT_MET, NOT_MET, UNKNOWN]


def test_vectorised_and_single_paths_agree(baseline):
    rows = [{"revenue_2021": float(x)} if x is not None else {} for x in (1999, 2000, None, 2500)]
    together, _ = run(baseline, "compare", {"metric": "revenue", "op": ">=", "value": 2000}, rows)
    alone = [run(baseline, "compare", {"metric": "revenue", "op": ">=", "value": 2000}, [r])[0][0] for r in rows]
    assert together == alone == [NOT_MET, MET, UNKNOWN, MET]
    assert np.int8 == np.asarray(together, dtype=np.int8).dtype


def test_a_missing_date_column_is_not_a_time_with_a_generic_unit(baseline):
    # A date column the frame lacks is NaT for every row, in days: NumPy 2.5 deprecates
    # the unit-less NaT, and a recognition's validity is computed from these columns.
    import warnings

    import numpy as np

    cols = Columns(pd.DataFrame([{}, {}]), baseline.metrics, 2021)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = cols.date("registered_on")
        assert out.dtype == np.dtype("datetime64[D]")
        assert np.isnat(out).all()


def test_industry_section_is_read_from_the_code(baseline):
    # GB/T 4754-2017: C3484 and 3484 are in 制造业 (C, divisions 13–43); 6513 in section I
    # (divisions 63–65); an unreadable code leaves the section unknown
    out, _ = run(
        baseline,
        "choice",
        {"fact": "industry_section", "any_of": ["B", "C", "D"]},
        [
            {"industry_code": "C3484"},
            {"industry_code": "3484"},
            {"industry_code": "6513"},
            {"industry_code": "not a code"},
            {"industry_code": "I6513", "industry_section": "C"},
        ],
    )
    assert out == [MET, MET, NOT_MET, UNKNOWN, MET]  # a given section wins over the code


def test_a_shortfall_never_reads_as_zero(baseline):
    # 主营业务收入 10000 → 10299.97: growth 2.9997% against "不低于3%": not met, 0.0003
    # percentage points short. Rounded to two decimals that would read "+0%"; it keeps the
    # digits that show the shortfall.
    out, res = run(
        baseline,
        "compare",
        {"metric": "main_business_growth", "op": ">=", "value": 3},
        [{"main_business_revenue_2020": 10000, "main_business_revenue_2021": 10299.97}],
    )
    assert out == [NOT_MET]
    assert res.explain(0).gap == "主营业务收入增长率距3%还差0.0003%"
    gaps = res.gaps(np.array([0]))
    assert gaps.text.to_list() == ["主营业务收入增长率距3%还差0.0003%"]


def test_how_years_combine_is_one_list_of_readings():
    # programs.COMBINE (what `<criterion>.combine` accepts) and the compare type's own
    # choices are the same list
    import typing

    from srdi.engine.compare import CompareArgs
    from srdi.programs import COMBINE

    assert typing.get_args(typing.get_type_hints(CompareArgs)["combine"]) == COMBINE


def test_a_tenure_in_years_is_no_reading_of_how_years_combine():
    # 桂工信园区〔2021〕106号 一（三）"已认定为自治区企业技术中心2年以上": a tenure's ``years`` is how
    # long a title has been held, not 近2年 of figures, so there is nothing to combine; a
    # comparison over 近2年 (辽工信改革〔2022〕9号 "近2年主营业务收入平均增长") is such a reading.
    from srdi.programs import over_years

    tenure = Criterion("tech-center", "c", "tenure", {"titles": ["x.centre"], "years": 2}, ORIGIN)
    growth = Criterion("g-growth", "c", "compare", {"metric": "main_business_growth", "years": 2}, ORIGIN)
    one_year = Criterion("rd", "c", "compare", {"metric": "rd_ratio", "years": 1}, ORIGIN)
    assert not over_years(tenure)
    assert over_years(growth)
    assert not over_years(one_year)


def test_a_plugin_type_refusing_an_argument_is_reported_at_that_argument(baseline):
    # A plugin's condition type raises ArgumentValueError, imported from where plugins import the contract
    # (srdi.engine.conditions), naming the argument it refuses: the problem is placed at that argument's key,
    # so at its line of the notice, as for srdi's own types. Here the national baseline's first compare
    # criterion is compiled with a "compare" type whose build refuses its ``value``.
    from attrs import evolve

    from srdi.engine.compiled import CompiledProgram
    from srdi.engine.conditions import ArgumentValueError
    from srdi.errors import NoticeError

    prog = next(p for p in baseline.programs() if any(c.type == "compare" for c in p.criteria.values()))
    cid = next(k for k, c in prog.criteria.items() if c.type == "compare")

    def refuse(args, ctx):
        raise ArgumentValueError("不在通知所列范围内", "value")

    types = dict(baseline.condition_types, compare=evolve(baseline.condition_types["compare"], build=refuse))
    with pytest.raises(NoticeError) as err:
        CompiledProgram(prog, types, baseline.metrics, baseline.titles)
    keys = {p.key for p in err.value.problems}
    assert f"programs[{prog.id}].criteria[{cid}].value" in keys
