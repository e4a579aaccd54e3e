"""Quotas beyond a cap: minimums, exact numbers, redistribution, proportional splits, overflow.

- 贵州 2021 四（二）"原则上推荐数量不少于 20家" (guizhou-2021-srdi.toml): a floor per 市（州）;
- 浙江 浙经信企业〔2021〕165号 四（一）"等额推荐方式（名额见附件 1）" (zjjxqy-2021-165.toml): exact
  numbers per 设区市, which the user supplies;
- 江苏 苏工信中小〔2021〕522号 三（二）"若有县（市）未使用完推荐名额，剩余名额可由所在设区市统筹"
  (sgxzx-2021-522.toml): unused places go up to the 设区市;
- 厦门 2021 五（一）"按照 150家/总参评企业数*（行业组参评企业数）确定每组认定数量，按照专家得分由高
  到低确定名单" (xiamen-2021-srdi.toml): a proportional split, then rank;
- 河南 豫工信办企业〔2021〕27号 "符合申报条件的落选企业，全部纳入…培育库" (ygxbqy-2021-27.toml);
- 云南 2021 省级“小巨人” 五（一）"各州市推荐企业数量…应不低于…（附件 6）中目标数量"
  (yunnan-2021-provincial-little-giant.toml): a floor per 州市 that the user supplies.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from srdi.batch.select import select
from srdi.notices.model import QuotaSpec
from srdi.notices.semantics import quota_problems
from srdi.quotas import Plan, allocate, proportional
from srdi.testing.strategies import credit_code, firms


def test_a_minimum_per_city_is_a_floor_that_is_reported_not_filled(shapes):
    # 营业收入 2020 of 2500 ≥ 2000 → eligible. 贵阳 (520100) puts forward 22, 遵义 (520300) 3:
    # no cap → all 25 go on; 遵义 is under its 20 and the run says so (宁缺勿滥: nobody is added)
    years = {"2020": {"revenue": 2500}}
    pool = firms(shapes, "520100", 22, years=years) + firms(shapes, "520300", 3, years=years)
    result = select(shapes, shapes.frame(pool), "shapes.guizhou-srdi-sme-2021", dt.date(2021, 7, 1))
    assert result.frame["selected"].all()
    use = {u.group: (u.used, u.limit, u.minimum) for u in result.usage}
    assert use == {"520100": (22, None, 20), "520300": (3, None, 20)}
    shortfall = [n for n in result.notes if "少于最低20家" in n]
    assert shortfall == [
        "各市（州）推荐数量：贵州省（520300）入选3家，少于最低20家（贵州省工业和信息化厅《关于组织开展贵州省 2021年“专精特新”中小企业培育认定工作的通知》（2021-06-15） 四（二））"
    ]


YUNNAN = "shapes.yunnan-provincial-little-giant-2021"


def test_floors_the_notice_does_not_print_are_supplied_and_reported_not_filled(shapes):
    # 附件6 (not printed) gives each 州市 its target; the user supplies 昆明 (530100) 3 and 曲靖 (530300) 4.
    # Registered in 云南 (三、1) is the only condition here: all 8 firms qualify, and with no cap all go on.
    # 昆明 puts forward 5 ≥ 3; 曲靖 2 < 4 → reported short; 玉溪 (530400) has no number given → said so
    # (each lists its titles: none, so none is a national little giant entering directly, all count)
    none: dict = {"recognitions": []}
    pool = firms(shapes, "530100", 5, **none) + firms(shapes, "530300", 2, **none) + firms(shapes, "530400", 1, **none)
    floors = {"city-target": {"530100": 3, "530300": 4}}
    result = select(shapes, shapes.frame(pool), YUNNAN, dt.date(2021, 9, 1), allocations=floors)
    assert result.frame["selected"].all()
    use = {u.group: (u.used, u.limit, u.minimum) for u in result.usage}
    assert use == {"530100": (5, None, 3), "530300": (2, None, 4), "530400": (1, None, None)}
    short = [n for n in result.notes if "少于最低" in n]
    assert len(short) == 1 and "（530300）入选2家，少于最低4家" in short[0] and "五（一）" in short[0]
    unset = [n for n in result.notes if "最低数量未给出" in n]
    assert len(unset) == 1 and "530400" in unset[0] and "--quota city-target:530400=N" in unset[0]


def test_floors_nobody_gave_check_nothing_and_say_so(shapes):
    # the same pool without floors: everyone still goes on (no cap), nobody is reported short, and the run
    # says the floors were not given
    pool = firms(shapes, "530100", 2) + firms(shapes, "530300", 1)
    result = select(shapes, shapes.frame(pool), YUNNAN, dt.date(2021, 9, 1))
    assert result.frame["selected"].all()
    assert not [n for n in result.notes if "少于最低" in n]
    assert any("各单位最低数量由通知另行下达，未载明" in n for n in result.notes)


def test_a_firm_the_floor_may_not_cover_does_not_count_toward_it(shapes):
    # 曲靖 (530300), floor 2: one firm lists its titles (none: a 推荐企业, counted); one lists none, so whether it
    # is a national little giant entering directly (五（一）: not counted) is unknown. Both qualify (registered in
    # 云南) and go on; toward the floor only the first counts → 1 < 2, reported short (the stricter reading)
    listed = shapes.load_profile_data({"enterprise": {"credit_code": credit_code("530300", 1)}, "recognitions": []})
    unlisted = shapes.load_profile_data({"enterprise": {"credit_code": credit_code("530300", 2)}})
    floors = {"city-target": {"530300": 2}}
    result = select(shapes, shapes.frame([listed, unlisted]), YUNNAN, dt.date(2021, 9, 1), allocations=floors)
    assert result.frame["selected"].all()
    assert {u.group: u.used for u in result.usage} == {"530300": 1}
    assert any("（530300）入选1家，少于最低2家" in n for n in result.notes)


def test_a_units_floor_is_filled_first_where_a_total_would_cut_it():
    # A floor is met before rank order fills the rest (the first pass): candidates in rank order B1, B2, A1, A2,
    # a total of 3 and unit A's floor of 2 → A1 and A2 go on first, then B1; B2 is cut by the total.
    units = ["B", "B", "A", "A"]
    plan = Plan("q", np.ones(4, dtype=bool), units, total=3, minimums={"A": 2})
    out = allocate([0, 1, 2, 3], [plan])
    assert {pos: how for pos, (how, _, _) in out.selected.items()} == {2: "minimum", 3: "minimum", 0: "rank"}
    assert out.cut[1].total and out.cut[1].limit == 3


def zhejiang(cat, region: str, count: int, start: int = 1, rd=(90.0, 100.0)):
    # 研发 2019 90 / 3000 = 3%, 2020 100 / 3000 = 3.33%: both ≥ 3% ("均不低于") → eligible
    years = {"2019": {"revenue": 3000, "rd_expense": rd[0]}, "2020": {"revenue": 3000, "rd_expense": rd[1]}}
    return firms(cat, region, count, start, years=years)


def test_exact_numbers_cut_the_excess_and_report_a_shortfall(shapes):
    # 附件1 (not printed) gives 杭州 (330100) 3 and 温州 (330300) 2, supplied by the user.
    # 杭州 has 4 eligible: 3 go on, the 4th (input order: no stated ranking) is cut;
    # 温州 has 1 eligible for 2 places: "等额推荐" cannot be met, and the run says so.
    pool = zhejiang(shapes, "330100", 4) + zhejiang(shapes, "330300", 1)
    allocations = {"per-city": {"330100": 3, "330300": 2}}
    result = select(
        shapes, shapes.frame(pool), "shapes.zhejiang-srdi-sme-2021", dt.date(2021, 11, 1), allocations=allocations
    )
    out = result.frame
    assert list(out["selected"]) == [True, True, True, False, True]
    assert (
        out["reason"]
        .iloc[3]
        .startswith("未入选：第4名，各市专精特新中小企业推荐名额（等额推荐）（浙江省（330100））已达上限3家")
    )
    assert any(
        n.startswith("各市专精特新中小企业推荐名额（等额推荐）：等额推荐，浙江省（330300）名额2家，只有1家符合条件")
        for n in result.notes
    )


def test_numbers_the_notice_does_not_print_and_nobody_gave_cut_nobody_and_say_so(shapes):
    pool = zhejiang(shapes, "330100", 4)
    result = select(shapes, shapes.frame(pool), "shapes.zhejiang-srdi-sme-2021", dt.date(2021, 11, 1))
    assert result.frame["selected"].all()
    assert any("各单位名额由通知另行下达，未载明" in n and "--quota per-city:<单位>=N" in n for n in result.notes)


def jiangsu(cat, region: str, count: int, start: int = 1):
    # 制造类 chosen, 主营业务收入 6000 ≥ 5000, the rest attested → eligible
    return firms(
        cat,
        region,
        count,
        start,
        enterprise={"registered_on": "2010-01-01", "shapes": {"jiangsu_category": ["manufacturing"]}},
        years={"2020": {"main_business_revenue": 6000}},
        attestations={"jiangsu_manufacturing": True},
    )


def test_unused_places_of_a_county_go_to_its_city_and_no_further(shapes):
    # numbers (附件2, supplied): 江阴 320281 2, 宜兴 320282 2 (both in 无锡 320200), 常熟 320581 1 (苏州).
    # 江阴 4 candidates, 宜兴 1, 常熟 2.
    # Rank order: 江阴 1–2 go on, 3–4 cut by 江阴's 2; 宜兴 1 goes on; 常熟 1 on, 2 cut.
    # 宜兴 leaves 1 place → 无锡 统筹 → the best 江阴 candidate cut (the 3rd) takes it; the 4th stays cut;
    # 常熟's second gets nothing: 苏州 has no unused place, and 无锡's does not cross to 苏州.
    pool = jiangsu(shapes, "320281", 4) + jiangsu(shapes, "320282", 1, 10) + jiangsu(shapes, "320581", 2, 20)
    allocations = {"per-unit": {"320281": 2, "320282": 2, "320581": 1}}
    result = select(
        shapes, shapes.frame(pool), "shapes.jiangsu-little-giant-2021", dt.date(2021, 11, 1), allocations=allocations
    )
    out = result.frame
    assert list(out["selected"]) == [True, True, True, False, True, True, False]
    assert out["reason"].iloc[2] == (
        "入选：第3名，江苏省（320281）名额已满，使用江苏省（320200）统筹名额（苏工信中小〔2021〕522号 三（二））"
    )
    assert out["cut_by"].iloc[3] == "per-unit" and out["cut_by"].iloc[6] == "per-unit"
    assert (
        "各地推荐名额：江苏省（320282）核定2家，入选1家，剩余1个名额由江苏省（320200）统筹"
        "（苏工信中小〔2021〕522号 三（二）：若有县（市）未使用完推荐名额，剩余名额可由所在设区市统筹）"
    ) in result.notes
    use = {u.group: (u.used, u.limit, u.received, u.released) for u in result.usage}
    assert use["320281"] == (3, 2, 1, 0) and use["320282"] == (1, 2, 0, 1) and use["320581"] == (1, 1, 0, 0)


def xiamen(cat, section: str | None, count: int, start: int, score=80.0, revenue=1000.0):
    # growth 2020 1100 → 1194.05: 8.55% ≥ 1.5 × 5.7% (growth-2020); 营业收入 ≥ 1000 when revenue is;
    # direction 专业化, attested → eligible. The expert score ranks.
    ent = {"registered_on": "2015-01-01", "shapes": {"xiamen_direction": "specialised"}}
    if section is not None:
        ent["industry_section"] = section
    out = []
    for k, serial in enumerate(range(start, start + count)):
        out.append(
            cat.load_profile_data(
                {
                    "enterprise": {"name": f"厦企{serial:03d}", "credit_code": credit_code("350206", serial), **ent},
                    "years": {"2019": {"revenue": 1100}, "2020": {"revenue": 1194.05 if revenue >= 1000 else revenue}},
                    "attestations": {"xiamen_specialised": True},
                    "scores": {"xiamen_expert_score": score - k * 0.01},
                }
            )
        )
    return out


def test_places_split_in_proportion_to_applicants_then_by_score(shapes):
    # 240 applicants: 180 in 制造业 (C), 60 in 信息传输、软件和信息技术服务业 (I). 150 × 180 / 240 = 112.5,
    # 150 × 60 / 240 = 37.5; whole parts 112 + 37 = 149, the last place to the larger remainder — a tie
    # (0.5 each) → the group with more applicants: C 113, I 37. 20 of C's applicants are ineligible
    # (营业收入 900 < 1000) but count as 参评企业. Within each group the expert score ranks:
    # C's 160 eligible → the best 113 go on; I's 60 → the best 37.
    pool = (
        xiamen(shapes, "C", 160, 1, score=90)
        + xiamen(shapes, "C", 20, 200, revenue=900)
        + xiamen(shapes, "I", 60, 300, score=70)
    )
    result = select(shapes, shapes.frame(pool), "shapes.xiamen-srdi-2021", dt.date(2021, 9, 20))
    out = result.frame
    assert int(out["selected"].iloc[:160].sum()) == 113
    assert list(out["selected"].iloc[:113]) == [True] * 113  # the scores fall with the input order
    assert int(out["selected"].iloc[180:].sum()) == 37
    assert "（制造业）已达上限113家" in out["reason"].iloc[113]
    assert any(
        n.startswith("2021年新认定市级“专精特新”中小企业数量：150家按各组参评企业数分配")
        and "制造业 150×180/240=112.50→113" in n
        for n in result.notes
    )
    use = {u.group: (u.used, u.limit) for u in result.usage}
    assert use["C"] == (113, 113) and use["I"] == (37, 37)


def test_an_applicant_without_an_industry_cannot_be_placed_in_a_group(shapes):
    pool = xiamen(shapes, None, 1, 1) + xiamen(shapes, "C", 2, 10)
    out = select(shapes, shapes.frame(pool), "shapes.xiamen-srdi-2021", dt.date(2021, 9, 20)).frame
    assert not out["selected"].iloc[0]
    assert (
        out["reason"]
        .iloc[0]
        .startswith("未入选：第1名，所属国民经济行业门类（GB/T 4754-2017）未知，不能计入2021年新认定")
    )


def test_the_largest_remainder_split_adds_up():
    # 150 among 7, 5 and 1 applicants: 80.77, 57.69, 11.54 → 80 + 57 + 11 = 148; remainders .77, .69, .54
    # → +1 to the first two → 81 + 58 + 11 = 150
    assert proportional(150, {"a": 7, "b": 5, "c": 1}, "largest_remainder") == {
        "a": (81, 150 * 7 / 13),
        "b": (58, 150 * 5 / 13),
        "c": (11, 150 * 1 / 13),
    }
    assert sum(p for p, _ in proportional(150, {"a": 7, "b": 5, "c": 1}, "floor").values()) == 148


def test_candidates_a_quota_leaves_out_are_told_where_they_go(shapes):
    # 郑州 (410100) has 1 place (supplied); 2 qualified candidates → the second is cut and enters the 培育库
    pool = firms(shapes, "410100", 2, attestations={"henan_qualified": True})
    allocations = {"per-city": {"410100": 1}}
    result = select(
        shapes, shapes.frame(pool), "shapes.henan-srdi-sme-2021", dt.date(2021, 3, 20), allocations=allocations
    )
    reason = result.frame["reason"].iloc[1]
    assert reason == (
        "未入选：第2名，各地推荐名额（河南省（410100））已达上限1家（豫工信办企业〔2021〕27号 五（一））；"
        "纳入河南省“专精特新”中小企业培育库（豫工信办企业〔2021〕27号 四）"
        "；与前一名排序依据相同，按输入顺序排后"  # the notice states no ranking: input order decides
    )


def test_quota_rules_that_do_not_fit_together_are_named():
    def spec(**kw):
        return QuotaSpec(id="q", label="q", clause="一", quote="一", **kw)

    assert quota_problems("q", spec()) == [
        ("q.max", '名额须给出 max、min、per 或 allocation = "supplied"（或 "supplied_min"）')
    ]
    assert quota_problems("q", spec(allocation="supplied_min", min=20, scope="city")) == [
        ("q.min", 'allocation = "supplied_min"：各单位的最低数量另行给出；请删去 min')
    ]
    assert quota_problems("q", spec(max=10, min=20, scope="city")) == [("q.min", "min 20 大于 max 10")]
    assert quota_problems("q", spec(allocation="proportional", by="industry_section")) == [
        ("q.max", "按比例分配是把 max 分给各单位：请给出 max")
    ]
    assert quota_problems("q", spec(max=5, exact=True, min=5, scope="city")) == [
        ("q.exact", "exact 已确定各单位的名额；请删去 min")
    ]
