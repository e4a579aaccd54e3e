"""Layers: a program extends another explicitly, and every value remembers where it came from."""

from __future__ import annotations

import datetime as dt

import pytest

from srdi.catalog import Catalog
from srdi.errors import NoticeError
from srdi.plugins import PluginHost, module_plugin
from srdi.profile import profile_from_dict
from srdi.regions import Region
from srdi.testing.helpers import catalog_with, write_notice

BASE_TEXT = "国家通知\n国〔2030〕1号\n一、营业收入达到 2000万元及以上。\n二、主营业务收入占营业收入 70%以上。\n三、拥有自主品牌。\n"
BASE = """
[notice]
id = "base-2030"
doc_number = "国〔2030〕1号"
title = "国家通知"
issuer = ["国"]
issued_on = 2030-01-01
region = "000000"
text = "TEXTFILE"

[[programs]]
id = "national.demo"
title = "国家项目"
clause = "一"
quote = "营业收入达到2000万元及以上"
reference_year = 2029
rule = "all"

[programs.params.min_revenue]
value = 2000
unit = "万元"
clause = "一"
quote = "营业收入达到 2000万元及以上"

[[programs.groups]]
id = "all"
label = "全部条件"
mode = "all"
of = ["revenue", "share", "brand"]
clause = "一"
quote = "营业收入达到2000万元及以上"

[[programs.criteria]]
id = "revenue"
label = "营业收入"
type = "compare"
metric = "revenue"
op = ">="
value = "$min_revenue"
clause = "一"
quote = "营业收入达到 2000万元及以上"

[[programs.criteria]]
id = "share"
label = "主营业务收入占比"
type = "compare"
metric = "main_business_share"
op = ">="
value = 70
clause = "二"
quote = "主营业务收入占营业收入 70%以上"

[[programs.criteria]]
id = "brand"
label = "自主品牌"
type = "flag"
fact = "own_brand"
clause = "三"
quote = "拥有自主品牌"
"""
PROV_TEXT = "省通知\n省〔2030〕9号\n一、营业收入达到1500万元及以上。\n二、主营业务收入占比60%以上。\n三、不再要求自主品牌。\n四、拥有有效发明专利1项以上。\n"
PROV = """
[notice]
id = "prov-2030"
doc_number = "省〔2030〕9号"
title = "省通知"
issuer = ["省"]
issued_on = 2030-02-01
region = "210000"
text = "TEXTFILE"

[[programs]]
id = "province.demo"
title = "省项目"
extends = "national.demo"
clause = "一"
quote = "营业收入达到1500万元及以上"

[programs.overrides.min_revenue]
value = 1500
clause = "一"
quote = "营业收入达到1500万元及以上"

[[programs.drop]]
id = "brand"
reason = "the province waives it"
clause = "三"
quote = "不再要求自主品牌"

[[programs.criteria]]
id = "share-60"
replaces = "share"
label = "主营业务收入占比（省）"
type = "compare"
metric = "main_business_share"
op = ">="
value = 60
clause = "二"
quote = "主营业务收入占比60%以上"

[[programs.criteria]]
id = "patent"
into = "all"
label = "发明专利"
type = "compare"
metric = "invention_patents"
op = ">="
value = 1
clause = "四"
quote = "拥有有效发明专利1项以上"
"""


@pytest.fixture()
def paths(tmp_path):
    return [write_notice(tmp_path, "base", BASE, BASE_TEXT), write_notice(tmp_path, "prov", PROV, PROV_TEXT)]


def test_extension_overrides_drops_replaces_and_adds(paths):
    cat = catalog_with(paths)
    prog = cat.program("province.demo")
    assert set(prog.criteria) == {"revenue", "share-60", "patent"}
    assert prog.groups["all"].of == ("revenue", "share-60", "patent")  # the replacement keeps its place
    assert prog.criteria["revenue"].args["value"] == 1500
    # every resolved value says where it comes from
    assert str(prog.params["min_revenue"].origin) == "srdi-demo@0.0.1 · 省〔2030〕9号 一"
    assert prog.params["min_revenue"].previous.value == 2000
    assert prog.criteria["revenue"].origin.notice == "国〔2030〕1号"  # the criterion itself is national
    assert prog.criteria["patent"].origin.notice == "省〔2030〕9号"
    assert [d.id for d in prog.dropped] == ["brand"]


