"""Texts srdi composes itself read in English under ``--lang en``, and stay as they were in Chinese.

QA findings 3 (part), 5, 6, 9 (part) and 15 of the English-mode report: thresholds of
``flag``, ``choice`` and ``years_since`` criteria, the weekday of a calendar error, the
name of a UTF-8 file with a BOM, the what-if ``why`` column and summaries, and the
choices a refused choice value is told. Labels (the vocabulary's, the notice's) stay
Chinese in both languages; the words around them follow the language. Each compiled
criterion is evaluated in both languages, as a compiled program shared by runs is.
"""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path
from typing import Any

import attrs
import pandas as pd
import pytest

import srdi
from srdi._convert import converter
from srdi.batch import encoding, read_table
from srdi.batch.screen import adjustment_note, reason_labels
from srdi.batch.whatif import compare, whatif
from srdi.batch.write import profiles_table
from srdi.engine.columns import Columns
from srdi.engine.conditions import BuildContext, Env
from srdi.engine.facts import Facts
from srdi.engine.outcomes import NOT_MET
from srdi.errors import CalendarError
from srdi.holidays import arrangement_from_dict
from srdi.i18n import speaking
from srdi.profile import values
from srdi.programs import Criterion, Origin

CATALOG = srdi.load([])
ORIGIN = Origin("test", "test", "test", "一", "…")
ON = dt.date(2022, 3, 1)
YEAR = 2021


def labels(fact: str, chosen: tuple[str, ...]) -> list[str]:
    """The vocabulary's Chinese labels of ``chosen`` values of ``fact``, in that order."""
    spec = CATALOG.metrics.vocabulary.get(fact)
    by_value = {c.value: c.label for c in spec.choices}
    return [by_value[v] for v in chosen]


def compiled(ctype: str, args: dict[str, Any]) -> tuple[Any, Any]:
    """A criterion compiled once, for frames and for one enterprise (compiled in Chinese, as a run may)."""
    kind = CATALOG.condition_types[ctype]
    crit = Criterion("c", "c", ctype, args, ORIGIN)
    structured = converter.structure(args, kind.args)
    with speaking("zh"):
        ctx = BuildContext(CATALOG.metrics, CATALOG.titles, crit)
        return kind.build(structured, ctx), kind.build_one(structured, ctx)


def explained(ctype: str, args: dict[str, Any], row: dict[str, Any], lang: str) -> tuple[Any, Any]:
    """Row 0's explanation from the frame evaluator and from the one-enterprise one, in ``lang``."""
    frames, one = compiled(ctype, args)
    with speaking(lang):
        res = frames(Columns(pd.DataFrame([row]), CATALOG.metrics, YEAR), Env(ON, YEAR, CATALOG.titles))
        _, single = one(Facts(row, CATALOG.metrics, YEAR), Env(ON, YEAR, CATALOG.titles))
        return res.explain(0), single


# ------------------------------------------------------------------ flag
@pytest.mark.parametrize(("expect", "zh", "en"), [(True, "须为是", "must be yes"), (False, "须为否", "must be no")])
def test_a_flag_threshold_is_worded_in_the_language_of_the_run(expect, zh, en):
    args = {"fact": "independent_legal_person", "expect": expect}
    row = {"independent_legal_person": True}
    for lang, want in (("en", en), ("zh", zh), ("en", en)):
        frame, single = explained("flag", args, row, lang)
        assert frame.threshold == single.threshold == want


# ------------------------------------------------------------------ choice
def test_a_single_choice_threshold_reads_one_of_and_none_of_in_english():
    chosen, excluded = ("medium", "small", "micro"), ("large",)
    args = {"fact": "size_class", "any_of": list(chosen), "none_of": list(excluded)}
    row = {"size_class": "small"}
    frame, single = explained("choice", args, row, "en")
    want = f"one of: {', '.join(labels('size_class', chosen))}; none of: {', '.join(labels('size_class', excluded))}"
    assert frame.threshold == single.threshold == want
    # the value shown is the vocabulary's label, Chinese by design
    assert frame.values == single.values == {"企业规模": "小型"}
    frame, single = explained("choice", args, row, "zh")
    assert frame.threshold == single.threshold == "属于：中型、小型、微型；不属于：大型"


