"""Small .xlsx files written part by part, with exactly the XML a test needs.

openpyxl cannot write a formula without its computed value, an error value, a
Chinese built-in date format or a sheet beyond Excel's limits; tests of a table
reader need all of these. :func:`table` writes a header and rows; :func:`write`
takes the ``<row>`` elements themselves (built with :func:`row` and :func:`cell`).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def letters(j: int) -> str:
    """The letters of 0-based column ``j`` (0 → A, 16383 → XFD)."""
    s = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        s = chr(65 + r) + s
    return s


def cell(ref: str, value: Any = None, *, style: int | None = None, formula: str | None = None, kind: str = "") -> str:
    """One ``<c>`` element: text as an inline string, a number as its value.

    ``kind`` "e" writes an error value (``#DIV/0!``), "b" a boolean; a ``formula``
    with ``value`` None is a formula saved without its computed value.
    """
    attrs = f' r="{ref}"' + (f' s="{style}"' if style is not None else "")
    inner = f"<f>{escape(formula)}</f>" if formula is not None else ""
    if kind == "e":
        attrs += ' t="e"'
        inner += f"<v>{escape(str(value))}</v>"
    elif kind == "b":
        attrs += ' t="b"'
        inner += f"<v>{1 if value else 0}</v>"
    elif isinstance(value, str):
        attrs += ' t="inlineStr"'
        inner += f"<is><t>{escape(value)}</t></is>"
    elif value is not None:
        inner += f"<v>{value!r}</v>"
    return f"<c{attrs}>{inner}</c>"


def row(number: int, cells: Iterable[str]) -> str:
    """A ``<row>`` numbered ``number`` (from 1) holding ``cells``."""
    return f'<row r="{number}">' + "".join(cells) + "</row>"


def write(
    path: str | Path,
    rows: Iterable[str],
    xfs: Sequence[int] = (0,),
    num_formats: Mapping[int, str] | None = None,
    dimension: str | None = None,
) -> Path:
    """A workbook of one sheet holding ``rows``; style ``i`` shows numbers in format ``xfs[i]``.

    ``num_formats`` defines custom formats by id (164 and up); ``dimension`` is the
    used range the sheet declares (anything at all: readers must not trust it).
    """
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}">'
        + (f'<dimension ref="{dimension}"/>' if dimension else "")
        + "<sheetData>"
        + "".join(rows)
        + "</sheetData></worksheet>"
    )
    formats = "".join(
        f'<numFmt numFmtId="{i}" formatCode="{escape(code, {chr(34): "&quot;"})}"/>'
        for i, code in (num_formats or {}).items()
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{NS}">'
        + (f'<numFmts count="{len(num_formats or {})}">{formats}</numFmts>' if formats else "")
        + '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>'
        + '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
        + f'<cellXfs count="{len(xfs)}">'
        + "".join(f'<xf numFmtId="{n}" applyNumberFormat="1"/>' for n in xfs)
        + "</cellXfs></styleSheet>"
    )
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{_REL}">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
        "</Relationships>"
    )
    root = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    types = (
        f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{_TYPES}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_SHEET_TYPE}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_SHEET_TYPE}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_SHEET_TYPE}.styles+xml"/>'
        "</Types>"
    )
    p = Path(path)
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", root)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("xl/styles.xml", styles)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return p


def table(
    path: str | Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    styles: Mapping[tuple[int, int], int] | None = None,
    xfs: Sequence[int] = (0,),
    num_formats: Mapping[int, str] | None = None,
) -> Path:
    """A sheet with ``header`` in row 1 and ``rows`` under it.

    A float or int is written as a number, a str as text; None and "" leave the
    cell out. ``styles`` maps (sheet row, 0-based column) to a style index.
    """
    styles = styles or {}
    out = [row(1, [cell(f"{letters(j)}1", h) for j, h in enumerate(header)])]
    for i, values in enumerate(rows, start=2):
        cells = [
            cell(f"{letters(j)}{i}", v, style=styles.get((i, j)))
            for j, v in enumerate(values)
            if v is not None and v != ""
        ]
        out.append(row(i, cells))
    return write(path, out, xfs=xfs, num_formats=num_formats)
