"""Benchmark: reading a table with ``srdi.batch.read_table`` against parsing it alone.

    python benchmarks/bench_read.py --rows 1000000 --formats csv,parquet
    python benchmarks/bench_read.py --rows 100000 --formats xlsx --pool synthetic

The pool is the peers' (../shared/peers/gen_pool.py, seed 20220118, mapped onto
srdi's vocabulary the way ../shared/peers/bench_srdi.py maps it: vocabulary
headers, yes/no columns as true/false, one valid credit code per row, a name per
row) or srdi's own ``srdi.batch.synthetic`` pool (96 columns, yes/no written
1.0/0.0), written once as CSV, Parquet or XLSX. Each run is a fresh process:

- ``parse``: the file parsed alone, every column typed, nothing checked —
  ``pyarrow.csv.read_csv``, ``pyarrow.parquet.read_table``, or python-calamine's
  rows for XLSX: what the hardware does before srdi looks at a cell;
- ``read_table``: srdi's reader — header found, encoding detected, every record
  kept, every cell checked against the vocabulary, the engine's frame built.

Imports and loading the catalog are not timed; peak memory is the process's
(VmHWM), imports included.

Runs alternate (parse, read_table, parse, …), ``--repeat`` times each; every line
says the load average, since the machine is shared. The last line is one JSON
object with the medians and read_table's ratio to the parse.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PEERS = ROOT.parent / "shared" / "peers"

# (set-up, not timed; timed)
_PARSE = {
    ".csv": ("import pyarrow.csv as c", "t = c.read_csv(PATH)"),
    ".parquet": ("import pyarrow.parquet as q", "t = q.read_table(PATH)"),
    ".xlsx": (
        "from python_calamine import CalamineWorkbook as W",
        "t = list(W.from_path(PATH).get_sheet_by_index(0).iter_rows())",
    ),
}
_READ = ("import srdi; from srdi.batch import read_table; cat = srdi.load(PLUGINS)", "t = read_table(PATH, cat)")
_RUN = """
import json, sys, time
PATH = sys.argv[1]
PLUGINS = json.loads(sys.argv[2])
{setup}
T0 = time.perf_counter()
{timed}
seconds = time.perf_counter() - T0
rows = len(t) if hasattr(t, "__len__") else t.num_rows
errors = len(getattr(t, "errors", {{}}))
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(json.dumps({{"seconds": seconds, "rows": rows, "errors": errors, "peak_rss_mb": peak // 1024}}))
"""


def peers_pool(rows: int) -> Any:
    """The peers' pool in srdi's vocabulary, as bench_srdi.py maps it, with a name per row."""
    import numpy as np

    sys.path.insert(0, str(PEERS))
    import bench_srdi  # type: ignore[import-not-found]
    import gen_pool  # type: ignore[import-not-found]

    rng, columns = gen_pool.generate(rows, 20220118)
    pool = gen_pool.to_table(rng, columns, 0.01).to_pandas(types_mapper=None)
    import pandas as pd

    pool = pool.astype({c: pd.api.types.pandas_dtype("Int64") for c in pool.columns if pool[c].dtype.kind in "iu"})
    frame = bench_srdi.vocabulary_frame(pool)
    frame.insert(0, "name", np.char.add("企业", np.arange(1, len(frame) + 1).astype("U9")))
    return frame, ["liaoning"]


def synthetic_pool(rows: int) -> Any:
    """The synthetic pool of srdi.batch.synthetic in engine columns (yes/no as 1.0/0.0), half holding Liaoning's SRDI title."""
    import srdi
    from srdi.batch.synthetic import pool

    catalog = srdi.load(["liaoning"])
    return pool(rows, catalog.vocabulary, 2021, seed=20220118, titles={"liaoning.srdi_sme": 0.5}), ["liaoning"]


def write(frame: Any, path: Path) -> None:
    """The pool as CSV, Parquet or XLSX, by the path's suffix."""
    if path.suffix == ".csv":
        frame.to_csv(path, index=False)
    elif path.suffix == ".parquet":
        frame.to_parquet(path, index=False)
    else:
        from srdi.testing import xlsx

        values = frame.astype(object).where(frame.notna(), None).values.tolist()
        xlsx.table(path, [str(c) for c in frame.columns], [[_cell(v) for v in r] for r in values])


def _cell(v: Any) -> Any:
    if isinstance(v, bool):
        return "是" if v else "否"
    if v is None or isinstance(v, (int, float, str)):
        return v
    return str(v)[:10] if hasattr(v, "isoformat") else str(v)


def run(code: tuple[str, str], path: Path, plugins: list[str]) -> dict[str, Any]:
    """One timed run in a fresh process: seconds, rows, errors, peak memory, and the load average around it."""
    load = os.getloadavg()[0]
    done = subprocess.run(
        [sys.executable, "-c", _RUN.format(setup=code[0], timed=code[1]), str(path), json.dumps(plugins)],
        capture_output=True,
        text=True,
        check=True,
    )
    out = json.loads(done.stdout.strip().splitlines()[-1])
    out["load"] = round((load + os.getloadavg()[0]) / 2, 2)
    return out


def main() -> None:
    """Write the tables, time them alternately, print each run and the JSON summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--pool", choices=["peers", "synthetic"], default="peers")
    parser.add_argument("--formats", default="csv,parquet")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dir", default=None, help="where to write the tables (default: a temporary folder)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        t0 = time.perf_counter()
        frame, plugins = peers_pool(args.rows) if args.pool == "peers" else synthetic_pool(args.rows)
        paths = []
        for fmt in args.formats.split(","):
            path = Path(tmp) / f"{args.pool}_{args.rows}.{fmt}"
            write(frame, path)
            paths.append(path)
            print(f"wrote {path.name}: {path.stat().st_size / 2**20:.0f} MB, {frame.shape[1]} columns", file=sys.stderr)
        del frame
        print(f"tables written in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        summary: dict[str, Any] = {"rows": args.rows, "pool": args.pool, "cpus": os.cpu_count()}
        for path in paths:
            results: dict[str, list[dict[str, Any]]] = {"parse": [], "read_table": []}
            for _ in range(args.repeat):
                for what, code in (("parse", _PARSE[path.suffix]), ("read_table", _READ)):
                    r = run(code, path, plugins)
                    results[what].append(r)
                    print(
                        f"{path.suffix[1:]:8} {what:10} {r['seconds']:7.2f} s  rows {r['rows']:>9,}  "
                        f"errors {r['errors']:>6}  peak {r['peak_rss_mb']:>6} MB  load {r['load']:.2f}",
                        file=sys.stderr,
                    )
            med = {k: statistics.median(x["seconds"] for x in v) for k, v in results.items()}
            summary[path.suffix[1:]] = {
                "parse_s": round(med["parse"], 3),
                "read_table_s": round(med["read_table"], 3),
                "ratio_vs_parse": round(med["read_table"] / med["parse"], 2),
                "read_table_peak_mb": max(x["peak_rss_mb"] for x in results["read_table"]),
                "load": [x["load"] for x in results["read_table"]],
            }
        print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
