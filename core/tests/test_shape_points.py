"""Points tables: formula items, caps per item and section, a total, a pass mark, a rank in a pool.

浙江 浙经信企业〔2021〕165号 附件5, 浙江省隐形冠军企业评价标准 (zjjxqy-2021-165.toml):
  产品市场占有率 20 | 产品创新性 35 | 生产技术水平 15 | 企业持续创新能力 20 | 企业基础建设 10 |
  附加分 10; "研发投入…5-10分（2+N分，N%为R&D占比，不超过10分）"; "企业成立时间…1+0.2*N（N为
  成立年限，不超过7分）"; standards "参与：5+N分，主导：7+N分（…不超过10分）" and
  "参与：2+N分，主导：4+N分（…不超过7分）", "（2项取最高分）"; no pass mark.

The candidate below, on 2021-11-01 (上年度 2020), scored by hand:
  market       细分市场排名 (assessor) 14                                   → 14
  innovation   原创性: best of 国内首台套 0, 省内首台套 5 (attested), assessor 4 → 5
               专利 7, 性能 3 (assessor)
               标准: best of 主导国际 7+1 = 8, 参与国际 — (none), 主导国家/行业 — (none),
                     参与国家/行业 2+2 = 4                                     → 8
               5 + 7 + 3 + 8 = 23 ≤ 35                                        → 23
  production   工艺 8 + 装备 4                                                → 12
  capacity     研发: N = (450/10000 + 600/12000)/2 = (4.5% + 5%)/2 = 4.75 → 2 + 4.75 = 6.75
               研发机构: 省级及以上 1 → 10                                     → 16.75
  foundation   企业管理 4 + 国际化 2                                          → 6
  bonus        入库培育 3; 成立: 2008-05-01 → 13 full years → 1 + 0.2 × 13 = 3.6 → 6.6
  total 14 + 23 + 12 + 16.75 + 6 + 6.6 = 78.35 of 110.

Every case is checked on both paths: the enterprise alone (``Catalog.evaluate``, the
table's one-enterprise evaluator in plain Python) and as rows of a frame
(``Catalog.run``, NumPy), whose explained results must be the same.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from srdi.batch.select import select
from srdi.i18n import speaking
from srdi.testing.strategies import credit_code

CHAMPION = "shapes.zhejiang-hidden-champion-2021"
ON = dt.date(2021, 11, 1)
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


def candidate(cat, serial: int = 1, region: str = "330100", scores=None, enterprise=None, years=None, **extra):
    ent = {
        "name": f"浙企{serial:03d}",
        "credit_code": credit_code(region, serial),
        "registered_on": "2008-05-01",
        "standards_led_international": 1,
        "standards_joined_international": 0,
        "standards_led_national": 0,
        "standards_led_industry": 0,
        "standards_joined_national": 2,
        "standards_joined_industry": 0,
        "rd_institutions_provincial": 1,
        **(enterprise or {}),
    }
    data = {
        "enterprise": ent,
        "years": years
        or {"2019": {"revenue": 10000, "rd_expense": 450}, "2020": {"revenue": 12000, "rd_expense": 600}},
        "recognitions": [{"title": "shapes.zhejiang_cultivation_pool", "year": 2019}],
        "attestations": {"zhejiang_first_national": False, "zhejiang_first_provincial": True},
        "scores": SCORES if scores is None else scores,
        **extra,
    }
    return cat.load_profile_data(data)


def both_ways(cat, profile, program, on):
    """``profile``'s result checked alone, after asserting that the same firm in a frame (twice) is explained alike."""
    alone = cat.evaluate(profile, program, on)
    run = cat.run(program, cat.frame([profile, profile]), on)
    assert run.result(0) == alone
    assert run.result(1) == alone
    return alone


