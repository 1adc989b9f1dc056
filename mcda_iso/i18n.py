"""Languages: the words of the workbooks, the report and the command line, by gettext.

The texts are standard message catalogues, one per language:
``mcda_iso/locale/<language>/LC_MESSAGES/mcda_iso.po`` (English, German, French,
Spanish, Italian and Simplified Chinese), extracted from the source into
``mcda_iso/locale/mcda_iso.pot`` by Babel. The wheel ships them compiled (``.mo``,
made by the build hook ``hatch_build.py``) and Python's :mod:`gettext` reads them; in
a source checkout without ``.mo`` files, Babel (a development dependency) compiles
the ``.po`` file in memory on first use.

The language in force is a context variable: :func:`using` sets it for the writers
(``write_template(..., language="de")``) and the command line (``--language``);
without one, it comes from the environment (``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES``, ``LANG``), English otherwise.

Examples
--------
>>> with using("de"):
...     pgettext("sheet", "Criteria"), gettext("Colours"), decimal("0.825")
('Kriterien', 'Farben', '0,825')
>>> with using("zh_Hans"):
...     pgettext("sheet", "Weights")
'权重'
>>> resolve("fr_FR.UTF-8"), resolve("zh-CN"), resolve(None, environ={"LANG": "C"})
('fr', 'zh_Hans', 'en')
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gettext as _gettext
import io
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from mcda_iso.errors import MCDAError

#: The languages with a catalogue: English, German, French, Spanish, Italian, Chinese (Simplified).
LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es", "it", "zh_Hans")

#: Each language's name in that language (for ``--language`` help and documentation).
NAMES: dict[str, str] = {
    "en": "English",
    "de": "Deutsch",
    "fr": "Français",
    "es": "Español",
    "it": "Italiano",
    "zh_Hans": "简体中文",
}

#: Languages that write a decimal comma (0,825) in numbers written as text.
DECIMAL_COMMA = frozenset({"de", "fr", "es", "it"})

DOMAIN = "mcda_iso"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
_ALIASES = {"zh": "zh_Hans", "zh_cn": "zh_Hans", "zh_sg": "zh_Hans", "zh_hans": "zh_Hans"}

_current: contextvars.ContextVar[str | None] = contextvars.ContextVar("language", default=None)


def _code(text: str) -> str | None:
    """The catalogue for one locale name (``de_DE.UTF-8``, ``zh-Hans``), or None."""
    key = text.strip().split(".")[0].split("@")[0].replace("-", "_").lower()
    if not key or key in ("c", "posix"):
        return None
    if key in _ALIASES:
        return _ALIASES[key]
    if key.startswith("zh_hans"):
        return "zh_Hans"
    if key.startswith("zh"):  # zh_TW, zh_Hant: no traditional catalogue
        return None
    base = key.split("_")[0]
    return base if base in LANGUAGES else None


def resolve(language: str | None, *, environ: Mapping[str, str] | None = None) -> str:
    """The catalogue to use: ``language`` if given, else the environment's, else English.

    Parameters
    ----------
    language : str or None
        ``"de"``, ``"de_DE"``, ``"fr-FR.UTF-8"``, ``"zh_Hans"``, ``"zh-CN"``... or None.
    environ : mapping, optional
        The environment to read when ``language`` is None (default ``os.environ``):
        the first of ``LANGUAGE`` (a colon-separated list), ``LC_ALL``,
        ``LC_MESSAGES`` and ``LANG`` that is set decides, as in GNU gettext.

    Raises
    ------
    MCDAError
        If ``language`` is given and has no catalogue (the message lists those there are).

    Examples
    --------
    >>> resolve("it_IT"), resolve(None, environ={"LANGUAGE": "xx:es", "LANG": "de_DE"})
    ('it', 'es')
    """
    if language is not None:
        code = _code(str(language))
        if code is None:
            raise MCDAError(
                f"no catalogue for language {language!r}; available: {', '.join(LANGUAGES)}"
            )
        return code
    env = os.environ if environ is None else environ
    for name in _ENVIRONMENT:
        value = env.get(name, "")
        if not value:
            continue
        for part in value.split(":"):
            code = _code(part)
            if code is not None:
                return code
        return "en"  # the variable that decides names no catalogue of ours
    return "en"


def current() -> str:
    """The language in force: the one set by :func:`using`, else the environment's."""
    return _current.get() or resolve(None)


