"""Case files: expected verdicts as data, checked against a program.

A case file is TOML in a plugin's ``tests/cases/`` folder. Each ``[[cases]]`` names
a program, an evaluation date, a profile (a file, an inline table, or a file with
changes) and what the program must say: the verdict, criterion and group outcomes,
gaps, the figures used, and fund amounts. The schema is strict: a misspelled key is
an error, every expectation written is checked, and a mismatch names the case, the
criterion, the evaluation date and the reference year. Derive every expectation in
a comment from the clause it tests.

```toml
[defaults]                          # shared by every case below (each may override)
program = "tianjin.srdi-sme-2021"
on = 2021-12-15
profile = "../../examples/srdi-sme-eligible.toml"   # relative to this file

[[cases]]
id = "revenue-exactly-1000"
# 一（三）1 "营业收入不少于1000万元": 1000 meets it.
change = { years = { 2020 = { revenue = 1000 } } }    # merged into the profile
expect = { verdict = "eligible", criteria = { revenue = "met" } }
```

The srdi pytest plugin collects every ``*.toml`` file in a folder named ``cases``
as tests, one per case; :func:`run_case` is the same check without pytest.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import attrs
from attrs import field, frozen

from .. import i18n
from .._convert import converter, problems_from
from ..errors import Problem, SrdiError, suggest
from ..notices.locate import locate
from ..results import ProgramResult

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

OutcomeName = Literal["met", "not_met", "unknown", "review"]
VerdictName = Literal["eligible", "ineligible", "incomplete", "review"]


@frozen
class CriterionExpectation:
    """What one criterion must say: its outcome and, optionally, its gap, threshold and figures.

    A gap may be written in any language of the message catalogue: as ``srdi check``
    prints it (Chinese), or as ``--lang en`` does.
    """

    outcome: OutcomeName
    gap: str | None = None
    threshold: str | None = None
    values: dict[str, Any] = field(factory=dict)


@frozen
class FundExpectation:
    """Amounts (万元) a program's fund rule must compute for the case's profile."""

    total: float | None = None
    payable: float | None = None
    recovered: float | None = None
    components: dict[str, float] = field(factory=dict)


@frozen
class Expectation:
    """Everything a case expects; at least one item must be given."""

    verdict: VerdictName | None = None
    criteria: dict[str, CriterionExpectation | OutcomeName] = field(factory=dict)
    groups: dict[str, OutcomeName] = field(factory=dict)
    fund: FundExpectation | None = None
    open: bool | None = None
    """Whether the program accepts applications on the case's date (its timeline's windows)."""

    def is_empty(self) -> bool:
        """True when the case would check nothing."""
        return (
            self.verdict is None and not self.criteria and not self.groups and self.fund is None and self.open is None
        )


@frozen
class Defaults:
    """Values every case of a file shares unless it gives its own."""

    program: str | None = None
    on: dt.date | None = None
    profile: str | dict[str, Any] | None = None
    set: dict[str, Any] = field(factory=dict)


@frozen
class Case:
    """One case: a program, a date, a profile and what must come out."""

    id: str
    expect: Expectation
    program: str | None = None
    on: dt.date | None = None
    profile: str | dict[str, Any] | None = None
    change: dict[str, Any] = field(factory=dict)
    remove: tuple[str, ...] = ()
    set: dict[str, Any] = field(factory=dict)
    note: str | None = None


@frozen
class CaseFile:
    """A whole case file."""

    cases: tuple[Case, ...]
    defaults: Defaults = field(factory=Defaults)


@frozen
class ResolvedCase:
    """A case with its file's defaults applied and its line in the file."""

    case: Case
    path: Path
    line: int | None
    program: str
    on: dt.date
    profile: str | dict[str, Any]
    set: dict[str, Any]

    @property
    def where(self) -> str:
        """``file:line``, for messages."""
        return f"{self.path}:{self.line}" if self.line else str(self.path)


