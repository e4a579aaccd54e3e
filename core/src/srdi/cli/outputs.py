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
            raise SrdiError(
                Problem(f"{option} 与输入文件 {given} 是同一个文件，写入会覆盖输入；请另选输出文件", file=where)
            )
    target = Path(os.path.realpath(path))
    if target.is_dir():
        raise SrdiError(Problem(f"{option} 是一个文件夹；请给出要写入的文件名", file=where))
    folder = target.parent
    if not folder.is_dir():
        raise SrdiError(Problem(f"{option} 所在的文件夹 {folder} 不存在", file=where))
    if target.exists() and not os.access(target, os.W_OK):
        raise SrdiError(Problem(f"{option} 文件不可写（只读）", file=where))
    if not target.exists() and not os.access(folder, os.W_OK | os.X_OK):
        raise SrdiError(Problem(f"{option} 所在的文件夹 {folder} 不可写", file=where))
