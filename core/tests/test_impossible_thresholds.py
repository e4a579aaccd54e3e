"""Thresholds that decide every enterprise the same way are errors, wherever they are written.

``nan`` and ``inf`` (TOML allows both), a negative floor on a quantity that cannot
be negative, a share above 100%, "at least 3 of 2": in a notice file, an override
(``--set``, an override file, ``with_overrides``) or a notice that extends another.
Each used to be accepted (a ``nan`` threshold was a warning) and made everyone
ineligible — or everyone eligible.
"""

from __future__ import annotations

import datetime as dt

import pytest

from srdi.errors import ArgumentError, NoticeError, SrdiError
from srdi.notices.load import load_notice
from srdi.testing.helpers import catalog_with, write_notice

TEXT = (
    "某省通知\n某〔2030〕1号\n一、营业收入达到2000万元及以上。\n二、主营业务收入占营业收入70%以上。\n"
    "三、营业收入增长率不低于5%。\n四、成立满2年。\n五、满足下列两项：拥有自主品牌；拥有研发机构。\n"
)
NOTICE = """
[notice]
id = "demo-2030-1"
doc_number = "某〔2030〕1号"
title = "某省通知"
issuer = ["某省"]
issued_on = 2030-01-01
region = "000000"
text = "TEXTFILE"

[[programs]]
id = "national.demo"
title = "某项目"
clause = "一"
quote = "营业收入达到2000万元及以上"
reference_year = 2029
rule = "all"

[programs.params.min_revenue]
value = REVENUE
unit = "万元"
clause = "一"
quote = "营业收入达到2000万元及以上"

[[programs.groups]]
id = "all"
label = "全部条件"
mode = "all"
of = ["revenue", "share", "growth", "age", "two"]
clause = "一"
quote = "营业收入达到2000万元及以上"

[[programs.groups]]
id = "two"
label = "满足下列两项"
mode = "at_least"
n = N
of = ["brand", "rd"]
clause = "五"
quote = "满足下列两项"

[[programs.criteria]]
id = "revenue"
label = "营业收入"
type = "compare"
metric = "revenue"
op = ">="
value = "$min_revenue"
clause = "一"
quote = "营业收入达到2000万元及以上"

[[programs.criteria]]
id = "share"
label = "主营业务收入占比"
type = "compare"
metric = "main_business_share"
op = ">="
value = SHARE
clause = "二"
quote = "主营业务收入占营业收入70%以上"

[[programs.criteria]]
id = "growth"
label = "营业收入增长率"
type = "compare"
metric = "revenue_growth"
op = ">="
value = GROWTH
clause = "三"
quote = "营业收入增长率不低于5%"

[[programs.criteria]]
id = "age"
label = "成立年限"
type = "years_since"
op = ">="
value = AGE
clause = "四"
quote = "成立满2年"

[[programs.criteria]]
id = "brand"
label = "自主品牌"
type = "flag"
fact = "own_brand"
clause = "五"
quote = "拥有自主品牌"

[[programs.criteria]]
id = "rd"
label = "研发机构"
type = "flag"
fact = "rd_institution"
clause = "五"
quote = "拥有研发机构"
"""
GOOD = {"REVENUE": "2000", "SHARE": "70", "GROWTH": "5", "AGE": "2", "N": "2"}


def notice(tmp_path, **values):
    toml = NOTICE
    for k, v in {**GOOD, **values}.items():
        toml = toml.replace(k, v)
    return write_notice(tmp_path, "demo", toml, TEXT)


@pytest.mark.parametrize("literal", ["nan", "inf", "-inf"])
def test_a_non_finite_number_in_a_notice_stops_it_loading(tmp_path, literal):
    path = notice(tmp_path, SHARE=literal)
    with pytest.raises(NoticeError) as err:
        load_notice(path)
    (p,) = err.value.problems
    # the `value` line of [[programs.criteria]] id = "share", the file's second criterion
    assert (p.key, p.line) == ("programs[0].criteria[1].value", 58)
    assert p.message == f"应为有限的数，实为 {float(literal)}：nan 与 inf 不能作门槛或金额"


