"""冀工信企业函〔2021〕261号: Hebei's third-batch little-giant recommendation and its
third batch of demonstration enterprises.

examples/tangshan-bearings.toml (上年度 = 2020):

Little giant, on 2021-05-01, against 工信厅企业函〔2021〕79号 as Hebei applies it:
  三（一）1 registered 2009 in 唐山 (12 full years ≥ 3); independent legal person; C3451 with
       420 people and 12000万元 → 300号: ≥300 people and ≥2000万元 → 中型; a Hebei SRDI SME
       of 2019 (valid to 2022-12-31), which counts as 省级“专精特新”中小企业 — one of the two
       applicants 261号 一（一）names; strategy, innovation, quality attested.
  三（二）主营业务收入 9000 → 10000 → 11000: +11.11% and +10%, mean 10.56% ≥ 5; 资产负债率
       5400 / 12000 = 45% ≤ 70; 12 years in its niche ≥ 3; 主营 11000 / 12000 = 91.67% ≥ 70;
       本省排名 2 ≤ 3; reputation attested; 3 invention patents ≥ 2; an R&D institution; two
       core businesses on information systems ≥ 1; own brand; ISO9001 → 1 certification ≥ 1.
  三（三）1 营业收入 12000 ≥ 10000; R&D (480 + 540) / (10500 + 12000) = 4.53% ≥ 3.
  Not a 单项冠军; no exclusion. → eligible.

Demonstration, third batch, on 2021-05-10:
  指南第七条 as in test_guide_2021 (SRDI SME of 2019, 12000 ≥ 5000, 91.67% ≥ 60, 本省第2,
  B级); 二（二）资产负债率 45% ≤ 80; R&D 4.53% ≥ 3 (近2年, one ratio); 3 invention patents
  ≥ 1; own brand. → eligible.
"""

from __future__ import annotations

import datetime as dt

import pytest

from srdi.profile import Recognition
from srdi.testing.timeline import assert_window

LG = "hebei.little-giant-3rd-batch"
DEMO3 = "hebei.demonstration-3rd-batch"


# ------------------------------------------------------------------ little giants
def test_little_giant_example_is_eligible(hebei, example, edit):
    r = hebei.evaluate(example("tangshan-bearings"), LG, dt.date(2021, 5, 1))
    assert r.verdict.value == "eligible"
    assert edit.outcome(r, "hebei-applicants") == "met" and edit.outcome(r, "category-a") == "met"
    # the criteria are the ministry's; who may apply is Hebei's
    assert r.criterion("a-rd-ratio").notice == "工信厅企业函〔2021〕79号"
    assert hebei.program(LG).groups["hebei-applicants"].origin.notice == "冀工信企业函〔2021〕261号"


def test_hebei_names_who_may_apply(hebei, example, edit):
    # 一（一）: "省级“专精特新”中小企业和重点“专精特新”培育企业", in place of 79号's
    # "或其他创新能力强、市场竞争优势突出的中小企业".
    prog = hebei.program(LG)
    assert "otherwise-competitive" not in prog.criteria
    assert [d.id for d in prog.dropped] == ["otherwise-competitive"]
    on = dt.date(2021, 5, 1)
    p = example("tangshan-bearings")
    # a pool member the city picked for key cultivation qualifies without the SRDI SME title
    pool = edit.titles(p, Recognition("hebei.pool", 2020))
    assert edit.outcome(hebei.evaluate(pool, LG, on), "hebei-applicants") == "review"  # 重点: a judgement
    picked = edit.attest(pool, {"hebei_key_cultivation": True})
    assert edit.outcome(hebei.evaluate(picked, LG, on), "hebei-applicants") == "met"
    # neither: Hebei does not recommend it, where the ministry's text would leave it to judgement
    neither = edit.titles(p)
    assert edit.outcome(hebei.evaluate(neither, LG, on), "hebei-applicants") == "not_met"
    assert (
        edit.outcome(hebei.evaluate(neither, "national.little-giant-3rd-batch", on), "srdi-or-competitive") == "review"
    )


