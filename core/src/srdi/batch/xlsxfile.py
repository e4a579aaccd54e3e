"""Reading an .xlsx sheet into raw columns, with memory that follows the cells present.

An .xlsx file declares its used range, and its cells name their own positions: a
4.9 KB file can place one cell at XFD1048576. The sheet's XML is therefore first
scanned as a stream (:func:`scan`), without building anything: how many cells and
rows it really has, the furthest row and column, and the cells whose value is not
what a plain reader returns — formulas saved without a computed value, error
values (#DIV/0!), numbers formatted as percentages. A sheet beyond the format's
limits (1,048,576 rows, 16,384 columns) is refused there.

Dense sheets are then read by python-calamine (fast, in Rust) when it is installed,
the scanned cells patched in; sparse or unusual ones by the streaming parser below,
which keeps only the cells of the columns wanted. Either way a formula without a
value or an error value becomes that row's error naming the column, and a
percentage cell is read as it is shown (0.03 formatted as 3% is "3%").
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree import ElementTree as ET

import numpy as np

from ..errors import Problem, ProfileError, os_reason
from ..i18n import t as message
from .raw import Progress, RawBody, RawSource

#: The format's limits (Excel 2007 and later): a sheet beyond them is not a spreadsheet Excel can open.
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
#: calamine holds a sheet as a dense rectangle of 32-byte cells: used only when that rectangle is
#: not much larger than the cells present.
_CELL_BYTES = 32
_DENSE_SLACK = 1 << 20
_MAX_DENSE_BYTES = 4 << 30
#: Small parts (workbook, relationships, styles) larger than this are not a spreadsheet's.
_MAX_PART = 64 << 20
_CHUNK = 1 << 23

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
#: Built-in number formats that show dates (including the Chinese ones, 27–36 and 50–58).
_DATE_FORMATS = set(range(14, 23)) | set(range(27, 37)) | set(range(45, 48)) | set(range(50, 59))
_PERCENT_FORMATS = {9, 10}
_REF = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")
_FORMAT_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def column_index(letters: str) -> int:
    """0-based column of ``A``, ``B`` … ``XFD``."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def column_letters(j: int) -> str:
    """The letters of 0-based column ``j``."""
    s = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        s = chr(65 + r) + s
    return s


#: How a compound file begins: a workbook in the old .xls format, or an .xlsx with a password to open.
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _not_zip(path: Path) -> str:
    """The catalogue code of why a file named .xlsx is not one, from how it begins (an .xlsx is a ZIP archive)."""
    try:
        with path.open("rb") as f:
            head = f.read(len(OLE2))
    except OSError:
        head = b""
    return "table.xlsx_is_ole2" if head == OLE2 else "table.xlsx_not_zip"


