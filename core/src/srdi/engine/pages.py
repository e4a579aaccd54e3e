"""Memory pages for the engine's arrays: ordinary pages for a slice's, huge pages for the result's.

On Linux NumPy asks the kernel for transparent huge pages (2 MB) for every array of
4 MB and more. Where the kernel's policy is ``madvise`` (the default of many
distributions), the first touch of such a page can stall while the kernel clears
2 MB or compacts memory to find it. Screening makes short-lived arrays slice after
slice; the huge pages they ask for cost more to fault in than they save: in a
fresh process, screening the peers' 1M-row pool spent 0.2–0.3 s more with them
(one thread; the same time either way once the memory was mapped).
:func:`ordinary_pages` switches NumPy's request off for the duration and back on
after, unless the user decided it (``NUMPY_MADVISE_HUGEPAGE`` set).

The opposite holds for the one large array that outlives the slices, every node's
outcome codes for the whole table (55 MB at 1M rows for the Liaoning little giant
program): :func:`lasting` asks for huge pages for it, which are faulted in 512 times
less often. Interleaved in fresh processes on the peers' pool, ``screen`` took
0.85–1.06 s with it at 3M rows against 1.27–1.52 s without; at 1M rows the two were
within noise (medians of 12 runs 0.39 against 0.43 s in one series, 0.40 against 0.41 s
in another).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np


def _toggle() -> Callable[[bool], bool] | None:
    """NumPy's switch (takes the new setting, returns the old one), where this NumPy has it."""
    try:
        from numpy._core import multiarray
    except ImportError:  # NumPy 1.x
        from numpy.core import multiarray  # type: ignore[no-redef]
    return getattr(multiarray, "_set_madvise_hugepage", None)


_lock = threading.Lock()
_users = 0
_before = True


@contextmanager
def ordinary_pages() -> Iterator[None]:
    """Within the block, NumPy does not ask for huge pages; nested and concurrent blocks restore once, at the last exit."""
    global _users, _before
    toggle = _toggle() if "NUMPY_MADVISE_HUGEPAGE" not in os.environ else None
    if toggle is None:
        yield
        return
    with _lock:
        if _users == 0:
            _before = toggle(False)
        _users += 1
    try:
        yield
    finally:
        with _lock:
            _users -= 1
            if _users == 0:
                toggle(_before)


def lasting(shape: tuple[int, ...], dtype: Any) -> np.ndarray:
    """An empty array meant to live as long as a result, on huge pages where NumPy can ask for them.

    Made inside :func:`ordinary_pages` too; a user's own ``NUMPY_MADVISE_HUGEPAGE`` is left to decide.
    """
    toggle = _toggle() if "NUMPY_MADVISE_HUGEPAGE" not in os.environ else None
    if toggle is None:
        return np.empty(shape, dtype=dtype)
    with _lock:
        before = toggle(True)
        try:
            return np.empty(shape, dtype=dtype)
        finally:
            toggle(before)
