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
as tests, one per case (:func:`read_cases`: a case that breaks the schema fails
alone, the others still run); :func:`run_case` is the same check without pytest.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import os
import re
import sys
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

import attrs
from attrs import field, frozen

from .. import i18n
from .._convert import converter, problems_from
from ..errors import PluginError, Problem, SrdiError, suggest, syntax_reason
from ..notices.locate import locate
from ..plugins import BASELINE, ENV_VAR, GROUP, installed, selected_names
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


@frozen
class BrokenCase:
    """A ``[[cases]]`` entry that cannot run: its name (its id, or ``cases[i]`` without one) and its problems."""

    name: str
    path: Path
    line: int | None
    problems: tuple[Problem, ...]

    @property
    def where(self) -> str:
        """``file:line``, for messages."""
        return f"{self.path}:{self.line}" if self.line else str(self.path)


@frozen
class CaseReading:
    """A case file read case by case: a broken entry does not keep the others from running."""

    entries: tuple[ResolvedCase | BrokenCase, ...]
    """Every ``[[cases]]`` entry in file order (none when :attr:`problems` is not empty)."""
    problems: tuple[Problem, ...] = ()
    """Problems of the file as a whole (not TOML, no ``[[cases]]``, a bad top-level key or ``[defaults]``)."""
    total: int = 0
    """How many ``[[cases]]`` entries the file has (as far as they can be counted): those a file problem stops."""

    @property
    def cases(self) -> list[ResolvedCase]:
        """The entries that can run."""
        return [e for e in self.entries if isinstance(e, ResolvedCase)]

    @property
    def broken(self) -> list[BrokenCase]:
        """The entries that cannot run, each with its problems."""
        return [e for e in self.entries if isinstance(e, BrokenCase)]


@frozen
class _FileShape:
    """A case file's top level, with each case left unread: a bad case must not hide the rest."""

    cases: list[Any]
    defaults: Defaults = field(factory=Defaults)


#: A ``[[cases]]`` header (or one missing its last bracket), to count the cases of a file that is not valid TOML.
_CASE_HEADER = re.compile(r"^\s*\[\[\s*cases\s*\]", re.MULTILINE)


def read_cases(path: Path | str) -> CaseReading:
    """Read and check a case file entry by entry.

    A problem of the file as a whole leaves no entry (and says how many there are);
    a problem inside one ``[[cases]]`` entry makes that entry a :class:`BrokenCase`,
    with the key and line of each problem, and the other entries still resolve.
    """
    path = Path(path)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return CaseReading((), (Problem(i18n.t("case.cannot_read", why=exc), file=str(path)),))
    try:
        raw = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        problem = Problem(i18n.t("input.bad_toml", why=syntax_reason(exc)), file=str(path))
        return CaseReading((), (problem,), len(_CASE_HEADER.findall(source)))
    listed = raw.get("cases")
    total = len(listed) if isinstance(listed, list) else 0
    try:
        shape = converter.structure(raw, _FileShape)
    except Exception as exc:
        found = problems_from(exc, str(path))
        return CaseReading((), tuple(_placed(found, source)), total)
    d = shape.defaults
    entries: list[ResolvedCase | BrokenCase] = []
    seen: set[str] = set()
    for i, entry in enumerate(shape.cases):
        key = f"cases[{i}]"
        line = locate(source, key)
        name = entry.get("id") if isinstance(entry, dict) else None
        name = name if isinstance(name, str) and name else key
        case, problems = _read_entry(entry, key, path, source)
        if name != key and name in seen:
            problems.append(_at(path, source, f"{key}.id", i18n.t("case.duplicate_id", id=repr(name))))
        seen.add(name)
        if case is None:
            entries.append(BrokenCase(name, path, line, tuple(problems)))
            continue
        program = case.program or d.program
        on = case.on or d.on
        profile = case.profile if case.profile is not None else d.profile
        if program is None:
            problems.append(_at(path, source, f"{key}.program", i18n.t("case.no_program")))
        if on is None:
            problems.append(_at(path, source, f"{key}.on", i18n.t("case.no_date")))
        if profile is None:
            problems.append(_at(path, source, f"{key}.profile", i18n.t("case.no_profile")))
        if case.expect.is_empty():
            problems.append(_at(path, source, f"{key}.expect", i18n.t("case.expects_nothing")))
        if problems or program is None or on is None or profile is None:
            entries.append(BrokenCase(name, path, line, tuple(problems)))
        else:
            entries.append(ResolvedCase(case, path, line, program, on, profile, {**d.set, **case.set}))
    return CaseReading(tuple(entries), (), total)


