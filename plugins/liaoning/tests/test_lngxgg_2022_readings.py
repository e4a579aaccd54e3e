"""辽工信改革〔2022〕9号 二（三）: readings of "近2年" and figures that decide with a year missing.

Each firm is the eligible example (examples/little-giant-eligible.toml, derivation in
test_lngxgg_2022.py) with the figures named in the test changed.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import attrs

ON = dt.date(2022, 3, 1)  # inside the online window 2022-02-09 … 03-18; 上年度 is 2021
LG = "liaoning.little-giant-2022"
EXAMPLES = Path(__file__).parent.parent / "examples"


def share_split(example):
    """主营业务收入占营业收入 59.5% in 2020 and 66% in 2021; 63% over both years.

    2020: 3570 / 6000 = 59.5% < 60; 2021: 4488 / 6800 = 66% ≥ 60;
    both years: (3570 + 4488) / (6000 + 6800) = 8058 / 12800 = 62.95% ≥ 60.
    Growth of 主营 2019→2020→2021: 3400 → 3570 → 4488 = 5% and 25.7%, mean 15.4% ≥ 3.
    """
    p = example("little-giant-eligible")
    years = {
        **p.years,
        2019: {**p.years[2019], "main_business_revenue": 3400.0},
        2020: {**p.years[2020], "main_business_revenue": 3570.0},
        2021: {**p.years[2021], "main_business_revenue": 4488.0},
    }
    return attrs.evolve(p, years=years)


def test_main_share_is_read_in_each_year_by_default(liaoning, example):
    # "占营业收入的比重达60%及以上" read in each year (the plugin's reading): 2020's 59.5% fails,
    # and with it 专业化 (二（三）2（1）, every one of its criteria must hold)
    r = liaoning.evaluate(share_split(example), LG, ON)
    assert r.criterion("g-main-share").outcome.value == "not_met"
    assert r.criterion("g-main-share").threshold == "≥ 60%（近2年每年）"
    assert r.group("specialised").outcome.value == "not_met"


def test_main_share_over_both_years_is_a_named_reading(liaoning, example):
    # the same clause read over the two years' totals: 62.95% ≥ 60 → met, and with it the
    # whole 专业化 category (细分市场 9 ≥ 3 years, 主营 growth mean 15.4% ≥ 3, 本省排名 8 ≤ 15,
    # 3 large partners ≥ 2, as in the example)
    assert "g-main-share.combine" in liaoning.program(LG).parameter_names()
    prog = liaoning.program(LG).with_overrides({"g-main-share.combine": "aggregate"})
    r = liaoning.evaluate(share_split(example), prog, ON)
    assert r.criterion("g-main-share").outcome.value == "met"
    assert r.criterion("g-main-share").threshold == "≥ 60%（近2年合计口径）"
    assert r.group("specialised").outcome.value == "met"
    assert r.overridden == ("g-main-share.combine",)


def test_the_reading_is_set_from_the_command_line(tmp_path):
    # `srdi check --set g-main-share.combine=aggregate` on the shipped example (93.3% and 92.6%
    # each year, 92.97% over both): met either way; an unknown reading is refused, exit 2
    example = EXAMPLES / "little-giant-eligible.toml"
    base = [sys.executable, "-m", "srdi.cli.main", "check", str(example), "--program", LG, "--on", "2022-03-01"]
    base.append("--detail")  # the figures of every criterion, where the reading shows
    ok = subprocess.run([*base, "--set", "g-main-share.combine=aggregate"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "近2年合计口径" in ok.stdout
    bad = subprocess.run([*base, "--set", "g-main-share.combine=both"], capture_output=True, text=True)
    assert bad.returncode == 2
    assert "g-main-share.combine: 'both' 不是可选的口径之一：each, any, aggregate, mean, sum, cagr" in bad.stderr


def test_two_year_rd_ratio_decided_by_the_known_year(liaoning, example):
    # 近2年研发投入占营业收入比重达到2% (ratio of the two years' totals, rd_years = aggregate):
    # 2021's R&D missing, 2020's 400万元 over revenue 6000 + 6800 = 12800 → 3.125% already;
    # 2021's R&D cannot be negative, so the ratio is at least 3.125% ≥ 2 → met, said so
    # (the bound shown rounded down: "至少为3.12%").
    p = example("little-giant-eligible")
    years = {**p.years, 2020: {**p.years[2020], "rd_expense": 400.0}, 2021: dict(p.years[2021])}
    del years[2021]["rd_expense"]
    r = liaoning.evaluate(attrs.evolve(p, years=years), LG, ON)
    c = r.criterion("rd-ratio")
    assert c.outcome.value == "met"
    assert c.note == (
        "虽缺少研发经费支出（2021）仍可判断：按已给数据，研发经费占营业收入比重（近2年合计口径）至少为3.12%，"
        "缺少的数据只会使其更高（金额不为负）"
    )
    assert r.verdict.value == "eligible"


def test_two_year_rd_ratio_stays_unknown_when_the_known_year_is_short(liaoning, example):
    # 2020's R&D 200万元 over 12800 is 1.5625%: 2021's R&D could still lift it to 2% → unknown
    p = example("little-giant-eligible")
    years = {**p.years, 2020: {**p.years[2020], "rd_expense": 200.0}, 2021: dict(p.years[2021])}
    del years[2021]["rd_expense"]
    r = liaoning.evaluate(attrs.evolve(p, years=years), LG, ON)
    assert r.criterion("rd-ratio").outcome.value == "unknown"
    assert r.verdict.value == "incomplete"


def test_two_year_rd_ratio_fails_when_revenue_is_missing_but_rd_is_too_low(liaoning, example):
    # 2021's revenue missing: R&D 180 + 204 = 384 over 2020's revenue 6000 alone is 6.4%; more
    # revenue only lowers the ratio, so nothing is decided for "≥ 2%" (it could still be met)
    p = example("little-giant-eligible")
    years = {**p.years, 2021: dict(p.years[2021])}
    del years[2021]["revenue"]
    r = liaoning.evaluate(attrs.evolve(p, years=years), LG, ON)
    assert r.criterion("rd-ratio").outcome.value == "unknown"
    # with R&D of 30 + 20 = 50 over 6000 (0.833%) it is below 2% already: more revenue can only
    # lower it → not met (the bound shown rounded up: "至多为0.84%")
    years[2020] = {**p.years[2020], "rd_expense": 30.0}
    years[2021]["rd_expense"] = 20.0
    r = liaoning.evaluate(attrs.evolve(p, years=years), LG, ON)
    c = r.criterion("rd-ratio")
    assert c.outcome.value == "not_met"
    assert "至多为0.84%" in (c.note or "")
