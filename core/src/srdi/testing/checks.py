"""The conformance checks every plugin must pass, as functions returning problems.

The pytest suite (:mod:`srdi.testing.conformance`) asserts that each returns
nothing; ``srdi validate`` runs the same functions on a plugin that is not
installed. Each check names what it looked at in the problems it returns, so a
failure reads as a to-do list.
"""

from __future__ import annotations

import inspect
import string
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from ..catalog import Catalog
from ..declared import package_dirs
from ..errors import Problem, SrdiError
from ..i18n import LANGUAGES, Messages, t
from ..notices.citations import NoticeText, quote_problem
from ..notices.load import citation_slots
from ..notices.locate import locate
from ..notices.model import NoticeFile, NoticeSpec
from ..notices.semantics import EVENT_KIND_KEYS, fund_problems, spec_problems
from ..plugins import Loaded
from ..profile import Profile
from ..programs import COMBINE, Program, over_years


def hook_problems(plugin: Loaded) -> list[Problem]:
    """A plugin's hooks: each implements a known hook (pluggy refuses others) and has a docstring."""
    out = []
    from .. import hookspecs

    known = {n for n in dir(hookspecs) if n.startswith("srdi_")}
    for name in dir(plugin.module):
        if not name.startswith("srdi_"):
            continue
        fn = getattr(plugin.module, name)
        if not callable(fn):
            continue
        if name not in known:
            why = t("validate.not_a_hook", name=name, known=t("list.sep").join(sorted(known)))
            out.append(Problem(why, key=plugin.name))
            continue
        if not (inspect.getdoc(fn) or "").strip():
            out.append(Problem(t("validate.hook_without_docstring", name=name), key=plugin.name))
    if not plugin.hooks:
        out.append(Problem(t("validate.no_hooks"), key=plugin.name))
    return out


def plugin_messages(plugin: Loaded) -> Messages | None:
    """The plugin's own message catalogue: domain its top package's name, ``locale/`` in it; None if it has none."""
    return package_messages(plugin.module.__name__)


def package_messages(module: str) -> Messages | None:
    """The own message catalogue of the package holding the imported ``module``; None if it has none.

    A plugin declared in ``plugin.toml`` is registered as a module named after its
    package and that file (``srdi_hebei:plugin.toml``): the package is the part before.
    """
    top = module.partition(":")[0].partition(".")[0]
    package = sys.modules.get(top)
    for folder in package_dirs(package) if package is not None else []:  # a namespace package has no __file__
        if (folder / "locale").is_dir():
            return Messages(top, folder / "locale")
    return None


#: srdi's own wording functions (:mod:`srdi.i18n`) a plugin may pass a message code to, as their first argument.
CORE_WORDING = frozenset({"t", "tn", "both"})


def code_problems(module: str) -> list[Problem]:
    """Message codes a plugin's Python passes that no catalogue words, each at its file and line.

    A code given to srdi's ``t``, ``tn`` or ``both`` must be in srdi's catalogue; one given
    to the plugin's own :class:`~srdi.i18n.Messages` (a name the package assigns
    ``Messages(...)``, such as ``say``) in the plugin's catalogue. Either would otherwise
    print as the code itself. Only literal codes are checked: a code built at run time is
    the hook's to test.
    """
    import ast

    top = module.partition(":")[0].partition(".")[0]
    package = sys.modules.get(top)
    own = package_messages(module)
    trees: list[tuple[Path, ast.Module]] = []
    for folder in package_dirs(package) if package is not None else []:
        for path in sorted(folder.rglob("*.py")):
            try:
                trees.append((path, ast.parse(path.read_text(encoding="utf-8"))))
            except (SyntaxError, UnicodeDecodeError, OSError):
                continue  # a file that does not parse fails to import, and is reported as such
    # the package's own wording: any name one of its files assigns Messages(...) (imported by the others)
    theirs = {
        target.id
        for _path, tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and _called(node.value) == "Messages"
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    out = []
    for path, tree in trees:
        core = {
            a.asname or a.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "srdi.i18n"
            for a in node.names
            if a.name in CORE_WORDING
        }
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args):
                continue
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            name, code = node.func.id, first.value
            if name in core and not _core_words(code, plural=name == "tn"):
                out.append(
                    Problem(t("validate.messages.unknown_core_code", code=code), file=str(path), line=node.lineno)
                )
            elif name in theirs and name not in core and (own is None or own(code) == code):
                out.append(
                    Problem(t("validate.messages.unknown_own_code", code=code), file=str(path), line=node.lineno)
                )
    return out


