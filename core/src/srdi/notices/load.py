"""Reading notice files: TOML → attrs, with every problem named by file, line and key."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from .._convert import converter, problems_from
from ..errors import NoticeError, Problem, syntax_reason
from ..i18n import t
from . import cache
from .citations import NoticeText, quote_problem, squash
from .locate import locate
from .model import (
    COMPONENT_KEYS,
    EVENT_KEYS,
    FieldSpecForm,
    NoticeFile,
    NoticeMeta,
    NoticeSpec,
    ProgramSpec,
    criterion_from_table,
)
from .numbers import nonfinite_problems

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_BRACKETS = str.maketrans({"„": "〔", "‟": "〕", "[": "〔", "]": "〕", "［": "〔", "］": "〕"})


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file, turning a syntax error into a :class:`NoticeError` with its line."""
    return parse_toml(path.read_bytes(), str(path))


def parse_toml(source: bytes, file: str) -> dict[str, Any]:
    """Parse the bytes of TOML file ``file`` as its text reads (UTF-8, any line ends).

    Whatever does not parse is a :class:`NoticeError` naming the file and, for a syntax error, the line.
    """
    try:
        text = source.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NoticeError(Problem(t("notice.not_utf_text", why=exc.reason), file=file)) from None
    try:
        # universal newlines, as a file opened as text reads: a \r\n or \r in a multi-line string is \n
        return tomllib.loads(text.replace("\r\n", "\n").replace("\r", "\n"))
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        line = int(m.group(1)) if m else None
        raise NoticeError(Problem(t("input.bad_toml", why=syntax_reason(exc)), file=file, line=line)) from None
    except RecursionError:
        raise NoticeError(Problem(t("notice.too_deep"), file=file)) from None


def _split_extra(table: Any, keys: tuple[str, ...]) -> Any:
    if not isinstance(table, dict):
        return table
    out = {k: v for k, v in table.items() if k in keys}
    extra = {k: v for k, v in table.items() if k not in keys}
    if extra:
        out["args"] = extra
    return out


def _prepare(raw: dict[str, Any]) -> dict[str, Any]:
    """Move type-specific keys of criteria, events and fund components under ``args``."""
    data = dict(raw)
    progs = []
    for prog in data.get("programs", []) or []:
        if isinstance(prog, dict):
            prog = dict(prog)
            if isinstance(prog.get("criteria"), list):
                prog["criteria"] = [criterion_from_table(c) if isinstance(c, dict) else c for c in prog["criteria"]]
            if isinstance(prog.get("timeline"), list):
                prog["timeline"] = [_split_extra(e, EVENT_KEYS) for e in prog["timeline"]]
            fund = prog.get("fund")
            if isinstance(fund, dict) and isinstance(fund.get("components"), list):
                fund = dict(fund)
                fund["components"] = [_split_extra(c, COMPONENT_KEYS) for c in fund["components"]]
                prog["fund"] = fund
        progs.append(prog)
    if "programs" in data:
        data["programs"] = progs
    if isinstance(data.get("timeline"), list):
        data["timeline"] = [_split_extra(e, EVENT_KEYS) for e in data["timeline"]]
    return data


