"""What one service process shares between requests: settings, catalogs, table workers, the thread limiter."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import copy_context
from typing import Any, TypeVar

import anyio
import anyio.to_thread

from ..routing import Loader
from .catalogs import Catalogs, NotBuilt
from .jobs import Workers
from .settings import Settings

T = TypeVar("T")

#: Threads evaluating requests at once. Evaluation holds the GIL most of the time, so
#: more threads would only queue inside the interpreter; a few keep a catalog build
#: (the first request of a region) from holding up requests for built catalogs.
THREADS = 4


class ServiceState:
    """The shared state of one service process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.catalogs = Catalogs()
        self.workers = Workers(settings.batch_workers)
        self._limiter: anyio.CapacityLimiter | None = None

    @property
    def limiter(self) -> anyio.CapacityLimiter:
        """The limiter of evaluation threads (made inside the event loop, on first use)."""
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(THREADS)
        return self._limiter

    async def in_thread(self, fn: Callable[..., T], *args: Any) -> T:
        """Run CPU work off the event loop, in the request's context (its language among it)."""
        return await anyio.to_thread.run_sync(copy_context().run, fn, *args, limiter=self.limiter)

    async def answer(self, fn: Callable[[Loader], T]) -> T:
        """``fn(loader)`` on the event loop when every catalog it needs is built (no thread hop), else in a thread.

        ``fn`` must not change anything before it asks for a catalog, so that running
        it again in a thread is safe.
        """
        try:
            return fn(self.catalogs.built_only())
        except NotBuilt:
            return await self.in_thread(fn, self.catalogs)

    def close(self) -> None:
        """Stop the table workers."""
        self.workers.close()
