"""Checks of a notice file's time model: in-force periods, cadences, series, title reviews.

Run with the other semantic checks (:func:`srdi.notices.semantics.spec_problems`) by
``srdi validate`` and the conformance suite, on a file that need not be installed.
Whether a series is declared once, and whether ``follows`` and ``replaces`` name
programs that exist, depends on the other notices and is checked when a catalog is
built (:mod:`srdi.series`, :mod:`srdi.inforce`).
"""

from __future__ import annotations

from ..i18n import t
from .model import EventSpec, InForceSpec, NoticeSpec, ProgramSpec

Found = list[tuple[str, str]]


def _in_force_problems(key: str, spec: InForceSpec, issued_year: int) -> Found:
    out: Found = []
    if spec.end is not None and spec.end < spec.start:
        out.append((f"{key}.end", t("notice.in_force_ends_early", end=spec.end, start=spec.start)))
    if spec.start.year < 1990 or spec.start.year > 2100:
        out.append((f"{key}.start", t("notice.implausible_date", date=spec.start)))
    for j, pid in enumerate(spec.replaces):
        if not pid.strip():
            out.append((f"{key}.replaces[{j}]", t("notice.replaces_empty")))
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
                out.append((f"in_force.programs[{j}]", t("notice.unknown_program", id=repr(pid))))
    series_ids = set()
    for i, s in enumerate(spec.series):
        if s.id in series_ids:
            out.append((f"series[{i}].id", t("notice.duplicate_id", what=t("notice.what.series"), id=repr(s.id))))
        series_ids.add(s.id)
        if not s.title.strip():
            out.append((f"series[{i}].title", t("notice.series_title")))
    for i, prog in enumerate(spec.programs):
        base = f"programs[{i}]"
        if prog.in_force is not None:
            out += _in_force_problems(f"{base}.in_force", prog.in_force, year)
            if prog.in_force.programs is not None:
                out.append((f"{base}.in_force.programs", t("notice.in_force_programs")))
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
                            t("notice.standing_application", program=prog.id),
                        )
                    )
        if prog.cadence is not None and prog.cadence.through is not None:
            through = prog.cadence.through
            if not 1990 <= through <= 2100:
                out.append((f"{base}.cadence.through", t("notice.implausible_year", year=through)))
            elif through < year:
                out.append((f"{base}.cadence.through", t("notice.through_before_issued", through=through, year=year)))
        if prog.follows is not None and prog.follows == prog.id:
            out.append((f"{base}.follows", t("notice.round_follows_itself")))
        if prog.follows is not None and prog.series is None:
            out.append((f"{base}.follows", t("notice.follows_needs_series")))
        grants = prog.grants
        if grants is not None and grants.review is not None and grants.review.every_years < 1:
            out.append((f"{base}.grants.review.every_years", t("notice.review_interval")))
    for i, title in enumerate(spec.titles):
        if title.review is not None and title.review.every_years < 1:
            out.append((f"titles[{i}].review.every_years", t("notice.review_interval")))
    return out
