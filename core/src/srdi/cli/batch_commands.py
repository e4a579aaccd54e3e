"""Batch commands: ``srdi batch``, ``srdi select``, ``srdi whatif`` and ``srdi tables``.

Each reads a table of enterprises (CSV, XLSX or Parquet; vocabulary or Chinese
headers), keeps every input row in its output, prints column-level warnings to
stderr, and writes its result to ``--out`` (by suffix: .csv, .xlsx, .parquet) or,
without it, CSV on stdout (JSON with ``--format json``). A progress bar appears on
a terminal for long runs, never when the output is piped.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .. import clock
from ..errors import SrdiError
from ..i18n import t, tn
from .common import (
    assignment_arg,
    benchmark_option,
    benchmarks_from,
    date_arg,
    lazy_module,
    overrides_from,
    quota_arg,
)

if TYPE_CHECKING:
    import pandas as pd

    from .. import api, routing
    from ..catalog import Catalog
else:
    api = lazy_module("srdi.api")
    routing = lazy_module("srdi.routing")

#: Below this many row evaluations a run is quick enough not to need a progress bar.
PROGRESS_FROM = 200_000
#: Below this many bytes a table file is read quickly enough not to need one.
READ_PROGRESS_FROM = 20 << 20


def say(message: str) -> None:
    """One ``srdi: …`` line on stderr: what a command did, beside its output."""
    print(t("cli.info", message=message), file=sys.stderr)


def catalog_for(programs: Sequence[str] | None, region: str | None) -> Catalog:
    """Load the plugins the given programs (or region) need, and no others."""
    return routing.for_programs(programs, region)


def _read(args: argparse.Namespace, cat: Catalog) -> Any:
    from ..batch import about as sheet
    from ..batch import read_table

    with _reading(args.input) as report:
        table = read_table(args.input, cat, sheet=args.sheet, header_rows=args.header_rows, progress=report)
    for line in sheet.read_lines(table, args.input):
        say(line)
    for line in sheet.note_lines(table, args.input):
        print(t("cli.warning", message=line), file=sys.stderr)
    figures = benchmarks_from(args)
    if figures:
        from ..benchmarks import supply

        table.frame = supply(table.frame, figures)
    return table


@contextmanager
def _reading(path: str):  # type: ignore[no-untyped-def]
    """A rich progress bar for reading a large table file, on a terminal only; otherwise nothing.

    Yields the ``progress(stage, done, total)`` callback :func:`srdi.batch.read_table` takes.
    """
    from pathlib import Path

    try:
        size = Path(path).stat().st_size
    except OSError:
        size = 0
    if size < READ_PROGRESS_FROM or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
    ) as bar:
        tasks: dict[str, Any] = {}

        def report(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(f"{stage} {Path(path).name}", total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield report


@contextmanager
def _progress(total: int, label: str):  # type: ignore[no-untyped-def]
    """A rich progress bar on stderr when it is a terminal and the run is long; otherwise nothing."""
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)


def _check_out(args: argparse.Namespace) -> None:
    """Refuse an --out that is the input table or the overrides file, or that cannot be written.

    With ``--out`` the file's extension decides its format: a ``--format`` beside it is refused, not ignored.
    """
    from .outputs import check_output

    if args.out and getattr(args, "format", None) is not None:
        raise SrdiError(t("batch.format_with_out"))
    if args.out:
        check_output(args.out, [args.input, getattr(args, "overrides", None)])


def _emit(
    frame: pd.DataFrame,
    args: argparse.Namespace,
    headers: dict[str, str],
    sheet: str,
    title: str,
    about: list[tuple[str, str]] | None = None,
) -> None:
    from ..batch.safe_cells import to_csv
    from ..batch.write import write_frame

    if args.out:
        people = str(args.out).lower().endswith((".xlsx", ".csv"))
        write_frame(
            frame, args.out, headers if people else None, sheet=sheet, title=title, about=about, freeze_columns=2
        )
        say(tn("batch.wrote", len(frame), n=len(frame), out=args.out))
    elif args.format == "json":
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, indent=2) + "\n")
    else:
        to_csv(frame, sys.stdout)


def cmd_batch(args: argparse.Namespace) -> int:
    """The `srdi batch` command: screen a table against programs, one row per enterprise and program."""
    from ..batch import COLUMNS, resolve_programs, screen
    from ..batch import about as sheet
    from ..batch.screen import summary

    _check_out(args)
    cat = catalog_for(args.program, args.region)
    on = args.on or clock.today()
    progs = resolve_programs(cat, args.program, args.region, on, overrides_from(args))
    table = _read(args, cat)
    total = len(table) * len(progs)
    with _progress(total, t("batch.screening")) as advance:
        result = screen(
            cat,
            table,
            progs,
            on,
            gaps=not args.no_gaps,
            chunk_rows=100_000 if advance else None,
            progress=advance,
        )
    counts = summary(result)
    about = sheet.batch_about(str(args.input), on, progs, cat, counts, table)
    _emit(result.frame, args, COLUMNS, sheet.BATCH_SHEET, sheet.batch_title(on), about)
    for line in sheet.batch_lines(counts, table, cat, progs):
        say(line)
    return 0


def cmd_select(args: argparse.Namespace) -> int:
    """The `srdi select` command: rank eligible rows and apply the program's quotas."""
    from ..batch import about as sheet
    from ..batch.screen import resolve_programs
    from ..batch.select import COLUMNS, select

    _check_out(args)
    cat = catalog_for([args.program], None)
    on = args.on or clock.today()
    (prog,) = resolve_programs(cat, [args.program], None, on, overrides_from(args))
    table = _read(args, cat)
    allocations: dict[str, dict[str, int]] = {}
    for quota, unit, number in args.quota or []:
        allocations.setdefault(quota, {})[unit] = number
    result = select(cat, table, prog, on, allocations=allocations)
    about = sheet.about(str(args.input), on, [prog], cat)
    about += [
        (f"限额：{u.label}", f"{u.used}/{'—' if u.limit is None else u.limit}（{u.clause}）") for u in result.usage
    ]
    about += [("说明", note) for note in result.notes]
    about += sheet.data_errors(table)
    _emit(result.frame, args, COLUMNS, "择优排序", f"{prog.title} 择优排序（评价日期 {on.isoformat()}）", about)
    for u in result.usage:
        where = "" if u.group == "000000" else f" {u.group} {u.name}"
        limit = "—" if u.limit is None else u.limit
        moved = (t("select.received", n=u.received) if u.received else "") + (
            t("select.released", n=u.released) if u.released else ""
        )
        floor = t("select.floor", n=u.minimum) if u.minimum is not None else ""
        say(
            t(
                "select.quota",
                quota=u.quota,
                where=where,
                used=u.used,
                limit=limit,
                floor=floor,
                moved=moved,
                label=u.label,
                clause=u.clause,
            )
        )
    for note in result.notes:
        print(t("cli.note", message=note), file=sys.stderr)
    for line in sheet.adjusted_lines(cat, [prog]) + sheet.data_error_lines(table):
        say(line)
    return 0


