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


def test_groups_over_a_frame_agree_with_one_enterprise_for_every_combination_of_children():
    # Every combination of up to three children's codes (4 + 16 + 64 of them), one enterprise per column: each
    # group's vectorised combination must give, column by column, what combine_one gives that enterprise
    # (its rank tables are the rule: all — NOT_MET, then UNKNOWN, then REVIEW, then MET; any — MET, then
    # UNKNOWN, then REVIEW, then NOT_MET; none — all of the negated children). A child of one code in every
    # row (a read-only view, as a criterion one value decides gives) must be read as it is, and left unchanged.
    import itertools

    from srdi.engine.outcomes import combine_one, filled

    codes = (NOT_MET, MET, UNKNOWN, REVIEW)
    for size in (1, 2, 3):
        combos = list(itertools.product(codes, repeat=size))
        stack = np.array(combos, dtype=np.int8).T  # children × enterprises
        for mode, fn in (("all", all_of), ("any", any_of), ("none", none_of)):
            expected = [combine_one(mode, list(c)) for c in combos]
            assert fn(stack).tolist() == expected, (mode, size)
            assert fn(list(stack)).tolist() == expected, (mode, size)
        for code in codes:
            rows = [filled(code, len(combos)), *stack]
            for mode, fn in (("all", all_of), ("any", any_of)):
                assert fn(rows).tolist() == [combine_one(mode, [code, *c]) for c in combos], (mode, code)
            assert rows[0].tolist() == [code] * len(combos)
    before = stack.copy()
    all_of(stack), any_of(stack), none_of(stack)
    assert (stack == before).all()  # the children are not written to


def test_a_group_without_children_is_what_one_enterprise_gets():
    # an empty conjunction holds (nothing fails), an empty disjunction does not (nothing holds), for every row
    from srdi.engine.outcomes import combine_one

    empty = np.zeros((0, 3), dtype=np.int8)
    assert all_of(empty).tolist() == [combine_one("all", [])] * 3 == [MET] * 3
    assert any_of(empty).tolist() == [combine_one("any", [])] * 3 == [NOT_MET] * 3


def test_unknown_where_marks_the_missing_rows_and_keeps_the_others():
    # four enterprises tested NOT_MET, MET, NOT_MET, MET; the last two lack a figure: whatever their test
    # read under the missing mark, they are UNKNOWN; the first two keep their outcome
    from srdi.engine.outcomes import unknown_where

    out = np.array([N, M, N, M], dtype=np.int8)
    assert unknown_where(out, np.array([False, False, True, True])).tolist() == [N, M, U, U]
    assert out.tolist() == [N, M, U, U]  # in place
    # a mask of one value in every row (a read-only view) is read as it is
    fresh = np.array([N, M], dtype=np.int8)
    assert unknown_where(fresh, np.broadcast_to(np.True_, (2,))).tolist() == [U, U]
