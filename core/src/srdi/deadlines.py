"""Timelines: dated events of a program, computed deadlines, openness and expiry.

A program's timeline is a list of events from its notice file. Built-in kinds are
``date``, ``window``, ``period``, ``annual``, ``quarterly``, ``monthly``,
``after`` (an offset after another event) and ``anchor`` (a day the notice names but
does not print, such as the day a list is published, which the user supplies).
Offsets count calendar days or official working days. Plugins add kinds through
``srdi_register_event_kinds``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from attrs import frozen

from .errors import NoticeError, Problem, UnknownNameError, suggest
from .notices.model import EventSpec
from .workdays import add_workdays

if TYPE_CHECKING:
    from .engine.titles import TitleBook
    from .profile import Profile
    from .programs import Event, Program


@frozen
class Occurrence:
    """One dated occurrence of an event: a deadline, or a window from ``start`` to ``date``."""

    date: dt.date | None
    title: str
    event: str
    program: str
    kind: str
    clause: str
    quote: str
    notice: str
    start: dt.date | None = None
    time: str | None = None
    application: bool = False
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        """JSON for ``srdi deadlines`` (``date`` and ``title`` first, ISO dates)."""
        return {
            "date": self.date.isoformat() if self.date else None,
            "title": self.title,
            "start": self.start.isoformat() if self.start else None,
            "time": self.time,
            "event": self.event,
            "program": self.program,
            "kind": self.kind,
            "application": self.application,
            "notice": self.notice,
            "clause": self.clause,
            "quote": self.quote,
            "note": self.note,
        }


Window = tuple["dt.date | None", "dt.date | None"]


@frozen
class EventKind:
    """A way of dating an event: ``dates(spec, years)`` returns (start, end) pairs."""

    name: str
    dates: Callable[[EventSpec, list[int]], list[Window]]
    doc: str
    origin: str = "srdi"


def _offset(day: dt.date, spec: EventSpec) -> dt.date:
    if spec.offset_workdays is not None:
        return add_workdays(day, spec.offset_workdays)
    if spec.offset_days is not None:
        return day + dt.timedelta(days=spec.offset_days)
    return day


def _years(spec: EventSpec, years: list[int]) -> list[int]:
    return list(spec.years) if spec.years else years


def _date(spec: EventSpec, years: list[int]) -> list[Window]:
    return [(None, spec.date)]


def _window(spec: EventSpec, years: list[int]) -> list[Window]:
    return [(spec.start, spec.end)]


def _annual(spec: EventSpec, years: list[int]) -> list[Window]:
    assert spec.month and spec.day
    return [(None, _offset(dt.date(y, spec.month, spec.day), spec)) for y in _years(spec, years)]


def _quarterly(spec: EventSpec, years: list[int]) -> list[Window]:
    out: list[Window] = []
    for y in _years(spec, years):
        for month in (3, 6, 9, 12):
            end = dt.date(y, month, calendar.monthrange(y, month)[1])
            out.append((end + dt.timedelta(days=1), _offset(end, spec)))
    return out


def _anchor(spec: EventSpec, years: list[int]) -> list[Window]:
    return [(None, None)]  # dated only by the user (``anchors``)


def _monthly(spec: EventSpec, years: list[int]) -> list[Window]:
    out: list[Window] = []
    for y in _years(spec, years):
        for month in range(1, 13):
            end = dt.date(y, month, calendar.monthrange(y, month)[1])
            out.append((end + dt.timedelta(days=1), _offset(end, spec)))
    return out


def builtin_event_kinds() -> list[EventKind]:
    """The event kinds srdi defines (``after`` is resolved against the other events)."""
    return [
        EventKind("date", _date, "A single day (`date`)."),
        EventKind("window", _window, "From `start` to `end`, both included."),
        EventKind("period", _window, "A programme's whole life, from `start` to `end`."),
        EventKind("annual", _annual, "Every year on `month`/`day` (plus an optional offset), for `years`."),
        EventKind("quarterly", _quarterly, "After each quarter ends, by `offset_workdays` or `offset_days`."),
        EventKind("monthly", _monthly, "After each month ends, by `offset_workdays` or `offset_days`."),
        EventKind("after", _date, "An offset after another event (`after` = its id) ends."),
        EventKind(
            "anchor",
            _anchor,
            "A day the notice names but does not print (e.g. the day a list is published); "
            "the user supplies it, and `after` events count from it.",
        ),
    ]


def occurrences(
    program: Program,
    kinds: dict[str, EventKind],
    years: Iterable[int] | None = None,
    anchors: Mapping[str, dt.date] | None = None,
) -> list[Occurrence]:
    """Every occurrence of ``program``'s timeline, sorted by date (undated ones last).

    ``years`` is used by recurring events that do not list their own; by default the
    year the notice was issued. ``anchors`` dates the ``anchor`` events by id (the day
    a list was published …); an anchor left out stays undated, and so do the events
    counted from it.
    """
    ylist = list(years) if years else [program.notice.spec.notice.issued_on.year]
    given = dict(anchors or {})
    anchor_ids = [ev.spec.id for ev in program.timeline if ev.spec.kind == "anchor"]
    stray = [name for name in given if name not in anchor_ids]
    if stray:
        raise UnknownNameError(
            [
                Problem(
                    f"{program.id} has no anchor event {name!r}{suggest(name, anchor_ids)}"
                    + ("" if anchor_ids else " (its timeline has none)"),
                    key=f"anchors.{name}",
                )
                for name in stray
            ]
        )
    ends: dict[str, dt.date | None] = {}
    out: list[Occurrence] = []
    pending: list[Event] = []
    for ev in program.timeline:
        if ev.spec.kind == "after":
            pending.append(ev)
            continue
        if ev.spec.kind == "anchor":
            day = given.get(ev.spec.id)
            missing = None if day else f"the notice prints no date: give it as --anchor {ev.spec.id}=YYYY-MM-DD"
            out.append(_occ(program, ev, None, day, missing))
            ends[ev.spec.id] = day
            continue
        kind = kinds.get(ev.spec.kind)
        if kind is None:
            raise NoticeError(
                Problem(
                    f"unknown event kind {ev.spec.kind!r}", file=program.notice.path, key=f"timeline[{ev.spec.id}].kind"
                )
            )
        for start, end in kind.dates(ev.spec, ylist):
            out.append(_occ(program, ev, start, end))
            ends[ev.spec.id] = end
    for _ in range(len(pending)):  # `after` may chain
        for ev in list(pending):
            anchor = ev.spec.after
            if anchor in ends:
                base = ends[anchor]
                end = _offset(base, ev.spec) if base else None
                undated = None if base else f"counts from {anchor!r}, which has no date yet"
                out.append(_occ(program, ev, None, end, undated))
                ends[ev.spec.id] = end
                pending.remove(ev)
    for ev in pending:
        raise NoticeError(
            Problem(f"event {ev.spec.id!r} is after unknown event {ev.spec.after!r}", file=program.notice.path)
        )
    return sorted(out, key=lambda o: (o.date or dt.date.max, o.start or dt.date.min, o.event))


def _occ(
    program: Program, ev: Event, start: dt.date | None, end: dt.date | None, why_undated: str | None = None
) -> Occurrence:
    s = ev.spec
    return Occurrence(
        end,
        s.title,
        s.id,
        program.id,
        s.kind,
        ev.origin.clause,
        ev.origin.quote,
        ev.origin.notice,
        start,
        s.time,
        s.application,
        "; ".join(n for n in (s.note, why_undated) if n) or None,
    )


def application_windows(
    program: Program, kinds: dict[str, EventKind], years: Iterable[int]
) -> list[tuple[dt.date, dt.date]]:
    """The periods during which the program accepts applications.

    A window or period counts from its start; a bare application deadline counts
    from the day the notice was issued.
    """
    issued = program.notice.spec.notice.issued_on
    out = []
    for occ in occurrences(program, kinds, years):
        if not occ.application or occ.date is None:
            continue
        out.append((occ.start or issued, occ.date))
    return out


def is_open(program: Program, kinds: dict[str, EventKind], on: dt.date) -> bool:
    """Whether ``program`` accepts applications on ``on``."""
    return any(start <= on <= end for start, end in application_windows(program, kinds, [on.year - 1, on.year]))


def recognition_dates(profile: Profile, titles: TitleBook) -> list[Occurrence]:
    """When each title a profile holds expires, and when it can be applied for again."""
    out: list[Occurrence] = []
    for r in profile.recognitions or ():
        t = titles.by_id.get(r.title)
        if t is None:
            continue
        lo: dt.date | None
        hi: dt.date | None
        if r.valid_until is not None:
            lo = hi = r.valid_until
        else:
            lo, hi = titles.valid_until(r.title, r.year, r.granted_on)
        if hi is None:
            continue
        exact = lo == hi
        out.append(
            Occurrence(
                hi,
                f"{t.label}有效期届满",
                f"expiry:{r.title}",
                t.granted_by or "",
                "expiry",
                t.clause or "",
                t.quote or "",
                t.notice or "",
                note=None if exact else f"expires between {lo} and {hi}; give granted_on for the exact day",
            )
        )
        if t.reapply == "expiry_year":
            out.append(
                Occurrence(
                    hi,
                    f"{t.label}期满当年可重新申报",
                    f"reapply:{r.title}",
                    t.granted_by or "",
                    "reapply",
                    t.clause or "",
                    t.quote or "",
                    t.notice or "",
                    start=dt.date(hi.year, 1, 1),
                )
            )
    return sorted(out, key=lambda o: o.date or dt.date.max)