def read_case_file(path: Path | str) -> tuple[list[ResolvedCase], list[Problem]]:
    """Read and check a case file: its cases with defaults applied, and every problem found."""
    path = Path(path)
    try:
        source = path.read_text(encoding="utf-8")
        raw = tomllib.loads(source)
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(i18n.t("case.cannot_read", why=exc), file=str(path))]
    except tomllib.TOMLDecodeError as exc:
        return [], [Problem(i18n.t("input.bad_toml", why=exc), file=str(path))]
    try:
        spec = converter.structure(raw, CaseFile)
    except Exception as exc:
        found = problems_from(exc, str(path))
        return [], [attrs.evolve(p, line=locate(source, p.key or "")) for p in found]
    problems: list[Problem] = []
    resolved: list[ResolvedCase] = []
    seen: set[str] = set()
    d = spec.defaults
    for i, case in enumerate(spec.cases):
        key = f"cases[{i}]"
        line = locate(source, key)

        def bad(sub: str, msg: str, key: str = key) -> None:
            k = f"{key}.{sub}"
            problems.append(Problem(msg, file=str(path), key=k, line=locate(source, k)))

        if case.id in seen:
            bad("id", i18n.t("case.duplicate_id", id=repr(case.id)))
        seen.add(case.id)
        program = case.program or d.program
        on = case.on or d.on
        profile = case.profile if case.profile is not None else d.profile
        if program is None:
            bad("program", i18n.t("case.no_program"))
        if on is None:
            bad("on", i18n.t("case.no_date"))
        if profile is None:
            bad("profile", i18n.t("case.no_profile"))
        if case.expect.is_empty():
            bad("expect", i18n.t("case.expects_nothing"))
        if program is None or on is None or profile is None:
            continue
        resolved.append(ResolvedCase(case, path, line, program, on, profile, {**d.set, **case.set}))
    return resolved, problems


def profile_data(rc: ResolvedCase) -> dict[str, Any]:
    """The case's profile as parsed data: the file or table, with ``change`` merged in and ``remove`` applied."""
    if isinstance(rc.profile, str):
        ppath = (rc.path.parent / rc.profile).resolve()
        try:
            text = ppath.read_text(encoding="utf-8-sig")
        except OSError:
            raise SrdiError(Problem(i18n.t("case.profile_not_found", file=repr(rc.profile)), file=rc.where)) from None
        try:
            data = json.loads(text) if ppath.suffix == ".json" else tomllib.loads(text)
        except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
            raise SrdiError(Problem(i18n.t("case.bad_profile", why=exc), file=str(ppath))) from None
    else:
        data = copy.deepcopy(rc.profile)
    merged: dict[str, Any] = _merge(data, rc.case.change)
    for dotted in rc.case.remove:
        _remove(merged, dotted, rc)
    return merged


def _merge(base: Any, change: Any) -> Any:
    """``change`` laid over ``base``: tables merge key by key, anything else replaces."""
    if isinstance(base, dict) and isinstance(change, Mapping):
        out = dict(base)
        for k, v in change.items():
            out[k] = _merge(out.get(k), v) if k in out else copy.deepcopy(v)
        return out
    return copy.deepcopy(change)


def _remove(data: dict[str, Any], dotted: str, rc: ResolvedCase) -> None:
    parts = dotted.split(".")
    node: Any = data
    for part in parts[:-1]:
        node = node.get(part) if isinstance(node, dict) else None
    if not isinstance(node, dict) or parts[-1] not in node:
        why = i18n.t("case.remove_missing", key=repr(dotted))
        raise SrdiError(Problem(why, file=rc.where, key=f"{rc.case.id}.remove"))
    del node[parts[-1]]


