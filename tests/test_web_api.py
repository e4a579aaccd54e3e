"""The HTTP API answers every route with the JSON the CLI prints for the same input.

Each test runs the CLI command (``--format json``) and the route on the same files
and compares the parsed JSON whole; errors compare srdi's named-field messages.
The inputs are the shipped examples: the Liaoning little giant of 辽工信改革〔2022〕9号
(eligible on 2022-03-01, derivation in plugins/liaoning/tests/test_lngxgg_2022.py)
and the Beijing 技术成果产业化 project firm (fund 1240万元, derivation in
plugins/beijing/tests/test_projects_2021.py).
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import attrs
import pandas as pd
import pytest

pytest.importorskip("litestar")

import srdi
from srdi.batch.write import profiles_table
from srdi.cli.main import main
from srdi.web import Settings, create_app

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from litestar.testing import TestClient

ROOT = Path(__file__).parent.parent
LIAONING = ROOT / "plugins" / "liaoning" / "examples"
BEIJING = ROOT / "plugins" / "beijing" / "examples"
ELIGIBLE = LIAONING / "little-giant-eligible.toml"
LG = "liaoning.little-giant-2022"
KLG = "liaoning.key-little-giant-2021"
TECH = "beijing.tech-industrialisation-2021"
ON = "2022-03-01"

pytestmark = pytest.mark.skipif(not ELIGIBLE.exists(), reason="needs the Liaoning plugin's examples")


@pytest.fixture(scope="module")
def client():
    app = create_app(Settings(max_body_bytes=64 * 1024, max_upload_bytes=2 * 1024 * 1024, batch_workers=1))
    with TestClient(app) as c:
        yield c


def as_json(path: Path, tmp_path: Path) -> Path:
    """A TOML profile written as JSON (dates as ISO text), the way a platform would send it."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = tmp_path / (path.stem + ".json")
    out.write_text(json.dumps(data, default=str, ensure_ascii=False), encoding="utf-8")
    return out


def cli(capsys, *argv, fmt: bool = True) -> object:
    capsys.readouterr()
    code = main([str(a) for a in argv] + (["--format", "json"] if fmt else []))
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(out.out)


def cli_error(capsys, *argv) -> list[str]:
    capsys.readouterr()  # what the requests before it logged is not the command's
    code = main([str(a) for a in argv])
    assert code == 2
    return [line.removeprefix("srdi: 错误：") for line in capsys.readouterr().err.splitlines()]


def test_plugins(client, capsys):
    assert client.get("/api/v1/plugins").json() == cli(capsys, "plugins")


@pytest.mark.parametrize("region", [None, "liaoning", "辽宁", "110000"])
def test_programs(client, capsys, region):
    query = {"region": region} if region else {}
    expected = cli(capsys, "programs", *(["--region", region] if region else []))
    assert client.get("/api/v1/programs", params=query).json() == expected


@pytest.mark.parametrize("pid", [LG, TECH, "national.little-giant-3rd-batch"])
def test_program_detail(client, capsys, pid):
    assert client.get(f"/api/v1/programs/{pid}").json() == cli(capsys, "show", pid)


def test_check_one_program(client, capsys, tmp_path):
    body = as_json(ELIGIBLE, tmp_path).read_bytes()
    api = client.post("/api/v1/check", params={"program": LG, "on": ON}, content=body).json()
    assert api == cli(capsys, "check", ELIGIBLE, "--program", LG, "--on", ON)
    assert api["verdict"] == "eligible"  # 6800万元 ≥ 2000万元 and every other clause met (see module docstring)


def test_check_options_in_the_body(client, capsys, tmp_path):
    data = json.loads(as_json(ELIGIBLE, tmp_path).read_text(encoding="utf-8"))
    data |= {"program": [LG, KLG], "on": ON}
    api = client.post("/api/v1/check", json=data).json()
    assert api == cli(capsys, "check", ELIGIBLE, "--program", LG, "--program", KLG, "--on", ON)
    # key little giant 2021 asks for 2 invention patents; the firm has 1
    gaps = [c["gap"] for r in api if r["program"] == KLG for c in r["criteria"] if c["id"] == "invention-patents"]
    assert gaps == ["有效发明专利距2项还差1项"]


def test_check_routes_by_credit_code(client, capsys, tmp_path):
    """No program: the answer for the day of the firm's lineage, routed by 91210100… → 辽宁, as the CLI gives it.

    On 2022-03-01 辽工信改革〔2022〕9号's online window (2022-02-09 – 03-18) is open: its three tiers.
    """
    body = as_json(ELIGIBLE, tmp_path).read_bytes()
    api = client.post("/api/v1/check", params={"on": ON}, content=body).json()
    assert api == cli(capsys, "check", ELIGIBLE, "--on", ON)
    assert api["region"]["code"] == "210100"
    assert {r["program"] for r in api["open"]} >= {LG, "liaoning.srdi-sme-2022", "liaoning.srdi-product-2022"}


def test_check_without_a_date_answers_for_today(client, capsys, tmp_path):
    body = as_json(ELIGIBLE, tmp_path).read_bytes()
    assert client.post("/api/v1/check", content=body).json() == cli(capsys, "check", ELIGIBLE)


