"""What an enterprise may claim under the 2021-12-15 measures and the 2021-12-16 办实事清单.

Worked on examples/measures-claims.toml (a Cangzhou pump maker) and
examples/reguarantee-institution.toml, on 2022-01-10. All amounts in 万元.
"""

from __future__ import annotations

import datetime as dt

import pytest

from srdi.i18n import speaking

ON = dt.date(2022, 1, 10)


def amounts(result):
    return {c.id: c.amount for c in result.components}


def fund(hebei, program, profile):
    return hebei.fund(program, profile, ON)


# ------------------------------------------------------------------ 办实事清单 (9) listing
def test_listing_subsidies_of_the_example(hebei, example):
    # (9): IPO application accepted → 200; 新三板 创新层 → 10; its first equity financing of 3000 →
    # 1% = 30, within 50; not on 河北股权交易所 → neither of its two subsidies.
    # 200 + 10 + 30 = 240.
    p = example("measures-claims")
    assert hebei.evaluate(p, "hebei.listing-subsidy", ON).verdict.value == "eligible"
    res = fund(hebei, "hebei.listing-subsidy", p)
    assert amounts(res) == {
        "ipo": 200.0,
        "neeq-listing": 10.0,
        "neeq-financing": 30.0,
        "hbex-listing": 0.0,
        "hbex-financing": 0.0,
    }
    assert res.total == 240.0


def test_neeq_financing_capped_at_50(hebei, example, edit):
    # 6000 × 1% = 60 → "且不超过50万元" → 50
    p = edit.facts(example("measures-claims"), {"hebei.neeq_first_equity_financing": 6000.0})
    (c,) = [c for c in fund(hebei, "hebei.listing-subsidy", p).components if c.id == "neeq-financing"]
    assert (c.amount, c.capped) == (50.0, True)


@pytest.mark.parametrize(
    ("financing", "amount"),
    [
        (100.0, 1.0),  # "超过100万元（含）": 100 itself qualifies → 1%
        (99.0, 0.0),  # below 100 → no financing subsidy
        (1500.0, 10.0),  # 15 → "不超过10万元" → 10
    ],
)
def test_hbex_first_equity_financing(hebei, example, edit, financing, amount):
    p = edit.facts(
        example("measures-claims"),
        {
            "hebei.hbex_main_board": True,
            "hebei.hbex_first_equity_financing": financing,
            "hebei.high_tech_enterprise": True,
        },
    )
    got = amounts(fund(hebei, "hebei.listing-subsidy", p))
    assert got["hbex-financing"] == amount
    assert got["hbex-listing"] == 5.0  # a high-tech enterprise on the main board: 5


def test_hbex_listing_subsidy_needs_one_of_three_kinds(hebei, example, edit):
    # "高新技术企业、科技型中小企业或脱贫县注册的制造业企业": none of the three → 0; one → 5;
    # unanswered → unknown, not 0
    base = edit.facts(example("measures-claims"), {"hebei.hbex_main_board": True})
    kinds = {"hebei.high_tech_enterprise": False, "hebei.tech_sme": False, "hebei.poverty_county_manufacturer": False}
    assert amounts(fund(hebei, "hebei.listing-subsidy", edit.facts(base, kinds)))["hbex-listing"] == 0.0
    one = {**kinds, "hebei.poverty_county_manufacturer": True}
    assert amounts(fund(hebei, "hebei.listing-subsidy", edit.facts(base, one)))["hbex-listing"] == 5.0
    (c,) = [c for c in fund(hebei, "hebei.listing-subsidy", base).components if c.id == "hbex-listing"]
    assert c.applies == "unknown"


# ------------------------------------------------------------------ (11) bonds
@pytest.mark.parametrize(
    ("raised", "amount"),
    [
        (50000.0, 50.0),  # 5亿元（含）以下 → 50
        (50001.0, 80.0),  # above 5亿 → 5亿元-10亿元（含） → 80
        (100000.0, 80.0),  # 10亿 itself is still the second tier
        (100001.0, 100.0),  # 10亿元以上 → 100
        (1000.0, 50.0),
    ],
)
def test_first_bond_issue_tiers(hebei, example, edit, raised, amount):
    p = edit.facts(example("measures-claims"), {"hebei.first_credit_bond_amount": raised})
    assert fund(hebei, "hebei.bond-issue-subsidy", p).total == amount


