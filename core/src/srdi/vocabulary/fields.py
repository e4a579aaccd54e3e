"""Field specifications and the vocabulary built from core and plugin fields."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from attrs import field, frozen

from .._convert import converter, problems_from
from ..errors import NoticeError, Problem, UnknownNameError, suggest, syntax_reason
from ..i18n import t as message
from ..notices.locate import locate

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FieldKind = Literal[
    "text", "date", "bool", "money", "usd", "number", "integer", "count", "percent", "choice", "multichoice"
]
Section = Literal["enterprise", "years", "plan"]

#: Kinds whose values are numbers (stored as float64 columns).
NUMERIC_KINDS = frozenset({"money", "usd", "number", "integer", "count", "percent"})
DEFAULT_UNITS = {"money": "万元", "usd": "万美元", "percent": "%", "count": "项", "integer": "人"}

KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$")
#: What a field's figure measures, for ``within``: a part and its whole measure the same thing
#: (a number of people is an ``integer`` or a ``count``); other kinds are no amounts.
_MEASURE = {"money": "money", "usd": "usd", "number": "number", "integer": "count", "count": "count"}


@frozen
class Choice:
    """One allowed value of a choice field, with its Chinese label."""

    value: str
    label: str


@frozen
class FieldSpec:
    """One fact of the enterprise vocabulary."""

    key: str
    label: str
    kind: FieldKind
    section: Section
    unit: str | None = None
    description: str | None = None
    aliases: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = ()
    signed: bool = False
    origin: str = "srdi"
    #: a field no longer asked, with what to give instead (in Chinese): a profile still holding it is told so
    retired: str | None = None
    #: the field this one is part of and cannot exceed (in the same year when yearly): 主营业务收入 is
    #: ``within = "revenue"``; a profile or a row where it does is refused (:mod:`srdi.profile.relations`)
    within: str | None = None

    @property
    def yearly(self) -> bool:
        """True when the fact has one value per year."""
        return self.section == "years"

    @property
    def display_unit(self) -> str | None:
        """The unit shown to users (万元 for money unless the field says otherwise)."""
        return self.unit or DEFAULT_UNITS.get(self.kind)

    def columns(self, years: Iterable[int] = ()) -> list[str]:
        """The frame columns this field occupies (per year, per choice for multichoice)."""
        base = [f"{self.key}_{y}" for y in years] if self.yearly else [self.key]
        if self.kind == "multichoice":
            return [f"{b}.{c.value}" for b in base for c in self.choices]
        return base

    def choice_value(self, given: str) -> str | None:
        """Map a value or its Chinese label to the canonical choice value."""
        text = given.strip()
        for c in self.choices:
            if text in (c.value, c.label):
                return c.value
        for c in self.choices:  # tolerate labels written with or without the checkbox glyphs
            if text.strip("□■☑√ ") == c.label:
                return c.value
        return None


@frozen
class _FieldsFile:
    fields: tuple[FieldSpec, ...] = field(factory=tuple)


def load_fields(path: Path | str, origin: str = "srdi") -> list[FieldSpec]:
    """Read a ``[[fields]]`` TOML file into field specs (plugins use this for their own fields).

    Each ``within`` must name a core field or a field of the same file, of the same
    measure and yearly-ness (:func:`within_problem`); else the file is refused, each
    bad one at its line.
    """
    fields, source = _read_fields(Path(path), origin)
    _check_within(Path(path), source, fields, {**_core_by_key(), **{f.key: f for f in fields}})
    return fields


def _read_fields(path: Path, origin: str) -> tuple[list[FieldSpec], str]:
    source = path.read_text(encoding="utf-8")
    try:
        raw = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise NoticeError(Problem(message("input.bad_toml", why=syntax_reason(exc)), file=str(path))) from None
    for item in raw.get("fields", []):
        item.setdefault("origin", origin)
    try:
        return list(converter.structure(raw, _FieldsFile).fields), source
    except Exception as exc:
        raise NoticeError(problems_from(exc, str(path))) from None


def _check_within(path: Path, source: str, fields: list[FieldSpec], known: Mapping[str, FieldSpec]) -> None:
    problems = []
    for i, f in enumerate(fields):
        why = within_problem(f, known)
        if why is not None:
            key = f"fields[{i}].within"
            problems.append(Problem(why, file=str(path), key=key, line=locate(source, key)))
    if problems:
        raise NoticeError(problems)


def within_problem(part: FieldSpec, known: Mapping[str, FieldSpec]) -> str | None:
    """Why ``part``'s ``within`` cannot be checked against the fields ``known``, or None.

    The whole must be a field there, measure what the part measures (money within
    money, people within people, in the same unit) and be yearly when the part is (they
    are compared year by year) or one value when it is.
    """
    if part.within is None or part.retired is not None:
        return None
    whole = known.get(part.within)
    if whole is None or whole.retired is not None:
        hint = suggest(part.within, [k for k, f in known.items() if f.retired is None])
        return message("vocabulary.within_unknown", key=repr(part.key), target=repr(part.within), hint=hint)
    measure = _MEASURE.get(part.kind)
    if measure is None or measure != _MEASURE.get(whole.kind) or part.display_unit != whole.display_unit:
        return message(
            "vocabulary.within_kind",
            key=repr(part.key),
            kind=part.kind,
            unit=part.display_unit or "-",
            target=repr(whole.key),
            target_kind=whole.kind,
            target_unit=whole.display_unit or "-",
        )
    if part.yearly != whole.yearly:
        return message(
            "vocabulary.within_yearly",
            key=repr(part.key),
            section=part.section,
            target=repr(whole.key),
            target_section=whole.section,
        )
    return None


def unitless_integers(path: Path | str) -> list[Problem]:
    """The ``integer`` fields of a fields file that give no ``unit``, each at its ``[[fields]]`` header.

    Such a field is shown in the default unit (人): a rank or a number of months written
    without one reads "≤ 3人". The unit belongs to what the field counts, which only its
    author knows, so this is a warning to give one, not an error.
    """
    path = Path(path)
    try:
        source = path.read_text(encoding="utf-8")
        raw = tomllib.loads(source)
    except (OSError, tomllib.TOMLDecodeError):  # reported where the fields are loaded
        return []
    tables = raw.get("fields")
    out = []
    for i, table in enumerate(tables if isinstance(tables, list) else []):
        if isinstance(table, dict) and table.get("kind") == "integer" and "unit" not in table:
            why = message("validate.integer_without_unit", key=repr(table.get("key")), unit=DEFAULT_UNITS["integer"])
            key = f"fields[{i}].unit"
            out.append(Problem(why, file=str(path), key=key, line=locate(source, key)))
    return out


def core_fields() -> list[FieldSpec]:
    """The vocabulary srdi itself defines (its ``within`` name its own fields)."""
    return list(_core_fields())


@cache
def _core_fields() -> tuple[FieldSpec, ...]:
    # read once per process: a command asks for them from the profile reader, the baseline and the router
    with resources.as_file(resources.files(__package__) / "core.toml") as p:
        fields, source = _read_fields(p, "srdi")
        _check_within(p, source, fields, {f.key: f for f in fields})
        return tuple(fields)


@cache
def _core_by_key() -> dict[str, FieldSpec]:
    """The core fields by key, which a plugin's ``within`` may name."""
    return {f.key: f for f in core_fields()}


