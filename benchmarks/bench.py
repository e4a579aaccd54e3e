"""The benchmark: srdi against independent implementations of the same rule, on the same pool.

    nox -s bench                                   # the whole run (about an hour on 2 cores)
    nox -s bench -- --sizes 10k,100k --rounds 2    # a quick one
    python benchmarks/bench.py --readme            # also rewrite README.md's performance section

The peers' benchmark (``../shared/peers``, or ``--peers`` / ``SRDI_PEERS``) holds the
quantitative 小巨人 criteria of 辽工信改革〔2022〕9号 二（三） written three ways — hand-written
NumPy, OpenFisca and a per-row rule-engine loop — and a seeded pool generator. Its code is
run from there, never copied. Every figure is one fresh process, measured once; the
engines run interleaved, round after round, each run printed with the 1-minute load
average when it started. Summaries are medians over rounds; ratios are medians of the
per-round ratios (both sides measured in the same round).

Measured, per pool size (10k, 100k, 1M, 3M rows, ``gen_pool.py`` seed 20220118):

- ``numpy``, ``openfisca``, ``rowengine``: the peers' scripts as they are (rule-engine
  on a 20,000-row sample, scaled);
- ``srdi-verdicts`` / ``srdi-full``: the pool mapped onto srdi's columns by the peers'
  adapter (``bench_srdi.engine_frame``, timed as build) and ``srdi.batch.screen`` (the
  output of ``srdi batch --no-gaps``, or with the gap texts);
- end to end, ``srdi batch TABLE --out out.parquet`` as a command (its whole process):
  CSV and Parquet at 100k and 1M rows, XLSX at 100k;
- one enterprise: a warm ``Catalog.check`` per call against OpenFisca building and
  calculating one simulation per call (the peers' ``bench_single.py``), and a cold
  ``srdi check`` and ``srdi --help`` against ``python -c "import pandas"``;
- Dask, 1M rows in 8 Parquet partitions, read, screened and written on 1 and 2 worker
  processes, against the same in pandas in one process; both write as ``srdi batch`` does.

Before every timed pool run and end-to-end command, a process touches as much new memory
as the run will use and frees it (``measure.py prime``, not timed). This machine is a
virtual machine that hands memory back to its host once it has sat free for a couple of
seconds; the next process to touch that memory waits for the host, several times slower.
Without the priming, whichever engine followed the minute-long rule-engine loop or a
pause paid for it: the same 1M-row build took 0.07 s or 0.4 s by what ran before it.
Where the kernel lets it (its free page reporting settings exist and are writable), the
run also asks it to keep memory freed in the last minute instead of handing it back at
once, and sets the settings back after; the summary says whether it did
(``memory_held``). Both apply to every engine alike, as a benchmark tunes a machine
(CPU frequency, say) so that its runs compare.

Not timed: generating pools and tables, reading the pool into pandas (as the peers),
imports and building the catalog (except in the command-line runs).

Before any timing, srdi's criteria are compared with the peers' reference on every pool:
a row srdi decides differently must be explained by a reading the peers' README names,
or the benchmark fails. The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_PEERS = ROOT.parent / "shared" / "peers"
EXAMPLE = ROOT / "plugins" / "liaoning" / "examples" / "little-giant-eligible.toml"
PROGRAM = "liaoning.little-giant-2022"
ON = "2022-03-01"
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000, "3m": 3_000_000}
ENGINES = ["numpy", "openfisca", "rowengine", "srdi-verdicts", "srdi-full"]
#: MiB of new memory touched and freed before a timed run on a pool of this size: about what the run uses
PRIME_MIB = {"10k": 256, "100k": 512, "1m": 1024, "3m": 3072}
#: end-to-end tables: (size, format)
TABLES = [("100k", "csv"), ("100k", "parquet"), ("100k", "xlsx"), ("1m", "csv"), ("1m", "parquet")]
GOALS = {
    "verdicts_vs_numpy": 1.5,
    "full_vs_numpy": 3.0,
    "growth_spread": 0.2,
    "memory_beyond_input_1m_mb": 1024,
    "memory_beyond_input_3m_mb": 3072,
    "warm_check_ms": 1.0,
    "cold_check_s": 0.5,
    "cold_help_s": 0.3,
    "dask_2_vs_pandas": 1.5,
    "batch_1m_s": 15.0,
}


def load() -> float:
    """The 1-minute load average now."""
    return round(os.getloadavg()[0], 2)


def say(*parts: Any) -> None:
    """Print a progress line at once."""
    print(*parts, flush=True)


class Runner:
    """Runs one measurement in a fresh process and keeps every result with its load average."""

    def __init__(self, peers: Path, data: Path) -> None:
        self.peers = peers
        self.data = data
        self.results: list[dict[str, Any]] = []
        self.python = sys.executable
        self.srdi = str(Path(sys.executable).with_name("srdi"))
        # bytecode caches as an installed package has them (a sandbox may turn them off)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        self.env = {**env, "SRDI_PEERS": str(peers), "SRDI_LOAD_PLUGINS": "liaoning"}

    def json_line(self, cmd: list[str], timeout: float = 3600) -> dict[str, Any]:
        """Run ``cmd`` in the peers' folder and read the JSON line it prints last."""
        done = subprocess.run(cmd, capture_output=True, text=True, env=self.env, timeout=timeout, cwd=self.peers)
        if done.returncode != 0:
            raise SystemExit(f"bench: {' '.join(cmd)} failed:\n{done.stderr[-3000:]}")
        return dict(json.loads(done.stdout.strip().splitlines()[-1]))

    def record(self, rnd: int, size: str, what: str, line: dict[str, Any], start_load: float) -> dict[str, Any]:
        """Keep one result with its round, size and starting load, and print it."""
        line = {"round": rnd, "size": size, "what": what, "load": start_load, **line}
        self.results.append(line)
        say(describe(line))
        return line

    def prime(self, size: str) -> float:
        """Touch and free as much new memory as a run on ``size`` rows uses (not timed); the rate it saw, GiB/s."""
        line = self.json_line([self.python, str(HERE / "measure.py"), "prime", "--mib", str(PRIME_MIB[size])])
        return float(line["gib_s"])

    def engine(self, rnd: int, size: str, engine: str) -> None:
        """One pool engine on the pool of ``size``, in a fresh process, after priming memory."""
        pool = str(self.pool(size))
        cmd = {
            "numpy": [self.python, "bench_numpy.py", pool, "--no-check"],
            "openfisca": [self.python, "bench_openfisca.py", pool],
            "rowengine": [self.python, "bench_rowengine.py", pool, "--sample", "20000"],
            "srdi-verdicts": [self.python, str(HERE / "measure.py"), "srdi", pool, "--mode", "verdicts"],
            "srdi-full": [self.python, str(HERE / "measure.py"), "srdi", pool, "--mode", "full"],
        }[engine]
        primed = self.prime(size)
        start = load()
        self.record(rnd, size, engine, {**self.json_line(cmd), "prime_gib_s": primed}, start)

    def wall(self, rnd: int, size: str, what: str, cmd: list[str], timeout: float = 3600, prime: bool = False) -> None:
        """A whole command, timed from the outside (wall time of its process); ``prime``: after priming memory."""
        extra = {"prime_gib_s": self.prime(size)} if prime else {}
        start = load()
        t0 = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, env=self.env, timeout=timeout, cwd=ROOT)
        seconds = time.perf_counter() - t0
        if done.returncode != 0:
            raise SystemExit(f"bench: {' '.join(cmd)} failed:\n{done.stderr[-3000:]}")
        self.record(rnd, size, what, {"seconds_total": round(seconds, 4), **extra}, start)

    def pool(self, size: str) -> Path:
        """The pool of ``size`` rows, generated by the peers' gen_pool.py when missing (not timed)."""
        path = self.data / f"pool_{size}.parquet"
        if not path.exists():
            say(f"bench: generating {path.name} (not timed)")
            subprocess.run(
                [self.python, "gen_pool.py", str(path), "--rows", str(SIZES[size])],
                check=True,
                cwd=self.peers,
                capture_output=True,
            )
        return path

    def table(self, size: str, fmt: str) -> Path:
        """The pool of ``size`` as a table srdi batch reads, written when missing (not timed)."""
        path = self.data / f"table_{size}.{fmt}"
        if not path.exists():
            say(f"bench: writing {path.name} (not timed)")
            self.json_line([self.python, str(HERE / "measure.py"), "table", str(self.pool(size)), str(path)])
        return path


