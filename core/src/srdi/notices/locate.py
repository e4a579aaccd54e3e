"""Find the line of a key path (``programs[2].criteria[0].quote``) in a TOML file.

tomllib does not keep positions, so messages that must name a line look the key up
again in the source text: array-of-tables headers are counted, then the key is
searched below the header that owns it. A key the table lacks (a missing required
key) is placed at the table's header, never at a same-named key of a later table.
"""

from __future__ import annotations

import re

_PART = re.compile(r"([^.\[\]]+)(?:\[(\d+)\])?")
#: A table or array-of-tables header (``[notice]``, ``[[programs.criteria]]``), not a line of a multi-line array.
_HEADER = re.compile(r"^\s*\[\[?\s*[^\[\],=]+?\s*\]\]?\s*(?:#.*)?$")


def locate(source: str, path: str) -> int | None:
    """Best-effort 1-based line number for ``path`` in TOML ``source``; None if not found."""
    lines = source.splitlines()
    parts = [(m.group(1), None if m.group(2) is None else int(m.group(2))) for m in _PART.finditer(path)]
    start, end = 0, len(lines)
    prefix: list[str] = []
    best: int | None = None
    for name, index in parts:
        prefix.append(name)
        dotted = ".".join(prefix)
        if index is not None:
            header = re.compile(r"^\s*\[\[\s*" + re.escape(dotted) + r"\s*\]\]")
            seen = -1
            found = None
            for i in range(start, end):
                if header.match(lines[i]):
                    seen += 1
                    if seen == index:
                        found = i
                        break
            if found is None:
                return best
            start = found + 1
            best = found + 1
            # the element ends at the next header of the same array
            for j in range(start, end):
                if header.match(lines[j]):
                    end = j
                    break
            continue
        table = re.compile(r"^\s*\[\s*" + re.escape(dotted) + r"\s*\]")
        key = re.compile(r"^\s*\"?" + re.escape(name) + r"\"?\s*=")
        own = True  # a key belongs to the table above it: past the next header it is another table's
        for i in range(start, end):
            if table.match(lines[i]):
                start, best = i + 1, i + 1
                break
            if _HEADER.match(lines[i]):
                own = False
            elif own and key.match(lines[i]):
                return i + 1
    return best
