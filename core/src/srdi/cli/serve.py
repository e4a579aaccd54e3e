"""``srdi serve``: run the HTTP API and web page under uvicorn."""

from __future__ import annotations

import argparse
import os
from typing import Any

from ..errors import SrdiError
from ..i18n import t


def cmd_serve(args: argparse.Namespace) -> int:
    """The `srdi serve` command: the ASGI app ``srdi.web:app`` under uvicorn, with N worker processes."""
    try:
        import uvicorn
    except ImportError:
        raise SrdiError(t("extra.missing", what=t("extra.serve"), module="uvicorn", install="'srdi[web]'")) from None
    if args.plugins is not None:
        # every worker process reads the selection from the environment, as the CLI does
        os.environ["SRDI_LOAD_PLUGINS"] = args.plugins
    for name, value in (
        ("SRDI_MAX_BODY_BYTES", args.max_body_bytes),
        ("SRDI_MAX_UPLOAD_BYTES", args.max_upload_bytes),
        ("SRDI_BATCH_WORKERS", args.batch_workers),
    ):
        if value is not None:
            os.environ[name] = str(value)
    from ..web.settings import Settings

    Settings.from_env()  # refuse bad limits before any worker starts
    uvicorn.run(
        "srdi.web:app",
        host=args.host,
        port=args.port,
        workers=args.workers,
        access_log=False,  # srdi logs each request itself, as JSON
        log_level=args.log_level,
        timeout_graceful_shutdown=10,
    )
    return 0


def register(sub: Any, add: Any) -> None:
    """Add ``srdi serve`` to the ``srdi`` parser."""
    from .common import own_parser

    p = own_parser(
        sub, "serve", cmd_serve, ["srdi serve --port 8000", "srdi serve --workers 2 --plugins liaoning,beijing"]
    )
    p.add_argument("--host", default="127.0.0.1", help=t("opt.host"))
    p.add_argument("--port", type=int, default=8000, help=t("opt.port"))
    p.add_argument("--workers", type=int, default=1, help=t("opt.workers"))
    p.add_argument("--plugins", help=t("opt.plugins"))
    p.add_argument("--max-body-bytes", type=int, help=t("opt.max_body"))
    p.add_argument("--max-upload-bytes", type=int, help=t("opt.max_upload"))
    p.add_argument("--batch-workers", type=int, help=t("opt.batch_workers"))
    p.add_argument(
        "--log-level", default="info", choices=["debug", "info", "warning", "error"], help=t("opt.log_level")
    )