def test_check_all_and_overrides(client, capsys, tmp_path):
    body = as_json(ELIGIBLE, tmp_path).read_bytes()
    api = client.post("/api/v1/check", params={"on": ON, "all": "true"}, content=body).json()
    assert api == cli(capsys, "check", ELIGIBLE, "--on", ON, "--all")
    # a revenue floor of 7000万元 fails a firm with 6800万元
    api = client.post(
        "/api/v1/check", params={"on": ON, "program": LG, "set": "revenue.value=7000"}, content=body
    ).json()
    assert api == cli(capsys, "check", ELIGIBLE, "--on", ON, "--program", LG, "--set", "revenue.value=7000")
    assert api["verdict"] == "ineligible"


def test_check_toml_body(client, capsys):
    api = client.post(
        "/api/v1/check",
        params={"program": LG, "on": ON},
        content=ELIGIBLE.read_bytes(),
        headers={"content-type": "application/toml"},
    ).json()
    assert api == cli(capsys, "check", ELIGIBLE, "--program", LG, "--on", ON)


def test_deadlines_json_and_ics(client, capsys, tmp_path):
    assert client.get(f"/api/v1/programs/{LG}/deadlines").json() == cli(capsys, "deadlines", "--program", LG)
    years = client.get(f"/api/v1/programs/{TECH}/deadlines", params={"year": [2021, 2022]}).json()
    assert years == cli(capsys, "deadlines", "--program", TECH, "--year", "2021", "--year", "2022")
    ics = tmp_path / "lg.ics"
    assert main(["deadlines", "--program", LG, "--format", "ics", "--out", str(ics)]) == 0
    by_query = client.get(f"/api/v1/programs/{LG}/deadlines", params={"format": "ics"})
    by_accept = client.get(f"/api/v1/programs/{LG}/deadlines", headers={"accept": "text/calendar"})

    def stable(text: str) -> list[str]:  # DTSTAMP is the moment of export
        return [line for line in text.splitlines() if not line.startswith("DTSTAMP")]

    for r in (by_query, by_accept):
        assert r.headers["content-type"].startswith("text/calendar")
        assert stable(r.text) == stable(ics.read_text(encoding="utf-8"))


def test_a_calendar_download_names_the_events_it_cannot_hold_yet(client, capsys, tmp_path):
    # 冀工信中小函〔2021〕116号: with no day given for the list's publication, neither it nor the publicity
    # counted from it is dated, and the guide prints no end of its force: the calendar has none of the three,
    # and the header says so as the CLI says it on stderr
    r = client.get("/api/v1/programs/hebei.srdi-sme/deadlines", params={"format": "ics"})
    assert "BEGIN:VEVENT" not in r.text
    (note,) = json.loads(r.headers["x-srdi-notes"])
    assert note.startswith("日历文件未收入 3 项尚无日期的事件：")
    assert main(["deadlines", "--program", "hebei.srdi-sme", "--format", "ics", "--out", str(tmp_path / "h.ics")]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == note  # after the service's own log lines


def test_fund(client, capsys, tmp_path):
    profile = BEIJING / "kg-tech-project.toml"
    body = as_json(profile, tmp_path).read_bytes()
    api = client.post(f"/api/v1/programs/{TECH}/fund", params={"on": "2021-03-01"}, content=body).json()
    assert api == cli(capsys, "fund", "--program", TECH, "--profile", profile, "--on", "2021-03-01")
    assert api["total"] == 1240  # 300 + 470 + 470, see the module docstring
    assert client.post(f"/api/v1/programs/{TECH}/fund").json() == cli(capsys, "fund", "--program", TECH)
    key = "national.key-little-giant-2024"
    schedule = client.post(f"/api/v1/programs/{key}/fund", params={"enterprises": 3, "start_year": 2024}).json()
    assert schedule == cli(capsys, "fund", "--program", key, "--enterprises", "3", "--start-year", "2024")
    # a schedule the notice cannot give flat (tranches that depend on each project) is refused alike
    r = client.post(f"/api/v1/programs/{TECH}/fund", params={"enterprises": 3, "start_year": 2021})
    assert r.status_code == 400
    assert [p["message"] for p in problems(r)] == cli_error(
        capsys, "fund", "--program", TECH, "--enterprises", "3", "--start-year", "2021"
    )


def test_schemas(client, capsys):
    assert client.get(f"/api/v1/programs/{LG}/schema").json() == cli(capsys, "schema", "--program", LG, fmt=False)
    assert client.get("/api/v1/schema/profile").json() == cli(capsys, "schema", "--profile", fmt=False)
    form = "bjjxj-2021-02-26-projects:annex-1-1-3"
    assert client.get(f"/api/v1/forms/{form}/schema").json() == cli(capsys, "schema", "--form", form, fmt=False)


def test_form_check(client, capsys, tmp_path):
    form = "bjjxj-2021-02-26-projects:annex-1-1-3"
    filled = BEIJING / "forms" / "annex-1-1-3.toml"
    api = client.post(f"/api/v1/forms/{form}/check", content=as_json(filled, tmp_path).read_bytes()).json()
    assert api == cli(capsys, "form-check", form, filled)
    assert api["valid"] is True
    # a cell the form does not have is a problem of the form, answered with valid: false
    data = tomllib.loads(filled.read_text(encoding="utf-8"))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**data, "unknown_cell": 1}, default=str, ensure_ascii=False), encoding="utf-8")
    api = client.post(f"/api/v1/forms/{form}/check", content=bad.read_bytes()).json()
    assert api["valid"] is False
    assert main(["form-check", form, str(bad), "--format", "json"]) == 2
    expected = json.loads(capsys.readouterr().out)
    assert expected["valid"] is False
    # the same problems; only the source differs (the file, or the request body)
    assert [p.replace("body: ", f"{bad}: ", 1) for p in api["problems"]] == expected["problems"]


