"""财建〔2024〕148号: eligibility boundaries and the fund rule on worked examples."""

from __future__ import annotations

import datetime as dt

import pytest

from srdi import funding
from srdi.errors import ArgumentError
from srdi.i18n import t

PID = "national.key-little-giant-2024"
ON = dt.date(2024, 7, 1)

# A little giant of the fourth batch (granted 2022-08-01, in force to 2025-07-31 under
# 工信厅企业函〔2021〕79号 四（五）"有效期为3年"), unlisted, in a 重点领域, with a 3200万元
# plan over two directions, targets for each, never supported in the 2021 round.
BASE = {
    "enterprise": {"listing_board": "neeq", "key_fields": ["six_bases"]},
    "plan": {
        "total_investment": 3200,
        "directions": ["new_technology", "supply_chain"],
        "targets_per_direction": True,
    },
    "recognitions": [{"title": "national.little_giant", "granted_on": "2022-08-01", "year": 2022}],
    "attestations": {"plan_sound": True, "self_application": True},
}


def profile(cat, **changes):
    data = {k: (dict(v) if isinstance(v, dict) else list(v)) for k, v in BASE.items()}
    for path, value in changes.items():
        section, key = path.split("__")
        data[section][key] = value
    return cat.load_profile_data(data)


def verdict(cat, p, on=ON):
    return cat.evaluate(p, PID, on)


def test_the_base_firm_is_eligible(baseline):
    # every condition of 三（一）–（二）holds; 新三板 is none of 上交所、深交所、北交所、境外
    r = verdict(baseline, profile(baseline))
    assert r.verdict.value == "eligible"


@pytest.mark.parametrize(
    ("investment", "expected"),
    [
        (2000, "not_met"),  # "投资总额需超过 2000 万元": exactly 2000 does not exceed it
        (2000.01, "met"),
    ],
)
def test_plan_investment_must_exceed_2000(baseline, investment, expected):
    r = verdict(baseline, profile(baseline, plan__total_investment=investment))
    assert r.criterion("plan-investment").outcome.value == expected


def test_listed_on_the_beijing_exchange_is_excluded(baseline):
    # "未在上交所、深交所、北交所，以及境外公开发行股票": 北交所 now counts (it did not in 2021)
    r = verdict(baseline, profile(baseline, enterprise__listing_board="北交所"))
    assert r.criterion("not-listed").outcome.value == "not_met"
    assert r.verdict.value == "ineligible"


def test_the_little_giant_must_be_in_force(baseline):
    # a third-batch title granted 2021-07-01 ends 2024-06-30 (有效期为3年): valid on 06-30,
    # not on 07-01
    p = baseline.load_profile_data(
        {**BASE, "recognitions": [{"title": "national.little_giant", "granted_on": "2021-07-01"}]}
    )
    assert verdict(baseline, p, dt.date(2024, 6, 30)).criterion("valid-little-giant").outcome.value == "met"
    assert verdict(baseline, p, dt.date(2024, 7, 1)).criterion("valid-little-giant").outcome.value == "not_met"


def test_supported_in_the_2021_round_is_excluded(baseline):
    data = {**BASE, "recognitions": BASE["recognitions"] + [{"title": "national.supported_2021_2", "year": 2021}]}
    r = verdict(baseline, baseline.load_profile_data(data))
    assert r.criterion("not-supported-before").outcome.value == "not_met"


def test_plan_quality_is_judged_by_a_person(baseline):
    data = {**BASE, "attestations": {"self_application": True}}
    assert verdict(baseline, baseline.load_profile_data(data)).verdict.value == "review"


# ------------------------------------------------------------------ fund: 四（一）–（三）
def payments(res):
    return {p.tranche: (p.amount, p.status) for p in res.payments}


def outcome(baseline, actual=None, met=None):
    """The fund rule alone for a plan's outcome: these profiles hold only the plan, so Catalog.fund, which pays an
    eligible enterprise only, would find them incomplete; the rule's tranches and clawbacks are tested here."""
    plan = {k: v for k, v in (("actual_investment", actual), ("targets_met", met)) if v is not None}
    prog = baseline.program(PID)
    return funding.compute(
        baseline, prog, baseline.load_profile_data({"plan": plan}), prog.notice.spec.notice.issued_on
    )


