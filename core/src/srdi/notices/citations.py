"""Checking that a quote occurs in the notice text it cites.

The shipped texts are extracted from PDFs, so line breaks, indentation and the
spaces a PDF puts between digits and CJK characters are not part of the wording.
Matching ignores whitespace and nothing else.
"""

from __future__ import annotations

import re

from ..i18n import t

_WS = re.compile(r"\s+")
#: A citation is a pointer, not a copy: keep quotes short enough to read at a glance.
MAX_QUOTE_CHARS = 240


def squash(text: str) -> str:
    """``text`` with every kind of whitespace (incl. U+3000 and NBSP) removed."""
    return _WS.sub("", text)


class NoticeText:
    """A notice's shipped text, prepared for whitespace-tolerant quote lookup."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._squashed = squash(text)
        # map each squashed offset back to its line number, for messages
        self._line_of: list[int] = []
        line = 1
        for ch in text:
            if ch == "\n":
                line += 1
            elif not ch.isspace():
                self._line_of.append(line)

    def find(self, quote: str) -> int | None:
        """The 1-based line where ``quote`` starts in the text, or None if it is absent."""
        needle = squash(quote)
        if not needle:
            return None
        at = self._squashed.find(needle)
        return None if at < 0 else self._line_of[at]

    def __contains__(self, quote: str) -> bool:
        return self.find(quote) is not None


def quote_problem(quote: str, text: NoticeText) -> str | None:
    """Why ``quote`` is not an acceptable citation of ``text``, or None if it is."""
    if not squash(quote):
        return t("notice.empty_quote")
    if len(squash(quote)) > MAX_QUOTE_CHARS:
        return t("notice.quote_too_long", n=MAX_QUOTE_CHARS)
    if text.find(quote) is None:
        return t("notice.quote_not_found", quote=repr(quote))
    return None
