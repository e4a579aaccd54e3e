"""Hooks of the Jilin plugin (its region, notices and fields are declared in ``plugin.toml``).

Jilin's notices are data (notices/*.toml). Code covers only what data cannot say:
the industry section of an enterprise (a metric), the points of the 认定参考指标 (a
condition type that scores without deciding), and ranking by those points (a
selection rule).
"""

from __future__ import annotations

from collections.abc import Iterable

from srdi import hookimpl
from srdi.engine.conditions import ConditionType
from srdi.selection import SelectionRule

from .points import points
from .ranking import selection_rule


@hookimpl
def srdi_register_condition_types() -> Iterable[ConditionType]:
    """``jilin.points``: a section of a points table, scored from facts and an assessor's judgements."""
    return [points()]


@hookimpl
def srdi_register_selection_rules() -> Iterable[SelectionRule]:
    """``jilin.reference-points``: candidates ordered by the points of the 认定参考指标."""
    return [selection_rule()]
