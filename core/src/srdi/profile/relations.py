"""Facts that cannot all be true together, and region codes that name no division.

A part above its whole, a firm judged before it was registered, a region code
that is no administrative division. Each value may be fine alone; together they
say that one was mistyped — most often an amount in 元 where 万元 is asked
(研发费用 at 14,844% of 营业收入 makes any R&D ratio pass). These checks say which facts disagree. They run on the engine's flat
columns (``revenue_2021``), so a profile (one row) and a batch table (many rows) are
checked by the same code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from attrs import frozen

from ..engine.evaluation import with_unit
from ..i18n import t as message
from ..vocabulary import Vocabulary
from ..vocabulary.fields import core_fields
from .values import fmt_num

if TYPE_CHECKING:
    import pandas as pd

#: (fact, the fact it cannot exceed in the same year) among core facts, as core's vocabulary
#: declares them (``within`` in core.toml). Accounting identities, not policy: 主营业务收入 is
#: part of 营业收入, 研发人员 and the staff by education or title are part of 从业人员, and an
#: SME's 研发费用 above its whole 营业收入 is an amount typed in 元. A plugin's fields declare
#: theirs the same way; the checks below read every pair a vocabulary holds (``Vocabulary.bounds``).
BOUNDED_BY: tuple[tuple[str, str], ...] = tuple((f.key, f.within) for f in core_fields() if f.within is not None)
#: Slack for two amounts each rounded to whole 万元.
ROUNDING = 1.0
#: A part this many times its whole was most likely typed in 元 (10,000× too large).
YUAN_FACTOR = 100.0
#: The central registration authorities' code in a 统一社会信用代码 (GB 32100-2015): no region.
CENTRAL = "100000"


@frozen
class Clash:
    """Facts of one enterprise that cannot all be true.

    ``facts`` names each fact as ``(key, year)`` (year None for a one-value fact),
    the first being the one most likely mistyped; ``message`` says why, in the language chosen.
    ``doubtful`` is how many of them, from the first, cannot be relied on: a part 100
    times its whole was typed in 元, but a part a little above its whole says only that
    one of the two is wrong.
    """

    facts: tuple[tuple[str, int | None], ...]
    message: str
    doubtful: int = 1

    @property
    def key(self) -> str:
        """The profile key of the first fact (``years.2021.rd_expense``, ``enterprise.registered_on``)."""
        return profile_key(*self.facts[0])


def profile_key(key: str, year: int | None) -> str:
    """Where a fact sits in a profile file."""
    return f"years.{year}.{key}" if year is not None else f"enterprise.{key}"


def frame_clashes(frame: pd.DataFrame, vocabulary: Vocabulary, on: dt.date | None = None) -> list[list[Clash]]:
    """For each row of an engine frame, the facts that contradict each other.

    ``on`` is the evaluation date: a firm cannot be judged before it was registered.
    """
    out: list[list[Clash]] = [[] for _ in range(len(frame))]
    for i, found in clashing_rows(frame, vocabulary, on).items():
        out[i] = found
    return out


def clashing_rows(frame: pd.DataFrame, vocabulary: Vocabulary, on: dt.date | None = None) -> dict[int, list[Clash]]:
    """The rows of an engine frame whose facts contradict each other, in row order, with their clashes.

    What :func:`frame_clashes` finds, for the rows that have any: a large table
    costs what its clashing rows do.
    """
    import numpy as np
    import pandas as pd

    out: dict[int, list[Clash]] = {}
    years = sorted({y for y in map(_year_of, frame.columns) if y is not None})
    for part, whole in vocabulary.bounds:
        for y in years if vocabulary[part].yearly else [None]:
            pc, wc = _column(part, y), _column(whole, y)
            if pc not in frame.columns or wc not in frame.columns:
                continue
            p = pd.to_numeric(frame[pc], errors="coerce").to_numpy(dtype=float)
            w = pd.to_numeric(frame[wc], errors="coerce").to_numpy(dtype=float)
            with np.errstate(invalid="ignore"):
                bad = p > w + _slack(vocabulary, part)
            for i in np.flatnonzero(bad):
                out.setdefault(int(i), []).append(
                    _part_over_whole(vocabulary, part, whole, y, float(p[i]), float(w[i]))
                )
    if on is not None:
        for row, clash in _date_clashes(frame, vocabulary, on):
            out.setdefault(row, []).append(clash)
    return dict(sorted(out.items()))


def row_clashes(row: Mapping[str, Any], vocabulary: Vocabulary, on: dt.date | None = None) -> list[Clash]:
    """The facts of one enterprise (its flat row, :meth:`srdi.Profile.to_row`) that contradict each other.

    The same checks as :func:`frame_clashes`, in plain Python.
    """
    from ..engine.cells import to_float

    out: list[Clash] = []
    years = sorted({y for y in map(_year_of, row) if y is not None})
    for part, whole in vocabulary.bounds:
        for y in years if vocabulary[part].yearly else [None]:
            p, w = to_float(row.get(_column(part, y))), to_float(row.get(_column(whole, y)))
            if p > w + _slack(vocabulary, part):
                out.append(_part_over_whole(vocabulary, part, whole, y, p, w))
    if on is not None:
        clash = registration_clash(row, vocabulary, on)
        if clash is not None:
            out.append(clash)
    return out


def _column(key: str, year: int | None) -> str:
    """A fact's engine column: ``revenue_2021`` for a yearly one, its key for a one-value one."""
    return f"{key}_{year}" if year is not None else key


