"""One measurement of srdi in a fresh process, printed as one JSON line (the benchmark's unit of work).

    python benchmarks/measure.py srdi POOL --mode verdicts|full [--workers N]
    python benchmarks/measure.py dask POOL --workers N [--partitions 8] [--pairs 3]
    python benchmarks/measure.py agree POOL
    python benchmarks/measure.py table POOL OUT.csv|OUT.parquet|OUT.xlsx
    python benchmarks/measure.py prime --mib N

Run by ``benchmarks/bench.py``, never timed from the outside except where it says so.
The peers' code (``--peers``, default ``../shared/peers``) is imported at run time: the
pool is read with ``common.load_pool`` and mapped onto srdi's columns with
``bench_srdi.engine_frame``, exactly as the peers' own srdi benchmark does, and the
reference criteria come from ``bench_numpy.evaluate``.

- ``srdi``: ``seconds_build`` is the mapping of the pool onto srdi's columns,
  ``seconds_compute`` is ``srdi.batch.screen`` (``--mode verdicts``: the output of
  ``srdi batch --no-gaps``; ``full``: with the gap texts). Reading the pool, importing
  and building the catalog are not timed (the peers do not time reading or imports).
- ``dask``: the pool in srdi's columns, kept as a folder of Parquet files, read (each file
  by the worker that screens it: ``screen_dask(folder, ..., engine_columns=True)``),
  screened and written back as Parquet on a ``LocalCluster`` of N single-threaded worker
  processes, and the same with pandas in this process (``pd.read_parquet(folder)``): a first Dask run (the workers' imports and catalogs), then
  ``--pairs`` runs of each, interleaved, each side first in turn; their medians, and the
  median of each Dask run's ratio to the pandas run beside it. The outputs must be equal
  cell by cell. Both sides write Parquet as ``srdi batch`` writes it (``write_frame``;
  ``on_dask.to_parquet``, a file a partition): no min/max statistics for the long texts
  of reasons, dictionaries for the categorical columns only.
- ``agree``: srdi's criteria against the peers' reference, row by row: every row where
  srdi decides a criterion differently must fall under one of the readings the peers'
  README names.
- ``table``: writes the pool as the table ``srdi batch`` reads (vocabulary headers),
  for the end-to-end runs.
- ``prime``: touches N MiB of new memory and frees it, timed (GiB/s), so that the
  timed run after it starts on memory the host has backed (see ``bench.py``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

PROGRAM = "liaoning.little-giant-2022"
ON = dt.date(2022, 3, 1)  # inside the online window 2022-02-09 … 03-18; reference year 2021
DEFAULT_PEERS = Path(__file__).resolve().parents[2] / "shared" / "peers"


def peak_mb() -> float:
    """The peak resident memory of this process so far, in MB."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def peers(path: str | None) -> Path:
    """Make the peers' modules importable; where they are."""
    where = Path(path or os.environ.get("SRDI_PEERS") or DEFAULT_PEERS)
    if not (where / "common.py").exists():
        sys.exit(f"measure: the peers' benchmark is not at {where} (give --peers or SRDI_PEERS)")
    sys.path.insert(0, str(where))
    return where


def emit(line: dict[str, Any]) -> None:
    """Print the one JSON line of this measurement."""
    print(json.dumps(line, ensure_ascii=False), flush=True)


# --------------------------------------------------------------------------- srdi on the pool
def run_srdi(pool_path: str, mode: str, workers: int | None) -> None:
    """Screen the pool with srdi: the peers' adapter as build, ``screen`` as compute."""
    import bench_srdi
    import common

    import srdi
    from srdi.batch import screen

    pool = common.load_pool(pool_path)
    rss_read = peak_mb()
    catalog = srdi.load(["liaoning"])
    catalog.compiled(PROGRAM)
    t0 = time.perf_counter()
    frame = bench_srdi.engine_frame(pool)
    build = time.perf_counter() - t0
    rss_build = peak_mb()
    t0 = time.perf_counter()
    result = screen(catalog, frame, [PROGRAM], ON, gaps=mode == "full", workers=workers)
    compute = time.perf_counter() - t0
    verdict = result.programs[PROGRAM].verdict
    counts = np.bincount(verdict.astype(np.int64), minlength=4)
    line = {
        "engine": f"srdi-{mode}",
        "rows": len(pool),
        "seconds_build": round(build, 4),
        "seconds_compute": round(compute, 4),
        "seconds_total": round(build + compute, 4),
        "eligible_count": int(counts[1]),
        "verdicts": dict(zip(["ineligible", "eligible", "incomplete", "review"], map(int, counts))),
        "peak_rss_mb": peak_mb(),
        "rss_after_read_mb": rss_read,
        "rss_after_build_mb": rss_build,
    }
    if mode == "full":
        line["rows_with_gaps"] = int(result.frame["gaps"].notna().sum())
    # after the timing: how many criteria read only columns of one value (the adapter's constants), which
    # screen evaluates once, on the first row
    from srdi.engine.columns import Rows

    program = catalog.program(PROGRAM)
    once = catalog.compiled(PROGRAM).uniform(Rows(Rows.arrays(frame), 0, len(frame)), ON)
    line["criteria"] = len(program.criteria)
    line["criteria_decided_once"] = sum(1 for c in once if c in program.criteria)
    emit(line)


