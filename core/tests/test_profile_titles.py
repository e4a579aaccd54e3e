"""Recognitions in a profile name a known title: by its id, or by a Chinese name only one title carries.

A title nobody defines used to be kept and read as "not held", so a prerequisite on
it failed without a word; now it is refused with the close ids.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

import srdi
from srdi.engine.titles import Title, TitleBook
from srdi.errors import ProfileError, UnknownNameError
from srdi.profile.titles import resolve_title, title_choices
from srdi.schema import profile_schema

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

EXAMPLE = Path(__file__).parents[2] / "plugins" / "liaoning" / "examples" / "little-giant-eligible.toml"


@pytest.fixture(scope="module")
def liaoning():
    return srdi.load(["liaoning"])


def held(cat, title):
    return cat.load_profile_data({"recognitions": [{"title": title, "year": 2021}]})


def test_a_title_id_is_kept(liaoning):
    assert held(liaoning, "liaoning.srdi_sme").recognitions[0].title == "liaoning.srdi_sme"


@pytest.mark.parametrize(
    ("given", "hint"),
    [
        ("liaoning.nope", "是否应为 'liaoning.srdi_sme'"),
        # a hyphen for the underscore is a different id: refused, with the id meant
        ("liaoning.srdi-sme", "是否应为 'liaoning.srdi_sme'"),
    ],
)
def test_an_unknown_title_is_refused_with_the_close_ids(liaoning, given, hint):
    with pytest.raises(ProfileError) as err:
        held(liaoning, given)
    (p,) = err.value.problems
    assert p.key == "recognitions[0].title"
    assert p.message.startswith(f"未知的认定称号 {given!r}") and hint in p.message


def test_a_title_far_from_any_lists_the_titles_of_its_plugin(liaoning):
    with pytest.raises(ProfileError) as err:
        held(liaoning, "liaoning.zzzzzzzzzzzzzzzzzzz")
    message = err.value.problems[0].message
    assert "liaoning 的称号有：" in message and "liaoning.srdi_sme" in message


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        # the name as the notice prints it, and without its quotation marks
        ("辽宁省“专精特新”中小企业", "liaoning.srdi_sme"),
        ("辽宁省专精特新中小企业", "liaoning.srdi_sme"),
        ("辽宁省专精特新“小巨人”企业", "liaoning.little_giant"),
        (" 专精特新“小巨人”企业 ", "national.little_giant"),
    ],
)
def test_an_unambiguous_chinese_name_becomes_the_title_id(liaoning, given, expected):
    assert held(liaoning, given).recognitions[0].title == expected


def test_a_name_without_its_round_note_is_accepted_when_one_title_has_it():
    book = srdi.load(["shanghai"]).titles
    # 上海市“专精特新”企业（2021年度）: the round in brackets may be left out
    assert resolve_title("上海市专精特新企业", book) == "shanghai.srdi_enterprise"


def test_a_name_two_titles_carry_is_refused_with_both_ids():
    book = TitleBook([Title("a.one", "某某企业"), Title("b.two", "某某企业")])
    with pytest.raises(UnknownNameError) as err:
        resolve_title("某某企业", book)
    assert str(err.value) == "认定称号 '某某企业' 同时是 a.one、b.two 的名称，请写其中一个称号 ID"
    # an id stays unambiguous; the shared name is not offered in the schema
    assert resolve_title("a.one", book) == "a.one"
    assert title_choices(book) == ["a.one", "b.two"]


def test_the_resolved_id_counts_for_the_prerequisite(liaoning):
    # 辽工信改革〔2022〕9号 二（一）: a little giant must already be a 省级专精特新中小企业;
    # the example holds it from 2021, written here by its Chinese name → eligible as with the id.
    text = EXAMPLE.read_text(encoding="utf-8").replace('"liaoning.srdi_sme"', '"辽宁省专精特新中小企业"')
    profile = liaoning.load_profile_data(tomllib.loads(text))
    result = liaoning.evaluate(profile, "liaoning.little-giant-2022", dt.date(2022, 3, 1))
    assert result.verdict.value == "eligible"


def test_the_profile_schema_lists_the_allowed_titles(liaoning):
    schema = profile_schema(liaoning.vocabulary, liaoning.titles)
    title = schema["properties"]["recognitions"]["items"]["properties"]["title"]
    assert {"liaoning.srdi_sme", "national.little_giant", "辽宁省“专精特新”中小企业"} <= set(title["enum"])
    assert "liaoning.srdi-sme" not in title["enum"]


def test_without_a_catalog_the_loader_cannot_tell_titles_apart():
    from srdi.profile import profile_from_dict
    from srdi.vocabulary import Vocabulary
    from srdi.vocabulary.fields import core_fields

    p = profile_from_dict({"recognitions": [{"title": "x.y", "year": 2020}]}, Vocabulary(core_fields()))
    assert p.recognitions[0].title == "x.y"
