"""Hooks of the Tianjin plugin (its region, notices and fields are declared in ``plugin.toml``).

Tianjin's notices are data (notices/*.toml). Code covers only what data cannot say:
the industry section of an enterprise (a metric), a registration cut-off date (a
condition type), and amounts an allocation plan assigns within the notice's caps
(a fund component kind).
"""

from __future__ import annotations

from collections.abc import Iterable

from srdi import hookimpl
from srdi.engine.conditions import ConditionType
from srdi.funds import ComponentKind

from .conditions import date_before
from .funds import allocated


@hookimpl
def srdi_register_condition_types() -> Iterable[ConditionType]:
    """``tianjin.date_before``: a date fact on or before a cut-off ("2019年12月1日前…注册登记")."""
    return [date_before()]


@hookimpl
def srdi_register_fund_components() -> Iterable[ComponentKind]:
    """``tianjin.allocated``: the amount an allocation plan assigns, within the notice's cap."""
    return [allocated()]
