"""Benchmark: srdi batch against hand-written NumPy and against a per-row loop.

    nox -s bench -- --rows 1000000
    python benchmarks/bench_batch.py --rows 1000000

On a seeded synthetic pool (srdi.batch.synthetic: log-normal revenue, a few percent
R&D, debt ratios around one half, 3% of every column empty) it times, in one run:

(a) srdi batch: ``srdi.batch.screen`` on 辽工信改革〔2022〕9号's little giant tier —
    every criterion evaluated over the whole frame, the verdicts, and per row the
    criteria that decided it (the output frame of ``srdi batch --no-gaps``), on one
    thread per available core as ``srdi batch`` runs (``--workers 1`` for one);
(b) the same criteria written by hand in NumPy on one thread, with the thresholds
    read from the compiled program (no number from the notice is typed here): what
    the hardware can do;
(c) a loop calling the single-profile API (``Catalog.evaluate``) row by row, on a
    sample of rows, scaled to the full count.

The verdicts of (a) and (b) must agree on every row, and (c) on its sample, or the
benchmark fails. The last line printed is one JSON object: rows, seconds, rows per
second, ratio_vs_numpy and ratio_vs_row_loop (srdi's time over the other's) and
the peak resident memory in MB. Timings are the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import resource
import sys
import time
from typing import Any

import numpy as np
import pandas as pd

import srdi
from srdi.batch import screen
from srdi.batch.screen import default_workers
from srdi.batch.synthetic import pool
from srdi.engine import size_class
from srdi.engine.conditions import REL_TOL
from srdi.engine.outcomes import MET, NOT_MET, REVIEW, UNKNOWN
from srdi.profile import Profile, Recognition

PROGRAM = "liaoning.little-giant-2022"
ON = dt.date(2022, 3, 1)  # inside the online window 2022-02-09 … 03-18


# --------------------------------------------------------------------------- the hand-written reference
def _code(ok: np.ndarray, known: np.ndarray) -> np.ndarray:
    out = ok.astype(np.int8)
    out[~known] = UNKNOWN
    return out


def _all(*xs: np.ndarray) -> np.ndarray:
    s = np.stack(xs)
    out = np.full(s.shape[1], MET, dtype=np.int8)
    out[(s == REVIEW).any(0)] = REVIEW
    out[(s == UNKNOWN).any(0)] = UNKNOWN
    out[(s == NOT_MET).any(0)] = NOT_MET
    return out


def _any(*xs: np.ndarray) -> np.ndarray:
    s = np.stack(xs)
    out = np.full(s.shape[1], NOT_MET, dtype=np.int8)
    out[(s == REVIEW).any(0)] = REVIEW
    out[(s == UNKNOWN).any(0)] = UNKNOWN
    out[(s == MET).any(0)] = MET
    return out


def _flag(f: pd.DataFrame, col: str, expect: float = 1.0) -> np.ndarray:
    x = f[col].to_numpy(np.float64) if col in f else np.full(len(f), np.nan)
    return _code(x == expect, ~np.isnan(x))


def _attest(f: pd.DataFrame, key: str) -> np.ndarray:
    x = f[f"attest.{key}"].to_numpy(np.float64) if f"attest.{key}" in f else np.full(len(f), np.nan)
    out = np.full(len(f), REVIEW, dtype=np.int8)
    out[x == 1.0] = MET
    out[x == 0.0] = NOT_MET
    return out


def _ge(x: np.ndarray, v: float) -> np.ndarray:
    # a figure exactly at the threshold meets it despite binary rounding (the engine's tolerance)
    return _code(x >= v - REL_TOL * max(1.0, abs(v)), ~np.isnan(x))


def _le(x: np.ndarray, v: float) -> np.ndarray:
    return _code(x <= v + REL_TOL * max(1.0, abs(v)), ~np.isnan(x))


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        r = num / den * 100.0
    r[~(den > 0)] = np.nan
    return r


def _partial_sum_ge(parts: list[np.ndarray], v: float) -> np.ndarray:
    s = np.stack(parts)
    total = np.nansum(s, 0)
    missing = np.isnan(s).any(0)
    ok = total >= v - REL_TOL * max(1.0, abs(v))
    out = ok.astype(np.int8)
    out[missing & ~ok] = UNKNOWN
    return out


def _ticked(f: pd.DataFrame, field: str, options: list[str], at_least: int) -> np.ndarray:
    s = np.stack(
        [f[f"{field}.{o}"].to_numpy(np.float64) if f"{field}.{o}" in f else np.full(len(f), np.nan) for o in options]
    )
    ticked = (s == 1.0).sum(0)
    open_ = np.isnan(s).sum(0)
    out = np.full(len(f), MET, dtype=np.int8)
    out[(ticked < at_least) & (ticked + open_ >= at_least)] = UNKNOWN
    out[ticked + open_ < at_least] = NOT_MET
    return out


def _size(f: pd.DataFrame, year: int) -> np.ndarray:
    """中型/小型/微型 → MET, 大型 → NOT_MET, undecided → UNKNOWN (工信部联企业〔2011〕300号 table)."""
    emp, rev, assets = (f[f"{k}_{year}"].to_numpy(np.float64) for k in ("employees", "revenue", "total_assets"))
    values = {"employees": emp, "revenue": rev, "total_assets": assets}
    codes, uniques = pd.factorize(f["industry_code"])
    cat_of = {ind["id"]: ind for ind in size_class.rules()["classes"]["industries"]}
    out = np.full(len(f), UNKNOWN, dtype=np.int8)
    for k, u in enumerate(uniques):
        cat = size_class.industry_category(u)
        if cat is None:
            continue
        rows = codes == k
        rule = cat_of[cat]
        below = np.zeros(rows.sum(), dtype=bool)
        unknown = np.zeros(rows.sum(), dtype=bool)
        for b in rule["sme_below"]:
            x = values[b["field"]][rows]
            below |= x < b["value"]
            unknown |= np.isnan(x)
        # srdi names the class (中型, 小型 or 微型) before it says "SME": the class must be decided too
        decided = np.ones(rows.sum(), dtype=bool)
        for tier in ("medium_from", "small_from"):
            miss = np.zeros(rows.sum(), dtype=bool)
            nan = np.zeros(rows.sum(), dtype=bool)
            for b in rule[tier]:
                x = values[b["field"]][rows]
                miss |= x < b["value"]
                nan |= np.isnan(x)
            reached = ~miss & ~nan
            decided &= miss | reached
            if tier == "medium_from":
                decided_medium = reached
        decided |= decided_medium
        res = np.full(rows.sum(), UNKNOWN, dtype=np.int8)
        res[below & decided] = MET
        res[~below & ~unknown] = NOT_MET
        out[rows] = res
    return out


def reference(f: pd.DataFrame, prog: Any, on: dt.date) -> np.ndarray:
    """The little giant tier's verdict codes, written out by hand over NumPy arrays."""
    a = {cid: c.args for cid, c in prog.criteria.items()}  # every threshold from the notice file
    y = prog.year_for(on)
    n = len(f)

    def num(col: str) -> np.ndarray:
        return f[col].to_numpy(np.float64) if col in f else np.full(n, np.nan)

    # 基本条件
    codes = f["credit_code"]
    region = codes.str.slice(2, 8)
    known_region = (codes.str.len() >= 8).to_numpy(dtype=bool, na_value=False)
    prefix = a["in-liaoning"]["codes"][0].rstrip("0")
    in_region = _code(region.str.startswith(prefix).to_numpy(dtype=bool, na_value=False), known_region)
    legal = _flag(f, "independent_legal_person")
    sme = _size(f, y)
    reg = f["registered_on"].to_numpy()
    known = ~np.isnat(reg)
    ry = reg.astype("datetime64[Y]").astype(np.int64) + 1970
    rm = (reg.astype("datetime64[M]") - reg.astype("datetime64[Y]")).astype(np.int64) + 1
    rd_ = (reg - reg.astype("datetime64[M]")).astype(np.int64) + 1
    full = on.year - ry - ((rm > on.month) | ((rm == on.month) & (rd_ > on.day)))  # full years on the day
    years_ok = _code(full >= a["operating-years"]["value"], known)
    revenue = _ge(num(f"revenue_{y}"), a["revenue"]["value"])
    debt = _all(
        *(
            _le(_ratio(num(f"total_liabilities_{k}"), num(f"total_assets_{k}")), a["debt-ratio"]["value"])
            for k in (y - 1, y)
        )
    )
    rd_num = num(f"rd_expense_{y - 1}") + num(f"rd_expense_{y}")
    rd_den = num(f"revenue_{y - 1}") + num(f"revenue_{y}")
    rd = _ge(_ratio(rd_num, rd_den), a["rd-ratio"]["value"])
    certs = [c.value for c in CATALOG.vocabulary["management_certs"].choices]
    cert_stack = np.stack([num(f"management_certs.{c}") for c in certs])
    cert_count = np.nansum(cert_stack, 0)
    cert_count[np.isnan(cert_stack).all(0)] = np.nan
    quality = _ge(cert_count, a["quality-certification"]["value"])
    basic = _all(in_region, legal, sme, years_ok, revenue, debt, rd, quality, _attest(f, "sound_management"))
    # 排除情形 (none of them): a flag that is 1 excludes
    excl = _all(*(_flag(f, a[c]["fact"], 0.0) for c in ("false-information", "violation", "accident")))
    # 专业化
    growth = np.stack(
        [_ratio(num(f"main_business_revenue_{k}"), num(f"main_business_revenue_{k - 1}")) - 100.0 for k in (y - 1, y)]
    ).mean(0)
    specialised = _all(
        _ge(num("niche_years"), a["g-niche-years"]["value"]),
        _ge(growth, a["g-growth"]["value"]),
        _all(
            *(
                _ge(_ratio(num(f"main_business_revenue_{k}"), num(f"revenue_{k}")), a["g-main-share"]["value"])
                for k in (y - 1, y)
            )
        ),
        _le(num(f"province_rank_{y}"), a["g-province-top-15"]["value"]),
        _ge(num("large_partners"), a["g-large-partners"]["value"]),
    )
    refined = _all(
        _attest(f, "refined_management_plan"),
        _flag(f, "lean_training"),
        _any(
            _ge(cert_count, a["g-management-certs"]["value"]),
            _attest(f, "advanced_standard"),
            _ticked(f, "product_certs_developed", list(a["g-developed-country-cert"]["any_of"]), 1),
        ),
        _any(
            *(
                _ge(_ratio(num(f"{staff}_{y}"), num(f"employees_{y}")), a[cid]["value"])
                for cid, staff in (
                    ("g-qualified-share", "qualified_staff"),
                    ("g-college-share", "college_staff"),
                    ("g-mid-title-share", "mid_title_staff"),
                )
            )
        ),
    )
    distinctive = _any(
        _all(_attest(f, "brand_strategy"), _flag(f, "own_brand")),
        _flag(f, "liaoning.local_distinction"),
        _attest(f, "unique_process_product"),
        _attest(f, "proprietary_know_how"),
        _attest(f, "local_characteristic_product"),
        _flag(f, "liaoning.green_demonstration"),
    )
    innovative = _all(
        _any(
            _partial_sum_ge([num(k) for k in a["g-invention"]["sum"]], a["g-invention"]["value"]),
            _partial_sum_ge([num(k) for k in a["g-other-ip"]["sum"]], a["g-other-ip"]["value"]),
            _ge(num("standards_recent_2y"), a["g-recent-standard"]["value"]),
            _flag(f, "rd_institution"),
        ),
        _ge(_ratio(num(f"rd_staff_{y}"), num(f"employees_{y}")), a["g-rd-staff"]["value"]),
        _flag(f, "digital_plan"),
    )
    s = np.stack([specialised, refined, distinctive, innovative])
    met, unknown = (s == MET).sum(0), (s == UNKNOWN).sum(0)
    special = np.full(n, REVIEW, dtype=np.int8)
    special[unknown > 0] = UNKNOWN
    special[met + unknown + (s == REVIEW).sum(0) < 1] = NOT_MET
    special[met >= 1] = MET
    key_field = _any(
        _ticked(f, "key_fields", list(a["g-national-fields"]["any_of"]), 1),
        _ticked(f, "liaoning.key_fields", list(a["g-liaoning-fields"]["any_of"]), 1),
    )
    # 三（一）4: a valid 专精特新中小企业 title, to 31 December of its third year after recognition
    validity = CATALOG.titles.by_id["liaoning.srdi_sme"].validity_years
    year_held = num("rec.liaoning.srdi_sme.year")
    held = ~np.isnan(year_held) & (year_held <= on.year) & (year_held + validity >= on.year)
    prereq = held.astype(np.int8)
    prereq[np.isnan(num("recognitions_declared")) & ~held] = UNKNOWN
    return _all(basic, _attest(f, "compliance_and_credit"), excl, prereq, special, key_field)


