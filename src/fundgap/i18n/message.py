"""Words a person will read, before a language is chosen.

Results and errors carry :class:`Message` values, never finished sentences: the English text is
the gettext message id (``msgid``), and the values of its ``{placeholders}`` stay typed (a date,
an amount in euros, a count, a list, another message), so a renderer can put the whole message in
Finnish, Swedish or English with the numbers and dates written the way that language writes them
(:func:`fundgap.i18n.translate`). ``str()`` of a message is its English text.

Write messages with :func:`message`, :func:`plural` and :func:`label`, always with a literal
text: ``scripts/catalogues.py`` finds them in the source and keeps the catalogues in step.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Literal

import attrs

# What a placeholder may hold: ``str`` as it is; ``int`` as it is (a year, a line number), a
# count to be grouped by thousands as a :class:`Number`; ``Decimal`` as a decimal number in the
# language's way (a share: ``33,33``); ``date`` as the language writes a day (``31.12.2025``);
# a :class:`Message`, translated; :class:`Euros`, :class:`Listing`, :class:`Quoted`, :class:`Names`,
# :class:`Month`.
Value = object


@attrs.frozen
class Message:
    """A message id (its English text, with ``{name}`` placeholders) and the placeholders'
    values; ``plural`` and ``count`` for a message whose words follow a number (gettext's
    ``ngettext``), ``context`` for a short text that means different things in different places
    (gettext's ``msgctxt``: ``label("funding status", "funded")``)."""

    text: str
    values: tuple[tuple[str, Value], ...] = ()
    plural: str | None = None
    count: int | None = None
    context: str | None = None

    def __str__(self) -> str:
        from fundgap.i18n.translation import translate

        return translate(self, "en")

    def value(self, name: str) -> Value:
        """The value of placeholder ``name``; a ``KeyError`` when there is none."""
        for key, value in self.values:
            if key == name:
                return value
        raise KeyError(name)


def message(text: str, /, **values: Value) -> Message:
    """A message in English with ``{placeholders}`` filled from ``values``."""
    return Message(text, tuple(values.items()))


def plural(one: str, many: str, count: int, /, **values: Value) -> Message:
    """A message whose words follow ``count``: ``one`` for 1 and ``many`` otherwise in English,
    each language's own plural forms in its catalogue; ``{count}`` is the count, grouped by
    thousands as the language writes numbers."""
    return Message(one, tuple({"count": Number(count), **values}.items()), many, count)


def label(context: str, text: str) -> Message:
    """A short label (a status, a heading) that means one thing in ``context``."""
    return Message(text, context=context)


@attrs.frozen
class Number:
    """A whole or decimal number written the way the language groups and marks it:
    ``1 000 000`` and ``12,5`` in Finnish, ``1,000,000`` and ``12.5`` in English."""

    value: int | Decimal


@attrs.frozen
class Euros:
    """An amount in euros, rounded half up to cents: ``1 234,50 €`` in Finnish and Swedish,
    ``€1,234.50`` in English."""

    amount: Decimal


def _as_tuple(items: Iterable[Value]) -> tuple[Value, ...]:
    return tuple(items)


@attrs.frozen
class Listing:
    """Values joined the way the language lists them: ``a, b ja c``; ``a tai b`` with
    ``style="or"``."""

    items: tuple[Value, ...] = attrs.field(converter=_as_tuple)
    style: Literal["and", "or", "unit"] = "and"
    alphabetical: bool = False  # sorted as the language writes its items (place names)


@attrs.frozen
class Quoted:
    """Text from the data or from the user, quoted as Python writes a string (``'Kajaani'``),
    so an empty or blank value is still seen."""

    text: str


@attrs.frozen
class Names:
    """A name that has a form per language (a municipality: Kajaani, Kajana); English uses
    the Finnish form unless one is given."""

    fi: str
    sv: str
    en: str = ""


@attrs.frozen
class Month:
    """A month of the year (1 to 12) named as the language names it standing alone, from CLDR:
    ``huhtikuu``, ``april``, ``April``; so that no English month name reaches a translation."""

    number: int


def listing(
    items: Iterable[Value],
    style: Literal["and", "or", "unit"] = "and",
    *,
    alphabetical: bool = False,
) -> Listing:
    """``items`` as a :class:`Listing`; with ``alphabetical``, in the alphabetical order of
    what they are in the language (Swedish place names sort as Swedish ones)."""
    return Listing(_as_tuple(items), style, alphabetical)


def quoted(items: Sequence[str]) -> tuple[Quoted, ...]:
    """Each of ``items`` as :class:`Quoted`."""
    return tuple(Quoted(item) for item in items)