def test_standard_and_tranches(baseline):
    # 600万元 per enterprise over three years; 50% at the start, the rest at the end
    res = outcome(baseline, 3000, True)
    assert payments(res) == {"start": (300.0, "payable"), "end": (300.0, "payable")}
    assert (res.total, res.payable, res.recovered) == (600.0, 600.0, 0.0)
    assert res.basis == "transfer_basis"


def test_investment_under_2000_recovers_the_money(baseline):
    # "对推进计划投资总额未达 2000 万元的企业，收回资金": 1999.99 → the 300 paid is recovered,
    # the remaining 300 is never paid
    res = outcome(baseline, 1999.99, True)
    assert payments(res) == {"start": (300.0, "recovered"), "end": (300.0, "withheld")}
    assert (res.payable, res.recovered) == (0.0, 300.0)


def test_2000_with_targets_missed_stops_the_rest(baseline):
    # exactly 2000 is "达 2000 万元以上": not recovered; targets missed → "不再安排剩余资金"
    res = outcome(baseline, 2000, False)
    assert payments(res) == {"start": (300.0, "payable"), "end": (300.0, "withheld")}
    assert {r.id: r.applies for r in res.rules} == {"recover-under-2000": "no", "stop-targets-missed": "yes"}


def test_unknown_outcome_keeps_payments_conditional(baseline):
    res = outcome(baseline)
    assert payments(res) == {"start": (300.0, "payable"), "end": (300.0, "conditional")}
    assert res.payable == 300.0


def test_disbursement_schedule_and_splits(baseline):
    # 10 enterprises: 10 × 300 in 2024 and 10 × 300 at the end (2027); pot 6000万元,
    # of which ≥ 95% = 5700 to the enterprises and ≤ 5% = 300 for 培育赋能
    rows = baseline.fund_schedule(PID, 10, 2024)
    years = {r["year"]: r["total"] for r in rows if "year" in r}
    splits = {r["split"]: (r["op"], r["bound"]) for r in rows if "split" in r}
    assert years == {2024: 3000.0, 2027: 3000.0}
    assert splits == {"直接拨付到“小巨人”企业": (">=", 5700.0), "培育赋能": ("<=", 300.0)}


def test_dates(baseline):
    occ = baseline.deadlines(PID)
    assert [(o.event, o.date) for o in occ] == [
        ("implementation-plan", dt.date(2024, 7, 31)),  # 六: "于 7月 31 日前"
        ("annual-evaluation", dt.date(2025, 4, 30)),  # 三（六）"于每年 4月 30 日前"
        ("annual-evaluation", dt.date(2026, 4, 30)),
        ("annual-evaluation", dt.date(2027, 4, 30)),
    ]
    assert not baseline.is_open(PID, dt.date(2024, 7, 1))  # no enterprise window at national level


def test_a_schedule_keeps_the_conditional_tranche_conditional(baseline):
    # 四（二）"实施期末根据绩效评价情况下达剩余资金": the 300 at the end (2027 for a 2024 start) is paid only if the
    # evaluation allows; the schedule says so beside it, as one enterprise's payments do (conditional)
    rows = baseline.fund_schedule(PID, 10, 2024)
    status = {r["year"]: [i["status"] for i in r["items"]] for r in rows if "year" in r}
    assert status == {2024: ["payable"], 2027: ["conditional"]}
    # each item words its status beside the code, as a payment does (status_label, in the language chosen)
    labels = {r["year"]: [i["status_label"] for i in r["items"]] for r in rows if "year" in r}
    assert labels == {2024: [t("fund.status.payable")], 2027: [t("fund.status.conditional")]}
    assert t("fund.status.conditional") != "fund.status.conditional"  # a catalogued word, not the code


@pytest.mark.parametrize("start", [2023, 9997])
def test_a_schedule_starts_with_the_notice_and_ends_by_9999(baseline, start):
    # 148号 is issued in 2024: a schedule cannot start in 2023; its last tranche is paid three years after the first
    # (2024—2026年 实施期, 期末), so a start in 9997 would pay in 10000, which no date holds
    with pytest.raises(ArgumentError) as err:
        baseline.fund_schedule(PID, 10, start)
    assert [p.key for p in err.value.problems] == ["start_year"]
    assert f"起始年度 {start} 不可用" in err.value.problems[0].message