def test_the_table_scores_item_by_item_within_its_caps(shapes):
    c = both_ways(shapes, candidate(shapes), CHAMPION, ON).criterion("evaluation")
    assert c.outcome.value == "met"  # complete, and no pass mark to reach
    assert c.values["得分"] == pytest.approx(78.35)
    assert c.values["满分"] == 110
    assert c.values["产品创新性"] == "23分（上限35分）"
    assert c.values["产品原创性"].startswith("5分（取最高：")
    assert c.values["研发投入：近2年研发经费占营业收入平均比重（2+N分）"].startswith("6.75分（2 + N = 6.75；N=4.75")
    assert c.values["企业成立时间（1+0.2*N分）"].startswith("3.6分（1 + 0.2 * N = 3.6；N=13")
    assert c.threshold == "满分110分，不设合格分：得分用于择优排序"


def test_caps_bound_items_and_sections(shapes):
    # 主导国际 5 → 7 + 5 = 12 → "不超过10分" → 10; R&D 10% and 8% → N = 9 → 2 + 9 = 11 → 10;
    # founded 1980-01-01 → 41 full years → 1 + 8.2 = 9.2 → "不超过7分" → 7; 附加分 3 + 7 = 10 (cap 10);
    # 持续创新能力 10 + 10 = 20 (cap 20); innovation 5 + 7 + 3 + 10 = 25
    profile = candidate(
        shapes,
        enterprise={"standards_led_international": 5, "registered_on": "1980-01-01"},
        years={"2019": {"revenue": 10000, "rd_expense": 1000}, "2020": {"revenue": 10000, "rd_expense": 800}},
    )
    c = both_ways(shapes, profile, CHAMPION, ON).criterion("evaluation")
    assert c.values["主导与参与产品标准制定（2项取最高分）"].startswith(
        "10分（取最高：主导国际标准制定：7+N分：10分（7 + N = 12，按上限计"
    )
    assert c.values["企业持续创新能力"] == "20分（上限20分）"
    assert c.values["附加分"] == "10分（上限10分）"
    # 14 + 25 + 12 + 20 + 6 + 10
    assert c.values["得分"] == pytest.approx(87)


def test_a_formula_with_no_figure_to_apply_to_scores_nothing(shapes):
    # no standard of any kind: every line of the standards item is "不适用" → 0 (not 5 or 2 points)
    profile = candidate(shapes, enterprise={"standards_led_international": 0, "standards_joined_national": 0})
    c = both_ways(shapes, profile, CHAMPION, ON).criterion("evaluation")
    assert c.values["主导与参与产品标准制定（2项取最高分）"].startswith("0分")
    assert c.values["得分"] == pytest.approx(78.35 - 8)


def test_missing_figures_and_missing_scores_leave_points_pending(shapes):
    # 2020 研发 missing → the 2+N item is pending on data (up to 10); no scores at all → every 主观分
    # item pending on the assessor. Without a pass mark the table is "unknown" while data is missing.
    years = {"2019": {"revenue": 10000, "rd_expense": 450}, "2020": {"revenue": 12000}}
    result = both_ways(shapes, candidate(shapes, scores={}, years=years), CHAMPION, ON)
    c = result.criterion("evaluation")
    assert c.outcome.value == "unknown"
    assert c.values["研发投入：近2年研发经费占营业收入平均比重（2+N分）"].startswith("缺少数据：N=—")
    assert c.values["细分市场排名"] == "待评审（8–20分，[scores] zhejiang_niche_rank）"
    # known: 原创性 5 (省内首台套), 标准 8, 研发机构 10, 附加分 6.6 → 29.6
    assert c.values["得分"] == pytest.approx(29.6)
    # it ranks and decides nothing: the verdict comes from 三（五）, here unknown for 2020
    assert result.group("ranking").outcome.value == "met"


def with_pass_mark(cat, mark: float):
    prog = cat.program(CHAMPION)
    crit = prog.criteria["evaluation"]
    return attrs.evolve(
        prog,
        criteria={**prog.criteria, "evaluation": attrs.evolve(crit, args={**crit.args, "pass_mark": mark})},
        overridden=("evaluation.pass_mark",),
    )


