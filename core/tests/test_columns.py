"""Columns: a date column a frame lacks is missing for every row, without NumPy warnings."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from srdi.engine.columns import Columns


def test_an_absent_date_column_is_all_nat_with_a_unit(baseline):
    cols = Columns(pd.DataFrame([{"revenue_2020": 1.0}, {"revenue_2020": 2.0}]), baseline.metrics, 2020)
    with warnings.catch_warnings():
        # NumPy 2.5 deprecates NaT without a unit ('generic'); the column must carry its unit
        warnings.simplefilter("error")
        arr = cols.date("registered_on")
    assert arr.dtype == np.dtype("datetime64[D]")
    assert np.isnat(arr).all() and len(arr) == 2
