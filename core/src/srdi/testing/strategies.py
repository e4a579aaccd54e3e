"""Hypothesis strategies: enterprise profiles aimed at a program's thresholds.

``profiles(catalog, programs, on)`` draws profiles that fill the facts the given
programs read, with values at, just below and just above every threshold the
programs state (read from the compiled criteria, never written here), and with
any fact left out at random — the inputs where batch and single-profile
evaluation could disagree. Used by srdi's own property tests; a plugin can use it
to test its programs the same way.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from ..engine.spans import years_ending, years_read
from ..months import forward
from ..profile import Profile, Recognition
from ..profile.credit_code import check_character
from ..profile.load import MAX_REVENUE_PER_EMPLOYEE, MIN_REVENUE_PER_EMPLOYEE
from ..profile.relations import ROUNDING

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..programs import Program

#: Region codes credit codes are drawn from: a few provinces and cities, and one unknown district.
REGIONS = ("210100", "210200", "110105", "130100", "130181", "310115", "440300", "999999")


def credit_code(region: str, serial: int) -> str:
    """A valid 统一社会信用代码 registered in ``region`` (the check digit computed)."""
    body = f"91{region}{serial:09d}"[:17]
    return body + check_character(body)


def firms(
    catalog: Catalog,
    region: str,
    count: int,
    start: int = 1,
    enterprise: dict[str, Any] | None = None,
    **data: Any,
) -> list[Profile]:
    """``count`` profiles registered in ``region`` (named and credit-coded from it), with ``data`` in each."""
    out = []
    for serial in range(start, start + count):
        ent = {"name": f"企业{region}-{serial:03d}", "credit_code": credit_code(region, serial), **(enterprise or {})}
        out.append(catalog.load_profile_data({"enterprise": ent, **data}))
    return out


def _missing(strategy: st.SearchStrategy[Any], p: float = 0.15) -> st.SearchStrategy[Any]:
    """``strategy`` or, now and then, None (the fact is not given)."""
    return st.one_of(st.just(None), strategy) if p > 0 else strategy


def _near(values: Iterable[float], signed: bool = False) -> st.SearchStrategy[float]:
    pts: set[float] = {0.0}
    for v in values:
        for x in (v, v - 1, v + 1, v - 0.01, v + 0.01, v * 0.5, v * 2):
            if signed or x >= 0:
                pts.add(round(float(x), 4))
    floor = -1e5 if signed else 0.0
    return st.one_of(st.sampled_from(sorted(pts)), st.floats(floor, 1e5, allow_nan=False).map(lambda x: round(x, 2)))


def _percent(x: float) -> float:
    # a percentage between 0 and 1 reads as a fraction typed by mistake: the loaders refuse it
    return math.copysign(round(abs(x) + 1.0, 4), x) if 0 < abs(x) < 1 else x


class _Plan:
    """What to draw: fields with candidate boundary values, years, titles, attestations."""

    def __init__(self, catalog: Catalog, programs: Sequence[Program], on: dt.date, far_years: bool = False) -> None:
        self.catalog = catalog
        self.voc = catalog.vocabulary
        self.on = on
        self.scalars: dict[str, list[float]] = {}
        self.yearly: dict[str, list[float]] = {}
        self.ratios: dict[tuple[str, str], list[float]] = {}
        self.growths: dict[str, list[float]] = {}
        self.dates: dict[str, list[int]] = {}
        #: date facts compared with calendar days (``date``), and those days
        self.days: dict[str, list[dt.date]] = {}
        self.titles: set[str] = set()
        #: titles a criterion asks about revocations of, with the bars' lengths in months
        self.revocable: dict[str, list[int]] = {}
        #: titles a ``tenure`` criterion asks to have been held a while, with the days their span must be complete
        #: by: the grant days whose anniversary is the day the criterion counts to (the cut-offs)
        self.tenured: dict[str, list[dt.date]] = {}
        #: whether titles a ``tenure`` criterion counts from also get years datetime.date cannot hold (no table holds them)
        self.far_years = far_years
        self.attest: set[str] = set()
        #: region codes credit codes are drawn from: those the programs name, and :data:`REGIONS` (mostly outside them)
        self.regions: set[str] = set(REGIONS)
        self.years: set[int] = set()
        metrics = catalog.metrics
        for prog in programs:
            ref = prog.year_for(on)
            for crit in prog.criteria.values():
                a = crit.args
                t = crit.type
                if t == "compare":
                    keys = list(a.get("sum") or [a["metric"]])
                    read = years_read(a, ref)  # and the year before the first: a growth rate reads it
                    self.years.update(range(read[0] - 1, read[-1] + 1))
                    values = [float(a["value"])] + ([float(a["upper"])] if a.get("upper") is not None else [])
                    for k in keys:
                        self._metric(k, values, metrics)
                elif t in ("flag", "choice"):
                    self._metric(a["fact"], [], metrics)
                elif t == "years_since":
                    self.dates.setdefault(a.get("fact", "registered_on"), []).append(int(a["value"]))
                elif t == "finding":
                    self._metric(a["fact"], [], metrics)
                    # days of finding around the bar's last day in whole years, else around the day evaluated
                    # (a bar for good starts there; one in months gets random days beside it)
                    self.dates.setdefault(a["found_on"], []).append(int(a.get("years", 0)))
                elif t == "date":
                    cuts = [a["date"]] + ([a["until"]] if a.get("until") is not None else [])
                    self.days.setdefault(a.get("fact", "registered_on"), []).extend(
                        c if isinstance(c, dt.date) else dt.date.fromisoformat(str(c)) for c in cuts
                    )
                elif t == "recognition":
                    self.titles.update(a["titles"])
                elif t == "tenure":
                    self.titles.update(a["titles"])
                    # counted to the evaluation day, or to the end of the reference year
                    until = on if a.get("as_of", "evaluation_date") == "evaluation_date" else dt.date(ref, 12, 31)
                    cut = forward(until, -int(a.get("years", 0)), -int(a.get("months", 0)))
                    for title in a["titles"]:
                        self.tenured.setdefault(title, []).append(cut)
                        # held until revoked: revocations on the day evaluated, the day before or after, or long before
                        self.revocable.setdefault(title, []).append(0)
                elif t == "stacking":
                    self.titles.update(a["awards"])
                elif t == "benchmark":
                    # figures around the reference figure the plugin ships (times the factor, plus the margin)
                    bench = crit.benchmarks.get(a["benchmark"])
                    read = years_ending(ref + int(a.get("year_offset", 0)), int(a.get("years", 1)))
                    self.years.update(range(read[0] - 1, read[-1] + 1))
                    shipped = [bench.shipped(y) for y in read]
                    factor, plus = float(a.get("factor", 1.0)), float(a.get("plus", 0.0))
                    self._metric(
                        a["metric"], [float(v.value) * factor + plus for v in shipped if v is not None], metrics
                    )
                elif t == "revoked":
                    self.titles.update(a["titles"])
                    for title in a["titles"]:
                        self.revocable.setdefault(title, []).append(
                            12 * int(a.get("years", 0)) + int(a.get("months", 0))
                        )
                elif t == "attest":
                    self.attest.add(a.get("key") or crit.id)
                elif t == "region":
                    self.scalars.setdefault("credit_code", [])
                    self.regions.update(a.get("codes", ()))
        self.years.add(on.year - 1)

    def _metric(self, key: str, values: list[float], metrics: Any) -> None:
        m = metrics.by_key.get(key)
        spec = self.voc.get(key)

        def yearly(key: str | None) -> bool:  # a field given year by year (ratios and growths are drawn per year)
            f = self.voc.get(key or "")
            return f is not None and f.yearly

        if m is not None and m.numerator is not None and yearly(m.numerator) and yearly(m.denominator):
            self.ratios.setdefault((m.numerator, m.denominator), []).extend(values)
        elif m is not None and m.growth_of is not None and yearly(m.growth_of):
            self.growths.setdefault(m.growth_of, []).extend(values)
        elif m is not None and m.inputs:  # computed from other metrics too: the fields beneath them are drawn
            for k in m.inputs:
                self._metric(k, [], metrics)
        if spec is not None and key != "region_code":  # the region comes from the credit code
            (self.yearly if spec.yearly else self.scalars).setdefault(key, []).extend(values)


def _revoked(draw: Any, plan: _Plan, title: str) -> dt.date | None:
    """For a title a criterion asks about revocations of: none, or a day around the end of a bar or long before."""
    bars = plan.revocable.get(title)
    if not bars or not draw(st.booleans()):
        return None
    # the bar's last day lands on the evaluation day, the day before or after it, or the revocation is older
    months = draw(st.sampled_from(bars))
    shift = draw(st.sampled_from((-1, 0, 1, 400)))
    return forward(plan.on, 0, -months) - dt.timedelta(days=shift)


def _granted(draw: Any, plan: _Plan, title: str, year: int) -> tuple[int | None, dt.date | None]:
    """A title's year of grant, or its day of grant: ``year`` alone, or days and years around a ``tenure`` cut-off.

    For a title a ``tenure`` criterion counts from: the grant day whose span is complete
    on the day counted to (the cut-off), the day before or after it; the cut-off's year
    alone (which cannot decide) or a year either side of it; or ``year``. With
    ``plan.far_years``, also years far in the past or future (0, 10000: beyond ``datetime.date``).
    """
    cuts = plan.tenured.get(title)
    if not cuts:
        return year, None
    cut = draw(st.sampled_from(cuts))
    how = draw(
        st.sampled_from(("year", "year-near", "day", "year-far") if plan.far_years else ("year", "year-near", "day"))
    )
    if how == "day":
        return None, cut + dt.timedelta(days=draw(st.sampled_from((-1, 0, 1))))
    if how == "year-near":
        return cut.year + draw(st.sampled_from((-1, 0, 1))), None
    if how == "year-far":
        return draw(st.sampled_from((-2000, 0, 1, 9999, 10000, 123456))), None
    return year, None


@st.composite
def _profile(draw: Any, plan: _Plan, serial: int) -> Profile:
    voc = plan.voc
    facts: dict[str, Any] = {"name": f"企业{serial:03d}"}  # every row of a table says which enterprise it is
    years: dict[int, dict[str, Any]] = {y: {} for y in sorted(plan.years)}

    def put_year(y: int, key: str, value: Any) -> None:
        if value is not None:
            years.setdefault(y, {})[key] = value

    for key, values in plan.scalars.items():
        spec = voc[key]
        if key == "credit_code":
            region = draw(st.sampled_from(sorted(plan.regions)))
            v = draw(_missing(st.just(credit_code(region, serial))))
        elif key == "industry_code":
            v = draw(_missing(st.sampled_from(["C3484", "C34", "3484", "I6510", "F5132", "B0610", "Z99"])))
        elif spec.kind == "bool":
            v = draw(_missing(st.booleans()))
        elif spec.kind == "choice":
            v = draw(_missing(st.sampled_from([c.value for c in spec.choices])))
        elif spec.kind == "multichoice":
            v = draw(_missing(st.sets(st.sampled_from([c.value for c in spec.choices])).map(tuple)))
        elif spec.kind in ("money", "usd", "number", "percent"):
            v = draw(_missing(_near(values, spec.signed).map(_percent if spec.kind == "percent" else float)))
        elif spec.kind in ("integer", "count"):
            v = draw(_missing(_near(values).map(lambda x: float(round(abs(x))))))
        else:
            v = draw(_missing(st.text(min_size=1, max_size=6)))
        if v is not None:
            facts[key] = v
    for key in sorted(plan.dates.keys() | plan.days.keys()):
        base = plan.on
        choices = []
        for n in plan.dates.get(key, ()):
            try:
                at = base.replace(year=base.year - n)
            except ValueError:
                at = base.replace(year=base.year - n, day=28)
            choices += [at, at + dt.timedelta(days=1), at - dt.timedelta(days=1)]
        for at in plan.days.get(key, ()):  # a calendar day a ``date`` criterion cuts at, and the days beside it
            choices += [at, at + dt.timedelta(days=1), at - dt.timedelta(days=1)]
        v = draw(_missing(st.one_of(st.sampled_from(choices), st.dates(dt.date(1990, 1, 1), base))))
        if v is not None:
            facts[key] = v
    ys = sorted(years)
    for key, values in plan.yearly.items():
        spec = voc[key]
        for y in ys:
            if spec.kind in ("integer", "count"):
                v = draw(_missing(_near(values).map(lambda x: float(round(abs(x))))))
            else:
                v = draw(_missing(_near(values, spec.signed).map(_percent if spec.kind == "percent" else float)))
            put_year(y, key, v)
    for (num, den), pcts in plan.ratios.items():
        for y in ys:
            d = draw(_missing(st.sampled_from([0.0, 1000.0, 6800.0, 10000.0, 12345.0])))
            pct = draw(_near(pcts or [50.0]).map(lambda x: min(abs(x), 100.0)))
            put_year(y, den, d)
            if d is not None:
                amount: float | None = draw(_missing(st.just(round(d * pct / 100.0, 4))))
                if voc[num].kind in ("integer", "count") and amount is not None:
                    amount = float(round(amount))
                put_year(y, num, amount)
    for key, rates in plan.growths.items():
        base = draw(st.sampled_from([0.0, 1000.0, 5000.0]))
        signed = voc[key].signed
        for y in ys:
            rate = draw(_near(rates or [5.0], signed=True).map(lambda x: min(max(x, -100.0), 500.0)))
            base = round(base * (1 + rate / 100.0), 4) if base else draw(st.sampled_from([0.0, 1000.0]))
            put_year(y, key, draw(_missing(st.just(base if signed or base >= 0 else 0.0))))
    for facts_y in years.values():
        # keep figures plausible: the reader (like the profile loader) flags 营业收入 typed in 元 or 亿元
        rev, staff = facts_y.get("revenue"), facts_y.get("employees")
        if rev and staff and not (MIN_REVENUE_PER_EMPLOYEE <= rev / staff <= MAX_REVENUE_PER_EMPLOYEE):
            del facts_y["employees"]
    # and possible: a part never above its whole (研发人员 of 从业人员, a plugin's 主导产品销售收入 of 营业收入, Beijing's
    # 研发人员费 of 研发费, one value each), which the reader and the profile loader flag too
    for part, whole in voc.bounds:
        for held in years.values() if voc[part].yearly else (facts,):
            p, w = held.get(part), held.get(whole)
            if p is not None and w is not None and p > w + (ROUNDING if voc[part].kind == "money" else 0.0):
                del held[part]
    recognitions = None
    if plan.titles:
        held = draw(
            _missing(
                st.lists(
                    st.tuples(st.sampled_from(sorted(plan.titles)), st.integers(plan.on.year - 5, plan.on.year)),
                    max_size=3,
                )
            )
        )
        if held is not None:
            drawn = []
            for t, y in held:
                year, granted = _granted(draw, plan, t, y)
                drawn.append(Recognition(t, year, granted_on=granted, revoked_on=_revoked(draw, plan, t)))
            recognitions = tuple(drawn)
    attestations = {}
    for key in sorted(plan.attest):
        v = draw(_missing(st.booleans(), 0.5))
        if v is not None:
            attestations[key] = v
    return Profile(
        facts=facts, years={y: f for y, f in years.items() if f}, recognitions=recognitions, attestations=attestations
    )


def profiles(
    catalog: Catalog, programs: Sequence[str | Program], on: dt.date, max_size: int = 12, far_years: bool = False
) -> st.SearchStrategy[list[Profile]]:
    """Lists of profiles aimed at the thresholds of ``programs`` evaluated on ``on``.

    A title a ``tenure`` criterion counts from is granted on the days at and beside the
    criterion's cut-off, or in the years around it. ``far_years`` adds years beyond
    ``datetime.date``'s, which no profile file or table holds: those firms are built for
    comparing one enterprise with a frame only.
    """
    plan = _Plan(catalog, [catalog.program(p) for p in programs], on, far_years)
    return st.integers(1, max_size).flatmap(lambda n: st.tuples(*[_profile(plan, i + 1) for i in range(n)]).map(list))
