"""The ASGI application: the API under ``/api/v1``, the page at ``/``, OpenAPI, docs, health."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from litestar import Litestar, Request, get
from litestar.static_files import create_static_files_router

from . import language, logs, openapi
from .api import api_router
from .page import page_router
from .problems import HANDLERS
from .settings import Settings
from .shapes import Health
from .state import ServiceState

STATIC = Path(__file__).parent / "static"


def _version() -> str:
    try:
        return version("srdi")
    except PackageNotFoundError:  # pragma: no cover
        return "0"


def create_app(settings: Settings | None = None) -> Litestar:
    """A new application with its own catalogs and workers (settings default to the environment)."""
    settings = settings or Settings.from_env()
    state = ServiceState(settings)
    release = _version()

    @get("/healthz", summary="健康检查", tags=["service"])
    async def healthz() -> Health:
        """The service answers; lists the plugin sets whose catalogs are built."""
        return {
            "status": "ok",
            "version": release,
            "catalogs": [None if k is None else list(k) for k in state.catalogs.built()],
        }

    @get("/openapi.json", summary="OpenAPI 文档", tags=["service"], media_type="application/json")
    async def openapi_json(request: Request[Any, Any, Any]) -> dict[str, Any]:
        """The OpenAPI 3.1 document of every route."""
        return await state.in_thread(openapi.complete, request.app, state.catalogs)

    directories: list[Any] = [STATIC]
    swagger = openapi.swagger_assets()
    if swagger is not None:
        directories.append(swagger)

    async def complete_openapi(app: Litestar) -> None:
        await state.in_thread(openapi.complete, app, state.catalogs)

    logs.configure()
    app = Litestar(
        route_handlers=[
            api_router(state),
            page_router(state),
            healthz,
            openapi_json,
            create_static_files_router("/static", directories=directories, include_in_schema=False),
        ],
        exception_handlers=HANDLERS,
        openapi_config=openapi.config(release),
        request_max_body_size=settings.max_body_bytes,
        on_startup=[complete_openapi],
        on_shutdown=[lambda: state.close()],
        middleware=[logs.timed, language.per_request],
        # not middleware: they must also see the answers of addresses no route matches
        before_send=[language.say_which, logs.access],
        after_exception=[logs.began],
        logging_config=None,
    )
    app.state["srdi"] = state
    return app
