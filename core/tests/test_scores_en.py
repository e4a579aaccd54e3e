"""Points tables, benchmarks, comparisons over years and the figures they name, told in English.

Each text comes from the message catalogue: English is one switch away, and Chinese, the
default, reads as it always has. The figures' own names (metrics, items, years) are the
vocabulary's and the notice's, so they stay Chinese in English sentences.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

from srdi import i18n
from srdi.cli.main import main
from srdi.testing.strategies import credit_code

EXAMPLES = Path(__file__).parent.parent / "examples"
KLG = "national.key-little-giant-2021"
KLG_ON = dt.date(2021, 3, 15)  # first batch of 财建〔2021〕2号: 上年 = 2020, 近2年 = 2019 and 2020
CHAMPION = "shapes.zhejiang-hidden-champion-2021"
CHAMPION_ON = dt.date(2021, 11, 1)  # 上年度 2020
XIAMEN = "shapes.xiamen-srdi-2021"
XIAMEN_ON = dt.date(2021, 9, 20)
JIANGXI = "shapes.jiangxi-specialised-little-giant"
#: The assessors' scores of the 浙江 candidate (test_shape_points.py).
SCORES = {
    "zhejiang_niche_rank": 14,
    "zhejiang_originality": 4,
    "zhejiang_patents": 7,
    "zhejiang_performance": 3,
    "zhejiang_craft": 8,
    "zhejiang_equipment": 4,
    "zhejiang_management": 4,
    "zhejiang_international": 2,
}


@pytest.fixture(autouse=True)
def chinese_unless_chosen(monkeypatch):
    monkeypatch.delenv(i18n.ENV, raising=False)
    monkeypatch.setenv("COLUMNS", "400")  # one line per message: nothing wrapped


# --------------------------------------------------------------------------- points and figures
def candidate(cat, scores=None):
    """The 浙江 candidate of test_shape_points.py, its derivation there."""
    enterprise = {
        "name": "浙企001",
        "credit_code": credit_code("330100", 1),
        "registered_on": "2008-05-01",
        "standards_led_international": 1,
        "standards_joined_international": 0,
        "standards_led_national": 0,
        "standards_led_industry": 0,
        "standards_joined_national": 2,
        "standards_joined_industry": 0,
        "rd_institutions_provincial": 1,
    }
    return cat.load_profile_data(
        {
            "enterprise": enterprise,
            "years": {"2019": {"revenue": 10000, "rd_expense": 450}, "2020": {"revenue": 12000, "rd_expense": 600}},
            "recognitions": [{"title": "shapes.zhejiang_cultivation_pool", "year": 2019}],
            "attestations": {"zhejiang_first_national": False, "zhejiang_first_provincial": True},
            "scores": SCORES if scores is None else scores,
        }
    )


def with_pass_mark(cat, mark: float):
    """The 浙江 table with a pass mark (it has none; the shape allows one)."""
    prog = cat.program(CHAMPION)
    crit = prog.criteria["evaluation"]
    return attrs.evolve(
        prog,
        criteria={**prog.criteria, "evaluation": attrs.evolve(crit, args={**crit.args, "pass_mark": mark})},
        overridden=("evaluation.pass_mark",),
    )


# 浙经信企业〔2021〕165号 附件5 (shapes zjjxqy-2021-165.toml), the candidate of test_shape_points.py on
# 2021-11-01 (上年度 2020): sections 20 + 35 + 15 + 20 + 10 + 10 = 110 points, no pass mark.
R_AND_D = "研发投入：近2年研发经费占营业收入平均比重（2+N分）"
FOUNDED = "企业成立时间（1+0.2*N分）"
STANDARDS = "主导与参与产品标准制定（2项取最高分）"


def test_a_points_table_and_its_figures_are_scored_in_english(shapes):
    with i18n.speaking("en"):
        c = shapes.evaluate(candidate(shapes), CHAMPION, CHAMPION_ON).criterion("evaluation")
    # 附件5 sets no pass mark: the score only ranks (四（二）), out of the 110 points of its sections
    assert c.threshold == "out of 110 points, no pass mark: the score ranks candidates"
    # 产品创新性: 原创性 5 + 专利 7 + 性能 3 + 标准 8 = 23, within its cap of 35
    assert c.values["产品创新性"] == "23 points (cap 35 points)"
    # "2+N分（N%为R&D占比）": N = (450/10000 + 600/12000) / 2 = (4.5% + 5%) / 2 = 4.75 over 2019 and 2020
    # (combine = "mean"), 2 + 4.75 = 6.75 within 5–10
    assert c.values[R_AND_D] == "6.75 points (2 + N = 6.75; N=4.75 (研发经费占营业收入比重 (2019–2020 mean)))"
    # "1+0.2*N（N为成立年限）": registered 2008-05-01, 13 full years by 2021-11-01 → 1 + 2.6 = 3.6 ≤ 7
    # (注册时间 is the vocabulary's name of registered_on)
    assert c.values[FOUNDED] == "3.6 points (1 + 0.2 * N = 3.6; N=13 (full years from 注册时间 to the evaluation date))"
    # "2项取最高分": 主导国际 1 → 7 + 1 = 8; no international standard joined → its 5+N line does not apply
    standards = c.values[STANDARDS]
    assert standards.startswith("8 points (best of: 主导国际标准制定：7+N分: 8 points (7 + N = 8; N=1 (")
    assert "; 参与国际标准制定：5+N分: 0 points (does not apply); " in standards
    # Chinese, the default: the same figures in the notice's words
    c = shapes.evaluate(candidate(shapes), CHAMPION, CHAMPION_ON).criterion("evaluation")
    assert c.threshold == "满分110分，不设合格分：得分用于择优排序"
    assert c.values["产品创新性"] == "23分（上限35分）"
    assert c.values[R_AND_D] == "6.75分（2 + N = 6.75；N=4.75（研发经费占营业收入比重（2019—2020年平均）））"
    assert c.values[FOUNDED] == "3.6分（1 + 0.2 * N = 3.6；N=13（注册时间至评价日满年数））"


def test_a_pass_mark_and_pending_points_are_told_in_english(shapes):
    # a pass mark of 80 on the same table (as test_shape_points.py sets it): the candidate's total
    # 14 + 23 + 12 + 16.75 + 6 + 6.6 = 78.35 < 80, short 1.65
    with i18n.speaking("en"):
        c = shapes.evaluate(candidate(shapes), with_pass_mark(shapes, 80), CHAMPION_ON).criterion("evaluation")
        assert c.threshold == "≥ 80 points (out of 110 points)"
        assert c.gap == "the score needs +1.65 points to reach 80 points"
        # without the 细分市场排名 score (assessor, 8–20 分): 产品市场占有率 earns 0 so far, 20 pending
        scores = {k: v for k, v in SCORES.items() if k != "zhejiang_niche_rank"}
        profile = candidate(shapes, scores=scores)
        c = shapes.evaluate(profile, with_pass_mark(shapes, 80), CHAMPION_ON).criterion("evaluation")
    assert c.outcome.value == "review"  # 64.35 + 20 can still reach 80
    assert c.values["细分市场排名"] == "awaiting review (8–20 points, [scores] zhejiang_niche_rank)"
    assert c.values["产品市场占有率"] == "0 points (cap 20 points), 20 points pending"


def test_a_bonus_of_unstated_size_is_told_in_english(shapes):
    # 晋企发〔2021〕6号 "8.贫困县企业适当加分": earned, of a size the notice does not say → not counted
    profile = shapes.load_profile_data(
        {
            "enterprise": {"region_code": "140100"},
            "attestations": {
                "shanxi_poverty_county": True,
                "shanxi_covid_contribution": False,
                "shanxi_maker_china_final": False,
            },
        }
    )
    with i18n.speaking("en"):
        c = shapes.evaluate(profile, "shapes.shanxi-srdi-project-2021", dt.date(2021, 5, 1)).criterion("bonus")
    assert c.values["贫困县企业"] == "bonus (points not stated)"
    assert c.note == "a further bonus applies, its size not stated (not counted in the score)"


# --------------------------------------------------------------------------- benchmarks
def xiamen(cat, r2018: float, r2019: float, r2020: float, **extra):
    years = {"2018": {"revenue": r2018}, "2019": {"revenue": r2019}, "2020": {"revenue": r2020}}
    return cat.load_profile_data({"enterprise": {"region_code": "350206"}, "years": years, **extra})


def test_a_benchmark_is_told_in_english(shapes):
    # 厦门 2021 一（二）2 "2019、2020年营业收入平均增长率不低于…GDP平均增速的1.5倍": (7.9% + 5.7%) / 2 × 1.5
    # = 10.2%, the GDP figures of both years shipped with the notice
    with i18n.speaking("en"):
        result = shapes.evaluate(xiamen(shapes, 1000, 1100, 1194), XIAMEN, XIAMEN_ON)
        assert result.criterion("growth-2y").threshold == "≥ 1.5 × 厦门市GDP增速 (2019–2020 mean) = 10.2%"
        # 一（二）1 with 2020's GDP growth supplied as 6.0: the source names the user
        supplied = xiamen(shapes, 1000, 1100, 1194.05, benchmarks={"shapes.xiamen_gdp_growth": {"2020": 6.0}})
        c = shapes.evaluate(supplied, XIAMEN, XIAMEN_ON).criterion("growth-2020")
        assert c.values["厦门市GDP增速（2020）来源"] == "supplied by the user"
        # 江西 第五条 on 2021-03-01 (上年度 2020): the 规上 average of 2020 is neither shipped nor given
        jiangxi = shapes.load_profile_data(
            {"enterprise": {"region_code": "360100"}, "years": {"2019": {"revenue": 1000}, "2020": {"revenue": 1100}}}
        )
        note = shapes.evaluate(jiangxi, JIANGXI, dt.date(2021, 3, 1)).criterion("revenue-growth").note
    assert note == (
        "reference figures missing: 全省规上工业企业营业收入平均增长率 (2020) do not ship with the plugin; "
        "give them in the profile's [benchmarks] or with --benchmark shapes.jiangxi_industrial_revenue_growth:2020=…"
    )
    result = shapes.evaluate(xiamen(shapes, 1000, 1100, 1194), XIAMEN, XIAMEN_ON)
    assert result.criterion("growth-2y").threshold == "≥ 1.5 × 厦门市GDP增速（2019—2020年平均） = 10.2%"


# --------------------------------------------------------------------------- comparisons over years
def test_a_two_year_ratio_is_told_in_english(capsys):
    # 财建〔2021〕2号 附件模板二（一）4 "近2年研发经费支出占营业收入比重4%以上", read as one ratio of the two
    # years' totals (rd_years = aggregate): (320 + 399) / (8000 + 10000) = 3.994% < 4; the R&D it lacks is
    # 4% × 18000 − 719 = 1万元 (core/examples/key-little-giant-rd-short.toml)
    argv = ["check", str(EXAMPLES / "key-little-giant-rd-short.toml"), "--program", KLG, "--on", "2021-03-15"]
    assert main([*argv, "--detail", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "threshold: ≥ 4% (ratio of the totals of the last 2 years)" in out
    assert "gap: 研发经费支出 (total of the last 2 years) needs +1万元 to reach 4%" in out


def test_a_ratio_decided_without_a_year_and_read_year_by_year_is_told_in_english(baseline):
    p = baseline.load_profile(EXAMPLES / "key-little-giant-eligible.toml")
    # 2019's R&D 800万元 and 2020's missing: 800 / (8000 + 10000) = 4.444% already; more R&D only raises it
    # → met, the bound shown rounded down to 4.44%
    years = {**p.years, 2019: {**p.years[2019], "rd_expense": 800.0}, 2020: dict(p.years[2020])}
    del years[2020]["rd_expense"]
    decided = attrs.evolve(p, years=years)
    # read year by year (rd_years = each), with 2020's R&D 399 of 10000 = 3.99%: 2020 is 1万元 short of 4%
    short = attrs.evolve(p, years={**p.years, 2020: {**p.years[2020], "rd_expense": 399.0}})
    each = baseline.program(KLG).with_overrides({"rd_years": "each"})
    with i18n.speaking("en"):
        c = baseline.evaluate(decided, KLG, KLG_ON).criterion("rd-ratio")
        assert c.outcome.value == "met"
        assert c.note == (
            "decided without 研发经费支出（2020）: with the figures given 研发经费占营业收入比重 (ratio of the totals "
            "of the last 2 years) is at least 4.44%, and the missing figures can only raise it (amounts are never negative)"
        )
        c = baseline.evaluate(short, each, KLG_ON).criterion("rd-ratio")
        assert c.threshold == "≥ 4% (in each of the last 2 years)"
        assert c.gap == "研发经费支出（2020） needs +1万元 to reach 4%"
    c = baseline.evaluate(decided, KLG, KLG_ON).criterion("rd-ratio")
    assert c.note == (
        "虽缺少研发经费支出（2020）仍可判断：按已给数据，研发经费占营业收入比重（近2年合计口径）至少为4.44%，"
        "缺少的数据只会使其更高（金额不为负）"
    )
    assert baseline.evaluate(short, each, KLG_ON).criterion("rd-ratio").threshold == "≥ 4%（近2年每年）"