def describe(line: dict[str, Any]) -> str:
    """One result as a line of the report."""
    what, size = line["what"], line["size"]
    head = f"round {line['round']}  {size:>5}  {what:<22}"
    if "seconds_total" in line and "seconds_compute" in line:
        body = (
            f"total {line['seconds_total']:.3f} s (build {line['seconds_build']:.3f}, "
            f"compute {line['seconds_compute']:.3f})  peak {line.get('peak_rss_mb', 0):.0f} MB"
        )
    elif what.startswith("dask"):
        body = (
            f"{line['seconds_total']:.3f} s (first run {line['seconds_first']:.3f}); "
            f"pandas {line['seconds_pandas']:.3f} s"
        )
    elif what.startswith("single"):
        body = f"{line['us_per_call']:.0f} µs a call"
    else:
        body = f"{line['seconds_total']:.3f} s"
    primed = f"; memory primed at {line['prime_gib_s']:.1f} GiB/s" if "prime_gib_s" in line else ""
    return f"{head}{body}  (load {line['load']}{primed})"


# --------------------------------------------------------------------------- the run
def run(args: argparse.Namespace) -> dict[str, Any]:
    """The agreement check, then every round; the summary."""
    peers = Path(args.peers or os.environ.get("SRDI_PEERS") or DEFAULT_PEERS).resolve()
    if not (peers / "gen_pool.py").exists():
        raise SystemExit(f"bench: the peers' benchmark is not at {peers} (give --peers or SRDI_PEERS)")
    data = Path(args.data).resolve()
    data.mkdir(parents=True, exist_ok=True)
    runner = Runner(peers, data)
    sizes = [s.lower() for s in args.sizes.split(",")]
    say(f"bench: peers at {peers}; data in {data}; sizes {', '.join(sizes)}; {args.rounds} rounds")

    agreement = {}
    for size in sizes:
        line = runner.json_line([runner.python, str(HERE / "measure.py"), "agree", str(runner.pool(size))])
        agreement[size] = line
        say(
            f"agreement  {size:>5}  srdi decides {line['srdi_decided']} rows; {line['differ_where_decided']} differ "
            f"from the peers' verdict, by reading: {line['criterion_differences_by_reading']}"
        )
        if not line["ok"]:
            raise SystemExit(
                f"bench: srdi disagrees with the reference beyond the named readings: {line['unexplained']}"
            )

    tables = [(s, f) for s, f in TABLES if s in sizes]
    for size, fmt in tables:
        runner.table(size, fmt)
    # once, not timed: every command has run before and left its bytecode caches
    cold(runner, 0)
    runner.results.clear()
    with held_memory() as held, tempfile.TemporaryDirectory(prefix="srdi-bench-") as tmp:
        out_dir = Path(tmp)
        for rnd in range(1, args.rounds + 1):
            for k, size in enumerate(sizes):
                shift = (rnd + k) % len(ENGINES)
                for engine in ENGINES[shift:] + ENGINES[:shift]:
                    runner.engine(rnd, size, engine)
            for size, fmt in tables:
                src = runner.table(size, fmt)
                cmd = [runner.srdi, "batch", str(src), "--program", PROGRAM, "--on", ON]
                out = str(out_dir / f"out-{size}-{fmt}.parquet")
                runner.wall(rnd, size, f"batch-{fmt}", [*cmd, "--out", out], prime=True)
            single(runner, rnd, sizes)
            cold(runner, rnd)
            if "1m" in sizes and not args.no_dask:
                for workers in (1, 2):
                    start = load()
                    cmd = [runner.python, str(HERE / "measure.py"), "dask", str(runner.pool("1m"))]
                    runner.record(
                        rnd, "1m", f"dask-{workers}", runner.json_line([*cmd, "--workers", str(workers)]), start
                    )
    summary = summarise(runner.results, agreement, sizes)
    summary["memory_held"] = held
    summary["machine"] = machine()
    return summary


