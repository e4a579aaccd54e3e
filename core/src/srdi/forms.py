"""Form schemas: sections, Chinese labels, units, years, choices and limits, as data.

A form comes from a notice file's ``[[forms]]``. This module exports it as JSON
Schema and validates a filled form — types, choices, word limits, required cells —
and cross-checks derived cells (毛利率, 主营业务收入占比, 研发费用占比) against the
metric computed from the form's own figures, so a cell cannot disagree with them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from attrs import frozen

from .errors import FormError, Problem, UnknownNameError, shown, suggest
from .i18n import t as message
from .i18n import tn
from .notices.model import FieldSpecForm, FormSpec
from .profile import credit_code
from .vocabulary import FieldSpec, Vocabulary

if TYPE_CHECKING:
    from .engine.metrics import MetricSet

NUMERIC = {"money": "万元", "usd": "万美元", "number": None, "integer": None, "count": None, "percent": "%"}
#: How far a filled derived cell may be from the value recomputed from its inputs.
DEFAULT_TOLERANCE = {"percent": 0.5, "money": 0.5}


class FormContext(Protocol):
    """What checking a form consults: the vocabulary, the metrics and the registered form checks.

    A :class:`srdi.catalog.Catalog` is one; this module never imports the catalog, which sits above it.
    """

    @property
    def vocabulary(self) -> Vocabulary:
        """The facts a form's cells fill."""
        ...

    @property
    def metrics(self) -> MetricSet:
        """Derived metrics a cell's ``derived`` may name."""
        ...

    @property
    def form_checks(self) -> Mapping[str, FormCheck]:
        """Registered cross-checks a cell's ``derived`` may name."""
        ...


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
    notes: dict[str, Any] = {}
    if f.profile:
        notes["x-profile"] = f.profile
    if f.choice_profiles:
        notes["x-choice-profiles"] = dict(f.choice_profiles)
    if f.yearly and years and f.year is None:
        return {
            "type": "object",
            "title": f.label,
            "additionalProperties": False,
            "properties": {str(y): {**s, "title": f"{f.label}（{y}年）"} for y in years},
            **notes,
        }
    return {**s, **notes}


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
    from .inputs import read_structured

    data = read_structured(path, "input.role.form", FormError)
    values = data.get("values", data) if isinstance(data, dict) else None
    if not isinstance(values, dict):
        raise FormError(Problem(message("form.not_a_table"), file=str(path)))
    return values


def _choices(f: FieldSpecForm) -> str:
    """A cell's options for a message, in the order the form prints them."""
    return message("list.sep").join(f.choices or ())


def validate(
    form: FormSpec, values: Mapping[str, Any], catalog: FormContext | None = None, source: str | None = None
) -> list[Problem]:
    """Every problem of a filled form: unknown fields, types, choices, limits, derived cells."""
    from .profile.values import ValueProblem, read

    known = fields(form)
    problems: list[Problem] = []

    def bad(key: str, msg: str) -> None:
        problems.append(Problem(msg, file=source, key=key))

    for key in values:
        if key not in known:
            bad(key, message("form.not_a_field", title=form.title, hint=suggest(key, known)))

    def check_one(f: FieldSpecForm, v: Any, key: str) -> Any:
        if f.type in ("text",):
            if not isinstance(v, str):
                bad(key, message("value.text", got=shown(v)))
                return None
            if f.max_chars and len(v.strip()) > f.max_chars:
                bad(key, tn("form.too_long", len(v.strip()), n=len(v.strip()), max=f.max_chars))
            if f.profile == "credit_code":
                # the code a profile would refuse (length, characters, check digit) is refused on the form too
                why = credit_code.problem(v)
                if why is not None:
                    bad(key, why)
            return v
        if f.type == "choice":
            if v not in (f.choices or ()):
                bad(key, message("value.not_a_choice", got=shown(v), choices=_choices(f)))
            return v
        if f.type == "multichoice":
            items = v if isinstance(v, list) else [v]
            for it in items:
                if it not in (f.choices or ()):
                    bad(key, message("value.not_a_choice", got=shown(it), choices=_choices(f)))
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
                bad(fid, message("form.required"))
            continue
        v = values[fid]
        if f.columns:
            if not isinstance(v, list):
                bad(fid, message("form.rows_expected"))
                continue
            if f.max_items and len(v) > f.max_items:
                bad(fid, tn("form.too_many_rows", len(v), n=len(v), max=f.max_items))
            cols = {c.id: c for c in f.columns}
            for r, row in enumerate(v):
                for ck, cv in (row or {}).items():
                    if ck not in cols:
                        bad(f"{fid}[{r}].{ck}", message("form.unknown_column", hint=suggest(ck, cols)))
                    else:
                        check_one(cols[ck], cv, f"{fid}[{r}].{ck}")
            continue
        if f.yearly and f.year is None:
            if not isinstance(v, dict):
                bad(fid, message("form.per_year", years=", ".join(f"{y} = …" for y in form.years)))
                continue
            parsed[fid] = {}
            for y, yv in v.items():
                if form.years and int(y) not in form.years:
                    bad(
                        f"{fid}.{y}",
                        message("form.year_not_asked", years=message("list.sep").join(map(str, form.years))),
                    )
                    continue
                parsed[fid][int(y)] = check_one(f, yv, f"{fid}.{y}")
        else:
            parsed[fid] = check_one(f, v, fid)
    if catalog is not None:
        problems.extend(_derived_problems(form, parsed, catalog, source))
    return problems