def test_a_pass_mark_decides_only_when_pending_points_cannot_change_it(shapes):
    # a pass mark of 80 (the table has none; the shape allows one): 78.35 < 80, nothing pending → not met
    prog = with_pass_mark(shapes, 80)
    c = both_ways(shapes, candidate(shapes), prog, ON).criterion("evaluation")
    assert c.outcome.value == "not_met"
    assert c.gap == "得分距80分还差1.65分"
    # exactly at it: 78.35 ≥ 78.35
    assert (
        both_ways(shapes, candidate(shapes), with_pass_mark(shapes, 78.35), ON).criterion("evaluation").outcome.value
        == "met"
    )
    # without the 细分市场排名 score, 64.35 are earned and up to 20 pending: 80 is still reachable → review
    scores = {k: v for k, v in SCORES.items() if k != "zhejiang_niche_rank"}
    c = both_ways(shapes, candidate(shapes, scores=scores), prog, ON).criterion("evaluation")
    assert c.outcome.value == "review"
    assert c.values["待定分值"] == 20
    # and a pass mark no pending score can reach is not met at once: 64.35 + 20 < 90
    c = both_ways(shapes, candidate(shapes, scores=scores), with_pass_mark(shapes, 90), ON).criterion("evaluation")
    assert c.outcome.value == "not_met"


# --------------------------------------------------------------------------- boundaries, alone and in a frame
def test_a_score_exactly_at_the_pass_mark_meets_it(shapes):
    # R&D 2019 460 of 10000 = 4.6%, 2020 600 of 12000 = 5% → N = (4.6 + 5) / 2 = 4.8 → 2 + 4.8 = 6.8 (within 5–10);
    # 企业持续创新能力 6.8 + 10 = 16.8 → total 14 + 23 + 12 + 16.8 + 6 + 6.6 = 78.4. Added in binary the total
    # lands a few units in the last place below 78.4: the pass mark's tolerance (REL_TOL) lets it reach 78.4
    years = {"2019": {"revenue": 10000, "rd_expense": 460}, "2020": {"revenue": 12000, "rd_expense": 600}}
    profile = candidate(shapes, years=years)
    c = both_ways(shapes, profile, with_pass_mark(shapes, 78.4), ON).criterion("evaluation")
    assert c.outcome.value == "met"
    assert c.values["得分"] == pytest.approx(78.4)
    assert c.values["企业持续创新能力"] == "16.8分（上限20分）"
    assert c.gap is None
    # a hundredth above the score, nothing pending: not met, short 78.41 − 78.4 = 0.01
    c = both_ways(shapes, profile, with_pass_mark(shapes, 78.41), ON).criterion("evaluation")
    assert c.outcome.value == "not_met"
    assert c.gap == "得分距78.41分还差0.01分"
    assert c.gap_value == pytest.approx(0.01)


@pytest.mark.parametrize(
    ("mark", "outcome"),
    [
        # 2020's 研发 missing: the 2+N item earns nothing yet and may still earn up to its cap of 10 (the section's
        # cap of 20 leaves room: 研发机构 10 + 10). Known: 14 + 23 + 12 + 10 + 6 + 6.6 = 71.6; at most 81.6.
        (80, "unknown"),  # 80 ≤ 81.6: the missing figure can still reach it → unknown (data first)
        (81.6, "unknown"),  # exactly the most it can reach: still reachable
        (81.7, "not_met"),  # 81.7 > 81.6: no value of the missing figure reaches it → not met at once
    ],
)
def test_pending_points_leave_a_pass_mark_open_only_while_they_can_reach_it(shapes, mark, outcome):
    years = {"2019": {"revenue": 10000, "rd_expense": 450}, "2020": {"revenue": 12000}}
    c = both_ways(shapes, candidate(shapes, years=years), with_pass_mark(shapes, mark), ON).criterion("evaluation")
    assert c.outcome.value == outcome
    assert c.values["得分"] == pytest.approx(71.6)
    assert c.values["待定分值"] == 10
    assert c.values["企业持续创新能力"] == "10分（上限20分），待定10分"
    assert c.note == "10分待定"
    if outcome == "not_met":
        # the gap counts from the points earned, not from the most the pending ones could bring: 81.7 − 71.6
        assert c.gap == "得分距81.7分还差10.1分"


