"""The profile form of the web page: inputs generated from the profile JSON Schema, and back to a profile.

Each input is named by its place in a profile (``enterprise.revenue`` is never
used: yearly facts are ``years.2021.revenue``; plugin facts ``enterprise.liaoning.key_fields``;
titles ``recognitions.<title>``, a title's day of grant ``recognitions.<title>.granted_on`` and of
revocation ``recognitions.<title>.revoked_on``;
answers ``attestations.<key>``). Labels and units come from the schema, which comes
from the vocabulary. The vocabulary's ``description`` of a field is a note for
integrators, in English, so the page, a Chinese page, does not show it: a help line
appears only where the form words one itself, in Chinese (a title's dates).
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from ..engine.titles import date_header
from ..errors import Problem
from ..i18n import t as message
from .fields import Asked

NUMBER_TYPES = ("number", "integer")
#: The suffix of a title's input naming its day of revocation.
REVOKED = ".revoked_on"
#: The suffix of a title's input naming its day of grant.
GRANTED = ".granted_on"
#: A title's dates the form can ask, by input suffix: the key of each in a profile's ``[[recognitions]]``.
TITLE_DATES = {GRANTED: "granted_on", REVOKED: "revoked_on"}
#: The value of a multiple choice's "无" box: none of the options holds (``[]`` in a profile). No box
#: ticked is no answer (unknown). Not a choice's value: those are the vocabulary's keys.
NONE = "_none"


def _schema_for(schema: Mapping[str, Any], section: str, key: str) -> dict[str, Any]:
    props = schema["properties"]
    if section == "years":
        table = props["years"]["additionalProperties"]["properties"]
    else:
        table = props[section]["properties"]
    found = table.get(key)
    if found is None and "." in key:  # a plugin's field, in its namespace's table: [years.2020.hebei]
        ns, rest = key.split(".", 1)
        found = table.get(ns, {}).get("properties", {}).get(rest)
    return dict(found or {"type": "string", "title": key})


def _input(name: str, spec: Mapping[str, Any], value: Any, help_: str | None = None) -> str:
    """One labelled input; ``help_`` is a Chinese help line (the schema's ``description`` is never shown)."""
    kind = spec.get("type")
    title = escape(str(spec.get("title", name)))
    unit = spec.get("x-unit")
    unit_id, help_id = f"{name}-unit", f"{name}-help"
    # a screen reader reads the unit and the help with the input, as a sighted person sees them beside it
    described = " ".join(i for i, shown in ((unit_id, unit), (help_id, help_)) if shown)
    described_html = f' aria-describedby="{escape(described)}"' if described else ""
    attrs_ = f'name="{escape(name)}" id="{escape(name)}"{described_html}'
    if kind == "boolean":
        opts = [("", "未填"), ("true", "是"), ("false", "否")]
        chosen = "" if value is None else ("true" if value in (True, "true") else "false")
        control = (
            f"<select {attrs_}>"
            + "".join(f'<option value="{v}"{" selected" if v == chosen else ""}>{t}</option>' for v, t in opts)
            + "</select>"
        )
    elif kind == "array" and "enum" in spec.get("items", {}):
        values = spec["items"]["enum"]
        half = len(values) // 2  # the schema lists the values, then their Chinese labels
        picked = set(value or ())
        # "无" says none holds (a profile's []); a group left with no box ticked is unanswered (unknown)
        none = isinstance(value, (list, tuple)) and not value
        control = (
            '<span class="choices">'
            + "".join(
                f'<label><input type="checkbox" name="{escape(name)}" value="{escape(v)}"'
                f"{' checked' if v in picked else ''}> {escape(lab)}</label>"
                for v, lab in zip(values[:half], values[half:])
            )
            + f'<label class="none"><input type="checkbox" name="{escape(name)}" value="{NONE}"'
            + f"{' checked' if none else ''}> 无</label></span>"
        )
    elif "enum" in spec:
        values = spec["enum"]
        half = len(values) // 2
        control = (
            f'<select {attrs_}><option value="">未填</option>'
            + "".join(
                f'<option value="{escape(v)}"{" selected" if v == value else ""}>{escape(lab)}</option>'
                for v, lab in zip(values[:half], values[half:])
            )
            + "</select>"
        )
    else:
        typ = "date" if spec.get("format") == "date" else ("number" if kind in NUMBER_TYPES else "text")
        step = ' step="any"' if kind == "number" else (' step="1"' if kind == "integer" else "")
        shown = "" if value is None else escape(str(value))
        control = f'<input type="{typ}"{step} {attrs_} value="{shown}">'
    unit_html = f'<span class="unit" id="{escape(unit_id)}">{escape(str(unit))}</span>' if unit else ""
    help_html = f'<small class="help" id="{escape(help_id)}">{escape(help_)}</small>' if help_ else ""
    if kind == "array" and "enum" in spec.get("items", {}):
        # a group of checkboxes has no one element a <label for> could name: the group is a
        # fieldset named by its legend, each box labelled by the label around it
        return (
            f'<fieldset class="field choices-field" id="{escape(name)}"{described_html}>'
            f"<legend>{title}</legend>{control}{unit_html}{help_html}</fieldset>"
        )
    return f'<div class="field"><label for="{escape(name)}">{title}</label>{control}{unit_html}{help_html}</div>'


def render_form(asked: Asked, schema: Mapping[str, Any], values: Mapping[str, Any]) -> str:
    """The profile inputs, in fieldsets: enterprise facts, each year's figures, plan, titles, questions."""
    parts = ["<fieldset><legend>企业基本情况</legend>"]
    for f in asked.enterprise:
        name = f"enterprise.{f.key}"
        parts.append(_input(name, _schema_for(schema, "enterprise", f.key), values.get(name)))
    parts.append("</fieldset>")
    for year, fields in asked.years:
        parts.append(f"<fieldset><legend>{year}年度经营数据</legend>")
        for f in fields:
            name = f"years.{year}.{f.key}"
            parts.append(_input(name, _schema_for(schema, "years", f.key), values.get(name)))
        parts.append("</fieldset>")
    if asked.plan:
        parts.append("<fieldset><legend>项目计划</legend>")
        for f in asked.plan:
            name = f"plan.{f.key.removeprefix('plan_')}"
            parts.append(_input(name, _schema_for(schema, "plan", f.key.removeprefix("plan_")), values.get(name)))
        parts.append("</fieldset>")
    if asked.titles:
        parts.append("<fieldset><legend>已获称号（填写获得年度；未获得留空）</legend>")
        for tid, label in asked.titles:
            name = f"recognitions.{tid}"
            spec = {"type": "integer", "title": label}
            parts.append(_input(name, spec, values.get(name), f"称号 {tid}：获得（认定）年度"))
            # a criterion counts how long this title has been held, or bars applying again after its revocation
            for suffix, wanted, help_ in (
                (GRANTED, asked.dated, "认定（纳入）之日"),
                (REVOKED, asked.revocable, "未被撤销留空"),
            ):
                if tid in wanted:
                    name = f"recognitions.{tid}{suffix}"
                    spec = {"type": "string", "format": "date", "title": date_header(label, TITLE_DATES[suffix])}
                    parts.append(_input(name, spec, values.get(name), help_))
        parts.append("</fieldset>")
    if asked.attestations:
        parts.append("<fieldset><legend>需人工判断的条件（由企业声明）</legend>")
        for key, question in asked.attestations:
            name = f"attestations.{key}"
            parts.append(_input(name, {"type": "boolean", "title": question}, values.get(name)))
        parts.append("</fieldset>")
    return "\n".join(parts)


def _number(text: str) -> Any:
    try:
        x = float(text.replace(",", ""))
    except ValueError:
        return text  # the profile reader names the field and says what is wrong
    return int(x) if x.is_integer() and "." not in text else x


def profile_from_form(form: Mapping[str, list[str]], schema: Mapping[str, Any]) -> dict[str, Any]:
    """A profile (as the JSON API takes it) from the submitted inputs; an empty input is left out (unknown).

    Titles are the exception: the form says "未获得留空", so when it showed title inputs
    (a browser submits an input left empty as empty text) the profile declares its
    titles, ``recognitions = []`` when every one was left empty: the firm holds none
    of those asked, and a criterion requiring one is not met rather than unknown.
    """
    profile: dict[str, Any] = {}
    if any(name.startswith("recognitions.") for name in form):
        profile["recognitions"] = []
    for name, raw_values in form.items():
        values = [v.strip() for v in raw_values if v is not None and v.strip()]
        if not values or "." not in name:
            continue
        section, _, rest = name.partition(".")
        if section == "recognitions":
            held = profile.setdefault("recognitions", [])
            suffix = next((x for x in TITLE_DATES if rest.endswith(x)), "")
            title = rest.removesuffix(suffix)
            entry = next((r for r in held if r["title"] == title), None)
            if entry is None:
                entry = {"title": title}
                held.append(entry)
            if suffix:
                entry[TITLE_DATES[suffix]] = values[0]
            else:
                entry["year"] = _number(values[0])
            continue
        if section == "attestations":
            profile.setdefault("attestations", {})[rest] = values[0] == "true"
            continue
        if section == "years":
            year_text, _, key = rest.partition(".")
            spec = _schema_for(schema, "years", key)
            target = profile.setdefault("years", {}).setdefault(year_text, {})
        elif section in ("enterprise", "plan"):
            key = rest
            spec = _schema_for(schema, section, key)
            target = profile.setdefault(section, {})
        else:
            continue
        if "." in key:  # a plugin's fact: [enterprise.liaoning]
            ns, key = key.split(".", 1)
            target = target.setdefault(ns, {})
        kind = spec.get("type")
        if kind == "array":
            # "无" alone: none of the options ([]); ticked with options too, the options (and :func:`clashes` says so)
            target[key] = [v for v in values if v != NONE]
        elif kind == "boolean":
            target[key] = values[0] == "true"
        elif kind in NUMBER_TYPES:
            target[key] = _number(values[0])
        else:
            target[key] = values[0]
    return profile


def clashes(form: Mapping[str, list[str]], schema: Mapping[str, Any]) -> list[Problem]:
    """The multiple choices whose "无" box is ticked together with options: each names the input and its label."""
    out = []
    for name, raw_values in form.items():
        values = {v.strip() for v in raw_values if v is not None and v.strip()}
        if NONE not in values or len(values) == 1:
            continue
        section, _, rest = name.partition(".")
        if section == "years":
            rest = rest.partition(".")[2]
        if section not in ("enterprise", "years", "plan"):
            continue
        spec = _schema_for(schema, section, rest)
        if spec.get("type") == "array":
            out.append(Problem(message("web.none_and_options", label=spec.get("title", rest)), key=name))
    return out


def form_values(profile: Mapping[str, Any]) -> dict[str, Any]:
    """The inputs' values for a profile (to show a submitted form again)."""
    out: dict[str, Any] = {}
    tables = [(section, profile.get(section) or {}) for section in ("enterprise", "plan")]
    tables += [(f"years.{year}", table) for year, table in (profile.get("years") or {}).items()]
    for where, table in tables:
        for key, value in table.items():
            if isinstance(value, dict):  # a plugin's facts: [enterprise.liaoning], [years.2020.hebei]
                for k, v in value.items():
                    out[f"{where}.{key}.{k}"] = v
            else:
                out[f"{where}.{key}"] = value
    for rec in profile.get("recognitions") or ():
        out[f"recognitions.{rec.get('title')}"] = rec.get("year")
        for suffix, key in TITLE_DATES.items():
            if rec.get(key) is not None:
                out[f"recognitions.{rec.get('title')}{suffix}"] = rec.get(key)
    for key, value in (profile.get("attestations") or {}).items():
        out[f"attestations.{key}"] = value
    return out
