"""``srdi serve``: the HTTP API and web page, as an ASGI application (``srdi.web:app``).

Needs the ``web`` extra (``pip install 'srdi[web]'``). ``create_app`` makes an
application with settings of your own; ``app`` is one made from the environment
(``SRDI_LOAD_PLUGINS``, ``SRDI_MAX_BODY_BYTES``, ``SRDI_MAX_UPLOAD_BYTES``,
``SRDI_BATCH_WORKERS``), built on first access, for any ASGI server.
"""

from __future__ import annotations

from typing import Any

from .service import create_app
from .settings import Settings

__all__ = ["Settings", "app", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "app":
        made = create_app()
        globals()["app"] = made
        return made
    raise AttributeError(name)