def test_example_bond_of_exactly_5_yi(hebei, example):
    assert fund(hebei, "hebei.bond-issue-subsidy", example("measures-claims")).total == 50.0


@pytest.mark.parametrize(
    ("raised", "cost", "amount"),
    [
        (4000.0, 30.0, 30.0),  # 1% = 40, "不高于实际发行费用" 30 → 30 (the example)
        (4000.0, 60.0, 40.0),  # 1% = 40 < cost 60 → 40
        (8000.0, 90.0, 50.0),  # 1% = 80 < cost 90, "最高不超过50万元" → 50
    ],
)
def test_convertible_bond_subsidy(hebei, example, edit, raised, cost, amount):
    p = edit.facts(
        example("measures-claims"), {"hebei.hbex_convertible_amount": raised, "hebei.hbex_convertible_cost": cost}
    )
    assert fund(hebei, "hebei.hbex-convertible-subsidy", p).total == amount


def test_the_convertible_bond_working_names_the_lowest_bound_in_either_language(hebei, example, edit):
    # (11) raised 8000 → 1% = 80; cost 90; "最高不超过50万元" → the lowest of the three is the cap, 50
    p = edit.facts(
        example("measures-claims"), {"hebei.hbex_convertible_amount": 8000.0, "hebei.hbex_convertible_cost": 90.0}
    )
    (c,) = fund(hebei, "hebei.hbex-convertible-subsidy", p).components
    assert c.explanation.endswith("最高 50万元 → 取低者 50万元（最高 50万元）")
    with speaking("en"):
        (c,) = fund(hebei, "hebei.hbex-convertible-subsidy", p).components
    assert c.explanation.endswith("at most 50万元 → the lowest, 50万元 (at most 50万元)")


def test_convertible_bond_term_of_two_years(hebei, example, edit):
    # "债券期限达到2年以上": 2 years met, 1.9 not
    for term, verdict in ((2.0, "eligible"), (1.9, "ineligible")):
        p = edit.facts(example("measures-claims"), {"hebei.hbex_convertible_term_years": term})
        assert hebei.evaluate(p, "hebei.hbex-convertible-subsidy", ON).verdict.value == verdict


# ------------------------------------------------------------------ (7) loan interest, (6) re-guarantees
def test_little_giant_loan_interest_uplift(hebei, example, edit):
    # (7) a cluster manufacturer's first loan; a little giant (title of 2021-07-19, in force on
    # 2022-01-10) gets the standard subsidy raised by 10%: 36 × 10% = 3.6 on top of the 36.
    p = example("measures-claims")
    assert hebei.evaluate(p, "hebei.loan-interest-subsidy", ON).verdict.value == "eligible"
    assert fund(hebei, "hebei.loan-interest-subsidy", p).total == 3.6
    # without the title there is no uplift
    assert fund(hebei, "hebei.loan-interest-subsidy", edit.titles(p)).total == 0.0
    # an ordinary working-capital loan is not among the subsidised kinds
    q = edit.facts(p, {"hebei.loan_types": ("other",)})
    assert hebei.evaluate(q, "hebei.loan-interest-subsidy", ON).verdict.value == "ineligible"


@pytest.mark.parametrize(
    ("rate", "amount"),
    [
        (2.5, 960.0),  # the example: 1% < 2.5 ≤ 3 → 80% of 1200
        (1.0, 1200.0),  # "小于1%（含）" → 100%
        (3.0, 960.0),  # "1%-3%（含）" → 80%
        (3.01, 720.0),  # "3%-4%（含）" → 60%
        (4.0, 720.0),
        (4.01, None),  # above 4% the list says nothing: unknown, not 0
    ],
)
def test_reguarantee_compensation_bands(hebei, example, edit, rate, amount):
    p = edit.facts(example("reguarantee-institution"), {"hebei.reguarantee_compensation_rate": rate})
    assert hebei.evaluate(p, "hebei.reguarantee-compensation", ON).verdict.value == "eligible"
    assert fund(hebei, "hebei.reguarantee-compensation", p).total == amount


