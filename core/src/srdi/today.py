"""Answers for a day: what is open, what is in force, and where each series stands.

``srdi check PROFILE`` (no ``--program``) asks this for the day it runs. For the
enterprise's region and every region above it, the answer holds:

- the rounds open that day, evaluated as on that day;
- every standing measure in force that day, evaluated for the enterprise (it
  qualifies when the verdict is eligible);
- for each series: its latest round, when it closed (or opens), the verdict the
  enterprise would have had in it (evaluated on the round's last application day, so
  上年度 and titles in force resolve as they did then), and — where a notice states
  a cadence — when the next round is expected, labelled expected, never announced.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, Literal, Protocol

from attrs import frozen

from .cadence import Expected, expected_next
from .i18n import t
from .inforce import in_force_on, in_force_period, is_standing
from .profile import Profile
from .programs import Program
from .regions import NATIONAL, Region, lineage
from .results import ProgramResult
from .series import Round, Series


class Catalog(Protocol):
    """What an answer for a day consults: a :class:`srdi.catalog.Catalog` is one.

    Named as a protocol so this module, which the catalog's ``today`` delegates to,
    does not import the catalog back.
    """

    @property
    def replaced(self) -> dict[str, dt.date]:
        """Programs replaced by later notices, and from when."""
        ...

    @property
    def series(self) -> Mapping[str, Series]:
        """Series of rounds, by id."""
        ...

    def region_of(self, profile: Profile) -> Region:
        """Where a profile's enterprise is registered."""
        ...

    def programs_for_region(self, code: str) -> list[Program]:
        """Programs open to an enterprise registered in ``code``."""
        ...

    def program(self, pid: str | Program) -> Program:
        """A program by id, resolved with its layers."""
        ...

    def evaluate(self, profile: Profile, program: str | Program, on: dt.date) -> ProgramResult:
        """One program's explained verdict for one enterprise."""
        ...

    def check(
        self, profile: Profile, on: dt.date, programs: Iterable[str] | None = None, include_closed: bool = False
    ) -> list[ProgramResult]:
        """Evaluate a profile against several programs."""
        ...


#: A round's state on a day; each is worded by the catalogue entry ``today.state.<state>``.
RoundState = Literal["open", "upcoming", "closed", "no_window"]


@frozen
class SeriesStatus:
    """Where one series stands on a day: its latest round, the verdict in it, the next round expected."""

    series: str
    title: str
    program: str
    program_title: str
    notice: str
    state: RoundState
    windows: tuple[tuple[dt.date, dt.date], ...]
    evaluated_on: dt.date
    result: ProgramResult
    follows: str | None = None
    expected: Expected | None = None

    @property
    def closed_on(self) -> dt.date | None:
        """The last day of the round's last application window."""
        return max(end for _, end in self.windows) if self.windows else None

    @property
    def state_label(self) -> str:
        """The round's state in words."""
        return t(f"today.state.{self.state}")

    def to_json(self) -> dict[str, Any]:
        """JSON: the series, its latest round, the verdict in it, and the expected next round (or null)."""
        return {
            "series": self.series,
            "title": self.title,
            "latest_round": {
                "program": self.program,
                "title": self.program_title,
                "notice": self.notice,
                "follows": self.follows,
                "state": self.state,
                "windows": [[a.isoformat(), b.isoformat()] for a, b in self.windows],
                "closed_on": self.closed_on.isoformat() if self.closed_on else None,
            },
            "evaluated_on": self.evaluated_on.isoformat(),
            "verdict": self.result.verdict.value,
            "verdict_label": self.result.verdict.label,
            "result": self.result.to_json(),
            "next_round": self.expected.to_json() if self.expected else None,
        }


@frozen
class StandingStatus:
    """A standing measure in force on the day, and whether the enterprise qualifies."""

    program: str
    title: str
    notice: str
    start: dt.date
    end: dt.date | None
    clause: str
    quote: str
    result: ProgramResult

    @property
    def qualifies(self) -> bool:
        """Whether the enterprise qualifies (the verdict is eligible)."""
        return self.result.verdict.value == "eligible"

    @property
    def period_label(self) -> str:
        """The in-force period in words."""
        if self.end is None:
            return t("today.period.open", start=self.start.isoformat(), open=t("show.in_force.open_ended"))
        return t("today.period", start=self.start.isoformat(), end=self.end.isoformat())

    def to_json(self) -> dict[str, Any]:
        """JSON: the measure, its in-force dates and clause, the verdict and ``qualifies``."""
        return {
            "program": self.program,
            "title": self.title,
            "notice": self.notice,
            "in_force": {
                "start": self.start.isoformat(),
                "end": self.end.isoformat() if self.end else None,
                "clause": self.clause,
                "quote": self.quote,
            },
            "verdict": self.result.verdict.value,
            "verdict_label": self.result.verdict.label,
            "qualifies": self.qualifies,
            "result": self.result.to_json(),
        }


@frozen
class TodayAnswer:
    """What srdi can say for an enterprise on one day."""

    on: dt.date
    region: str
    region_name: str
    open: tuple[ProgramResult, ...]
    in_force: tuple[StandingStatus, ...]
    series: tuple[SeriesStatus, ...]

    @property
    def message(self) -> str | None:
        """The line saying nothing is open, when nothing is."""
        if self.open:
            return None
        return t("today.nothing_open", on=self.on.isoformat(), region=self.region_name)

    def to_json(self) -> dict[str, Any]:
        """JSON for ``srdi check PROFILE`` without ``--program``."""
        return {
            "on": self.on.isoformat(),
            "region": {"code": self.region, "name": self.region_name},
            "message": self.message,
            "open": [r.to_json() for r in self.open],
            "in_force": [s.to_json() for s in self.in_force],
            "series": [s.to_json() for s in self.series],
        }


