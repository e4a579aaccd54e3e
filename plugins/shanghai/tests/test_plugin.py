"""The Shanghai plugin as an integrator sees it: its programs, routing and input errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import srdi
from srdi.errors import ProfileError

EXAMPLES = Path(__file__).parent.parent / "examples"

#: Every program the plugin offers, with the notice it cites.
PROGRAMS = {
    "shanghai.key-little-giant-2021": "沪经信企〔2021〕169号",
    "shanghai.platform-2021": "沪经信企〔2021〕169号",
    "shanghai.srdi-enterprise-2021": "沪经信企〔2021〕539号",
    "shanghai.tech-giant-cultivation-2021": "沪科规〔2021〕12号",
    "shanghai.tech-giant-2021": "沪科规〔2021〕12号",
}


def test_programs_of_the_region(shanghai):
    # srdi programs --region shanghai: every program, each citing its notice; the abstract
    # base of the 科技小巨人 tiers is not offered.
    listed = {p.id: p.doc_number for p in shanghai.programs("shanghai")}
    assert listed == PROGRAMS
    assert {p.id for p in shanghai.programs("上海")} == set(PROGRAMS)


def test_every_program_has_dates(shanghai):
    # srdi deadlines: each program has at least one dated event.
    for pid in PROGRAMS:
        assert [o for o in shanghai.deadlines(pid) if o.date is not None], pid


def test_routed_by_credit_code():
    # 91310115…: characters 3–8 are 310115 (浦东新区), which falls back to 上海 (310000).
    cat = srdi.for_credit_code("91310115MA1FL3K2RL")
    assert cat.claims == {"310000": "shanghai"}
    profile = cat.load_profile(EXAMPLES / "srdi-enterprise-eligible.toml")
    assert [r.code for r in cat.regions.chain(cat.region_of(profile).code)] == ["310000", "000000"]
    # on 2021-09-01 the 539号 window is open; the 科技小巨人 办法 comes into force, but its
    # applications open in each year's call (第十条), not on this day
    open_ = {r.program for r in cat.check(profile, dt.date(2021, 9, 1))}
    assert "shanghai.srdi-enterprise-2021" in open_ and "shanghai.tech-giant-2021" not in open_


def test_bad_plugin_facts_are_named(shanghai, tmp_path):
    bad = tmp_path / "firm.toml"
    bad.write_text(
        '[enterprise]\ncredit_code = "91310115MA1FL3K2RL"\n'
        '[enterprise.shanghai]\nquality_award = "city"\nsti_sectr = "manufacturing"\n',
        encoding="utf-8",
    )
    with pytest.raises(ProfileError) as err:
        shanghai.load_profile(bad)
    text = str(err.value)
    assert "enterprise.shanghai.quality_award" in text and "'city' 不是可选项之一" in text
    assert "enterprise.shanghai.sti_sectr" in text and "是否应为 'sti_sector'" in text
