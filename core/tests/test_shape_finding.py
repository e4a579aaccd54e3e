"""A bar that follows a finding, not the revocation of a title (``finding``).

Two test notices (core/tests/data/shapes):

- 津财规〔2021〕8号 第十一条 (jcg-2021-8.toml): "涉及骗取财政资金补贴的，两年内停止其资金申报资格".
  Two years counted as periods in years are (《民法典》第二百零一条、第二百零二条): from the day
  after the finding to the corresponding day two years later, both barred; the firm may apply
  again the day after.
- 鲁工信融〔2021〕226号 第十七条 (lgxr-2021-226.toml): "…协调领导小组永久取消其申请“专精特新”
  贷款资格": from the finding on, with no end.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from srdi.testing.rows import assert_alone_as_in_frames
from srdi.testing.strategies import profiles

FUND = "shapes.tianjin-fund-2021"
LOAN = "shapes.shandong-srdi-loan"


def firm(cat, region="120116", **shapes):
    return cat.load_profile_data({"enterprise": {"region_code": region, "shapes": shapes}})


@pytest.mark.parametrize(
    ("found_on", "on", "outcome", "again"),
    [
        # found 2021-09-01: the stop's last day is 2023-09-01 (two years on, the corresponding day) → barred,
        # applications accepted again from 2023-09-02
        ("2021-09-01", dt.date(2023, 9, 1), "not_met", "2023-09-02"),
        ("2021-09-01", dt.date(2023, 9, 2), "met", None),
        # the day of the finding itself is within the stop ("两年内停止")
        ("2021-09-01", dt.date(2021, 9, 1), "not_met", "2023-09-02"),
        # found 29 February 2024: 2026 has no 29 February, the stop ends on its month's last day, 28 February
        ("2024-02-29", dt.date(2025, 12, 31), "not_met", "2026-03-01"),
        # found after the day evaluated: nothing had been found on that day → met
        ("2023-01-10", dt.date(2022, 3, 1), "met", None),
        # found 9998-06-01: the stop's last day, 10000-06-01, is past the calendar: barred on every day there is,
        # and no day to apply again can be named
        ("9998-06-01", dt.date(9999, 12, 31), "not_met", None),
        # found 9997-12-31: the stop's last day is 9999-12-31, barred; the day after is past the calendar
        ("9997-12-31", dt.date(9999, 12, 31), "not_met", None),
        # found 9997-12-30: the stop ended on 9999-12-30 → met on the 31st
        ("9997-12-30", dt.date(9999, 12, 31), "met", None),
    ],
)
def test_the_stop_runs_two_years_from_the_finding(shapes, found_on, on, outcome, again):
    profile = firm(shapes, subsidy_fraud_found=True, subsidy_fraud_found_on=found_on)
    c = shapes.evaluate(profile, FUND, on).criterion("no-fraud-finding")
    assert c.outcome.value == outcome
    if again is not None:
        assert c.gap == f"自{again}起可重新申报（查实后不得申报的期限届满）"
    else:
        assert c.gap is None


def test_no_finding_is_met_and_a_finding_not_stated_is_unknown(shapes):
    on = dt.date(2022, 3, 1)
    # 否: no 骗取 was ever established → met
    assert shapes.evaluate(firm(shapes, subsidy_fraud_found=False), FUND, on).verdict.value == "eligible"
    # nothing said: missing data → unknown, never met
    assert shapes.evaluate(firm(shapes), FUND, on).criterion("no-fraud-finding").outcome.value == "unknown"


def test_a_finding_without_its_day_is_unknown_and_asks_for_the_day(shapes):
    # 是 with no day: whether the two years have run cannot be told → unknown, the note naming the day's field
    c = shapes.evaluate(firm(shapes, subsidy_fraud_found=True), FUND, dt.date(2022, 3, 1)).criterion("no-fraud-finding")
    assert c.outcome.value == "unknown"
    assert c.note == "请填写被查实骗取财政资金补贴的日期，以判断不得申报的期限是否届满"


def test_no_beside_a_day_of_finding_is_a_contradiction_not_a_verdict(shapes):
    # 否 and a day: one of the two is wrong → unknown, saying so, rather than trusting either
    profile = firm(shapes, subsidy_fraud_found=False, subsidy_fraud_found_on="2021-09-01")
    c = shapes.evaluate(profile, FUND, dt.date(2022, 3, 1)).criterion("no-fraud-finding")
    assert c.outcome.value == "unknown"
    assert "二者矛盾" in (c.note or "")


def test_a_day_of_finding_alone_decides(shapes):
    # the day given without the yes/no fact: a day of finding says there was one → within two years, not met
    profile = firm(shapes, subsidy_fraud_found_on="2021-09-01")
    assert shapes.evaluate(profile, FUND, dt.date(2022, 3, 1)).criterion("no-fraud-finding").outcome.value == (
        "not_met"
    )


@pytest.mark.parametrize(
    ("found_on", "on", "outcome"),
    [
        # "永久取消": barred from the day of the finding, and still ten years on (past the notice's own term,
        # evaluated as if in force: the bar itself has no end)
        ("2021-11-01", dt.date(2021, 11, 1), "not_met"),
        ("2021-11-01", dt.date(2022, 10, 10), "not_met"),
        # the day before the finding: nothing found yet → met
        ("2021-11-01", dt.date(2021, 10, 31), "met"),
    ],
)
def test_a_bar_for_good_has_no_end(shapes, found_on, on, outcome):
    profile = firm(shapes, region="370102", loan_misuse_found=True, loan_misuse_found_on=found_on)
    c = shapes.evaluate(profile, LOAN, on).criterion("no-loan-misuse")
    assert c.outcome.value == outcome
    assert c.gap is None  # no day to apply again


def test_the_scalar_and_the_table_paths_agree(shapes):
    # one firm per case above through a table: the same outcomes as one by one
    import pandas as pd

    cases = [
        ({"subsidy_fraud_found": True, "subsidy_fraud_found_on": "2021-09-01"}, "not_met"),
        ({"subsidy_fraud_found": False}, "met"),
        ({"subsidy_fraud_found": True}, "unknown"),
        ({}, "unknown"),
        ({"subsidy_fraud_found": False, "subsidy_fraud_found_on": "2021-09-01"}, "unknown"),
    ]
    on = dt.date(2023, 9, 1)
    rows = [firm(shapes, **given).to_row(shapes.vocabulary) for given, _ in cases]
    frame = pd.DataFrame(rows)
    frame["shapes.subsidy_fraud_found_on"] = pd.to_datetime(frame.get("shapes.subsidy_fraud_found_on"))
    codes = shapes.compiled(shapes.program(FUND)).run(frame, on).codes["no-fraud-finding"]
    words = {0: "not_met", 1: "met", 2: "unknown"}
    assert [words[int(c)] for c in codes] == [expected for _, expected in cases]


@pytest.mark.parametrize(
    "lengths",
    [
        {},  # neither a span nor for_good: the bar has no length
        {"years": 2, "for_good": True},  # both: which one holds?
        {"years": -1},  # a negative span
    ],
)
def test_a_bar_needs_exactly_one_length(shapes, lengths):
    from srdi.engine.evaluation import BuildContext
    from srdi.engine.finding import FindingArgs, finding_type

    crit = shapes.program(FUND).criteria["no-fraud-finding"]
    args = FindingArgs(fact="shapes.subsidy_fraud_found", found_on="shapes.subsidy_fraud_found_on", **lengths)
    with pytest.raises(ValueError, match="二者取其一"):
        finding_type().build(args, BuildContext(shapes.metrics, shapes.titles, crit))


def test_the_day_of_finding_must_be_a_date_fact(shapes):
    from srdi.engine.evaluation import ArgumentValueError, BuildContext
    from srdi.engine.finding import FindingArgs, finding_type

    crit = shapes.program(FUND).criteria["no-fraud-finding"]
    # a yes/no fact where the day is asked for: refused at the found_on argument (so validate shows its line)
    args = FindingArgs(fact="shapes.subsidy_fraud_found", found_on="shapes.subsidy_fraud_found", years=2)
    with pytest.raises(ArgumentValueError) as refused:
        finding_type().build(args, BuildContext(shapes.metrics, shapes.titles, crit))
    assert refused.value.arg == "found_on"


@pytest.mark.parametrize(("program", "on"), [(FUND, dt.date(2023, 9, 1)), (LOAN, dt.date(2022, 3, 1))])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_one_firm_a_frame_and_a_read_back_table_agree(shapes, program, on, data):
    # days of finding drawn at, a day before and a day after the bar's last day, and at random; facts left
    # out at random. Each firm alone (scalar path), all as one frame (columnar path) and as a table with
    # Chinese headers read back must say the same of every criterion, with the same explanation.
    pool = data.draw(profiles(shapes, [program], on, max_size=8))
    assert_alone_as_in_frames(shapes, pool, program, on)
