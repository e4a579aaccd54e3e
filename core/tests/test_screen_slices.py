"""How screening cuts a table into slices, joins reason labels, and asks NumPy and the allocator for memory."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

import srdi
from srdi.batch.screen import GAP_SLICE_ROWS, SLICE_ROWS, screen, slice_rows, threads_for
from srdi.engine import pages
from srdi.engine.text import join_chosen


@pytest.mark.parametrize("n", [1, 1000, SLICE_ROWS[0], SLICE_ROWS[0] + 1, 100_000, 1_000_000, 3_000_003])
@pytest.mark.parametrize("threads", [1, 2, 3, 8])
def test_slices_cover_the_table_equally_and_keep_every_thread_busy(n, threads):
    step = slice_rows(n, threads)
    slices = -(-n // step)
    assert 1 <= step <= SLICE_ROWS[1]
    if n <= SLICE_ROWS[0]:
        assert slices == 1  # a small table is not split
    else:
        assert slices % threads == 0  # no thread left with fewer slices than another
        assert n - (slices - 1) * step > step - slices  # the last slice is as full as the others, within rounding


def test_a_million_rows_on_two_threads_are_two_halves_or_four_slices_where_gaps_are_stated():
    assert slice_rows(1_000_000, 2) == 500_000
    assert slice_rows(100_000, 2) == 50_000
    assert slice_rows(1_000_000, 2, GAP_SLICE_ROWS) == 250_000
    assert threads_for(1_000_000, 2, GAP_SLICE_ROWS) == 2


@pytest.mark.parametrize(
    ("n", "workers", "step", "threads"),
    [
        (100_000, 2, None, 1),  # one slice: one thread
        (SLICE_ROWS[1], 2, None, 1),  # still one slice
        (SLICE_ROWS[1] + 1, 2, None, 2),  # two slices: a thread each
        (2 * SLICE_ROWS[1] + 1, 8, None, 3),  # three slices: three threads
        (1_000_000, 2, None, 2),
        (3_000_000, 2, None, 2),  # never more than asked for
        (3_000_000, 8, None, 6),  # six slices: a thread each
        (1_000_000, 1, None, 1),
        (1_000, 4, 100, 4),  # slices of the caller's size count the same way
        (1_000, 4, 500, 2),
        (0, 2, None, 1),
    ],
)
def test_each_thread_gets_a_slice_at_least(n, workers, step, threads):
    assert threads_for(n, workers, step) == threads


def test_labels_are_joined_in_part_order_without_empty_texts():
    words = ["", "甲", "乙"]
    later = ["", "丙"]
    out = join_chosen([(words, np.array([0, 1, 2, 0, 1])), (later, np.array([0, 1, 1, 1, 0]))], "；")
    assert out.tolist() == ["", "甲；丙", "乙；丙", "丙", "甲"]
    assert out.dtype == object and all(type(t) is str for t in out)


def test_a_separator_follows_any_earlier_part_that_chose_a_text():
    # three parts of one label each: a row's text lists the chosen labels in part order, "；" between them only
    parts = [
        (["", t], np.array(which)) for t, which in zip("甲乙丙", ([0, 1, 0, 1, 0], [0, 0, 1, 1, 0], [1, 1, 1, 1, 0]))
    ]
    assert join_chosen(parts, "；").tolist() == ["丙", "甲；丙", "乙；丙", "甲；乙；丙", ""]


def test_no_rows_join_to_no_texts():
    assert join_chosen([(["", "甲"], np.zeros(0, dtype=np.int64))], "；").tolist() == []


def _numpy_asks_for_huge_pages() -> bool:
    toggle = pages._toggle()
    assert toggle is not None
    now = toggle(True)
    toggle(now)
    return now


def test_screening_asks_for_ordinary_pages_and_restores_the_setting(monkeypatch):
    monkeypatch.delenv("NUMPY_MADVISE_HUGEPAGE", raising=False)
    toggle = pages._toggle()
    before = toggle(True)
    try:
        with pages.ordinary_pages():
            assert not _numpy_asks_for_huge_pages()
            with pages.ordinary_pages():  # nested: still off, and the inner exit does not turn it back on
                pass
            assert not _numpy_asks_for_huge_pages()
        assert _numpy_asks_for_huge_pages()
    finally:
        toggle(before)


def test_a_users_choice_of_pages_is_left_alone(monkeypatch):
    monkeypatch.setenv("NUMPY_MADVISE_HUGEPAGE", "1")
    toggle = pages._toggle()
    before = toggle(True)
    try:
        with pages.ordinary_pages():
            assert _numpy_asks_for_huge_pages()
    finally:
        toggle(before)


def test_a_cut_of_the_columns_reads_as_the_same_rows_of_the_frame():
    # screening reads each slice through Rows (views of the frame's arrays); what a criterion reads
    # must be what it would read from frame.iloc[start:stop], missing cells included
    import pandas as pd

    from srdi.engine.columns import Columns, Rows

    frame = pd.DataFrame(
        {
            "revenue_2021": pd.array([1.5, None, 3.0, 4.0, None], dtype="Float64"),
            "employees_2021": pd.array([10, 20, None, 40, 50], dtype="Int32"),
            "rd_institution": pd.array([True, None, False, True, False], dtype="boolean"),
            "region_code": pd.Categorical(["210100", "210200", None, "210100", "210300"]),
            "name": pd.array(["甲", "乙", None, "丁", "戊"], dtype="string"),
            "registered_on": pd.to_datetime(["2010-01-02", None, "2015-06-30", "2020-12-31", "2001-03-04"]),
        }
    )
    arrays = Rows.arrays(frame)
    for start, stop in [(0, 5), (1, 4), (3, 5), (2, 2)]:
        cut = Columns(Rows(arrays, start, stop), None, 2021)
        whole = Columns(frame.iloc[start:stop], None, 2021)
        assert cut.n == whole.n == stop - start
        for col in ("revenue_2021", "employees_2021", "rd_institution"):
            np.testing.assert_array_equal(cut.num(col), whole.num(col))
        np.testing.assert_array_equal(cut.date("registered_on"), whole.date("registered_on"))
        assert cut.codes("region_code")[0].tolist() == whole.codes("region_code")[0].tolist()
        assert cut.text("name").tolist() == whole.text("name").tolist()
        assert cut.strings("name").tolist() == whole.strings("name").tolist()
        assert cut.has("name") and not cut.has("absent") and cut.num("absent").shape == (stop - start,)


def test_a_cut_of_a_frame_without_columns_still_has_its_rows():
    from srdi.engine.columns import Columns, Rows

    cut = Columns(Rows({}, 3, 10), None, 2021)
    assert cut.n == 7 and np.isnan(cut.num("revenue_2021")).all()


def test_the_result_block_asks_for_huge_pages_inside_ordinary_pages_and_restores(monkeypatch):
    monkeypatch.delenv("NUMPY_MADVISE_HUGEPAGE", raising=False)
    seen = []
    real_empty = np.empty

    def empty(shape, dtype):
        seen.append(_numpy_asks_for_huge_pages())
        return real_empty(shape, dtype=dtype)

    monkeypatch.setattr(pages.np, "empty", empty)
    toggle = pages._toggle()
    before = toggle(True)
    try:
        with pages.ordinary_pages():
            block = pages.lasting((3, 5), np.int8)
            assert not _numpy_asks_for_huge_pages()  # the slices' arrays still on ordinary pages
        assert seen == [True] and block.shape == (3, 5) and block.dtype == np.int8
        monkeypatch.setenv("NUMPY_MADVISE_HUGEPAGE", "0")  # the user's choice decides
        toggle(False)
        pages.lasting((2,), np.int8)
        assert seen == [True, False]
    finally:
        toggle(before)


class _Allocator:
    """The C library's mallopt, recorded: (parameter, value) per call."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def mallopt(self, param: int, value: int) -> int:
        self.calls.append((param, value))
        return 1


