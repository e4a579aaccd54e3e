"""Naming a recognition title in a profile or a table: its id, or its Chinese name when only one title has it.

A title nobody defines is refused, never read as "not held": a misspelt
``liaoning.srdi-sme`` would otherwise make every prerequisite on it fail.
"""

from __future__ import annotations

import re
import unicodedata

from ..engine.titles import TitleBook
from ..errors import UnknownNameError, shown, suggest
from ..i18n import t as message

#: Quotation marks and spaces people add or leave out when they write a title's name.
_NOISE = re.compile(r"[\s\"'“”‘’「」『』《》〈〉]")
#: A trailing parenthesis naming a round or batch: （2021年度）, （2021年自荐）.
_TRAILING_NOTE = re.compile(r"[（(][^（）()]*[）)]$")


def _label_key(text: str) -> str:
    return _NOISE.sub("", unicodedata.normalize("NFKC", text))


def resolve_title(text: str, titles: TitleBook) -> str:
    """The id of the title ``text`` names: a title id, or a Chinese name only one title carries.

    Names are compared without quotation marks and spaces (``辽宁省专精特新中小企业``
    names ``辽宁省“专精特新”中小企业``), then without a trailing note such as
    ``（2021年度）``. Raises :class:`~srdi.errors.UnknownNameError` with the close ids
    when nothing matches, or with the candidates when a name fits several titles.
    """
    if not isinstance(text, str) or not text.strip():
        raise UnknownNameError(message("profile.title_expected", got=shown(text)))
    given = text.strip()
    found = named(given, titles, name_index(titles))
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise UnknownNameError(
            message("profile.title_ambiguous", name=shown(given), ids=message("list.sep").join(found))
        )
    hint = suggest(given, titles.by_id) or suggest(given, [t.label for t in titles.by_id.values()])
    if not hint:
        prefix = given.split(".", 1)[0]
        same = sorted(i for i in titles.by_id if i.split(".", 1)[0] == prefix)
        hint = (
            message("profile.title_same_prefix", prefix=prefix, ids=message("list.sep").join(same))
            if same
            else message("profile.title_list_hint")
        )
    raise UnknownNameError(message("profile.title_unknown", name=shown(given), hint=hint))


#: Title ids by name: compared whole, and without a trailing note (see :func:`resolve_title`).
NameIndex = tuple[dict[str, list[str]], dict[str, list[str]]]


def name_index(titles: TitleBook) -> NameIndex:
    """The titles' names as :func:`named` looks them up (built once for a table's many headers)."""
    whole: dict[str, list[str]] = {}
    noted: dict[str, list[str]] = {}
    for t in sorted(titles.by_id.values(), key=lambda t: t.id):
        whole.setdefault(_label_key(t.label), []).append(t.id)
        noted.setdefault(_label_key(_TRAILING_NOTE.sub("", t.label)), []).append(t.id)
    return whole, noted


def named(given: str, titles: TitleBook, index: NameIndex) -> list[str]:
    """The ids ``given`` names (stripped): itself when an id, else the titles carrying the name, whole first."""
    if given in titles.by_id:
        return [given]
    key = _label_key(given)
    return index[0].get(key) or index[1].get(key) or []


def title_choices(titles: TitleBook) -> list[str]:
    """What a profile may write as a title: every id, and every name that only one title carries."""
    names = []
    for label in sorted({t.label for t in titles.by_id.values()} - set(titles.by_id)):
        try:
            resolve_title(label, titles)
        except UnknownNameError:
            continue  # a name several titles carry
        names.append(label)
    return sorted(titles.by_id) + names
