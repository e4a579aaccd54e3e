"""The message catalogue: one gettext domain, the same codes in every language, compiled .mo files current.

Also the language choice (``SRDI_LANG``, ``--lang``) and JSON keeping each code beside
its words.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import get_args, get_type_hints

import pytest
from babel.messages.pofile import read_po

from srdi import i18n
from srdi.cadence import EVERY
from srdi.cli.main import main
from srdi.engine.recognition import RecognitionArgs
from srdi.engine.stacking import StackingArgs
from srdi.engine.tenure import TenureArgs
from srdi.today import RoundState

SRC = Path(i18n.__file__).parent
ROOT = Path(__file__).resolve().parents[2]  # the repository (srdi may be installed, not editable)
ELIGIBLE = ROOT / "plugins/liaoning/examples/little-giant-eligible.toml"
#: A message code written literally in the source: t("…"), message("…"), or a constant naming one.
USED = re.compile(r"""(?:\bt|\btn|\bmessage|i18n\.tn?)\(\s*f?"([a-z_]+(?:\.[a-z_{}.]+)+)""")


def po(lang: str) -> dict[str, tuple[str, ...]]:
    """Each code's forms: one text, or one per plural form of the language (``msgstr[k]``)."""
    with open(SRC / "locale" / lang / "LC_MESSAGES" / "srdi.po", "rb") as f:
        out = {}
        for m in read_po(f):
            if m.id:
                code = m.id[0] if isinstance(m.id, tuple) else m.id
                out[code] = tuple(m.string) if isinstance(m.string, tuple) else (m.string,)
        return out


def test_every_language_has_the_same_codes_and_fills_them():
    zh, en = po("zh"), po("en")
    assert set(zh) == set(en)
    assert all(all(forms) for forms in zh.values()) and all(all(forms) for forms in en.values())
    # the same {fields} on both sides, in every plural form: a translation neither loses nor invents a figure
    fields = re.compile(r"\{(\w+)")

    def filled(texts: dict[str, tuple[str, ...]]) -> dict[str, set[tuple[str, ...]]]:
        return {c: {tuple(sorted(fields.findall(f))) for f in forms} for c, forms in texts.items()}

    assert filled(zh) == filled(en)
    assert all(len(forms) == 1 for forms in filled(zh).values())


def test_plural_forms_follow_each_languages_rule():
    # Chinese has one form (1年, 2年); English two, the first for 1 alone (1 year, 2 years, 0 years)
    with i18n.speaking("zh"):
        assert [i18n.tn("show.span.years", n, years=n) for n in (0, 1, 2)] == ["0年", "1年", "2年"]
    with i18n.speaking("en"):
        assert [i18n.tn("show.span.years", n, years=n) for n in (0, 1, 2)] == ["0 years", "1 year", "2 years"]
        assert i18n.tn("fund.schedule_title", 1, program="p", n=1) == "p: disbursement plan (1 enterprise, 万元)"
        assert i18n.tn("batch.data_errors", 4, n=4) == "4 rows with data errors; see the 'error' column"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_compiled_catalogue_is_the_source_compiled(lang):
    # the .mo file read at run time says what the .po says (pybabel compile after every edit); a plural
    # entry's forms are those ngettext gives for 1 and for 2 (one form in Chinese)
    cat = i18n.catalogue(lang)

    def compiled(code: str, forms: tuple[str, ...]) -> tuple[str, ...]:
        if len(forms) == 1 and cat.gettext(code) != code:
            return (cat.gettext(code),)
        got = tuple(cat.ngettext(code, code, n) for n in (1, 2))
        # two forms may read the same ("rank {n}" for 1 and for 2): kept apart where the .po has two
        return got if len(forms) == 2 else tuple(dict.fromkeys(got))

    assert po(lang) == {code: compiled(code, forms) for code, forms in po(lang).items()}


