"""Workbooks ready to print and file: the layout every .xlsx srdi writes shares.

- **Widths from content.** A column is as wide as its widest cell, counting a
  Chinese character (or any East Asian wide character) as two; long text wraps at
  :data:`MAX_WIDTH` and a long header wraps into a block rather than widening its
  column. Row heights are set from the lines each row needs, so a
  wrapped or merged header is never cut or overprinted.
- **Headers** are bold, centred, wrapped and bordered; data cells are bordered,
  numbers carry their number format (and their unit where no header names it).
- **Data sheets** freeze the header rows and the identifying columns, and filter on
  the header row.
- **Printing**: A4 landscape (A3 when the columns would shrink below a readable
  scale on A4), fitted to the page width, the title on page 1, the header rows
  repeated on every page, page numbers in the footer. A table too wide for A3
  goes on pages across at a readable scale, its identifying columns repeated.
- **Text is text.** Every cell goes through :func:`put`: formula-like text is stored
  as a text cell with the quote prefix (:mod:`srdi.batch.safe_cells`), never as a
  formula.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .safe_cells import is_formula_like

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

#: Fonts of Chinese official documents: 宋体 for text, 黑体 for titles; 10.5 pt is 五号, a table's size.
FONT = "宋体"
TITLE_FONT = "黑体"
SIZE = 10.5
TITLE_SIZE = 16
#: Column widths in Excel's units (the width of one "0"); a Chinese character is two.
MIN_WIDTH = 4.0
MAX_WIDTH = 30.0
PADDING = 2.0
#: How full a wrapped line is, on average, where Chinese line-breaking rules move a character down.
WRAP_FILL = 0.9
#: A column of codes is this much wider than its characters count (capitals such as M and W are wide).
TOKEN_FACTOR = 1.2
#: A header this wide or narrower stays on one line; a wider one wraps rather than widen its column.
HEADER_WRAP_FROM = 8.0
#: Points per line of text at SIZE (with the line spacing CJK fonts need), and per title line.
LINE_POINTS = 16.0
TITLE_POINTS = 28.0
#: Printable width of a landscape A4 and A3 page, in mm (297 and 420 less margins of 0.4 inch each side).
A4_MM = 297.0 - 2 * 10.16
A3_MM = 420.0 - 2 * 10.16
#: A column of width w prints w × 7 + 5 pixels wide at 96 dpi: this many mm per unit, plus a constant.
MM_PER_UNIT = 7 * 25.4 / 96
MM_PER_COLUMN = 5 * 25.4 / 96
#: Smallest print scale for a readable page (10.5 pt type printed at 6.5 pt or more): below it
#: on A4 the sheet goes on A3, and below it on A3 the columns go on further pages across.
MIN_SCALE = 0.62
#: Share of a page's width filled when columns go on pages across: spreadsheet programs measure
#: columns a little differently, and a column that does not fit would print on a page of its own.
PAGE_SAFETY = 0.93
#: The paper size codes of SpreadsheetML (ECMA-376 18.3.1.63).
PAPER_A4 = 9
PAPER_A3 = 8
THIN = "thin"

#: Number formats by kind of value; the unit is appended (as text) where no header names it.
FORMATS = {
    "money": "#,##0.00",
    "usd": "#,##0.00",
    "number": "#,##0.00",
    "percent": "0.00",
    "integer": "0",
    "count": "0",
    "date": "yyyy-mm-dd",
    "text": "@",
}


def char_width(ch: str) -> float:
    """Display width of one character: 2 for East Asian wide, full-width and ambiguous ones and symbols (✓), else 1."""
    wide = unicodedata.east_asian_width(ch) in ("W", "F", "A") or unicodedata.category(ch) == "So"
    return 2.0 if wide else 1.0


def text_width(text: str) -> float:
    """Display width of the widest line of ``text``."""
    return max((sum(char_width(c) for c in line) for line in str(text).split("\n")), default=0.0)


def _longest_run(text: str) -> float:
    """Width of the longest stretch a line cannot break inside (Latin letters and digits; CJK breaks anywhere)."""
    best = run = 0.0
    for c in str(text):
        if c.isascii() and not c.isspace():
            run += 1
            best = max(best, run)
        else:
            run = 0.0
    return best


def shown(value: Any, number_format: str | None = None) -> str:
    """The text a cell shows, for measuring: numbers as their format shows them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)) and number_format:
        digits = number_format.split(".")[1].count("0") if "." in number_format else 0
        text = f"{value:,.{digits}f}" if "," in number_format else f"{value:.{digits}f}"
        unit = number_format.split('"')[1] if number_format.count('"') >= 2 else ""
        return text + unit
    return str(value)


