"""Explanation texts for whole columns, and numbers as people read them.

A gap text is a fixed prefix, a number and a fixed suffix ("营业收入 needs +" "1" "万元 to
reach 2000万元"). Over a frame, a text many rows share is formatted once
(:func:`fragments`: the rows point at their text by an integer code), the numbers by
Arrow's own formatting, and a row's texts are joined by gathering them in one pass
(:func:`join_rows`). With pyarrow installed the texts live in Arrow arrays and never
become Python objects; without it, in NumPy object arrays. :func:`gap_number` formats one number by the same rules, so one
enterprise checked alone reads exactly what its row of a batch reads.

A shortfall never reads as zero: a number that rounds to 0.00 but is not zero keeps the
digits that make it visible (2.9997% against 3% needs +0.0003%).
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from attrs import frozen

if TYPE_CHECKING:
    import numpy as np

#: Decimal places of a gap: two, or as many as it takes (up to MAX_DECIMALS) to show a non-zero figure.
DECIMALS = 2
MAX_DECIMALS = 12

HAS_ARROW = importlib.util.find_spec("pyarrow") is not None

#: A column of texts: a pyarrow string or large-string array (chunked for a frame's rows), or a
#: NumPy object array without pyarrow.
Column = Any


# --------------------------------------------------------------------------- one number
def gap_number(x: float) -> str:
    """A gap as people write it: two decimals at most, no trailing zeros, never a false zero.

    Rounded as Python's ``format(x, ".2f")`` rounds (the exact binary value, half to
    even); :func:`numbers` gives the same digits for a whole column.
    """
    if x != x:
        return "—"
    a = abs(x)  # -0.0 too: a gap never reads "-0"
    k = DECIMALS
    text = f"{a:.{k}f}"
    while a > 0 and k < MAX_DECIMALS and not text.strip("0."):
        k += 1
        text = f"{a:.{k}f}"
    text = text.rstrip("0").rstrip(".")
    return text if text == "0" or x >= 0 else "-" + text


def reads_one(x: np.ndarray) -> np.ndarray:
    """Where :func:`gap_number` writes the figure as "1": not negative, and 1.00 in whole hundredths.

    A whole column at once, for the gap texts whose unit is worded for one ("+1 item"),
    so that a count criterion failed by one on most rows costs no Python call per row.
    """
    import numpy as np

    x = np.asarray(x, dtype=np.float64)
    with np.errstate(invalid="ignore"):  # NaN reads "—"
        return (x >= 0) & (_hundredths(np.abs(x)) == 100.0)


def fmt_gap(x: float, unit: str | None) -> str:
    """:func:`gap_number` with its unit (万元, %, 人 …)."""
    return gap_number(x) + (unit or "")


def numbers(x: np.ndarray) -> Column:
    """:func:`gap_number` of every value of ``x`` (float64), as a text column."""
    import numpy as np

    x = np.asarray(x, dtype=np.float64)
    if not HAS_ARROW or len(x) == 0:
        return np.array([gap_number(float(v)) for v in x], dtype=object)
    return _written(x)


def _rounded(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each figure's whole hundredths as :func:`gap_number` rounds it (unsigned), where it is negative, and where they are all it prints."""
    import numpy as np

    a = np.abs(x)
    cents = _hundredths(a)
    with np.errstate(invalid="ignore"):  # NaN is neither negative nor regular
        return cents, np.signbit(x) & (cents != 0), _regular(a, cents)