def machine() -> dict[str, Any]:
    """What the figures were measured on: the processor's model and the cores this process may use.

    Ratios move with the machine (the share of the work that waits on memory differs
    by engine), so a summary says which one it was.
    """
    model = None
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": model, "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()}


#: The kernel's free page reporting (memory handed back to the host of this virtual machine): how long a page
#: must have been free, and how much may wait, before it is handed back
REPORTING = Path("/sys/module/page_reporting/parameters")
HELD = {"min_free_ms": "60000", "max_waiting_mib": "16384"}


@contextmanager
def held_memory() -> Iterator[bool]:
    """Within the block, the kernel keeps memory freed in the last minute (where it can be told to); whether it does.

    Every timed run is a fresh process that touches its memory for the first time; memory
    the host has taken back costs several times more to touch. The settings are read first
    and written back on the way out.
    """
    try:
        before: dict[str, str] | None = {name: (REPORTING / name).read_text().strip() for name in HELD}
    except OSError:
        before = None
    held = before is not None and _set_reporting(HELD)
    if held:
        assert before is not None
        restore = "; ".join(f"echo {v} > {REPORTING / k}" for k, v in before.items())
        say(f"bench: the kernel keeps freed memory for a minute during the run (set back after: {restore})")
    else:
        say("bench: memory freed between runs may go back to the host (no free page reporting setting to change)")
    try:
        yield held
    finally:
        if before is not None:  # also after a partial write
            _set_reporting(before)


def _set_reporting(values: dict[str, str]) -> bool:
    """Write the free page reporting settings; whether every one was written."""
    try:
        for name, value in values.items():
            (REPORTING / name).write_text(value)
    except OSError:
        return False
    return True