@pytest.fixture()
def pool_csv(tmp_path):
    """The eligible firm and the same firm with 2021 营业收入 2000, 2400, 2500 and 1999 (as in test_batch_cli)."""
    catalog = srdi.load(["liaoning"])
    base = catalog.load_profile(ELIGIBLE)
    profiles = []
    for i, revenue in enumerate([6800.0, 2000.0, 2400.0, 2500.0, 1999.0], start=1):
        # 主营业务收入 kept the same share (6300 of 6800): above 营业收入 it could not be true, and both would be set aside
        smaller = {"revenue": revenue, "main_business_revenue": round(revenue * 6300 / 6800)}
        p = attrs.evolve(base, years={**base.years, 2021: base.years[2021] | smaller})
        profiles.append(attrs.evolve(p, facts=p.facts | {"name": f"企业{i}"}))
    path = tmp_path / "申报企业.csv"
    profiles_table(profiles, catalog.vocabulary, catalog.titles).to_csv(path, index=False, encoding="utf-8-sig")
    return path


def test_batch_csv_and_xlsx(client, capsys, pool_csv, tmp_path):
    out = tmp_path / "初审结果.csv"
    assert main(["batch", str(pool_csv), "--program", LG, "--on", ON, "--out", str(out)]) == 0
    capsys.readouterr()
    with pool_csv.open("rb") as f:
        r = client.post(
            "/api/v1/batch", params={"program": LG, "on": ON}, files={"file": (pool_csv.name, f, "text/csv")}
        )
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    assert "filename*=UTF-8''%E5%88%9D%E5%AE%A1%E7%BB%93%E6%9E%9C.csv" in r.headers["content-disposition"]
    assert r.content == out.read_bytes()
    # 营业收入达到2000万元及以上: 1999 is the one row below it
    frame = pd.read_csv(io.BytesIO(r.content))
    assert list(frame["结论"]) == ["eligible"] * 4 + ["ineligible"]

    xlsx = tmp_path / "初审结果.xlsx"
    assert main(["batch", str(pool_csv), "--program", LG, "--on", ON, "--out", str(xlsx)]) == 0
    with pool_csv.open("rb") as f:
        r = client.post(
            "/api/v1/batch",
            params={"program": LG, "on": ON, "format": "xlsx"},
            files={"file": (pool_csv.name, f, "text/csv")},
        )
    assert r.status_code == 200, r.text
    assert pd.read_excel(io.BytesIO(r.content), engine="openpyxl").equals(pd.read_excel(xlsx, engine="openpyxl"))


def test_batch_json_and_form_fields(client, capsys, pool_csv):
    """Options may come as form fields beside the file (the web page's form sends them so)."""
    expected = cli(capsys, "batch", pool_csv, "--region", "liaoning", "--on", ON)
    with pool_csv.open("rb") as f:
        r = client.post(
            "/api/v1/batch",
            data={"region": "liaoning", "on": ON, "format": "json"},
            files={"file": (pool_csv.name, f, "text/csv")},
        )
    assert r.status_code == 200, r.text
    assert r.json() == expected


def test_whatif(client, capsys, pool_csv):
    expected = cli(capsys, "whatif", pool_csv, "--program", LG, "--on", ON, "--set", "revenue.value=2500")
    with pool_csv.open("rb") as f:
        r = client.post(
            "/api/v1/whatif",
            params={"program": LG, "on": ON, "set": "revenue.value=2500", "format": "json"},
            files={"file": (pool_csv.name, f, "text/csv")},
        )
    assert r.status_code == 200, r.text
    assert r.json() == expected
    # 2000 and 2400 fall below a 2500 floor (rows 3 and 4 of the CSV)
    assert [row["row"] for row in r.json()] == [3, 4]


def test_a_table_download_carries_the_closing_lines_and_the_notes_as_json_headers(client, pool_csv):
    # A CSV, Parquet or JSON download has no 说明 sheet: what the CLI says when done comes as headers.
    # 辽工信改革〔2022〕9号 二（二）2 "上年度营业收入达到2000万元" raised to 2500 by the override: 6800 and 2500
    # reach it, 2000, 2400 and 1999 do not → 2 eligible, 3 ineligible; the program was screened with an
    # adjusted parameter; and the last firm's 营业收入 written "一千九百九十九" is a data error: that cell is set
    # aside, so the firm is incomplete rather than ineligible → 2 eligible, 2 ineligible, 1 incomplete.
    frame = pd.read_csv(pool_csv, dtype=str, encoding="utf-8-sig")
    column = next(c for c in frame.columns if c.startswith("2021") and c.endswith("营业收入"))
    frame.loc[4, column] = "一千九百九十九"
    frame.to_csv(pool_csv, index=False, encoding="utf-8-sig")
    with pool_csv.open("rb") as f:
        r = client.post(
            "/api/v1/batch",
            params={"program": LG, "on": ON, "set": "revenue.value=2500", "format": "json"},
            files={"file": (pool_csv.name, f, "text/csv")},
        )
    assert r.status_code == 200, r.text
    assert json.loads(r.headers["x-srdi-summary"]) == [
        f"{LG}：符合条件 2；不符合条件 2；信息不完整 1",
        f"{LG} 按调整后的参数评价〔已调整：revenue.value=2500〕：条件名称为通知原文，调整过的条件标有〔已调整〕",
        "1 行有数据错误，见“数据错误”列",
    ]
    # the reader's note on how it read the upload (pandas writes utf-8-sig with a byte order mark)
    assert json.loads(r.headers["x-srdi-notes"]) == ["申报企业.csv：按 UTF-8（带 BOM） 编码读取"]
    assert r.headers["x-srdi-rows"] == "5"


