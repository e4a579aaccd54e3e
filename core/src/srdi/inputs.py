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

from .errors import Problem, SrdiError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def read_text(path: Path | str, what: str, error: type[SrdiError] = SrdiError) -> str:
    """The UTF-8 text of a user's file (a BOM is dropped); ``what`` names the file's role in messages."""
    path = Path(path)
    where = str(path)
    if not path.exists():
        raise error(Problem(f"找不到{what}文件", file=where))
    if path.is_dir():
        raise error(Problem(f"这是一个文件夹，不是{what}文件", file=where))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise error(Problem(f"无法读取{what}文件：{exc.strerror or exc}", file=where)) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise error(Problem(f"是 UTF-16 编码的文本，请以 UTF-8 保存{what}", file=where))
    if b"\x00" in data:
        raise error(Problem(f"不是文本文件（含二进制内容）；{what}应为 UTF-8 文本", file=where))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(
            Problem(f"不是 UTF-8 文本（第 {exc.start + 1} 个字节无法解码），请以 UTF-8 保存{what}", file=where)
        ) from None


def parse(text: str, where: str, what: str, as_json: bool, error: type[SrdiError] = SrdiError) -> Any:
    """Parse ``text`` as JSON or TOML; a syntax error or too deep a nesting is one problem naming ``where``."""
    try:
        return json.loads(text) if as_json else tomllib.loads(text)
    except json.JSONDecodeError as exc:
        raise error(Problem(f"JSON 格式有误：{exc.msg}", file=where, line=exc.lineno)) from None
    except tomllib.TOMLDecodeError as exc:
        raise error(Problem(f"TOML 格式有误：{exc}", file=where)) from None
    except RecursionError:
        raise error(Problem(f"{what}嵌套层级过深，无法读取", file=where)) from None


def read_structured(path: Path | str, what: str, error: type[SrdiError] = SrdiError, sniff_json: bool = False) -> Any:
    """A TOML or JSON file's data: JSON by the ``.json`` suffix (or, with ``sniff_json``, a leading ``{``)."""
    path = Path(path)
    text = read_text(path, what, error)
    as_json = path.suffix.lower() == ".json" or (sniff_json and text.lstrip().startswith("{"))
    return parse(text, str(path), what, as_json, error)
