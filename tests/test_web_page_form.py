"""The web page's form posted in-process (no browser): a malformed day, and titles left empty.

The firm is the Liaoning example (plugins/liaoning/examples/little-giant-eligible.toml,
沈阳, 91210100MA0YK3N252) checked on 2022-03-01 against 辽工信改革〔2022〕9号's little
giant tier, where it is eligible holding the provincial SRDI SME title (derivation in
plugins/liaoning/tests/test_lngxgg_2022.py).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest

pytest.importorskip("litestar")

from litestar.testing import TestClient

from srdi.web import Settings, create_app

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "plugins" / "liaoning" / "examples" / "little-giant-eligible.toml"
LG = "liaoning.little-giant-2022"
ON = "2022-03-01"
TITLE = "liaoning.srdi_sme"

pytestmark = pytest.mark.skipif(not EXAMPLE.exists(), reason="needs the Liaoning plugin's examples")


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(Settings())) as c:
        yield c


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def form_of(path: Path) -> list[tuple[str, str]]:
    """The page's inputs filled with a profile's facts, as a browser posts them (the title's year left out)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    fields = [("_credit_code", data["enterprise"]["credit_code"]), ("_on", ON), ("_program", LG)]
    for key, value in data["enterprise"].items():
        for item in value if isinstance(value, list) else [value]:
            fields.append((f"enterprise.{key}", _text(item)))
    for year, table in data["years"].items():
        fields += [(f"years.{year}.{key}", _text(value)) for key, value in table.items()]
    fields += [(f"attestations.{key}", _text(value)) for key, value in data["attestations"].items()]
    return fields


def post(client: TestClient, fields: list[tuple[str, str]]) -> str:
    """The page's answer to the form (fields repeat, as a browser sends checkboxes)."""
    r = client.post("/check", content=urlencode(fields), headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 200
    return r.text


def verdict(html: str) -> str:
    (found,) = re.findall(r'data-verdict="([a-z_]+)"', html)
    return found


def outcome(html: str, criterion: str) -> str:
    row = re.search(rf'data-criterion="{criterion}".*?</tr>', html, re.S)
    assert row, criterion
    return re.findall(r'class="o-([a-z_]+)"', row.group(0))[0]


def test_a_malformed_day_shows_the_page_with_its_message(client):
    """2022-13-01 has no 13th month: the page, with the message GET / gives for the same day, not a 500."""
    r = client.post("/check", data={"_on": "2022-13-01", "_region": "210000", "_program": LG, "enterprise.name": "x"})
    assert r.status_code == 200
    message = '<p class="error">评价日 2022-13-01 不是有效日期（如 2022-03-01）</p>'
    assert message in r.text
    assert message in client.get("/", params={"on": "2022-13-01", "region": "210000"}).text


def test_titles_left_empty_say_the_firm_holds_none(client):
    """三（一）4: "申报专精特新“小巨人”企业应当是有效期内的专精特新中小企业".

    The form asks the title's year ("未获得留空"). Left empty, the firm holds no
    provincial SRDI SME title: the prerequisite is not met and, every other clause being
    met as in the example, the verdict is 不符合条件 (ineligible), not 信息不完整.
    With the year 2021 (the example's title, in force on 2022-03-01) it is eligible.
    """
    fields = form_of(EXAMPLE)
    page = post(client, [*fields, (f"recognitions.{TITLE}", "")])
    assert outcome(page, "prerequisite") == "not_met"
    assert verdict(page) == "ineligible"
    assert "[[recognitions]]" not in page  # no advice to edit TOML
    held = post(client, [*fields, (f"recognitions.{TITLE}", "2021")])
    assert outcome(held, "prerequisite") == "met"
    assert verdict(held) == "eligible"
