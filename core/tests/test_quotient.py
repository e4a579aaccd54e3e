"""The rule every ratio of figures follows (``srdi.engine.metrics.quotient``), for a frame and for one enterprise.

A ratio whose base is zero, negative or missing is undefined (NaN, which a criterion
reads as unknown), never infinite or negative-signed; a frame and one enterprise get
the same figure to the last bit, so that one enterprise alone reads as it does in a table.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from srdi.engine.metrics import quotient, quotient_one

NAN = float("nan")

# (numerator, base, scale, expected): 研发费用 300 of 营业收入 2000 is 15%; a base of 0, of −5 or missing is undefined;
# a missing numerator over a positive base is missing too; 1 / 3 × 100 is whatever IEEE gives, the same both ways
CASES = [
    (300.0, 2000.0, 100.0, 15.0),
    (300.0, 0.0, 100.0, NAN),
    (300.0, -5.0, 100.0, NAN),
    (300.0, NAN, 100.0, NAN),
    (NAN, 2000.0, 100.0, NAN),
    (4000.0, 80.0, 1.0, 50.0),
    (1.0, 3.0, 100.0, 1.0 / 3.0 * 100.0),
]


@pytest.mark.parametrize(("num", "den", "scale", "expected"), CASES)
def test_one_enterprise(num, den, scale, expected):
    got = quotient_one(num, den, scale)
    assert (math.isnan(got) and math.isnan(expected)) or got == expected


def test_a_frame_gives_each_row_what_one_enterprise_gets():
    num = np.array([c[0] for c in CASES])
    den = np.array([c[1] for c in CASES])
    for scale in (1.0, 100.0):
        got = quotient(num, den, scale)
        alone = np.array([quotient_one(n, d, scale) for n, d in zip(num.tolist(), den.tolist())])
        np.testing.assert_array_equal(got.view(np.uint64)[~np.isnan(got)], alone.view(np.uint64)[~np.isnan(alone)])
        np.testing.assert_array_equal(np.isnan(got), np.isnan(alone))
    # the inputs are left as they were
    assert num[0] == 300.0 and den[1] == 0.0