def _printed(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each figure in signed whole hundredths as :func:`gap_number` rounds it, and where that is all it prints."""
    import numpy as np

    cents, negative, regular = _rounded(x)
    return np.where(negative, -cents, cents), regular


def _written(x: np.ndarray) -> Column:
    """:func:`numbers` with Arrow: each figure's whole number and decimals joined."""
    import pyarrow as pa
    import pyarrow.compute as pc

    wholes, tails = _whole_figures(x)
    decimals = pa.array(TAILS, type=wholes.type).take(pa.array(tails))
    return pc.binary_join_element_wise(wholes, decimals, pa.scalar("", wholes.type))


#: Figures below this are written from their whole hundredths (exact in a double and in an int64); the
#: larger ones, rare, by :func:`gap_number`.
PLAIN_BELOW = 10.0**10
#: The longest number Arrow writes for a regular figure, in bytes ("-9999999999.99").
LONGEST = 14


def _regular(a: np.ndarray, cents: np.ndarray) -> np.ndarray:
    """Where :func:`gap_number`'s text of ``a`` is ``cents`` written as a whole number and its decimals.

    That is a figure whose hundredths are not zero, below :data:`PLAIN_BELOW`, or zero
    itself ("0"). A non-zero figure that rounds to 0.00 needs more decimals; NaN reads "—".
    """
    return ((cents != 0) & (cents < PLAIN_BELOW * 10.0**DECIMALS)) | (a == 0)


def _hundredths(a: np.ndarray) -> np.ndarray:
    """``a × 100`` rounded to a whole number as ``format(a, ".2f")`` rounds ``a``: the exact product, half to even.

    The product in floating point can land exactly on a half while the exact one lies
    just above or below it; its rounding error (Dekker's two-product) says which.
    """
    import numpy as np

    p = a * 100.0
    out = np.rint(p)
    with np.errstate(invalid="ignore"):  # NaN and infinity are no ties
        tie = np.flatnonzero(p - np.floor(p) == 0.5)
    if len(tie):
        t = a[tie]
        split = 134217729.0 * t  # 2**27 + 1
        high = split - (split - t)
        low = t - high
        err = (high * 100.0 - p[tie]) + low * 100.0  # a × 100 − p, exactly (100 needs no split)
        below = np.floor(p[tie])
        out[tie] = np.where(err > 0, below + 1.0, np.where(err < 0, below, out[tie]))
    return out


# --------------------------------------------------------------------------- texts of a criterion
@frozen
class Fragments:
    """The texts of one criterion for some rows of a frame: each distinct text once, rows pointing at it."""

    rows: np.ndarray
    codes: np.ndarray
    texts: Column

    def __len__(self) -> int:
        return len(self.rows)

    @classmethod
    def of(cls, rows: np.ndarray, codes: np.ndarray, texts: Sequence[str]) -> Fragments:
        """Fragments from rows, their codes and the distinct texts (Python strings)."""
        import numpy as np

        return cls(np.asarray(rows, dtype=np.int64), np.asarray(codes, dtype=np.int32), _column(texts))

    def to_list(self) -> list[str]:
        """The text of each row, in order."""
        texts = to_list(self.texts)
        return [texts[c] for c in self.codes.tolist()]

    def pieces(self) -> Pieces:
        """The same texts as :class:`Pieces` of one piece each."""
        return Pieces(self.rows, self.codes.reshape(1, -1), self.texts)


@frozen
class Pieces:
    """The texts of one criterion for some rows, each put together from pieces when rows are joined.

    Row ``rows[i]`` reads ``dictionary[codes[0, i]] + dictionary[codes[1, i]] + …``: a
    prefix, a figure and a suffix, say, so that a text is copied only once, into its row.
    """

    rows: np.ndarray
    codes: np.ndarray
    dictionary: Column

    def __len__(self) -> int:
        return len(self.rows)


def merge(parts: Sequence[Fragments]) -> Fragments:
    """Fragments of consecutive slices of a frame (rows already in the whole frame's positions) as one."""
    import numpy as np

    parts = [p for p in parts if len(p)]
    if not parts:
        return Fragments(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int32), _column([]))
    if len(parts) == 1:
        return parts[0]
    starts = np.cumsum([0] + [len(p.texts) for p in parts[:-1]])
    return Fragments(
        np.concatenate([p.rows for p in parts]),
        np.concatenate([p.codes + s for p, s in zip(parts, starts)]).astype(np.int32),
        _concat_columns([p.texts for p in parts]),
    )


def fragments(
    rows: np.ndarray, variant: np.ndarray, values: np.ndarray, prefixes: Sequence[str], suffixes: Sequence[str]
) -> Fragments:
    """Per row, ``prefixes[v] + gap_number(value) + suffixes[v]``; a text many rows share is formatted once."""
    import numpy as np

    rows = np.asarray(rows, dtype=np.int64)
    values = np.asarray(values, dtype=np.float64)
    variant = np.zeros(len(rows), dtype=np.int64) if len(prefixes) == 1 else np.asarray(variant, dtype=np.int64)
    signed, regular = _printed(values)
    codes, firsts = _distinct(signed, regular, variant, len(prefixes))
    if not HAS_ARROW:
        pre = np.array(list(prefixes), dtype=object)[variant[firsts]]
        post = np.array(list(suffixes), dtype=object)[variant[firsts]]
        return Fragments(rows, codes, pre + numbers(values[firsts]) + post)
    import pyarrow as pa
    import pyarrow.compute as pc

    middle = _written(values[firsts])

    if len(prefixes) == 1:
        return Fragments(rows, codes, _affix(prefixes[0], middle, suffixes[0]))
    which = variant[firsts]
    widest = max(len(a.encode()) + len(b.encode()) for a, b in zip(prefixes, suffixes))
    kind = _kind(_size(middle) + widest * len(middle))
    pre = pa.array(list(prefixes), type=kind).take(which)
    post = pa.array(list(suffixes), type=kind).take(which)
    return Fragments(rows, codes, pc.binary_join_element_wise(pre, middle.cast(kind), post, pa.scalar("", kind)))