def _slack(vocabulary: Vocabulary, part: str) -> float:
    return ROUNDING if vocabulary[part].kind == "money" else 0.0


def _part_over_whole(vocabulary: Vocabulary, part: str, whole: str, y: int | None, p: float, w: float) -> Clash:
    p_spec, w_spec = vocabulary[part], vocabulary[whole]
    unit = p_spec.display_unit or ""
    typo = p_spec.kind == "money" and p >= YUAN_FACTOR * w
    hint = message("relations.hint_yuan" if typo else "relations.hint_impossible")
    return Clash(
        ((part, y), (whole, y)),
        message(
            "relations.part_over_whole" if y is not None else "relations.part_over_whole_once",
            year=y,
            part=p_spec.label,
            value=with_unit(fmt_num(p), unit),
            whole=w_spec.label,
            total=with_unit(fmt_num(w), unit),
            key=profile_key(whole, y),
            hint=hint,
        ),
        doubtful=1 if typo else 2,
    )


def date_clashes(frame: pd.DataFrame, vocabulary: Vocabulary, on: dt.date) -> list[list[Clash]]:
    """For each row, whether the firm is judged on a day before it was registered (成立日期)."""
    out: list[list[Clash]] = [[] for _ in range(len(frame))]
    for i, clash in _date_clashes(frame, vocabulary, on):
        out[i].append(clash)
    return out


def _date_clashes(frame: pd.DataFrame, vocabulary: Vocabulary, on: dt.date) -> list[tuple[int, Clash]]:
    import numpy as np
    import pandas as pd

    if "registered_on" not in frame.columns or "registered_on" not in vocabulary:
        return []
    reg = pd.to_datetime(frame["registered_on"], errors="coerce")
    late = np.flatnonzero((reg > pd.Timestamp(on)).to_numpy(dtype=bool, na_value=False))
    return [(int(i), _unregistered(vocabulary, reg.iloc[i].date(), on)) for i in late]


def registration_clash(row: Mapping[str, Any], vocabulary: Vocabulary, on: dt.date) -> Clash | None:
    """Whether one enterprise (its flat row) is judged on a day before it was registered."""
    from ..engine.cells import to_date

    reg = to_date(row.get("registered_on"))
    if reg is None or "registered_on" not in vocabulary or not reg > on:
        return None
    return _unregistered(vocabulary, reg, on)


def _unregistered(vocabulary: Vocabulary, reg: dt.date, on: dt.date) -> Clash:
    label = vocabulary["registered_on"].label
    return Clash((("registered_on", None),), message("relations.unregistered", label=label, registered=reg, on=on))


def division_problem(code: str) -> str | None:
    """Why a six-digit code is no administrative division (GB/T 2260), or None when it could be one.

    Only the structure is checked, against the province-level codes srdi ships:
    the county-level list changes every year, and old codes stay in old credit codes.
    """
    if not (len(code) == 6 and code.isascii() and code.isdigit()):
        return message("relations.division_digits", got=repr(code))
    if code[:2] + "0000" not in _provinces():
        return message("relations.division_province", code=code, prefix=code[:2])
    city, county = code[2:4], code[4:]
    if city == "00" and county != "00":
        return message("relations.division_county", code=code, province=code[:2] + "0000")
    if not ("01" <= city <= "70" or city == "90" or city == "00"):
        return message("relations.division_city", code=code, city=city)
    return None


def region_problem(facts: Mapping[str, object]) -> tuple[str, str] | None:
    """(key, why) when the registration region (``region_code``, else the credit code's) is no division."""
    given = facts.get("region_code")
    if isinstance(given, str) and given:
        why = division_problem(given)
        return ("enterprise.region_code", why) if why else None
    code = facts.get("credit_code")
    if isinstance(code, str) and len(code) == 18 and code[2:8] != CENTRAL:
        why = division_problem(code[2:8])
        return ("enterprise.credit_code", message("relations.credit_code_region", why=why)) if why else None
    return None


def _year_of(column: object) -> int | None:
    """The year of a yearly column (``revenue_2021`` → 2021), None for any other column."""
    tail = str(column).rsplit("_", 1)[-1]
    return int(tail) if len(tail) == 4 and tail.isascii() and tail.isdigit() else None


@cache
def _provinces() -> frozenset[str]:
    from ..regions import builtin_regions

    return frozenset(r.code for r in builtin_regions() if r.level == "province")
