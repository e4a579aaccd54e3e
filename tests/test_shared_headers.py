"""Tables whose headers several plugins share, and choices whose labels hold a list separator.

With every plugin installed, a header can be the label of several provinces' fields:
seven ask 巡视、审计、督查发现问题且未整改到位 in those words. A bureau's table answers
whichever province it screens for; it must not go to one province's field alone. And a
choice's label quotes its notice, separators included (符合制造强国、网络强国战略重点
产业领域): a cell listing such labels is read label by label.
"""

from __future__ import annotations

import pandas as pd
import pytest

import srdi
from srdi.batch import read_table, screen

FINDINGS = "巡视、审计、督查发现问题且未整改到位"


@pytest.fixture(scope="module")
def catalog():
    return srdi.load()


def test_a_header_several_provinces_ask_answers_each(catalog):
    # every plugin field labelled 巡视、审计、督查发现问题且未整改到位 is a yes/no (bool) question:
    # one column answers all of them, 否 → False in each
    keys = catalog.vocabulary.all_by_header(FINDINGS)
    assert {"jiangxi.unrectified_findings", "chongqing.unrectified_findings"} <= set(keys)
    table = read_table(pd.DataFrame({"企业名称": ["甲", "乙"], FINDINGS: ["否", "是"]}), catalog)
    assert not table.errors
    for key in keys:
        assert list(table.frame[key]) == [0.0, 1.0], key


def test_the_answer_reaches_the_province_screened(catalog):
    # jiangxi.service-platform-2021 no-unrectified-findings: flag jiangxi.unrectified_findings expected
    # false. 否 → met; 是 → not met. Before, the column filled 重庆's field only and this was unknown.
    pid = "jiangxi.service-platform-2021"
    on = catalog.windows(pid, range(2018, 2027))[0][0]
    table = read_table(pd.DataFrame({"企业名称": ["甲", "乙"], FINDINGS: ["否", "是"]}), catalog)
    codes = screen(catalog, table, [pid], on).programs[pid].codes["no-unrectified-findings"]
    assert codes.tolist() == [1, 0]


def test_a_column_given_apart_keeps_its_own_answers(catalog):
    # the table states 重庆's field by its key as well: that column wins for 重庆, the shared one
    # answers the others
    frame = pd.DataFrame({"企业名称": ["甲"], FINDINGS: ["否"], "chongqing.unrectified_findings": ["是"]})
    table = read_table(frame, catalog)
    assert table.frame["chongqing.unrectified_findings"].tolist() == [1.0]
    assert table.frame["jiangxi.unrectified_findings"].tolist() == [0.0]


def test_a_header_names_the_field_its_year_fits(catalog):
    # 细分市场占有率全国排名 is 福建's yearly field (fujian.national_rank) and 新疆's single figure
    # (xinjiang.niche_rank_national): without a year the header is 新疆's; with 2021年 it is 福建's
    frame = pd.DataFrame({"企业名称": ["甲"], "细分市场占有率全国排名": [3], "2021年细分市场占有率全国排名": [4]})
    table = read_table(frame, catalog)
    assert table.frame["xinjiang.niche_rank_national"].tolist() == [3.0]
    assert table.frame["fujian.national_rank_2021"].tolist() == [4.0]
    assert not [n for n in table.notes if "yearly" in n.message]


def test_labels_holding_separators_are_read_whole(catalog):
    # 广东 新品特征 (guangdong.new_product_traits): the labels of new_principle and new_model hold
    # 、 and ，; a cell listing them (and technology_leader, whose label holds neither) reads as the three
    spec = catalog.vocabulary["guangdong.new_product_traits"]
    labels = {c.value: c.label for c in spec.choices}
    cell = "、".join([labels["new_model"], labels["technology_leader"], labels["new_principle"]])
    assert "、" in labels["new_model"] and "，" in labels["new_principle"]
    table = read_table(pd.DataFrame({"企业名称": ["甲"], spec.label: [cell]}), catalog)
    assert not table.errors, dict(table.errors)
    for value in ("technology_leader", "new_principle", "new_model"):
        assert table.frame[f"guangdong.new_product_traits.{value}"].tolist() == [1.0], value


def test_a_piece_no_label_holds_is_still_refused(catalog):
    # 省级 alone is no 新品特征: the cell is set aside with its column named, not read as something else
    spec = catalog.vocabulary["guangdong.new_product_traits"]
    table = read_table(
        pd.DataFrame({"企业名称": ["甲"], spec.label: ["省级、属于国内乃至国际技术领先的优秀产品"]}), catalog
    )
    assert "'省级' 不是可选项之一" in table.errors[0][0] and table.errors[0][0].startswith(spec.label)


def test_a_header_that_is_a_field_and_a_title_reads_each_cell_as_it_can(catalog):
    # 高新技术企业 is 河北's yes/no field (hebei.high_tech_enterprise) and the name of the title
    # national.high_tech_enterprise. 2021 is a year of recognition, not yes/no: the title's.
    # 否 is both "no" and "not held". 是 is yes, and no year. 不知道 is neither: an error, worded as
    # the first reading words it.
    frame = pd.DataFrame({"企业名称": list("甲乙丙丁"), "高新技术企业": ["2021", "否", "是", "不知道"]})
    table = read_table(frame, catalog)
    assert list(table.frame["hebei.high_tech_enterprise"].fillna(-1)) == [-1, 0.0, 1.0, -1]
    assert list(table.frame["rec.national.high_tech_enterprise.year"].fillna(-1)) == [2021.0, -1, -1, -1]
    assert sorted(table.errors) == [3]
    assert table.errors[3] == ["高新技术企业: 应为是/否，实为 '不知道'"]


def test_two_provinces_wording_one_question_apart_each_read_their_own(catalog):
    # 第三批专精特新“小巨人”企业推荐情况: 黑龙江 words `nominated` 我省已向工业和信息化部推荐，
    # 名单尚未公布, 湖南 省工信厅已推荐申报，名单尚未公布; the other answers are worded alike.
    # 湖南's wording is 湖南's answer alone; 未被推荐 is both provinces' not_nominated.
    header = "第三批专精特新“小巨人”企业推荐情况"
    frame = pd.DataFrame({"企业名称": ["甲", "乙"], header: ["省工信厅已推荐申报，名单尚未公布", "未被推荐"]})
    table = read_table(frame, catalog)
    assert not table.errors, dict(table.errors)
    assert list(table.frame["hunan.third_batch_nomination"]) == ["nominated", "not_nominated"]
    heilongjiang = table.frame["heilongjiang.third_batch_nomination"]
    assert [None if pd.isna(v) else v for v in heilongjiang] == [None, "not_nominated"]