def worded(
    rows: np.ndarray, variant: np.ndarray, values: np.ndarray, prefixes: Sequence[str], suffixes: Sequence[str]
) -> Pieces:
    """:func:`fragments`' texts as pieces, a whole number written once.

    A text is two pieces, its prefix with the figure's whole number and the decimals with
    the suffix, where each prefix before each whole number makes no more texts than there
    are rows (whole numbers repeat: 37,000 of them over 2.9 million gaps on the peers'
    pool); otherwise three, the prefix a piece of its own.
    """
    import numpy as np

    if not HAS_ARROW:
        return fragments(rows, variant, values, prefixes, suffixes).pieces()
    import pyarrow as pa

    rows = np.asarray(rows, dtype=np.int64)
    values = np.asarray(values, dtype=np.float64)
    variant = np.zeros(len(rows), dtype=np.int64) if len(prefixes) == 1 else np.asarray(variant, dtype=np.int64)
    wholes, codes, tails = _whole_numbers(values)
    k = len(prefixes)
    ends = _ends(tuple(suffixes))
    if k * len(wholes) <= len(rows):
        # every prefix before every whole number: as few texts as rows, and a row's text two pieces, not three
        heads = _heads(tuple(prefixes), wholes)
        kind = _kind(_size(heads) + _size(ends))
        dictionary = pa.concat_arrays([heads.cast(kind), ends.cast(kind)])
        first = variant * len(wholes) + codes
        piece = np.stack([first, len(heads) + len(TAILS) * variant + tails]).astype(np.int32)
        return Pieces(rows, piece, dictionary)
    kind = _kind(_size(wholes) + _size(ends) + sum(len(p.encode()) for p in prefixes))
    dictionary = pa.concat_arrays([pa.array(list(prefixes), type=kind), ends.cast(kind), wholes.cast(kind)])
    piece = np.stack([variant, k * (1 + len(TAILS)) + codes, k + len(TAILS) * variant + tails]).astype(np.int32)
    return Pieces(rows, piece, dictionary)


def _heads(prefixes: tuple[str, ...], wholes: Column) -> Column:
    """Each prefix before each whole number: prefix ``v`` before whole number ``w`` at ``v × len(wholes) + w``."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if len(prefixes) == 1:
        return _affix(prefixes[0], wholes, "")
    w = len(wholes)
    kind = _kind(len(prefixes) * _size(wholes) + w * sum(len(p.encode()) for p in prefixes))
    prefix, whole = np.divmod(np.arange(len(prefixes) * w), w)  # each prefix's run of every whole number
    pre = pa.array(list(prefixes), type=kind).take(prefix)
    return pc.binary_join_element_wise(pre, wholes.cast(kind).take(whole), pa.scalar("", kind))


def _split(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where a figure is written as a whole number and decimals, its signed whole number, and its decimals' index in :data:`TAILS`.

    Not so a figure :func:`_printed` does not call regular, nor a negative one above −1
    (its whole number is 0, which has no sign): :func:`gap_number` writes those whole.
    The hundredths are split in floating point, as NumPy divides floats several times
    faster than integers: a whole number of hundredths below 10**12 divided by 100 is
    never rounded across a whole number.
    """
    import numpy as np

    cents, negative, regular = _rounded(x)
    with np.errstate(invalid="ignore"):  # NaN is not plain
        plain = regular & ~(negative & (cents < 100))
    kept = np.where(plain, cents, 0.0)
    whole = np.floor(kept / 100.0)
    tails = (kept - whole * 100.0).astype(np.int64)
    whole = whole.astype(np.int64)
    np.negative(whole, out=whole, where=negative)
    return plain, whole, tails


