"""A program compiled for evaluation, and the results of running it over a frame."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from .._convert import converter, problems_from
from ..errors import NoticeError, Problem, suggest
from ..programs import Program
from ..results import CriterionResult, GroupResult, ProgramResult
from .columns import Columns
from .conditions import BuildContext, ConditionType, Env, Evaluated, Evaluator
from .metrics import MetricSet
from .outcomes import CODE_TO_OUTCOME, CODE_TO_VERDICT, combine
from .titles import TitleBook


class CompiledProgram:
    """A program whose criteria are compiled once, ready to evaluate any number of enterprises."""

    def __init__(
        self, program: Program, types: Mapping[str, ConditionType], metrics: MetricSet, titles: TitleBook
    ) -> None:
        self.program = program
        self.metrics = metrics
        self.titles = titles
        self.evaluators: dict[str, Evaluator] = {}
        problems: list[Problem] = []
        where = program.notice.path
        for cid, crit in program.criteria.items():
            key = f"programs[{program.id}].criteria[{cid}]"
            ctype = types.get(crit.type)
            if ctype is None:
                problems.append(
                    Problem(
                        f"unknown condition type {crit.type!r}{suggest(crit.type, types)}",
                        file=where,
                        key=f"{key}.type",
                    )
                )
                continue
            try:
                args: Any = converter.structure(crit.args, ctype.args)
            except Exception as exc:
                problems.extend(problems_from(exc, where, key))
                continue
            try:
                self.evaluators[cid] = ctype.build(args, BuildContext(metrics, titles, crit))
            except (ValueError, LookupError) as exc:
                msg = exc.problems[0].message if hasattr(exc, "problems") else str(exc)
                problems.append(Problem(msg, file=where, key=key))
        if problems:
            raise NoticeError(problems)
        self.order = program.node_ids()

    def run(self, frame: pd.DataFrame, on: dt.date) -> Run:
        """Evaluate every row of ``frame`` on date ``on``."""
        year = self.program.year_for(on)
        cols = Columns(frame, self.metrics, year)
        env = Env(on=on, reference_year=year, titles=self.titles)
        leaves: dict[str, Evaluated] = {}
        codes: dict[str, np.ndarray] = {}
        for node in self.order:
            if node in self.program.criteria:
                ev = self.evaluators[node](cols, env)
                leaves[node] = ev
                codes[node] = ev.outcome
            else:
                grp = self.program.groups[node]
                stack = [codes[c] for c in grp.of] if grp.of else np.empty((0, cols.n), dtype=np.int8)
                codes[node] = combine(grp.mode, stack, grp.n)
        return Run(self.program, on, year, cols, leaves, codes)


class Run:
    """The outcome arrays of one evaluation, and the per-enterprise result records built from them."""

    def __init__(
        self,
        program: Program,
        on: dt.date,
        year: int,
        cols: Columns,
        leaves: dict[str, Evaluated],
        codes: dict[str, np.ndarray],
    ) -> None:
        self.program = program
        self.on = on
        self.reference_year = year
        self.cols = cols
        self.leaves = leaves
        self.codes = codes

    @property
    def verdict_codes(self) -> np.ndarray:
        """The root outcome per enterprise (0 ineligible, 1 eligible, 2 incomplete, 3 review)."""
        return self.codes[self.program.rule]

    def tree(self) -> list[tuple[str, int, str | None]]:
        """(node id, depth, parent's mode) in reading order: each group before its children."""
        out: list[tuple[str, int, str | None]] = []

        def visit(node: str, depth: int, parent: str | None) -> None:
            out.append((node, depth, parent))
            grp = self.program.groups.get(node)
            if grp is not None:
                for child in grp.of:
                    visit(child, depth + 1, grp.mode)

        visit(self.program.rule, 0, None)
        return out

    def result(self, i: int = 0) -> ProgramResult:
        """The full, explained result for the enterprise in row ``i``."""
        prog = self.program
        criteria = []
        groups = []
        for node, depth, parent in self.tree():
            code = int(self.codes[node][i])
            if node in prog.criteria:
                crit = prog.criteria[node]
                ex = self.leaves[node].explain(i)
                criteria.append(
                    CriterionResult(
                        id=crit.id,
                        label=crit.label,
                        type=crit.type,
                        outcome=CODE_TO_OUTCOME[code],
                        clause=crit.clause,
                        quote=crit.quote,
                        notice=crit.origin.notice,
                        origin=str(crit.origin),
                        values=ex.values,
                        threshold=ex.threshold,
                        gap=ex.gap,
                        gap_value=ex.gap_value,
                        gap_unit=ex.gap_unit,
                        note=ex.note or crit.note,
                        depth=depth,
                        role="exclusion" if parent == "none" else "condition",
                    )
                )
            else:
                grp = prog.groups[node]
                groups.append(
                    GroupResult(
                        grp.id,
                        grp.label,
                        grp.mode,
                        grp.of,
                        CODE_TO_OUTCOME[code],
                        grp.origin.clause,
                        grp.origin.quote,
                        grp.n,
                        depth,
                    )
                )
        name = self.cols.value_at("name", i) if self.cols.has("name") else None
        return ProgramResult(
            program=prog.id,
            title=prog.title,
            region=prog.region,
            notice=prog.doc_number,
            verdict=CODE_TO_VERDICT[int(self.verdict_codes[i])],
            on=self.on,
            reference_year=self.reference_year,
            criteria=tuple(criteria),
            groups=tuple(groups),
            enterprise=name,
            overridden=prog.overridden,
        )

    def outcome_frame(self) -> pd.DataFrame:
        """One row per enterprise: the verdict and every criterion's outcome, as codes' names."""
        names = np.array(["ineligible", "eligible", "incomplete", "review"], dtype=object)
        onames = np.array(["not_met", "met", "unknown", "review"], dtype=object)
        data = {"verdict": names[self.verdict_codes]}
        for node, _, _ in self.tree():
            if node in self.program.criteria:
                data[node] = onames[self.codes[node]]
        return pd.DataFrame(data, index=self.cols.frame.index)
