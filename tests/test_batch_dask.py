"""The batch on Dask, on a dask.distributed LocalCluster, equals the batch on pandas.

A seeded synthetic pool of 4,000 enterprises screened by two worker processes against
the three tiers of 辽工信改革〔2022〕9号:

- in the engine's columns, split into 7 partitions: every output cell — verdicts,
  reasons, gaps, row numbers, order — equals screening the whole frame with pandas;
- as the table ``srdi batch`` reads (a CSV with Chinese headers, read in small blocks):
  equal to ``read_table`` + ``screen`` on the same file — the same cell checks, the same
  row numbers (the spreadsheet rows under the header), and a credit code repeated in
  rows that fall in different partitions flagged on each, naming the other rows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

import srdi
from srdi.batch import read_table, screen
from srdi.batch.on_dask import LONG_TEXT_COLUMNS, meta, screen_dask, to_parquet
from srdi.batch.synthetic import pool
from srdi.batch.write import profiles_table
from srdi.testing.strategies import credit_code

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).parent.parent
ON = dt.date(2022, 3, 1)
PROGRAMS = ["liaoning.little-giant-2022", "liaoning.srdi-sme-2022", "liaoning.srdi-product-2022"]


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def catalog():
    return srdi.load(["liaoning"])


@pytest.fixture(scope="module")
def frame(catalog):
    attest = sorted(
        {
            c.args.get("key") or c.id
            for p in PROGRAMS
            for c in catalog.program(p).criteria.values()
            if c.type == "attest"
        }
    )
    return pool(
        4000,
        catalog.vocabulary,
        2021,
        seed=7,
        titles={"liaoning.srdi_sme": 0.5, "liaoning.srdi_product": 0.5},
        attestations=attest,
    )


def as_objects(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as Python objects, None where missing (Dask may hand back Arrow strings)."""
    out = frame.astype({c: object for c in frame.columns if c != "row"})
    return out.where(out.notna(), None)


def test_engine_columns_equal_pandas(client, catalog, frame):
    expected = screen(catalog, frame, PROGRAMS, ON, gaps=True).frame
    got = screen_dask(dd.from_pandas(frame, npartitions=7), ["liaoning"], PROGRAMS, ON, gaps=True, engine_columns=True)
    result = got.compute().reset_index(drop=True)
    assert len(result) == 4000 * 3
    assert got.npartitions == 7
    pd.testing.assert_frame_equal(as_objects(result), as_objects(expected))
    # and the pool is not trivial: every verdict occurs
    assert set(expected["verdict"]) == {"eligible", "ineligible", "incomplete", "review"}


def test_parquet_files_in_engine_columns_are_one_table_read_by_the_workers(client, catalog, frame, tmp_path):
    # The 4,000 rows kept as a folder of three Parquet files of unequal size (1,500, 2,000 and 500 rows), the
    # second written in row groups of 700 rows (700, 700, 600): five partitions, read on the workers. Rows
    # are numbered through the files in name order, 1 to 4,000, as pandas numbers the folder read as one
    # frame; every cell equals screening the whole frame with pandas.
    folder = tmp_path / "engine"
    folder.mkdir()
    frame.iloc[:1500].to_parquet(folder / "part-0.parquet")
    frame.iloc[1500:3500].to_parquet(folder / "part-1.parquet", row_group_size=700)
    frame.iloc[3500:].to_parquet(folder / "part-2.parquet")
    expected = screen(catalog, frame, PROGRAMS[:2], ON, gaps=True).frame
    for source in (folder, str(folder / "part-*.parquet")):
        got = screen_dask(source, ["liaoning"], PROGRAMS[:2], ON, gaps=True, engine_columns=True)
        assert got.npartitions == 5
        result = got.compute().reset_index(drop=True)
        assert list(result["row"].drop_duplicates()) == list(range(1, 4001))  # a row's programs are together
        pd.testing.assert_frame_equal(as_objects(result), as_objects(expected))


def test_parquet_files_without_rows_screen_to_an_empty_table(client, tmp_path):
    # a file written with no row group at all holds no enterprise: the result is empty, with the output's columns,
    # as screening an empty table with pandas is
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.ParquetWriter(tmp_path / "part-0.parquet", pa.schema([("revenue_2021", pa.float64())])).close()
    got = screen_dask(tmp_path, ["liaoning"], PROGRAMS[:1], ON, engine_columns=True).compute()
    assert len(got) == 0 and list(got.columns) == list(meta().columns)


def test_engine_columns_are_read_from_parquet_only(tmp_path):
    # a CSV keeps no column types: in engine columns it is refused on the client, naming the file
    path = tmp_path / "engine.csv"
    path.write_text("revenue_2021\n100\n", encoding="utf-8")
    with pytest.raises(srdi.SrdiError, match="引擎列只能从 Parquet 文件读取") as found:
        screen_dask(str(path), ["liaoning"], PROGRAMS[:1], ON, engine_columns=True)
    assert str(path) in str(found.value)


