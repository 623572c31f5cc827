"""Numbers, amounts, days and lists the way each language writes them, from CLDR (Babel):
``1 234,50 €`` and ``31.12.2025`` in Finnish and Swedish (as written in Finland), ``€1,234.50``
in English. English days are ISO 8601 (``2025-12-31``): fundgap's English readers are in many
countries, and only ISO is read one way in all of them (docs/languages.md)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Literal

from fundgap.money import cents

if TYPE_CHECKING:
    from babel import Locale

# Finnish and Swedish alphabetical order put å, ä, ö after z (code points would give ä < å).
_NORDIC_ORDER = str.maketrans({"å": "z\x01", "ä": "z\x02", "ö": "z\x03"})

# The CLDR locale of each language: Finnish and Swedish as written in Finland.
LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en"}


@cache
def locale(language: str) -> Locale:
    from babel import Locale

    return Locale.parse(LOCALES.get(language, LOCALES["en"]))


def euros(amount: Decimal, language: str) -> str:
    """``amount`` in euros, rounded half up to cents: ``1 234,50 €`` (fi, sv), ``€1,234.50``."""
    from babel.numbers import format_currency

    return format_currency(cents(amount), "EUR", locale=locale(language))


def number(value: int | Decimal, language: str) -> str:
    """A number grouped by thousands, with its decimals as given: ``1 234 567``, ``12,5``."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=locale(language), decimal_quantization=False)


def percent(value: Decimal, language: str) -> str:
    """A share in percent, as given (``33.33`` → ``33,33 %`` in Finnish, ``33.33%``)."""
    from babel.numbers import format_percent

    return format_percent(value / 100, locale=locale(language), decimal_quantization=False)


def day(value: date, language: str) -> str:
    """A day: ``31.12.2025`` in Finnish and Swedish, ``2025-12-31`` in English."""
    if language not in ("fi", "sv"):
        return value.isoformat()
    from babel.dates import format_date

    return format_date(value, "short", locale=locale(language))


def joined(items: Sequence[str], language: str, style: Literal["and", "or", "unit"] = "and") -> str:
    """``items`` listed: ``a, b ja c``; with ``style="or"`` ``a tai b``; with ``style="unit"``
    (the cells of a table) ``a, b, c``, as CLDR writes a unit list in all three languages
    (Babel lacks its Finnish and Swedish patterns)."""
    if not items:
        return ""
    if style == "unit":
        return ", ".join(items)
    from babel.lists import format_list

    return format_list(
        list(items), style="standard" if style == "and" else style, locale=locale(language)
    )


def alphabetical(name: str) -> str:
    """A key that sorts names as a Finnish or Swedish reader expects: case ignored, Å, Ä, Ö
    after Z (an English reader sees the same order for the names fundgap lists)."""
    import unicodedata

    return unicodedata.normalize("NFC", name).casefold().translate(_NORDIC_ORDER)
