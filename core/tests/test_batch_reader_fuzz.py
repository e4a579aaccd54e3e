"""Whatever a table file holds, ``srdi batch`` answers: exit 0 with one output row per input row, or exit 2.

Two properties, checked with Hypothesis on the national program (工信厅企业函〔2021〕79号,
2021-04-30): any bytes at all — random, or a valid CSV, XLSX or Parquet file with
bytes flipped, cut or repeated — end in exit 0 or in exit 2 with ``srdi: 错误：``
lines naming the file, never a traceback nor an exception Python prints as ignored (one
raised inside the CSV parser's callback fails the test); and a table of any cells, records of any
length, blank lines, in any of the encodings bureau systems export, comes out with
exactly one row per record below the header, numbered as in the file, in order.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from srdi.cli.main import main
from srdi.testing import xlsx as xl

pytestmark = pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")

PROGRAM = "national.little-giant-3rd-batch"
ON = "2021-04-30"
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
HEADER = [
    "企业名称",
    "2020年营业收入",
    "统一社会信用代码",
    "具有独立法人资格",
    "注册时间",
    "省级“专精特新”中小企业",
    "备注",
]


def batch(path: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["batch", str(path), "--program", PROGRAM, "--on", ON, "--format", "json"])
    return code, out.getvalue(), err.getvalue()


def output_rows(out: str) -> list[int]:
    return [int(r["row"]) for r in json.loads(out)]


def valid_files() -> dict[str, bytes]:
    """A small table as CSV, XLSX and Parquet bytes, for mutating."""
    rows = [["甲", "4000", "91210100MA0YK3N252", "是", "2012-03-01", "2019", ""], ["乙", "", "", "否", "", "否", "x"]]
    with tempfile.TemporaryDirectory() as d:
        csv_path = Path(d) / "t.csv"
        pd.DataFrame(rows, columns=HEADER).to_csv(csv_path, index=False)
        xlsx_path = xl.table(Path(d) / "t.xlsx", HEADER, rows)
        pq_path = Path(d) / "t.parquet"
        pd.DataFrame(rows, columns=HEADER).to_parquet(pq_path)
        return {".csv": csv_path.read_bytes(), ".xlsx": xlsx_path.read_bytes(), ".parquet": pq_path.read_bytes()}


VALID = valid_files()


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    suffix = draw(st.sampled_from([".csv", ".xlsx", ".parquet", ".tsv"]))
    base = VALID.get(suffix, VALID[".csv"])
    how = draw(st.sampled_from(["random", "flip", "cut", "splice"]))
    if how == "random":
        return suffix, draw(st.binary(max_size=2000))
    data = bytearray(base)
    if how == "flip":
        for _ in range(draw(st.integers(1, 8))):
            i = draw(st.integers(0, len(data) - 1))
            data[i] = draw(st.integers(0, 255))
    elif how == "cut":
        data = data[: draw(st.integers(0, len(data)))]
    else:
        i = draw(st.integers(0, len(data)))
        data[i:i] = draw(st.binary(min_size=1, max_size=200))
    return suffix, bytes(data)


@SETTINGS
@given(mutated())
def test_any_bytes_end_in_exit_0_or_a_named_error(case):
    suffix, data = case
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"pool{suffix}"
        path.write_bytes(data)
        code, out, err = batch(path)
    assert code in (0, 2)
    if code == 0:
        json.loads(out)  # a whole answer, not a cut-off one
    if code == 2:
        lines = [line for line in err.splitlines() if line]
        assert lines and all(line.startswith("srdi: 错误：") for line in lines), err
        assert str(path) in err
    else:
        assert "Traceback" not in err


# --------------------------------------------------------------------------- one row per record
CELLS = st.one_of(
    st.sampled_from(["", " ", "NaN", "nan", "-", "0", "1", "1.0", "是", "否", "4000", "1,200", "2019", "3.5", "-7"]),
    st.sampled_from(["2012-03-01", "2012年3月1日", "91210100MA0YK3N252", "9121010", "注：说明", "1.", "=1+1"]),
    st.text(alphabet=st.sampled_from('甲乙丙,"\n\r\t ;abc1.%元'), max_size=12),
)
RECORDS = st.lists(
    st.one_of(
        st.lists(CELLS, min_size=len(HEADER), max_size=len(HEADER)),  # a whole record
        st.lists(CELLS, min_size=0, max_size=len(HEADER) + 3),  # too short, too long, or a blank line
    ),
    max_size=25,
)
LAST = ["末行企业", "1", "", "", "", "", ""]  # a firm ends the table, so that nothing is cut as trailing


@SETTINGS
@given(RECORDS, st.sampled_from(["utf-8", "utf-8-sig", "gbk", "gb18030"]))
def test_every_record_of_a_csv_is_one_output_row_in_order(records, encoding):
    records = [*records, LAST]
    buf = io.StringIO()
    writer = csv.writer(buf)  # lines end in \r\n, so a field holding \r or \n is quoted
    writer.writerow(HEADER)
    for r in records:
        writer.writerow(r)
    try:
        data = buf.getvalue().encode(encoding)
    except UnicodeEncodeError:
        data = buf.getvalue().encode("gb18030")
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "pool.csv"
        path.write_bytes(data)
        code, out, err = batch(path)
    assert code == 0, err
    # csv.writer quotes fields holding separators, quotes and line ends: one record per list
    assert output_rows(out) == list(range(2, len(records) + 2))


@SETTINGS
@given(st.lists(st.lists(CELLS, min_size=0, max_size=len(HEADER)), max_size=25))
def test_every_row_of_a_sheet_is_one_output_row_in_order(rows):
    rows = [*rows, LAST]
    with tempfile.TemporaryDirectory() as d:
        path = xl.table(Path(d) / "pool.xlsx", HEADER, rows)
        code, out, err = batch(path)
    assert code == 0, err
    assert output_rows(out) == list(range(2, len(rows) + 2))
