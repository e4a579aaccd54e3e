"""Points formulas and their figures give one enterprise what they give its row of a frame.

A formula is evaluated over arrays (``Formula.evaluate``) or over one enterprise's
floats (``Formula.evaluate_one``) by the same rules: a missing figure makes it missing,
a division whose result is not finite is missing, ``min``/``max`` of a missing
argument is missing. A figure is read over a frame (``figure_values``) or for one
enterprise (``figure_value_one``) by the same arithmetic. Every expected value below is
worked out by hand in its comment.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import srdi
from srdi.engine.facts import Facts
from srdi.engine.figures import Figure, figure_value_one, figure_values
from srdi.engine.formula import Formula
from srdi.engine.one_row import OneRow

CATALOG = srdi.load([])
NAN = float("nan")


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


@pytest.mark.parametrize(
    ("text", "figures", "expected"),
    [
        ("2 + N", {"N": 4.75}, 6.75),  # 浙江's "2+N分" at N = 4.75
        ("1 + 0.2 * N", {"N": 13.0}, 3.6),  # "1+0.2*N" at 13 full years: 1 + 2.6
        ("2 + N", {"N": NAN}, NAN),  # a missing figure leaves the formula missing
        ("N / M", {"N": 1.0, "M": 0.0}, NAN),  # 1 / 0 is infinite: missing, not inf
        ("N / M", {"N": 0.0, "M": 0.0}, NAN),  # 0 / 0: missing
        ("N / M", {"N": 3.0, "M": 4.0}, 0.75),
        ("min(N, 10)", {"N": 12.0}, 10.0),  # the smaller of 12 and 10
        ("max(N, M, 1)", {"N": -2.0, "M": 0.5}, 1.0),  # the largest of -2, 0.5 and 1
        ("min(N, 10)", {"N": NAN}, NAN),  # min of a missing figure is missing (np.fmin would give 10)
        ("-N * 2 + +M", {"N": 1.5, "M": 4.0}, 1.0),  # signs: -3 + 4
    ],
)
def test_a_formula_gives_one_enterprise_what_it_gives_its_row(text, figures, expected):
    formula = Formula(text)
    alone = formula.evaluate_one(figures)
    row = formula.evaluate({k: np.array([v]) for k, v in figures.items()}, 1)
    assert _same(alone, expected) or alone == pytest.approx(expected)
    assert _same(alone, float(row[0]))


FORMULAS = ["N / M", "(N + M) / (N - M)", "min(N, M) - max(N, 2) * M", "-N * M + 3", "max(N / M, M, 1)"]
VALUES = st.one_of(
    st.sampled_from([0.0, -0.0, 1.0, -1.0, 2.0, NAN, math.inf, -math.inf, 1e308, 5e-324]),
    st.floats(allow_nan=True, allow_infinity=True),
)


@given(text=st.sampled_from(FORMULAS), rows=st.lists(st.tuples(VALUES, VALUES), min_size=1, max_size=6))
def test_a_formula_over_a_frame_is_the_formula_of_each_row(text, rows):
    formula = Formula(text)
    with np.errstate(over="ignore"):  # a product beyond float's range is inf on both paths
        columns = formula.evaluate(
            {"N": np.array([n for n, _ in rows]), "M": np.array([m for _, m in rows])}, len(rows)
        )
    for i, (n, m) in enumerate(rows):
        assert _same(formula.evaluate_one({"N": n, "M": m}), float(columns[i])), (i, n, m)


# --------------------------------------------------------------------------- figures
#: 研发 and 营业收入 of three years (万元), reference year 2020: 2018 320/8000 = 4%, 2019 450/10000 = 4.5%,
#: 2020 600/12000 = 5%; registered 2008-11-02
YEARS = {
    "2018": {"revenue": 8000, "rd_expense": 320},
    "2019": {"revenue": 10000, "rd_expense": 450},
    "2020": {"revenue": 12000, "rd_expense": 600},
}


def _both(fig: Figure, years=YEARS, on: dt.date = dt.date(2021, 11, 1)) -> float:
    """The figure for one enterprise, after asserting it equals the figure of its row in a (one-row) frame."""
    profile = CATALOG.load_profile_data({"enterprise": {"name": "企业", "registered_on": "2008-11-02"}, "years": years})
    row = profile.to_row(CATALOG.vocabulary)
    alone = figure_value_one(fig, Facts(row, CATALOG.metrics, 2020), on, 2020)
    framed = figure_values(fig, OneRow(row, CATALOG.metrics, 2020), on, 2020)
    assert _same(alone, float(framed[0]))
    return alone


@pytest.mark.parametrize(
    ("fig", "expected"),
    [
        # mean of the three ratios: (4 + 4.5 + 5) / 3 = 4.5
        (Figure(metric="rd_ratio", years=3, combine="mean"), 4.5),
        # ratio of the sums: (320 + 450 + 600) / (8000 + 10000 + 12000) × 100 = 1370 / 30000 × 100 = 4.5667
        (Figure(metric="rd_ratio", years=3, combine="aggregate"), 1370 / 30000 * 100),
        # the sum of two years' revenue: 10000 + 12000
        (Figure(metric="revenue", years=2, combine="sum"), 22000.0),
        # 2019 alone (a year before the reference year): 450 / 10000 = 4.5%
        (Figure(metric="rd_ratio", year_offset=-1), 4.5),
        # two metrics added in 2020: 600 + 12000
        (Figure(sum=("rd_expense", "revenue")), 12600.0),
    ],
)
def test_a_figure_reads_one_enterprise_as_its_row(fig, expected):
    assert _both(fig) == pytest.approx(expected)


def test_a_missing_part_or_base_leaves_a_figure_missing():
    without_rd_2020 = {**YEARS, "2020": {"revenue": 12000}}
    # 2020's 研发 missing: its part of the sum, the mean of three ratios and the sum of three numerators are missing
    assert math.isnan(_both(Figure(sum=("rd_expense", "revenue")), without_rd_2020))
    assert math.isnan(_both(Figure(metric="rd_ratio", years=3, combine="mean"), without_rd_2020))
    assert math.isnan(_both(Figure(metric="rd_ratio", years=3, combine="aggregate"), without_rd_2020))
    # no revenue (nor R&D) in any year: the ratio of the sums, 0 / 0, has a base of 0: undefined
    no_revenue = {y: {"revenue": 0, "rd_expense": 0} for y in YEARS}
    assert math.isnan(_both(Figure(metric="rd_ratio", years=3, combine="aggregate"), no_revenue))


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (dt.date(2021, 11, 1), 12),  # registered 2008-11-02: the 13th anniversary is tomorrow → 12 full years
        (dt.date(2021, 11, 2), 13),  # on the anniversary → 13
        (dt.date(2021, 12, 1), 13),  # a later month → 13
        (dt.date(2021, 10, 31), 12),  # an earlier month → 12
    ],
)
def test_full_years_since_a_date_count_its_day_of_the_year(on, expected):
    assert _both(Figure(years_since="registered_on"), on=on) == expected