# --------------------------------------------------------------------------- the package
class Package:
    """The parts of an .xlsx file a reader needs: the sheet, shared strings, styles."""

    def __init__(self, path: Path, sheet: str | int | None) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            raise ProfileError(
                Problem(message("table.not_a_table", why=message(_not_zip(path))), file=str(path))
            ) from None
        except OSError as exc:  # a file the system would not open (permissions, a name too long): said so
            raise ProfileError(Problem(message("table.cannot_open", why=os_reason(exc)), file=str(path))) from None
        except ValueError as exc:
            raise ProfileError(
                Problem(message("table.not_a_table", why=message("table.not_xlsx", why=exc)), file=str(path))
            ) from None
        self.names = set(self.zip.namelist())
        book = self._part_path("xl/workbook.xml", _office_document(self))
        root = self._xml(book)
        sheets = [s for s in root.iter(f"{{{_MAIN}}}sheet")]
        if not sheets:
            raise self.error(message("table.no_sheets"))
        pr = root.find(f"{{{_MAIN}}}workbookPr")
        self.date1904 = pr is not None and pr.get("date1904", "0").lower() in ("1", "true")
        chosen = _choose(sheets, sheet, _active_tab(root))
        if chosen is None:
            names = "、".join(s.get("name", "") for s in sheets)
            raise self.error(message("table.no_such_sheet", sheet=repr(sheet), names=names))
        self.sheet_name = chosen.get("name", "")
        #: how many sheets the workbook holds (with more than one, the reader says which it read)
        self.sheet_count = len(sheets)
        rels = self._rels(book)
        target = rels.get(chosen.get(f"{{{_REL}}}id", ""), ("", ""))[1]
        self.sheet_part = target
        if target not in self.names:
            raise self.error(message("table.sheet_empty", sheet=repr(self.sheet_name)))
        by_type = {t.rsplit("/", 1)[-1]: p for t, p in rels.values()}
        self.strings_part = by_type.get("sharedStrings")
        self.styles_part = by_type.get("styles")

    def error(self, text: str) -> ProfileError:
        """A problem with this file."""
        return ProfileError(Problem(text, file=str(self.path)))

    def read(self, name: str) -> bytes:
        """A small part, whole."""
        with self.zip.open(name) as fh:
            data = fh.read(_MAX_PART + 1)
        if len(data) > _MAX_PART:
            raise self.error(message("table.part_too_large", name=name))
        return data

    def stream(self, name: str) -> Any:
        """A part as a stream (the sheet, the shared strings)."""
        return self.zip.open(name)

    def _xml(self, name: str) -> ET.Element:
        try:
            return ET.fromstring(self.read(name))
        except ET.ParseError as exc:
            raise self.error(
                message("table.not_a_table", why=message("table.part_not_xml", name=name, why=exc))
            ) from None

    def _part_path(self, default: str, found: str | None) -> str:
        name = found or default
        if name not in self.names:
            raise self.error(message("table.not_a_table", why=message("table.no_workbook")))
        return name

    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationships of ``part``: id -> (type, target part path)."""
        p = PurePosixPath(part)
        rels = str(p.parent / "_rels" / f"{p.name}.rels")
        if rels not in self.names:
            return {}
        out = {}
        for r in self._xml(rels).iter(f"{{{_PKG_REL}}}Relationship"):
            target = r.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else _normalise(p.parent / target)
            out[r.get("Id", "")] = (r.get("Type", ""), path)
        return out

    def styles(self) -> tuple[set[int], set[int]]:
        """(percent, date) style indexes: the cell formats that show a number as a percentage or a date."""
        if not self.styles_part or self.styles_part not in self.names:
            return set(), set()
        root = self._xml(self.styles_part)
        codes = {int(f.get("numFmtId", "-1")): f.get("formatCode", "") for f in root.iter(f"{{{_MAIN}}}numFmt")}
        xfs = root.find(f"{{{_MAIN}}}cellXfs")
        percent, dates = set(), set()
        for i, xf in enumerate(xfs if xfs is not None else []):
            fid = int(xf.get("numFmtId", "0") or 0)
            code = _FORMAT_LITERAL.sub("", codes.get(fid, "")).lower()
            if fid in _PERCENT_FORMATS or "%" in code:
                percent.add(i)
            elif fid in _DATE_FORMATS or (fid not in _PERCENT_FORMATS and re.search(r"[ymdhs]", code)):
                dates.add(i)
        return percent, dates

    def shared_strings(self) -> list[str]:
        """The shared strings table (rich text runs joined; phonetic runs left out)."""
        if not self.strings_part or self.strings_part not in self.names:
            return []
        out: list[str] = []
        si, t, rph = f"{{{_MAIN}}}si", f"{{{_MAIN}}}t", f"{{{_MAIN}}}rPh"
        with self.stream(self.strings_part) as fh:
            try:
                for _, el in ET.iterparse(fh):
                    if el.tag == si:
                        skip = {id(x) for r in el.iter(rph) for x in r.iter(t)}
                        out.append("".join(x.text or "" for x in el.iter(t) if id(x) not in skip))
                        el.clear()
            except ET.ParseError as exc:
                raise self.error(message("table.not_a_table", why=message("table.strings_not_xml", why=exc))) from None
        return out


def _office_document(pkg: Package) -> str | None:
    if "_rels/.rels" not in pkg.names:
        return None
    try:
        root = ET.fromstring(pkg.read("_rels/.rels"))
    except ET.ParseError:
        return None
    for r in root.iter(f"{{{_PKG_REL}}}Relationship"):
        if r.get("Type", "").endswith("/officeDocument"):
            return r.get("Target", "").lstrip("/")
    return None


def _normalise(path: PurePosixPath) -> str:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)


def _active_tab(book: ET.Element) -> int:
    """The sheet the workbook opens on (``bookViews/workbookView/@activeTab``, 0 when it says none)."""
    view = book.find(f"{{{_MAIN}}}bookViews/{{{_MAIN}}}workbookView")
    try:
        return int(view.get("activeTab", "0")) if view is not None else 0
    except ValueError:
        return 0


def _visible(sheet: ET.Element) -> bool:
    """Whether a sheet shows in Excel (``state`` hidden or veryHidden: it does not)."""
    return sheet.get("state", "visible") not in ("hidden", "veryHidden")


def _choose(sheets: list[ET.Element], sheet: str | int | None, active: int = 0) -> ET.Element | None:
    """The sheet named (a name, or a position from 0), or else the one a person sees on opening the file.

    That is the active sheet when it is visible, else the first visible one: a hidden
    sheet (stale data, lookup lists) is never read unless named.
    """
    if sheet is None:
        if 0 <= active < len(sheets) and _visible(sheets[active]):
            return sheets[active]
        return next((s for s in sheets if _visible(s)), sheets[0])
    if isinstance(sheet, int) or (
        isinstance(sheet, str) and sheet.isdigit() and sheet not in [s.get("name") for s in sheets]
    ):
        k = int(sheet)
        return sheets[k] if 0 <= k < len(sheets) else None
    return next((s for s in sheets if s.get("name") == sheet), None)


# --------------------------------------------------------------------------- scanning
class Scan:
    """What a sheet really holds, found without building it."""

    def __init__(self) -> None:
        self.cells = 0
        self.cells_with_ref = 0
        self.rows = 0
        self.max_row = 0
        self.max_column = 0
        self.min_row = MAX_ROWS
        self.min_column = MAX_COLUMNS
        self.special: dict[tuple[int, int], tuple[str, str]] = {}  # (row, column) 0-based -> (kind, text)

    @property
    def dense_cells(self) -> int:
        """The cells of the smallest rectangle holding every cell."""
        if self.cells == 0:
            return 0
        return (self.max_row - self.min_row + 1) * (self.max_column - self.min_column + 1)


def _patterns(prefix: bytes) -> dict[str, re.Pattern[bytes]]:
    p = re.escape(prefix)
    f = rb"(?:<" + p + rb"f\b[^>]*/>|<" + p + rb"f\b[^>]*>[^<]*</" + p + rb"f>)"
    return {
        "row": re.compile(rb"<" + p + rb'row\b[^>]*?\br="(\d+)"'),
        "ref": re.compile(rb"<" + p + rb'c r="([A-Z]+)\d'),
        "formula": re.compile(
            rb"<"
            + p
            + rb'c r="([A-Z]+\d+)"[^>]*>\s*'
            + f
            + rb"\s*(?:<"
            + p
            + rb"v\s*/>|<"
            + p
            + rb"v>\s*</"
            + p
            + rb"v>)?\s*</"
            + p
            + rb"c>"
        ),
        "error": re.compile(
            rb"<" + p + rb'c r="([A-Z]+\d+)"[^>]*\bt="e"[^>]*>\s*' + f + rb"?\s*<" + p + rb"v>([^<]*)</" + p + rb"v>"
        ),
    }


def scan(pkg: Package, percent_styles: set[int]) -> Scan:
    """Scan the sheet's XML as a stream: counts, extent, special cells; refuse a sheet beyond the limits."""
    out = Scan()
    with pkg.stream(pkg.sheet_part) as fh:
        head = fh.read(1 << 16)
        m = re.search(rb"<(\w+:)?worksheet\b", head)
        prefix = (m.group(1) or b"") if m else b""
        pats = _patterns(prefix)
        c_open = [b"<" + prefix + b"c ", b"<" + prefix + b"c>", b"<" + prefix + b"c/>"]
        c_ref = b"<" + prefix + b'c r="'
        row_open = [b"<" + prefix + b"row ", b"<" + prefix + b"row>", b"<" + prefix + b"row/>"]
        pct = (
            re.compile(
                rb"<"
                + re.escape(prefix)
                + rb'c r="([A-Z]+\d+)"(?=[^>]*\bs="(?:'
                + b"|".join(str(s).encode() for s in sorted(percent_styles))
                + rb')")([^>]*)>'
            )
            if percent_styles
            else None
        )
        rest = head
        while True:
            chunk = fh.read(_CHUNK)
            buf = rest + chunk
            if chunk:
                cut = buf.rfind(b"</" + prefix + b"row>")
                if cut < 0:
                    if len(buf) > 64 * _CHUNK:
                        raise pkg.error(message("table.row_too_large", sheet=repr(pkg.sheet_name)))
                    rest = buf
                    continue
                cut += len(prefix) + 6
                part, rest = buf[:cut], buf[cut:]
            else:
                part, rest = buf, b""
            _scan_part(out, part, pats, c_open, c_ref, row_open, pct, pkg)
            if not chunk:
                break
    return out