def cmd_whatif(args: argparse.Namespace) -> int:
    """The `srdi whatif` command: rows that change verdict under overrides, or under another program."""
    from ..batch import about as sheet
    from ..batch.whatif import COLUMNS, compare, whatif

    _check_out(args)
    cat = catalog_for([args.program, *([args.against] if args.against else [])], None)
    on = args.on or clock.today()
    overrides = overrides_from(args)
    if args.against and overrides:
        raise SrdiError(t("batch.both_overrides"))
    if not args.against and not overrides:
        raise SrdiError(t("batch.nothing_to_compare"))
    if args.against:
        cat.program(args.against)
    else:
        from ..batch.screen import with_checked_overrides

        with_checked_overrides(cat.program(args.program), overrides)  # refused whole, before reading the table
    table = _read(args, cat)
    if args.against:
        change = compare(cat, table, args.program, args.against, on, args.on_against)
    else:
        change = whatif(cat, table, args.program, on, overrides)
    shown = [cat.program(args.program), *([cat.program(args.against)] if args.against else [])]
    about = sheet.whatif_about(str(args.input), on, shown, cat, change, len(table))
    _emit(change.frame, args, COLUMNS, sheet.WHATIF_SHEET, sheet.whatif_title(shown, overrides), about)
    for line in sheet.whatif_lines(change, len(table)):
        say(line)
    return 0


def cmd_tables(args: argparse.Namespace) -> int:
    """The `srdi tables` command: fill official summary tables (汇总表) from a table of enterprises, as .xlsx."""
    import numpy as np

    from ..batch.screen import resolve_programs, screen
    from ..batch.select import select
    from ..batch.tables import summary_table, write_xlsx

    _check_out(args)
    forms = args.form
    names = {f.split(":", 1)[0] for f in forms}
    cat = api.load()  # forms name their notice, not their plugin: every installed plugin
    specs = [cat.form(f) for f in forms]
    on = args.on or clock.today()
    table = _read(args, cat)
    rows = None
    if args.only != "all":
        pid = args.program or next((p for f in specs for p in (f.programs or ())), None)
        if pid is None:
            raise SrdiError(t("batch.only_needs_program"))
        (prog,) = resolve_programs(cat, [pid], None, on, overrides_from(args))
        if args.only == "selected":
            chosen = select(cat, table, prog, on).frame["selected"].to_numpy()
        else:
            chosen = screen(cat, table, [prog], on, gaps=False).programs[prog.id].verdict == 1
        rows = np.flatnonzero(chosen)
    tables = [summary_table(cat, f, table, on, rows, args.indicators, args.year) for f in specs]
    write_xlsx(tables, args.out)
    for tab in tables:
        rows_ = len(tab.columns[0].values) if tab.columns else 0
        say(tn("tables.rows", rows_, form=tab.form.annex or tab.form.id, title=tab.form.title, n=rows_))
    say(t("tables.wrote", out=args.out, notices=t("list.sep").join(sorted(names))))
    _say_table_errors(table)
    return 0


