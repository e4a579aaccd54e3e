"""The batch reader on the tables people actually send: broken lines, encodings, blanks, odd spreadsheets.

Every row of the file is a row of the table, in file order; a row's problem is that
row's error naming the column and never stops the others; an empty cell is unknown
in every column. Programs and dates: 工信厅企业函〔2021〕79号 (第三批专精特新“小巨人”),
checked on 2021-04-30, reference year 2020.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from srdi.batch import read_table
from srdi.batch.read import open_source
from srdi.batch.xlsxfile import MAX_ROWS
from srdi.engine.outcomes import CODE_TO_OUTCOME, Outcome
from srdi.errors import ProfileError
from srdi.i18n import speaking
from srdi.testing import xlsx as xl

PROGRAM = "national.little-giant-3rd-batch"
ON = dt.date(2021, 4, 30)
CODE = "91210100MA0YK3N252"  # a valid 统一社会信用代码 (check digit 2)
HEADER = "企业名称,统一社会信用代码,2020年营业收入,2020年从业人数"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def outcomes(catalog, table, criterion):
    run = catalog.run(PROGRAM, table.frame, ON)
    return [CODE_TO_OUTCOME[int(c)] for c in run.codes[criterion]]


# --------------------------------------------------------------------------- CSV records
def test_a_line_with_more_fields_is_that_rows_error_and_the_others_are_read(baseline, tmp_path):
    path = write(
        tmp_path / "pool.csv",
        f"{HEADER}\n甲,{CODE},4000,200\n乙,{CODE},4000,200,多出的字段\n丙,,3000,150\n",
    )
    table = read_table(path, baseline)
    assert list(table.rows) == [2, 3, 4]  # the file's row numbers: header on row 1
    assert table.errors[1] == ["第3行有5个字段，表头有4个；该行未读取"]
    assert list(table.frame["name"].fillna("")) == ["甲", "", "丙"]
    assert table.frame["revenue_2020"].iloc[2] == 3000 and 0 not in table.errors and 2 not in table.errors


def test_a_short_row_says_how_many_fields_it_has(baseline, tmp_path):
    path = write(tmp_path / "pool.csv", f"{HEADER}\n甲,{CODE}\n乙,,3000,150\n")
    table = read_table(path, baseline)
    assert table.errors[0] == ["第2行有2个字段，表头有4个；该行未读取"]
    # the short row's cells are not guessed at: every fact of it is unknown
    assert np.isnan(table.frame["revenue_2020"].iloc[0]) and table.frame["revenue_2020"].iloc[1] == 3000


def test_bytes_that_are_no_utf8_deep_in_a_utf8_file_are_their_rows_errors(baseline, tmp_path):
    # Two exports pasted together: UTF-8 for more than the encoding sample (1 MiB), then a row whose
    # name holds a byte that starts no UTF-8 character (0x94), and a row that also has 4 fields for the
    # header's 2. Every row is read in its place: the first bad row's 企业名称 is its error, the second
    # row says how many fields it has, and the row after them is read whole.
    good = "".join(f"企业{i},{i}\n" for i in range(100_000))
    data = "企业名称,2021年营业收入\n".encode() + good.encode() + b"\xe4\xb9\x99\x94,7\n"
    data += b"\xe4\xb8\x99\x94,1,2,3\n" + "丁,300\n".encode()
    path = tmp_path / "pasted.csv"
    path.write_bytes(data)
    assert len(data) > (1 << 20)
    table = read_table(path, baseline)
    assert len(table) == 100_003 and list(table.rows[-3:]) == [100_002, 100_003, 100_004]
    assert table.errors[100_000] == ["企业名称: 单元格含有无法按 UTF-8 解码的字节"]
    assert table.frame["revenue_2021"].iloc[100_000] == 7
    assert table.errors[100_001] == ["第100003行有4个字段，表头有2个；该行未读取"]
    assert table.frame["name"].iloc[100_002] == "丁" and 100_002 not in table.errors


def test_a_small_utf8_file_cut_inside_its_last_character_keeps_every_row(baseline, tmp_path, capfd):
    # A download cut off in the middle of a three-byte character, in a last record that also has 4 fields
    # for the header's 2. The file is UTF-8 but for that cut: every row is read in its place, the first
    # whole, the last with its field count as its error; nothing of Python's own reaches the terminal.
    data = "企业名称,2021年营业收入\n甲,1\n乙,2,3,4企".encode()[:-1]
    path = tmp_path / "cut.csv"
    path.write_bytes(data)
    table = read_table(path, baseline)
    assert table.encoding == "UTF-8" and list(table.rows) == [2, 3]
    assert table.frame["name"].iloc[0] == "甲" and table.frame["revenue_2021"].iloc[0] == 1
    assert table.errors == {1: ["第3行有4个字段，表头有2个；该行未读取"]}
    assert "Exception ignored" not in capfd.readouterr().err


def test_blank_rows_are_kept_in_place_as_empty_rows(baseline, tmp_path):
    # a truly empty line and a line of empty fields between firms; blank lines and a note at the end are no rows
    path = write(tmp_path / "pool.csv", f"{HEADER}\n甲,,1,1\n\n乙,,2,1\n,,,\n丙,,3,1\n\n注：金额单位为万元\n\n")
    table = read_table(path, baseline)
    assert list(table.rows) == [2, 3, 4, 5, 6]
    assert table.errors[1] == ["第3行是空行"] and table.errors[3] == ["第5行是空行"]
    assert list(table.frame["revenue_2020"].iloc[[0, 2, 4]]) == [1, 2, 3]
    assert set(table.errors) == {1, 3}


def test_a_quoted_newline_does_not_split_a_record(baseline, tmp_path):
    path = write(tmp_path / "pool.csv", f'{HEADER}\n"甲\n分公司",,4000,200\n乙,,1,1\n')
    table = read_table(path, baseline)
    assert list(table.frame["name"]) == ["甲\n分公司", "乙"] and not table.errors


# --------------------------------------------------------------------------- encodings and delimiters
@pytest.mark.parametrize(
    ("encoding", "bom", "name"),
    [("utf-8", b"", "UTF-8"), ("utf-8", b"\xef\xbb\xbf", "UTF-8（带 BOM）"), ("gbk", b"", "GBK")],
)
def test_the_encodings_bureau_systems_export_are_read_and_named(baseline, tmp_path, encoding, bom, name):
    text = f"{HEADER}\n沈阳精联传动科技有限公司,{CODE},4000,200\n大连某某精密制造有限公司,,3000,150\n"
    path = tmp_path / "pool.csv"
    path.write_bytes(bom + text.encode(encoding))
    table = read_table(path, baseline)
    assert table.encoding == name
    assert list(table.frame["name"]) == ["沈阳精联传动科技有限公司", "大连某某精密制造有限公司"]
    assert table.frame["credit_code"].iloc[0] == CODE and not table.errors


def test_gb18030_beyond_gbk_is_named_gb18030(baseline, tmp_path):
    # 㐀 (U+3400, CJK extension A) is in GB18030 but not in GBK
    path = write(tmp_path / "pool.csv", f"{HEADER}\n㐀精密部件有限公司,,4000,200\n", "gb18030")
    table = read_table(path, baseline)
    assert table.encoding == "GB18030" and table.frame["name"].iloc[0] == "㐀精密部件有限公司"


def test_a_short_gbk_table_is_read_as_gbk_whatever_the_detector_ranks_first(baseline, tmp_path, monkeypatch):
    # A header and two short rows in GBK: charset-normalizer 3.0 ranks them Thai (ISO-8859-11)
    # and does not list GB18030, so every header read as Thai and the table had no 企业名称.
    # The bytes decode strictly as GB18030 into Chinese, so they are read as GBK whatever the
    # detector ranks first, here made to answer Thai alone as that release did.
    import charset_normalizer

    class Thai:
        encoding = "iso8859_11"

    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda sample: [Thai()])
    path = write(tmp_path / "pool.csv", f"{HEADER}\n末行企业,,1,\n", "gbk")
    table = read_table(path, baseline)
    assert table.encoding == "GBK" and list(table.frame["name"]) == ["末行企业"]


def test_a_big5_table_the_detector_names_is_not_read_as_gbk(monkeypatch):
    # every Big5 byte pair is a GBK pair too, so these bytes decode as GB18030 into (other)
    # hanzi: a file the detector ranks Big5 first stays Big5
    import charset_normalizer

    from srdi.batch.encoding import detect

    class Big5:
        encoding = "big5"

    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda sample: [Big5()])
    sample = "企業名稱,統一社會信用代碼\n瀋陽精聯傳動科技有限公司,\n".encode("big5")
    assert detect(sample, whole=True)[0] == "big5"


def test_bytes_that_do_not_decode_are_that_rows_error(baseline, tmp_path):
    good = f"{HEADER}\n甲公司,,4000,200\n".encode("gbk")
    broken = "乙公司".encode("gbk")[:-1] + b",,3000,150\n"  # the last character cut in half
    path = tmp_path / "pool.csv"
    path.write_bytes(good + broken + "丙公司,,1,1\n".encode("gbk"))
    table = read_table(path, baseline)
    assert table.encoding == "GBK" and len(table) == 3
    assert table.errors[1] == ["企业名称: 单元格含有无法按 GBK 解码的字节"]
    assert set(table.errors) == {1} and table.frame["revenue_2020"].iloc[1] == 3000


@pytest.mark.parametrize(("sep", "what"), [(";", "分号"), ("\t", "制表符")])
def test_a_file_separated_otherwise_gets_a_message_about_the_delimiter(baseline, tmp_path, sep, what):
    path = write(tmp_path / "pool.csv", f"企业名称{sep}2020年营业收入\n甲{sep}4000\n")
    with pytest.raises(ProfileError) as err:
        read_table(path, baseline)
    assert f"此 CSV 文件似乎以{what}" in str(err.value) and "缺少必需的列" not in str(err.value)


def test_a_tsv_file_is_tab_separated(baseline, tmp_path):
    table = read_table(write(tmp_path / "pool.tsv", "企业名称\t2020年营业收入\n甲\t4000\n"), baseline)
    assert table.frame["revenue_2020"].iloc[0] == 4000


# --------------------------------------------------------------------------- empty is unknown
def test_an_empty_cell_is_unknown_in_every_kind_of_column(baseline, tmp_path):
    header = (
        "企业名称,统一社会信用代码,成立日期,具有独立法人资格,企业规模,2020年营业收入,有效发明专利,"
        "管理体系认证,attest.national_reputation,省级“专精特新”中小企业"
    )
    path = write(tmp_path / "pool.csv", f"{header}\n甲,,,,,,,,,\n")
    table = read_table(path, baseline)
    assert not table.errors
    row = table.frame.iloc[0]
    for column in table.frame.columns:
        if column == "name":
            continue
        assert pd.isna(row[column]), column  # never 0, never "no"
    # 工信厅企业函〔2021〕79号 三（一）1: with the 省级“专精特新” cell empty whether the firm holds the
    # title is not known, so the prerequisite is unknown (not "not met"); so are the other facts
    for criterion in ("provincial-srdi", "legal-person", "a-revenue", "invention-patents", "management-cert"):
        assert outcomes(baseline, table, criterion) == [Outcome.unknown], criterion


def test_a_recognition_column_says_held_not_held_or_nothing(baseline, tmp_path):
    # 省级“专精特新”中小企业 (三（一）1). Row 1: held until 2023-12-31 → met on 2021-04-30;
    # row 2: 否 → not met; row 3: blank → unknown; row 4: blank, but its recognitions_declared
    # says the row lists every title it holds → not held → not met.
    path = write(
        tmp_path / "pool.csv",
        "企业名称,rec.province.srdi_sme.valid_until,recognitions_declared\n甲,2023-12-31,\n乙,否,\n丙,,\n丁,,是\n",
    )
    table = read_table(path, baseline)
    assert not table.errors
    assert outcomes(baseline, table, "provincial-srdi") == [
        Outcome.met,
        Outcome.not_met,
        Outcome.unknown,
        Outcome.not_met,
    ]


def test_a_bad_recognition_cell_makes_that_rows_titles_unknown(baseline, tmp_path):
    path = write(tmp_path / "pool.csv", "企业名称,省级“专精特新”中小企业,recognitions_declared\n甲,去年,是\n")
    table = read_table(path, baseline)
    assert "应为认定年份" in table.errors[0][0]
    # the row declares its titles, but the one cell that would say was unreadable: unknown, not "not held"
    assert outcomes(baseline, table, "provincial-srdi") == [Outcome.unknown]


# --------------------------------------------------------------------------- values
def test_nan_written_in_a_cell_is_an_error_not_a_blank(baseline, tmp_path):
    path = write(tmp_path / "pool.csv", f"{HEADER},具有独立法人资格\nNaN,,nan,NULL,NaN\n乙,,1,1,是\n")
    table = read_table(path, baseline)
    assert table.errors[0] == [
        "企业名称: 单元格内容为 'NaN'，不是数据（数据未知请留空）",
        "2020年营业收入: 单元格内容为 'nan'，不是数据（数据未知请留空）",
        "2020年从业人数: 单元格内容为 'NULL'，不是数据（数据未知请留空）",
        "具有独立法人资格: 单元格内容为 'NaN'，不是数据（数据未知请留空）",
    ]
    assert 1 not in table.errors


def test_yes_no_columns_take_every_usual_spelling(baseline, tmp_path):
    cells = ["1.0", "0.0", "true", "False", "是", "否", "1", "0", "√"]
    rows = "".join(f"企业{i},{v}\n" for i, v in enumerate(cells))
    table = read_table(write(tmp_path / "pool.csv", "企业名称,具有独立法人资格\n" + rows), baseline)
    assert not table.errors
    assert list(table.frame["independent_legal_person"]) == [1, 0, 1, 0, 1, 0, 1, 0, 1]


def test_a_count_written_as_an_integral_float_is_a_count(baseline, tmp_path):
    path = write(tmp_path / "pool.csv", "企业名称,有效发明专利\n甲,3.0\n乙,3.5\n")
    table = read_table(path, baseline)
    assert table.frame["invention_patents"].iloc[0] == 3
    assert "应为整数，实为 3.5" in table.errors[1][0]


def test_csv_figures_are_read_from_their_text_as_written(baseline, tmp_path):
    # A CSV holds text: each figure is read from what the cell says, whatever the rest of its column holds.
    # 营业收入 (万元): '1,234' is 1234 (a thousands separator), ' 12 ' is 12 (spaces around a figure are
    # nothing), '+7' is 7, '1e3' is 1000, '-0' is 0; '0x10' is no figure in a bureau's table.
    cells = ['"1,234"', " 12 ", "+7", "1e3", "-0", "0x10"]
    rows = "".join(f"企业{i},{v},5\n" for i, v in enumerate(cells))
    table = read_table(write(tmp_path / "pool.csv", f"企业名称,2020年营业收入,2020年从业人数\n{rows}"), baseline)
    revenue = table.frame["revenue_2020"]
    assert list(revenue.iloc[:5]) == [1234, 12, 7, 1000, 0] and np.isnan(revenue.iloc[5])
    assert str(revenue.iloc[4]) == "0.0"  # not -0.0
    assert table.errors == {5: ["2020年营业收入: 应为数值（单位：万元），实为 '0x10'"]}
    # the column of plain figures beside it: every row's 从业人数 is 5
    assert list(table.frame["employees_2020"]) == [5] * 6


@pytest.mark.parametrize("other", ["12", "十二"])
def test_infinity_written_in_a_figure_is_no_value(baseline, tmp_path, other):
    # 'inf', 'Infinity' and a figure too large for a number ('1e400') are not data, like 'NaN': set aside,
    # the column named, whether the rest of the column holds figures or not
    rows = f"甲,inf\n乙,-Infinity\n丙,1e400\n丁,{other}\n"
    table = read_table(write(tmp_path / "pool.csv", f"企业名称,2020年营业收入\n{rows}"), baseline)
    assert table.errors[0] == ["2020年营业收入: 单元格内容为 'inf'，不是数据（数据未知请留空）"]
    assert table.errors[1] == ["2020年营业收入: 单元格内容为 '-Infinity'，不是数据（数据未知请留空）"]
    assert table.errors[2] == ["2020年营业收入: 单元格内容为 '1e400'，不是数据（数据未知请留空）"]
    assert table.frame["revenue_2020"].iloc[:3].isna().all()


def test_a_credit_code_and_a_name_keep_their_leading_zeros(baseline, tmp_path):
    # text columns are read as written: a name '007' is not the number 7, a region code '010000' keeps its zero
    path = write(tmp_path / "pool.csv", f"企业名称,统一社会信用代码,region_code\n007,{CODE},010000\n")
    table = read_table(path, baseline)
    assert table.frame["name"].iloc[0] == "007" and table.frame["credit_code"].iloc[0] == CODE
    assert table.frame["region_code"].iloc[0] == "010000" and not table.errors


def test_credit_codes_are_read_without_spaces_hyphens_or_case(baseline, tmp_path):
    # GB 32100-2015 codes are 18 characters; people write them in groups, in lower case or full width.
    # Each of these is 91210100MA0YK3N252 (check digit 2); the last has check digit 3 and is set aside.
    cells = [
        "9121-0100-MA0Y-K3N2-52",
        "91210100 ma0yk3n252",
        "９１２１０１００ＭＡ０ＹＫ３Ｎ２５２",
        "91210100MA0YK3N253",
    ]
    rows = "".join(f"企业{i},{v}\n" for i, v in enumerate(cells))
    table = read_table(write(tmp_path / "pool.csv", "企业名称,统一社会信用代码\n" + rows), baseline)
    assert list(table.frame["credit_code"].iloc[:3]) == [CODE] * 3 and pd.isna(table.frame["credit_code"].iloc[3])
    assert list(table.errors) == [3] and "统一社会信用代码" in table.errors[3][0]
    assert table.warnings[0] == [f"统一社会信用代码 {CODE} 也出现在第3行、第4行"]


@pytest.mark.parametrize(
    ("copies", "first", "last"),
    [
        # six rows (spreadsheet rows 2–7) share the code: each names the five others, as ever
        (6, "也出现在第3行、第4行、第5行、第6行、第7行", "也出现在第2行、第3行、第4行、第5行、第6行"),
        # seven rows (2–8): each names five of the six others and counts them all
        (
            7,
            "也出现在第3行、第4行、第5行、第6行、第7行等另外 6 行",
            "也出现在第2行、第3行、第4行、第5行、第6行等另外 6 行",
        ),
    ],
)
def test_a_credit_code_on_many_rows_names_a_few_of_them_and_counts_the_rest(baseline, tmp_path, copies, first, last):
    # a code pasted down a whole column: naming every other row on every row would grow as the square of the rows
    rows = "".join(f"企业{i},{CODE}\n" for i in range(copies))
    table = read_table(write(tmp_path / "pool.csv", "企业名称,统一社会信用代码\n" + rows), baseline)
    assert table.warnings[0] == [f"统一社会信用代码 {CODE} {first}"]
    assert table.warnings[copies - 1] == [f"统一社会信用代码 {CODE} {last}"]
    assert len(table) == copies  # every row kept


def test_a_date_column_takes_a_database_timestamp(baseline, tmp_path):
    # 成立日期 as a database export writes it (a date and time, ISO 8601; Z is UTC) beside the usual forms
    cells = ["2015-04-01 00:00:00", "2015-04-01T10:30:00", "2015-04-01T10:30:00Z", "2015-04-01", "2015年4月1日"]
    rows = "".join(f"企业{i},{v}\n" for i, v in enumerate(cells))
    table = read_table(write(tmp_path / "pool.csv", "企业名称,成立日期\n" + rows), baseline)
    assert not table.errors
    assert list(table.frame["registered_on"]) == [
        pd.Timestamp("2015-04-01"),
        pd.Timestamp("2015-04-01 10:30"),
        pd.Timestamp("2015-04-01 10:30"),
        pd.Timestamp("2015-04-01"),
        pd.Timestamp("2015-04-01"),
    ]


def test_a_date_beyond_what_a_table_holds_is_that_rows_error(baseline, tmp_path):
    # 3000-01-01 is a date, but none a firm was registered on; it must not wrap around to another day
    path = write(tmp_path / "pool.csv", "企业名称,成立日期\n甲,3000-01-01\n乙,2015年4月1日\n")
    table = read_table(path, baseline)
    assert table.errors == {0: ["成立日期: 应为日期（如 2015-04-01），实为 '3000-01-01'"]}
    assert pd.isna(table.frame["registered_on"].iloc[0])
    assert table.frame["registered_on"].iloc[1] == pd.Timestamp("2015-04-01")


@pytest.mark.parametrize("other", ["2019", "否"])
def test_a_year_of_recognition_written_zero_says_not_held(baseline, tmp_path, other):
    # 省级“专精特新”中小企业 (三（一）1): 0 (or 0.0, as a spreadsheet exports it) in a title's column is
    # "not held", as 否 is, whatever else the column holds; the row listing its titles → not met
    rows = f"甲,0.0,是\n乙,{other},是\n"
    path = write(tmp_path / "pool.csv", f"企业名称,省级“专精特新”中小企业,recognitions_declared\n{rows}")
    table = read_table(path, baseline)
    assert not table.errors
    assert outcomes(baseline, table, "provincial-srdi")[0] == Outcome.not_met


# --------------------------------------------------------------------------- titles
def test_titles_are_named_by_id_or_unambiguous_name(baseline, tmp_path):
    # a list of titles held: the id, or the name without its quotation marks, each with its year
    path = write(
        tmp_path / "pool.csv",
        "企业名称,recognitions\n"
        "甲,province.srdi_sme（2020）\n"
        "乙,省级专精特新中小企业 2019\n"
        "丙,province.srdi-sme:2020\n"
        "丁,无\n"
        "戊,province.srdi_sme\n",
    )
    table = read_table(path, baseline)
    assert list(table.frame["rec.province.srdi_sme.year"].iloc[:2]) == [2020, 2019]
    assert "未知的认定称号 'province.srdi-sme'（是否应为 'province.srdi_sme'" in table.errors[2][0]
    assert 3 not in table.errors and table.frame["recognitions_declared"].iloc[3] == 1.0  # 无: none held
    assert "请写明获得称号的年份" in table.errors[4][0]
    assert np.isnan(table.frame["recognitions_declared"].iloc[2])  # unreadable: the row's titles are unknown


def test_an_unknown_title_in_a_header_is_named_with_suggestions(baseline, tmp_path):
    path = write(tmp_path / "pool.csv", "企业名称,rec.province.srdi-sme.year\n甲,2020\n")
    table = read_table(path, baseline)
    (note,) = table.notes
    assert "未知的认定称号 'province.srdi-sme'（是否应为 'province.srdi_sme'" in note.message
    assert "rec.province.srdi-sme.year" not in table.frame.columns


# --------------------------------------------------------------------------- XLSX
@pytest.mark.usefixtures("sheet_reader")
def test_a_formula_without_its_value_and_an_error_value_are_the_rows_errors(baseline, tmp_path):
    path = tmp_path / "pool.xlsx"
    xl.write(
        path,
        [
            xl.row(1, [xl.cell("A1", "企业名称"), xl.cell("B1", "2020年营业收入")]),
            xl.row(2, [xl.cell("A2", "甲"), xl.cell("B2", None, formula="C2*2")]),
            xl.row(3, [xl.cell("A3", "乙"), xl.cell("B3", "#DIV/0!", formula="1/0", kind="e")]),
            xl.row(4, [xl.cell("A4", "丙"), xl.cell("B4", 4000, formula="2000*2")]),
        ],
    )
    table = read_table(path, baseline)
    assert table.errors[0] == ["2020年营业收入: 公式没有保存计算结果（请在 Excel 中重新计算并保存）"]
    assert table.errors[1] == ["2020年营业收入: 单元格是错误值 #DIV/0!"]
    assert np.isnan(table.frame["revenue_2020"].iloc[0]) and table.frame["revenue_2020"].iloc[2] == 4000


@pytest.mark.usefixtures("sheet_reader")
def test_a_sheet_written_with_a_namespace_prefix_is_read_and_measured(baseline, tmp_path):
    # Some exporters write <x:row>/<x:c> under xmlns:x. Three rows: two cells, two cells, and three —
    # a formula saved without its value and an empty <x:c r="AB3"/> far right. The scan counts 7 cells
    # (every one placed by reference) in 3 rows, columns A (1) to AB (28); the formula is row 3's error.
    path = tmp_path / "pool.xlsx"
    xl.write(
        path,
        [
            xl.row(1, [xl.cell("A1", "企业名称"), xl.cell("B1", "2020年营业收入")]),
            xl.row(2, [xl.cell("A2", "甲"), xl.cell("B2", 4000)]),
            xl.row(3, [xl.cell("A3", "乙"), xl.cell("B3", None, formula="C3*2"), '<c r="AB3"/>']),
        ],
    )
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = sheet.replace(f'<worksheet xmlns="{xl.NS}">', f'<x:worksheet xmlns:x="{xl.NS}">')
    for tag in ("worksheet", "sheetData", "row", "c", "v", "f", "is", "t"):
        sheet = (
            sheet.replace(f"<{tag}>", f"<x:{tag}>")
            .replace(f"<{tag} ", f"<x:{tag} ")
            .replace(f"</{tag}>", f"</x:{tag}>")
        )
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    from srdi.batch.xlsxfile import XlsxSource

    found = XlsxSource(path).scan
    assert (found.cells, found.cells_with_ref, found.rows) == (7, 7, 3)
    assert (found.min_column, found.max_column, found.min_row, found.max_row) == (1, 28, 1, 3)
    table = read_table(path, baseline)
    assert list(table.frame["name"]) == ["甲", "乙"] and table.frame["revenue_2020"].iloc[0] == 4000
    assert table.errors == {1: ["2020年营业收入: 公式没有保存计算结果（请在 Excel 中重新计算并保存）"]}


@pytest.mark.usefixtures("sheet_reader")
def test_percent_formatted_cells_are_read_as_shown(baseline, tmp_path):
    # style 1 is Excel's "0%", style 2 "0.00%": 0.035 shows as 3.50% and is 3.5; 0.005 shows 0.50%
    # and is 0.5 (a percentage under one, written with its sign). Unformatted 0.5 in a percent
    # column is a fraction typed by mistake; a percentage in a 万元 column is refused.
    path = xl.table(
        tmp_path / "pool.xlsx",
        ["企业名称", "2020年资产负债率", "2020年营业收入"],
        [["甲", 0.035, 4000], ["乙", 0.005, 4000], ["丙", 0.5, 4000], ["丁", 0.3, 0.03]],
        styles={(2, 1): 2, (3, 1): 2, (5, 1): 1, (5, 2): 1},
        xfs=(0, 9, 10),
    )
    table = read_table(path, baseline)
    assert list(table.frame["debt_ratio_2020"].iloc[[0, 1, 3]]) == [3.5, 0.5, 30]
    assert "'0.5' 像是小数" in table.errors[2][0]
    assert table.errors[3] == ["2020年营业收入: '3%' 是百分数，但营业收入的单位是万元"]


def _calamine_reads_builtin_chinese_dates() -> bool:
    """python-calamine 0.9 (Python 3.11+) types built-in format 31 as a date; earlier ones give the serial number."""
    from importlib.metadata import version

    return tuple(int(x) for x in version("python-calamine").split(".")[:2]) >= (0, 9)


def test_chinese_date_formats_and_nan_text_in_a_sheet(sheet_reader, baseline, tmp_path):
    # 44317 is 2021-05-01 in Excel's 1900 date system; format 31 is 'yyyy"年"m"月"d"日"'
    path = tmp_path / "pool.xlsx"
    xl.write(
        path,
        [
            xl.row(1, [xl.cell("A1", "企业名称"), xl.cell("B1", "成立日期"), xl.cell("C1", "2020年营业收入")]),
            xl.row(2, [xl.cell("A2", "甲"), xl.cell("B2", 44317, style=1), xl.cell("C2", "NaN")]),
        ],
        xfs=(0, 31),
    )
    table = read_table(path, baseline)
    nan_text = "2020年营业收入: 单元格内容为 'NaN'，不是数据（数据未知请留空）"
    if sheet_reader == "calamine" and not _calamine_reads_builtin_chinese_dates():
        # the serial number arrives untyped: never read as a date by guess, the row says which cell
        assert pd.isna(table.frame["registered_on"].iloc[0])
        assert table.errors[0][0].startswith("成立日期: ") and "44317" in table.errors[0][0]
        assert table.errors[0][1:] == [nan_text]
        return
    assert table.frame["registered_on"].iloc[0] == pd.Timestamp("2021-05-01")
    assert table.errors[0] == [nan_text]


def _run_limited(*argv: str) -> subprocess.CompletedProcess[str]:
    def limit() -> None:  # 3 GB of address space: a dense read of a declared range could never fit
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    return subprocess.run(
        [sys.executable, "-m", "srdi.cli.main", *argv],
        capture_output=True,
        text=True,
        preexec_fn=limit,
        env={**os.environ, "SRDI_LOAD_PLUGINS": ""},
        timeout=120,
    )


def test_a_cell_far_out_costs_only_what_is_present(tmp_path):
    # a 5 KB file declaring a cell at XFD1048576: 1,048,576 × 16,384 cells if read as a rectangle
    path = tmp_path / "far.xlsx"
    xl.write(
        path,
        [
            xl.row(1, [xl.cell("A1", "企业名称"), xl.cell("B1", "2020年营业收入")]),
            xl.row(2, [xl.cell("A2", "甲"), xl.cell("B2", 4000)]),
            xl.row(MAX_ROWS, [xl.cell(f"XFD{MAX_ROWS}", 1)]),
        ],
        dimension=f"A1:XFD{MAX_ROWS}",
    )
    assert path.stat().st_size < 5000
    done = _run_limited("batch", str(path), "--program", PROGRAM, "--on", ON.isoformat())
    assert done.returncode == 0, done.stderr
    out = pd.read_csv(__import__("io").StringIO(done.stdout))
    assert list(out["row"]) == [2] and list(out["name"]) == ["甲"]  # the far cell is beyond the table


@pytest.mark.usefixtures("sheet_reader")
def test_a_sheet_beyond_the_formats_limits_is_refused(baseline, tmp_path):
    # more rows than an .xlsx sheet holds, in a file of a few hundred KB (rows numbered implicitly)
    path = tmp_path / "long.xlsx"
    rows = ['<row><c t="inlineStr"><is><t>x</t></is></c></row>'] * (MAX_ROWS + 10)
    xl.write(path, [xl.row(1, [xl.cell("A1", "企业名称")]), *rows])
    assert path.stat().st_size < 1_000_000
    with pytest.raises(ProfileError) as err:
        read_table(path, baseline)
    assert "超过 1,048,576 行" in str(err.value)
    wide = tmp_path / "wide.xlsx"
    xl.write(wide, [xl.row(1, [xl.cell("A1", "企业名称"), xl.cell("XFE1", "x")])])
    with pytest.raises(ProfileError) as err:
        read_table(wide, baseline)
    assert "超出 XFD 列" in str(err.value)


def test_not_a_workbook(baseline, tmp_path):
    path = tmp_path / "pool.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    with pytest.raises(ProfileError) as err:
        open_source(path)
    assert "不是可读取的表格" in str(err.value)


# --------------------------------------------------------------------------- frames and Parquet
def test_a_frame_reads_nan_as_missing_and_the_text_nan_as_an_error(baseline):
    frame = pd.DataFrame({"企业名称": ["甲", "乙"], "2020年营业收入": [np.nan, 4000.0], "企业规模": ["NaN", "小型"]})
    table = read_table(frame, baseline)
    assert np.isnan(table.frame["revenue_2020"].iloc[0])  # a pandas NaN is how a frame leaves a cell empty
    assert table.errors[0] == ["企业规模: 单元格内容为 'NaN'，不是数据（数据未知请留空）"]


def test_parquet_keeps_its_types_and_a_nan_value_is_an_error(baseline, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "pool.parquet"
    pq.write_table(
        pa.table(
            {
                "name": ["甲", "乙", "丙"],
                "revenue_2020": pa.array([4000.0, float("nan"), None]),
                "independent_legal_person": [True, None, False],
                "registered_on": pa.array([dt.date(2012, 3, 1), None, dt.date(2015, 1, 1)]),
            }
        ),
        path,
    )
    table = read_table(path, baseline)
    assert list(table.rows) == [1, 2, 3]
    assert table.errors == {1: ["revenue_2020: 单元格内容为 'nan'，不是数据（数据未知请留空）"]}
    assert table.frame["registered_on"].iloc[0] == pd.Timestamp("2012-03-01")
    assert list(table.frame["independent_legal_person"].fillna(-1)) == [1, -1, 0]


# --------------------------------------------------------------------------- which sheet
def _two_sheets(path: Path, active: int) -> Path:
    """A stale hidden sheet first (甲, 4000), then the sheet a person fills in (乙, 6000)."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    old = wb.active
    old.title = "旧数据"
    old.append(["企业名称", "2020年营业收入"])
    old.append(["甲", 4000])
    new = wb.create_sheet("申报")
    new.append(["企业名称", "2020年营业收入"])
    new.append(["乙", 6000])
    wb.active = active
    old.sheet_state = "hidden"
    wb.save(path)
    return path


