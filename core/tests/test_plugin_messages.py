"""A plugin's own messages: its gettext domain beside its package, spoken in srdi's language.

Fund components and conditions a plugin adds word their working in its own catalogue
(``locale/<lang>/LC_MESSAGES/<package>.mo``), so a region's wording needs no edit of the
core's; the conformance suite checks such a catalogue is compiled, current and the same
in every language.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from srdi.i18n import Messages, speaking
from srdi.plugins import Loaded
from srdi.testing.checks import catalogue_problems

DOMAIN = "srdi_fake"


def catalogue(root: Path, lang: str, messages: dict[str, str], po: dict[str, str] | None = None) -> None:
    """Compile ``messages`` to ``root/<lang>/LC_MESSAGES/srdi_fake.mo``, and write ``po`` (default the same) beside it."""
    where = root / lang / "LC_MESSAGES"
    where.mkdir(parents=True, exist_ok=True)
    for suffix, entries in ((".mo", messages), (".po", messages if po is None else po)):
        cat = Catalog(locale=lang)
        for code, text in entries.items():
            cat.add(code, text)
        with open(where / f"{DOMAIN}{suffix}", "wb") as f:
            (write_mo if suffix == ".mo" else write_po)(f, cat)


@pytest.fixture()
def plugin(tmp_path, monkeypatch):
    package = tmp_path / DOMAIN
    package.mkdir()
    module = types.ModuleType(DOMAIN)
    module.__path__ = [str(package)]  # as a namespace package has it: a data-only plugin has no __init__.py
    monkeypatch.setitem(sys.modules, DOMAIN, module)
    return Loaded("fake", "srdi-fake", "0.1", module, ("srdi_register_notices",))


def test_a_plugins_messages_speak_the_language_chosen_for_srdis(tmp_path):
    catalogue(tmp_path, "zh", {"fake.cap": "最高{cap}"})
    catalogue(tmp_path, "en", {"fake.cap": "at most {cap}"})
    say = Messages(DOMAIN, tmp_path)
    assert say("fake.cap", cap="100万元") == "最高100万元"
    with speaking("en"):
        assert say("fake.cap", cap="100万元") == "at most 100万元"


def test_a_language_the_plugin_lacks_falls_back_to_its_chinese(tmp_path):
    catalogue(tmp_path, "zh", {"fake.cap": "最高{cap}"})
    with speaking("en"):
        assert Messages(DOMAIN, tmp_path)("fake.cap", cap="1") == "最高1"
        assert Messages(DOMAIN, tmp_path / "none")("fake.cap") == "fake.cap"  # no catalogue: the code itself


def test_a_complete_catalogue_passes_conformance(plugin, tmp_path):
    catalogue(tmp_path / DOMAIN / "locale", "zh", {"fake.cap": "最高{cap}"})
    catalogue(tmp_path / DOMAIN / "locale", "en", {"fake.cap": "at most {cap}"})
    assert catalogue_problems(plugin) == []


def test_a_plugin_without_messages_has_nothing_to_check(plugin):
    assert catalogue_problems(plugin) == []


def test_a_missing_language_a_stale_mo_and_differing_codes_are_each_named(plugin, tmp_path):
    root = tmp_path / DOMAIN / "locale"
    catalogue(root, "zh", {"fake.cap": "最高{cap}"})
    (only,) = catalogue_problems(plugin)
    # named at the .po to compile, with the command that compiles it
    assert (
        only.file.endswith("en/LC_MESSAGES/srdi_fake.po") and f"pybabel compile -D {DOMAIN} -d {root}" in only.message
    )
    # the English .po was edited and not compiled; English lacks a code Chinese has, and Chinese one English has
    catalogue(root, "zh", {"fake.cap": "最高{cap}", "fake.floor": "至少{n}"})
    catalogue(root, "en", {"fake.cap": "at most {cap}", "fake.note": "note"}, po={"fake.cap": "up to {cap}"})
    stale, zh_lacks, en_lacks = catalogue_problems(plugin)
    # fake.cap is worded differently in the .po, fake.note is not in it: the .mo is not the .po compiled
    assert stale.file.endswith("en/LC_MESSAGES/srdi_fake.mo") and stale.message.endswith("fake.cap、fake.note")
    assert en_lacks.file.endswith("en/LC_MESSAGES/srdi_fake.po") and en_lacks.message.endswith(
        "zh 有的消息：fake.floor"
    )
    assert zh_lacks.file.endswith("zh/LC_MESSAGES/srdi_fake.po") and zh_lacks.message.endswith("en 有的消息：fake.note")


def test_a_field_only_one_language_fills_is_named(plugin, tmp_path):
    # the hook fills {cap} only: the English text's {year} would fail with KeyError in English alone
    root = tmp_path / DOMAIN / "locale"
    catalogue(root, "zh", {"fake.cap": "最高{cap}", "fake.brace": "{{注}}{cap}"})
    catalogue(root, "en", {"fake.cap": "at most {cap} in {year}", "fake.brace": "{{note}}{cap}"})
    (differ,) = catalogue_problems(plugin)
    assert differ.message.endswith("fake.cap")  # {{…}} is a brace, not a field: fake.brace agrees


@pytest.mark.parametrize("name", ["beijing", "hebei", "tianjin"])
def test_the_shipped_plugins_catalogues_are_found_and_checked(name):
    # Beijing and Hebei are declared in plugin.toml, so they are registered as a module named
    # "srdi_<name>:plugin.toml"; Tianjin too. Each ships locale/ with its fund workings (messages.py):
    # the check must find that catalogue, not report a clean bill for a plugin it did not look at.
    import srdi
    from srdi.plugins import installed
    from srdi.testing.checks import plugin_messages

    if name not in {p.name for p in installed()}:  # a cell of the test matrix installs the core and a few plugins
        pytest.skip(f"srdi-{name} is not installed")
    loaded = srdi.load([name]).host.loaded[name]
    found = plugin_messages(loaded)
    assert found is not None and found.domain == f"srdi_{name}"
    assert set(found.languages()) == {"zh", "en"}
    assert catalogue_problems(loaded) == []


def test_a_declared_plugins_stale_catalogue_fails(plugin, tmp_path):
    # the same fake package, registered as a plugin.toml declaration names it
    declared = types.ModuleType(f"{DOMAIN}:plugin.toml")
    loaded = Loaded("fake", "srdi-fake", "0.1", declared, ("srdi_register_notices",))
    catalogue(tmp_path / DOMAIN / "locale", "zh", {"fake.cap": "最高{cap}"})
    (only,) = catalogue_problems(loaded)
    assert only.file.endswith("en/LC_MESSAGES/srdi_fake.po") and ".mo" in only.message


def test_a_text_asking_for_a_field_the_hook_does_not_give_is_a_plugin_error_naming_it(tmp_path):
    # both .po renamed {cap} to {limit} while the hook still passes cap=: a clear error at the .po, not KeyError
    from srdi.errors import PluginError

    catalogue(tmp_path, "zh", {"fake.cap": "最高{limit}"})
    catalogue(tmp_path, "en", {"fake.cap": "at most {limit}"})
    with pytest.raises(PluginError) as err:
        Messages(DOMAIN, tmp_path)("fake.cap", cap="100万元")
    (problem,) = err.value.problems
    assert problem.file == str(tmp_path / "zh" / "LC_MESSAGES" / f"{DOMAIN}.po")
    assert (
        problem.message == "插件消息 fake.cap 无法填写：其文字要求字段 limit，插件代码只提供了 cap；请核对 .po 与代码"
    )


# ------------------------------------------------------------------ codes the plugin's Python passes
HOOKS = """\
from pathlib import Path