#: How many rows' data errors ``srdi tables`` prints one by one; ``srdi batch`` lists every one.
TABLE_ERRORS_SHOWN = 20


def _say_table_errors(table: Any) -> None:
    """What a summary table cannot show: the blank rows left out, and each other row's data errors.

    The official table has no column for them (its cells are left blank), so stderr names
    each row and its errors, up to :data:`TABLE_ERRORS_SHOWN` rows.
    """
    if table.blank:  # never numbered into a table, whichever rows --only picks
        listed = t("list.sep").join(t("cell.row", n=int(table.rows[i])) for i in sorted(table.blank))
        print(t("cli.warning", message=t("tables.blank_rows", rows=listed)), file=sys.stderr)
    bad = [i for i in table.rows_with_errors() if i not in table.blank]
    if not bad:
        return
    print(t("cli.warning", message=tn("tables.data_errors", len(bad), n=len(bad))), file=sys.stderr)
    for i in bad[:TABLE_ERRORS_SHOWN]:
        errors = t("list.parts").join(table.errors[i])
        row = t("cell.row", n=int(table.rows[i]))
        print(t("cli.note", message=t("tables.row_errors", row=row, errors=errors)), file=sys.stderr)
    if len(bad) > TABLE_ERRORS_SHOWN:
        more = len(bad) - TABLE_ERRORS_SHOWN
        say(tn("tables.more_errors", more, n=more))


#: The ``--format`` of the commands that print rows: CSV (the default) or JSON on stdout; a file
#: given with ``--out`` takes the format its extension names.
ROWS_FORMAT: dict[str, Any] = {"formats": ("csv", "json"), "format_default": None, "format_help": "opt.rows_format"}


def _table_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", help=t("opt.input"))
    p.add_argument("--out", help=t("opt.out_table"))
    p.add_argument("--on", type=date_arg, help=t("opt.on"))
    p.add_argument("--sheet", help=t("opt.sheet"))
    p.add_argument("--header-rows", type=int, choices=[1, 2], help=t("opt.header_rows"))
    benchmark_option(p)


def _override_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--set", action="append", type=assignment_arg, metavar="NAME=VALUE", help=t("opt.set"))
    p.add_argument("--overrides", help=t("opt.overrides"))


def register(sub: Any, add: Any) -> None:
    """Add the batch commands to the ``srdi`` parser."""
    p = add(
        "batch",
        None,
        cmd_batch,
        [
            "srdi batch examples/申报企业.xlsx --region liaoning --on 2022-03-01 --out 初审结果.xlsx",
            "srdi batch examples/pool.csv --program liaoning.little-giant-2022 --on 2022-03-01 --out 初审结果.csv",
        ],
        **ROWS_FORMAT,
    )
    _table_args(p)
    p.add_argument("--program", action="append", help=t("opt.programs"))
    p.add_argument("--region", help=t("opt.region_open"))
    p.add_argument("--no-gaps", action="store_true", help=t("opt.no_gaps"))
    _override_args(p)
    p = add(
        "select",
        None,
        cmd_select,
        [
            "srdi select examples/推荐.xlsx --program national.little-giant-3rd-batch --on 2021-04-30 --out 推荐排序.xlsx"
        ],
        **ROWS_FORMAT,
    )
    _table_args(p)
    p.add_argument("--program", required=True, help=t("opt.select_program"))
    p.add_argument(
        "--quota",
        action="append",
        type=quota_arg,
        metavar="QUOTA:UNIT=N",
        help=t("opt.quota"),
    )
    _override_args(p)
    p = add(
        "whatif",
        None,
        cmd_whatif,
        [
            "srdi whatif examples/pool.csv --program liaoning.little-giant-2022 --on 2022-03-01 --set revenue.value=2500",
        ],
        **ROWS_FORMAT,
    )
    _table_args(p)
    p.add_argument("--program", required=True, help=t("opt.whatif_program"))
    p.add_argument("--against", help=t("opt.against"))
    p.add_argument("--on-against", type=date_arg, help=t("opt.on_against"))
    _override_args(p)
    p = add(
        "tables",
        None,
        cmd_tables,
        ["srdi tables examples/推荐.xlsx --form miit-2021-79:annex-3 --on 2021-04-30 --out 汇总表.xlsx"],
        formats=(),
    )
    p.add_argument("input", help=t("opt.input"))
    p.add_argument("--form", action="append", required=True, help=t("opt.table_form"))
    p.add_argument("--out", required=True, help=t("opt.out_workbook"))
    p.add_argument("--on", type=date_arg, help=t("opt.on"))
    p.add_argument(
        "--only",
        choices=["all", "eligible", "selected"],
        default="all",
        help=t("opt.only"),
    )
    p.add_argument("--program", help=t("opt.only_program"))
    p.add_argument("--indicators", help=t("opt.indicators"))
    p.add_argument("--year", type=int, help=t("opt.table_year"))
    p.add_argument("--sheet", help=t("opt.sheet_input"))
    p.add_argument("--header-rows", type=int, choices=[1, 2], help=t("opt.header_rows_input"))
    _override_args(p)