def _scan_part(
    out: Scan,
    part: bytes,
    pats: dict[str, re.Pattern[bytes]],
    c_open: list[bytes],
    c_ref: bytes,
    row_open: list[bytes],
    pct: re.Pattern[bytes] | None,
    pkg: Package,
) -> None:
    tags = _Counted(part)
    cell, row = c_open[0][1:-1], row_open[0][1:-1]  # the tag names, with the sheet's namespace prefix
    cells = tags.named(cell)
    out.cells += tags.opened(cells, cell)
    refs = tags.named(c_ref[len(cell) + 1 :], cells, len(cell)) + len(c_ref)
    out.cells_with_ref += len(refs)
    out.rows += tags.opened(tags.named(row), row)
    numbers = pats["row"].findall(part)
    if numbers:
        out.max_row = max(out.max_row, max(map(int, numbers)))
        out.min_row = min(out.min_row, min(map(int, numbers)))
    found = tags.columns(refs)
    if found is None:  # a reference of four letters or more: beyond XFD, said below
        found = [column_index(letters.decode()) + 1 for letters in set(pats["ref"].findall(part))]
    if found:
        out.max_column = max(out.max_column, max(found))
        out.min_column = min(out.min_column, min(found))
    if out.rows > MAX_ROWS or out.max_row > MAX_ROWS:
        raise pkg.error(message("table.too_many_rows", sheet=repr(pkg.sheet_name), limit=f"{MAX_ROWS:,}"))
    if out.max_column > MAX_COLUMNS:
        raise pkg.error(message("table.too_many_columns", sheet=repr(pkg.sheet_name), limit=f"{MAX_COLUMNS:,}"))
    if len(tags.named(cell[:-1] + b"f")):  # a formula tag (or another starting with f): look for formulas
        for ref in pats["formula"].findall(part):
            out.special[_position(ref)] = ("formula", "")
    if b't="e"' in part:
        for ref, text in pats["error"].findall(part):
            out.special[_position(ref)] = ("error", text.decode("utf-8", "replace"))
    if pct is not None:
        for ref, attrs in pct.findall(part):
            if b't="' not in attrs or b't="n"' in attrs:
                out.special.setdefault(_position(ref), ("percent", ""))