# ------------------------------------------------------------------ 若干措施
def test_platform_upgrade_award_is_a_range(hebei, example):
    # (九) "给予300万-500万元奖励性补助": no rule within the range; the most is 500
    res = fund(hebei, "hebei.platform-upgrade-award", example("measures-claims"))
    (c,) = res.components
    assert c.amount == 500.0 and c.explanation == "300万元–500万元（通知未规定区间内如何确定，列示上限）"
    with speaking("en"):  # the plugin's own catalogue speaks the language srdi's messages are in
        (c,) = fund(hebei, "hebei.platform-upgrade-award", example("measures-claims")).components
    assert c.explanation.endswith(
        "(the notice does not say how an amount within the range is set; the upper end is shown)"
    )
    assert hebei.evaluate(example("measures-claims"), "hebei.platform-upgrade-award", ON).verdict.value == "eligible"


@pytest.mark.parametrize(
    ("invested", "amount", "capped"), [(1200.0, 100.0, True), (1000.0, 100.0, False), (800.0, 80.0, False)]
)
def test_internet_plus_support(hebei, example, edit, invested, amount, capped):
    # (十三) "不高于实际投入额的10%…单个项目不超过100万元": 1200 → 120 → 100; 1000 → 100; 800 → 80
    p = edit.facts(example("measures-claims"), {"hebei.digital_project_investment": invested})
    (c,) = fund(hebei, "hebei.digital-transformation-support", p).components
    assert (c.amount, c.capped) == (amount, capped)


def test_standards_award_once_per_level(hebei, example, edit):
    # (二十八) led revisions: 2 national, 1 industry, no international → 20 + 10 = 30 (the
    # national award is per enterprise, not per standard)
    res = fund(hebei, "hebei.standards-revision-award", example("measures-claims"))
    assert amounts(res) == {"international": 0.0, "national": 20.0, "industry": 10.0}
    assert res.total == 30.0
    p = edit.facts(example("measures-claims"), {"hebei.led_revision_international": 1})
    assert fund(hebei, "hebei.standards-revision-award", p).total == 60.0  # 30 + 20 + 10


def test_quality_awards(hebei, example, edit):
    # (二十九) the example holds only the provincial award → 50
    p = example("measures-claims")
    assert fund(hebei, "hebei.quality-awards", p).total == 50.0
    # a first China Quality Award: 200 + 50; a nomination alone: 100 + 50
    award = edit.facts(p, {"hebei.china_quality_award_first": True, "hebei.china_quality_nomination_first": True})
    assert amounts(fund(hebei, "hebei.quality-awards", award)) == {
        "china-award": 200.0,
        "china-nomination": 0.0,
        "provincial-award": 50.0,
    }
    nomination = edit.facts(p, {"hebei.china_quality_nomination_first": True})
    assert fund(hebei, "hebei.quality-awards", nomination).total == 150.0


def test_brand_awards(hebei, example):
    # (二十二) a new 中国驰名商标 → 50; 2 new geographical indications × 20 ("每件") = 40 → 90
    res = fund(hebei, "hebei.brand-awards", example("measures-claims"))
    assert amounts(res) == {"well-known": 50.0, "geographical-indication": 40.0} and res.total == 90.0


def test_fixed_awards_and_their_conditions(hebei, example):
    p = example("measures-claims")
    # (十四) not a smart-manufacturing benchmark → not eligible; the award itself is 100
    assert hebei.evaluate(p, "hebei.smart-manufacturing-benchmark-award", ON).verdict.value == "ineligible"
    assert hebei.fund("hebei.smart-manufacturing-benchmark-award").total == 100.0
    # (十) a provincial manufacturing innovation centre receives 300
    assert hebei.evaluate(p, "hebei.mfg-innovation-centre-award", ON).verdict.value == "ineligible"
    assert hebei.fund("hebei.mfg-innovation-centre-award").total == 300.0


def test_measures_have_their_dates(hebei):
    # neither notice prints a day of effect or an end: standing measures in force from the day
    # each is dated (2021-12-15, 2021-12-16) until replaced, never open; the list adds the
    # cities' two reports of 2022 ("于2022年6月底前、12月底前")
    assert [(o.event, o.start, o.date) for o in hebei.deadlines("hebei.quality-awards")] == [
        ("in-force", dt.date(2021, 12, 15), None)
    ]
    assert [(o.event, o.start, o.date) for o in hebei.deadlines("hebei.listing-subsidy")] == [
        ("report-h1", None, dt.date(2022, 6, 30)),
        ("report-h2", None, dt.date(2022, 12, 31)),
        ("in-force", dt.date(2021, 12, 16), None),
    ]
    assert not any(hebei.is_open("hebei.listing-subsidy", dt.date(2022, m, 1)) for m in range(1, 13))