def test_a_multiple_choice_threshold_reads_at_least_n_of_in_english():
    chosen = ("ul", "csa", "etl")
    args = {"fact": "product_certs_developed", "any_of": list(chosen), "at_least": 2}
    row = {"product_certs_developed.ul": 1.0, "product_certs_developed.csa": 0.0}
    frame, single = explained("choice", args, row, "en")
    assert (
        frame.threshold == single.threshold == f"at least 2 of: {', '.join(labels('product_certs_developed', chosen))}"
    )
    frame, single = explained("choice", args, row, "zh")
    assert frame.threshold == single.threshold == "至少2项：UL、CSA、ETL"


def test_an_exclusion_alone_reads_none_of_in_english():
    excluded = ("sse_main", "szse_main")
    args = {"fact": "listing_board", "none_of": list(excluded)}
    frame, single = explained("choice", args, {"listing_board": "none"}, "en")
    assert frame.threshold == single.threshold == f"none of: {', '.join(labels('listing_board', excluded))}"
    frame, single = explained("choice", args, {"listing_board": "none"}, "zh")
    assert frame.threshold == single.threshold == "不属于：上交所主板、深交所主板"


# ------------------------------------------------------------------ years_since
def test_years_since_words_its_threshold_and_its_figure_in_the_language_of_the_run():
    # 连续经营3年以上 on 2022-03-01: registered 2015-06-01, 6 full years
    args = {"op": ">=", "value": 3}
    row = {"registered_on": "2015-06-01"}
    frame, single = explained("years_since", args, row, "en")
    assert frame.threshold == single.threshold == "≥ 3 years"
    assert frame.values == single.values == {"注册时间": "2015-06-01", "full years to 2022-03-01": 6}
    # the Chinese key, read by case files, is what it was
    frame, single = explained("years_since", args, row, "zh")
    assert frame.threshold == single.threshold == "≥ 3年"
    assert frame.values == single.values == {"注册时间": "2015-06-01", "截至2022-03-01满年数": 6}


def test_one_year_is_one_year_and_a_gap_column_carries_the_english_threshold():
    frames, _ = compiled("years_since", {"op": ">=", "value": 1})
    cols = Columns(pd.DataFrame([{"registered_on": "2021-06-01"}]), CATALOG.metrics, YEAR)
    with speaking("en"):
        res = frames(cols, Env(ON, YEAR, CATALOG.titles))
        assert res.outcome.tolist() == [NOT_MET]
        assert res.explain(0).threshold == "≥ 1 year"
        assert res.gaps(pd.Series([0]).to_numpy()).threshold == "≥ 1 year"
    with speaking("zh"):
        res = frames(cols, Env(ON, YEAR, CATALOG.titles))
        assert res.gaps(pd.Series([0]).to_numpy()).threshold == "≥ 1年"


def test_the_years_threshold_is_one_plural_entry_and_a_fraction_takes_the_plural():
    from srdi import i18n
    from srdi.engine.years_since import plural_n

    # one entry chooses the form by n, as gettext does: English "1 year" / "3 years", Chinese 年 for any n
    with speaking("en"):
        assert i18n.tn("years_since.threshold", 1, op="≥", n="1") == "≥ 1 year"
        assert i18n.tn("years_since.threshold", 3, op="≥", n="3") == "≥ 3 years"
    with speaking("zh"):
        assert i18n.tn("years_since.threshold", 1, op="≥", n="1") == "≥ 1年"
    # the entry written before plural entries existed is gone: nothing words it any more
    for lang in i18n.LANGUAGES:
        assert i18n.catalogue(lang).gettext("years_since.threshold_one") == "years_since.threshold_one"
    # gettext takes an integer: a whole number is itself; a fraction is 2, the plural English gives any decimal
    assert [plural_n(v) for v in ("1", "3", "0", "1.5", "0.5")] == [1, 3, 0, 2, 2]
    # 满1.5年 and 满半年 (0.5) are "1.5 years" and "0.5 years" in English, never "year"
    for value, english in ((1.5, "≥ 1.5 years"), (0.5, "≥ 0.5 years")):
        frame, single = explained("years_since", {"op": ">=", "value": value}, {"registered_on": "2015-06-01"}, "en")
        assert frame.threshold == single.threshold == english