def test_extension_evaluates_with_its_own_values(paths):
    cat = catalog_with(paths)
    # revenue 1600 (≥1500, <2000), share 65% (≥60, <70), one patent, no brand
    p = profile_from_dict(
        {
            "enterprise": {"invention_patents": 1, "own_brand": False},
            "years": {"2029": {"revenue": 1600, "main_business_revenue": 1040}},
        },
        cat.vocabulary,
    )
    on = dt.date(2030, 3, 1)
    assert cat.evaluate(p, "province.demo", on).verdict.value == "eligible"
    national = cat.evaluate(p, "national.demo", on)
    assert national.verdict.value == "ineligible"
    assert {c.id for c in national.criteria if c.outcome.value == "not_met"} == {"revenue", "share", "brand"}


def test_result_does_not_depend_on_registration_order(paths):
    def build(order):
        host = PluginHost()
        for i in order:
            host.register(module_plugin(f"p{i}", srdi_register_notices=lambda i=i: [paths[i]]), f"p{i}", f"p{i}", "1")
        return Catalog(host)

    a, b = build([0, 1]), build([1, 0])
    pa, pb = a.program("province.demo"), b.program("province.demo")
    assert pa.criteria.keys() == pb.criteria.keys()
    assert {k: c.args for k, c in pa.criteria.items()} == {k: c.args for k, c in pb.criteria.items()}


def test_overrides_are_validated_whole_before_anything_changes(paths):
    cat = catalog_with(paths)
    prog = cat.program("province.demo")
    with pytest.raises(Exception) as err:
        prog.with_overrides({"min_revenue": 2500, "min_revenu": 1, "share-60.value": "high"})
    text = str(err.value)
    assert "min_revenu" in text and "是否应为" in text and "share-60.value" in text
    assert prog.params["min_revenue"].value == 1500  # untouched
    changed = prog.with_overrides({"min_revenue": 2500})
    assert changed.criteria["revenue"].args["value"] == 2500


def test_bad_extensions_are_errors_naming_the_file(tmp_path, paths):
    bad = PROV.replace('id = "brand"\nreason', 'id = "brandd"\nreason')
    path = write_notice(tmp_path / "bad", "prov", bad, PROV_TEXT)
    with pytest.raises(NoticeError) as err:
        catalog_with([paths[0], path])
    (p,) = err.value.problems
    assert p.file == str(path) and p.key == "programs[0].drop[0].id"


def _claiming(*names):
    host = PluginHost()
    for name in names:
        host.register(
            module_plugin(name, srdi_register_regions=lambda: [Region("210000", "辽宁省", "liaoning")]),
            name,
            f"srdi-{name}",
            "1",
        )
    return Catalog(host)


def test_a_region_two_plugins_claim_stays_with_the_plugin_named_after_it():
    # 210000 is 辽宁省, whose plugin is named liaoning: a second plugin claiming it is set aside, saying why, and
    # Liaoning's answers go on as before rather than every command being refused for the other's mistake
    cat = _claiming("liaoning", "liaoning_copy")
    assert cat.claims == {"210000": "liaoning"}
    assert list(cat.broken) == ["liaoning_copy"]
    assert cat.broken["liaoning_copy"] == (
        "srdi-liaoning_copy@1 与 srdi-liaoning@1 都提供所认领的地区 '210000'："
        "保留 srdi-liaoning@1（名称所属或地区层级更高的插件），停用 srdi-liaoning_copy@1"
    )


def test_a_region_two_plugins_named_after_no_region_claim_is_served_by_neither():
    # neither a nor b is named after a region: srdi cannot tell which is meant, and picks neither
    cat = _claiming("a", "b")
    assert cat.claims == {} and set(cat.broken) == {"a", "b"}
    assert "无法判断应以哪个为准：均已停用" in cat.broken["a"]


def test_the_same_program_from_two_plugins_sets_both_aside(paths):
    # both give the same notice (so its id and its program "national.demo"): neither is named after the program's
    # namespace or a region, so neither is kept
    host = PluginHost()
    for name in ("a", "b"):
        host.register(module_plugin(name, srdi_register_notices=lambda: [paths[0]]), name, f"srdi-{name}", "1")
    cat = Catalog(host)
    assert set(cat.broken) == {"a", "b"} and "national.demo" not in cat.programs_by_id


