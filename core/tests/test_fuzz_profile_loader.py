"""Whatever a profile holds, the loader answers with a profile or a ProfileError naming the problem.

Structures are drawn with the profile's own section and field names as keys (so
the checks deep inside are reached), mixed with keys and values of every type
JSON, TOML or a Python caller can produce: ``nan``, huge integers, dates, nesting.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import srdi
from srdi.errors import ProfileError
from srdi.profile import Profile
from srdi.profile.load import load_profile, profile_from_dict

CATALOG = srdi.load(["liaoning"])
VOCAB = CATALOG.vocabulary
FIELDS = sorted(f.key for f in VOCAB if "." not in f.key)
KEYS = st.one_of(
    st.sampled_from(["enterprise", "years", "plan", "recognitions", "attestations", "note", "title", "year"]),
    st.sampled_from(FIELDS),
    st.sampled_from(["2021", "2020", "21", "²⁰²¹", "２０２１", "liaoning", "granted_on", "valid_until"]),
    st.text(max_size=8),
    st.integers(-3, 2022),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(
        ["6800", "3%", "0.03", "5万元", "1亿元", "是", "2021-06-01", "liaoning.srdi_sme", "辽宁省专精特新中小企业"]
    ),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)),
    max_leaves=30,
)
PROFILES = st.dictionaries(KEYS, VALUES, max_size=6)


def finite(profile: Profile) -> bool:
    numbers = [v for y in profile.years.values() for v in y.values()] + list(profile.facts.values())
    return all(math.isfinite(v) for v in numbers if isinstance(v, float))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PROFILES)
def test_any_structure_gives_a_profile_or_a_profile_error(data):
    try:
        profile = profile_from_dict(data, VOCAB, "fuzz.toml", CATALOG.titles)
    except ProfileError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        return
    assert finite(profile)
    for r in profile.recognitions or ():
        assert r.title in CATALOG.titles.by_id  # a kept recognition names a known title
    profile.to_frame(VOCAB)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(
        st.binary(max_size=200),
        st.text(max_size=200).map(lambda t: t.encode("utf-8")),
        st.sampled_from(
            [b"[enterprise]\nname = ", b'{"enterprise": ', b"\xef\xbb\xbf{", b"[[recognitions]]\n"]
        ).flatmap(lambda head: st.binary(max_size=60).map(lambda tail: head + tail)),
    ),
    st.sampled_from(["p.toml", "p.json", "p"]),
)
def test_any_bytes_give_a_profile_or_a_profile_error(tmp_path_factory, raw, name):
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(raw)
    try:
        load_profile(path, VOCAB, CATALOG.titles)
    except ProfileError as exc:
        assert exc.problems[0].file == str(path)


@pytest.mark.parametrize("bad", [{1: 2}, [1, 2], None, "enterprise", {"years": {"2021": {"revenue": float("nan")}}}])
def test_known_bad_structures_are_profile_errors(bad):
    with pytest.raises(ProfileError):
        profile_from_dict(bad, VOCAB, None, CATALOG.titles)