def _state(r: Round, on: dt.date) -> RoundState:
    if not r.windows:
        return "no_window"
    if any(a <= on <= b for a, b in r.windows):
        return "open"
    if all(on < a for a, _ in r.windows):
        return "upcoming"
    return "closed"


def _evaluation_day(r: Round, on: dt.date, replaced: dict[str, dt.date]) -> dt.date:
    """The day a round is judged on: today while open; its last application day once closed; its first before.

    A round without a window is judged on today within its rules' in-force period, or
    on the day its notice was issued.
    """
    p = r.program
    if r.windows:
        if any(a <= on <= b for a, b in r.windows):
            return on
        last = max(b for _, b in r.windows)
        return last if last < on else r.opens
    if p.in_force is not None:
        start, end = in_force_period(p, replaced)
        return max(start, min(on, end)) if end else max(start, on)
    return p.notice.spec.notice.issued_on


def _cadence_source(r: Round, series: Series) -> Program | None:
    """The round whose notice states the cadence that applies: the latest round's own, else the nearest it follows."""
    by_id = {x.program.id: x for x in series.rounds}
    cur: Round | None = r
    seen: set[str] = set()
    while cur is not None and cur.program.id not in seen:
        seen.add(cur.program.id)
        if cur.program.cadence is not None:
            return cur.program
        cur = by_id.get(cur.follows) if cur.follows else None
    return None


def _rules_of(catalog: Catalog, program: Program) -> Program | None:
    """The standing rules a round is held under: its own in-force period, else the nearest program it extends with one.

    A yearly call under a 管理办法 extends the 办法's standard (often an abstract
    program of another notice); when the 办法 lapses, no further round is expected.
    """
    cur: Program | None = program
    seen: set[str] = set()
    while cur is not None and cur.id not in seen:
        seen.add(cur.id)
        if cur.in_force is not None and (cur is program or cur.in_force.applications == "rounds"):
            return cur
        cur = catalog.program(cur.extends) if cur.extends else None
    return None


def expected_round(catalog: Catalog, series: Series, on: dt.date) -> Expected | None:
    """The next round of ``series`` a notice's cadence implies, as seen on ``on`` (None when no cadence is stated).

    It follows the round that stands for the series that day (:meth:`Series.current`):
    while a monthly intake is open, the month under way is its own, not one expected.
    """
    latest = series.current(on)
    source = _cadence_source(latest, series)
    if source is None:
        return None
    assert source.cadence is not None and source.cadence_origin is not None
    rules = _rules_of(catalog, latest.program)
    rules_end = in_force_period(rules, catalog.replaced)[1] if rules is not None else None
    return expected_next(
        source.cadence, source.cadence_origin.notice, latest.opens, latest.closes, on, rules_end, bool(latest.windows)
    )


def series_statuses(catalog: Catalog, profile: Profile, series: list[Series], on: dt.date) -> list[SeriesStatus]:
    """Where each series stands on ``on`` for one enterprise, its latest round judged as of that round.

    Latest rounds judged on the same day are checked together, so that a ladder
    between them (apply at the highest tier that fits) marks the tier to apply for.
    """
    shown = [s.current(on) for s in series]
    days = [_evaluation_day(r, on, catalog.replaced) for r in shown]
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    for i, day in enumerate(days):
        by_day[day].append(i)
    results: dict[int, ProgramResult] = {}
    for day, idx in by_day.items():
        for i, res in zip(idx, catalog.check(profile, day, [shown[i].program.id for i in idx])):
            results[i] = res
    out = []
    for i, s in enumerate(series):
        latest = shown[i]
        out.append(
            SeriesStatus(
                s.id,
                s.title,
                latest.program.id,
                latest.program.title,
                latest.program.doc_number,
                _state(latest, on),
                latest.windows,
                days[i],
                results[i],
                latest.follows,
                expected_round(catalog, s, on),
            )
        )
    return out


def answer(catalog: Catalog, profile: Profile, on: dt.date) -> TodayAnswer:
    """Open rounds, standing measures in force and the state of every series, for ``profile`` on ``on``."""
    region = catalog.region_of(profile)
    chain = set(lineage(region.code))
    replaced = catalog.replaced
    opened = catalog.check(profile, on)
    standing = []
    for p in catalog.programs_for_region(region.code):
        if is_standing(p) and in_force_on(p, on, replaced):
            assert p.in_force_origin is not None
            start, end = in_force_period(p, replaced)
            standing.append(
                StandingStatus(
                    p.id,
                    p.title,
                    p.doc_number,
                    start,
                    end,
                    p.in_force_origin.clause,
                    p.in_force_origin.quote,
                    catalog.evaluate(profile, p, on),
                )
            )
    # each series as known on the day: a round whose notice came out later is not its latest round yet
    known = (s.as_of(on) for s in catalog.series.values())
    mine = [s for s in known if s is not None and s.latest.program.region in chain]
    # the region's own series first, then the nation's
    mine.sort(key=lambda s: (s.latest.program.region == NATIONAL, s.id))
    return TodayAnswer(
        on,
        region.code,
        region.name,
        tuple(opened),
        tuple(standing),
        tuple(series_statuses(catalog, profile, mine, on)),
    )
