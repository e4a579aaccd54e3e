"""Reading profiles from TOML or JSON, reporting every problem with its key."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..engine.titles import TitleBook
from ..errors import Problem, ProfileError, UnknownNameError, shown, suggest
from ..i18n import t as message
from ..inputs import read_structured
from ..vocabulary import Vocabulary
from . import credit_code
from .model import Profile, Recognition
from .relations import region_problem, row_clashes
from .titles import resolve_title
from .values import ValueProblem, fmt_num, read

TOP_KEYS = ("enterprise", "years", "plan", "recognitions", "attestations", "scores", "benchmarks", "note")
#: Plausibility bounds on 营业收入 per employee (万元/人). Not policy numbers: they only
#: catch amounts typed in 元 (10,000× too large) or in 亿元 (10,000× too small).
MAX_REVENUE_PER_EMPLOYEE = 50_000.0
MIN_REVENUE_PER_EMPLOYEE = 0.1
#: Any single amount above 1000亿元 is not an SME's figure in 万元.
MAX_AMOUNT = 10_000_000.0


def load_profile(path: Path | str, vocabulary: Vocabulary, titles: TitleBook | None = None) -> Profile:
    """Load a profile file (``.toml`` or ``.json``); ``titles`` checks the recognitions it lists."""
    data = read_structured(path, "input.role.profile", ProfileError, sniff_json=True)
    return profile_from_dict(data, vocabulary, source=str(path), titles=titles)


def profile_from_dict(
    data: Any, vocabulary: Vocabulary, source: str | None = None, titles: TitleBook | None = None
) -> Profile:
    """Build a profile from parsed TOML/JSON data, checking every key and value.

    With ``titles`` (a catalog's), each recognition must name a known title, by id or
    by a Chinese name only one title carries; the profile then holds the id.
    """
    problems: list[Problem] = []

    def bad(key: str, msg: str) -> None:
        problems.append(Problem(msg, file=source, key=key))

    if not isinstance(data, dict):
        raise ProfileError(Problem(message("profile.not_a_table"), file=source))
    for key in data:
        if not isinstance(key, str):
            bad(shown(key), message("profile.section_name", sections=", ".join(TOP_KEYS[:-1]), got=type(key).__name__))
        elif key not in TOP_KEYS:
            bad(key, message("profile.unknown_section", hint=suggest(key, TOP_KEYS), sections=", ".join(TOP_KEYS[:-1])))

    facts: dict[str, Any] = {}
    years: dict[int, dict[str, Any]] = {}

    def take(table: Any, where: str, section: str, prefix: str, into: dict[str, Any]) -> None:
        if not isinstance(table, dict):
            bad(where, message("profile.expected_table"))
            return
        for raw_key, value in table.items():
            if not isinstance(raw_key, str):
                bad(f"{where}.{shown(raw_key)}", message("profile.field_name", got=type(raw_key).__name__))
                continue
            key = prefix + raw_key
            path = f"{where}.{raw_key}"
            if isinstance(value, dict) and "." not in key:
                # [enterprise.beijing], [years.2021.beijing], [plan.beijing] hold the Beijing plugin's facts
                if not value and not any(f.key.startswith(f"{raw_key}.") for f in vocabulary):
                    # an empty table names no fact to refuse: its own name is what is wrong (as the schema says)
                    plugins = sorted({f.key.split(".", 1)[0] for f in vocabulary if "." in f.key})
                    bad(path, message("profile.unknown_plugin_table", hint=suggest(raw_key, plugins)))
                    continue
                take(value, path, section, f"{raw_key}.", into)
                continue
            spec = vocabulary.get(key)
            gone = vocabulary.retired(key) if spec is None else None
            if gone is not None:
                bad(path, message("profile.retired_field", label=gone.label, instead=gone.retired))
                continue
            if spec is None:
                names = [f.key for f in vocabulary if f.section == section] or vocabulary.keys()
                # within a plugin's table, its own keys as written there; elsewhere (or where none is near) full keys
                own = [n[len(prefix) :] for n in names if prefix and n.startswith(prefix)]
                hint = suggest(raw_key, own) or suggest(key if prefix else raw_key, names)
                bad(path, message("profile.unknown_field", hint=hint))
                continue
            if spec.section != section:
                home = {"years": "[years.YYYY]", "enterprise": "[enterprise]", "plan": "[plan]"}[spec.section]
                bad(path, message("profile.belongs_under", label=spec.label, home=home))
                continue
            try:
                into[key] = read(spec, value)
            except ValueProblem as exc:
                bad(path, str(exc))

    if "enterprise" in data:
        take(data["enterprise"], "enterprise", "enterprise", "", facts)
    if "plan" in data:
        take(data["plan"], "plan", "plan", "plan_", facts)
    if "years" in data:
        if not isinstance(data["years"], dict):
            bad("years", message("profile.years_tables"))
        else:
            for y, table in data["years"].items():
                ystr = str(y) if isinstance(y, (str, int)) and not isinstance(y, bool) else ""
                if not (ystr.isascii() and ystr.isdigit() and len(ystr) == 4):
                    bad(
                        f"years.{shown(y) if not isinstance(y, str) else y}",
                        message("profile.years_digits"),
                    )
                    continue
                years[int(ystr)] = {}
                take(table, f"years.{y}", "years", "", years[int(ystr)])

    recognitions = None
    if "recognitions" in data:
        recognitions = _recognitions(data["recognitions"], bad, titles)
    attestations: dict[str, bool] = {}
    if "attestations" in data:
        table = data["attestations"]
        if not isinstance(table, dict):
            bad("attestations", message("profile.attestations"))
        else:
            for k, v in table.items():
                if not isinstance(k, str):
                    bad(f"attestations.{shown(k)}", message("profile.attestation_name", got=type(k).__name__))
                elif isinstance(v, bool):
                    attestations[k] = v
                else:
                    bad(f"attestations.{k}", message("profile.attestation", got=shown(v)))

    scores: dict[str, float] = {}
    if "scores" in data:
        table = data["scores"]
        if not isinstance(table, dict):
            bad("scores", message("profile.scores"))
        else:
            for k, v in table.items():
                if isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0:
                    scores[k] = float(v)
                else:
                    bad(f"scores.{k}", message("profile.score", got=repr(v)))
    benchmarks: dict[str, dict[int, float]] = {}
    if "benchmarks" in data:
        table = data["benchmarks"]
        if not isinstance(table, dict):
            bad("benchmarks", message("profile.benchmarks"))
        else:
            for bid, by_year in table.items():
                if not isinstance(by_year, dict):
                    bad(f"benchmarks.{bid}", message("profile.benchmark_years", got=repr(by_year)))
                    continue
                for y, v in by_year.items():
                    ystr = str(y)
                    if not (ystr.isdigit() and len(ystr) == 4):
                        bad(f"benchmarks.{bid}.{y}", message("profile.year_digits"))
                    elif isinstance(v, bool) or not isinstance(v, (int, float)):
                        bad(f"benchmarks.{bid}.{y}", message("value.number_plain", got=repr(v)))
                    else:
                        benchmarks.setdefault(bid, {})[int(ystr)] = float(v)

    code = facts.get("credit_code")
    if isinstance(code, str):
        why = credit_code.problem(code)
        if why:
            bad("enterprise.credit_code", why)
        else:
            facts["credit_code"] = credit_code.normalise(code)
    region = region_problem(facts)
    if region is not None and not any(p.key == region[0] for p in problems):
        bad(*region)
    problems.extend(_plausibility(years, vocabulary, source, facts.get("size_class")))
    problems.extend(relation_problems(facts, years, vocabulary, source))
    if problems:
        raise ProfileError(problems)
    return Profile(
        facts=facts,
        years=years,
        recognitions=recognitions,
        attestations=attestations,
        source=source,
        scores=scores,
        benchmarks=benchmarks,
    )


def _recognitions(items: Any, bad: Any, titles: TitleBook | None) -> tuple[Recognition, ...] | None:
    if not isinstance(items, list):
        bad("recognitions", message("profile.recognitions"))
        return None
    out = []
    allowed = {"title", "year", "granted_on", "valid_until", "revoked_on", "note"}
    for i, item in enumerate(items):
        where = f"recognitions[{i}]"
        if not isinstance(item, dict):
            bad(where, message("profile.expected_table"))
            continue
        extra = set(item) - allowed
        for k in sorted(extra, key=str):
            bad(
                f"{where}.{shown(k) if not isinstance(k, str) else k}",
                message("profile.unknown_key", hint=suggest(str(k), allowed)),
            )
        title = item.get("title")
        if not isinstance(title, str):
            bad(f"{where}.title", message("profile.needs_title"))
            continue
        if titles is not None:
            try:
                title = resolve_title(title, titles)
            except UnknownNameError as exc:
                bad(f"{where}.title", exc.problems[0].message)
                continue
        year = item.get("year")
        if year is not None and not (isinstance(year, int) and not isinstance(year, bool) and 1980 <= year <= 2100):
            bad(f"{where}.year", message("profile.year", got=shown(year)))
            year = None
        dates = {}
        for k in ("granted_on", "valid_until", "revoked_on"):
            v = item.get(k)
            if v is None:
                continue
            if isinstance(v, dt.date):
                dates[k] = v
            else:
                try:
                    dates[k] = dt.date.fromisoformat(str(v))
                except ValueError:
                    bad(f"{where}.{k}", message("profile.date", got=shown(v)))
        if year is None and not dates:
            bad(where, message("profile.year_or_dates"))
            continue
        out.append(
            Recognition(
                title,
                year,
                dates.get("granted_on"),
                dates.get("valid_until"),
                item.get("note"),
                revoked_on=dates.get("revoked_on"),
            )
        )
    return tuple(out)


def _plausibility(
    years: dict[int, dict[str, Any]], vocabulary: Vocabulary, source: str | None, size: Any = None
) -> list[Problem]:
    out = []
    for y, facts in years.items():
        for key, value in facts.items():
            spec = vocabulary[key]
            if spec.kind == "money" and isinstance(value, float) and abs(value) > MAX_AMOUNT:
                out.append(
                    Problem(
                        message("profile.over_limit", amount=fmt_num(value)),
                        file=source,
                        key=f"years.{y}.{key}",
                    )
                )
        rev, staff = facts.get("revenue"), facts.get("employees")
        if isinstance(rev, float) and isinstance(staff, float) and rev > 0 and staff > 0:
            why = per_person_problem("营业收入", rev, staff)
            if why:
                out.append(Problem(why, file=source, key=f"years.{y}.revenue"))
        elif isinstance(rev, float):  # with no headcount, a small firm's revenue is checked on its own
            why = small_revenue_problem(vocabulary, "营业收入", rev, size)
            if why:
                out.append(Problem(why, file=source, key=f"years.{y}.revenue"))
    return out


def per_person_problem(field: str, revenue: float, people: float) -> str | None:
    """Why ``revenue`` (万元) over ``people`` (both positive) is no firm's, most likely a unit typed wrong; or None."""
    per = revenue / people
    if per > MAX_REVENUE_PER_EMPLOYEE:
        return message(
            "cell.per_person_high", field=field, amount=fmt_num(revenue), people=int(people), per=fmt_num(round(per))
        )
    if per < MIN_REVENUE_PER_EMPLOYEE:
        return message("cell.per_person_low", field=field, amount=fmt_num(revenue), people=int(people))
    return None


def small_revenue_problem(vocabulary: Vocabulary, field: str, revenue: float, size: Any) -> str | None:
    """Why a firm declaring itself small or micro most likely typed ``revenue`` in 元, or None.

    Nothing in 300号 forbids such a revenue outright (few staff keep a large revenue an
    SME), so it is held only against the highest revenue any industry's SMEs have by
    revenue alone (:func:`~srdi.engine.size_class.revenue_ceiling`); a firm giving its
    headcount is checked per person instead.
    """
    from ..engine.size_class import SMALLEST, revenue_ceiling

    if size not in SMALLEST or not revenue > revenue_ceiling():
        return None
    labels = {c.value: c.label for c in vocabulary["size_class"].choices}
    return message(
        "cell.small_revenue_high",
        field=field,
        amount=fmt_num(revenue),
        size=labels.get(size, size),
        ceiling=fmt_num(revenue_ceiling()),
    )


def relation_problems(
    facts: dict[str, Any], years: dict[int, dict[str, Any]], vocabulary: Vocabulary, source: str | None
) -> list[Problem]:
    """Facts that contradict each other (a part above its whole, one-value facts as yearly ones), each naming both keys."""
    found = row_clashes(Profile(facts=facts, years=years).to_row(vocabulary), vocabulary)
    return [Problem(c.message, file=source, key=c.key) for c in found]