def run_case(catalog: Any, rc: ResolvedCase) -> list[str]:
    """Evaluate one case; return one line per expectation that does not hold (empty when the case passes)."""
    case = rc.case
    program = catalog.program(rc.program)
    if rc.set:
        program = program.with_overrides(rc.set)
    profile = catalog.load_profile_data(profile_data(rc), source=f"{rc.where} (case {case.id!r})")
    result = catalog.evaluate(profile, program, rc.on)
    out: list[str] = []
    exp = case.expect
    if exp.verdict is not None and result.verdict.value != exp.verdict:
        out.append(i18n.t("case.verdict", want=exp.verdict, got=result.verdict.value))
    by_id = {c.id: c for c in result.criteria}
    worded: dict[str, ProgramResult] = {}

    def other_gaps(cid: str) -> list[str | None]:
        """The criterion's gap in the catalogue's other languages: a case may state it in any of them."""
        for lang in i18n.LANGUAGES:
            if lang != i18n.language() and lang not in worded:
                with i18n.speaking(lang):
                    worded[lang] = catalog.evaluate(profile, program, rc.on)
        return [r.criterion(cid).gap for r in worded.values()]

    for cid, want in exp.criteria.items():
        got = by_id.get(cid)
        if got is None:
            out.append(i18n.t("case.not_a_criterion", id=repr(cid), program=program.id, hint=suggest(cid, by_id)))
            continue
        w = want if isinstance(want, CriterionExpectation) else CriterionExpectation(outcome=want)
        wrong = []
        if got.outcome.value != w.outcome:
            wrong.append(i18n.t("case.outcome", want=w.outcome, got=got.outcome.value))
        if w.gap is not None and got.gap != w.gap and w.gap not in other_gaps(cid):
            wrong.append(i18n.t("case.gap", want=repr(w.gap), got=repr(got.gap)))
        if w.threshold is not None and got.threshold != w.threshold:
            wrong.append(i18n.t("case.threshold", want=repr(w.threshold), got=repr(got.threshold)))
        for name, value in w.values.items():
            if name not in got.values:
                wrong.append(i18n.t("case.no_figure", name=repr(name), hint=suggest(name, got.values)))
            elif not _same(got.values[name], value):
                wrong.append(i18n.t("case.value", name=name, want=repr(value), got=repr(got.values[name])))
        if wrong:
            figures = i18n.t("list.parts").join(f"{k}={v}" for k, v in got.values.items()) or i18n.t("case.none")
            detail = i18n.t("case.detail", figures=figures, threshold=got.threshold or "—")
            if got.gap:
                detail += i18n.t("case.detail_gap", gap=got.gap)
            why = i18n.t("list.parts").join(wrong)
            head = i18n.t("case.criterion", id=repr(cid), label=got.label, clause=got.clause, wrong=why)
            out.append(f"{head}\n      {detail}")
    groups = {g.id: g for g in result.groups}
    for gid, outcome in exp.groups.items():
        grp = groups.get(gid)
        if grp is None:
            out.append(i18n.t("case.not_a_group", id=repr(gid), program=program.id, hint=suggest(gid, groups)))
        elif grp.outcome.value != outcome:
            why = i18n.t("case.outcome", want=outcome, got=grp.outcome.value)
            out.append(i18n.t("case.group", id=repr(gid), label=grp.label, clause=grp.clause, wrong=why))
    if exp.fund is not None:
        out.extend(_fund_mismatches(catalog, program, profile, rc, exp.fund))
    if exp.open is not None and catalog.is_open(program, rc.on) != exp.open:
        out.append(i18n.t("case.expected_open") if exp.open else i18n.t("case.expected_closed"))
    if out:
        head = i18n.t(
            "case.head",
            id=repr(case.id),
            where=rc.where,
            program=program.id,
            on=rc.on.isoformat(),
            year=result.reference_year,
        )
        if rc.set:
            head += i18n.t("case.with_set", values=i18n.t("list.sep").join(f"{k}={v!r}" for k, v in rc.set.items()))
        out.insert(0, head)
    return out


def _fund_mismatches(catalog: Any, program: Any, profile: Any, rc: ResolvedCase, want: FundExpectation) -> list[str]:
    res = catalog.fund(program, profile, rc.on)
    out = []
    for name in ("total", "payable", "recovered"):
        expected = getattr(want, name)
        got = getattr(res, name)
        if expected is not None and not _same(got, expected):
            out.append(i18n.t("case.fund", name=name, want=f"{expected:g}", got=got))
    comps = {c.id: c for c in res.components}
    for cid, amount in want.components.items():
        comp = comps.get(cid)
        if comp is None:
            out.append(i18n.t("case.not_a_component", id=repr(cid), program=program.id, hint=suggest(cid, comps)))
        elif not _same(comp.amount, amount):
            out.append(
                i18n.t(
                    "case.component",
                    id=repr(cid),
                    label=comp.label,
                    want=f"{amount:g}",
                    got=comp.amount,
                    why=comp.explanation,
                )
            )
    return out


def _same(got: Any, want: Any) -> bool:
    if isinstance(want, bool) or isinstance(got, bool):
        return got is want
    if isinstance(want, (int, float)) and isinstance(got, (int, float)):
        return math.isclose(float(got), float(want), rel_tol=1e-9, abs_tol=1e-6)
    if isinstance(want, dt.date):
        return bool(got == want or got == want.isoformat())
    if isinstance(want, list) and isinstance(got, (list, tuple)):
        return len(want) == len(got) and all(_same(g, w) for g, w in zip(got, want))
    return bool(got == want)
