"""The routes under ``/api/v1``: the CLI's commands over HTTP, answering with the CLI's JSON shapes.

Each handler routes to a catalog as the CLI does (:mod:`srdi.routing`), through the
process's shared catalogs, and builds its answer with :mod:`srdi.views`. An answer
whose catalogs are built runs on the event loop (a thread hop would cost more than
most answers); the first request for a plugin set builds its catalog in a thread,
so other requests go on meanwhile. Table jobs run in worker processes
(:mod:`srdi.web.jobs`).
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from litestar import Request, Response, Router, get, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import BodyKwarg, FromPath, QueryParameter

from .. import clock, routing, views
from ..errors import Problem, SrdiError
from ..i18n import t as message
from . import bodies, params
from .jobs import TableJob
from .problems import PROBLEM_JSON
from .shapes import (
    Deadline,
    FormCheck,
    Fund,
    FundSchedule,
    PluginInfo,
    ProblemDetails,
    ProgramDetail,
    ProgramResult,
    ProgramSummary,
    TodayAnswer,
)
from .state import ServiceState

ICS = "text/calendar"
#: Output file types of a table job, by ``format`` (Litestar adds ``charset=utf-8`` to a ``text/*`` type).
TABLE_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
    "json": "application/json",
}
#: Upload suffixes the table reader knows.
TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".parquet", ".pq")
#: A multipart upload: the table in field ``file``.
upload_body = BodyKwarg(
    media_type=RequestEncodingType.MULTI_PART, description="申报企业表：file 字段（.csv、.xlsx 或 .parquet）"
)


def _errors(*statuses: int) -> dict[int, ResponseSpec]:
    return {
        s: ResponseSpec(ProblemDetails, description="问题详情（RFC 9457）", media_type=PROBLEM_JSON) for s in statuses
    }


def _attachment(name: str) -> str:
    from urllib.parse import quote

    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


def _upload_suffix(upload: UploadFile) -> str:
    suffix = Path(upload.filename or "").suffix.lower()
    if suffix in TABLE_SUFFIXES:
        return suffix
    raise SrdiError(
        Problem(message("table.cannot_read", suffix=suffix or message("table.no_suffix")), file=upload.filename)
    )


def api_router(state: ServiceState) -> Router:
    """The ``/api/v1`` router over one process's shared state."""

    async def run(fn: Any) -> Any:
        return await state.answer(fn)

    @get("/plugins", summary="已加载插件", responses=_errors(500))
    async def plugins() -> list[PluginInfo]:
        """Loaded plugins with their regions, hooks and program counts (``srdi plugins --format json``)."""
        return await run(lambda loader: views.plugins_json(loader.load()))  # type: ignore[no-any-return]

    @get("/programs", summary="项目列表", responses=_errors(404))
    async def programs(
        region: Annotated[
            str | None, QueryParameter(description="地区：代码、拼音或名称（210000、liaoning、辽宁）")
        ] = None,
        latest: Annotated[bool, QueryParameter(description="每个系列只列最近一轮")] = False,
    ) -> list[ProgramSummary]:
        """Programs of every or one region (``srdi programs [--region R] [--latest] --format json``)."""

        def answer(loader: Any) -> Any:
            cat = loader.for_region(region) if region else loader.load()
            return views.programs_json(cat, region, latest)

        return await run(answer)  # type: ignore[no-any-return]

    @get("/programs/{program_id:str}", summary="项目详情", responses=_errors(404))
    async def program(program_id: FromPath[str]) -> ProgramDetail:
        """A program's criteria, groups and parameters with their origins (``srdi show ID --format json``)."""

        def answer(loader: Any) -> Any:
            cat = routing.for_program(program_id, loader)
            return views.program_json(cat, cat.program(program_id))

        return await run(answer)  # type: ignore[no-any-return]

    @post(
        "/check",
        summary="评价企业",
        status_code=200,
        responses=_errors(400, 404, 413, 422),
        request_max_body_size=state.settings.max_body_bytes,
    )
    async def check(
        request: Request[Any, Any, Any],
        program: Annotated[
            list[str] | None, QueryParameter(description="项目 ID（可重复）；不给则评价所在地区当日受理的全部项目")
        ] = None,
        on: Annotated[dt.date | None, QueryParameter(description="评价日（默认今天）")] = None,
        all_: Annotated[bool, QueryParameter(name="all", description="包括评价日不受理的项目")] = False,
        set_: Annotated[
            list[str] | None, QueryParameter(name="set", description="参数覆盖 NAME=VALUE（可重复）")
        ] = None,
    ) -> TodayAnswer | ProgramResult | list[ProgramResult]:
        """Verdicts for an enterprise profile (``srdi check PROFILE --format json``).

        The body is a profile (JSON, or TOML sent as ``application/toml``); it may also
        carry ``on``, ``program`` (an id or a list), ``all`` and ``overrides``. Without a
        program, the profile is routed by its credit code (or ``region_code``) and
        answered for the day as the CLI does: the rounds open on it, the standing
        measures in force, and each series' latest round with the firm's verdict in it.
        """
        data, given = bodies.pop_options(await bodies.read_json(request))
        options = bodies.check_options(given)
        chosen = list(program or []) or options["program"]
        day = on or options["on"] or clock.today()
        # the query wins, also when it says all=false
        include_closed = all_ if "all" in request.query_params else bool(options["all"])
        overrides = {**options["overrides"], **bodies.assignments(set_)}

        def answer(loader: Any) -> Any:
            cat = routing.for_profile_data(data, chosen or None, source=bodies.BODY, loader=loader)
            profile = cat.load_profile_data(data, source=bodies.BODY)
            return views.check_answer(cat, profile, day, chosen or None, include_closed, overrides)

        return await run(answer)  # type: ignore[no-any-return]

    @get(
        "/programs/{program_id:str}/deadlines",
        summary="时间节点",
        responses={**_errors(404), 200: ResponseSpec(list[Deadline], description="JSON，或 text/calendar（.ics）")},
    )
    async def deadlines(
        request: Request[Any, Any, Any],
        program_id: FromPath[str],
        # bounded as every year option is (params.year_bounds): Litestar takes no bounds on a list
        year: Annotated[list[int] | None, QueryParameter(description="循环事件的年份（可重复）")] = None,
        anchor: Annotated[
            list[str] | None, QueryParameter(description="EVENT=DATE：通知提到但未写明的日期（可重复）")
        ] = None,
        format_: Annotated[Literal["json", "ics"] | None, QueryParameter(name="format")] = None,
    ) -> Response[Any]:
        """A program's dates (``srdi deadlines --program ID --format json|ics``); .ics by ``Accept: text/calendar``."""
        dated = bodies.anchors(anchor)
        wants_ics = format_ == "ics" or (format_ is None and ICS in request.headers.get("accept", ""))

        def answer(loader: Any) -> Any:
            cat = routing.for_program(program_id, loader)
            items = views.deadline_items(cat, program_id, year, dated)
            title = cat.program(program_id).title
            if wants_ics:
                return views.deadlines_ics(items, title), views.ics_notes(items)
            return views.deadlines_json(items), []

        content, notes = await run(answer)
        if wants_ics:
            # the events with no date yet, which a calendar cannot hold, as the table downloads carry their notes
            return Response(
                content,
                media_type=ICS,
                headers={"Content-Disposition": _attachment(f"{program_id}.ics"), "X-Srdi-Notes": json.dumps(notes)},
            )
        return Response(content)

    @post(
        "/programs/{program_id:str}/fund",
        summary="资金测算",
        status_code=200,
        responses=_errors(400, 404, 413, 422),
        request_max_body_size=state.settings.max_body_bytes,
    )
    async def fund(
        request: Request[Any, Any, Any],
        program_id: FromPath[str],
        on: Annotated[dt.date | None, QueryParameter(description="评价日（默认今天）")] = None,
        # bounded as the CLI's --enterprises is (a count beyond it is a typo), before anything is computed
        enterprises: Annotated[
            int | None, QueryParameter(ge=1, le=views.MAX_ENTERPRISES, description="受支持企业数（拨付计划）")
        ] = None,
        start_year: Annotated[
            int | None, QueryParameter(ge=params.FIRST_YEAR, le=params.LAST_YEAR, description="拨付计划的起始年度")
        ] = None,
    ) -> Fund | FundSchedule:
        """A program's money (``srdi fund --program ID [--profile P] --format json``).

        With a profile as the body: that enterprise's amounts; with an empty body: per
        enterprise; with ``enterprises`` and ``start_year``: the disbursement schedule.
        """
        data = await bodies.read_json(request, required=False)

        def answer(loader: Any) -> Any:
            # with a profile, its lineage too, so its regional fields and titles are understood
            cat = (
                routing.for_profile_data(data, [program_id], source=bodies.BODY, loader=loader)
                if data is not None
                else routing.for_program(program_id, loader)
            )
            if enterprises is not None:
                if start_year is None:
                    raise bodies.refusal("web.fund.start_year", "start_year", params.QUERY)
                return views.fund_schedule_json(cat, program_id, enterprises, start_year)
            profile = cat.load_profile_data(data, source=bodies.BODY) if data is not None else None
            return views.fund_json(cat, program_id, profile, on)

        return await run(answer)  # type: ignore[no-any-return]

    @get("/programs/{program_id:str}/schema", summary="申报表 JSON Schema", responses=_errors(404))
    async def program_schema(program_id: FromPath[str]) -> Any:
        """JSON Schema of the program's forms (``srdi schema --program ID``): one object, or a list."""
        return await run(lambda loader: views.program_schema_json(routing.for_program(program_id, loader), program_id))

    @get("/schema/profile", summary="企业档案 JSON Schema")
    async def profile_schema() -> dict[str, Any]:
        """The profile vocabulary of every loaded plugin as JSON Schema (``srdi schema --profile``)."""
        return await run(lambda loader: views.profile_schema_json(loader.load()))  # type: ignore[no-any-return]

    @get("/forms/{form:str}/schema", summary="表单 JSON Schema", responses=_errors(404))
    async def form_schema(form: FromPath[str]) -> dict[str, Any]:
        """One form's JSON Schema (``srdi schema --form NOTICE:FORM``)."""
        return await run(lambda loader: views.form_schema_json(loader.load(), form))  # type: ignore[no-any-return]

    @post(
        "/forms/{form:str}/check",
        summary="校验填好的表单",
        status_code=200,
        responses=_errors(400, 404, 413),
        request_max_body_size=state.settings.max_body_bytes,
    )
    async def form_check(request: Request[Any, Any, Any], form: FromPath[str]) -> FormCheck:
        """Every problem of a filled form (``srdi form-check NOTICE:FORM FILE --format json``).

        The body holds the form's values at the top level or under ``values``. A form
        with problems is answered with ``valid: false`` and status 200: the request was
        understood, the form was not clean.
        """
        data = await bodies.read_json(request)
        values = data.get("values", data) if isinstance(data, dict) else data
        if not isinstance(values, dict):
            raise SrdiError(Problem(message("input.form_table"), file=bodies.BODY))

        def answer(loader: Any) -> Any:
            cat = loader.load()
            return views.form_check_json(form, views.form_check_problems(cat, form, values, bodies.BODY))

        return await run(answer)  # type: ignore[no-any-return]

    async def table_job(upload: UploadFile, format_: str | None, make: Any, download_name: str) -> Response[bytes]:
        suffix = _upload_suffix(upload)
        out_type = format_ or {".xlsx": "xlsx", ".xlsm": "xlsx", ".parquet": "parquet", ".pq": "parquet"}.get(
            suffix, "csv"
        )
        with tempfile.TemporaryDirectory(prefix="srdi-") as tmp:
            source = Path(tmp) / f"upload{suffix}"
            with source.open("wb") as f:
                while chunk := await upload.read(1 << 20):
                    f.write(chunk)
            await upload.close()
            target = Path(tmp) / f"result.{out_type}"
            job = make(str(source), upload.filename or source.name, str(target))
            outcome = await state.workers.run(job)
            content = target.read_bytes()
        headers = {
            "Content-Disposition": _attachment(f"{download_name}.{out_type}"),
            "X-Srdi-Rows": str(outcome.rows),
            # what the CLI says on stderr when done and about the table it read, for a client that downloads
            # CSV, Parquet or JSON (no 说明 sheet): JSON lists, non-ASCII escaped as a header must be
            "X-Srdi-Summary": json.dumps(list(outcome.summary)),
            "X-Srdi-Notes": json.dumps(list(outcome.notes)),
        }
        return Response(content, media_type=TABLE_TYPES[out_type], headers=headers)

    @post(
        "/batch",
        summary="批量初审",
        status_code=200,
        responses=_errors(400, 404, 413, 422),
        request_max_body_size=state.settings.max_upload_bytes,
        response_description="与 srdi batch 写出的文件相同：每家企业每个项目一行",
    )
    async def batch(
        request: Request[Any, Any, Any],
        data: Annotated[dict[str, Any], upload_body],
        program: Annotated[list[str] | None, QueryParameter(description="项目 ID（可重复）")] = None,
        region: Annotated[str | None, QueryParameter(description="该地区（及上级）评价日受理的全部项目")] = None,
        on: Annotated[dt.date | None, QueryParameter(description="评价日（默认今天）")] = None,
        format_: Annotated[Literal["csv", "xlsx", "parquet", "json"] | None, QueryParameter(name="format")] = None,
        no_gaps: Annotated[bool, QueryParameter(description="不写每行的差距说明（超大表更快）")] = False,
        set_: Annotated[
            list[str] | None, QueryParameter(name="set", description="参数覆盖 NAME=VALUE（可重复）")
        ] = None,
        sheet: Annotated[str | None, QueryParameter(description=".xlsx 的工作表（默认第一个）")] = None,
        header_rows: Annotated[int | None, QueryParameter(ge=1, le=2, description="表头行数（默认自动识别）")] = None,
    ) -> Response[bytes]:
        """Screen an uploaded applicant table (``srdi batch TABLE --out 初审结果.xlsx``): the result file.

        The output has the upload's type unless ``format`` says otherwise; every input
        row appears in it, in order, with its errors. Every option may also come as a
        form field beside the file, as a web page's form sends it; one given both ways
        must have the same value. (The options are read from both by
        :func:`params.table_options`; the arguments declare them for OpenAPI.)
        """
        upload = _file(data)
        opts = params.table_options(request, data)
        overrides = bodies.assignments(opts["set"], source=_source(request, "set"))
        day = opts["on"] or clock.today()

        def make(source: str, name: str, target: str) -> TableJob:
            return TableJob(
                "batch",
                source,
                name,
                target,
                day,
                tuple(opts["program"]),
                opts["region"],
                overrides=overrides,
                gaps=not opts["no_gaps"],
                sheet=opts["sheet"],
                header_rows=opts["header_rows"],
            )

        return await table_job(upload, opts["format"], make, "初审结果")

    @post(
        "/whatif",
        summary="假设分析",
        status_code=200,
        responses=_errors(400, 404, 413, 422),
        request_max_body_size=state.settings.max_upload_bytes,
    )
    async def whatif(
        request: Request[Any, Any, Any],
        data: Annotated[dict[str, Any], upload_body],
        # required, but as a query parameter or a form field: checked by the handler
        program: Annotated[str | None, QueryParameter(description="项目 ID（必填）")] = None,
        against: Annotated[str | None, QueryParameter(description="与之比较的另一个项目")] = None,
        on: Annotated[dt.date | None, QueryParameter(description="评价日（默认今天）")] = None,
        on_against: Annotated[dt.date | None, QueryParameter(description="另一个项目的评价日（默认同 on）")] = None,
        set_: Annotated[
            list[str] | None, QueryParameter(name="set", description="参数覆盖 NAME=VALUE（可重复）")
        ] = None,
        format_: Annotated[Literal["csv", "xlsx", "parquet", "json"] | None, QueryParameter(name="format")] = None,
        sheet: Annotated[str | None, QueryParameter(description=".xlsx 的工作表（默认第一个）")] = None,
        header_rows: Annotated[int | None, QueryParameter(ge=1, le=2, description="表头行数（默认自动识别）")] = None,
    ) -> Response[bytes]:
        """Which enterprises of an uploaded table change verdict (``srdi whatif TABLE --program ID --set …``).

        Every option may also come as a form field beside the file, as for ``/batch``.
        """
        upload = _file(data)
        opts = params.table_options(request, data)
        if not opts["program"]:
            raise SrdiError(params.missing("program"))
        overrides = bodies.assignments(opts["set"], source=_source(request, "set"))
        day = opts["on"] or clock.today()

        def make(source: str, name: str, target: str) -> TableJob:
            return TableJob(
                "whatif",
                source,
                name,
                target,
                day,
                (opts["program"],),
                None,
                opts["against"],
                opts["on_against"],
                overrides=overrides,
                sheet=opts["sheet"],
                header_rows=opts["header_rows"],
            )

        return await table_job(upload, opts["format"], make, "假设分析")

    return Router(
        "/api/v1",
        route_handlers=[
            plugins,
            programs,
            program,
            check,
            deadlines,
            fund,
            program_schema,
            profile_schema,
            form_schema,
            form_check,
            batch,
            whatif,
        ],
        tags=["api"],
        before_request=params.check_query,
    )


def _file(data: dict[str, Any]) -> UploadFile:
    upload = data.get("file") if isinstance(data, dict) else None
    if not isinstance(upload, UploadFile):
        raise SrdiError(Problem(message("input.upload"), file=bodies.BODY, key="file"))
    return upload


def _source(request: Request[Any, Any, Any], name: str) -> str:
    """Where option ``name`` was given: the query, else the form beside the file."""
    return params.QUERY if name in request.query_params else bodies.BODY
