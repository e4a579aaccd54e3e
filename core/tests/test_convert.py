"""The strict converter: values typed Any pass through untouched, on every supported Python."""

from __future__ import annotations

from typing import Any

from attrs import frozen

from srdi._convert import converter


@frozen
class _Holder:
    value: Any
    values: dict[str, Any]


def test_any_passes_through_unchanged():
    # a parameter's value may be a number, a string, a list or a table: Any keeps each as given
    data = {"value": [1, "two"], "values": {"a": 1.5, "b": "x", "c": True}}
    held = converter.structure(data, _Holder)
    assert held.value == [1, "two"]
    assert held.values == {"a": 1.5, "b": "x", "c": True}
    assert converter.structure("70%", Any) == "70%"
