"""Fixtures for the Liaoning plugin's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

import srdi
from srdi.catalog import Catalog

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture(scope="session")
def liaoning() -> Catalog:
    """The baseline plus the Liaoning plugin, and nothing else."""
    return srdi.load(["liaoning"])


@pytest.fixture()
def example(liaoning):
    """Load a shipped example profile by name."""
    return lambda name: liaoning.load_profile(EXAMPLES / f"{name}.toml")


@pytest.fixture()
def why_not(liaoning):
    """The criteria that decide a verdict against the enterprise.

    Walks the rule tree from the root through the nodes that are not met: every
    not-met child of an all-of or at-least group, every child of an any-of group,
    and for a none-of group (exclusions) the children that hold. Alternatives that
    fail inside a group met some other way are left out.
    """

    def blockers(result) -> list[str]:
        program = liaoning.program(result.program)
        groups = {g.id: g for g in result.groups}
        criteria = {c.id: c for c in result.criteria}
        out: list[str] = []

        def walk(node_id: str) -> None:
            if node_id in criteria:
                out.append(node_id)
                return
            g = groups[node_id]
            for child in g.of:
                outcome = (groups.get(child) or criteria[child]).outcome.value
                if outcome == ("met" if g.mode == "none" else "not_met"):
                    walk(child)

        if groups[program.rule].outcome.value == "not_met":
            walk(program.rule)
        return out

    return blockers