def single(runner: Runner, rnd: int, sizes: list[str]) -> None:
    """One enterprise per call, warm: srdi's Catalog.check and OpenFisca, with the peers' bench_single.py."""
    start = load()
    line = runner.json_line([runner.python, "bench_single.py", "srdi", str(EXAMPLE), "--calls", "500"])
    runner.record(rnd, "1", "single-srdi", {"us_per_call": line["check"]["us_median"], **line}, start)
    start = load()
    line = runner.json_line([runner.python, "bench_single.py", "openfisca", str(runner.pool("10k")), "--calls", "500"])
    runner.record(
        rnd, "1", "single-openfisca", {"us_per_call": line["build_and_calculate"]["us_median"], **line}, start
    )


def cold(runner: Runner, rnd: int) -> None:
    """Cold commands: srdi check and srdi --help, beside Python itself and an import of pandas."""
    check = [runner.srdi, "check", str(EXAMPLE), "--program", PROGRAM, "--on", ON]
    for what, cmd in (
        ("cold-python", [runner.python, "-c", "pass"]),
        ("cold-import-pandas", [runner.python, "-c", "import pandas"]),
        ("cold-check", check),
        ("cold-help", [runner.srdi, "--help"]),
    ):
        runner.wall(rnd, "1", what, cmd)


# --------------------------------------------------------------------------- summary
def _split(one: dict[str, Any]) -> list[str]:
    """A sentence on what the 1M verdict total is made of: srdi's screen, and the peers' adapter."""
    compute, build = one.get("srdi-verdicts_compute_range"), one.get("srdi-verdicts_build_range")
    if not compute or not build:
        return []
    parts = ""
    if one.get("srdi-verdicts_build_vs_numpy") is not None and one.get("srdi-verdicts_compute_vs_numpy") is not None:
        parts = (
            f" Against NumPy's whole total in the same round, the adapter alone is "
            f"{one['srdi-verdicts_build_vs_numpy']:.2f}× and `screen` alone "
            f"{one['srdi-verdicts_compute_vs_numpy']:.2f}× (medians of per-round ratios)."
        )
    once, criteria = one.get("srdi-verdicts_criteria_decided_once"), one.get("srdi-verdicts_criteria")
    if once and criteria:
        parts += (
            f" {once} of the program's {criteria} criteria read only the adapter's constant columns: `screen` evaluates"
            " a criterion whose columns each hold one value in every row once, on the first row, as it would a"
            " table's blank columns."
        )
    return [
        f"At 1M rows the srdi verdict totals are srdi's `screen` ({_span(compute)} s over the "
        f"rounds) and the peers' adapter from their pool to srdi's columns, timed as build "
        f"({_span(build)} s; it allocates some 200 MB of constant columns for the clauses the peers "
        f"do not encode).{parts}",
        "",
    ]


def _span(found: list[float]) -> str:
    """A range of seconds in hundredths, one figure where both ends read the same."""
    low, high = f"{found[0]:.2f}", f"{found[1]:.2f}"
    return low if low == high else f"{low}–{high}"


def _primed(s: dict[str, Any]) -> str:
    """A sentence on the memory priming before each timed run, with the rates it saw."""
    found = s.get("prime_range")
    if not found:
        return ""
    return (
        " Before each timed run a process touched as much new memory as the run uses and freed it, so that"
        " every engine started on memory this virtual machine's host had backed (the priming touched it at"
        f" {found[0]:.1f}–{found[1]:.1f} GiB/s, median {s['prime_gib_s']:.1f}: the low figures are memory the host"
        " had taken back)"
        + (
            "; and the kernel was told to keep memory freed in the last minute rather than hand it back at once"
            " (set back after the run)."
            if s.get("memory_held")
            else "."
        )
    )


def _added(added: dict[str, float]) -> str:
    """The cost of an added row from one size to the next, as a clause of the growth goal's line."""
    if not added:
        return ""
    steps = ", ".join(f"{k.replace('m', 'M').replace('-', ' → ')} {v:.2f} µs" for k, v in added.items())
    return f" (each added row: {steps})"


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 4) if values else None


