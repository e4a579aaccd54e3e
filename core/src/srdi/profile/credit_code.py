"""统一社会信用代码 (GB 32100-2015): normalisation, check digit and region.

The code is 18 characters: the registering authority (1), the entity type (1), the
administrative division of the registering authority (6), the organisation code (9)
and a check character (1) computed modulo 31 over an alphabet without I, O, Z, S, V.
"""

from __future__ import annotations

import unicodedata

from ..i18n import t as message

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}


def normalise(code: str) -> str:
    """Upper-case, half-width, without spaces or hyphens."""
    return unicodedata.normalize("NFKC", code).upper().replace(" ", "").replace("-", "")


def check_character(first17: str) -> str:
    """The check character for the first 17 characters of a credit code."""
    total = sum(_VALUE[ch] * w for ch, w in zip(first17, WEIGHTS))
    return ALPHABET[(31 - total % 31) % 31]


def problem(code: str) -> str | None:
    """Why ``code`` is not a valid credit code, or None when it is."""
    c = normalise(code)
    if len(c) != 18:
        return message("code.length", n=len(c))
    bad = sorted({ch for ch in c if ch not in _VALUE})
    if bad:
        return message("code.characters", chars=repr("".join(bad)))
    if not c[2:8].isdigit():
        return message("code.region")
    expected = check_character(c[:17])
    if c[17] != expected:
        return message("code.check", expected=repr(expected), got=repr(c[17]))
    return None


def region_code(code: str) -> str:
    """The six-digit administrative division code embedded in a (valid) credit code."""
    return normalise(code)[2:8]
