"""Comparisons over years told in English: how the years combine, the gap and a decision made without a year.

Each text comes from the message catalogue: English is one switch away, and Chinese, the
default, reads as it always has. The figures' own names (metrics and years) are the
vocabulary's, so they stay Chinese in English sentences. Points tables and benchmarks are
told in English in test_shape_points.py and test_shape_benchmark.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

from srdi import i18n
from srdi.cli.main import main

EXAMPLES = Path(__file__).parent.parent / "examples"
KLG = "national.key-little-giant-2021"
KLG_ON = dt.date(2021, 3, 15)  # first batch of 财建〔2021〕2号: 上年 = 2020, 近2年 = 2019 and 2020


@pytest.fixture(autouse=True)
def chinese_unless_chosen(monkeypatch):
    monkeypatch.delenv(i18n.ENV, raising=False)
    monkeypatch.setenv("COLUMNS", "400")  # one line per message: nothing wrapped


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
            "decided without 研发经费支出 (2020): with the figures given 研发经费占营业收入比重 (ratio of the totals "
            "of the last 2 years) is at least 4.44%, and the missing figures can only raise it (amounts are never negative)"
        )
        c = baseline.evaluate(short, each, KLG_ON).criterion("rd-ratio")
        assert c.threshold == "≥ 4% (in each of the last 2 years)"
        # the year of a figure named in an English sentence is set off as English sets it off
        assert c.gap == "研发经费支出 (2020) needs +1万元 to reach 4%"
    c = baseline.evaluate(decided, KLG, KLG_ON).criterion("rd-ratio")
    assert c.note == (
        "虽缺少研发经费支出（2020）仍可判断：按已给数据，研发经费占营业收入比重（近2年合计口径）至少为4.44%，"
        "缺少的数据只会使其更高（金额不为负）"
    )
    assert baseline.evaluate(short, each, KLG_ON).criterion("rd-ratio").threshold == "≥ 4%（近2年每年）"