def _called(call: Any) -> str | None:
    """The name a call calls: ``Messages`` for ``Messages(...)`` and ``i18n.Messages(...)``."""
    func = call.func
    return func.id if hasattr(func, "id") else getattr(func, "attr", None)


def _core_words(code: str, plural: bool) -> bool:
    """Whether srdi's catalogue words ``code`` in every language (a plural entry for ``tn``)."""
    from ..i18n import catalogue

    for lang in LANGUAGES:
        cat = catalogue(lang)
        if (cat.ngettext(code, code, 2) if plural else cat.gettext(code)) == code:
            return False
    return True


def catalogue_problems(plugin: Loaded) -> list[Problem]:
    """A plugin's own message catalogue: compiled for every language, the same codes in each, each ``.mo`` its ``.po``."""
    return messages_problems(plugin_messages(plugin))


def messages_problems(messages: Messages | None) -> list[Problem]:
    """What :func:`catalogue_problems` finds in one catalogue (babel reads its ``.po`` and ``.mo`` files).

    A code's ``{fields}`` must be the same in every language: the hook fills the same
    fields whatever the language, and a field only one language names fails in that one.
    """
    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    if messages is None:
        return []
    out = []
    compiled: dict[str, dict[str, tuple[str, ...]]] = {}
    found = messages.languages()
    compile_it = f"pybabel compile -D {messages.domain} -d {messages.directory}"
    for lang in LANGUAGES:
        mo = found.get(lang)
        if mo is None:
            text = t("validate.messages.no_mo", lang=lang, command=compile_it)
            out.append(Problem(text, file=str(messages.directory / lang / "LC_MESSAGES" / f"{messages.domain}.po")))
            continue
        with open(mo, "rb") as f:
            compiled[lang] = _entries(read_mo(f))
        po = mo.with_suffix(".po")
        if po.is_file():
            with open(po, "rb") as f:
                source = _entries(read_po(f))
            stale = sorted(c for c in source.keys() | compiled[lang].keys() if source.get(c) != compiled[lang].get(c))
            if stale:
                codes = t("list.sep").join(stale)
                out.append(Problem(t("validate.messages.not_compiled", codes=codes, command=compile_it), file=str(mo)))
    for lang, mine in compiled.items():
        # each language's missing codes at its own .po, where they are to be added
        for other, theirs in compiled.items():
            lacks = sorted(theirs.keys() - mine.keys())
            if other != lang and lacks:
                text = t("validate.messages.lacks", lang=lang, other=other, codes=t("list.sep").join(lacks))
                out.append(Problem(text, file=str(found[lang].with_suffix(".po"))))
    first, *others = list(compiled) or [""]
    for lang in others:
        shared = compiled[first].keys() & compiled[lang].keys()
        fields = sorted(c for c in shared if _form_fields(compiled[first][c]) != _form_fields(compiled[lang][c]))
        if fields:
            text = t("validate.messages.fields_differ", lang=lang, first=first, codes=t("list.sep").join(fields))
            out.append(Problem(text, file=str(messages.directory)))
    return out


def _entries(messages: Any) -> dict[str, tuple[str, ...]]:
    """Each code of a read catalogue and its forms: one text, or one per plural form (``msgstr[k]``)."""
    out = {}
    for m in messages:
        if m.id:
            code = m.id[0] if isinstance(m.id, (tuple, list)) else m.id
            out[str(code)] = tuple(map(str, m.string)) if isinstance(m.string, (tuple, list)) else (str(m.string),)
    return out


def _form_fields(forms: tuple[str, ...]) -> set[tuple[str, ...]]:
    """The fields each plural form of a message fills (one set for a message whose forms agree)."""
    return {tuple(_fields(f)) for f in forms}


