"""Naming a recognition title in a table: by its id or by its Chinese name, as in a profile.

A table names titles in its headers (``rec.liaoning.srdi_sme.year``, or the title's
name ``辽宁省“专精特新”中小企业`` over a column of years) or in the cells of a
``recognitions`` column. Both are resolved as a profile's ``[[recognitions]]`` are
(:func:`srdi.profile.titles.resolve_title`): an id, or a name only one title
carries, compared without spaces and quotation marks; anything else is refused with
the closest ids and names.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..engine.titles import Title, TitleBook
from ..errors import UnknownNameError
from ..profile.titles import name_index, named, resolve_title
from ..profile.values import ValueProblem


class TitleNames:
    """The titles a catalog knows, by id and by name."""

    def __init__(self, titles: Iterable[tuple[str, str]]) -> None:
        self.book = TitleBook(Title(tid, label) for tid, label in titles)
        self._index = name_index(self.book)

    def __contains__(self, tid: object) -> bool:
        return tid in self.book.by_id

    def find(self, text: str) -> str | None:
        """The id ``text`` names, or None (a header that names no title is some other column)."""
        if not isinstance(text, str) or not text.strip():
            return None
        found = named(text.strip(), self.book, self._index)  # as resolve_title, without wording a refusal
        return found[0] if len(found) == 1 else None

    def resolve(self, text: str) -> str:
        """The id ``text`` names; :class:`ValueProblem` saying why not (with the closest names) otherwise."""
        try:
            return resolve_title(str(text), self.book)
        except UnknownNameError as exc:
            raise ValueProblem(str(exc)) from None

    def names(self) -> list[str]:
        """Every id and name (for suggesting headers)."""
        return sorted(set(self.book.by_id) | {t.label for t in self.book.by_id.values()})
