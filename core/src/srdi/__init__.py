"""srdi — China's 专精特新 (SRDI) SME policy notices as executable, cited, testable rules.

The core knows no province. The national baseline and every region are plugins
whose notices are data files citing the clauses they encode.

Typical use::

    import srdi

    catalog = srdi.for_credit_code("91210100…")  # loads only what that region needs
    profile = catalog.load_profile("firm.toml")
    for result in catalog.check(profile, on=datetime.date(2022, 3, 1)):
        print(result.program, result.verdict)

The names below are imported on first use, so that ``import srdi`` (and ``srdi --help``)
costs next to nothing.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import for_credit_code, for_region, load, plugins
    from .catalog import Catalog
    from .engine.outcomes import Outcome, Verdict
    from .errors import SrdiError
    from .hookspecs import hookimpl
    from .profile import Profile, Recognition
    from .programs import Program
    from .results import CriterionResult, ProgramResult

#: Public name → the module defining it.
_EXPORTS = {
    "Catalog": ".catalog",
    "CriterionResult": ".results",
    "Outcome": ".engine.outcomes",
    "Profile": ".profile",
    "Program": ".programs",
    "ProgramResult": ".results",
    "Recognition": ".profile",
    "SrdiError": ".errors",
    "Verdict": ".engine.outcomes",
    "for_credit_code": ".api",
    "for_region": ".api",
    "hookimpl": ".hookspecs",
    "load": ".api",
    "plugins": ".api",
}

__all__ = [
    "Catalog",
    "CriterionResult",
    "Outcome",
    "Profile",
    "Program",
    "ProgramResult",
    "Recognition",
    "SrdiError",
    "Verdict",
    "for_credit_code",
    "for_region",
    "hookimpl",
    "load",
    "plugins",
]


class _Package(types.ModuleType):
    """The ``srdi`` package: importing the submodule ``srdi.plugins`` leaves ``srdi.plugins()`` the function."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _EXPORTS and isinstance(value, types.ModuleType):
            return  # the submodule stays in sys.modules; the public name stays the function
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'srdi' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
