"""Putting a :class:`~fundgap.i18n.message.Message` into words: the gettext catalogue of the
language (``locale/<language>/LC_MESSAGES/fundgap.mo``, compiled from the ``.po`` that a
translator edits) gives the text, and the placeholders' values are written in the language's
way (:mod:`fundgap.i18n.formats`)."""

from __future__ import annotations

import gettext
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from fundgap.i18n.message import Euros, Listing, Message, Month, Names, Number, Quoted, Value

LOCALE_DIR = Path(__file__).with_name("locale")
_SPOKEN = frozenset({"fi", "sv", "en"})
DOMAIN = "fundgap"


@cache
def catalogue(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``language``; English, or a language without one, falls back
    to the message ids, which are the English text."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def translate(message: Message, language: str) -> str:
    """``message`` in ``language`` (``fi``, ``sv`` or ``en``, or a locale name such as
    ``fi_FI.UTF-8``), its values filled in; a :class:`~fundgap.errors.UsageError` for a
    language fundgap does not speak."""
    if language not in _SPOKEN:
        from fundgap.i18n.language import checked

        language = checked(language)
    words = catalogue(language)
    if message.plural is None:
        if message.context is None:
            text = words.gettext(message.text)
        else:
            text = words.pgettext(message.context, message.text)
    else:
        count = message.count or 0
        if message.context is None:
            text = words.ngettext(message.text, message.plural, count)
        else:
            text = words.npgettext(message.context, message.text, message.plural, count)
    if not message.values:
        return text
    return text.format_map({name: written(value, language) for name, value in message.values})


def written(value: Value, language: str) -> str:
    """One placeholder's value as ``language`` writes it (see :mod:`fundgap.i18n.message`)."""
    from fundgap.i18n import formats

    match value:
        case str():
            return value
        case Message():
            return translate(value, language)
        case bool():
            return str(value)
        case int():
            return str(value)
        case Number():
            return formats.number(value.value, language)
        case Decimal():
            return formats.number(value, language)
        case Euros():
            return formats.euros(value.amount, language)
        case date():
            return formats.day(value, language)
        case Quoted():
            return repr(value.text)
        case Names():
            return {"fi": value.fi, "sv": value.sv}.get(language, value.en or value.fi)
        case Month():
            from babel.dates import get_month_names

            names = get_month_names("wide", "stand-alone", formats.locale(language))
            return str(names[value.number])
        case Listing():
            items = [written(item, language) for item in value.items]
            if value.alphabetical:
                items.sort(key=formats.alphabetical)
            return formats.joined(items, language, value.style)
    return str(value)