def lines_needed(text: str, width: float) -> int:
    """How many lines ``text`` takes in a column ``width`` wide (after its padding).

    Text that wraps fills its lines to about 90%: a line may not begin with a
    closing bracket or punctuation, so it breaks a character or two early.
    """
    room = max(width - PADDING, 1.0)

    def lines(line: str) -> int:
        w = text_width(line)
        return 1 if w <= room else math.ceil(w / (room * WRAP_FILL))

    return max(1, sum(lines(line) for line in str(text).split("\n")))


def column_width(headers: Sequence[str], cells: Sequence[str], cap: float = MAX_WIDTH) -> float:
    """The width of a column: its widest cell (up to ``cap``), and room for its header.

    A short header stays on one line; a long one wraps into a block about as
    many lines tall as it is wide (width ≈ √(3 × its length)), as printed tables
    set their long column headings, rather than widening the column to fit it.
    """
    data = min(max((text_width(c) for c in cells), default=0.0), cap - PADDING)
    if is_token_column(cells) and any(ch.isalpha() for c in cells for ch in c):
        # codes and ids never wrap: room for wide capitals in a proportional font
        data = math.ceil(max(text_width(c) for c in cells if c) * TOKEN_FACTOR)
    head = max((text_width(h) for h in headers if h), default=0.0)
    head_need = min(head, max(HEADER_WRAP_FROM, math.ceil(math.sqrt(3.0 * head))))
    if head_need < head:  # as many lines as that width needs, filled evenly: no last line of one character
        head_need = min(head, math.ceil(head / math.ceil(head / head_need)) + 1)
    head_need = max(head_need, *(_longest_run(h) for h in headers if h), 0.0)
    return round(max(data, head_need, MIN_WIDTH) + PADDING, 1)


def is_token_column(cells: Sequence[str]) -> bool:
    """Whether every cell is one Latin token (a credit code, a program id, a date): none may break."""
    filled = [c for c in cells if c]
    return bool(filled) and all(c.isascii() and not any(ch.isspace() for ch in c) for c in filled)


def number_format(kind: str | None, unit: str | None = None, unit_shown: bool = True) -> str | None:
    """The number format of a column of ``kind`` (money, percent …); the unit is appended unless a header shows it."""
    fmt = FORMATS.get(kind or "")
    if fmt is None or kind in ("text", "date"):
        return fmt
    if unit and not unit_shown:
        return f'{fmt}"{unit}"'
    return fmt


# --------------------------------------------------------------------------- cells
def put(ws: Worksheet, row: int, col: int, value: Any, number_format: str | None = None) -> Any:
    """Write ``value`` into a cell as data: formula-like text as a quote-prefixed text cell, booleans as 是/否."""
    cell = ws.cell(row, col)
    if hasattr(value, "item"):  # a NumPy scalar
        value = value.item()
    if isinstance(value, bool):
        value = "是" if value else "否"
    if value is not None and not isinstance(value, str) and value != value:  # NaN, NaT
        value = None
    elif value is not None and not isinstance(value, (str, int, float, dt.date)):
        value = str(value)
    cell.value = value
    if isinstance(value, str) and is_formula_like(value):
        cell.data_type = "s"  # openpyxl stores text beginning with "=" as a formula
        cell.quotePrefix = True  # and Excel would evaluate "+…", "-…", "@…" once the cell is edited
    if number_format and value is not None and not isinstance(value, str):
        cell.number_format = number_format
    return cell


