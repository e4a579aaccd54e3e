"""One enterprise tested alone reads as the same enterprise in a table.

One enterprise is tested by each condition type's one-enterprise evaluator (``points``
tables too, item by item in plain Python), or, for a type or metric a plugin writes
for frames only, on a frame of one row whose values are read as the scalar path reads
them (:class:`srdi.engine.one_row.OneRow`). Every example profile of every installed
plugin, against every program of its region, must get from ``Catalog.evaluate`` the
outcome each criterion and group gets on the columnar path (``Catalog.run`` over the
profile's one-row table), the way the batch path reads it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import srdi
from srdi.engine.outcomes import CODE_TO_OUTCOME

ROOT = Path(__file__).resolve().parents[1]
CATALOG = srdi.load()
FRAME_ONLY = {name for name, ctype in CATALOG.condition_types.items() if ctype.build_one is None}
#: the folders of the plugins installed here (an example of a plugin not installed has no region to go to)
INSTALLED = {nf.plugin.removeprefix("srdi-") for nf in CATALOG.notices}


def _examples() -> list[Path]:
    found = sorted([*ROOT.glob("plugins/*/examples/*.toml"), *ROOT.glob("contrib/*/examples/*.toml")])
    return [p for p in found if p.parent.parent.name in INSTALLED]


def _cases() -> list[tuple[Path, str]]:
    out = []
    for path in _examples():
        profile = CATALOG.load_profile(path)
        for prog in CATALOG.programs_for_region(CATALOG.region_of(profile).code):
            out.append((path, prog.id))
    return out


CASES = _cases()


def test_the_examples_reach_the_types_tested_alone_both_ways():
    # the cases are not empty: the examples of 浙江 and 宁波 reach points tables, and 北京's and others' reach
    # revoked, date and finding criteria, each with its own one-enterprise evaluator (none is left to a one-row frame)
    reached = {c.type for _, pid in CASES for c in CATALOG.program(pid).criteria.values()}
    assert {"points", "revoked", "date", "finding"} <= reached - FRAME_ONLY
    assert not reached & FRAME_ONLY


@pytest.mark.parametrize(("path", "program"), CASES, ids=[f"{p.parent.parent.name}/{p.stem}:{g}" for p, g in CASES])
def test_one_enterprise_alone_reads_as_in_a_table(path, program):
    profile = CATALOG.load_profile(path)
    prog = CATALOG.program(program)
    on = prog.notice.spec.notice.issued_on
    single = CATALOG.evaluate(profile, prog, on)
    run = CATALOG.run(prog, profile.to_frame(CATALOG.vocabulary), on)
    for c in single.criteria:
        assert CODE_TO_OUTCOME[int(run.codes[c.id][0])] == c.outcome, c.id
    for g in single.groups:
        assert CODE_TO_OUTCOME[int(run.codes[g.id][0])] == g.outcome, g.id
