"""A seeded synthetic pool of SMEs in the engine's columns, for benchmarks and scale tests.

The figures follow rough shapes of real SME pools — revenue log-normal around a few
thousand 万元, R&D a few percent of revenue, debt ratios around one half, most firms
manufacturers — with a share of every column left empty. Nothing here is a
threshold from a notice; the pool only has to exercise every criterion on both
sides of its threshold. Plugin fields, titles and attestations are the caller's to
name (the core knows no region).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from ..profile.credit_code import ALPHABET, WEIGHTS
from ..vocabulary import Vocabulary

#: Manufacturing classes mostly, a software class and a wholesale class for the other size rules.
INDUSTRIES = ("C3484", "C3511", "C3990", "C2614", "C3311", "C3981", "I6510", "F5179")
REGIONS = ("210100", "210200", "210300", "210800", "211100", "130100", "110108", "310115")


def credit_codes(regions: np.ndarray, serials: np.ndarray) -> np.ndarray:
    """Valid 统一社会信用代码 (check digit computed) for ``regions`` and numeric ``serials``, vectorised."""
    body = np.char.add(np.char.add("91", regions.astype("U6")), np.char.zfill(serials.astype("U9"), 9))
    digits = body.view("U1").reshape(len(body), 17)
    values = np.char.find(ALPHABET, digits).astype(np.int64)
    total = (values * np.array(WEIGHTS)).sum(axis=1)
    check = np.array(list(ALPHABET))[(31 - total % 31) % 31]
    return np.char.add(body, check).astype(object)


def pool(
    n: int,
    vocabulary: Vocabulary,
    reference_year: int,
    seed: int = 0,
    missing: float = 0.03,
    titles: Mapping[str, float] | None = None,
    attestations: Iterable[str] = (),
    multichoice: Sequence[str] = (
        "management_certs",
        "key_fields",
        "production_standard",
        "product_certs_developed",
        "core_business_it",
    ),
    regions: Sequence[str] = REGIONS,
) -> pd.DataFrame:
    """``n`` synthetic enterprises in the engine's columns (``revenue_2021``, ``key_fields.four_bases`` …).

    ``titles`` gives, per title id, the share of firms holding it (recognised in one of
    the three years up to ``reference_year``); ``attestations`` the keys answered yes
    or no; ``multichoice`` the multiple-choice fields whose options are ticked at random.
    """
    rng = np.random.default_rng(seed)
    cols: dict[str, np.ndarray] = {}
    idx = np.arange(1, n + 1)
    cols["name"] = np.char.add("企业", idx.astype("U9")).astype(object)
    region = np.asarray(regions)[rng.integers(0, len(regions), n)]
    cols["credit_code"] = credit_codes(region, idx)
    days = rng.integers(0, 365 * 25, n)
    cols["registered_on"] = np.datetime64(f"{reference_year - 24}-01-01") + days.astype("timedelta64[D]")
    cols["independent_legal_person"] = (rng.random(n) < 0.97).astype(np.float64)
    cols["industry_code"] = np.asarray(INDUSTRIES, dtype=object)[rng.choice(len(INDUSTRIES), n, p=_industry_p())]

    years = range(reference_year - 2, reference_year + 1)
    revenue = rng.lognormal(np.log(3500.0), 0.9, n)
    per_head = rng.lognormal(np.log(60.0), 0.5, n)
    for y in years:
        growth = rng.normal(0.06, 0.12, n)
        revenue = revenue * (1 + growth) if y > years[0] else revenue
        cols[f"revenue_{y}"] = np.round(revenue, 1)
        share = np.clip(rng.beta(12, 1.2, n), 0.3, 1.0)
        cols[f"main_business_revenue_{y}"] = np.round(revenue * share, 1)
        assets = revenue * rng.uniform(0.7, 2.2, n)
        cols[f"total_assets_{y}"] = np.round(assets, 1)
        cols[f"total_liabilities_{y}"] = np.round(assets * rng.beta(5, 5, n), 1)
        cols[f"rd_expense_{y}"] = np.round(revenue * rng.lognormal(np.log(0.03), 0.6, n), 1)
        cols[f"net_profit_{y}"] = np.round(revenue * rng.normal(0.06, 0.05, n), 1)
        cols[f"equity_financing_{y}"] = np.round(np.where(rng.random(n) < 0.1, rng.lognormal(np.log(2000), 1, n), 0.0))
        staff = np.maximum(np.round(revenue / per_head), 5.0)
        cols[f"employees_{y}"] = staff
        cols[f"rd_staff_{y}"] = np.round(staff * rng.beta(2, 10, n))
        college = np.round(staff * rng.beta(4, 6, n))
        titled = np.round(staff * rng.beta(2, 8, n))
        cols[f"college_staff_{y}"] = college
        cols[f"mid_title_staff_{y}"] = titled
        cols[f"qualified_staff_{y}"] = np.minimum(college + titled, staff)
        cols[f"province_rank_{y}"] = rng.integers(1, 60, n).astype(np.float64)
    for key, (lo, hi) in {
        "niche_years": (0, 25),
        "large_partners": (0, 6),
        "invention_patents": (0, 8),
        "ic_layout_designs": (0, 1),
        "utility_patents": (0, 15),
        "design_patents": (0, 4),
        "software_copyrights": (0, 6),
        "standards_recent_2y": (0, 2),
    }.items():
        cols[key] = rng.integers(lo, hi + 1, n).astype(np.float64)
    for key, p in {
        "own_brand": 0.7,
        "rd_institution": 0.5,
        "digital_plan": 0.6,
        "lean_training": 0.5,
        "false_information": 0.01,
        "violation_3y": 0.02,
        "accident_3y": 0.02,
        "major_accident_3y": 0.01,
        "single_champion": 0.005,
    }.items():
        cols[key] = (rng.random(n) < p).astype(np.float64)
    for key in multichoice:
        spec = vocabulary[key]
        for c in spec.choices:
            cols[f"{key}.{c.value}"] = (rng.random(n) < 0.3).astype(np.float64)
    cols["recognitions_declared"] = np.ones(n)
    for title, held_share in (titles or {}).items():
        held = rng.random(n) < held_share
        cols[f"rec.{title}.year"] = np.where(held, rng.integers(reference_year - 2, reference_year + 1, n), np.nan)
    for key in attestations:
        cols[f"attest.{key}"] = (rng.random(n) < 0.85).astype(np.float64)
    if missing > 0:
        for key, arr in cols.items():
            if key in ("name", "credit_code", "recognitions_declared") or key.startswith("rec."):
                continue
            gone = rng.random(n) < missing
            if arr.dtype == object:
                arr[gone] = None
            elif np.issubdtype(arr.dtype, np.datetime64):
                arr[gone] = np.datetime64("NaT", "D")
            else:
                arr[gone] = np.nan
    return pd.DataFrame(cols, copy=False)  # no consolidated copy: a million rows × 90 columns is 700 MB


def _industry_p() -> np.ndarray:
    p = np.array([0.2, 0.15, 0.15, 0.12, 0.12, 0.1, 0.1, 0.06])
    return p / p.sum()
