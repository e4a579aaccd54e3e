"""Outcomes of criteria, verdicts of programs, and the three-valued logic joining them.

Outcomes are stored as ``int8`` arrays, one entry per enterprise, so a group of
criteria combines with a handful of vectorised NumPy operations.
"""

from __future__ import annotations

import enum

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
        """The Chinese label users read."""
        return _OUTCOME_LABELS[self]


class Verdict(str, enum.Enum):
    """What a program says about one enterprise."""

    eligible = "eligible"
    ineligible = "ineligible"
    incomplete = "incomplete"
    review = "review"

    @property
    def label(self) -> str:
        """The Chinese label users read."""
        return _VERDICT_LABELS[self]


_OUTCOME_LABELS = {
    Outcome.met: "符合",
    Outcome.not_met: "不符合",
    Outcome.unknown: "缺少数据",
    Outcome.review: "需人工判断",
}
_VERDICT_LABELS = {
    Verdict.eligible: "符合条件",
    Verdict.ineligible: "不符合条件",
    Verdict.incomplete: "信息不完整",
    Verdict.review: "待人工审核",
}
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


# Precedence of outcomes in a conjunction (NOT_MET decides, then UNKNOWN, then REVIEW) and in a
# disjunction (MET decides, then UNKNOWN, then REVIEW): each outcome's rank, and back.
_ALL_RANK = np.array([3, 0, 2, 1], dtype=np.int8)  # indexed by code: NOT_MET, MET, UNKNOWN, REVIEW
_ALL_CODE = np.array([MET, REVIEW, UNKNOWN, NOT_MET], dtype=np.int8)  # indexed by rank
_ANY_RANK = np.array([0, 3, 2, 1], dtype=np.int8)
_ANY_CODE = np.array([NOT_MET, REVIEW, UNKNOWN, MET], dtype=np.int8)


def negate(codes: np.ndarray) -> np.ndarray:
    """Swap MET and NOT_MET; UNKNOWN and REVIEW stay."""
    out = codes.copy()
    out[codes == MET] = NOT_MET
    out[codes == NOT_MET] = MET
    return out


def all_of(stack: np.ndarray) -> np.ndarray:
    """Kleene conjunction over rows of ``stack`` (shape: children × enterprises).

    Any NOT_MET decides; otherwise missing data (UNKNOWN) outranks a clause a
    person must judge (REVIEW), because the data has to come first.
    """
    if stack.shape[0] == 0:
        return np.full(stack.shape[1], MET, dtype=np.int8)
    return _ALL_CODE[_ALL_RANK[stack].max(axis=0)]


def any_of(stack: np.ndarray) -> np.ndarray:
    """Kleene disjunction: any MET decides; otherwise UNKNOWN, then REVIEW, then NOT_MET."""
    if stack.shape[0] == 0:
        return np.full(stack.shape[1], NOT_MET, dtype=np.int8)
    return _ANY_CODE[_ANY_RANK[stack].max(axis=0)]


def none_of(stack: np.ndarray) -> np.ndarray:
    """MET when no child holds: the conjunction of the negated children."""
    return all_of(np.stack([negate(row) for row in stack]))


def at_least(stack: np.ndarray, n: int) -> np.ndarray:
    """MET when at least ``n`` children are MET; NOT_MET when even the undecided could not reach ``n``."""
    met = (stack == MET).sum(axis=0)
    unknown = (stack == UNKNOWN).sum(axis=0)
    review = (stack == REVIEW).sum(axis=0)
    out = np.full(stack.shape[1], REVIEW, dtype=np.int8)
    out[unknown > 0] = UNKNOWN
    out[met + unknown + review < n] = NOT_MET
    out[met >= n] = MET
    return out


def combine(mode: str, stack: np.ndarray, n: int | None = None) -> np.ndarray:
    """Combine children outcomes by group mode (all, any, none, at_least)."""
    if mode == "all":
        return all_of(stack)
    if mode == "any":
        return any_of(stack)
    if mode == "none":
        return none_of(stack)
    if mode == "at_least":
        assert n is not None
        return at_least(stack, n)
    raise ValueError(f"unknown group mode {mode!r}")