def test_little_giant_quotas(hebei):
    # 一（二）建议推荐名额: 石家庄、唐山 40; 保定、廊坊、沧州、邢台、邯郸 30; 承德、张家口、秦皇岛、
    # 衡水 20; 辛集、定州、雄安新区 10 → 2×40 + 5×30 + 4×20 + 3×10 = 80 + 150 + 80 + 30 = 340.
    quotas = {q.id: q for q in hebei.program(LG).quotas}
    city = quotas["per-city"]
    assert city.per["130100"] == city.per["130200"] == 40
    assert [city.per[c] for c in ("130600", "131000", "130900", "130500", "130400")] == [30] * 5
    assert [city.per[c] for c in ("130800", "130700", "130300", "131100")] == [20] * 4
    assert [city.per[c] for c in ("130181", "130682", "133100")] == [10] * 3
    assert len(city.per) == 14 and sum(city.per.values()) == city.max == 340
    # the ministry's caps still bind the province's final list (工信厅企业函〔2021〕79号 五（一）)
    assert (quotas["per-province"].max, quotas["under-5000"].max) == (200, 10)
    assert hebei.program(LG).quota_origins["per-province"].notice == "工信厅企业函〔2021〕79号"


@pytest.mark.parametrize(
    ("day", "open_"),
    [
        (dt.date(2021, 4, 27), False),
        (dt.date(2021, 4, 28), True),
        (dt.date(2021, 5, 6), True),
        (dt.date(2021, 5, 7), False),
    ],
)
def test_little_giant_window(hebei, day, open_):
    # 一（三）"企业自4月28日至5月6日期间通过线上系统报送申报材料"
    assert hebei.is_open(LG, day) is open_


def test_little_giant_dates(hebei):
    occ = {o.event: o for o in hebei.deadlines(LG)}
    assert (occ["online-upload"].start, occ["online-upload"].date) == (dt.date(2021, 4, 28), dt.date(2021, 5, 6))
    assert occ["city-submission"].date == dt.date(2021, 5, 8)  # "于5月8日前…报送省厅"


# ------------------------------------------------------------------ demonstration, third batch
ON3 = dt.date(2021, 5, 10)


def test_third_batch_example_is_eligible(hebei, example, edit):
    r = hebei.evaluate(example("tangshan-bearings"), DEMO3, ON3)
    assert r.verdict.value == "eligible"
    assert edit.outcome(r, "third-batch") == "met" and edit.outcome(r, "scope-3rd") == "met"


def test_third_batch_debt_ratio_at_80(hebei, example, edit):
    # 二（二）"企业资产负债率不高于80%", the reference year: 9600 / 12000 = 80% met;
    # 9601 / 12000 = 80.01% not.
    p = example("tangshan-bearings")
    for liabilities, expected in ((9600.0, "met"), (9601.0, "not_met")):
        q = edit.year(p, 2020, {"total_liabilities": liabilities})
        assert edit.outcome(hebei.evaluate(q, DEMO3, ON3), "debt-80") == expected


def test_third_batch_rd_ratio_readings(hebei, example, edit):
    p = example("tangshan-bearings")
    # exactly 3% over the two years: (300 + 375) / (10500 + 12000) = 675 / 22500 = 3.00% → met
    q = edit.year(edit.year(p, 2019, {"rd_expense": 300.0}), 2020, {"rd_expense": 375.0})
    assert edit.outcome(hebei.evaluate(q, DEMO3, ON3), "rd-ratio-3") == "met"
    # 252 / 10500 = 2.4% (2019) and 450 / 12000 = 3.75% (2020): one ratio 702 / 22500 = 3.12%
    # → met; read as each year on its own, 2019 fails → not met
    q = edit.year(edit.year(p, 2019, {"rd_expense": 252.0}), 2020, {"rd_expense": 450.0})
    assert edit.outcome(hebei.evaluate(q, DEMO3, ON3), "rd-ratio-3") == "met"
    each = hebei.program(DEMO3).with_overrides({"rd_ratio_years": "each"})
    assert edit.outcome(hebei.evaluate(q, each, ON3), "rd-ratio-3") == "not_met"


