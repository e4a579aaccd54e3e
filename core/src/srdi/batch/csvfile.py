"""Reading a CSV file into raw columns, keeping every record and its problems.

The encoding is detected (:mod:`srdi.batch.encoding`); the first records are split
here, so that the header can be found under an official table's title lines; the
records below it are parsed by pyarrow's CSV reader, whole columns at once and on
every core, every cell as the text it holds: guessing each column's type would cost
more than the parse, and :mod:`srdi.batch.cells` reads each cell as its column's
kind anyway (a column of plain figures at once, the others cell by distinct cell).
A record with more or fewer fields than the header does not stop the file: it is
kept, in its place, as an empty row with a message saying how many fields it has.
"""

from __future__ import annotations

import mmap
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
from attrs import frozen

from ..errors import Problem, ProfileError
from ..i18n import t as message
from . import encoding
from .raw import Progress, RawBody, RawSource

#: Byte values of the characters that structure a CSV record.
_QUOTE = ord('"')
_CR = ord("\r")
_LF = ord("\n")


class CsvSource(RawSource):
    """A CSV file, decoded to UTF-8, with its first records split for header detection."""

    def __init__(self, path: Path, delimiter: str = ",") -> None:
        import pyarrow as pa

        self.path = path
        self.delimiter = delimiter
        codec, name, bom = sniff(path)
        self.encoding: str = name
        self.replaced = False
        self._bom = bom
        self._decoded: bytes | None = None
        mapped = pa.memory_map(str(path)).read_buffer().slice(bom) if codec == "utf-8" else None
        # checked even where the sample was the whole file: it is called UTF-8 with a few bytes broken too
        # (a download cut inside its last character), and pyarrow must be given only UTF-8
        if mapped is not None and _utf8(mapped):
            # no copy: pyarrow reads the mapped file
            self._buffer = mapped
        else:
            # another encoding, or UTF-8 but for a few bytes (two exports pasted together, a cut): decoded to
            # UTF-8, bytes that do not decode as U+FFFD, each cell holding one its row's error (pyarrow would
            # refuse the whole file)
            decoded = encoding.to_utf8(path.read_bytes(), codec, name, bom)
            self._decoded = decoded.data
            self._buffer = pa.py_buffer(decoded.data)
            self.replaced = decoded.replaced
        self._offsets: list[int] = []
        self._head: list[list[str]] = []

    # ------------------------------------------------------------------ head
    def head(self, rows: int) -> list[list[Any]]:
        """The first ``rows`` records as lists of text cells (for finding the header)."""
        size = 1 << 16
        while True:
            whole = size >= self._buffer.size
            data = self._buffer.slice(0, min(size, self._buffer.size)).to_pybytes()
            found, self._offsets = split_records(data, rows, self.delimiter, final=whole)
            if len(found) >= rows or whole:
                self._head = [[_text(f) for f in r] for r in found]
                return self._head
            size *= 4

    # ------------------------------------------------------------------ body
    def body(self, skip: int, columns: Mapping[int, bool], progress: Progress | None = None) -> RawBody:
        """Every record after the first ``skip``, for the ``columns`` wanted, each cell as text.

        A record's fields are counted against the header's: the widest of the first
        ``skip`` records.
        """
        start = self._offsets[skip] if skip < len(self._offsets) else self._buffer.size
        width = max((len(r) for r in self._head[:skip]), default=1)
        # without a quote in the body no value can hold a newline, and the reader need not look for one
        quoted = self._holds(b'"', start)
        replaced = self.encoding if self.replaced else None
        return records(
            self._buffer.slice(start), width, columns, self.delimiter, skip, quoted, replaced, str(self.path), progress
        )

    def _holds(self, needle: bytes, start: int) -> bool:
        """Whether the text from byte ``start`` on holds ``needle`` (searched in place, at memchr's speed)."""
        if self._decoded is not None:
            return self._decoded.find(needle, start) >= 0
        with self.path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            return mapped.find(needle, self._bom + start) >= 0


def sniff(path: Path) -> tuple[str, str, int]:
    """(codec, encoding as a person names it, length of its byte order mark) of a CSV file, from its first megabyte."""
    return _detected(path, *_sample(path))


def _sample(path: Path) -> tuple[bytes, int]:
    """The first megabyte of a file (what the encoding is told from), and the file's size."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        return fh.read(encoding.SAMPLE_BYTES), size


def _detected(path: Path, sample: bytes, size: int) -> tuple[str, str, int]:
    """:func:`srdi.batch.encoding.detect` on a file's sample; a file in no known encoding is no table."""
    try:
        return encoding.detect(sample, whole=size <= len(sample))
    except encoding.EncodingUnknown as exc:
        raise ProfileError(Problem(message("table.not_a_table", why=str(exc)), file=str(path))) from None


