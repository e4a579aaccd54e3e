"""Reading one value of a given field kind, strictly, with messages people can act on."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import Any

from ..engine.evaluation import unit_name
from ..errors import shown
from ..i18n import t as message
from ..vocabulary import FieldSpec

_DATE_CN = re.compile(r"^(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?$")
_TRUE = {"true", "yes", "y", "是", "有", "√", "1", "☑", "■"}
_FALSE = {"false", "no", "n", "否", "无", "0", "□", "×"}


class ValueProblem(ValueError):
    """A value that does not fit its field; the message says why and what to write."""


def _clean_number_text(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace("，", "").replace(" ", "")
    return t


def number(spec: FieldSpec, value: Any) -> float:
    """A numeric value in the field's unit; percentages given as fractions are refused."""
    percent_sign = False
    if isinstance(value, bool):
        raise ValueProblem(not_a_number(spec, shown(value)))
    if isinstance(value, str):
        t = _clean_number_text(value)
        if t.endswith("%"):
            percent_sign = True
            t = t[:-1]
        for unit in ("万元", "万美元", "人", "项", "个", "家", "年"):
            if t.endswith(unit):
                t = t[: -len(unit)]
        if t.endswith("亿元") or t.endswith("元"):
            raise ValueProblem(message("value.amount_unit", got=shown(value), unit=spec.display_unit))
        try:
            x = float(t)
        except ValueError:
            raise ValueProblem(not_a_number(spec, shown(value))) from None
    elif isinstance(value, (int, float)):
        x = float(value)
    else:
        raise ValueProblem(message("value.number_plain", got=shown(value)))
    if math.isnan(x) or math.isinf(x):
        raise ValueProblem(message("value.number_plain", got=shown(value)))
    if percent_sign and spec.kind != "percent":
        name = unit_name(spec.display_unit)
        if name is None:
            raise ValueProblem(message("value.percent_sign_plain", got=shown(value), label=spec.label))
        raise ValueProblem(message("value.percent_sign", got=shown(value), label=spec.label, unit=name))
    if x < 0 and not spec.signed:
        raise ValueProblem(message("value.negative", value=fmt_num(x), label=spec.label))
    if spec.kind == "percent" and not percent_sign and 0 < abs(x) < 1:
        raise ValueProblem(message("value.fraction", got=shown(value), value=fmt_num(x)))
    if spec.kind in ("integer", "count") and x != int(x):
        raise ValueProblem(message("value.whole", label=spec.label, value=fmt_num(x)))
    return x


def not_a_number(spec: FieldSpec, got: str) -> str:
    """The message for ``got`` (a value as shown) where field ``spec`` wants a number: in its unit where it has one.

    The unit is named in the language of messages (人, people), as :func:`srdi.engine.evaluation.unit_name` words it.
    """
    name = unit_name(spec.display_unit)
    if name is not None:
        return message("value.number", unit=name, got=got)
    return message("value.number_plain", got=got)


def fmt_num(x: float) -> str:
    """A number without trailing zeros."""
    return f"{x:.6f}".rstrip("0").rstrip(".")


def boolean(spec: FieldSpec, value: Any) -> bool:
    """A yes/no value (true/false, 是/否, √)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        t = unicodedata.normalize("NFKC", value).strip().lower()
        if t in _TRUE:
            return True
        if t in _FALSE:
            return False
    raise ValueProblem(message("value.flag", got=shown(value)))


def date(spec: FieldSpec, value: Any) -> dt.date:
    """A date: TOML date, ISO text, or 2015年4月1日."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        t = unicodedata.normalize("NFKC", value).strip()
        try:
            return dt.date.fromisoformat(t)
        except ValueError:
            m = _DATE_CN.match(t)
            if m:
                try:
                    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                except ValueError:
                    pass
    raise ValueProblem(message("value.date", got=shown(value)))


def choice(spec: FieldSpec, value: Any) -> str:
    """A choice value, given as its value or its Chinese label."""
    if not isinstance(value, str):
        raise ValueProblem(message("value.choice", choices=_choices(spec), got=shown(value)))
    found = spec.choice_value(unicodedata.normalize("NFKC", value) if value.isascii() else value)
    if found is None:
        raise ValueProblem(message("value.not_a_choice", got=shown(value), choices=_choices(spec)))
    return found


#: What separates the items of a list written in one cell, kept by the split (a label may hold one).
_LIST_SEPARATOR = re.compile(r"([、,，;；|])")


def multichoice(spec: FieldSpec, value: Any) -> tuple[str, ...]:
    """A list of choice values or labels."""
    if isinstance(value, str):
        value = [v for v in _items(spec, value) if v.strip()]
    if not isinstance(value, (list, tuple)):
        raise ValueProblem(message("value.choice_list", choices=_choices(spec), got=shown(value)))
    return tuple(dict.fromkeys(choice(spec, v) for v in value))


def _items(spec: FieldSpec, text: str) -> list[str]:
    """The items of a list written in one cell, split at 、 , ; | unless a choice's label holds them.

    Labels quote the notice, separators and all (符合制造强国、网络强国战略重点产业领域): from
    each piece on, the longest run of pieces that reads as one choice is one item.
    """
    parts = _LIST_SEPARATOR.split(text)
    pieces, seps = parts[0::2], parts[1::2]
    out = []
    i = 0
    while i < len(pieces):
        end, item = i, pieces[i]
        for j in range(len(pieces) - 1, i, -1):
            joined = pieces[i] + "".join(seps[k] + pieces[k + 1] for k in range(i, j))
            if spec.choice_value(joined) is not None:
                end, item = j, joined
                break
        out.append(item)
        i = end + 1
    return out


def _choices(spec: FieldSpec) -> str:
    # each value with its (Chinese) label, in the brackets and separator of the language
    return message("list.sep").join(message("value.choice_item", value=c.value, label=c.label) for c in spec.choices)


def read(spec: FieldSpec, value: Any) -> Any:
    """Read ``value`` as field ``spec`` says, or raise :class:`ValueProblem`."""
    kind = spec.kind
    if kind in ("money", "usd", "number", "integer", "count", "percent"):
        return number(spec, value)
    if kind == "bool":
        return boolean(spec, value)
    if kind == "date":
        return date(spec, value)
    if kind == "choice":
        return choice(spec, value)
    if kind == "multichoice":
        return multichoice(spec, value)
    if not isinstance(value, str):
        raise ValueProblem(message("value.text", got=shown(value)))
    return unicodedata.normalize("NFKC", value).strip() if spec.key == "credit_code" else value.strip()
