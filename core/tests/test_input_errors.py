"""Bad input to the core modules behind the CLI and the API: the right error class, in the catalogue's words.

The class decides the API's status (web/problems.py): an unknown name is 404, bad
profile data 422, a bad argument 400. Messages are Chinese by default and English
with ``--lang en``, from one catalogue.
"""

from __future__ import annotations

import datetime as dt

import pytest

from srdi import routing, views
from srdi.batch.screen import resolve_programs
from srdi.errors import ArgumentError, ProfileError, SrdiError, UnknownNameError
from srdi.forms import validate
from srdi.i18n import speaking

KLG = "national.key-little-giant-2024"
PLAN = "caijian-2021-2:plan-template"


# ------------------------------------------------------------------ routing
def test_a_profile_with_nothing_to_route_by_is_bad_profile_data():
    # no credit code, no region code, no program: the profile lacks what routing needs, so it is
    # a ProfileError (the API's 422), and the message names both ways to give the program
    data = {"enterprise": {"name": "无代码企业"}}
    with pytest.raises(ProfileError) as err:
        routing.for_profile_data(data, None, source="noroute.toml")
    assert not isinstance(err.value, UnknownNameError)
    (problem,) = err.value.problems
    assert problem.file == "noroute.toml"
    assert problem.message == (
        "企业信息既没有 credit_code 也没有 region_code，无法确定地区：请指定项目（--program / program 参数）"
    )
    with speaking("en"), pytest.raises(ProfileError, match="no credit_code or region_code to route by"):
        routing.for_profile_data(data, None)


# ------------------------------------------------------------------ overrides
def test_an_override_of_the_wrong_type_is_a_bad_argument_not_an_unknown_name(baseline):
    prog = baseline.program(KLG)
    # plan-investment.value is 2000 (an int): 'abc' is a value of the wrong kind, so ArgumentError (400)
    with pytest.raises(ArgumentError) as err:
        prog.with_overrides({"plan-investment.value": "abc"})
    assert not isinstance(err.value, UnknownNameError)
    (problem,) = err.value.problems
    assert (problem.key, problem.message) == ("plan-investment.value", "应为数值（如 2000），实为 'abc'")
    # a yes/no given for a number is named as typed (true), and the kind in words, not Python's int and True
    with speaking("en"), pytest.raises(ArgumentError) as err:
        prog.with_overrides({"plan-investment.value": True})
    assert err.value.problems[0].message == "expected a number such as 2000, got true"


def test_an_override_of_a_name_no_parameter_has_stays_an_unknown_name(baseline):
    prog = baseline.program(KLG)
    with pytest.raises(UnknownNameError):
        prog.with_overrides({"plan-investment.valu": 2500})
    # one unknown name beside one bad value: both are reported, and the whole is bad input
    with pytest.raises(ArgumentError) as err:
        prog.with_overrides({"plan-investment.valu": 2500, "plan-investment.value": "abc"})
    assert [p.key for p in err.value.problems] == ["plan-investment.valu", "plan-investment.value"]


def test_the_batch_keeps_the_class_of_an_override_problem(baseline):
    # batch, select and whatif check overrides per program before reading a table: same classes
    with pytest.raises(ArgumentError):
        resolve_programs(baseline, [KLG], overrides={"plan-investment.value": "abc"})
    with pytest.raises(UnknownNameError):
        resolve_programs(baseline, [KLG], overrides={"plan-investment.valu": 1})


def test_overrides_without_a_program_name_both_ways_to_give_it(baseline):
    # the message is read by CLI users and API clients: it names the flag and the parameter
    with pytest.raises(SrdiError) as err:
        views.check_results(baseline, None, dt.date(2024, 7, 1), None, overrides={"x": 1})  # type: ignore[arg-type]
    assert str(err.value) == (
        "参数调整（--set / --overrides，或 set / overrides 参数）只改一个项目的参数：请指定项目（--program / program 参数）"
    )


# ------------------------------------------------------------------ fund schedule
@pytest.mark.parametrize("enterprises", [0, -3, views.MAX_ENTERPRISES + 1, 10**400])
def test_a_schedule_for_no_or_impossibly_many_enterprises_is_refused(baseline, enterprises):
    # a 400-digit count overflowed a float (a traceback); 0 or a negative count funds nobody
    with pytest.raises(ArgumentError) as err:
        views.fund_schedule_json(baseline, KLG, enterprises, 2024)
    (problem,) = err.value.problems
    assert problem.key == "enterprises"
    assert problem.message.startswith("受支持企业数（--enterprises / enterprises 参数）应为 1 至 1000000 的整数")


def test_a_schedule_for_the_most_enterprises_allowed_is_exact(baseline):
    # 300万元 per enterprise in 2024 (财建〔2024〕148号): a million enterprises is 3 × 10^8 万元, exactly
    data = views.fund_schedule_json(baseline, KLG, views.MAX_ENTERPRISES, 2024)
    years = {r["year"]: r["total"] for r in data["schedule"] if "year" in r}
    assert years[2024] == 300.0 * views.MAX_ENTERPRISES


# ------------------------------------------------------------------ form-check
def test_form_problems_are_in_the_language_of_messages(baseline):
    form = baseline.form(PLAN)
    filled = {"foo": 5, "foundation": 3}
    zh = {p.key: p.message for p in validate(form, filled, baseline)}
    # an unknown field names the form by its title; a number is not text; the three others are missing
    assert zh == {
        "foo": f"不是《{form.title}》的字段",
        "foundation": "应为文字，实为 3",
        "key_firms": "必填",
        "targets": "必填",
        "safeguards": "必填",
    }
    with speaking("en"):
        en = {p.key: p.message for p in validate(form, filled, baseline)}
    assert en["foo"] == f"not a field of {form.title}" and en["key_firms"] == "required"
