"""When a Liaoning title expires and when it may be applied for again (辽工信改革〔2022〕9号 三（三）2)."""

from __future__ import annotations

import datetime as dt

from srdi.profile import Profile, Recognition


def test_expiry_and_reapplication(liaoning):
    # "被认定的产品或企业有效期为3年。有效期满后仍符合相关条件的产品或企业可在期满当年按通知
    # 要求重新申报" and "2019年度企业将于2022年底过期": an SME title of 2021 expires on
    # 2024-12-31, and 2024 is the year to re-apply.
    p = Profile(recognitions=(Recognition("liaoning.srdi_sme", 2021),))
    occ = {o.event: o for o in liaoning.recognition_deadlines(p)}
    assert occ["expiry:liaoning.srdi_sme"].date == dt.date(2024, 12, 31)
    reapply = occ["reapply:liaoning.srdi_sme"]
    assert (reapply.start, reapply.date) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def test_national_title_from_its_grant_date(liaoning):
    # 工信厅企业函〔2021〕79号 四（五）"有效期为 3年": granted 2021-07-01 → last day 2024-06-30;
    # with only the year known, the last day lies between 2023-12-31 and 2024-12-30
    exact = Profile(recognitions=(Recognition("national.little_giant", 2021, dt.date(2021, 7, 1)),))
    o = {o.event: o for o in liaoning.recognition_deadlines(exact)}["expiry:national.little_giant"]
    assert o.date == dt.date(2024, 6, 30) and o.note is None
    vague = Profile(recognitions=(Recognition("national.little_giant", 2021),))
    o = {o.event: o for o in liaoning.recognition_deadlines(vague)}["expiry:national.little_giant"]
    assert o.date == dt.date(2024, 12, 30) and "2023-12-31" in (o.note or "")
