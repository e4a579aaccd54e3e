"""Batch evaluation equals single-profile evaluation, criterion by criterion.

Hypothesis draws lists of profiles aimed at the thresholds of 工信厅企业函〔2021〕79号
(values at, just below and just above each one, facts left out at random). Each list
is evaluated three ways: one profile at a time (``Catalog.evaluate``), as one frame
(``Catalog.run``), and as a spreadsheet with Chinese headers read back by the batch
reader and screened. Every criterion, every group and the verdict must agree.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings

import srdi
from srdi.batch import read_table, screen
from srdi.batch.screen import decisive
from srdi.batch.write import profiles_table
from srdi.engine.outcomes import CODE_TO_OUTCOME, CODE_TO_VERDICT
from srdi.testing.strategies import profiles

CATALOG = srdi.load([])
PROGRAM = "national.little-giant-3rd-batch"
ON = dt.date(2021, 4, 30)  # inside the upload window 2021-04-28 … 05-06 (五（三）2)
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def _assert_same(run_codes, verdicts, singles):
    for i, single in enumerate(singles):
        for c in single.criteria:
            assert CODE_TO_OUTCOME[int(run_codes[c.id][i])] == c.outcome, (i, c.id)
        for g in single.groups:
            assert CODE_TO_OUTCOME[int(run_codes[g.id][i])] == g.outcome, (i, g.id)
        assert CODE_TO_VERDICT[int(verdicts[i])] == single.verdict, i


@SETTINGS
@given(profiles(CATALOG, [PROGRAM], ON, max_size=8))
def test_frame_run_equals_single_profiles(pool):
    singles = [CATALOG.evaluate(p, PROGRAM, ON) for p in pool]
    run = CATALOG.run(PROGRAM, CATALOG.frame(pool), ON)
    _assert_same(run.codes, run.verdict_codes, singles)
    # the criteria that decide each verdict, found over the whole frame, are the single result's
    prog = CATALOG.program(PROGRAM)
    relevant = decisive(prog, run.codes)
    for i, single in enumerate(singles):
        batch = {cid for cid in prog.criteria if cid in relevant and relevant[cid][i]}
        assert batch == {c.id for c in single.decisive()}, i


@SETTINGS
@given(profiles(CATALOG, [PROGRAM], ON, max_size=8))
def test_chinese_header_table_equals_single_profiles(pool):
    singles = [CATALOG.evaluate(p, PROGRAM, ON) for p in pool]
    table = read_table(profiles_table(pool, CATALOG.vocabulary, CATALOG.titles), CATALOG)
    assert not table.errors, dict(table.errors)
    result = screen(CATALOG, table, [PROGRAM], ON)
    pc = result.programs[PROGRAM]
    _assert_same(pc.codes, pc.verdict, singles)
    assert list(result.frame["verdict"]) == [s.verdict.value for s in singles]
    assert list(result.frame["row"]) == list(range(1, len(pool) + 1))