def styles() -> dict[str, Any]:
    """The shared cell styles: fonts, borders, alignments."""
    from openpyxl.styles import Alignment, Border, Font, Side

    side = Side(style=THIN, color="000000")
    return {
        "font": Font(name=FONT, size=SIZE),
        "bold": Font(name=FONT, size=SIZE, bold=True),
        "title": Font(name=TITLE_FONT, size=TITLE_SIZE),
        "annex": Font(name=TITLE_FONT, size=12),
        "border": Border(left=side, right=side, top=side, bottom=side),
        "head": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "left": Alignment(horizontal="left", vertical="center", wrap_text=True),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "right": Alignment(horizontal="right", vertical="center", wrap_text=False),
        "token": Alignment(horizontal="left", vertical="center", wrap_text=False),
        "note": Alignment(horizontal="left", vertical="top", wrap_text=True),
    }


def style_header(ws: Worksheet, first_row: int, last_row: int, ncols: int) -> None:
    """Bold, centred, wrapped and bordered header cells (every cell of merged ones, so borders show whole)."""
    st = styles()
    for r in range(first_row, last_row + 1):
        for c in range(1, ncols + 1):
            cell = ws.cell(r, c)
            cell.font = st["bold"]
            cell.alignment = st["head"]
            cell.border = st["border"]


def style_body(ws: Worksheet, first_row: int, last_row: int, aligns: Sequence[str]) -> None:
    """Bordered data cells: text left and wrapped, numbers right, short codes and ticks centred."""
    st = styles()
    for r in range(first_row, last_row + 1):
        for c, align in enumerate(aligns, start=1):
            cell = ws.cell(r, c)
            cell.font = st["font"]
            cell.border = st["border"]
            cell.alignment = st[align]


def set_widths(ws: Worksheet, widths: Sequence[float]) -> None:
    """Column widths, in order from column A."""
    from openpyxl.utils import get_column_letter

    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w


def fit_row(ws: Worksheet, row: int, texts: Sequence[tuple[str, float]], points: float = LINE_POINTS) -> None:
    """Set a row's height to the most lines any of its cells needs: ``texts`` are (shown text, column width)."""
    lines = max((lines_needed(t, w) for t, w in texts if t), default=1)
    ws.row_dimensions[row].height = lines * points + 3


def printed_mm(widths: Sequence[float]) -> float:
    """The printed width of columns at 100%, in mm."""
    return sum(w * MM_PER_UNIT + MM_PER_COLUMN for w in widths)


