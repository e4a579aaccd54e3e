"""The profile fields a set of programs asks for: what the web form shows, and for which years.

Read from the programs' criteria: every argument naming a vocabulary field or a
metric (a metric contributes the fields it is computed from), the years a
comparison covers (近N年, a fixed year, the year before for a growth rate), the
titles a recognition criterion asks about, and the questions a person answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

import attrs

from ..catalog import Catalog
from ..engine.revocation import revocable_titles
from ..engine.spans import names_with_years
from ..engine.tenure import dated_titles
from ..programs import Program
from ..vocabulary import FieldSpec

#: Facts every form shows: who the enterprise is and where it is registered.
ALWAYS = ("name", "credit_code")


@attrs.frozen
class Asked:
    """The parts of a profile the chosen programs read."""

    enterprise: tuple[FieldSpec, ...]
    years: tuple[tuple[int, tuple[FieldSpec, ...]], ...]
    plan: tuple[FieldSpec, ...]
    titles: tuple[tuple[str, str], ...]
    attestations: tuple[tuple[str, str], ...]
    #: titles whose day of revocation a criterion reads (a bar on applying again after one)
    revocable: tuple[str, ...] = ()
    #: titles whose day of grant a criterion reads (held for so many years: 提前1年纳入培育库)
    dated: tuple[str, ...] = ()


def _fields(cat: Catalog, key: str, seen: set[str]) -> Iterator[tuple[FieldSpec, bool]]:
    """The vocabulary fields behind ``key``, each with whether it feeds a growth rate (needs the year before).

    A metric is asked through what it is computed from (资产负债率 through 负债总额 and
    资产总额), even where the vocabulary also accepts it given directly.
    """
    if key in seen:
        return
    seen.add(key)
    metric = cat.metrics.by_key.get(key)
    if metric is not None and metric.inputs:
        for name in metric.inputs:
            for f, growth in _fields(cat, name, seen):
                yield f, growth or metric.growth_of is not None
        return
    spec = cat.vocabulary.get(key)
    if spec is not None:
        yield spec, False


def asked(cat: Catalog, programs: Iterable[Program], on: dt.date) -> Asked:
    """The fields, years, titles and questions ``programs`` read on date ``on``."""
    facts: dict[str, FieldSpec] = {}
    yearly: dict[str, set[int]] = {}
    titles: dict[str, str] = {}
    revocable: dict[str, None] = {}  # in order, each once
    dated: dict[str, None] = {}
    attest: dict[str, str] = {}
    for key in ALWAYS:
        spec = cat.vocabulary.get(key)
        if spec is not None:
            facts[key] = spec
    for prog in programs:
        revocable.update(dict.fromkeys(revocable_titles(prog)))
        dated.update(dict.fromkeys(dated_titles(prog)))
        ref = prog.year_for(on)
        for crit in prog.criteria.values():
            args = crit.args
            if crit.type == "attest":
                attest.setdefault(str(args.get("key") or crit.id), str(args.get("question") or crit.label))
                continue
            if crit.type in ("recognition", "revoked", "tenure"):
                for t in args.get("titles", ()):
                    titles.setdefault(t, cat.titles.label(t))
                continue
            for text, years in names_with_years(args, ref, [ref]):
                for spec, growth in _fields(cat, text, set()):
                    facts.setdefault(spec.key, spec)
                    if spec.yearly:
                        wanted = yearly.setdefault(spec.key, set())
                        wanted.update(years)
                        if growth:
                            wanted.update(y - 1 for y in years)
    order = {f.key: i for i, f in enumerate(cat.vocabulary)}
    by_year: dict[int, list[FieldSpec]] = {}
    for key, ys in yearly.items():
        for y in ys:
            by_year.setdefault(y, []).append(facts[key])
    return Asked(
        enterprise=tuple(
            sorted((f for f in facts.values() if f.section == "enterprise"), key=lambda f: order.get(f.key, 0))
        ),
        years=tuple(
            (y, tuple(sorted(fs, key=lambda f: order.get(f.key, 0)))) for y, fs in sorted(by_year.items(), reverse=True)
        ),
        plan=tuple(sorted((f for f in facts.values() if f.section == "plan"), key=lambda f: order.get(f.key, 0))),
        titles=tuple(titles.items()),
        attestations=tuple(attest.items()),
        revocable=tuple(revocable),
        dated=tuple(dated),
    )
