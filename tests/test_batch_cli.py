"""``srdi batch``, ``srdi select`` and ``srdi whatif`` end to end, and the bad input they refuse.

Pools are small CSV files written from the Liaoning examples (辽工信改革〔2022〕9号,
little giant tier, checked on 2022-03-01; derivations in
plugins/liaoning/tests/test_lngxgg_2022.py): the eligible firm (2021 营业收入 6800) and the
same firm with 2021 营业收入 2000, 2400, 2500 and 1999.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import attrs
import pandas as pd
import pytest

import srdi
from srdi.batch.write import profiles_table
from srdi.cli.main import main

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "plugins" / "liaoning" / "examples"
LG = "liaoning.little-giant-2022"
SME = "liaoning.srdi-sme-2022"
ON = "2022-03-01"


@pytest.fixture(scope="module")
def catalog():
    return srdi.load(["liaoning"])


@pytest.fixture()
def pool_csv(catalog, tmp_path):
    base = catalog.load_profile(EXAMPLES / "little-giant-eligible.toml")
    profiles = []
    for i, revenue in enumerate([6800.0, 2000.0, 2400.0, 2500.0, 1999.0], start=1):
        # 主营业务收入 kept the same share (6300 of 6800): above 营业收入 it could not be true, and both would be set aside
        smaller = {"revenue": revenue, "main_business_revenue": round(revenue * 6300 / 6800)}
        p = attrs.evolve(base, years={**base.years, 2021: base.years[2021] | smaller})
        profiles.append(attrs.evolve(p, facts=p.facts | {"name": f"企业{i}"}))
    path = tmp_path / "pool.csv"
    profiles_table(profiles, catalog.vocabulary, catalog.titles).to_csv(path, index=False, encoding="utf-8-sig")
    return path


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_batch_to_stdout(capsys, pool_csv):
    code, out, err = run(capsys, "batch", pool_csv, "--program", LG, "--on", ON)
    assert code == 0
    frame = pd.read_csv(io.StringIO(out))
    # 营业收入达到2000万元及以上: 6800, 2000, 2400, 2500 meet it; 1999 does not (1万元 short)
    assert list(frame["verdict"]) == ["eligible"] * 4 + ["ineligible"]
    assert frame["gaps"].iloc[4] == "营业收入距2000万元还差1万元"
    assert f"{LG}：符合条件 4；不符合条件 1" in err


def test_whatif_revenue_floor(capsys, pool_csv):
    # revenue.value = 2500: 2000 and 2400 fall below the new floor, 2500 meets it (≥), 6800 too;
    # 1999 was already out. Exactly rows 2 and 3 change, on the revenue criterion alone.
    code, out, err = run(capsys, "whatif", pool_csv, "--program", LG, "--on", ON, "--set", "revenue.value=2500")
    assert code == 0
    frame = pd.read_csv(io.StringIO(out))
    assert list(frame["row"]) == [3, 4]  # the CSV's header is row 1, the first firm row 2
    assert list(frame["before"]) == ["eligible", "eligible"] and list(frame["after"]) == ["ineligible"] * 2
    # the criterion named as a row's reasons name it: its label and clause (二（三）1（2）)
    assert set(frame["why"]) == {"上年度营业收入达到2000万元及以上（二（三）1（2））：符合→不符合"}
    assert "2 / 5 行结论改变" in err and "符合条件 → 不符合条件：2" in err


def test_whatif_overrides_file_is_checked_whole_before_anything_runs(capsys, pool_csv, tmp_path):
    bad = tmp_path / "overrides.toml"
    bad.write_text('"revenue.value" = 2500\nrd_years = "both"\nrevenue_floor = 1\n', encoding="utf-8")
    code, out, err = run(capsys, "whatif", pool_csv, "--program", LG, "--on", ON, "--overrides", bad)
    assert code == 2 and out == ""
    # both problems are reported, and no table was read or screened
    assert "rd_years: 'both' 不是可选的口径之一：aggregate, each" in err
    assert "revenue_floor: 未知的参数" in err


def test_compare_two_programs(capsys, pool_csv):
    # the SME tier needs a valid 专精特新产品 (三（一）4), which none of these firms holds: every
    # row the little giant tier finds eligible differs; row 6 (1999) is ineligible under both.
    code, out, _ = run(capsys, "whatif", pool_csv, "--program", LG, "--against", SME, "--on", ON)
    assert code == 0
    frame = pd.read_csv(io.StringIO(out))
    assert list(frame["row"]) == [2, 3, 4, 5]
    assert all("具备有效期内的专精特新产品" in w for w in frame["why"])


def test_region_runs_every_open_program(capsys, pool_csv, tmp_path):
    out_path = tmp_path / "out.parquet"
    code, _, err = run(capsys, "batch", pool_csv, "--region", "辽宁", "--on", ON, "--out", out_path)
    assert code == 0 and "已写入 15 行" in err  # 5 firms × the 3 tiers open on 2022-03-01
    frame = pd.read_parquet(out_path)
    assert sorted(set(frame["program"])) == sorted([LG, SME, "liaoning.srdi-product-2022"])
    # the categorical columns (programs, verdicts, reasons) are dictionaries in the file; the row numbers,
    # which differ row by row, are not
    import pyarrow.parquet as pq

    group = pq.ParquetFile(out_path).metadata.row_group(0)
    encodings = {group.column(i).path_in_schema: group.column(i).encodings for i in range(group.num_columns)}
    assert all(any("DICTIONARY" in e for e in encodings[c]) for c in ("program", "verdict", "not_met"))
    assert not any("DICTIONARY" in e for e in encodings["row"])


def test_select_cli(capsys, tmp_path):
    cat = srdi.load([])
    base = cat.load_profile(ROOT / "core" / "tests" / "data" / "third-batch-category-c.toml")
    from srdi.testing.strategies import credit_code

    pool = [
        attrs.evolve(base, facts=base.facts | {"name": f"候选{i}", "credit_code": credit_code("210100", i)})
        for i in range(1, 13)
    ]
    path = tmp_path / "candidates.xlsx"
    profiles_table(pool, cat.vocabulary, cat.titles).to_excel(path, index=False)
    code, out, err = run(capsys, "select", path, "--program", "national.little-giant-3rd-batch", "--on", "2021-04-30")
    assert code == 0
    frame = pd.read_csv(io.StringIO(out))
    # 12 candidates under 5000万元 (工信厅企业函〔2021〕79号 五（一）"不超过 10家"): the last two are cut
    assert list(frame["selected"]) == [True] * 10 + [False] * 2
    assert "名额 under-5000 210000 辽宁省：10/10" in err


# --------------------------------------------------------------------------- bad input
def test_not_a_table(capsys, tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("this is not a spreadsheet", encoding="utf-8")
    code, _, err = run(capsys, "batch", path, "--program", LG, "--on", ON)
    # an .xlsx is a ZIP archive: text renamed .xlsx is said to be no workbook, in the reader's words (before,
    # Python's "File is not a zip file" stood in the Chinese sentence)
    assert code == 2
    assert f"{path}: 不是可读取的表格：内容不是 .xlsx 工作簿（.xlsx 文件是 ZIP 压缩包）" in err
    assert "zip file" not in err


def test_an_xlsx_the_system_will_not_open_is_said_so_in_the_readers_words(capsys, tmp_path, monkeypatch):
    # The system refuses to open the workbook (no permission to read it: root reads anything, so the refusal is
    # the system's as zipfile would meet it). The reason is the catalogue's, not Python's English: before,
    # "不是 .xlsx 文件（[Errno 13] Permission denied: …）" said the file was no workbook, in two languages.
    import zipfile

    def refused(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    path = tmp_path / "申报.xlsx"
    path.write_bytes(b"PK\x03\x04")
    monkeypatch.setattr(zipfile, "ZipFile", refused)
    code, _, err = run(capsys, "batch", path, "--program", LG, "--on", ON)
    assert code == 2
    assert f"{path}: 无法打开文件：没有权限" in err
    assert "Permission" not in err and "Errno" not in err


def test_a_system_error_no_catalogue_words_keeps_its_number():
    # ENOTSUP (95 on Linux) has no entry: the system's own text is given with its number, inside the reader's
    # sentence, rather than a bare English phrase
    import errno

    from srdi.errors import os_reason

    exc = OSError(errno.ENOTSUP, "Operation not supported")
    assert os_reason(exc) == f"操作系统报错（错误号 {errno.ENOTSUP}：Operation not supported）"
    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == "没有权限"


def test_an_old_excel_workbook_named_xlsx_is_named_as_one(capsys, tmp_path):
    # a compound file (how .xls workbooks and password-protected .xlsx files begin) under an .xlsx name:
    # the user is told to save it as .xlsx, not that the file is damaged
    path = tmp_path / "申报.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    code, _, err = run(capsys, "batch", path, "--program", LG, "--on", ON)
    assert code == 2
    assert f"{path}: 不是可读取的表格：这是旧版 Excel（.xls）格式或设有打开密码的工作簿，不是 .xlsx" in err
    assert "另存为 .xlsx" in err


def test_missing_identity_column_names_the_closest_header(capsys, tmp_path):
    path = tmp_path / "pool.csv"
    path.write_text("企业名字,2021年营业收入\n某公司,3000\n", encoding="utf-8")
    code, _, err = run(capsys, "batch", path, "--program", LG, "--on", ON)
    assert code == 2
    assert "缺少必需的列：企业名称（name）或统一社会信用代码（credit_code）" in err
    assert "最接近的表头是 '企业名字'" in err


def test_unknown_header_is_named_and_ignored(capsys, tmp_path):
    path = tmp_path / "pool.csv"
    path.write_text("企业名称,营业收人（万元）,2021年营业收入\n某公司,3000,3000\n", encoding="utf-8")
    code, out, err = run(capsys, "batch", path, "--program", LG, "--on", ON)
    assert code == 0
    assert "第2列 '营业收人（万元）': 既不是企业信息字段，也不是申报表的表头；本列未读取" in err
    assert "营业收入" in err  # the suggestion
    assert len(pd.read_csv(io.StringIO(out))) == 1


def test_yearly_header_without_a_year(capsys, tmp_path):
    path = tmp_path / "pool.csv"
    path.write_text("企业名称,营业收入（万元）\n某公司,3000\n", encoding="utf-8")
    code, _, err = run(capsys, "batch", path, "--program", LG, "--on", ON)
    assert code == 0 and "营业收入按年度填写：请在表头写明年份" in err


def test_unknown_program(capsys, pool_csv):
    code, _, err = run(capsys, "batch", pool_csv, "--program", "liaoning.little-giant-2023", "--on", ON)
    assert code == 2 and "是否应为 'liaoning.little-giant-2022'" in err


def test_python_api_on_a_dataframe(catalog):
    from srdi.batch import read_table, screen

    frame = pd.DataFrame(
        {
            "企业名称": ["甲", "乙"],
            "统一社会信用代码": ["91210100MA0YK3N252", "91210100MA0YK3N252"],
            "2021年营业收入": ["6800", "abc"],
        }
    )
    table = read_table(frame, catalog)
    result = screen(catalog, table, [LG], dt.date(2022, 3, 1))
    # both rows kept; row 2's 营业收入 is text → its error is kept and the revenue floor is unknown
    assert list(result.frame["row"]) == [1, 2]
    assert result.frame["error"].iloc[1] == "2021年营业收入: 应为数值（单位：万元），实为 'abc'"
    assert "也出现在第2行" in result.frame["warning"].iloc[0]
    assert result.frame["verdict"].iloc[1] == "incomplete"


def test_form_headers_read_into_the_vocabulary(catalog, tmp_path):
    # 附件5's own headers (辽工信改革〔2022〕9号): 是否高新技术企业 ticks designations.high_tech;
    # 2021年度经营情况 / 营业收入 is revenue_2021; the Parquet file keeps its names as headers
    from srdi.batch import read_table

    frame = pd.DataFrame({"企业名称": ["甲"], "是否高新技术企业": ["是"], "营业收入（2021年）": ["6800"]})
    path = tmp_path / "pool.parquet"
    frame.to_parquet(path)
    table = read_table(path, catalog)
    assert table.mapping == {
        "企业名称": "name",
        "是否高新技术企业": "designations.high_tech",
        "营业收入（2021年）": "revenue_2021",
    }
    assert table.frame["designations.high_tech"].iloc[0] == 1.0 and table.frame["revenue_2021"].iloc[0] == 6800


def test_slicing_and_threads_do_not_change_results(catalog):
    from srdi.batch import screen
    from srdi.batch.synthetic import pool

    frame = pool(3000, catalog.vocabulary, 2021, seed=3, titles={"liaoning.srdi_sme": 0.5})
    whole = screen(catalog, frame, [LG, SME], dt.date(2022, 3, 1), workers=1).frame
    sliced = screen(catalog, frame, [LG, SME], dt.date(2022, 3, 1), chunk_rows=700, workers=3).frame
    pd.testing.assert_frame_equal(whole.astype(object), sliced.astype(object))


def test_a_frame_indexed_its_own_way_is_screened_in_its_row_order(catalog):
    from srdi.batch import screen
    from srdi.batch.synthetic import pool

    frame = pool(500, catalog.vocabulary, 2021, seed=5, titles={"liaoning.srdi_sme": 0.5})
    # the same rows under an index that is neither 0..n-1 nor in order: rows are numbered by position
    reindexed = frame.set_axis(list(range(1000, 500, -1)), axis=0)
    plain = screen(catalog, frame, [LG], dt.date(2022, 3, 1), workers=1).frame
    shuffled = screen(catalog, reindexed, [LG], dt.date(2022, 3, 1), chunk_rows=128, workers=2).frame
    assert shuffled["row"].tolist() == list(range(1, 501))
    pd.testing.assert_frame_equal(plain.astype(object), shuffled.astype(object))


def test_progress_bar_only_on_a_terminal_for_long_runs(monkeypatch):
    from srdi.cli import batch_commands

    class Tty:
        def isatty(self):
            return True

        def write(self, text):
            return len(text)

        def flush(self):
            pass

    with batch_commands._progress(10**6, "screening") as advance:
        assert advance is None  # stderr is not a terminal under pytest: no bar when piped
    monkeypatch.setattr(batch_commands.sys, "stderr", Tty())
    with batch_commands._progress(10, "screening") as advance:
        assert advance is None  # a short run needs none
    with batch_commands._progress(10**6, "screening") as advance:
        assert callable(advance)
        advance(10)


def test_batch_with_an_override(capsys, pool_csv):
    # --set applies to the run itself: with the floor at 2500, 2000 and 2400 fail, 2500 holds
    code, out, _ = run(capsys, "batch", pool_csv, "--program", LG, "--on", ON, "--set", "revenue.value=2500")
    assert code == 0
    frame = pd.read_csv(io.StringIO(out))
    assert list(frame["verdict"]) == ["eligible", "ineligible", "ineligible", "eligible", "ineligible"]


def test_an_output_under_overrides_says_which_criteria_were_tested_with_other_values(capsys, pool_csv, tmp_path):
    # 二（三）1（2） reads "上年度营业收入达到2000万元及以上"; with revenue.value=2500 the firm of 2400 fails
    # it though 2400 ≥ 2000. The label stays the notice's words, so the row must say the value was
    # adjusted: the reason carries 〔已调整：revenue.value=2500〕, and so does every row's 项目名称. The
    # criteria not adjusted (近2年资产负债率不高于70%, …) are not marked; without --set nothing is.
    out_file = tmp_path / "初审.xlsx"
    code, _, err = run(
        capsys, "batch", pool_csv, "--program", LG, "--on", ON, "--set", "revenue.value=2500", "--out", out_file
    )
    assert code == 0
    frame = pd.read_excel(out_file, sheet_name="初审结果", engine="openpyxl")
    mark = "〔已调整：revenue.value=2500〕"
    assert list(frame["结论"]) == ["eligible", "ineligible", "ineligible", "eligible", "ineligible"]
    assert set(frame["项目名称"]) == {f"辽宁省专精特新“小巨人”企业（2022年度）{mark}"}
    assert (
        list(frame["不符合的条件"].iloc[[1, 2, 4]]) == [f"上年度营业收入达到2000万元及以上（二（三）1（2））{mark}"] * 3
    )
    assert f"{LG} 按调整后的参数评价{mark}" in err
    about = pd.read_excel(out_file, sheet_name="说明", header=None, engine="openpyxl")
    assert f"{LG}{mark}：条件名称为通知原文，所测数值为调整后的值" in set(about[1])

    # a reading of how the years combine is adjusted too: the criteria that read it are marked
    code, out, _ = run(capsys, "batch", pool_csv, "--program", LG, "--on", ON, "--set", "rd_years=each")
    frame = pd.read_csv(io.StringIO(out))
    assert set(frame["title"]) == {"辽宁省专精特新“小巨人”企业（2022年度）〔已调整：rd_years=each〕"}
    # the same value as the notice's is no adjustment
    code, out, err = run(capsys, "batch", pool_csv, "--program", LG, "--on", ON, "--set", "revenue.value=2000")
    assert set(pd.read_csv(io.StringIO(out))["title"]) == {"辽宁省专精特新“小巨人”企业（2022年度）"}
    assert "已调整" not in err


def test_a_yearly_vocabulary_key_without_its_year(capsys, tmp_path):
    path = tmp_path / "pool.csv"
    path.write_text("name,revenue,revenue_2021\n某公司,3000,3000\n", encoding="utf-8")
    code, _, err = run(capsys, "batch", path, "--program", LG, "--on", ON)
    assert code == 0 and "第2列 'revenue': 营业收入按年度填写：请在表头写明年份" in err


def test_reading_progress_only_on_a_terminal_for_large_files(monkeypatch, pool_csv):
    from srdi.cli import batch_commands

    class Tty:
        def isatty(self):
            return True

        def write(self, text):
            return len(text)

        def flush(self):
            pass

    with batch_commands._reading(str(pool_csv)) as report:
        assert report is None  # stderr is not a terminal under pytest
    monkeypatch.setattr(batch_commands.sys, "stderr", Tty())
    with batch_commands._reading(str(pool_csv)) as report:
        assert report is None  # a small file reads in a moment
    monkeypatch.setattr(batch_commands, "READ_PROGRESS_FROM", 0)
    with batch_commands._reading(str(pool_csv)) as report:
        assert callable(report)
        report("解析", 1, 1)
        report("检查", 3, 10)


# --------------------------------------------------------------------------- what a bureau files
def _candidates(n: int) -> tuple[srdi.Catalog, list]:
    cat = srdi.load([])
    base = cat.load_profile(ROOT / "core" / "tests" / "data" / "third-batch-category-c.toml")
    from srdi.testing.strategies import credit_code

    pool = [
        attrs.evolve(base, facts=base.facts | {"name": f"候选{i}", "credit_code": credit_code("210100", i)})
        for i in range(1, n + 1)
    ]
    return cat, pool


def test_select_carries_each_rows_data_errors_into_every_output(capsys, tmp_path):
    # 12 eligible candidates under 5000万元 (derivation in core/tests/test_batch_selection.py), the
    # third with 2020年营业收入 written 四千: its figure is unknown, so it is no candidate
    # (incomplete), and the ranking says why in its 数据错误 column, on stderr and on the 说明 sheet.
    openpyxl = pytest.importorskip("openpyxl")
    cat, pool = _candidates(12)
    frame = profiles_table(pool, cat.vocabulary, cat.titles).astype(object)
    frame.loc[2, "2020年营业收入"] = "四千"
    path = tmp_path / "candidates.xlsx"
    frame.to_excel(path, index=False)
    out = tmp_path / "推荐排序.xlsx"
    argv = ["select", path, "--program", "national.little-giant-3rd-batch", "--on", "2021-04-30"]
    code, _, err = run(capsys, *argv, "--out", out)
    assert code == 0 and "1 行有数据错误，见“数据错误”列" in err
    wb = openpyxl.load_workbook(out)
    rows = [list(r) for r in wb["择优排序"].iter_rows(values_only=True)]
    head = rows[0] if rows[0][0] == "行号" else rows[1]
    body = [dict(zip(head, r)) for r in rows[rows.index(head) + 1 :] if r[0] is not None]
    bad = next(r for r in body if r["行号"] == 4)  # the header is row 1: the third candidate is row 4
    assert (bad["结论"], bad["结论（中文）"], bad["说明"]) == ("incomplete", "信息不完整", "非候选：信息不完整")
    assert bad["数据错误"].startswith("2020年营业收入: 应为数值")
    # 11 eligible, 10 places under 5000万元: the eleventh is cut, named by the notice's words
    cut = next(r for r in body if r["是否入选"] == "否" and r["结论"] == "eligible")
    assert (cut["限额"], cut["限额名称"]) == ("under-5000", "上年度营业收入不足5000万元的企业数")
    about = dict(r[:2] for r in wb["说明"].iter_rows(values_only=True) if r[0])
    assert about["数据错误"] == "1 行，见“数据错误”列"
    _, csv_out, _ = run(capsys, *argv)
    assert pd.read_csv(io.StringIO(csv_out))["error"].iloc[2].startswith("2020年营业收入: 应为数值")


def test_whatif_shows_each_verdict_in_words_beside_its_code(capsys, pool_csv, tmp_path):
    # revenue.value = 2500: rows 3 and 4 (2000 and 2400万元) go from eligible to ineligible
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "结论变化.xlsx"
    code, _, _ = run(
        capsys, "whatif", pool_csv, "--program", LG, "--on", ON, "--set", "revenue.value=2500", "--out", out
    )
    assert code == 0
    rows = [list(r) for r in openpyxl.load_workbook(out)["结论变化"].iter_rows(values_only=True)]
    head = next(r for r in rows if r[0] == "行号")
    body = [dict(zip(head, r)) for r in rows[rows.index(head) + 1 :] if r[0] is not None]
    assert [(r["原结论"], r["原结论（中文）"], r["新结论"], r["新结论（中文）"]) for r in body] == [
        ("eligible", "符合条件", "ineligible", "不符合条件")
    ] * 2


def test_a_sheet_asked_of_a_csv_is_refused(capsys, pool_csv):
    code, out, err = run(capsys, "batch", pool_csv, "--program", LG, "--on", ON, "--sheet", "不存在")
    assert code == 2 and out == ""
    assert "--sheet '不存在' 只适用于 .xlsx 工作簿" in err and "pool.csv" in err


def test_the_sheet_read_is_named_when_a_workbook_has_several(capsys, pool_csv, tmp_path):
    # a hidden sheet of stale rows first, the applicants' sheet second and active: the applicants are read
    openpyxl = pytest.importorskip("openpyxl")
    frame = pd.read_csv(pool_csv, dtype=str)
    wb = openpyxl.Workbook()
    old = wb.active
    old.title = "旧数据"
    old.append(list(frame.columns))
    old.append(["旧企业", *frame.iloc[0, 1:]])
    new = wb.create_sheet("申报")
    for r in [list(frame.columns), *frame.fillna("").values.tolist()]:
        new.append(r)
    wb.active = 1
    old.sheet_state = "hidden"
    path = tmp_path / "申报.xlsx"
    wb.save(path)
    code, out, err = run(capsys, "batch", path, "--program", LG, "--on", ON)
    assert code == 0 and "读取工作表 申报" in err
    assert list(pd.read_csv(io.StringIO(out))["name"]) == [f"企业{i}" for i in range(1, 6)]


def test_batch_writes_csv_or_json_as_format_says(capsys, pool_csv):
    # --format names what goes to stdout: csv (the default) or json; "table" was accepted and printed CSV
    code, out, _ = run(capsys, "batch", pool_csv, "--program", LG, "--on", ON, "--format", "json")
    assert code == 0 and out.lstrip().startswith("[")
    code, out, _ = run(capsys, "batch", pool_csv, "--program", LG, "--on", ON, "--format", "csv")
    assert code == 0 and out.startswith('"row",')  # every CSV cell is quoted
    with pytest.raises(SystemExit) as exc:
        main(["batch", str(pool_csv), "--program", LG, "--on", ON, "--format", "table"])
    assert exc.value.code == 2
    err = capsys.readouterr().err.splitlines()[-1]
    assert err.startswith("srdi batch: 错误：参数 --format：'table' 不是可选的值")
    assert err.endswith("可选：csv、json")


def test_a_format_beside_an_out_file_is_refused(capsys, pool_csv, tmp_path):
    # with --out, the file's suffix decides its format: a --format beside it would be ignored, so it is refused
    code, _, err = run(
        capsys, "batch", pool_csv, "--program", LG, "--on", ON, "--out", tmp_path / "a.xlsx", "--format", "json"
    )
    assert code == 2
    assert err.startswith("srdi: 错误：--format ") and "--out" in err
    assert not (tmp_path / "a.xlsx").exists()