# ------------------------------------------------------------------ errors


def problems(r) -> list[dict]:
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["status"] == r.status_code and body["title"] and body["detail"]
    assert "Traceback" not in r.text
    return body["problems"]


def test_bad_profile_is_422_with_the_cli_message(client, capsys, tmp_path):
    data = tomllib.loads(ELIGIBLE.read_text(encoding="utf-8"))
    data["years"]["2021"]["rd_expense"] = "两百"
    data["years"]["2021"]["rd_staff"] = -3
    path = tmp_path / "firm.json"
    path.write_text(json.dumps(data, default=str, ensure_ascii=False), encoding="utf-8")
    expected = cli_error(capsys, "check", path, "--program", LG, "--on", ON)
    r = client.post("/api/v1/check", params={"program": LG, "on": ON}, content=path.read_bytes())
    assert r.status_code == 422
    found = problems(r)
    # the same problems, each naming its key; only the source differs (the file, or the request body)
    assert [p["message"].replace("body: ", f"{path}: ", 1) for p in found] == expected
    assert {p["key"] for p in found} == {"years.2021.rd_expense", "years.2021.rd_staff"}


def test_unknown_names_are_404(client, capsys, tmp_path):
    body = as_json(ELIGIBLE, tmp_path).read_bytes()
    expected = cli_error(capsys, "check", ELIGIBLE, "--program", "liaoning.little-giant-2O22")
    r = client.post("/api/v1/check", params={"program": "liaoning.little-giant-2O22"}, content=body)
    assert r.status_code == 404
    assert [p["message"] for p in problems(r)] == expected  # with "是否应为 'liaoning.little-giant-2022'?"
    r = client.get("/api/v1/programs/liaoning.nope/deadlines")
    assert r.status_code == 404 and problems(r)
    r = client.get("/api/v1/programs", params={"region": "atlantis"})
    assert r.status_code == 404 and problems(r)
    r = client.get("/api/v1/nothing-here")
    assert r.status_code == 404 and r.json()["detail"] == "没有这个地址：/api/v1/nothing-here"


def test_a_service_started_in_english_titles_and_details_its_problems_in_english(client, monkeypatch):
    # SRDI_LANG=en is how a service is started in English (srdi.i18n): the RFC 9457 title and
    # detail are the catalogue's, like every message, and Chinese otherwise
    r = client.get("/api/v1/nothing-here")
    assert (r.json()["title"], r.json()["detail"]) == ("未找到", "没有这个地址：/api/v1/nothing-here")
    monkeypatch.setenv("SRDI_LANG", "en")
    r = client.get("/api/v1/nothing-here")
    assert (r.json()["title"], r.json()["detail"]) == ("Not found", "No such address: /api/v1/nothing-here")
    r = client.delete("/api/v1/programs")
    assert r.status_code == 405 and r.json()["detail"] == "DELETE does not apply to /api/v1/programs"
    r = client.post("/api/v1/check", content=b'{"enterprise": ')
    assert r.status_code == 400 and r.json()["title"] == "Bad request"


def test_malformed_body_and_bad_parameters_are_400(client):
    r = client.post("/api/v1/check", content=b'{"enterprise": ')
    assert r.status_code == 400
    (p,) = problems(r)
    assert p["file"] == "body" and p["text"].startswith("JSON 格式错误")
    # the same head as the CLI's, and the place in Chinese words: '{"enterprise": ' ends where a value
    # is expected, at the 16th character of line 1; no English text of the parser's
    assert p["text"] == "JSON 格式错误：第 1 行第 16 列"
    r = client.post("/api/v1/check", params={"on": "2022-13-01"}, content=b"{}")
    assert r.status_code == 400
    assert problems(r)[0]["key"] == "on"
    r = client.post("/api/v1/check", content=b"[" * 100_000 + b"]" * 100_000)
    assert r.status_code in (400, 413)
    problems(r)
    r = client.post("/api/v1/check", content=b"")
    assert r.status_code == 400
    r = client.post("/api/v1/check", content=json.dumps({"enterprise": {"name": "无代码企业"}}).encode())
    # nothing to route by: every problem of the profile, then the missing route (as the CLI says);
    # the profile lacks data, so it is invalid input (422), not an unknown name (404)
    assert r.status_code == 422
    assert problems(r)[-1]["text"].startswith("企业信息既没有 credit_code 也没有 region_code")


def test_limits_are_413(client, pool_csv, tmp_path):
    big = b'{"note": "' + b"x" * (64 * 1024) + b'"}'
    r = client.post("/api/v1/check", content=big)
    assert r.status_code == 413
    problems(r)
    huge = tmp_path / "huge.csv"
    huge.write_bytes(pool_csv.read_bytes() + b"\n" * (2 * 1024 * 1024))
    with huge.open("rb") as f:
        r = client.post("/api/v1/batch", params={"program": LG}, files={"file": (huge.name, f, "text/csv")})
    assert r.status_code in (400, 413)
    problems(r)


