"""沪经信企〔2021〕169号: Shanghai's first batch under 财建〔2021〕2号, on the shipped examples.

The key little giant (examples/key-little-giant-eligible.toml), on 2021-03-01, 上年 = 2020:
  序言     credit code 91310117… → 310117 (松江区) ⊂ 310000 ("本市").
  一（一）1 national little giant granted 2020-11-30 (in force: "有效期为3年" from the grant);
           not listed.
  一（一）2 key_fields 工业“四基” → 产业导向 met (one of the three alternatives is enough).
  一（一）3 主营 9000 / 12000 = 75% ≥ 70 ("70%以上").
  一（一）4 研发 (380 + 520) / (10000 + 12000) = 900 / 22000 = 4.09% ≥ 4 (one ratio over
           2019–2020); 3 invention patents ≥ 2 (one of three is enough; a 研发机构 too);
           ISO9000 and ISO14000 → a management certification; 成长性 is not a first-batch
           condition ("（不作为第一批申报条件）") → nothing to meet.
  → eligible.

The platform (examples/platform-eligible.toml):
  一（二）1 recognised by MIIT as a 国家中小企业公共服务示范平台 (2019); 310106 ⊂ 310000.
  一（二）2 provides 技术创新、上市辅导等融资、工业设计 → at least one of the listed services.
  independent legal person (inherited from 财建〔2021〕2号 模板附2).
  → eligible.
"""

from __future__ import annotations

import datetime as dt

import pytest

from srdi.forms import json_schema, validate
from srdi.profile import Recognition
from srdi.testing.timeline import assert_window

ON = dt.date(2021, 3, 1)
KLG = "shanghai.key-little-giant-2021"
PLATFORM = "shanghai.platform-2021"


def outcome(result, node):
    """The outcome of a criterion or group of a result."""
    found = result.criterion(node) if node in {c.id for c in result.criteria} else result.group(node)
    return found.outcome.value


def test_key_little_giant_example(shanghai, example):
    r = shanghai.evaluate(example("key-little-giant-eligible"), KLG, ON)
    assert r.verdict.value == "eligible"
    assert outcome(r, "orientation") == outcome(r, "innovation") == outcome(r, "growth") == "met"
    assert r.criterion("in-shanghai").outcome.value == "met"


def test_extends_the_national_program_citing_shanghai(shanghai):
    # The restated thresholds keep their national values but cite 169号.
    prog = shanghai.program(KLG)
    assert prog.extends == "national.key-little-giant-2021"
    for cid in ("main-business-share", "rd-ratio", "invention-patents", "standards", "not-listed"):
        assert prog.criteria[cid].origin.notice == "沪经信企〔2021〕169号", cid
    assert prog.criteria["main-business-share"].args["value"] == 70
    assert prog.criteria["rd-ratio"].args["value"] == 4
    assert prog.params["growth_required"].origin.notice == "沪经信企〔2021〕169号"


def test_outside_shanghai_is_not_this_call(shanghai, example, edit):
    # The same firm registered in 杭州 (330100) meets the national conditions, not "本市".
    p = edit.facts(example("key-little-giant-eligible"), region_code="330100")
    assert shanghai.evaluate(p, "national.key-little-giant-2021", ON).verdict.value == "eligible"
    r = shanghai.evaluate(p, KLG, ON)
    assert r.criterion("in-shanghai").outcome.value == "not_met"
    assert r.verdict.value == "ineligible"


def test_main_business_share_exactly_70(shanghai, example, edit):
    # 一（一）3 "主营业务收入占营业收入比重70%以上": 8400 / 12000 = 70% → met; 8399 → 69.99% → not.
    p = example("key-little-giant-eligible")
    for main, expected in ((8400.0, "met"), (8399.0, "not_met")):
        q = edit.year(p, 2020, main_business_revenue=main)
        assert shanghai.evaluate(q, KLG, ON).criterion("main-business-share").outcome.value == expected


def test_rd_ratio_exactly_4_percent(shanghai, example, edit):
    # 一（一）4 "近2年研发经费支出占营业收入比重4%以上": 4% of 22000 = 880; 380 + 500 = 880 → met;
    # 380 + 499 = 879 → 3.995% → not met, 1万元 short.
    p = example("key-little-giant-eligible")
    at = edit.year(p, 2020, rd_expense=500.0)
    assert shanghai.evaluate(at, KLG, ON).criterion("rd-ratio").outcome.value == "met"
    short = shanghai.evaluate(edit.year(p, 2020, rd_expense=499.0), KLG, ON).criterion("rd-ratio")
    assert short.outcome.value == "not_met"
    assert short.gap_value == pytest.approx(1.0)


def test_listing_exclusion(shanghai, example, edit):
    # 一（一）1 excludes 上交所主板、科创板, 深交所主板、中小板、创业板 and 境外; 新三板 is not named.
    p = example("key-little-giant-eligible")
    for board, expected in (("sse_star", "not_met"), ("overseas", "not_met"), ("neeq", "met")):
        q = edit.facts(p, listing_board=board)
        assert shanghai.evaluate(q, KLG, ON).criterion("not-listed").outcome.value == expected, board


