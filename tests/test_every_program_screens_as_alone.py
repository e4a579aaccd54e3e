"""Every program of every installed plugin: a table screened says of each row what the firm checked alone gets.

Screening a table decides some criteria once for the whole table (where all they read
holds one value in every row), evaluates the rest slice by slice, and words each row's
deciding criteria from packed codes; checking one firm does none of that. For each
program, tables drawn by :func:`srdi.testing.strategies.profiles` (figures at and around
the program's thresholds, the regions it names, any fact left out) must give, row by
row, the single check's outcome of every criterion, its verdict, its deciding criteria
under each outcome and its gaps; screened without gaps, the same rows. Examples are
drawn from a fixed seed, a few per program: the number of programs keeps the run
short, their variety finds the faults. A second test copies the first row's values down
some columns, so that criteria are decided once for the table, and asserts the same
outcomes as evaluating every row. A third writes the firms as a bureau's table with
Chinese headers and reads it back with every plugin installed.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import srdi
from srdi.batch import screen
from srdi.engine.outcomes import CODE_TO_OUTCOME
from srdi.testing.rows import REASON_COLUMNS, assert_table_reads_back, expected_row
from srdi.testing.strategies import profiles

CATALOG = srdi.load()
PROGRAMS = [p.id for p in CATALOG.programs()]
SETTINGS = settings(
    max_examples=4,
    derandomize=True,
    deadline=None,
    database=None,
    # a failing table is reported as drawn: shrinking tables of a program's many facts runs for minutes
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
#: the day a program is read on where it names no window of its own
PLAIN_DAY = dt.date(2022, 6, 1)


def _day(pid: str) -> dt.date:
    """The first day the program accepts applications, from its notice; else a plain day."""
    windows = CATALOG.windows(pid, range(2018, 2027))
    return windows[0][0] if windows else PLAIN_DAY


def _cell(v):
    return None if pd.isna(v) else v


@pytest.mark.parametrize("pid", PROGRAMS)
def test_a_table_screened_says_what_each_firm_alone_gets(pid):
    on = _day(pid)
    program = CATALOG.program(pid)

    @SETTINGS
    @given(pool=profiles(CATALOG, [pid], on, max_size=8))
    def check(pool):
        singles = [CATALOG.evaluate(p, pid, on) for p in pool]
        result = screen(CATALOG, CATALOG.frame(pool), [pid], on, gaps=True)
        codes = result.programs[pid].codes
        for i, single in enumerate(singles):
            row = result.frame.iloc[i]
            for c in single.criteria:
                assert CODE_TO_OUTCOME[int(codes[c.id][i])] == c.outcome, (i, c.id)
            for column, expected in expected_row(program, single).items():
                assert _cell(row[column]) == expected, (i, column)
        # without gaps (--no-gaps) columns are dropped after their last reader: the same rows otherwise
        lean = screen(CATALOG, CATALOG.frame(pool), [pid], on, gaps=False).frame
        for column in ("verdict", "not_met", "unknown", "review"):
            assert list(lean[column].astype(object)) == list(result.frame[column].astype(object)), column

    check()


@pytest.mark.parametrize("pid", PROGRAMS)
def test_columns_of_one_value_screen_as_every_row_evaluated(pid):
    # Blank columns, a city's own region code, an attestation answered alike for all: a criterion
    # whose columns each hold one value is decided on the first row. Copy the first row's value down
    # a drawn choice of columns: every node's outcome and every row's reasons must be those of the
    # run that evaluates every row (tied to the single checks by the test above and core's).
    on = _day(pid)
    program = CATALOG.program(pid)

    @SETTINGS
    @given(pool=profiles(CATALOG, [pid], on, max_size=8), data=st.data())
    def check(pool, data):
        frame = CATALOG.frame(pool)
        for column in data.draw(st.lists(st.sampled_from(sorted(frame.columns)), unique=True)):
            frame[column] = frame[column].take([0] * len(frame)).to_numpy()
        run = CATALOG.run(pid, frame, on)
        for gaps in (True, False):
            result = screen(CATALOG, frame, [pid], on, gaps=gaps)
            codes = result.programs[pid].codes
            for node in run.codes:
                assert codes[node].tolist() == run.codes[node].tolist(), (gaps, node)
            for i in range(len(frame)):
                expected = expected_row(program, run.result(i))
                row = result.frame.iloc[i]
                for outcome in REASON_COLUMNS:
                    assert _cell(row[outcome]) == expected[outcome], (gaps, i, outcome)

    check()


@pytest.mark.parametrize("pid", PROGRAMS)
def test_a_chinese_header_table_of_the_firms_reads_back_as_each_firm(pid):
    # The firms written as a bureau's table (Chinese headers, choice labels, titles by name and
    # year; srdi.batch.write.profiles_table), read back with every plugin installed and screened:
    # no cell refused, and every criterion's outcome what the firm checked alone gets. Headers
    # several plugins share and labels holding a list separator must not lose an answer.
    on = _day(pid)

    @SETTINGS
    @given(pool=profiles(CATALOG, [pid], on, max_size=8))
    def check(pool):
        assert_table_reads_back(CATALOG, pool, pid, on)

    check()
