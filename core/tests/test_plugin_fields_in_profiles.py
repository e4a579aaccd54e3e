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
