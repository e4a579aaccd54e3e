"""Columns: a column the frame lacks is missing data, read without warnings."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from srdi.engine.columns import Columns


def test_a_missing_date_column_is_nat_in_days(baseline):
    # numpy 2.5 deprecates the unit-less NaT; the missing column must say its unit
    cols = Columns(pd.DataFrame([{}, {}]), baseline.metrics, 2021)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        day = cols.date("registered_on")
    assert day.dtype == np.dtype("datetime64[D]")
    assert np.isnat(day).all()
