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
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from contextvars import copy_context
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from attrs import define, field

from .. import clock
from ..engine.columns import FrameArrays, Rows
from ..engine.compiled import Run
from ..engine.evaluation import GapColumns, MergedGaps, gaps_by_row, no_gaps
from ..engine.outcomes import CODE_TO_VERDICT, MET, NOT_MET, REVIEW, UNKNOWN, filled, negate
from ..engine.pages import kept_freed, lasting, ordinary_pages
from ..engine.text import HAS_ARROW, concat_rows, join_chosen, join_rows, to_pandas
from ..errors import ArgumentError, Problem, SrdiError, UnknownNameError
from ..i18n import speaking
from ..i18n import t as message
from ..programs import Program, shown_value
from .read import Table
from .table import joined

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
with speaking("zh"):  # the 结论（中文） column, whatever language the run's messages are in
    VERDICT_LABELS = np.array([v.label for _, v in sorted(CODE_TO_VERDICT.items())], dtype=object)


def reason_separator() -> str:
    """What joins a cell's reasons, and its gaps: the language's separator of parts (；in Chinese, "; " in English)."""
    return message("list.parts")


@define
class ProgramCodes:
    """The outcome arrays of one program over the whole table (every node, every row).

    ``reasons`` holds, per outcome (not met, unknown, review), each row's deciding
    criteria as a categorical column; with gaps, ``gaps`` holds each row's gap texts and
    ``gap_columns`` each criterion's gaps as whole columns (shortfall, unit, text),
    merged from the slices when first read. ``adjusted`` names the parameters overridden
    for this run, which the output states.
    """

    program: Program
    on: dt.date
    reference_year: int
    codes: dict[str, np.ndarray]
    reasons: dict[int, pd.Categorical] = field(factory=dict)
    gaps: Any = None
    gap_columns: Mapping[str, GapColumns] = field(factory=dict)
    #: the parameters screened with values other than the notice's (a what-if run), by name
    adjusted: dict[str, Any] = field(factory=dict)

    @property
    def verdict(self) -> np.ndarray:
        """The root outcome per row (0 ineligible, 1 eligible, 2 incomplete, 3 review)."""
        return self.codes[self.program.rule]

    @property
    def relevant(self) -> dict[str, np.ndarray]:
        """Per node: the rows whose verdict it decided (see :func:`decisive`)."""
        return decisive(self.program, self.codes)


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
        day = on or clock.today()
        chosen = [p for p in catalog.programs_for_region(code) if catalog.is_open(p, day)]
        if not chosen:
            raise UnknownNameError(
                message("cli.none_open", region=catalog.regions.resolve(region).name, date=day.isoformat())
            )
    else:
        raise SrdiError(message("cli.give_programs"))
    if overrides:
        problems: list[Problem] = []
        # all unknown names stay an unknown name; any bad value makes the whole refusal bad input
        kind: type[SrdiError] = UnknownNameError
        out = []
        for prog in chosen:
            try:
                out.append(with_checked_overrides(prog, overrides))
            except SrdiError as exc:
                problems.extend(Problem(f"{prog.id}: {p.message}", key=p.key) for p in exc.problems)
                if not isinstance(exc, UnknownNameError):
                    kind = ArgumentError
        if problems:
            raise kind(problems)
        chosen = out
    return chosen


def with_checked_overrides(program: Program, overrides: Mapping[str, Any]) -> Program:
    """``program.with_overrides``, every name, type and choice checked before anything changes.

    Its problems are raised as it raises them, each naming its parameter: an unknown name
    as :class:`UnknownNameError`, a value of the wrong type or reading as
    :class:`~srdi.errors.ArgumentError` (the API answers 400, not 404; the CLI exits 2 either way).
    """
    return program.with_overrides(dict(overrides))


#: Rows evaluated together: a table up to the first figure is one slice; no slice has more than the
#: second. Small enough to bound the memory a slice works in (tens of bytes a row), large enough
#: that the per-slice cost in Python (a few thousand calls, each taking the GIL from the other threads)
#: vanishes beside the work on the rows. Interleaved fresh processes on the peers' pool, two cores, first
#: screen: 1M rows took 106–122 ms in two slices of 500,000 against 130–147 ms in eight of 125,000; 3M rows
#: 244–250 ms in slices of 500,000 against 275–277 ms in slices of 250,000.
SLICE_ROWS = (32_768, 524_288)
#: The most rows in a slice whose gaps are stated. A row's gap texts and their pieces outweigh its outcomes
#: many times over, so a slice is smaller than one that states none; but stating gaps holds Python's lock
#: for a few thousand calls a slice, which fewer slices save. Interleaved fresh processes on the peers'
#: pool, two cores, first screen, twelve each: 1M rows took a median 345–353 ms in slices of 250,000
#: against 397 ms in slices of 125,000 and 360 ms in slices of 500,000, with 410, 300 and 540 MB beyond
#: the input at the peak; 3M rows 0.97–1.12 s against 1.19–1.53 s in slices of 125,000 (four each).
GAP_SLICE_ROWS = 262_144


