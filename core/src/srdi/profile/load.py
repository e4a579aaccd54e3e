"""Reading profiles from TOML or JSON, reporting every problem with its key."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from ..errors import Problem, ProfileError, suggest
from ..vocabulary import Vocabulary
from . import credit_code
from .model import Profile, Recognition
from .values import ValueProblem, fmt_num, read

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

TOP_KEYS = ("enterprise", "years", "plan", "recognitions", "attestations", "scores", "benchmarks", "note")
#: Plausibility bounds on 营业收入 per employee (万元/人). Not policy numbers: they only
#: catch amounts typed in 元 (10,000× too large) or in 亿元 (10,000× too small).
MAX_REVENUE_PER_EMPLOYEE = 50_000.0
MIN_REVENUE_PER_EMPLOYEE = 0.1
#: Any single amount above 1000亿元 is not an SME's figure in 万元.
MAX_AMOUNT = 10_000_000.0


def load_profile(path: Path | str, vocabulary: Vocabulary) -> Profile:
    """Load a profile file (``.toml`` or ``.json``)."""
    path = Path(path)
    if not path.exists():
        raise ProfileError(Problem("profile file not found", file=str(path)))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ProfileError(Problem("not UTF-8 text", file=str(path))) from None
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ProfileError(Problem(f"malformed JSON: {exc.msg}", file=str(path), line=exc.lineno)) from None
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ProfileError(Problem(f"malformed TOML: {exc}", file=str(path))) from None
    return profile_from_dict(data, vocabulary, source=str(path))


def profile_from_dict(data: Any, vocabulary: Vocabulary, source: str | None = None) -> Profile:
    """Build a profile from parsed TOML/JSON data, checking every key and value."""
    problems: list[Problem] = []

    def bad(key: str, msg: str) -> None:
        problems.append(Problem(msg, file=source, key=key))

    if not isinstance(data, dict):
        raise ProfileError(Problem("a profile is a table with [enterprise], [years.YYYY], …", file=source))
    for key in data:
        if key not in TOP_KEYS:
            bad(key, f"unknown section{suggest(key, TOP_KEYS)}; sections are {', '.join(TOP_KEYS[:-1])}")

    facts: dict[str, Any] = {}
    years: dict[int, dict[str, Any]] = {}

    def take(table: Any, where: str, section: str, prefix: str, into: dict[str, Any]) -> None:
        if not isinstance(table, dict):
            bad(where, "expected a table")
            return
        for raw_key, value in table.items():
            key = prefix + raw_key
            path = f"{where}.{raw_key}"
            if isinstance(value, dict) and "." not in key:
                # [enterprise.beijing], [years.2021.beijing], [plan.beijing] hold the Beijing plugin's facts
                take(value, path, section, f"{raw_key}.", into)
                continue
            spec = vocabulary.get(key)
            if spec is None:
                names = [f.key for f in vocabulary if f.section == section] or vocabulary.keys()
                shown = [n[len(prefix) :] if n.startswith(prefix) else n for n in names]
                bad(path, f"unknown field{suggest(raw_key, shown)}")
                continue
            if spec.section != section:
                home = {"years": "[years.YYYY]", "enterprise": "[enterprise]", "plan": "[plan]"}[spec.section]
                bad(path, f"{spec.label} belongs under {home}")
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
            bad("years", "expected tables [years.2020], [years.2021], …")
        else:
            for y, table in data["years"].items():
                ystr = str(y)
                if not (ystr.isdigit() and len(ystr) == 4):
                    bad(f"years.{y}", "years are written as four digits, e.g. [years.2021]")
                    continue
                years[int(ystr)] = {}
                take(table, f"years.{y}", "years", "", years[int(ystr)])

    recognitions = None
    if "recognitions" in data:
        recognitions = _recognitions(data["recognitions"], bad)
    attestations: dict[str, bool] = {}
    if "attestations" in data:
        table = data["attestations"]
        if not isinstance(table, dict):
            bad("attestations", "expected a table of key = true/false")
        else:
            for k, v in table.items():
                if isinstance(v, bool):
                    attestations[k] = v
                else:
                    bad(f"attestations.{k}", f"expected true or false, got {v!r}")

    scores: dict[str, float] = {}
    if "scores" in data:
        table = data["scores"]
        if not isinstance(table, dict):
            bad("scores", "expected a table of key = points")
        else:
            for k, v in table.items():
                if isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0:
                    scores[k] = float(v)
                else:
                    bad(f"scores.{k}", f"expected the points an assessor gave (a number ≥ 0), got {v!r}")
    benchmarks: dict[str, dict[int, float]] = {}
    if "benchmarks" in data:
        table = data["benchmarks"]
        if not isinstance(table, dict):
            bad("benchmarks", 'expected a table: "benchmark.id" = { 2020 = 5.7 }')
        else:
            for bid, by_year in table.items():
                if not isinstance(by_year, dict):
                    bad(f"benchmarks.{bid}", f"expected figures by year, e.g. {{ 2020 = 5.7 }}, got {by_year!r}")
                    continue
                for y, v in by_year.items():
                    ystr = str(y)
                    if not (ystr.isdigit() and len(ystr) == 4):
                        bad(f"benchmarks.{bid}.{y}", "years are written as four digits, e.g. 2020")
                    elif isinstance(v, bool) or not isinstance(v, (int, float)):
                        bad(f"benchmarks.{bid}.{y}", f"expected a number, got {v!r}")
                    else:
                        benchmarks.setdefault(bid, {})[int(ystr)] = float(v)

    code = facts.get("credit_code")
    if isinstance(code, str):
        why = credit_code.problem(code)
        if why:
            bad("enterprise.credit_code", why)
        else:
            facts["credit_code"] = credit_code.normalise(code)
    rc = facts.get("region_code")
    if isinstance(rc, str) and not (len(rc) == 6 and rc.isdigit()):
        bad("enterprise.region_code", f"expected a six-digit administrative division code, got {rc!r}")
    problems.extend(_plausibility(years, vocabulary, source))
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


def _recognitions(items: Any, bad: Any) -> tuple[Recognition, ...] | None:
    if not isinstance(items, list):
        bad("recognitions", "expected an array of tables: [[recognitions]] with title = …")
        return None
    out = []
    allowed = {"title", "year", "granted_on", "valid_until", "note"}
    for i, item in enumerate(items):
        where = f"recognitions[{i}]"
        if not isinstance(item, dict):
            bad(where, "expected a table")
            continue
        extra = set(item) - allowed
        for k in sorted(extra):
            bad(f"{where}.{k}", f"unknown key{suggest(k, allowed)}")
        title = item.get("title")
        if not isinstance(title, str):
            bad(f"{where}.title", 'each recognition needs a title id, e.g. "national.little_giant"')
            continue
        year = item.get("year")
        if year is not None and not (isinstance(year, int) and not isinstance(year, bool) and 1980 <= year <= 2100):
            bad(f"{where}.year", f"expected a year such as 2021, got {year!r}")
            year = None
        dates = {}
        for k in ("granted_on", "valid_until"):
            v = item.get(k)
            if v is None:
                continue
            if isinstance(v, dt.date):
                dates[k] = v
            else:
                try:
                    dates[k] = dt.date.fromisoformat(str(v))
                except ValueError:
                    bad(f"{where}.{k}", f"expected a date such as 2021-07-01, got {v!r}")
        if year is None and "granted_on" not in dates and "valid_until" not in dates:
            bad(where, "give at least the year (or granted_on / valid_until)")
            continue
        out.append(Recognition(title, year, dates.get("granted_on"), dates.get("valid_until"), item.get("note")))
    return tuple(out)


def _plausibility(years: dict[int, dict[str, Any]], vocabulary: Vocabulary, source: str | None) -> list[Problem]:
    out = []
    for y, facts in years.items():
        for key, value in facts.items():
            spec = vocabulary[key]
            if spec.kind == "money" and isinstance(value, float) and abs(value) > MAX_AMOUNT:
                out.append(
                    Problem(
                        f"{fmt_num(value)}万元 is over 1000亿元: amounts are in 万元 — was it entered in 元?",
                        file=source,
                        key=f"years.{y}.{key}",
                    )
                )
        rev, staff = facts.get("revenue"), facts.get("employees")
        if isinstance(rev, float) and isinstance(staff, float) and rev > 0 and staff > 0:
            per = rev / staff
            if per > MAX_REVENUE_PER_EMPLOYEE:
                out.append(
                    Problem(
                        f"营业收入 {fmt_num(rev)}万元 for {int(staff)} people is {fmt_num(round(per))}万元 per person: "
                        "amounts are in 万元 — was it entered in 元?",
                        file=source,
                        key=f"years.{y}.revenue",
                    )
                )
            elif per < MIN_REVENUE_PER_EMPLOYEE:
                out.append(
                    Problem(
                        f"营业收入 {fmt_num(rev)}万元 is far below what {int(staff)} people imply: "
                        "amounts are in 万元 — was it entered in 亿元?",
                        file=source,
                        key=f"years.{y}.revenue",
                    )
                )
    return out