# ------------------------------------------------------------------ the calendar's weekday (finding 6)
def test_a_make_up_day_on_a_weekday_is_named_in_english():
    # 2099-01-07 is a Wednesday (2099-01-01 is a Thursday)
    day = dt.date(2099, 1, 7)
    assert day.weekday() == 2
    data = {"year": 2099, "document": "测试", "workdays": [{"name": "调休", "date": day}]}
    with speaking("en"), pytest.raises(CalendarError) as exc:
        arrangement_from_dict(data, "x.toml")
    assert "x.toml: workdays[0].date: 2099-01-07 is a Wednesday: a make-up working day" in str(exc.value)
    assert "星期" not in str(exc.value)
    with speaking("zh"), pytest.raises(CalendarError) as exc:
        arrangement_from_dict(data, "x.toml")
    assert "x.toml: workdays[0].date: 2099-01-07 是星期三：调休上班日应为星期六或星期日" in str(exc.value)


# ------------------------------------------------------------------ a CSV file's encoding (finding 15)
def test_a_utf8_file_with_a_bom_is_named_in_english():
    data = codecs.BOM_UTF8 + "企业名称\n甲\n".encode()
    with speaking("en"):
        assert encoding.detect(data, whole=True) == ("utf-8", "UTF-8 (with BOM)", 3)
    with speaking("zh"):
        assert encoding.detect(data, whole=True) == ("utf-8", "UTF-8（带 BOM）", 3)


def test_the_read_note_of_a_table_names_it_in_english(tmp_path):
    path = tmp_path / "pool.csv"
    path.write_bytes(codecs.BOM_UTF8 + "企业名称,统一社会信用代码\n甲,91210100MA0YK3N252\n".encode())
    with speaking("en"):
        assert read_table(path, CATALOG).encoding == "UTF-8 (with BOM)"


# ------------------------------------------------------------------ a choice value refused (finding 9)
def test_a_value_outside_the_choices_lists_them_in_english():
    spec = CATALOG.metrics.vocabulary.get("management_certs")
    with speaking("en"), pytest.raises(values.ValueProblem) as exc:
        values.read(spec, ["ISO9001"])
    listed = ", ".join(f"{c.value} ({c.label})" for c in spec.choices)
    assert str(exc.value) == f"'ISO9001' is not one of {listed}"
    with speaking("zh"), pytest.raises(values.ValueProblem) as exc:
        values.read(spec, ["ISO9001"])
    listed = "、".join(f"{c.value}（{c.label}）" for c in spec.choices)
    assert str(exc.value) == f"'ISO9001' 不是可选项之一：{listed}"


# ------------------------------------------------------------------ what-if (finding 5)
PROGRAM = "national.little-giant-3rd-batch"
WHATIF_ON = dt.date(2021, 4, 30)
BASE = CATALOG.load_profile(Path(__file__).parent / "data" / "third-batch-category-c.toml")


@pytest.fixture(scope="module")
def table():
    """Two copies of an eligible candidate: 资产负债率 50% and 65% (derivation in test_whatif_errors.py)."""
    firms = []
    for name, liabilities in (("甲", 5000.0), ("乙", 6500.0)):
        years = {**BASE.years, 2020: BASE.years[2020] | {"total_liabilities": liabilities}}
        firms.append(attrs.evolve(BASE, facts=BASE.facts | {"name": name}, years=years))
    return read_table(profiles_table(firms, CATALOG.vocabulary, CATALOG.titles).astype(object), CATALOG)


def test_the_why_column_and_the_label_of_a_whatif_are_english(table):
    # 三（二）1 at 60%: 乙 (65%) turns from met to not met
    named = reason_labels(CATALOG.program(PROGRAM))["debt-ratio"]
    with speaking("en"):
        change = whatif(CATALOG, table, PROGRAM, WHATIF_ON, {"debt-ratio.value": 60})
    assert list(change.frame["why"]) == [f"{named}: met → not met"]
    assert change.label_after == f"{PROGRAM} (debt-ratio.value=60)"
    with speaking("zh"):
        change = whatif(CATALOG, table, PROGRAM, WHATIF_ON, {"debt-ratio.value": 60})
    assert list(change.frame["why"]) == [f"{named}：符合→不符合"]
    assert change.label_after == f"{PROGRAM}（debt-ratio.value=60）"


