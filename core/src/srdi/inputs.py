"""Reading the TOML and JSON files users give srdi: profiles, filled forms, override files.

Whatever the file holds — nothing, a folder, binary bytes, text in another encoding,
broken syntax, nesting deeper than any parser can follow — the answer is one
:class:`~srdi.errors.SrdiError` naming the file, never a traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .errors import Problem, SrdiError, os_reason, syntax_reason
from .i18n import t as message

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def role(what: str) -> str:
    """The role of a file read here (``what``: its message code, ``input.role.profile``) in the current language."""
    return message(what)


def read_text(path: Path | str, what: str, error: type[SrdiError] = SrdiError) -> str:
    """The UTF-8 text of a user's file (a BOM is dropped); ``what`` names the file's role (see :func:`role`)."""
    path = Path(path)
    where = str(path)
    if not path.exists():
        raise error(Problem(message("input.file_not_found", what=role(what)), file=where))
    if path.is_dir():
        raise error(Problem(message("input.file_is_folder", what=role(what)), file=where))
    try:
        data = path.read_bytes()
    except OSError as exc:
        why = os_reason(exc)
        raise error(Problem(message("input.file_unreadable", what=role(what), why=why), file=where)) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise error(Problem(message("input.wrong_encoding", what=role(what)), file=where))
    if b"\x00" in data:
        raise error(Problem(message("input.binary", what=role(what)), file=where))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(Problem(message("input.undecodable", byte=exc.start + 1, what=role(what)), file=where)) from None


def parse(text: str, where: str, what: str, as_json: bool, error: type[SrdiError] = SrdiError) -> Any:
    """Parse ``text`` as JSON or TOML; a syntax error or too deep a nesting is one problem naming ``where``."""
    try:
        return json.loads(text) if as_json else tomllib.loads(text)
    except json.JSONDecodeError as exc:
        raise error(
            Problem(message("input.json_syntax", why=syntax_reason(exc)), file=where, line=exc.lineno)
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise error(Problem(message("input.toml_syntax", why=syntax_reason(exc)), file=where)) from None
    except RecursionError:
        raise error(Problem(message("input.too_deep", what=role(what)), file=where)) from None


def read_structured(path: Path | str, what: str, error: type[SrdiError] = SrdiError, sniff_json: bool = False) -> Any:
    """A TOML or JSON file's data: JSON by the ``.json`` suffix (or, with ``sniff_json``, a leading ``{``)."""
    path = Path(path)
    text = read_text(path, what, error)
    as_json = path.suffix.lower() == ".json" or (sniff_json and text.lstrip().startswith("{"))
    return parse(text, str(path), what, as_json, error)
