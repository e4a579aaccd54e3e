"""Case files: a strict schema, every expectation checked, failures that name case, criterion and period.

The cases run against the national baseline's 工信厅企业函〔2021〕79号 third batch
(reference year 2020), so they need no regional plugin.
"""

from __future__ import annotations

import textwrap

from srdi.testing.cases import read_case_file, run_case

pytest_plugins = ["pytester"]

LG3 = "national.little-giant-3rd-batch"
# 三（三）1 "上年度营业收入在1亿元及以上" (a-revenue, ≥ 10000万元) and 三（三）2
# "5000万元（含）—1亿元（不含）" (b-revenue); 上年度 is 2020.
CASES = """
[defaults]
program = "national.little-giant-3rd-batch"
on = 2021-05-01

[defaults.profile.years.2020]
revenue = 12000

[[cases]]
id = "revenue-12000"
# 12000 ≥ 10000 → a-revenue met; 12000 is not below 10000 → b-revenue not met; nothing
# else is known → the verdict is incomplete.
[cases.expect]
verdict = "incomplete"
criteria = { a-revenue = "met", b-revenue = "not_met", c-revenue = "not_met" }

[[cases]]
id = "revenue-exactly-1-yi"
# "1亿元及以上" includes 10000; "1亿元（不含）" excludes it from band b.
change = { years = { 2020 = { revenue = 10000 } } }
expect = { criteria = { a-revenue = "met", b-revenue = "not_met" } }

[[cases]]
id = "revenue-removed"
remove = ["years.2020.revenue"]
expect = { criteria = { a-revenue = "unknown" }, groups = { category-a = "unknown" } }

[[cases]]
id = "floor-raised"
# with the a-band floor raised to 20000, 12000 falls short by 8000
set = { "a-revenue.value" = 20000 }
[cases.expect.criteria.a-revenue]
outcome = "not_met"
gap = "营业收入距20000万元还差8000万元"
values = { "营业收入（2020）" = 12000 }
"""


def write(tmp_path, text, name="lg3.toml"):
    folder = tmp_path / "cases"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_good_case_file_passes(tmp_path, baseline):
    cases, problems = read_case_file(write(tmp_path, CASES))
    assert problems == []
    assert [c.case.id for c in cases] == ["revenue-12000", "revenue-exactly-1-yi", "revenue-removed", "floor-raised"]
    for rc in cases:
        assert run_case(baseline, rc) == [], rc.case.id


def test_a_misspelled_key_is_an_error_with_its_line(tmp_path):
    path = write(tmp_path, CASES.replace('id = "revenue-removed"', 'id = "revenue-removed"\nremvoe = ["x"]'))
    cases, problems = read_case_file(path)
    assert cases == []
    [p] = problems
    assert p.key == "cases[2].remvoe" and p.message == "未知的键（是否应为 'remove'？）"
    assert path.read_text().splitlines()[p.line - 1].startswith("remvoe")


def test_a_case_that_expects_nothing_is_refused(tmp_path):
    _, problems = read_case_file(write(tmp_path, CASES + '\n[[cases]]\nid = "empty"\nexpect = {}\n'))
    assert [(p.key, p.message) for p in problems] == [
        ("cases[4].expect", "案例没有任何预期：请给出 verdict、criteria、groups、fund 或 open")
    ]


def test_a_wrong_expectation_names_case_criterion_and_period(tmp_path, baseline):
    text = CASES.replace('a-revenue = "met", b-revenue', 'a-revenue = "not_met", b-revenue')
    cases, _ = read_case_file(write(tmp_path, text))
    lines = run_case(baseline, cases[0])
    assert lines[0].startswith("案例 'revenue-12000'（")
    assert lines[0].endswith("）：national.little-giant-3rd-batch，评价日 2021-05-01，上年度 2020")
    assert lines[1].startswith("条件 'a-revenue' 上年度营业收入1亿元及以上（三（三）1）：预期 not_met，实为 met")
    assert "营业收入（2020）=12000" in lines[1]


def test_an_unknown_criterion_is_a_failure_not_ignored(tmp_path, baseline):
    cases, _ = read_case_file(write(tmp_path, CASES.replace("c-revenue =", "c-revenu =")))
    lines = run_case(baseline, cases[0])
    unknown = f"条件 'c-revenu'：不是 {LG3} 的条件"
    assert any(unknown in line and "是否应为 'c-revenue'" in line for line in lines)


def test_cases_run_as_pytest_items(pytester):
    folder = pytester.mkdir("cases")
    (folder / "lg3.toml").write_text(textwrap.dedent(CASES), encoding="utf-8")
    bad = textwrap.dedent(CASES).replace('verdict = "incomplete"', 'verdict = "eligible"')
    (folder / "bad.toml").write_text(bad, encoding="utf-8")
    (folder / "broken.toml").write_text(bad.replace("[defaults]", "[defaults]\nprogam = 1"), encoding="utf-8")
    pytester.makeini("[pytest]\n")  # its own rootdir, not the repository's addopts when the tmp dir is inside it
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    # 4 cases pass in lg3.toml and 3 in bad.toml; bad.toml's first case and broken.toml's schema fail
    result.assert_outcomes(passed=7, failed=2)
    result.stdout.fnmatch_lines(
        ["*verdict：预期 eligible，实为 incomplete*", "*defaults.progam: 未知的键（是否应为 'program'？）*"]
    )
