"""The ``attest`` condition type: a qualitative clause a person judges."""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import frozen

from ..i18n import t as message
from .evaluation import BuildContext, ConditionType, Env, Evaluated, Evaluator, Explanation, OneEvaluator, no_gaps
from .outcomes import MET, NOT_MET, REVIEW

if TYPE_CHECKING:
    from .columns import Columns
    from .facts import Facts


@frozen
class AttestArgs:
    """Arguments of ``attest``: a qualitative clause a person judges.

    Without an answer the outcome is "review"; an attestation (``[attestations]``
    in a profile) of true or false makes it met or not met.
    """

    key: str | None = None
    question: str | None = None


def _explanation(key: str, answer: bool | None) -> Explanation:
    return Explanation(
        {f"attestations.{key}": answer},
        note=None if answer is not None else message("gap.attest", key=key),
    )


def build(args: AttestArgs, ctx: BuildContext) -> Evaluator:
    """Compile an attest criterion for frames."""
    key = args.key or ctx.criterion.id
    column = f"attest.{key}"

    def evaluate(cols: Columns, env: Env) -> Evaluated:
        import numpy as np

        x, missing = cols.parts(column)
        known = ~missing
        # REVIEW, moved to MET where 是 and to NOT_MET where 否: arithmetic on 0/1 bytes, not masked writes
        yes = (x == 1) & known
        no = (x == 0) & known
        out = np.full(cols.n, REVIEW, dtype=np.int8)
        out -= yes.view(np.int8) * np.int8(REVIEW - MET)
        out -= no.view(np.int8) * np.int8(REVIEW - NOT_MET)

        def explain(i: int) -> Explanation:
            v = cols.num(column)[i]
            return _explanation(key, None if v != v else bool(v == 1.0))

        return Evaluated(out, explain, gaps=no_gaps)

    return evaluate


def build_one(args: AttestArgs, ctx: BuildContext) -> OneEvaluator:
    """Compile an attest criterion for one enterprise."""
    key = args.key or ctx.criterion.id
    column = f"attest.{key}"

    def one(facts: Facts, env: Env) -> tuple[int, Explanation]:
        v = facts.num(column)
        code = MET if v == 1.0 else NOT_MET if v == 0.0 else REVIEW
        return code, _explanation(key, None if v != v else v == 1.0)

    return one


def condition_type() -> ConditionType:
    """The ``attest`` record."""
    return ConditionType("attest", AttestArgs, build, AttestArgs.__doc__ or "", build_one=build_one)
