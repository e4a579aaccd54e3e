"""Outcomes of criteria, verdicts of programs, and the three-valued logic joining them.

Outcomes are stored as ``int8`` arrays, one entry per enterprise, so a group of
criteria combines with a handful of vectorised NumPy operations.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

import numpy as np

NOT_MET, MET, UNKNOWN, REVIEW = 0, 1, 2, 3


class Outcome(str, enum.Enum):
    """What a criterion says about one enterprise."""

    met = "met"
    not_met = "not_met"
    unknown = "unknown"
    review = "review"

    @property
    def label(self) -> str:
        """The outcome in words, in the language of messages (:mod:`srdi.i18n`)."""
        from ..i18n import t

        return t(f"outcome.{self.value}")


class Verdict(str, enum.Enum):
    """What a program says about one enterprise."""

    eligible = "eligible"
    ineligible = "ineligible"
    incomplete = "incomplete"
    review = "review"

    @property
    def label(self) -> str:
        """The verdict in words, in the language of messages (:mod:`srdi.i18n`)."""
        from ..i18n import t

        return t(f"verdict.{self.value}")


CODE_TO_OUTCOME = {NOT_MET: Outcome.not_met, MET: Outcome.met, UNKNOWN: Outcome.unknown, REVIEW: Outcome.review}
CODE_TO_VERDICT = {
    NOT_MET: Verdict.ineligible,
    MET: Verdict.eligible,
    UNKNOWN: Verdict.incomplete,
    REVIEW: Verdict.review,
}


def from_bool(test: np.ndarray, known: np.ndarray) -> np.ndarray:
    """MET where ``test`` holds, NOT_MET where it does not, UNKNOWN where not ``known``."""
    out = np.asarray(test, dtype=bool).astype(np.int8)  # True is MET (1), False NOT_MET (0)
    np.putmask(out, ~np.asarray(known, dtype=bool), UNKNOWN)
    return out


def negate(codes: np.ndarray) -> np.ndarray:
    """Swap MET and NOT_MET; UNKNOWN and REVIEW stay."""
    out = codes.copy()
    out[codes == MET] = NOT_MET
    out[codes == NOT_MET] = MET
    return out


Children = np.ndarray | Sequence[np.ndarray]


def _width(children: Children, rows: list[np.ndarray]) -> int:
    if rows:
        return len(rows[0])
    return children.shape[1] if isinstance(children, np.ndarray) and children.ndim == 2 else 0


def _combine(children: Children, empty: int, ranked: tuple[int, int, int]) -> np.ndarray:
    """Start from ``empty``; where any child has ``ranked[k]``, that code, later ones winning.

    One pass per child, without stacking the children into one array.
    """
    rows = list(children)
    out = np.full(_width(children, rows), empty, dtype=np.int8)
    if not rows:
        return out
    flags = [rows[0] == c for c in ranked]
    for row in rows[1:]:
        for f, c in zip(flags, ranked):
            np.logical_or(f, row == c, out=f)
    for f, c in zip(flags, ranked):
        np.putmask(out, f, c)
    return out


def all_of(stack: Children) -> np.ndarray:
    """Kleene conjunction over the children (a children × enterprises array, or a list of rows).

    Any NOT_MET decides; otherwise missing data (UNKNOWN) outranks a clause a
    person must judge (REVIEW), because the data has to come first.
    """
    return _combine(stack, MET, (REVIEW, UNKNOWN, NOT_MET))


def any_of(stack: Children) -> np.ndarray:
    """Kleene disjunction: any MET decides; otherwise UNKNOWN, then REVIEW, then NOT_MET."""
    return _combine(stack, NOT_MET, (REVIEW, UNKNOWN, MET))


def none_of(stack: Children) -> np.ndarray:
    """MET when no child holds: the conjunction of the negated children."""
    return all_of([negate(row) for row in stack])


def at_least(stack: Children, n: int) -> np.ndarray:
    """MET when at least ``n`` children are MET; NOT_MET when even the undecided could not reach ``n``."""
    rows = list(stack)
    size = _width(stack, rows)
    met = np.zeros(size, dtype=np.int64)
    unknown = np.zeros(size, dtype=np.int64)
    review = np.zeros(size, dtype=np.int64)
    for row in rows:
        met += row == MET
        unknown += row == UNKNOWN
        review += row == REVIEW
    out = np.full(size, REVIEW, dtype=np.int8)
    out[unknown > 0] = UNKNOWN
    out[met + unknown + review < n] = NOT_MET
    out[met >= n] = MET
    return out


def combine(mode: str, stack: Children, n: int | None = None) -> np.ndarray:
    """Combine children outcomes by group mode (all, any, none, at_least; one_of, whose branches are resolved)."""
    if mode == "all":
        return all_of(stack)
    if mode in ("any", "one_of"):
        return any_of(stack)
    if mode == "none":
        return none_of(stack)
    if mode == "at_least":
        assert n is not None
        return at_least(stack, n)
    raise ValueError(f"unknown group mode {mode!r}")
