"""One enterprise's text read as a number the way a table's column of text is: ``to_float`` as ``pandas.to_numeric``.

The scalar path (``Facts.num``, and a one-row frame's columns) reads a value with
:func:`srdi.engine.cells.to_float`; a table's column of text is read with
``pandas.to_numeric(errors="coerce")``. Python's own ``float()`` takes more than pandas
does (digit separators, full-width and other non-ASCII digits, non-breaking spaces), so
the same text would be a number for one enterprise and missing in a table.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from srdi.engine.cells import to_float
from srdi.engine.columns import as_float

#: numbers to pandas and to Python alike
NUMBERS = ["12", " 12 ", "+5", ".5", "1.", "1e3", "1E-3", "-inf", "Infinity", "NaN"]
#: numbers to Python's float() alone (a digit separator, full-width and Arabic-Indic digits, a non-breaking space)
PYTHON_ONLY = ["1_000", "１２", "١٢", "12\u00a0"]
#: numbers to neither
NEITHER = ["1,000", "0x10", "1e", "", "  ", "None", "true", "--5"]
TEXTS = NUMBERS + PYTHON_ONLY + NEITHER


@pytest.mark.parametrize("text", TEXTS)
def test_text_is_a_number_for_one_enterprise_exactly_where_it_is_in_a_table(text):
    expected = pd.to_numeric(pd.Series([text], dtype=object), errors="coerce").iloc[0]
    got = to_float(text)
    assert (math.isnan(got) and math.isnan(expected)) or got == expected
    # and a frame's column of that text, as the columnar path reads it
    column = as_float(np.array([text], dtype=object))[0]
    assert (math.isnan(got) and math.isnan(column)) or got == column
