"""``srdi validate``: a plugin or a notice file checked without installing it, every problem with its line."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import pytest

from srdi.cli.main import main
from srdi.validate import validate

TEXT = """某某省工业和信息化厅关于开展2030年专精特新企业认定的通知
某工信〔2030〕7号
一、企业上年度营业收入达到 2000万元及以上，资产负债率不高于 70%。
二、网上申报时间为 2030年 3月 1日至 3月 31日。
三、奖补资金 100万元，分两次拨付，认定当年拨付 50%，次年拨付剩余资金。
"""

NOTICE = """
[notice]
id = "demo-2030-7"
doc_number = "某工信〔2030〕7号"
title = "某某省工业和信息化厅关于开展2030年专精特新企业认定的通知"
issuer = ["某某省工业和信息化厅"]
issued_on = 2030-02-01
region = "330100"
text = "../texts/demo-2030-7.txt"

[[programs]]
id = "demo.srdi-2030"
title = "某某省专精特新企业（2030年）"
reference_year = 2029
rule = "eligibility"
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"

[[programs.groups]]
id = "eligibility"
label = "认定条件"
mode = "all"
of = ["revenue", "debt-ratio"]
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"

[[programs.criteria]]
id = "revenue"
label = "上年度营业收入达到2000万元及以上"
type = "compare"
metric = "revenue"
op = ">="
value = 2000
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"

[[programs.criteria]]
id = "debt-ratio"
label = "资产负债率不高于70%"
type = "compare"
metric = "debt_ratio"
op = "<="
value = 70
clause = "一"
quote = "资产负债率不高于70%"

[[programs.timeline]]
id = "online"
title = "网上申报"
kind = "window"
start = 2030-03-01
end = 2030-03-31
application = true
clause = "二"
quote = "网上申报时间为2030年3月1日至3月31日"

[programs.fund]
clause = "三"
quote = "奖补资金100万元"

[[programs.fund.components]]
id = "award"
label = "奖补资金"
kind = "fixed"
amount = 100
clause = "三"
quote = "奖补资金100万元"

[[programs.fund.components.tranches]]
id = "first"
label = "认定当年拨付"
share = 50
clause = "三"
quote = "认定当年拨付50%"

