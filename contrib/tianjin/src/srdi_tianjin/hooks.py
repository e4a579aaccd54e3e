"""Hooks of the Tianjin plugin (its region, notices and fields are declared in ``plugin.toml``).

Tianjin's notices are data (notices/*.toml); the registration cut-off is srdi's
``date`` condition type. Code covers only what no shape of the notice format says:
amounts an allocation plan assigns within the notice's caps (a fund component kind).
"""

from __future__ import annotations

from collections.abc import Iterable

from srdi import hookimpl
from srdi.funds import ComponentKind

from .funds import allocated


@hookimpl
def srdi_register_fund_components() -> Iterable[ComponentKind]:
    """``tianjin.allocated``: the amount an allocation plan assigns, within the notice's cap."""
    return [allocated()]
