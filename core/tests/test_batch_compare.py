"""Comparing two programs on the same pool: the 2021 and 2024 key little giant rules.

The firm of core/examples/key-little-giant-eligible.toml is eligible under 财建〔2021〕2号
on 2021-03-15 (derivation in core/tests/test_caijian_2021.py). Under 财建〔2024〕148号 on
2024-07-01 it is not, for two reasons the comparison must name:
- 三（一）"有效期内的…“小巨人”企业": its title of 2020 (year only) lasts 3 years (工信厅企业函
  〔2021〕79号 四（五）), ending between 2022-12-31 and 2023-12-30 — over by 2024-07-01;
- 一、三（一）重点领域: 2024 lists 重点产业链、工业“六基”、战略性新兴产业、未来产业; its 工业“四基”
  is not among them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import srdi
from srdi.batch.whatif import compare

CATALOG = srdi.load([])
EXAMPLES = Path(__file__).parent.parent / "examples"


def test_2021_and_2024_key_little_giant_rules_on_one_pool():
    p = CATALOG.load_profile(EXAMPLES / "key-little-giant-eligible.toml")
    change = compare(
        CATALOG,
        CATALOG.frame([p]),
        "national.key-little-giant-2021",
        "national.key-little-giant-2024",
        dt.date(2021, 3, 15),
        dt.date(2024, 7, 1),
    )
    assert change.changed == 1
    row = change.frame.iloc[0]
    assert (row["before"], row["after"]) == ("eligible", "ineligible")
    first, second = row["why"].split(" | ")
    assert first == "national.key-little-giant-2021：全部符合"
    assert "有效期内的“小巨人”企业（三（一））" in second
    assert "（一、三（一））" in second and "重点领域" in second
    assert int(change.transitions.loc["eligible", "ineligible"]) == 1