def _fields(text: str) -> list[str]:
    """The names of the ``{fields}`` a message fills, sorted (``{{`` is a brace, not a field)."""
    try:
        return sorted(name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name)
    except ValueError:  # an unmatched brace: no field can be told, and formatting it fails in that language
        return ["{"]


def _citations(spec: NoticeSpec) -> Iterator[tuple[str, str | None, str | None]]:
    """Every (key path, clause, quote) a notice spec cites."""
    for path, obj, ck, qk in citation_slots(spec):
        quote, clause = getattr(obj, qk), getattr(obj, ck, None)
        if quote is not None or clause is not None:
            yield f"{path}.{qk}", clause, quote


def citation_problems(nf: NoticeFile) -> list[Problem]:
    """Every clause is named and every quote occurs in the notice text the plugin ships."""
    text = NoticeText(nf.text)
    source = _source(nf.path)
    out = []
    found = list(_citations(nf.spec))
    if not found:
        out.append(Problem(t("validate.cites_nothing"), file=nf.path))
    for path, clause, quote in found:
        if not (clause or "").strip():
            out.append(Problem(t("validate.no_clause"), file=nf.path, key=path, line=locate(source, path)))
        why = quote_problem(quote or "", text)
        if why:
            out.append(Problem(why, file=nf.path, key=path, line=locate(source, path)))
    return out


def semantic_problems(nf: NoticeFile) -> list[Problem]:
    """Dates and periods, tranches and splits of a notice file make sense (see :mod:`srdi.notices.semantics`)."""
    source = _source(nf.path)
    return [Problem(m, file=nf.path, key=k, line=locate(source, k)) for k, m in spec_problems(nf.spec)]


def empty_profile_problems(catalog: Catalog, program: Program) -> list[Problem]:
    """An empty profile is "incomplete": missing data is never a definite verdict, and nothing raises.

    A program whose every criterion is a clause a person judges has no data to miss:
    on an empty profile it is "review".
    """
    day = program.notice.spec.notice.issued_on
    where: dict[str, Any] = dict(file=program.notice.path, key=program.id)
    try:
        result = catalog.evaluate(Profile(), program, day)
    except SrdiError as exc:
        return list(exc.problems)
    except Exception as exc:
        return [Problem(t("validate.empty_profile_raised", error=type(exc).__name__, why=exc), **where)]
    out = []
    judged_only = all(c.outcome.value == "review" for c in result.criteria)
    if result.verdict.value != "incomplete" and not (judged_only and result.verdict.value == "review"):
        out.append(Problem(t("validate.empty_profile_verdict", verdict=repr(result.verdict.value)), **where))
    reported = {c.id for c in result.criteria}
    # one problem per criterion no group reaches, keyed by ids (``programs[<program>].criteria[<criterion>]``):
    # srdi validate places each at its own table, in whichever notice of the program's layers writes it
    for cid in sorted(set(program.criteria) - reported):
        why = t("validate.unreachable", rule=repr(program.rule), ids=cid)
        out.append(Problem(why, file=program.notice.path, key=f"programs[{program.id}].criteria[{cid}]"))
    return out


def program_years(program: Program) -> list[int]:
    """The years a program's recurring events are computed for: the year of its notice and the year after 上年度."""
    years = {program.notice.spec.notice.issued_on.year}
    if isinstance(program.reference_year, int):
        years.add(program.reference_year + 1)
    return sorted(years)


def deadline_problems(catalog: Catalog, program: Program) -> list[Problem]:
    """Every timeline event dates for the program's years; windows do not end before they start."""
    where: dict[str, Any] = dict(file=program.notice.path, key=program.id)
    try:
        occurrences = catalog.deadlines(program, program_years(program))
    except SrdiError as exc:
        return list(exc.problems)
    except Exception as exc:
        return [Problem(t("validate.timeline_raised", error=type(exc).__name__, why=exc), **where)]
    out = []
    for occ in occurrences:
        # built-in kinds are checked on the file itself (srdi.notices.semantics); a plugin's kind only here
        if occ.kind not in EVENT_KIND_KEYS and occ.start is not None and occ.date is not None and occ.start > occ.date:
            why = t("validate.event_ends_before_start", event=repr(occ.event), end=occ.date, start=occ.start)
            out.append(Problem(why, **where))
    return out


