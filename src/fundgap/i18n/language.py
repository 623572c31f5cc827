"""Which language a person reads: ``--lang``, else ``FUNDGAP_LANG``, else the locale as gettext
reads it (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else English (SPEC §8)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from fundgap.errors import UsageError

LANGUAGES = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "en"
# what gettext reads, in its order; the first that is set decides
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
_TAG = re.compile(r"\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*(?:\.[\w-]+)?(?:@\w+)?\s*")


def language_of(tag: str | None) -> str | None:
    """The language fundgap speaks for a language tag or locale name (``fi``, ``FI``,
    ``fi_FI.UTF-8``, ``sv-FI``, ``en_GB@euro``), or None when it speaks none of it."""
    match = None if tag is None else _TAG.fullmatch(tag)
    if match is None:
        return None
    language = match.group(1).lower()
    return language if language in LANGUAGES else None


def _unknown(asked: str, source: str | None) -> UsageError:
    from fundgap.i18n.message import Quoted, listing, message, quoted

    languages = listing(quoted(LANGUAGES), "or")
    if source is None:
        words = message(
            "unknown language {language}; expected one of {languages}",
            language=Quoted(asked),
            languages=languages,
        )
    else:
        words = message(
            "{source}: unknown language {language}; expected one of {languages}",
            source=source,
            language=Quoted(asked),
            languages=languages,
        )
    return UsageError(words)


def choose_language(given: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language to write in: ``given`` (``--lang``), else ``FUNDGAP_LANG``, else the
    locale, else English. A language asked for by name that fundgap does not speak is a
    :class:`~fundgap.errors.UsageError`; a locale that it does not speak (``de_DE.UTF-8``, ``C``)
    means English, as with any program whose messages are not translated into it.

    ``given`` is what a caller asked for (``--lang``; a library function's ``lang``)."""
    environ = os.environ if environ is None else environ
    for asked, source in ((given, None), (environ.get("FUNDGAP_LANG"), "FUNDGAP_LANG")):
        if asked:
            language = language_of(asked)
            if language is None:
                raise _unknown(asked, source)
            return language
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable)
        if value:
            # LANGUAGE is a list in order of preference, e.g. "sv:fi"; the others name one locale
            for tag in value.split(":") if variable == "LANGUAGE" else [value]:
                if language := language_of(tag):
                    return language
            return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def checked(language: str) -> str:
    """``language`` as fundgap names it (``FI``, ``fi_FI.UTF-8`` → ``fi``); a
    :class:`~fundgap.errors.UsageError` for one that fundgap does not speak."""
    found = language_of(language)
    if found is None:
        raise _unknown(language, None)
    return found