def test_freed_memory_is_kept_while_screening_and_the_bound_set_back_once_after(monkeypatch):
    # kept_freed sets the mmap threshold (32 MB) and the trim threshold (256 MB) at the first entry and sets the trim
    # threshold back to twice the mmap threshold (64 MB) at the last exit: nested and concurrent screens set them once
    for name in pages._MALLOC_ENV:
        monkeypatch.delenv(name, raising=False)
    libc = _Allocator()
    monkeypatch.setattr(pages, "_glibc", lambda: libc)
    with pages.kept_freed():
        with pages.kept_freed():
            pass
        assert libc.calls == [(pages.M_MMAP_THRESHOLD, 32 * 2**20), (pages.M_TRIM_THRESHOLD, 256 * 2**20)]
    assert libc.calls[2:] == [(pages.M_TRIM_THRESHOLD, 64 * 2**20)]


@pytest.mark.parametrize(
    "variable", ["MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TOP_PAD_", "GLIBC_TUNABLES"]
)
def test_a_users_own_allocator_settings_are_left_alone(monkeypatch, variable):
    for name in pages._MALLOC_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(variable, "1")
    libc = _Allocator()
    monkeypatch.setattr(pages, "_glibc", lambda: libc)
    with pages.kept_freed():
        pass
    assert libc.calls == []


