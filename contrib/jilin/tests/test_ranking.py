"""Ranking by the 认定参考指标: it orders eligible candidates and never decides eligibility.

The example (examples/srdi-sme-candidate.toml) earns 80.5 of 100 points and is
eligible (tests/cases/srdi-sme-2021.toml derives both). The pool below changes it:

  A  the example                                         eligible, 80.5
  B  also "市场占有率…居同类产品前列" and "先进的生产技术" (专 +2 +2)   eligible, 84.5
  C  every judgement yes, but 营业收入 900 < 1000            ineligible, 50 + 10 + 10 + 10 + 10 + 6 = 96
     (加分: 领先水平 2, 引领带动 2, standard 2; no honours, no 填补空白)
  D  the example again                                   eligible, 80.5
  → B first; A and D share the second rank (80.5); C keeps its points and gets no rank.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

from srdi.engine.columns import Columns
from srdi_jilin.ranking import rank, reference_points

PROGRAM = "jilin.srdi-sme-2021"
ON = dt.date(2021, 7, 10)
TEXTS = Path(__file__).parent.parent / "src" / "srdi_jilin" / "texts"


@pytest.fixture()
def pool(catalog, example):
    a = example("srdi-sme-candidate")
    b = attrs.evolve(
        a, attestations=a.attestations | {"jilin_market_share_leading": True, "jilin_advanced_process": True}
    )
    yes = {k: True for k in a.attestations}
    c = attrs.evolve(
        a, attestations=yes, years={**a.years, 2020: a.years[2020] | {"revenue": 900.0, "main_business_revenue": 600.0}}
    )
    return catalog.frame([a, b, c, a])


def test_eligible_candidates_ranked_by_points(catalog, pool):
    ranked = rank(catalog, PROGRAM, pool, ON)
    assert ranked["verdict"].tolist() == ["eligible", "eligible", "ineligible", "eligible"]
    assert ranked["reference_points"].tolist() == [80.5, 84.5, 96.0, 80.5]
    assert ranked["rank"].tolist()[:2] == [2, 1] and ranked["rank"].tolist()[3] == 2
    assert ranked["rank"].isna().tolist() == [False, False, True, False]


def test_the_selection_rule_scores_like_the_program(catalog, pool):
    # the rule applies the plan's table, which the 2021 program inherits unchanged
    cols = Columns(pool, catalog.metrics, 2020)
    assert reference_points(cols).tolist() == rank(catalog, PROGRAM, pool, ON)["reference_points"].tolist()
    assert catalog.selection_rules["jilin.reference-points"].score(cols).tolist() == [80.5, 84.5, 96.0, 80.5]


def test_srdi_select_ranks_by_the_points(catalog, pool):
    # the plan names the table as the reference for 择优 ("择优选取培育企业参考指标"), so the
    # selection step ranks the eligible A, B, D by points: B (84.5) first, then A and D (80.5,
    # a tie kept in input order); C is not eligible and is not a candidate
    from srdi.batch.select import select

    chosen = select(catalog, pool, PROGRAM, ON)
    assert chosen.rule == "jilin.reference-points"
    ranked = chosen.frame.dropna(subset=["rank"]).sort_values("rank")
    assert ranked["row"].tolist() == [2, 1, 4]


def test_points_never_change_a_verdict(catalog, example):
    # every judgement "no" and no reference fact: 基本 still earns the legal-person share (12.5)
    p = example("srdi-sme-candidate")
    none = attrs.evolve(p, attestations={k: False for k in p.attestations})
    result = catalog.evaluate(none, PROGRAM, ON)
    assert result.verdict.value == "eligible"
    assert result.group("reference-points").outcome.value == "met"


PASS_MARK_TEXT = "某某厅关于测试评分表的通知\n一、评分表满分10分，得6分以上为合格。\n"
PASS_MARK = """
[notice]
id = "demo-points"
identified_by = "某某厅《关于测试评分表的通知》"
title = "某某厅关于测试评分表的通知"
issuer = ["某某厅"]
issued_on = 2030-01-01
region = "220000"
text = "TEXTFILE"

[[programs]]
id = "demo.points"
title = "评分表"
rule = "score"
clause = "一"
quote = "评分表满分10分"

[[programs.criteria]]
id = "score"
label = "得6分以上"
type = "jilin.points"
points = 10
min_points = 6
items = [{ label = "甲", attest = "a" }, { label = "乙", attest = "b" }, { label = "丙", attest = "c" }, { label = "丁", attest = "d" }, { label = "戊", attest = "e" }]
clause = "一"
quote = "得6分以上为合格"
"""


@pytest.mark.parametrize(
    ("answers", "outcome"),
    [
        # five items of 2 points each against "6分以上" (6 included)
        ({"a": True, "b": True, "c": True}, "met"),  # 6 ≥ 6
        ({"a": True, "b": True, "c": False, "d": False}, "review"),  # 4 earned, 2 pending: 6 still reachable
        ({"a": True, "b": True, "c": False, "d": False, "e": False}, "not_met"),  # 4 < 6, nothing pending
    ],
)
def test_with_a_pass_mark_a_section_decides(tmp_path, answers, outcome):
    from srdi.testing.helpers import catalog_with, write_notice

    cat = catalog_with([write_notice(tmp_path, "points", PASS_MARK, PASS_MARK_TEXT)], plugins=["jilin"])
    profile = cat.load_profile_data({"attestations": answers})
    assert (
        cat.evaluate(profile, "demo.points", dt.date(2030, 1, 1)).verdict.value
        == {
            "met": "eligible",
            "review": "review",
            "not_met": "ineligible",
        }[outcome]
    )


def test_every_item_label_is_printed_in_the_table(catalog):
    # the section quotes are checked by srdi; the items' labels are the table's 二级指标 lines
    from srdi.notices.citations import NoticeText

    text = NoticeText((TEXTS / "jilin-2021-cultivation-plan.txt").read_text(encoding="utf-8"))
    program = catalog.program("jilin.srdi-sme-plan")
    labels = [it["label"] for c in program.criteria.values() if c.type == "jilin.points" for it in c.args["items"]]
    assert len(labels) == 4 + 5 + 5 + 4 + 4 + 5
    assert [label for label in labels if label not in text] == []


def test_section_points_add_up_to_the_table(catalog):
    # 附件4: 50 + 10 × 4 + 10 bonus = 100
    program = catalog.program(PROGRAM)
    assert sum(c.args["points"] for c in program.criteria.values() if c.type == "jilin.points") == 100


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ('[{ label = "甲" }]', "give exactly one of fact, sum, attest"),
        ('[{ label = "甲", attest = "a", points = 4 }]', "the items' points add up to 4, not the section's 10"),
        ('[{ label = "甲", fact = "revenue" }]', "has one value per year"),
        ('[{ label = "甲", fact = "key_fields", any_of = ["nowhere"] }]', "'nowhere' is not a choice of 'key_fields'"),
    ],
)
def test_a_malformed_section_is_refused_with_its_reason(tmp_path, items, message):
    from srdi.errors import SrdiError
    from srdi.testing.helpers import catalog_with, write_notice

    notice = PASS_MARK.replace(
        'items = [{ label = "甲", attest = "a" }, { label = "乙", attest = "b" }, { label = "丙", attest = "c" }, { label = "丁", attest = "d" }, { label = "戊", attest = "e" }]',
        f"items = {items}",
    )
    cat = catalog_with([write_notice(tmp_path, "points", notice, PASS_MARK_TEXT)], plugins=["jilin"])
    with pytest.raises(SrdiError) as err:
        cat.compiled("demo.points")
    assert message in str(err.value)
