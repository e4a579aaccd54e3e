"""研发人员费 is part of 研发费 (京经信发〔2021〕 附件1 二（一）2 and 二（二）2): a profile or a table giving more is refused.

"研发费，包括材料费、测试化验加工费、研发人员费（含劳务费）": ``beijing.rd_staff_cost`` is declared
``within = "beijing.rd_cost"``. Both are one-value facts ([enterprise.beijing]); the ratios 二（一）2 caps
(研发费 and 研发人员费 against 软、硬件设备购置及调试安装费) read them, so a 研发人员费 above its 研发费 says
one of the two was mistyped. Two amounts each rounded to whole 万元 may differ by 1万元 (ROUNDING).
"""

from __future__ import annotations

import pytest

import srdi
from srdi.batch import read_table
from srdi.errors import ProfileError

PROFILE = """
[enterprise]
name = "北京测试科技有限公司"

[enterprise.beijing]
rd_cost = 300
rd_staff_cost = {staff}
"""


@pytest.fixture(scope="module")
def catalog():
    return srdi.load(["beijing"])


def test_a_staff_cost_above_the_rd_cost_it_is_part_of_is_refused_at_its_key(catalog, tmp_path):
    # 302 > 300 + 1 (rounding): both cannot hold; 302 < 100 × 300, so not an amount typed in 元
    path = tmp_path / "p.toml"
    path.write_text(PROFILE.format(staff=302), encoding="utf-8")
    with pytest.raises(ProfileError) as err:
        catalog.load_profile(path)
    (problem,) = err.value.problems
    assert problem.key == "enterprise.beijing.rd_staff_cost"
    assert problem.message == (
        "研发人员费（含劳务费） 302万元 大于研发费（材料费、测试化验加工费、研发人员费） 300万元"
        "（enterprise.beijing.rd_cost）：二者不可能同时成立，请核对"
    )


@pytest.mark.parametrize("staff", [300, 301])
def test_a_staff_cost_up_to_the_rd_cost_and_its_rounding_is_taken(catalog, tmp_path, staff):
    # 300 of 300 is the whole 研发费 in staff; 301 is within the 1万元 two rounded figures may differ by
    path = tmp_path / "p.toml"
    path.write_text(PROFILE.format(staff=staff), encoding="utf-8")
    assert catalog.load_profile(path).facts["beijing.rd_staff_cost"] == staff


def test_a_table_sets_aside_both_figures_where_the_part_exceeds_its_whole(catalog):
    # row 1: 302 above 300 (1.007×): which one is wrong is unknown, so both are missing, with the reason;
    # row 2: 120 of 300 is possible and kept
    import pandas as pd

    frame = pd.DataFrame({"企业名称": ["甲", "乙"], "beijing.rd_cost": [300, 300], "beijing.rd_staff_cost": [302, 120]})
    table = read_table(frame, catalog)
    got = table.frame[["beijing.rd_cost", "beijing.rd_staff_cost"]]
    assert got.iloc[0].isna().tolist() == [True, True]
    assert got.iloc[1].tolist() == [300, 120]
    assert "大于研发费（材料费、测试化验加工费、研发人员费） 300万元" in table.error_column()[0]
    assert table.error_column()[1] in (None, "")