def choices(cls: type, field: str) -> tuple[str, ...]:
    """The values a Literal-typed argument of a criterion may take."""
    return get_args(get_type_hints(cls)[field])


def test_every_code_the_source_uses_is_in_the_catalogue():
    codes = set(po("zh"))
    used = set()
    for path in SRC.rglob("*.py"):
        used |= set(USED.findall(path.read_text(encoding="utf-8")))
    literal = {c for c in used if "{" not in c}
    assert literal - codes == set()
    # codes built from a value (f"fund.status.{status}") have an entry for each value
    for prefix, values in {
        "fund.status": ("payable", "withheld", "recovered", "conditional", "not_applicable", "unknown"),
        "fund.applies": ("yes", "no", "unknown"),
        "verdict": ("eligible", "ineligible", "incomplete", "review"),
        "outcome": ("met", "not_met", "unknown", "review"),
        "group": ("all", "any", "none", "at_least", "one_of"),
        "fund.basis": ("per_enterprise", "per_project", "per_platform", "transfer_basis"),
        "cadence.every": tuple(EVERY),
        "web.status": ("400", "404", "405", "413", "415", "422", "500", "503", "other"),
        "today.state": get_args(RoundState),
        "tenure.threshold": choices(TenureArgs, "as_of"),
        "stacking.threshold": choices(StackingArgs, "rule"),
        "recognition.threshold.held": choices(RecognitionArgs, "valid"),
        "recognition.threshold.not_held": choices(RecognitionArgs, "valid"),
    }.items():
        assert {f"{prefix}.{v}" for v in values} <= codes


def test_the_language_is_chinese_unless_chosen(monkeypatch):
    monkeypatch.delenv(i18n.ENV, raising=False)
    assert i18n.language() == "zh" and i18n.t("fund.status.payable") == "可拨付"
    monkeypatch.setenv(i18n.ENV, "en_US.UTF-8")
    assert i18n.language() == "en" and i18n.t("fund.status.payable") == "payable"
    monkeypatch.setenv(i18n.ENV, "fr")  # not a language of the catalogue: Chinese stays
    assert i18n.language() == "zh"
    with i18n.speaking("en"):
        assert i18n.t("check.open", n=3) == "programs open: 3"
    assert i18n.t("check.open", n=3) == "正在受理的项目：3项"
    with pytest.raises(ValueError, match="unknown language"):
        i18n.use("fr")