def _read_entry(entry: Any, key: str, path: Path, source: str) -> tuple[Case | None, list[Problem]]:
    """One ``[[cases]]`` entry as a case, or None and its schema problems, each at its key and line."""
    if not isinstance(entry, dict):
        what = i18n.t("case.a_table")
        why = i18n.t("notice.expected_type", what=what, type=type(entry).__name__, value=repr(entry))
        return None, [_at(path, source, key, why)]
    try:
        return converter.structure(entry, Case), []
    except Exception as exc:
        return None, _placed(problems_from(exc, str(path), key), source)


def _placed(problems: list[Problem], source: str) -> list[Problem]:
    """``problems`` with the line of each one's key."""
    return [attrs.evolve(p, line=locate(source, p.key or "")) for p in problems]


def _at(path: Path, source: str, key: str, message: str) -> Problem:
    return Problem(message, file=str(path), key=key, line=locate(source, key))


def read_case_file(path: Path | str) -> tuple[list[ResolvedCase], list[Problem]]:
    """Read and check a case file as a whole: every case when it has no problem, else no case and every problem.

    :func:`read_cases` reads it case by case instead, so that the good cases of a file
    with a bad one still run (as the pytest plugin does).
    """
    reading = read_cases(path)
    problems = [*reading.problems, *(p for b in reading.broken for p in b.problems)]
    return ([], problems) if problems else (reading.cases, [])


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
    if rc.program not in catalog.programs_by_id and (missing := _missing_plugin(catalog, rc)) is not None:
        raise SrdiError(Problem(missing))
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


def _missing_plugin(catalog: Any, rc: ResolvedCase) -> str | None:
    """Why the case's program is unknown when the plugin its id names is not loaded; None otherwise.

    A plugin's own case files run before the plugin is installed, or with the plugin left
    out or set aside, otherwise fail with "no such program" and other regions' programs
    as suggestions, which hides the cause.
    """
    name = _plugin_of(rc.program)
    if name is None or name in catalog.plugins:
        return None
    names, clash = _installed_names(name)
    if name not in names:
        return not_installed_message(name, [rc])
    why = catalog.broken.get(name) or _not_selected(name) or clash
    if why is None:
        return i18n.t("case.plugin_not_in_catalog", program=repr(rc.program), plugin=name)
    return i18n.t("case.plugin_not_loaded", program=repr(rc.program), plugin=name, why=why)


def _plugin_of(program: str) -> str | None:
    """The plugin a program id names (``liaoning.little-giant-2022`` → ``liaoning``); None for the baseline's."""
    name, dot, _ = program.partition(".")
    return name if dot and name != BASELINE else None


def _installed_names(name: str) -> tuple[set[str], str | None]:
    """The names of the installed plugins, selected or not, and why ``name`` cannot load if two distributions claim it.

    :func:`srdi.plugins.installed` refuses to list plugins while two distributions claim
    one name; a case still says whether its own plugin is there, from the entry points.
    """
    try:
        return {p.name for p in installed(select=False)}, None
    except PluginError as exc:
        clash = [str(p) for p in exc.problems if repr(name) in str(p)]
        return {ep.name for ep in metadata.entry_points(group=GROUP)}, "; ".join(clash) or None


def _not_selected(name: str) -> str | None:
    """Why ``SRDI_LOAD_PLUGINS`` left plugin ``name`` out; None when it selects it or is unset."""
    wanted = selected_names()
    if wanted is None or name in wanted:
        return None
    return i18n.t("case.plugin_not_selected", var=ENV_VAR, value=repr(os.environ.get(ENV_VAR, "")), plugin=name)


def not_installed(cases: Iterable[ResolvedCase]) -> dict[str, list[ResolvedCase]]:
    """The cases whose program belongs to a plugin that is not installed, by that plugin's name.

    The pytest plugin reports these once per file and per plugin (:func:`not_installed_message`),
    not once per case: installing the plugin fixes them all.
    """
    out: dict[str, list[ResolvedCase]] = {}
    known: set[str] | None = None
    for rc in cases:
        name = _plugin_of(rc.program)
        if name is None:
            continue
        if known is None:
            known = _installed_names(name)[0]
        if name not in known:
            out.setdefault(name, []).append(rc)
    return out


def not_installed_message(plugin: str, cases: list[ResolvedCase]) -> str:
    """The cases' programs belong to ``plugin``, which is not installed: how to install it, in its project folder."""
    programs = i18n.t("list.sep").join(dict.fromkeys(repr(rc.program) for rc in cases))
    folder = next((d for d in cases[0].path.resolve().parents if (d / "pyproject.toml").is_file()), None)
    if folder is None:
        return i18n.t("case.plugin_not_installed_anywhere", program=programs, plugin=plugin)
    return i18n.t("case.plugin_not_installed", program=programs, plugin=plugin, folder=str(folder))


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