def test_upload_errors_name_the_uploaded_file(client, tmp_path):
    bad = tmp_path / "申报企业.xlsx"
    bad.write_bytes(b"not a spreadsheet")
    with bad.open("rb") as f:
        r = client.post(
            "/api/v1/batch", params={"program": LG}, files={"file": (bad.name, f, "application/octet-stream")}
        )
    assert r.status_code == 422
    (p,) = problems(r)
    assert p["file"] == "申报企业.xlsx" and p["text"].startswith("不是可读取的表格")
    with bad.open("rb") as f:
        r = client.post("/api/v1/batch", params={"program": LG}, files={"file": ("list.pdf", f, "application/pdf")})
    assert r.status_code == 400
    assert problems(r)[0]["text"].startswith("无法读取 .pdf")
    r = client.post("/api/v1/batch", params={"program": LG}, data={"note": "no file"}, files={})
    assert r.status_code == 400


# ------------------------------------------------------------------ the service itself


def test_openapi_describes_every_route(client):
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    paths = doc["paths"]
    for path, method in [
        ("/api/v1/plugins", "get"),
        ("/api/v1/programs", "get"),
        ("/api/v1/programs/{program_id}", "get"),
        ("/api/v1/check", "post"),
        ("/api/v1/programs/{program_id}/deadlines", "get"),
        ("/api/v1/programs/{program_id}/fund", "post"),
        ("/api/v1/programs/{program_id}/schema", "get"),
        ("/api/v1/forms/{form}/check", "post"),
        ("/api/v1/batch", "post"),
        ("/api/v1/whatif", "post"),
        ("/healthz", "get"),
        ("/openapi.json", "get"),
    ]:
        assert method in paths[path], path
    check = paths["/api/v1/check"]["post"]
    assert check["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/CheckRequest"
    }
    profile = doc["components"]["schemas"]["Profile"]
    revenue = profile["properties"]["years"]["additionalProperties"]["properties"]["revenue"]
    assert revenue["title"] == "营业收入" and revenue["x-unit"] == "万元"
    assert "ProgramResult" in doc["components"]["schemas"]
    assert "multipart/form-data" in paths["/api/v1/batch"]["post"]["requestBody"]["content"]


def test_shapes_match_what_the_views_build(client, tmp_path):
    """The typed dicts the OpenAPI document is generated from hold exactly the keys the API sends."""
    from srdi.web import shapes

    body = as_json(ELIGIBLE, tmp_path).read_bytes()
    result = client.post("/api/v1/check", params={"program": LG, "on": ON}, content=body).json()
    assert set(result) == set(shapes.ProgramResult.__annotations__)
    today = client.post("/api/v1/check", params={"on": ON}, content=body).json()
    assert set(today) == set(shapes.TodayAnswer.__annotations__)
    assert set(today["series"][0]) == set(shapes.SeriesAnswer.__annotations__)
    assert set(today["series"][0]["latest_round"]) == set(shapes.LatestRound.__annotations__)
    assert set(result["criteria"][0]) == set(shapes.CriterionResult.__annotations__)
    assert set(result["groups"][0]) == set(shapes.GroupResult.__annotations__)
    # "error" is sent only for a plugin set aside as broken (tests/test_plugin_faults.py)
    optional = shapes.PluginInfo.__optional_keys__
    assert optional == {"error"}
    assert set(client.get("/api/v1/plugins").json()[0]) == set(shapes.PluginInfo.__annotations__) - optional
    assert set(client.get("/api/v1/programs").json()[0]) == set(shapes.ProgramSummary.__annotations__)
    detail = client.get(f"/api/v1/programs/{LG}").json()
    assert set(detail) == set(shapes.ProgramDetail.__annotations__)
    assert set(detail["criteria"][0]) == set(shapes.CriterionSpec.__annotations__)
    assert set(detail["parameters"][0]) == set(shapes.Parameter.__annotations__)
    assert set(client.get(f"/api/v1/programs/{LG}/deadlines").json()[0]) == set(shapes.Deadline.__annotations__)
    fund = client.post(f"/api/v1/programs/{TECH}/fund").json()
    assert set(fund) == set(shapes.Fund.__annotations__)
    assert set(fund["components"][0]) == set(shapes.FundComponent.__annotations__)
    assert set(fund["payments"][0]) == set(shapes.FundPayment.__annotations__)
    r = client.get("/api/v1/programs/liaoning.nope")
    assert set(r.json()) == set(shapes.ProblemDetails.__annotations__)
    assert set(r.json()["problems"][0]) == set(shapes.ProblemItem.__annotations__)


def test_docs_and_page_fetch_nothing_from_the_internet(client):
    for path in ("/docs", "/"):
        r = client.get(path)
        assert r.status_code == 200
        assert "https://" not in r.text and "http://" not in r.text
    for asset in ("/static/swagger-ui-bundle.js", "/static/swagger-ui.css", "/static/page.js", "/static/page.css"):
        assert client.get(asset).status_code == 200, asset


def test_healthz_and_shared_catalogs(client, tmp_path):
    body = as_json(ELIGIBLE, tmp_path).read_bytes()
    client.post("/api/v1/check", params={"on": ON}, content=body)
    health = client.get("/healthz").json()
    assert health["status"] == "ok"
    assert ["liaoning"] in health["catalogs"]  # the firm's lineage, built once and kept
    state = client.app.state["srdi"]
    first = state.catalogs.for_region("210100")
    client.post("/api/v1/check", params={"on": ON}, content=body)
    assert state.catalogs.for_region("辽宁") is first


