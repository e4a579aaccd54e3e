"""The profile JSON Schema takes plugin fields in the layouts the profile reader takes, and no others.

Plugins document their fields in their namespace's table ([enterprise.hebei], [years.2020.hebei],
plugins/hebei/src/srdi_hebei/fields.toml); the reader (srdi.profile.load) also takes the whole
dotted key in [enterprise] and [years.YYYY], but in [plan] only the namespace's table.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pytest

import srdi
from srdi.errors import ProfileError
from srdi.profile.load import profile_from_dict
from srdi.views import profile_schema_json

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).parent.parent
HEBEI = ROOT / "plugins" / "hebei" / "examples" / "srdi-sme-eligible.toml"


@pytest.fixture(scope="module")
def catalog():
    return srdi.load()


@pytest.fixture(scope="module")
def validator(catalog):
    schema = profile_schema_json(catalog)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def as_json(path: Path) -> dict:
    """A TOML profile as the same profile written in JSON (days as ISO text)."""
    return json.loads(json.dumps(tomllib.loads(path.read_text(encoding="utf-8")), default=str))


@pytest.mark.skipif(not HEBEI.exists(), reason="needs the Hebei plugin's examples")
def test_the_hebei_example_validates(validator):
    """srdi-sme-eligible.toml ("Expected: eligible for hebei.srdi-sme on 2021-06-01", ``srdi check``
    reads it) holds ``[years.2020.hebei] main_product_sales = 2300`` and ``[enterprise.hebei]``.
    Before, the schema listed yearly plugin fields flat only and refused the table ``hebei``.
    """
    assert [e.message for e in validator.iter_errors(as_json(HEBEI))] == []


#: (profile, whether the reader takes it): each layout of a plugin field in each section.
LAYOUTS = [
    ({"years": {"2020": {"hebei": {"main_product_sales": 2300}}}}, True),  # as fields.toml documents it
    ({"years": {"2020": {"hebei.main_product_sales": 2300}}}, True),  # the whole key
    ({"years": {"2020": {"hebei": {"hebei.main_product_sales": 2300}}}}, False),  # the namespace twice
    ({"years": {"2020": {"liaoning": {"key_fields": []}}}}, False),  # an enterprise fact under a year
    ({"enterprise": {"liaoning": {"key_fields": ["three_articles"]}}}, True),
    ({"enterprise": {"liaoning.key_fields": ["three_articles"]}}, True),
    ({"enterprise": {"hebei": {"main_product_sales": 2300}}}, False),  # a yearly fact in [enterprise]
    ({"enterprise": {"hebei.main_product_sales": 2300}}, False),
    ({"plan": {"jiangsu": {"revenue_2023": 5000}}}, True),  # [plan.jiangsu]
    ({"plan": {"jiangsu.revenue_2023": 5000}}, False),  # the reader takes "plan_" + the key: unknown
    ({"plan": {"total_investment": 2100}}, True),
    ({"plan": {"plan_total_investment": 2100}}, False),
    ({"enterprise": {"liaoning": {}}}, True),  # a plugin's table with nothing in it yet
    ({"enterprise": {"lioaning": {}}}, False),  # an empty table under a name no plugin has
    ({"years": {"2020": {"hebie": {}}}}, False),
]


@pytest.mark.parametrize(("profile", "read"), LAYOUTS)
def test_the_schema_takes_what_the_reader_takes(catalog, validator, profile, read):
    needed = {"hebei.main_product_sales", "liaoning.key_fields", "jiangsu.revenue_2023"}
    if not needed <= set(catalog.vocabulary.keys()):
        pytest.skip("needs the Hebei, Liaoning and Jiangsu plugins")
    try:
        profile_from_dict(profile, catalog.vocabulary)
    except ProfileError:
        taken = False
    else:
        taken = True
    assert taken == read  # the reader as described above
    assert validator.is_valid(profile) == read
