"""Which text encoding a CSV file is in, and its bytes as UTF-8.

Bureau systems export CSV in GBK or GB18030 as often as in UTF-8 (with or without a
byte order mark). A BOM decides; otherwise a file whose first megabyte is valid
UTF-8 is read as UTF-8, and anything else is handed to charset-normalizer. Among the
encodings the detector finds plausible for the bytes, GB18030 (a superset of GBK and
GB2312) is preferred, because short Chinese samples also decode as Big5 or EUC-JP
and Simplified-Chinese tables are what srdi reads. Where the detector does not list
GB18030 at all, bytes that decode strictly as GB18030 into Chinese text are still read
as GB18030 unless the detector names Big5: its ranking of short samples differs
between releases (charset-normalizer 3.0 reads a GBK header and two rows as Thai). A file with a few broken bytes,
which the detector places nowhere, is read in whichever of UTF-8 and GB18030 breaks
fewer characters, when they are few; the rows holding them are reported. The
encoding used is reported with the table.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

from attrs import frozen

from ..i18n import t as message

#: How much of the file the detector sees.
SAMPLE_BYTES = 1 << 20
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}
# every Big5 byte pair is also a GBK one, so a Big5 file the detector names is not second-guessed
_TRADITIONAL = {"big5", "big5hkscs", "cp950"}
#: The catalogue's name of UTF-8 with a BOM (a constant: a code written with a digit escapes test_i18n's scan).
UTF8_BOM = "encoding.utf8_bom"
# (BOM, codec, the encoding's name): the name is worded in the language of the run reading the file
_BOMS: tuple[tuple[bytes, str, Callable[[], str]], ...] = (
    (codecs.BOM_UTF8, "utf-8", lambda: message(UTF8_BOM)),
    (codecs.BOM_UTF32_LE, "utf-32-le", lambda: "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", lambda: "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", lambda: "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", lambda: "UTF-16"),
)


class EncodingUnknown(ValueError):
    """The bytes are in no encoding the detector recognises."""


@frozen
class Decoded:
    """A file's content as UTF-8 bytes, with the encoding it was read in.

    ``name`` is the encoding as a person knows it (``GBK``, ``UTF-8（带 BOM）``, in English
    ``UTF-8 (with BOM)``);
    ``replaced`` says whether some bytes could not be decoded and were replaced by
    U+FFFD (the rows holding them are reported).
    """

    data: bytes
    name: str
    codec: str
    replaced: bool = False


def detect(sample: bytes, whole: bool) -> tuple[str, str, int]:
    """(codec, name to report, length of the BOM) of a file beginning with ``sample`` (all of it if ``whole``)."""
    for bom, codec, name in _BOMS:
        if sample.startswith(bom):
            # UTF-32-LE's BOM begins with UTF-16-LE's: the longer one is tested first
            return codec, name(), len(bom)
    if _utf8_prefix(sample, final=whole):
        return "utf-8", "UTF-8", 0
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        raise EncodingUnknown(message("encoding.needs_detector")) from None

    matches = [m.encoding for m in from_bytes(sample)]
    if not matches:
        # the detector places no encoding once a few bytes are broken: read the file as the one
        # that breaks least, when that is a handful of characters (their rows are reported)
        broken, codec = min((_broken(sample, c), c) for c in ("utf-8", "gb18030"))
        if broken > max(1, len(sample) // 1000):
            raise EncodingUnknown(message("encoding.unknown"))
        if codec == "utf-8":
            return "utf-8", "UTF-8", 0
        return "gb18030", ("GBK" if _broken(sample, "gbk") == broken else "GB18030"), 0
    gb = any(m.replace("_", "") in _GB_FAMILY for m in matches)
    if gb or (matches[0] not in _TRADITIONAL and _chinese_in_gb18030(sample, final=whole)):
        return "gb18030", ("GBK" if _decodes(sample, "gbk") else "GB18030"), 0
    codec = matches[0]
    return codec, codec.upper(), 0


def to_utf8(data: bytes, codec: str, name: str, bom: int) -> Decoded:
    """``data`` (after a BOM of ``bom`` bytes) decoded from ``codec`` and encoded as UTF-8.

    Bytes that do not decode are replaced by U+FFFD rather than refusing the file.
    """
    try:
        text = data[bom:].decode(codec)
        replaced = False
    except UnicodeDecodeError:
        text = data[bom:].decode(codec, errors="replace")
        replaced = True
    return Decoded(text.encode("utf-8"), name, codec, replaced)


def _utf8_prefix(sample: bytes, final: bool) -> bool:
    """Whether ``sample`` is UTF-8 (a character cut at the end of a partial sample is allowed)."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=final)
    except UnicodeDecodeError:
        return False
    return True


#: Share of a sample's non-ASCII characters that must be Chinese for GB18030 to be taken unasked.
_CHINESE_SHARE = 0.9
_NOT_CHINESE = re.compile(
    "[^\x00-\x7f"
    "\u3000-\u303f"  # CJK punctuation (、。《》【】)
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uff00-\uffef"  # full-width forms (，：（）)
    "\u2010-\u2027"  # dashes, quotes and ellipsis (—“”…)
    "\u00b7]"  # middle dot
)


def _chinese_in_gb18030(sample: bytes, final: bool) -> bool:
    """Whether ``sample`` decodes strictly as GB18030 and nearly all its non-ASCII characters are Chinese."""
    try:
        text = codecs.getincrementaldecoder("gb18030")().decode(sample, final=final)
    except UnicodeDecodeError:
        return False
    wide = len(text) - len(text.encode("ascii", "ignore"))
    return wide > 0 and len(_NOT_CHINESE.findall(text)) <= (1 - _CHINESE_SHARE) * wide


def _broken(sample: bytes, codec: str) -> int:
    """How many characters of ``sample`` do not decode in ``codec``."""
    text = codecs.getincrementaldecoder(codec)(errors="replace").decode(sample, final=False)
    return text.count("\ufffd")


def _decodes(sample: bytes, codec: str) -> bool:
    try:
        codecs.getincrementaldecoder(codec)().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True
