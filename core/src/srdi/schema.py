"""JSON Schema of the profile vocabulary (for integrators building profile files)."""

from __future__ import annotations

from typing import Any

from .engine.titles import TitleBook
from .profile.titles import title_choices
from .vocabulary import FieldSpec, Vocabulary


def _field(f: FieldSpec) -> dict[str, Any]:
    if f.kind in ("money", "usd", "number", "percent"):
        s: dict[str, Any] = {"type": "number"}
    elif f.kind in ("integer", "count"):
        s = {"type": "integer"}
    elif f.kind == "bool":
        s = {"type": "boolean"}
    elif f.kind == "date":
        s = {"type": "string", "format": "date"}
    elif f.kind == "choice":
        s = {"type": "string", "enum": [c.value for c in f.choices] + [c.label for c in f.choices]}
    elif f.kind == "multichoice":
        s = {
            "type": "array",
            "items": {"type": "string", "enum": [c.value for c in f.choices] + [c.label for c in f.choices]},
        }
    else:
        s = {"type": "string"}
    if f.kind in ("money", "usd", "integer", "count") and not f.signed:
        s["minimum"] = 0
    s["title"] = f.label
    if f.display_unit:
        s["x-unit"] = f.display_unit
    if f.description:
        s["description"] = f.description
    return s


def profile_schema(vocabulary: Vocabulary, titles: TitleBook | None = None) -> dict[str, Any]:
    """The profile file format as JSON Schema (draft 2020-12); ``titles`` lists the recognitions allowed."""
    title: dict[str, Any] = {"type": "string"}
    if titles is not None:
        title["enum"] = title_choices(titles)
        title["description"] = "称号 ID，或只有一个称号使用的中文名称"
    ent: dict[str, Any] = {}
    years: dict[str, Any] = {}
    plan: dict[str, Any] = {}
    for f in vocabulary:
        table = {"enterprise": ent, "years": years, "plan": plan}[f.section]
        key = f.key.removeprefix("plan_") if f.section == "plan" else f.key
        if "." not in key:
            table[key] = _field(f)
            continue
        # a plugin's field: in its namespace's table ([years.2020.hebei] main_product_sales), as the
        # plugins document it, and in [enterprise] and [years.YYYY] also by its whole key
        # ("hebei.main_product_sales"), as the profile reader takes it; not in [plan], where the
        # reader takes a plugin's field in its namespace's table only
        ns, rest = key.split(".", 1)
        table.setdefault(ns, {"type": "object", "additionalProperties": False, "properties": {}})
        table[ns]["properties"][rest] = _field(f)
        if f.section != "plan":
            table[key] = _field(f)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "srdi:profile",
        "title": "srdi enterprise profile",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "enterprise": {"type": "object", "additionalProperties": False, "properties": ent},
            "years": {
                "type": "object",
                "propertyNames": {"pattern": "^[0-9]{4}$"},
                "additionalProperties": {"type": "object", "additionalProperties": False, "properties": years},
            },
            "plan": {"type": "object", "additionalProperties": False, "properties": plan},
            "recognitions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["title"],
                    "properties": {
                        "title": title,
                        "year": {"type": "integer"},
                        "granted_on": {"type": "string", "format": "date"},
                        "valid_until": {"type": "string", "format": "date"},
                        "revoked_on": {"type": "string", "format": "date"},
                        "note": {"type": "string"},
                    },
                },
            },
            "attestations": {"type": "object", "additionalProperties": {"type": "boolean"}},
            "scores": {"type": "object", "additionalProperties": {"type": "number", "minimum": 0}},
            "benchmarks": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "propertyNames": {"pattern": "^[0-9]{4}$"},
                    "additionalProperties": {"type": "number"},
                },
            },
            "note": {"type": "string"},
        },
    }
