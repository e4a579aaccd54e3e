"""Table jobs (``batch``, ``whatif``) run in worker processes, so a long screening never holds up a check.

A job names its input file, its output file and the options of the CLI command it
mirrors; the worker reads the table with the CLI's reader, screens it with the same
library functions, writes the same file types, and returns counts and notes. An
srdi error comes back as its problems, with the upload's own name in place of the
temporary path.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import multiprocessing
from typing import Any, Literal

import attrs

from .. import errors, routing
from ..errors import Problem, SrdiError
from ..i18n import language, speaking
from ..i18n import t as message

Command = Literal["batch", "whatif"]


@attrs.frozen
class TableJob:
    """One uploaded table to screen, as ``srdi batch`` or ``srdi whatif`` would."""

    command: Command
    input: str
    name: str
    output: str
    on: dt.date
    programs: tuple[str, ...] = ()
    region: str | None = None
    against: str | None = None
    on_against: dt.date | None = None
    overrides: dict[str, Any] = attrs.field(factory=dict)
    gaps: bool = True
    sheet: str | None = None
    header_rows: int | None = None
    #: the language of the request: the worker process answers in it
    lang: str | None = None


@attrs.frozen
class TableOutcome:
    """What a job produced: rows written and messages, or the problems that stopped it."""

    rows: int = 0
    notes: tuple[str, ...] = ()
    summary: tuple[str, ...] = ()
    error: str | None = None
    problems: tuple[Problem, ...] = ()


_catalogs: Any = None


def _loader() -> routing.Loader:
    global _catalogs
    if _catalogs is None:
        from .catalogs import Catalogs

        _catalogs = Catalogs()
    loader: routing.Loader = _catalogs
    return loader


def _renamed(p: Problem, job: TableJob) -> Problem:
    return attrs.evolve(p, file=job.name) if p.file == job.input else p


def run(job: TableJob) -> TableOutcome:
    """Run a job (in a worker process), in the language of its request; srdi errors are returned, not raised."""
    with speaking(job.lang):
        try:
            return _run(job)
        except SrdiError as exc:
            return TableOutcome(error=type(exc).__name__, problems=tuple(_renamed(p, job) for p in exc.problems))


def _emit(
    frame: Any,
    job: TableJob,
    headers: dict[str, str],
    sheet: str,
    title: str,
    about: list[tuple[str, str]],
) -> None:
    """Write the result as the CLI's ``--out`` does (the same sheets, title and 说明), or as its JSON."""
    from ..batch.write import write_frame

    if job.output.endswith(".json"):
        with open(job.output, "w", encoding="utf-8") as f:
            f.write(frame.to_json(orient="records", force_ascii=False, indent=2) + "\n")
        return
    people = job.output.lower().endswith((".xlsx", ".csv"))
    write_frame(frame, job.output, headers if people else None, sheet=sheet, title=title, about=about, freeze_columns=2)


def _batch(job: TableJob, loader: routing.Loader) -> TableOutcome:
    """``srdi batch``: the table screened against the programs, with the CLI's 说明 sheet and counts."""
    from ..batch import COLUMNS, read_table, resolve_programs, screen
    from ..batch import about as sheet
    from ..batch.screen import summary

    cat = routing.for_programs(list(job.programs) or None, job.region, loader)
    progs = resolve_programs(cat, list(job.programs) or None, job.region, job.on, job.overrides)
    table = read_table(job.input, cat, sheet=job.sheet, header_rows=job.header_rows)
    result = screen(cat, table, progs, job.on, gaps=job.gaps)
    counts = summary(result)
    about = sheet.batch_about(job.name, job.on, progs, cat, counts, table)
    _emit(result.frame, job, COLUMNS, sheet.BATCH_SHEET, sheet.batch_title(job.on), about)
    return TableOutcome(len(result.frame), _notes(table, job), tuple(sheet.batch_lines(counts, table, cat, progs)))


def _whatif(job: TableJob, loader: routing.Loader) -> TableOutcome:
    """``srdi whatif``: the rows that change verdict, with the CLI's 说明 sheet."""
    from ..batch import about as sheet
    from ..batch import read_table
    from ..batch.whatif import COLUMNS as WHATIF_COLUMNS
    from ..batch.whatif import compare, whatif

    (pid,) = job.programs
    cat = routing.for_programs([pid, *([job.against] if job.against else [])], None, loader)
    if job.against and job.overrides:
        raise SrdiError(message("batch.both_overrides"))
    if not job.against and not job.overrides:
        raise SrdiError(message("batch.nothing_to_compare"))
    if job.against:
        cat.program(job.against)
    else:
        from ..batch.screen import with_checked_overrides

        with_checked_overrides(cat.program(pid), job.overrides)
    table = read_table(job.input, cat, sheet=job.sheet, header_rows=job.header_rows)
    if job.against:
        change = compare(cat, table, pid, job.against, job.on, job.on_against)
    else:
        change = whatif(cat, table, pid, job.on, job.overrides)
    shown = [cat.program(pid), *([cat.program(job.against)] if job.against else [])]
    about = sheet.whatif_about(job.name, job.on, shown, cat, change, len(table))
    _emit(change.frame, job, WHATIF_COLUMNS, sheet.WHATIF_SHEET, sheet.whatif_title(shown, job.overrides), about)
    lines = sheet.whatif_lines(change, len(table))
    return TableOutcome(len(change.frame), _notes(table, job), tuple(lines))


def _notes(table: Any, job: TableJob) -> tuple[str, ...]:
    """What the CLI says on reading the upload: how it was read, then the reader's warnings, naming the upload."""
    from ..batch import about as sheet

    return (*sheet.read_lines(table, job.name), *sheet.note_lines(table, job.name))


def _run(job: TableJob) -> TableOutcome:
    loader = _loader()
    return _batch(job, loader) if job.command == "batch" else _whatif(job, loader)


class Workers:
    """A pool of worker processes for table jobs, started on first use."""

    def __init__(self, processes: int) -> None:
        self.processes = processes
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None

    def _executor(self) -> concurrent.futures.ProcessPoolExecutor:
        if self._pool is None:
            # spawn: a clean interpreter, never a fork of a server with threads
            ctx = multiprocessing.get_context("spawn")
            self._pool = concurrent.futures.ProcessPoolExecutor(self.processes, mp_context=ctx)
        return self._pool

    async def run(self, job: TableJob) -> TableOutcome:
        """Run ``job`` in a worker; raise its srdi error here, as the class it had there."""
        try:
            # the worker is another process: the request's language goes with the job
            job = attrs.evolve(job, lang=language())
            outcome = await asyncio.wrap_future(self._executor().submit(run, job))
        except concurrent.futures.process.BrokenProcessPool:
            self._pool = None  # a worker died (killed, out of memory): the next job starts a new pool
            raise
        if outcome.error is not None:
            cls = getattr(errors, outcome.error, SrdiError)
            raise cls(list(outcome.problems))
        return outcome

    def close(self) -> None:
        """Stop the workers, and wait for them to exit.

        The server closes this after its requests are answered, so the workers are idle
        and exit at once. Not waiting left them running after the server: uvicorn ends
        its process by raising the stop signal again, before the pool's own thread had
        told them to stop.
        """
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
