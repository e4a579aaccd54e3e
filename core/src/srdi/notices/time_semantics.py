"""Checks of a notice file's time model: in-force periods, cadences, series, title reviews.

Run with the other semantic checks (:func:`srdi.notices.semantics.spec_problems`) by
``srdi validate`` and the conformance suite, on a file that need not be installed.
Whether a series is declared once, and whether ``follows`` and ``replaces`` name
programs that exist, depends on the other notices and is checked when a catalog is
built (:mod:`srdi.series`, :mod:`srdi.inforce`).
"""

from __future__ import annotations

from .model import EventSpec, InForceSpec, NoticeSpec, ProgramSpec

Found = list[tuple[str, str]]


def _in_force_problems(key: str, spec: InForceSpec, issued_year: int) -> Found:
    out: Found = []
    if spec.end is not None and spec.end < spec.start:
        out.append((f"{key}.end", f"ends ({spec.end}) before it comes into force ({spec.start})"))
    if spec.start.year < 1990 or spec.start.year > 2100:
        out.append((f"{key}.start", f"implausible date {spec.start}"))
    for j, pid in enumerate(spec.replaces):
        if not pid.strip():
            out.append((f"{key}.replaces[{j}]", "name the program this one replaces"))
    return out


def _covers(shared: InForceSpec | None, prog: ProgramSpec) -> InForceSpec | None:
    if prog.in_force is not None:
        return prog.in_force
    if shared is not None and (shared.programs is None or prog.id in shared.programs):
        return shared
    return None


def time_problems(spec: NoticeSpec) -> Found:
    """Problems of the in-force periods, cadences, series and title reviews of one notice file."""
    out: Found = []
    year = spec.notice.issued_on.year
    program_ids = {p.id for p in spec.programs}
    shared = spec.in_force
    if shared is not None:
        out += _in_force_problems("in_force", shared, year)
        for j, pid in enumerate(shared.programs or ()):
            if pid not in program_ids:
                out.append((f"in_force.programs[{j}]", f"unknown program {pid!r}"))
    series_ids = set()
    for i, s in enumerate(spec.series):
        if s.id in series_ids:
            out.append((f"series[{i}].id", f"duplicate series id {s.id!r}"))
        series_ids.add(s.id)
        if not s.title.strip():
            out.append((f"series[{i}].title", "a series needs a title"))
    for i, prog in enumerate(spec.programs):
        base = f"programs[{i}]"
        if prog.in_force is not None:
            out += _in_force_problems(f"{base}.in_force", prog.in_force, year)
            if prog.in_force.programs is not None:
                out.append((f"{base}.in_force.programs", "programs = [...] is for the notice-level [in_force]"))
        covering = _covers(shared, prog)
        if covering is not None and covering.applications == "none":
            events: list[tuple[str, EventSpec]] = [(f"{base}.timeline[{j}]", e) for j, e in enumerate(prog.timeline)]
            events += [
                (f"timeline[{j}]", e)
                for j, e in enumerate(spec.timeline)
                if e.programs is None or prog.id in e.programs
            ]
            for key, ev in events:
                if ev.application:
                    out.append(
                        (
                            f"{key}.application",
                            f"{prog.id} is a standing measure (in_force.applications = 'none'): it is in force, "
                            "not open, and takes no application window; if its notice calls for applications, "
                            "set in_force.applications = 'rounds'",
                        )
                    )
        if prog.cadence is not None and prog.cadence.through is not None:
            through = prog.cadence.through
            if not 1990 <= through <= 2100:
                out.append((f"{base}.cadence.through", f"implausible year {through}"))
            elif through < year:
                out.append((f"{base}.cadence.through", f"{through} is before the notice was issued ({year})"))
        if prog.follows is not None and prog.follows == prog.id:
            out.append((f"{base}.follows", "a round cannot follow itself"))
        if prog.follows is not None and prog.series is None:
            out.append((f"{base}.follows", "follows is for rounds of a series: set series"))
        grants = prog.grants
        if grants is not None and grants.review is not None and grants.review.every_years < 1:
            out.append((f"{base}.grants.review.every_years", "a review falls at least a year after the grant"))
    for i, t in enumerate(spec.titles):
        if t.review is not None and t.review.every_years < 1:
            out.append((f"titles[{i}].review.every_years", "a review falls at least a year after the grant"))
    return out
