"""What the Heilongjiang case files cannot state: windows, origins, quotas, money, routing.

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
from srdi.testing.timeline import assert_window

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SME = "heilongjiang.srdi-sme-2021"
KLG1 = "heilongjiang.key-little-giant-2021-batch-1"
KLG2 = "heilongjiang.key-little-giant-2021-batch-2"
PF1 = "heilongjiang.platform-2021-batch-1"
PF2 = "heilongjiang.platform-2021-batch-2"


# ------------------------------------------------------------------ application windows
def test_srdi_sme_window_reads_the_signature_as_2021(catalog):
    # Signature printed "2020 年 3月 15日", read as 2021-03-15 (the notice opens the 2021
    # round and sets "2021年 3月 30日前"): open 2021-03-15 … 03-30, not a year earlier.
    assert not catalog.is_open(SME, dt.date(2020, 3, 16))
    assert_window(catalog, SME, dt.date(2021, 3, 30), first=dt.date(2021, 3, 15))
    notice = catalog.program(SME).notice.spec.notice
    assert "2020年3月15日" in (notice.identified_by or "")  # the printed date stays on record


@pytest.mark.parametrize(
    ("programs", "issued", "last"),
    [
        # 28号 dated 2021-03-04; 四（二） "申报资料于 2021年 3月 10日前报送"
        ((KLG1, PF1), dt.date(2021, 3, 4), dt.date(2021, 3, 10)),
        # 501号 dated 2021-07-05; 四 "申报资料于 2021年 7月 9日前报送"
        ((KLG2, PF2), dt.date(2021, 7, 5), dt.date(2021, 7, 9)),
    ],
)
def test_key_little_giant_and_platform_windows(catalog, programs, issued, last):
    for pid in programs:
        assert_window(catalog, pid, last, first=issued)


def test_the_national_programs_have_no_window_of_their_own(catalog, example):
    # The national programs are offered through the province's call: on 2021-03-05 a
    # check offers Heilongjiang's first-batch programs, not the national ones.
    checked = {r.program for r in catalog.check(example("key-little-giant-2021"), dt.date(2021, 3, 5))}
    assert {KLG1, PF1} <= checked
    assert "national.key-little-giant-2021" not in checked
    assert KLG2 not in checked  # the second call opens on 2021-07-05


# ------------------------------------------------------------------ origins
def test_inherited_conditions_cite_the_national_notice(catalog):
    # 一（二）1 "详见国家《通知》…所列相关条件": the conditions are 财建〔2021〕2号's; what the
    # province words its own way or adds is the province's.
    for pid, notice in ((KLG1, "黑工信企业联发〔2021〕28号"), (KLG2, "黑工信企业联函〔2021〕501号")):
        prog = catalog.program(pid)
        assert prog.extends == "national.key-little-giant-2021"
        for cid in ("not-listed", "main-business-share", "rd-ratio", "management"):
            assert prog.criteria[cid].origin.notice == "财建〔2021〕2号", (pid, cid)
        assert prog.params["rd_years"].origin.notice == "财建〔2021〕2号"
        assert prog.params["little_giant_valid"].origin.notice == notice  # re-cited
        assert prog.criteria["in-heilongjiang"].origin.notice == notice
        assert prog.criteria["in-heilongjiang"].origin.plugin.startswith("srdi-heilongjiang@")


def test_second_batch_asks_for_growth(catalog):
    # The national template waives growth for the first batch only.
    assert catalog.program(KLG1).params["growth_required"].value == 0
    p2 = catalog.program(KLG2).params["growth_required"]
    assert (p2.value, p2.origin.notice, p2.origin.clause) == (1, "黑工信企业联函〔2021〕501号", "一（二）1")


# ------------------------------------------------------------------ quotas
@pytest.mark.parametrize(("pid", "notice"), [(PF1, "黑工信企业联发〔2021〕28号"), (PF2, "黑工信企业联函〔2021〕501号")])
def test_at_most_three_platforms(catalog, example, pid, notice):
    # 28号 一（一）2 "我省第一批确定不超过 3个平台"; 501号 一（一）2 "我省第二批推荐名额不超过 3个".
    # The province's quota replaces the national "每省份每批次…不超过 3个" in place (same id):
    # four eligible platforms → the first three (input order: no selection rule) are chosen.
    prog = catalog.program(pid)
    assert [(q.id, q.max, q.scope) for q in prog.quotas] == [("per-province", 3, "province")]
    assert prog.quota_origins["per-province"].notice == notice
    base = example("platform-2021")
    pool = [attrs.evolve(base, facts=base.facts | {"name": f"平台{i}"}) for i in range(1, 5)]
    on = dt.date(2021, 3, 5) if pid == PF1 else dt.date(2021, 7, 6)
    out = select(catalog, catalog.frame(pool), pid, on).frame
    assert out["verdict"].tolist() == ["eligible"] * 4
    assert out["selected"].tolist() == [True, True, True, False]
    assert out["cut_by"].tolist()[3] == "per-province"
    assert notice in out["reason"].tolist()[3]


def test_srdi_sme_round_has_no_quota(catalog):
    # 三（一） "此次推荐工作不受名额限制"
    assert catalog.program(SME).quotas == ()


# ------------------------------------------------------------------ money
@pytest.mark.parametrize("pid", [KLG1, KLG2])
def test_money_is_the_national_rule(catalog, pid):
    # Neither call states an amount; 财建〔2021〕2号 states none per enterprise either
    # ("另行明确"): the total is unknown, never 0, paid in the national three tranches.
    res = catalog.fund(pid)
    assert res.total is None
    assert [p.offset_years for p in res.payments] == [0, 1, 2]


# ------------------------------------------------------------------ routing
@pytest.mark.parametrize("example_name", ["srdi-sme-2021-candidate", "key-little-giant-2021", "platform-2021"])
def test_credit_code_routes_to_heilongjiang(example_name):
    # characters 3–8 of the credit code give the registering authority's region
    # (230100 哈尔滨市, 230600 大庆市); it falls back to 黑龙江省 (230000), then the nation
    # (the plugin names no cities: no notice of the section sets a per-city rule)
    path = Path(__file__).parent.parent / "examples" / f"{example_name}.toml"
    code = tomllib.loads(path.read_text(encoding="utf-8"))["enterprise"]["credit_code"]
    cat = srdi.for_credit_code(code)
    assert cat.claims == {"230000": "heilongjiang"}
    assert [r.code for r in cat.regions.chain(code[2:8])] == ["230000", "000000"]
    offered = {p.id for p in cat.programs()}
    assert {SME, KLG1, KLG2, PF1, PF2} <= offered
    assert "national.key-little-giant-2021" in offered
