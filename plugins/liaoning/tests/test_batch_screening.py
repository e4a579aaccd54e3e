"""A city bureau's applicant spreadsheet, screened in one command (辽工信改革〔2022〕9号).

The test writes a 300-row XLSX the way applicants' figures reach a 市工信局: Chinese
headers, the yearly figures under a group header per year (“2021年度经营情况（万元、人）”
over 营业收入, 资产总额 …) as the official tables lay them out, and some rows broken.
``srdi batch FILE --region liaoning --on 2022-03-01`` screens it against the three
tiers open that day; the output has 300 rows per program, in input order.

Rows 1–12 are written by hand and their verdicts derived below; rows 13–300 are
seeded variations of the same firm whose verdicts must equal those of the same
profiles checked one at a time.

The base firm is examples/little-giant-eligible.toml, eligible for the little giant
tier (derivation in test_lngxgg_2022.py): 2021 营业收入 6800 ≥ 2000; 资产负债率 45% (2020),
52% (2021) ≤ 70%; 研发 (180+204)/(6000+6800) = 3.0% ≥ 2%; two certifications; 专业化 met;
工业“四基”; holds the 2021 专精特新中小企业 title (in force to 2024-12-31).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import numpy as np
import pandas as pd
import pytest

from srdi.cli.main import main
from srdi.profile import Profile

openpyxl = pytest.importorskip("openpyxl")

ON = dt.date(2022, 3, 1)
LG = "liaoning.little-giant-2022"
SME = "liaoning.srdi-sme-2022"
PRODUCT = "liaoning.srdi-product-2022"
EXAMPLES = Path(__file__).parent.parent / "examples"
YEAR_GROUP = "{year}年度经营情况（万元、人）"

# (group header or None, header, how to read the cell from a profile)
SCALARS = [
    ("企业名称", "name"),
    ("统一社会信用代码", "credit_code"),
    ("注册时间", "registered_on"),
    ("具有独立法人资格", "independent_legal_person"),
    ("所属行业代码", "industry_code"),
    ("从事细分市场年限", "niche_years"),
    ("建立稳定协作配套关系的大型企业数", "large_partners"),
    ("拥有自主品牌", "own_brand"),
    ("发明专利数（项）", "invention_patents"),
    ("实用新型专利", "utility_patents"),
    ("企业获得的管理体系认证情况", "management_certs"),
    ("所属重点领域", "key_fields"),
    ("自建或与高校、科研机构联合建立研发机构", "rd_institution"),
    ("发展规划设置数字化转型模块", "digital_plan"),
    ("申请过程中提供虚假信息", "false_information"),
    ("近三年有偷漏税或其他违法违规、失信行为", "violation_3y"),
    ("近三年发生过安全、质量、环境污染事故", "accident_3y"),
]
YEARLY = {
    2019: [("主营业务收入", "main_business_revenue")],
    2020: [
        ("营业收入", "revenue"),
        ("主营业务收入", "main_business_revenue"),
        ("资产总额", "total_assets"),
        ("负债总额", "total_liabilities"),
        ("研发经费总额", "rd_expense"),
        ("从业人数", "employees"),
        ("研发人数", "rd_staff"),
    ],
    2021: [
        ("营业收入", "revenue"),
        ("主营业务收入", "main_business_revenue"),
        ("资产总额", "total_assets"),
        ("负债总额", "total_liabilities"),
        ("研发经费总额", "rd_expense"),
        ("从业人数", "employees"),
        ("研发人数", "rd_staff"),
        ("本省排名", "province_rank"),
    ],
}
TITLE_HEADER = "辽宁省“专精特新”中小企业（2022年度）"  # the title's name: the cell holds the year of recognition
ATTESTED = ("sound_management", "compliance_and_credit")  # what the eligible example attests


def attest_headers(catalog) -> list[str]:
    """The question of each attested clause, as the little giant tier labels it: a person's answer column."""
    labels = {c.args.get("key"): c.label for c in catalog.program(LG).criteria.values() if c.type == "attest"}
    return [labels[k] for k in ATTESTED]


def _cell(vocabulary, key, value):
    if value is None:
        return None
    spec = vocabulary[key]
    if spec.kind == "bool":
        return "是" if value else "否"
    if spec.kind == "multichoice":
        labels = {c.value: c.label for c in spec.choices}
        return "、".join(labels[v] for v in value)
    if spec.kind == "date":
        return value.isoformat()
    return value


def _row(vocabulary, p: Profile) -> list:
    cells = [_cell(vocabulary, k, p.facts.get(k)) for _, k in SCALARS]
    for year, cols in YEARLY.items():
        cells += [_cell(vocabulary, k, p.years.get(year, {}).get(k)) for _, k in cols]
    rec = next((r.year for r in p.recognitions or () if r.title == "liaoning.srdi_sme"), None)
    # a blank title cell is unknown: a firm that lists its titles without this one says 否
    cells.append(rec if rec is not None or p.recognitions is None else "否")
    for key in ATTESTED:
        att = p.attestations.get(key)
        cells.append(None if att is None else ("是" if att else "否"))
    return cells