def slice_rows(n: int, threads: int, most: int = SLICE_ROWS[1]) -> int:
    """Rows per slice for a table of ``n`` rows on ``threads`` threads, ``most`` rows a slice at most.

    The fewest slices within the bound, rounded up to a multiple of the threads and
    made equal: no thread waits on another's larger or last slice (1M rows on two threads
    are two slices of 500,000, not 524,288 and 475,712).
    """
    low, high = SLICE_ROWS[0], most
    if n <= low:
        return max(n, 1)
    slices = -(-n // high)
    slices = -(-slices // threads) * threads
    return -(-n // slices)


def threads_for(n: int, workers: int, step: int | None = None) -> int:
    """Threads worth starting for ``n`` rows in slices of ``step``: ``workers`` at most, one slice each at least.

    A table that fits one slice stays on one thread: split in two, its halves are too
    small to pay for a second thread. Measured on two cores in interleaved fresh
    processes on the peers' pool, first screen: 100,000 rows took 41–44 ms in one slice
    against 52–57 ms in two halves on two threads; 300,000 rows 64–65 ms against 65–74
    ms; 600,000 rows in two slices of 300,000, a thread each, 83–91 ms against 104–119 ms
    in six slices of 100,000 on two threads.
    """
    slices = -(-n // (step or SLICE_ROWS[1]))
    return max(1, min(workers, slices))


def default_workers() -> int:
    """Threads to evaluate with: the cores this process may use (NumPy releases the GIL in its loops)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


@define
class _Whole:
    """What the slices of a table write for one program: outcome codes, packed reasons, gaps and gap texts per slice."""

    codes: dict[str, np.ndarray]
    #: per row, the code of its reasons among its slice's distinct packings (made global once all are in)
    reasons: np.ndarray
    #: per slice (by first row), its distinct packings of reasons, as rows of 64-bit words
    distinct: dict[int, np.ndarray] = field(factory=dict)
    #: per slice (by first row), each criterion's gaps, their rows counted from the slice's first
    gaps: dict[int, dict[str, GapColumns]] = field(factory=dict)
    texts: dict[int, Any] = field(factory=dict)


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
    tables are cut into slices evaluated on up to ``workers`` threads (default: the
    cores available; no more than there are slices, see
    :func:`threads_for`); the result does not depend on how the rows were sliced.
    """
    if isinstance(table, pd.DataFrame):
        # renumbered only where needed: before copy-on-write (pandas 2), reset_index copies every column
        index = table.index
        numbered = isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1
        table = Table(table if numbered else table.reset_index(drop=True), np.arange(1, len(table) + 1))
    progs = [catalog.program(p) for p in programs]
    with ordinary_pages(), kept_freed():
        return _screened(catalog, table, progs, on, gaps, chunk_rows, progress, workers)


def _screened(
    catalog: Catalog,
    table: Table,
    progs: list[Program],
    on: dt.date,
    gaps: bool,
    chunk_rows: int | None,
    progress: Callable[[int], None] | None,
    workers: int | None,
) -> Screening:
    n = len(table)
    most = GAP_SLICE_ROWS if gaps else SLICE_ROWS[1]
    threads = threads_for(n, workers or default_workers(), chunk_rows or most)
    step = chunk_rows or slice_rows(n, threads, most)
    starts = list(range(0, max(n, 1), step))
    results: dict[str, ProgramCodes] = {}
    arrays = Rows.arrays(table.frame)  # once: every slice cuts these
    with ThreadPoolExecutor(max_workers=threads) if threads > 1 and len(starts) > 1 else nullcontext() as pool:
        for prog in progs:
            results[prog.id] = _program(catalog, table, arrays, prog, on, gaps, starts, step, progress, pool)
    frame = _output(table, results)
    return Screening(frame, table, results, on)


def _program(
    catalog: Catalog,
    table: Table,
    arrays: FrameArrays,
    prog: Program,
    on: dt.date,
    gaps: bool,
    starts: list[int],
    step: int,
    progress: Callable[[int], None] | None,
    pool: ThreadPoolExecutor | None,
) -> ProgramCodes:
    """One program over every slice of the table (on ``pool``'s threads where given)."""
    n = len(table)
    compiled = catalog.compiled(prog)  # compile once, before any thread uses it
    # the criteria whose outcome one value in every row of what they read decides; worked out on the first
    # row, which also notes what each criterion reads, so that every lean slice (its first included) drops
    # a converted column after its last reader: less memory to map at once
    uniform = compiled.uniform(Rows(arrays, 0, n), on, map if pool is None else pool.map)
    adjusted = catalog.adjustments(prog)
    plan = _Plan(prog, uniform, adjusted)
    if gaps:  # a criterion not met states its gaps, which only its evaluation row by row gives
        uniform = {k: c for k, c in uniform.items() if not (c == NOT_MET and k in plan.gap_leaves)}
    # one block for the codes of every node evaluated row by row: a single large allocation, on huge pages,
    # is mapped in far fewer page faults than one array per node; a node with one outcome is a view of it
    varied = [node for node in compiled.order if node not in plan.uniform]
    rows_of = dict(zip(varied, lasting((len(varied), n), np.int8)))
    codes = {node: rows_of[node] if node in rows_of else filled(plan.uniform[node], n) for node in compiled.order}
    whole = _Whole(codes, lasting((n,), np.intp))  # intp: what np.take indexes by; it outlives the slices too

    def run_slice(start: int) -> None:
        # each thread writes its own rows; a slice's columns are dropped before the next
        stop = min(start + step, n)
        # each node's codes go into the table's as they are made, while they are in the caches
        into = {node: rows[start:stop] for node, rows in rows_of.items()}
        run = compiled.run(Rows(arrays, start, stop), on, lean=not gaps, uniform=uniform, into=into)
        plan.slice(run, gaps, start, whole)
        if progress is not None:
            progress(len(run.verdict_codes))

    if pool is not None:
        # each slice in a copy of the caller's context: its gap texts in the language chosen for this run
        for done in [pool.submit(copy_context().run, run_slice, start) for start in starts]:
            done.result()
    else:
        for start in starts:
            run_slice(start)
    pc = ProgramCodes(prog, on, prog.year_for(on), whole.codes, adjusted=adjusted)
    packing, distinct, via = _merged(whole, starts, step)
    pc.reasons = _reason_columns(plan, packing, distinct, via, pool)
    if gaps:
        found = {
            cid: [(s, whole.gaps[s][cid]) for s in starts if cid in whole.gaps.get(s, {})] for cid in plan.gap_leaves
        }
        pc.gap_columns = MergedGaps(found)
        pc.gaps = concat_rows([whole.texts[s] for s in starts])
    return pc


# --------------------------------------------------------------------------- reasons
#: The outcomes a row's deciding criteria are listed under: not met, unknown, for a person to judge.
REASONS = (NOT_MET, UNKNOWN, REVIEW)


class _Plan:
    """A program's leaves for the output: their reason labels, packed positions and which ones state gaps."""

    def __init__(
        self, program: Program, uniform: Mapping[str, int] | None = None, adjusted: Mapping[str, Any] | None = None
    ) -> None:
        self.program = program
        self.parents = _parent_modes(program)
        everyone = [c for c in program.node_ids() if c in program.criteria]
        excluding = {c for c in everyone if self.parents.get(c) == "none"}
        #: the nodes with one outcome in every row of the table, and that outcome
        self.uniform = dict(uniform or {})
        # a leaf met in every row (an exclusion: not met in every row) is never a reason: it is not packed
        self.leaves = [c for c in everyone if self.uniform.get(c) != (NOT_MET if c in excluding else MET)]
        #: each leaf's reason is 2 bits (none, not met, unknown, review): four leaves a byte
        self.bytes = max(1, -(-len(self.leaves) // 4))
        #: the leaves that state gaps, in the rule's order (as the reasons list them)
        self.gap_leaves = [c for c in everyone if self.parents.get(c) != "none"]
        #: the leaves that state gaps, as a set
        self.gapped = frozenset(self.gap_leaves)
        #: the leaves a slice needs the deciding rows of: for the reasons, and for the gaps too
        self.listed = frozenset(self.leaves)
        self.reported = self.listed | self.gapped
        #: each packed leaf's place in a row's packing
        self.position = {cid: k for k, cid in enumerate(self.leaves)}
        #: the leaves under a ``none`` group (an exclusion): their outcome is negated before it is a reason
        self.negated = frozenset(k for k, c in enumerate(self.leaves) if c in excluding)
        named = reason_labels(program)
        # a label keeps the notice's words ("达到2000万元"): a criterion tested with another value says so
        for node, names in program.adjusted_nodes(adjusted or {}).items():
            if node in named:
                named[node] += adjustment_note({k: (adjusted or {})[k] for k in names})
        self.labels = {o: [self._label(cid, named[cid], o) for cid in self.leaves] for o in REASONS}
        #: what joins a cell's reasons and gaps, in the language of the run
        self.sep = reason_separator()
        #: whether distinct sets of leaves are always worded differently: their labels are distinct and none holds
        #: the separator, so that a joined text splits back into its labels one way only
        self.worded_apart = all(
            len(set(labels)) == len(labels) and not any(self.sep in label for label in labels)
            for labels in self.labels.values()
        )

    def _label(self, cid: str, named: str, outcome: int) -> str:
        # an exclusion that holds is listed as not met, led by 触发排除 (in the language of the run)
        return (
            message("batch.exclusion_holds", label=named)
            if self.parents.get(cid) == "none" and outcome == NOT_MET
            else named
        )

    def slice(self, run: Run, gaps: bool, start: int, whole: _Whole) -> None:
        """Everything the output needs from one slice's run, written into ``whole``; the run itself can then go."""
        codes = run.codes  # the nodes evaluated row by row wrote their codes into whole.codes as they went
        n = len(run.verdict_codes)
        rows = slice(start, start + n)
        # 2-bit reason (REASON_BITS): NOT_MET → 1, REVIEW → 2, UNKNOWN → 3; MET and rows it does not decide → 0.
        # Leaf by leaf as the walk down the rule reaches it, each array a slice's length (in the caches), packed
        # four leaves a byte; a leaf's rows are dropped once packed, unless its gaps are stated.
        packed = np.zeros((self.bytes, n), dtype=np.uint8)
        relevant: dict[str, np.ndarray] = {}
        for cid, rel in deciding(self.program, codes, self.reported if gaps else self.listed):
            if gaps and cid in self.gapped:
                relevant[cid] = relevant[cid] | rel if cid in relevant else rel
            k = self.position.get(cid)
            if k is None:
                continue
            # the reason is the outcome with its low bit flipped (NOT_MET 0 ↔ MET 1, UNKNOWN 2 ↔ REVIEW 3), one
            # pass; under a ``none`` group (an exclusion) MET and NOT_MET keep theirs, which undoes the negation
            # that made the outcome a reason. Every operand is a byte array, as NumPy's loops over one type are
            # several times faster than those casting each element. A leaf reached twice adds its rows.
            u = codes[cid].view(np.uint8)
            flip = u >> np.uint8(1) if k in self.negated else np.uint8(1)
            reason = (u ^ flip) * rel.view(np.uint8)
            if k % 4:  # moved to its two bits by a multiplication: NumPy's shifts of bytes have no vector loop
                reason *= np.uint8(1 << 2 * (k % 4))
            packed[k // 4] |= reason
        # the distinct packings are found here, in the slice's thread; the slices' ones are merged after
        whole.reasons[rows], whole.distinct[start] = _distinct_rows(_packing_keys(packed))
        if gaps:
            found: dict[str, GapColumns] = {}
            for cid in self.gap_leaves:
                ev = run.leaves.get(cid)
                if ev is not None and ev.gaps is no_gaps:  # of a type that states no gap: its rows are not sought
                    continue
                at = np.flatnonzero(relevant.get(cid, _NONE) & (codes[cid] == NOT_MET))
                if not len(at):
                    continue
                assert ev is not None  # a criterion not met in some row was evaluated row by row
                gap = ev.gaps(at) if ev.gaps is not None else gaps_by_row(ev, at)
                if len(gap.rows):
                    found[cid] = gap
            # the slice's texts are made here, on its thread, while its gaps are small and in the caches
            whole.texts[start] = join_rows(n, [g.pieces for g in found.values()], self.sep)
            whole.gaps[start] = found  # rows from the slice's first: moved when merged (MergedGaps)


def adjustment_note(changed: Mapping[str, Any]) -> str:
    """``〔已调整：revenue.value=2500〕``: what an output names beside what was screened with overridden values ('' for none).

    Worded in the language of messages (``[adjusted: revenue.value=2500]`` in English).
    """
    if not changed:
        return ""
    settings = message("batch.settings_sep").join(f"{k}={shown_value(v)}" for k, v in changed.items())
    return message("batch.adjusted_note", settings=settings)


def reason_labels(program: Program) -> dict[str, str]:
    """Each criterion as a row's reasons name it: its label and clause, told apart from every other's.

    Criteria may share a label and clause (the same test for each of three years, or
    in two branches of the rule); a row's reasons would then not say which one, and
    two sets of reasons could read alike. Such a label is led by the labels of the
    groups it sits in, nearest last, until it reads differently from the others
    (“近三年第3年：净资产和净利润为正值／净利润为正值（第五条（三））”); where the groups
    do not tell them apart either, the criterion's id ends it.
    """
    parent = {child: grp.id for grp in program.groups.values() for child in grp.of}
    plain = {cid: f"{crit.label}（{crit.clause}）" for cid, crit in program.criteria.items()}
    seen: dict[str, list[str]] = {}
    for cid, text in plain.items():
        seen.setdefault(text, []).append(cid)
    out = dict(plain)
    taken = set(plain.values())
    for alike in (cids for cids in seen.values() if len(cids) > 1):
        chains = {cid: _group_labels(program, parent, cid) for cid in alike}
        for depth in range(1, max(len(c) for c in chains.values()) + 1):
            named = {cid: "／".join([*chains[cid][-depth:], plain[cid]]) for cid in alike}
            if len(set(named.values())) == len(alike) and not taken & set(named.values()):
                break
        else:
            named = {cid: f"{plain[cid]}〔{cid}〕" for cid in alike}
        out.update(named)
        taken |= set(named.values())
    return out


def _group_labels(program: Program, parent: Mapping[str, str], node: str) -> list[str]:
    """The labels of the groups ``node`` sits in, outermost first (the root's left out: it is every criterion's)."""
    out = []
    at = parent.get(node)
    while at is not None and at != program.rule:
        label = program.groups[at].label
        if label:
            out.append(label)
        at = parent.get(at)
    return out[::-1]


_NONE = np.zeros(0, dtype=bool)


def decisive(
    program: Program, codes: Mapping[str, np.ndarray], leaves: Container[str] | None = None
) -> dict[str, np.ndarray]:
    """Per node: where (which rows) its outcome decided its parent's, down from the root.

    ``leaves``: the criteria whose rows are wanted (every group's are worked out, as its
    children's rest on them); None: every criterion's.
    """
    out: dict[str, np.ndarray] = {}
    for node, mask in deciding(program, codes, leaves):
        out[node] = out[node] | mask if node in out else mask
    return out


def deciding(
    program: Program, codes: Mapping[str, np.ndarray], leaves: Container[str] | None = None
) -> Iterator[tuple[str, np.ndarray]]:
    """:func:`decisive` one node at a time: each node with rows it decided, as the walk down from the root reaches it.

    A node under several groups comes once from each; where it decided is where any of
    them says so. A criterion's rows are given up as soon as they are yielded (only the
    groups' are kept, for their children), so a caller that uses each one at once holds
    a few of them at a time, not one per criterion.
    """
    root = program.rule
    verdict = codes[root]
    held: dict[str, np.ndarray] = {root: verdict != MET}
    yield root, held[root]
    # depth first, children in order, with a stack of its own: a nested function calling itself would be a
    # reference cycle, and hold every mask and outcome of the slice until Python's cycle collector ran
    todo: list[tuple[str, np.ndarray]] = [(root, verdict)]
    while todo:
        node, effective = todo.pop()
        grp = program.groups.get(node)
        if grp is None:
            continue
        below = []
        for child in grp.of:
            if leaves is not None and child not in leaves and child not in program.groups:
                continue
            c = codes[child]
            eff = negate(c) if grp.mode == "none" else c
            mask = held[node] & (eff == effective)
            if child in program.groups:
                held[child] = held[child] | mask if child in held else mask
                below.append((child, eff))
            yield child, mask
        todo.extend(reversed(below))


def _reason_columns(
    plan: _Plan,
    codes: np.ndarray,
    distinct: np.ndarray,
    via: np.ndarray | None = None,
    pool: ThreadPoolExecutor | None = None,
) -> dict[int, pd.Categorical]:
    """Per outcome, per row: the labels of its deciding leaves with that outcome, joined, as a categorical.

    Each row's reasons are packed in a few bytes; ``codes`` numbers each row's packing
    among the ``distinct`` ones (few, however many rows), or, with ``via``, among packings
    that ``via`` numbers among the distinct ones. Per outcome, the distinct packings come
    down to fewer distinct sets of leaves, and each set is worded once.

    With a ``pool``, the outcomes are worded on its threads at once: wording one holds
    Python's lock, while another's NumPy work (taking a code for every row) does not.
    """

    def column(o: int) -> pd.Categorical:
        sets, inverse = _distinct_sets(_leaf_sets(distinct, REASON_BITS[o]))
        recode, texts = _without_empty(_worded(sets, plan.labels[o], plan.sep), distinct=plan.worded_apart)
        table = np.take(recode.astype(_code_type(len(texts))), inverse)
        categories = (
            _distinct_categories(texts) if plan.worded_apart else pd.CategoricalDtype(pd.Index(texts, dtype=object))
        )
        return pd.Categorical.from_codes(
            np.take(table if via is None else np.take(table, via), codes), dtype=categories, validate=False
        )

    if pool is None:
        return {o: column(o) for o in REASONS}
    # on the pool's threads, each in a copy of the caller's context: its texts in the language of the run
    done = {o: pool.submit(copy_context().run, column, o) for o in REASONS}
    return {o: done[o].result() for o in REASONS}


def _distinct_categories(texts: list[str]) -> pd.CategoricalDtype:
    """The categories of a column whose texts are known to be distinct, not hashed again to check.

    Reason texts run to tens of thousands, a few hundred characters each: pandas would
    hash them all to check what their construction already ensures.
    """
    index = pd.Index(texts, dtype=object)
    fast = getattr(pd.CategoricalDtype, "_from_fastpath", None)  # pandas 2 and 3; checked where absent
    return fast(index, False) if fast is not None else pd.CategoricalDtype(index)


#: A leaf's 2-bit reason in a row's packing, by the outcome it is listed under: the outcome with its low bit
#: flipped (an exclusion's MET, listed as not met, is 1 too); 0 where the leaf is no reason.
REASON_BITS = {NOT_MET: 1, REVIEW: 2, UNKNOWN: 3}
#: The low bit of every 2-bit reason in a 64-bit word of packed reasons.
_LOW = np.uint64(0x5555_5555_5555_5555)
#: Shifts and masks that move the even bits of a 64-bit word together into its low 32 bits.
_GATHER = tuple(
    (np.uint64(s), np.uint64(m))
    for s, m in (
        (1, 0x3333_3333_3333_3333),
        (2, 0x0F0F_0F0F_0F0F_0F0F),
        (4, 0x00FF_00FF_00FF_00FF),
        (8, 0x0000_FFFF_0000_FFFF),
        (16, 0x0000_0000_FFFF_FFFF),
    )
)


def _leaf_sets(distinct: np.ndarray, reason: int) -> np.ndarray:
    """Per distinct packing (rows of 64-bit words), its leaves with 2-bit ``reason``, leaf ``32w + j`` as bit j of word w."""
    low = distinct & _LOW
    high = (distinct >> np.uint64(1)) & _LOW
    hits = low & ~high if reason == 1 else high & ~low if reason == 2 else low & high
    for shift, mask in _GATHER:
        hits = (hits | (hits >> shift)) & mask
    return hits.astype(np.uint32)


def _distinct_sets(sets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of ``sets`` (rows of 32-leaf words) in ascending order, and each row's place among them."""
    if sets.shape[1] <= 2:  # up to 64 leaves: one 64-bit key a row (a sort by rows is several times slower)
        key = sets[:, 0].astype(np.uint64)
        if sets.shape[1] == 2:
            key |= sets[:, 1].astype(np.uint64) << np.uint64(32)
        # sorted, the sets are worded with their common chunks side by side, and in the order they always were
        unique, at = _unique(key)
        words = [unique.astype(np.uint32), (unique >> np.uint64(32)).astype(np.uint32)][: sets.shape[1]]
        return np.stack(words, axis=1), at
    unique, inverse = np.unique(sets, axis=0, return_inverse=True)
    return unique, inverse.reshape(-1)


def _unique(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(values, return_inverse=True)`` for a 1-D array: hashed, then only the distinct values sorted.

    Of the packings of an outcome few rows list, nearly every set is empty: a sort's worst
    case (np.unique took 1.2 ms over 10,917 packings listing a few hundred sets; this 0.1 ms).
    """
    at, found = _factorized(values)
    order = np.argsort(found)
    rank = np.empty(len(order), dtype=np.intp)
    rank[order] = np.arange(len(order))
    return np.asarray(found, dtype=values.dtype)[order], rank[at]


#: Leaves worded together: a set's text is joined from the texts of its chunks of this many leaves.
CHUNK_BITS = 16
#: Leaves worded one by one: a chunk's text is joined from its halves' texts, down to this many leaves.
WORD_BITS = 8


def _worded(sets: np.ndarray, labels: list[str], sep: str) -> np.ndarray:
    """Each set's labels joined by ``sep``, in leaf order ('' for the empty set), as an array of strings.

    Rows list many criteria (a dozen and more is common), and the distinct sets are many
    (tens of thousands over a million rows), so a set's text is joined from the texts
    of its 16-leaf chunks, each distinct chunk worded once from its two halves.
    """
    parts = []
    for first in range(0, len(labels), CHUNK_BITS):
        word, shift = divmod(first, 32)
        chunk = (sets[:, word] >> np.uint32(shift)) & np.uint32((1 << CHUNK_BITS) - 1)
        values, which = _unique(chunk)
        parts.append((_halves(values, labels[first : first + CHUNK_BITS], CHUNK_BITS, sep), which))
    return join_chosen(parts, sep) if parts else np.full(len(sets), "", dtype=object)


def _halves(values: np.ndarray, labels: list[str], width: int, sep: str) -> np.ndarray:
    """The text of each of ``values`` (sets of up to ``width`` leaves, as bits), joined from its halves' texts."""
    half = width // 2
    if width <= WORD_BITS or len(labels) <= half:
        if width > WORD_BITS:  # the upper half is empty
            return _halves(values, labels, half, sep)
        return np.array(
            [sep.join(labels[j] for j in range(len(labels)) if v >> j & 1) for v in values.tolist()], dtype=object
        )
    low, low_at = _unique(values & np.uint32((1 << half) - 1))
    high, high_at = _unique(values >> np.uint32(half))
    halves = [(_halves(low, labels[:half], half, sep), low_at), (_halves(high, labels[half:], half, sep), high_at)]
    return join_chosen(halves, sep)


def _packing_keys(packed: np.ndarray) -> np.ndarray:
    """Packed reasons (bytes × rows) as rows of 64-bit words, one row per enterprise."""
    n = packed.shape[1]
    words = -(-packed.shape[0] // 8)
    wide = np.zeros((n, 8 * words), dtype=np.uint8)
    wide[:, : packed.shape[0]] = packed.T
    return wide.view(np.uint64)


def _distinct_rows(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A code per row of ``keys`` (rows × words), equal rows sharing it, and the distinct rows in code order."""
    codes, uniques = _factorized(keys[:, 0])
    distinct = np.asarray(uniques, dtype=np.uint64).reshape(-1, 1)
    for w in range(1, keys.shape[1]):  # more than 32 leaves: refine by the next word
        more, extra = _factorized(keys[:, w])
        pairs, first = _factorized(codes.astype(np.int64) * len(extra) + more)
        distinct = np.column_stack(
            [distinct[first // len(extra)], np.asarray(extra, dtype=np.uint64)[first % len(extra)]]
        )
        codes = pairs
    return codes, distinct


#: Entries the hash table that finds distinct packings is first made for. pandas makes it for as many as there
#: are rows (megabytes for a slice, beyond a core's caches), where a slice's distinct packings number a few
#: thousand: the table grows if they are more. On the peers' pool (about 11,000 distinct packings in a slice
#: of 125,000 rows), finding them took 12.0–12.4 ms over 1M rows on one thread against 13.6–14.3 ms.
DISTINCT_HINT = 1 << 14


def _factorized(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize(values)`` (a code per value, and the distinct values in code order), its table started small."""
    try:
        from pandas.core.algorithms import factorize_array  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - a pandas without it: its own sizing
        return pd.factorize(values)
    return factorize_array(values, size_hint=min(len(values), DISTINCT_HINT))


def _merged(whole: _Whole, starts: list[int], step: int) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Each row's code among the slices' packings end to end, and the distinct packings of the whole table.

    The third value numbers each of the slices' packings among the distinct ones (None
    where there is one slice): the rows are renumbered through it only once per outcome.
    """
    parts = [whole.distinct[s] for s in starts]
    if len(parts) == 1:
        return whole.reasons, parts[0], None
    codes = whole.reasons
    offset = 0
    for s, part in zip(starts, parts):
        codes[s : s + step] += offset
        offset += len(part)
    overall, distinct = _distinct_rows(np.concatenate(parts))
    return codes, distinct, overall


def _categorical(codes: np.ndarray, texts: list[str]) -> pd.Categorical:
    """A categorical of ``texts`` by ``codes``, the empty text standing for "nothing" (missing).

    The codes stay in the smallest integers that hold them: a column of a million rows
    is then a megabyte, with no wider copy made on the way.
    """
    recode, kept = _without_empty(texts)
    kind = _code_type(len(kept))
    if len(recode) == len(kept):  # every text kept, in order: the codes are the categorical's (its own copy)
        values = codes.astype(kind, copy=True)
    else:
        values = np.take(recode.astype(kind), codes)
    return pd.Categorical.from_codes(values, categories=pd.Index(kept, dtype=object), validate=False)


def _code_type(categories: int) -> type[np.signedinteger[Any]]:
    """The integer type pandas keeps the codes of so many categories in (−1 for missing included)."""
    return np.int8 if categories < 127 else np.int16 if categories < 32_767 else np.int32


def _without_empty(texts: Iterable[str], distinct: bool = False) -> tuple[np.ndarray, list[str]]:
    """Each text's code among the distinct texts once the empty one is left out (−1 for it: missing), and those texts.

    Texts are distinct as a rule; a label that holds the separator can make two sets read
    alike, and a categorical holds each text once. ``distinct``: the caller knows they
    are (distinct sets of labels that no separator joins ambiguously), and they are not
    hashed to find out.
    """
    kept = list(texts)
    if not distinct and len(set(kept)) < len(kept):
        codes, uniques = pd.factorize(np.array(kept, dtype=object))
        recode, kept = codes.astype(np.int64), list(uniques)
    else:
        recode = np.arange(len(kept), dtype=np.int64)
    # looked for first where it is as a rule (the empty set's key is the lowest), before a search of every text
    empty = 0 if kept and kept[0] == "" else kept.index("") if "" in kept else None
    if empty is not None:  # the codes after it move down
        recode = np.where(recode == empty, -1, recode - (recode > empty))
        del kept[empty]
    return recode, kept


def _parent_modes(program: Program) -> dict[str, str]:
    out = {}
    for g in program.groups.values():
        for child in g.of:
            out[child] = g.mode
    return out


def _output(table: Table, results: dict[str, ProgramCodes]) -> pd.DataFrame:
    n = len(table)
    p = len(results)
    if not p:
        return pd.DataFrame(columns=list(COLUMNS))
    # row-major: every program of row 1, then of row 2, … (input order kept)
    take = np.repeat(np.arange(n), p) if p > 1 else None
    order = np.arange(n * p).reshape(p, n).T.ravel() if p > 1 else None

    def per_row(values: Any) -> Any:
        if isinstance(values, pd.Series):
            values = values.reset_index(drop=True)
            return values if take is None else values.take(take).reset_index(drop=True)
        return values if take is None else values[take]

    def per_program(parts: list[Any]) -> Any:
        if order is None:
            return parts[0]
        if isinstance(parts[0], pd.Categorical):
            union = pd.api.types.union_categoricals(parts, ignore_order=True)
            # categories stay Python strings, as a single program's are (pandas would infer its own dtype)
            categories = pd.Index(union.categories, dtype=object)
            return pd.Categorical.from_codes(union.codes, categories=categories, validate=False).take(order)
        return text_array(concat_texts(parts).take(order) if HAS_ARROW else np.concatenate(parts)[order])

    verdicts = [pc.verdict for pc in results.values()]
    data: dict[str, Any] = {
        "row": per_row(np.asarray(table.rows, dtype=np.int64)),
        "name": per_row(_identity(table, "name")),
        "credit_code": per_row(_identity(table, "credit_code")),
        "title": per_program(
            [
                _categorical(np.zeros(n, dtype=np.int8), [pc.program.title + adjustment_note(pc.adjusted)])
                for pc in results.values()
            ]
        ),
        "program": per_program([_categorical(np.zeros(n, dtype=np.int8), [pid]) for pid in results]),
        "verdict": per_program([_categorical(v, list(VERDICT_NAMES)) for v in verdicts]),
        "verdict_label": per_program([_categorical(v, list(VERDICT_LABELS)) for v in verdicts]),
        "not_met": per_program([pc.reasons[NOT_MET] for pc in results.values()]),
        "unknown": per_program([pc.reasons[UNKNOWN] for pc in results.values()]),
        "review": per_program([pc.reasons[REVIEW] for pc in results.values()]),
        "gaps": per_program([_gap_texts(pc, n) for pc in results.values()]),
        "error": per_row(_row_texts(table.errors, n)),
        "warning": per_row(_row_texts(table.warnings, n)),
    }
    # every column was made for this frame (the identity columns through reset_index): no second copy
    return pd.DataFrame(
        {k: (v if isinstance(v, pd.Series) else pd.Series(v, copy=False)) for k, v in data.items()}, copy=False
    )


def _gap_texts(pc: ProgramCodes, n: int) -> Any:
    return text_array(join_rows(n, [], "") if pc.gaps is None else pc.gaps)  # no gaps: nothing is joined


def text_array(col: Any) -> Any:
    """A text column (from :mod:`srdi.engine.text`) as a pandas array."""
    return to_pandas(col)


def concat_texts(parts: list[Any]) -> Any:
    """Text columns of several programs end to end, as one Arrow array."""
    import pyarrow as pa

    return pa.chunked_array([_arrow_texts(p) for p in parts], type=pa.large_string()).combine_chunks()


def _arrow_texts(col: Any) -> Any:
    """A pandas text array as one Arrow large-string array."""
    import pyarrow as pa

    arr = pa.array(col)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    return arr.cast(pa.large_string())


def _identity(table: Table, column: str) -> pd.Series | pd.Categorical:
    """An identity column as output shows it: the frame's column, with cells a check set aside as given."""
    if column in table.frame.columns and not table.as_given.get(column):
        return table.frame[column]
    if column not in table.frame.columns and not table.as_given.get(column):
        return _empty(len(table))
    return pd.Series(table.identity(column), dtype=object)


def _empty(n: int) -> pd.Categorical:
    return pd.Categorical.from_codes(
        np.full(n, -1, dtype=np.int8), categories=pd.Index([], dtype=object), validate=False
    )


def _row_texts(problems: Mapping[int, list[str]], n: int) -> pd.Categorical:
    """Each row's problems joined (missing where it has none), as a categorical."""
    if not problems:
        return _empty(n)
    codes, uniques = pd.factorize(pd.Series(joined(problems, n), dtype=object), use_na_sentinel=True)
    return pd.Categorical.from_codes(codes, categories=pd.Index(list(uniques), dtype=object), validate=False)


def summary(screening: Screening) -> pd.DataFrame:
    """Counts of verdicts per program (rows × verdicts), for the end of a run."""
    counts = screening.frame.groupby(["program", "verdict"], observed=True).size().unstack(fill_value=0)
    order = ["eligible", "ineligible", "incomplete", "review"]
    return counts.reindex(columns=[v for v in order if v in counts.columns])
