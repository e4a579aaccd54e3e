"""Relative benchmarks: a figure of the enterprise against a published reference figure.

厦门 2021 (core/tests/data/shapes, xiamen-2021-srdi.toml) 一（二）:
  "1.2020年营业收入增长率不低于 8.55%；（上一年度营业收入增长率不低于同年度厦门市 GDP 增速的
  1.5倍；即 5.7%*1.5=8.55%）
   2.2019、2020年营业收入平均增长率不低于 10.2%。（…即（7.9%+5.7%）/2*1.5=10.2%）
   *…2019年厦门市 GDP增速为 7.9%，2020年为 5.7%"
The plugin ships the two GDP figures the notice prints.

江西 赣工信企业字〔2020〕400号 第五条: "上年营业收入或利润总额增长率高于同期全省规上工业企业
平均水平": the notice prints no average, the plugin ships none, the user supplies it.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from srdi.benchmarks import parse_assignment, supply
from srdi.errors import UnknownNameError
from srdi.i18n import speaking

XIAMEN = "shapes.xiamen-srdi-2021"
JIANGXI = "shapes.jiangxi-specialised-little-giant"
ON = dt.date(2021, 9, 20)


def xiamen(cat, r2018: float, r2019: float, r2020: float, **extra):
    return cat.load_profile_data(
        {
            "enterprise": {"region_code": "350206"},
            "years": {"2018": {"revenue": r2018}, "2019": {"revenue": r2019}, "2020": {"revenue": r2020}},
            **extra,
        }
    )


def test_growth_exactly_one_and_a_half_times_gdp_growth_meets_it(shapes):
    # 1194.05 / 1100 − 1 = 8.55% against 1.5 × 5.7% (2020, shipped) = 8.55%: "不低于" includes it
    result = shapes.evaluate(xiamen(shapes, 1000, 1100, 1194.05), XIAMEN, ON)
    c = result.criterion("growth-2020")
    assert c.outcome.value == "met"
    assert c.threshold == "≥ 1.5 × 厦门市GDP增速 = 8.55%"
    assert c.values["厦门市GDP增速（2020）"] == 5.7
    assert c.values["厦门市GDP增速（2020）来源"].endswith("一（二）注")  # the notice clause that prints it


def test_growth_a_hair_below_is_not_met_and_the_gap_is_not_rounded_away(shapes):
    # 1194 / 1100 − 1 = 8.5455% < 8.55%: short by 0.0045 percentage points. The two-year path:
    # (10% + 8.5455%) / 2 = 9.27% < (7.9% + 5.7%) / 2 × 1.5 = 10.2% → also not met → 一（二）not met
    result = shapes.evaluate(xiamen(shapes, 1000, 1100, 1194), XIAMEN, ON)
    c = result.criterion("growth-2020")
    assert c.outcome.value == "not_met"
    assert c.gap == "营业收入增长率距8.55%还差0.0045%"
    two = result.criterion("growth-2y")
    assert two.outcome.value == "not_met"
    assert two.threshold == "≥ 1.5 × 厦门市GDP增速（2019—2020年平均） = 10.2%"
    assert two.values["营业收入增长率（2019—2020年平均）"] == pytest.approx(9.2727, abs=1e-4)
    assert result.group("growth").outcome.value == "not_met"


def test_the_two_year_mean_exactly_at_10_2_percent_meets_it(shapes):
    # 2019: 1100 / 1000 − 1 = 10%; 2020: 1214.4 / 1100 − 1 = 10.4%; mean 10.2% = (7.9 + 5.7) / 2 × 1.5
    result = shapes.evaluate(xiamen(shapes, 1000, 1100, 1214.4), XIAMEN, ON)
    assert result.criterion("growth-2y").outcome.value == "met"
    assert result.group("growth").outcome.value == "met"


def test_a_figure_the_user_supplies_replaces_the_shipped_one_and_says_so(shapes):
    # the user gives 2020's GDP growth as 6.0 (a revised bulletin): 1.5 × 6.0 = 9% > 8.55% → not met
    profile = xiamen(shapes, 1000, 1100, 1194.05, benchmarks={"shapes.xiamen_gdp_growth": {"2020": 6.0}})
    c = shapes.evaluate(profile, XIAMEN, ON).criterion("growth-2020")
    assert c.outcome.value == "not_met"
    assert c.threshold == "≥ 1.5 × 厦门市GDP增速 = 9%"
    assert c.values["厦门市GDP增速（2020）来源"] == "用户提供"


def jiangxi(cat, **extra):
    # 营业收入 2019 1000 → 2020 1100: growth 10%; 利润总额 not given
    return cat.load_profile_data(
        {
            "enterprise": {"region_code": "360100"},
            "years": {"2019": {"revenue": 1000}, "2020": {"revenue": 1100}},
            **extra,
        }
    )


def test_a_reference_figure_nobody_gave_leaves_the_criterion_unknown_and_names_it(shapes):
    # 第五条 on 2021-03-01 (上年度 2020): the 规上 average of 2020 is neither shipped nor supplied
    result = shapes.evaluate(jiangxi(shapes), JIANGXI, dt.date(2021, 3, 1))
    c = result.criterion("revenue-growth")
    assert c.outcome.value == "unknown"
    assert c.note == (
        "缺少参照数据：全省规上工业企业营业收入平均增长率（2020年）未随插件提供；"
        "请在企业信息的 [benchmarks] 中给出，或用 --benchmark shapes.jiangxi_industrial_revenue_growth:2020=…"
    )
    assert result.verdict.value == "incomplete"  # never "ineligible" for a missing figure


def test_higher_than_excludes_equality(shapes):
    # "高于": 10% against a supplied average of exactly 10% → not met; the profit path is unknown
    # (利润总额 missing) → the any-of stays unknown; at 9.9% the revenue path is met
    figures = {"shapes.jiangxi_industrial_revenue_growth": {"2020": 10.0}}
    result = shapes.evaluate(jiangxi(shapes, benchmarks=figures), JIANGXI, dt.date(2021, 3, 1))
    assert result.criterion("revenue-growth").outcome.value == "not_met"
    assert result.group("growth").outcome.value == "unknown"
    figures = {"shapes.jiangxi_industrial_revenue_growth": {"2020": 9.9}}
    result = shapes.evaluate(jiangxi(shapes, benchmarks=figures), JIANGXI, dt.date(2021, 3, 1))
    assert result.criterion("revenue-growth").outcome.value == "met"
    assert result.verdict.value == "eligible"  # 1100 ≥ 500 as well


def test_supplying_figures_to_a_whole_table(shapes):
    # the batch path: every row gets the average; the row's own growth decides
    frame = shapes.frame(
        [jiangxi(shapes), attrs.evolve(jiangxi(shapes), years={2019: {"revenue": 1000.0}, 2020: {"revenue": 1050.0}})]
    )
    frame = supply(frame, {"shapes.jiangxi_industrial_revenue_growth": {2020: 9.9}})
    run = shapes.run(JIANGXI, frame, dt.date(2021, 3, 1))
    # 10% > 9.9 → met; 5% ≤ 9.9 → not met (and profit unknown → unknown)
    assert list(run.outcome_frame()["revenue-growth"]) == ["met", "not_met"]


def test_the_command_line_form_of_a_figure():
    assert parse_assignment("shapes.jiangxi_industrial_revenue_growth:2020=9.9") == (
        "shapes.jiangxi_industrial_revenue_growth",
        2020,
        9.9,
    )
    with pytest.raises(UnknownNameError, match="应写为 ID:年份=数值"):
        parse_assignment("shapes.jiangxi_industrial_revenue_growth=9.9")


def test_a_profile_figure_must_be_a_number_for_a_four_digit_year(shapes):
    from srdi.errors import ProfileError

    with pytest.raises(ProfileError) as err:
        jiangxi(shapes, benchmarks={"shapes.jiangxi_industrial_revenue_growth": {"20": 9.9, "2020": "high"}})
    assert sorted(p.key for p in err.value.problems) == [
        "benchmarks.shapes.jiangxi_industrial_revenue_growth.20",
        "benchmarks.shapes.jiangxi_industrial_revenue_growth.2020",
    ]


def test_an_unknown_benchmark_is_refused_when_the_program_compiles(shapes):
    prog = shapes.program(JIANGXI)
    crit = prog.criteria["revenue-growth"]
    bad = attrs.evolve(
        prog,
        criteria={
            **prog.criteria,
            "revenue-growth": attrs.evolve(crit, args={**crit.args, "benchmark": "shapes.jiangxi_gdp"}),
        },
    )
    with pytest.raises(Exception, match=r"未知的参照数据 'shapes\.jiangxi_gdp'"):
        shapes.compiled(attrs.evolve(bad, overridden=("x",)))


def test_a_benchmark_is_told_in_english(shapes):
    # 厦门 2021 一（二）2 "2019、2020年营业收入平均增长率不低于…GDP平均增速的1.5倍": (7.9% + 5.7%) / 2 × 1.5
    # = 10.2%, the GDP figures of both years shipped with the notice
    with speaking("en"):
        result = shapes.evaluate(xiamen(shapes, 1000, 1100, 1194), XIAMEN, ON)
        assert result.criterion("growth-2y").threshold == "≥ 1.5 × 厦门市GDP增速 (2019–2020 mean) = 10.2%"
        # 一（二）1 with 2020's GDP growth supplied as 6.0: the source names the user
        supplied = xiamen(shapes, 1000, 1100, 1194.05, benchmarks={"shapes.xiamen_gdp_growth": {"2020": 6.0}})
        c = shapes.evaluate(supplied, XIAMEN, ON).criterion("growth-2020")
        assert c.values["厦门市GDP增速（2020）来源"] == "supplied by the user"
        # 江西 第五条 on 2021-03-01 (上年度 2020): the 规上 average of 2020 is neither shipped nor given
        note = shapes.evaluate(jiangxi(shapes), JIANGXI, dt.date(2021, 3, 1)).criterion("revenue-growth").note
    assert note == (
        "reference figures missing: 全省规上工业企业营业收入平均增长率 (2020) do not ship with the plugin; "
        "give them in the profile's [benchmarks] or with --benchmark shapes.jiangxi_industrial_revenue_growth:2020=…"
    )
    result = shapes.evaluate(xiamen(shapes, 1000, 1100, 1194), XIAMEN, ON)
    assert result.criterion("growth-2y").threshold == "≥ 1.5 × 厦门市GDP增速（2019—2020年平均） = 10.2%"
