"""Series and rounds: programs that are rounds of one recurring program.

A notice declares a series once (``[[series]]``: id and title); each round is a
program naming it (``series = "liaoning.little-giant"``). A round follows the round
before it: the one it names (``follows``), else the one it ``extends`` in the same
series, else the previous round by date. Rounds are ordered by the day they open:
their first application window, else the day their rules come into force, else the
day their notice was issued.

A new round written as a small file that ``extends`` the last one inherits its
criteria (each still citing the notice it came from); the ladders of the rounds it
follows are carried over to the new rounds when the new notice declares none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import attrs
from attrs import frozen

from .deadlines import EventKind, application_windows
from .errors import NoticeError, Problem, suggest
from .i18n import t as message
from .notices.model import LadderSpec, NoticeFile, SeriesSpec
from .programs import Program


@frozen
class Round:
    """One round of a series: its program, the round it follows, and when it is open."""

    program: Program
    follows: str | None
    opens: dt.date
    windows: tuple[tuple[dt.date, dt.date], ...] = ()

    @property
    def closes(self) -> dt.date | None:
        """The last day of its last application window (None when the round states none)."""
        return max(end for _, end in self.windows) if self.windows else None


@frozen
class Series:
    """A recurring program and its rounds, oldest first."""

    id: str
    title: str
    notice: str
    rounds: tuple[Round, ...]
    note: str | None = None

    @property
    def latest(self) -> Round:
        """The newest round."""
        return self.rounds[-1]

    def as_of(self, on: dt.date) -> Series | None:
        """The series as it stood on ``on``: the rounds whose notice was issued by then (None before the first).

        A round published later is not known on ``on``: it is neither the latest round
        then nor the one the next is projected from.
        """
        known = tuple(r for r in self.rounds if r.program.notice.spec.notice.issued_on <= on)
        if not known:
            return None
        return self if len(known) == len(self.rounds) else attrs.evolve(self, rounds=known)

    def current(self, on: dt.date) -> Round:
        """The round that stands for the series on ``on``: the newest open that day, else the newest.

        Rounds are ordered by the day they first open; a round with many windows (an
        intake open every month) can be open while a later-opening batch has closed.
        """
        open_now = [r for r in self.rounds if any(a <= on <= b for a, b in r.windows)]
        return open_now[-1] if open_now else self.latest

    def round_of(self, program: str) -> Round | None:
        """The round a program is, if it belongs to this series."""
        return next((r for r in self.rounds if r.program.id == program), None)


def round_years(program: Program) -> list[int]:
    """The years a round's recurring events are dated for: its notice's year and the year after 上年度."""
    years = {program.notice.spec.notice.issued_on.year}
    if isinstance(program.reference_year, int):
        years.add(program.reference_year + 1)
    return sorted(years)


def _opens(program: Program, windows: list[tuple[dt.date, dt.date]]) -> dt.date:
    if windows:
        return min(start for start, _ in windows)
    if program.in_force is not None:
        return program.in_force.start
    return program.notice.spec.notice.issued_on


def build_series(
    notices: Iterable[NoticeFile],
    programs: Mapping[str, Program],
    kinds: dict[str, EventKind],
    replaced: Mapping[str, dt.date],
) -> dict[str, Series]:
    """Every declared series with its rounds in order; raise :class:`NoticeError` listing every inconsistency."""
    declared: dict[str, tuple[SeriesSpec, NoticeFile]] = {}
    problems: list[Problem] = []
    for nf in notices:
        for i, s in enumerate(nf.spec.series):
            if s.id in declared:
                problems.append(
                    Problem(
                        message("notice.series_elsewhere", id=repr(s.id), path=declared[s.id][1].path),
                        file=nf.path,
                        key=f"series[{i}].id",
                    )
                )
                continue
            declared[s.id] = (s, nf)
    members: dict[str, list[Program]] = {sid: [] for sid in declared}
    for p in programs.values():
        if p.series is None:
            continue
        if p.abstract:
            problems.append(Problem(message("notice.abstract_round"), file=p.notice.path, key=p.id))
            continue
        if p.series not in declared:
            problems.append(
                Problem(
                    message("notice.unknown_series", id=repr(p.series), hint=suggest(p.series, declared)),
                    file=p.notice.path,
                    key=f"{p.id}.series",
                )
            )
            continue
        members[p.series].append(p)
    for p in programs.values():
        if p.follows is not None and p.series is None:
            problems.append(Problem(message("notice.follows_needs_series"), file=p.notice.path, key=p.id))
    out: dict[str, Series] = {}
    for sid, progs in members.items():
        spec, nf = declared[sid]
        if not progs:
            problems.append(Problem(message("notice.series_no_round", id=repr(sid)), file=nf.path, key="series"))
            continue
        dated: list[tuple[dt.date, str, Program, tuple[tuple[dt.date, dt.date], ...]]] = []
        for p in progs:
            found = application_windows(p, kinds, round_years(p), replaced)
            dated.append((_opens(p, found), p.id, p, tuple(found)))
        dated.sort(key=lambda d: (d[0], d[1]))
        order = [d[1] for d in dated]
        rounds = []
        for k, (opens, pid, p, windows) in enumerate(dated):
            follows = p.follows
            if follows is not None:
                if follows not in order:
                    problems.append(
                        Problem(
                            message(
                                "notice.follows_not_a_round",
                                id=repr(follows),
                                series=repr(sid),
                                hint=suggest(follows, order),
                            ),
                            file=p.notice.path,
                            key=f"{pid}.follows",
                        )
                    )
                elif order.index(follows) >= k:
                    problems.append(
                        Problem(
                            message("notice.follows_later", id=repr(follows), opens=opens),
                            file=p.notice.path,
                            key=f"{pid}.follows",
                        )
                    )
            else:
                follows = order[k - 1] if k else None
            rounds.append(Round(p, follows, opens, windows))
        out[sid] = Series(sid, spec.title, nf.label, tuple(rounds), spec.note)
    if problems:
        raise NoticeError(problems)
    return out


def successors(series: Mapping[str, Series]) -> dict[str, str]:
    """The round that follows each round (program id → program id)."""
    out: dict[str, str] = {}
    for s in series.values():
        for r in s.rounds:
            if r.follows is not None:
                out.setdefault(r.follows, r.program.id)
    return out


def carried_ladders(
    ladders: list[tuple[LadderSpec, NoticeFile]], series: Mapping[str, Series]
) -> list[tuple[LadderSpec, NoticeFile]]:
    """Ladders carried over to later rounds whose notice declares none of its own for them.

    A ladder ordering rounds a, b, c applies to the rounds that follow them (a′, b′, c′)
    when the notice of a′, b′, c′ orders none of them itself; it keeps citing the
    notice that stated it.
    """
    nxt = successors(series)
    notice_of = {r.program.id: r.program.notice.path for s in series.values() for r in s.rounds}
    laddered = {p for ld, _ in ladders for p in ld.programs}
    out: list[tuple[LadderSpec, NoticeFile]] = []
    frontier = list(ladders)
    while frontier:
        ladder, nf = frontier.pop()
        later = tuple(nxt[p] for p in ladder.programs if p in nxt)
        if len(later) < 2 or len({notice_of.get(p) for p in later}) != 1 or laddered & set(later):
            continue
        carried = LadderSpec(ladder.id, later, ladder.clause, ladder.quote, ladder.rule)
        laddered |= set(later)
        out.append((carried, nf))
        frontier.append((carried, nf))
    return out
