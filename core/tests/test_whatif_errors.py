"""A what-if keeps each changed row's data errors and warnings, and says how many changed rows have errors.

The pool: four copies of the candidate of data/third-batch-category-c.toml, eligible for
工信厅企业函〔2021〕79号 (national.little-giant-3rd-batch) on 2021-04-30, reference year 2020
(derivation in core/tests/test_batch_selection.py), told apart by 2020年负债总额 against
its 资产总额 of 10000万元 and by two cells:

  row 甲  负债 5000 → 资产负债率 50%, clean; its credit code is 丙's too (a warning on both)
  row 乙  负债 5000 → 50%; 软件著作权 written 十项: text where a count belongs, so the cell
          is set aside (a data error) and 三（二）3's 实用新型…软件著作权5项 is unknown — but the
          group is "any": 有效发明专利 3 ≥ 2 holds it, and the row stays eligible
  row 丙  负债 3000 → 30%; the same bad 软件著作权 cell; 甲's credit code
  row 丁  负债 6500 → 65%, clean

As published, 三（二）1 "企业资产负债率不高于 70%" holds for 50, 50, 30 and 65: all four
eligible. With debt-ratio.value = 40, 50 > 40 and 65 > 40 fail it: 甲, 乙 and 丁 become
ineligible, 丙 (30 ≤ 40) does not change. Of the three changed rows only 乙 has a data
error. With debt-ratio.value = 60 only 丁 (65 > 60) changes, and it has none, though
乙 and 丙 still do.

A frame read as a table has no header line: its rows are numbered from 1 (甲 1 … 丁 4).
The texts are the catalogue's: a cell's error is "{header}: " and value.number
("应为数值（单位：{unit}），实为 {got}", 软件著作权 counted in 项); a repeated credit code is
cell.duplicate ("统一社会信用代码 {code} 也出现在{rows}", a row as 第{n}行).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import attrs
import pandas as pd
import pytest

import srdi
from srdi.batch import about as sheet
from srdi.batch import read_table, screen
from srdi.batch.whatif import COLUMNS, compare, whatif
from srdi.batch.write import profiles_table
from srdi.i18n import speaking
from srdi.testing.strategies import credit_code

CATALOG = srdi.load([])
PROGRAM = "national.little-giant-3rd-batch"
ON = dt.date(2021, 4, 30)
BASE = CATALOG.load_profile(Path(__file__).parent / "data" / "third-batch-category-c.toml")
SHARED, OTHER, FOURTH = credit_code("210100", 1), credit_code("210100", 2), credit_code("210100", 4)
BAD_COUNT = "软件著作权: 应为数值（单位：项），实为 '十项'"
DEBT_REASON = "资产负债率不高于70%（三（二）1）：符合→不符合"


def firm(name: str, liabilities: float, code: str):
    years = {**BASE.years, 2020: BASE.years[2020] | {"total_liabilities": liabilities}}
    return attrs.evolve(BASE, facts=BASE.facts | {"name": name, "credit_code": code}, years=years)


def pool_frame() -> pd.DataFrame:
    firms = [
        firm("甲", 5000.0, SHARED),
        firm("乙", 5000.0, OTHER),
        firm("丙", 3000.0, SHARED),
        firm("丁", 6500.0, FOURTH),
    ]
    frame = profiles_table(firms, CATALOG.vocabulary, CATALOG.titles).astype(object)
    frame["软件著作权"] = [None, "十项", "十项", None]
    return frame


@pytest.fixture(scope="module")
def table():
    return read_table(pool_frame(), CATALOG)


def test_a_changed_row_keeps_its_data_error_and_a_clean_one_has_none(table):
    change = whatif(CATALOG, table, PROGRAM, ON, {"debt-ratio.value": 40})
    out = change.frame
    assert list(out["row"]) == [1, 2, 4] and list(out["name"]) == ["甲", "乙", "丁"]
    assert set(out["why"]) == {DEBT_REASON}
    # 乙's bad cell comes with it; 甲 and 丁 read clean
    assert out["error"].iloc[1] == BAD_COUNT
    assert pd.isna(out["error"].iloc[0]) and pd.isna(out["error"].iloc[2])
    # 甲's credit code is 丙's: its warning names row 3, though 丙 did not change
    assert out["warning"].iloc[0] == f"统一社会信用代码 {SHARED} 也出现在第3行"
    assert pd.isna(out["warning"].iloc[1]) and pd.isna(out["warning"].iloc[2])
    assert change.with_errors == 1  # 丙's error is not counted: it did not change
    # the texts are the ones the screening of the same table writes for those rows
    batch = screen(CATALOG, table, [PROGRAM], ON).frame
    assert batch["error"].iloc[1] == BAD_COUNT and batch["warning"].iloc[0] == out["warning"].iloc[0]


def test_the_columns_have_their_chinese_headers():
    assert (COLUMNS["error"], COLUMNS["warning"]) == ("数据错误", "提示")
    assert list(COLUMNS)[-2:] == ["error", "warning"]


def test_compare_keeps_them_too(table):
    # the program against itself with 三（二）1 at 40%: the same three rows differ, 乙 with its error
    stricter = CATALOG.program(PROGRAM).with_overrides({"debt-ratio.value": 40})
    change = compare(CATALOG, table, PROGRAM, stricter, ON)
    assert list(change.frame["row"]) == [1, 2, 4]
    assert change.frame["error"].iloc[1] == BAD_COUNT and pd.isna(change.frame["error"].iloc[0])
    assert change.with_errors == 1


def test_the_closing_lines_and_the_about_sheet_count_the_changed_rows_with_errors(table):
    change = whatif(CATALOG, table, PROGRAM, ON, {"debt-ratio.value": 40})
    label = f"{PROGRAM}（debt-ratio.value=40）"
    with speaking("zh"):
        lines = sheet.whatif_lines(change, len(table))
        items = sheet.whatif_about("pool.xlsx", ON, [CATALOG.program(PROGRAM)], CATALOG, change, len(table))
    # whatif.changed, whatif.transition (three eligible → ineligible), then the one changed row with an error
    assert lines == [
        f"3 / 4 行结论改变（{PROGRAM} → {label}）",
        "  符合条件 → 不符合条件：3",
        "结论改变的行中 1 行有数据错误，见“数据错误”列",
    ]
    assert ("比较", f"{PROGRAM} → {label}：3 / 4 行结论改变") in items
    assert ("数据错误", "结论改变的行中 1 行，见“数据错误”列") in items


def test_no_count_when_no_changed_row_has_an_error(table):
    # at 60% only 丁 (65%) changes, and it is clean: nothing to say about errors, though 乙 and 丙 have them
    change = whatif(CATALOG, table, PROGRAM, ON, {"debt-ratio.value": 60})
    assert list(change.frame["row"]) == [4] and change.with_errors == 0
    with speaking("zh"):
        lines = sheet.whatif_lines(change, len(table))
        items = sheet.whatif_about("pool.xlsx", ON, [CATALOG.program(PROGRAM)], CATALOG, change, len(table))
    assert len(lines) == 2 and not any("数据错误" in line for line in lines)
    assert not any(label == "数据错误" for label, _ in items)


def test_the_command_writes_them_to_the_workbook_and_says_the_count(tmp_path, capsys, monkeypatch):
    # the same pool as a CSV file: its header is row 1, so 甲 is row 2, 乙 row 3, 丙 row 4, 丁 row 5
    openpyxl = pytest.importorskip("openpyxl")
    from srdi.cli.main import main

    monkeypatch.delenv("SRDI_LANG", raising=False)
    path = tmp_path / "pool.csv"
    pool_frame().to_csv(path, index=False, encoding="utf-8-sig")
    out = tmp_path / "结论变化.xlsx"
    argv = ["whatif", str(path), "--program", PROGRAM, "--on", ON.isoformat(), "--set", "debt-ratio.value=40"]
    assert main([*argv, "--out", str(out)]) == 0
    assert "结论改变的行中 1 行有数据错误，见“数据错误”列" in capsys.readouterr().err
    wb = openpyxl.load_workbook(out)
    rows = [list(r) for r in wb["结论变化"].iter_rows(values_only=True)]
    head = rows[0] if rows[0][0] == "行号" else rows[1]
    body = [dict(zip(head, r)) for r in rows[rows.index(head) + 1 :] if r[0] is not None]
    assert [r["行号"] for r in body] == [2, 3, 5]
    assert [r["数据错误"] for r in body] == [None, BAD_COUNT, None]
    assert [r["提示"] for r in body] == [f"统一社会信用代码 {SHARED} 也出现在第4行", None, None]
    about = dict(r[:2] for r in wb["说明"].iter_rows(values_only=True) if r[0])
    assert about["数据错误"] == "结论改变的行中 1 行，见“数据错误”列"
    # as CSV on stdout the codes head the columns (what reading the workbook printed is not the command's:
    # openpyxl 3.1.0 prints a sheet's name as it reads its print titles)
    capsys.readouterr()
    assert main(argv) == 0
    csv_out = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert list(csv_out.columns[-2:]) == ["error", "warning"] and csv_out["error"].iloc[1] == BAD_COUNT
