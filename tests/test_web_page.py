"""The web page, used as a person would: ``srdi serve`` on 127.0.0.1, driven in headless Chromium.

The firm is the Liaoning example (plugins/liaoning/examples/little-giant-eligible.toml,
沈阳, 91210100MA0YK3N252), checked on 2022-03-01 against two programs:
- 辽工信改革〔2022〕9号 little giant tier: eligible (derivation in
  plugins/liaoning/tests/test_lngxgg_2022.py);
- 2021 重点“小巨人” (liaoning.key-little-giant-2021), which asks for 2 valid invention
  patents where the firm has 1: the page shows the gap "+1项".
The browser is Debian's chromium (``apt-get install chromium``), driven by Playwright;
``.ci/run`` installs it. Elsewhere, without it, these tests are skipped.
"""

from __future__ import annotations

import os
import sys
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "plugins" / "liaoning" / "examples" / "little-giant-eligible.toml"
CHROMIUM = Path(os.environ.get("SRDI_TEST_CHROMIUM", "/usr/bin/chromium"))
LG = "liaoning.little-giant-2022"
KLG = "liaoning.key-little-giant-2021"
ON = "2022-03-01"
#: Flags for a headless Chromium on a machine with no network beyond loopback.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

playwright = pytest.importorskip("playwright.sync_api")
pytest.importorskip("litestar")
if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail(f"the browser tests need {CHROMIUM} (apt-get install chromium)", pytrace=False)
    pytest.skip(f"no {CHROMIUM}: apt-get install chromium", allow_module_level=True)


@pytest.fixture(scope="module")
def server(serve):
    """``srdi serve`` as a user starts it, on a free port of 127.0.0.1; stopped by its pid."""
    return serve()[1]


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(accept_downloads=True, locale="zh-CN")
    # nothing may leave this machine: fail on any request that is not to the server
    outside: list[str] = []

    def only_loopback(route) -> None:
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_loopback)
    pg = context.new_page()
    yield pg
    context.close()
    assert outside == []


def fill_profile(page, data: dict) -> int:
    """Type the profile into the inputs the page shows; return how many were filled."""
    filled = 0

    def put(name: str, value) -> None:
        nonlocal filled
        field = page.locator(f'[name="{name}"]')
        if field.count() == 0:
            return
        first = field.first
        tag = first.evaluate("e => e.tagName + ':' + (e.type || '')")
        if tag.startswith("SELECT"):
            first.select_option("true" if value is True else "false" if value is False else str(value))
        elif tag == "INPUT:checkbox":
            for v in value:  # a choice's value, or its Chinese label
                by_value = page.locator(f'[name="{name}"][value="{v}"]')
                (by_value if by_value.count() else field.and_(page.get_by_label(v, exact=True))).check()
        else:
            first.fill(str(value))
        filled += 1

    for key, value in data.get("enterprise", {}).items():
        put(f"enterprise.{key}", value)
    for year, table in data.get("years", {}).items():
        for key, value in table.items():
            put(f"years.{year}.{key}", value)
    for rec in data.get("recognitions", []):
        put(f"recognitions.{rec['title']}", rec["year"])
    for key, value in data.get("attestations", {}).items():
        put(f"attestations.{key}", value)
    return filled


def test_an_enterprise_checks_itself(server, page):
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    page.goto(server + "/")
    assert page.title() == "专精特新政策测评"

    # step 1: the credit code routes the firm to 辽宁 (210100 沈阳 → 210000)
    page.fill("#credit_code", data["enterprise"]["credit_code"])
    assert "210100" in page.inner_text("#credit_code_hint")
    page.fill("#on", ON)
    page.click("#choose-region")

    # step 2: pick the two programs
    page.check(f'input[name="program"][value="{LG}"]')
    page.check(f'input[name="program"][value="{KLG}"]')
    page.click("#choose-programs")

    # step 3: a form with only what these programs read, in 万元 with the vocabulary's labels
    revenue = page.locator('label[for="years.2021.revenue"]')
    assert revenue.inner_text() == "营业收入"
    assert "万元" in page.locator('[name="years.2021.revenue"] ~ .unit').inner_text()
    assert page.locator('[name="years.2021.province_rank"]').count() == 1  # 辽宁's own indicator
    assert fill_profile(page, data) > 30
    page.click("#submit-profile")

    # the verdicts, with every criterion's clause, quote, figures, threshold and gap
    lg = page.locator(f'article[data-program="{LG}"]')
    assert lg.locator(".verdict").get_attribute("data-verdict") == "eligible"
    assert lg.locator(".verdict").inner_text() == "符合条件"
    row = lg.locator('tr[data-criterion="revenue"]')
    assert "（2）企业上年度营业收入达到2000万元及以上" in row.inner_text()
    assert "营业收入（2021） = 6800" in row.inner_text()
    assert "二（三）1（2）" in row.inner_text()

    klg = page.locator(f'article[data-program="{KLG}"]')
    assert klg.locator(".verdict").get_attribute("data-verdict") == "ineligible"
    gap = klg.locator('tr[data-criterion="invention-patents"] .gap').inner_text()
    assert gap == "差距：有效发明专利距2项还差1项"

    # deadlines, with an .ics download of the program's dates
    lg.locator(".deadlines summary").click()
    assert "2022-02-09 至 2022-03-18" in lg.locator(".deadlines").inner_text()
    with page.expect_download() as download:
        lg.locator("a.ics").click()
    ics = Path(download.value.path()).read_text(encoding="utf-8")
    assert ics.startswith("BEGIN:VCALENDAR") and "DTEND;VALUE=DATE:20220319" in ics.replace("\r\n", "\n")