def records(
    data: Any,
    width: int,
    columns: Mapping[int, bool],
    delimiter: str,
    before: int,
    quoted: bool,
    replaced: str | None,
    name: str,
    progress: Progress | None = None,
) -> RawBody:
    """The records of ``data`` (a pyarrow buffer of UTF-8 text) for the ``columns`` wanted, each cell as text.

    Records are numbered in the file from ``before + 1`` on; a record's fields are
    counted against ``width`` (the header's). ``quoted``: the text holds a quote, so a
    value may hold a newline. ``replaced`` names the encoding whose undecodable bytes
    were replaced by U+FFFD (each such cell is then its row's error); ``name`` is the
    file, for the message when the text is no CSV at all.
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    names = [f"c{j}" for j in range(width)]
    wanted = [j for j in columns if j < width]
    if data.size == 0 or not wanted:
        return RawBody.empty(columns, before + 1)
    invalid: list[Any] = []

    def on_invalid(row: Any) -> str:
        invalid.append(row)
        return "skip"

    def parse(threads: bool) -> Any:
        return pacsv.read_csv(
            pa.BufferReader(data),
            read_options=pacsv.ReadOptions(column_names=names, use_threads=threads, block_size=1 << 22),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter,
                newlines_in_values=quoted,
                ignore_empty_lines=False,
                invalid_row_handler=on_invalid,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={names[j]: pa.string() for j in wanted},
                include_columns=[names[j] for j in wanted],
                null_values=[""],
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
        )

    if progress is not None:
        progress(message("progress.parsing"), 0, 1)
    try:
        table = parse(threads=True)
        if invalid and any(r.number is None for r in invalid):
            # the parallel reader does not number the records it skips: read again, in order
            invalid.clear()
            table = parse(threads=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        if "Empty CSV file" in str(exc):
            return RawBody.empty(columns, before + 1)
        raise ProfileError(Problem(message("table.not_a_table", why=_first_line(exc)), file=name)) from None
    if progress is not None:
        progress(message("progress.parsing"), 1, 1)
    arrays = list(table.columns)
    body = RawBody({}, np.arange(0, dtype=np.int64))
    if invalid:
        arrays = _with_placeholders(body, arrays, invalid, width, before, delimiter)
    n = len(arrays[0])
    body.columns = dict(zip(wanted, arrays))
    body.rows = np.arange(n, dtype=np.int64) + before + 1
    if replaced is not None:
        _undecodable(body, replaced)
    return body


# --------------------------------------------------------------------------- blocks of a file
@frozen
class Sniffed:
    """What the first megabyte of a CSV file tells: its encoding, its first records, and where its body starts.

    ``offsets`` are the byte offsets in the file (byte order mark included) where each
    of the first records starts; None where the encoding's characters can hold a
    newline byte (UTF-16, UTF-32), and the file is read whole.
    """

    codec: str
    encoding: str
    bom: int
    head: list[list[str]]
    offsets: list[int] | None
    size: int


def sniff_head(path: Path, rows: int, delimiter: str = ",") -> Sniffed:
    """The encoding and first ``rows`` records of a CSV file, from its first megabyte (the rest is not read)."""
    import codecs

    sample, size = _sample(path)
    codec, name, bom = _detected(path, sample, size)
    whole = size <= len(sample)
    if not cuttable(codec):
        text = codecs.getincrementaldecoder(codec)(errors="replace").decode(sample[bom:], final=whole)
        found, _ = split_records(text.encode("utf-8"), rows, delimiter, final=whole)
        return Sniffed(codec, name, bom, [[_text(f) for f in r] for r in found], None, size)
    found, offsets = split_records(sample[bom:], rows, delimiter, final=whole)
    head = [[f.decode(codec, errors="replace").strip() for f in r] for r in found]
    return Sniffed(codec, name, bom, head, [bom + o for o in offsets], size)


def cuttable(codec: str) -> bool:
    """Whether a file in ``codec`` can be cut at any newline byte: no character of it holds that byte (or a quote).

    So in UTF-8 and the GB family (whose second bytes are 0x30 and above); not in UTF-16 or UTF-32.
    """
    return not codec.startswith(("utf-16", "utf-32"))


def spans(path: Path, start: int, size: int) -> list[tuple[int, int]]:
    """The file from byte ``start`` on cut into byte ranges of about ``size``, each ending after a line end.

    A cut never falls inside a quoted value (which may hold a newline): a range holding
    an odd number of quotes grows to the next line end until it holds an even number.
    So the file is read once here, at the speed of a byte count.
    """
    out: list[tuple[int, int]] = []
    with path.open("rb") as fh:
        end = fh.seek(0, 2)
        if end <= start:
            return []
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            at = start
            while at < end:
                cut = _line_end(mapped, min(at + size, end), end)
                quotes = mapped[at:cut].count(b'"')
                while quotes % 2 and cut < end:
                    more = _line_end(mapped, cut + 1, end)
                    quotes += mapped[cut:more].count(b'"')
                    cut = more
                out.append((at, cut))
                at = cut
    return out


def _line_end(mapped: Any, at: int, end: int) -> int:
    """The position after the first newline at or after ``at - 1`` (the end of the file where there is none)."""
    if at >= end:
        return end
    found = mapped.find(b"\n", at - 1)
    return end if found < 0 else found + 1


def span_body(
    path: Path,
    span: tuple[int, int],
    sniffed: Sniffed,
    skip: int,
    before: int,
    width: int,
    columns: Mapping[int, bool],
    delimiter: str = ",",
) -> RawBody:
    """The records in one byte range of a CSV file, read as :class:`CsvSource` reads the whole file.

    ``skip`` records at its start are header lines (a range the file's start begins);
    the others are numbered in the file from ``before + 1`` on.
    """
    import pyarrow as pa

    with path.open("rb") as fh:
        fh.seek(span[0])
        data = fh.read(span[1] - span[0])
    bom = sniffed.bom if span[0] == 0 else 0
    replaced = None
    text, begin = data, bom
    if sniffed.codec != "utf-8" or not _utf8(pa.py_buffer(data).slice(bom)):
        decoded = encoding.to_utf8(data, sniffed.codec, sniffed.encoding, bom)
        text, begin = decoded.data, 0
        replaced = sniffed.encoding if decoded.replaced else None
    if skip:
        begin += split_records(memoryview(text)[begin:], skip, delimiter)[1][-1]
    buffer = pa.py_buffer(text).slice(begin)
    quoted = text.find(b'"', begin) >= 0
    return records(buffer, width, columns, delimiter, before, quoted, replaced, str(path))


def split_records(
    data: bytes | memoryview, limit: int, delimiter: str = ",", final: bool = True
) -> tuple[list[list[bytes]], list[int]]:
    """The first ``limit`` records of ``data`` as fields, and the byte offset where each record starts.

    A quote opens a quoted field only at the start of a field; inside it, two quotes
    stand for one and newlines are part of the value (RFC 4180, as pyarrow reads it).
    The last offset is where the next record would start. Unless ``final``, ``data``
    is the beginning of a longer file and a record it cuts off is not returned.
    """
    sep = ord(delimiter)
    records: list[list[bytes]] = []
    offsets = [0]
    fields: list[bytes] = []
    field = bytearray()
    i, n = 0, len(data)
    quoted = False
    at_start = True
    while i < n and len(records) < limit:
        b = data[i]
        if quoted:
            if b == _QUOTE:
                if i + 1 < n and data[i + 1] == _QUOTE:
                    field.append(_QUOTE)
                    i += 1
                else:
                    quoted = False
            else:
                field.append(b)
        elif b == _QUOTE and at_start:
            quoted = True
            at_start = False
        elif b == sep:
            fields.append(bytes(field))
            field.clear()
            at_start = True
        elif b in (_CR, _LF):
            fields.append(bytes(field))
            field.clear()
            records.append(fields)
            fields = []
            at_start = True
            if b == _CR and i + 1 < n and data[i + 1] == _LF:
                i += 1
            offsets.append(i + 1)
        else:
            field.append(b)
            at_start = False
        i += 1
    if final and i >= n and (fields or field) and len(records) < limit:
        fields.append(bytes(field))
        records.append(fields)
        offsets.append(n)
    return records, offsets


def _utf8(buffer: Any) -> bool:
    """Whether the bytes of ``buffer`` are UTF-8 (checked by Arrow, without a copy)."""
    import pyarrow as pa

    offsets = pa.py_buffer(np.array([0, buffer.size], dtype=np.int64))
    try:
        pa.Array.from_buffers(pa.large_binary(), 1, [None, offsets, buffer]).cast(pa.large_string())
    except pa.ArrowInvalid:
        return False
    return True


def _undecodable(body: RawBody, name: str) -> None:
    """Cells holding U+FFFD, put there for bytes that did not decode: each is its row's error."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for j, col in body.columns.items():
        if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
            continue
        hit = pc.fill_null(pc.match_substring(col, "\ufffd"), False).to_numpy(zero_copy_only=False)
        for i in np.flatnonzero(hit):
            body.cell_errors.append((int(i), j, message("table.undecodable_as", encoding=name)))


def _text(field: bytes) -> str:
    return field.decode("utf-8", errors="replace").strip()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def _with_placeholders(
    body: RawBody, columns: list[Any], invalid: list[Any], width: int, skip: int, delimiter: str
) -> list[Any]:
    """Put an empty row back where each skipped record was; its message and fields go to ``body``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    kept = len(columns[0]) if columns else 0
    total = kept + len(invalid)
    at = np.array([r.number - 1 for r in invalid], dtype=np.int64)  # records are numbered from 1
    taken = np.ones(total, dtype=bool)
    taken[at] = False
    index = np.zeros(total, dtype=np.int64)
    index[taken] = np.arange(kept)
    indices = pa.array(index, mask=~taken)
    for row, i in zip(invalid, map(int, at)):
        line = i + skip + 1
        text = row.text.encode("utf-8", errors="replace")
        fields = [_text(f) for f in (split_records(text, 1, delimiter)[0] or [[b""]])[0]]
        body.skipped[i] = fields
        if not any(fields):
            body.errors[i] = [message("cell.blank_row", n=line)]
            body.blank.add(i)
        else:
            body.errors[i] = [message("table.record_width", line=line, fields=row.actual_columns, width=width)]
    return [pc.take(c, indices) for c in columns]