def _derived_problems(
    form: FormSpec, parsed: dict[str, Any], catalog: FormContext, source: str | None
) -> list[Problem]:
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
        cells = parsed[fid].items() if f.yearly and isinstance(parsed[fid], dict) else [(f.year, parsed[fid])]
        for y, given in cells:
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
                key = f"{fid}.{y}" if y is not None and f.year is None else fid
                cell = f"{f.label}（{y}年）" if y is not None else f.label
                why = message("form.derived_mismatch", cell=cell, given=f"{given:g}", expected=f"{expected:.2f}")
                out.append(Problem(why, file=source, key=key))
    return out


#: Form field types and the vocabulary kinds a cell of that type can fill.
_KINDS = {
    "text": {"text"},
    "date": {"date"},
    "bool": {"bool"},
    "money": {"money"},
    "usd": {"usd"},
    "percent": {"percent"},
    "number": {"number", "integer", "count"},
    "integer": {"integer", "count", "number"},
    "count": {"count", "integer", "number"},
    "choice": {"choice", "multichoice"},
    "multichoice": {"multichoice"},
}


def profile_target(vocabulary: Vocabulary, target: str) -> tuple[FieldSpec, str | None]:
    """The vocabulary field a form cell fills, and the option it ticks (``key.choice``) or None.

    Raises :class:`~srdi.errors.UnknownNameError` when ``target`` is neither a
    field nor an option of a choice field.
    """
    spec = vocabulary.get(target)
    if spec is not None:
        return spec, None
    key, _, choice = target.rpartition(".")
    spec = vocabulary.get(key) if key else None
    if spec is None:
        raise UnknownNameError(
            message("name.unknown_profile_field", name=repr(target), hint=suggest(target, vocabulary.keys()))
        )
    values = [c.value for c in spec.choices]
    if choice not in values:
        raise UnknownNameError(
            message("form.not_an_option", choice=repr(choice), key=repr(key), hint=suggest(choice, values))
        )
    return spec, choice


def mapping_problems(form: FormSpec, catalog: FormContext) -> list[Problem]:
    """Where a form's cells do not fit the vocabulary they name.

    Checks every ``profile`` and ``choice_profiles`` target (it exists; its kind
    suits the cell's type; a yearly fact is filled per year or for a given year,
    a one-value fact is not), that every option of a choice cell lands somewhere
    in the vocabulary, and that every ``derived`` names a metric or a form check.
    """
    out: list[Problem] = []
    where = f"forms.{form.id}"

    def bad(key: str, msg: str) -> None:
        out.append(Problem(msg, key=f"{where}.{key}"))

    def target(key: str, name: str, cell_type: str, yearly: bool) -> FieldSpec | None:
        try:
            spec, choice = profile_target(catalog.vocabulary, name)
        except UnknownNameError as exc:
            bad(key, str(exc))
            return None
        if choice is not None:
            if cell_type != "bool":
                bad(key, message("form.option_needs_bool", name=repr(name), key=repr(spec.key)))
        elif spec.kind not in _KINDS.get(cell_type, set()):
            bad(key, message("form.cell_cannot_fill", type=cell_type, name=repr(name), kind=spec.kind))
        if spec.yearly and not yearly:
            bad(key, message("form.needs_yearly", name=repr(name)))
        if not spec.yearly and yearly:
            bad(key, message("form.not_yearly", name=repr(name)))
        return spec

    def check(f: FieldSpecForm, key: str) -> None:
        yearly = f.yearly or f.year is not None
        spec = target(f"{key}.profile", f.profile, f.type, yearly) if f.profile else None
        for option, name in f.choice_profiles.items():
            if option not in (f.choices or ()):
                bad(f"{key}.choice_profiles", message("form.not_a_cell_choice", option=repr(option)))
            target(f"{key}.choice_profiles", name, "bool", yearly)
        if spec is not None and spec.kind in ("choice", "multichoice") and f.type in ("choice", "multichoice"):
            for option in f.choices or ():
                if option not in f.choice_profiles and spec.choice_value(option) is None:
                    bad(f"{key}.choices", message("form.option_unmapped", option=repr(option), key=repr(spec.key)))
        if f.derived and f.derived not in catalog.form_checks and not catalog.metrics.known(f.derived):
            bad(f"{key}.derived", message("form.unknown_derived", name=repr(f.derived)))
        for c in f.columns:
            check(c, f"{key}.{c.id}")

    for section in form.sections:
        for f in section.fields:
            check(f, f"{section.id}.{f.id}")
    return out