from srdi.i18n import Messages, t, tn

say = Messages("srdi_fake", Path(__file__).parent / "locale")


def words(cap):
    ok = t("fund.capped", cap=cap) + say("fake.cap", cap=cap)
    return ok + t("fund.no_such_code") + say("fake.no_such_code") + tn("unit.years", 2, n=2)
"""


def test_each_message_code_no_catalogue_has_is_named_at_its_line(plugin, tmp_path):
    # fund.capped (srdi's) and fake.cap (the plugin's) are worded; fund.no_such_code is in no srdi catalogue and
    # fake.no_such_code in none of the plugin's: each would print as the code itself, so each is named at the
    # line that passes it (line 10 of the module); unit.years is srdi's plural entry, worded through tn
    from srdi.testing.checks import code_problems

    catalogue(tmp_path / DOMAIN / "locale", "zh", {"fake.cap": "最高{cap}"})
    catalogue(tmp_path / DOMAIN / "locale", "en", {"fake.cap": "at most {cap}"})
    (tmp_path / DOMAIN / "hooks.py").write_text(HOOKS, encoding="utf-8")
    found = sorted((p.line, p.message) for p in code_problems(DOMAIN))
    assert found == [
        (
            10,
            "srdi 的消息目录中没有消息代码 'fund.no_such_code'：输出时会原样显示代码（请改用已有的代码，或在插件自己的目录中添加并用 Messages 输出）",
        ),
        (
            10,
            "插件自己的消息目录中没有消息代码 'fake.no_such_code'：输出时会原样显示代码（请在各语言的 .po 中添加并编译）",
        ),
    ]
    assert {p.file for p in code_problems(DOMAIN)} == {str(tmp_path / DOMAIN / "hooks.py")}
