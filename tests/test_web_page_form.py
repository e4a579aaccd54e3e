"""The web page's form posted in-process (no browser): a malformed day, titles left empty, and its markup.

The firm is the Liaoning example (plugins/liaoning/examples/little-giant-eligible.toml,
沈阳, 91210100MA0YK3N252) checked on 2022-03-01 against 辽工信改革〔2022〕9号's little
giant tier, where it is eligible holding the provincial SRDI SME title (derivation in
plugins/liaoning/tests/test_lngxgg_2022.py).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from html.parser import HTMLParser
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


class Markup(HTMLParser):
    """A page's elements: each one's tag and attributes, with the legends of the fieldsets around it."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str], tuple[str, ...]]] = []
        self.fieldsets: list[list[str]] = []  # the open fieldsets' legend text so far
        self.in_legend = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        legends = tuple("".join(f).strip() for f in self.fieldsets)
        self.elements.append((tag, {k: v or "" for k, v in attrs}, legends))
        if tag == "fieldset":
            self.fieldsets.append([])
        elif tag == "legend":
            self.in_legend = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "fieldset":
            self.fieldsets.pop()
        elif tag == "legend":
            self.in_legend = False

    def handle_data(self, data: str) -> None:
        if self.in_legend and self.fieldsets:
            self.fieldsets[-1].append(data)


#: The form of the little giant tier, for the example firm (reached by its credit code).
FORM_PAGE = f"/?credit_code=91210100MA0YK3N252&on={ON}&program={LG}"


def test_every_label_names_a_control_of_the_page(client):
    """A ``<label for>`` names the id of an input, select or textarea: a screen reader reads it with that control.

    The form has every kind of field the schema gives: text, numbers, dates, yes/no and
    single choices (selects) and multiple choices (checkboxes).
    """
    page = Markup(client.get(FORM_PAGE).text)
    controls = {a["id"]: tag for tag, a, _ in page.elements if "id" in a and tag in ("input", "select", "textarea")}
    named = [a["for"] for tag, a, _ in page.elements if tag == "label" and "for" in a]
    assert named and [n for n in named if n not in controls] == []
    kinds = {(tag, a.get("type", "")) for tag, a, _ in page.elements if a.get("name", "").startswith("enterprise.")}
    assert {("input", "text"), ("input", "number"), ("input", "date"), ("select", ""), ("input", "checkbox")} <= kinds


def test_a_multiple_choice_is_a_fieldset_named_by_its_legend(client):
    """管理体系认证 (enterprise.management_certs, the vocabulary's label) is a group of checkboxes.

    No single element stands for the group, so it is a fieldset whose legend names it;
    each box is labelled by the label around it.
    """
    page = Markup(client.get(FORM_PAGE).text)
    boxes = [(a, legends) for tag, a, legends in page.elements if a.get("name") == "enterprise.management_certs"]
    assert boxes and all(a["type"] == "checkbox" for a, _ in boxes)
    # inside the section's fieldset (企业基本情况), the group's own: its legend is the field's label
    assert {legends[-1] for _, legends in boxes} == {"管理体系认证"}
    assert not any(a.get("for") == "enterprise.management_certs" for tag, a, _ in page.elements if tag == "label")


def test_the_credit_code_hint_is_announced_as_it_changes(client):
    """page.js rewrites the hint as the user types ("还差 N 位"): a live region, read with the input."""
    page = Markup(client.get("/").text)
    (hint,) = [a for _, a, _ in page.elements if a.get("id") == "credit_code_hint"]
    assert hint.get("aria-live") == "polite"
    (code,) = [a for tag, a, _ in page.elements if tag == "input" and a.get("id") == "credit_code"]
    assert "credit_code_hint" in code.get("aria-describedby", "").split()


def test_every_help_text_of_the_first_step_is_read_with_its_input(client):
    """A help text under an input (评价日's "默认今天；按该日判断受理中的项目与“上年度”") is announced with it.

    Before, 评价日's help had no id, so a screen reader on the date input never read it.
    """
    page = Markup(client.get("/").text)
    helps = [a.get("id") for tag, a, _ in page.elements if tag == "small" and "help" in a.get("class", "").split()]
    described = {
        d for tag, a, _ in page.elements if tag in ("input", "select") for d in a.get("aria-describedby", "").split()
    }
    assert len(helps) >= 2  # the credit code's and 评价日's
    assert [h for h in helps if h not in described] == []


# ------------------------------------------------------------------ plugin fields and the years asked
BEIJING = ROOT / "plugins" / "beijing" / "examples" / "kg-innovation-rewards.toml"
HEBEI = ROOT / "plugins" / "hebei" / "examples" / "srdi-sme-eligible.toml"


