"""Memory pages for the engine's arrays: ordinary pages for a slice's, huge pages for the result's, freed memory kept while screening.

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

Where C's allocator is glibc's, a thread's freed memory goes back to the kernel as soon
as the top of its heap holds 128 KB free, and its next slice faults the same memory in
again. In a process that screens again and again (the web service, a Dask worker), each
screen of the peers' 1M-row pool on two threads took some 33,000 page faults and 80–90
ms of system time; :func:`kept_freed` keeps freed memory with the process while
screening, and the same screens took 400–2,300 faults and 10–27 ms (0.20–0.24 s a
screen against 0.24–0.28 s, interleaved; the peak memory is the same). A fresh
process's first screen faults its memory in either way. After the last block, freed
memory beyond 64 MB goes back to the kernel again, as glibc's own adjustment would have
it. It does nothing where the user set glibc's own variables
(``MALLOC_TRIM_THRESHOLD_``, ``MALLOC_MMAP_THRESHOLD_``, ``MALLOC_TOP_PAD_``,
``GLIBC_TUNABLES``) or the allocator is not glibc's.
"""

from __future__ import annotations

import ctypes
import functools
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


# --------------------------------------------------------------------------- freed memory
#: mallopt's parameters (malloc.h) and what :func:`kept_freed` sets them to for its duration: arrays up to
#: 32 MB (the most glibc's own adjustment goes to) come from the heap, and up to 256 MB freed stays there
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
KEPT_MMAP_THRESHOLD = 32 * 1024 * 1024
KEPT_TRIM_THRESHOLD = 256 * 1024 * 1024
#: glibc's variables a user sets the allocator with: where one is set, the user decided
_MALLOC_ENV = ("MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TOP_PAD_", "GLIBC_TUNABLES")

_freed_lock = threading.Lock()
_freed_users = 0


@functools.cache
def _glibc() -> Any:
    """The C library where it is glibc's, or None where the allocator is another (musl, macOS, Windows)."""
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION"):
            return None
        libc = ctypes.CDLL(None)
        return libc if hasattr(libc, "mallopt") else None
    except (AttributeError, ValueError, OSError):
        return None


@contextmanager
def kept_freed() -> Iterator[None]:
    """Within the block, memory freed stays with the process for reuse; nested and concurrent blocks share one setting.

    After the last block, freed memory at the top of a heap beyond twice the mmap
    threshold goes back to the kernel at the next free, as glibc's own adjustment has it.
    """
    global _freed_users
    libc = None if any(k in os.environ for k in _MALLOC_ENV) else _glibc()
    if libc is None:
        yield
        return
    with _freed_lock:
        if _freed_users == 0:
            libc.mallopt(M_MMAP_THRESHOLD, KEPT_MMAP_THRESHOLD)
            libc.mallopt(M_TRIM_THRESHOLD, KEPT_TRIM_THRESHOLD)
        _freed_users += 1
    try:
        yield
    finally:
        with _freed_lock:
            _freed_users -= 1
            if _freed_users == 0:
                libc.mallopt(M_TRIM_THRESHOLD, 2 * KEPT_MMAP_THRESHOLD)