@pytest.mark.parametrize("active", [0, 1])
def test_a_hidden_sheet_is_not_read_but_the_one_excel_shows(baseline, tmp_path, active):
    # Excel opens on the active sheet; a hidden one is never shown. Active and visible: 申报 is read.
    # Active but hidden (a workbook saved so): the first visible sheet, again 申报. Either way the
    # reader names the sheet, since the workbook holds two.
    table = read_table(_two_sheets(tmp_path / "pool.xlsx", active), baseline)
    assert list(table.frame["name"]) == ["乙"] and table.sheet == "申报"


def test_a_hidden_sheet_named_with_sheet_is_read(baseline, tmp_path):
    # --sheet names a sheet explicitly: the reader does as told, hidden or not
    table = read_table(_two_sheets(tmp_path / "pool.xlsx", 1), baseline, sheet="旧数据")
    assert list(table.frame["name"]) == ["甲"] and table.sheet == "旧数据"


def test_a_workbook_of_one_sheet_does_not_name_it(baseline, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active.append(["企业名称"])
    wb.active.append(["甲"])
    wb.save(tmp_path / "pool.xlsx")
    assert read_table(tmp_path / "pool.xlsx", baseline).sheet is None


@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
def test_a_sheet_asked_of_a_csv_is_refused(baseline, tmp_path, suffix):
    # a CSV holds one table: a --sheet that would be silently ignored is refused, naming the file
    path = write(tmp_path / f"pool{suffix}", "企业名称\n甲\n")
    with pytest.raises(ProfileError, match=r"--sheet '申报' 只适用于 \.xlsx 工作簿") as caught:
        read_table(path, baseline, sheet="申报")
    assert f"pool{suffix}" in str(caught.value)


# --------------------------------------------------------------------------- units in headers
@pytest.mark.parametrize(
    ("header", "unit", "label", "wanted"),
    [
        ("2020年营业收入（万美元）", "万美元", "营业收入", "万元"),  # a rate of exchange away
        ("2020年营业收入（%）", "%", "营业收入", "万元"),
        ("2020年营业收入（人）", "人", "营业收入", "万元"),
        ("2020年资产负债率（万元）", "万元", "资产负债率", "%"),
        ("2020年营业收入（单位：千元）", "千元", "营业收入", "万元"),  # a unit srdi does not convert
    ],
)
def test_a_header_unit_that_contradicts_its_field_refuses_the_column(baseline, tmp_path, header, unit, label, wanted):
    # 营业收入 is in 万元 and 资产负债率 in % (the vocabulary's units): a figure under another unit
    # read as if in those would be wrong by a rate or orders of magnitude, so the column is not read
    # and the warning names the header, the unit written and the unit the field takes.
    path = write(tmp_path / "pool.csv", f"企业名称,{header}\n甲,1000\n")
    table = read_table(path, baseline)
    assert not any(c.startswith(("revenue_", "debt_ratio_")) for c in table.frame.columns)
    (note,) = table.notes
    assert note.header == header
    assert f"表头单位为“{unit}”，而{label}以“{wanted}”计" in note.message and "本列未读取" in note.message


def test_header_units_that_agree_with_their_field_are_read(baseline, tmp_path):
    # 元 over 营业收入 is converted (40000000元 = 4000万元); 人 is 从业人数' own unit; 个 over
    # 有效发明专利 (counted in 项) counts the same things; % is 资产负债率's own unit
    path = write(
        tmp_path / "pool.csv",
        "企业名称,2020年营业收入（元）,2020年从业人数（人）,有效发明专利（个）,2020年资产负债率（%）\n甲,40000000,200,3,50\n",
    )
    table = read_table(path, baseline)
    assert not table.notes
    f = table.frame
    assert (f["revenue_2020"].iloc[0], f["employees_2020"].iloc[0]) == (4000, 200)
    assert (f["invention_patents"].iloc[0], f["debt_ratio_2020"].iloc[0]) == (3, 50)


# --------------------------------------------------------------------------- codes stored as numbers
@pytest.mark.usefixtures("sheet_reader")
def test_a_credit_code_typed_as_a_number_says_excel_lost_its_digits(baseline, tmp_path):
    # Excel stores 912101000000001013 typed into a General cell as a number with 15 significant
    # digits, 9.12101000000001E+17: the code's last digits are gone. The message says so and asks
    # for a text column; the output shows the digits Excel kept, never scientific notation.
    path = tmp_path / "pool.xlsx"
    xl.write(
        path,
        [
            xl.row(1, [xl.cell("A1", "企业名称"), xl.cell("B1", "统一社会信用代码")]),
            xl.row(2, [xl.cell("A2", "甲"), xl.cell("B2", 9.12101000000001e17)]),
            xl.row(3, [xl.cell("A3", "乙"), xl.cell("B3", CODE)]),
        ],
    )
    table = read_table(path, baseline)
    (message,) = table.errors[0]
    assert message.startswith("统一社会信用代码: 以数字形式保存，Excel 只保留15位有效数字，最后几位已丢失")
    assert "“文本”格式" in message and "18位" in message
    assert list(table.identity("credit_code")) == ["912101000000001000", CODE]
    assert 1 not in table.errors


def test_a_credit_code_exported_in_scientific_notation_says_so_too(baseline, tmp_path):
    # Excel's CSV export writes such a cell as it shows it: 9.12101E+17
    table = read_table(write(tmp_path / "pool.csv", "企业名称,统一社会信用代码\n甲,9.12101E+17\n"), baseline)
    assert "以数字形式保存" in table.errors[0][0]
    assert list(table.identity("credit_code")) == ["912101000000000000"]


# --------------------------------------------------------------------------- blank rows
def test_blank_rows_are_listed_as_blank(baseline, tmp_path):
    # row 3 holds nothing (a blank line), row 4 a line with too many fields: only row 3 is blank
    path = write(tmp_path / "pool.csv", f"{HEADER}\n甲,{CODE},4000,200\n\n乙,,1,2,3\n丙,,3000,150\n")
    table = read_table(path, baseline)
    assert table.blank == {1}
    assert table.errors[1] == ["第3行是空行"]


def test_a_file_in_no_encoding_srdi_reads_is_refused_in_the_language_of_messages(baseline, tmp_path, monkeypatch):
    # The detector places no encoding, and the bytes break as UTF-8 and as GB18030 alike (0x80 opens no
    # character in either, so 1,000 of them are 1,000 broken characters, past 1 in 1,000): no table. The
    # reason is srdi's, in Chinese by default, not the detector's English.
    import charset_normalizer

    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda sample: [])
    path = tmp_path / "pool.csv"
    path.write_bytes(b"\x80" * 1000)
    with pytest.raises(ProfileError) as err:
        read_table(path, baseline)
    assert err.value.problems[0].message == "不是可读取的表格：无法判断文字编码（不是 UTF-8、GBK 或 GB18030）"
    with speaking("en"), pytest.raises(ProfileError) as err:
        read_table(path, baseline)
    assert "cannot tell the text encoding (not UTF-8, GBK or GB18030)" in err.value.problems[0].message