def test_the_result_written_to_parquet_reads_back_with_pandas(client, catalog, frame, tmp_path):
    # the documented use: screen on the cluster, out.to_parquet(folder); pandas reads the folder back.
    # Two partitions of unequal size: in the first (1,800 rows) more than 127 distinct reason texts, so
    # pandas keeps its categorical codes as int16; in the second (200 rows) fewer, int8. Both must be
    # written under the one schema to_parquet takes from the result's meta.
    part = frame.iloc[:2000].reset_index(drop=True)
    parts = dd.from_pandas(part, npartitions=2).repartition(divisions=[0, 1800, 1999])
    got = screen_dask(parts, ["liaoning"], PROGRAMS[:1], ON, gaps=True, engine_columns=True)
    got.to_parquet(tmp_path / "screened")
    back = pd.read_parquet(tmp_path / "screened").reset_index(drop=True)
    expected = screen(catalog, part, PROGRAMS[:1], ON, gaps=True).frame
    pd.testing.assert_frame_equal(as_objects(back), as_objects(expected))
    assert isinstance(back["not_met"].dtype, pd.CategoricalDtype)
    first = screen(catalog, part.iloc[:1800], PROGRAMS[:1], ON, gaps=False).frame["not_met"]
    second = screen(catalog, part.iloc[1800:].reset_index(drop=True), PROGRAMS[:1], ON, gaps=False).frame["not_met"]
    assert first.nunique() > 127 > second.nunique()


def test_the_result_written_as_srdi_batch_writes_parquet_has_no_statistics_for_long_texts(
    client, catalog, frame, tmp_path
):
    # to_parquet writes what out.to_parquet writes, read back equal to pandas' screen of the same rows, and
    # as srdi batch writes Parquet: min/max statistics for the row numbers and verdicts, none for the
    # reasons and gap texts (each compared over every row, and no use as a filter); dictionaries for the
    # categorical columns only (row numbers and gap texts differ row by row)
    import pyarrow.parquet as pq

    part = frame.iloc[:600].reset_index(drop=True)
    got = screen_dask(
        dd.from_pandas(part, npartitions=2), ["liaoning"], PROGRAMS[:1], ON, gaps=True, engine_columns=True
    )
    to_parquet(got, tmp_path / "screened")
    back = pd.read_parquet(tmp_path / "screened").reset_index(drop=True)
    expected = screen(catalog, part, PROGRAMS[:1], ON, gaps=True).frame
    pd.testing.assert_frame_equal(as_objects(back), as_objects(expected))
    files = sorted((tmp_path / "screened").glob("*.parquet"))
    assert len(files) == 2
    for f in files:
        group = pq.ParquetFile(f).metadata.row_group(0)
        stats = {group.column(i).path_in_schema: group.column(i).is_stats_set for i in range(group.num_columns)}
        assert stats["row"] and stats["verdict"], f
        assert not any(stats[c] for c in LONG_TEXT_COLUMNS), f
        encodings = {group.column(i).path_in_schema: group.column(i).encodings for i in range(group.num_columns)}
        assert dictionary_encoded(encodings["verdict"]) and dictionary_encoded(encodings["not_met"]), f
        assert not dictionary_encoded(encodings["row"]) and not dictionary_encoded(encodings["gaps"]), f


def dictionary_encoded(encodings):
    return any("DICTIONARY" in e for e in encodings)


def test_a_csv_table_reads_and_screens_as_srdi_batch_does(client, catalog, tmp_path):
    # 300 profiles written as the applicant table (Chinese headers, text cells); the credit
    # code of row 2 is repeated on row 290, far into another 4 kB block: both rows keep their
    # verdicts and both say where the other is (rows 2 and 290 of the file: the header is row 1)
    profiles = [catalog.load_profile(p) for p in sorted((ROOT / "plugins" / "liaoning" / "examples").glob("*.toml"))]
    base = [p for p in profiles if p.credit_code][:3]
    rows = [base[i % len(base)] for i in range(300)]
    table = profiles_table(rows, catalog.vocabulary, catalog.titles)
    table["企业名称"] = [f"企业{i:03d}" for i in range(300)]
    codes = [credit_code("210100", i) for i in range(300)]
    codes[288] = codes[0]
    table["统一社会信用代码"] = codes
    path = tmp_path / "申报企业.csv"
    table.to_csv(path, index=False, encoding="utf-8-sig")

    expected = screen(catalog, read_table(path, catalog), PROGRAMS[:1], ON, gaps=True).frame
    got = screen_dask(str(path), ["liaoning"], PROGRAMS[:1], ON, gaps=True, blocksize=4096)
    assert got.npartitions > 3  # rows 2 and 290 fall in different partitions
    got = got.compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(as_objects(got), as_objects(expected))
    assert list(got["row"]) == list(range(2, 302))
    assert got.loc[0, "warning"] == f"统一社会信用代码 {codes[0]} 也出现在第290行"
    assert got.loc[288, "warning"] == f"统一社会信用代码 {codes[0]} 也出现在第2行"


