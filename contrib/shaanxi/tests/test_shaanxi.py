"""What the Shaanxi case files cannot state: windows, layers, quotas, money, routing.

Each expectation is derived in a comment from the clause it tests.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import srdi
from srdi.engine.outcomes import CODE_TO_OUTCOME
from srdi.profile import Recognition
from srdi.testing.timeline import assert_window

POOL = "shaanxi.listing-pool-2021"
AWARDS = "shaanxi.listing-awards"
KLG1 = "shaanxi.key-little-giant-2021-batch-1"
KLG2 = "shaanxi.key-little-giant-2021-batch-2"
PF1 = "shaanxi.platform-2021-batch-1"
PF2 = "shaanxi.platform-2021-batch-2"
CAPACITY = "shaanxi.hidden-champion-capacity-2021"
PRODUCT = "shaanxi.hidden-champion-product-2021"
CHAIN = "shaanxi.hidden-champion-chain-2021"


# ------------------------------------------------------------------ application windows
@pytest.mark.parametrize(
    ("programs", "first", "last"),
    [
        # 53号 dated 2021-02-23; 四（一） "于 2021 年 3 月 10 日前…进行申报"
        ((POOL,), dt.date(2021, 2, 23), dt.date(2021, 3, 10)),
        # the undated key little giant call, assumed 2021-02-23; 三（三） first batch
        # "务必在 2021年 3月 15日前报送", second batch "于 2021年 6月 15日前报送"
        ((KLG1, PF1), dt.date(2021, 2, 23), dt.date(2021, 3, 15)),
        ((KLG2, PF2), dt.date(2021, 2, 23), dt.date(2021, 6, 15)),
        # 149号 dated 2021-05-13; 六（二） "于 2021年 6月 25 日前…上报"
        ((CAPACITY, PRODUCT, CHAIN), dt.date(2021, 5, 13), dt.date(2021, 6, 25)),
    ],
)
def test_windows(catalog, programs, first, last):
    for pid in programs:
        assert_window(catalog, pid, last, first=first)


def test_listing_awards_are_a_standing_measure(catalog):
    # 三（三）4 names no window: the awards are not an application round; the notice prints
    # no start or end, so they are in force from its date (落款 "2021年 2月 23日"), with no end
    assert catalog.program(AWARDS).kind == "measure"
    (period,) = catalog.deadlines(AWARDS)
    assert (period.start, period.date, period.kind, period.application) == (
        dt.date(2021, 2, 23),
        None,
        "in_force",
        False,
    )
    assert not catalog.is_open(AWARDS, dt.date(2021, 2, 23))


def test_key_little_giant_call_has_no_printed_date(catalog):
    notice = catalog.program(KLG1).notice.spec.notice
    assert not notice.date_printed
    assert catalog.program(KLG1).doc_number.endswith("（未注明日期）")


# ------------------------------------------------------------------ layers
def test_key_little_giants_inherit_the_national_conditions(catalog):
    # the notice prints no conditions of its own beyond the 推荐范围 (一（一）)
    call = catalog.program(KLG1).doc_number
    for pid in (KLG1, KLG2):
        prog = catalog.program(pid)
        for cid in ("not-listed", "main-business-share", "rd-ratio", "management"):
            assert prog.criteria[cid].origin.notice == "财建〔2021〕2号", (pid, cid)
        assert prog.params["little_giant_valid"].origin.notice == call
        assert prog.params["recommending_regions"].value == ["610000"]
    assert catalog.program(KLG1).params["growth_required"].value == 0
    assert catalog.program(KLG2).params["growth_required"].value == 1
    assert catalog.program(KLG2).params["growth_required"].origin.clause == "三（三）"


@pytest.mark.parametrize("pid", [PF1, PF2])
def test_platforms_keep_the_national_quota_per_batch(catalog, pid):
    # The call states no number of platforms: 财建〔2021〕2号's "每省份每批次自主确定不超过 3个平台"
    prog = catalog.program(pid)
    assert [(q.id, q.max, q.scope) for q in prog.quotas] == [("per-province", 3, "province")]
    assert prog.quota_origins["per-province"].notice == "财建〔2021〕2号"


def test_hidden_champion_projects_share_one_base(catalog):
    assert catalog.program("shaanxi.hidden-champion-2021").abstract
    for pid in (CAPACITY, PRODUCT, CHAIN):
        prog = catalog.program(pid)
        assert prog.extends == "shaanxi.hidden-champion-2021"
        assert prog.criteria["not-funded-before"].origin.clause == "四（三）"


# ------------------------------------------------------------------ money
def test_listing_award_for_a_main_board_listing_is_not_printed(catalog, example):
    # 三（三）4 "对成功上市主板、创业板、科创板的…按照《陕西省金融发展专项资金管理办法》…申请
    # 奖补支持": eligible, but the amount is 陕财办金〔2020〕32号's, not printed → unknown, not 0.
    base = example("listing-pool-2021")
    p = attrs.evolve(
        base,
        facts=base.facts | {"listing_board": "sse_star"},
        recognitions=(*base.recognitions, Recognition("shaanxi.listing_pool", 2021)),
    )
    assert catalog.evaluate(p, AWARDS, dt.date(2022, 1, 10)).verdict.value == "eligible"
    res = catalog.fund(AWARDS, p)
    assert res.total is None
    amounts = {c.id: c.amount for c in res.components}
    assert amounts["neeq"] == 0 and amounts["select-tier"] == 0 and amounts["exchange-listing"] is None


@pytest.mark.parametrize("pid", [CAPACITY, PRODUCT, CHAIN])
def test_hidden_champion_awards_are_capped_at_300(catalog, pid):
    # 三 "…一定比例给予奖补，创新产品开发项目给予定额奖补，最高不超过 300万元": the rate and the
    # fixed sum are not printed (unknown), the cap is (300 for every kind of project).
    res = catalog.fund(pid)
    assert res.total is None
    assert res.cap == 300
    assert res.basis == "per_project"


# ------------------------------------------------------------------ routing
@pytest.mark.parametrize(
    "credit_code",
    ["91610100MA6U8W2L4P", "91610300MA6X4R7B2F", "91610400MA6Y2T5H1N"],  # 西安, 宝鸡, 咸阳
)
def test_credit_code_routes_to_shaanxi(credit_code):
    cat = srdi.for_credit_code(credit_code)
    assert cat.claims == {"610000": "shaanxi"}
    assert {KLG1, POOL, CHAIN} <= {p.id for p in cat.programs()}


def test_check_offers_the_open_programs(example):
    # On 2021-03-01 the 入库 window (to 03-10) and both key little giant batches are open;
    # the hidden-champion call (from 05-13) is not.
    cat = srdi.for_credit_code("91610300MA6X4R7B2F")
    checked = {r.program: r.verdict.value for r in cat.check(example("key-little-giant-2021"), dt.date(2021, 3, 1))}
    assert checked[KLG1] == "eligible"
    assert {POOL, KLG2, PF1, PF2} <= set(checked)
    assert CHAIN not in checked


@pytest.mark.parametrize(
    ("recognition", "expected"),
    [
        # 二、1 "2019年以来认定的…省级“专精特新”中小企业": 2019 is the first year it takes, 2018 is
        # before it; a title whose year of grant is not given (only its end) cannot be placed
        (Recognition("province.srdi_sme", 2019), "met"),
        (Recognition("province.srdi_sme", 2018), "not_met"),
        (Recognition("province.srdi_sme", None, dt.date(2018, 12, 31)), "not_met"),
        (Recognition("province.srdi_sme", None, dt.date(2019, 1, 1)), "met"),
        (Recognition("province.srdi_sme", None, None, dt.date(2024, 1, 1)), "unknown"),
    ],
)
def test_titles_granted_since_2019(catalog, example, recognition, expected):
    profile = attrs.evolve(example("listing-pool-2021"), recognitions=(recognition,))
    on = dt.date(2021, 3, 1)
    one = catalog.evaluate(profile, POOL, on).criterion("provincial-srdi").outcome.value
    run = catalog.run(POOL, catalog.frame([profile]), on)
    assert one == expected
    assert CODE_TO_OUTCOME[int(run.codes["provincial-srdi"][0])].value == expected