def summarise(results: list[dict[str, Any]], agreement: dict[str, Any], sizes: list[str]) -> dict[str, Any]:
    """Medians, medians of per-round ratios, the load and the goals."""

    def runs(what: str, size: str) -> list[dict[str, Any]]:
        return [r for r in results if r["what"] == what and r["size"] == size]

    def total(what: str, size: str) -> float | None:
        return _median([r["seconds_total"] for r in runs(what, size)])

    def per_round(a: str, b: str, size: str, key_a: str = "seconds_total", key_b: str = "seconds_total") -> list[float]:
        out = []
        for r in runs(a, size):
            other = [x for x in runs(b, size) if x["round"] == r["round"]]
            if other and other[0][key_b]:
                out.append(r[key_a] / other[0][key_b])
        return out

    def ratio(a: str, b: str, size: str, key_a: str = "seconds_total", key_b: str = "seconds_total") -> float | None:
        return _median(per_round(a, b, size, key_a, key_b))

    def spread(a: str, b: str, size: str) -> list[float] | None:
        """The lowest and highest per-round ratio: on a shared machine each engine's own time varies by half."""
        found = per_round(a, b, size)
        return [round(min(found), 2), round(max(found), 2)] if found else None

    loads = [r["load"] for r in results]
    out: dict[str, Any] = {
        "program": PROGRAM,
        "rounds": max((r["round"] for r in results), default=0),
        "load_min": min(loads, default=None),
        "load_median": _median(loads),
        "load_max": max(loads, default=None),
        "sizes": {},
        "agreement": {s: {k: v for k, v in a.items() if k != "engine"} for s, a in agreement.items()},
    }
    for size in sizes:
        entry: dict[str, Any] = {"rows": SIZES[size]}
        for engine in ENGINES:
            entry[f"{engine}_seconds"] = total(engine, size)
        for mode in ("verdicts", "full"):  # srdi's own screen, and the peers' adapter to its columns
            for part in ("build", "compute"):
                found = [r[f"seconds_{part}"] for r in runs(f"srdi-{mode}", size)]
                entry[f"srdi-{mode}_{part}_seconds"] = _median(found)
                entry[f"srdi-{mode}_{part}_range"] = [min(found), max(found)] if found else None
            for key in ("criteria", "criteria_decided_once"):
                entry[f"srdi-{mode}_{key}"] = max(
                    (r[key] for r in runs(f"srdi-{mode}", size) if key in r), default=None
                )
        for engine in ("srdi-verdicts", "srdi-full", "openfisca", "rowengine"):
            entry[f"{engine}_vs_numpy"] = ratio(engine, "numpy", size)
        entry["srdi-verdicts_vs_openfisca"] = ratio("srdi-verdicts", "openfisca", size)
        for a, b in (("srdi-verdicts", "numpy"), ("srdi-verdicts", "openfisca"), ("srdi-full", "numpy")):
            entry[f"{a}_vs_{b}_range"] = spread(a, b, size)
        # the two parts of srdi's verdict total, each against NumPy's whole total in the same round
        for part in ("build", "compute"):
            entry[f"srdi-verdicts_{part}_vs_numpy"] = ratio("srdi-verdicts", "numpy", size, f"seconds_{part}")
        for mode in ("verdicts", "full"):
            extra = [r["peak_rss_mb"] - r["rss_after_build_mb"] for r in runs(f"srdi-{mode}", size)]
            entry[f"srdi-{mode}_memory_beyond_input_mb"] = _median(extra)
            # srdi's own work: the adapter from the pool to srdi's columns is the peers' code (and, at 3M,
            # grows faster than its rows); it stays in the totals the ratios compare
            per_row = [r["seconds_compute"] / r["rows"] * 1e6 for r in runs(f"srdi-{mode}", size)]
            entry[f"srdi-{mode}_us_per_row"] = _median(per_row)
        for _, fmt in TABLES:
            if runs(f"batch-{fmt}", size):
                entry[f"batch-{fmt}_seconds"] = total(f"batch-{fmt}", size)
                entry[f"batch-{fmt}_vs_numpy"] = ratio(f"batch-{fmt}", "numpy", size)
        out["sizes"][size] = entry
    single_runs = {
        w: [r["us_per_call"] for r in results if r["what"] == w] for w in ("single-srdi", "single-openfisca")
    }
    out["warm_check_us"] = _median(single_runs["single-srdi"])
    out["warm_check_vs_openfisca"] = ratio("single-srdi", "single-openfisca", "1", "us_per_call", "us_per_call")
    for what in ("cold-check", "cold-help", "cold-import-pandas", "cold-python"):
        out[f"{what}_seconds"] = total(what, "1")
    out["cold-check_vs_import_pandas"] = ratio("cold-check", "cold-import-pandas", "1")
    out["cold-help_vs_import_pandas"] = ratio("cold-help", "cold-import-pandas", "1")
    for workers in (1, 2):
        d = runs(f"dask-{workers}", "1m")
        if d:
            out[f"dask-{workers}_seconds"] = _median([r["seconds_total"] for r in d])
            # each round's own median of interleaved pairs (older lines: its one pair)
            per = [r.get("ratio") or r["seconds_total"] / r["seconds_pandas"] for r in d]
            out[f"dask-{workers}_vs_pandas"] = _median(per)
            out[f"dask-{workers}_vs_pandas_range"] = [round(min(per), 2), round(max(per), 2)]
    primed = [r["prime_gib_s"] for r in results if "prime_gib_s" in r]
    out["prime_gib_s"] = _median(primed)
    out["prime_range"] = [min(primed), max(primed)] if primed else None
    # what each added row costs from one size to the next (medians of compute): a fixed cost per call
    # weighs on the per-row figure of a small table, not on this one
    steps = [k for k in ("100k", "1m", "3m") if k in sizes]
    out["srdi-verdicts_added_us_per_row"] = {
        f"{a}-{b}": round(
            (out["sizes"][b]["srdi-verdicts_compute_seconds"] - out["sizes"][a]["srdi-verdicts_compute_seconds"])
            / (SIZES[b] - SIZES[a])
            * 1e6,
            3,
        )
        for a, b in itertools.pairwise(steps)
        if out["sizes"][a].get("srdi-verdicts_compute_seconds") and out["sizes"][b].get("srdi-verdicts_compute_seconds")
    }
    # the same spread for the peers' NumPy (its total time a row): what a hand-written reference reads by this measure
    numpy_per_row = {
        k: out["sizes"][k]["numpy_seconds"] / SIZES[k] for k in steps if out["sizes"][k].get("numpy_seconds")
    }
    if len(numpy_per_row) > 1 and "1m" in numpy_per_row:
        out["numpy_growth_spread"] = round(max(abs(p / numpy_per_row["1m"] - 1) for p in numpy_per_row.values()), 3)
    out["goals"] = goals(out, sizes)
    return out


