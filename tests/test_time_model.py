"""In force versus open, series of rounds and answers for a day, across every shipped plugin.

No test here reads the machine's date: "today" is injected.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import srdi
from srdi.cli import common
from srdi.cli.main import main
from srdi.inforce import in_force_period, is_standing

ROOT = Path(__file__).parent.parent
ELIGIBLE = ROOT / "plugins" / "liaoning" / "examples" / "little-giant-eligible.toml"
TODAY = dt.date(2026, 12, 3)

pytestmark = pytest.mark.skipif(not ELIGIBLE.exists(), reason="needs the shipped plugins")


@pytest.fixture(scope="module")
def catalog():
    return srdi.load()


BEIJING_MEASURES = "北京市促进中小企业发展工作领导小组办公室《关于印发《北京市关于促进“专精特新”中小企业高质量发展的若干措施》的通知》（2021-12-22）"
HEBEI_MEASURES = "河北省民营经济领导小组《关于印发《河北省促进中小企业“专精特新”发展若干措施》的通知》（2021-12-15）"
HEBEI_LIST = "河北省民营经济领导小组办公室《关于印发为“专精特新”中小企业办实事清单的通知》（2021-12-16）"
ANHUI_MATTERS = "安徽省发展民营经济领导小组办公室《关于印发《为“专精特新”中小企业办实事具体事项》的通知》（2021-12-20）"
GUANGXI_DRIVE = "广西壮族自治区工业和信息化厅《关于启动百家服务机构服务“专精特新”中小企业活动的通知》（2021-06-30）"
XIAMEN_SERVICE_PLAN = (
    "厦门市工业和信息化局《关于发布《2021年厦门市支持“专精特新”中小企业高质量发展服务方案》的通知》（2021-11-05）"
)
# Every standing measure: (first day, last day or None = until replaced, notice, clause), from the texts:
# - 工信部企业〔2021〕170号 prints no day of effect or end: from its date, 2021-11-06;
# - 北京 若干措施 末段 "自印发之日起施行" (印发 2021-12-22), no end;
# - 河北 若干措施 (2021-12-15) and 办实事清单 (2021-12-16) print neither: from their dates;
# - 津财规〔2021〕8号 第十二条 "自印发之日起施行，有效期至2025年12月31日" (印发 2021-08-10);
# - 广西 百家服务机构活动 prints no day of effect or end: from its date, 2021-06-30;
# - 琼工信规〔2021〕1号 七（五） "本方案自2021年7月1日起实施" (the pool's removal rule), no end.
STANDING = {
    **{
        pid: (dt.date(2021, 11, 6), None, "工信部企业〔2021〕170号", "印发通知")
        for pid in ("national.measure-testing-fee-half", "national.measure-project-points")
    },
    **{
        f"beijing.measure-{name}-2021": (dt.date(2021, 12, 22), None, BEIJING_MEASURES, "若干措施 末段")
        for name in (
            "belt-road",
            "chain-challenge",
            "frontier-rd",
            "intl-registration",
            "leasing",
            "listing",
            "neeq",
            "old-factory",
            "pilot-platform",
            "platform-reward",
            "relocation",
            "smart-green-upgrade",
            "talent-hukou",
            "trade-fairs",
        )
    },
    **{
        f"hebei.{name}": (dt.date(2021, 12, 15), None, HEBEI_MEASURES, "印发通知")
        for name in (
            "brand-awards",
            "digital-transformation-support",
            "mfg-innovation-centre-award",
            "platform-upgrade-award",
            "quality-awards",
            "smart-manufacturing-benchmark-award",
            "standards-revision-award",
        )
    },
    **{
        f"hebei.{name}": (dt.date(2021, 12, 16), None, HEBEI_LIST, "印发通知")
        for name in (
            "bond-issue-subsidy",
            "hbex-convertible-subsidy",
            "listing-subsidy",
            "loan-interest-subsidy",
            "reguarantee-compensation",
        )
    },
    **{
        pid: (dt.date(2021, 8, 10), dt.date(2025, 12, 31), "津财规〔2021〕8号", "第十二条")
        for pid in ("tianjin.key-little-giant-awards-2021", "tianjin.platform-cost-subsidy-2021")
    },
    # 吉林省“专精特新”中小企业培育计划（2021—2025） prints no start or end for 三（三）: from its date
    **{
        f"jilin.{name}": (
            dt.date(2021, 6, 10),
            None,
            "吉林省工业和信息化厅《关于印发《吉林省“专精特新”中小企业培育计划（2021-2025）》的通知》（2021-06-10）",
            "印发通知",
        )
        for name in (
            "provincial-funding-2021",
            "local-support-2021",
            "trade-fair-support-2021",
            "training-support-2021",
            "pool-services-2021",
        )
    },
    # 津工信中小企服〔2021〕1号's 方案 prints no start or end: in force from its date
    **{
        pid: (dt.date(2021, 1, 20), None, "津工信中小企服〔2021〕1号", "印发通知")
        for pid in ("tianjin.seed-priority-2021", "tianjin.seed-district-support-2021", "tianjin.pool-services-2021")
    },
    # 湖南 线上服务 prints neither 文号 nor date: read as 2021-12-01 (its annex is filed under
    # "202112"), no end; 粤工信便函〔2021〕572号's 方案 prints no start or end: from its date.
    "hunan.online-services-2021": (
        dt.date(2021, 12, 1),
        None,
        "湖南省工业和信息化厅《关于深入开展“专精特新”中小企业线上服务有关工作的通知》（未注明日期）",
        "序言",
    ),
    "guangdong.listing-services-2021": (dt.date(2021, 2, 26), None, "粤工信便函〔2021〕572号", "印发通知"),
    "guangxi.service-drive-2021": (dt.date(2021, 6, 30), None, GUANGXI_DRIVE, "落款"),
    "hainan.pool-retention": (dt.date(2021, 7, 1), None, "琼工信规〔2021〕1号", "七（五）"),
    # 安徽 办实事具体事项 prints no day of effect or end: from its date, 2021-12-20; its (二)
    # awards are money of 2021 ("2021年底前"): to 2021-12-31
    **{
        f"anhui.measure-{name}": (dt.date(2021, 12, 20), None, ANHUI_MATTERS, "落款")
        for name in (
            "guarantee-fee-subsidy",
            "little-giant-project-priority",
            "talent",
            "trade-fairs",
            "cctv-promotion",
            "export-credit-info",
            "service-commissioner",
        )
    },
    **{
        f"anhui.measure-award-{name}-2021": (dt.date(2021, 12, 20), dt.date(2021, 12, 31), ANHUI_MATTERS, "（二）")
        for name in ("little-giant", "srdi")
    },
    # 黔工信中小〔2021〕37号 prints no day of effect or end: from its date, 2021-05-06
    **{
        pid: (dt.date(2021, 5, 6), None, "黔工信中小〔2021〕37号", "印发通知")
        for pid in ("guizhou.national-little-giant-award", "guizhou.fund-priority")
    },
    # 陕工信发〔2021〕53号 三（三）4's listing awards: no start or end printed; from its date, 2021-02-23
    "shaanxi.listing-awards": (dt.date(2021, 2, 23), None, "陕工信发〔2021〕53号", "落款"),
    "yunnan.scale-up-pool": (dt.date(2021, 11, 12), None, "云工信运行〔2021〕302号", "落款"),
    # 鲁工信创〔2021〕36号 prints no day of effect (its date line); 鲁工信融〔2021〕225号 and 226号
    # "本文件有效期自2021年10月22日起，至2022年10月10日止"
    "shandong.growth-support": (dt.date(2021, 3, 4), None, "鲁工信创〔2021〕36号", "落款"),
    # 鲁工信服〔2021〕176号 prints no day of effect or end: from its date, 2021-08-12
    **{
        f"shandong.platform-targets-{name}": (dt.date(2021, 8, 12), None, "鲁工信服〔2021〕176号", "落款")
        for name in ("demonstration-year-1", "demonstration-year-2", "service-system")
    },
    # 鲁工信发〔2021〕5号 prints no day of effect or end: from its date, 2021-10-22
    "shandong.quality-enterprise-support": (dt.date(2021, 10, 22), None, "鲁工信发〔2021〕5号", "落款"),
    "shandong.equity-investment": (
        dt.date(2021, 10, 22),
        dt.date(2022, 10, 10),
        "鲁工信融〔2021〕225号",
        "通知；第十四条",
    ),
    "shandong.loan-risk-compensation": (
        dt.date(2021, 10, 22),
        dt.date(2022, 10, 10),
        "鲁工信融〔2021〕226号",
        "通知；第二十条",
    ),
    # 厦门 2021 服务方案 二（一） "通过免申即享的方式…先行兑现奖补资金", from its date
    **{
        pid: (dt.date(2021, 11, 5), None, XIAMEN_SERVICE_PLAN, "二（一）")
        for pid in ("xiamen.key-little-giant-grant-2021", "xiamen.platform-grant-2021")
    },
}


def test_each_standing_measure_with_its_in_force_dates_and_clause(catalog):
    found = {
        p.id: (*in_force_period(p, catalog.replaced), p.in_force_origin.notice, p.in_force_origin.clause)
        for p in catalog.programs()
        if is_standing(p)
    }
    assert found == STANDING


def test_rules_in_force_whose_applications_come_in_separate_rounds(catalog):
    # 河北 指南 第二十条 "本工作指南自印发之日起执行" (2021-03-01); 沪科规〔2021〕12号 第十八条
    # "本办法自2021年9月1日起施行，有效期至2026年8月31日", applications by the 每年度 calls of 第十条;
    # 琼工信规〔2021〕1号 七（五） "本方案自2021年7月1日起实施", applications by the calls of 三 ("每年组织遴选");
    # 赣工信企业字〔2020〕400号 第十八条 "自公布之日起实施" (2020-12-31), calls by 第十条 ("每年集中组织申报认定一次")
    rules = {
        p.id: in_force_period(p, catalog.replaced)
        for p in catalog.programs()
        if p.in_force and p.in_force.applications == "rounds"
    }
    assert rules == {
        "hebei.pool": (dt.date(2021, 3, 1), None),
        "hebei.srdi-sme": (dt.date(2021, 3, 1), None),
        "hebei.demonstration": (dt.date(2021, 3, 1), None),
        "shanghai.tech-giant-2021": (dt.date(2021, 9, 1), dt.date(2026, 8, 31)),
        "shanghai.tech-giant-cultivation-2021": (dt.date(2021, 9, 1), dt.date(2026, 8, 31)),
        "hainan.srdi-sme": (dt.date(2021, 7, 1), None),
        # 川经信企业〔2021〕143号 第十八条 "本办法自2021年5月7日起施行。有效期5年。", rounds by the
        # yearly calls of 第三条 ("认定工作每年组织一次")
        "sichuan.srdi-sme": (dt.date(2021, 5, 7), dt.date(2026, 5, 6)),
        "jiangxi.little-giant": (dt.date(2020, 12, 31), None),
        "guizhou.little-giant": (dt.date(2021, 5, 6), None),
        "hubei.cultivation-pool": (dt.date(2021, 9, 18), None),
        # 兵工信企业〔2021〕36号 第十七条 "本办法自发布之日起实施" (2021-10-19), rounds by 第六条
        # ("每年认定一次，具体申报工作按照当年通知要求进行")
        "bingtuan.srdi-sme": (dt.date(2021, 10, 19), None),
        # 宁夏《自治区“专精特新”企业培育认定管理办法》第二十二条 "本办法自发布之日起施行，有效期至
        # 2023年12月31日" (2021-03-17), three tiers called yearly (第九条 "每年组织一次")
        "ningxia.srdi-sme": (dt.date(2021, 3, 17), dt.date(2023, 12, 31)),
        "ningxia.srdi-demo": (dt.date(2021, 3, 17), dt.date(2023, 12, 31)),
        "ningxia.little-giant": (dt.date(2021, 3, 17), dt.date(2023, 12, 31)),
        # 厦工信规〔2021〕1号 第十八条 "本办法自2021年9月15日起施行，有效期3年", rounds by the yearly
        # calls of 第四条 ("在年度申报通知中明确")
        "xiamen.srdi-sme": (dt.date(2021, 9, 15), dt.date(2024, 9, 14)),
        # 厦门《成长型中小企业认定管理暂行办法》第十九条 "本办法自2022年1月1日起施行，有效期两年",
        # yearly rounds (第九条 "每年推荐数量不超过400家")
        "xiamen.growth-sme": (dt.date(2022, 1, 1), dt.date(2023, 12, 31)),
    }


def test_no_program_is_open_outside_a_window_or_in_force_period_its_notice_states(catalog):
    # for every program: a standing measure has no window; a window lies within the in-force
    # period where one is stated; and the program is open on each window's first and last day
    # and closed on the day before and the day after (unless another of its windows covers it)
    years = list(range(2019, 2028))
    checked = 0
    for p in catalog.programs():
        windows = catalog.windows(p, years)
        if is_standing(p):
            assert windows == [], p.id
            continue
        if p.in_force is not None:
            lo, hi = in_force_period(p, catalog.replaced)
            assert all(lo <= a and (hi is None or b <= hi) for a, b in windows), p.id

        def covered(day, windows=windows):
            return any(a <= day <= b for a, b in windows)

        for a, b in windows:
            assert catalog.is_open(p, a) and catalog.is_open(p, b), (p.id, a, b)
            for outside in (a - dt.timedelta(days=1), b + dt.timedelta(days=1)):
                if not covered(outside):
                    assert not catalog.is_open(p, outside), (p.id, outside)
            checked += 1
    assert checked >= 40  # windows of every plugin were looked at


def test_the_three_inconsistencies_are_gone(catalog):
    # Beijing's 若干措施 were open every day after 2021-12-22; Hebei's measures were never in force;
    # Shanghai's 科技小巨人 was "open" 2021-09-01 to 2026-08-31 though 第十条 calls applications 每年度
    assert not catalog.is_open("beijing.measure-listing-2021", dt.date(2023, 6, 1))
    assert catalog.program("hebei.listing-subsidy").in_force.start == dt.date(2021, 12, 16)
    assert not catalog.is_open("shanghai.tech-giant-2021", dt.date(2023, 10, 1))
    assert catalog.program("shanghai.tech-giant-2021").cadence.every == "year"


SERIES = {
    "national.little-giant": ["national.little-giant-3rd-batch"],
    "national.key-little-giant": ["national.key-little-giant-2021", "national.key-little-giant-2024"],
    "liaoning.srdi-product": ["liaoning.srdi-product-2021", "liaoning.srdi-product-2022"],
    "liaoning.srdi-sme": ["liaoning.srdi-sme-2021", "liaoning.srdi-sme-2022"],
    "liaoning.little-giant": ["liaoning.little-giant-2021", "liaoning.little-giant-2022"],
    "liaoning.key-little-giant": ["liaoning.key-little-giant-2021", "liaoning.key-little-giant-2024"],
    "beijing.srdi-sme": ["beijing.srdi-sme-2021"],
    "beijing.little-giant": ["beijing.little-giant-2021", "beijing.little-giant-2021-second-batch"],
    "hebei.pool": ["hebei.pool-2021", "hebei.pool-open-2021"],
    "hebei.demonstration": ["hebei.demonstration-3rd-batch", "hebei.demonstration-4th-batch"],
    "hebei.backbone": ["hebei.backbone-2021"],
    "shanghai.srdi-enterprise": ["shanghai.srdi-enterprise-2021"],
    "shanghai.key-little-giant": ["shanghai.key-little-giant-2021"],
    "shanghai.tech-giant": ["shanghai.tech-giant-2021"],
    "shanghai.tech-giant-cultivation": ["shanghai.tech-giant-cultivation-2021"],
    "tianjin.srdi-sme": ["tianjin.srdi-sme-2021"],
    "tianjin.seed": ["tianjin.seed-2021-batch-1", "tianjin.seed-2021-batch-2"],
    "tianjin.key-little-giant": ["tianjin.key-little-giant-2021-batch-1", "tianjin.key-little-giant-2021-batch-2"],
    "tianjin.platform": ["tianjin.platform-2021-batch-1", "tianjin.platform-2021-batch-2"],
    "jilin.srdi-sme": ["jilin.srdi-sme-2021"],
    "jilin.key-little-giant": ["jilin.key-little-giant-2021-batch-1", "jilin.key-little-giant-2021-batch-2"],
    "jilin.platform": ["jilin.platform-2021-batch-1", "jilin.platform-2021-batch-2"],
    "hunan.little-giant": ["hunan.little-giant-2021"],
    "hunan.key-little-giant": ["hunan.key-little-giant-2021-batch-1", "hunan.key-little-giant-2021-batch-2"],
    "hunan.platform": ["hunan.platform-2021-batch-1", "hunan.platform-2021-batch-2"],
    "guangdong.srdi-sme": ["guangdong.srdi-sme-2021"],
    "guangdong.new-product": ["guangdong.new-product-2021-batch-1"],
    **{
        f"guangdong.{kind}": [f"guangdong.{kind}-2021-batch-{n}" for n in (1, 2, 3)]
        for kind in ("key-little-giant", "platform")
    },
    "shenzhen.srdi-sme": ["shenzhen.srdi-sme-2021"],
    **{
        f"shenzhen.{name}": [f"shenzhen.{name}-2022"]
        for name in (
            "listing-award-ipo-domestic",
            "listing-award-ipo-overseas",
            "listing-award-neeq",
            "listing-award-neeq-innovation",
            "listing-award-relocation",
            "guarantee-fee-subsidy",
        )
    },
    # 桂工信企业〔2021〕63号 三（三）, 琼工信企业〔2021〕33号 then 137号, 渝经信中小〔2021〕1号 then
    # 渝经信发〔2021〕44号: batches of one call or of successive calls, in order
    "guangxi.srdi-sme": ["guangxi.srdi-sme-2021"],
    "guangxi.key-little-giant": [f"guangxi.key-little-giant-2021-batch-{n}" for n in (1, 2, 3)],
    "guangxi.platform": [f"guangxi.platform-2021-batch-{n}" for n in (1, 2, 3)],
    "guangxi.tech-innovation-demo": ["guangxi.tech-innovation-demo-2021"],
    "guangxi.industry-revitalisation-srdi-project": ["guangxi.industry-revitalisation-srdi-project-2021"],
    "hainan.srdi-sme": ["hainan.srdi-sme-2021"],
    "hainan.key-little-giant": ["hainan.key-little-giant-2021-batch-1", "hainan.key-little-giant-2021-batch-2"],
    "hainan.platform": ["hainan.platform-2021-batch-1", "hainan.platform-2021-batch-2"],
    "chongqing.key-little-giant": [
        "chongqing.key-little-giant-2021-batch-1",
        "chongqing.key-little-giant-2021-batch-2",
    ],
    "chongqing.platform": ["chongqing.platform-2021-batch-1", "chongqing.platform-2021-batch-2"],
    "anhui.srdi-sme": ["anhui.srdi-sme-2021"],
    "anhui.srdi-champion": ["anhui.srdi-champion-2021"],
    "anhui.srdi-board-listing": ["anhui.srdi-board-listing-batch-5"],
    "anhui.fund-investment-pool": ["anhui.fund-investment-pool-2021-batch-1"],
    # 赣工信企业函〔2021〕56号 is the 2021 call of 赣工信企业字〔2020〕400号's yearly 认定; the
    # 2021-02-24 call then 赣工信企业字〔2021〕156号 are the key little giant batches
    "jiangxi.little-giant": ["jiangxi.little-giant-2021"],
    "jiangxi.srdi-sme": ["jiangxi.srdi-sme-2021"],
    "jiangxi.key-little-giant": ["jiangxi.key-little-giant-2021-batch-1", "jiangxi.key-little-giant-2021-batch-2"],
    "jiangxi.platform": ["jiangxi.platform-2021-batch-1"],
    "jiangxi.service-platform": ["jiangxi.service-platform-2021"],
    "fujian.srdi-sme": ["fujian.srdi-sme-2021"],
    "fujian.key-little-giant": ["fujian.key-little-giant-2021-batch-1"],
    "fujian.platform": ["fujian.platform-2021-batch-1"],
    "henan.srdi-sme": ["henan.srdi-sme-2021"],
    "henan.key-little-giant": ["henan.key-little-giant-2021-batch-1"],
    "henan.platform": ["henan.platform-2021-batch-1"],
    "henan.little-giant-nomination": ["henan.little-giant-2021-batch-3"],
    "guizhou.srdi-sme": ["guizhou.srdi-sme-2021"],
    "hubei.little-giant": ["hubei.little-giant-2021-feb", "hubei.little-giant-2021-sep"],
    "hubei.key-little-giant": [
        "hubei.key-little-giant-2021-batch-1",
        "hubei.key-little-giant-2021-batch-2",
        "hubei.key-little-giant-2022-batch-3",
    ],
    "hubei.platform": ["hubei.platform-2021-batch-1", "hubei.platform-2021-batch-2", "hubei.platform-2022-batch-3"],
    "hubei.little-giant-service-platform": ["hubei.little-giant-service-platform-2021"],
    "shandong.little-giant-nomination": ["shandong.little-giant-3rd-batch"],
    "shandong.srdi-sme": ["shandong.srdi-sme-2021"],
    "shandong.srdi-sme-review": ["shandong.srdi-sme-review-2021"],
    "shandong.loan-project-pool": ["shandong.loan-project-pool-2021-batch-1"],
    # 黑工信企业联发〔2021〕28号 then 黑工信企业联函〔2021〕501号; 陕西's second batches extend its first
    "heilongjiang.srdi-sme": ["heilongjiang.srdi-sme-2021"],
    "heilongjiang.key-little-giant": [
        "heilongjiang.key-little-giant-2021-batch-1",
        "heilongjiang.key-little-giant-2021-batch-2",
    ],
    "heilongjiang.platform": ["heilongjiang.platform-2021-batch-1", "heilongjiang.platform-2021-batch-2"],
    "shaanxi.listing-pool": ["shaanxi.listing-pool-2021"],
    "shaanxi.key-little-giant": ["shaanxi.key-little-giant-2021-batch-1", "shaanxi.key-little-giant-2021-batch-2"],
    "shaanxi.platform": ["shaanxi.platform-2021-batch-1", "shaanxi.platform-2021-batch-2"],
    "gansu.srdi-sme": ["gansu.srdi-sme-2021"],
    "xizang.srdi-sme": ["xizang.srdi-sme-2021-batch-2"],
    # 晋企发〔2021〕6号, 15号; 晋企发〔2021〕12号 then 晋企信〔2016〕536号 (the second platform call)
    "shanxi.srdi-project": ["shanxi.srdi-project-2021"],
    "shanxi.little-giant": ["shanxi.little-giant-2021"],
    "shanxi.key-little-giant": ["shanxi.key-little-giant-2021-batch-1"],
    "shanxi.platform": ["shanxi.platform-2021-batch-1", "shanxi.platform-2021-batch-2"],
    # 内工信中小字〔2021〕56号 then 228号
    "neimenggu.key-little-giant": ["neimenggu.key-little-giant-2021-batch-1"],
    "neimenggu.platform": ["neimenggu.platform-2021-batch-1", "neimenggu.platform-2021-batch-2"],
    "sichuan.srdi-sme": ["sichuan.srdi-sme-2021"],
    "sichuan.srdi-sme-review": ["sichuan.srdi-sme-review-2021"],
    "sichuan.key-little-giant": ["sichuan.key-little-giant-2021-batch-1", "sichuan.key-little-giant-2021-batch-2"],
    "sichuan.platform": ["sichuan.platform-2021-batch-1", "sichuan.platform-2021-batch-2"],
    "yunnan.little-giant": ["yunnan.little-giant-2021"],
    "yunnan.srdi-growth": ["yunnan.srdi-growth-2021"],
    # 甬经信中小〔2021〕16号 (first batch), 122号
    "ningbo.key-little-giant": ["ningbo.key-little-giant-2021-batch-1"],
    "ningbo.platform": ["ningbo.platform-2021-batch-1"],
    "ningbo.srdi-sme": ["ningbo.srdi-sme-2021"],
    "qingdao.srdi-pool": ["qingdao.srdi-pool-2021"],
    "qingdao.srdi-sme": ["qingdao.srdi-sme-2021", "qingdao.srdi-sme-2022"],
    "qingdao.key-little-giant": ["qingdao.key-little-giant-2021-batch-1"],
    "qingdao.platform": ["qingdao.platform-2021-batch-1"],
    "qingdao.hidden-champion-pool": ["qingdao.hidden-champion-pool-2021"],
    "qingdao.little-giant-pool": ["qingdao.little-giant-pool-2021"],
    "qingdao.gazelle-pool": ["qingdao.gazelle-pool-2021"],
    "qingdao.unicorn-pool": ["qingdao.unicorn-pool-2021"],
    "qingdao.small-firm-tech-upgrade": ["qingdao.small-firm-tech-upgrade-2021"],
    "qingdao.small-firm-supply-chain": ["qingdao.small-firm-supply-chain-2021"],
    # 厦门: the first (2021-02-26) and second key little giant and platform batches
    "xiamen.key-little-giant": ["xiamen.key-little-giant-2021-batch-1", "xiamen.key-little-giant-2021-batch-2"],
    "xiamen.platform": ["xiamen.platform-2021-batch-1", "xiamen.platform-2021-batch-2"],
    # 厦门: the 2021 call under 厦工信规〔2021〕1号
    "xiamen.srdi-sme": ["xiamen.srdi-sme-2021"],
    # 新疆: the notice of 2021-02-07 then 新工信企业〔2021〕13号
    "xinjiang.key-little-giant": ["xinjiang.key-little-giant-2021-batch-1", "xinjiang.key-little-giant-2021-batch-2"],
    "xinjiang.platform": ["xinjiang.platform-2021-batch-1", "xinjiang.platform-2021-batch-2"],
    "xinjiang.little-giant": ["xinjiang.little-giant-2021"],
    "xinjiang.srdi-sme": ["xinjiang.srdi-sme-2021"],
    # 兵工信企业〔2021〕36号: standing rules, their yearly calls not printed
    "bingtuan.srdi-sme": ["bingtuan.srdi-sme"],
    # 宁夏: the 办法's three tiers (no call of theirs in the compendium), the 2021 calls, the 培育库
    "ningxia.srdi-sme": ["ningxia.srdi-sme"],
    "ningxia.srdi-demo": ["ningxia.srdi-demo"],
    "ningxia.little-giant": ["ningxia.little-giant"],
    "ningxia.key-little-giant": ["ningxia.key-little-giant-2021-batch-2"],
    "ningxia.platform": ["ningxia.platform-2021-batch-2"],
    "ningxia.platform-fund": ["ningxia.platform-fund-2021"],
    "ningxia.srdi-pool": ["ningxia.srdi-pool-2021"],
    # 苏工信中小〔2021〕87号 (two batches of one call), 452号 (the pool), 522号 (recognition and review)
    "jiangsu.key-little-giant": ["jiangsu.key-little-giant-2021-batch-1", "jiangsu.key-little-giant-2021-batch-2"],
    "jiangsu.platform": ["jiangsu.platform-2021-batch-1", "jiangsu.platform-2021-batch-2"],
    "jiangsu.qianqi-pool": ["jiangsu.qianqi-pool-2021"],
    "jiangsu.little-giant": ["jiangsu.little-giant-2021"],
    "jiangsu.little-giant-review": ["jiangsu.little-giant-review-2021"],
    # 浙经信企业〔2021〕39号 then 112号 (batches of successive calls), 浙经信企服〔2021〕105号, 165号
    "zhejiang.key-little-giant": ["zhejiang.key-little-giant-2021-batch-1", "zhejiang.key-little-giant-2021-batch-2"],
    "zhejiang.platform": ["zhejiang.platform-2021-batch-1", "zhejiang.platform-2021-batch-2"],
    "zhejiang.srdi-service-platform": ["zhejiang.srdi-service-platform-2021"],
    "zhejiang.srdi-sme": ["zhejiang.srdi-sme-2021"],
    "zhejiang.hidden-champion": ["zhejiang.hidden-champion-2021"],
    # 青海 fourth batch (2021-04-30, under the 2018 办法); the 2021 专项资金 guide, one series per kind
    "qinghai.srdi-sme": ["qinghai.srdi-sme-2021-batch-4"],
    "qinghai.sme-fund.standard-workshop": ["qinghai.sme-fund-2021-standard-workshop"],
    "qinghai.sme-fund.platform-upgrade": ["qinghai.sme-fund-2021-platform-upgrade"],
    "qinghai.sme-fund.innovation": ["qinghai.sme-fund-2021-innovation"],
    "qinghai.sme-fund.technology-import": ["qinghai.sme-fund-2021-technology-import"],
    "qinghai.sme-fund.standardisation": ["qinghai.sme-fund-2021-standardisation"],
    "qinghai.sme-fund.loan-interest": ["qinghai.sme-fund-2021-loan-interest"],
    "qinghai.sme-fund.rent": ["qinghai.sme-fund-2021-rent"],
    "qinghai.sme-fund.srdi-upgrade": ["qinghai.sme-fund-2021-srdi-upgrade"],
    "qinghai.sme-fund.service-award": ["qinghai.sme-fund-2021-service-award"],
}


def test_every_series_and_its_rounds_in_order(catalog):
    # 辽工信改革〔2022〕9号 follows 辽工信明电〔2021〕72号 tier by tier; 财建〔2024〕148号 follows
    # 财建〔2021〕2号; each round follows the one before it
    assert {sid: [r.program.id for r in s.rounds] for sid, s in catalog.series.items()} == SERIES
    for s in catalog.series.values():
        assert [r.follows for r in s.rounds] == [None] + [r.program.id for r in s.rounds[:-1]], s.id


def test_programs_latest_lists_only_each_series_latest_round(capsys):
    assert main(["programs", "--region", "liaoning", "--latest", "--format", "json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert "liaoning.little-giant-2022" in rows and "liaoning.little-giant-2021" not in rows
    assert rows["liaoning.little-giant-2022"]["follows"] == "liaoning.little-giant-2021"
    assert rows["liaoning.little-giant-2022"]["series"] == "liaoning.little-giant"
    assert "liaoning.platform-2021" in rows  # a program in no series is its own latest


@pytest.fixture()
def on_3_december_2026(monkeypatch):
    monkeypatch.setattr(common, "today", lambda: TODAY)


def test_check_without_on_answers_for_today(on_3_december_2026, capsys):
    # nothing of 辽宁 or the nation is open on 2026-12-03 (the last rounds closed in 2021–2024)
    assert main(["check", str(ELIGIBLE), "--detail"]) == 0
    out = capsys.readouterr().out
    assert "2026-12-03：辽宁省（210100）及国家层面均无正在受理申报的项目。" in out
    # the latest Liaoning little giant round, 辽工信改革〔2022〕9号 (2022-02-09 to 03-18): eligible —
    # the derivation is in plugins/liaoning/tests/test_lngxgg_2022.py (reference year 2021 is fixed,
    # and its liaoning.srdi_sme title of 2021 is in force to 2024-12-31, so 03-18 decides as 03-01)
    block = out[out.index("[liaoning.little-giant]") :]
    block = block[: block.index("▸")] if "▸" in block else block
    assert "liaoning.little-giant-2022" in block and "2022-02-09 至 2022-03-18（已截止）" in block
    assert "按该轮条件（以2022-03-18计）：符合条件 ★最高适用梯度" in block
    # 9号 四（一）"每年申报期结束后…": the next is expected around 2027-02-09 to 2027-03-18
    assert "预计 2027-02-09 至 2027-03-18（按通知“每年”推算，尚未发布）" in block
    assert "2023—2026年各轮未收录" in block
    # the national rounds: 79号 third batch and 148号 (three batches 2024–2026, none left after 2026)
    assert "[national.little-giant]" in out and "[national.key-little-giant]" in out
    assert "通知所定轮次至2026年为止" in out
    # the standing measures in force: 170号's two, which need a national little giant title this
    # firm does not hold
    assert "施行中的常设措施（符合条件即适用，无申报窗口）：2项" in out
    assert "national.measure-testing-fee-half" in out and "不符合条件" in out


def test_the_same_answer_in_json(on_3_december_2026, capsys):
    assert main(["check", str(ELIGIBLE), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["on"] == "2026-12-03" and data["open"] == []
    assert data["message"] == "2026-12-03：辽宁省（210100）及国家层面均无正在受理申报的项目。"
    series = {s["series"]: s for s in data["series"]}
    assert set(series) == {
        "liaoning.srdi-product",
        "liaoning.srdi-sme",
        "liaoning.little-giant",
        "liaoning.key-little-giant",
        "national.little-giant",
        "national.key-little-giant",
    }
    lg = series["liaoning.little-giant"]
    assert lg["latest_round"] == {
        "program": "liaoning.little-giant-2022",
        "title": "辽宁省专精特新“小巨人”企业（2022年度）",
        "notice": "辽工信改革〔2022〕9号",
        "follows": "liaoning.little-giant-2021",
        "state": "closed",
        "windows": [["2022-02-09", "2022-03-18"]],
        "closed_on": "2022-03-18",
    }
    assert (lg["evaluated_on"], lg["verdict"], lg["result"]["recommended"]) == ("2022-03-18", "eligible", True)
    nxt = lg["next_round"]
    assert (nxt["status"], nxt["start"], nxt["end"], nxt["clause"]) == (
        "expected",
        "2027-02-09",
        "2027-03-18",
        "四（一）",
    )
    # 财建〔2024〕148号 "2024—2026 年…分三批次": its first batch (issued 2024-06-14) states no window, so no day is
    # expected for the next; on 2026-12-03 the 2026 batch can still come within the years announced (and none
    # after them, which it says), and 2025's is not in the catalog
    kg = series["national.key-little-giant"]["next_round"]
    assert (kg["start"], kg["ended"], kg["missing"]) == (None, None, "2025年的一轮未收录")
    assert kg["undated"] == "最近一轮未载明申报时间，各轮时间以当轮通知为准；通知所定轮次至2026年为止"
    assert series["national.little-giant"]["next_round"] is None  # 79号 states no cadence
    measures = {m["program"]: m for m in data["in_force"]}
    assert set(measures) == {"national.measure-testing-fee-half", "national.measure-project-points"}
    fee = measures["national.measure-testing-fee-half"]
    assert fee["in_force"] == {
        "start": "2021-11-06",
        "end": None,
        "clause": "印发通知",
        "quote": "现印发给你们，请结合实际认真贯彻落实",
    }
    assert (fee["verdict"], fee["qualifies"]) == ("ineligible", False)


def test_the_python_api_gives_the_same(catalog):
    profile = catalog.load_profile(ELIGIBLE)
    answer = catalog.today(profile, TODAY)
    assert answer.message and not answer.open
    by_series = {s.series: s for s in answer.series}
    assert by_series["liaoning.little-giant"].result.verdict.value == "eligible"
    assert by_series["liaoning.little-giant"].closed_on == dt.date(2022, 3, 18)
    assert answer.to_json()["series"][0]["series"].startswith("liaoning.")  # the region's own first


def test_while_a_round_is_open_it_is_evaluated_as_of_that_day(catalog, capsys):
    # on 2022-03-01 the three 2022 tiers are open; they are the answer's open rounds, and the
    # series view says the latest round is open and judged on that day
    assert main(["check", str(ELIGIBLE), "--on", "2022-03-01", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {r["program"] for r in data["open"]} == {
        "liaoning.srdi-product-2022",
        "liaoning.srdi-sme-2022",
        "liaoning.little-giant-2022",
    }
    lg = next(s for s in data["series"] if s["series"] == "liaoning.little-giant")
    assert (lg["latest_round"]["state"], lg["evaluated_on"]) == ("open", "2022-03-01")


def test_no_round_is_expected_after_the_rules_calling_them_lapse(catalog):
    # 藏经信发〔2020〕58号 第四条 "认定工作每年组织一次" calls yearly rounds, but 第十三条 "本办法自
    # 2020年 6月 1日起实施，有效期至 2022年 12月 31日": the 2021 second batch (窗口 2021-05-14 …
    # 06-11) extends the 办法's standard, so on 2026-12-03 no further round is expected
    from srdi.today import expected_round

    e = expected_round(catalog, catalog.series["xizang.srdi-sme"], TODAY)
    assert e is not None and e.start is None
    assert e.ended == "有关办法施行至2022-12-31，已届满"
