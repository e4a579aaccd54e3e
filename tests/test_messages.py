"""People read Chinese: the human output of the commands on the shipped examples has no English word.

``srdi check`` (the answer, and ``--detail``'s whole tree of every program open that
day), ``deadlines``, ``fund``, ``batch`` and ``tables`` run on every example
profile and table the repository ships (``plugins/*/examples``, ``examples/``). An
English word is a run of two or more Latin letters with a lower-case one among them,
standing alone: ids, keys, credit codes, file names and units such as
``liaoning.little-giant-2022``, ``attestations.brand_strategy`` or ``ISO9000`` are
codes a person types or looks up, and acronyms such as ``UL`` or ``APP`` are names,
not English. ``srdi`` is the command's own name.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from srdi.cli.main import main

ROOT = Path(__file__).parent.parent
PROFILES = sorted(ROOT.glob("plugins/*/examples/*.toml"))
ON = "2022-03-01"
#: A run of Latin letters with a lower-case one, not joined to an id, key, path or number.
WORD = re.compile(r"(?<![\w.\-/:@\[=$])[A-Za-z]*[a-z][A-Za-z]*(?![\w.\-/:@\]=(])")
#: Words that are not English: the command's name, and the TOML literals a person types as an answer.
NOT_ENGLISH = {"srdi", "true", "false"}


def english(text: str) -> list[str]:
    """The English words of ``text``, with the line each stands in."""
    found = []
    for line in text.splitlines():
        for word in WORD.findall(line):
            if len(word) > 1 and word not in NOT_ENGLISH:
                found.append(f"{word!r} in {line.strip()!r}")
    return found


def human(capsys, *argv: str) -> str:
    """What a person reads from one command: its stdout and stderr (it must succeed)."""
    assert main([*argv, "--lang", "zh"]) == 0, argv
    captured = capsys.readouterr()
    return captured.out + captured.err


def test_the_word_finder_finds_english_and_passes_codes():
    # the test's own measure, checked on both kinds of text
    assert english("差距：营业收入 needs +100万元 to reach 2000万元") == [
        "'needs' in '差距：营业收入 needs +100万元 to reach 2000万元'",
        "'to' in '差距：营业收入 needs +100万元 to reach 2000万元'",
        "'reach' in '差距：营业收入 needs +100万元 to reach 2000万元'",
    ]
    assert english("srdi: 已写入 3 行：out/初审结果.xlsx；liaoning.little-giant-2022 UL、CSA ISO9000") == []
    assert english("attestations.brand_strategy=—；在 [attestations] 中填写 brand_strategy = true") == []


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_check_and_deadlines_speak_chinese(profile, capsys):
    rel = str(profile.relative_to(ROOT))
    text = human(capsys, "check", rel, "--on", ON)
    text += human(capsys, "check", rel, "--on", ON, "--detail")
    text += human(capsys, "deadlines", "--profile", rel)
    assert english(text) == []


@pytest.mark.parametrize(
    ("profile", "program"),
    [
        ("plugins/liaoning/examples/key-little-giant-2024.toml", "liaoning.key-little-giant-2024"),
        ("plugins/beijing/examples/kg-tech-project.toml", "beijing.tech-industrialisation-2021"),
        ("plugins/beijing/examples/kg-chain-project.toml", "beijing.chain-collaboration-2021"),
        ("plugins/beijing/examples/kg-digital-project.toml", "beijing.digital-upgrade-2021"),
        ("plugins/shanghai/examples/key-little-giant-eligible.toml", "shanghai.key-little-giant-2021"),
        ("plugins/hebei/examples/measures-claims.toml", "hebei.listing-subsidy"),
    ],
)
def test_fund_speaks_chinese(profile, program, capsys):
    text = human(capsys, "fund", "--program", program, "--profile", profile)
    text += human(capsys, "fund", "--program", program)
    text += human(capsys, "deadlines", "--program", program)
    assert english(text) == []


def test_batch_and_tables_speak_chinese(tmp_path, capsys):
    # what they say beside the files they write (the files keep each verdict's code beside its words)
    examples = ROOT / "examples"
    out = tmp_path / "初审结果.xlsx"
    text = human(
        capsys, "batch", str(examples / "申报企业.xlsx"), "--region", "liaoning", "--on", ON, "--out", str(out)
    )
    out = tmp_path / "初审结果.csv"
    text += human(
        capsys,
        "batch",
        str(examples / "pool.csv"),
        "--program",
        "liaoning.little-giant-2022",
        "--on",
        ON,
        "--out",
        str(out),
    )
    out = tmp_path / "汇总表.xlsx"
    text += human(
        capsys,
        "tables",
        str(examples / "推荐.xlsx"),
        "--form",
        "miit-2021-79:annex-3",
        "--on",
        "2021-04-30",
        "--out",
        str(out),
    )
    text += human(
        capsys,
        "select",
        str(examples / "推荐.xlsx"),
        "--program",
        "national.little-giant-3rd-batch",
        "--on",
        "2021-04-30",
        "--out",
        str(tmp_path / "推荐排序.xlsx"),
    )
    assert english(text) == []
