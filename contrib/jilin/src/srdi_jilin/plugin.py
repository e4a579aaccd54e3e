"""Hook implementations of the Jilin plugin.

Jilin's notices are data (notices/*.toml). Code covers only what data cannot say:
the industry section of an enterprise (a metric), the points of the 认定参考指标 (a
condition type that scores without deciding), and ranking by those points (a
selection rule).
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from srdi import hookimpl
from srdi.engine.conditions import ConditionType
from srdi.regions import Region
from srdi.selection import SelectionRule
from srdi.vocabulary import FieldSpec, load_fields

from .points import points
from .ranking import selection_rule

HERE = resources.files(__package__)


@hookimpl
def srdi_register_regions() -> Iterable[Region]:
    """吉林省."""
    return [Region(code="220000", name="吉林省", slug="jilin", level="province")]


@hookimpl
def srdi_register_notices() -> Iterable[Path]:
    """The Jilin notices shipped with this plugin."""
    return sorted(Path(str(p)) for p in (HERE / "notices").iterdir() if p.name.endswith(".toml"))


@hookimpl
def srdi_register_fields() -> Iterable[FieldSpec]:
    """Facts only Jilin's notices ask about (fields.toml, keys namespaced ``jilin.…``)."""
    with resources.as_file(HERE / "fields.toml") as path:
        return load_fields(path, origin="srdi-jilin")


@hookimpl
def srdi_register_condition_types() -> Iterable[ConditionType]:
    """``jilin.points``: a section of a points table, scored from facts and an assessor's judgements."""
    return [points()]


@hookimpl
def srdi_register_selection_rules() -> Iterable[SelectionRule]:
    """``jilin.reference-points``: candidates ordered by the points of the 认定参考指标."""
    return [selection_rule()]
