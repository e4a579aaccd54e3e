"""A bar on applying again after a title is revoked (``revoked``).

津工信中小企服〔2021〕17号 指南二（五）(core/tests/data/shapes, jgxzqf-2021-17.toml): "“专精特新”
种子企业在有效期内发现为虚假申报或存在违法违规申报行为的，一经查实，立即予以撤销，且两年内
不再受理其申报申请". Two years counted as periods in years are (《民法典》第二百零一条、第二百零
二条): from the day after the revocation to the corresponding day two years later, both barred;
applications are accepted again the day after.
"""

from __future__ import annotations

import datetime as dt

import pytest

SEED = "shapes.tianjin-seed-batch-2"
TITLE = "shapes.tianjin_seed"


def firm(cat, recognitions=None):
    data = {"enterprise": {"region_code": "120116"}}
    if recognitions is not None:
        data["recognitions"] = recognitions
    return cat.load_profile_data(data)


@pytest.mark.parametrize(
    ("revoked", "on", "outcome"),
    [
        # revoked 2020-07-05: the bar's last day is 2022-07-05 (two years on, the corresponding day) → barred;
        # on 2022-07-06 it has run → met
        ("2020-07-05", dt.date(2022, 7, 5), "not_met"),
        ("2020-07-05", dt.date(2022, 7, 6), "met"),
        # the day of the revocation itself is barred ("立即予以撤销，且两年内不再受理")
        ("2020-07-05", dt.date(2020, 7, 5), "not_met"),
        # revoked 29 February 2020: 2022 has no 29 February, the bar ends on its month's last day, 28 February
        ("2020-02-29", dt.date(2022, 2, 28), "not_met"),
        ("2020-02-29", dt.date(2022, 3, 1), "met"),
        # revoked after the day screened: not revoked on that day, nothing bars it then
        ("2022-08-01", dt.date(2022, 7, 5), "met"),
        # revoked 9998-06-01: the bar's last day, 10000-06-01, is past the calendar → barred on every day there is
        ("9998-06-01", dt.date(9999, 12, 31), "not_met"),
        # revoked 9997-12-31: the bar's last day is 9999-12-31 → barred; the day after is past the calendar
        ("9997-12-31", dt.date(9999, 12, 31), "not_met"),
    ],
)
def test_the_bar_runs_two_years_from_the_revocation(shapes, revoked, on, outcome):
    profile = firm(shapes, [{"title": TITLE, "year": 2019, "revoked_on": revoked}])
    c = shapes.evaluate(profile, SEED, on).criterion("not-revoked")
    assert c.outcome.value == outcome
    if outcome == "not_met":
        # the first day applications are accepted again: the day after the bar's last day; none within the calendar
        first = {"2020-07-05": "2022-07-06", "2020-02-29": "2022-03-01"}.get(revoked)
        assert c.gap == (None if first is None else f"自{first}起可重新申报（撤销后不得申报的期限届满）")


def test_a_title_held_or_lapsed_but_not_revoked_bars_nothing(shapes):
    # listed without revoked_on: never revoked → met; a profile listing nothing (recognitions = []) → met
    on = dt.date(2021, 8, 1)
    held = firm(shapes, [{"title": TITLE, "year": 2019}])
    assert shapes.evaluate(held, SEED, on).criterion("not-revoked").outcome.value == "met"
    assert shapes.evaluate(firm(shapes, []), SEED, on).criterion("not-revoked").outcome.value == "met"


def test_a_profile_that_does_not_list_its_titles_is_unknown_not_met(shapes):
    # no [[recognitions]]: whether a title was revoked is not stated → unknown, with the note saying what to give
    c = shapes.evaluate(firm(shapes), SEED, dt.date(2021, 8, 1)).criterion("not-revoked")
    assert c.outcome.value == "unknown" and "[[recognitions]]" in (c.note or "")


def test_a_revoked_title_is_not_in_force_from_the_day_of_revocation(shapes):
    # province.srdi_sme granted 2021-01-01, valid until 2023-12-31 as the profile states, revoked 2021-06-01:
    # in force on 2021-05-31, not from 2021-06-01 (便函〔2021〕791号 一: "在有效期内的省级“专精特新”中小企业")
    profile = shapes.load_profile_data(
        {
            "enterprise": {"region_code": "440106"},
            "recognitions": [
                {
                    "title": "province.srdi_sme",
                    "granted_on": "2021-01-01",
                    "valid_until": "2023-12-31",
                    "revoked_on": "2021-06-01",
                }
            ],
        }
    )

    def held(on):
        return shapes.evaluate(profile, "shapes.guangdong-listing-pool", on).criterion("provincial-srdi").outcome.value

    assert (held(dt.date(2021, 5, 31)), held(dt.date(2021, 6, 1))) == ("met", "not_met")


@pytest.mark.parametrize(
    "header",
    [
        "rec.shapes.tianjin_seed.revoked_on",
        "天津市“专精特新”种子企业撤销日期",
        "天津市“专精特新”种子企业称号（撤销日期）",
    ],
)
def test_a_table_reads_the_day_of_revocation(shapes, tmp_path, header):
    # two firms as a table, the day of revocation under the column's name or the title's name and 撤销日期,
    # screened on 2022-07-05: the firm revoked 2020-07-05 is barred (its bar's last day), the one revoked
    # 2020-07-04 is not (its bar ended 2022-07-04)
    from srdi.batch import read_table, screen

    path = tmp_path / "firms.csv"
    path.write_text(
        f"企业名称,region_code,recognitions_declared,天津市“专精特新”种子企业,{header}\n"
        "甲,120116,是,2019,2020-07-05\n"
        "乙,120116,是,2019,2020-07-04\n",
        encoding="utf-8",
    )
    table = read_table(path, shapes)
    assert not table.notes and not table.errors  # every column read as the one it names
    out = screen(shapes, table, [SEED], dt.date(2022, 7, 5)).frame
    assert list(out["verdict"]) == ["ineligible", "eligible"]


def test_a_revocation_listed_apart_from_its_grant_is_read(shapes):
    # granted 2019 in one entry, revoked 2020-07-05 in another: the revocation is the title's latest event, so on
    # 2022-07-05 (the bar's last day, as above) the firm is barred; granted again on 2022-09-01 in a third entry, the
    # latest grant is read and nothing bars it on 2022-10-01 (the bar ended 2022-07-05)
    entries = [{"title": TITLE, "year": 2019}, {"title": TITLE, "revoked_on": "2020-07-05"}]
    barred = shapes.evaluate(firm(shapes, entries), SEED, dt.date(2022, 7, 5)).criterion("not-revoked")
    assert barred.outcome.value == "not_met"
    again = firm(shapes, [*entries, {"title": TITLE, "granted_on": "2022-09-01"}])
    assert shapes.evaluate(again, SEED, dt.date(2022, 10, 1)).criterion("not-revoked").outcome.value == "met"
