"""What the one-enterprise commands import: not pandas, pyarrow or NumPy.

``srdi --help``, ``srdi check`` and ``srdi fund --profile`` start in a fresh interpreter for each call; importing
pandas and pyarrow costs about half a second, more than checking one enterprise. Only the
commands that read or write tables import them. This counts modules, not seconds: speed
is measured in the benchmark (``nox -s bench``), where the cold commands are timed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "plugins/liaoning/examples/little-giant-eligible.toml"
#: an enterprise under 辽工信企业〔2024〕88号, whose fund rule withholds money on conditions (四（二）)
KEY_EXAMPLE = ROOT / "plugins/liaoning/examples/key-little-giant-2024.toml"
HEAVY = ("pandas", "pyarrow", "numpy", "openpyxl", "dask", "litestar")

RUN = """
import json, sys
from srdi.cli.main import main
status = 0
try:
    main(sys.argv[1:])
except SystemExit as exc:
    status = exc.code or 0
print(json.dumps([status, sorted(m for m in HEAVY if m in sys.modules)]), file=sys.stderr)
"""


def heavy_imports(*args: str) -> list[str]:
    """The heavy modules a fresh interpreter holds after running ``srdi ARGS``, which must succeed."""
    code = f"HEAVY = {HEAVY!r}\n{RUN}"
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    status, found = json.loads(done.stderr.strip().splitlines()[-1])
    assert status == 0, done.stderr  # a command that failed early would have imported little
    return list(found)


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("check", str(EXAMPLE), "--program", "liaoning.little-giant-2022", "--on", "2022-03-01"),
        ("check", str(EXAMPLE), "--on", "2022-03-01", "--format", "json"),
        ("fund", "--program", "liaoning.key-little-giant-2024", "--profile", str(KEY_EXAMPLE), "--format", "json"),
    ],
    ids=["help", "check-one-program", "check-json", "fund-one-enterprise"],
)
def test_one_enterprise_commands_do_not_import_the_table_libraries(args):
    assert heavy_imports(*args) == []


@pytest.mark.parametrize(
    ("plugin", "args"),
    [
        # 浙江 and 宁波: every program of their region, the 隐形冠军 table (附件5) among them, whose figures count
        # full years since a date (企业成立时间 1+0.2*N) and a mean of two years' R&D ratios (2+N)
        ("srdi_zhejiang", ("contrib/zhejiang/examples/srdi-sme-2021.toml",)),
        ("srdi_ningbo", ("contrib/ningbo/examples/srdi-sme-2021.toml",)),
        # the 隐形冠军 program alone on a day of its round: the table scores the example's 74.4045 points
        (
            "srdi_zhejiang",
            (
                "contrib/zhejiang/examples/hidden-champion-2021.toml",
                "--program",
                "zhejiang.hidden-champion-2021",
                "--on",
                "2021-11-01",
            ),
        ),
        # 吉林's 认定参考指标 (附件4: points shared by attested and flagged items) and 山西's bonuses of unstated size
        (
            "srdi_jilin",
            (
                "contrib/jilin/examples/srdi-sme-candidate.toml",
                "--program",
                "jilin.srdi-sme-plan",
                "--on",
                "2021-07-10",
            ),
        ),
        (
            "srdi_shanxi",
            (
                "contrib/shanxi/examples/srdi-project-2021.toml",
                "--program",
                "shanxi.srdi-project-2021",
                "--on",
                "2021-05-01",
            ),
        ),
    ],
    ids=["zhejiang", "ningbo", "zhejiang-hidden-champion", "jilin-reference-points", "shanxi-bonus"],
)
def test_an_enterprise_scored_by_a_points_table_is_checked_without_numpy(plugin, args):
    # a points table scores one enterprise item by item in plain Python, its figures and formulas too: no
    # table library is loaded, NumPy included
    pytest.importorskip(plugin)
    assert heavy_imports("check", str(ROOT / args[0]), *args[1:]) == []


@pytest.mark.parametrize(
    ("plugin", "args"),
    [
        # 北京: the standing measures a check lists test that no title was revoked (``revoked``), and the project
        # guides' ratios are the plugin's own metrics: each has its evaluator, and its computation, for one enterprise
        ("srdi_beijing", ("plugins/beijing/examples/kg-chain-project.toml",)),
        # 广西 桂工信园区〔2021〕106号 一（三）"已认定为自治区企业技术中心 2年以上": a ``tenure`` criterion, the
        # program's only one that was tested on a one-row frame
        (
            "srdi_guangxi",
            (
                "contrib/guangxi/examples/tech-innovation-demo-2021.toml",
                "--program",
                "guangxi.tech-innovation-demo-2021",
                "--on",
                "2021-05-12",
            ),
        ),
    ],
    ids=["beijing-revoked", "guangxi-tenure"],
)
def test_an_enterprise_whose_criteria_all_have_one_enterprise_evaluators_is_checked_without_numpy(plugin, args):
    pytest.importorskip(plugin)
    assert heavy_imports("check", str(ROOT / args[0]), *args[1:]) == []


def test_a_table_command_does_import_them(tmp_path):
    # the probe sees an import where there is one: srdi batch reads its table with pandas
    out = tmp_path / "结果.csv"
    args = ("batch", str(ROOT / "examples/pool.csv"), "--region", "liaoning", "--on", "2022-03-01", "--out", str(out))
    assert "pandas" in heavy_imports(*args)
    assert out.is_file()
