"""Arithmetic formulas of points tables ("2+N", "1+0.2*N"), parsed once and evaluated over arrays.

A formula is an arithmetic expression over numbers and named figures: ``+ - * /``,
parentheses, unary minus, and ``min(…)`` / ``max(…)``. Nothing else is accepted —
no attribute, call or name the formula does not declare — so a notice file can
never run code. Evaluation is element-wise over NumPy arrays (:meth:`Formula.evaluate`)
or over one enterprise's floats (:meth:`Formula.evaluate_one`), by the same rules: a
missing figure (NaN) makes the result NaN, a division whose result is not finite is
NaN, and ``min``/``max`` of a missing argument is NaN.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ..i18n import t as message

if TYPE_CHECKING:
    import numpy as np


#: The functions a formula may call, by the name of the NumPy function each is.
_FUNCTIONS = {"min": "fmin", "max": "fmax"}
#: The same functions over two floats neither of which is missing.
_ONE_FUNCTIONS: dict[str, Callable[[float, float], float]] = {"min": min, "max": max}
NAN = float("nan")


class FormulaError(ValueError):
    """A formula that is not plain arithmetic over its declared figures."""


class Formula:
    """A parsed formula: its text, the figures it names, and an array evaluator."""

    def __init__(self, text: str) -> None:
        self.text = text
        try:
            tree = ast.parse(text.strip(), mode="eval")
        except SyntaxError as exc:
            raise FormulaError(message("notice.formula_not_arithmetic", formula=repr(text), why=exc.msg)) from None
        self.names: set[str] = set()
        self._check(tree.body)
        self._tree = tree.body

    def _check(self, node: ast.AST) -> None:
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div)):
            self._check(node.left)
            self._check(node.right)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            self._check(node.operand)
        elif (
            isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool)
        ):
            pass
        elif isinstance(node, ast.Name):
            self.names.add(node.id)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in _FUNCTIONS
            and len(node.args) >= 2
            and not node.keywords
        ):
            for arg in node.args:
                self._check(arg)
        else:
            what = type(node).__name__
            raise FormulaError(message("notice.formula_not_allowed", formula=repr(self.text), what=what))

    def evaluate(self, figures: Mapping[str, np.ndarray], n: int) -> np.ndarray:
        """The formula's value per row; NaN where a figure it reads is missing."""
        import numpy as np

        def divide(left: np.ndarray, right: np.ndarray) -> np.ndarray:
            out = left / right
            return np.where(np.isfinite(out), out, np.nan)

        def extreme(name: str, left: np.ndarray, right: np.ndarray) -> np.ndarray:
            # a missing figure stays missing (np.fmin would ignore it)
            fn = getattr(np, _FUNCTIONS[name])
            return np.where(np.isnan(left) | np.isnan(right), np.nan, fn(left, right))

        with np.errstate(divide="ignore", invalid="ignore"):
            return np.asarray(
                self._walk(
                    self._tree,
                    lambda name: np.asarray(figures[name], dtype=np.float64),
                    lambda c: np.full(n, c),
                    divide,
                    extreme,
                ),
                dtype=np.float64,
            )

    def evaluate_one(self, figures: Mapping[str, float]) -> float:
        """The formula's value for one enterprise's figures, by :meth:`evaluate`'s rules; NaN where one is missing."""

        def divide(left: float, right: float) -> float:
            # NumPy divides by zero into inf or NaN, both NaN here; Python raises instead
            out = left / right if right != 0 else NAN
            return out if math.isfinite(out) else NAN

        def extreme(name: str, left: float, right: float) -> float:
            return NAN if left != left or right != right else _ONE_FUNCTIONS[name](left, right)

        return float(self._walk(self._tree, lambda name: float(figures[name]), float, divide, extreme))

    def _walk(
        self,
        node: ast.AST,
        figure: Callable[[str], Any],
        constant: Callable[[float], Any],
        divide: Callable[[Any, Any], Any],
        extreme: Callable[[str, Any, Any], Any],
    ) -> Any:
        """The value of ``node``: ``+ - *`` and signs as the values add, the rest by the callbacks of one path."""

        def ev(node: ast.AST) -> Any:
            if isinstance(node, ast.BinOp):
                left, right = ev(node.left), ev(node.right)
                if isinstance(node.op, ast.Add):
                    return left + right
                if isinstance(node.op, ast.Sub):
                    return left - right
                if isinstance(node.op, ast.Mult):
                    return left * right
                return divide(left, right)
            if isinstance(node, ast.UnaryOp):
                value = ev(node.operand)
                return -value if isinstance(node.op, ast.USub) else value
            if isinstance(node, ast.Constant):
                assert isinstance(node.value, (int, float))
                return constant(float(node.value))
            if isinstance(node, ast.Name):
                return figure(node.id)
            assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            values = [ev(a) for a in node.args]
            out = values[0]
            for v in values[1:]:
                out = extreme(node.func.id, out, v)
            return out

        return ev(node)
