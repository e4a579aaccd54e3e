"""The srdi command line: JSON shapes integrators rely on, tables for people, clean errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from srdi.cli.main import main

ROOT = Path(__file__).parent.parent
ELIGIBLE = ROOT / "plugins" / "liaoning" / "examples" / "little-giant-eligible.toml"

pytestmark = pytest.mark.skipif(not ELIGIBLE.exists(), reason="needs the Liaoning plugin's examples")


def run_json(capsys, *args):
    assert main([*args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_plugins_shape(capsys, monkeypatch):
    monkeypatch.setenv("SRDI_LOAD_PLUGINS", "liaoning")
    data = run_json(capsys, "plugins")
    by_name = {p["name"]: p for p in data}
    assert by_name["liaoning"]["regions"] == ["210000"]
    assert {"name", "version", "regions"} <= set(by_name["liaoning"])


def test_programs_shape(capsys):
    data = run_json(capsys, "programs", "--region", "liaoning")
    lg = next(p for p in data if p["id"] == "liaoning.little-giant-2022")
    assert lg == lg | {
        "region": "210000",
        "notice": "辽工信改革〔2022〕9号",
        "title": "辽宁省专精特新“小巨人”企业（2022年度）",
    }
    assert all(p["region"] == "210000" for p in data)


def test_check_one_program_shape(capsys):
    data = run_json(capsys, "check", str(ELIGIBLE), "--program", "liaoning.little-giant-2022", "--on", "2022-03-01")
    assert data["program"] == "liaoning.little-giant-2022" and data["verdict"] == "eligible"
    c = next(c for c in data["criteria"] if c["id"] == "revenue")
    assert c["outcome"] == "met" and c["clause"] == "二（三）1（2）"
    assert c["quote"] == "（2）企业上年度营业收入达到2000万元及以上"


def test_check_routes_and_lists_every_open_program(capsys):
    data = run_json(capsys, "check", str(ELIGIBLE), "--on", "2022-03-01")
    assert data["on"] == "2022-03-01" and data["message"] is None
    assert {r["program"] for r in data["open"]} == {
        "liaoning.little-giant-2022",
        "liaoning.srdi-sme-2022",
        "liaoning.srdi-product-2022",
    }
    assert all(r["verdict"] in ("eligible", "ineligible", "incomplete", "review") for r in data["open"])


def test_what_if_override(capsys):
    # raising the revenue floor to 7000 fails a firm with 6800万元
    data = run_json(
        capsys,
        "check",
        str(ELIGIBLE),
        "--program",
        "liaoning.little-giant-2022",
        "--on",
        "2022-03-01",
        "--set",
        "revenue.value=7000",
    )
    assert data["verdict"] == "ineligible"
    # the JSON names the override and the value the criterion was tested with (its label keeps the notice's 2000)
    assert data["overridden"] == ["revenue.value"] and data["overrides"] == {"revenue.value": 7000}


def test_deadlines_json_and_ics(capsys, tmp_path):
    data = run_json(capsys, "deadlines", "--program", "liaoning.little-giant-2022")
    # 辽工信改革〔2022〕9号 五、1: the online window ends 2022-03-18
    window = next(d for d in data if d["event"] == "online-window")
    assert (window["start"], window["date"]) == ("2022-02-09", "2022-03-18")
    assert window["title"] == "企业网上申报、各市初审（辽宁省促进中小企业发展专项申报系统）"
    out = tmp_path / "d.ics"
    assert main(["deadlines", "--program", "liaoning.little-giant-2022", "--format", "ics", "--out", str(out)]) == 0
    assert out.read_text().startswith("BEGIN:VCALENDAR")


def test_human_table_has_chinese_labels(capsys):
    argv = ["check", str(ELIGIBLE), "--program", "liaoning.little-giant-2022", "--on", "2022-03-01"]
    assert main([*argv, "--detail"]) == 0
    out = capsys.readouterr().out
    assert "符合条件" in out and "上年度营业收入达到2000万元及以上" in out
    # without --detail: the verdict, and no criterion of an eligible firm
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "结论：符合条件" in out and "上年度营业收入达到2000万元及以上" not in out


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["check", "nope.toml", "--program", "liaoning.little-giant-2022"], "找不到企业信息文件"),
        (["check", str(ELIGIBLE), "--program", "liaoning.little-giant-2O22"], "是否应为"),
        (["programs", "--region", "atlantis"], "没有地区"),
        (
            ["check", str(ELIGIBLE), "--program", "liaoning.little-giant-2022", "--set", "revenu.value=1"],
            "revenu.value",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line_per_problem(capsys, args, needle):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err


def test_console_script_bad_profile(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[enterprise]\ncredit_code = "91210100MA0YK3N253"\n[years.2021]\nrd_ratio = 0.035\n')
    proc = subprocess.run([sys.executable, "-m", "srdi.cli.main", "check", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "enterprise.credit_code" in proc.stderr and "years.2021.rd_ratio" in proc.stderr
    assert "Traceback" not in proc.stderr
