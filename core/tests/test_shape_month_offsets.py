"""Deadlines counted in calendar months after a day the user gives.

广东 便函〔2021〕791号 二（二）(gdgxbh-2021-791.toml): "每年省级“专精特新”中小企业…名单公布后…
于名单公布1个月内报我厅". The list's publication is an anchor; the report is due one month
after it, on the corresponding day (the month's last day when it has none).
"""

from __future__ import annotations

import datetime as dt

import pytest

from srdi.notices.semantics import timeline_problems

POOL = "shapes.guangdong-listing-pool"


@pytest.mark.parametrize(
    ("published", "due"),
    [
        # list published 2021-06-15 → "1个月内" ends on the corresponding day, 2021-07-15
        (dt.date(2021, 6, 15), dt.date(2021, 7, 15)),
        # published 2021-01-31: February has no 31st, so the month's last day, 2021-02-28
        (dt.date(2021, 1, 31), dt.date(2021, 2, 28)),
        # 2024 is a leap year: 2024-01-31 → 2024-02-29
        (dt.date(2024, 1, 31), dt.date(2024, 2, 29)),
        # published 2021-12-20 → the period crosses the year: 2022-01-20
        (dt.date(2021, 12, 20), dt.date(2022, 1, 20)),
    ],
)
def test_one_month_after_the_list_is_published(shapes, published, due):
    dated = {o.event: o for o in shapes.deadlines(POOL, anchors={"list-published": published})}
    assert dated["report"].date == due
    assert dated["report"].note is None


def test_without_the_publication_day_the_report_is_not_dated(shapes):
    dated = {o.event: o for o in shapes.deadlines(POOL)}
    assert dated["list-published"].date is None
    assert dated["report"].date is None
    assert "list-published" in dated["report"].note


def test_one_offset_only(shapes):
    """An event that counts both days and months is refused, naming both keys."""
    import attrs

    (report,) = [e.spec for e in shapes.program(POOL).timeline if e.spec.id == "report"]
    both = attrs.evolve(report, offset_days=30)
    found = timeline_problems("timeline", [both], dt.date(2021, 3, 22), {"list-published"})
    assert ("timeline[0].offset_months", "只能给出一个偏移量，不能同时给出 offset_days 和 offset_months") in found
    negative = attrs.evolve(report, offset_months=-1)
    found = timeline_problems("timeline", [negative], dt.date(2021, 3, 22), {"list-published"})
    assert ("timeline[0].offset_months", "偏移量向后计数，不能为负数") in found
