"""The Python API accepts what is unambiguous and refuses the rest with srdi's own error, naming the argument."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import srdi
from srdi.errors import ArgumentError, ProfileError

EXAMPLE = Path(__file__).parents[2] / "plugins" / "liaoning" / "examples" / "little-giant-eligible.toml"


@pytest.fixture(scope="module")
def liaoning():
    return srdi.load("liaoning")


def test_one_plugin_name_is_a_list_of_one():
    # a string used to be read as its characters: 'l', 'i', 'a', …
    assert set(srdi.load("liaoning").plugins) == {"national", "liaoning"}


@pytest.mark.parametrize(
    ("call", "key", "message"),
    [
        (lambda: srdi.for_credit_code(None), "credit_code", '应为文字（如 "91210100MA0YK3N252"），实为 None'),
        (lambda: srdi.for_region(None), "region", '应为文字（如 "liaoning"、"210000" 或 "辽宁"），实为 None'),
        (lambda: srdi.load(["liaoning", 3]), "plugins", "名称应为文字，实为 3"),
        (lambda: srdi.load(5), "plugins", "应为名称或名称列表，实为 5"),
    ],
)
def test_an_argument_that_names_nothing_is_refused_by_name(call, key, message):
    with pytest.raises(ArgumentError) as err:
        call()
    (p,) = err.value.problems
    assert (p.key, p.message) == (key, message)
    assert isinstance(err.value, TypeError)  # callers catching TypeError still do


def test_a_region_given_as_a_six_digit_number_is_its_code():
    assert set(srdi.for_region(210000).plugins) == {"national", "liaoning"}


def test_an_iso_date_string_is_a_date(liaoning):
    profile = liaoning.load_profile(EXAMPLE)
    by_text = liaoning.check(profile, on="2022-03-01")
    by_date = liaoning.check(profile, on=dt.date(2022, 3, 1))
    assert [(r.program, r.verdict) for r in by_text] == [(r.program, r.verdict) for r in by_date]
    assert by_text  # the 2022 round is open on 1 March 2022
    assert liaoning.evaluate(profile, "liaoning.little-giant-2022", "2022-03-01").verdict.value == "eligible"


@pytest.mark.parametrize("on", ["2022-13-01", "1 March 2022", 20220301, None])
def test_a_date_that_is_no_date_is_refused_naming_on(liaoning, on):
    profile = liaoning.load_profile(EXAMPLE)
    with pytest.raises(ArgumentError) as err:
        liaoning.check(profile, on=on)
    assert err.value.problems[0].key == "on"


def test_one_program_id_is_a_list_of_one(liaoning):
    profile = liaoning.load_profile(EXAMPLE)
    (result,) = liaoning.check(profile, dt.date(2022, 3, 1), programs="liaoning.little-giant-2022")
    assert result.program == "liaoning.little-giant-2022"


@pytest.mark.parametrize(
    ("data", "key", "message"),
    [
        (
            {1: 2},
            "1",
            "节名应为文字（enterprise, years, plan, recognitions, attestations, scores, benchmarks），实为 int",
        ),
        ({"enterprise": {1: 2}}, "enterprise.1", "字段名应为文字，实为 int"),
        ({"attestations": {(1,): True}}, "attestations.(1,)", "名称应为文字，实为 tuple"),
    ],
)
def test_keys_that_are_not_text_are_named(liaoning, data, key, message):
    with pytest.raises(ProfileError) as err:
        liaoning.load_profile_data(data)
    assert [(p.key, p.message) for p in err.value.problems] == [(key, message)]


def test_a_year_given_as_a_number_is_that_year(liaoning):
    assert liaoning.load_profile_data({"years": {2021: {"revenue": 5000}}}).years == {2021: {"revenue": 5000.0}}
