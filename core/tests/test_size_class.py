"""Size classes under 工信部联企业〔2011〕300号, at the bounds article 4 sets."""

import numpy as np
import pytest

from srdi.engine.size_class import classify, industry_category


def one(industry, employees, revenue, assets=np.nan):
    return classify(
        np.array([industry], dtype=object),
        np.array([employees], float),
        np.array([revenue], float),
        np.array([assets], float),
    )[0]


@pytest.mark.parametrize(
    ("employees", "revenue", "expected"),
    [
        # 四（二）工业: 中型 = 300人及以上 且 2000万元及以上
        (300, 2000, "medium"),
        (299, 2000, "small"),  # one person short of 中型; 20人及以上 且 300万元及以上 → 小型
        (20, 300, "small"),
        (19, 5000, "micro"),  # 20人以下 → 微型
        (500, 299, "micro"),  # 300万元以下 → 微型
        (1000, 40000, "large"),  # neither 1000人以下 nor 40000万元以下
        (1000, 39999, "medium"),  # 营业收入40000万元以下 makes it an SME; ≥300人, ≥2000万元 → 中型
    ],
)
def test_industry_bounds(employees, revenue, expected):
    assert one("C3484", employees, revenue) == expected


def test_software_industry_uses_its_own_bounds():
    # 四（十二）软件和信息技术服务业: 中型 = 100人及以上 且 1000万元及以上
    assert industry_category("I6511") == "software"
    assert one("I6511", 100, 1000) == "medium"
    assert one("6511", 99, 1000) == "small"  # digits only: division 65 is in section I


def test_missing_data_stays_undecided():
    # 1500 people is not "1000人以下"; with revenue unknown it may still be under 40000万元
    assert one("C3484", 1500, np.nan) is None
    assert one(None, 100, 1000) is None
