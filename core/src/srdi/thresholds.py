"""Thresholds no enterprise can meet, or every enterprise meets by construction.

A threshold of ``nan`` or ``inf``, a negative floor on a quantity that cannot be
negative (营业收入 ≥ −1), a share above 100% (主营业务收入占比 ≥ 150%), an
"at least 5 of 4" group: each silently decides every enterprise the same way. They
are errors wherever the number comes from — a notice file, an override file,
``--set`` or the Python API — and the message names where it was written.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from typing import Any, TypeGuard

from .engine.metrics import MetricSet
from .errors import Problem, shown
from .i18n import t as message
from .notices.numbers import nonfinite
from .programs import Program

#: The combinations of several years whose result is still a share of a whole (a sum of shares is not).
_SHARE_KEEPING = ("each", "any", "aggregate", "mean")


def can_be_negative(key: str, metrics: MetricSet) -> bool:
    """Whether a metric or field can take a negative value (True when srdi cannot tell)."""
    metric = metrics.by_key.get(key)
    if metric is not None:
        if metric.growth_of is not None:
            return True
        if metric.numerator is not None and metric.denominator is not None:
            return can_be_negative(metric.numerator, metrics) or can_be_negative(metric.denominator, metrics)
    spec = metrics.vocabulary.get(key)
    if spec is None or spec.kind not in ("money", "usd", "number", "integer", "count", "percent"):
        return True
    return spec.signed


def is_share(key: str, metrics: MetricSet) -> bool:
    """Whether a metric is a part's share of its whole in percent, so it lies between 0 and 100."""
    metric = metrics.by_key.get(key)
    return metric is not None and (metric.numerator, metric.denominator) in metrics.vocabulary.bounds


def threshold_problems(program: Program, metrics: MetricSet, overrides: Collection[str] = ()) -> list[Problem]:
    """Every impossible threshold of a program, placed where it was written.

    A value set by one of ``overrides`` (the names a user changed: ``--set``, an
    override file, ``with_overrides``) is named by that name; any other by its
    criterion, group or parameter in the notice file.
    """
    out: list[Problem] = []
    own = set(overrides)

    def place(cid: str, arg: str) -> dict[str, Any]:
        name = program.criteria[cid].refs.get(arg)
        for given in (name, f"{cid}.{arg}"):
            if given is not None and given in own:
                return {"key": given}
        where = f"params.{name}" if name is not None else f"criteria[{cid}].{arg}"
        return {"file": program.notice.path, "key": f"programs[{program.id}].{where}"}

    for cid, crit in program.criteria.items():
        for path, x in nonfinite(crit.args):
            why = message("notice.nonfinite", value=shown(x))
            out.append(Problem(why, **place(cid, path.split(".")[0].split("[")[0])))
        args = crit.args
        if crit.type == "compare":
            out.extend(_compare_problems(cid, args, metrics, place))
        elif crit.type == "years_since":
            v = args.get("value")
            if _number(v) and v < 0:
                out.append(Problem(message("notice.years_negative", value=shown(v)), **place(cid, "value")))
        elif crit.type == "choice":
            n, of = args.get("at_least"), args.get("any_of")
            if _number(n) and (n < 0 or (isinstance(of, (list, tuple)) and n > len(of))):
                why = message("notice.at_least_range", n=shown(n), count=len(of or ()))
                out.append(Problem(why, **place(cid, "at_least")))
    for gid, grp in program.groups.items():
        if grp.mode == "at_least" and grp.n is not None and not 0 <= grp.n <= len(grp.of):
            name = grp.n_ref if grp.n_ref is not None else f"{gid}.n"
            where: dict[str, Any] = (
                {"key": name}
                if name in own
                else {"file": program.notice.path, "key": f"programs[{program.id}].groups[{gid}].n"}
            )
            out.append(Problem(message("notice.group_n_range", n=grp.n, count=len(grp.of)), **where))
    return out


def _number(v: Any) -> TypeGuard[float]:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _compare_problems(cid: str, args: dict[str, Any], metrics: MetricSet, place: Any) -> list[Problem]:
    out: list[Problem] = []
    keys = list(args.get("sum") or [args.get("metric")])
    if not keys or not all(isinstance(k, str) and metrics.known(k) for k in keys):
        return out  # the compiler names an unknown metric
    label = "＋".join(metrics.label(k) for k in keys)
    combine = args.get("combine", "each")
    years = args.get("years", 1)
    if _number(years) and years < 1:
        out.append(Problem(message("notice.compare_years", years=shown(years)), **place(cid, "years")))
    signed = combine == "cagr" or any(can_be_negative(k, metrics) for k in keys)
    share = len(keys) == 1 and is_share(keys[0], metrics) and combine in _SHARE_KEEPING
    for arg in ("value", "upper"):
        v = args.get(arg)
        if not _number(v):
            continue
        if not signed and v < 0:
            out.append(Problem(message("notice.cannot_be_negative", label=label, value=shown(v)), **place(cid, arg)))
        elif share and v > 100:
            why = message("notice.share_over_whole", label=label, value=shown(v))
            out.append(Problem(why, **place(cid, arg)))
    return out