def test_a_glob_of_exports_reads_each_file_as_srdi_batch_reads_it(client, catalog, tmp_path):
    # Two exports of one call, as bureaus send them: 申报企业-1.csv in UTF-8 with a BOM, under an annex
    # number and a title line, one record of too many fields; 申报企业-2.csv in GBK. Every name holds
    # a line break inside its quoted value, after 300 characters, so that cutting the files into
    # 2 kB ranges at line ends would cut inside values. Each file must read as `srdi batch` reads it
    # alone: same cells, same errors, rows numbered as in that file, and a `file` column naming it.
    profiles = [catalog.load_profile(p) for p in sorted((ROOT / "plugins" / "liaoning" / "examples").glob("*.toml"))]
    base = [p for p in profiles if p.credit_code][:3]
    table = profiles_table([base[i % len(base)] for i in range(40)], catalog.vocabulary, catalog.titles)
    table["企业名称"] = ["甲" * 300 + f"\n企业{i:03d}" for i in range(40)]
    codes = [credit_code("210100", i) for i in range(40)]
    codes[22] = codes[4]  # file 2's third enterprise repeats file 1's fifth
    table["统一社会信用代码"] = codes
    first, second = tmp_path / "申报企业-1.csv", tmp_path / "申报企业-2.csv"
    text = table.iloc[:20].to_csv(index=False, lineterminator="\n")
    end = text.index('"' + "甲" * 300 + "\n企业010") - 1  # the line end of the 10th enterprise's record
    text = text[:end] + ",多余,字段" + text[end:]  # two fields more than the header
    first.write_bytes(("附件1\n辽宁省专精特新中小企业申报汇总表\n" + text).encode("utf-8-sig"))
    table.iloc[20:].to_csv(second, index=False, encoding="gbk")

    got = screen_dask(str(tmp_path / "申报企业-*.csv"), ["liaoning"], PROGRAMS[:1], ON, gaps=True, blocksize=2048)
    assert got.npartitions > 10
    got = got.compute().reset_index(drop=True)
    expected = []
    for path in (first, second):
        alone = screen(catalog, read_table(path, catalog), PROGRAMS[:1], ON, gaps=True).frame
        alone.insert(1, "file", str(path))
        expected.append(alone)
    expected = pd.concat(expected, ignore_index=True)
    # rows: file 1's data starts on row 4 (annex, title, header above it), file 2's on row 2; the fifth
    # enterprise of file 1 is row 8, the third of file 2 row 4, and each names the other with its file
    assert list(got["row"]) == list(range(4, 24)) + list(range(2, 22))
    assert got.loc[4, "warning"] == f"统一社会信用代码 {codes[4]} 也出现在{second} 第4行"
    assert got.loc[22, "warning"] == f"统一社会信用代码 {codes[4]} 也出现在{first} 第8行"
    got, expected = as_objects(got), as_objects(expected)
    expected.loc[[4, 22], "warning"] = got.loc[[4, 22], "warning"]  # alone, neither file knows the other
    # the record of too many fields, in its place: the header's fields and the two added
    assert expected.loc[9, "error"].startswith(f"第13行有{len(table.columns) + 2}个字段，表头有{len(table.columns)}个")
    pd.testing.assert_frame_equal(got, expected)


def test_a_csv_in_gbk_reads_as_srdi_batch_reads_it(client, catalog, tmp_path):
    # one GBK file, as most bureau systems export: no `file` column, the same frame as read_table + screen
    profiles = [catalog.load_profile(p) for p in sorted((ROOT / "plugins" / "liaoning" / "examples").glob("*.toml"))]
    table = profiles_table([p for p in profiles if p.credit_code][:3] * 10, catalog.vocabulary, catalog.titles)
    path = tmp_path / "申报企业.csv"
    table.to_csv(path, index=False, encoding="gbk")
    # each with its defaults: gaps stated on Dask as srdi batch states them
    got = screen_dask(str(path), ["liaoning"], PROGRAMS[:1], ON, blocksize=1024).compute().reset_index(drop=True)
    expected = screen(catalog, read_table(path, catalog), PROGRAMS[:1], ON).frame
    assert "file" not in got.columns
    pd.testing.assert_frame_equal(as_objects(got), as_objects(expected))


def test_overrides_are_checked_before_any_task(client):
    cat_frame = pd.DataFrame({"name": ["甲"]})
    with pytest.raises(srdi.SrdiError, match="rd_years"):
        screen_dask(dd.from_pandas(cat_frame, npartitions=1), ["liaoning"], PROGRAMS[:1], ON, {"rd_years": "both"})


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # a header of one field holding semicolons: no column resolves, the separator is named
        ("企业名称;2020年营业收入（万元）\n甲公司;4000\n", "此 CSV 文件似乎以分号分隔"),
        ("", "表格是空的"),
    ],
)
def test_a_file_srdi_batch_refuses_is_refused_on_dask_with_its_message(catalog, tmp_path, text, said):
    # refused on the client, before any task, with what srdi batch says of the same file
    path = tmp_path / "申报企业.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(srdi.SrdiError) as batch:
        read_table(path, catalog)
    with pytest.raises(srdi.SrdiError) as on_dask:
        screen_dask(str(path), ["liaoning"], PROGRAMS[:1], ON)
    assert said in str(batch.value) and str(on_dask.value) == str(batch.value)
