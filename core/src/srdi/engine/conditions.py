"""Condition types: how a criterion of a given ``type`` is tested.

A condition type turns a criterion's arguments into an evaluator once per program
(see :mod:`srdi.engine.evaluation` for the contract). srdi's own types live in one
module each and test a whole frame with a few NumPy operations or one enterprise in
plain Python; plugins add types through ``srdi_register_condition_types``.

This module gathers the built-in types and re-exports the contract, which is where
plugins import it from.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from . import attest, choice, compare, flag, recognition, region, years_since
from .attest import AttestArgs
from .choice import ChoiceArgs
from .compare import REL_TOL, CompareArgs
from .evaluation import (
    OPS,
    ArgumentValueError,
    BuildContext,
    ConditionType,
    Env,
    Evaluated,
    Evaluator,
    Explanation,
    GapColumns,
    OneEvaluator,
    fmt,
)
from .flag import FlagArgs
from .recognition import RecognitionArgs
from .region import RegionArgs
from .years_since import YearsSinceArgs

if TYPE_CHECKING:
    import numpy as np


def builtin_condition_types() -> list[ConditionType]:
    """The condition types srdi defines."""
    return [
        compare.condition_type(),
        flag.condition_type(),
        choice.condition_type(),
        recognition.condition_type(),
        years_since.condition_type(),
        attest.condition_type(),
        region.condition_type(),
    ]


def evaluate_date(day: dt.date) -> np.datetime64:
    """``day`` as a NumPy date (helper for plugin condition types)."""
    from .columns import to_datetime64

    return to_datetime64(day)


__all__ = [
    "OPS",
    "REL_TOL",
    "ArgumentValueError",
    "AttestArgs",
    "BuildContext",
    "ChoiceArgs",
    "CompareArgs",
    "ConditionType",
    "Env",
    "Evaluated",
    "Evaluator",
    "Explanation",
    "FlagArgs",
    "GapColumns",
    "OneEvaluator",
    "RecognitionArgs",
    "RegionArgs",
    "YearsSinceArgs",
    "builtin_condition_types",
    "evaluate_date",
    "fmt",
]
