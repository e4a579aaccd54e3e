"""Arithmetic formulas of points tables ("2+N", "1+0.2*N"), parsed once and evaluated over arrays.

A formula is an arithmetic expression over numbers and named figures: ``+ - * /``,
parentheses, unary minus, and ``min(…)`` / ``max(…)``. Nothing else is accepted —
no attribute, call or name the formula does not declare — so a notice file can
never run code. Evaluation is element-wise over NumPy arrays; a missing figure
(NaN) makes the result NaN.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..i18n import t as message

if TYPE_CHECKING:
    import numpy as np


#: The functions a formula may call, by the name of the NumPy function each is.
_FUNCTIONS = {"min": "fmin", "max": "fmax"}


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

        def ev(node: ast.AST) -> np.ndarray:
            if isinstance(node, ast.BinOp):
                left, right = ev(node.left), ev(node.right)
                with np.errstate(divide="ignore", invalid="ignore"):
                    if isinstance(node.op, ast.Add):
                        return left + right
                    if isinstance(node.op, ast.Sub):
                        return left - right
                    if isinstance(node.op, ast.Mult):
                        return left * right
                    out = left / right
                    return np.where(np.isfinite(out), out, np.nan)
            if isinstance(node, ast.UnaryOp):
                value = ev(node.operand)
                return -value if isinstance(node.op, ast.USub) else value
            if isinstance(node, ast.Constant):
                assert isinstance(node.value, (int, float))
                return np.full(n, float(node.value))
            if isinstance(node, ast.Name):
                return np.asarray(figures[node.id], dtype=np.float64)
            assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            fn = getattr(np, _FUNCTIONS[node.func.id])
            values = [ev(a) for a in node.args]
            out = values[0]
            for v in values[1:]:
                # a missing figure stays missing (np.fmin would ignore it)
                out = np.where(np.isnan(out) | np.isnan(v), np.nan, fn(out, v))
            return out

        return ev(self._tree)