def test_the_fund_estimate_is_shown(server, page):
    """A funding program (2024 重点“小巨人”, 财建〔2024〕148号) shows its money for the firm, as the API computes it."""
    import json

    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    pid = "national.key-little-giant-2024"
    page.goto(f"{server}/?credit_code={data['enterprise']['credit_code']}&on=2024-06-01&program={pid}")
    fill_profile(page, data)
    page.click("#submit-profile")
    shown = page.locator(f'article[data-program="{pid}"] .fund-total').inner_text()
    body = json.dumps(data, default=str).encode()
    req = urllib.request.Request(f"{server}/api/v1/programs/{pid}/fund?on=2024-06-01", data=body, method="POST")
    with urllib.request.urlopen(req) as r:
        total = json.loads(r.read())["total"]
    assert shown == ("—" if total is None else f"{total:.4f}".rstrip("0").rstrip("."))


def test_a_bad_credit_code_is_named(server, page):
    page.goto(server + "/")
    page.fill("#credit_code", "91210100MA0YK3N253")  # last character is not the GB 32100 check digit
    page.click("#choose-region")
    assert "91210100MA0YK3N253" in page.inner_text("#route-error")


def test_bad_figures_are_named_on_the_page(server, page):
    """A negative 营业收入 is refused with the profile reader's message naming the field, and the form keeps what was typed."""
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    page.goto(f"{server}/?credit_code={data['enterprise']['credit_code']}&on={ON}&program={LG}")
    fill_profile(page, data)
    page.fill('[name="years.2021.revenue"]', "-5")
    page.click("#submit-profile")
    problems = page.locator("ul.problems").inner_text()
    assert "years.2021.revenue" in problems
    assert page.locator('[name="years.2021.revenue"]').input_value() == "-5"
    assert page.locator('[name="years.2020.revenue"]').input_value() == "6000"


def test_a_bureau_downloads_its_screening(server, page, tmp_path):
    """The upload gives the same file as ``srdi batch 申报企业.csv --region liaoning --on 2022-03-01 --out 初审结果.csv``."""
    import attrs

    import srdi
    from srdi.batch.write import profiles_table
    from srdi.cli.main import main

    catalog = srdi.load(["liaoning"])
    base = catalog.load_profile(EXAMPLE)
    # the eligible firm and the same firm with 2021 营业收入 1999万元 (1万元 under the 2000 floor)
    low = attrs.evolve(base, years={**base.years, 2021: base.years[2021] | {"revenue": 1999.0}})
    table = tmp_path / "申报企业.csv"
    profiles_table([base, low], catalog.vocabulary, catalog.titles).to_csv(table, index=False, encoding="utf-8-sig")
    expected = tmp_path / "初审结果.csv"
    assert main(["batch", str(table), "--region", "liaoning", "--on", ON, "--out", str(expected)]) == 0

    page.goto(server + "/#bureau")
    page.set_input_files("#batch-file", str(table))
    page.select_option("#batch-region", "210000")
    page.fill("#batch-on", ON)
    page.select_option("#batch-format", "csv")
    with page.expect_download() as download:
        page.click("#batch-submit")
    assert download.value.suggested_filename == "初审结果.csv"
    assert Path(download.value.path()).read_bytes() == expected.read_bytes()