def _walk(obj: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Yield (path, object) for every attrs instance under ``obj``."""
    if attrs.has(type(obj)):
        yield path, obj
        for a in attrs.fields(type(obj)):
            yield from _walk(getattr(obj, a.name), f"{path}.{a.name}" if path else a.name)
    elif isinstance(obj, (tuple, list)):
        for i, item in enumerate(obj):
            yield from _walk(item, f"{path}[{i}]")
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _walk(v, f"{path}.{k}")


#: The (clause, quote) key pairs a record may carry.
CITATION_KEYS = (("clause", "quote"), ("cap_clause", "cap_quote"), ("reapply_clause", "reapply_quote"))


def citation_slots(spec: NoticeSpec) -> Iterator[tuple[str, Any, str, str]]:
    """Every place a notice spec can cite: (key path of the record, the record, clause key, quote key)."""
    for path, obj in _walk(spec, ""):
        for ck, qk in CITATION_KEYS:
            if hasattr(obj, qk):
                yield path, obj, ck, qk


def _citation_problems(spec: NoticeSpec, text: NoticeText) -> list[tuple[str, str]]:
    out = []
    for path, obj, ck, qk in citation_slots(spec):
        quote = getattr(obj, qk)
        clause = getattr(obj, ck, None)
        printed = getattr(obj, "printed_note", None)
        if qk == "quote" and printed is not None and text.find(printed) is None:  # a form's own note, word for word
            out.append((f"{path}.printed_note", t("notice.printed_note_not_found", note=repr(printed))))
        if quote is None and clause is None:
            if isinstance(obj, FieldSpecForm) and (obj.choices or obj.max_chars or obj.max_items):
                out.append((f"{path}.quote", t("notice.field_cites_limits")))
            if ck == "cap_clause" and getattr(obj, "cap", None) is not None:
                out.append((f"{path}.cap_quote", t("notice.cap_cites")))
            continue
        if quote is None or clause is None:
            missing = qk if quote is None else ck
            out.append((f"{path}.{missing}", t("notice.citation_incomplete")))
            continue
        if not clause.strip():
            out.append((f"{path}.{ck}", t("notice.empty_clause")))
        why = quote_problem(quote, text)
        if why:
            out.append((f"{path}.{qk}", why))
    return out


def _id_problems(spec: NoticeSpec, source: str = "") -> list[tuple[str, str]]:
    """Ids badly formed or given twice, and references (``rule``, ``of``, ``forms``…) that name no id.

    ``source`` is the file's text: a criterion and a group sharing an id are reported at
    whichever of the two is written later (at the group when the lines are not known).
    """
    out: list[tuple[str, str]] = []

    def unique(items: Any, base: str, what: str) -> set[str]:
        seen: set[str] = set()
        for i, item in enumerate(items):
            ident = item.id
            if not ID.match(ident):
                out.append((f"{base}[{i}].id", t("notice.bad_id", what=what, id=repr(ident))))
            if ident in seen:
                out.append((f"{base}[{i}].id", t("notice.duplicate_id", what=what, id=repr(ident))))
            seen.add(ident)
        return seen

    if not ID.match(spec.notice.id):
        out.append(("notice.id", t("notice.bad_id", what=t("notice.what.notice"), id=repr(spec.notice.id))))
    if not spec.notice.doc_number and not spec.notice.identified_by:
        out.append(("notice.identified_by", t("notice.identified_by")))
    programs = unique(spec.programs, "programs", t("notice.what.program"))
    forms = unique(spec.forms, "forms", t("notice.what.form"))
    unique(spec.titles, "titles", t("notice.what.title"))
    unique(spec.ladders, "ladders", t("notice.what.ladder"))
    unique(spec.benchmarks, "benchmarks", t("notice.what.benchmark"))
    unique(spec.series, "series", t("notice.what.series"))
    events = unique(spec.timeline, "timeline", t("notice.what.event"))
    for i, prog in enumerate(spec.programs):
        base = f"programs[{i}]"
        crits = unique(prog.criteria, f"{base}.criteria", t("notice.what.node"))
        groups = unique(prog.groups, f"{base}.groups", t("notice.what.node"))
        nodes = crits | groups
        out.extend(_shared_node_ids(prog, base, source))
        unique(prog.timeline, f"{base}.timeline", t("notice.what.event"))
        for j, ev in enumerate(prog.timeline):
            if ev.id in events:
                out.append((f"{base}.timeline[{j}].id", t("notice.event_already_notice_level", id=repr(ev.id))))
        for j, grp in enumerate(prog.groups):
            if grp.mode == "at_least" and grp.n is None:
                out.append((f"{base}.groups[{j}].n", t("notice.at_least_needs_n")))
            if grp.mode == "one_of":
                if grp.choice is None:
                    out.append((f"{base}.groups[{j}].choice", t("notice.one_of_needs_choice")))
                for child in grp.options:
                    if child not in grp.of:
                        out.append(
                            (f"{base}.groups[{j}].options.{child}", t("notice.option_not_in_of", child=repr(child)))
                        )
                if grp.n is not None:
                    out.append((f"{base}.groups[{j}].n", t("notice.one_of_no_n")))
            elif grp.choice is not None or grp.options:
                key = "choice" if grp.choice is not None else "options"
                out.append((f"{base}.groups[{j}].{key}", t("notice.only_one_of", key=key)))
            if prog.extends is None:
                for child in grp.of:
                    if child not in nodes:
                        out.append((f"{base}.groups[{j}].of", t("notice.unknown_node", id=repr(child))))
        if prog.extends is None:
            if prog.rule is None:
                out.append((f"{base}.rule", t("notice.needs_rule")))
            elif prog.rule not in nodes:
                out.append((f"{base}.rule", t("notice.unknown_node", id=repr(prog.rule))))
        for j, form in enumerate(prog.forms):
            if ":" not in form and form not in forms:
                out.append((f"{base}.forms[{j}]", t("notice.unknown_form", id=repr(form))))
    for i, ev in enumerate(spec.timeline):
        for p in ev.programs or ():
            if p not in programs:
                out.append((f"timeline[{i}].programs", t("notice.unknown_program", id=repr(p))))
    for i, form_spec in enumerate(spec.forms):
        for p in form_spec.programs or ():
            if p not in programs:
                out.append((f"forms[{i}].programs", t("notice.unknown_program", id=repr(p))))
        for j, section in enumerate(form_spec.sections):
            for k, f in enumerate(section.fields):
                if f.yearly and f.year is not None:
                    out.append(
                        (
                            f"forms[{i}].sections[{j}].fields[{k}].year",
                            t("notice.yearly_field_year"),
                        )
                    )
    for i, ladder in enumerate(spec.ladders):
        for p in ladder.programs:
            if p not in programs:
                out.append((f"ladders[{i}].programs", t("notice.unknown_program", id=repr(p))))
    return out


def _shared_node_ids(prog: ProgramSpec, base: str, source: str) -> list[tuple[str, str]]:
    """A criterion and a group of one program with the same id, each pair reported at the later of the two."""
    out = []
    criteria = {c.id: j for j, c in reversed(list(enumerate(prog.criteria)))}  # the first criterion of an id
    for j, grp in enumerate(prog.groups):
        i = criteria.get(grp.id)
        if i is None:
            continue
        crit_key, group_key = f"{base}.criteria[{i}]", f"{base}.groups[{j}]"
        crit_line, group_line = locate(source, f"{crit_key}.id"), locate(source, f"{group_key}.id")
        if crit_line is not None and group_line is not None and crit_line > group_line:
            out.append((f"{crit_key}.id", t("notice.id_already_group", id=repr(grp.id), other=group_key)))
        else:
            out.append((f"{group_key}.id", t("notice.id_already_criterion", id=repr(grp.id), other=crit_key)))
    return out


#: What a file without its ``[notice]`` table is checked with: only the rest of the file is reported on.
_STAND_IN: dict[str, Any] = {"id": "missing", "title": "", "issuer": [], "issued_on": "2000-01-01", "text": ""}


def _missing_notice(raw: dict[str, Any], file: str) -> Problem | None:
    """The problem of a file without its ``[notice]`` table, saying what the table needs (at line 1), or None."""
    if "notice" in raw:
        return None
    required = [a.name for a in attrs.fields(NoticeMeta) if a.default is attrs.NOTHING]
    why = t("notice.missing_notice_table", keys=t("list.sep").join(required))
    return Problem(why, file=file, key="notice", line=1)


def _of_notice(key: str | None) -> bool:
    """Whether ``key`` is in the ``[notice]`` table (``notice.title``), whose problems a stand-in would make up."""
    return key is not None and (key == "notice" or key.startswith("notice."))


def check_notice(
    path: Path | str, text_path: Path | None = None, data: dict[str, Any] | None = None
) -> tuple[NoticeSpec | None, str, list[Problem]]:
    """Parse and check one notice file; return its spec (if it parsed), its text and every problem.

    ``data`` is the file's parsed TOML when the caller has already read (or
    repaired) it; lines are still looked up in the file itself.
    """
    path = Path(path)
    source = path.read_text(encoding="utf-8") if path.exists() else ""
    if not path.exists():
        return None, "", [Problem(t("notice.file_not_found"), file=str(path))]
    if data is not None:
        raw = data
    else:
        try:
            raw = read_toml(path)
        except NoticeError as exc:
            return None, "", list(exc.problems)

    def prob(key: str, msg: str) -> Problem:
        return Problem(msg, file=str(path), key=key, line=locate(source, key))

    numbers = [prob(k, m) for k, m in nonfinite_problems(raw)]
    missing = _missing_notice(raw, str(path))
    if missing is not None:  # the rest of the file is checked as if [notice] were there
        raw = {**raw, "notice": _STAND_IN}
    try:
        spec = converter.structure(_prepare(raw), NoticeSpec)
    except Exception as exc:  # cattrs aggregates every structural problem
        found = [p for p in problems_from(exc, str(path)) if missing is None or not _of_notice(p.key)]
        found = [attrs.evolve(p, line=locate(source, p.key or "")) for p in found]
        return None, "", ([missing] if missing else []) + numbers + found

    problems = numbers + [prob(k, m) for k, m in _id_problems(spec, source)]
    if missing is not None:  # nothing of the stand-in is reported, and the file's text is not known
        return None, "", [missing] + [p for p in problems if not _of_notice(p.key)]
    tpath = text_path or (path.parent / spec.notice.text)
    if not tpath.exists():
        problems.append(prob("notice.text", t("notice.text_not_found", text=repr(spec.notice.text))))
        return spec, "", problems
    text = tpath.read_text(encoding="utf-8")
    ntext = NoticeText(text)
    if ntext.find(spec.notice.title) is None:
        problems.append(prob("notice.title", t("notice.title_not_in_text")))
    if spec.notice.doc_number:
        if squash(spec.notice.doc_number).translate(_BRACKETS) not in squash(text).translate(_BRACKETS):
            problems.append(prob("notice.doc_number", t("notice.doc_number_not_in_text")))
    problems.extend(prob(k, m) for k, m in _citation_problems(spec, ntext))
    return spec, text, problems


def load_notice(path: Path | str, plugin: str = "local", plugin_version: str = "0") -> NoticeFile:
    """Load a notice file and its text; raise :class:`NoticeError` listing every problem.

    A notice read and checked without a problem before, unchanged and with an
    unchanged text, comes from the cache (:mod:`srdi.notices.cache`) instead.
    """
    given, path = str(path), Path(path)
    entry_key: str | None = None
    entry_slot = ""
    raw: dict[str, Any] | None = None
    if cache.folder() is not None:
        try:
            source = path.read_bytes()
        except OSError:
            source = None
        if source is not None:
            entry_key = cache.key(source, plugin, plugin_version)
            entry_slot = cache.slot(path, plugin)
            hit = cache.get(entry_key, entry_slot)
            kept = _from_cache(path, given, hit, plugin, plugin_version) if hit is not None else None
            if kept is not None:
                return kept
            try:
                raw = parse_toml(source, given)
            except NoticeError:  # check_notice reads the file again and reports why
                raw = None
    spec, text, problems = check_notice(path, data=raw)
    if problems or spec is None:
        raise NoticeError(problems)
    if entry_key is not None and raw is not None:
        cache.put(entry_key, entry_slot, spec, cache.digest(text.encode("utf-8")))
    return NoticeFile(spec=spec, path=given, text=text, plugin=plugin, plugin_version=plugin_version)


def _from_cache(path: Path, given: str, hit: tuple[Any, str], plugin: str, plugin_version: str) -> NoticeFile | None:
    """A notice from its cached records, or None when its text changed or the entry holds no notice.

    The records are those the notice was read into when it was checked: a change to the
    model is a change to the code fingerprint, so they fit the model of this run.
    """
    spec, text_digest = hit
    if not isinstance(spec, NoticeSpec):
        return None
    try:
        text = (path.parent / spec.notice.text).read_text(encoding="utf-8")
    except Exception:  # the file is read and checked again, and its problems reported from there
        return None
    if cache.digest(text.encode("utf-8")) != text_digest:
        return None
    return NoticeFile(spec=spec, path=given, text=text, plugin=plugin, plugin_version=plugin_version)
