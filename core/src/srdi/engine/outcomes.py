"""Outcomes of criteria, verdicts of programs, and the three-valued logic joining them.

Outcomes are small integer codes. Over a frame they are ``int8`` arrays, one entry
per enterprise, and a group of criteria combines with a handful of vectorised NumPy
operations; for one enterprise they are plain ints and :func:`combine_one` applies
the same logic. NumPy is imported by the array functions only, so checking a single
enterprise never loads it.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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

# Kleene logic as an order: a conjunction takes the highest rank of its children under
# ALL_RANK (NOT_MET decides, then missing data, then a clause a person judges), a
# disjunction the highest under ANY_RANK (MET decides, then missing data, then review).
# Indexed by code; the inverse tables turn a rank back into a code.
ALL_RANK = (3, 0, 2, 1)
ALL_CODE = (MET, REVIEW, UNKNOWN, NOT_MET)
ANY_RANK = (0, 3, 2, 1)
ANY_CODE = (NOT_MET, REVIEW, UNKNOWN, MET)
NEGATED = (MET, NOT_MET, UNKNOWN, REVIEW)


# --------------------------------------------------------------------------- one enterprise
def combine_one(mode: str, children: Sequence[int], n: int | None = None) -> int:
    """Combine the outcome codes of one enterprise's children by group mode, as :func:`combine` does for a frame."""
    if mode == "all":
        return ALL_CODE[max((ALL_RANK[c] for c in children), default=0)]
    if mode in ("any", "one_of"):
        return ANY_CODE[max((ANY_RANK[c] for c in children), default=0)]
    if mode == "none":
        return ALL_CODE[max((ALL_RANK[NEGATED[c]] for c in children), default=0)]
    if mode == "at_least":
        assert n is not None
        met = sum(1 for c in children if c == MET)
        unknown = sum(1 for c in children if c == UNKNOWN)
        if met >= n:
            return MET
        if met + unknown + sum(1 for c in children if c == REVIEW) < n:
            return NOT_MET
        return UNKNOWN if unknown else REVIEW
    raise ValueError(f"unknown group mode {mode!r}")


# --------------------------------------------------------------------------- arrays
def from_bool(test: np.ndarray, known: np.ndarray) -> np.ndarray:
    """MET where ``test`` holds, NOT_MET where it does not, UNKNOWN where not ``known``."""
    import numpy as np

    out = np.array(test, dtype=bool).view(np.int8)  # a copy: True is MET (1), False NOT_MET (0)
    return unknown_where(out, ~np.asarray(known, dtype=bool))


def unknown_where(out: np.ndarray, missing: np.ndarray) -> np.ndarray:
    """``out``, outcome codes of MET or NOT_MET, made UNKNOWN where ``missing`` (booleans); in place, and returned."""
    import numpy as np

    # the larger of the code and twice the flag, as bytes: a masked write branches on every row and costs
    # several times more where missing and known rows alternate; twice by a multiplication, as NumPy's shifts
    # of bytes have no vector loop (several times slower)
    return np.maximum(out, np.asarray(missing, dtype=bool).view(np.int8) * np.int8(2), out=out)


def filled(code: int, n: int) -> np.ndarray:
    """``n`` rows of one outcome: a read-only view of one code, no memory per row."""
    import numpy as np

    return np.broadcast_to(np.int8(code), (n,))


def negate(codes: np.ndarray) -> np.ndarray:
    """Swap MET and NOT_MET; UNKNOWN and REVIEW stay."""
    import numpy as np

    # 0 ↔ 1 is a flip of the last bit, for the codes below 2 only; the flags as bytes of the codes' own type
    # (NumPy's loop over two types casts each element first, several times slower)
    flip = codes < 2
    return codes ^ (flip.view(np.int8) if codes.dtype == np.int8 else flip)


def _rows(children: np.ndarray | Sequence[np.ndarray]) -> tuple[list[np.ndarray], int]:
    rows = list(children)
    if rows:
        return rows, len(rows[0])
    width = children.shape[1] if hasattr(children, "ndim") and children.ndim == 2 else 0  # type: ignore[union-attr]
    return rows, width