@pytest.mark.parametrize(
    ("rd_2019", "rd_2020", "text", "total"),
    [
        # 800/10000 = 8%, 960/12000 = 8% → N = 8 → 2 + 8 = 10: exactly the item's cap, nothing cut
        (800, 960, "10分（2 + N = 10；N=8（研发经费占营业收入比重（2019—2020年平均）））", 81.6),
        # 900/10000 = 9%, 960/12000 = 8% → N = 8.5 → 2 + 8.5 = 10.5 → "不超过10分" → 10
        (900, 960, "10分（2 + N = 10.5，按上限计；N=8.5（研发经费占营业收入比重（2019—2020年平均）））", 81.6),
        # 200/10000 = 2%, 240/12000 = 2% → N = 2 → 2 + 2 = 4 → the item's floor of 5 ("5-10分")
        (200, 240, "5分（2 + N = 4，按下限计；N=2（研发经费占营业收入比重（2019—2020年平均）））", 76.6),
    ],
)
def test_a_formula_is_held_within_its_bounds(shapes, rd_2019, rd_2020, text, total):
    # totals: the 71.6 of the other items (14 + 23 + 12 + 研发机构 10 + 6 + 6.6) plus the item's 10, 10 or 5
    years = {"2019": {"revenue": 10000, "rd_expense": rd_2019}, "2020": {"revenue": 12000, "rd_expense": rd_2020}}
    c = both_ways(shapes, candidate(shapes, years=years), CHAMPION, ON).criterion("evaluation")
    assert c.values[R_AND_D] == text
    assert c.values["得分"] == pytest.approx(total)
    assert c.outcome.value == "met"  # no pass mark, and nothing pending


def with_unstated_bonus(cat, mark: float):
    """The 隐形冠军 table with a pass mark and, in its 附加分, 山西's "贫困县企业适当加分" (a bonus of unstated size)."""
    prog = with_pass_mark(cat, mark)
    crit = prog.criteria["evaluation"]
    sections = [dict(s) for s in crit.args["sections"]]
    bonus = next(s for s in sections if s["id"] == "bonus")
    extra = {"id": "poverty", "label": "贫困县企业", "attest": "shanxi_poverty_county", "points": "unstated"}
    bonus["items"] = [*bonus["items"], extra]
    changed = attrs.evolve(crit, args={**crit.args, "sections": sections})
    return attrs.evolve(prog, criteria={**prog.criteria, "evaluation": changed}, overridden=("evaluation",))


ANSWERS = {"zhejiang_first_national": False, "zhejiang_first_provincial": True}


@pytest.mark.parametrize(
    ("poverty", "mark", "outcome", "text", "note"),
    [
        # the candidate's 78.35 is below 80; a bonus of unstated size is earned: it could lift the score by any
        # amount, so a person decides → review; it counts 0 in the score
        (True, 80, "review", "加分（分值未载明）", "另有加分项符合，分值未载明（不计入得分）"),
        # not yet answered: the bonus may apply, and then lift the score → review
        (None, 80, "review", "待评审", "加分项待定，分值未载明"),
        # answered no: 78.35 < 80 with nothing pending → not met
        (False, 80, "not_met", "0分", None),
        # the score reaches the mark without it (78.35 ≥ 78.35): met whatever the bonus
        (True, 78.35, "met", "加分（分值未载明）", "另有加分项符合，分值未载明（不计入得分）"),
    ],
)
def test_a_bonus_of_unstated_size_leaves_a_score_below_the_mark_to_review(shapes, poverty, mark, outcome, text, note):
    answers = ANSWERS if poverty is None else {**ANSWERS, "shanxi_poverty_county": poverty}
    profile = candidate(shapes, attestations=answers)
    c = both_ways(shapes, profile, with_unstated_bonus(shapes, mark), ON).criterion("evaluation")
    assert c.outcome.value == outcome
    assert c.values["贫困县企业"] == text
    assert c.values["得分"] == pytest.approx(78.35)
    assert c.values["附加分"] == "6.6分（上限10分）"  # 3 + 3.6: the bonus adds nothing to the section
    assert c.note == note


