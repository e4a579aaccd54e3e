"""Hook implementations of the Tianjin plugin.

Tianjin's notices are data (notices/*.toml). Code covers only what data cannot say:
the industry section of an enterprise (a metric), a registration cut-off date (a
condition type), and amounts an allocation plan assigns within the notice's caps
(a fund component kind).
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from srdi import hookimpl
from srdi.engine.conditions import ConditionType
from srdi.funds import ComponentKind
from srdi.regions import Region
from srdi.vocabulary import FieldSpec, load_fields

from .conditions import date_before
from .funds import allocated

HERE = resources.files(__package__)


@hookimpl
def srdi_register_regions() -> Iterable[Region]:
    """天津市."""
    return [Region(code="120000", name="天津市", slug="tianjin", level="province")]


@hookimpl
def srdi_register_notices() -> Iterable[Path]:
    """The Tianjin notices shipped with this plugin."""
    return sorted(Path(str(p)) for p in (HERE / "notices").iterdir() if p.name.endswith(".toml"))


@hookimpl
def srdi_register_fields() -> Iterable[FieldSpec]:
    """Facts only Tianjin's notices ask about (fields.toml, keys namespaced ``tianjin.…``)."""
    with resources.as_file(HERE / "fields.toml") as path:
        return load_fields(path, origin="srdi-tianjin")


@hookimpl
def srdi_register_condition_types() -> Iterable[ConditionType]:
    """``tianjin.date_before``: a date fact on or before a cut-off ("2019年12月1日前…注册登记")."""
    return [date_before()]


@hookimpl
def srdi_register_fund_components() -> Iterable[ComponentKind]:
    """``tianjin.allocated``: the amount an allocation plan assigns, within the notice's cap."""
    return [allocated()]
