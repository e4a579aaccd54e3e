"""Which criteria decide a verdict: only those whose outcome carries up to the root."""

from __future__ import annotations

import datetime as dt

import attrs

PID = "national.key-little-giant-2024"
BASE = {
    "enterprise": {"listing_board": "neeq", "key_fields": ["six_bases"]},
    "plan": {"total_investment": 3200, "directions": ["new_product"], "targets_per_direction": True},
    "recognitions": [{"title": "national.little_giant", "granted_on": "2022-08-01"}],
    "attestations": {"plan_sound": True, "self_application": True},
}


def test_only_the_failure_that_carries_up_is_decisive(baseline):
    # plan of exactly 2000万元 fails "超过2000万元"; everything else holds → that one criterion
    data = {**BASE, "plan": {**BASE["plan"], "total_investment": 2000}}
    r = baseline.evaluate(baseline.load_profile_data(data), PID, dt.date(2024, 7, 1))
    assert r.verdict.value == "ineligible"
    assert [c.id for c in r.decisive()] == ["plan-investment"]


def test_a_holding_exclusion_is_decisive(baseline):
    # in 79号 the none-of exclusions: a major accident in the last three years excludes the firm
    r = baseline.evaluate(
        baseline.load_profile_data({"enterprise": {"major_accident_3y": True}}),
        "national.little-giant-3rd-batch",
        dt.date(2021, 5, 1),
    )
    assert "major-accident" in [c.id for c in r.decisive()]


def test_an_alternative_failing_beside_a_met_one_is_not_decisive(baseline):
    # 79号 三（二）3: invention patents ≥ 2 holds, the other-IP branch fails → ip group met;
    # neither IP criterion is decisive whatever else is missing
    r = baseline.evaluate(
        baseline.load_profile_data(
            {
                "enterprise": {
                    "invention_patents": 3,
                    "utility_patents": 0,
                    "design_patents": 0,
                    "software_copyrights": 0,
                }
            }
        ),
        "national.little-giant-3rd-batch",
        dt.date(2021, 5, 1),
    )
    ids = [c.id for c in r.decisive()]
    assert r.criterion("other-ip").outcome.value == "not_met"
    assert "other-ip" not in ids and "invention-patents" not in ids


def test_nothing_is_decisive_when_eligible(baseline):
    r = baseline.evaluate(baseline.load_profile_data(BASE), PID, dt.date(2024, 7, 1))
    assert r.verdict.value == "eligible" and r.decisive() == []
    assert attrs.has(type(r))
