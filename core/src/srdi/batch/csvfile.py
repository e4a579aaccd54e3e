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

from ..errors import Problem, ProfileError
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
        size = path.stat().st_size
        with path.open("rb") as fh:
            sample = fh.read(encoding.SAMPLE_BYTES)
        try:
            codec, name, bom = encoding.detect(sample, whole=size <= len(sample))
        except encoding.EncodingUnknown as exc:
            raise ProfileError(Problem(f"not a table: {exc}", file=str(path))) from None
        self.encoding: str = name
        self.replaced = False
        self._bom = bom
        self._decoded: bytes | None = None
        mapped = pa.memory_map(str(path)).read_buffer().slice(bom) if codec == "utf-8" else None
        if mapped is not None and (size <= len(sample) or _utf8(mapped)):
            # no copy: pyarrow reads the mapped file
            self._buffer = mapped
        else:
            # another encoding, or UTF-8 but for bytes past the sample (two exports pasted together): decoded
            # to UTF-8, bytes that do not decode as U+FFFD, each cell holding one its row's error (pyarrow
            # would refuse the whole file)
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
            records, self._offsets = split_records(data, rows, self.delimiter, final=whole)
            if len(records) >= rows or whole:
                self._head = [[_text(f) for f in r] for r in records]
                return self._head
            size *= 4

    # ------------------------------------------------------------------ body
    def body(self, skip: int, columns: Mapping[int, bool], progress: Progress | None = None) -> RawBody:
        """Every record after the first ``skip``, for the ``columns`` wanted, each cell as text.

        A record's fields are counted against the header's: the widest of the first
        ``skip`` records.
        """
        import pyarrow as pa
        import pyarrow.csv as pacsv

        start = self._offsets[skip] if skip < len(self._offsets) else self._buffer.size
        data = self._buffer.slice(start)
        width = max((len(r) for r in self._head[:skip]), default=1)
        names = [f"c{j}" for j in range(width)]
        wanted = [j for j in columns if j < width]
        if data.size == 0 or not wanted:
            return RawBody.empty(columns, skip + 1)
        invalid: list[Any] = []

        def on_invalid(row: Any) -> str:
            invalid.append(row)
            return "skip"

        # without a quote in the body no value can hold a newline, and the reader need not look for one
        quoted = self._holds(b'"', start)

        def parse(threads: bool) -> Any:
            return pacsv.read_csv(
                pa.BufferReader(data),
                read_options=pacsv.ReadOptions(column_names=names, use_threads=threads, block_size=1 << 22),
                parse_options=pacsv.ParseOptions(
                    delimiter=self.delimiter,
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
            progress("解析", 0, 1)
        try:
            table = parse(threads=True)
            if invalid and any(r.number is None for r in invalid):
                # the parallel reader does not number the records it skips: read again, in order
                invalid.clear()
                table = parse(threads=False)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
            if "Empty CSV file" in str(exc):
                return RawBody.empty(columns, skip + 1)
            raise ProfileError(Problem(f"not a table: {_first_line(exc)}", file=str(self.path))) from None
        if progress is not None:
            progress("解析", 1, 1)
        arrays = list(table.columns)
        body = RawBody({}, np.arange(0, dtype=np.int64))
        if invalid:
            arrays = _with_placeholders(body, arrays, invalid, width, skip, self.delimiter)
        n = len(arrays[0])
        body.columns = dict(zip(wanted, arrays))
        body.rows = np.arange(n, dtype=np.int64) + skip + 1
        if self.replaced:
            _undecodable(body, self.encoding)
        return body

    def _holds(self, needle: bytes, start: int) -> bool:
        """Whether the text from byte ``start`` on holds ``needle`` (searched in place, at memchr's speed)."""
        if self._decoded is not None:
            return self._decoded.find(needle, start) >= 0
        with self.path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            return mapped.find(needle, self._bom + start) >= 0


def split_records(
    data: bytes, limit: int, delimiter: str = ",", final: bool = True
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
            body.cell_errors.append((int(i), j, f"单元格含有无法按 {name} 解码的字节"))


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
            body.errors[i] = [f"第{line}行是空行"]
            body.blank.add(i)
        else:
            body.errors[i] = [f"第{line}行有{row.actual_columns}个字段，表头有{width}个；该行未读取"]
    return [pc.take(c, indices) for c in columns]
