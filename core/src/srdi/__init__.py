"""srdi — China's 专精特新 (SRDI) SME policy notices as executable, cited, testable rules.

The core knows no province. The national baseline and every region are plugins
whose notices are data files citing the clauses they encode.

Typical use::

    import srdi

    catalog = srdi.for_credit_code("91210100…")  # loads only what that region needs
    profile = catalog.load_profile("firm.toml")
    for result in catalog.check(profile, on=datetime.date(2022, 3, 1)):
        print(result.program, result.verdict)
"""

from __future__ import annotations

from .api import for_credit_code, for_region, load, plugins
from .catalog import Catalog
from .engine.outcomes import Outcome, Verdict
from .errors import SrdiError
from .hookspecs import hookimpl
from .profile import Profile, Recognition
from .programs import Program
from .results import CriterionResult, ProgramResult

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