def page_inputs(client: TestClient, path: Path, on: str, program: str) -> tuple[str, set[str]]:
    """The page for a profile's firm (reached by its credit code) and the names of the inputs it offers."""
    code = tomllib.loads(path.read_text(encoding="utf-8"))["enterprise"]["credit_code"]
    html = client.get("/", params={"credit_code": code, "on": on, "program": program}).text
    names = {a["name"] for tag, a, _ in Markup(html).elements if tag in ("input", "select") and "name" in a}
    return html, names


def filled(path: Path, names: set[str], on: str, program: str) -> list[tuple[str, str]]:
    """Every input of the page that the profile has a value for, as a browser posts them."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    fields = [("_credit_code", data["enterprise"]["credit_code"]), ("_on", on), ("_program", program)]

    def add(name: str, value: object) -> None:
        if isinstance(value, dict):  # a plugin's table: [enterprise.beijing], [years.2020.beijing]
            for k, v in value.items():
                add(f"{name}.{k}", v)
        elif name in names:
            fields.extend((name, _text(v)) for v in (value if isinstance(value, list) else [value]))

    for key, value in data["enterprise"].items():
        add(f"enterprise.{key}", value)
    for year, table in data["years"].items():
        for key, value in table.items():
            add(f"years.{year}.{key}", value)
    for key, value in data.get("attestations", {}).items():
        add(f"attestations.{key}", value)
    for rec in data.get("recognitions", []):
        add(f"recognitions.{rec['title']}", rec.get("year", ""))
        for suffix, key in (("granted_on", "granted_on"), ("revoked_on", "revoked_on")):
            if key in rec:
                add(f"recognitions.{rec['title']}.{suffix}", rec[key])
    return fields


def years_asked(names: set[str], key: str) -> set[int]:
    """The years the page asks ``key`` for (inputs ``years.YYYY.<key>``)."""
    return {int(n.split(".")[1]) for n in names if n.startswith("years.") and n.split(".", 2)[2] == key}


@pytest.mark.skipif(not BEIJING.exists(), reason="needs the Beijing plugin's examples")
def test_a_criterion_with_a_fixed_year_is_asked_for_every_year_it_reads(client):
    """京经信发〔2021〕… 附件1 二（三）: the page asks each year the engine reads, not the fixed year alone.

    beijing.innovation-capability-2021 (bjjxj-2021-02-26-projects.toml) has

        [[programs.criteria]]  id = "i-rewarded-items", type = "compare",
        sum = ["beijing.new_standards_led_international", …, "beijing.new_foreign_inventions_3plus"],
        op = ">=", value = 1, years = 3, year = 2022, combine = "any"

    read as ``years`` years ending at ``year``: 2022 − 3 + 1 = 2020, so 2020, 2021 and 2022
    ("2020年1月至2022年12月期间"). From the program it extends (beijing.key-little-giant-projects-2021):
    ``rd-ratio`` (metric rd_ratio = 研发经费支出 / 营业收入, years = 2, year = 2020, combine = "each"):
    2019 and 2020 ("2019年度、2020年度研发经费支出占当年营业收入比重…均达到4%"); 营业收入 is read in
    2020 by ``main-business-share`` (year = 2020) too. Before, the page asked 2022 and 2020 only.

    The plugin's example (kg-innovation-rewards.toml: "Expected: eligible on 2021-03-01", its 2020
    and 2021 items) filled into every input the page offers is then eligible on the page too.
    """
    on, program = "2021-03-01", "beijing.innovation-capability-2021"
    _, names = page_inputs(client, BEIJING, on, program)
    items = [
        "new_standards_led_international",
        "new_standards_joined_international",
        "new_standards_led_national",
        "new_standards_joined_national",
        "new_developed_country_certs",
        "new_cnipa_patents",
        "new_foreign_inventions_1",
        "new_foreign_inventions_2",
        "new_foreign_inventions_3plus",
    ]
    for item in items:
        assert years_asked(names, f"beijing.{item}") == {2020, 2021, 2022}, item
    assert years_asked(names, "rd_expense") == {2019, 2020}
    assert years_asked(names, "revenue") == {2019, 2020}
    page = post(client, filled(BEIJING, names, on, program))
    assert outcome(page, "i-rewarded-items") == "met"
    assert outcome(page, "rd-ratio") == "met"
    assert verdict(page) == "eligible"


XIAMEN_GROWTH = "xiamen.growth-sme"


def test_a_year_offset_is_asked_for_the_year_it_names(client):
    """厦门 成长型中小企业 第五条（三） "年度净资产和净利润为正值", one criterion per year of 近三年.

    xiamen-2021-growth-sme.toml: ``profit-y0``, ``profit-y1``, ``profit-y2`` (metric = "net_profit",
    op = ">", value = 0) with year_offset = 0, -1, -2; reference_year = "previous", so on
    2021-06-01 the reference year is 2020 and they read 净利润 of 2020, 2019 and 2018.
    Before, the page asked 净利润 for 2020 alone.
    """
    r = client.get("/", params={"region": "350200", "on": "2021-06-01", "program": XIAMEN_GROWTH})
    if f'value="{XIAMEN_GROWTH}"' not in r.text:
        pytest.skip("needs the Xiamen plugin")
    names = {a["name"] for tag, a, _ in Markup(r.text).elements if tag == "input" and "name" in a}
    assert years_asked(names, "net_profit") == {2018, 2019, 2020}


def field_markup(html: str, name: str) -> tuple[str, str, str | None]:
    """(label, input type, unit) of the input ``name`` as the page shows it."""
    found = re.search(
        rf'<div class="field"><label for="{re.escape(name)}">([^<]*)</label><input type="(\w+)"[^>]*>'
        rf'(?:<span class="unit"[^>]*>([^<]*)</span>)?',
        html,
    )
    assert found, name
    return found.group(1), found.group(2), found.group(3)


@pytest.mark.skipif(not HEBEI.exists(), reason="needs the Hebei plugin's examples")
def test_a_yearly_plugin_field_is_shown_as_a_core_one(client):
    """hebei.main_product_sales (plugins/hebei/src/srdi_hebei/fields.toml: label = "主导产品销售收入",
    kind = "money", section = "years") is a figure in 万元, as 营业收入 is: its Chinese label, a number
    box and the unit 万元, not its key in a text box. Posted, its value is shown again in its box.

    hebei.srdi-sme on 2021-06-01 reads it for 2020 (第六条（二）1 主导产品销售收入占本企业销售收入的60%以上,
    reference year 2020); the example (srdi-sme-eligible.toml, eligible) gives 2300.
    """
    on, program = "2021-06-01", "hebei.srdi-sme"
    html, names = page_inputs(client, HEBEI, on, program)
    assert field_markup(html, "years.2020.revenue") == ("营业收入", "number", "万元")
    assert field_markup(html, "years.2020.hebei.main_product_sales") == ("主导产品销售收入", "number", "万元")
    page = post(client, filled(HEBEI, names, on, program))
    assert verdict(page) == "eligible"
    assert re.search(r'<input type="number"[^>]*id="years\.2020\.hebei\.main_product_sales"[^>]*value="2300"', page)


def none_box(html: str, name: str) -> str:
    """The value of the "无" box of the multiple choice ``name``."""
    found = re.findall(rf'<input type="checkbox" name="{re.escape(name)}" value="([^"]+)"( checked)?> 无</label>', html)
    assert len(found) == 1, name
    return str(found[0][0])


def test_a_multiple_choice_can_say_none(client):
    """二（三）3 重点领域条件 (g-national-fields: key_fields any_of four_bases, …; g-liaoning-fields:
    liaoning.key_fields any_of three_articles, provincial_industry; the group "key-field" needs one).

    A firm in none of the fields ticks "无" in both groups: both criteria are not met, the group is
    not met, and the firm, otherwise the eligible example, is 不符合条件 (ineligible), as
    ``srdi check`` says for ``key_fields = []`` and ``liaoning.key_fields = []``. A group left with
    no box ticked stays unanswered: 信息不完整 (incomplete). "无" ticked with an option is refused,
    naming the field, and the option stays ticked.
    """
    html = client.get(FORM_PAGE).text
    fields = [(k, v) for k, v in form_of(EXAMPLE) if k != "enterprise.key_fields"]
    fields.append((f"recognitions.{TITLE}", "2021"))
    groups = ("enterprise.key_fields", "enterprise.liaoning.key_fields")
    none = [(name, none_box(html, name)) for name in groups]
    page = post(client, fields + none)
    assert outcome(page, "g-national-fields") == "not_met"
    assert outcome(page, "g-liaoning-fields") == "not_met"
    assert verdict(page) == "ineligible"
    for name in groups:  # shown again ticked
        assert re.search(rf'name="{re.escape(name)}" value="[^"]+" checked> 无</label>', page)
    assert verdict(post(client, fields)) == "incomplete"
    both = post(client, [*fields, *none, ("enterprise.key_fields", "four_bases")])
    assert "数据有误" in both and "“所属重点领域”既勾选了“无”，又勾选了其他选项" in both
    assert 'value="four_bases" checked>' in both