def goals(out: dict[str, Any], sizes: list[str]) -> dict[str, Any]:
    """Each goal of the benchmark: the figure, the bound, and whether it is met."""
    g: dict[str, Any] = {}

    def put(name: str, value: float | None, bound: float, below: bool = True) -> None:
        if value is not None:
            g[name] = {"value": value, "bound": bound, "met": value <= bound if below else value >= bound}

    one = out["sizes"].get("1m", {})
    put("verdicts_1m_vs_numpy", one.get("srdi-verdicts_vs_numpy"), GOALS["verdicts_vs_numpy"])
    put("verdicts_1m_vs_openfisca", one.get("srdi-verdicts_vs_openfisca"), 1.0)
    put("full_1m_vs_numpy", one.get("srdi-full_vs_numpy"), GOALS["full_vs_numpy"])
    per_row = [out["sizes"][s]["srdi-verdicts_us_per_row"] for s in ("100k", "1m", "3m") if s in sizes]
    if len(per_row) > 1:
        ref = out["sizes"]["1m"]["srdi-verdicts_us_per_row"] if "1m" in sizes else per_row[0]
        put("verdicts_growth_spread", round(max(abs(p / ref - 1) for p in per_row), 3), GOALS["growth_spread"])
    put(
        "memory_beyond_input_1m_mb", one.get("srdi-verdicts_memory_beyond_input_mb"), GOALS["memory_beyond_input_1m_mb"]
    )
    three = out["sizes"].get("3m", {})
    put(
        "memory_beyond_input_3m_mb",
        three.get("srdi-verdicts_memory_beyond_input_mb"),
        GOALS["memory_beyond_input_3m_mb"],
    )
    put("warm_check_ms", None if out["warm_check_us"] is None else out["warm_check_us"] / 1000, GOALS["warm_check_ms"])
    put("cold_check_s", out["cold-check_seconds"], GOALS["cold_check_s"])
    put("cold_help_s", out["cold-help_seconds"], GOALS["cold_help_s"])
    put("dask_2_vs_pandas", out.get("dask-2_vs_pandas"), GOALS["dask_2_vs_pandas"])
    for fmt in ("csv", "parquet"):
        put(f"batch_1m_{fmt}_s", one.get(f"batch-{fmt}_seconds"), GOALS["batch_1m_s"])
    return g


# --------------------------------------------------------------------------- README
START, END = "<!-- performance: generated by benchmarks/bench.py --readme -->", "<!-- performance: end -->"


def _machine(s: dict[str, Any]) -> str:
    """The machine of a summary in words ("a 2-core machine (Intel(R) Xeon(R) Processor)")."""
    m = s.get("machine") or {}
    cores = m.get("cores") or 2
    return f"a {cores}-core machine" + (f" ({m['cpu']})" if m.get("cpu") else "")


