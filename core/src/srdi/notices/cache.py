"""Notices read and checked before, kept between runs so that a command does not parse them again.

Reading a notice means parsing its TOML and checking every citation against the
shipped text; for a plugin's notices that is most of what a one-enterprise
``srdi check`` costs. A notice that loaded without a problem is kept as the records
it was read into (srdi's notice model, pickled) in a user cache folder, under a key
made of the file's bytes, srdi's version and the fingerprint of srdi's notice-reading
code, and the plugin's name and version; the entry also holds a digest of the
notice's text. Any change to either file, or to srdi or the plugin, misses the
cache, and the file is read and checked as if there were none. A notice with problems
is never kept, so its problems are reported from the file every time. Each notice
file has one slot (its path and plugin): writing an entry removes the slot's older
ones, so editing a notice, upgrading a plugin or changing srdi's code leaves one
entry per file, not one per edit.

The folder is ``$SRDI_CACHE_DIR``, else ``$XDG_CACHE_HOME/srdi``, else
``~/.cache/srdi``. ``SRDI_NO_CACHE=1`` turns the cache off. The cache never fails a
command: an entry that cannot be read (missing, corrupt, from another version) is
ignored, and one that cannot be written (a read-only folder) is not written.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

ENV_DIR = "SRDI_CACHE_DIR"
ENV_OFF = "SRDI_NO_CACHE"
#: Bumped when the shape of an entry changes.
FORMAT = 3
_DATETIME_TYPES = frozenset({"date", "datetime", "time", "timedelta", "timezone"})


def folder() -> Path | None:
    """Where parsed notices are kept, or None when ``SRDI_NO_CACHE`` turns the cache off."""
    if os.environ.get(ENV_OFF, "").strip() not in ("", "0"):
        return None
    chosen = os.environ.get(ENV_DIR)
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "srdi"


def digest(data: bytes) -> str:
    """A short content digest (BLAKE2b, 128 bits) as hex."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@functools.lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """The version of srdi and the size and time of each file of its notice-reading code.

    An editable install keeps its version while its code changes; a change to the
    code that reads or checks notices must not reuse what older code accepted.
    """
    from importlib import metadata

    from .. import _convert

    try:
        version = metadata.version("srdi")
    except metadata.PackageNotFoundError:
        version = "0+local"
    here = Path(__file__).parent
    parts = [version, str(FORMAT)]
    for path in sorted([*here.glob("*.py"), Path(_convert.__file__)]):
        st = path.stat()
        parts.append(f"{path.name}:{st.st_size}:{st.st_mtime_ns}")
    return "\n".join(parts)


def key(source: bytes, plugin: str, plugin_version: str) -> str:
    """The cache key of a notice file's bytes as read for a plugin at a version."""
    head = f"{_code_fingerprint()}\n{plugin}\n{plugin_version}\n".encode()
    return digest(head + source)


def slot(path: Path, plugin: str) -> str:
    """The slot of a notice file as read for a plugin: its entries replace each other."""
    try:
        where = str(path.resolve())
    except OSError:
        where = str(path)
    return digest(f"{plugin}\n{where}".encode())[:16]


def _name(entry_key: str, entry_slot: str) -> str:
    return f"{entry_slot}.{entry_key}.pickle"


class _Records(pickle.Unpickler):
    """Unpickles a notice's records only: srdi's notice model, containers, strings, numbers, dates and times.

    No other class or function is looked up, so an entry naming code does not run it.
    """

    def find_class(self, module: str, name: str) -> Any:
        if module == "datetime" and name in _DATETIME_TYPES:
            return super().find_class(module, name)
        if module == _MODEL:
            import attrs

            found = super().find_class(module, name)
            if isinstance(found, type) and attrs.has(found):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not a notice record")


#: The module of the records kept: its source is part of the code fingerprint (it lives in this package).
_MODEL = __package__ + ".model"


def get(entry_key: str, entry_slot: str) -> tuple[Any, str] | None:
    """The notice records and text digest kept under a key, or None (no cache, no entry, unreadable)."""
    where = folder()
    if where is None:
        return None
    try:
        raw = (where / "notices" / _name(entry_key, entry_slot)).read_bytes()
        entry = _Records(io.BytesIO(raw)).load()
    except Exception:  # missing, unreadable or corrupt: read the notice itself
        return None
    if not (isinstance(entry, tuple) and len(entry) == 3 and entry[0] == entry_key):
        return None
    _, data, text_digest = entry
    if not isinstance(text_digest, str):
        return None
    return data, text_digest


def put(entry_key: str, entry_slot: str, data: Any, text_digest: str) -> None:
    """Keep a notice's records and its text's digest in its slot; do nothing when that cannot be done."""
    where = folder()
    if where is None:
        return
    try:
        target = where / "notices"
        target.mkdir(parents=True, exist_ok=True)
        blob = pickle.dumps((entry_key, data, text_digest), protocol=pickle.HIGHEST_PROTOCOL)
        # written whole, then renamed: a reader never sees half an entry
        fd, tmp = tempfile.mkstemp(dir=target, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(blob)
            os.replace(tmp, target / _name(entry_key, entry_slot))
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception:  # a read-only or full disk, or data pickle refuses: the next run reads the file again
        return
    _prune(target, entry_slot, _name(entry_key, entry_slot))


def _prune(target: Path, entry_slot: str, kept: str) -> None:
    """Remove the slot's other entries, and entries named as before slots (a key alone)."""
    for old in target.glob("*.pickle"):
        if old.name != kept and (old.name.startswith(entry_slot + ".") or old.name.count(".") == 1):
            try:
                old.unlink()
            except OSError:  # another process removed or replaced it first
                pass
