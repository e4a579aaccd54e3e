"""Gap texts written on screening's worker threads are in the language chosen for the run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs

import srdi
from srdi.batch import screen
from srdi.batch.write import profiles_table
from srdi.i18n import speaking

CATALOG = srdi.load([])
PROGRAM = "national.little-giant-3rd-batch"
ON = dt.date(2021, 4, 30)
BASE = CATALOG.load_profile(Path(__file__).parent / "data" / "third-batch-category-c.toml")


def test_gap_texts_from_worker_threads_are_in_the_language_chosen(debt_table):
    # 工信厅企业函〔2021〕79号 三（二）1 "资产负债率不高于70%": 2020 资产总额 10000万元, 负债 7100 … 7800万元 give
    # 71% … 78%, each over the ceiling, so every row states a gap. Eight rows in slices of two make four slices:
    # on two threads (threads_for), so the texts are written off the calling thread.
    table = debt_table([7100.0 + 100 * k for k in range(8)])
    with speaking("en"):
        one = screen(CATALOG, table, [PROGRAM], ON, workers=1).frame["gaps"]
        threaded = screen(CATALOG, table, [PROGRAM], ON, chunk_rows=2, workers=2).frame["gaps"]
    # in English a ceiling's gap reads "… is over …" (gap.over), never the Chinese "超出"
    assert all("over" in text for text in one)
    assert list(threaded) == list(one)


def test_the_chinese_verdict_column_is_chinese_in_an_english_run(tmp_path):
    # 结论（中文） holds the verdict's Chinese label whatever language the run speaks: in a fresh process started with
    # --lang en, screening is imported after the language is chosen, and the column used to come out in English.
    # The two firms: BASE as given is eligible for 79号 on 2021-04-30 (the case file it is), and with 资产负债率
    # at 78% (负债 7800 of 资产 10000, over 三（二）1's 70%) not
    import json
    import subprocess
    import sys

    over = {**BASE.years, 2020: BASE.years[2020] | {"total_liabilities": 7800.0}}
    firms = [BASE, attrs.evolve(BASE, facts=BASE.facts | {"name": "企业2"}, years=over)]
    path = tmp_path / "firms.csv"
    profiles_table(firms, CATALOG.vocabulary, CATALOG.titles).to_csv(path, index=False)
    args = ["--lang", "en", "batch", str(path), "--program", PROGRAM, "--on", ON.isoformat(), "--format", "json"]
    run = subprocess.run([sys.executable, "-m", "srdi.cli.main", *args], capture_output=True, text=True, check=True)
    rows = json.loads(run.stdout)
    assert [(r["verdict"], r["verdict_label"]) for r in rows] == [
        ("eligible", "符合条件"),
        ("ineligible", "不符合条件"),
    ]
