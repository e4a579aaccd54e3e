"""What a condition type compiles a criterion into, and what the engine gets back from it.

A condition type (:class:`ConditionType`, registered by ``srdi_register_condition_types``)
compiles each criterion once per program. Its ``build(args, context)`` returns an
:data:`Evaluator`: called with the columns of a frame, it returns an :class:`Evaluated`
— one outcome code per enterprise (``int8``), ``explain(i)`` for one row and,
optionally, ``gaps(rows)``: the gaps of many rows as whole columns. Its optional
``build_one(args, context)`` returns a :data:`OneEvaluator` for a single enterprise in
plain Python. A type without ``build_one`` still checks one enterprise (its evaluator
runs on a one-row frame); one without ``gaps`` still explains a batch (row by row).
The two paths must agree exactly; srdi's own types are proven to by a differential test.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs
from attrs import define, frozen

from ..i18n import tn

if TYPE_CHECKING:
    import numpy as np

    from ..programs import Criterion
    from .columns import Columns
    from .facts import Facts
    from .metrics import MetricSet
    from .text import Fragments, Pieces
    from .titles import TitleBook


@frozen
class Explanation:
    """Why a criterion came out as it did for one enterprise."""

    values: dict[str, Any] = attrs.field(factory=dict)
    threshold: str | None = None
    gap: str | None = None
    gap_value: float | None = None
    gap_unit: str | None = None
    note: str | None = None


@frozen
class GapColumns:
    """The gaps of one criterion at chosen rows of a frame, as whole columns.

    ``value`` is the shortfall (or excess) per row — 万元 of R&D still needed,
    percentage points, years —, NaN where none is stated, in the unit
    ``units[form]``. The text a person reads is ``text``: either given as
    :class:`srdi.engine.text.Fragments`, or worded on demand as
    ``prefixes[form] + number + suffixes[form]`` (``wording``), each distinct text
    once. Rows without a gap are left out.
    """

    rows: np.ndarray
    value: np.ndarray
    form: np.ndarray
    units: tuple[str | None, ...]
    given: Fragments | None = None
    threshold: str | None = None
    wording: tuple[tuple[str, ...], tuple[str, ...]] | None = None

    @property
    def text(self) -> Fragments:
        """Each row's gap text, each distinct text stored once."""
        if self.given is not None:
            return self.given
        from .text import fragments

        assert self.wording is not None
        return fragments(self.rows, self.form, self.value, *self.wording)

    @property
    def pieces(self) -> Pieces:
        """Each row's gap text as pieces, for joining with other criteria's (:func:`srdi.engine.text.join_rows`)."""
        if self.given is not None:
            return self.given.pieces()
        from .text import worded

        assert self.wording is not None
        return worded(self.rows, self.form, self.value, *self.wording)

    @property
    def unit(self) -> np.ndarray:
        """The unit of each row's ``value``."""
        import numpy as np

        return np.array(self.units, dtype=object)[self.form]

    def shifted(self, offset: int) -> GapColumns:
        """The same gaps for a slice that starts ``offset`` rows into a larger frame."""
        from .text import Fragments

        given = None if self.given is None else Fragments(self.given.rows + offset, self.given.codes, self.given.texts)
        return attrs.evolve(self, rows=self.rows + offset, given=given)


def merge_gaps(parts: list[tuple[int, GapColumns]]) -> GapColumns:
    """The gaps of consecutive slices of a frame as one, each slice's paired with the row the slice starts at.

    A slice's rows count from its own first row; they are moved to the whole frame's
    positions here, in the merged array, rather than copied once more beforehand.
    """
    import numpy as np

    from .text import merge

    if len(parts) == 1:
        start, only = parts[0]
        return only.shifted(start) if start else only
    first = parts[0][1]
    worded = all(p.given is None and p.wording == first.wording for _, p in parts)
    rows = np.concatenate([p.rows for _, p in parts])
    at = 0
    for start, p in parts:
        rows[at : at + len(p.rows)] += start
        at += len(p.rows)
    return GapColumns(
        rows,
        np.concatenate([p.value for _, p in parts]),
        np.concatenate([p.form for _, p in parts]),
        first.units,
        None if worded else merge([p.shifted(start).text for start, p in parts]),
        first.threshold,
        first.wording if worded else None,
    )


