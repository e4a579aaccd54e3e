"""The platform vocabulary: services a 中小企业公共服务示范平台 provides, read from labels or values."""

from __future__ import annotations

import pytest

from srdi.errors import ProfileError


def test_platform_services_read_from_labels_and_count_towards_a_choice(baseline):
    # the labels are the wording of the national list (技术创新服务，上市辅导等融资服务，…)
    p = baseline.load_profile_data({"enterprise": {"platform_services": ["技术创新服务", "cloud"]}})
    assert p.facts["platform_services"] == ("tech_innovation", "cloud")
    row = p.to_row(baseline.vocabulary)
    # a listed multiple choice is known for every option: ticked 1, the others 0
    assert row["platform_services.tech_innovation"] == 1.0 and row["platform_services.cloud"] == 1.0
    assert row["platform_services.financing"] == 0.0


def test_an_unknown_service_is_named_with_the_choices(baseline):
    with pytest.raises(ProfileError) as err:
        baseline.load_profile_data({"enterprise": {"platform_services": ["路演"]}}, source="p.toml")
    (problem,) = err.value.problems
    assert problem.key == "enterprise.platform_services"
    assert "技术创新服务" in problem.message
