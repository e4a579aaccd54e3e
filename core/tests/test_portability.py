"""Behaviour that must not depend on the Python (3.10–3.13) or NumPy version installed."""

from __future__ import annotations

import warnings
from typing import Any

import attrs
import numpy as np
import pandas as pd

from srdi._convert import converter
from srdi.engine.columns import Columns


@attrs.frozen
class _Loose:
    value: Any


def test_any_typed_fields_pass_values_through():
    # registered by predicate: Python 3.10's singledispatch refuses typing.Any as a class
    assert converter.structure({"value": [1, "二"]}, _Loose).value == [1, "二"]


def test_a_missing_date_column_is_unknown_by_day_without_warnings(baseline):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # NumPy 2.5 deprecates unit-less NaT
        dates = Columns(pd.DataFrame([{}, {}]), baseline.metrics, 2020).date("registered_on")
    assert dates.dtype == np.dtype("datetime64[D]") and np.isnat(dates).all()
