"""Fixtures for the Hebei plugin's tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest

import srdi
from srdi.catalog import Catalog
from srdi.profile import Profile, Recognition

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture(scope="session")
def hebei() -> Catalog:
    """The baseline plus the Hebei plugin, and nothing else."""
    return srdi.load(["hebei"])


@pytest.fixture()
def example(hebei):
    """Load a shipped example profile by name."""
    return lambda name: hebei.load_profile(EXAMPLES / f"{name}.toml")


def with_year(profile: Profile, year: int, facts: dict[str, Any]) -> Profile:
    """``profile`` with some facts of one year replaced (or added)."""
    return attrs.evolve(profile, years={**profile.years, year: {**profile.years.get(year, {}), **facts}})


def with_facts(profile: Profile, facts: dict[str, Any]) -> Profile:
    """``profile`` with some one-value facts replaced (or added)."""
    return attrs.evolve(profile, facts={**profile.facts, **facts})


def with_titles(profile: Profile, *titles: Recognition) -> Profile:
    """``profile`` holding exactly ``titles``."""
    return attrs.evolve(profile, recognitions=tuple(titles))


def with_attestations(profile: Profile, answers: dict[str, bool]) -> Profile:
    """``profile`` with some reviewer's answers added."""
    return attrs.evolve(profile, attestations={**profile.attestations, **answers})


def without(profile: Profile, *keys: str) -> Profile:
    """``profile`` without some one-value facts."""
    return attrs.evolve(profile, facts={k: v for k, v in profile.facts.items() if k not in keys})


def without_year(profile: Profile, year: int, *keys: str) -> Profile:
    """``profile`` without some facts of one year."""
    kept = {k: v for k, v in profile.years.get(year, {}).items() if k not in keys}
    return attrs.evolve(profile, years={**profile.years, year: kept})


def outcome(result, node: str) -> str:
    """The outcome of a criterion or group of a result, by id."""
    for c in result.criteria:
        if c.id == node:
            return c.outcome.value
    return result.group(node).outcome.value


@pytest.fixture(scope="session")
def edit():
    """Helpers that derive a profile from an example, and read outcomes by node id."""
    from types import SimpleNamespace

    return SimpleNamespace(
        year=with_year,
        facts=with_facts,
        titles=with_titles,
        attest=with_attestations,
        without=without,
        without_year=without_year,
        outcome=outcome,
    )
