"""The rule shapes beyond the built-in condition types, registered beside them by the baseline.

``points`` (points tables with formula items, caps and an optional pass mark),
``benchmark`` (a figure against a published reference figure), ``tenure`` (a title
held for at least so long), ``date`` (a date fact against a calendar day),
``stacking`` (awards that do not stack), ``revoked`` (no title revoked within the
years a notice bars re-applying) and ``finding`` (no finding whose bar still runs). Group mode ``one_of`` is resolved with the
program (:mod:`srdi.programs`); the quota rules live with selection (:mod:`srdi.quotas`).
"""

from __future__ import annotations

from .benchmark import benchmark_type
from .conditions import ConditionType
from .finding import finding_type
from .points import points_type
from .revocation import revoked_type
from .stacking import stacking_type
from .tenure import date_type, tenure_type


def shape_condition_types() -> list[ConditionType]:
    """The shape condition types srdi defines beside the built-in ones."""
    return [
        points_type(),
        benchmark_type(),
        tenure_type(),
        date_type(),
        stacking_type(),
        revoked_type(),
        finding_type(),
    ]