def test_a_notice_id_a_city_plugin_copies_from_its_province_stays_with_the_province(paths):
    # dalian (大连市, a city of Liaoning) gives a notice with the id of one liaoning gives: the province's plugin
    # keeps it (a city's plugin builds on its province's), the city's is set aside naming both
    host = PluginHost()
    for name in ("dalian", "liaoning"):
        host.register(module_plugin(name, srdi_register_notices=lambda: [paths[0]]), name, f"srdi-{name}", "1")
    cat = Catalog(host)
    assert list(cat.broken) == ["dalian"] and "national.demo" in cat.programs_by_id
    assert "srdi-dalian@1 与 srdi-liaoning@1 都提供通知 id" in cat.broken["dalian"]


def test_a_notice_given_twice_by_one_plugin_sets_it_aside(paths):
    host = PluginHost()
    host.register(module_plugin("a", srdi_register_notices=lambda: [paths[0], paths[0]]), "a", "srdi-a", "1")
    cat = Catalog(host)
    assert list(cat.broken) == ["a"] and "srdi-a@1 两次给出通知 id" in cat.broken["a"]


def test_an_event_kind_a_plugin_registers_twice_sets_it_aside_alone():
    # one plugin giving the name "a.yearly" twice is its own mistake: it is set aside, the catalog still loads
    from srdi.deadlines import EventKind

    def dates(spec, years):
        return []

    kinds = [EventKind("a.yearly", dates, "一年一次"), EventKind("a.yearly", dates, "一年一次")]
    host = PluginHost()
    host.register(module_plugin("a", srdi_register_event_kinds=lambda: kinds), "a", "srdi-a", "1")
    cat = Catalog(host)
    assert list(cat.broken) == ["a"] and "a.yearly" not in cat.event_kinds
    assert "srdi-a@1 两次注册" in cat.broken["a"] and "'a.yearly'" in cat.broken["a"]


QUOTA = """
[[programs.quotas]]
id = "QID"
label = "LABEL"
max = MAX
scope = "province"
clause = "一"
quote = "QUOTE"
"""


def _quota(qid, label, n, quote):
    return QUOTA.replace("QID", qid).replace("LABEL", label).replace("MAX", str(n)).replace("QUOTE", quote)


def _quota_catalog(tmp_path, province_quotas):
    base = BASE.replace(
        "\n[[programs.criteria]]",
        _quota("per-province", "每省", 200, "营业收入达到2000万元") + "\n[[programs.criteria]]",
        1,
    )
    prov = PROV.replace("\n[[programs.drop]]", province_quotas + "\n[[programs.drop]]", 1)
    return catalog_with(
        [write_notice(tmp_path, "base", base, BASE_TEXT), write_notice(tmp_path, "prov", prov, PROV_TEXT)]
    )


def test_an_extension_adds_quotas_to_the_inherited_ones(tmp_path):
    cat = _quota_catalog(tmp_path, _quota("per-city", "每市", 40, "营业收入达到1500万元"))
    assert [(q.id, q.max) for q in cat.program("national.demo").quotas] == [("per-province", 200)]
    province = cat.program("province.demo")
    # the per-city quota does not lift the nation's per-province one
    assert [(q.id, q.max) for q in province.quotas] == [("per-province", 200), ("per-city", 40)]
    assert province.quota_origins["per-province"].notice == "国〔2030〕1号"
    assert province.quota_origins["per-city"].notice == "省〔2030〕9号"


def test_a_quota_with_an_inherited_id_replaces_it_in_place(tmp_path):
    restated = _quota("per-province", "每省（省定）", 150, "营业收入达到1500万元") + _quota(
        "per-city", "每市", 40, "营业收入达到1500万元"
    )
    province = _quota_catalog(tmp_path, restated).program("province.demo")
    assert [(q.id, q.max) for q in province.quotas] == [("per-province", 150), ("per-city", 40)]
    assert province.quota_origins["per-province"].notice == "省〔2030〕9号"
