"""One enterprise alone, a frame, a screened table and Dask partitions all say the same thing.

Hypothesis draws lists of profiles aimed at the thresholds of 工信厅企业函〔2021〕79号 and of
辽工信改革〔2022〕9号's 小巨人 tier (values at, just below and just above each one, facts
left out at random). Each list is evaluated

- one profile at a time on the scalar path (``Catalog.evaluate``: plain Python, no frame);
- as one frame on the columnar path (``Catalog.run``), explained row by row;
- screened (``srdi.batch.screen``): verdicts, the deciding criteria and the gap texts,
  built for whole columns;
- as a spreadsheet with Chinese headers read back by the batch reader and screened;
- on Dask, the same frame cut into partitions (``srdi.batch.on_dask``), and kept as two
  Parquet files the workers read as one table.

Every criterion (outcome, figures, threshold, gap, note), every group, the verdict, the
deciding criteria and the gaps must agree.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import srdi
from srdi.batch import screen
from srdi.batch.screen import decisive
from srdi.engine.outcomes import CODE_TO_OUTCOME, CODE_TO_VERDICT
from srdi.testing.rows import REASON_COLUMNS, assert_table_reads_back, expected_row
from srdi.testing.strategies import profiles

CATALOG = srdi.load(["liaoning"])
NATIONAL = "national.little-giant-3rd-batch"
NATIONAL_ON = dt.date(2021, 4, 30)  # inside the upload window 2021-04-28 … 05-06 (五（三）2)
LIAONING = "liaoning.little-giant-2022"
LIAONING_ON = dt.date(2022, 3, 1)  # inside the online window 2022-02-09 … 03-18
LIAONING_ROOT = CATALOG.program(LIAONING).rule
CASES = [(NATIONAL, NATIONAL_ON), (LIAONING, LIAONING_ON)]
SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def _assert_same(run_codes, verdicts, singles):
    for i, single in enumerate(singles):
        for c in single.criteria:
            assert CODE_TO_OUTCOME[int(run_codes[c.id][i])] == c.outcome, (i, c.id)
        for g in single.groups:
            assert CODE_TO_OUTCOME[int(run_codes[g.id][i])] == g.outcome, (i, g.id)
        assert CODE_TO_VERDICT[int(verdicts[i])] == single.verdict, i


def _cell(v):
    return None if pd.isna(v) else v


@pytest.mark.parametrize(("program", "on"), CASES)
@SETTINGS
@given(pool=profiles(CATALOG, [NATIONAL, LIAONING], NATIONAL_ON, max_size=8))
def test_scalar_equals_columnar_criterion_by_criterion(program, on, pool):
    singles = [CATALOG.evaluate(p, program, on) for p in pool]
    run = CATALOG.run(program, CATALOG.frame(pool), on)
    _assert_same(run.codes, run.verdict_codes, singles)
    prog = CATALOG.program(program)
    relevant = decisive(prog, run.codes)
    for i, single in enumerate(singles):
        # the whole explained result: figures used, thresholds, gaps, notes, in order
        assert run.result(i) == single, i
        batch = {cid for cid in prog.criteria if cid in relevant and relevant[cid][i]}
        assert batch == {c.id for c in single.decisive()}, i
    # asked for every other criterion only (a screen asks for those it reports), each of them gets the same
    # rows, and the others none
    some = set(list(prog.criteria)[::2])
    asked = decisive(prog, run.codes, some)
    for cid in prog.criteria:
        if cid in some and cid in relevant:
            assert asked[cid].tolist() == relevant[cid].tolist(), cid
        else:
            assert cid not in asked, cid


@pytest.mark.parametrize(("program", "on"), CASES)
@SETTINGS
@given(pool=profiles(CATALOG, [NATIONAL, LIAONING], NATIONAL_ON, max_size=8))
def test_screen_columns_equal_single_profiles(program, on, pool):
    singles = [CATALOG.evaluate(p, program, on) for p in pool]
    result = screen(CATALOG, CATALOG.frame(pool), [program], on, gaps=True)
    frame = result.frame
    prog = CATALOG.program(program)
    assert list(frame["verdict"]) == [s.verdict.value for s in singles]
    for i, single in enumerate(singles):
        row = frame.iloc[i]
        for column, expected in expected_row(prog, single).items():
            assert _cell(row[column]) == expected, (i, column)


@SETTINGS
@given(pool=profiles(CATALOG, [NATIONAL], NATIONAL_ON, max_size=8))
def test_chinese_header_table_equals_single_profiles(pool):
    # the national program without any regional plugin (tests/test_every_program_screens_as_alone.py
    # asserts the same of every program with every plugin installed)
    assert_table_reads_back(CATALOG, pool, NATIONAL, NATIONAL_ON)


@SETTINGS
@given(pool=profiles(CATALOG, [LIAONING], LIAONING_ON, max_size=9))
def test_dask_partitions_equal_one_frame(pool):
    dd = pytest.importorskip("dask.dataframe")
    dask = pytest.importorskip("dask")
    from srdi.batch.on_dask import screen_dask

    frame = CATALOG.frame(pool)
    expected = screen(CATALOG, frame, [LIAONING], LIAONING_ON, gaps=True).frame
    with dask.config.set(scheduler="synchronous"):
        got = screen_dask(
            dd.from_pandas(frame, npartitions=3), ["liaoning"], [LIAONING], LIAONING_ON, gaps=True, engine_columns=True
        )
        result = got.compute().reset_index(drop=True)
    objects = {c: object for c in expected.columns if c != "row"}
    result, expected = result.astype(objects), expected.astype(objects)
    pd.testing.assert_frame_equal(result.where(result.notna(), None), expected.where(expected.notna(), None))


@SETTINGS
@given(pool=profiles(CATALOG, [LIAONING], LIAONING_ON, max_size=9), cut=st.integers(0, 9))
def test_parquet_files_on_dask_equal_one_frame(pool, cut):
    # the same firms kept as two Parquet files in the engine's columns (cut anywhere, one file possibly empty),
    # read by the workers as one table: every cell as one frame screened with pandas, rows numbered through both
    import tempfile
    from pathlib import Path

    pytest.importorskip("dask.dataframe")
    dask = pytest.importorskip("dask")
    from srdi.batch.on_dask import screen_dask

    frame = CATALOG.frame(pool)
    expected = screen(CATALOG, frame, [LIAONING], LIAONING_ON, gaps=True).frame
    with tempfile.TemporaryDirectory() as folder, dask.config.set(scheduler="synchronous"):
        frame.iloc[:cut].to_parquet(Path(folder) / "part-0.parquet")
        frame.iloc[cut:].to_parquet(Path(folder) / "part-1.parquet")
        got = screen_dask(folder, ["liaoning"], [LIAONING], LIAONING_ON, gaps=True, engine_columns=True)
        result = got.compute().reset_index(drop=True)
    objects = {c: object for c in expected.columns if c != "row"}
    result, expected = result.astype(objects), expected.astype(objects)
    pd.testing.assert_frame_equal(result.where(result.notna(), None), expected.where(expected.notna(), None))


@pytest.mark.parametrize(("program", "on"), CASES)
@SETTINGS
@given(pool=profiles(CATALOG, [NATIONAL, LIAONING], NATIONAL_ON, max_size=8))
def test_a_lean_run_keeps_every_outcome_and_no_converted_column(program, on, pool):
    # A lean run (what screening without gaps makes per slice) drops each converted column after its
    # last reader. Every lean run notes what it reads, for later runs over the same columns; reads can
    # depend on the data (a figure derived only where it is not given), so other frames drawn before
    # may have read less. Once this frame's reads are noted, a lean run over it must give every node's
    # outcome the full run gives, and end holding nothing.
    frame = CATALOG.frame(pool)
    compiled = CATALOG.compiled(program)
    full = compiled.run(frame, on)
    compiled.note_reads(frame, on)
    lean = compiled.run(frame, on, lean=True)
    for node in compiled.order:
        assert lean.codes[node].tolist() == full.codes[node].tolist(), node
    assert lean.cols.held() == []
    assert full.cols.held() != []  # a full run keeps its columns: they explain the rows
    assert lean.leaves == {}


@pytest.mark.parametrize(("program", "on"), CASES)
@SETTINGS
@given(pool=profiles(CATALOG, [NATIONAL, LIAONING], NATIONAL_ON, max_size=8))
def test_screening_without_gaps_lists_the_same_reasons_in_slices(program, on, pool):
    # without gaps, slices of 3 rows run lean; verdicts and deciding criteria must not change
    frame = CATALOG.frame(pool)
    with_gaps = screen(CATALOG, frame, [program], on, gaps=True).frame
    lean = screen(CATALOG, frame, [program], on, gaps=False, chunk_rows=3).frame
    for column in ("verdict", "not_met", "unknown", "review"):
        assert list(lean[column].astype(object)) == list(with_gaps[column].astype(object)), column


@pytest.mark.parametrize(("program", "on"), CASES)
@SETTINGS
@given(pool=profiles(CATALOG, [NATIONAL, LIAONING], NATIONAL_ON, max_size=8), data=st.data())
def test_columns_one_value_fills_screen_as_row_by_row(program, on, pool, data):
    # A criterion whose columns each hold one value in every row is evaluated once, on the first row
    # (CompiledProgram.uniform), and a leaf met in every row is left out of the packed reasons. Copy the
    # first row's value down a random choice of columns (blank ones among them): the screened outcomes,
    # deciding criteria and gaps must still be those of the full run, which evaluates every row.
    frame = CATALOG.frame(pool)
    for column in data.draw(st.lists(st.sampled_from(sorted(frame.columns)), unique=True)):
        frame[column] = frame[column].take([0] * len(frame)).to_numpy()
    run = CATALOG.run(program, frame, on)
    prog = CATALOG.program(program)
    for gaps in (True, False):
        result = screen(CATALOG, frame, [program], on, gaps=gaps)
        codes = result.programs[program].codes
        for node in run.codes:
            assert codes[node].tolist() == run.codes[node].tolist(), (gaps, node)
        for i in range(len(frame)):
            expected = expected_row(prog, run.result(i))
            row = result.frame.iloc[i]
            for column in (*REASON_COLUMNS, "gaps") if gaps else REASON_COLUMNS:
                assert _cell(row[column]) == expected[column], (gaps, i, column)


def test_criteria_are_decided_on_the_first_row_only_where_all_they_read_is_one_value():
    from srdi.engine.columns import Rows

    compiled = CATALOG.compiled(LIAONING)
    same = pd.DataFrame(
        {"revenue_2021": [3000.0] * 4, "region_code": pd.array(["210100"] * 4, dtype="string[pyarrow]")}
    )
    # every column holds one value (the others are absent: missing in every row), so every node is decided once
    assert set(compiled.uniform(Rows(Rows.arrays(same), 0, 4), LIAONING_ON)) == set(compiled.order)
    differs = same.assign(revenue_2021=[3000.0, 3000.0, 3000.0, 1000.0])
    decided = compiled.uniform(Rows(Rows.arrays(differs), 0, 4), LIAONING_ON)
    # the revenue criterion reads the one column that differs: it and the groups above it go row by row
    assert "revenue" not in decided and LIAONING_ROOT not in decided
    assert decided["in-liaoning"] == 1  # 210100 沈阳市 is in 辽宁省, in every row
