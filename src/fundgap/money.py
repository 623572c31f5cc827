"""Euros as exact ``Decimal`` values: parsing what Finnish Excel writes, and rounding to cents.

Amounts stay exact through every calculation; only output rounds, half up, to cents.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal

from fundgap.i18n.message import Message, Quoted, message

CENT = Decimal("0.01")
ZERO = Decimal(0)
# Parts of a spread amount are kept to 1e-12 €: far below a cent, and on a fixed grid, so that
# the parts add up exactly. 60 digits leave room for any amount the loader accepts.
_PART = Decimal("1e-12")
_WIDE = Context(prec=60, rounding=ROUND_HALF_UP)

_SPACE = r"[\s\u00a0\u202f\u2009']"
_SPACE_THOUSANDS = re.compile(rf"-?[0-9]{{1,3}}(?:{_SPACE}[0-9]{{3}})+(?:[.,][0-9]+)?")
_PLAIN = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")
_DOT_THOUSANDS = re.compile(r"-?[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?")
_COMMA_THOUSANDS = re.compile(r"-?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")

AMOUNT_EXAMPLES_MESSAGE = message("an amount in euros such as 150 000,00 €, 150000 or 150000.00")


class AmountError(ValueError):
    """Text that is no amount: ``message`` says so, for a problem in any language; ``str()`` is
    the English."""

    def __init__(self, words: Message) -> None:
        super().__init__(words.text)
        self.message = words

    def __str__(self) -> str:
        return str(self.message)


def parse_amount(text: str) -> Decimal:
    """Read a euro amount as Finnish or English Excel writes it.

    Accepts a decimal comma or point, thousands separated by spaces (also no-break spaces) or by
    the other mark, and a trailing ``€`` or ``EUR``. Raises AmountError (a ValueError) for
    anything else.

    >>> parse_amount("1 234,50 €"), parse_amount("1.234,50"), parse_amount("80000")
    (Decimal('1234.50'), Decimal('1234.50'), Decimal('80000'))
    """
    cleaned = text.strip()
    for suffix in ("€", "EUR", "eur"):
        cleaned = cleaned.removesuffix(suffix).rstrip()
    cleaned = cleaned.replace("\u2212", "-")  # a typographic minus sign
    if _SPACE_THOUSANDS.fullmatch(cleaned):  # spaces only between groups of three digits
        cleaned = re.sub(_SPACE, "", cleaned)
    if _PLAIN.fullmatch(cleaned):
        return Decimal(cleaned.replace(",", "."))
    if _DOT_THOUSANDS.fullmatch(cleaned):
        return Decimal(cleaned.replace(".", "").replace(",", "."))
    if _COMMA_THOUSANDS.fullmatch(cleaned):
        return Decimal(cleaned.replace(",", ""))
    raise AmountError(message("{text} is not a number", text=Quoted(text)))


def spread(amount: Decimal, total_days: int, skipped: int, days: int) -> Decimal:
    """The part of ``amount``, spread evenly over ``total_days`` days, that falls on ``days``
    days after the first ``skipped`` of them (EUR).

    Computed as the difference of two running totals on a fixed grid of 1e-12 €, so the parts
    of consecutive ranges add up to ``amount`` exactly: spread over the calendar years, no
    cent of a funding decision is lost or counted twice (SPEC §5 "funded").

    >>> [spread(Decimal(100), 3, k, 1) for k in range(3)]
    [Decimal('33.333333333333'), Decimal('33.333333333334'), Decimal('33.333333333333')]
    """
    if days == total_days:  # the whole decision falls in the range: most decisions, in a year
        return amount

    def running(day_count: int) -> Decimal:
        share = _WIDE.divide(_WIDE.multiply(amount, Decimal(day_count)), Decimal(total_days))
        return share.quantize(_PART, context=_WIDE)

    return _WIDE.subtract(running(skipped + days), running(skipped))


def cents(amount: Decimal) -> Decimal:
    """``amount`` rounded half up to whole cents (never a negative zero)."""
    rounded = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    return rounded if rounded else abs(rounded)


def format_amount(amount: Decimal) -> str:
    """Two decimals with a point and no separators, as in the JSON contract: ``1234.50``."""
    return f"{cents(amount):.2f}"


def spaced(number: int) -> str:
    """A whole number with a space between thousands, as messages write a limit:
    ``1 000 000 000``."""
    return f"{number:,}".replace(",", " ")


def format_euros(amount: Decimal, *, decimal_mark: str = ".", group: str = ",") -> str:
    """A readable amount with thousands grouped, e.g. ``1,234,567.50`` or ``1 234 567,50``."""
    text = f"{cents(amount):,.2f}"
    return text.replace(",", "\0").replace(".", decimal_mark).replace("\0", group)