class MergedGaps(Mapping[str, GapColumns]):
    """Each criterion's gaps over a whole table, merged from its slices' (:func:`merge_gaps`) when first read.

    A screen states every row's gaps as text; the gaps as columns are for whoever asks
    for them, and merging them is left until then: at a million rows, merging every
    criterion's took some 20 ms after the slices. Each slice's gaps come with the row
    the slice starts at (:func:`merge_gaps`).
    """

    def __init__(self, parts: Mapping[str, list[tuple[int, GapColumns]]]) -> None:
        self._parts = {cid: list(found) for cid, found in parts.items() if found}
        self._merged: dict[str, GapColumns] = {}

    def __getitem__(self, criterion: str) -> GapColumns:
        found = self._merged.get(criterion)
        if found is None:
            found = self._merged[criterion] = merge_gaps(self._parts[criterion])
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._parts)

    def __len__(self) -> int:
        return len(self._parts)

    def __repr__(self) -> str:
        return f"MergedGaps({sorted(self._parts)})"


@define
class Evaluated:
    """Outcomes of one criterion over a frame, with a lazy per-row explanation and, optionally, gap columns."""

    outcome: np.ndarray
    explain: Callable[[int], Explanation] = lambda i: Explanation()
    # keyword-only, so that evaluations extending this class positionally keep working
    gaps: Callable[[np.ndarray], GapColumns] | None = attrs.field(default=None, kw_only=True)


@frozen
class Env:
    """What an evaluation needs besides the facts: the date, the reference year, the titles."""

    on: dt.date
    reference_year: int
    titles: TitleBook


#: Tests every enterprise of a frame: ``evaluator(columns, env) -> Evaluated``.
Evaluator = Callable[["Columns", Env], Evaluated]
#: Tests one enterprise: ``one(facts, env) -> (outcome code, explanation)``.
OneEvaluator = Callable[["Facts", Env], "tuple[int, Explanation]"]


@frozen
class BuildContext:
    """What a condition type may consult while compiling a criterion."""

    metrics: MetricSet
    titles: TitleBook
    criterion: Criterion


class ArgumentValueError(ValueError):
    """A criterion's argument whose value a condition type refuses: ``arg`` names it (``until``, ``unit``).

    Raised from ``build``, the problem is reported at that argument's key and line, not
    at the criterion's header.
    """

    def __init__(self, message: str, arg: str) -> None:
        super().__init__(message)
        self.arg = arg


@frozen
class ConditionType:
    """A named kind of test, its argument schema and its compilers.

    ``build(args, context)`` compiles a criterion for frames (required);
    ``build_one(args, context)`` for one enterprise in plain Python (optional: without
    it, one enterprise is tested as a one-row frame).
    """

    name: str
    args: type
    build: Callable[[Any, BuildContext], Evaluator]
    doc: str
    origin: str = "srdi"
    build_one: Callable[[Any, BuildContext], OneEvaluator] | None = None

    def one(self, args: Any, context: BuildContext, built: Evaluator | None = None) -> OneEvaluator:
        """The evaluator for one enterprise: ``build_one``'s, else the frame evaluator on a one-row frame.

        ``built`` is the frame evaluator where the caller has compiled it already.
        """
        if self.build_one is not None:
            return self.build_one(args, context)
        return one_from_frame(built if built is not None else self.build(args, context))


def one_from_frame(evaluator: Evaluator) -> OneEvaluator:
    """A one-enterprise evaluator that runs a frame evaluator on a one-row frame."""

    def one(facts: Facts, env: Env) -> tuple[int, Explanation]:
        ev = evaluator(facts.columns(), env)
        return int(ev.outcome[0]), ev.explain(0)

    return one