class Vocabulary:
    """All fields known to a catalog: core fields plus those plugins register."""

    def __init__(self, fields: Iterable[FieldSpec]) -> None:
        self._by_key: dict[str, FieldSpec] = {}
        self._by_alias: dict[str, list[str]] = {}
        #: fields no longer asked (``retired``), kept only to say what replaced them
        self._retired: dict[str, FieldSpec] = {}
        for f in fields:
            if f.retired is not None:
                self._retired[f.key] = f
                continue
            if not KEY.match(f.key):
                raise NoticeError(message("name.field_key_form", key=repr(f.key), origin=f.origin))
            if f.key in self._by_key:
                other = self._by_key[f.key]
                raise NoticeError(message("name.field_twice", key=repr(f.key), first=other.origin, second=f.origin))
            if f.origin != "srdi" and "." not in f.key:
                raise NoticeError(message("name.field_not_namespaced", key=repr(f.key), origin=f.origin))
            self._by_key[f.key] = f
            for alias in dict.fromkeys(_norm_header(a) for a in (f.label, *f.aliases)):
                self._by_alias.setdefault(alias, []).append(f.key)
        for f in self._by_key.values():
            why = within_problem(f, self._by_key)
            if why is not None:
                raise NoticeError(why)
        #: (part, whole) for each field declared ``within`` another: the part cannot exceed its whole
        self.bounds: tuple[tuple[str, str], ...] = tuple(
            (f.key, f.within) for f in self._by_key.values() if f.within is not None
        )

    def __iter__(self) -> Iterator[FieldSpec]:
        return iter(self._by_key.values())

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __len__(self) -> int:
        return len(self._by_key)

    def get(self, key: str) -> FieldSpec | None:
        """The field named ``key``, or None."""
        return self._by_key.get(key)

    def __getitem__(self, key: str) -> FieldSpec:
        try:
            return self._by_key[key]
        except KeyError:
            raise UnknownNameError(
                message("name.unknown_field", name=repr(key), hint=suggest(key, self._by_key))
            ) from None

    def keys(self) -> list[str]:
        """Every field key."""
        return list(self._by_key)

    def retired(self, key: str) -> FieldSpec | None:
        """The field ``key`` named before it was retired (its ``retired`` says what replaced it), or None."""
        return self._retired.get(key)

    def retired_by_header(self, header: str) -> FieldSpec | None:
        """The retired field a table header (its key or label) names, or None."""
        text = _norm_header(header)
        return next((f for f in self._retired.values() if text in (f.key, _norm_header(f.label))), None)

    def by_header(self, header: str) -> str | None:
        """The field key an official form header (or a label) stands for, if any (the first defined)."""
        found = self._by_alias.get(_norm_header(header))
        return found[0] if found else None

    def all_by_header(self, header: str) -> tuple[str, ...]:
        """Every field key a header (or a label) stands for, in the order defined.

        Plugins may ask the same question in the same words (巡视、审计、督查发现问题且未整改到位
        in several provinces): each has its own field, and a table's column under that header
        answers them all.
        """
        return tuple(self._by_alias.get(_norm_header(header), ()))


def _norm_header(text: str) -> str:
    return re.sub(r"[\s　]+", "", text).replace("(", "（").replace(")", "）")
