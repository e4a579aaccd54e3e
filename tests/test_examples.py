"""The example tables under examples/: what examples/make.py writes, and what srdi makes of them.

The README's and docs' batch commands run on these files; the verdicts below are
derived by hand from the notices.
"""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pandas as pd
import pytest

from srdi.cli.main import main

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"


def make_module():
    spec = importlib.util.spec_from_file_location("examples_make", EXAMPLES / "make.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def values(path: Path) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


def test_the_shipped_files_are_what_make_writes(tmp_path):
    built = make_module().build(tmp_path)
    assert sorted(p.name for p in built) == sorted(
        p.name for p in EXAMPLES.iterdir() if p.suffix in (".xlsx", ".csv", ".parquet")
    )
    for p in built:
        shipped = EXAMPLES / p.name
        if p.suffix == ".xlsx":
            assert values(p) == values(shipped), f"{p.name} is stale: run python examples/make.py"
        elif p.suffix == ".csv":
            assert p.read_bytes() == shipped.read_bytes(), f"{p.name} is stale: run python examples/make.py"
        else:
            pd.testing.assert_frame_equal(pd.read_parquet(p), pd.read_parquet(shipped))


def run(capsys, *argv) -> pd.DataFrame:
    assert main([str(a) for a in argv]) == 0
    return pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=object)


def test_applicants(capsys):
    # 辽工信改革〔2022〕9号, little giant tier, reference year 2021 (derivations of the example firm
    # in plugins/liaoning/tests/test_lngxgg_2022.py); each row is that firm changed as noted
    out = run(
        capsys, "batch", EXAMPLES / "申报企业.xlsx", "--program", "liaoning.little-giant-2022", "--on", "2022-03-01"
    )
    assert list(out["row"]) == [str(r) for r in range(3, 10)]  # title and header above the firms
    assert list(out["verdict"]) == [
        "eligible",  # the example firm
        "eligible",  # 营业收入 2000: "达到2000万元及以上" includes 2000
        "ineligible",  # 1999: 1万元 short
        "ineligible",  # R&D (110+120)/(6000+6800) = 1.80% < 2%
        "incomplete",  # 2020 负债总额 left out: 近2年资产负债率 cannot be told
        "ineligible",  # 2021 负债 7001 / 资产 10000 = 70.01% > 70%
        "incomplete",  # the credit code fails its check digit: 注册地 unknown
    ]
    assert out["gaps"].iloc[2] == "营业收入距2000万元还差1万元"
    assert out["credit_code"].iloc[6] == "91210100MA0YK3N25X" and "校验码错误" in out["error"].iloc[6]


def test_candidates(capsys):
    # 工信厅企业函〔2021〕79号 五（一）: at most 10 firms of a province under 5000万元 营业收入; all
    # twelve category-c candidates are of 辽宁 with 4000万元, so the last two are cut; the thirteenth
    # has 资产负债率 75% > 70% (必备指标 3) and is no candidate
    out = run(
        capsys, "select", EXAMPLES / "推荐.xlsx", "--program", "national.little-giant-3rd-batch", "--on", "2021-04-30"
    )
    assert list(out["selected"]) == ["True"] * 10 + ["False"] * 3
    assert list(out["cut_by"].fillna("")) == [""] * 10 + ["under-5000"] * 2 + [""]
    assert out["verdict"].iloc[12] == "ineligible"


def test_pool(capsys):
    # 营业收入 6800, 2000, 2400, 2500, 1999 under a floor raised to 2500: 2000 and 2400 fall below
    for source in ("pool.csv", "pool.parquet"):
        argv = ["--program", "liaoning.little-giant-2022", "--on", "2022-03-01", "--set", "revenue.value=2500"]
        out = run(capsys, "whatif", EXAMPLES / source, *argv)
        first = 2 if source == "pool.csv" else 1  # a CSV's header is row 1; Parquet has no header row
        assert list(out["row"]) == [str(first + 1), str(first + 2)]
