"""示例〔2030〕1号 (the scaffold's example): replace with the tests of your notice.

Each expected verdict is derived in a comment from the clause it tests, with the
figures used. The example profile (examples/example-eligible.toml), on 2030-03-15:
  一（一） registered in 120000, an independent legal person;
  一（二） 2029 营业收入 1200 ≥ 1000;
  一（三） 研发 (36 + 40) / (1100 + 1200) = 76 / 2300 = 3.30% ≥ 3 (the two-year ratio);
  一（四） no false information, no major accident;
  → eligible.
"""

from __future__ import annotations

import datetime as dt

import attrs

PROGRAM = "tianjin.example"
ON = dt.date(2030, 3, 15)  # inside the window 2030-03-01 … 03-31 (二)


def test_the_example_is_eligible(catalog, example):
    result = catalog.evaluate(example("example-eligible"), PROGRAM, ON)
    assert result.verdict.value == "eligible"


def test_rd_ratio_just_below_3_percent(catalog, example):
    # 研发 2029 lowered to 32: (36 + 32) / 2300 = 2.96% < 3 → not met; to reach 3% the two
    # years need 3% × 2300 = 69, so 1万元 more.
    p = example("example-eligible")
    p = attrs.evolve(p, years={**p.years, 2029: p.years[2029] | {"rd_expense": 32.0}})
    result = catalog.evaluate(p, PROGRAM, ON)
    assert result.verdict.value == "ineligible"
    assert result.criterion("rd-ratio").gap == "研发经费支出（近2年合计） needs +1万元 to reach 3%"


def test_the_window_closes_on_31_march(catalog):
    # 二 "2030年3月1日至3月31日": open on 03-31, closed on 04-01
    assert catalog.is_open(PROGRAM, dt.date(2030, 3, 31))
    assert not catalog.is_open(PROGRAM, dt.date(2030, 4, 1))