def page_layout(
    widths: Sequence[float], repeat_columns: int = 0, groups: Sequence[tuple[int, int]] = ()
) -> tuple[int, float, list[int]]:
    """(paper size, scale, last column of each page across) to print columns landscape, fitted to the width.

    A4 while the columns fit at :data:`MIN_SCALE` or more, else A3; a table too
    wide even for A3 goes on as few pages across as keep that scale, its first
    ``repeat_columns`` columns (序号, 企业名称) repeated on each, the scale then
    raised as far as those pages allow. A page never ends inside one of
    ``groups`` (first, last column, from 0: the columns under a merged group
    header) unless the group alone is wider than a page.
    """
    total = printed_mm(widths)
    n = len(widths)
    if total * MIN_SCALE <= A4_MM:
        return PAPER_A4, min(1.0, A4_MM / total), [n]
    if total * MIN_SCALE <= A3_MM:
        return PAPER_A3, min(1.0, A3_MM / total), [n]
    repeated = printed_mm(widths[:repeat_columns])
    blocks: list[tuple[int, int]] = []
    j = 0
    for g0, g1 in sorted(groups):
        blocks += [(k, k) for k in range(j, g0)]
        if g0 >= j:
            blocks.append((g0, g1))
            j = g1 + 1
    blocks += [(k, k) for k in range(j, n)]

    def pack(scale: float) -> list[int]:
        room = A3_MM * PAGE_SAFETY / scale
        pages: list[int] = []
        used = 0.0
        for b0, b1 in blocks:
            parts = (
                [(b0, b1)]
                if printed_mm(widths[b0 : b1 + 1]) <= room - repeated
                else [(k, k) for k in range(b0, b1 + 1)]
            )
            for c0, c1 in parts:
                w = printed_mm(widths[c0 : c1 + 1])
                if used + w > room and used > (repeated if pages else 0.0):
                    pages.append(c0)  # the page ends with the column before c0 (numbered from 1: c0)
                    used = repeated
                used += w
        return [*pages, n]

    pages = pack(MIN_SCALE)
    scale = MIN_SCALE
    for step in range(100, int(MIN_SCALE * 100), -1):  # the largest scale that needs no more pages
        trial = pack(step / 100)
        if len(trial) <= len(pages):
            scale, pages = step / 100, trial
            break
    return PAPER_A3, scale, pages


def print_setup(
    ws: Worksheet,
    widths: Sequence[float],
    header_rows: tuple[int, int] | None,
    title: str | None = None,
    repeat_columns: int = 0,
    groups: Sequence[tuple[int, int]] = (),
) -> list[int]:
    """Landscape, fitted to the page width, header rows repeated, title and page numbers in the margins.

    ``title`` goes in the page header (for sheets whose title is not a row of their
    own). Returns, for each page across, the number of the last column it prints
    (one page across unless the table is too wide for A3: see :func:`page_layout`).
    """
    from openpyxl.worksheet.pagebreak import Break, ColBreak

    paper, scale, pages = page_layout(widths, repeat_columns, groups)
    ws.page_setup.paperSize = paper
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    if len(pages) == 1:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    else:
        ws.page_setup.scale = int(scale * 100)
        ws.page_setup.pageOrder = "overThenDown"  # the rest of the same rows next, then the next rows
        ws.col_breaks = ColBreak()
        for last in pages[:-1]:
            ws.col_breaks.append(Break(id=last))
        if repeat_columns:
            from openpyxl.utils import get_column_letter

            ws.print_title_cols = f"A:{get_column_letter(repeat_columns)}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = 0.7 if title else 0.5
    ws.page_margins.bottom = 0.6
    ws.page_margins.header = 0.3
    ws.page_margins.footer = 0.3
    if header_rows is not None:
        ws.print_title_rows = f"{header_rows[0]}:{header_rows[1]}"
    if title:
        ws.oddHeader.center.text = title.replace("&", "&&")
        ws.oddHeader.center.size = 12
        ws.oddHeader.center.font = f"{TITLE_FONT},Regular"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.size = 9
    return pages


def new_workbook() -> Any:
    """An empty workbook (no default sheet); needs openpyxl (srdi's ``batch`` extra)."""
    try:
        import openpyxl
    except ImportError:
        from ..errors import SrdiError
        from ..i18n import t

        raise SrdiError(
            t("extra.missing", what=t("extra.write_xlsx"), module="openpyxl", install="'srdi[batch]'")
        ) from None
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    return wb


def sheet_name(base: str, used: set[str]) -> str:
    """A valid, unused sheet name from ``base`` (at most 31 characters, no brackets, colons, ? * / or backslash)."""
    import re

    name = re.sub(r"[\[\]:*?/\\]", "", base).strip("'")[:28] or "表"
    out, k = name, 2
    while out in used:
        out, k = f"{name}-{k}", k + 1
    used.add(out)
    return out


