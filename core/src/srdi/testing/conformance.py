"""The conformance suite: what every loaded plugin must satisfy.

Run it with ``pytest --srdi-conformance`` (the srdi pytest plugin adds this module
to the run) or ``pytest --pyargs srdi.testing.conformance``. It checks the plugins
``SRDI_LOAD_PLUGINS`` selects (every installed plugin when unset), plus the
national baseline:

- hooks are srdi hooks and documented;
- a plugin's own messages (``locale/`` beside its package) are compiled for every
  language, current, with the same codes in each;
- every citation names a clause and its quote occurs in the shipped text;
- dates and periods, tranches and fund splits make sense;
- every program compiles, and every criterion over several years offers how its
  years combine as a parameter (``<criterion>.combine``);
- every program evaluates an empty profile to "incomplete" without an
  exception ("review" when it has nothing but clauses a person judges), and
  reports every criterion it has;
- every timeline dates for the program's years on the working-day calendar;
- every fund rule adds up and computes;
- every form exports valid JSON Schema, and its cells fit the vocabulary they name.

Test ids name the plugin, notice, program or form, so ``-k tianjin`` narrows the run.
"""

from __future__ import annotations

from typing import Any

import pytest

import srdi
from srdi.errors import Problem
from srdi.notices.model import FormSpec, NoticeFile
from srdi.plugins import Loaded
from srdi.programs import Program
from srdi.testing import checks

CATALOG = srdi.load()
PLUGINS = sorted(CATALOG.plugins.values(), key=lambda p: p.name)
NOTICES = sorted(CATALOG.notices, key=lambda nf: nf.spec.notice.id)
PROGRAMS = CATALOG.programs(abstract=True)
CONCRETE = [p for p in PROGRAMS if not p.abstract]
FUNDED: list[Any] = [p for p in PROGRAMS if p.fund is not None] or [
    pytest.param(None, marks=pytest.mark.skip(reason="no loaded program has a fund rule"))
]
FORMS = [(nf, f) for nf in NOTICES for f in nf.spec.forms]


def _fail_on(problems: list[Problem]) -> None:
    if problems:
        pytest.fail("\n".join(str(p) for p in problems), pytrace=False)


@pytest.mark.parametrize("plugin", PLUGINS, ids=lambda p: p.name)
def test_hooks_are_valid_and_documented(plugin: Loaded) -> None:
    """Every ``srdi_*`` function of the plugin is a known hook with a docstring."""
    _fail_on(checks.hook_problems(plugin))


@pytest.mark.parametrize("plugin", PLUGINS, ids=lambda p: p.name)
def test_own_messages_are_compiled_for_every_language(plugin: Loaded) -> None:
    """A plugin shipping its own messages has them compiled, current, with the same codes in every language."""
    _fail_on(checks.catalogue_problems(plugin))


@pytest.mark.parametrize("plugin", PLUGINS, ids=lambda p: p.name)
def test_every_message_code_its_python_passes_is_worded(plugin: Loaded) -> None:
    """Every literal message code the plugin's Python gives srdi's ``t``/``tn`` or its own ``Messages`` is catalogued."""
    _fail_on(checks.code_problems(plugin.module.__name__))


@pytest.mark.parametrize("notice", NOTICES, ids=lambda nf: f"{nf.plugin}:{nf.spec.notice.id}")
def test_citations_are_verified(notice: NoticeFile) -> None:
    """Every citation names its clause, and its quote occurs in the shipped notice text."""
    _fail_on(checks.citation_problems(notice))


@pytest.mark.parametrize("notice", NOTICES, ids=lambda nf: f"{nf.plugin}:{nf.spec.notice.id}")
def test_dates_periods_and_shares_make_sense(notice: NoticeFile) -> None:
    """Windows end after they start, events carry what their kind needs, tranches and splits add up."""
    _fail_on(checks.semantic_problems(notice))


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.id)
def test_program_compiles(program: Program) -> None:
    """Every criterion's condition type, arguments, metric, unit and title are known."""
    _fail_on(checks.compile_problems(CATALOG, program))


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.id)
def test_years_combine_as_a_named_reading(program: Program) -> None:
    """Every criterion over several years (近N年) can be overridden in how its years combine."""
    _fail_on(checks.reading_problems(CATALOG, program))


@pytest.mark.parametrize("program", CONCRETE, ids=lambda p: p.id)
def test_empty_profile_is_incomplete(program: Program) -> None:
    """An empty profile is "incomplete" (missing data is never a verdict), and every criterion is reported."""
    _fail_on(checks.empty_profile_problems(CATALOG, program))


@pytest.mark.parametrize("program", CONCRETE, ids=lambda p: p.id)
def test_deadlines_compute_for_the_program_years(program: Program) -> None:
    """The timeline dates for the notice's year on the official working-day calendar."""
    _fail_on(checks.deadline_problems(CATALOG, program))


@pytest.mark.parametrize("program", FUNDED, ids=lambda p: getattr(p, "id", "none"))
def test_fund_rules_are_consistent(program: Program) -> None:
    """The fund rule adds up, computes without a profile, and pays nothing negative."""
    _fail_on(checks.fund_rule_problems(CATALOG, program))


@pytest.mark.parametrize("form", FORMS, ids=lambda nf_f: f"{nf_f[0].spec.notice.id}:{nf_f[1].id}")
def test_forms_export_valid_json_schema(form: tuple[NoticeFile, FormSpec]) -> None:
    """The form's JSON Schema is valid draft 2020-12."""
    _fail_on(checks.form_problems(form[1]))


@pytest.mark.parametrize("form", FORMS, ids=lambda nf_f: f"{nf_f[0].spec.notice.id}:{nf_f[1].id}")
def test_form_cells_fit_the_vocabulary(form: tuple[NoticeFile, FormSpec]) -> None:
    """Every cell's vocabulary key exists and suits the cell; every derived cell names a metric or check."""
    _fail_on(checks.form_mapping_problems(CATALOG, *form))