def test_candidates_rank_by_points_within_each_citys_number(shapes):
    # 四（二）限额推荐, numbers from 附件1 (not printed): 杭州 (330100) 2, given by the user.
    # Three 杭州 candidates scored 78.35, 78.35 + 2 = 80.35 (niche 16) and 78.35 − 4 = 74.35 (niche 10),
    # one 宁波 (330200) candidate: 宁波 has no number given → not limited, and the run says so.
    pool = [
        candidate(shapes, 1),
        candidate(shapes, 2, scores={**SCORES, "zhejiang_niche_rank": 16}),
        candidate(shapes, 3, scores={**SCORES, "zhejiang_niche_rank": 10}),
        candidate(shapes, 4, region="330200"),
    ]
    result = select(shapes, shapes.frame(pool), CHAMPION, ON, allocations={"per-city": {"330100": 2}})
    out = result.frame
    assert list(out["rank"]) == [2, 1, 4, 3]
    assert list(out["selected"]) == [True, True, False, True]
    assert (
        out["reason"].iloc[2]
        == "未入选：第4名，各市隐形冠军企业推荐名额（限额推荐）（浙江省（330100））已达上限2家（浙经信企业〔2021〕165号 四（二））"
    )
    assert "评价标准得分=80.35" in out["basis"].iloc[1]
    assert any("宁波市" in n and "的名额未给出" in n for n in result.notes)


def test_bonuses_of_unstated_size_are_reported_not_counted(shapes):
    # 山西 晋企发〔2021〕6号 "8.贫困县企业适当加分": earned, but how much is not said → the score stays 0,
    # the note says a bonus applies; with every bonus answered the table is complete (met)
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
    c = both_ways(shapes, profile, "shapes.shanxi-srdi-project-2021", dt.date(2021, 5, 1)).criterion("bonus")
    assert c.outcome.value == "met"
    assert c.values["贫困县企业"] == "加分（分值未载明）"
    assert c.values["得分"] == 0
    assert c.note == "另有加分项符合，分值未载明（不计入得分）"
    with speaking("en"):
        c = both_ways(shapes, profile, "shapes.shanxi-srdi-project-2021", dt.date(2021, 5, 1)).criterion("bonus")
    assert c.values["贫困县企业"] == "bonus (points not stated)"
    assert c.note == "a further bonus applies, its size not stated (not counted in the score)"
    # 贫困县 not answered: the table has no pass mark, but a bonus may still apply → review, not met
    unanswered = attrs.evolve(
        profile, attestations={k: v for k, v in profile.attestations.items() if k != "shanxi_poverty_county"}
    )
    c = both_ways(shapes, unanswered, "shapes.shanxi-srdi-project-2021", dt.date(2021, 5, 1)).criterion("bonus")
    assert c.outcome.value == "review"
    assert c.values["贫困县企业"] == "待评审"
    assert c.note == "加分项待定，分值未载明"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"formula": "2 + M"}, "公式用到 M，但 vars 中没有定义"),
        ({"formula": "__import__('os')"}, "不允许使用 Call"),
        ({"judged": "x"}, "when、attest、judged、formula、best_of 须给出且只给出其一"),
    ],
)
def test_a_malformed_item_is_refused_naming_it(shapes, change, message):
    prog = shapes.program(CHAMPION)
    crit = prog.criteria["evaluation"]
    sections = [dict(s) for s in crit.args["sections"]]
    capacity = next(s for s in sections if s["id"] == "capacity")
    capacity["items"] = [dict(capacity["items"][0], **change), *capacity["items"][1:]]
    bad = attrs.evolve(
        prog,
        criteria={**prog.criteria, "evaluation": attrs.evolve(crit, args={**crit.args, "sections": sections})},
        overridden=("x",),
    )
    with pytest.raises(Exception) as err:
        shapes.compiled(bad)
    assert message in str(err.value) and "sections[capacity].items[0]" in str(err.value)


