"""Which frame column a table header stands for.

A batch table may name its columns in the profile vocabulary (``revenue_2021``,
``management_certs``, ``rec.liaoning.srdi_sme.year``, ``attest.sound_management``)
or with the Chinese headers of the official forms (``营业收入（万元）``,
``2021年营业收入``, a group header ``2021年度经营情况（万元、人、%）`` above
``营业收入``). This module resolves one header — or a two-row header — to a
:class:`Target`: the vocabulary field, its year, or a recognition or attestation
column. It knows no form: the labels it accepts come from the vocabulary's
aliases, the labels of every loaded form field that names its profile key, the
titles, and the attestations the loaded programs ask for. A reader that has found
which notice's table a file is (by its printed title) may give the years that
table's columns hold without printing them (:meth:`HeaderResolver.with_form_years`).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping

from attrs import frozen

from ..engine.titles import DATE_WORDS
from ..errors import suggest
from ..vocabulary import FieldSpec, Vocabulary
from .titles import TitleNames

#: ``2021年`` / ``2021年度`` before a label, ``（2021年）`` or ``2021`` after it.
_YEAR_PREFIX = re.compile(r"^\s*(?:截至|截止)?(\d{4})\s*年度?(?:末)?\s*")
_YEAR_SUFFIX = re.compile(r"[\s_（(]*(\d{4})\s*年?度?[)）]?\s*$")
_UNIT_SUFFIX = re.compile(r"\s*[（(]\s*([^（）()]{1,12})\s*[)）]\s*$")
_ANY_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年")
_SPACE = re.compile(r"[\s　]+")
#: Units a header may state in parentheses, and what they say about the column.
_UNITS = {"万元", "元", "%", "％", "+-%", "个", "项", "人", "年", "家", "万美元", "位", "单位：年"}
#: What a unit measures: a header's unit and the field's must measure the same thing.
_MEASURES = {
    **dict.fromkeys(("万元", "元"), "yuan"),
    "万美元": "usd",
    **dict.fromkeys(("%", "+-%"), "share"),
    **dict.fromkeys(("个", "项", "人", "家", "位", "件", "名", "场", "场次", "台（套）", "次"), "count"),
    "年": "years",
    "天": "days",
}
#: Kinds whose size a wrong unit changes by orders of magnitude: a unit srdi does not know is refused there.
_SCALED_KINDS = frozenset({"money", "usd", "percent"})
_ROW_NUMBER = {"序号", "行号", "row", "#"}
_REC_PARTS = ("year", "granted_on", "valid_until", "revoked_on")
#: A column listing the titles a row holds, each with its year ("辽宁省专精特新中小企业（2021）、…").
RECOGNITIONS = ("recognitions", "已获认定称号")


@frozen
class Target:
    """What a header stands for.

    ``kind`` is ``field`` (a vocabulary field, ``year`` set for yearly ones),
    ``choice`` (one option of a multiple choice, as 1/0), ``rec`` (a recognition's
    ``part``: year, grant date, end of validity or day of revocation), ``recs`` (a list of titles
    held, with their years), ``declared`` (whether a row lists every title it
    holds), ``attest`` (an attestation), or ``row`` (a row number, kept for
    reference). ``also`` names the other fields a field's header stands for (plugins
    asking the same question in the same words, with the same kind of answer): the
    column's cells fill them too. ``rivals`` are what else the header names, read
    differently (another plugin's field with other choices, a title of that name): each
    takes the cells it can read, and a cell is an error only where none can.
    ``year_from`` names the table whose reading gave the year, where the header prints none.
    """

    kind: str
    key: str
    year: int | None = None
    part: str | None = None
    unit: str | None = None
    also: tuple[str, ...] = ()
    rivals: tuple[Target, ...] = ()
    year_from: str | None = None

    @property
    def column(self) -> str:
        """The frame column this header fills."""
        if self.kind == "field":
            return f"{self.key}_{self.year}" if self.year is not None else self.key
        if self.kind == "choice":
            return f"{self.key}_{self.year}.{self.part}" if self.year is not None else f"{self.key}.{self.part}"
        if self.kind == "rec":
            return f"rec.{self.key}.{self.part}"
        if self.kind == "declared":
            return "recognitions_declared"
        if self.kind == "recs":
            return "recognitions"
        if self.kind == "attest":
            return f"attest.{self.key}"
        return "row"


def norm(text: str) -> str:
    """A header without spaces, with half-width parentheses made full-width (how labels are compared)."""
    return _SPACE.sub("", str(text)).replace("(", "（").replace(")", "）")


class HeaderResolver:
    """Resolve headers against a vocabulary plus the labels of forms, titles and attestations."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        form_labels: Iterable[tuple[str, str]] = (),
        titles: Iterable[tuple[str, str]] = (),
        attestations: Iterable[tuple[str, str]] = (),
    ) -> None:
        self.vocabulary = vocabulary
        self._form_labels: dict[str, str] = {}
        self._choices: dict[str, tuple[str, str]] = {}
        for label, key in form_labels:
            if key in vocabulary:
                self._form_labels.setdefault(norm(label), key)
                continue
            # a yes/no cell ticking one option of a multiple choice (是否高新技术企业 → designations.high_tech)
            base, _, option = key.rpartition(".")
            spec = vocabulary.get(base)
            if spec is not None and spec.kind == "multichoice" and any(c.value == option for c in spec.choices):
                self._choices.setdefault(norm(label), (base, option))
        self.titles = TitleNames(titles)
        self._attest: dict[str, str] = {}
        for key, label in attestations:
            self._attest.setdefault(norm(label), key)
        self._form_years: Mapping[str, tuple[str, int]] = {}
        self._form_title: str | None = None

    def with_form_years(self, title: str, years: Mapping[str, tuple[str, int]]) -> HeaderResolver:
        """A copy of the resolver for a file found to be the table titled ``title``, whose columns hold the given years.

        ``years`` maps a column's printed label to the field and year the notice's table
        defines for it (附件5's 国内市场占有率（%）, printed without a year, is the 2021
        figure in the reading of its notice). A header naming a yearly field and no year,
        in itself or in a group header above it, takes that year; every other header
        resolves as before.
        """
        out = copy.copy(self)
        out._form_years = {norm(label): found for label, found in years.items()}
        out._form_title = title
        return out

    # ------------------------------------------------------------------ names
    def names(self) -> list[str]:
        """Every header this resolver knows (for suggestions)."""
        out = list(self.vocabulary.keys())
        out += [f.label for f in self.vocabulary]
        out += [a for f in self.vocabulary for a in f.aliases]
        out += list(self._form_labels) + list(self._choices) + self.titles.names() + list(self._attest)
        return sorted(set(out))

    def suggest(self, header: str) -> str:
        """A ' (did you mean …?)' hint for an unknown header."""
        return suggest(norm(header), self.names())

    # ------------------------------------------------------------------ resolving
    def resolve(self, header: str, group: str | None = None) -> Target | None:
        """The target of ``header`` (under a group header ``group`` of a two-row header), or None."""
        raw = str(header).strip()
        if not raw or raw.lower().startswith("unnamed:"):
            return None
        direct = self._direct(raw)
        if direct is not None:
            return direct
        if norm(raw) in _ROW_NUMBER or raw.lower() in _ROW_NUMBER:
            return Target("row", "row")
        group_year = None
        if group:
            m = _ANY_YEAR.search(group) or _YEAR_SUFFIX.search(group)
            group_year = int(m.group(1)) if m else None
        text, year, unit = _split(raw)
        year = year if year is not None else group_year
        keys = self._labels(raw) or self._labels(text)
        if not keys and unit is not None:
            keys = self._labels(f"{text}（{unit}）")
        year_from = None
        if keys and year is None:
            given = self._form_years.get(norm(raw)) or self._form_years.get(norm(text))
            if given is not None and given[0] in keys:
                # the table's own reading: its printed header names a field of this column, and no year
                keys = (given[0], *(k for k in keys if k != given[0]))
                year, year_from = given[1], self._form_title
        if keys:
            keys = _fitting(self.vocabulary, keys, year is not None)
            key = keys[0]
            spec = self.vocabulary[key]
            also = tuple(k for k in keys[1:] if _alike(self.vocabulary[k], spec))
            if spec.yearly and year is None:
                return Target("field", key, None, unit=unit)  # reported as needing a year
            # past _fitting every key is yearly as the first is
            rivals = [Target("field", k, year if spec.yearly else None, unit=unit) for k in keys[1:] if k not in also]
            tid = self.titles.find(text) or self.titles.find(raw)
            if tid is not None:
                rivals.append(Target("rec", tid, part="year"))
            return Target(
                "field",
                key,
                year if spec.yearly else None,
                unit=unit,
                also=also,
                rivals=tuple(rivals),
                year_from=year_from if spec.yearly else None,
            )
        choice = self._choices.get(norm(raw)) or self._choices.get(norm(text))
        if choice is not None:
            return Target("choice", choice[0], part=choice[1])
        tid = self.titles.find(text) or self.titles.find(raw)
        if tid is not None:
            return Target("rec", tid, part="year")
        dated = self._title_date(raw)
        if dated is not None:
            return dated
        akey = self._attest.get(norm(raw)) or self._attest.get(norm(text))
        if akey is not None:
            return Target("attest", akey)
        return None

    def _labels(self, text: str) -> tuple[str, ...]:
        """The fields ``text`` is the label or alias of (a form's label where no field's is)."""
        n = norm(text)
        found = self.vocabulary.all_by_header(n)
        if not found and n in self._form_labels:
            found = (self._form_labels[n],)
        return found

    def _title_date(self, raw: str) -> Target | None:
        """A title's name followed by one of its dates: ``…种子企业撤销日期``, ``…称号（认定日期）``."""
        for part, word in DATE_WORDS.items():
            for form in (word, f"（{word}）", f"({word})"):
                if raw.endswith(form):
                    name = raw[: -len(form)].rstrip()
                    name = name[:-2] if name.endswith("称号") else name
                    tid = self.titles.find(name) if name else None
                    if tid is not None:
                        return Target("rec", tid, part=part)
        return None

    def _direct(self, raw: str) -> Target | None:
        """Vocabulary names: ``revenue``, ``revenue_2021``, ``key.choice``, ``rec.…``, ``attest.…``."""
        voc = self.vocabulary
        if raw == "recognitions_declared":
            return Target("declared", raw)
        if raw in RECOGNITIONS:
            return Target("recs", "recognitions")
        if raw.startswith("attest.") and len(raw) > 7:
            return Target("attest", raw[7:])
        if raw.startswith("rec."):
            title, _, part = raw[4:].rpartition(".")
            if title and part in _REC_PARTS:
                return Target("rec", title, part=part)
            return None
        if raw in voc:
            return Target("field", raw)  # a yearly key without its year is reported as such
        base, _, year = raw.rpartition("_")
        if year.isdigit() and len(year) == 4 and base in voc and voc[base].yearly:
            return Target("field", base, int(year))
        # one option of a multiple choice: management_certs.iso9001, revenue-free keys only
        for spec in _multichoice_prefix(voc, raw):
            rest = raw[len(spec.key) + 1 :]
            year_part, _, choice = rest.rpartition(".")
            if not year_part and any(c.value == choice for c in spec.choices):
                return Target("choice", spec.key, part=choice)
        return None