def write_xlsx(path: Path, catalog, rows: list[list]) -> None:
    """Two header rows: a group header per year above its columns (merged), the labels below."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "申报企业"
    top, sub = ["序号"], [None]
    for header, _ in SCALARS:
        top.append(header)
        sub.append(None)
    for year, cols in YEARLY.items():
        for k, (header, _) in enumerate(cols):
            top.append(YEAR_GROUP.format(year=year) if k == 0 else None)
            sub.append(header)
    top += [TITLE_HEADER, *attest_headers(catalog)]
    sub += [None] * (1 + len(ATTESTED))
    ws.append(top)
    ws.append(sub)
    col = 2 + len(SCALARS)
    for cols in YEARLY.values():
        if len(cols) > 1:
            ws.merge_cells(start_row=1, start_column=col, end_row=1, end_column=col + len(cols) - 1)
        col += len(cols)
    for i, cells in enumerate(rows, start=1):
        ws.append([i, *cells])
    wb.save(path)


@pytest.fixture(scope="module")
def pool(liaoning):
    """(profiles, rows of cells): 12 hand-made rows, then 288 seeded variations."""
    base = liaoning.load_profile(EXAMPLES / "little-giant-eligible.toml")
    voc = liaoning.vocabulary

    def with_year(p, year, **facts):
        return attrs.evolve(p, years={**p.years, year: p.years[year] | facts})

    def named(p, i):
        from srdi.testing.strategies import credit_code

        return attrs.evolve(p, facts=p.facts | {"name": f"申报企业{i:03d}", "credit_code": credit_code("210100", i)})

    def small(revenue):
        # a smaller firm at the revenue floor, every part within its whole: 营业收入 2000 in 2020
        # and `revenue` in 2021; 主营业务收入 1800 → 1900 → 1990 (+5.6%, +4.7%: mean ≥ 3%; share
        # 95% and 99.5% ≥ 60%)
        p = with_year(base, 2019, main_business_revenue=1800.0)
        p = with_year(p, 2020, revenue=2000.0, main_business_revenue=1900.0)
        return with_year(p, 2021, revenue=revenue, main_business_revenue=1990.0)

    hand = [
        named(base, 1),  # 1: the eligible firm
        named(small(2000.0), 2),  # 2: 营业收入 exactly 2000
        named(small(1999.0), 3),  # 3: 1999
        named(with_year(base, 2021, total_liabilities=7000.0), 4),  # 4: 资产负债率 exactly 70% in 2021
        named(with_year(base, 2021, total_liabilities=7001.0), 5),  # 5: 70.01%
        named(with_year(with_year(base, 2020, rd_expense=110.0), 2021, rd_expense=120.0), 6),  # 6: R&D short
        named(
            attrs.evolve(
                base,
                years={**base.years, 2020: {k: v for k, v in base.years[2020].items() if k != "total_liabilities"}},
            ),
            7,
        ),  # 7: 负债 missing
    ]
    rows = [_row(voc, p) for p in hand]
    # 8–12: broken rows, each written from the eligible firm with one cell spoiled
    spoiled = [
        ("营业收入", 2021, "六千八百"),  # 8: text in a number column
        ("营业收入", 2021, 68_000_000),  # 9: 6800万元 typed in 元
        ("统一社会信用代码", None, "91210100MA0YK3N25X"),  # 10: wrong check digit
        ("注册时间", None, "2015年13月1日"),  # 11: no 13th month
        ("企业获得的管理体系认证情况", None, "ISO9999认证"),  # 12: not a certification the form offers
    ]
    headers = [h for h, _ in SCALARS]
    yearly_at = {}
    col = len(SCALARS)
    for year, cols in YEARLY.items():
        for header, _ in cols:
            yearly_at[(header, year)] = col
            col += 1
    for n, (header, year, value) in enumerate(spoiled, start=8):
        p = named(base, n)
        hand.append(p)
        cells = _row(voc, p)
        j = yearly_at[(header, year)] if year else headers.index(header)
        cells[j] = value
        rows.append(cells)
    # 13–300: seeded variations; 299 repeats the credit code of 298 (both rows are kept)
    rng = np.random.default_rng(20220301)
    for i in range(13, 301):
        rev = float(rng.integers(1500, 12000))
        p = with_year(
            with_year(
                base,
                2021,
                revenue=rev,
                main_business_revenue=min(6300.0, rev),  # a part never above its whole
                rd_expense=float(rng.integers(20, 400)),
                total_liabilities=float(rng.integers(3000, 8000)),
            ),
            2020,
            rd_expense=float(rng.integers(20, 400)),
        )
        if rng.random() < 0.1:
            p = attrs.evolve(p, attestations={})
        if rng.random() < 0.1:
            p = attrs.evolve(p, recognitions=())
        p = named(p, i if i != 299 else 298)
        p = attrs.evolve(p, facts=p.facts | {"name": f"申报企业{i:03d}"})
        hand.append(p)
        rows.append(_row(voc, p))
    return hand, rows


@pytest.fixture(scope="module")
def screened(pool, liaoning, tmp_path_factory):
    _profiles, rows = pool
    folder = tmp_path_factory.mktemp("batch")
    src, out = folder / "申报企业.xlsx", folder / "初审结果.xlsx"
    write_xlsx(src, liaoning, rows)
    assert main(["batch", str(src), "--region", "liaoning", "--on", ON.isoformat(), "--out", str(out)]) == 0
    frame = pd.read_excel(out, dtype=object, engine="openpyxl")
    return frame.where(frame.notna(), None)


def _row_of(frame, program, n):
    rows = frame[(frame["项目编号"] == program) & (frame["行号"] == n + 2)]  # two header rows: firm n is on row n + 2
    assert len(rows) == 1
    return rows.iloc[0]


def test_every_row_appears_once_per_program_in_order(screened):
    # the three tiers open on 2022-03-01 (五、1 window 02-09 … 03-18); no national program is
    assert sorted(screened["项目编号"].unique()) == sorted([LG, SME, PRODUCT])
    for program in (LG, SME, PRODUCT):
        part = screened[screened["项目编号"] == program]
        assert list(part["行号"]) == list(range(3, 303))
    assert list(screened["行号"][:3]) == [3, 3, 3]  # row-major: every program of row 1 first


def test_hand_made_rows(screened):
    lg = {n: _row_of(screened, LG, n) for n in range(1, 8)}
    assert lg[1]["结论"] == "eligible"
    # 二（三）1（2）"营业收入达到2000万元及以上": 2000 meets it (研发 384/4000 = 9.6%, still ≥ 2%)
    assert lg[2]["结论"] == "eligible"
    # 1999 < 2000: ineligible on that criterion alone, 1万元 short
    assert lg[3]["结论"] == "ineligible"
    assert lg[3]["不符合的条件"] == "上年度营业收入达到2000万元及以上（二（三）1（2））"
    assert lg[3]["差距"] == "营业收入距2000万元还差1万元"
    # "资产负债率不高于70%": 7000/10000 = 70% is not above it; 7001 is
    assert lg[4]["结论"] == "eligible"
    assert lg[5]["结论"] == "ineligible" and lg[5]["不符合的条件"] == "近2年资产负债率不高于70%（二（三）1（2））"
    # R&D (110+120)/(6000+6800) = 1.797% < 2%: 2% × 12800 = 256, 26万元 short
    assert lg[6]["差距"] == "研发经费支出（近2年合计）距2%还差26万元"
    # 2020 负债总额 missing: 2020's ratio unknown, 2021's 52% holds → incomplete, not ineligible
    assert lg[7]["结论"] == "incomplete" and lg[7]["缺少数据的条件"] == "近2年资产负债率不高于70%（二（三）1（2））"
    for n in range(1, 8):
        assert lg[n]["数据错误"] is None


def test_broken_rows_are_kept_with_their_error(screened):
    lg = {n: _row_of(screened, LG, n) for n in range(8, 13)}
    # 8: "六千八百" is not a number → 2021 营业收入 unknown → the revenue floor and the two-year
    # R&D ratio cannot be decided → incomplete
    assert "2021年度经营情况（万元、人） / 营业收入" in lg[8]["数据错误"] and "应为数值" in lg[8]["数据错误"]
    assert lg[8]["结论"] == "incomplete"
    assert "上年度营业收入达到2000万元及以上" in lg[8]["缺少数据的条件"]
    # 9: 68,000,000 for 260 people is 261,538万元 a head: typed in 元; the cell is set aside
    assert "是否按元填写？" in lg[9]["数据错误"] and lg[9]["结论"] == "incomplete"
    # 10: wrong check digit → no credit code → 注册地 unknown → incomplete; the output keeps the code as written
    assert "校验码错误" in lg[10]["数据错误"]
    assert lg[10]["统一社会信用代码"] == "91210100MA0YK3N25X"
    assert lg[10]["结论"] == "incomplete" and "在辽宁省行政区域内依法注册登记" in lg[10]["缺少数据的条件"]
    # 11: 2015年13月1日 is no date → 连续经营3年以上 unknown → incomplete
    assert "注册时间" in lg[11]["数据错误"] and lg[11]["结论"] == "incomplete"
    # 12: ISO9999认证 is not one of the offered certifications → 通过质量管理体系等认证 unknown
    assert "ISO9999认证" in lg[12]["数据错误"] and lg[12]["结论"] == "incomplete"


def test_duplicate_credit_codes_are_flagged_and_both_kept(screened):
    a, b = _row_of(screened, LG, 298), _row_of(screened, LG, 299)
    assert a["统一社会信用代码"] == b["统一社会信用代码"]
    assert "也出现在第301行" in a["提示"] and "也出现在第300行" in b["提示"]
    assert a["结论"] is not None and b["结论"] is not None


def test_generated_rows_equal_one_profile_at_a_time(pool, screened, liaoning):
    # rows 13–300 went through the spreadsheet; the same profiles, checked one by one,
    # must give the same verdict for every program
    profiles, _ = pool
    for n in range(13, 301):
        for program in (LG, SME, PRODUCT):
            expected = liaoning.evaluate(profiles[n - 1], program, ON).verdict.value
            assert _row_of(screened, program, n)["结论"] == expected, (n, program)