def _whole_numbers(x: np.ndarray) -> tuple[Column, np.ndarray, np.ndarray]:
    """The texts of ``x``'s distinct whole numbers, each figure's among them, and its decimals' index in :data:`TAILS`.

    Figures in 万元 or percentage points are mostly distinct, their whole numbers far
    fewer: each is written once. A figure :func:`_whole_figures` writes whole (a large or
    tiny one, a negative one above −1, NaN) has a text of its own, with no decimals after.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    plain, whole, tails = _split(x)
    codes = np.empty(len(x), dtype=np.int64)
    distinct = np.zeros(0, dtype=np.int64)
    if plain.any():
        w = whole if plain.all() else whole[plain]
        low, high = int(w.min()), int(w.max())
        if high - low < max(4 * len(w), 1 << 16):  # a narrow range: counted in one pass, in order
            present = np.zeros(high - low + 1, dtype=bool)
            present[w - low] = True
            distinct = np.flatnonzero(present) + low
            at = (np.cumsum(present, dtype=np.int64) - 1)[w - low]
        else:
            distinct, at = np.unique(w, return_inverse=True)
        codes[plain] = at.reshape(-1)
    odd_rows = np.flatnonzero(~plain)
    odd = [gap_number(float(v)) for v in x[odd_rows]]
    codes[odd_rows] = len(distinct) + np.arange(len(odd_rows))
    kind = _kind(LONGEST * len(distinct) + sum(len(t.encode()) for t in odd))
    texts = pc.cast(pa.array(distinct), kind)
    if odd:
        texts = pa.concat_arrays([texts, pa.array(odd, type=kind)])
    return texts, codes, tails


#: The decimals of a figure by its hundredths beyond the whole number, as :func:`gap_number` writes them
#: (".5" for 50, none for 0).
TAILS = tuple(f".{k:02d}".rstrip("0").rstrip(".") for k in range(100))


@functools.lru_cache(maxsize=256)
def _ends(suffixes: tuple[str, ...]) -> Any:
    """The last pieces of :func:`worded`'s texts as one Arrow array: each tail before each suffix.

    The suffix piece carries the figure's decimals. A criterion's wording is the same
    in every slice and every screen: built once.
    """
    import pyarrow as pa

    return pa.array([tail + suffix for suffix in suffixes for tail in TAILS], type=pa.string())


def _whole_figures(x: np.ndarray) -> tuple[Column, np.ndarray]:
    """:func:`numbers` of ``x`` cut into the whole number's text and the index of its decimals in :data:`TAILS`.

    Arrow writes whole numbers several times faster than fractional ones. A figure
    :func:`_printed` does not call regular, or a negative one above −1 (its whole number
    is 0, which has no sign), is written whole by :func:`gap_number`, with no decimals after.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    plain, whole, tails = _split(x)
    odd = [] if plain.all() else [gap_number(float(v)) for v in x[~plain]]
    kind = _kind(LONGEST * len(x) + sum(len(t.encode()) for t in odd))
    text = pc.cast(pa.array(whole), kind)
    if odd:
        text = pc.replace_with_mask(text, pa.array(~plain), pa.array(odd, type=kind))
    return text, tails


def _distinct(
    signed: np.ndarray, regular: np.ndarray, variant: np.ndarray, variants: int
) -> tuple[np.ndarray, np.ndarray]:
    """A code per row, rows that read the same text sharing it, and one row per code.

    Rows read the same text when their variant and their value in printed hundredths
    are equal. Those are counted in one pass over the range of hundredths when it is
    small; where that would not halve the texts to format (figures mostly distinct, a
    wide range, or unusual figures), each row keeps its own text.
    """
    import numpy as np

    k = len(signed)
    own = np.arange(k, dtype=np.int64)
    if k < 2 or not regular.all():
        return own.astype(np.int32), own
    low, high = float(signed.min()), float(signed.max())
    span = (high - low + 1.0) * variants
    if span > max(4 * k, 1 << 16):
        return own.astype(np.int32), own
    key = (signed - low).astype(np.int64) * variants + variant
    present = np.zeros(int(span), dtype=bool)
    present[key] = True
    ids = np.cumsum(present, dtype=np.int64) - 1
    count = int(ids[-1]) + 1
    if 2 * count > k:
        return own.astype(np.int32), own
    codes = ids[key]
    firsts = np.empty(count, dtype=np.int64)
    firsts[codes] = own  # any row of a code stands for it: they all read the same
    return codes.astype(np.int32), firsts