def _fitting(voc: Vocabulary, keys: tuple[str, ...], dated: bool) -> tuple[str, ...]:
    """The fields among ``keys`` a header can fill: yearly ones where it names a year, the others where not.

    All of them where none fits (a yearly field's header without its year is then reported).
    """
    fit = tuple(k for k in keys if voc[k].yearly == dated)
    return fit or keys


def _alike(a: FieldSpec, b: FieldSpec) -> bool:
    """Whether one column's cells read the same as fields ``a`` and ``b``: kind, years and choices alike."""
    return (
        a.kind == b.kind
        and a.yearly == b.yearly
        and [(c.value, c.label) for c in a.choices] == [(c.value, c.label) for c in b.choices]
    )


def _multichoice_prefix(voc: Vocabulary, raw: str) -> list[FieldSpec]:
    return [f for f in voc if f.kind == "multichoice" and raw.startswith(f.key + ".")]


def unit_refused(spec: FieldSpec, unit: str) -> bool:
    """Whether a header's ``unit`` contradicts the field it names (万美元, % or 人 over 营业收入).

    A header may state the field's own unit, another unit of the same measure where
    the field has no unit of its own to compare (个 or 项 over a count), or 元 over a
    figure in 万元, which the reader converts. Any other unit would have the cells read
    in the field's unit, off by a rate of exchange or orders of magnitude: the column is
    refused instead. A unit srdi does not know (千元) is refused over money and
    percentages, where it would change the size of every figure.
    """
    said = unit.replace("人民币", "")
    wanted = spec.display_unit
    if said == wanted or (spec.kind == "money" and said == "元"):
        return False
    field_measures = _MEASURES.get(wanted or "") or ("count" if spec.kind in ("count", "integer") else None)
    if field_measures is None:
        return False  # a figure without a unit of its own (a plain number): nothing to contradict
    header_measures = _MEASURES.get(said)
    if header_measures is None:
        return spec.kind in _SCALED_KINDS
    return header_measures != field_measures


def _split(raw: str) -> tuple[str, int | None, str | None]:
    """(label, year, unit) of a header: ``2021年营业收入（万元）`` → (营业收入, 2021, 万元)."""
    text = raw.strip()
    year = None
    unit = None
    for _ in range(3):  # a year and a unit in either order
        m = _UNIT_SUFFIX.search(text)
        if m and (m.group(1).strip() in _UNITS or "单位" in m.group(1)):
            unit = unit or m.group(1).strip().replace("％", "%").replace("单位：", "")
            text = text[: m.start()]
            continue
        m = _YEAR_SUFFIX.search(text)
        if m and m.start() > 0 and year is None:
            year = int(m.group(1))
            text = text[: m.start()]
            continue
        break
    m = _YEAR_PREFIX.match(text)
    if m and year is None:
        year = int(m.group(1))
        text = text[m.end() :]
    return text.strip(), year, unit