@contextlib.contextmanager
def using(language: str | None) -> Iterator[str]:
    """Make ``language`` (resolved by :func:`resolve`) the language in force within the block.

    ``None`` keeps the language in force (the enclosing block's, or the environment's).
    """
    code = resolve(language) if language is not None else current()
    token = _current.set(code)
    try:
        yield code
    finally:
        _current.reset(token)


_F = TypeVar("_F", bound=Callable[..., Any])


def with_language(func: _F) -> _F:
    """Run ``func`` in the language of its keyword argument ``language`` (see :func:`using`)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with using(kwargs.get("language")):
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


@functools.cache
def translations(language: str) -> _gettext.NullTranslations:
    """The catalogue of one language (English, the source language: the messages as written)."""
    if language == "en":
        return _gettext.NullTranslations()
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    compiled = folder / f"{DOMAIN}.mo"
    if compiled.is_file():
        with compiled.open("rb") as fp:
            return _gettext.GNUTranslations(fp)
    source = folder / f"{DOMAIN}.po"
    if not source.is_file():
        return _gettext.NullTranslations()
    return _gettext.GNUTranslations(io.BytesIO(compile_po(source)))


def compile_po(path: Path) -> bytes:
    """A ``.po`` file compiled to ``.mo`` bytes by Babel (source checkouts, the build hook)."""
    from babel.messages.mofile import write_mo  # only without shipped .mo files
    from babel.messages.pofile import read_po

    with path.open("rb") as fp:
        catalog = read_po(fp)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def gettext(message: str) -> str:
    """``message`` in the language in force."""
    return translations(current()).gettext(message)


def pgettext(context: str, message: str) -> str:
    """``message`` in the language in force, in ``context`` (``"sheet"``, ``"column"``...)."""
    return translations(current()).pgettext(context, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural of a message, by ``n``, in the language in force."""
    return translations(current()).ngettext(singular, plural, n)


def in_every_language(context: str, message: str) -> dict[str, str]:
    """``message`` (in ``context``) in each language: language -> text.

    Examples
    --------
    >>> in_every_language("sheet", "Criteria")["fr"]
    'Critères'
    """
    return {lang: translations(lang).pgettext(context, message) for lang in LANGUAGES}


def N_(context: str, message: str) -> str:
    """Mark ``message`` (in ``context``) for translation without translating it yet."""
    return message


def decimal(text: str, language: str | None = None) -> str:
    """A number written as text with the language's decimal separator.

    Only the decimal point is changed (``"0.825"`` -> ``"0,825"`` in German); thousands
    are grouped by neither, so no number is ambiguous.

    Examples
    --------
    >>> decimal("CR 0.083 (limit 0.10)", "fr"), decimal("0.825", "zh_Hans")
    ('CR 0,083 (limit 0,10)', '0.825')
    """
    code = current() if language is None else resolve(language)
    if code not in DECIMAL_COMMA:
        return text
    out = list(text)
    for k, ch in enumerate(text):
        if ch == "." and 0 < k < len(text) - 1 and text[k - 1].isdigit() and text[k + 1].isdigit():
            out[k] = ","
    return "".join(out)


def number(value: float, digits: int = 3, language: str | None = None) -> str:
    """``value`` with ``digits`` decimals, in the language's notation.

    Examples
    --------
    >>> number(0.8254, 3, "de"), number(12.5, 1, "en")
    ('0,825', '12.5')
    """
    return decimal(f"{value:.{digits}f}", language)


def percent(value: float, digits: int = 1, language: str | None = None) -> str:
    """A fraction as a percentage in the language's notation (``0.5`` -> ``50,0%``)."""
    code = current() if language is None else resolve(language)
    return decimal(f"{100 * value:.{digits}f}", code) + "%"