def no_gaps(rows: np.ndarray) -> GapColumns:
    """The ``gaps`` of a type whose explanations state no gap (a yes/no fact, a choice, a title)."""
    import numpy as np

    from .text import texts_of

    none = np.zeros(0, dtype=np.int64)
    return GapColumns(none, np.zeros(0), np.zeros(0, dtype=np.int8), (None,), texts_of(none, []))


def gaps_by_row(evaluated: Evaluated, rows: np.ndarray) -> GapColumns:
    """Gap columns for an evaluation without ``gaps``: ``explain(i)`` row by row."""
    import numpy as np

    from .text import texts_of

    found = [evaluated.explain(int(i)) for i in rows]
    with_gap = [k for k, e in enumerate(found) if e.gap]
    found = [found[k] for k in with_gap]
    rows = np.asarray(rows, dtype=np.int64)[with_gap]
    value = np.array([np.nan if e.gap_value is None else e.gap_value for e in found], dtype=np.float64)
    units = tuple(dict.fromkeys(e.gap_unit for e in found))
    form = np.array([units.index(e.gap_unit) for e in found], dtype=np.int8)
    threshold = found[0].threshold if found else None
    return GapColumns(rows, value, form, units, texts_of(rows, [e.gap for e in found]), threshold)


OPS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "range": "∈"}


#: The units a field or metric may count in (Chinese data: 项, 家, 位) that the catalogue words with
#: their number, each a plural entry ("{n}项"; "{n} item", "{n} items"): "≥ 2家" reads "≥ 2 companies"
#: in English. A unit not named here (万元, %, 亩 …) is written after the number as it is.
UNIT_WORDS = {
    "年": "unit.years",
    "个月": "unit.months",
    "天": "unit.days",
    "项": "unit.items",
    "件": "unit.pieces",
    "个": "unit.generic",
    "人": "unit.people",
    "名": "unit.ming",  # people or a rank, as the field says: a bare number in English
    "位": "unit.rank",
    "家": "unit.companies",
    "次": "unit.times",
    "场": "unit.events",
    "场次": "unit.sessions",
}


def fmt(x: float | None, unit: str | None = None) -> str:
    """A number as people write it: no trailing zeros, at most two decimals; with its unit in the current language."""
    if x is None or (isinstance(x, float) and x != x):
        return "—"
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    if s == "-0":
        s = "0"
    return with_unit(s, unit)


def with_unit(number: str, unit: str | None) -> str:
    """``number`` (as shown) with ``unit``, worded by the catalogue where it words the unit ("2项", "2 items")."""
    code = UNIT_WORDS.get(unit or "")
    if code is None:
        return f"{number}{unit or ''}" if unit != "%" else f"{number}%"
    return tn(code, shown_count(number), n=number)


def unit_after(unit: str | None, number: str) -> str:
    """The words that follow ``number`` (as shown) counted in ``unit``: 项 in Chinese, " item"/" items" in English.

    A gap's amount is worded around a number formatted later, row by row ("needs +" "1" " item …");
    a unit whose wording puts words before the number ("rank {n}") keeps only those after it.
    """
    code = UNIT_WORDS.get(unit or "")
    if code is None:
        return unit or ""
    mark = "\x00"
    return tn(code, shown_count(number), n=mark).partition(mark)[2]


def unit_name(unit: str | None) -> str | None:
    """A unit as a noun in the language of messages ("人" in Chinese, "people" in English).

    None where there is no unit, or where the language words the unit without a noun
    after the number ("个" is a bare count in English, "位" reads "rank 3").
    """
    return (unit_after(unit, "2").strip() or None) if unit else None


def shown_count(number: str) -> float:
    """The count a number as shown stands for, for choosing a plural form ("1" is one; "—" counts as many)."""
    try:
        return float(number)
    except ValueError:
        return 2.0


def shown(v: Any) -> Any:
    """A figure as an explanation shows it: plain Python, rounded to 4 decimals, None when unknown."""
    if type(v) is float:
        return None if v != v else round(v, 4)
    if v is None or isinstance(v, (str, bytes)):
        return v
    if hasattr(v, "item"):  # a NumPy number
        v = v.item()
    if isinstance(v, float):
        return None if v != v else round(v, 4)
    return v
