"""Event kinds for what the Hebei notices order without dating."""

from __future__ import annotations

from srdi.deadlines import EventKind, Window
from srdi.notices.model import EventSpec


def _undated(spec: EventSpec, years: list[int]) -> list[Window]:
    return [(None, None)]


def hebei_event_kinds() -> list[EventKind]:
    """``undated``: a step or duty the notice orders but does not date (an online step, a yearly filing)."""
    return [
        EventKind(
            "undated",
            _undated,
            "A step or duty the notice orders without a date (an online-system step, a half-yearly report); "
            "listed in id order after the dated events, with its note.",
            origin="srdi-hebei",
        )
    ]
