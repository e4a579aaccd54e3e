"""The kinds of fact a condition type can read: a criterion naming a fact of another kind is refused when compiled.

A yes/no fact compared with 1000, or the full years since a revenue, would evaluate
to a verdict that means nothing (a made-up gap, or "unknown" for every enterprise);
refused at compile time, the mistake is reported by ``srdi validate`` at its key.
Only facts of the vocabulary are checked: a metric computes a number by definition.
"""

from __future__ import annotations

from ..i18n import t as message
from .evaluation import ArgumentValueError, BuildContext

#: The fact kinds that hold a figure a threshold can be compared with.
NUMBERS = frozenset({"money", "usd", "number", "integer", "count", "percent"})
#: Yes/no facts.
YES_NO = frozenset({"bool"})
#: Facts whose value is one (or several) of a list of choices.
CHOICES = frozenset({"choice", "multichoice"})
#: Dates.
DATES = frozenset({"date"})


def require(ctx: BuildContext, fact: str, kinds: frozenset[str], code: str, arg: str = "fact") -> None:
    """Refuse, with message ``code``, a ``fact`` that is a vocabulary fact of none of ``kinds``.

    :class:`ArgumentValueError` naming ``arg``, the argument that gives the fact, so that
    the problem is placed at its line.
    """
    field = ctx.metrics.vocabulary.get(fact)
    if field is not None and field.kind not in kinds:
        raise ArgumentValueError(message(code, fact=repr(fact), kind=field.kind), arg)
