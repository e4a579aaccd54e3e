"""A row's reasons name each deciding criterion so that no two criteria read alike.

Notices test the same thing more than once (净利润为正值 for each of the last years, one
region test in two branches of a rule). A screened row's reasons must still say which
one decided it, and two rows decided by different criteria must not read alike (as
categories of one column, equal texts could not even be stored).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from srdi.batch import screen

TEXT = "示例通知\n示〔2030〕3号\n一、近两年每年净利润为正值。\n二、拥有自主品牌。\n"
NOTICE = """
[notice]
id = "alike-2030"
doc_number = "示〔2030〕3号"
title = "示例通知"
issuer = ["示"]
issued_on = 2021-03-01
region = "000000"
text = "TEXTFILE"

[[programs]]
id = "demo.alike"
title = "示例项目"
clause = "一"
quote = "近两年每年净利润为正值"
rule = "all-of-it"

[[programs.groups]]
id = "all-of-it"
label = "全部条件"
mode = "all"
of = ["year-2021", "year-2020", "brand-a", "brand-b"]
clause = "一"
quote = "近两年每年净利润为正值"

[[programs.groups]]
id = "year-2021"
label = "2021年度"
mode = "all"
of = ["profit-2021"]
clause = "一"
quote = "近两年每年净利润为正值"

[[programs.groups]]
id = "year-2020"
label = "2020年度"
mode = "all"
of = ["profit-2020"]
clause = "一"
quote = "近两年每年净利润为正值"

[[programs.criteria]]
id = "profit-2021"
label = "净利润为正值"
type = "compare"
metric = "net_profit"
op = ">"
value = 0
year = 2021
clause = "一"
quote = "净利润为正值"

[[programs.criteria]]
id = "profit-2020"
label = "净利润为正值"
type = "compare"
metric = "net_profit"
op = ">"
value = 0
year = 2020
clause = "一"
quote = "净利润为正值"

[[programs.criteria]]
id = "brand-a"
label = "拥有自主品牌"
type = "flag"
fact = "own_brand"
clause = "二"
quote = "拥有自主品牌"

[[programs.criteria]]
id = "brand-b"
label = "拥有自主品牌"
type = "flag"
fact = "own_brand"
clause = "二"
quote = "拥有自主品牌"

[[programs]]
id = "demo.separator"
title = "示例项目"
clause = "二"
quote = "拥有自主品牌"
rule = "every"

[[programs.groups]]
id = "every"
label = "全部条件"
mode = "all"
of = ["both", "first", "second"]
clause = "二"
quote = "拥有自主品牌"

[[programs.criteria]]
id = "both"
label = "甲（二）；乙"
type = "flag"
fact = "own_brand"
clause = "二"
quote = "拥有自主品牌"

[[programs.criteria]]
id = "first"
label = "甲"
type = "flag"
fact = "digital_plan"
clause = "二"
quote = "拥有自主品牌"

[[programs.criteria]]
id = "second"
label = "乙"
type = "flag"
fact = "lean_training"
clause = "二"
quote = "拥有自主品牌"
"""

ON = dt.date(2022, 6, 1)


@pytest.fixture(scope="module")
def alike(tmp_path_factory):
    from srdi.testing.helpers import catalog_with, write_notice

    return catalog_with([write_notice(tmp_path_factory.mktemp("alike"), "alike", NOTICE, TEXT)])


def test_criteria_alike_are_led_by_their_groups_or_else_ended_by_their_id(alike):
    from srdi.batch.screen import reason_labels

    # profit-2021 and profit-2020 read 净利润为正值（一） alike: the groups they sit in (2021年度,
    # 2020年度) tell them apart; brand-a and brand-b sit in the root only, which is every
    # criterion's, so their ids do
    assert reason_labels(alike.program("demo.alike")) == {
        "profit-2021": "2021年度／净利润为正值（一）",
        "profit-2020": "2020年度／净利润为正值（一）",
        "brand-a": "拥有自主品牌（二）〔brand-a〕",
        "brand-b": "拥有自主品牌（二）〔brand-b〕",
    }


def test_rows_decided_by_criteria_alike_say_which_one(alike):
    # own_brand true: both brand criteria met. Row 1: 2021 loss, 2020 profit → profit-2021 not met,
    # year-2021 not met, the root (all) not met, and profit-2021 is the one reason. Row 2 the other
    # way round. Row 3: both years losses → both, in the rule's order. Row 4: 0 is not 正值 (> 0).
    frame = pd.DataFrame(
        {
            "net_profit_2021": [-1.0, 5.0, -1.0, 0.0],
            "net_profit_2020": [5.0, -1.0, -2.0, 5.0],
            "own_brand": [True, True, True, True],
        }
    )
    out = screen(alike, frame, ["demo.alike"], ON).frame
    assert list(out["verdict"]) == ["ineligible"] * 4
    assert list(out["not_met"]) == [
        "2021年度／净利润为正值（一）",
        "2020年度／净利润为正值（一）",
        "2021年度／净利润为正值（一）；2020年度／净利润为正值（一）",
        "2021年度／净利润为正值（一）",
    ]


def test_rows_missing_a_fact_read_alike_twice_name_both(alike):
    # own_brand not given: brand-a and brand-b unknown; profits positive → root unknown
    # (incomplete), both brand criteria its reasons, each by its id
    frame = pd.DataFrame({"net_profit_2021": [5.0], "net_profit_2020": [5.0], "own_brand": [None]})
    out = screen(alike, frame, ["demo.alike"], ON).frame
    assert list(out["verdict"]) == ["incomplete"]
    assert list(out["unknown"]) == ["拥有自主品牌（二）〔brand-a〕；拥有自主品牌（二）〔brand-b〕"]


def test_two_sets_of_reasons_that_read_alike_are_one_text(alike):
    # a label holding the separator: "甲（二）；乙" (both) reads as first and second together. Row 1:
    # own_brand false → both not met; row 2: digital_plan and lean_training false → first and second
    # not met. Each row lists what decided it; the two texts are the same, and the column holds it once
    frame = pd.DataFrame({"own_brand": [False, True], "digital_plan": [True, False], "lean_training": [True, False]})
    out = screen(alike, frame, ["demo.separator"], ON).frame
    assert list(out["not_met"]) == ["甲（二）；乙（二）", "甲（二）；乙（二）"]
    assert list(out["not_met"].cat.categories) == ["甲（二）；乙（二）"]


def test_whatif_names_the_criterion_that_changed_as_reasons_do(alike):
    from srdi.batch.whatif import whatif

    # profit-2021.value = -5 (净利润 > −5): row 1's 2021 loss of −1 now passes, 2020's profit too →
    # eligible; row 2 still fails 2020 (−1 > 0 does not hold) → unchanged. Only row 1 changes, on
    # profit-2021 alone, named apart from profit-2020 by its group
    frame = pd.DataFrame({"net_profit_2021": [-1.0, 5.0], "net_profit_2020": [5.0, -1.0], "own_brand": [True, True]})
    change = whatif(alike, frame, "demo.alike", ON, {"profit-2021.value": -5})
    assert list(change.frame["row"]) == [1]
    assert list(change.frame["why"]) == ["2021年度／净利润为正值（一）：不符合→符合"]
