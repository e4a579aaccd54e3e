"""A program compiled for evaluation: over a frame of enterprises, or for one enterprise.

Compiling resolves every criterion's condition type and arguments once and fixes the
order of the rule tree. :meth:`CompiledProgram.run` then tests a frame column by column
(outcome codes per node, as NumPy arrays); :meth:`CompiledProgram.check_one` tests one
enterprise with plain Python values and builds its explained result directly. Both
build results with the same function, from the same explanations.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from .._convert import converter, problems_from
from ..errors import NoticeError, Problem, UnknownNameError, suggest
from ..i18n import language, speaking
from ..i18n import t as message
from ..programs import Program
from ..results import CriterionResult, GroupResult, ProgramResult
from .evaluation import (
    ArgumentValueError,
    BuildContext,
    ConditionType,
    Env,
    Evaluated,
    Evaluator,
    Explanation,
    OneEvaluator,
)
from .facts import Facts
from .metrics import MetricSet
from .outcomes import CODE_TO_OUTCOME, CODE_TO_VERDICT, combine, combine_one
from .titles import TitleBook

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from .columns import Columns, Rows


#: How many sets of frame columns a compiled program keeps the noted reads of.
KEPT_READS = 32


def _argument(exc: Exception, args: Mapping[str, Any]) -> str | None:
    """The argument of ``args`` a condition type's refusal names (``until``, ``fact``), if it names one of them.

    A refusal from a condition nested in the criterion (a points item's ``when``) may
    name an argument of that condition: not one of ``args``, it is not taken for one.
    """
    arg = None
    if isinstance(exc, ArgumentValueError):
        arg = exc.arg
    elif isinstance(exc, UnknownNameError) and exc.problems:
        arg = exc.problems[0].key  # a name an argument gives that nothing defines (MetricSet.check)
    return arg if arg is not None and arg in args else None


class CompiledProgram:
    """A program whose criteria are compiled once, ready to evaluate any number of enterprises."""

    def __init__(
        self, program: Program, types: Mapping[str, ConditionType], metrics: MetricSet, titles: TitleBook
    ) -> None:
        self.program = program
        self.metrics = metrics
        self.titles = titles
        self.evaluators: dict[str, Evaluator] = {}
        self.one: dict[str, OneEvaluator] = {}
        problems: list[Problem] = []
        where = program.notice.path
        for cid, crit in program.criteria.items():
            key = f"programs[{program.id}].criteria[{cid}]"
            ctype = types.get(crit.type)
            if ctype is None:
                problems.append(
                    Problem(
                        message("notice.unknown_condition_type", type=repr(crit.type), hint=suggest(crit.type, types)),
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
                ctx = BuildContext(metrics, titles, crit)
                self.evaluators[cid] = ctype.build(args, ctx)
                self.one[cid] = ctype.one(args, ctx, self.evaluators[cid])
            except (ValueError, LookupError) as exc:
                msg = exc.problems[0].message if hasattr(exc, "problems") else str(exc)
                arg = _argument(exc, crit.args)  # at the argument the refusal names, so at its line
                problems.append(Problem(msg, file=where, key=f"{key}.{arg}" if arg else key))
        if problems:
            raise NoticeError(problems)
        self.order = program.node_ids()
        self.tree = _tree(program)
        #: per set of frame columns: each converted column's last reader seen, by position in ``order``
        self._last: dict[frozenset[str], dict[tuple[str, str], int]] = {}
        self._noting = threading.Lock()
        # what a result says of each criterion whatever the enterprise (worked out once)
        self._cited = {
            node: (program.criteria[node], str(program.criteria[node].origin), depth, parent)
            for node, depth, parent in self.tree
            if node in program.criteria
        }

    def run(
        self,
        frame: pd.DataFrame | Mapping[str, Any],
        on: dt.date,
        lean: bool = False,
        uniform: Mapping[str, int] | None = None,
        into: Mapping[str, np.ndarray] | None = None,
    ) -> Run:
        """Evaluate every row of ``frame`` (a DataFrame, or a mapping of columns to arrays) on date ``on``.

        ``lean``: keep only the outcome codes. The run then cannot explain a row or state
        gaps, and each converted column is dropped once the last criterion that reads it is
        done, so that a run holds less memory at any one time (which columns each criterion
        reads is noted by every lean run, for later runs over frames with the same columns).

        ``uniform``: nodes known to have one outcome in every row (from :meth:`uniform`),
        with that outcome; they are not evaluated again, and the run cannot explain them.
        The nodes of one outcome share one read-only array of it.

        ``into``: per node (any, not every), an array of the frame's length that
        receives its outcome codes, which the run then holds in place of its own. A
        caller keeping the codes of a larger table writes each node's once, as it is
        made; in a lean run, the run's own array is then freed for the next node's.
        """
        from .columns import Columns

        year = self.program.year_for(on)
        cols = Columns(frame, self.metrics, year)
        env = Env(on=on, reference_year=year, titles=self.titles)
        leaves: dict[str, Evaluated] = {}
        codes: dict[str, np.ndarray] = {}
        groups = self.program.groups
        drops = _drops(self.order, self._last.get(cols.names, {})) if lean else {}
        reads: dict[str, set[tuple[str, str]]] = {}
        constant: dict[int, np.ndarray] = {}
        for node in self.order:
            if uniform is not None and node in uniform:
                code = uniform[node]
                if code not in constant:
                    constant[code] = _contiguous(code, cols.n)
                codes[node] = constant[code]
                continue
            if node in self.program.criteria:
                if lean:
                    reads[node] = cols.noting()
                ev = self.evaluators[node](cols, env)
                codes[node] = ev.outcome
                if lean:
                    cols.forget(drops.get(node, ()))
                else:
                    leaves[node] = ev
            else:
                grp = groups[node]
                codes[node] = combine(grp.mode, [codes[c] for c in grp.of], grp.n) if grp.of else _empty(grp, cols.n)
            target = into.get(node) if into is not None else None
            if target is not None:
                target[:] = codes[node]
                codes[node] = target
        if lean:
            cols.stop_noting()
            self._note(cols.names, reads)
        return Run(self, on, year, cols, leaves, codes)

    def uniform(
        self, frame: Rows, on: dt.date, map_: Callable[[Callable[[str], bool], list[str]], Any] = map
    ) -> dict[str, int]:
        """The nodes whose outcome is the same in every row of ``frame``'s whole table, and that outcome.

        Each criterion is evaluated on the first row alone, noting every column it reads
        (through the metrics it reads too). Where each of those columns holds one value in
        every row, or is absent, every row reads what the first row read and goes the same
        way, so its outcome is the first row's: a criterion's outcome for a row depends on
        that row's values only (the same reason slicing a table does not change its
        result). A group whose children are all such is such too. Blank columns and
        columns one value fills (a city's own region code, an attestation given for all)
        are common in the tables a bureau screens; their criteria are then not evaluated
        row by row. What each criterion read is noted, as a lean run notes it.

        ``map_`` checks the columns read, each whole (a thread pool's ``map`` checks them
        at once: the checks read every row of every column, and NumPy's compare releases
        the GIL).
        """
        from .columns import Columns

        if frame.n == 0:
            return {}
        year = self.program.year_for(on)
        first = Columns(frame.head(1), self.metrics, year)
        env = Env(on=on, reference_year=year, titles=self.titles)
        out: dict[str, int] = {}
        reads: dict[str, set[tuple[str, str]]] = {}
        found: dict[str, tuple[int, set[str] | None]] = {}
        for node in self.order:
            if node in self.program.criteria:
                noted = reads[node] = first.noting()
                code = int(self.evaluators[node](first, env).outcome[0])
                first.stop_noting()
                found[node] = code, first.columns_read(noted)
        read_any = sorted({c for _code, read in found.values() if read is not None for c in read})
        same = dict(zip(read_any, map_(frame.uniform, read_any)))
        groups = self.program.groups
        for node in self.order:
            if node in found:
                code, read = found[node]
                if read is not None and all(same[c] for c in read):
                    out[node] = code
            else:
                grp = groups[node]
                if grp.of and all(c in out for c in grp.of):
                    out[node] = combine_one(grp.mode, [out[c] for c in grp.of], grp.n)
        self._note(first.names, reads)
        return out

    def note_reads(self, frame: pd.DataFrame | Mapping[str, Any], on: dt.date) -> None:
        """Note, from a lean run over ``frame``, which converted columns each criterion reads.

        Lean runs over frames with the same columns then drop each one after its last
        reader from their first row on. A few rows are enough; every lean run adds what it
        reads (a criterion may read a column only for some rows' data).
        """
        self.run(frame, on, lean=True)

    def _note(self, names: frozenset[str], reads: Mapping[str, set[tuple[str, str]]]) -> None:
        """Add one lean run's reads to what is known of frames with these columns (reads can depend on the data)."""
        position = {node: k for k, node in enumerate(self.order)}
        with self._noting:  # threads may note at once
            known = self._last.get(names, {})
            last = dict(known)
            for node, keys in reads.items():
                for key in keys:
                    if last.get(key, -1) < position[node]:
                        last[key] = position[node]
            if last != known:
                if names not in self._last and len(self._last) >= KEPT_READS:
                    del self._last[next(iter(self._last))]  # a long-lived catalog sees many tables: the oldest goes
                self._last[names] = last

    def check_one(self, row: Mapping[str, Any], on: dt.date) -> ProgramResult:
        """The explained result for one enterprise, from its row (:meth:`srdi.Profile.to_row`)."""
        year = self.program.year_for(on)
        facts = Facts(row, self.metrics, year)
        env = Env(on=on, reference_year=year, titles=self.titles)
        codes: dict[str, int] = {}
        explained: dict[str, Explanation] = {}
        groups = self.program.groups
        criteria = self.program.criteria
        # the language is read once for the whole check: every criterion's texts ask for it
        with speaking(language()):
            for node in self.order:
                if node in criteria:
                    codes[node], explained[node] = self.one[node](facts, env)
                else:
                    grp = groups[node]
                    codes[node] = combine_one(grp.mode, [codes[c] for c in grp.of], grp.n)
            return self.result(on, year, codes.__getitem__, explained.__getitem__, facts.value_at("name"))

    def result(
        self,
        on: dt.date,
        year: int,
        code: Callable[[str], int],
        explain: Callable[[str], Explanation],
        enterprise: Any,
    ) -> ProgramResult:
        """A result from each node's outcome code and each criterion's explanation."""
        prog = self.program
        criteria = []
        groups = []
        for node, depth, _ in self.tree:
            outcome = CODE_TO_OUTCOME[code(node)]
            cited = self._cited.get(node)
            if cited is not None:
                crit, origin, _depth, parent = cited
                ex = explain(node)
                criteria.append(
                    CriterionResult(
                        id=crit.id,
                        label=crit.label,
                        type=crit.type,
                        outcome=outcome,
                        clause=crit.origin.clause,
                        quote=crit.origin.quote,
                        notice=crit.origin.notice,
                        origin=origin,
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
                        outcome,
                        grp.origin.clause,
                        grp.origin.quote,
                        grp.n,
                        depth,
                    )
                )
        return ProgramResult(
            program=prog.id,
            title=prog.title,
            region=prog.region,
            notice=prog.doc_number,
            verdict=CODE_TO_VERDICT[code(prog.rule)],
            on=on,
            reference_year=year,
            criteria=tuple(criteria),
            groups=tuple(groups),
            enterprise=enterprise,
            overridden=prog.overridden,
            overrides=prog.overrides(),
        )


def _contiguous(code: int, n: int) -> np.ndarray:
    """``n`` rows of one outcome, one byte each, read-only: the operations after read it at full speed.

    :func:`srdi.engine.outcomes.filled` is the same outcome as a read-only view with no
    memory per row; NumPy reads a view without its vector loops, slower inside a run.
    """
    import numpy as np

    out = np.full(n, code, dtype=np.int8)
    out.flags.writeable = False  # shared by every node of this outcome
    return out


def _empty(grp: Any, n: int) -> np.ndarray:
    import numpy as np

    return combine(grp.mode, np.empty((0, n), dtype=np.int8), grp.n)


def _drops(order: list[str], last: Mapping[tuple[str, str], int]) -> dict[str, list[tuple[str, str]]]:
    """Per node, the cached keys it is the last to read (``last``: each key's last reader, by position in ``order``)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for key, k in last.items():
        out.setdefault(order[k], []).append(key)
    return out


def _tree(program: Program) -> list[tuple[str, int, str | None]]:
    """(node id, depth, parent's mode) in reading order: each group before its children."""
    out: list[tuple[str, int, str | None]] = []

    def visit(node: str, depth: int, parent: str | None) -> None:
        out.append((node, depth, parent))
        grp = program.groups.get(node)
        if grp is not None:
            for child in grp.of:
                visit(child, depth + 1, grp.mode)

    visit(program.rule, 0, None)
    return out


class Run:
    """The outcome arrays of one evaluation, and the per-enterprise result records built from them."""

    def __init__(
        self,
        compiled: CompiledProgram,
        on: dt.date,
        year: int,
        cols: Columns,
        leaves: dict[str, Evaluated],
        codes: dict[str, np.ndarray],
    ) -> None:
        self.compiled = compiled
        self.program = compiled.program
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
        return list(self.compiled.tree)

    def result(self, i: int = 0) -> ProgramResult:
        """The full, explained result for the enterprise in row ``i``."""
        return self.compiled.result(
            self.on,
            self.reference_year,
            lambda node: int(self.codes[node][i]),
            lambda node: self.leaves[node].explain(i),
            self.cols.value_at("name", i),
        )

    def outcome_frame(self) -> pd.DataFrame:
        """One row per enterprise: the verdict and every criterion's outcome, as codes' names."""
        import numpy as np
        import pandas as pd

        names = np.array(["ineligible", "eligible", "incomplete", "review"], dtype=object)
        onames = np.array(["not_met", "met", "unknown", "review"], dtype=object)
        data = {"verdict": names[self.verdict_codes]}
        for node, _, _ in self.compiled.tree:
            if node in self.program.criteria:
                data[node] = onames[self.codes[node]]
        index = self.cols.frame.index if self.cols.frame is not None else None
        return pd.DataFrame(data, index=index)
