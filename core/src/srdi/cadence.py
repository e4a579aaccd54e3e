"""When the next round of a series is expected, from the cadence a notice states.

A notice that says its rounds recur — 每年 (``every = "year"``), 每季度
(``"quarter"``), a rolling monthly intake (``"month"``) — lets srdi say when the next
round is *expected*. It is labelled as expected, never as announced: the dates are
the latest round's shifted by whole periods (a yearly round that opened on 9
February is expected around 9 February), not a notice anyone has published. Rounds
the cadence implies between the latest one srdi has and today are reported as
missing from the catalog, and nothing is expected past the last year the notice
announces rounds for (``through``) or after the rules calling them have ceased to be
in force.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from attrs import frozen

from .i18n import t
from .months import shifted
from .notices.model import CadenceSpec

#: What each cadence is called in messages.
EVERY = {"year": "每年", "half_year": "每半年", "quarter": "每季度", "month": "每月"}
_MONTHS = {"year": 12, "half_year": 6, "quarter": 3, "month": 1}


@frozen
class Expected:
    """The next round a cadence implies: expected, not announced."""

    every: str
    clause: str
    quote: str
    notice: str
    start: dt.date | None = None
    end: dt.date | None = None
    missing: str | None = None
    """Rounds the cadence implies since the latest one srdi knows, which the catalog lacks."""
    ended: str | None = None
    """Why no further round is expected (the announced rounds are over, the rules lapsed)."""
    undated: str | None = None
    """Why a round is expected but no day can be given (the rounds' own notices set their dates)."""

    @property
    def label(self) -> str:
        """The expected round in words, always marked as expected."""
        if self.ended:
            return t("cadence.ended", why=self.ended)
        if self.start is None:
            return (
                t("cadence.undated", every=t(f"cadence.every.{self.every}"), why=self.undated)
                if self.undated
                else (t("cadence.not_projected"))
            )
        span = (
            t("cadence.span", start=self.start.isoformat(), end=self.end.isoformat())
            if self.end and self.end != self.start
            else t("cadence.around", day=self.start.isoformat())
        )
        return t("cadence.expected", span=span, every=t(f"cadence.every.{self.every}"))

    def to_json(self) -> dict[str, Any]:
        """JSON: ``status`` is always ``"expected"``; ``start``/``end`` are estimates."""
        return {
            "status": "expected",
            "every": self.every,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "label": self.label,
            "missing": self.missing,
            "ended": self.ended,
            "undated": self.undated,
            "notice": self.notice,
            "clause": self.clause,
            "quote": self.quote,
        }


def _period(on: dt.date, every: str) -> tuple[dt.date, dt.date]:
    """The calendar month, quarter or half-year containing ``on``."""
    size = _MONTHS[every]
    first_month = (on.month - 1) // size * size + 1
    start = dt.date(on.year, first_month, 1)
    following = shifted(start, months=size)
    # periods never straddle a year, so one with no following period ends on the last day there is
    last = following - dt.timedelta(days=1) if following is not None else dt.date.max
    return start, last


def expected_next(
    cadence: CadenceSpec,
    notice: str,
    opens: dt.date,
    closes: dt.date | None,
    on: dt.date,
    rules_end: dt.date | None = None,
    dated: bool = True,
) -> Expected:
    """The round expected next after the latest one (which opened on ``opens``), as seen on ``on``.

    Yearly rounds shift the latest round's window by whole years; monthly and
    quarterly intakes are the calendar month or quarter (the one containing ``on``
    when later than the latest round). ``rules_end`` is the last day the rules
    calling the rounds are in force. ``dated`` is false when the latest round states
    no window of its own (``opens`` is then when its rules began or its notice was
    issued): a yearly round is then expected without a day, since shifting that day
    would invent one.
    """
    every = cadence.every
    step = _MONTHS[every]
    last_day = closes or opens

    def make(**kw: Any) -> Expected:
        return Expected(every, cadence.clause, cadence.quote, notice, **kw)

    if every == "year" and not dated:
        return _undated_yearly(cadence, opens, on, rules_end, make)

    start: dt.date | None
    end: dt.date | None
    if every == "year":
        k = 1
        while (moved := shifted(last_day, months=step * k)) is not None and moved < on:
            k += 1
        start = shifted(opens, months=step * k)
        end = shifted(closes, months=step * k) if closes else None
        if closes and end is None:
            start = None  # a window that would close past year 9999 is not projected either
        missing = _missing_years(opens.year + 1, opens.year + k - 1, cadence.through)
    else:
        latest_period = _period(last_day, every)
        following = shifted(latest_period[0], months=step)
        after_latest = _period(following, every) if following is not None else None
        start, end = _period(on, every)
        if start <= latest_period[0]:
            start, end = after_latest or (None, None)
        missing = (
            None
            if after_latest is None or start is None or after_latest[0] >= start
            else t("cadence.missing_since", start=after_latest[0].isoformat())
        )
    if start is None:
        end = None  # no round could be projected: it would fall past year 9999
    # a round that cannot be projected lies past any year or day a notice can name, so the same limits apply
    if cadence.through is not None and (start is None or start.year > cadence.through):
        return make(missing=missing, ended=t("cadence.through", year=cadence.through))
    if rules_end is not None and (start is None or start > rules_end):
        if rules_end < on:
            return make(missing=missing, ended=t("cadence.rules_lapsed", end=rules_end.isoformat()))
        # the rules are still in force: the round the cadence gives falls after their last day
        after = start.isoformat() if start is not None else "—"
        return make(missing=missing, ended=t("cadence.rules_end_first", end=rules_end.isoformat(), start=after))
    return make(start=start, end=end, missing=missing)


def _undated_yearly(
    cadence: CadenceSpec, opens: dt.date, on: dt.date, rules_end: dt.date | None, make: Callable[..., Expected]
) -> Expected:
    """A yearly round after one with no window: expected, with no day (each year's notice sets it).

    The years after the latest round's and before ``on``'s are missing from the catalog;
    whether this year's round has been held cannot be told, so it is not counted.
    """
    missing = _missing_years(opens.year + 1, on.year - 1, cadence.through)
    if cadence.through is not None and on.year > cadence.through:
        return make(missing=missing, ended=t("cadence.through", year=cadence.through))
    if rules_end is not None and rules_end < on:
        return make(missing=missing, ended=t("cadence.rules_lapsed", end=rules_end.isoformat()))
    why = [t("cadence.no_window")]
    if cadence.through is not None:  # the last year's round may still come, and none after it
        why.append(t("cadence.through", year=cadence.through))
    if rules_end is not None:
        why.append(t("cadence.rules_until", end=rules_end.isoformat()))
    return make(missing=missing, undated=t("list.parts").join(why))


def _missing_years(first: int, last: int, through: int | None) -> str | None:
    """The yearly rounds from ``first`` to ``last`` (none past ``through``) the catalog lacks, in words."""
    if through is not None:
        last = min(last, through)
    if last < first:
        return None
    if last == first:
        return t("cadence.missing_year", year=first)
    return t("cadence.missing_years", first=first, last=last)