def test_lang_en_speaks_english_and_json_keeps_codes(capsys, monkeypatch):
    monkeypatch.delenv(i18n.ENV, raising=False)
    argv = ["check", str(ELIGIBLE), "--program", "liaoning.little-giant-2022", "--on", "2022-03-01"]
    assert main([*argv, "--lang", "en"]) == 0
    assert "verdict: eligible" in capsys.readouterr().out
    monkeypatch.setenv(i18n.ENV, "en")
    assert main(argv) == 0
    assert "verdict: eligible" in capsys.readouterr().out
    assert main([*argv, "--lang", "zh"]) == 0  # --lang wins over SRDI_LANG
    assert "结论：符合条件" in capsys.readouterr().out
    monkeypatch.delenv(i18n.ENV)
    assert main([*argv, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["verdict"], data["verdict_label"]) == ("eligible", "符合条件")
    revenue = next(c for c in data["criteria"] if c["id"] == "revenue")
    assert (revenue["outcome"], revenue["outcome_label"]) == ("met", "符合")
    assert i18n.language() == "zh"  # a command's --lang ends with it


def test_fund_json_keeps_status_codes_beside_chinese(capsys):
    # 辽工信企业〔2024〕88号 四（二）: half is paid at the start, the rest at the end, each subject to
    # the clawback rules while the plan's outcome is not known (the profile gives none)
    argv = ["fund", "--program", "liaoning.key-little-giant-2024", "--format", "json"]
    assert main([*argv, "--profile", str(ROOT / "plugins/liaoning/examples/key-little-giant-2024.toml")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(p["status"], p["status_label"]) for p in data["payments"]] == [
        ("payable", "可拨付"),
        ("conditional", "视情况拨付"),
    ]
    assert data["payments"][0]["reason"].startswith("如出现以下情形将收回：")
    assert [(r["action"], r["action_label"]) for r in data["rules"]] == [
        ("recover_paid", "收回已拨资金"),
        ("cancel_remaining", "停拨剩余资金"),
    ]


def test_help_ends_with_examples(capsys):
    for argv in (["--help"], ["check", "--help"], ["batch", "--help"], ["fund", "--help"], ["deadlines", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
        lines = capsys.readouterr().out.rstrip().splitlines()
        heading = max(i for i, line in enumerate(lines) if line == "示例：")
        assert lines[heading + 1 :] and all(
            line.startswith("  srdi ") or line.startswith("  SRDI_") for line in lines[heading + 1 :]
        )


#: English texts that named a Chinese word (上年度, 月/日, 否) inside an English sentence (QA "also seen").
MIXED = ["case.head", "notice.not_a_day", "notice.reference_year_after", "cell.title_year_or_no"]


@pytest.mark.parametrize("code", MIXED)
def test_these_english_texts_hold_no_chinese_words(code):
    (text,) = po("en")[code]
    assert not re.search(r"[\u4e00-\u9fff]", text), text


def test_the_english_texts_that_were_mixed_read_as_english():
    with i18n.speaking("en"):
        # 2 月 30 日 does not exist; a cell of 否 or no means "not held"
        assert i18n.t("notice.not_a_day", month=2, day=30) == "month 2 has no day 30"
        assert "'no'" in i18n.t("cell.title_year_or_no", got="'x'")
    with i18n.speaking("zh"):
        assert i18n.t("notice.not_a_day", month=2, day=30) == "一年中没有2月30日"


#: Counts worded in English: (code, field, text for 1, text for 2), each filled with only its count.
COUNTS = [
    ("validate.errors", "n", "1 error", "2 errors"),
    ("validate.warnings", "n", "1 warning", "2 warnings"),
    ("web.problems.count", "count", "1 problem", "2 problems"),
    ("select.firms", "n", "1 enterprise", "2 enterprises"),
    ("show.benchmark.years_mean", "years", " (mean of the last 1 year)", " (mean of the last 2 years)"),
    ("compare.years.sum", "years", " (total of the last 1 year)", " (total of the last 2 years)"),
]


@pytest.mark.parametrize(("code", "field", "one", "two"), COUNTS)
def test_counts_take_their_plural_form_in_english(code, field, one, two):
    # English has two forms (n != 1); Chinese one, the count standing before its measure word
    with i18n.speaking("en"):
        assert i18n.tn(code, 1, **{field: 1}) == one
        assert i18n.tn(code, 2, **{field: 2}) == two
    with i18n.speaking("zh"):
        assert i18n.tn(code, 1, **{field: 1}) == i18n.tn(code, 2, **{field: 1})


def test_every_count_is_a_plural_entry():
    # a message counting files, rows, errors … is worded with tn: a plural entry in both catalogues
    plural = {"new_plugin.written", "batch.wrote", "tables.rows", "template.wrote", "tables.data_errors"}
    plural |= {"tables.more_errors", "whatif.data_errors", "deadlines.ics_left_out", "renewals.review_title"}
    plural |= {"case.schema_not_run", "gap.reaches", "fund.items_counted", "form.too_long", "form.too_many_rows"}
    plural |= {c for c, *_ in COUNTS} | {"show.benchmark.years_each", "compare.years.any"}
    plural |= {"compare.years.aggregate", "compare.years.cagr"}
    en, zh = po("en"), po("zh")
    assert all(len(en[c]) == 2 and len(zh[c]) == 1 for c in plural), [c for c in plural if len(en[c]) != 2]