def fund_rule_problems(catalog: Catalog, program: Program) -> list[Problem]:
    """A fund rule adds up (tranches, splits), computes without a profile, and pays no negative amount."""
    if program.fund is None:
        return []
    where: dict[str, Any] = dict(file=program.notice.path, key=f"{program.id}.fund")
    source = _source(program.notice.path)
    index = next((i for i, p in enumerate(program.notice.spec.programs) if p.fund is program.fund), None)
    out = []
    if index is not None:  # the fund is written in this program's own notice
        base = f"programs[{index}].fund"
        out += [
            Problem(m, file=program.notice.path, key=k, line=locate(source, k))
            for k, m in fund_problems(base, program.fund)
        ]
    try:
        res = catalog.fund(program)
    except SrdiError as exc:
        return out + list(exc.problems)
    except Exception as exc:
        return [*out, Problem(t("validate.fund_raised", error=type(exc).__name__, why=exc), **where)]
    if res.unit != "万元":
        out.append(Problem(t("validate.fund_unit", unit=repr(res.unit)), **where))
    for p in res.payments:
        if p.amount is not None and p.amount < 0:
            out.append(Problem(t("validate.negative_payment", tranche=repr(p.tranche), amount=p.amount), **where))
    return out


def form_problems(form: Any) -> list[Problem]:
    """A form exports as a valid JSON Schema (draft 2020-12)."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    from ..forms import json_schema

    try:
        Draft202012Validator.check_schema(json_schema(form))
    except SchemaError as exc:
        return [Problem(t("validate.bad_schema", form=repr(form.id), why=exc.message))]
    return []


def form_mapping_problems(catalog: Catalog, nf: NoticeFile, form: Any) -> list[Problem]:
    """A form's cells fit the vocabulary they name (see :func:`srdi.forms.mapping_problems`)."""
    from ..forms import mapping_problems

    source = _source(nf.path)
    index = next((i for i, f in enumerate(nf.spec.forms) if f is form), None)
    out = []
    for p in mapping_problems(form, catalog):
        key = p.key
        line = None
        if index is not None and key and key.startswith(f"forms.{form.id}"):
            key = f"forms[{index}]" + key[len(f"forms.{form.id}") :]
            line = locate(source, key)
        out.append(attrs.evolve(p, file=nf.path, key=key, line=line))
    return out


def compile_problems(catalog: Catalog, program: Program) -> list[Problem]:
    """The program compiles: every criterion's type, arguments, metric, unit and title are known."""
    try:
        catalog.compiled(program)
    except SrdiError as exc:
        return list(exc.problems)
    return []


def reading_problems(catalog: Catalog, program: Program) -> list[Problem]:
    """Every criterion over several years names how its years combine as an overridable parameter.

    The name is ``<criterion>.combine`` or a named parameter the criterion refers to;
    each reading it offers either compiles or is refused with srdi's own error.
    """
    out = []
    names = program.parameter_names()
    for cid, crit in program.criteria.items():
        if not over_years(crit):
            continue
        ref = crit.refs.get("combine")
        name = ref if ref is not None else f"{cid}.combine"
        if name not in names:
            out.append(Problem(t("validate.combine_not_overridable", id=repr(cid), years=crit.args["years"])))
            continue
        param = program.params.get(ref) if ref is not None else None
        choices = param.choices if param is not None and param.choices else COMBINE
        compiled = 0
        for value in choices:
            try:
                catalog.compiled(program.with_overrides({name: value}))
                compiled += 1
            except SrdiError:
                continue  # a reading this metric cannot take (aggregate of a non-ratio, cagr of a non-growth)
            except Exception as exc:
                why = t("validate.reading_raised", name=name, value=repr(value), error=type(exc).__name__, why=exc)
                out.append(Problem(why, key=cid))
        if not compiled:
            out.append(Problem(t("validate.no_reading", name=name), key=cid))
    return out


def _source(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except OSError:
        return ""
