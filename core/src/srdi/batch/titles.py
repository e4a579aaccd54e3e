"""Naming a recognition title in a table: by its id or by its Chinese name.

A table names titles in its headers (``rec.liaoning.srdi_sme.year``, or the title's
name ``辽宁省“专精特新”中小企业`` over a column of years) or in the cells of a
``recognitions`` column. Names are compared without spaces and without quotation
marks, so ``辽宁省专精特新中小企业`` is the title whose name prints them; a name two
titles share is ambiguous and must be given as an id. Anything else is refused with
the closest ids and names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ..errors import suggest
from ..profile.values import ValueProblem

_IGNORED = re.compile(r"[\s\"'“”‘’「」『』《》〈〉]+")


def title_key(text: str) -> str:
    """A title's name as compared: NFKC, without spaces and quotation marks."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", str(text)))


class TitleNames:
    """The titles a catalog knows, by id and by name."""

    def __init__(self, titles: Iterable[tuple[str, str]]) -> None:
        self.labels: dict[str, str] = {}
        self._by_name: dict[str, set[str]] = {}
        for tid, label in titles:
            self.labels[tid] = label
            self._by_name.setdefault(title_key(label), set()).add(tid)

    def __contains__(self, tid: object) -> bool:
        return tid in self.labels

    def find(self, text: str) -> str | None:
        """The id ``text`` names (an id, or a name only one title has), or None."""
        text = str(text).strip()
        if text in self.labels:
            return text
        ids = self._by_name.get(title_key(text), set())
        return next(iter(ids)) if len(ids) == 1 else None

    def resolve(self, text: str) -> str:
        """The id ``text`` names; :class:`ValueProblem` saying why not (with the closest names) otherwise."""
        found = self.find(text)
        if found is not None:
            return found
        ids = self._by_name.get(title_key(text), set())
        if len(ids) > 1:
            raise ValueProblem(f"{text!r} names several titles ({', '.join(sorted(ids))}): give the id")
        return self.check(text.strip())

    def check(self, tid: str) -> str:
        """``tid`` itself when it is a known id; :class:`ValueProblem` with suggestions otherwise."""
        if tid in self.labels:
            return tid
        hint = suggest(tid, self.labels) or suggest(tid, self.labels.values())
        raise ValueProblem(f"unknown title {tid!r}{hint}")

    def names(self) -> list[str]:
        """Every id and name (for suggesting headers)."""
        return sorted(set(self.labels) | set(self.labels.values()))
