"""Form schemas: sections, Chinese labels, units, years, choices and limits, as data.

A form comes from a notice file's ``[[forms]]``. This module exports it as JSON
Schema and validates a filled form — types, choices, word limits, required cells —
and cross-checks derived cells (毛利率, 主营业务收入占比, 研发费用占比) against the
metric computed from the form's own figures, so a cell cannot disagree with them.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import frozen

from .errors import FormError, Problem, suggest
from .notices.model import FieldSpecForm, FormSpec

if TYPE_CHECKING:
    from .catalog import Catalog

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

NUMERIC = {"money": "万元", "usd": "万美元", "number": None, "integer": None, "count": None, "percent": "%"}
#: How far a filled derived cell may be from the value recomputed from its inputs.
DEFAULT_TOLERANCE = {"percent": 0.5, "money": 0.5}


@frozen
class FormCheck:
    """A named computation a derived form cell can be checked against."""

    name: str
    expected: Callable[[Mapping[str, Any], int | None], float | None]
    doc: str
    origin: str = "srdi"


def _field_schema(f: FieldSpecForm, years: tuple[int, ...]) -> dict[str, Any]:
    if f.columns:
        item = {
            "type": "object",
            "additionalProperties": False,
            "properties": {c.id: _field_schema(c, years) for c in f.columns},
        }
        s: dict[str, Any] = {"type": "array", "items": item}
        if f.max_items:
            s["maxItems"] = f.max_items
        return {**s, "title": f.label}
    if f.type in NUMERIC:
        s = {"type": "integer" if f.type in ("integer", "count") else "number"}
        if f.type in ("money", "integer", "count", "usd") and not f.signed:
            s["minimum"] = 0
        unit = f.unit or NUMERIC[f.type]
        if unit:
            s["x-unit"] = unit
    elif f.type == "bool":
        s = {"type": "boolean"}
    elif f.type == "date":
        s = {"type": "string", "format": "date"}
    elif f.type == "choice":
        s = {"type": "string", "enum": list(f.choices or ())}
    elif f.type == "multichoice":
        s = {"type": "array", "items": {"type": "string", "enum": list(f.choices or ())}, "uniqueItems": True}
    else:
        s = {"type": "string"}
        if f.max_chars:
            s["maxLength"] = f.max_chars
    s["title"] = f.label
    if f.derived:
        s["x-derived"] = f.derived
    if f.year is not None:
        s["x-year"] = f.year
    if f.yearly and years:
        return {
            "type": "object",
            "title": f.label,
            "additionalProperties": False,
            "properties": {str(y): {**s, "title": f"{f.label}（{y}年）"} for y in years},
        }
    return s


def json_schema(form: FormSpec) -> dict[str, Any]:
    """The form as a JSON Schema (draft 2020-12) for the filled values."""
    props: dict[str, Any] = {}
    required = []
    for section in form.sections:
        for f in section.fields:
            sch = _field_schema(f, form.years)
            sch["x-section"] = section.title
            props[f.id] = sch
            if f.required:
                required.append(f.id)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"srdi:form:{form.id}",
        "title": form.title,
        "description": f"{form.annex or ''} {form.title}".strip(),
        "type": "object",
        "additionalProperties": False,
        "properties": props,
        "required": required,
    }


def fields(form: FormSpec) -> dict[str, FieldSpecForm]:
    """Every field of a form by id."""
    return {f.id: f for s in form.sections for f in s.fields}


def load_filled(path: Path | str) -> dict[str, Any]:
    """Read a filled form (TOML or JSON); its values sit at the top level or under [values]."""
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig")
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise FormError(Problem(f"malformed file: {exc}", file=str(path))) from None
    return data.get("values", data)


def validate(
    form: FormSpec, values: Mapping[str, Any], catalog: Catalog | None = None, source: str | None = None
) -> list[Problem]:
    """Every problem of a filled form: unknown fields, types, choices, limits, derived cells."""
    from .profile.values import ValueProblem, read
    from .vocabulary import FieldSpec

    known = fields(form)
    problems: list[Problem] = []

    def bad(key: str, msg: str) -> None:
        problems.append(Problem(msg, file=source, key=key))

    for key in values:
        if key not in known:
            bad(key, f"not a field of {form.title}{suggest(key, known)}")

    def check_one(f: FieldSpecForm, v: Any, key: str) -> Any:
        if f.type in ("text",):
            if not isinstance(v, str):
                bad(key, f"expected text, got {v!r}")
                return None
            if f.max_chars and len(v.strip()) > f.max_chars:
                bad(key, f"{len(v.strip())} characters, over the limit of {f.max_chars}")
            return v
        if f.type == "choice":
            if v not in (f.choices or ()):
                bad(key, f"{v!r} is not one of {'、'.join(f.choices or ())}")
            return v
        if f.type == "multichoice":
            items = v if isinstance(v, list) else [v]
            for it in items:
                if it not in (f.choices or ()):
                    bad(key, f"{it!r} is not one of {'、'.join(f.choices or ())}")
            return items
        kind = "text" if f.type in ("date",) else f.type
        spec = FieldSpec(
            key=f.id,
            label=f.label,
            kind=kind if kind != "text" else "date",  # type: ignore[arg-type]
            section="enterprise",
            unit=f.unit,
            signed=f.type == "percent" or f.signed,
        )
        try:
            return read(spec, v)
        except ValueProblem as exc:
            bad(key, str(exc))
            return None

    parsed: dict[str, Any] = {}
    for fid, f in known.items():
        if fid not in values:
            if f.required:
                bad(fid, "required")
            continue
        v = values[fid]
        if f.columns:
            if not isinstance(v, list):
                bad(fid, "expected a list of rows")
                continue
            if f.max_items and len(v) > f.max_items:
                bad(fid, f"{len(v)} rows, at most {f.max_items}")
            cols = {c.id: c for c in f.columns}
            for r, row in enumerate(v):
                for ck, cv in (row or {}).items():
                    if ck not in cols:
                        bad(f"{fid}[{r}].{ck}", f"unknown column{suggest(ck, cols)}")
                    else:
                        check_one(cols[ck], cv, f"{fid}[{r}].{ck}")
            continue
        if f.yearly:
            if not isinstance(v, dict):
                bad(fid, f"expected one value per year: {{ {', '.join(f'{y} = …' for y in form.years)} }}")
                continue
            parsed[fid] = {}
            for y, yv in v.items():
                if form.years and int(y) not in form.years:
                    bad(f"{fid}.{y}", f"the form asks for {', '.join(map(str, form.years))}")
                    continue
                parsed[fid][int(y)] = check_one(f, yv, f"{fid}.{y}")
        else:
            parsed[fid] = check_one(f, v, fid)
    if catalog is not None:
        problems.extend(_derived_problems(form, parsed, catalog, source))
    return problems


def _derived_problems(form: FormSpec, parsed: dict[str, Any], catalog: Catalog, source: str | None) -> list[Problem]:
    """Recompute each derived cell from the form's own figures and compare."""
    import numpy as np
    import pandas as pd

    from .engine.columns import Columns

    known = fields(form)
    row: dict[str, Any] = {}
    for fid, f in known.items():
        if f.profile is None or fid not in parsed or f.derived:
            continue
        v = parsed[fid]
        if f.yearly and isinstance(v, dict):
            for y, yv in v.items():
                if isinstance(yv, (int, float)):
                    row[f"{f.profile}_{y}"] = float(yv)
        elif isinstance(v, (int, float)):
            row[f.profile if f.year is None else f"{f.profile}_{f.year}"] = float(v)
    frame = pd.DataFrame([row]) if row else pd.DataFrame([{}])
    out = []
    for fid, f in known.items():
        if not f.derived or fid not in parsed:
            continue
        years = list(parsed[fid]) if f.yearly and isinstance(parsed[fid], dict) else [None]
        for y in years:
            given = parsed[fid][y] if y is not None else parsed[fid]
            if not isinstance(given, (int, float)):
                continue
            check = catalog.form_checks.get(f.derived)
            if check is not None:
                flat = {k: v for k, v in row.items()}
                expected = check.expected(flat, y)
            else:
                cols = Columns(frame, catalog.metrics, y or 0)
                val = cols.metric(f.derived, y)[0]
                expected = None if np.isnan(val) else float(val)
            if expected is None:
                continue
            tol = f.tolerance if f.tolerance is not None else DEFAULT_TOLERANCE.get(f.type, 0.5)
            if abs(expected - given) > tol:
                key = f"{fid}.{y}" if y is not None else fid
                out.append(
                    Problem(
                        f"{f.label} is {given:g} but the form's own figures give {expected:.2f}", file=source, key=key
                    )
                )
    return out