def test_concurrent_requests_get_their_own_answers(client, capsys, tmp_path):
    """Checks of two regions (辽宁, 北京) sent at once from many threads share catalogs and never mix answers."""
    from concurrent.futures import ThreadPoolExecutor

    liaoning = as_json(ELIGIBLE, tmp_path).read_bytes()
    beijing_path = BEIJING / "kg-tech-project.toml"
    beijing = as_json(beijing_path, tmp_path).read_bytes()
    expected = {
        "liaoning": cli(capsys, "check", ELIGIBLE, "--program", LG, "--on", ON),
        "beijing": cli(capsys, "check", beijing_path, "--program", TECH, "--on", "2021-03-01"),
    }
    jobs = [("liaoning", LG, ON, liaoning), ("beijing", TECH, "2021-03-01", beijing)] * 12

    def ask(job):
        name, pid, on, body = job
        return name, client.post("/api/v1/check", params={"program": pid, "on": on}, content=body).json()

    with ThreadPoolExecutor(8) as pool:
        for name, answer in pool.map(ask, jobs):
            assert answer == expected[name]


def _logged(send):
    """What ``send()`` answers, and the one access-log record it wrote."""
    import logging

    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("srdi.web")
    logger.addHandler(handler)
    try:
        answer = send()
    finally:
        logger.removeHandler(handler)
    (record,) = [r for r in records if r.getMessage() == "request"]
    return answer, record


def test_each_request_is_logged_as_json(client):
    from srdi.web.logs import JsonFormatter

    _, record = _logged(lambda: client.get("/api/v1/programs/liaoning.nope"))
    line = json.loads(JsonFormatter().format(record))
    assert line | {"time": None, "ms": None, "bytes": None} == {
        "time": None,
        "level": "info",
        "logger": "srdi.web",
        "message": "request",
        "method": "GET",
        "path": "/api/v1/programs/liaoning.nope",
        "status": 404,
        "ms": None,
        "bytes": None,
        "client": "testclient",
    }


@pytest.mark.parametrize(
    "method, path, status",
    [
        ("get", "/api/v1/nope", 404),  # no route has this address
        ("get", "/nope", 404),  # nor this one, outside the API
        ("delete", "/api/v1/plugins", 405),  # /plugins is a GET route only
    ],
)
def test_a_request_no_route_matches_is_logged_too(client, method, path, status):
    # Litestar runs middleware only for a matched route: the access log must not be one
    answer, record = _logged(lambda: getattr(client, method)(path))
    assert answer.status_code == status
    assert (record.method, record.path, record.status) == (method.upper(), path, status)  # type: ignore[attr-defined]
    assert record.bytes == len(answer.content)  # type: ignore[attr-defined]
    assert record.ms >= 0  # type: ignore[attr-defined]


# ------------------------------------------------------------------ options read strictly


def test_an_unknown_query_parameter_is_refused_naming_it(client, tmp_path):
    """A misspelled option is a 400 naming it, never an answer for another day.

    ``date`` and ``programme`` are no parameters of /check (it takes program, on, all,
    set): both are named, ``programme`` with the close ``program``.
    """
    body = as_json(ELIGIBLE, tmp_path).read_bytes()
    r = client.post("/api/v1/check", params={"date": ON, "programme": LG}, content=body)
    assert r.status_code == 400
    assert r.json()["type"] == "urn:srdi:problem:bad-request"
    found = {p["key"]: p for p in problems(r)}
    assert set(found) == {"date", "programme"}
    assert all(p["file"] == "query" and p["code"] == "web.query.unknown" for p in found.values())
    assert "是否应为 'program'" in found["programme"]["text"]


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/api/v1/plugins"),
        ("get", "/api/v1/programs"),
        ("get", f"/api/v1/programs/{LG}"),
        ("get", f"/api/v1/programs/{LG}/deadlines"),
        ("get", f"/api/v1/programs/{LG}/schema"),
        ("get", "/api/v1/schema/profile"),
        ("post", f"/api/v1/programs/{TECH}/fund"),
    ],
)
def test_every_route_refuses_a_parameter_it_does_not_define(client, method, path):
    r = getattr(client, method)(path, params={"bogus": "1"})
    assert r.status_code == 400
    (p,) = problems(r)
    assert (p["key"], p["code"]) == ("bogus", "web.query.unknown")


def test_whatif_takes_its_options_as_form_fields(client, capsys, pool_csv):
    """The same what-if as test_whatif, every option a form field: a 2500 floor fails rows 3 and 4 (2000, 2400)."""
    fields = {"program": LG, "on": ON, "set": "revenue.value=2500", "format": "json"}
    with pool_csv.open("rb") as f:
        r = client.post("/api/v1/whatif", data=fields, files={"file": (pool_csv.name, f, "text/csv")})
    assert r.status_code == 200, r.text
    assert [row["row"] for row in r.json()] == [3, 4]
    # given both ways with the same value: accepted
    with pool_csv.open("rb") as f:
        r = client.post(
            "/api/v1/whatif", params={"on": ON}, data=fields, files={"file": (pool_csv.name, f, "text/csv")}
        )
    assert r.status_code == 200, r.text
    # given both ways with different values: refused, naming the option
    with pool_csv.open("rb") as f:
        r = client.post(
            "/api/v1/whatif", params={"on": "2022-03-02"}, data=fields, files={"file": (pool_csv.name, f, "text/csv")}
        )
    assert r.status_code == 400
    (p,) = problems(r)
    assert (p["key"], p["code"]) == ("on", "web.param.conflict")
    # a form field the route does not take is refused as a query parameter would be
    with pool_csv.open("rb") as f:
        r = client.post(
            "/api/v1/whatif", data={**fields, "fromat": "csv"}, files={"file": (pool_csv.name, f, "text/csv")}
        )
    assert r.status_code == 400
    (p,) = problems(r)
    assert (p["key"], p["code"]) == ("fromat", "web.form.unknown")
    assert "是否应为 'format'" in p["text"]