# --------------------------------------------------------------------------- in English
# 浙经信企业〔2021〕165号 附件5 (shapes zjjxqy-2021-165.toml), the candidate of test_shape_points.py on
# 2021-11-01 (上年度 2020): sections 20 + 35 + 15 + 20 + 10 + 10 = 110 points, no pass mark.
R_AND_D = "研发投入：近2年研发经费占营业收入平均比重（2+N分）"
FOUNDED = "企业成立时间（1+0.2*N分）"
STANDARDS = "主导与参与产品标准制定（2项取最高分）"


def test_a_points_table_and_its_figures_are_scored_in_english(shapes):
    with speaking("en"):
        c = both_ways(shapes, candidate(shapes), CHAMPION, ON).criterion("evaluation")
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
    c = both_ways(shapes, candidate(shapes), CHAMPION, ON).criterion("evaluation")
    assert c.threshold == "满分110分，不设合格分：得分用于择优排序"
    assert c.values["产品创新性"] == "23分（上限35分）"
    assert c.values[R_AND_D] == "6.75分（2 + N = 6.75；N=4.75（研发经费占营业收入比重（2019—2020年平均）））"
    assert c.values[FOUNDED] == "3.6分（1 + 0.2 * N = 3.6；N=13（注册时间至评价日满年数））"


def test_a_pass_mark_and_pending_points_are_told_in_english(shapes):
    # a pass mark of 80 on the same table (as test_shape_points.py sets it): the candidate's total
    # 14 + 23 + 12 + 16.75 + 6 + 6.6 = 78.35 < 80, short 1.65
    with speaking("en"):
        c = both_ways(shapes, candidate(shapes), with_pass_mark(shapes, 80), ON).criterion("evaluation")
        assert c.threshold == "≥ 80 points (out of 110 points)"
        assert c.gap == "the score needs +1.65 points to reach 80 points"
        # without the 细分市场排名 score (assessor, 8–20 分): 产品市场占有率 earns 0 so far, 20 pending
        scores = {k: v for k, v in SCORES.items() if k != "zhejiang_niche_rank"}
        profile = candidate(shapes, scores=scores)
        c = both_ways(shapes, profile, with_pass_mark(shapes, 80), ON).criterion("evaluation")
    assert c.outcome.value == "review"  # 64.35 + 20 can still reach 80
    assert c.values["细分市场排名"] == "awaiting review (8–20 points, [scores] zhejiang_niche_rank)"
    assert c.values["产品市场占有率"] == "0 points (cap 20 points), 20 points pending"


def test_the_figures_of_a_points_table_are_named_in_english(shapes):
    # the same 78.35 of 110 as above (no pending points: every score is given); the names of the
    # figures follow the language: 得分/待定分值/满分 in Chinese, score/pending points/maximum in English
    with speaking("en"):
        c = both_ways(shapes, candidate(shapes), CHAMPION, ON).criterion("evaluation")
    assert c.values["score"] == pytest.approx(78.35)
    assert c.values["pending points"] == 0
    assert c.values["maximum"] == 110
    assert not {"得分", "待定分值", "满分"} & set(c.values)
    c = both_ways(shapes, candidate(shapes), CHAMPION, ON).criterion("evaluation")
    assert (c.values["得分"], c.values["待定分值"], c.values["满分"]) == (pytest.approx(78.35), 0, 110)