# --------------------------------------------------------------------------- Dask
def run_dask(pool_path: str, workers: int, partitions: int, pairs: int = 3) -> None:
    """The pool screened from Parquet to Parquet on a LocalCluster of ``workers`` processes, and with pandas."""
    import shutil
    import tempfile

    import bench_srdi
    import common
    import pandas as pd
    from distributed import Client, LocalCluster

    import srdi
    from srdi.batch import screen
    from srdi.batch.on_dask import screen_dask, to_parquet
    from srdi.batch.write import write_frame

    pool = common.load_pool(pool_path)
    catalog = srdi.load(["liaoning"])
    frame = bench_srdi.engine_frame(pool)
    work = Path(tempfile.mkdtemp(prefix="srdi-dask-"))
    try:
        # the input as a user keeps it for a cluster: Parquet files in srdi's columns (not timed)
        step = -(-len(frame) // partitions)
        (work / "in").mkdir()
        for k in range(partitions):
            frame.iloc[k * step : (k + 1) * step].to_parquet(work / "in" / f"part-{k:02d}.parquet")

        def with_pandas() -> tuple[float, pd.DataFrame]:
            t0 = time.perf_counter()
            whole = pd.read_parquet(work / "in")
            screened = screen(catalog, whole, [PROGRAM], ON, gaps=False).frame
            write_frame(screened, work / "pandas.parquet")  # as srdi batch writes Parquet
            return time.perf_counter() - t0, screened

        def with_dask(name: str) -> float:
            t0 = time.perf_counter()
            # the folder as one table, each file read by the worker that screens it
            out = screen_dask(work / "in", ["liaoning"], [PROGRAM], ON, gaps=False, engine_columns=True)
            to_parquet(out, work / name)  # as srdi batch writes Parquet, a file a partition
            return time.perf_counter() - t0

        pandas_runs: list[float] = []
        dask_runs: list[float] = []
        with (
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
            Client(cluster),
        ):
            first = with_dask("dask-first")  # the workers' imports and catalogs
            for k in range(pairs):  # interleaved, each side first in turn
                if k % 2:
                    dask_runs.append(with_dask(f"dask-{k}"))
                seconds, expected = with_pandas()
                pandas_runs.append(seconds)
                if not k % 2:
                    dask_runs.append(with_dask(f"dask-{k}"))
        got = pd.read_parquet(work / "dask-0")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    objects = {c: object for c in expected.columns if c != "row"}
    a = expected.astype(objects)
    b = got.reset_index(drop=True).astype(objects)
    pd.testing.assert_frame_equal(b.where(b.notna(), None), a.where(a.notna(), None))
    emit(
        {
            "engine": f"dask-{workers}",
            "rows": len(pool),
            "partitions": partitions,
            "seconds_pandas": round(statistics.median(pandas_runs), 4),
            "seconds_first": round(first, 4),
            "seconds_total": round(statistics.median(dask_runs), 4),
            # each Dask run against the pandas run beside it, and their median
            "ratios": [round(d / p, 4) for d, p in zip(dask_runs, pandas_runs)],
            "ratio": round(statistics.median(d / p for d, p in zip(dask_runs, pandas_runs)), 4),
            "equal_to_pandas": True,
            "peak_rss_mb": peak_mb(),
        }
    )


# --------------------------------------------------------------------------- agreement with the peers
#: The readings the peers' README names, by srdi criterion: srdi may decide these differently.
READINGS = {
    "quality-certification": "通过质量管理体系等认证: srdi reads the certification count, the peers a separate flag "
    "(README 'srdi on the same pool', class 1)",
    "g-main-share": "主营业务收入占比 over 近2年: srdi reads each year, the peers the two-year totals (class 2)",
    "rd-ratio": "研发投入占比 over 近2年 with one figure missing: srdi decides from the known figures, the peers "
    "fail every missing input (README row 57; RULES.md 'Missing values fail')",
}
MONEY = ["rd_expense_2020", "rd_expense_2021", "operating_revenue_2020", "operating_revenue_2021"]


def run_agree(pool_path: str) -> None:
    """Compare srdi's criteria with the peers' reference: every difference explained by a named reading, or listed."""
    import bench_numpy
    import bench_srdi
    import common
    import compare_srdi

    import srdi

    pool = common.load_pool(pool_path)
    catalog = srdi.load(["liaoning"])
    frame = bench_srdi.engine_frame(pool)
    run = catalog.run(PROGRAM, frame, ON)
    aggregate = catalog.run(
        catalog.program(PROGRAM).with_overrides({"g-main-share.combine": "aggregate"}), frame, ON
    ).codes["g-main-share"]
    thresholds = common.thresholds()
    reference = bench_numpy.evaluate(bench_numpy.arrays(pool), thresholds)  # as timed: money in float32
    wide = bench_numpy.evaluate(bench_numpy.arrays(pool, np.float64), thresholds)  # money in float64, as srdi
    n = len(pool)
    explained = {
        "quality-certification": pool["has_mgmt_certification"].isna().to_numpy(),
        "g-main-share": (aggregate == 1) == wide["lg_spec_main_share"],
        "rd-ratio": pool[MONEY].isna().to_numpy().any(axis=1),
    }
    unexplained: dict[str, list[int]] = {}
    by_reading = dict.fromkeys(READINGS, 0)
    decided_rows = np.zeros(n, dtype=bool)
    leaf_differs = np.zeros(n, dtype=bool)
    for leaf in compare_srdi.LEAVES:
        code = run.codes[leaf]
        decided = (code == 0) | (code == 1)
        differs = decided & ((code == 1) != wide[compare_srdi.PAIRS[leaf]])
        leaf_differs |= differs
        if leaf in explained:
            by_reading[leaf] += int(differs.sum())
            differs &= ~explained[leaf]
        if differs.any():
            unexplained[leaf] = np.flatnonzero(differs)[:5].tolist()
    verdict = run.verdict_codes
    decided_rows = (verdict == 0) | (verdict == 1)
    for name, ref in (("float32", reference), ("float64", wide)):
        peer = ref["liaoning_2022_little_giant_eligible"]
        differ = decided_rows & ((verdict == 1) != peer)
        # a decided verdict that differs must come from a criterion that differs by a named reading
        stray = differ & ~leaf_differs
        if stray.any():
            unexplained[f"verdict vs {name} reference"] = np.flatnonzero(stray)[:5].tolist()
    peer = wide["liaoning_2022_little_giant_eligible"]
    emit(
        {
            "engine": "agreement",
            "rows": n,
            "srdi_decided": int(decided_rows.sum()),
            "agree_where_decided": int(((verdict == 1) == peer)[decided_rows].sum()),
            "differ_where_decided": int(((verdict == 1) != peer)[decided_rows].sum()),
            "criterion_differences_by_reading": by_reading,
            "unexplained": unexplained,
            "ok": not unexplained,
        }
    )


# --------------------------------------------------------------------------- the machine's memory
def prime(mib: int) -> None:
    """Touch ``mib`` MiB of new memory (NumPy's default pages, as the engines' own arrays) and free it; the rate."""
    t0 = time.perf_counter()
    arr = np.ones(mib * 2**20 // 8)
    seconds = time.perf_counter() - t0
    del arr
    emit({"engine": "prime", "mib": mib, "gib_s": round(mib / 1024 / seconds, 2)})


# --------------------------------------------------------------------------- tables for end-to-end runs
def write_table(pool_path: str, out: str) -> None:
    """The pool as the table srdi batch reads (the peers' vocabulary_frame), as CSV, Parquet or XLSX."""
    import bench_srdi
    import common

    frame = bench_srdi.vocabulary_frame(common.load_pool(pool_path))
    path = Path(out)
    if path.suffix == ".csv":
        frame.to_csv(path, index=False)
    elif path.suffix == ".parquet":
        frame.to_parquet(path, index=False)
    else:
        frame.to_excel(path, index=False, engine="openpyxl")
    emit({"engine": "table", "rows": len(frame), "path": str(path), "bytes": path.stat().st_size})


def main() -> None:
    """Run one measurement."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["srdi", "dask", "agree", "table", "prime"])
    parser.add_argument("pool", nargs="?")
    parser.add_argument("out", nargs="?")
    parser.add_argument("--mode", choices=["verdicts", "full"], default="verdicts")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--pairs", type=int, default=3, help="dask: timed runs of each side, interleaved")
    parser.add_argument("--peers", default=None)
    parser.add_argument("--mib", type=int, default=1024, help="prime: how much memory to touch")
    args = parser.parse_args()
    if args.what == "prime":
        prime(args.mib)
        return
    if args.pool is None:
        parser.error(f"{args.what} needs a pool")
    peers(args.peers)
    if args.what == "srdi":
        run_srdi(args.pool, args.mode, args.workers)
    elif args.what == "dask":
        run_dask(args.pool, args.workers or 2, args.partitions, args.pairs)
    elif args.what == "agree":
        run_agree(args.pool)
    else:
        write_table(args.pool, args.out)


if __name__ == "__main__":
    main()
