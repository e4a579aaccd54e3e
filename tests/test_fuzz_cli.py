"""The ``srdi`` entry point under drawn arguments and file contents: exit 0, or exit 2 with a message.

Never a traceback. Arguments mix real program ids, forms, regions and options with
drawn text; files hold drawn bytes, or TOML and JSON built from the profile's own
names with values of every type.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import srdi.plugin_data
from srdi.cli.main import main

ROOT = Path(__file__).parent.parent
ELIGIBLE = ROOT / "plugins" / "liaoning" / "examples" / "little-giant-eligible.toml"
TABLE = "企业名称,统一社会信用代码,2021年营业收入\n沈阳精联传动科技有限公司,91210100MA0YK3N252,6800\n"

PROGRAMS = st.sampled_from(
    ["liaoning.little-giant-2022", "national.key-little-giant-2021", "beijing.tech-industrialisation-2021", "x.y"]
)
TEXT = st.text(max_size=12)
NAMES = st.one_of(st.sampled_from(["liaoning", "national", "zhejiang", "辽宁", "210000", "999999", ""]), TEXT)
FIELDS = st.sampled_from(
    ["enterprise", "years", "2021", "revenue", "credit_code", "region_code", "recognitions", "title"]
)
VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TEXT, st.just("91210100MA0YK3N252")),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.one_of(FIELDS, TEXT), inner, max_size=4)),
    max_leaves=20,
)


def _toml_line(key: str, value: object) -> str:
    return f"{json.dumps(key, ensure_ascii=False)} = {json.dumps(value, ensure_ascii=False)}\n"


CONTENTS = st.one_of(
    st.binary(max_size=300),
    st.dictionaries(st.one_of(FIELDS, TEXT), VALUES, max_size=4).map(
        lambda d: json.dumps(d, ensure_ascii=False).encode("utf-8")
    ),
    st.lists(st.tuples(st.one_of(FIELDS, TEXT), st.one_of(st.integers(), TEXT, st.booleans())), max_size=5).map(
        lambda items: "".join(_toml_line(k, v) for k, v in items).encode("utf-8")
    ),
    st.just(ELIGIBLE.read_bytes()).flatmap(lambda base: st.binary(max_size=40).map(lambda tail: base + b"\n" + tail)),
)


@st.composite
def command(draw):
    """(argv, file contents): argv names ``FILE`` where the drawn file goes."""
    which = draw(
        st.sampled_from(
            ["check", "fund", "form-check", "batch", "whatif", "deadlines", "programs", "show", "new-plugin", "set"]
        )
    )
    on = draw(st.sampled_from([[], ["--on", "2022-03-01"], ["--on", "2022-02-30"]]))
    if which == "check":
        args = ["check", "FILE", *on, *draw(st.sampled_from([[], ["--program", "liaoning.little-giant-2022"]]))]
    elif which == "fund":
        args = ["fund", "--program", draw(PROGRAMS), "--profile", "FILE", *on]
    elif which == "form-check":
        args = ["form-check", draw(st.sampled_from(["lngxgg-2022-9:annex-1", "nope"])), "FILE"]
    elif which == "batch":
        out = draw(st.sampled_from([[], ["--out", "FILE"], ["--out", "result.csv"], ["--out", "no/such/dir.csv"]]))
        args = ["batch", "FILE", "--program", "liaoning.little-giant-2022", *on, *out]
    elif which == "whatif":
        args = ["whatif", "table.csv", "--program", "liaoning.little-giant-2022", "--overrides", "FILE"]
    elif which == "deadlines":
        source = draw(st.sampled_from([["--profile", "FILE"], ["--calendar", "FILE"]]))
        args = ["deadlines", "--program", draw(PROGRAMS), *source]
    elif which == "programs":
        args = ["programs", "--region", draw(NAMES)]
    elif which == "show":
        args = ["show", draw(st.one_of(PROGRAMS, TEXT))]
    elif which == "new-plugin":
        args = ["new-plugin", draw(NAMES), "--region", draw(NAMES), "--dest", "plugin-out"]
    else:
        value = draw(st.one_of(st.sampled_from(["1e400", "NaN", "-1", "[1]", "true", "{}", "7000"]), TEXT))
        name = draw(st.sampled_from(["revenue.value", "rd_years", "g-main-share.value", "nope"]))
        args = ["check", str(ELIGIBLE), "--program", "liaoning.little-giant-2022", "--set", f"{name}={value}"]
    return args, draw(CONTENTS)


@pytest.fixture(scope="module", autouse=True)
def cached_notices():
    """Parse each notice file once for the whole module: the fuzz is about inputs, not notice loading."""
    original = srdi.plugin_data.load_notice
    srdi.plugin_data.load_notice = functools.lru_cache(maxsize=None)(original)
    yield
    srdi.plugin_data.load_notice = original


def run(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exc:  # argparse: usage errors exit 2, --help exits 0
            status = int(exc.code or 0)
    return status, err.getvalue()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command())
def test_the_entry_point_exits_0_or_2_with_a_message(tmp_path_factory, monkeypatch, drawn):
    args, content = drawn
    folder = tmp_path_factory.mktemp("cli")
    monkeypatch.chdir(folder)
    (folder / "FILE").write_bytes(content)
    (folder / "table.csv").write_text(TABLE, encoding="utf-8")
    status, err = run(args)
    assert "Traceback" not in err
    assert status in (0, 2), err
    if status == 2:
        # srdi's one line per problem (a form's problems included), or argparse's usage and error
        lines = [line for line in err.splitlines() if line.strip()]
        assert lines and all(line.startswith(("srdi", "用法：", "usage:", " ")) for line in lines), err
    # nothing is written over an input, even when --out names it
    assert (folder / "FILE").read_bytes() == content
    assert (folder / "table.csv").read_text(encoding="utf-8") == TABLE
