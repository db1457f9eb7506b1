"""The language of every text gigsim shows: gettext catalogues, plurals and the locale.

Mark a string for translation with ``_("...")`` where it is shown, with
``ngettext("{n} order", "{n} orders", n)`` when it has a number, and a
module-level constant with ``lazy("...")`` (translated each time it is turned
into text, so that it follows a language chosen later). ``N_("...")`` only marks
a string for extraction; the code translates it later with ``_(value)``.

Catalogues live in ``gigsim/locale/<lang>/LC_MESSAGES/gigsim.po`` and are
compiled to ``gigsim.mo`` when the package is built (``hatch_build.py``). A
catalogue whose ``.po`` is newer than its ``.mo`` (or that has no ``.mo``, as in
a source checkout) is compiled in memory instead, so that an edited translation
shows at once. ``GIGSIM_LOCALEDIR`` names an extra folder of catalogues searched
first: a translator tries a new language there without installing it.

The language is chosen once per process (``choose`` then ``set_language``): the
``--lang`` option, else ``GIGSIM_LANG``, else the locale (``LANGUAGE``,
``LC_ALL``, ``LC_MESSAGES``, ``LANG``, in gettext's order), else English, the
language of the source strings.

Imports no other part of gigsim, so that every layer may use it.
"""

from __future__ import annotations

import gettext as _gettext
import io
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

DOMAIN = "gigsim"
SOURCE_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).parent / "locale"
EXTRA_DIR_ENV = "GIGSIM_LOCALEDIR"
LANG_ENV = "GIGSIM_LANG"
LOCALE_ENVS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""The locale's variables in the order gettext reads them; the first one set decides."""


class LanguageError(ValueError):
    """A language asked for by name (``--lang``, ``GIGSIM_LANG``) that has no catalogue."""

    def __init__(self, source: str, value: str, known: list[str]) -> None:
        self.source = source
        self.value = value
        self.known = known
        super().__init__(f"{source}: unknown language {value!r}")


_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def _(message: str) -> str:
    """``message`` in the current language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for the number ``n`` (``"{n} order"``/``"{n} orders"``)."""
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction only; translate it where it is shown with ``_()``."""
    return message


class LazyString:
    """A message translated each time it becomes text: for constants defined at import time."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message

    def __str__(self) -> str:
        return _(self.message)

    def __repr__(self) -> str:
        return f"lazy({self.message!r})"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __len__(self) -> int:
        return len(str(self))

    def __add__(self, other: object) -> str:
        return str(self) + str(other)

    def __radd__(self, other: object) -> str:
        return str(other) + str(self)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyString):
            return self.message == other.message
        return str(self) == other

    def __hash__(self) -> int:
        return hash(self.message)

    def format(self, *args: Any, **kwargs: Any) -> str:
        return str(self).format(*args, **kwargs)


def lazy(message: str) -> LazyString:
    """A module-level message that follows the language chosen later."""
    return LazyString(message)


def language() -> str:
    """The current language's code: ``en``, ``ja``, ..."""
    return _language


def _dirs() -> list[Path]:
    extra = os.environ.get(EXTRA_DIR_ENV)
    return ([Path(extra)] if extra else []) + [LOCALE_DIR]


def available() -> list[str]:
    """Languages that have a catalogue (English, the source language, always)."""
    found = {SOURCE_LANGUAGE}
    for d in _dirs():
        if d.is_dir():
            for sub in d.iterdir():
                messages = sub / "LC_MESSAGES"
                if (messages / f"{DOMAIN}.mo").is_file() or (messages / f"{DOMAIN}.po").is_file():
                    found.add(sub.name)
    return sorted(found)


def normalise(value: str) -> str:
    """``ja_JP.UTF-8``, ``ja-JP`` or ``JA`` -> ``ja``; ``C`` and ``POSIX`` -> ``en``."""
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return SOURCE_LANGUAGE if code in ("c", "posix") else code


def choose(option: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language to use: ``--lang``, else ``GIGSIM_LANG``, else the locale, else English.

    A language named by ``--lang`` or ``GIGSIM_LANG`` must have a catalogue
    (``LanguageError`` otherwise); a locale without one falls back to English,
    as every program does in a locale it was not translated for.
    """
    env = os.environ if environ is None else environ
    known = available()
    for source, value in (("--lang", option), (LANG_ENV, env.get(LANG_ENV))):
        if value:
            code = normalise(value)
            if code not in known:
                raise LanguageError(source, value, known)
            return code
    for name in LOCALE_ENVS:
        value = env.get(name)
        if value:
            for item in value.split(":"):
                if item and normalise(item) in known:
                    return normalise(item)
            return SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


@contextmanager
def using(code: str) -> Iterator[None]:
    """Texts in ``code`` while the block runs: files that are an interface (the headless
    run's JSON) are written in English whatever the chosen language."""
    global _translations, _language
    before = _translations, _language
    set_language(code)
    try:
        yield
    finally:
        _translations, _language = before


def set_language(code: str) -> None:
    """Show every text from now on in ``code`` (one of ``available()``)."""
    global _translations, _language
    _translations = _catalogue(code, tuple(str(d) for d in _dirs()))
    _language = code


@lru_cache(maxsize=16)
def _catalogue(code: str, dirs: tuple[str, ...]) -> _gettext.NullTranslations:
    if code == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    for d in dirs:
        messages = Path(d) / code / "LC_MESSAGES"
        mo, po = messages / f"{DOMAIN}.mo", messages / f"{DOMAIN}.po"
        if po.is_file() and (not mo.is_file() or po.stat().st_mtime > mo.stat().st_mtime):
            return _gettext.GNUTranslations(io.BytesIO(compile_po(po.read_bytes())))
        if mo.is_file():
            with mo.open("rb") as f:
                return _gettext.GNUTranslations(f)
    raise LanguageError("language", code, available())


def compile_po(po_bytes: bytes) -> bytes:
    """A ``.po`` file's content compiled to ``.mo`` bytes (fuzzy entries left out, as msgfmt)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(po_bytes))
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def babel_locale(code: str | None = None) -> Any:
    """The current language (or ``code``) as a Babel ``Locale`` (dates and numbers from CLDR)."""
    return _babel_locale("ja" if (code or _language) == "ja" else "en")


@lru_cache(maxsize=4)
def _babel_locale(code: str) -> Any:
    from babel import Locale

    return Locale.parse(code)
