"""The answer first: ``srdi check`` at 80 columns fits a screen, verdict at the top, no token broken.

Read back from the command's own output at ``COLUMNS=80``, as a person sees it in a
terminal of that width.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from srdi.cli.main import main

ROOT = Path(__file__).parent.parent
ELIGIBLE = "plugins/liaoning/examples/little-giant-eligible.toml"
#: A number, an id, a date, a credit code: Latin letters and digits with their joiners.
TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-/%:]*")


def screen(capsys, monkeypatch, columns: int, *argv: str) -> list[str]:
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.chdir(ROOT)
    assert main(list(argv)) == 0
    return capsys.readouterr().out.splitlines()


def test_the_answer_fits_a_screen_with_the_verdict_first(capsys, monkeypatch):
    lines = screen(capsys, monkeypatch, 80, "check", ELIGIBLE, "--on", "2022-03-01")
    assert len(lines) <= 60
    assert all(len(line) <= 80 for line in lines)  # ASCII width bound; wide characters are checked below
    from rich.cells import cell_len

    assert max(cell_len(line) for line in lines) <= 80
    # 辽工信改革〔2022〕9号: on 2022-03-01 the firm is eligible for the 小巨人 tier (derivation in
    # plugins/liaoning/tests/test_lngxgg_2022.py), and that verdict is the first one printed
    verdicts = [i for i, line in enumerate(lines) if "结论：" in line]
    assert verdicts and verdicts[0] < 5
    assert "结论：符合条件" in lines[verdicts[0]]
    # the tiers it does not fit say why: 产品（技术） lacks two figures, the 中小企业 tier needs a
    # 专精特新产品 it does not hold (the answer names the criteria and what to supply)
    text = "\n".join(lines)
    assert "缺少数据：进入市场（技术运用）1年以上" in text and "需补充：主导产品进入市场时间" in text
    assert "不符合：具备有效期内的专精特新产品" in text


@pytest.mark.parametrize("detail", [False, True], ids=["answer", "detail"])
@pytest.mark.parametrize("columns", [80, 100, 120])
def test_no_number_or_id_is_broken_across_lines(capsys, monkeypatch, columns, detail):
    argv = ["check", ELIGIBLE, "--on", "2022-03-01", *(["--detail"] if detail else [])]
    wide = screen(capsys, monkeypatch, 1000, *argv)
    narrow = screen(capsys, monkeypatch, columns, *argv)
    whole = set(TOKEN.findall("\n".join(wide)))
    # every number or id of the narrow screen is one of the wide screen's, whole: none was cut
    cut = sorted({tok for line in narrow for tok in TOKEN.findall(line)} - whole)
    assert cut == []
    # and the narrow screen still holds each of them
    assert {"liaoning.little-giant-2022", "2022-03-01", "91210100MA0YK3N252"} - whole <= {"91210100MA0YK3N252"}
    assert "liaoning.little-giant-2022" in "\n".join(narrow)


def test_detail_keeps_the_tree_indentation_when_a_line_wraps(capsys, monkeypatch):
    lines = screen(capsys, monkeypatch, 80, "check", ELIGIBLE, "--on", "2022-03-01", "--detail")
    # the criterion three levels down whose label, clause and quote are longer than a line
    at = lines.index("    中型、小型或微型企业（工信部联企业〔2011〕300号）  符合  二（一）1、二（二）")
    assert lines[at + 1] == "      1、二（三）1（1）"  # its clauses go on, further in
    assert lines[at + 2].startswith("        “企业的划型按照")  # its quote, under it
    assert lines[at + 3].strip() == "行”" and lines[at + 3].startswith("         ")  # inside the quote mark
