"""Screening a table of enterprises against programs: one output row per input row and program.

The evaluation itself is the engine's: :meth:`srdi.catalog.Catalog.run` tests every
criterion as one NumPy operation over the whole frame. This module adds what a
bureau reads: per row, the verdict, the criteria that decided it (not met,
unknown, for a person to judge), the gaps, and the row's errors — every input row,
in input order, whatever is wrong with it.

Which criteria "decided" a verdict is computed over the whole frame too: walking
the rule tree from the root, a child counts where its parent counts and its own
outcome (negated under a ``none`` group) equals its parent's. A failed alternative
inside an ``any`` group that another alternative satisfied is therefore not a
reason; an exclusion that holds is.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from attrs import define, field

from ..engine.compiled import Run
from ..engine.outcomes import CODE_TO_VERDICT, MET, NOT_MET, REVIEW, UNKNOWN, negate
from ..errors import Problem, SrdiError, UnknownNameError
from ..programs import Program
from .read import Table

if TYPE_CHECKING:
    from ..catalog import Catalog

#: Output columns and the Chinese headers a spreadsheet shows for them.
COLUMNS: dict[str, str] = {
    "row": "行号",
    "name": "企业名称",
    "credit_code": "统一社会信用代码",
    "title": "项目名称",
    "program": "项目编号",
    "verdict": "结论",
    "verdict_label": "结论（中文）",
    "not_met": "不符合的条件",
    "unknown": "缺少数据的条件",
    "review": "需人工判断的条件",
    "gaps": "差距",
    "error": "数据错误",
    "warning": "提示",
}
VERDICT_NAMES = np.array([v.value for _, v in sorted(CODE_TO_VERDICT.items())], dtype=object)
VERDICT_LABELS = np.array([v.label for _, v in sorted(CODE_TO_VERDICT.items())], dtype=object)
SEPARATOR = "；"


@define
class ProgramCodes:
    """The outcome arrays of one program over the whole table (every node, every row)."""

    program: Program
    on: dt.date
    reference_year: int
    codes: dict[str, np.ndarray]
    relevant: dict[str, np.ndarray] = field(factory=dict)
    gaps: np.ndarray | None = None

    @property
    def verdict(self) -> np.ndarray:
        """The root outcome per row (0 ineligible, 1 eligible, 2 incomplete, 3 review)."""
        return self.codes[self.program.rule]


@define
class Screening:
    """The result of screening a table: the output frame and, per program, the outcome arrays."""

    frame: pd.DataFrame
    table: Table
    programs: dict[str, ProgramCodes]
    on: dt.date

    def verdicts(self, program: str) -> pd.Series:
        """Verdict names of one program, one per input row, in input order."""
        return pd.Series(VERDICT_NAMES[self.programs[program].verdict], index=self.table.rows, name=program)

    def for_program(self, program: str) -> pd.DataFrame:
        """The output rows of one program (one per input row)."""
        return self.frame[self.frame["program"] == program].reset_index(drop=True)


def resolve_programs(
    catalog: Catalog,
    programs: Sequence[str | Program] | None = None,
    region: str | None = None,
    on: dt.date | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> list[Program]:
    """The programs to run: named ones, or every program of a region (and above) open on ``on``.

    Overrides are checked against every chosen program before any is changed; an
    unknown name, a wrong type or a value outside a reading's choices is refused.
    """
    if programs:
        chosen = [catalog.program(p) for p in programs]
    elif region is not None:
        code = catalog.regions.resolve(region).code
        day = on or dt.date.today()
        chosen = [p for p in catalog.programs_for_region(code) if catalog.is_open(p, day)]
        if not chosen:
            raise UnknownNameError(
                f"no program of {catalog.regions.resolve(region).name} or the nation accepts applications on "
                f"{day.isoformat()}; give --on DATE or --program ID"
            )
    else:
        raise SrdiError("give the programs to run (--program ID) or a region (--region R)")
    if overrides:
        problems: list[Problem] = []
        out = []
        for prog in chosen:
            try:
                out.append(with_checked_overrides(prog, overrides))
            except SrdiError as exc:
                problems.extend(Problem(f"{prog.id}: {p.message}", key=p.key) for p in exc.problems)
        if problems:
            raise UnknownNameError(problems)
        chosen = out
    return chosen


def with_checked_overrides(program: Program, overrides: Mapping[str, Any]) -> Program:
    """``program.with_overrides`` plus the choice lists of readings, checked whole first."""
    problems = []
    for name, value in overrides.items():
        p = program.params.get(name)
        if p is not None and p.choices and value not in p.choices:
            problems.append(Problem(f"{value!r} is not one of {', '.join(map(str, p.choices))}", key=name))
    try:
        changed = program.with_overrides(dict(overrides))
    except SrdiError as exc:
        problems = list(exc.problems) + problems
    if problems:
        raise UnknownNameError(problems)
    return changed


#: Below this many rows a table is evaluated in one piece: threads would cost more than they save.
PARALLEL_FROM = 100_000


def default_workers() -> int:
    """Threads to evaluate with: the cores this process may use (NumPy releases the GIL in its loops)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def screen(
    catalog: Catalog,
    table: Table | pd.DataFrame,
    programs: Sequence[str | Program],
    on: dt.date,
    gaps: bool = True,
    chunk_rows: int | None = None,
    progress: Callable[[int], None] | None = None,
    workers: int | None = None,
) -> Screening:
    """Evaluate every program over every row and build the output frame.

    ``table`` is a :class:`Table` from :func:`srdi.batch.read_table`, or a frame
    already in the engine's columns (``Catalog.frame``). ``chunk_rows`` evaluates in
    slices of that many rows (bounded memory, progress reports); ``progress`` is
    called with the number of rows just finished, per program and slice. Large
    tables are cut into slices evaluated on ``workers`` threads (default: the cores
    available); the result does not depend on how the rows were sliced.
    """
    if isinstance(table, pd.DataFrame):
        table = Table(table.reset_index(drop=True), np.arange(1, len(table) + 1))
    progs = [catalog.program(p) for p in programs]
    n = len(table)
    threads = workers or default_workers()
    if chunk_rows is None and threads > 1 and n >= PARALLEL_FROM:
        chunk_rows = -(-n // threads)
    step = chunk_rows or max(n, 1)
    starts = list(range(0, max(n, 1), step))
    results: dict[str, ProgramCodes] = {}
    for prog in progs:
        catalog.compiled(prog)  # compile once, before any thread uses it

        def run_slice(start: int, prog: Program = prog) -> Run:
            run = catalog.run(prog, table.frame.iloc[start : start + step], on)
            if progress is not None:
                progress(run.cols.n)
            return run

        if threads > 1 and len(starts) > 1:
            with ThreadPoolExecutor(max_workers=threads) as pool:
                runs = list(pool.map(run_slice, starts))
        else:
            runs = [run_slice(start) for start in starts]
        parts = [r.codes for r in runs]
        codes = parts[0] if len(parts) == 1 else {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
        pc = ProgramCodes(prog, on, prog.year_for(on), codes)
        pc.relevant = decisive(prog, codes)
        pc.gaps = _gaps(prog, pc, runs, step) if gaps else None
        del runs, parts  # the runs hold every intermediate column: let them go before the next program
        results[prog.id] = pc
    frame = _output(table, results)
    return Screening(frame, table, results, on)


# --------------------------------------------------------------------------- reasons
def decisive(program: Program, codes: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Per node: where (which rows) its outcome decided its parent's, down from the root."""
    root = program.rule
    verdict = codes[root]
    out: dict[str, np.ndarray] = {root: verdict != MET}

    def visit(node: str, effective: np.ndarray) -> None:
        grp = program.groups.get(node)
        if grp is None:
            return
        for child in grp.of:
            c = codes[child]
            eff = negate(c) if grp.mode == "none" else c
            mask = out[node] & (eff == effective)
            out[child] = out.get(child, np.zeros_like(mask)) | mask
            visit(child, eff)

    visit(root, verdict)
    return out


def _reason_codes(program: Program, pc: ProgramCodes, outcome: int) -> pd.Categorical:
    """Per row: the labels of the decisive leaves with ``outcome`` (exclusions negated), joined.

    Built without a Python loop over rows: each row's set of reasons is packed into
    an integer key, the distinct keys (few, however many rows) are turned into text
    once, and the column is a categorical pointing at them.
    """
    parents = _parent_modes(program)
    leaves = [c for c in program.node_ids() if c in program.criteria]
    n = len(pc.verdict)
    labels: list[str] = []
    keys = np.zeros(n, dtype=np.uint64)
    extra: list[np.ndarray] = []  # beyond 64 reasons, further words
    for cid in leaves:
        rel = pc.relevant.get(cid)
        if rel is None:
            continue
        c = pc.codes[cid]
        eff = negate(c) if parents.get(cid) == "none" else c
        mask = rel & (eff == outcome)
        if not mask.any():
            continue
        crit = program.criteria[cid]
        prefix = "触发排除：" if parents.get(cid) == "none" and outcome == NOT_MET else ""
        bit = len(labels)
        labels.append(f"{prefix}{crit.label}（{crit.clause}）")
        if bit < 64:
            keys |= mask.astype(np.uint64) << np.uint64(bit)
        else:
            extra.append(mask)
    if extra:  # a program with more than 64 decisive leaves: fall back to packed bytes
        packed = np.packbits(np.vstack([_bits(keys, min(len(labels), 64)), *extra]), axis=0)
        void = np.ascontiguousarray(packed.T).view(np.dtype((np.void, packed.shape[0]))).ravel()
        codes, uniques = pd.factorize(void)
        texts = []
        for key in uniques:
            flags = np.unpackbits(np.frombuffer(key, dtype=np.uint8))[: len(labels)]
            texts.append(SEPARATOR.join(lab for lab, f in zip(labels, flags) if f))
    else:
        codes, uniques = pd.factorize(np.asarray(keys, dtype=object))
        texts = [SEPARATOR.join(labels[b] for b in range(len(labels)) if int(k) >> b & 1) for k in uniques]
    return _categorical(codes, texts)


def _bits(keys: np.ndarray, count: int) -> np.ndarray:
    return np.stack([((keys >> np.uint64(b)) & np.uint64(1)).astype(bool) for b in range(count)])


def _categorical(codes: np.ndarray, texts: list[str]) -> pd.Categorical:
    """A categorical of ``texts`` by ``codes``, the empty text standing for "nothing" (missing)."""
    codes = np.asarray(codes, dtype=np.int64)
    if "" in texts:
        empty = texts.index("")
        codes = np.where(codes == empty, -1, codes)
        codes = codes - (codes > empty)
        texts = texts[:empty] + texts[empty + 1 :]
    return pd.Categorical.from_codes(codes, categories=pd.Index(texts, dtype=object), validate=False)


def _parent_modes(program: Program) -> dict[str, str]:
    out = {}
    for g in program.groups.values():
        for child in g.of:
            out[child] = g.mode
    return out


def _gaps(program: Program, pc: ProgramCodes, runs: list[Run], step: int) -> np.ndarray:
    """Per row: the gaps of its decisive unmet criteria ("… needs +26万元 to reach 2%")."""
    n = len(pc.verdict)
    out = np.full(n, None, dtype=object)
    parents = _parent_modes(program)
    for cid in program.criteria:
        rel = pc.relevant.get(cid)
        if rel is None or parents.get(cid) == "none":
            continue
        rows = np.flatnonzero(rel & (pc.codes[cid] == NOT_MET))
        for i in rows:
            run = runs[i // step]
            gap = run.leaves[cid].explain(int(i - (i // step) * step)).gap
            if gap:
                out[i] = gap if out[i] is None else out[i] + SEPARATOR + gap
    return out


def _output(table: Table, results: dict[str, ProgramCodes]) -> pd.DataFrame:
    n = len(table)
    p = len(results)
    if not p:
        return pd.DataFrame(columns=list(COLUMNS))
    # row-major: every program of row 1, then of row 2, … (input order kept)
    take = np.repeat(np.arange(n), p) if p > 1 else np.arange(n)

    def per_row(values: Any) -> Any:
        if isinstance(values, pd.Series):
            return values.reset_index(drop=True).take(take).reset_index(drop=True)
        return values[take] if p > 1 else values

    def per_program(parts: list[pd.Categorical]) -> pd.Categorical:
        if p == 1:
            return parts[0]
        cat = pd.api.types.union_categoricals(parts, ignore_order=True)  # program 1 rows, program 2 rows, …
        order = np.arange(n * p).reshape(p, n).T.ravel()
        return cat.take(order)

    verdicts = [pc.verdict for pc in results.values()]
    data: dict[str, Any] = {
        "row": per_row(np.asarray(table.rows, dtype=np.int64)),
        "name": per_row(_identity(table, "name")),
        "credit_code": per_row(_identity(table, "credit_code")),
        "title": per_program(
            [_categorical(np.zeros(n, dtype=np.int64), [pc.program.title]) for pc in results.values()]
        ),
        "program": per_program([_categorical(np.zeros(n, dtype=np.int64), [pid]) for pid in results]),
        "verdict": per_program([_categorical(v, list(VERDICT_NAMES)) for v in verdicts]),
        "verdict_label": per_program([_categorical(v, list(VERDICT_LABELS)) for v in verdicts]),
        "not_met": per_program([_reason_codes(pc.program, pc, NOT_MET) for pc in results.values()]),
        "unknown": per_program([_reason_codes(pc.program, pc, UNKNOWN) for pc in results.values()]),
        "review": per_program([_reason_codes(pc.program, pc, REVIEW) for pc in results.values()]),
        "gaps": per_program([_text_categorical(pc.gaps, n) for pc in results.values()]),
        "error": per_row(_text_categorical(table.error_column(), n)),
        "warning": per_row(_text_categorical(table.warning_column(), n)),
    }
    return pd.DataFrame({k: (v if isinstance(v, pd.Series) else pd.Series(v)) for k, v in data.items()})


def _identity(table: Table, column: str) -> pd.Series | pd.Categorical:
    """An identity column as output shows it: the frame's column, with cells a check set aside as given."""
    if column in table.frame.columns and not table.as_given.get(column):
        return table.frame[column]
    if column not in table.frame.columns and not table.as_given.get(column):
        return _empty(len(table))
    return pd.Series(table.identity(column), dtype=object)


def _empty(n: int) -> pd.Categorical:
    return pd.Categorical.from_codes(np.full(n, -1), categories=pd.Index([], dtype=object), validate=False)


def _text_categorical(values: np.ndarray | None, n: int) -> pd.Categorical:
    """An object array of texts (None where none) as a categorical."""
    if values is None:
        return _empty(n)
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    return pd.Categorical.from_codes(codes, categories=pd.Index(list(uniques), dtype=object), validate=False)


def summary(screening: Screening) -> pd.DataFrame:
    """Counts of verdicts per program (rows × verdicts), for the end of a run."""
    counts = screening.frame.groupby(["program", "verdict"], observed=True).size().unstack(fill_value=0)
    order = ["eligible", "ineligible", "incomplete", "review"]
    return counts.reindex(columns=[v for v in order if v in counts.columns])
