"""The ``region`` condition type: registered within one of a list of regions (any level).

Region codes are six digits; a province or city code stands for everything below it
(210000 covers 210100 and 210102). Rows compare integer codes: the registration
region of each row is read once (:func:`srdi.engine.metrics.region_numbers`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import frozen

from ..i18n import Worded
from ..i18n import t as message
from .evaluation import BuildContext, ConditionType, Env, Evaluated, Evaluator, Explanation, OneEvaluator, no_gaps
from .metrics import region_number_one, region_numbers
from .outcomes import MET, NOT_MET, UNKNOWN, from_bool

if TYPE_CHECKING:
    from .columns import Columns
    from .facts import Facts

LABEL = "注册地行政区划代码"


@frozen
class RegionArgs:
    """Arguments of ``region``: registered within one of ``codes`` (any level)."""

    codes: tuple[str, ...]


def _prefixes(args: RegionArgs) -> list[tuple[int, int]]:
    """(divisor, quotient) per code: a region ``r`` is inside when ``r // divisor == quotient``."""
    out = []
    for code in args.codes:
        if len(code) != 6 or not code.isdigit():
            raise ValueError(message("notice.region_code_digits", code=repr(code)))
        p = code.rstrip("0")
        p = p[: (len(p) + 1) // 2 * 2] if p else ""
        out.append((10 ** (6 - len(p)), int(p) if p else 0))
    return out


def _threshold(args: RegionArgs) -> str:
    """The regions a criterion asks for (worded per language: a compiled program is shared by runs in either)."""
    return message("region.threshold", codes=message("list.sep").join(args.codes))


def _inside(region: int, prefixes: list[tuple[int, int]]) -> bool:
    return any(region // d == q for d, q in prefixes)


def build(args: RegionArgs, ctx: BuildContext) -> Evaluator:
    """Compile a region criterion for frames."""
    prefixes = _prefixes(args)
    words = Worded(lambda: _threshold(args))

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        import numpy as np

        threshold = words()
        r = region_numbers(cols)
        ok = np.zeros(cols.n, dtype=bool)
        for d, q in prefixes:
            ok |= r // d == q
        out = from_bool(ok, r >= 0)

        def explain(i: int) -> Explanation:
            return Explanation({LABEL: str(r[i]) if r[i] >= 0 else None}, threshold=threshold)

        return Evaluated(out, explain, gaps=no_gaps)

    return evaluate


def build_one(args: RegionArgs, ctx: BuildContext) -> OneEvaluator:
    """Compile a region criterion for one enterprise."""
    prefixes = _prefixes(args)
    words = Worded(lambda: _threshold(args))

    def one(facts: Facts, env: Env) -> tuple[int, Explanation]:
        threshold = words()
        r = region_number_one(facts)
        if r < 0:
            return UNKNOWN, Explanation({LABEL: None}, threshold=threshold)
        return MET if _inside(r, prefixes) else NOT_MET, Explanation({LABEL: str(r)}, threshold=threshold)

    return one


def condition_type() -> ConditionType:
    """The ``region`` record."""
    return ConditionType("region", RegionArgs, build, RegionArgs.__doc__ or "", build_one=build_one)
