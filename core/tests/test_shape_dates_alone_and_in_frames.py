"""Revocations, cut-off days, tenure, awards that do not stack and benchmarks: one firm alone reads as in a frame.

``revoked``, ``date``, ``tenure``, ``stacking`` and ``benchmark`` test one enterprise with their own
evaluators (plain Python, no frame) and a table with NumPy. Hypothesis draws firms whose day of revocation puts the bar's last day
on the evaluation day, the day before or after it, or long before (津工信中小企服〔2021〕17号
指南二（五）, "两年内不再受理其申报申请"), and whose day of registration is a criterion's
cut-off day, the day before or after it, or any day (晋中小企发〔2021〕6号 附件1 四（一）1 "2019年
1月1日前…登记注册", in both readings of 前; 苏工信中小〔2021〕522号 "2014年（包括2014年）后成立";
and a window from 2015-01-01 to 2018-12-31, both days included, as 北京 writes one), who entered
重庆's cultivation pool a year before the day counted to, the day before or after (渝经信中小〔2021〕21号
附件2 二 "提前 1 年纳入“专精特新”中小企业培育库"; by the year alone, the cut-off's year or either side; some
removed from the pool on the day evaluated, the day before or after, or long before), and
who received the awards a program's award does not stack with, or a lower one (山西's "已经获得
过…项目奖励的企业不得再次申报"; 黔工信中小〔2021〕37号 六（二）"按就高原则进行奖励"), and whose
revenue grew at, just below or just above 1.5 times 厦门's published GDP growth (厦门 2021 一（二）
"不低于同年度厦门市 GDP 增速的1.5倍", a year alone and two years' mean); facts left out at random. Each firm alone (the scalar path), all of them as one frame (the
columnar path, explained row by row) and as a table with Chinese headers read back must
say the same of every criterion, with the same figures, threshold, gap and note. Firms granted in
years beyond ``datetime.date``'s, which no profile file or table holds, are checked alone and in a frame.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from srdi.testing.rows import assert_alone_as_in_frames
from srdi.testing.strategies import profiles

SEED = "shapes.tianjin-seed-batch-2"
SHANXI = "shapes.shanxi-srdi-project-2021"
JIANGSU = "shapes.jiangsu-little-giant-2021"
GUIZHOU = "shapes.guizhou-little-giant-award"
XIAMEN = "shapes.xiamen-srdi-2021"
CHONGQING = "shapes.chongqing-srdi-2022"


def _window(shapes):
    """Shanxi's cut-off as a window (``op = "between"``): from 2015-01-01 to 2018-12-31."""
    prog = shapes.program(SHANXI)
    crit = prog.criteria["registered-before"]
    args = {**crit.args, "op": "between", "date": dt.date(2015, 1, 1), "until": dt.date(2018, 12, 31)}
    window = attrs.evolve(crit, args=args, refs={})
    return attrs.evolve(prog, criteria={**prog.criteria, "registered-before": window}, overridden=("window",))


def _year_end(shapes):
    """重庆's pool tenure counted to the end of the reference year (``as_of = "reference_year_end"``)."""
    prog = shapes.program(CHONGQING)
    crit = prog.criteria["pool-tenure"]
    year_end = attrs.evolve(crit, args={**crit.args, "as_of": "reference_year_end"}, refs={})
    return attrs.evolve(prog, criteria={**prog.criteria, "pool-tenure": year_end}, overridden=("year_end",))


def _program(shapes, program):
    if program == "window":
        return _window(shapes)
    if program == "year-end":
        return _year_end(shapes)
    if isinstance(program, tuple):
        return shapes.program(program[0]).with_overrides(program[1])
    return shapes.program(program)


@pytest.mark.parametrize(
    ("program", "on"),
    [
        # the bar's last day drawn around 2022-07-05, two years after a revocation on 2020-07-05
        (SEED, dt.date(2022, 7, 5)),
        # registered around 2019-01-01, read as included (<=, the notice's reading) and as excluded (<); the
        # award received before or not (no_repeat)
        (SHANXI, dt.date(2021, 5, 1)),
        ((SHANXI, {"cutoff_op": "<"}), dt.date(2021, 5, 1)),
        # registered around 2014-01-01 (>=)
        (JIANGSU, dt.date(2021, 11, 1)),
        # registered around 2015-01-01 and 2018-12-31 (between, both days included)
        ("window", dt.date(2021, 5, 1)),
        # the national 小巨人 title above the province's, or the province's own (higher_only)
        (GUIZHOU, dt.date(2021, 12, 1)),
        # revenue growth against 1.5 × GDP growth: 2020 alone (8.55%), and 2019-2020's mean (10.2%)
        (XIAMEN, dt.date(2021, 9, 20)),
        # in the pool since 2021-01-10 (a year before: met that day), 2021-01-09 or 2021-01-11, or since a year
        # alone: 2020, 2021 or 2022 around the cut-off, whose year 2021 cannot decide, or any year from 2017;
        # counted to 2022-01-10, or to 31 December 2021 (the reference year of 2022-03-01: around 2020-12-31)
        (CHONGQING, dt.date(2022, 1, 10)),
        ("year-end", dt.date(2022, 3, 1)),
        # 29 February 2020 a year on is 28 February 2021: entered 2020-02-27, 2020-02-28 or 2020-02-29
        (CHONGQING, dt.date(2021, 2, 28)),
    ],
    ids=[
        "revoked",
        "date-le",
        "date-lt",
        "date-ge",
        "date-between",
        "stacking-higher-only",
        "benchmark",
        "tenure",
        "tenure-year-end",
        "tenure-29-february",
    ],
)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_one_firm_a_frame_and_a_read_back_table_agree(shapes, program, on, data):
    prog = _program(shapes, program)
    pool = data.draw(profiles(shapes, [prog], on, max_size=8))
    assert_alone_as_in_frames(shapes, pool, prog, on)


@pytest.mark.parametrize(
    ("program", "on"),
    [(CHONGQING, dt.date(2022, 1, 10)), ("year-end", dt.date(2022, 3, 1))],
    ids=["tenure", "tenure-year-end"],
)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_years_beyond_dates_alone_as_in_a_frame(shapes, program, on, data):
    # granted in years datetime.date cannot hold (-2000, 0, 10000, 123456: far before or after the cut-off), which
    # no profile file or table holds: checked alone and as a frame explained row by row, the first half of
    # assert_alone_as_in_frames
    prog = _program(shapes, program)
    pool = data.draw(profiles(shapes, [prog], on, max_size=8, far_years=True))
    singles = [shapes.evaluate(p, prog, on) for p in pool]
    run = shapes.run(prog, shapes.frame(pool), on)
    for i, single in enumerate(singles):
        assert run.result(i) == single, f"firm {i + 1}: alone and in a frame differ"