# --------------------------------------------------------------------------- the per-row loop
def profile_of(row: pd.Series) -> Profile:
    """One frame row back as a profile (the single-profile API's input)."""
    voc = CATALOG.vocabulary
    facts: dict[str, Any] = {}
    years: dict[int, dict[str, Any]] = {}
    multi: dict[str, list[str]] = {}
    multi_known: set[str] = set()
    recs = []
    att = {}
    for col, v in row.items():
        if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NaT:
            continue
        col = str(col)
        if col.startswith("attest."):
            att[col[7:]] = bool(v == 1.0)
        elif col.startswith("rec."):
            recs.append(Recognition(col[4:].rsplit(".", 1)[0], int(v)))
        elif col == "recognitions_declared":
            continue
        elif "." in col and col.rsplit(".", 1)[0] in voc and voc[col.rsplit(".", 1)[0]].kind == "multichoice":
            key, opt = col.rsplit(".", 1)
            multi_known.add(key)
            if v == 1.0:
                multi.setdefault(key, []).append(opt)
        elif col in voc:
            spec = voc[col]
            facts[col] = (
                v.date()
                if spec.kind == "date"
                else (v if spec.kind in ("text", "choice") else (bool(v) if spec.kind == "bool" else float(v)))
            )
        else:
            key, _, year = col.rpartition("_")
            years.setdefault(int(year), {})[key] = float(v)
    for key in multi_known:
        facts[key] = tuple(multi.get(key, ()))
    declared = not np.isnan(row.get("recognitions_declared", np.nan))
    return Profile(facts=facts, years=years, recognitions=tuple(recs) if declared else None, attestations=att)


