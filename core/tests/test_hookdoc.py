"""docs/hooks.md is generated from the hook docstrings and must not go stale."""

from __future__ import annotations

from pathlib import Path

from srdi import hookdoc

DOC = Path(__file__).parents[2] / "docs" / "hooks.md"


def test_the_hook_reference_is_up_to_date():
    assert DOC.read_text(encoding="utf-8") == hookdoc.render(), (
        "docs/hooks.md is stale: run `python -m srdi.hookdoc > docs/hooks.md`"
    )


def test_every_hook_has_its_section_and_record_table():
    text = hookdoc.render()
    for fn in hookdoc.hooks():
        assert f"## `{fn.__name__}`" in text
    # every hook but the notices one returns a documented record
    assert text.count("| field | type | default |") == len(hookdoc.hooks()) - 1
