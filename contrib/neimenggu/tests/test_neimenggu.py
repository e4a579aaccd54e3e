"""What the 内蒙古 case files cannot state: the per-盟市 quotas, origins of restated
conditions, money, series and routing.

Each expectation is derived in a comment from the clause it tests.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import attrs
import pytest

import srdi
from srdi.batch.select import select
from srdi.profile.credit_code import check_character

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

KLG = "neimenggu.key-little-giant-2021-batch-1"
PF = ["neimenggu.platform-2021-batch-1", "neimenggu.platform-2021-batch-2"]
ON = {PF[0]: dt.date(2021, 3, 5), PF[1]: dt.date(2021, 7, 6)}


def platforms(example, *regions: str):
    """The example platform, once per region code, each with its own name and credit code."""
    base = example("platform-2021")
    out = []
    for i, region in enumerate(regions, 1):
        first17 = f"52{region}MA0Q2R{i:03d}"
        facts = base.facts | {"name": f"平台{i}（{region}）", "credit_code": first17 + check_character(first17)}
        out.append(attrs.evolve(base, facts=facts))
    return out


def selected(catalog, pool, pid):
    return select(catalog, catalog.frame(pool), pid, ON[pid]).frame["selected"].tolist()


# ------------------------------------------------------------------ one platform per 盟市
@pytest.mark.parametrize("pid", PF)
def test_one_platform_per_league(catalog, example, pid):
    # 56号 四（一） "每个盟市申报示范平台不超过1个"; 228号 四（一） "每个盟市申报数量不超过1家":
    # two platforms of 呼和浩特市 (150100, 150102 新城区) → the first only; one of 包头市 → taken
    pool = platforms(example, "150100", "150102", "150200")
    assert selected(catalog, pool, pid) == [True, False, True]


@pytest.mark.parametrize("pid", PF)
def test_three_per_batch_still_bind(catalog, example, pid):
    # the national "每省份每批次自主确定不超过3个平台" is inherited beside the per-盟市 quota:
    # four platforms of four 盟市 → the first three
    prog = catalog.program(pid)
    assert {q.id for q in prog.quotas} == {"per-province", "per-league"}
    pool = platforms(example, "150100", "150200", "150300", "150400")
    assert selected(catalog, pool, pid) == [True, True, True, False]


def test_manzhouli_counts_within_hulunbuir_in_the_first_batch(catalog, example):
    # 56号 is addressed to "各盟市" only: 满洲里市 (150781) is in 呼伦贝尔市 (150700), so a
    # platform of each shares one place
    pool = platforms(example, "150702", "150781")
    assert selected(catalog, pool, PF[0]) == [True, False]


def test_manzhouli_and_erenhot_count_on_their_own_in_the_second_batch(catalog, example):
    # 228号 is addressed to "各盟市工业和信息化局，满洲里市、二连浩特市工业和信息化局": 满洲里市
    # (150781) beside 呼伦贝尔市 (海拉尔区 150702), 二连浩特市 (152501) beside 锡林郭勒盟
    # (锡林浩特市 152502) → four units, but the national three per batch cuts the fourth
    pool = platforms(example, "150702", "150781", "152502")
    assert selected(catalog, pool, PF[1]) == [True, True, True]
    pool = platforms(example, "150781", "150781")
    assert selected(catalog, pool, PF[1]) == [True, False]


# ------------------------------------------------------------------ origins
def test_restated_conditions_cite_neimenggu(catalog):
    # 56号 names the base condition and the first batch's 成长性 in its own words; the
    # other key little giant conditions are the national text word for word
    prog = catalog.program(KLG)
    assert prog.params["little_giant_valid"].origin.notice == "内工信中小字〔2021〕56号"
    assert prog.params["growth_required"].origin.notice == "内工信中小字〔2021〕56号"
    assert prog.params["growth_required"].value == 0
    assert prog.criteria["rd-ratio"].origin.notice == "财建〔2021〕2号"
    # both platform calls ask for a recognition in force ("有效期内")
    for pid, notice in zip(PF, ["内工信中小字〔2021〕56号", "内工信中小字〔2021〕228号"]):
        crit = catalog.program(pid).criteria["recognised-platform"]
        assert crit.origin.notice == notice
        assert crit.args["valid"] == "on_date"
    # 228号 replaces the national list of services by its own nine
    assert "services" not in catalog.program(PF[1]).criteria
    assert catalog.program(PF[1]).params["functions_min"].value == 9


def test_platform_batches_are_rounds_in_order(catalog):
    rounds = catalog.series["neimenggu.platform"].rounds
    assert [r.program.id for r in rounds] == PF
    assert [r.follows for r in rounds] == [None, PF[0]]


# ------------------------------------------------------------------ money
@pytest.mark.parametrize("pid", [KLG, *PF])
def test_money_is_not_stated(catalog, pid):
    # neither notice states an amount: the national rule is inherited, its amount "另行明确"
    assert catalog.fund(pid).total is None


# ------------------------------------------------------------------ routing
@pytest.mark.parametrize(("name", "city"), [("key-little-giant-2021", "150200"), ("platform-2021", "150100")])
def test_credit_code_routes_to_neimenggu(name, city):
    path = Path(__file__).parent.parent / "examples" / f"{name}.toml"
    code = tomllib.loads(path.read_text(encoding="utf-8"))["enterprise"]["credit_code"]
    assert code[2:8] == city
    cat = srdi.for_credit_code(code)
    assert cat.claims == {"150000": "neimenggu"}
    assert [r.code for r in cat.regions.chain(code[2:8])] == [city, "150000", "000000"]
