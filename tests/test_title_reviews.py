"""Titles over time: expiry, reviews (复核, 复评) and re-application, with the clause that sets each."""

from __future__ import annotations

import datetime as dt

import pytest

import srdi
from srdi.cli.main import main
from srdi.profile import Profile, Recognition


@pytest.fixture(scope="module")
def catalog():
    return srdi.load()


def events(catalog, *recognitions):
    return {o.event: o for o in catalog.recognition_deadlines(Profile(recognitions=recognitions))}


def test_beijing_reviews_every_year_while_the_title_lasts(catalog):
    # bjjxj-2021-03-31 三（一）"称号有效期为三年，每年复评": granted 2021-05-10 → reviews when it
    # has been held 1 and 2 years (2022-05-10, 2023-05-10); it ends 2024-05-09, so no third review
    occ = events(catalog, Recognition("beijing.srdi_sme", 2021, dt.date(2021, 5, 10)))
    reviews = sorted((o.date, o.clause) for e, o in occ.items() if e.startswith("review:"))
    assert reviews == [(dt.date(2022, 5, 10), "三（一）"), (dt.date(2023, 5, 10), "三（一）")]
    assert occ["expiry:beijing.srdi_sme"].date == dt.date(2024, 5, 9)
    # named by the title (三（一）"北京市“专精特新”中小企业称号…每年复评"), not by the 2021 round that granted it
    assert occ["review:beijing.srdi_sme:1"].title == "北京市“专精特新”中小企业复评（获认定满1年）"


def test_hebei_reviews_in_the_third_year(catalog):
    # 冀工信中小函〔2021〕116号 第十五条 "有效期为三年…每三年开展发展复核一次": a title of 2021 lasts to
    # 2024-12-31 (by year, see the notice header); its review falls in 2024
    occ = events(catalog, Recognition("hebei.srdi_sme", 2021))
    review = occ["review:hebei.srdi_sme:1"]
    assert (review.start, review.date, review.clause, review.notice) == (
        dt.date(2024, 1, 1),
        dt.date(2024, 12, 31),
        "第十五条",
        "冀工信中小函〔2021〕116号",
    )
    assert occ["expiry:hebei.srdi_sme"].date == dt.date(2024, 12, 31)


def test_shanghai_reviews_after_three_years(catalog):
    # 沪经信企〔2021〕539号 三（四）"每 3年复核一次": granted 2021-09-01 → 2024-09-01; with only
    # the year known, some day of 2024
    occ = events(catalog, Recognition("shanghai.srdi_enterprise", 2021, dt.date(2021, 9, 1)))
    assert occ["review:shanghai.srdi_enterprise:1"].date == dt.date(2024, 9, 1)
    vague = events(catalog, Recognition("shanghai.srdi_enterprise", 2021))["review:shanghai.srdi_enterprise:1"]
    assert (vague.start, vague.date) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert "granted_on" in vague.note


def test_reviews_and_an_end_after_9999_are_not_listed(catalog):
    # bjjxj-2021-03-31 三（一）"称号有效期为三年，每年复评": granted 9998-05-10, reviewed 9999-05-10 and 10000-05-10,
    # ending 10001-05-09. Only the first review has a day in the calendar; the rest, and the end, are not listed
    occ = events(catalog, Recognition("beijing.srdi_sme", 9998, dt.date(9998, 5, 10)))
    assert sorted((e, o.date) for e, o in occ.items()) == [("review:beijing.srdi_sme:1", dt.date(9999, 5, 10))]
    # 冀工信中小函〔2021〕116号 第十五条 "有效期为三年…每三年开展发展复核一次", by year: a title of 9997 is reviewed
    # and ends in 10000
    assert events(catalog, Recognition("hebei.srdi_sme", 9997)) == {}


def test_reapplication_cites_its_own_clause(catalog):
    # 辽工信改革〔2022〕9号 三（三）2 "有效期满后仍符合相关条件的…可在期满当年按通知要求重新申报"
    occ = events(catalog, Recognition("liaoning.srdi_sme", 2022))
    assert (
        occ["reapply:liaoning.srdi_sme"].quote == "有效期满后仍符合相关条件的产品或企业可在期满当年按通知要求重新申报"
    )


PROFILE = """
[enterprise]
name = "示例企业"
region_code = "110000"

[[recognitions]]
title = "beijing.srdi_sme"
year = 2021
granted_on = 2021-05-10

[[recognitions]]
title = "national.little_giant"
year = 2021
granted_on = 2021-07-01
"""


def test_deadlines_profile_alone_and_its_ics(tmp_path, capsys):
    path = tmp_path / "firm.toml"
    path.write_text(PROFILE, encoding="utf-8")
    assert main(["deadlines", "--profile", str(path)]) == 0
    table = capsys.readouterr().out
    assert "复评（获认定满1年）" in table and "复核（获认定满3年）" in table and "有效期届满" in table
    out = tmp_path / "titles.ics"
    assert main(["deadlines", "--profile", str(path), "--format", "ics", "--out", str(out)]) == 0
    ics = out.read_bytes().decode("utf-8").replace("\r\n ", "")  # unfold the folded lines
    # 79号 四（五）: the national title granted 2021-07-01 is reviewed 于2024-07-01满3年; the event is the title's
    # first review whatever its day, so a corrected day of recognition updates it rather than adding another
    assert "UID:national.little-giant-3rd-batch-review:national.little_giant:1@srdi" in ics
    assert "DTSTART;VALUE=DATE:20240701" in ics
    assert "DESCRIPTION:工信厅企业函〔2021〕79号 四（五）：我部组织对入选满 3年的企业进行复核" in ics


def test_deadlines_needs_a_program_or_a_profile(capsys):
    assert main(["deadlines"]) == 2
    assert "--program" in capsys.readouterr().err


def test_a_programs_dates_and_a_profiles_titles_are_one_list_by_date(tmp_path, capsys):
    # 冀工信中小函〔2021〕116号 prints no day for the list's publication (an anchor not given here), so neither it
    # nor the publicity counted from it has a date, and the guide runs with no end printed; the profile's titles
    # are dated (Beijing review 2022-05-10 …, national review 2024-07-01, see above). One list by date puts the
    # profile's dated rows first and the program's undated ones last, as each part alone is ordered
    import json

    path = tmp_path / "firm.toml"
    path.write_text(PROFILE, encoding="utf-8")
    assert main(["deadlines", "--program", "hebei.srdi-sme", "--profile", str(path), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["date"] for r in rows] == ["2022-05-10", "2023-05-10", "2024-05-09", "2024-06-30", "2024-07-01"] + [
        None
    ] * 3
    assert [r["event"] for r in rows[-3:]] == ["list-published", "publicity-end", "in-force"]
