"""Fixtures for the Shanghai plugin's tests."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import attrs
import pytest

import srdi
from srdi.catalog import Catalog
from srdi.profile import Profile

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture(scope="session")
def shanghai() -> Catalog:
    """The baseline plus the Shanghai plugin, and nothing else."""
    return srdi.load(["shanghai"])


@pytest.fixture()
def example(shanghai):
    """Load a shipped example profile by name."""
    return lambda name: shanghai.load_profile(EXAMPLES / f"{name}.toml")


def _year(profile: Profile, year: int, **facts: float) -> Profile:
    return attrs.evolve(profile, years={**profile.years, year: profile.years.get(year, {}) | facts})


def _facts(profile: Profile, **facts: object) -> Profile:
    # plugin keys are spelled with a double underscore: shanghai__national_rank
    renamed = {k.replace("__", "."): v for k, v in facts.items()}
    return attrs.evolve(profile, facts={**profile.facts, **renamed})


def _attest(profile: Profile, **answers: bool) -> Profile:
    return attrs.evolve(profile, attestations={**profile.attestations, **answers})


@pytest.fixture(scope="session")
def edit():
    """Variations of a profile: ``edit.year(p, 2020, revenue=…)``, ``edit.facts``, ``edit.attest``,
    and ``edit.replace`` (any attribute of the profile, e.g. ``attestations={}``)."""
    return SimpleNamespace(year=_year, facts=_facts, attest=_attest, replace=attrs.evolve)
