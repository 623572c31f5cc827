"""Municipalities and wellbeing services counties as the registry knows them."""

from __future__ import annotations

from datetime import date

import attrs

from fundgap.codes import ALAND, HELSINKI_ORGANISER, CountyCode, MunicipalityCode


@attrs.frozen
class Municipality:
    """A municipality (kunta) with its official code, names, population and county.

    ``valid_until`` and ``successor`` are set for a municipality that has merged into another,
    e.g. Pertunmaa (588), merged into Mäntyharju (507) on 1 January 2025.
    """

    code: MunicipalityCode
    name_fi: str
    name_sv: str
    population: int = attrs.field(validator=attrs.validators.ge(0))
    county: CountyCode
    valid_until: date | None = None
    successor: MunicipalityCode | None = None

    def __attrs_post_init__(self) -> None:
        if (self.valid_until is None) != (self.successor is None):
            raise ValueError(
                f"{self.code}: a merged municipality needs both an end and a successor"
            )

    @property
    def in_aland(self) -> bool:
        """Åland's municipalities are outside the health and social services reform."""
        return self.county == ALAND

    def in_force_on(self, day: date) -> bool:
        return self.valid_until is None or day <= self.valid_until

    def name(self, lang: str = "fi") -> str:
        return self.name_sv if lang == "sv" else self.name_fi

    def __str__(self) -> str:
        return f"{self.name_fi} ({self.code})"


@attrs.frozen
class WellbeingCounty:
    """A wellbeing services county (hyvinvointialue), or the City of Helsinki as organiser
    (``90``), or Åland (``91``, outside the reform).

    ``aliases`` are the short names and brands the county uses itself ("Pirha", "Siun sote"):
    funding data often names the county so.
    """

    code: CountyCode
    name_fi: str
    name_sv: str
    name_en: str
    short_fi: str
    short_sv: str
    map_key: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def is_helsinki(self) -> bool:
        """The City of Helsinki organises its own services: a municipality and an organiser."""
        return self.code == HELSINKI_ORGANISER

    @property
    def in_reform(self) -> bool:
        return self.code != ALAND

    def name(self, lang: str = "en") -> str:
        return {"fi": self.name_fi, "sv": self.name_sv}.get(lang, self.name_en)

    def short_name(self, lang: str = "fi") -> str:
        return self.short_sv if lang == "sv" else self.short_fi

    def __str__(self) -> str:
        return f"{self.short_fi} ({self.code})"