def texts_of(rows: np.ndarray, values: Sequence[str | None]) -> Fragments:
    """Fragments from texts already made (one per row; rows without text are left out)."""
    import numpy as np

    keep = [i for i, t in enumerate(values) if t]
    kept = [values[i] for i in keep]
    distinct = list(dict.fromkeys(kept))
    index = {t: k for k, t in enumerate(distinct)}
    codes = np.array([index[t] for t in kept], dtype=np.int32)
    return Fragments(np.asarray(rows, dtype=np.int64)[keep], codes, _column(distinct))


def _column(texts: Sequence[str | None]) -> Column:
    import numpy as np

    if HAS_ARROW:
        import pyarrow as pa

        texts = list(texts)
        return pa.array(texts, type=_kind(sum(len(t.encode()) for t in texts if t)))
    return np.array(list(texts), dtype=object)


def _affix(prefix: str, middle: Column, suffix: str) -> Column:
    if not HAS_ARROW:
        return prefix + middle + suffix
    import pyarrow as pa
    import pyarrow.compute as pc

    kind = _kind(_size(middle) + (len(prefix.encode()) + len(suffix.encode())) * len(middle))
    return pc.binary_join_element_wise(
        pa.scalar(prefix, kind), middle.cast(kind), pa.scalar(suffix, kind), pa.scalar("", kind)
    )


def _kind(nbytes: int) -> Any:
    """Arrow's string type for ``nbytes`` of text: 32-bit offsets (several times faster to gather) while they fit."""
    import pyarrow as pa

    return pa.string() if nbytes < 2**31 else pa.large_string()


def _size(col: Column) -> int:
    """The bytes of text in an Arrow string array."""
    ends = _offsets(col)
    return int(ends[-1] - ends[0]) if len(ends) else 0


def _offsets(col: Column) -> np.ndarray:
    """The offsets of an Arrow string or large-string array, as a NumPy view (``len + 1`` of them; none when empty)."""
    import numpy as np
    import pyarrow as pa

    width = np.int64 if pa.types.is_large_string(col.type) else np.int32
    if len(col) == 0:
        return np.zeros(0, dtype=width)
    return np.frombuffer(
        col.buffers()[1], dtype=width, count=len(col) + 1, offset=np.dtype(width).itemsize * col.offset
    )


def _concat_columns(parts: Sequence[Column]) -> Column:
    import numpy as np

    if not parts:
        return _column([])
    if len(parts) == 1:
        return parts[0]
    if HAS_ARROW:
        import pyarrow as pa

        kind = _kind(sum(_size(p) for p in parts))
        return pa.concat_arrays([p.cast(kind) for p in parts])
    return np.concatenate(parts)


