"""Wrapping text for a terminal without breaking a number, an id or a credit code.

Rich wraps at spaces and folds anything longer than the line, so "营业收入=6800" can
end a line with "68" and "210/100" can lose its last digits. Here a line may break
only at a space or next to a Chinese character, and never before closing punctuation
(），。、；：”) or after opening punctuation (（“《), as Chinese typesetting does; a
run of Latin letters, digits and their joiners (``liaoning.little-giant-2022``,
``91210100MA0YK3N252``, ``2022-03-01``, ``210/100``) stays whole, and a number keeps
its unit (``6800万元``). Continuation lines keep the line's indentation.

:class:`Wrapped` is the same as a rich renderable, for table cells: rich measures it by
its widest unbreakable piece and asks it for lines of the column's width.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

#: The narrowest a table column is made when its cells are wider (four Chinese characters).
FLOOR = 8
#: Characters a line must not begin with.
NO_START = set("）)]】」』”’》〉〕，,。.、；;：:！!？?%…·—～〗=")
#: Characters a line must not end with.
NO_END = set("（([【「『“‘《〈〔〖")


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _breakable(prev: str, nxt: str) -> bool:
    """Whether a line may break between ``prev`` and ``nxt`` (neither a space)."""
    if nxt in NO_START or prev in NO_END:
        return False
    if prev.isascii() and prev.isalnum() and _wide(nxt) and nxt not in "“《（":
        # a number keeps its unit, a code its suffix: "6800万元", "2021年"
        return not prev.isdigit()
    if prev in "万亿千百" and nxt == "元":
        return False
    return _wide(prev) or _wide(nxt)


def pieces(text: str) -> list[str]:
    """``text`` cut at every place a line may break; spaces stay at the end of the piece before them."""
    out: list[str] = []
    cur = ""
    for i, ch in enumerate(text):
        if cur and not ch.isspace() and (cur[-1].isspace() or _breakable(text[i - 1], ch)):
            out.append(cur)
            cur = ""
        cur += ch
    if cur:
        out.append(cur)
    return out


def min_width(text: str) -> int:
    """The width of the widest piece of ``text`` that no line may break (with its line's indentation)."""
    best = 0
    for line in text.split("\n"):
        indent = cell_len(line) - cell_len(line.lstrip(" "))
        best = max(best, max((cell_len(p.rstrip()) for p in pieces(line.lstrip(" "))), default=0) + indent)
    return best


def _fold(piece: str, width: int) -> list[str]:
    """A piece wider than the line, cut by character width (only when nothing else fits)."""
    out, cur = [], ""
    for ch in piece:
        if cur and cell_len(cur + ch) > width:
            out.append(cur)
            cur = ""
        cur += ch
    return [*out, cur] if cur else out


def break_offsets(line: str, width: int, hang: int = 0) -> list[tuple[int, int]]:
    """``(start, end)`` spans of one line (no newline) wrapped to ``width`` cells, trailing spaces dropped.

    Continuation lines are as wide as ``width`` less the line's indentation and
    ``hang``, which they are indented by (see :func:`wrap`).
    """
    body = line.lstrip(" ")
    lead = len(line) - len(body)
    room_next = max(width - lead - hang, 1)
    spans: list[tuple[int, int]] = []
    start = 0
    used = pos = lead
    room = max(width, 1)
    for piece in pieces(body):
        w = cell_len(piece.rstrip())
        if pos > start + (lead if not spans else 0) and used + w > room:
            spans.append((start, _trim(line, start, pos)))
            start, used, room = pos, 0, room_next
        if w > room:
            for part in _fold(piece, room):
                if used + cell_len(part) > room and pos > start:
                    spans.append((start, _trim(line, start, pos)))
                    start, used, room = pos, 0, room_next
                pos += len(part)
                used += cell_len(part)
            continue
        pos += len(piece)
        used += cell_len(piece)
    spans.append((start, _trim(line, start, len(line))))
    return spans


def _trim(line: str, start: int, end: int) -> int:
    while end > start and line[end - 1] == " ":
        end -= 1
    return end


def wrap(text: Text | str, width: int, hang: int = 0) -> list[Text]:
    """``text`` as lines of at most ``width`` cells, broken only where :func:`pieces` allows.

    Styles are kept; a continuation line repeats its first line's indentation, plus
    ``hang`` spaces.
    """
    rich = text if isinstance(text, Text) else Text(text)
    out: list[Text] = []
    offset = 0
    for raw in rich.plain.split("\n"):
        indent = len(raw) - len(raw.lstrip(" ")) + hang
        for n, (a, b) in enumerate(break_offsets(raw, width, hang)):
            piece = rich[offset + a : offset + b]
            if n:
                piece = Text(" " * indent) + piece
            out.append(piece)
        offset += len(raw) + 1
    return out


def print_wrapped(con: Console, text: Text | str, hang: int = 0) -> None:
    """Print ``text`` wrapped to the console's width by :func:`wrap`, continuation lines ``hang`` further in."""
    for line in wrap(text, con.width, hang):
        con.print(line, overflow="ignore", no_wrap=True, crop=False)


class Wrapped:
    """A table cell (or any block) wrapped by :func:`wrap` at the width rich gives it."""

    def __init__(self, text: Text | str) -> None:
        self.text = text if isinstance(text, Text) else Text(text)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        plain = self.text.plain
        widest = max((cell_len(line) for line in plain.split("\n")), default=0)
        # a short Chinese phrase (符合条件, 已截止) stays on one line: no column narrower than FLOOR cells
        low = max(min_width(plain), min(widest, FLOOR))
        return Measurement(min(low, options.max_width), min(widest, options.max_width))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in wrap(self.text, options.max_width):
            yield from line.render(console)
            yield Segment.line()


def cells(row: Iterable[object]) -> Iterator[Wrapped]:
    """A table row's values as :class:`Wrapped` cells (None as empty)."""
    for x in row:
        if isinstance(x, Wrapped):
            yield x
        else:
            yield Wrapped(x if isinstance(x, Text) else Text("" if x is None else str(x)))
