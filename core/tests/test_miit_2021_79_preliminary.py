"""工信厅企业函〔2021〕79号 附件1 六 初核推荐: the province's table, row by row.

The example (core/examples/little-giant-preliminary-b.toml), 上年度 = 2020:
  分类指标 b  营业收入 8000: 5000（含）≤ 8000 < 10000（不含）; 研发 (420 + 480) / (7000 + 8000)
             = 900 / 15000 = 6.0% ≥ 6 (each year 6.0% too). a needs 1亿元, c under 5000万元: no.
  必备1      主营 5600 / 8000 = 70.0%: "70%以上" includes 70.
  必备2      本省排名 3: "全省前 3位" includes 3; 知名度和影响力 attested.
  必备3      负债 8400 / 资产 12000 = 70.0%: "不高于 70%".
  必备4      发明专利 1 + 集成电路布图设计 1 = 2: "（含集成电路布图设计专有权，下同）" of 三（二）3
             carries into the table.
  必备5      ISO9000.
  必备6      no major accident, no other illegal record.
  → eligible (passes the 初核).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

EXAMPLE = Path(__file__).parent.parent / "examples" / "little-giant-preliminary-b.toml"
ON = dt.date(2021, 5, 20)
PRE = "national.little-giant-3rd-batch-preliminary"


@pytest.fixture()
def firm(baseline):
    return baseline.load_profile(EXAMPLE)


def facts(p, **kw):
    return attrs.evolve(p, facts={**p.facts, **kw})


def year(p, y, **kw):
    return attrs.evolve(p, years={**p.years, y: {**p.years.get(y, {}), **kw}})


def groups(baseline, p, program=PRE):
    return {g.id: g.outcome.value for g in baseline.evaluate(p, program, ON).groups}


def test_example_passes_the_preliminary_check_in_category_b(baseline, firm):
    r = baseline.evaluate(firm, PRE, ON)
    assert r.verdict.value == "eligible"
    g = groups(baseline, firm)
    assert (g["category-a"], g["category-b"], g["category-c"]) == ("not_met", "met", "not_met")
    assert g["essentials"] == "met"


@pytest.mark.parametrize(
    ("revenue", "band"),
    [
        # 1亿元及以上 → a: R&D 900 / (7000 + 10000) = 5.29% ≥ 3
        (10000.0, "category-a"),
        # 5000万元（含）→ b: R&D 900 / (7000 + 5000) = 7.5% ≥ 6
        (5000.0, "category-b"),
        # 9999.99 is still b (1亿元 不含): 900 / 16999.99 = 5.29% < 6 → b fails, a does not apply
        (9999.99, None),
    ],
)
def test_category_bands_at_their_edges(baseline, firm, revenue, band):
    g = groups(baseline, year(firm, 2020, revenue=revenue))
    met = [k for k in ("category-a", "category-b", "category-c") if g[k] == "met"]
    assert met == ([band] if band else [])


def test_category_c_needs_all_of_its_conditions(baseline, firm):
    # 营业收入 3000 < 5000; 股权融资 5000 + 3000 = 8000（含）; 研发投入 1500 + 1500 = 3000（含）;
    # 研发人员 50 / 100 = 50%（含）; 补短板 in 重点领域; 重大突破 attested → c met
    p = year(year(firm, 2019, equity_financing=5000.0, rd_expense=1500.0), 2020, equity_financing=3000.0)
    p = year(p, 2020, revenue=3000.0, rd_expense=1500.0, employees=100.0, rd_staff=50.0)
    p = attrs.evolve(
        facts(p, key_fields=("shortboard",)),
        attestations={**p.attestations, "key_technology_breakthrough": True},
    )
    assert groups(baseline, p)["category-c"] == "met"
    # 5000 + 2999.99 = 7999.99万元 of equity is under 8000（含）
    short = year(p, 2020, equity_financing=2999.99)
    assert groups(baseline, short)["category-c"] == "not_met"


@pytest.mark.parametrize(
    ("change", "criterion", "expected"),
    [
        ({"province_rank": 4.0}, "e2-province-top-3", "not_met"),  # 前 3位 → 4th is out
        ({"total_liabilities": 8401.0}, "e3-debt-ratio", "not_met"),  # 8401 / 12000 = 70.008% > 70
        ({"main_business_revenue": 5599.0}, "e1-main-business-share", "not_met"),  # 69.99% < 70
    ],
)
def test_essentials_just_past_their_thresholds(baseline, firm, change, criterion, expected):
    r = baseline.evaluate(year(firm, 2020, **change), PRE, ON)
    assert r.criterion(criterion).outcome.value == expected
    assert r.verdict.value == "ineligible"  # 必备: all six


def test_ic_layout_designs_count_as_invention_patents(baseline, firm):
    # without the IC layout design: 1 invention patent < 2; the other IP is 3 utility patents and
    # unknown design patents / software copyrights, so row 4 cannot yet be decided
    p = facts(firm, ic_layout_designs=0.0)
    r = baseline.evaluate(p, PRE, ON)
    assert r.criterion("e4-invention-patents").outcome.value == "not_met"
    assert r.group("e4-ip").outcome.value == "unknown"
    # 3 + 1 + 1 = 5 实用新型、外观设计专利、软件著作权 → "5项及以上"
    p = facts(p, design_patents=1.0, software_copyrights=1.0)
    assert baseline.evaluate(p, PRE, ON).group("e4-ip").outcome.value == "met"


def test_row_five_accepts_a_national_standard_alone(baseline, firm):
    # 必备5 "国际、国家、行业标准" (三（二）4: 国内): no certification, products made to a 国家标准
    p = facts(firm, management_certs=(), production_standard=("national",))
    assert baseline.evaluate(p, PRE, ON).group("e5-management").outcome.value == "met"


def test_row_six_reads_other_illegal_records_too(baseline, firm):
    # "三年内未发生过重大安全、质量、环境污染事故等违法记录": a tax-evasion record fails it
    p = facts(firm, violation_3y=True)
    r = baseline.evaluate(p, PRE, ON)
    assert r.criterion("e6-other-violation").outcome.value == "met"  # the excluded situation holds
    assert r.group("e6-no-illegal-record").outcome.value == "not_met"
    assert r.verdict.value == "ineligible"
    # the box "符合“6项必备指标”中的 ___ 项" counts them: 5 of 6 here
    rows = ["e1-main-business-share", "e2-market", "e3-debt-ratio", "e4-ip", "e5-management", "e6-no-illegal-record"]
    outcomes = {c.id: c.outcome.value for c in r.criteria} | {g.id: g.outcome.value for g in r.groups}
    assert sum(outcomes[k] == "met" for k in rows) == 5
    # a bureau that reads the count, not 必备, as the rule: 5 of 6 passes
    five = baseline.program(PRE).with_overrides({"essential_n": 5})
    assert baseline.evaluate(p, five, ON).verdict.value == "eligible"


def test_missing_accident_record_is_incomplete_not_a_pass(baseline, firm):
    p = attrs.evolve(firm, facts={k: v for k, v in firm.facts.items() if k != "major_accident_3y"})
    r = baseline.evaluate(p, PRE, ON)
    assert r.group("e6-no-illegal-record").outcome.value == "unknown"
    assert r.verdict.value == "incomplete"


def test_quotas_and_date(baseline):
    prog = baseline.program(PRE)
    assert {q.id: q.max for q in prog.quotas} == {"per-province": 200, "under-5000": 10}
    (occ,) = baseline.deadlines(PRE)
    assert (occ.event, occ.date, occ.application) == ("province-submission", dt.date(2021, 5, 28), False)
