"""Three-valued logic of rule groups, checked against hand-written truth tables."""

import numpy as np
import pytest

from srdi.engine.outcomes import MET, NOT_MET, REVIEW, UNKNOWN, all_of, any_of, at_least, none_of

M, N, U, R = MET, NOT_MET, UNKNOWN, REVIEW


def col(*children: int) -> np.ndarray:
    """One enterprise, children as rows."""
    return np.array([[c] for c in children], dtype=np.int8)


@pytest.mark.parametrize(
    ("children", "expected"),
    [
        ((M, M), M),  # everything holds
        ((M, N), N),  # one failure decides
        ((N, U), N),  # a failure decides even when data is missing elsewhere
        ((M, U), U),  # missing data: cannot say yes
        ((M, R), R),  # a clause a person judges
        ((U, R), U),  # data first: missing data outranks review
    ],
)
def test_all_of(children, expected):
    assert all_of(col(*children))[0] == expected


@pytest.mark.parametrize(
    ("children", "expected"),
    [
        ((N, N), N),
        ((N, M), M),  # one success decides
        ((U, M), M),  # even when the other is unknown
        ((N, U), U),  # could still succeed
        ((N, R), R),
        ((U, R), U),
    ],
)
def test_any_of(children, expected):
    assert any_of(col(*children))[0] == expected


@pytest.mark.parametrize(
    ("children", "expected"),
    [
        ((N, N, N), M),  # no exclusion holds: met
        ((N, M, N), N),  # one exclusion holds: not met
        ((N, U, N), U),  # an exclusion we cannot check
        ((M, U), N),  # a known exclusion decides
    ],
)
def test_none_of(children, expected):
    assert none_of(col(*children))[0] == expected


@pytest.mark.parametrize(
    ("children", "n", "expected"),
    [
        ((M, N, N, N), 1, M),  # "至少满足一类": one category is enough
        ((N, N, N, N), 1, N),
        ((N, N, U, N), 1, U),  # the unknown category could be the one
        ((N, R, N, N), 1, R),  # only a judged category could be the one
        ((M, N, U, N), 2, U),  # one met, one undecided, two needed
        ((M, N, N, U), 3, N),  # even if the unknown held, 2 < 3
    ],
)
def test_at_least(children, n, expected):
    assert at_least(col(*children), n)[0] == expected


def test_groups_are_vectorised_across_enterprises():
    # three enterprises at once: (M,M) (M,N) (U,M)
    stack = np.array([[M, M, U], [M, N, M]], dtype=np.int8)
    assert all_of(stack).tolist() == [M, N, U]
    assert any_of(stack).tolist() == [M, M, M]
