"""Conformance of every loaded plugin (``SRDI_LOAD_PLUGINS`` selects which).

These hold for any plugin: its notices load with every quote found in the shipped
text, every program compiles and evaluates an empty profile without an exception
and without a definite verdict, every form is valid JSON Schema whose cells fit the
vocabulary they name, every timeline dates, and every fund rule computes.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from jsonschema import Draft202012Validator

import srdi
from srdi.forms import json_schema, mapping_problems
from srdi.notices.citations import NoticeText
from srdi.profile import Profile

CATALOG = srdi.load()
PROGRAMS = CATALOG.programs(abstract=True)
IDS = [p.id for p in PROGRAMS]


def _citations(obj, path=""):
    """Every (path, clause, quote) in a notice spec."""
    if attrs.has(type(obj)):
        for ck, qk in (("clause", "quote"), ("cap_clause", "cap_quote"), ("reapply_clause", "reapply_quote")):
            if getattr(obj, qk, None) is not None:
                yield path, getattr(obj, ck), getattr(obj, qk)
        for a in attrs.fields(type(obj)):
            yield from _citations(getattr(obj, a.name), f"{path}.{a.name}")
    elif isinstance(obj, (list, tuple)):
        for i, x in enumerate(obj):
            yield from _citations(x, f"{path}[{i}]")


@pytest.mark.parametrize("nf", CATALOG.notices, ids=lambda nf: nf.spec.notice.id)
def test_every_quote_occurs_in_the_shipped_text(nf):
    text = NoticeText(nf.text)
    found = list(_citations(nf.spec))
    assert found, "a notice cites nothing"
    missing = [(path, q) for path, _c, q in found if text.find(q) is None]
    assert not missing


@pytest.mark.parametrize("program", PROGRAMS, ids=IDS)
def test_empty_profile_is_never_a_definite_verdict(program):
    day = program.notice.spec.notice.issued_on
    result = CATALOG.evaluate(Profile(), program, day)
    assert result.verdict.value in ("incomplete", "review")
    assert len(result.criteria) == len(program.criteria)


@pytest.mark.parametrize("program", PROGRAMS, ids=IDS)
def test_every_criterion_and_group_cites_text(program):
    for node in list(program.criteria.values()) + list(program.groups.values()):
        assert node.origin.clause.strip() and node.origin.quote.strip()


@pytest.mark.parametrize("program", PROGRAMS, ids=IDS)
def test_timeline_dates(program):
    year = program.notice.spec.notice.issued_on.year
    for occ in CATALOG.deadlines(program, [year]):
        assert occ.date is None or isinstance(occ.date, dt.date)


@pytest.mark.parametrize("program", [p for p in PROGRAMS if p.fund is not None], ids=lambda p: p.id)
def test_fund_rule_computes(program):
    res = CATALOG.fund(program)
    assert res.unit == "万元"
    assert all(p.amount is None or p.amount >= 0 for p in res.payments)


@pytest.mark.parametrize("form", CATALOG.forms(), ids=lambda f: f.id)
def test_forms_are_valid_json_schema(form):
    Draft202012Validator.check_schema(json_schema(form))


@pytest.mark.parametrize("form", CATALOG.forms(), ids=lambda f: f.id)
def test_form_cells_fit_the_vocabulary(form):
    assert [str(p) for p in mapping_problems(form, CATALOG)] == []
