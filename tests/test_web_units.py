"""The parts of srdi.web that need no server: the form's fields, the form back to a profile, settings."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("litestar")

import srdi
from srdi.errors import SrdiError
from srdi.views import profile_schema_json
from srdi.web import Settings
from srdi.web.fields import asked
from srdi.web.forms import form_values, profile_from_form


@pytest.fixture(scope="module")
def liaoning():
    return srdi.for_region("210000")


def test_the_form_asks_what_the_little_giant_tier_reads(liaoning):
    """辽工信改革〔2022〕9号 二（三）, reference year 2021 (上年度 of a 2022-03-01 check):

    - "近2年资产负债率不高于70%" (years = 2): 负债总额 and 资产总额 of 2020 and 2021, not the ratio;
    - "近2年的研发投入占营业收入的比重达到2%" (years = 2): 研发经费 and 营业收入 of 2020 and 2021;
    - "近2年主营业务收入平均增长不低于3%" (a growth rate over 2 years): 主营业务收入 of 2019, 2020, 2021;
    - 三（一）'s prerequisite: the province's SRDI SME title; 三（三）1's conduct clause: a question.
    """
    a = asked(liaoning, [liaoning.program("liaoning.little-giant-2022")], dt.date(2022, 3, 1))
    years = {y: {f.key for f in fs} for y, fs in a.years}
    assert {"total_liabilities", "total_assets", "rd_expense", "revenue"} <= years[2020] & years[2021]
    assert years[2019] == {"main_business_revenue"}
    assert "main_business_revenue" in years[2020] & years[2021]
    assert "debt_ratio" not in years[2021] and "rd_ratio" not in years[2021]
    assert 2018 not in years
    assert dict(a.titles) == {"liaoning.srdi_sme": "辽宁省“专精特新”中小企业"}
    assert "compliance_and_credit" in dict(a.attestations)
    enterprise = [f.key for f in a.enterprise]
    assert enterprise[:2] == ["name", "credit_code"]
    assert "industry_code" in enterprise  # 企业规模 (工信部联企业〔2011〕300号) is derived from it


def test_submitted_inputs_become_a_profile(liaoning):
    schema = profile_schema_json(liaoning)
    form = {
        "enterprise.name": ["沈阳精联传动科技有限公司"],
        "enterprise.credit_code": ["91210100MA0YK3N252"],
        "enterprise.registered_on": ["2015-06-01"],
        "enterprise.own_brand": ["true"],
        "enterprise.invention_patents": ["1"],
        "enterprise.niche_years": [""],  # empty: unknown, left out
        "enterprise.management_certs": ["ISO9000质量管理体系认证", "ISO14000环境管理体系认证"],
        "years.2021.revenue": ["6800"],
        "years.2021.rd_expense": ["204.5"],
        "recognitions.liaoning.srdi_sme": ["2021"],
        "attestations.sound_management": ["false"],
    }
    profile = profile_from_form(form, schema)
    assert profile == {
        "enterprise": {
            "name": "沈阳精联传动科技有限公司",
            "credit_code": "91210100MA0YK3N252",
            "registered_on": "2015-06-01",
            "own_brand": True,
            "invention_patents": 1,
            "management_certs": ["ISO9000质量管理体系认证", "ISO14000环境管理体系认证"],
        },
        "years": {"2021": {"revenue": 6800, "rd_expense": 204.5}},
        "recognitions": [{"title": "liaoning.srdi_sme", "year": 2021}],
        "attestations": {"sound_management": False},
    }
    liaoning.load_profile_data(profile)  # the vocabulary accepts it as it is
    assert form_values(profile)["years.2021.revenue"] == 6800
    assert form_values(profile)["recognitions.liaoning.srdi_sme"] == 2021


def test_a_figure_that_is_no_number_reaches_the_profile_reader(liaoning):
    profile = profile_from_form({"years.2021.revenue": ["六千八百"]}, profile_schema_json(liaoning))
    assert profile == {"years": {"2021": {"revenue": "六千八百"}}}  # the reader names years.2021.revenue


def test_settings_from_the_environment():
    assert Settings.from_env({}) == Settings()
    assert Settings.from_env({"SRDI_MAX_BODY_BYTES": "2048", "SRDI_BATCH_WORKERS": "2"}) == Settings(
        max_body_bytes=2048, batch_workers=2
    )
    with pytest.raises(SrdiError) as err:
        Settings.from_env({"SRDI_MAX_UPLOAD_BYTES": "50MB", "SRDI_BATCH_WORKERS": "0"})
    assert [(p.key, p.message) for p in err.value.problems] == [
        # '50MB' is not a whole number and 0 is not positive: each named with the value as given
        ("SRDI_MAX_UPLOAD_BYTES", "应为正整数，实为 '50MB'"),
        ("SRDI_BATCH_WORKERS", "应为正整数，实为 '0'"),
    ]


def test_the_form_asks_the_day_a_title_was_granted_where_a_tenure_reads_it():
    # 渝经信中小〔2021〕21号 附件2 二 "提前 1 年纳入“专精特新”中小企业培育库": the 2022 市级 candidates must
    # have entered the pool a full year before the day, counted from the day of entry, so the form asks
    # that day beside the year. Screened on 2021-12-15: entered 2020-12-15, the first anniversary is the
    # day itself → met; entered 2020-12-16, a full year only on 2021-12-16 → not met; the year 2020
    # alone completes a year somewhere in 2021-01-01 … 12-31, which the day cannot settle → unknown.
    from srdi.web.forms import render_form

    chongqing = srdi.for_region("500000")
    prog = chongqing.program("chongqing.srdi-sme-candidates-2022")
    on = dt.date(2021, 12, 15)
    a = asked(chongqing, [prog], on)
    assert "chongqing.cultivation_pool" in dict(a.titles) and a.dated == ("chongqing.cultivation_pool",)
    schema = profile_schema_json(chongqing)
    page = render_form(a, schema, {})
    assert 'type="date"' in page and 'name="recognitions.chongqing.cultivation_pool.granted_on"' in page
    label = chongqing.titles.label("chongqing.cultivation_pool")
    assert f"{label}认定日期" in page

    def tenure(form):
        profile = profile_from_form(form, schema)
        firm = chongqing.load_profile_data({**profile, "enterprise": {"name": "甲"}})
        return profile, chongqing.evaluate(firm, prog, on).criterion("pool-tenure").outcome.value

    day = "recognitions.chongqing.cultivation_pool.granted_on"
    profile, outcome = tenure({"recognitions.chongqing.cultivation_pool": ["2020"], day: ["2020-12-15"]})
    assert profile["recognitions"] == [
        {"title": "chongqing.cultivation_pool", "year": 2020, "granted_on": "2020-12-15"}
    ]
    assert form_values(profile)[day] == "2020-12-15"
    assert outcome == "met"
    assert tenure({day: ["2020-12-16"]})[1] == "not_met"
    assert tenure({"recognitions.chongqing.cultivation_pool": ["2020"]})[1] == "unknown"


def test_the_form_asks_the_day_a_title_was_revoked_where_a_bar_reads_it():
    # 津工信中小企服〔2021〕17号 二（五） "立即予以撤销，且两年内不再受理其申报申请": the second seed batch bars
    # a firm whose seed title was revoked within two years, so the form asks that title's year and its day of
    # revocation; given both, they become one recognition, which the profile reader accepts and the bar reads:
    # revoked 2020-03-01, screened on 2021-09-01 (within two years, through 2022-03-01) → not met
    from srdi.web.forms import render_form

    tianjin = srdi.for_region("120000")
    prog = tianjin.program("tianjin.seed-2021-batch-2")
    a = asked(tianjin, [prog], dt.date(2021, 9, 1))
    assert "tianjin.seed_pool" in dict(a.titles) and a.revocable == ("tianjin.seed_pool",)
    schema = profile_schema_json(tianjin)
    page = render_form(a, schema, {})
    assert 'type="date"' in page and 'name="recognitions.tianjin.seed_pool.revoked_on"' in page
    assert "天津市“专精特新”种子企业库撤销日期" in page
    form = {"recognitions.tianjin.seed_pool": ["2019"], "recognitions.tianjin.seed_pool.revoked_on": ["2020-03-01"]}
    profile = profile_from_form(form, schema)
    assert profile["recognitions"] == [{"title": "tianjin.seed_pool", "year": 2019, "revoked_on": "2020-03-01"}]
    assert form_values(profile)["recognitions.tianjin.seed_pool.revoked_on"] == "2020-03-01"
    firm = tianjin.load_profile_data({**profile, "enterprise": {"name": "甲"}})
    assert tianjin.evaluate(firm, prog, dt.date(2021, 9, 1)).criterion("not-revoked").outcome.value == "not_met"


def test_title_inputs_left_empty_declare_no_titles(liaoning):
    # the form shows a title's year with "未获得留空": a browser posts the empty input, and the profile then
    # says the firm holds none of the titles asked (recognitions = []), which the profile reader takes as
    # "holds nothing"; a form that showed no title input says nothing about titles (unknown)
    schema = profile_schema_json(liaoning)
    profile = profile_from_form({"enterprise.name": ["甲"], "recognitions.liaoning.srdi_sme": [""]}, schema)
    assert profile == {"enterprise": {"name": "甲"}, "recognitions": []}
    assert liaoning.load_profile_data(profile).recognitions == ()
    assert "recognitions" not in profile_from_form({"enterprise.name": ["甲"]}, schema)


def test_litestar_refusals_name_the_parameter_as_sent():
    # the API's query is checked before Litestar reads it, so Litestar's own refusals only come from elsewhere;
    # when one does, its key is the Python argument (all_), which a client never sent: it becomes "all", with
    # the catalogue's Chinese text and a code, one problem per parameter (two messages about all_ are one)
    from types import SimpleNamespace

    from litestar.exceptions import ValidationException

    from srdi.web import create_app
    from srdi.web.problems import validation_problems

    app = create_app(Settings())
    (handler,) = [
        h for r in app.routes if r.path == "/api/v1/check" for h in r.route_handlers if "POST" in h.http_methods
    ]
    request = SimpleNamespace(scope={"route_handler": handler})
    extra = [
        {"key": "all_", "message": "Expected `bool`, got `str`", "source": "query"},
        {"key": "all_", "message": "Expected `bool`, got `int`", "source": "query"},
        {"key": "on", "message": "Invalid RFC3339 encoded date", "source": "query"},
    ]
    found = validation_problems(request, ValidationException("Validation failed", extra=extra))
    assert [(p.key, p.file, p.code, p.message) for p in found] == [
        ("all", "query", "web.param.invalid", "取值无效"),
        ("on", "query", "web.param.invalid", "取值无效"),
    ]
