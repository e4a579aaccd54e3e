"""Hook specifications: prefixed, documented, and enforced against misspelled implementations."""

from __future__ import annotations

import inspect

import pytest

from srdi import hookspecs
from srdi.errors import PluginError
from srdi.plugins import PluginHost, module_plugin

SPECS = [getattr(hookspecs, n) for n in dir(hookspecs) if n.startswith("srdi_")]


def test_there_are_hooks_for_the_four_concerns_and_registration():
    names = {f.__name__ for f in SPECS}
    assert {
        "srdi_register_condition_types",
        "srdi_register_form_checks",
        "srdi_register_event_kinds",
        "srdi_register_fund_components",
        "srdi_register_regions",
        "srdi_register_notices",
        "srdi_register_metrics",
        "srdi_register_fields",
    } <= names


@pytest.mark.parametrize("spec", SPECS, ids=lambda f: f.__name__)
def test_every_hook_is_documented(spec):
    doc = inspect.getdoc(spec) or ""
    assert "Called" in doc, "say when the hook is called"
    assert "Return" in doc, "say what it returns"
    assert len(doc.split()) >= 25


def test_a_misspelled_hook_is_refused():
    host = PluginHost()
    with pytest.raises(PluginError, match="srdi_register_notice"):
        host.register(module_plugin("typo", srdi_register_notice=lambda: []), "typo")
    assert "typo" not in host.loaded  # nothing half-registered
