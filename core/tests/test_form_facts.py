"""Facts the application forms and their tables ask about: contact, designations, growth, shares."""

from __future__ import annotations

import numpy as np
import pytest

from srdi.engine.columns import Columns


def metric(cat, data, key, year):
    frame = cat.frame([cat.load_profile_data(data)])
    return Columns(frame, cat.metrics, year).metric(key, year)[0]


def test_mid_title_share_and_the_growth_of_exports_taxes_and_rd(baseline):
    data = {
        "years": {
            "2020": {"export_revenue": 400, "taxes_paid": 80, "rd_expense": 200, "employees": 200},
            "2021": {
                "export_revenue": 500,
                "taxes_paid": 60,
                "rd_expense": 200,
                "employees": 200,
                "mid_title_staff": 30,
            },
        }
    }
    assert metric(baseline, data, "mid_title_staff_share", 2021) == pytest.approx(15.0)  # 30 / 200
    assert metric(baseline, data, "export_growth", 2021) == pytest.approx(25.0)  # 500 / 400 − 1
    assert metric(baseline, data, "taxes_growth", 2021) == pytest.approx(-25.0)  # 60 / 80 − 1
    assert metric(baseline, data, "rd_expense_growth", 2021) == pytest.approx(0.0)
    assert np.isnan(metric(baseline, data, "export_growth", 2020))  # no 2019 figure
    # a rate a table gives directly wins over the computed one
    data["years"]["2021"]["export_growth"] = 24.9
    assert metric(baseline, data, "export_growth", 2021) == pytest.approx(24.9)


def test_designations_read_by_their_printed_labels(baseline):
    p = baseline.load_profile_data({"enterprise": {"designations": ["高新技术企业", "规上企业"], "listed": "否"}})
    assert p.facts["designations"] == ("high_tech", "above_scale")
    assert p.facts["listed"] is False


def test_the_led_standards_header_counts_led_standards_only(baseline):
    # "近2年主持制（修）订…数量（个）" counts standards led (主持), not those only joined (参与):
    # it is its own fact, not the led-or-joined count some criteria use.
    voc = baseline.vocabulary
    assert voc.by_header("近2年主持制（修）订国际、国家、行业标准数量（个）") == "standards_led_recent_2y"
    assert voc.by_header("近2年主持（参与）制（修）订国际、国家、行业标准数量") == "standards_recent_2y"


def test_contact_details_are_text(baseline):
    p = baseline.load_profile_data(
        {"enterprise": {"address": "沈阳市浑南区", "postcode": "110000", "contact_mobile": "13800000000"}}
    )
    assert p.facts["postcode"] == "110000"
    assert baseline.vocabulary.by_header("通讯地址") == "address"
