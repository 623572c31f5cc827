"""The new agreement that ``fundgap new-agreement`` writes as a template: its parties, period and
id, and the grey-zone categories it must settle (SPEC §8), checked against the registry as the
loader will check the file, so that the template always loads as a draft.

The categories become commented-out clauses (:mod:`fundgap.render.template`): a negotiator
cannot forget one, and each stays unassigned until it is filled in and uncommented.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, timedelta
from typing import ClassVar

import attrs

from fundgap.categories import BUILTIN_CATEGORIES, Category, Zone
from fundgap.errors import UsageError
from fundgap.i18n.message import message
from fundgap.limits import FIRST_DAY, LAST_DAY
from fundgap.places import Municipality, WellbeingCounty
from fundgap.registry import Registry, load_registry, place_words


@attrs.frozen
class AgreementTemplate:
    """A draft agreement with no clauses yet: who, when, its id, and the categories to settle.
    ``title`` is None for the renderer's default title in the reader's language."""

    kind: ClassVar[str] = "template"
    id: str
    county: WellbeingCounty
    municipalities: tuple[Municipality, ...] = attrs.field(validator=attrs.validators.min_len(1))
    valid_from: date
    valid_until: date
    categories: tuple[Category, ...]
    title: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.valid_until < self.valid_from:
            raise ValueError("an agreement cannot end before it starts")


def grey_categories(categories: Iterable[Category] = BUILTIN_CATEGORIES) -> tuple[Category, ...]:
    """The categories of the grey zone, in their order: the ones nobody is responsible for
    until an agreement says who is (SPEC §3)."""
    return tuple(c for c in categories if c.zone is Zone.GREY)


def new_agreement(
    county: str,
    municipalities: Iterable[str],
    *,
    valid_from: date | None = None,
    valid_until: date | None = None,
    title: str | None = None,
    categories: Iterable[Category] | None = None,
    registry: Registry | None = None,
    today: date | None = None,
) -> AgreementTemplate:
    """The template of a new agreement between ``county`` and ``municipalities`` (names or codes,
    as the registry reads them) for the period ``valid_from``–``valid_until``: by default the
    calendar year after ``today``; given one end, the calendar year of that end. ``categories``
    are the ones to settle (default: the built-in grey-zone categories; only grey ones are
    kept). Raises :class:`~fundgap.errors.LookupFailedError` for a name the registry does not
    know and :class:`~fundgap.errors.UsageError` for parties or a period the loader would refuse.
    """
    registry = registry or load_registry()
    first, last = _period(valid_from, valid_until, today or date.today())  # noqa: DTZ011
    found = _county(registry, county)
    parties = _parties(registry, found, municipalities, last)
    if title is not None and not title.strip():
        raise UsageError(message("the title is empty; give a title or leave it out"))
    chosen = grey_categories(BUILTIN_CATEGORIES if categories is None else categories)
    return AgreementTemplate(
        id=agreement_id(found, parties[0], first),
        county=found,
        municipalities=parties,
        valid_from=first,
        valid_until=last,
        categories=chosen,
        title=None if title is None else title.strip(),
    )


def agreement_id(county: WellbeingCounty, municipality: Municipality, start: date) -> str:
    """``pirkanmaa-tampere-2027``: the county's and the first municipality's Finnish names in
    ASCII, and the first year, as the example agreements are named."""
    return f"{_slug(county.short_fi)}-{_slug(municipality.name_fi)}-{start.year}"


def _slug(name: str) -> str:
    letters = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", letters.lower()).strip("-")


def _period(first: date | None, last: date | None, today: date) -> tuple[date, date]:
    if first is None and last is None:
        first = date(today.year + 1, 1, 1)
    if first is None:
        assert last is not None
        first = date(last.year, 1, 1)
    if last is None:
        last = date(first.year, 12, 31)
    for day in (first, last):
        if not FIRST_DAY <= day <= LAST_DAY:
            raise UsageError(
                message(
                    "{day} is outside the days fundgap reads; expected a day from {first} to "
                    "{last}",
                    day=day,
                    first=FIRST_DAY,
                    last=LAST_DAY,
                )
            )
    if last < first:
        raise UsageError(
            message(
                "the agreement would end on {last}, before it starts on {first}; give an end "
                "on or after the start",
                last=last,
                first=first,
            )
        )
    return first, last


def _county(registry: Registry, text: str) -> WellbeingCounty:
    """The county as the loader accepts it in an agreement: not Åland, not Helsinki."""
    county = registry.county(text)
    if not county.in_reform:
        raise UsageError(
            message(
                "Åland is outside the health and social services reform; "
                "it has no wellbeing services county"
            )
        )
    if county.is_helsinki:
        raise UsageError(
            message(
                "the City of Helsinki organises its own services and needs no agreement "
                "with itself; its residents' services are the city's by law"
            )
        )
    return county


def _parties(
    registry: Registry, county: WellbeingCounty, names: Iterable[str], last: date
) -> tuple[Municipality, ...]:
    """The municipalities as the loader accepts them: members of ``county``, each once, and
    each still in existence on the agreement's last day."""
    parties: list[Municipality] = []
    for name in names:
        municipality = registry.municipality(name)
        if municipality.county != county.code:
            raise UsageError(
                message(
                    "{municipality} belongs to {home}, not to the agreement's county {county}",
                    municipality=place_words(municipality),
                    home=place_words(registry.counties[municipality.county]),
                    county=str(county.code),
                )
            )
        until, successor = municipality.valid_until, municipality.successor
        if until is not None and successor is not None and until < last:
            raise UsageError(
                message(
                    "{municipality} merged into {successor} on {day}, but this runs until {end}",
                    municipality=place_words(municipality),
                    successor=place_words(registry.municipalities[successor]),
                    day=until + timedelta(days=1),
                    end=last,
                )
            )
        if municipality in parties:
            raise UsageError(
                message("{municipality} is listed twice", municipality=place_words(municipality))
            )
        parties.append(municipality)
    if not parties:
        raise UsageError(
            message("no municipality given; give at least one municipality of the county")
        )
    return tuple(parties)