class _Counted:
    """The tags of a part of a sheet's XML, found with NumPy over its bytes: a sheet's million cells at C's speed.

    Tags are found from the positions of ``<``; a tag is *opened* when its name is
    followed by a space, ``>`` or ``/>`` (``<c r="A1">``, ``<row>``, ``<c/>``), as the
    byte patterns of :func:`scan` say.
    """

    def __init__(self, part: bytes) -> None:
        self.bytes = np.frombuffer(part + bytes(16), dtype=np.uint8)  # padded: a tag's next bytes are always there
        self.lt = np.flatnonzero(self.bytes[: len(part)] == ord("<"))

    def named(self, name: bytes, at: np.ndarray | None = None, skip: int = 0) -> np.ndarray:
        """Of the positions of ``<`` (or ``at``), those followed by ``name`` after ``skip`` bytes."""
        at = self.lt if at is None else at
        for i, ch in enumerate(name, start=1 + skip):
            at = at[self.bytes[at + i] == ch]
        return at

    def opened(self, at: np.ndarray, name: bytes) -> int:
        """How many of the ``name`` tags at ``at`` are opened."""
        b = self.bytes
        nxt = at + 1 + len(name)
        after = b[nxt]
        shut = (after == ord("/")) & (b[nxt + 1] == ord(">"))
        return int(np.count_nonzero((after == ord(" ")) | (after == ord(">")) | shut))

    def columns(self, refs: np.ndarray) -> list[int] | None:
        """The 1-based columns of the cell references starting at ``refs`` (letters then a digit, ``AB12``).

        None when one has four letters or more (beyond any sheet: the caller says so).
        """
        b = self.bytes
        letter = [(b[refs + k] >= ord("A")) & (b[refs + k] <= ord("Z")) for k in range(4)]
        if (letter[0] & letter[1] & letter[2] & letter[3]).any():
            return None
        value = np.zeros(len(refs), dtype=np.int64)
        length = np.zeros(len(refs), dtype=np.int64)
        going = np.ones(len(refs), dtype=bool)
        for k in range(3):
            going &= letter[k]
            value = np.where(going, value * 26 + b[refs + k].astype(np.int64) - 64, value)
            length += going
        digit = b[refs + length]
        found = value[(length > 0) & (digit >= ord("0")) & (digit <= ord("9"))]
        return [int(found.min()), int(found.max())] if len(found) else []


