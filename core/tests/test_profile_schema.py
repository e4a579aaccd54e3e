"""The profile vocabulary as JSON Schema: a valid profile validates, a misspelled key does not."""

from __future__ import annotations

import jsonschema
import pytest

from srdi.schema import profile_schema


def test_schema_is_valid_and_accepts_a_profile(baseline):
    schema = profile_schema(baseline.vocabulary)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(
        {
            "enterprise": {"name": "甲", "listing_board": "北交所", "management_certs": ["iso9001"]},
            "years": {"2021": {"revenue": 1200, "employees": 30}},
            "plan": {"total_investment": 2100},
            "recognitions": [{"title": "national.little_giant", "year": 2022}],
            "attestations": {"quality_leading": True},
        },
        schema,
    )


@pytest.mark.parametrize(
    "bad",
    [
        {"enterprise": {"revenu": 1}},  # unknown key
        {"years": {"21": {"revenue": 1}}},  # year not four digits
        {"years": {"2021": {"employees": -3}}},  # a count cannot be negative
        {"enterprise": {"listing_board": "纳斯达克"}},  # not an offered choice
    ],
)
def test_schema_rejects(baseline, bad):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, profile_schema(baseline.vocabulary))
