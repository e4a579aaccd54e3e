"""Two region criteria in one program, over a table whose rows lie in different regions.

A province's notice that leaves out one of its cities (宁波, 计划单列市, applies through
its own bureau) tests the registration region twice. The region of each row is worked
out once per table and shared; the second criterion must still read every row's.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from srdi.batch import screen
from srdi.testing.strategies import credit_code

TEXT = "示例通知\n示〔2030〕4号\n一、在浙江省注册的企业均可申报，宁波市企业另行组织。\n"
NOTICE = """
[notice]
id = "regions-2030"
doc_number = "示〔2030〕4号"
title = "示例通知"
issuer = ["示"]
issued_on = 2021-03-01
region = "330000"
text = "TEXTFILE"

[[programs]]
id = "demo.province-but-city"
title = "示例项目"
clause = "一"
quote = "在浙江省注册的企业均可申报"
rule = "eligible"

[[programs.groups]]
id = "eligible"
label = "申报条件"
mode = "all"
of = ["in-zhejiang", "not-ningbo"]
clause = "一"
quote = "在浙江省注册的企业均可申报"

[[programs.criteria]]
id = "in-zhejiang"
label = "在浙江省注册"
type = "region"
codes = ["330000"]
clause = "一"
quote = "在浙江省注册"

[[programs.groups]]
id = "not-ningbo"
label = "非宁波市企业"
mode = "none"
of = ["in-ningbo"]
clause = "一"
quote = "宁波市企业另行组织"

[[programs.criteria]]
id = "in-ningbo"
label = "在宁波市注册"
type = "region"
codes = ["330200"]
clause = "一"
quote = "宁波市企业另行组织"
"""


@pytest.fixture(scope="module")
def regions(tmp_path_factory):
    from srdi.testing.helpers import catalog_with, write_notice

    return catalog_with([write_notice(tmp_path_factory.mktemp("regions"), "regions", NOTICE, TEXT)])


def test_a_city_left_out_is_left_out_whatever_row_comes_first(regions):
    # 一 "在浙江省注册的企业均可申报，宁波市企业另行组织": row 1 杭州 (330100): in 浙江, not in 宁波 →
    # eligible. Row 2 宁波 (330200): in 浙江 but in 宁波 → the exclusion holds, ineligible. Row 3 沈阳
    # (210100): not in 浙江 → ineligible. Row 4 no credit code: region unknown → incomplete, both
    # criteria unknown. Each row as it would be checked alone, the first row's region deciding nothing
    # of the others'.
    frame = pd.DataFrame(
        {
            "credit_code": [
                credit_code("330100", 1),
                credit_code("330200", 2),
                credit_code("210100", 3),
                None,
            ]
        }
    )
    out = screen(regions, frame, ["demo.province-but-city"], dt.date(2022, 6, 1)).frame
    assert list(out["verdict"]) == ["eligible", "ineligible", "ineligible", "incomplete"]
    assert [t if isinstance(t, str) else "" for t in out["not_met"]] == [
        "",
        "触发排除：在宁波市注册（一）",
        "在浙江省注册（一）",
        "",
    ]
    assert out["unknown"].iloc[3] == "在浙江省注册（一）；在宁波市注册（一）"


def test_an_exclusion_that_holds_is_led_in_the_language_of_the_run(regions):
    # the 宁波 row of the test above, screened in English: the criterion keeps the notice's words, and
    # what leads it is worded in the run's language (before, 触发排除： stood in the English output)
    from srdi.i18n import speaking

    frame = pd.DataFrame({"credit_code": [credit_code("330200", 2)]})
    with speaking("en"):
        out = screen(regions, frame, ["demo.province-but-city"], dt.date(2022, 6, 1)).frame
    assert list(out["not_met"]) == ["exclusion applies: 在宁波市注册（一）"]


def test_a_value_kept_without_its_reads_is_not_taken_for_one_value(regions):
    # what a criterion read decides whether it is decided once for the table; a value put in the
    # cache without noting its reads names no columns, so it cannot count as one value
    from srdi.engine.columns import Columns

    cols = Columns(pd.DataFrame({"credit_code": ["x"]}), regions.metrics, 2021)
    noted = cols.noting()
    cols._cache[("region", "")] = None  # as region_numbers kept it before it went through derived()
    cols._cache.get(("region", ""))
    cols.stop_noting()
    assert cols.columns_read(noted) is None
    noted = cols.noting()
    cols.derived("region", lambda: cols.raw("credit_code"))
    cols.stop_noting()
    assert cols.columns_read(noted) == {"credit_code"}
