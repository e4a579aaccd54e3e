"""The messages people read, from one gettext catalogue: Chinese by default, English on request.

Every sentence srdi prints for a person (errors, warnings, notes, statuses, summaries,
progress) is looked up here by a stable code such as ``fund.status.payable``; programs
read the codes (JSON carries them beside the text), people read the text. The
catalogue is the gettext domain ``srdi``: its sources are
``locale/<lang>/LC_MESSAGES/srdi.po`` in this package and the compiled ``srdi.mo``
files beside them are what is read at run time (compile after editing a .po with
``pybabel compile -D srdi -d core/src/srdi/locale``; a test fails when a .mo is stale).

A message that counts something ("1 year", "2 years") is a gettext plural entry
(``msgid_plural``, ``msgstr[0]``…), worded with :func:`tn`; each ``.po`` names its
language's ``Plural-Forms`` (Chinese has one form, English two).

A plugin whose own code words messages (a fund component's working, a condition's
threshold) ships its own domain beside its package, ``locale/<lang>/LC_MESSAGES/<domain>.po``
and ``.mo``, and words them with a :class:`Messages` of that domain: the language chosen
for srdi's messages is the plugin's too, with no code of the core edited.

The language is ``zh`` unless ``SRDI_LANG`` or the CLI's ``--lang`` says ``en``. It is
held in a context variable, so one thread or task can speak English while another
speaks Chinese.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

#: The gettext domain of srdi's messages.
DOMAIN = "srdi"
#: Where the compiled catalogues live: ``<LOCALE_DIR>/<lang>/LC_MESSAGES/srdi.mo``.
LOCALE_DIR = Path(__file__).parent / "locale"
#: The languages the catalogue has, the first being the default.
LANGUAGES = ("zh", "en")
#: The environment variable choosing the language when no ``--lang`` is given.
ENV = "SRDI_LANG"

_chosen: ContextVar[str | None] = ContextVar("srdi_lang", default=None)


def normalize(name: str) -> str | None:
    """The catalogue language a name means (``zh_CN.UTF-8``, ``zh-Hans``, ``en_US`` …), or None."""
    head = name.strip().replace("-", "_").split(".")[0].split("_")[0].lower()
    return head if head in LANGUAGES else None


def language() -> str:
    """The language messages are given in now: the one chosen with :func:`use`, else ``SRDI_LANG``, else ``zh``.

    An ``SRDI_LANG`` naming no language of the catalogue is ignored: it chooses
    nothing, and Chinese stays.
    """
    chosen = _chosen.get()
    if chosen is not None:
        return chosen
    return _from_env(os.environ.get(ENV, ""))


@cache
def _from_env(raw: str) -> str:
    # every message asks for the language: the variable's value is read each time, its meaning once
    return normalize(raw) or LANGUAGES[0]


def use(lang: str | None) -> None:
    """Give messages in ``lang`` from now on in this context (None: back to ``SRDI_LANG`` or Chinese)."""
    if lang is None:
        _chosen.set(None)
        return
    code = normalize(lang)
    if code is None:
        raise ValueError(f"unknown language {lang!r}; one of {', '.join(LANGUAGES)}")
    _chosen.set(code)


@contextmanager
def speaking(lang: str | None) -> Iterator[None]:
    """Give messages in ``lang`` inside the ``with`` block only."""
    token = _chosen.set(_chosen.get() if lang is None else (normalize(lang) or LANGUAGES[0]))
    try:
        yield
    finally:
        _chosen.reset(token)


@cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``lang``, read once."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])


def t(code: str, /, **values: Any) -> str:
    """The message ``code`` in the current language, its ``{name}`` fields filled from ``values``.

    A code missing from the catalogue comes back as itself (a test keeps every code
    the source uses in both catalogues).
    """
    text = catalogue(language()).gettext(code)
    return text.format(**values) if values else text


def tn(code: str, n: float, /, **values: Any) -> str:
    """The message ``code`` in the form the current language uses for ``n`` ("1 year", "2 years"; 年 for any n).

    The catalogue holds it as a gettext plural entry (``msgid_plural``, ``msgstr[k]``),
    its forms chosen by the language's ``Plural-Forms``; ``values`` fill its fields.
    ``Plural-Forms`` choose among whole numbers: a figure with a fraction (1.5 years)
    takes the form of 2, as English counts it.
    """
    count = int(n) if float(n).is_integer() else 2
    text = catalogue(language()).ngettext(code, code, count)
    return text.format(**values) if values else text


class Worded:
    """A text fixed when a program compiles, worded on first use in each language and then kept.

    A compiled program is shared by runs speaking either language, so its fixed texts (a
    threshold) cannot be worded once at compile time; wording them on every call would cost
    a catalogue lookup and a format each time one enterprise is checked.
    """

    __slots__ = ("_make", "_texts")

    def __init__(self, make: Callable[[], str]) -> None:
        self._make = make
        self._texts: dict[str, str] = {}

    def __call__(self) -> str:
        """The text in the language messages are given in now."""
        lang = language()
        text = self._texts.get(lang)
        if text is None:
            text = self._texts[lang] = self._make()
        return text


def around(code: str, /, **values: Any) -> tuple[str, str]:
    """The message ``code`` cut at its ``{amount}`` field: the text before and after the number.

    A gap is worded around a number formatted later, once per row ("营业收入距2000万元还差"
    "100" "万元"); where the number stands is the language's choice.
    """
    mark = "\x00"
    text = t(code, amount=mark, **values)
    before, _, after = text.partition(mark)
    return before, after


def both(code: str, /, **values: Any) -> dict[str, str]:
    """A message for JSON: its stable ``code`` and its ``text`` in the current language."""
    return {"code": code, "text": t(code, **values)}


@cache
def _plugin_catalogue(domain: str, directory: str, lang: str) -> gettext.NullTranslations:
    # the chosen language, else the domain's Chinese, else the codes themselves
    return gettext.translation(domain, directory, languages=[lang, LANGUAGES[0]], fallback=True)


def _unfilled(why: str, file: str) -> Exception:
    return ValueError(f"{file}: {why}")


#: The error a plugin message its hook cannot fill raises, from (why, .po file). :mod:`srdi.errors`,
#: which imports this module, makes it its ``PluginError``: this module imports nothing of srdi's.
unfilled: Callable[[str, str], Exception] = _unfilled


class Messages:
    """A plugin's own message catalogue, spoken in the language srdi's messages are in.

    ``Messages("srdi_beijing", Path(__file__).parent / "locale")`` reads
    ``locale/<lang>/LC_MESSAGES/srdi_beijing.mo``; calling it words a code as :func:`t`
    does. A language the plugin has no catalogue for falls back to its Chinese one.
    """

    def __init__(self, domain: str, directory: Path) -> None:
        self.domain = domain
        self.directory = Path(directory)

    def __call__(self, code: str, /, **values: Any) -> str:
        """The message ``code`` in the current language, its ``{name}`` fields filled from ``values``.

        A text naming a field the hook does not fill (a ``.po`` edited apart from the
        code) is a :class:`~srdi.errors.PluginError` naming the code, the field and the
        ``.po``, not a traceback.
        """
        lang = language()
        text = _plugin_catalogue(self.domain, str(self.directory), lang).gettext(code)
        if not values:
            return text
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError) as exc:
            po = self.directory / lang / "LC_MESSAGES" / f"{self.domain}.po"
            field = exc.args[0] if isinstance(exc, KeyError) else exc
            why = t("plugin.message_unfilled", code=code, field=field, given=t("list.sep").join(sorted(values)) or "—")
            raise unfilled(why, str(po)) from None

    def languages(self) -> dict[str, Path]:
        """Each language this catalogue is compiled for, and its ``.mo`` file."""
        found = {lang: self.directory / lang / "LC_MESSAGES" / f"{self.domain}.mo" for lang in LANGUAGES}
        return {lang: path for lang, path in found.items() if path.is_file()}
