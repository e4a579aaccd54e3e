"""Selection within the quotas of 工信厅企业函〔2021〕79号.

五（一）: "推荐报送总数不超过 200家，其中上年度营业收入不足 5000万元的企业数不超过 10家".

The candidate (data/third-batch-category-c.toml), on 2021-04-30 (reference year 2020):
  三（一）1 registered 2012-03-01 → 9 full years ≥ 3; independent legal person; C3484 with
         200 people and 4000万元 → 300号: not 中型 (< 300人), ≥ 20人 and ≥ 300万元 → 小型;
         省级专精特新 unknown (baseline alone gives the title no validity) but
         "其他创新能力强…" is attested → the any-of holds; 三（一）2–4 attested.
  三（二）主营 3000 → 3300 → 3630: +10% twice, mean 10% ≥ 5%; 资产负债率 5000/10000 = 50% ≤ 70%;
         细分市场 5年 ≥ 3; 主营占比 3630/4000 = 90.75% ≥ 70%; 本省排名 2 ≤ 3; 发明专利 3 ≥ 2;
         研发机构, 信息系统 (ERP), 自主品牌, ISO9000 → all hold.
  三（三）c 营业收入 4000 < 5000; 股权融资 5000 + 4000 = 9000 ≥ 8000; 研发投入 1600 + 1500 =
         3100 ≥ 3000; 研发人员 120/200 = 60% ≥ 50%; 工业“四基”; breakthrough attested.
  → eligible, and it counts against the "不足5000万元" quota.
Raising 营业收入 to 6000 moves it to b: 5000 ≤ 6000 < 10000; with 2019 营业收入 set to 5000,
研发 (1600+1500)/(5000+6000) = 28.2% ≥ 6%; 主营 raised to 5000 keeps the share at 83.3% ≥ 70%
and the growth at (3300/3000 − 1) = 10%, (5000/3300 − 1) = 51.5%, mean ≥ 5%; still 小型.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import numpy as np
import pandas as pd
import pytest

import srdi
from srdi.batch.select import select
from srdi.testing.strategies import credit_code

CATALOG = srdi.load([])
PROGRAM = "national.little-giant-3rd-batch"
ON = dt.date(2021, 4, 30)
BASE = CATALOG.load_profile(Path(__file__).parent / "data" / "third-batch-category-c.toml")


def candidate(serial: int, revenue: float = 4000.0, region: str = "210100"):
    years = {**BASE.years, 2020: BASE.years[2020] | {"revenue": revenue}}
    if revenue >= 5000:
        years[2019] = BASE.years[2019] | {"revenue": 5000.0}
        years[2020] = years[2020] | {"main_business_revenue": 5000.0}
    facts = BASE.facts | {"name": f"候选企业{serial:03d}", "credit_code": credit_code(region, serial)}
    return attrs.evolve(BASE, facts=facts, years=years)


def test_the_eleventh_candidate_under_5000_is_cut_by_its_quota():
    # 12 eligible candidates under 5000万元, equal on both stated priorities (none holds a
    # province title with a known validity; all are in 工业“四基”), then one at 6000万元.
    pool = [candidate(i) for i in range(1, 13)] + [candidate(13, revenue=6000.0)]
    result = select(CATALOG, CATALOG.frame(pool), PROGRAM, ON)
    out = result.frame
    assert list(out["verdict"]) == ["eligible"] * 13
    # ties keep the input order: rows 1–10 fill the quota of 10, rows 11 and 12 are cut by it
    assert list(out["selected"]) == [True] * 10 + [False, False, True]
    assert list(out["cut_by"][:12]) == [None] * 10 + ["under-5000", "under-5000"]
    eleventh = out.iloc[10]
    assert eleventh["rank"] == 11
    assert "上年度营业收入不足5000万元的企业数" in eleventh["reason"]
    assert "已达上限10家" in eleventh["reason"] and "五（一）" in eleventh["reason"]
    # the 6000万元 candidate is not under 5000: only the 200 per province applies to it
    assert out.iloc[12]["rank"] == 13 and out.iloc[12]["cut_by"] is None
    use = {(u.quota, u.group): u.used for u in result.usage}
    assert use[("under-5000", "210000")] == 10
    assert use[("per-province", "210000")] == 11


def test_quotas_count_per_province():
    # 五（一）counts per 省级中小企业主管部门: 11 in Liaoning (210100) and 3 in Hebei (130100),
    # all under 5000万元 → Liaoning keeps 10, Hebei all 3.
    pool = [candidate(i) for i in range(1, 12)] + [candidate(100 + i, region="130100") for i in range(3)]
    out = select(CATALOG, CATALOG.frame(pool), PROGRAM, ON).frame
    assert list(out["selected"]) == [True] * 10 + [False] + [True] * 3


def test_the_201st_candidate_is_cut_by_the_provincial_total():
    # 201 candidates at 6000万元 (category b), none under 5000: the first 200 go on, the 201st
    # is cut by "推荐报送总数不超过 200家".
    pool = [candidate(i, revenue=6000.0) for i in range(1, 202)]
    out = select(CATALOG, CATALOG.frame(pool), PROGRAM, ON).frame
    assert int(out["selected"].sum()) == 200
    last = out.iloc[200]
    assert (last["rank"], last["cut_by"]) == (201, "per-province")
    assert "每省推荐总数" in last["reason"] and "已达上限200家" in last["reason"]


def test_stated_priorities_rank_first():
    # 二 "应优先聚焦…": a candidate outside the 重点领域 ranks after those inside. Category c
    # itself needs a 重点领域, so the outsider is a category-b candidate (6000万元) without one.
    outsider = candidate(1, revenue=6000.0)
    outsider = attrs.evolve(outsider, facts=outsider.facts | {"key_fields": ()})
    pool = [outsider] + [candidate(i, revenue=6000.0) for i in range(2, 5)]
    out = select(CATALOG, CATALOG.frame(pool), PROGRAM, ON).frame
    assert list(out["rank"]) == [4, 1, 2, 3]
    assert "✗主导产品聚焦“二、重点领域”" in out.iloc[0]["basis"]


def test_rows_that_are_not_eligible_are_not_candidates():
    # 营业收入 unknown → 分类条件 undecided → incomplete: not ranked, and the row says why
    missing = candidate(1)
    missing = attrs.evolve(
        missing, years={**missing.years, 2020: {k: v for k, v in missing.years[2020].items() if k != "revenue"}}
    )
    out = select(CATALOG, CATALOG.frame([missing, candidate(2)]), PROGRAM, ON).frame
    assert out.iloc[0]["verdict"] == "incomplete" and out.iloc[0]["rank"] is None
    assert out.iloc[0]["reason"] == "非候选：信息不完整"
    assert bool(out.iloc[1]["selected"]) and np.int64(out.iloc[1]["rank"]) == 1


def test_starred_items_of_caijian_2021_2_rank_first():
    # 财建〔2021〕2号 模板附3 注1 "请优先组织符合★条件的企业填报": an enterprise that fills a gap
    # (填补国内或国际空白) or a key shortboard (关键领域补短板) ranks before one with neither,
    # whatever its place in the input; the two ★ items rank equal, so input order stays.
    from srdi.batch.select import rank

    prog = CATALOG.program("national.key-little-giant-2021")
    frame = CATALOG.frame(
        [
            attrs.evolve(BASE, facts=BASE.facts | {"key_fields": ("four_bases",)}),
            attrs.evolve(BASE, facts=BASE.facts | {"key_fields": ("shortboard",)}),
            attrs.evolve(BASE, facts=BASE.facts | {"key_fields": ()}),
            attrs.evolve(BASE, facts=BASE.facts | {"key_fields": ("fill_gap", "key_chain")}),
        ]
    )
    order, tied, basis = rank(CATALOG, prog, frame, dt.date(2021, 3, 1))
    assert list(order) == [1, 3, 0, 2]
    assert list(tied) == [False, True, False, True]
    assert basis[0].startswith("✓符合★条件")


def test_a_rows_data_errors_and_warnings_come_out_of_a_selection():
    # Three candidates as a bureau's table holds them (Chinese headers): the first eligible; the
    # second with 2020年营业收入 written 四千 — text where a figure belongs, so the figure is
    # unknown and the size class and 三（三） need it: incomplete, not a candidate, and its error
    # names the column; then a blank row (no enterprise: its error says so); the fourth repeats
    # the first one's credit code, which both rows' warnings name.
    from srdi.batch import read_table
    from srdi.batch.write import profiles_table

    pool = [candidate(1), candidate(2), candidate(3), candidate(1)]
    frame = profiles_table(pool, CATALOG.vocabulary, CATALOG.titles).astype(object)
    frame.loc[1, "2020年营业收入"] = "四千"
    blank = pd.DataFrame([[None] * frame.shape[1]], columns=frame.columns)
    frame = pd.concat([frame.iloc[:2], blank, frame.iloc[2:]], ignore_index=True)
    out = select(CATALOG, read_table(frame, CATALOG), PROGRAM, ON).frame
    assert list(out["verdict"]) == ["eligible", "incomplete", "incomplete", "eligible", "eligible"]
    assert list(out["verdict_label"]) == ["符合条件", "信息不完整", "信息不完整", "符合条件", "符合条件"]
    assert out["error"].iloc[0] is None
    assert out["error"].iloc[1].startswith("2020年营业收入: 应为数值")
    assert out["reason"].iloc[1] == "非候选：信息不完整"
    # a frame has no header line: its rows are numbered from 1, so the blank row is row 3
    assert out["error"].iloc[2] == "第3行是空行"
    assert "也出现在第5行" in out["warning"].iloc[0] and "也出现在第1行" in out["warning"].iloc[4]


def test_the_quota_that_cut_a_row_is_named_in_the_notices_words():
    # 五（一）"其中上年度营业收入不足 5000万元的企业数不超过 10家": the eleventh candidate under
    # 5000万元 is cut by that quota, shown by its id and by the notice's label
    pool = [candidate(i) for i in range(1, 12)]
    out = select(CATALOG, CATALOG.frame(pool), PROGRAM, ON).frame
    assert (out["cut_by"].iloc[10], out["cut_by_label"].iloc[10]) == (
        "under-5000",
        "上年度营业收入不足5000万元的企业数",
    )
    assert out["cut_by_label"].iloc[0] is None


def test_a_number_the_notice_prints_cannot_be_given_as_a_quota():
    # 五（一）"推荐报送总数不超过200家" is the notice's own number (allocation "stated"): a --quota for it would be
    # silently ignored, so it is refused, naming the quota and where the notice sets it

    pool = [candidate(i) for i in range(1, 4)]
    with pytest.raises(srdi.SrdiError, match="per-province：“每省推荐总数”的名额由通知规定"):
        select(CATALOG, CATALOG.frame(pool), PROGRAM, ON, allocations={"per-province": {"210000": 1}})