# --------------------------------------------------------------------------- rows
def join_rows(size: int, parts: Sequence[Fragments | Pieces], sep: str) -> Column:
    """Per row of a frame of ``size`` rows, its texts joined by ``sep`` in the order of ``parts``; None where none.

    Each piece is copied once: the pieces of every part form one dictionary, and the
    rows' pieces, laid out row by row, gather it in one pass. A text after a row's first
    starts with its first piece led by the separator: each part's dictionary also holds
    its first pieces so led (a criterion's prefixes, or its prefixes with its whole
    numbers: far fewer than its rows), so that a separator is no piece of its own.
    """
    import numpy as np

    found = [p if isinstance(p, Pieces) else p.pieces() for p in parts if len(p)]
    if not HAS_ARROW:
        out = np.full(size, None, dtype=object)
        for p in found:
            words = to_list(p.dictionary)
            for r, cs in zip(p.rows.tolist(), p.codes.T.tolist()):
                t = "".join(words[c] for c in cs)
                out[r] = t if out[r] is None else out[r] + sep + t
        return out
    import pyarrow as pa
    import pyarrow.compute as pc

    if not found:
        return pa.nulls(size, type=pa.large_string())
    # where each piece goes: rows in order; within a row the parts in order
    pieces = np.zeros(size, dtype=np.int32)  # a row with a text has a piece or more
    for p in found:
        pieces[p.rows] += np.int32(len(p.codes))
    ends = np.empty(size + 1, dtype=np.int64)
    ends[0] = 0
    np.cumsum(pieces, out=ends[1:])
    flat = np.empty(int(ends[-1]), dtype=np.int32)  # dictionary index of each piece, row by row
    # per row, twice the place of its next piece, plus one once it has a text: one gather and one scatter a part
    width = np.int32 if 2 * len(flat) + 1 < 2**31 else np.int64
    cursor = ends[:-1].astype(width)
    cursor <<= 1
    gap = len(sep.encode())
    # the first part's texts come first in every row: none is led by the separator
    led = [0] + [int(p.codes[0].max()) + 1 for p in found[1:]]  # a part's first pieces: its dictionary's first entries
    lengths = [_lengths(p.dictionary) for p in found]
    wide = _kind(sum(2 * int(n.sum()) + gap * m for n, m in zip(lengths, led)))  # its led entries too
    leading = pa.scalar(sep, wide), pa.scalar("", wide)
    dictionary = []
    base = 0
    most = 0  # the rows' bytes at most, once gathered: every piece as long as its part's longest
    for p, m, n in zip(found, led, lengths):
        d = p.dictionary.cast(wide)
        dictionary.append(d)
        k = len(p.codes)
        first = p.codes[0] + np.int32(base)
        if m:  # the same entries led by the separator, after the part's own
            dictionary.append(pc.binary_join_element_wise(leading[0], d.slice(0, m), leading[1]))
            c = cursor[p.rows]
            at = c >> 1
            first += (c & 1) * np.int32(len(d))  # a text after the row's first: its led first piece
        else:
            at = cursor[p.rows] >> 1
        flat[at] = first
        for j in range(1, k):
            flat[at + j] = p.codes[j] + np.int32(base)
        at += k
        at <<= 1
        at |= 1
        cursor[p.rows] = at
        most += len(p) * (k * int(n.max()) + gap)
        base += len(d) + m
    kind = _kind(most)
    picked = pa.concat_arrays(dictionary).cast(kind).take(pa.array(flat))
    # regroup the pieces, now row by row, into rows: new offsets over the same bytes
    row_offsets = np.ascontiguousarray(_offsets(picked)[ends])
    validity = pa.py_buffer(np.packbits(pieces > 0, bitorder="little"))
    return pa.Array.from_buffers(kind, size, [validity, pa.py_buffer(row_offsets), picked.buffers()[2]])


def _lengths(col: Column) -> np.ndarray:
    """The byte length of each text of an Arrow string array."""
    import numpy as np

    return np.diff(_offsets(col))


def join_chosen(parts: Sequence[tuple[Sequence[str] | np.ndarray, np.ndarray]], sep: str) -> np.ndarray:
    """Per row, the non-empty texts chosen from each part, in the order of ``parts``, joined by ``sep``.

    Each part is a few distinct texts and, per row, the index of the one it chooses; a
    row choosing only empty texts reads ``""``. The result is a NumPy array of Python
    strings (it becomes the categories of a categorical), made with NumPy's loops over
    objects: a text carries ``sep`` before it in rows where an earlier part chose one.
    """
    import numpy as np

    if not parts:
        return np.zeros(0, dtype=object)
    words, which = parts[0]
    plain = np.array(list(words), dtype=object)
    out = plain[which]  # nothing is before the first part's texts: taken as they are, none copied
    started = (plain != "")[which]
    for words, which in parts[1:]:
        plain = np.array(list(words), dtype=object)
        nonempty = plain != ""
        after = np.where(nonempty, np.add(sep, plain), plain)  # each non-empty text led by the separator
        out += np.where(started, after[which], plain[which])
        started |= nonempty[which]
    return out


def concat_rows(parts: Sequence[Column]) -> Column:
    """Text columns of consecutive slices of a frame as one column (Arrow: the slices' chunks, not copied)."""
    import numpy as np

    if not HAS_ARROW:
        return np.concatenate(list(parts)) if parts else np.zeros(0, dtype=object)
    import pyarrow as pa

    kind = pa.string() if all(p.type == pa.string() for p in parts) else pa.large_string()
    return pa.chunked_array([p.cast(kind) for p in parts], type=kind)


def to_list(col: Column | str) -> list[Any]:
    """A text column as a list of Python strings (None where missing)."""
    if hasattr(col, "to_pylist"):
        return list(col.to_pylist())
    return list(col)


def to_pandas(col: Column) -> Any:
    """A text column as a pandas array: Arrow-backed strings (no copy), or objects without pyarrow."""
    if HAS_ARROW:
        import pandas as pd

        try:
            return pd.arrays.ArrowStringArray(col)
        except ValueError:  # pandas before 2.2 takes Arrow's 32-bit-offset strings only
            import pyarrow as pa

            return pd.arrays.ArrowStringArray(col.cast(pa.string()))
    return col
