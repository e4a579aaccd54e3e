"""In force versus open: one model for every program.

- An **application round** is *open* in its application windows (timeline events
  with ``application = true``).
- A **standing measure** (``[in_force]`` with ``applications = "none"``) is *in
  force* between its dates — or, when its notice states no end, until a later
  notice replaces it — and applies to every firm that qualifies. It has no window
  and is never open.
- **Standing rules** (``applications = "rounds"``): a 办法 or 指南 in force between
  dates whose applications are called by separate notices (每年度…通知). It is open
  only in windows its own timeline states, cut to its in-force period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from .errors import NoticeError, Problem, suggest
from .i18n import t as message

if TYPE_CHECKING:
    from .programs import Program


def is_standing(program: Program) -> bool:
    """Whether the program is a standing measure: in force between dates, with no application window."""
    return program.in_force is not None and program.in_force.applications == "none"


def replacements(programs: Iterable[Program]) -> dict[str, dt.date]:
    """The last day in force of every program a later notice replaces (the day before the new one starts)."""
    progs = {p.id: p for p in programs}
    out: dict[str, dt.date] = {}
    problems = []
    for p in progs.values():
        spec = p.in_force
        if spec is None or not spec.replaces:
            continue
        for old in spec.replaces:
            if old not in progs:
                problems.append(
                    Problem(
                        message("notice.replaces_unknown", program=repr(old), hint=suggest(old, progs)),
                        file=p.notice.path,
                        key=p.id,
                    )
                )
                continue
            last = spec.start - dt.timedelta(days=1)
            out[old] = min(out.get(old, last), last)
    if problems:
        raise NoticeError(problems)
    return out


def in_force_period(program: Program, replaced: Mapping[str, dt.date]) -> tuple[dt.date, dt.date | None]:
    """(first, last) day the program is in force; last is None while nothing replaces an open-ended one."""
    spec = program.in_force
    if spec is None:
        raise ValueError(f"{program.id} states no in-force period")
    end = spec.end
    cut = replaced.get(program.id)
    if cut is not None and (end is None or cut < end):
        end = cut
    return spec.start, end


def in_force_on(program: Program, day: dt.date, replaced: Mapping[str, dt.date]) -> bool:
    """Whether a program with an in-force period is in force on ``day``."""
    if program.in_force is None:
        return False
    start, end = in_force_period(program, replaced)
    return start <= day and (end is None or day <= end)