def all_of(stack: np.ndarray | Sequence[np.ndarray]) -> np.ndarray:
    """Kleene conjunction over the children (a children × enterprises array, or a list of rows).

    Any NOT_MET decides; otherwise missing data (UNKNOWN) outranks a clause a
    person must judge (REVIEW), because the data has to come first.
    """
    import numpy as np

    rows, width = _rows(stack)
    if not rows:
        return np.full(width, MET, dtype=np.int8)
    # NOT_MET (0) is the lowest code and decides: a running minimum finds it. Among the other codes, the low
    # bit flipped ranks them as a conjunction does (MET 1 → 0, REVIEW 3 → 2, UNKNOWN 2 → 3): a running maximum
    # finds the highest: three passes over bytes per child.
    lowest = np.array(rows[0], dtype=np.int8)
    highest = lowest ^ np.int8(1)
    flipped = np.empty(width, dtype=np.int8)
    for row in rows[1:]:
        np.minimum(lowest, row, out=lowest)
        np.bitwise_xor(row, np.int8(1), out=flipped)
        np.maximum(highest, flipped, out=highest)
    highest ^= np.int8(1)
    highest *= (lowest != NOT_MET).view(np.int8)
    return highest


def any_of(stack: np.ndarray | Sequence[np.ndarray]) -> np.ndarray:
    """Kleene disjunction: any MET decides; otherwise UNKNOWN, then REVIEW, then NOT_MET."""
    import numpy as np

    rows, width = _rows(stack)
    if not rows:
        return np.full(width, NOT_MET, dtype=np.int8)
    # three times a code, modulo four, is its rank in a disjunction (ANY_RANK: NOT_MET 0, REVIEW 1, UNKNOWN 2,
    # MET 3), and three times a rank, modulo four, is its code again: a running maximum of the ranks decides
    highest = _any_rank(rows[0], np.empty(width, dtype=np.int8))
    ranked = np.empty(width, dtype=np.int8)
    for row in rows[1:]:
        np.maximum(highest, _any_rank(row, ranked), out=highest)
    return _any_rank(highest, highest)


def _any_rank(codes: np.ndarray, out: np.ndarray) -> np.ndarray:
    """``ANY_RANK`` of each code (and ``ANY_CODE`` of each rank: the map is its own inverse), written into ``out``."""
    import numpy as np

    np.multiply(codes, np.int8(3), out=out, casting="unsafe")
    out &= np.int8(3)
    return out


def none_of(stack: np.ndarray | Sequence[np.ndarray]) -> np.ndarray:
    """MET when no child holds: the conjunction of the negated children."""
    return all_of([negate(row) for row in stack])


def at_least(stack: np.ndarray | Sequence[np.ndarray], n: int) -> np.ndarray:
    """MET when at least ``n`` children are MET; NOT_MET when even the undecided could not reach ``n``."""
    import numpy as np

    rows, size = _rows(stack)
    count = np.int8 if len(rows) < 127 else np.int32
    met = np.zeros(size, dtype=count)
    open_ = np.zeros(size, dtype=count)  # unknown or for review: could still be met
    unknown = np.zeros(size, dtype=bool)
    for row in rows:
        # the flags as bytes: added to byte counts without a cast of each element
        met += (row == MET).view(np.int8)
        open_ += (row >= UNKNOWN).view(np.int8)
        unknown |= row == UNKNOWN
    reached = met >= n
    undecided = ~reached & (met + open_ >= n)
    # MET (1) where reached; where undecided, UNKNOWN (2) if a child lacks data, else REVIEW (3); else NOT_MET (0)
    out = reached.view(np.int8).copy()
    out += undecided.view(np.int8) * (np.int8(REVIEW) - unknown.view(np.int8))
    return out


def combine(mode: str, stack: np.ndarray | Sequence[np.ndarray], n: int | None = None) -> np.ndarray:
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
