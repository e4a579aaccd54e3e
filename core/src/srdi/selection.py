"""Selection rules: how eligible candidates are ranked when a quota limits how many go on."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from attrs import frozen

from .engine.columns import Columns


@frozen
class SelectionRule:
    """A named ranking: ``score(columns)`` gives one number per candidate, higher first."""

    name: str
    score: Callable[[Columns], np.ndarray]
    doc: str
    origin: str = "srdi"