# --------------------------------------------------------------------------- driver
def best_of(repeat: int, fn: Any) -> tuple[float, Any]:
    """The fastest of ``repeat`` timed calls, and the last result."""
    best, out = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def main(argv: list[str] | None = None) -> int:
    """Build the pool, time (a), (b) and (c), check they agree, print the figures and the JSON line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--sample", type=int, default=2_000, help="rows of the per-row loop (scaled to --rows)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=20220301)
    ap.add_argument("--workers", type=int, help="threads for srdi batch (default: every available core)")
    args = ap.parse_args(argv)
    prog = CATALOG.program(PROGRAM)
    attest = sorted({c.args.get("key") or c.id for c in prog.criteria.values() if c.type == "attest"})
    t0 = time.perf_counter()
    frame = pool(
        args.rows,
        CATALOG.vocabulary,
        prog.year_for(ON),
        seed=args.seed,
        titles={"liaoning.srdi_sme": 0.6},
        attestations=attest,
        multichoice=("management_certs", "key_fields", "product_certs_developed", "liaoning.key_fields"),
    )
    rng = np.random.default_rng(args.seed)
    for key in ("liaoning.local_distinction", "liaoning.green_demonstration"):
        frame[key] = (rng.random(len(frame)) < 0.1).astype(np.float64)
    print(
        f"pool: {len(frame):,} rows × {frame.shape[1]} columns, seed {args.seed}, "
        f"built in {time.perf_counter() - t0:.1f} s",
        file=sys.stderr,
    )
    screen(CATALOG, frame.iloc[:100], [prog], ON, gaps=False)  # warm-up: compile, import

    t_srdi, result = best_of(args.repeat, lambda: screen(CATALOG, frame, [prog], ON, gaps=False, workers=args.workers))
    t_numpy, ref = best_of(args.repeat, lambda: reference(frame, prog, ON))
    verdict = result.programs[PROGRAM].verdict
    if not np.array_equal(verdict, ref):
        bad = np.flatnonzero(verdict != ref)
        print(f"srdi and the reference disagree on {len(bad)} rows, e.g. row {bad[0]}", file=sys.stderr)
        return 1

    sample = min(args.sample, len(frame))
    picks = np.random.default_rng(args.seed).choice(len(frame), sample, replace=False)
    profiles = [profile_of(frame.iloc[i]) for i in picks]
    t = time.perf_counter()
    loop = [CATALOG.evaluate(p, prog, ON).verdict for p in profiles]
    t_loop_sample = time.perf_counter() - t
    t_loop = t_loop_sample / sample * len(frame)
    names = np.array(["ineligible", "eligible", "incomplete", "review"])
    mismatch = [i for i, v in zip(picks, loop) if v.value != names[verdict[i]]]
    if mismatch:
        print(f"the per-row loop disagrees with srdi batch on {len(mismatch)} sampled rows", file=sys.stderr)
        return 1

    counts = dict(zip(names, np.bincount(verdict, minlength=4).tolist()))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"verdicts: {counts}", file=sys.stderr)
    threads = args.workers or default_workers()
    print(f"(a) srdi batch:          {t_srdi:8.3f} s  ({len(frame) / t_srdi:,.0f} rows/s, {threads} thread(s))")
    print(f"(b) hand-written NumPy:  {t_numpy:8.3f} s  (one thread; same verdicts on every row)")
    print(
        f"(c) per-row loop:        {t_loop:8.3f} s  (measured on {sample:,} sampled rows: "
        f"{t_loop_sample:.2f} s, scaled to {len(frame):,}; same verdicts)"
    )
    print(
        json.dumps(
            {
                "rows": len(frame),
                "seconds": round(t_srdi, 4),
                "rows_per_second": round(len(frame) / t_srdi),
                "ratio_vs_numpy": round(t_srdi / t_numpy, 3),
                "ratio_vs_row_loop": round(t_srdi / t_loop, 5),
                "peak_rss_mb": round(peak, 1),
            }
        )
    )
    return 0


CATALOG = srdi.load(["liaoning"])

if __name__ == "__main__":
    sys.exit(main())