def test_a_comparison_says_all_met_in_english(table):
    stricter = CATALOG.program(PROGRAM).with_overrides({"debt-ratio.value": 60})
    named = reason_labels(CATALOG.program(PROGRAM))["debt-ratio"]
    with speaking("en"):
        change = compare(CATALOG, table, PROGRAM, stricter, WHATIF_ON)
    (why,) = change.frame["why"]
    assert why.startswith(f"{PROGRAM}: all met | {stricter.id}: ") and named in why
    with speaking("zh"):
        change = compare(CATALOG, table, PROGRAM, stricter, WHATIF_ON)
    (why,) = change.frame["why"]
    assert why.startswith(f"{PROGRAM}：全部符合 | {stricter.id}：") and named in why


def test_the_adjustment_note_is_english():
    changed = {"revenue.value": 2500.0, "rd_years": ["2020", "2021"]}
    with speaking("en"):
        assert adjustment_note(changed) == "[adjusted: revenue.value=2500; rd_years=2020, 2021]"
        assert adjustment_note({}) == ""
    with speaking("zh"):
        assert adjustment_note(changed) == "〔已调整：revenue.value=2500，rd_years=2020、2021〕"


@pytest.mark.parametrize("offset", range(5))
def test_every_weekday_is_named_in_either_language(offset):
    # 2099-01-05 is a Monday: each of the five working days of that week, refused as a make-up day
    day = dt.date(2099, 1, 5) + dt.timedelta(days=offset)
    en = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")[offset]
    zh = "星期" + "一二三四五"[offset]
    data = {"year": 2099, "document": "测试", "workdays": [{"name": "调休", "date": day}]}
    for lang, want in (("en", f"{day} is a {en}: "), ("zh", f"{day} 是{zh}：")):
        with speaking(lang), pytest.raises(CalendarError) as exc:
            arrangement_from_dict(data, "x.toml")
        assert want in str(exc.value)


# ------------------------------------------------------------------ units (finding 3, remainder)
# A field's unit is Chinese data (家, 项, 位); English output words it with the number it counts,
# in the number's plural form: the catalogue's plural entry per unit. The gap's amount takes the
# unit in the form its own number asks for ("+1 company"), the target in its own ("2 companies").
def test_a_count_in_jia_reads_companies_in_english():
    # 至少与2家大型企业建立了稳定的协作配套关系: large_partners (unit 家) ≥ 2, one partner given
    args = {"metric": "large_partners", "op": ">=", "value": 2}
    row = {"large_partners": 1}
    frame, single = explained("compare", args, row, "en")
    assert frame.threshold == single.threshold == "≥ 2 companies"
    # short by 2 − 1 = 1: one company, singular
    assert frame.gap == single.gap == "建立稳定协作配套关系的大型企业数 needs +1 company to reach 2 companies"
    frame, single = explained("compare", args, {"large_partners": 0}, "en")
    assert frame.gap == single.gap == "建立稳定协作配套关系的大型企业数 needs +2 companies to reach 2 companies"
    # Chinese, as it was: gap.needs is {label}距{target}还差{amount}{unit}
    frame, single = explained("compare", args, row, "zh")
    assert frame.threshold == single.threshold == "≥ 2家"
    assert frame.gap == single.gap == "建立稳定协作配套关系的大型企业数距2家还差1家"


def test_a_count_of_items_reads_items_in_english():
    # 取得至少2项相关管理体系认证: management_cert_count (unit 项) counts the certificates ticked
    args = {"metric": "management_cert_count", "op": ">=", "value": 1}
    row = {"management_certs.iso9001": 0.0, "management_certs.iso14001": 0.0}
    frame, single = explained("compare", args, row, "en")
    assert frame.threshold == single.threshold == "≥ 1 item"  # one: singular
    assert frame.gap == single.gap == "管理体系认证数量 needs +1 item to reach 1 item"
    frame, single = explained("compare", args, row, "zh")
    assert frame.threshold == single.threshold == "≥ 1项"


def test_a_rank_reads_rank_in_english():
    # 前15位: province_rank (unit 位) ≤ 15; rank 17 is 2 places beyond
    args = {"metric": "province_rank", "op": "<=", "value": 15}
    row = {"province_rank_2021": 17}
    frame, single = explained("compare", args, row, "en")
    assert frame.threshold == single.threshold == "≤ rank 15"
    # a figure that is not a ratio words its gap with its label alone (no year): gap.over
    assert frame.gap == single.gap == "主导产品本省排名 is 2 over rank 15"
    frame, single = explained("compare", args, row, "zh")
    assert frame.threshold == single.threshold == "≤ 15位"
    # gap.over is {label}超出上限（{target}）{amount}{unit}
    assert frame.gap == single.gap == "主导产品本省排名超出上限（15位）2位"