def test_body_options_of_the_wrong_type_are_refused(client, tmp_path):
    """``"all": "false"`` is text, not a boolean, and ``"on": 20220301`` a number, not a date: both named at once."""
    data = json.loads(as_json(ELIGIBLE, tmp_path).read_text(encoding="utf-8"))
    r = client.post("/api/v1/check", json={**data, "on": 20220301, "all": "false"})
    assert r.status_code == 400
    found = {p["key"]: p for p in problems(r)}
    assert set(found) == {"on", "all"}
    assert found["all"]["text"].startswith("应为 true 或 false") and found["all"]["file"] == "body"
    assert found["on"]["text"].startswith("应为日期")
    # JSON false is what it says: the day's answer (an object with "open"), not the list of every program
    answer = client.post("/api/v1/check", json={**data, "on": ON, "all": False}).json()
    assert isinstance(answer, dict) and "open" in answer


def test_extreme_inputs_are_refused_at_the_edge(client, tmp_path):
    """The calendar's last day is answered, as the CLI answers it; more enterprises than the CLI takes are refused.

    An answer for a day also projects a series' next round; past year 9999 none is
    projected (it used to be a 500). A schedule is worked out for at most
    srdi.views.MAX_ENTERPRISES enterprises (the CLI's bound).
    """
    from srdi.views import MAX_ENTERPRISES

    body = as_json(ELIGIBLE, tmp_path).read_bytes()
    assert client.post("/api/v1/check", params={"on": "9999-12-31"}, content=body).status_code == 200
    data = json.loads(body)
    assert client.post("/api/v1/check", json={**data, "on": "9999-06-01"}).status_code == 200
    key = "national.key-little-giant-2024"
    r = client.post(f"/api/v1/programs/{key}/fund", params={"enterprises": "1" + "0" * 400, "start_year": 2024})
    assert r.status_code == 400
    (p,) = problems(r)
    assert (p["key"], p["code"]) == ("enterprises", "web.param.range")
    r = client.post(f"/api/v1/programs/{key}/fund", params={"enterprises": MAX_ENTERPRISES + 1, "start_year": 99999})
    assert r.status_code == 400
    assert {p["key"] for p in problems(r)} == {"enterprises", "start_year"}
    r = client.post(f"/api/v1/programs/{key}/fund", params={"enterprises": MAX_ENTERPRISES, "start_year": 2024})
    assert r.status_code == 200
    r = client.post(f"/api/v1/programs/{key}/fund", params={"enterprises": 3})
    assert r.status_code == 400
    (p,) = problems(r)
    assert p["key"] == "start_year" and "start_year" in p["text"] and "--" not in p["text"]


def test_parameter_errors_are_srdi_problems_named_as_documented(client, pool_csv):
    """Chinese text and a code per parameter, keyed ``all`` and ``format`` (never ``all_``, ``format_``)."""
    r = client.post("/api/v1/check", params={"program": LG, "all": "maybe", "on": "2022-13-01"}, content=b"{}")
    assert r.status_code == 400 and r.json()["type"] == "urn:srdi:problem:bad-request"
    found = {p["key"]: p["code"] for p in problems(r)}
    assert found == {"all": "web.param.bool", "on": "input.date"}
    r = client.get(f"/api/v1/programs/{LG}/deadlines", params={"format": "xml"})
    (p,) = problems(r)
    assert (p["key"], p["code"]) == ("format", "web.param.choice")
    assert p["text"] == "应为 json、ics 之一，实为 'xml'"
    r = client.post(f"/api/v1/programs/{TECH}/fund", params={"enterprises": 0, "start_year": 2024})
    (p,) = problems(r)
    assert (p["key"], p["code"]) == ("enterprises", "web.param.range")
    r = client.post("/api/v1/programs", params={"on": [ON, "2022-03-02"]})  # GET only: a 405, not a 500
    assert r.status_code == 405
    r = client.post("/api/v1/check", params={"on": [ON, "2022-03-02"]}, content=b"{}")
    (p,) = problems(r)
    assert (p["key"], p["code"]) == ("on", "web.param.once")
    # a missing required option is one problem naming it, not an empty list
    with pool_csv.open("rb") as f:
        r = client.post("/api/v1/whatif", params={"set": "revenue.value=2500"}, files={"file": (pool_csv.name, f)})
    assert r.status_code == 400
    (p,) = problems(r)
    assert (p["key"], p["code"]) == ("program", "web.param.missing")


