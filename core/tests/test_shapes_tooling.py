"""The rule shapes in srdi's tools: validate, the conformance checks, show, check, select and diff.

The test notices of core/tests/data/shapes are a data-only plugin; here it is installed the way
pip leaves a plugin (a dist-info with its entry point on sys.path), so the CLI finds it.
"""

from __future__ import annotations

import importlib
import json
import shutil
import sys
from pathlib import Path

import pytest

from srdi.cli.main import main
from srdi.testing import checks
from srdi.validate import validate

SHAPES = Path(__file__).parent / "data" / "shapes"


@pytest.fixture()
def installed(tmp_path, monkeypatch):
    info = tmp_path / "srdi_shapes_examples-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: srdi-shapes-examples\nVersion: 0.1.0\n")
    (info / "entry_points.txt").write_text("[srdi.plugins]\nshapes = srdi_shapes\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.syspath_prepend(str(SHAPES / "src"))
    monkeypatch.setenv("SRDI_LOAD_PLUGINS", "shapes")
    importlib.invalidate_caches()
    yield tmp_path
    sys.modules.pop("srdi_shapes", None)


def run(capsys, *argv):
    try:
        status = main([str(a) for a in argv])
    except SystemExit as exc:  # argparse refuses a malformed argument
        status = int(exc.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_the_test_notices_validate(monkeypatch):
    # installed alone, as the fixture above installs them: they copy the ids of the real notices whose shapes they
    # test (jgxzqf-2021-17 is Tianjin's), which validate reports against the regional plugins installed beside them
    monkeypatch.setenv("SRDI_LOAD_PLUGINS", "")
    assert validate(SHAPES) == []


def test_and_pass_the_conformance_checks(shapes):
    mine = [nf for nf in shapes.notices if nf.plugin == "srdi-shapes-examples"]
    assert len(mine) == len(list((SHAPES / "src" / "srdi_shapes" / "notices").glob("*.toml")))
    problems = []
    for nf in mine:
        problems += checks.citation_problems(nf) + checks.semantic_problems(nf)
    for prog in shapes.programs(abstract=True):
        if prog.notice in mine:
            problems += checks.compile_problems(shapes, prog) + checks.empty_profile_problems(shapes, prog)
            problems += checks.deadline_problems(shapes, prog) + checks.fund_rule_problems(shapes, prog)
    assert problems == []


@pytest.mark.parametrize(
    ("old", "new", "key", "message"),
    [
        (
            'benchmark = "shapes.xiamen_gdp_growth"\nfactor = 1.5\nclause = "一（二）1"',
            'benchmark = "shapes.xiamen_gdp"\nfactor = 1.5\nclause = "一（二）1"',
            "programs[0].criteria[1]",
            "未知的参照数据 'shapes.xiamen_gdp'（是否应为 'shapes.xiamen_gdp_growth'？）",
        ),
        (
            'choice = "shapes.xiamen_direction"\n',
            "",
            "programs[0].groups[2].choice",
            "one_of 组须写明记录所选项的事实（choice）",
        ),
        ("max = 150\n", "", "programs[0].quotas[0].max", "按比例分配是把 max 分给各单位：请给出 max"),
        (
            'year = 2020\nvalue = 5.7\nclause = "一（二）注"\nquote = "2019年厦门市 GDP增速为 7.9%，2020年为 5.7%"',
            "year = 2020\nvalue = 5.7",
            "benchmarks[0].values[1].source",
            "数据须引用通知（clause、quote）或写明来源（source）",
        ),
    ],
)
def test_validate_names_what_is_wrong_in_a_shape(tmp_path, old, new, key, message):
    copy = tmp_path / "shapes"
    shutil.copytree(SHAPES, copy)
    path = copy / "src" / "srdi_shapes" / "notices" / "xiamen-2021-srdi.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    found = [(f.problem.key, f.problem.message) for f in validate(copy) if f.severity == "error"]
    assert (key, message) in found
    problem = next(f.problem for f in validate(copy) if f.problem.key == key)
    assert problem.file == str(path) and problem.line is not None


def test_show_lists_each_shape(installed, capsys):
    status, out, _ = run(capsys, "show", "shapes.xiamen-srdi-2021", "--format", "json")
    assert status == 0
    data = json.loads(out)
    crits = {c["id"]: c for c in data["criteria"]}
    assert crits["growth-2020"]["summary"] == "营业收入增长率 ≥ 1.5 × 厦门市GDP增速；参照数据：2019年 7.9%、2020年 5.7%"
    assert crits["expert-score"]["type"] == "points"
    assert not any("/" in cid for cid in crits)  # the derived choice tests are not listed as criteria
    groups = {g["id"]: g for g in data["groups"]}
    assert (
        groups["direction"]["summary"]
        == "只选一项（由 shapes.xiamen_direction 选定）：specialised、refined、distinctive、novel"
    )
    assert data["quotas"][0]["numbers"] == "总数不超过150家；按参评企业数比例分配"
    assert [b["values"][1]["value"] for b in data["benchmarks"]] == [5.7, 5.7]  # growth-2020 and growth-2y
    status, out, _ = run(capsys, "show", "shapes.jiangsu-little-giant-2021")
    assert status == 0 and "由上级单位统筹" in out and "名额" in out


def test_check_takes_a_reference_figure_on_the_command_line(installed, tmp_path, capsys):
    # 江西 第五条: 10% growth against a 规上 average given as 9.9 → above it → met
    profile = tmp_path / "p.toml"
    profile.write_text(
        '[enterprise]\nregion_code = "360100"\n[years.2019]\nrevenue = 1000\n[years.2020]\nrevenue = 1100\n',
        encoding="utf-8",
    )
    argv = [
        "check",
        profile,
        "--program",
        "shapes.jiangxi-specialised-little-giant",
        "--on",
        "2021-03-01",
        "--format",
        "json",
    ]
    status, out, _ = run(capsys, *argv)
    crit = {c["id"]: c for c in json.loads(out)["criteria"]}
    assert status == 0 and crit["revenue-growth"]["outcome"] == "unknown"
    status, out, _ = run(capsys, *argv, "--benchmark", "shapes.jiangxi_industrial_revenue_growth:2020=9.9")
    crit = {c["id"]: c for c in json.loads(out)["criteria"]}
    assert crit["revenue-growth"]["outcome"] == "met"
    status, _, err = run(capsys, *argv, "--benchmark", "9.9")
    assert status == 2 and "--benchmark '9.9'：应写为 ID:年份=数值" in err


def test_check_prints_a_one_of_group_and_a_points_table(installed, tmp_path, capsys):
    # 江苏 522号: 制造类 chosen, 主营业务收入 6000 ≥ 5000, the rest attested → eligible, the group shown
    # as "只选一项" with the branch of the chosen category
    profile = tmp_path / "p.toml"
    profile.write_text(
        '[enterprise]\nregion_code = "320281"\nregistered_on = 2010-01-01\n'
        '[enterprise.shapes]\njiangsu_category = ["manufacturing"]\n'
        "[years.2020]\nmain_business_revenue = 6000\n[attestations]\njiangsu_manufacturing = true\n",
        encoding="utf-8",
    )
    status, out, _ = run(
        capsys, "check", profile, "--program", "shapes.jiangsu-little-giant-2021", "--on", "2021-11-01", "--detail"
    )
    assert status == 0
    assert "只选一项" in out and "选择“小巨人企业（制造类）”申报" in out and "符合条件" in out


def test_select_takes_the_units_numbers_on_the_command_line(installed, shapes, tmp_path, capsys):
    # 浙经信企业〔2021〕165号 四（一）等额推荐: 杭州 (330100) given 3 places; four eligible firms (研发
    # 90 / 3000 = 3% and 100 / 3000 = 3.33%, both ≥ 3%) → the fourth is cut by its city's number
    from srdi.batch.write import profiles_table
    from srdi.testing.strategies import credit_code

    years = {"2019": {"revenue": 3000, "rd_expense": 90}, "2020": {"revenue": 3000, "rd_expense": 100}}
    pool = [
        shapes.load_profile_data(
            {"enterprise": {"name": f"浙企{i}", "credit_code": credit_code("330100", i)}, "years": years}
        )
        for i in range(1, 5)
    ]
    table = tmp_path / "pool.csv"
    profiles_table(pool, shapes.vocabulary, shapes.titles).to_csv(table, index=False, encoding="utf-8-sig")
    args = ["select", table, "--program", "shapes.zhejiang-srdi-sme-2021", "--on", "2021-11-01", "--format", "json"]
    status, out, err = run(capsys, *args, "--quota", "per-city:330100=3")
    assert status == 0
    assert [r["selected"] for r in json.loads(out)] == [True, True, True, False]
    assert "名额 per-city 330100 浙江省（330100）：3/3" in err
    status, _, err = run(capsys, *args, "--quota", "per-city=1")
    # no unit after the quota: refused with the QUOTA:UNIT=N shape in Chinese, quoting what was given
    assert status == 2 and "应为 名额:单位=数量，如 annual:220100=40，实为 'per-city=1'" in err
    status, _, err = run(capsys, *args, "--quota", "nope:330100=1")
    assert status == 2 and "--quota 'nope'：shapes.zhejiang-srdi-sme-2021 没有这个限额" in err


def test_diff_compares_shapes_key_by_key(installed, capsys):
    # the two programs of 浙经信企业〔2021〕165号: R&D "均不低于3%" vs "每年均不低于4%"; the champion adds
    # the 附件5 table; the SME's quota is 等额, the champion's 限额
    status, out, _ = run(
        capsys, "diff", "shapes.zhejiang-srdi-sme-2021", "shapes.zhejiang-hidden-champion-2021", "--format", "json"
    )
    assert status == 0
    rows = json.loads(out)["rows"]
    rd = next(r for r in rows if r["kind"] == "criterion" and r["a"] == "rd-each-year")
    assert {"key": "value", "a": 3, "b": 4} in rd["changes"]
    assert any(r["kind"] == "criterion" and r["b"] == "evaluation" and r["status"] == "only_b" for r in rows)
    quota = next(r for r in rows if r["kind"] == "program" and r["a"] == "quota:per-city")
    assert {"key": "exact", "a": True, "b": False} in quota["changes"]