def _position(ref: bytes) -> tuple[int, int]:
    m = _REF.match(ref.decode())
    assert m is not None
    return int(m.group(2)) - 1, column_index(m.group(1))


# --------------------------------------------------------------------------- reading
class XlsxSource(RawSource):
    """One sheet of an .xlsx file."""

    def __init__(self, path: Path, sheet: str | int | None = None) -> None:
        self.pkg = Package(path, sheet)
        self.sheet = self.pkg.sheet_name if self.pkg.sheet_count > 1 else None
        self.percent, self.dates = self.pkg.styles()
        try:
            self.scan = scan(self.pkg, self.percent)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise self.pkg.error(message("table.not_a_table", why=str(exc))) from None
        self._special_rows: dict[int, list[tuple[int, str, str]]] = {}
        for (r, j), (kind, text) in self.scan.special.items():
            self._special_rows.setdefault(r, []).append((j, kind, text))
        self._sheet: Any = None
        self._strings: list[str] | None = None

    def _rows(
        self, columns: Mapping[int, bool] | None, progress: Progress | None
    ) -> Iterator[tuple[int, dict[int, Any]]]:
        """The sheet as sparse rows: (row from 0, {column from 0: value}), only the ``columns`` wanted."""
        if _calamine_fits(self.scan):
            return self._calamine_rows(columns, progress)
        return self._parsed_rows(columns, progress)

    def head(self, rows: int) -> list[list[Any]]:
        """The first ``rows`` rows of the sheet (from row 1), as text cells."""
        out: list[list[Any]] = []
        for r, cells in self._rows(None, None):
            if r >= rows:
                break
            while len(out) < r:
                out.append([])
            out.append([_head_text(cells.get(j)) for j in range(max(cells, default=-1) + 1)])
        width = max((len(r) for r in out), default=0)
        return [r + [""] * (width - len(r)) for r in out]

    def body(self, skip: int, columns: Mapping[int, bool], progress: Progress | None = None) -> RawBody:
        """The rows after the first ``skip``, for the ``columns`` wanted.

        The body ends at the last row with a value (or a problem) in those columns:
        cells elsewhere on the sheet, beyond the table, are not read.
        """
        if _calamine_fits(self.scan):
            values, cell_errors = self._calamine_columns(skip, columns, progress)
        else:
            values, cell_errors = self._parsed_columns(skip, columns, progress)
        filled = [_last(col) for col in values.values()]
        n = max([-1, *filled, *(i for i, _, _ in cell_errors)]) + 1
        out = {j: _column(col[:n] + [None] * (n - len(col)), columns[j]) for j, col in values.items()}
        return RawBody(out, np.arange(n, dtype=np.int64) + skip + 1, {}, cell_errors)

    def _parsed_columns(
        self, skip: int, columns: Mapping[int, bool], progress: Progress | None
    ) -> tuple[dict[int, list[Any]], list[tuple[int, int, str]]]:
        """The wanted columns from the streaming parser, only the cells present kept on the way."""
        cells_at: dict[int, list[tuple[int, Any]]] = {j: [] for j in columns}
        cell_errors: list[tuple[int, int, str]] = []
        last = -1
        for r, cells in self._rows(columns, progress):
            if r < skip:
                continue
            for j, v in cells.items():
                if isinstance(v, _Problem):
                    cell_errors.append((r - skip, j, v.message))
                else:
                    cells_at[j].append((r - skip, v))
                last = r - skip
        values: dict[int, list[Any]] = {}
        for j, present in cells_at.items():
            col: list[Any] = [None] * (last + 1)
            for i, v in present:
                col[i] = v
            values[j] = col
        return values, cell_errors

    def _calamine_columns(
        self, skip: int, columns: Mapping[int, bool], progress: Progress | None
    ) -> tuple[dict[int, list[Any]], list[tuple[int, int, str]]]:
        """The wanted columns from calamine's rows, the scanned cells patched in."""
        sheet = self._calamine()
        r0, c0 = sheet.start or (0, 0)
        if progress is not None:
            progress(message("progress.reading"), 0, 1)
        rows = list(sheet.iter_rows())[max(skip - r0, 0) :]
        pad = max(r0 - skip, 0)  # empty rows between the header and calamine's first row
        values: dict[int, list[Any]] = {}
        for j in columns:
            k = j - c0
            col = [None] * pad + [None if (v := row[k]) == "" else v for row in rows] if k >= 0 else []
            values[j] = col
        cell_errors: list[tuple[int, int, str]] = []
        for (r, j), (kind, text) in self.scan.special.items():
            if r < skip or j not in values:
                continue
            i = r - skip
            col = values[j]
            if i >= len(col):
                col.extend([None] * (i + 1 - len(col)))
            v = _special(kind, text, col[i])
            if isinstance(v, _Problem):
                cell_errors.append((i, j, v.message))
                col[i] = None
            else:
                col[i] = v
        if progress is not None:
            progress(message("progress.reading"), 1, 1)
        return values, sorted(cell_errors)

    def _calamine(self) -> Any:
        if self._sheet is None:
            from python_calamine import CalamineWorkbook

            try:
                wb = CalamineWorkbook.from_path(str(self.pkg.path))
                self._sheet = wb.get_sheet_by_name(self.pkg.sheet_name)
            except Exception as exc:  # calamine raises its own types for broken parts
                raise self.pkg.error(message("table.not_a_table", why=f"{type(exc).__name__}: {exc}")) from None
        return self._sheet

    # ------------------------------------------------------------------ calamine
    def _calamine_rows(
        self, columns: Mapping[int, bool] | None, progress: Progress | None
    ) -> Iterator[tuple[int, dict[int, Any]]]:
        sheet = self._calamine()
        r0, c0 = sheet.start or (0, 0)
        total = sheet.height
        wanted = None if columns is None else [(j, j - c0) for j in columns if j >= c0]
        r = r0 - 1
        for k, row in enumerate(sheet.iter_rows()):
            r = r0 + k
            if progress is not None and k % 10_000 == 0:
                progress(message("progress.reading"), k, total)
            if wanted is None:
                cells = {c0 + i: v for i, v in enumerate(row) if v != ""}
            else:
                cells = {j: row[i] for j, i in wanted if i < len(row) and row[i] != ""}
            for j, kind, text in self._special_rows.get(r, ()):
                if columns is None or j in columns:
                    cells[j] = _special(kind, text, cells.get(j))
            yield r, cells
        # a formula without a value in rows below calamine's range (it holds no value there)
        for sr in sorted(x for x in self._special_rows if x > r):
            yield (
                sr,
                {
                    j: _special(kind, text, None)
                    for j, kind, text in self._special_rows[sr]
                    if columns is None or j in columns
                },
            )

    # ------------------------------------------------------------------ streaming parser
    def _parsed_rows(
        self, columns: Mapping[int, bool] | None, progress: Progress | None
    ) -> Iterator[tuple[int, dict[int, Any]]]:
        if self._strings is None:
            self._strings = self.pkg.shared_strings()
        strings = self._strings
        tags = _Tags()
        r = -1
        try:
            with self.pkg.stream(self.pkg.sheet_part) as fh:
                for _, el in ET.iterparse(fh):
                    if el.tag != tags.row:
                        continue
                    number = el.get("r")
                    r = int(number) - 1 if number and number.isdigit() else r + 1
                    if r >= MAX_ROWS:
                        raise self.pkg.error(
                            message("table.too_many_rows", sheet=repr(self.pkg.sheet_name), limit=f"{MAX_ROWS:,}")
                        )
                    cells: dict[int, Any] = {}
                    j = -1
                    for c in el.iter(tags.c):
                        ref = c.get("r")
                        m = _REF.match(ref) if ref else None
                        j = column_index(m.group(1)) if m else j + 1
                        if j >= MAX_COLUMNS:
                            raise self.pkg.error(
                                message(
                                    "table.too_many_columns", sheet=repr(self.pkg.sheet_name), limit=f"{MAX_COLUMNS:,}"
                                )
                            )
                        if columns is not None and j not in columns:
                            continue
                        v = self._value(c, tags, strings)
                        if v is not None:
                            cells[j] = v
                    el.clear()
                    if progress is not None and r % 10_000 == 0:
                        progress(message("progress.reading"), r, self.scan.max_row or r + 1)
                    yield r, cells
        except ET.ParseError as exc:
            raise self.pkg.error(message("table.not_a_table", why=message("table.sheet_not_xml", why=exc))) from None

    def _value(self, c: ET.Element, tags: _Tags, strings: list[str]) -> Any:
        t = c.get("t", "n")
        f = c.find(tags.f)
        v = c.find(tags.v)
        text = v.text if v is not None else None
        if t == "inlineStr":
            node = c.find(tags.is_)
            value: Any = "".join(x.text or "" for x in node.iter(tags.t)) if node is not None else None
            return value if value != "" else None
        if text is None or text == "":
            return _Problem(message("cell.formula_without_value")) if f is not None else None
        if t == "s":
            try:
                return strings[int(text)]
            except (ValueError, IndexError):
                return _Problem(message("cell.missing_shared_string", index=text))
        if t in ("str", "d"):
            return text
        if t == "b":
            return text.strip() in ("1", "true")
        if t == "e":
            return _Problem(message("cell.error_value", value=text))
        try:
            x = float(text)
        except ValueError:
            return _Problem(message("cell.unreadable_number", text=repr(text)))
        style = int(c.get("s", "0") or 0)
        if style in self.percent:
            return _percent_text(x)
        if style in self.dates:
            return _serial_date(x, self.pkg.date1904) or _Problem(message("cell.unreadable_date", text=text))
        return x