[[programs.fund.components.tranches]]
id = "second"
label = "次年拨付剩余资金"
share = "rest"
offset_years = 1
clause = "三"
quote = "次年拨付剩余资金"
"""

PLUGIN = '''
"""Hooks of the demo plugin."""

from importlib import resources
from pathlib import Path

from srdi import hookimpl
from srdi.regions import Region

HERE = resources.files(__package__)


@hookimpl
def srdi_register_regions():
    """某某市: a city no installed plugin serves (浙江省 is srdi-zhejiang's where the contrib plugins are installed)."""
    return [Region(code="330100", name="杭州市", slug="demo", level="city", parent="330000")]


@hookimpl
def srdi_register_notices():
    """The demo notices."""
    return sorted(Path(str(p)) for p in (HERE / "notices").iterdir() if p.name.endswith(".toml"))
'''

PYPROJECT = """
[project]
name = "srdi-demo"
version = "0.3.0"
dependencies = ["srdi"]

[project.entry-points."srdi.plugins"]
demo = "srdi_demo.plugin"

[tool.setuptools.packages.find]
where = ["src"]
"""


TRANCHE_70 = """
[[programs.fund.components.tranches]]
id = "third"
label = "第三次"
share = 70
clause = "三"
quote = "认定当年拨付50%"
"""


@pytest.fixture()
def plugin(tmp_path):
    """A plugin folder that is not installed."""
    pkg = tmp_path / "src" / "srdi_demo"
    (pkg / "notices").mkdir(parents=True)
    (pkg / "texts").mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "plugin.py").write_text(textwrap.dedent(PLUGIN))
    (pkg / "texts" / "demo-2030-7.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    notice = pkg / "notices" / "demo-2030-7.toml"
    notice.write_text(NOTICE, encoding="utf-8")
    return tmp_path, notice


def line_of(path, startswith, after=None):
    lines = path.read_text(encoding="utf-8").splitlines()
    start = 0 if after is None else next(i for i, ln in enumerate(lines) if ln.startswith(after))
    return next(i for i, ln in enumerate(lines) if i >= start and ln.startswith(startswith)) + 1


def test_a_good_plugin_validates_without_being_installed(plugin):
    root, _ = plugin
    assert validate(root) == []
    assert "srdi_demo" not in sys.modules  # imported for the check only


def test_three_planted_faults_are_all_reported_with_their_lines(plugin):
    _root, notice = plugin
    bad = NOTICE.replace("reference_year = 2029", "refrence_year = 2029")  # 1. a misspelled key
    bad = bad.replace('quote = "资产负债率不高于70%"', 'quote = "资产负债率不高于60%"')  # 2. a quote not in the text
    bad = bad.replace("end = 2030-03-31", "end = 2030-02-28")  # 3. a window that ends before it starts
    notice.write_text(bad, encoding="utf-8")
    found = {(f.problem.key, f.problem.line): f.problem.message for f in validate(notice)}
    assert found == {
        ("programs[0].refrence_year", line_of(notice, "refrence_year")): "未知的键（是否应为 'reference_year'？）",
        ("programs[0].criteria[1].quote", line_of(notice, 'quote = "资产负债率不高于60%"')): (
            "通知原文中找不到 quote：'资产负债率不高于60%'"
        ),
        ("programs[0].timeline[0].end", line_of(notice, "end = 2030-02-28")): (
            "结束日（2030-02-28）早于开始日（2030-03-01）"
        ),
    }


def test_semantic_faults_after_loading(plugin):
    root, notice = plugin
    # three tranches: 40%, the rest, and 70% → the rest has nothing left
    bad = NOTICE.replace("share = 50", "share = 40") + TRANCHE_70
    bad = bad.replace('metric = "debt_ratio"\nop = "<="\nvalue = 70', 'metric = "debt_ratio"\nop = "<="\nvaleu = 70')
    notice.write_text(bad, encoding="utf-8")
    found = {f.problem.key: (f.problem.message, f.problem.line) for f in validate(root)}
    assert found["programs[0].fund.components[0].tranches[1].share"][0] == ("其他批次已占 110%，没有余下部分")
    # a misspelled criterion argument is found when the criterion is compiled, and placed on its line
    assert found["programs[0].criteria[1].valeu"] == ("未知的键（是否应为 'value'？）", line_of(notice, "valeu"))


def test_overrides_must_resolve_and_units_must_match(plugin):
    root, notice = plugin
    extra = """
[[programs]]
id = "demo.srdi-2030-city"
title = "某市专精特新企业（2030年）"
extends = "demo.srdi-2030"
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"

[programs.overrides."revenue.valeu"]
value = 1500
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"
"""
    notice.write_text(NOTICE + extra, encoding="utf-8")
    found = {f.problem.key: f.problem for f in validate(root)}
    p = found["programs[1].overrides.revenue.valeu"]
    assert "没有可覆盖的值" in p.message and p.line == line_of(notice, '[programs.overrides."revenue.valeu"]')
    # a unit that is not the metric's: 营业收入 is money (万元), not a percentage
    notice.write_text(NOTICE.replace("value = 2000\n", 'value = 2000\nunit = "%"\n'), encoding="utf-8")
    [p] = [f.problem for f in validate(root)]
    assert (p.key, p.line) == ("programs[0].criteria[0].unit", line_of(notice, 'unit = "%"'))
    assert p.message == "单位 '%' 与 'revenue' 不符：后者以 '万元' 计"


def test_money_written_in_yuan_is_a_warning(plugin):
    root, notice = plugin
    notice.write_text(NOTICE.replace("value = 2000\n", "value = 20000000\n"), encoding="utf-8")
    found = [f for f in validate(root) if f.problem.key == "programs[0].criteria[0].value"]
    assert {f.severity for f in found} == {"warning"}
    assert any("是否按元填写" in f.problem.message for f in found)


def test_cli_exit_status_and_json(plugin, capsys):
    root, notice = plugin
    assert main(["validate", str(root)]) == 0
    assert capsys.readouterr().out.endswith(": 没有问题\n")
    notice.write_text(NOTICE.replace("end = 2030-03-31", "end = 2030-02-28"), encoding="utf-8")
    assert main(["validate", str(root), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["valid"] is False
    [f] = data["findings"]
    assert f["key"] == "programs[0].timeline[0].end" and f["line"] == line_of(notice, "end = 2030-02-28")


CITY_TEXT = "某市工业和信息化局关于开展2030年专精特新企业认定的通知\n某市工信〔2030〕2号\n一、企业上年度营业收入达到 1500万元及以上。\n"
CITY = """
[notice]
id = "demo-city-2030-2"
doc_number = "某市工信〔2030〕2号"
title = "某市工业和信息化局关于开展2030年专精特新企业认定的通知"
issuer = ["某市工业和信息化局"]
issued_on = 2030-02-10
region = "330100"
text = "../texts/demo-city-2030-2.txt"

[[programs]]
id = "demo.city-2030"
title = "某市专精特新企业（2030年）"
extends = "demo.srdi-2030"
clause = "一"
quote = "企业上年度营业收入达到1500万元及以上"

[programs.overrides."revenue.value"]
value = 1500
clause = "一"
quote = "企业上年度营业收入达到1500万元及以上"
"""


def test_one_file_is_checked_with_the_notices_it_builds_on(plugin):
    # the city notice extends a program of the plugin's other notice: checking the file alone
    # still resolves it, and reports only this file's problems
    root, _ = plugin
    pkg = root / "src" / "srdi_demo"
    (pkg / "texts" / "demo-city-2030-2.txt").write_text(CITY_TEXT, encoding="utf-8")
    city = pkg / "notices" / "demo-city-2030-2.toml"
    city.write_text(CITY, encoding="utf-8")
    assert validate(city) == []
    city.write_text(CITY.replace("value = 1500", "value = 1500\nreason = 1"), encoding="utf-8")
    [f] = validate(city)
    assert f.problem.file == str(city) and f.problem.key == "programs[0].overrides['revenue.value'].reason"


MISREAD = """
[[programs.criteria]]
id = "legal-person-figure"
label = "独立法人"
type = "compare"
metric = "independent_legal_person"
op = ">="
value = 1000
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"

[[programs.criteria]]
id = "revenue-flag"
label = "营业收入"
type = "flag"
fact = "revenue"
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"

[[programs.criteria]]
id = "legal-person-choice"
label = "独立法人"
type = "choice"
fact = "independent_legal_person"
any_of = ["是"]
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"

[[programs.criteria]]
id = "revenue-years"
label = "营业收入满2年"
type = "years_since"
fact = "revenue"
op = ">="
value = 2
clause = "一"
quote = "企业上年度营业收入达到2000万元及以上"
"""


def test_a_criterion_reading_a_fact_of_the_wrong_kind_is_refused_at_its_key(plugin):
    # Each of these compiled and gave a verdict that means nothing: a yes/no fact compared with 1000 (read as
    # the number 1, "not met" with a gap of 999), a money fact tested as yes/no, a yes/no fact as a choice,
    # the full years since a revenue (unknown for every enterprise). Each is refused at the argument naming the fact.
    root, notice = plugin
    bad = NOTICE.replace(
        'of = ["revenue", "debt-ratio"]',
        'of = ["revenue", "debt-ratio", "legal-person-figure", "revenue-flag", "legal-person-choice", "revenue-years"]',
    )
    bad = bad.replace("[[programs.timeline]]", MISREAD + "\n[[programs.timeline]]", 1)
    notice.write_text(bad, encoding="utf-8")
    found = {f.problem.key: f.problem.message for f in validate(root) if f.severity == "error"}
    assert found == {
        "programs[0].criteria[2].metric": "'independent_legal_person' 是 bool 类事实，不是数值：compare 只比较数值类事实（金额、数量、比例）",
        "programs[0].criteria[3].fact": "'revenue' 是 money 类事实，不是是/否：flag 只读取是/否类事实",
        "programs[0].criteria[4].fact": "'independent_legal_person' 是 bool 类事实，不是选项：choice 只读取选项类事实",
        "programs[0].criteria[5].fact": "'revenue' 不是日期类事实",
    }


RAISING = '''

@hookimpl
def srdi_register_metrics():
    """Fails, as a hook with a bug would."""
    raise RuntimeError("boom in metrics")
'''


def test_a_hook_that_raises_is_an_error_at_its_line_not_a_clean_bill(plugin):
    # the catalog sets such a plugin aside (the others load); validating it alone must not say 没有问题
    root, _ = plugin
    module = root / "src" / "srdi_demo" / "plugin.py"
    module.write_text(textwrap.dedent(PLUGIN) + RAISING, encoding="utf-8")
    [finding] = validate(root)
    raised = module.read_text(encoding="utf-8").splitlines().index('    raise RuntimeError("boom in metrics")') + 1
    assert (finding.severity, finding.problem.file, finding.problem.line) == ("error", str(module), raised)
    assert finding.problem.message == "RuntimeError: boom in metrics"


def test_programs_and_fields_outside_the_plugins_namespace_are_errors(plugin):
    # a program named liaoning.… in the demo plugin would take the Liaoning plugin's id once both are installed
    root, notice = plugin
    notice.write_text(NOTICE.replace('id = "demo.srdi-2030"', 'id = "liaoning.srdi-2030"'), encoding="utf-8")
    found = {(f.problem.key, f.problem.line): f.problem.message for f in validate(root)}
    assert found == {
        ("programs[0].id", line_of(notice, 'id = "liaoning.srdi-2030"')): (
            "项目编号 'liaoning.srdi-2030' 不在本插件的命名空间内：应以 demo. 开头"
        )
    }


def test_a_misquoted_file_still_has_its_criteria_checked_in_the_same_run(plugin):
    # a quote not in the text used to stop validate before the criteria were compiled: a misspelled criterion
    # argument showed only in the next run, once the quote was fixed
    _root, notice = plugin
    bad = NOTICE.replace('quote = "资产负债率不高于70%"', 'quote = "资产负债率不高于60%"')
    bad = bad.replace('metric = "debt_ratio"\nop = "<="\nvalue = 70', 'metric = "debt_ratio"\nop = "<="\nvaleu = 70')
    notice.write_text(bad, encoding="utf-8")
    found = {f.problem.key: f.problem.message for f in validate(notice)}
    assert found["programs[0].criteria[1].quote"] == "通知原文中找不到 quote：'资产负债率不高于60%'"
    assert found["programs[0].criteria[1].valeu"] == "未知的键（是否应为 'value'？）"


def test_a_notice_id_an_installed_plugin_uses_is_an_error_before_installing(plugin):
    # lngxgg-2022-9 is the id of 辽工信改革〔2022〕9号 in srdi-liaoning: installed beside it, the demo plugin would
    # be set aside (srdi.clashes). validate says so now, at the notice's id, naming the plugin and file holding it
    pytest.importorskip("srdi_liaoning")
    root, notice = plugin
    notice.write_text(NOTICE.replace('id = "demo-2030-7"', 'id = "lngxgg-2022-9"'), encoding="utf-8")
    (found,) = [f.problem for f in validate(root)]
    assert (found.key, found.line) == ("notice.id", line_of(notice, 'id = "lngxgg-2022-9"'))
    assert found.message.startswith("通知 id 'lngxgg-2022-9' 已由已安装的 srdi-liaoning@")
    assert found.message.endswith("lngxgg-2022-9.toml）：两者同时安装时，其中一个插件会被停用；请换一个 id")


def test_a_region_a_hook_claims_that_an_installed_plugin_serves_is_an_error_at_the_hook(plugin):
    # srdi-liaoning serves 辽宁省 (210000, claimed in its plugin.toml). A plugin of hooks returning 210000 from
    # srdi_register_regions would be set aside beside it (srdi.clashes); validate says so before installing, at
    # the module holding the hook, as it does at regions[i].code for a plugin.toml
    pytest.importorskip("srdi_liaoning")
    root, _notice = plugin
    module = root / "src" / "srdi_demo" / "plugin.py"
    source = module.read_text(encoding="utf-8")
    module.write_text(
        source.replace(
            'Region(code="330100", name="杭州市", slug="demo", level="city", parent="330000")',
            'Region(code="210000", name="辽宁省", slug="demo")',
        ),
        encoding="utf-8",
    )
    (found,) = [f for f in validate(root)]
    assert (found.severity, found.problem.file, found.problem.key) == ("error", str(module), "srdi_register_regions")
    assert found.problem.message == (
        "地区 210000（辽宁省）已由已安装的插件 liaoning（srdi-liaoning）负责：两者同时安装时，其中一个插件会被停用；"
        "只列名、不负责该地区的，请写 claim = false"
    )


def test_a_plugins_own_message_catalogue_is_checked_before_installing(plugin):
    # A plugin words its hooks' messages in locale/<lang>/LC_MESSAGES/srdi_demo.po, compiled to .mo.
    # Three faults the conformance suite would find only once installed, found here first: the English
    # .po edited and not compiled (the .mo still says "at most"), a code the Chinese catalogue has and
    # the English one lacks, and an English text filling a field ({year}) the Chinese one does not.
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import write_po

    root, _ = plugin

    def catalogue(lang, mo, po):
        where = root / "src" / "srdi_demo" / "locale" / lang / "LC_MESSAGES"
        where.mkdir(parents=True, exist_ok=True)
        for write, entries, suffix in ((write_mo, mo, ".mo"), (write_po, po, ".po")):
            cat = Catalog(locale=lang)
            for code, text in entries.items():
                cat.add(code, text)
            with open(where / f"srdi_demo{suffix}", "wb") as f:
                write(f, cat)

    zh = {"demo.cap": "最高{cap}", "demo.floor": "至少{n}", "demo.year": "{cap}（{year}年）"}
    catalogue("zh", zh, zh)
    en = {"demo.cap": "at most {cap}", "demo.year": "{cap} in {year} ({n})"}
    catalogue("en", en, {**en, "demo.cap": "up to {cap}"})
    found = {f.problem.message: (f.severity, f.problem.file) for f in validate(root)}
    assert "srdi_demo" not in sys.modules
    folder = root / "src" / "srdi_demo" / "locale"
    mo = folder / "en" / "LC_MESSAGES" / "srdi_demo.mo"
    compile_it = f"pybabel compile -D srdi_demo -d {folder}"
    assert found == {
        f"编译后的消息目录与其 .po 不一致（编辑后请运行 {compile_it}）：demo.cap": ("error", str(mo)),
        "插件自带的消息目录中，en 缺少 zh 有的消息：demo.floor": ("error", str(mo.with_suffix(".po"))),
        "插件自带的消息目录中，en 与 zh 的这些消息所填字段（{…}）不一致：demo.year": ("error", str(folder)),
    }
    # compiled again from sources that agree, the plugin validates clean
    en = {"demo.cap": "up to {cap}", "demo.floor": "at least {n}", "demo.year": "{cap} in {year}"}
    catalogue("en", en, en)
    assert validate(root) == []


def test_without_babel_the_catalogue_check_is_a_warning_not_a_silent_pass(plugin, monkeypatch):
    # babel reads .po and .mo files; an environment without it cannot check them, and says so
    import importlib.util

    root, _ = plugin
    (root / "src" / "srdi_demo" / "locale" / "zh" / "LC_MESSAGES").mkdir(parents=True)
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "babel" else real(name, *a))
    (only,) = validate(root)
    assert only.severity == "warning" and "babel" in only.problem.message


def test_a_notice_read_once_in_a_run_is_not_parsed_again_unless_its_file_changed(plugin, monkeypatch):
    # validating several folders builds a catalog for each, every one with the baseline's notices: a notice
    # is parsed and its quotes checked once in a run, unless its file changed since
    import srdi.validate as v

    root, notice = plugin
    read: list[str] = []
    real = v.check_notice

    def counted(path, *args, **kwargs):
        read.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(v, "check_notice", counted)
    monkeypatch.setattr(v, "_READ", {})
    assert validate(root) == []
    assert read.count(notice.name) == 1  # checked once: the catalog takes what the check read
    assert len(read) == len(set(read))  # the baseline's notices once each too
    read.clear()
    assert validate(root) == []
    assert read == [notice.name]  # a folder's own files are checked on every run; nothing else is parsed
    # a criterion edited between two runs is the one compiled: 营业收入 is money (万元), not a percentage
    read.clear()
    notice.write_text(NOTICE.replace("value = 2000\n", 'value = 2000\nunit = "%"\n'), encoding="utf-8")
    [p] = [f.problem for f in validate(root)]
    assert p.message == "单位 '%' 与 'revenue' 不符：后者以 '万元' 计"
