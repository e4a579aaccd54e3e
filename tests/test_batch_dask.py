"""The batch on a Dask DataFrame, on a dask.distributed LocalCluster, equals the batch on pandas.

A seeded synthetic pool of 4,000 enterprises, split into 7 partitions, screened by two
worker processes against the three tiers of 辽工信改革〔2022〕9号: every output cell —
verdicts, reasons, row numbers, order — must be the same as screening the whole frame
with pandas in this process.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import srdi
from srdi.batch import screen
from srdi.batch.on_dask import screen_dask
from srdi.batch.synthetic import pool

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

ON = dt.date(2022, 3, 1)
PROGRAMS = ["liaoning.little-giant-2022", "liaoning.srdi-sme-2022", "liaoning.srdi-product-2022"]


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


def test_dask_equals_pandas(client):
    cat = srdi.load(["liaoning"])
    attest = sorted(
        {c.args.get("key") or c.id for p in PROGRAMS for c in cat.program(p).criteria.values() if c.type == "attest"}
    )
    frame = pool(
        4000,
        cat.vocabulary,
        2021,
        seed=7,
        titles={"liaoning.srdi_sme": 0.5, "liaoning.srdi_product": 0.5},
        attestations=attest,
    )
    expected = screen(cat, frame, PROGRAMS, ON, gaps=True).frame
    got = screen_dask(dd.from_pandas(frame, npartitions=7), ["liaoning"], PROGRAMS, ON, gaps=True)
    result = got.compute().reset_index(drop=True)
    assert len(result) == 4000 * 3
    assert got.npartitions == 7
    pd.testing.assert_frame_equal(result, expected.astype({c: object for c in expected.columns if c != "row"}))
    # and the pool is not trivial: every verdict occurs
    assert set(expected["verdict"]) == {"eligible", "ineligible", "incomplete", "review"}


def test_overrides_are_checked_before_any_task(client):
    cat_frame = pd.DataFrame({"name": ["甲"]})
    with pytest.raises(srdi.SrdiError, match="rd_years"):
        screen_dask(dd.from_pandas(cat_frame, npartitions=1), ["liaoning"], PROGRAMS[:1], ON, {"rd_years": "both"})