def test_screening_keeps_freed_memory_for_its_duration(monkeypatch):
    # screen runs inside kept_freed: the allocator's settings are made before the first slice and set back after
    for name in pages._MALLOC_ENV:
        monkeypatch.delenv(name, raising=False)
    libc = _Allocator()
    monkeypatch.setattr(pages, "_glibc", lambda: libc)
    catalog = srdi.load([])
    screen(catalog, pd.DataFrame({"revenue_2021": [1.0]}), ["national.little-giant-3rd-batch"], dt.date(2021, 4, 30))
    assert [p for p, _v in libc.calls] == [pages.M_MMAP_THRESHOLD, pages.M_TRIM_THRESHOLD, pages.M_TRIM_THRESHOLD]


def test_a_slice_frees_its_arrays_when_it_ends_not_when_the_cycle_collector_runs():
    # Each slice's outcome codes and masks of the deciding criteria are freed as soon as the slice is done: nothing of
    # a screen is left in a reference cycle, which only Python's cycle collector frees (a nested function calling
    # itself holds its closure, masks included, in one). Held, each slice's arrays stayed until a collection ran:
    # memory grew slice after slice, every slice faulting fresh pages in.
    import gc

    catalog = srdi.load([])
    table = pd.DataFrame({"revenue_2021": [1.0, 2.0, np.nan], "rd_expense_2021": [0.1, np.nan, 0.3]})
    program = "national.little-giant-3rd-batch"
    screen(catalog, table, [program], dt.date(2021, 4, 30))  # compiled and cached before counting
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        screen(catalog, table, [program], dt.date(2021, 4, 30), chunk_rows=1)
        assert gc.collect() == 0
    finally:
        if enabled:
            gc.enable()


def test_a_run_writes_each_nodes_codes_into_the_arrays_it_is_given_and_shares_one_array_per_constant_outcome():
    # A screen hands each slice's run a row of its result block per node: the run's codes must be the same as a run of
    # its own, held in those very arrays. Nodes known to have one outcome in every row (uniform) are not evaluated;
    # all such nodes of one outcome share one read-only array, which nothing may write into.
    from srdi.engine.columns import Rows

    catalog = srdi.load([])
    program = catalog.program("national.little-giant-3rd-batch")
    compiled = catalog.compiled(program)
    on = dt.date(2021, 4, 30)
    table = pd.DataFrame(
        {
            "revenue_2020": [900.0, 5000.0, np.nan, 3000.0],
            "revenue_2021": [1000.0, 6000.0, 2500.0, np.nan],
            "rd_expense_2021": [10.0, 400.0, np.nan, 50.0],
            "false_information": [0.0, 0.0, 0.0, 0.0],
        }
    )
    alone = compiled.run(table, on)
    arrays = Rows.arrays(table)
    uniform = compiled.uniform(Rows(arrays, 0, len(table)), on)
    assert uniform  # columns absent from the table and the one constant column decide nodes alike in every row
    into = {node: np.full(len(table), 99, dtype=np.int8) for node in compiled.order if node not in uniform}
    run = compiled.run(Rows(arrays, 0, len(table)), on, lean=True, uniform=uniform, into=into)
    for node in compiled.order:
        assert run.codes[node].tolist() == alone.codes[node].tolist(), node
        if node in into:
            assert run.codes[node] is into[node]
    by_code: dict[int, set[int]] = {}
    for node, code in uniform.items():
        by_code.setdefault(code, set()).add(id(run.codes[node]))
        assert not run.codes[node].flags.writeable
    assert all(len(ids) == 1 for ids in by_code.values())
