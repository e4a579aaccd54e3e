"""Numbers a notice file cannot hold: TOML allows ``nan`` and ``inf``, no threshold or amount is one."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from ..i18n import t


def nonfinite(value: Any, path: str = "") -> Iterator[tuple[str, float]]:
    """(key path, number) for every ``nan`` or ``inf`` in ``value`` and the lists and tables under it."""
    if isinstance(value, float) and not math.isfinite(value):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from nonfinite(v, f"{path}.{k}" if path else str(k))
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            yield from nonfinite(v, f"{path}[{i}]")


def nonfinite_problems(raw: dict[str, Any]) -> list[tuple[str, str]]:
    """(key, message) for every ``nan`` or ``inf`` in a parsed notice file."""
    return [(key, t("notice.nonfinite", value=x)) for key, x in nonfinite(raw)]