def test_third_batch_ip_counts_the_three_kinds_together(hebei, example, edit):
    # "拥有有效发明专利1项或实用新型、外观设计专利、软件著作权3项及以上": no invention patent;
    # 2 utility + 1 design + 0 software = 3 → met; 2 + 0 + 0 = 2 → not met
    p = edit.facts(example("tangshan-bearings"), {"invention_patents": 0, "software_copyrights": 0})
    for utility, design, expected in ((2, 1, "met"), (2, 0, "not_met")):
        q = edit.facts(p, {"utility_patents": utility, "design_patents": design})
        assert edit.outcome(hebei.evaluate(q, DEMO3, ON3), "ip-3rd") == expected


def test_third_batch_any_one_of_brand_certificate_standard_it(hebei, example, edit):
    # "拥有自主品牌，或取得相关管理体系认证，或产品生产执行国际、国内、行业标准，或至少1项核心
    # 业务采用信息系统支撑": none of the four → not met; the information system alone → met
    bare = {"own_brand": False, "management_certs": (), "production_standard": (), "core_business_it": ()}
    p = edit.facts(example("tangshan-bearings"), bare)
    assert edit.outcome(hebei.evaluate(p, DEMO3, ON3), "brand-cert-standard-it") == "not_met"
    q = edit.facts(p, {"core_business_it": ("supply_chain",)})
    assert edit.outcome(hebei.evaluate(q, DEMO3, ON3), "brand-cert-standard-it") == "met"


def test_third_batch_is_open_to_pool_firms_in_key_fields(hebei, example, edit):
    # 二（一）widens 第七条's "有效期内的河北省“专精特新”中小企业" to pool firms in the little
    # giants' key fields: a pool member of 2020 in 工业“四基” passes the scope here but not
    # under the guide; outside the key fields it fails here too.
    p = edit.titles(example("tangshan-bearings"), Recognition("hebei.pool", 2020))
    assert edit.outcome(hebei.evaluate(p, DEMO3, ON3), "scope-3rd") == "met"
    assert hebei.evaluate(p, DEMO3, ON3).verdict.value == "eligible"
    assert edit.outcome(hebei.evaluate(p, "hebei.demonstration", ON3), "valid-srdi-sme") == "not_met"
    q = edit.facts(p, {"key_fields": ("green_lowcarbon",)})
    assert edit.outcome(hebei.evaluate(q, DEMO3, ON3), "scope-3rd") == "not_met"


def test_third_batch_quotas(hebei):
    # 二（三）(不含推荐申报国家专精特新“小巨人”企业): 石家庄、唐山 15; 保定、廊坊、沧州、邢台、
    # 邯郸 12; 承德、张家口、秦皇岛、衡水 8; 辛集、定州、雄安新区 3
    # → 2×15 + 5×12 + 4×8 + 3×3 = 30 + 60 + 32 + 9 = 131.
    (city,) = hebei.program(DEMO3).quotas
    assert city.per["130100"] == city.per["130200"] == 15
    assert [city.per[c] for c in ("130600", "131000", "130900", "130500", "130400")] == [12] * 5
    assert [city.per[c] for c in ("130800", "130700", "130300", "131100")] == [8] * 4
    assert [city.per[c] for c in ("130181", "130682", "133100")] == [3] * 3
    assert sum(city.per.values()) == city.max == 131


def test_third_batch_dates(hebei):
    # 二（四）enterprises by 5月20日, cities by 5月31日; open from the notice (2021-04-22)
    occ = {o.event: o for o in hebei.deadlines(DEMO3)}
    assert occ["online-application"].date == dt.date(2021, 5, 20)
    assert occ["city-recommendation"].date == dt.date(2021, 5, 31)
    assert_window(hebei, DEMO3, dt.date(2021, 5, 20), first=dt.date(2021, 4, 22))