def test_the_year_of_a_figure_in_an_english_gap_is_in_ascii_parentheses():
    # 研发经费占营业收入比重 ≥ 3% in 2021: 100 of 5000 is 2%; 3% of 5000 is 150, so +50万元 of R&D
    args = {"metric": "rd_ratio", "op": ">=", "value": 3}
    row = {"rd_expense_2021": 100, "revenue_2021": 5000}
    frame, single = explained("compare", args, row, "en")
    assert frame.gap == single.gap == "研发经费支出 (2021) needs +50万元 to reach 3%"
    frame, single = explained("compare", args, row, "zh")
    assert frame.gap == single.gap == "研发经费支出（2021）距3%还差50万元"


def test_yes_and_no_are_english_in_a_detail_line():
    from srdi.cli.render import show

    # a flag's value: 是/否 in Chinese, yes/no in English; an empty list is list.none
    with speaking("en"):
        assert [show(True), show(False), show([])] == ["yes", "no", "(none)"]
        assert show(["a", "b"]) == "a, b"  # list.sep
    with speaking("zh"):
        assert [show(True), show(False), show([])] == ["是", "否", "（无）"]
        assert show(["a", "b"]) == "a、b"


# ------------------------------------------------------------------ the why of a comparison (item 4)
def test_the_reasons_in_one_cell_of_a_comparison_are_joined_in_the_language(table):
    # 甲 (50%) and 乙 (65%) both fail a 40% debt ceiling and 100 years in business: two reasons
    # each, joined by list.parts ("; " in English, "；" in Chinese)
    stricter = CATALOG.program(PROGRAM).with_overrides({"debt-ratio.value": 40, "operating-years.value": 100})
    with speaking("en"):
        change = compare(CATALOG, table, PROGRAM, stricter, WHATIF_ON)
    for why in change.frame["why"]:
        assert "；" not in why
        assert why.count("; ") >= 1
    with speaking("zh"):
        change = compare(CATALOG, table, PROGRAM, stricter, WHATIF_ON)
    for why in change.frame["why"]:
        assert "；" in why


def test_the_reasons_and_gaps_in_one_cell_of_a_screening_are_joined_in_the_language(table):
    # the same two firms under 40% and 100 years: each fails both, 资产负债率 (50%, 65% > 40%) and years in
    # business (registered within the last 100 years), and each states a gap for both; a cell lists the two
    # criteria's labels (each with the value it was tested with), and the two gaps, joined by list.parts ("; " in
    # English, "；" in Chinese)
    from srdi.batch import screen
    from srdi.batch.screen import adjustment_note

    changed = {"debt-ratio.value": 40, "operating-years.value": 100}
    stricter = CATALOG.program(PROGRAM).with_overrides(changed)
    named = reason_labels(CATALOG.program(PROGRAM))
    for lang, sep in (("en", "; "), ("zh", "；")):
        with speaking(lang):
            frame = screen(CATALOG, table, [stricter], WHATIF_ON).frame
            both = sorted(named[k.split(".")[0]] + adjustment_note({k: v}) for k, v in changed.items())
        for cell, gaps in zip(frame["not_met"], frame["gaps"]):
            assert sorted(cell.split(sep)) == both
            assert len(str(gaps).split(sep)) == 2
            if lang == "en":
                assert "；" not in cell and "；" not in str(gaps)


def test_a_gap_of_one_full_year_is_one_year():
    # 连续经营1年以上 on 2022-03-01, registered 2021-06-01: one full year is reached on 2022-06-01
    args = {"op": ">=", "value": 1}
    frame, single = explained("years_since", args, {"registered_on": "2021-06-01"}, "en")
    assert frame.gap == single.gap == "reaches 1 full year on 2022-06-01"
    frame, single = explained("years_since", {"op": ">=", "value": 3}, {"registered_on": "2021-06-01"}, "en")
    assert frame.gap == single.gap == "reaches 3 full years on 2024-06-01"
    frame, single = explained("years_since", args, {"registered_on": "2021-06-01"}, "zh")
    assert frame.gap == single.gap == "于2022-06-01满1年"
