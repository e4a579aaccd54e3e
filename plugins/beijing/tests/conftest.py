"""Fixtures for the Beijing plugin's tests."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import srdi
from srdi.catalog import Catalog
from srdi.profile import Profile

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture(scope="session")
def beijing() -> Catalog:
    """The baseline plus the Beijing plugin, and nothing else."""
    return srdi.load(["beijing"])


@pytest.fixture()
def example(beijing):
    """Load a shipped example profile by name."""
    return lambda name: beijing.load_profile(EXAMPLES / f"{name}.toml")


class Tweak:
    """Copies of a profile with some facts replaced (keys as in the vocabulary)."""

    @staticmethod
    def facts(p: Profile, **facts) -> Profile:
        """``p`` with one-value facts replaced, e.g. ``**{"beijing.ipo_stage": "listed"}``."""
        return attrs.evolve(p, facts={**p.facts, **facts})

    @staticmethod
    def year(p: Profile, year: int, **facts) -> Profile:
        """``p`` with some of one year's facts replaced."""
        return attrs.evolve(p, years={**p.years, year: {**p.years.get(year, {}), **facts}})


@pytest.fixture()
def tweak() -> type[Tweak]:
    """Profile copies with facts replaced."""
    return Tweak
