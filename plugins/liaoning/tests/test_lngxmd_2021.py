"""辽工信明电〔2021〕72号: the 2021 tiers on the shipped example profiles, evaluated on 2021-06-01.

Product (examples/product-2021-eligible.toml), 二（一）, 上年度 2020:
  1（1） registered 2018-05-02 in 沈阳: 3 full years ≥ 2; independent; C3449 with 60 people and
         1000万元 → 小型. 1（2） policy and accounting attested; on the market 1 year ≥ 1.
         1（3） 营业收入 1000 ≥ 1000 ("1000万元及以上"); 资产负债率 "控制在合理范围": attested.
  2      精细化: ISO9000 (1 ≥ 1), quality attested, 国家标准 → one category is enough.
         (专业化 stays undecided: 2019's growth needs 2018's revenue.)
  3      列入《辽宁省工业高质量发展推荐产品名录》.
  三（三）1 none of the exclusions; good standing attested. → eligible.

SME (examples/sme-2021-eligible.toml), 二（二）:
  1（1） 2016-03-10: 5 years ≥ 2; small. 1（2） 营业收入 1500 ≥ 1500; 资产负债率 1300 / 2000 = 65%
         and 1540 / 2200 = 70%, each ≤ 70; 研发 (13 + 15) / (1300 + 1500) = 28 / 2800 = 1.0% ≥ 1.
         1（3） ISO9000; sound operation attested.
  2      创新化: 实用新型 2 + 外观 0 + 软著 0 = 2 ≥ 2（含）; 科技人员 8 / 80 = 10% ≥ 10.
  3      高技术产业. 三（一）4 holds a 2019 专精特新产品: to 2022-12-31. → eligible.

Little giant (examples/little-giant-2021-eligible.toml), 二（三）:
  1（1） 2015-07-20: 5 years ≥ 3; 120 people, 2000万元 → 小型 (under 300 people).
  1（2） 营业收入 2000 ≥ 2000; 资产负债率 1800 / 3000 = 60%, 2240 / 3200 = 70%; 研发
         (38 + 40) / (1900 + 2000) = 78 / 3900 = 2.0% ≥ 2. 1（3） ISO9000; attested.
  2      专业化: 细分市场 3 ≥ 3 years; 主营 growth 1500 → 1560 → 1600 = 4.0% and 2.56%, mean
         3.28% ≥ 3; share 82.1% and 80.0% ≥ 60; 本省排名 15 ≤ 15; 2 large partners ≥ 2.
         No 精益管理培训 and no 数字化转型模块: the 2021 text asks for neither.
  3      《推动全省工业经济高质量发展实施意见》（辽工信发〔2018〕156号）'s priority fields.
  三（一）4 holds a 2019 专精特新中小企业 title: to 2022-12-31. → eligible.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from srdi.forms import validate
from srdi.profile import Recognition
from srdi.testing.timeline import assert_window

ON = dt.date(2021, 6, 1)  # inside the online window 2021-05-20 … 06-30
PRODUCT = "liaoning.srdi-product-2021"
SME = "liaoning.srdi-sme-2021"
LG = "liaoning.little-giant-2021"


def year(p, y, **kw):
    return attrs.evolve(p, years={**p.years, y: {**p.years.get(y, {}), **kw}})


def facts(p, **kw):
    return attrs.evolve(p, facts={**p.facts, **kw})


def outcome(cat, p, program, cid):
    return cat.evaluate(p, program, ON).criterion(cid).outcome.value


@pytest.mark.parametrize(
    ("name", "program"),
    [("product-2021-eligible", PRODUCT), ("sme-2021-eligible", SME), ("little-giant-2021-eligible", LG)],
)
def test_examples_are_eligible(liaoning, example, name, program):
    r = liaoning.evaluate(example(name), program, ON)
    assert r.verdict.value == "eligible", [(c.id, c.outcome.value) for c in r.criteria]
    assert r.reference_year == 2020


# ------------------------------------------------------------------ product tier
def test_product_debt_ratio_is_judged_not_measured(liaoning, example):
    # "近2年企业资产负债率控制在合理范围": no number, so even 95% is for a person to judge
    p = year(example("product-2021-eligible"), 2020, total_assets=1000.0, total_liabilities=950.0)
    p = attrs.evolve(p, attestations={k: v for k, v in p.attestations.items() if k != "debt_ratio_reasonable"})
    r = liaoning.evaluate(p, PRODUCT, ON)
    assert r.criterion("debt-ratio-reasonable").type == "attest"
    assert r.criterion("debt-ratio-reasonable").outcome.value == "review"
    assert r.verdict.value == "review"
    # the 2022 notice puts a number on the same clause ("不高于80%"); 2021 has none to apply
    assert "debt-ratio" not in liaoning.program(PRODUCT).criteria


def test_product_revenue_exactly_1000(liaoning, example):
    p = example("product-2021-eligible")
    assert outcome(liaoning, p, PRODUCT, "revenue") == "met"
    assert outcome(liaoning, year(p, 2020, revenue=999.99), PRODUCT, "revenue") == "not_met"


def test_product_key_field_names_the_2018_opinion(liaoning, example):
    # 二（一）3 also names 《推动全省工业经济高质量发展实施意见》（辽工信发〔2018〕156号）
    p = facts(example("product-2021-eligible"), **{"liaoning.key_fields": ("industrial_opinion",)})
    assert outcome(liaoning, p, PRODUCT, "p-key-field") == "met"
    p = facts(p, **{"liaoning.key_fields": ()})
    assert outcome(liaoning, p, PRODUCT, "p-key-field") == "not_met"


def test_one_product_per_enterprise_per_year(liaoning):
    (quota,) = liaoning.program(PRODUCT).quotas
    assert (quota.max, quota.scope) == (1, "enterprise")


# ------------------------------------------------------------------ SME tier
def test_sme_rd_ratio_exactly_1_percent(liaoning, example):
    p = example("sme-2021-eligible")
    assert outcome(liaoning, p, SME, "rd-ratio") == "met"
    # 14.72 in 2020: 27.72 / 2800 = 0.99% < 1; needs 0.28万元 more
    short = year(p, 2020, rd_expense=14.72)
    r = liaoning.evaluate(short, SME, ON)
    assert r.criterion("rd-ratio").outcome.value == "not_met"
    assert r.criterion("rd-ratio").gap == "研发经费支出（近2年合计）距1%还差0.28万元"


def test_sme_debt_ratio_each_year(liaoning, example):
    p = example("sme-2021-eligible")
    # 1540.22 / 2200 = 70.01% in 2020 → over; the mean reading (65% and 70.01%) would pass
    over = year(p, 2020, total_liabilities=1540.22)
    assert outcome(liaoning, over, SME, "debt-ratio") == "not_met"
    mean = liaoning.program(SME).with_overrides({"debt_years": "mean"})
    assert liaoning.evaluate(over, mean, ON).criterion("debt-ratio").outcome.value == "met"


def test_sme_other_ip_two_inclusive(liaoning, example):
    p = example("sme-2021-eligible")
    assert outcome(liaoning, p, SME, "s-other-ip") == "met"  # 2 项（含）
    assert outcome(liaoning, facts(p, utility_patents=1.0), SME, "s-other-ip") == "not_met"


def test_sme_prerequisite_follows_the_three_year_validity(liaoning, example):
    # "（2018 年度的已获省级认定企业今年需重新申报）": a 2018 product title runs to the end of
    # 2021, the year to re-apply — still in force on 2021-06-01; a 2017 one ended 2020-12-31
    p = example("sme-2021-eligible")
    y2018 = attrs.evolve(p, recognitions=(Recognition("liaoning.srdi_product", 2018),))
    assert outcome(liaoning, y2018, SME, "prerequisite") == "met"
    y2017 = attrs.evolve(p, recognitions=(Recognition("liaoning.srdi_product", 2017),))
    assert outcome(liaoning, y2017, SME, "prerequisite") == "not_met"
    reapply = [o for o in liaoning.recognition_deadlines(y2018) if o.kind == "reapply"]
    assert [(o.start, o.date) for o in reapply] == [(dt.date(2021, 1, 1), dt.date(2021, 12, 31))]


# ------------------------------------------------------------------ little giant tier
@pytest.mark.parametrize(
    ("where", "change", "criterion"),
    [
        (2020, {"province_rank": 16.0}, "g-province-top-15"),  # 前 15位
        (None, {"large_partners": 1.0}, "g-large-partners"),  # 至少与 2家
        (None, {"niche_years": 2.9}, "g-niche-years"),  # 3年以上
        (2020, {"revenue": 1999.0}, "revenue"),  # 2000万元及以上
    ],
)
def test_little_giant_thresholds_just_below(liaoning, example, where, change, criterion):
    p = example("little-giant-2021-eligible")
    p = year(p, where, **change) if where else facts(p, **change)
    assert outcome(liaoning, p, LG, criterion) == "not_met"


def test_little_giant_growth_mean_reading(liaoning, example):
    # growth 4.0% and 2.56%: mean 3.28% ≥ 3; compounded (1600 / 1500)^(1/2) − 1 = 3.28% too;
    # with 2020 主营 at 1570: 4.0% and 0.64% → mean 2.32% < 3
    p = example("little-giant-2021-eligible")
    assert outcome(liaoning, p, LG, "g-growth") == "met"
    low = year(p, 2020, main_business_revenue=1570.0)
    assert outcome(liaoning, low, LG, "g-growth") == "not_met"


def test_2021_asks_no_lean_training_and_no_digital_plan(liaoning, example):
    # The example has neither (lean_training and digital_plan are false). Make 精细化 and 创新化
    # hold as the 2021 text words them: a refined-management plan (attested), 2 management
    # certifications, 36 of 120 staff 大专+ (30%); 2 invention patents, 12 of 120 in R&D (10%).
    # Both categories are met although the 2022 notice would also ask for 精益管理培训 and a
    # 数字化转型模块.
    p = facts(example("little-giant-2021-eligible"), management_certs=("iso9001", "iso14001"), invention_patents=2.0)
    p = year(p, 2020, qualified_staff=36.0, rd_staff=12.0)
    p = attrs.evolve(p, attestations={**p.attestations, "refined_management_plan": True})
    r = liaoning.evaluate(p, LG, ON)
    assert r.group("refined").outcome.value == "met"
    assert r.group("innovative").outcome.value == "met"


def test_little_giant_key_field_includes_the_2018_opinion(liaoning, example):
    p = example("little-giant-2021-eligible")
    assert outcome(liaoning, p, LG, "g-liaoning-fields") == "met"
    # the 2022 little giant does not list 辽工信发〔2018〕156号
    assert (
        "industrial_opinion"
        not in liaoning.program("liaoning.little-giant-2022").criteria["g-liaoning-fields"].args["any_of"]
    )


def test_highest_tier_is_recommended(liaoning, example):
    # 三（一）1 "需选择适合自身情况的最高梯度进行申报". Here the little giant example also holds a
    # 2019 product title, and a person has judged the SME tier's qualitative clauses (经营状况
    # 良好…, 市场占有率排名前列): its 专业化 category holds (3 ≥ 2 years, mean growth 3.28% ≥ 2,
    # share ≥ 60 each year, 2 ≥ 1 large partner), so it fits the SME tier too. The little giant
    # is the tier to apply for.
    p = example("little-giant-2021-eligible")
    p = attrs.evolve(
        p,
        recognitions=(*p.recognitions, Recognition("liaoning.srdi_product", 2019)),
        attestations={**p.attestations, "sound_operation": True, "market_rank_leading": True},
    )
    results = {r.program: r for r in liaoning.check(p, ON)}
    assert results[SME].verdict.value == "eligible"
    assert results[LG].recommended is True
    assert results[SME].recommended is False


def test_titles_are_the_2022_notice_titles(liaoning):
    # the same recognitions, valid 3 years to 31 December, whichever year's notice granted them
    for p2021, p2022 in (
        (PRODUCT, "liaoning.srdi-product-2022"),
        (SME, "liaoning.srdi-sme-2022"),
        (LG, "liaoning.little-giant-2022"),
    ):
        g1, g2 = liaoning.program(p2021).grants, liaoning.program(p2022).grants
        assert (g1.title, g1.validity_years, g1.expiry) == (g2.title, g2.validity_years, g2.expiry)


# ------------------------------------------------------------------ dates
def test_window_and_recommendation_deadline(liaoning):
    assert_window(liaoning, LG, dt.date(2021, 6, 30), first=dt.date(2021, 5, 20))
    occ = {o.event: o.date for o in liaoning.deadlines(PRODUCT)}
    # 五、3: 5 working days after the window closes (Wed 2021-06-30):
    # Thu 7/1, Fri 7/2, Mon 7/5, Tue 7/6, Wed 7/7
    assert occ["city-recommendation"] == dt.date(2021, 7, 7)
    assert occ["annex6-pool"] == dt.date(2021, 6, 30)


# ------------------------------------------------------------------ 附件1 product form
FILLED = {
    "name": "沈阳耐蚀密封科技有限公司",
    "credit_code": "91210100MA10RBN4XF",
    "ownership": "民营",
    "size_class": "小型",
    "total_assets": {"2019": 1500, "2020": 1700},
    "total_liabilities": {"2019": 900, "2020": 1000},
    "revenue": {"2019": 900, "2020": 1000},
    "main_business_revenue": {"2019": 800, "2020": 900},
    "total_profit": {"2019": -20, "2020": 60},
    "employees": {"2019": 55, "2020": 60},
    "output": {"2019": 12000, "2020": 15000},
    "output_unit": "套",
    "product_name": "耐腐蚀机械密封",
    "technology_source": "自主",
    "features": "耐强酸介质，寿命为同类产品两倍。",
    "categories": ["精", "新"],
    # 800 / 900 = 88.89%, 900 / 1000 = 90%; growth 900 / 800 − 1 = 12.5% (2019's not judged)
    "main_business_share": {"2019": 88.9, "2020": 90},
    "main_business_growth": {"2019": 5, "2020": 12.5},
    "total_patents": 4,
    "utility_patents": 4,
    "recognitions": ["列入《辽宁省工业高质量发展推荐产品目录》", "科技型中小企业"],
}


def test_product_form_filled_passes(liaoning):
    form = liaoning.form("lngxmd-2021-72:annex-1")
    assert validate(form, FILLED, liaoning) == []


def test_product_form_problems_are_named(liaoning):
    form = liaoning.form("lngxmd-2021-72:annex-1")
    bad = {
        **FILLED,
        "main_business_share": {"2019": 88.9, "2020": 80},  # 900 / 1000 = 90%
        "features": "特" * 501,  # 不多于 500字
        "technology_source": "购买",  # 自主、合作、引进
        "revenue": {"2020": 1000, "2021": 1100},  # 2019 and 2020 only
    }
    problems = {p.key: p.message for p in validate(form, bad, liaoning)}
    assert problems == {
        "main_business_share.2020": "专业化情况：主营业务收入比重（2020年）填为 80，但按表中数据应为 90.00",
        "features": "共 501 个字符，超过上限 500 个",
        "technology_source": "'购买' 不是可选项之一：自主、合作、引进",
        "revenue.2021": "表单只填报以下年度：2019、2020",
    }


def test_product_form_cells_fill_vocabulary_facts(liaoning):
    form = liaoning.form("lngxmd-2021-72:annex-1")
    vocab = liaoning.vocabulary
    for section in form.sections:
        for f in section.fields:
            if f.profile is None:
                continue
            spec = vocab[f.profile]
            assert spec.yearly == (f.yearly or f.year is not None), f.id
            if f.type in ("money", "percent"):
                assert spec.kind == f.type, f.id
