"""A plugin's facts are given under its own table in every section: enterprise, years and plan."""

from __future__ import annotations

import pytest

from srdi.errors import ProfileError
from srdi.profile.load import profile_from_dict
from srdi.vocabulary import FieldSpec, Vocabulary
from srdi.vocabulary.fields import core_fields

FIELDS = [
    FieldSpec("demo.key_chain", "重点产业链", "bool", "enterprise", origin="srdi-demo"),
    FieldSpec("demo.export_orders", "出口订单额", "money", "years", origin="srdi-demo"),
    FieldSpec("demo.plan_equipment", "设备投资", "money", "plan", origin="srdi-demo"),
]


@pytest.fixture()
def vocabulary():
    return Vocabulary(core_fields() + FIELDS)


def test_plugin_facts_in_each_section(vocabulary):
    data = {
        "enterprise": {"demo": {"key_chain": True}},
        "years": {"2021": {"revenue": 3000, "demo": {"export_orders": 450}}},
        "plan": {"demo": {"plan_equipment": 800}},
    }
    p = profile_from_dict(data, vocabulary)
    assert p.facts["demo.key_chain"] is True
    assert p.years[2021] == {"revenue": 3000.0, "demo.export_orders": 450.0}
    assert p.facts["demo.plan_equipment"] == 800.0


def test_a_plugin_fact_in_the_wrong_section_is_named(vocabulary):
    with pytest.raises(ProfileError) as err:
        profile_from_dict({"enterprise": {"demo": {"export_orders": 450}}}, vocabulary)
    assert str(err.value.problems[0]) == "enterprise.demo.export_orders: 出口订单额应写在 [years.YYYY] 下"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # inside [enterprise.demo] a near miss is one of the plugin's own keys, written as there: not also srdi's
        # key_fields, which shares the name and cannot go in that table
        (
            {"enterprise": {"demo": {"key_feilds": True}}},
            "enterprise.demo.key_feilds: 未知字段（是否应为 'key_fields'？）",
        ),
        # a misspelt plugin table: the full key it most likely meant comes first (srdi's own key_fields after it,
        # which the same name may also have meant)
        (
            {"enterprise": {"dmeo": {"key_fields": True}}},
            "enterprise.dmeo.key_fields: 未知字段（是否应为 'demo.key_fields'、'key_fields'？）",
        ),
    ],
)
def test_a_misspelt_plugin_key_is_answered_with_the_key_meant(data, expected):
    # a plugin field named as one of srdi's own (key_fields, a multiple choice of the core vocabulary)
    vocabulary = Vocabulary([*core_fields(), FieldSpec("demo.key_fields", "重点产业链", "bool", "enterprise")])
    with pytest.raises(ProfileError) as err:
        profile_from_dict(data, vocabulary)
    assert str(err.value.problems[0]) == expected


def test_an_empty_table_under_a_name_no_plugin_has_is_refused_naming_the_plugin_meant():
    # [enterprise.dmeo] with nothing under it names no fact to refuse: before, it was taken as an empty
    # plugin table (the profile schema refuses it). The name is refused, with the plugin it most likely meant.
    vocabulary = Vocabulary([*core_fields(), FieldSpec("demo.key_fields", "重点产业链", "bool", "enterprise")])
    with pytest.raises(ProfileError) as err:
        profile_from_dict({"enterprise": {"dmeo": {}}}, vocabulary)
    assert [str(p) for p in err.value.problems] == [
        "enterprise.dmeo: 没有哪个插件的字段写在这个表下（是否应为 'demo'？）"
    ]
    # an empty table of a plugin that has facts is no mistake: it says nothing
    assert profile_from_dict({"enterprise": {"demo": {}}, "years": {"2021": {"demo": {}}}}, vocabulary).facts == {}