def test_srdi_validate_reports_a_nan_threshold_as_an_error(tmp_path):
    from srdi.validate import validate

    findings = validate(notice(tmp_path, REVENUE="nan"))
    assert [(f.severity, f.problem.key) for f in findings] == [("error", "programs[0].params.min_revenue.value")]


@pytest.mark.parametrize(
    ("values", "key", "message"),
    [
        # 营业收入 cannot be negative: "≥ −1" is met by every firm that states any revenue
        (
            {"REVENUE": "-1"},
            "programs[national.demo].params.min_revenue",
            "营业收入 不可能为负，门槛 -1 无意义",
        ),
        # 主营业务收入 is part of 营业收入, so its share is at most 100%
        (
            {"SHARE": "100.5"},
            "programs[national.demo].criteria[share].value",
            "主营业务收入占营业收入比重 是部分占整体的比重，不可能超过 100%，门槛 100.5 无意义",
        ),
        ({"AGE": "-1"}, "programs[national.demo].criteria[age].value", "年限不可能为负，门槛 -1 无意义"),
        (
            {"N": "3"},
            "programs[national.demo].groups[two].n",
            "至少满足 3 项，但该组只有 2 项：n 应在 0 到 2 之间",
        ),
    ],
)
def test_an_impossible_threshold_in_a_notice_is_refused_when_compiled(tmp_path, values, key, message):
    cat = catalog_with([notice(tmp_path, **values)])
    with pytest.raises(NoticeError) as err:
        cat.compiled("national.demo")
    assert [(p.key, p.message) for p in err.value.problems] == [(key, message)]
    assert err.value.problems[0].file == str(tmp_path / "demo.toml")


@pytest.mark.parametrize("values", [{"GROWTH": "-30"}, {"SHARE": "100"}, {"REVENUE": "0"}, {"N": "0"}])
def test_possible_thresholds_at_the_edges_are_accepted(tmp_path, values):
    # a growth rate can be negative ("降幅不超过30%"); a share can be 100%; a floor of 0 is possible
    assert catalog_with([notice(tmp_path, **values)]).compiled("national.demo")


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_a_non_finite_override_is_refused_by_with_overrides(tmp_path, value):
    prog = catalog_with([notice(tmp_path)]).program("national.demo")
    # share.value is a parameter the program has: a non-finite value for it is a bad argument
    # (the API's 400), not an unknown name (404)
    with pytest.raises(ArgumentError) as err:
        prog.with_overrides({"share.value": value})
    (p,) = err.value.problems
    assert p.key == "share.value" and p.message.startswith("应为有限的数，实为 ")


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("min_revenue", -1, "营业收入 不可能为负，门槛 -1 无意义"),
        ("share.value", 150, "主营业务收入占营业收入比重 是部分占整体的比重，不可能超过 100%，门槛 150 无意义"),
        ("two.n", 5, "至少满足 5 项，但该组只有 2 项：n 应在 0 到 2 之间"),
    ],
)
def test_an_impossible_override_is_refused_naming_the_override(tmp_path, name, value, message):
    cat = catalog_with([notice(tmp_path)])
    changed = cat.program("national.demo").with_overrides({name: value})
    profile = cat.load_profile_data({"years": {"2029": {"revenue": 3000}}})
    with pytest.raises(NoticeError) as err:
        cat.evaluate(profile, changed, dt.date(2030, 3, 1))
    assert [(p.key, p.file, p.message) for p in err.value.problems] == [(name, None, message)]


def test_a_reading_outside_its_choices_is_refused_by_with_overrides(liaoning_catalog):
    prog = liaoning_catalog.program("liaoning.little-giant-2022")
    with pytest.raises(SrdiError) as err:
        prog.with_overrides({"rd_years": "both"})
    (p,) = err.value.problems
    assert p.key == "rd_years" and p.message.startswith("'both' 不是可选的口径之一：")


@pytest.fixture(scope="module")
def liaoning_catalog():
    import srdi

    return srdi.load(["liaoning"])
