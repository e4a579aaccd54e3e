"""Where a command may write: never over one of its inputs, and only where a file can be written.

Checked before any work is done, so a wrong ``--out`` costs nothing: the same file
by another spelling (``./in.csv``, ``../dir/in.csv``), through a symbolic link or a
hard link is refused, and a missing or read-only folder is one line, not a traceback
after a long run.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..errors import Problem, SrdiError
from ..i18n import t as message


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: the same resolved path, or (both existing) the same inode."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_output(out: str | Path, inputs: Iterable[str | Path | None], option: str = "--out") -> None:
    """Refuse ``out`` when it is one of ``inputs`` or cannot be written; raise :class:`SrdiError` naming it."""
    path = Path(out)
    where = str(out)
    for given in inputs:
        if given is not None and same_file(path, Path(given)):
            raise SrdiError(Problem(message("cli.out.same_as_input", option=option, given=given), file=where))
    target = Path(os.path.realpath(path))
    if target.is_dir():
        raise SrdiError(Problem(message("cli.out.is_folder", option=option), file=where))
    folder = target.parent
    if not folder.is_dir():
        raise SrdiError(Problem(message("cli.out.no_folder", option=option, folder=folder), file=where))
    if target.exists() and not os.access(target, os.W_OK):
        raise SrdiError(Problem(message("cli.out.read_only", option=option), file=where))
    if not target.exists() and not os.access(folder, os.W_OK | os.X_OK):
        raise SrdiError(Problem(message("cli.out.folder_read_only", option=option, folder=folder), file=where))