class _Tags:
    def __init__(self) -> None:
        self.row, self.c, self.v, self.f, self.is_, self.t = (
            f"{{{_MAIN}}}{n}" for n in ("row", "c", "v", "f", "is", "t")
        )


class _Problem:
    """A cell whose value cannot be used, with why."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


def _special(kind: str, text: str, value: Any) -> Any:
    if kind == "formula":
        return _Problem(message("cell.formula_without_value"))
    if kind == "error":
        return _Problem(message("cell.error_value", value=text))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _percent_text(float(value))
    return value


def _percent_text(x: float) -> str:
    """0.03 shown as a percentage: '3%' (exact decimal digits, no binary residue)."""
    d = Decimal(repr(x)).scaleb(2).normalize()
    return f"{d:f}%"


def _serial_date(x: float, date1904: bool) -> dt.date | dt.datetime | None:
    """An Excel serial number as a date (or a date and time)."""
    if not (0 < x < 2_958_466):  # 9999-12-31
        return None
    base = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
    if not date1904 and x < 61:
        x += 1  # Excel's 1900 leap-year bug: serials before 1 March 1900 are one day off
    when = base + dt.timedelta(days=x)
    return when.date() if when.time() == dt.time(0) else when


def _head_text(v: Any) -> str:
    if v is None or isinstance(v, _Problem):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time(0) else v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v).strip()


def _calamine_fits(s: Scan) -> bool:
    """Whether calamine may read the sheet: installed, every cell placed by reference, and dense enough."""
    import importlib.util

    if importlib.util.find_spec("python_calamine") is None:
        return False
    if s.cells != s.cells_with_ref:
        return False
    dense = s.dense_cells
    return dense * _CELL_BYTES <= _MAX_DENSE_BYTES and dense <= 4 * s.cells + _DENSE_SLACK


def _last(col: list[Any]) -> int:
    """The position of the last cell holding something, -1 when none does."""
    for i in range(len(col) - 1, -1, -1):
        if col[i] is not None:
            return i
    return -1


def _column(full: list[Any], text: bool) -> Any:
    """One column's cells (None where empty) as a pyarrow array typed by what it holds."""
    import pyarrow as pa

    kinds = set(map(type, full))
    kinds.discard(type(None))
    if kinds <= {str}:
        return pa.array(full, type=pa.string())
    if not text and kinds <= {float, int}:
        return pa.array(full, type=pa.float64())
    if not text and kinds <= {bool}:
        return pa.array(full, type=pa.bool_())
    if not text and kinds <= {dt.date}:
        import pyarrow.compute as pc

        return pc.cast(pa.array(full, type=pa.date32()), pa.timestamp("s"))
    if not text and kinds <= {dt.date, dt.datetime}:
        return pa.array([_as_datetime(v) for v in full], type=pa.timestamp("s"))
    return pa.array([_cell_text(v) if v is not None else None for v in full], type=pa.string())


def _as_datetime(v: Any) -> dt.datetime | None:
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v
    return dt.datetime(v.year, v.month, v.day)


def _cell_text(v: Any) -> str:
    """A cell as text, as a spreadsheet shows it (integral numbers without .0; dates as ISO)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time(0) else v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, (dt.time, dt.timedelta)):
        return str(v)
    return str(v)