# --------------------------------------------------------------------------- data sheets
def write_data_sheet(
    wb: Any,
    name: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    formats: Sequence[str | None] | None = None,
    title: str | None = None,
    freeze_columns: int = 0,
    top: Sequence[str] = (),
) -> Worksheet:
    """A sheet of records: one header row, the rows below, laid out to read, filter and print.

    ``formats`` gives each column's number format (None for text); the first
    ``freeze_columns`` columns stay in view when scrolling right; ``title`` goes in
    the page header of every printed page. ``top`` lines (a title, explanations)
    stand above the header row, each across the table's width.
    """
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(name)
    st = styles()
    ncols = len(headers)
    fmts = list(formats or [None] * ncols)
    head = len(top) + 1
    for j, h in enumerate(headers, start=1):
        put(ws, head, j, h)
    shown_cols: list[list[str]] = [[] for _ in range(ncols)]
    numeric = [True] * ncols
    for i, row in enumerate(rows, start=head + 1):
        for j, value in enumerate(row):
            cell = put(ws, i, j + 1, value, fmts[j])
            v = cell.value
            shown_cols[j].append(shown(v, fmts[j]))
            if v is not None and isinstance(v, str):
                numeric[j] = False
    widths = [column_width([headers[j]], shown_cols[j]) for j in range(ncols)]
    aligns = [_align(numeric[j], shown_cols[j]) for j in range(ncols)]
    style_header(ws, head, head, ncols)
    style_body(ws, head + 1, head + len(rows), aligns)
    set_widths(ws, widths)
    fit_row(ws, head, list(zip(headers, widths)))
    for i in range(len(rows)):
        fit_row(ws, head + 1 + i, [(shown_cols[j][i], widths[j]) for j in range(ncols)])
    for r, text in enumerate(top, start=1):
        if not text:
            continue
        put(ws, r, 1, text)
        ws.cell(r, 1).font = st["title"] if r == 1 else st["font"]
        ws.cell(r, 1).alignment = st["note"]
        if ncols > 1:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
        if r == 1:
            ws.row_dimensions[r].height = TITLE_POINTS
        else:
            fit_row(ws, r, [(text, sum(widths))])
    ws.freeze_panes = ws.cell(head + 1, freeze_columns + 1)
    if ncols:
        ws.auto_filter.ref = f"A{head}:{get_column_letter(ncols)}{max(head + len(rows), head + 1)}"
    print_setup(ws, widths, (head, head), title)
    return ws


def _align(numeric: bool, cells: Sequence[str]) -> str:
    longest = max((text_width(c) for c in cells), default=0.0)
    if numeric:
        return "center" if longest <= 6 else "right"
    if longest <= 8:
        return "center"
    return "token" if is_token_column(cells) else "left"


def write_about_sheet(wb: Any, name: str, title: str, items: Sequence[tuple[str, str]]) -> Worksheet:
    """A sheet describing a workbook: its title, then one labelled line per item (date, programs, counts …)."""
    ws = wb.create_sheet(name)
    st = styles()
    put(ws, 1, 1, title)
    ws.cell(1, 1).font = st["title"]
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=2)
    ws.row_dimensions[1].height = TITLE_POINTS
    label_w = column_width([], [k for k, _ in items], cap=20)
    value_w = column_width([], [v for _, v in items], cap=90)
    for i, (label, value) in enumerate(items, start=2):
        put(ws, i, 1, label)
        put(ws, i, 2, value)
        ws.cell(i, 1).font = st["bold"]
        ws.cell(i, 2).font = st["font"]
        for c in (1, 2):
            ws.cell(i, c).alignment = st["note"]
            ws.cell(i, c).border = st["border"]
        fit_row(ws, i, [(label, label_w), (value, value_w)])
    set_widths(ws, [label_w, value_w])
    print_setup(ws, [label_w, value_w], None)
    ws.page_setup.orientation = ws.ORIENTATION_PORTRAIT
    return ws
