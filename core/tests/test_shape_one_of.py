"""Exactly one of: the alternative the enterprise chose, and only one.

苏工信中小〔2021〕522号 四（二）"同一家企业只能选择一个新认定项目类别申报" over 一（二）'s three
categories (sgxzx-2021-522.toml); 厦门 2021 一（四）"（选择一个方向申报）" (xiamen-2021-srdi.toml).
The choice is a profile fact: shapes.jiangsu_category (a multiple choice, so two ticks are
seen) and shapes.xiamen_direction (one value).
"""

from __future__ import annotations

import datetime as dt

import attrs

from srdi.diff import diff_programs

JIANGSU = "shapes.jiangsu-little-giant-2021"
ON = dt.date(2021, 11, 1)


def applicant(cat, category, **extra):
    # 制造类 figures: 2020 主营业务收入 6000 ≥ 5000 → the 规模 any-of holds; the rest attested.
    # 创新类: registered 2012-06-01, before 2014 → "2014年（包括2014年）后成立" not met.
    ent = {"region_code": "320281", "registered_on": "2012-06-01"}
    if category is not None:
        ent["shapes"] = {"jiangsu_category": category}
    return cat.load_profile_data(
        {
            "enterprise": ent,
            "years": {"2020": {"main_business_revenue": 6000}},
            "attestations": {"jiangsu_manufacturing": True, "jiangsu_innovation": True, "jiangsu_product": True},
            **extra,
        }
    )


def test_the_chosen_category_decides(shapes):
    # 制造类 chosen: its own conditions hold → eligible, whatever the other categories say
    result = shapes.evaluate(applicant(shapes, ["manufacturing"]), JIANGSU, ON)
    assert result.verdict.value == "eligible"
    assert result.group("category").mode == "one_of"
    assert result.group("category/manufacturing").outcome.value == "met"
    assert result.criterion("category/manufacturing/chosen").values == {
        "申报的新认定项目类别": ["小巨人企业（制造类）"]
    }


def test_a_category_that_does_not_hold_is_not_rescued_by_another(shapes):
    # 创新类 chosen: registered 2012 < 2014-01-01 → its founding condition fails → ineligible,
    # though 制造类 (not chosen) would have held
    result = shapes.evaluate(applicant(shapes, ["innovation"]), JIANGSU, ON)
    assert result.criterion("founded-2014").outcome.value == "not_met"
    assert result.group("manufacturing").outcome.value == "met"
    assert result.verdict.value == "ineligible"


def test_choosing_two_categories_meets_none(shapes):
    # "只能选择一个": 制造类 and 产品 both ticked → every branch's "only this one" test fails
    result = shapes.evaluate(applicant(shapes, ["manufacturing", "product"]), JIANGSU, ON)
    assert result.group("category").outcome.value == "not_met"
    assert result.criterion("category/product/chosen").outcome.value == "not_met"
    assert result.verdict.value == "ineligible"


def test_no_choice_is_unknown_not_a_no(shapes):
    # the category is not given: which alternative to judge is unknown → incomplete
    result = shapes.evaluate(applicant(shapes, None), JIANGSU, ON)
    assert result.group("category").outcome.value == "unknown"
    assert result.verdict.value == "incomplete"


def test_no_choice_and_no_alternative_that_can_hold_is_a_no(shapes):
    # nothing chosen, and every alternative fails: 产品 and 制造类 rejected by the assessor,
    # 创新类 founded 2012 → whichever were chosen, not met → ineligible
    profile = applicant(shapes, None)
    profile = attrs.evolve(profile, attestations={"jiangsu_manufacturing": False, "jiangsu_product": False})
    result = shapes.evaluate(profile, JIANGSU, ON)
    assert result.group("category").outcome.value == "not_met"


def test_xiamen_one_direction(shapes):
    # 一（四）: 新颖化 chosen, 研发 40 / 1194 = 3.35% ≥ 3 and attested → the direction holds;
    # the single-choice fact cannot name two
    profile = shapes.load_profile_data(
        {
            "enterprise": {"region_code": "350206", "shapes": {"xiamen_direction": "novel"}},
            "years": {"2020": {"revenue": 1194, "rd_expense": 40}},
            "attestations": {"xiamen_novel": True},
        }
    )
    result = shapes.evaluate(profile, "shapes.xiamen-srdi-2021", dt.date(2021, 9, 20))
    assert result.group("direction").outcome.value == "met"
    assert result.group("direction/specialised").outcome.value == "not_met"


def test_show_and_diff_see_the_alternatives_not_the_derived_nodes(shapes):
    prog = shapes.program(JIANGSU)
    grp = prog.groups["category"]
    assert grp.alternatives == ("product", "manufacturing", "innovation")
    assert grp.choice == "shapes.jiangsu_category"
    # the derived choice tests are structure, not parameters a user overrides
    assert not any(name.startswith("category/") for name in prog.parameter_names())
    # diff against itself: nothing differs, and no derived node is listed
    d = diff_programs(shapes, prog, prog)
    assert d.differences() == []
    assert not any((r.a or "").startswith("category/") for r in d.rows)


def test_an_extension_that_drops_an_alternative_rebuilds_the_group(shapes):
    from srdi.notices.model import DropSpec, NoticeFile, ProgramSpec
    from srdi.programs import resolve_programs

    base = shapes.program(JIANGSU)
    nf = base.notice
    ext = ProgramSpec(
        id="shapes.jiangsu-little-giant-2021-no-product",
        title="（测试）不含产品类别",
        clause="一（二）",
        quote="（二）申报类别及基本条件",
        extends=JIANGSU,
        drop=(DropSpec("product", "一（二）1", "1.专精特新产品", "test"),),
    )
    spec = attrs.evolve(nf.spec, programs=(*nf.spec.programs, ext))
    progs = resolve_programs([NoticeFile(spec, nf.path, nf.text, nf.plugin, nf.plugin_version)])
    prog = progs["shapes.jiangsu-little-giant-2021-no-product"]
    assert prog.groups["category"].alternatives == ("manufacturing", "innovation")
    assert "category/product" not in prog.groups and "category/product/chosen" not in prog.criteria
    # the remaining branches test "this one and not the other", over the two that are left
    assert prog.criteria["category/manufacturing/chosen"].args == {
        "fact": "shapes.jiangsu_category",
        "any_of": ["manufacturing"],
        "none_of": ["innovation"],
    }
    # and srdi diff reports the alternative that went, by its id, not the derived nodes
    row = diff_programs(shapes, base, prog).row("group", "category")
    assert row.status == "changed"
    assert [(c.key, c.a, c.b) for c in row.changes] == [("of", ["product"], None)]
