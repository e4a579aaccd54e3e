"""A rule tree whose groups contain themselves, or nest thousands deep, is refused with its groups named.

Both used to reach the engine: a cycle failed with ``KeyError: 'eligibility'``, a
deep chain with ``RecursionError``.
"""

from __future__ import annotations

import pytest

from srdi.errors import NoticeError
from srdi.programs import MAX_DEPTH, tree_problems
from srdi.testing.helpers import catalog_with, write_notice
from srdi.validate import validate

TEXT = "某通知\n某〔2030〕2号\n一、营业收入达到800万元以上。\n"
HEAD = """
[notice]
id = "tree-2030"
doc_number = "某〔2030〕2号"
title = "某通知"
issuer = ["某"]
issued_on = 2030-01-01
region = "000000"
text = "TEXTFILE"

[[programs]]
id = "national.tree"
title = "某项目"
clause = "一"
quote = "营业收入达到800万元以上"
reference_year = 2029
rule = "g0"

[[programs.criteria]]
id = "revenue"
label = "营业收入"
type = "compare"
metric = "revenue"
op = ">="
value = 800
clause = "一"
quote = "营业收入达到800万元以上"
"""


def group(gid: str, *of: str) -> str:
    members = ", ".join(f'"{m}"' for m in of)
    return (
        f'\n[[programs.groups]]\nid = "{gid}"\nlabel = "组"\nmode = "all"\nof = [{members}]\n'
        'clause = "一"\nquote = "营业收入达到800万元以上"\n'
    )


def chain(depth: int) -> str:
    return HEAD + "".join(group(f"g{i}", f"g{i + 1}" if i + 1 < depth else "revenue") for i in range(depth))


CYCLE = HEAD + group("g0", "g1", "revenue") + group("g1", "g2") + group("g2", "g0")


def test_groups_in_a_cycle_are_refused_naming_the_cycle(tmp_path):
    with pytest.raises(NoticeError) as err:
        catalog_with([write_notice(tmp_path, "tree", CYCLE, TEXT)])
    (p,) = err.value.problems
    assert (p.key, p.message) == ("programs[0].groups", "条件组构成循环：g0 → g1 → g2 → g0")


def test_a_tree_nested_thousands_deep_is_refused(tmp_path):
    with pytest.raises(NoticeError) as err:
        catalog_with([write_notice(tmp_path, "tree", chain(3000), TEXT)])
    (p,) = err.value.problems
    assert p.message == f"条件树嵌套超过 {MAX_DEPTH} 层（g0 → g1 → g2 → … → g{MAX_DEPTH}）"


def test_a_tree_at_the_depth_limit_is_evaluated(tmp_path):
    import datetime as dt

    cat = catalog_with([write_notice(tmp_path, "tree", chain(MAX_DEPTH), TEXT)])
    profile = cat.load_profile_data({"years": {"2029": {"revenue": 800}}})
    # 800万元 against "800万元以上" (以上 includes the number): met at the bottom, so every group is met
    assert cat.evaluate(profile, "national.tree", dt.date(2030, 3, 1)).verdict.value == "eligible"


def test_srdi_validate_reports_the_cycle_with_its_line(tmp_path):
    (finding,) = validate(write_notice(tmp_path, "tree", CYCLE, TEXT))
    assert finding.severity == "error" and finding.problem.message == "条件组构成循环：g0 → g1 → g2 → g0"


def test_a_group_shared_by_two_parents_is_no_cycle():
    from srdi.programs import Group, Origin

    o = Origin("p", "n", "n", "一", "q")
    groups = {
        "root": Group("root", "", "all", ("a", "b"), o),
        "a": Group("a", "", "all", ("shared",), o),
        "b": Group("b", "", "all", ("shared",), o),
        "shared": Group("shared", "", "all", ("leaf",), o),
    }
    assert tree_problems("root", groups) == []