def readme_section(s: dict[str, Any]) -> str:
    """The README's performance section, from a summary: ratios, the load, what was and was not timed."""

    def x(v: float | None, digits: int = 2) -> str:
        return "—" if v is None else f"{v:.{digits}f}×"

    def near(v: float | None, name: str) -> str:
        """``x(v)`` for a goal's figure, with the digits it takes not to print the bound when it lies on one side."""
        goal = s["goals"].get(name)
        digits = 2
        while goal is not None and v is not None and v != goal["bound"] and round(v, digits) == goal["bound"]:
            digits += 1
        return x(v, digits)

    def met(name: str) -> str:
        goal = s["goals"].get(name)
        return "—" if goal is None else ("met" if goal["met"] else "**not met**")

    def rounds(entry: dict[str, Any], key: str) -> str:
        found = entry.get(f"{key}_range")
        return "" if not found or s["rounds"] == 1 else f" ({found[0]:.2f}–{found[1]:.2f} over the rounds)"

    sizes = s["sizes"]
    lines = [
        START,
        "",
        "`nox -s bench` runs srdi beside independent implementations of the same rule — the",
        "quantitative 小巨人 criteria of 辽工信改革〔2022〕9号 二（三） written by hand in NumPy, in",
        "OpenFisca, and as a per-row rule-engine loop (the peers' benchmark, `../shared/peers`) —",
        f"on the peers' seeded pool, every run a fresh process, engines interleaved over {s['rounds']} "
        f"round{'s' if s['rounds'] != 1 else ''}, at {', '.join(format(e['rows'], ',') for e in sizes.values())} rows"
        + ("" if "3m" in sizes else " (3,000,000 rows not run this time: the goals at 3M are not reported)")
        + ".",
        f"1-minute load average during the runs: {s['load_min']}–{s['load_max']} (median {s['load_median']})",
        f"on {_machine(s)} shared with other work. Figures are medians of per-round ratios; a",
        "ratio below 1 means srdi took less time."
        + _primed(s)
        + (
            " With one round, each figure is a single run, and single runs on a shared machine vary"
            " (the same code measured twice in a row can differ by half)."
            if s["rounds"] == 1
            else ""
        ),
        "",
        "| rows | srdi verdicts / NumPy | srdi verdicts / OpenFisca | srdi with gap texts / NumPy "
        "| OpenFisca / NumPy | rule-engine loop / NumPy |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for e in sizes.values():
        lines.append(
            f"| {e['rows']:,} | {x(e['srdi-verdicts_vs_numpy'])} | {x(e['srdi-verdicts_vs_openfisca'])} "
            f"| {x(e['srdi-full_vs_numpy'])} | {x(e['openfisca_vs_numpy'])} | {x(e['rowengine_vs_numpy'], 0)} |"
        )
    one = sizes.get("1m", {})
    growth = s["goals"].get("verdicts_growth_spread")
    lines += [
        "",
        "| goal | measured | |",
        "|---|---|---|",
        f"| verdicts, 1M rows: ≤ 1.5× NumPy and faster than OpenFisca | {near(one.get('srdi-verdicts_vs_numpy'), 'verdicts_1m_vs_numpy')} NumPy"
        f"{rounds(one, 'srdi-verdicts_vs_numpy')}, {near(one.get('srdi-verdicts_vs_openfisca'), 'verdicts_1m_vs_openfisca')} OpenFisca"
        f"{rounds(one, 'srdi-verdicts_vs_openfisca')} | {met('verdicts_1m_vs_numpy')}, "
        f"{met('verdicts_1m_vs_openfisca')} |",
        f"| full explanations, 1M rows: ≤ 3× NumPy | {near(one.get('srdi-full_vs_numpy'), 'full_1m_vs_numpy')}"
        f"{rounds(one, 'srdi-full_vs_numpy')} | {met('full_1m_vs_numpy')} |",
        f"| verdicts grow linearly, {' → '.join(k.replace('m', 'M') for k in ('100k', '1m', '3m') if k in sizes)}, "
        "within ±20% a row | "
        + ("—" if growth is None else f"per-row cost of `screen` within ±{growth['value'] * 100:.0f}% of 1M's")
        + _added(s.get("srdi-verdicts_added_us_per_row") or {})
        + (
            ""
            if s.get("numpy_growth_spread") is None
            else f"; the peers' NumPy, its total by the same measure: within ±{s['numpy_growth_spread'] * 100:.0f}%"
        )
        + f" | {met('verdicts_growth_spread')} |",
        "| memory beyond the input frame: ≤ 1 GB at 1M, ≤ 3 GB at 3M | "
        f"{_mb(one.get('srdi-verdicts_memory_beyond_input_mb'))} at 1M, "
        f"{_mb(sizes.get('3m', {}).get('srdi-verdicts_memory_beyond_input_mb'))} at 3M "
        f"| {met('memory_beyond_input_1m_mb')}, {met('memory_beyond_input_3m_mb')} |",
        f"| one enterprise, warm `Catalog.check`: ≤ 1 ms | {x(s['warm_check_vs_openfisca'])} OpenFisca's build + "
        f"calculate of one simulation | {met('warm_check_ms')} |",
        f"| cold `srdi check` ≤ 0.5 s, `srdi --help` ≤ 0.3 s | {x(s['cold-check_vs_import_pandas'])} and "
        f'{x(s["cold-help_vs_import_pandas"])} the time of `python -c "import pandas"` '
        f"| {met('cold_check_s')}, {met('cold_help_s')} |",
        f"| Dask, 2 workers: ≤ 1.5× pandas | 1 worker {x(s.get('dask-1_vs_pandas'))}, 2 workers "
        f"{near(s.get('dask-2_vs_pandas'), 'dask_2_vs_pandas')}{rounds(s, 'dask-2_vs_pandas')} pandas (a folder of Parquet files read, on Dask "
        "by the worker that screens each file; `screen`; Parquet written as `srdi batch` writes) "
        f"| {met('dask_2_vs_pandas')} |",
        "| `srdi batch` of 1M rows to Parquet, the whole process: ≤ 15 s (a time, not a ratio: "
        "read under the load above) "
        f"| CSV {_s(one.get('batch-csv_seconds'))}, Parquet {_s(one.get('batch-parquet_seconds'))} "
        f"| {met('batch_1m_csv_s')}, {met('batch_1m_parquet_s')} |",
        "",
        *_split(one),
        "End to end, `srdi batch TABLE --out out.parquet` as a command (reading the table with its cell",
        "checks, screening, writing), against the NumPy reference's total on the same pool:",
        "",
        "| table | CSV | Parquet | XLSX |",
        "|---|---:|---:|---:|",
    ]
    for e in sizes.values():
        if any(f"batch-{f}_vs_numpy" in e for f in ("csv", "parquet", "xlsx")):
            lines.append(
                f"| {e['rows']:,} rows | {x(e.get('batch-csv_vs_numpy'), 0)} | {x(e.get('batch-parquet_vs_numpy'), 0)} "
                f"| {x(e.get('batch-xlsx_vs_numpy'), 0)} |"
            )
    agree = s["agreement"].get("1m") or next(iter(s["agreement"].values()), {})
    lines += [
        "",
        "**Timed:** for the pool engines, mapping the pool onto each engine's inputs (build) and",
        "evaluating every criterion (compute); for srdi, `srdi.batch.screen`, which also finds each",
        "row's deciding criteria and builds the output frame (with the gap texts in the second",
        "column). For `srdi batch`, `srdi check` and `srdi --help`, the whole process.",
        "**Not timed:** generating the pool and the tables, reading the pool into pandas, imports and",
        "building the catalog in the pool runs. The rule-engine loop runs on 20,000 sampled rows,",
        "scaled.",
        "",
        f"**Same answers.** On the 1M pool srdi decides {agree.get('srdi_decided', 0):,} rows; on those its verdict",
        f"differs from the NumPy reference's on {agree.get('differ_where_decided', 0):,}, every one through a",
        "reading the peers' README names: the certification count against a separate flag, the",
        "主营业务收入 share read in each year against the two-year totals (`--set g-main-share.combine=aggregate`",
        "takes the peers' reading), and two-year R&D ratios srdi decides from the known year where",
        "the peers fail any missing input. The benchmark fails on any other difference.",
        "",
        "```json",
        json.dumps(s, ensure_ascii=False),
        "```",
        "",
        END,
    ]
    return "\n".join(lines)


def _s(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f} s"


def _mb(v: float | None) -> str:
    return "—" if v is None else f"{v:,.0f} MB"


def write_readme(summary: dict[str, Any]) -> None:
    """Replace README.md's performance section with one made from ``summary``."""
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    section = readme_section(summary)
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: section, text, flags=re.S)
    else:
        # the first time: replace what stands under the heading, up to the next heading (### The service …)
        head, _, rest = text.partition("## Performance\n")
        ends = [i for i in (rest.find("\n## "), rest.find("\n### ")) if i >= 0]
        after = rest[min(ends) :] if ends else ""
        text = f"{head}## Performance\n\n{section}\n{after}"
    readme.write_text(text, encoding="utf-8")
    say(f"bench: wrote the performance section of {readme}")


def main() -> None:
    """Run (or summarise) the benchmark; the last line printed is the summary as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,1m,3m")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--peers", default=None, help="the peers' benchmark (default ../shared/peers)")
    parser.add_argument("--data", default=str(HERE / "data"), help="where pools and tables are kept (not timed)")
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--results", default=None, help="also write the summary JSON here")
    parser.add_argument("--readme", action="store_true", help="rewrite README.md's performance section")
    parser.add_argument("--from", dest="source", default=None, help="summarise this results file instead of running")
    args = parser.parse_args()
    if args.source:
        summary = json.loads(Path(args.source).read_text(encoding="utf-8"))
        summary["goals"] = goals(summary, list(summary["sizes"]))  # the goals as this version states them
    else:
        summary = run(args)
    if args.results:
        Path(args.results).write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.readme:
        write_readme(summary)
    unmet = [k for k, v in summary["goals"].items() if not v["met"]]
    say(f"bench: goals not met: {', '.join(unmet)}" if unmet else "bench: every goal met")
    print(json.dumps(summary, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