def test_batch_xlsx_is_the_file_srdi_batch_writes(client, pool_csv, tmp_path, monkeypatch):
    """The same sheets (初审结果, 说明) and the same 说明 lines as the CLI's --out for the same upload.

    With a 2500万元 floor the pool's 2021 营业收入 6800, 2000, 2400, 2500, 1999 give 2
    eligible rows (6800, 2500) and 3 ineligible; the 说明 sheet records the day and the
    adjusted parameter.
    """
    import openpyxl

    from srdi.i18n import t

    monkeypatch.chdir(pool_csv.parent)  # the CLI names its input as given: the upload's own name
    cli_file = tmp_path / "cli.xlsx"
    argv = ["batch", pool_csv.name, "--program", LG, "--on", ON, "--set", "revenue.value=2500", "--out", str(cli_file)]
    assert main(argv) == 0
    with pool_csv.open("rb") as f:
        r = client.post(
            "/api/v1/batch",
            params={"program": LG, "on": ON, "set": "revenue.value=2500", "format": "xlsx"},
            files={"file": (pool_csv.name, f, "text/csv")},
        )
    assert r.status_code == 200, r.text
    api_book = openpyxl.load_workbook(io.BytesIO(r.content))
    cli_book = openpyxl.load_workbook(cli_file)
    assert api_book.sheetnames == cli_book.sheetnames == ["初审结果", "说明"]

    def rows(book, sheet):
        return [tuple(row) for row in book[sheet].iter_rows(values_only=True)]

    assert rows(api_book, "说明") == rows(cli_book, "说明")
    assert rows(api_book, "初审结果") == rows(cli_book, "初审结果")
    about = {row[0]: row[1] for row in rows(api_book, "说明") if row and row[0]}
    assert about["评价日期"] == ON and about["输入文件"] == pool_csv.name
    assert about["参数调整"].startswith(LG)
    (counts,) = [v for k, v in about.items() if str(k).startswith("结论统计")]
    parts = set(counts.split(t("list.parts")))
    assert parts == {f"{t('verdict.eligible')} 2", f"{t('verdict.ineligible')} 3"}


def test_bad_override_values_and_enterprise_counts_are_400_not_404(client):
    # an override of the wrong type names an existing parameter: bad input (400), not an unknown name
    body = ELIGIBLE.read_bytes()
    headers = {"Content-Type": "application/toml"}
    r = client.post("/api/v1/check", params={"program": LG, "set": "revenue.value=abc"}, content=body, headers=headers)
    assert r.status_code == 400
    (p,) = problems(r)
    assert p["key"] == "revenue.value" and p["text"] == "应为数值（如 2000），实为 'abc'"
    # a count of enterprises past any program's list is bad input naming `enterprises`, not a 500
    r = client.post(
        "/api/v1/programs/national.key-little-giant-2024/fund",
        params={"enterprises": "1" + "0" * 400, "start_year": 2024},
    )
    assert r.status_code == 400
    (p,) = problems(r)
    assert p["key"] == "enterprises"


# --------------------------------------------------------------------------- the language of an answer
@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("en-US,en;q=0.9,zh;q=0.8", "en"),
        ("fr, zh-CN;q=0.5", "zh"),  # French is no catalogue language: the next one preferred
        ("en;q=0, zh", "zh"),  # q=0 refuses English
        ("zh;q=0.4, en;q=0.7", "en"),  # by weight, not by place
        ("*", None),  # anything: the service's own language
        ("", None),
    ],
)
def test_the_language_an_accept_language_header_prefers(header, lang):
    from srdi.web.language import preferred

    assert preferred(header) == lang


def test_an_api_answer_speaks_the_language_its_request_prefers(client, capsys, tmp_path, pool_csv, monkeypatch):
    # The same request with Accept-Language: en answers as `srdi --lang en` prints; without it, in Chinese (the
    # service's language). The eligible Liaoning firm (module docstring) and the pool's batch are the inputs.
    monkeypatch.delenv("SRDI_LANG", raising=False)
    body = as_json(ELIGIBLE, tmp_path).read_bytes()
    english = {"Accept-Language": "en-GB,en;q=0.9,zh;q=0.5"}
    r = client.post("/api/v1/check", params={"program": LG, "on": ON}, content=body, headers=english)
    assert r.headers["content-language"] == "en" and "Accept-Language" in r.headers["vary"]
    assert r.json() == cli(capsys, "check", ELIGIBLE, "--program", LG, "--on", ON, "--lang", "en")
    assert r.json()["verdict_label"] != cli(capsys, "check", ELIGIBLE, "--program", LG, "--on", ON)["verdict_label"]
    r = client.post("/api/v1/check", params={"program": LG, "on": ON}, content=body)
    assert r.headers["content-language"] == "zh"
    assert r.json() == cli(capsys, "check", ELIGIBLE, "--program", LG, "--on", ON)
    # a table job runs in a worker process: the request's language goes with it
    with pool_csv.open("rb") as f:
        files = {"file": (pool_csv.name, f, "text/csv")}
        r = client.post(
            "/api/v1/batch", data={"region": "liaoning", "on": ON, "format": "json"}, files=files, headers=english
        )
    assert r.status_code == 200, r.text
    assert r.json() == cli(capsys, "batch", pool_csv, "--region", "liaoning", "--on", ON, "--lang", "en")
    # a problem document too
    r = client.get("/api/v1/nothing-here", headers=english)
    assert (r.json()["title"], r.json()["detail"]) == ("Not found", "No such address: /api/v1/nothing-here")
    # the web page is a Chinese page whatever the browser prefers
    page = client.get("/", headers=english)
    assert "content-language" not in page.headers and "初审" in page.text


def test_a_request_in_the_other_language_has_a_catalog_of_its_own():
    # what a catalog words while it is built (a set-aside plugin's reason) stays in the language of that
    # moment, so a service answering both languages keeps one catalog per plugin set and language
    from srdi.i18n import speaking
    from srdi.web.catalogs import Catalogs

    catalogs = Catalogs()
    chinese = catalogs.for_region("liaoning")
    assert catalogs.for_region("辽宁") is chinese
    with speaking("en"):
        english = catalogs.for_region("liaoning")
        assert english is not chinese and catalogs.built_only().for_region("liaoning") is english
    assert catalogs.built_only().for_region("liaoning") is chinese
    assert len(catalogs.built()) == 1  # one plugin set, whatever its languages