def test_growth_is_not_a_first_batch_condition(shanghai, example, edit):
    # 一（一）4 "上年主营业务收入增长（不作为第一批申报条件）；或有上市计划": in this first batch a firm
    # whose 主营 fell (9000 → 7000) without a listing plan still passes 成长性. Under the later
    # batches' reading (growth_required = 1) it fails; a filed listing application rescues it.
    p = edit.year(example("key-little-giant-eligible"), 2020, main_business_revenue=7000.0, revenue=9800.0)
    p = edit.year(p, 2019, main_business_revenue=9000.0)
    assert outcome(shanghai.evaluate(p, KLG, ON), "growth") == "met"
    later = shanghai.program(KLG).with_overrides({"growth_required": 1})
    assert outcome(shanghai.evaluate(p, later, ON), "growth") == "not_met"
    filed = edit.facts(p, listing_plan="filed")
    assert outcome(shanghai.evaluate(filed, later, ON), "growth") == "met"


def test_lapsed_little_giant(shanghai, example, edit):
    # 一（一）1 "工业和信息化部认定的专精特新“小巨人”企业": none held → ineligible.
    p = edit.replace(example("key-little-giant-eligible"), recognitions=())
    r = shanghai.evaluate(p, KLG, ON)
    assert r.criterion("little-giant").outcome.value == "not_met"
    assert r.verdict.value == "ineligible"


def test_platform_example(shanghai, example):
    r = shanghai.evaluate(example("platform-eligible"), PLATFORM, ON)
    assert r.verdict.value == "eligible"
    assert r.criterion("national-platform").outcome.value == "met"


def test_provincial_platforms_are_not_admitted(shanghai, example, edit):
    # 一（二）1 names only "工业和信息化部认定的国家中小企业公共服务示范平台"; 财建〔2021〕2号 also
    # admits 省级 platforms. A platform recognised only by the city passes nationally, not here.
    p = edit.replace(example("platform-eligible"), recognitions=(Recognition("province.sme_service_platform", 2019),))
    assert shanghai.evaluate(p, "national.platform-2021", ON).verdict.value == "eligible"
    r = shanghai.evaluate(p, PLATFORM, ON)
    assert r.criterion("national-platform").outcome.value == "not_met"
    assert r.verdict.value == "ineligible"


def test_platform_services_reading(shanghai, example, edit):
    # 一（二）2 "提供技术创新服务，…及工业设计等服务": at least one service (default); with
    # services_min = 7 every listed service is needed, and three are not enough.
    p = example("platform-eligible")
    assert shanghai.evaluate(p, PLATFORM, ON).criterion("services").outcome.value == "met"
    all_seven = shanghai.program(PLATFORM).with_overrides({"services_min": 7})
    assert shanghai.evaluate(p, all_seven, ON).criterion("services").outcome.value == "not_met"
    none = edit.facts(p, platform_services=())
    assert shanghai.evaluate(none, PLATFORM, ON).criterion("services").outcome.value == "not_met"


def test_district_deadline(shanghai):
    # 四（二）"请于2021年3月8日前": the districts' delivery, the last day the call is open. The text
    # prints no issue date; the window opens with 财建〔2021〕2号's date, 2021-01-23.
    for program in (KLG, PLATFORM):
        (occ,) = shanghai.deadlines(program)
        assert (occ.event, occ.date) == ("district-submission", dt.date(2021, 3, 8))
        assert_window(shanghai, program, dt.date(2021, 3, 8))
        assert not shanghai.is_open(program, dt.date(2021, 1, 22))


def test_materials_word_limits(shanghai):
    # 三（一）3、4 "（500-1000字）" and 三（二）1 "不超过3000字", 2 "不超过1000字".
    klg = shanghai.form("hujxq-2021-169:key-little-giant-materials")
    schema = json_schema(klg)
    assert schema["properties"]["overview"]["maxLength"] == 1000
    assert schema["properties"]["annual_targets"]["maxLength"] == 1000
    platform = json_schema(shanghai.form("hujxq-2021-169:platform-materials"))
    assert platform["properties"]["work_plan"]["maxLength"] == 3000
    assert platform["properties"]["annual_targets"]["maxLength"] == 1000
    filled = {
        "basic_table": True,
        "target_table": True,
        "overview": "字" * 1001,
        "annual_targets": "字" * 800,
        "statements_2020": True,
        "listing_plan": "已上市",
    }
    problems = [str(p) for p in validate(klg, filled, shanghai, source="materials.toml")]
    assert any("overview" in p and "共 1001 个字符，超过上限 1000 个" in p for p in problems)
    assert any("listing_plan" in p and "'已上市' 不是可选项之一" in p for p in problems)
    assert len(problems) == 2
