"""``points``: a points table — sections of scored items, caps, a total, an optional pass mark.

浙江's 隐形冠军 评价标准 scores R&D "2+N分（N%为R&D占比，不超过10分）" and years
founded "1+0.2*N（不超过7分）" in sections of 20, 35, 15, 20 and 10 points with no pass
mark; 吉林's 认定参考指标 shares 50 points among four basics and 10 among each of
专、精、特、新; 山西 "贫困县企业适当加分" without saying how much. One criterion holds
the whole table:

- a **section** has ``items``, an optional cap ``max`` and optional ``points`` that
  its items share equally when they state none;
- an **item** earns from exactly one source: ``points`` when every criterion in
  ``when`` is met; ``points`` on an assessor's yes/no (``attest``); an assessor's
  score (``judged``, from the profile's ``[scores]``); a ``formula`` over figures
  (``vars``); or the best of several ways (``best_of``, "2项取最高分"). ``min`` and
  ``max`` bound what it earns; ``points = "unstated"`` is a bonus of unstated size;
  a ``formula`` or ``judged`` item with ``when`` scores only where ``when`` holds
  ("参与：5+N分" applies to an enterprise that took part in at least one standard);
- the **total** is the sum of the sections (capped by ``max``); with ``pass_mark``
  the criterion is met at or above it, without one it only scores: met when the
  score is complete, unknown while figures are missing, review while an assessor
  has not answered.

Missing figures and unanswered judgements leave points pending, so a pass mark is
decided only when the pending points cannot change the result. A table is compiled
for frames (whole columns, NumPy) and for one enterprise (plain Python: ``srdi check``
loads no NumPy); both word a row through the same functions of its figures. The table's
model, checks and wording are in :mod:`.points_table`, the frame path in :mod:`.points_frame`,
one enterprise in :mod:`.points_one`. ``srdi select``
ranks candidates by the total when the program's selection names the criterion
(an indicator with ``points = "<criterion id>"``).
"""

from __future__ import annotations

from .conditions import ConditionType
from .points_frame import Scored, build_frame
from .points_one import build_one
from .points_table import PointsArgs, PointsItem, PointsSection

__all__ = ["PointsArgs", "PointsItem", "PointsSection", "Scored", "points_type"]


def points_type() -> ConditionType:
    """The ``points`` condition type record."""
    return ConditionType("points", PointsArgs, build_frame, PointsArgs.__doc__ or "", build_one=build_one)
