"""Official codes as distinct types, so that municipality ``091`` (Helsinki) is never taken for
county ``91`` (Åland), and the Finnish business ID (Y-tunnus) with its check digit."""

from __future__ import annotations

import re
from collections.abc import Callable

import attrs

from fundgap.i18n.message import Message, message

_MUNICIPALITY = re.compile(r"[0-9]{3}")
_COUNTY = re.compile(r"[0-9]{2}")
_BUSINESS_ID = re.compile(r"([0-9]{7})-([0-9])")
_BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def _check_format(
    pattern: re.Pattern[str], what: str, example: str
) -> Callable[[object, attrs.Attribute[str], str], None]:
    def check(_instance: object, _attribute: attrs.Attribute[str], value: str) -> None:
        if not pattern.fullmatch(value):
            raise ValueError(f"{value!r} is not a {what}; expected something like {example!r}")

    return check


@attrs.frozen(order=True)
class MunicipalityCode:
    """The 3-digit code of a municipality from Statistics Finland, e.g. ``837`` (Tampere)."""

    value: str = attrs.field(validator=_check_format(_MUNICIPALITY, "municipality code", "837"))

    def __str__(self) -> str:
        return self.value

    @property
    def party(self) -> str:
        """The party key used in JSON output, e.g. ``municipality:837``."""
        return f"municipality:{self.value}"


@attrs.frozen(order=True)
class CountyCode:
    """The 2-digit code of a wellbeing services county (``01``–``21``), or ``90`` for the City of
    Helsinki as organiser, or ``91`` for Åland (outside the reform)."""

    value: str = attrs.field(validator=_check_format(_COUNTY, "county code", "08"))

    def __str__(self) -> str:
        return self.value

    @property
    def party(self) -> str:
        """The party key used in JSON output, e.g. ``county:08``."""
        return f"county:{self.value}"


HELSINKI_ORGANISER = CountyCode("90")
HELSINKI = MunicipalityCode("091")
ALAND = CountyCode("91")


def business_id_problem(text: str) -> str | None:
    """Why ``text`` is not a valid Y-tunnus, in English, or None when it is
    (:func:`business_id_message` says it in any language).

    >>> business_id_problem("2077474-0") is None
    True
    >>> business_id_problem("2077474-1")
    'check digit is 1, but the first seven digits give 0'
    """
    why = business_id_message(text)
    return None if why is None else str(why)


def business_id_message(text: str) -> Message | None:
    """Why ``text`` is not a valid Y-tunnus, or None when it is.

    The check digit uses the weights 7, 9, 10, 5, 8, 4, 2 on the first seven digits; a
    remainder of 1 is never issued.
    """
    match = _BUSINESS_ID.fullmatch(text.strip())
    if match is None:
        return message("not in the form of a Y-tunnus (seven digits, a hyphen and a check digit)")
    digits, check = match.groups()
    remainder = sum(int(d) * w for d, w in zip(digits, _BUSINESS_ID_WEIGHTS, strict=True)) % 11
    if remainder == 1:
        return message("no Y-tunnus has these seven digits (their check remainder is 1)")
    expected = 0 if remainder == 0 else 11 - remainder
    if int(check) != expected:
        return message(
            "check digit is {check}, but the first seven digits give {expected}",
            check=int(check),
            expected=expected,
        )
    return None
