"""Columns: a date column a frame lacks is missing for every row, without NumPy warnings; which
columns hold one value in every row, and which columns a metric was computed from."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from srdi.engine.columns import HEAD_ROWS, Columns, Rows, uniform


def test_an_absent_date_column_is_all_nat_with_a_unit(baseline):
    cols = Columns(pd.DataFrame([{"revenue_2020": 1.0}, {"revenue_2020": 2.0}]), baseline.metrics, 2020)
    with warnings.catch_warnings():
        # NumPy 2.5 deprecates NaT without a unit ('generic'); the column must carry its unit
        warnings.simplefilter("error")
        arr = cols.date("registered_on")
    assert arr.dtype == np.dtype("datetime64[D]")
    assert np.isnat(arr).all() and len(arr) == 2


LONG = HEAD_ROWS + 10  # past the rows compared first


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (np.full(LONG, 3.5), True),
        (np.full(LONG, np.nan), True),  # blank in every row: one value, missing
        (np.r_[np.full(LONG - 1, 3.5), 3.6], False),  # differs only in the last row
        (np.r_[np.full(LONG - 1, np.nan), 0.0], False),  # blank but for one row
        (np.r_[np.zeros(LONG - 1), -0.0], False),  # equal as numbers, not as bits: counted as differing
        (np.ones(LONG, dtype=bool), True),
        (pd.array([True] * LONG, dtype="boolean"), True),
        (pd.array([None] * LONG, dtype="Float64"), True),
        (pd.array([1.0] * (LONG - 1) + [None], dtype="Float64"), False),
        (pd.array([2.0] * (LONG - 1) + [3.0], dtype="Float64"), False),
        (pd.Categorical(["210000"] * LONG), True),
        (pd.Categorical(["210000"] * (LONG - 1) + [None]), False),
        (np.full(LONG, np.datetime64("NaT", "D"), dtype="datetime64[D]"), True),
        (pd.array(["210100"] * LONG, dtype="string[pyarrow]"), True),
        (pd.array([None] * LONG, dtype="string[pyarrow]"), True),
        (pd.array(["210100"] * (LONG - 1) + ["210200"], dtype="string[pyarrow]"), False),
        (pd.array(["210100"] * (LONG - 1) + [None], dtype="string[pyarrow]"), False),
        (np.full(LONG, "x", dtype=object), False),  # text as objects is not compared: counted as differing
        (np.zeros(1), True),
    ],
)
def test_uniform_tells_a_column_of_one_value(values, expected):
    assert uniform(values) is expected


def test_a_metric_read_from_the_cache_still_names_the_columns_it_came_from(baseline):
    # the second reader of a derived share finds it computed; what it read is still the two columns
    frame = pd.DataFrame({"rd_staff_2021": [5.0, 6.0], "employees_2021": [50.0, 60.0]})
    cols = Columns(Rows(Rows.arrays(frame), 0, 2), baseline.metrics, 2021)
    cols.noting()
    cols.metric("rd_staff_share", 2021)
    second = cols.noting()
    cols.metric("rd_staff_share", 2021)
    assert {"rd_staff_2021", "employees_2021"} <= cols.columns_read(second)
    rows = Rows(Rows.arrays(frame), 0, 2)
    assert rows.uniform("no_such_column")  # absent: missing in every row
    assert not rows.uniform("rd_staff_2021")
    assert rows.head(1).uniform("rd_staff_2021") is False  # one value in the cut's rows, but not in the frame's


@pytest.mark.parametrize(
    ("column", "field", "held"),
    [
        # a core multiple choice given as its option columns holds the field
        ("key_fields.four_bases", "key_fields", True),
        # so does a plugin's, whose key holds a dot of its own (the text before the first dot is no field)
        ("liaoning.key_fields.three_articles", "liaoning.key_fields", True),
        # a yearly plugin figure holds its field, whatever the year
        ("hebei.main_product_sales_2021", "hebei.main_product_sales", True),
        # another field of the same plugin is not held
        ("liaoning.key_fields.three_articles", "liaoning.local_distinction", False),
    ],
)
def test_a_field_is_held_by_any_of_its_columns(baseline, column, field, held):
    cols = Columns(pd.DataFrame({column: [1.0]}), baseline.metrics, 2021)
    assert cols.has_field(field) is held


# ----------------------------------------------------------------- nullable columns read where they lie
def test_a_nullable_columns_hidden_values_decide_nothing():
    # Tests that only compare read a nullable column's own values and mask (Columns.parts), not a float64 copy
    # with NaN written through the mask. What a masked slot holds must then decide nothing: row 1 of each
    # column below hides a value that would decide the criterion, and the criterion reads that row as missing.
    # 辽工信改革〔2022〕9号 二（三）, reference year 2021 on 2022-03-01:
    # - revenue (营业收入 ≥ 2000万元 in 2021): row 0 3000 → met; row 1 hides 5000 → unknown (missing), not met;
    # - debt-ratio (资产负债率 ≤ 70% in 2020 and 2021, each): row 0 50 and 60 → met; row 1 hides 10 and 20 in
    #   both years → unknown;
    # - g-lean-training (a yes/no fact, 是): row 0 True → met; row 1 hides True → unknown;
    # - g-advanced-standard (a clause a person attests, 是/否): row 0 1 (是) → met; row 1 hides 1 → left for
    #   a person to judge (review), as an attestation not given is;
    # - g-province-top-15 (全省前15, rank ≤ 15, a whole number): row 0 20 → not met; row 1 hides 3 → unknown.
    # The same figures with NaN (and None) where missing read the same, criterion by criterion.
    import datetime as dt

    import srdi
    from srdi.engine.outcomes import MET, NOT_MET, REVIEW, UNKNOWN

    catalog = srdi.load(["liaoning"])
    on = dt.date(2022, 3, 1)
    hidden = [False, True]
    masked = pd.DataFrame(
        {
            "revenue_2021": pd.arrays.FloatingArray(np.array([3000.0, 5000.0]), np.array(hidden)),
            "debt_ratio_2020": pd.arrays.FloatingArray(np.array([50.0, 10.0]), np.array(hidden)),
            "debt_ratio_2021": pd.arrays.FloatingArray(np.array([60.0, 20.0]), np.array(hidden)),
            "lean_training": pd.arrays.BooleanArray(np.array([True, True]), np.array(hidden)),
            "attest.advanced_standard": pd.arrays.FloatingArray(np.array([1.0, 1.0]), np.array(hidden)),
            "province_rank_2021": pd.arrays.IntegerArray(np.array([20, 3]), np.array(hidden)),
        }
    )
    plain = pd.DataFrame(
        {
            "revenue_2021": [3000.0, np.nan],
            "debt_ratio_2020": [50.0, np.nan],
            "debt_ratio_2021": [60.0, np.nan],
            "lean_training": [True, None],
            "attest.advanced_standard": [1.0, np.nan],
            "province_rank_2021": [20.0, np.nan],
        }
    )
    run = catalog.run("liaoning.little-giant-2022", masked, on)
    expected = {
        "revenue": [MET, UNKNOWN],
        "debt-ratio": [MET, UNKNOWN],
        "g-lean-training": [MET, UNKNOWN],
        "g-advanced-standard": [MET, REVIEW],
        "g-province-top-15": [NOT_MET, UNKNOWN],
    }
    assert {cid: run.codes[cid].tolist() for cid in expected} == expected
    again = catalog.run("liaoning.little-giant-2022", plain, on)
    assert {k: c.tolist() for k, c in run.codes.items()} == {k: c.tolist() for k, c in again.codes.items()}


def test_a_two_year_ratios_hidden_figures_decide_nothing_and_its_known_ones_still_bound_it():
    # The two-year R&D ratio reads each figure's own values and mask too. 辽工信改革〔2022〕9号 二（三）1（2）, the
    # little giant: "企业近2年的研发投入占营业收入的比重达到2%及以上", one ratio over both years (rd_years =
    # aggregate): (研发投入 2020 + 2021) / (营业收入 2020 + 2021) ≥ 2%. Each masked slot hides a figure that, read,
    # would change the outcome:
    # - row 0: 60 + 60 over 3000 + 3000 = 120 / 6000 = exactly 2% → met (the boundary is included: 及以上);
    # - row 1: 研发投入 2021 hidden (1000): the known 10 over 6000 is 0.17%, a lower bound under 2%, which decides
    #   nothing → unknown (read, 1010 / 6000 = 16.8% → met);
    # - row 2: 营业收入 2021 hidden (100000): 120 over the known 1000 is 12%, an upper bound (more revenue lowers
    #   the ratio) over 2%, which decides nothing → unknown (read, 120 / 101000 = 0.12% → not met);
    # - row 3: 研发投入 2021 hidden (−200): the known 200 over 6000 is 3.33%, a lower bound over 2% → met, decided
    #   by the known figures, and the explanation says so in a note (read, 0 / 6000 → not met).
    # The same figures with NaN where missing read the same, outcome and note.
    import datetime as dt

    import srdi
    from srdi.engine.outcomes import MET, UNKNOWN

    catalog = srdi.load(["liaoning"])
    on = dt.date(2022, 3, 1)
    rd_2021_hidden = np.array([False, True, False, True])
    revenue_2021_hidden = np.array([False, False, True, False])
    never = np.zeros(4, dtype=bool)
    masked = pd.DataFrame(
        {
            "rd_expense_2020": pd.arrays.FloatingArray(np.array([60.0, 10.0, 60.0, 200.0]), never),
            "rd_expense_2021": pd.arrays.FloatingArray(np.array([60.0, 1000.0, 60.0, -200.0]), rd_2021_hidden),
            "revenue_2020": pd.arrays.FloatingArray(np.array([3000.0, 3000.0, 1000.0, 3000.0]), never),
            "revenue_2021": pd.arrays.FloatingArray(np.array([3000.0, 3000.0, 100000.0, 3000.0]), revenue_2021_hidden),
        }
    )
    plain = pd.DataFrame({k: v.to_numpy(dtype=np.float64, na_value=np.nan) for k, v in masked.items()})
    run = catalog.run("liaoning.little-giant-2022", masked, on)
    assert run.codes["rd-ratio"].tolist() == [MET, UNKNOWN, UNKNOWN, MET]
    again = catalog.run("liaoning.little-giant-2022", plain, on)
    assert again.codes["rd-ratio"].tolist() == run.codes["rd-ratio"].tolist()
    notes = [run.leaves["rd-ratio"].explain(i).note for i in range(4)]
    assert notes[3] is not None and notes[:3] == [None, None, None]
    assert notes == [again.leaves["rd-ratio"].explain(i).note for i in range(4)]
