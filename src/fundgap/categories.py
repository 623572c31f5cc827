"""Kinds of NGO service and the zone each falls in, which sets who is responsible by default.

``statutory`` services are the county's duty by law (612/2021 §7); ``preventive`` wellbeing and
health promotion (HYTE) is the municipality's by default (612/2021 §6, 410/2015 §1); the
``grey`` zone in between is nobody's until an agreement says otherwise: the blind spot.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum

import attrs

from fundgap.i18n.message import Message, Quoted, message

_KEY = re.compile(r"[a-z][a-z0-9_]*")


class Zone(StrEnum):
    STATUTORY = "statutory"
    PREVENTIVE = "preventive"
    GREY = "grey"


def key_problem(key: str) -> str | None:
    """What is wrong with ``key`` as a category key, in English, or None if nothing is
    (:func:`key_message` says it in any language)."""
    problem = key_message(key)
    return None if problem is None else str(problem)


def key_message(key: str) -> Message | None:
    """What is wrong with ``key`` as a category key, or None if nothing is."""
    if _KEY.fullmatch(key):
        return None
    return message(
        "{key} is not a category key; use lower-case letters, digits and underscores, "
        "starting with a letter, e.g. 'housing_support'",
        key=Quoted(key),
    )


def _valid_key(_instance: object, _attribute: object, key: str) -> None:
    if problem := key_problem(key):
        raise ValueError(problem)


@attrs.frozen
class Category:
    """A kind of NGO service, with labels in Finnish, Swedish and English and its zone."""

    key: str = attrs.field(validator=_valid_key)
    zone: Zone = attrs.field(validator=attrs.validators.instance_of(Zone))
    label_fi: str
    label_sv: str
    label_en: str
    builtin: bool = False

    def label(self, lang: str = "en") -> str:
        return {"fi": self.label_fi, "sv": self.label_sv}.get(lang, self.label_en)


def _builtin(key: str, zone: Zone, fi: str, sv: str, en: str) -> Category:
    return Category(key, zone, fi, sv, en, builtin=True)


# Labels follow the project glossary; the zones follow SPEC §3 and the 2023 reform's split.
BUILTIN_CATEGORIES: tuple[Category, ...] = (
    _builtin("crisis_centre", Zone.GREY, "kriisikeskus", "kriscentrum", "crisis centre"),
    _builtin(
        "clubhouse", Zone.GREY, "klubitalo", "klubbhus", "clubhouse for mental-health rehabilitees"
    ),
    _builtin("meeting_place", Zone.GREY, "kohtaamispaikka", "mötesplats", "meeting place"),
    _builtin(
        "peer_support",
        Zone.GREY,
        "vertais- ja tukiryhmät",
        "kamrat- och stödgrupper",
        "peer and support groups",
    ),
    _builtin(
        "self_care_support", Zone.GREY, "omahoidon tuki", "stöd för egenvård", "self-care support"
    ),
    _builtin(
        "advice",
        Zone.GREY,
        "neuvonta ja ohjaus",
        "rådgivning och handledning",
        "advice and guidance",
    ),
    _builtin(
        "low_threshold_substance",
        Zone.GREY,
        "matalan kynnyksen päihde- ja mielenterveystyö",
        "lågtröskel missbruks- och mentalvårdsarbete",
        "low-threshold substance and mental-health work",
    ),
    _builtin(
        "health_promotion",
        Zone.PREVENTIVE,
        "terveyden ja hyvinvoinnin edistäminen",
        "främjande av hälsa och välfärd",
        "health and wellbeing promotion",
    ),
    _builtin(
        "leisure_and_culture",
        Zone.PREVENTIVE,
        "vapaa-ajan ja kulttuurin toiminta",
        "fritids- och kulturverksamhet",
        "leisure and cultural activity",
    ),
    _builtin(
        "statutory_social",
        Zone.STATUTORY,
        "lakisääteinen sosiaalipalvelu",
        "lagstadgad socialservice",
        "statutory social service",
    ),
    _builtin(
        "statutory_health",
        Zone.STATUTORY,
        "lakisääteinen terveyspalvelu",
        "lagstadgad hälsotjänst",
        "statutory health service",
    ),
)


@attrs.frozen
class Categories(Mapping[str, Category]):
    """The built-in taxonomy plus a dataset's own categories, looked up by key."""

    by_key: Mapping[str, Category] = attrs.field(
        factory=lambda: {c.key: c for c in BUILTIN_CATEGORIES}
    )

    @classmethod
    def with_extra(cls, extra: Iterable[Category]) -> Categories:
        """The built-ins and ``extra``; a key that is already taken raises ValueError."""
        by_key = {c.key: c for c in BUILTIN_CATEGORIES}
        for category in extra:
            if category.key in by_key and by_key[category.key] != category:
                raise ValueError(f"category {category.key!r} is defined twice")
            by_key[category.key] = category
        return cls(by_key)

    def __getitem__(self, key: str) -> Category:
        return self.by_key[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.by_key)

    def __len__(self) -> int:
        return len(self.by_key)
