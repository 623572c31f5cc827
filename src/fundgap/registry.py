"""The real municipalities and wellbeing services counties, and look-ups by code or name.

The data ships with the package (``fundgap/data/registry.json``, built by
``scripts/build_registry.py`` from Statistics Finland's and Yle's data), so fundgap works offline
and every dataset is checked against the same official list.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType
from typing import Any

from fundgap.codes import ALAND, CountyCode, MunicipalityCode
from fundgap.errors import LookupFailedError
from fundgap.i18n import Message, Names, label, message
from fundgap.places import Municipality, WellbeingCounty

# What a look-up names in "unknown {what} 'x'" (errors.LookupFailedError).
_MUNICIPALITY = label("looked up", "municipality")
_COUNTY = label("looked up", "wellbeing services county")
_DIGITS = re.compile(r"[0-9]+")
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−", "-"))
# The words that turn a county's short name into its full name: "Pirkanmaan hyvinvointialue",
# "Pirkanmaan hva" (as Finnish officials abbreviate it), "Birkalands välfärdsområde",
# "Välfärdsområdet Birkaland", "Wellbeing services county of …".
_COUNTY_WORDS = re.compile(
    r"(?:wellbeing services county(?: of)? |välfärdsområdet (?:i )?)?(?P<name>.+?)"
    r"(?: hyvinvointialue| hva| välfärdsområde| wellbeing services county)?"
)

# Finnish genitives of municipality names that do not keep the name's start.
_IRREGULAR_GENITIVES = {"uudenkaupungin": "Uusikaupunki"}

# A normalised name -> (the proper name to show in a suggestion, the place's code).
_Names = dict[str, tuple[str, str]]


def _normalise(text: str) -> str:
    """Fold what people vary without meaning to: case, dashes, spaces, composed letters."""
    text = unicodedata.normalize("NFC", text).translate(_DASHES).casefold()
    return " ".join(text.split())


def _without_county_words(key: str) -> str:
    """``pirkanmaan hyvinvointialue`` -> ``pirkanmaan`` (for a normalised key)."""
    match = _COUNTY_WORDS.fullmatch(key)
    return match["name"] if match else key


def finnish_sort_key(name: str) -> str:
    """Sort names the way a Finnish reader expects: Å, Ä, Ö after Z."""
    from fundgap.i18n.formats import alphabetical

    return alphabetical(_normalise(name))


def _failed(
    what: Message, text: str, suggestions: Iterable[str] = (), hint: Message | None = None
) -> LookupFailedError:
    """A LookupFailedError whose message may end with a hint on the right form of a code."""
    return LookupFailedError(what, text, tuple(suggestions), hint or "")


def place_words(place: Municipality | WellbeingCounty) -> Message:
    """A municipality or county as a message names it: its name in the reader's language and
    its code, ``Kajaani (205)``, ``Kajana (205)``; a county by its short name."""
    if isinstance(place, Municipality):
        names = Names(fi=place.name_fi, sv=place.name_sv)
    else:
        names = Names(fi=place.short_fi, sv=place.short_sv)
    return message("{name} ({code})", name=names, code=str(place.code))


def _suggest(keys: Iterable[str], names: _Names, cutoff: float = 0.6) -> list[str]:
    """Up to three proper names close to any of ``keys`` (difflib), best first, one per place."""
    scored: dict[str, float] = {}
    for key in keys:
        for match in difflib.get_close_matches(key, names, n=10, cutoff=cutoff):
            ratio = difflib.SequenceMatcher(None, key, match).ratio()
            scored[match] = max(ratio, scored.get(match, 0.0))
    seen: set[str] = set()
    found: list[str] = []
    for match in sorted(scored, key=lambda k: (-scored[k], k)):
        name, code = names[match]
        if code not in seen:
            seen.add(code)
            found.append(name)
    return found[:3]


class Registry:
    """Every municipality of 2021 onwards (merged and Åland ones included) and the 23 counties:
    01–21, the City of Helsinki as organiser (90) and Åland (91)."""

    __slots__ = (
        "_counties",
        "_county_names",
        "_finnish_names",
        "_municipalities",
        "_municipality_names",
        "_place_names",
    )

    def __init__(
        self, municipalities: Iterable[Municipality], counties: Iterable[WellbeingCounty]
    ) -> None:
        by_code = sorted(municipalities, key=lambda m: m.code)
        self._municipalities = MappingProxyType({m.code: m for m in by_code})
        county_list = sorted(counties, key=lambda c: c.code)
        self._counties = MappingProxyType({c.code: c for c in county_list})
        for m in by_code:
            if m.county not in self._counties:
                raise ValueError(f"{m}: unknown county {m.county}")
            if m.successor is not None and m.successor not in self._municipalities:
                raise ValueError(f"{m}: unknown successor {m.successor}")

        # Swedish names go in first and Finnish ones replace them: were the Finnish name of one
        # municipality the Swedish name of another, the Finnish one wins. No such pair exists in
        # the 2021–2025 data (the tests check it); the rule keeps look-ups stable if one appears.
        self._municipality_names: _Names = {}
        for m in by_code:
            self._municipality_names[_normalise(m.name_sv)] = (m.name_sv, m.code.value)
        for m in by_code:
            self._municipality_names[_normalise(m.name_fi)] = (m.name_fi, m.code.value)

        # A county answers to its full and short names in each language, to its full names
        # without the words for "wellbeing services county", which leaves the genitive that the
        # Finnish and Swedish names use ("Pirkanmaan", "Birkalands"), and to its own aliases
        # ("Pirha"). Short names go first, so that a suggestion shows "Pirkanmaa" rather than
        # "Wellbeing services county of …". A funder is looked up as a municipality first, so an
        # alias that is a municipality's name would never reach its county: it is refused.
        self._county_names: _Names = {}
        for c in self._counties.values():
            for name in (c.short_fi, c.short_sv, c.name_fi, c.name_sv, c.name_en, *c.aliases):
                key = _normalise(name)
                for form in (key, _without_county_words(key)):
                    shown, code = self._county_names.setdefault(form, (name, c.code.value))
                    if code != c.code.value:
                        raise ValueError(f"county name {name!r} is also {shown!r} ({code})")
            for alias in c.aliases:
                if (found := self._municipality_names.get(_normalise(alias))) is not None:
                    raise ValueError(f"county alias {alias!r} is also the municipality {found[0]}")
        # A "did you mean" for a funder offers short names: "Pirkanmaa" for "Pirkanmaan …".
        self._place_names: _Names = {
            _normalise(name): (name, c.code.value)
            for c in self._counties.values()
            for name in (c.short_fi, c.short_sv, *c.aliases)
        }
        self._place_names.update(self._municipality_names)
        # Finnish names, whose genitives ("Lahden", "Pirkanmaan") a funder's name may hold.
        self._finnish_names = {
            _normalise(name): name
            for name in (
                *(m.name_fi for m in self._municipalities.values()),
                *(c.short_fi for c in self._counties.values()),
            )
        }

    @property
    def municipalities(self) -> Mapping[MunicipalityCode, Municipality]:
        """All municipalities by code, in code order."""
        return self._municipalities

    @property
    def counties(self) -> Mapping[CountyCode, WellbeingCounty]:
        """All counties by code, in code order, Helsinki (90) and Åland (91) included."""
        return self._counties

    def municipality(self, text: str) -> Municipality:
        """The municipality with this 3-digit code or Finnish or Swedish name (any case).

        Only three digits make a municipality code: ``91`` is Åland's county code and must
        never be taken for ``091`` (Helsinki).
        """
        found = self.find_municipality(text)
        if found is not None:
            return found
        key = _normalise(text)
        if _DIGITS.fullmatch(key):
            raise _failed(_MUNICIPALITY, text, hint=self._municipality_code_hint(key))
        raise _failed(_MUNICIPALITY, text, _suggest([key], self._municipality_names))

    def find_municipality(self, text: str) -> Municipality | None:
        """Like :meth:`municipality`, but None for a miss: fast, with no suggestions."""
        key = _normalise(text)
        if _DIGITS.fullmatch(key):
            return self._municipalities.get(MunicipalityCode(key)) if len(key) == 3 else None
        if key in self._municipality_names:
            return self._municipalities[MunicipalityCode(self._municipality_names[key][1])]
        return None

    def county(self, text: str) -> WellbeingCounty:
        """The county with this 2-digit code or name: full or short, Finnish, Swedish or English,
        or one of its own aliases ("Pirha"), any case, with or without the words
        "hyvinvointialue" (or "hva"), "välfärdsområde" or "wellbeing services county (of)".
        Three digits are a municipality code and are refused."""
        found = self.find_county(text)
        if found is not None:
            return found
        key = _normalise(text)
        if _DIGITS.fullmatch(key):
            raise _failed(_COUNTY, text, hint=self._county_code_hint(key))
        keys = (key, _without_county_words(key))
        raise _failed(_COUNTY, text, _suggest(keys, self._county_names))

    def find_county(self, text: str) -> WellbeingCounty | None:
        """Like :meth:`county`, but None for a miss: fast, with no suggestions."""
        key = _normalise(text)
        if _DIGITS.fullmatch(key):
            return self._counties.get(CountyCode(key)) if len(key) == 2 else None
        for form in (key, _without_county_words(key)):
            if form in self._county_names:
                return self._counties[CountyCode(self._county_names[form][1])]
        return None

    def near_names(self, *texts: str) -> tuple[str, ...]:
        """Up to three names of municipalities or counties (short names: ``Pirkanmaa``) that one
        of ``texts`` comes close to (a difflib ratio of 0.8 or more), best first, one per place,
        or else that one of them is the Finnish genitive of (see :meth:`genitive_of`): the "did
        you mean" for a name that matched nothing, e.g. ``Tampere`` for ``Tampereen``, ``Lahti``
        for ``Lahden``."""
        found = _suggest([_normalise(t) for t in texts], self._place_names, cutoff=0.8)
        if not found:  # "Lahden" is too far from "Lahti" for difflib
            found = [name for text in texts for name in self.genitive_of(text)]
        return tuple(dict.fromkeys(found))[:3]

    def genitive_of(self, word: str) -> tuple[str, ...]:
        """The Finnish names of the municipalities or counties that ``word`` may be the genitive
        of, as in "Lahden kaupunki" or "Hangon kaupunki": those that share the longest start
        with it (usually one).

        Finnish inflects the end of a name (Lahti → Lahden, Hanko → Hangon, Virrat → Virtain,
        Kaskinen → Kaskisten, Ylöjärvi → Ylöjärven) and keeps its start, so a genitive ends in
        ``n`` and keeps all but the last three letters of the name (at least three), within a
        letter shorter and two longer than the name (so "Euroopan" is not Eura's). The one
        irregular genitive among the names, Uusikaupunki → Uudenkaupungin, is listed.
        """
        key = _normalise(word)
        if key in _IRREGULAR_GENITIVES:
            return (_IRREGULAR_GENITIVES[key],)
        if not key.endswith("n") or " " in key:
            return ()
        stem = key[:-1]
        found: dict[str, int] = {}
        for name, shown in self._finnish_names.items():
            kept = name[: max(3, len(name) - 3)]
            if stem.startswith(kept) and -1 <= len(stem) - len(name) <= 2:
                found[shown] = next(
                    (i for i, (a, b) in enumerate(zip(stem, name, strict=False)) if a != b),
                    min(len(stem), len(name)),
                )  # the letters they share at the start
        best = max(found.values(), default=0)
        return tuple(sorted(shown for shown, common in found.items() if common == best))

    def members(self, county: CountyCode, on: date | None = None) -> tuple[Municipality, ...]:
        """The county's municipalities in force on ``on``, or every one it ever had (merged ones
        included) when ``on`` is None; in Finnish alphabetical order."""
        if county not in self._counties:
            raise _failed(_COUNTY, county.value, hint=self._county_code_hint(county.value))
        found = [
            m
            for m in self._municipalities.values()
            if m.county == county and (on is None or m.in_force_on(on))
        ]
        return tuple(sorted(found, key=lambda m: (finnish_sort_key(m.name_fi), m.code)))

    def in_force(self, on: date) -> tuple[Municipality, ...]:
        """Every municipality that exists on ``on``, Åland's included, in code order."""
        return tuple(m for m in self._municipalities.values() if m.in_force_on(on))

    def organisers(self) -> tuple[WellbeingCounty, ...]:
        """Who organises social and health services: the 21 counties and the City of Helsinki
        (90). Åland is outside the reform."""
        return tuple(c for c in self._counties.values() if c.code != ALAND)

    def _municipality_code_hint(self, digits: str) -> Message:
        """How a municipality code is written, with what ``digits`` may have meant: one whole
        sentence per case, so that a translator can order its words."""
        padded = county = None
        if len(digits) < 3:
            padded = self._municipalities.get(MunicipalityCode(digits.zfill(3)))
            if len(digits) == 2:
                county = self._counties.get(CountyCode(digits))
        if padded and county:
            return message(
                "municipality codes have three digits ({code} is {name}); "
                "{digits} is the county code of {county}",
                code=str(padded.code),
                name=Names(fi=padded.name_fi, sv=padded.name_sv),
                digits=digits,
                county=Names(fi=county.short_fi, sv=county.short_sv),
            )
        if padded:
            return message(
                "municipality codes have three digits ({code} is {name})",
                code=str(padded.code),
                name=Names(fi=padded.name_fi, sv=padded.name_sv),
            )
        if county:
            return message(
                "municipality codes have three digits; {digits} is the county code of {county}",
                digits=digits,
                county=Names(fi=county.short_fi, sv=county.short_sv),
            )
        return message("municipality codes have three digits")

    def _county_code_hint(self, digits: str) -> Message:
        """How a county code is written, with what ``digits`` may have meant."""
        if len(digits) == 2:
            return message("county codes are 01–21, 90 (City of Helsinki) and 91 (Åland)")
        if len(digits) < 2 and (padded := self._counties.get(CountyCode(digits.zfill(2)))):
            return message(
                "wellbeing services county codes have two digits ({code} is {name})",
                code=str(padded.code),
                name=Names(fi=padded.short_fi, sv=padded.short_sv),
            )
        if len(digits) == 3 and (place := self._municipalities.get(MunicipalityCode(digits))):
            return message(
                "wellbeing services county codes have two digits; "
                "{digits} is the municipality {name}",
                digits=digits,
                name=Names(fi=place.name_fi, sv=place.name_sv),
            )
        return message("wellbeing services county codes have two digits")


def registry_from_json(data: Mapping[str, Any]) -> Registry:
    """A registry from the structure of ``registry.json`` (see ``scripts/build_registry.py``)."""
    counties = [
        WellbeingCounty(
            code=CountyCode(c["code"]),
            name_fi=c["name_fi"],
            name_sv=c["name_sv"],
            name_en=c["name_en"],
            short_fi=c["short_fi"],
            short_sv=c["short_sv"],
            map_key=c.get("map_key", ""),
            aliases=tuple(c.get("aliases", ())),
        )
        for c in data["counties"]
    ]
    municipalities = [
        Municipality(
            code=MunicipalityCode(m["code"]),
            name_fi=m["name_fi"],
            name_sv=m["name_sv"],
            population=m["population"],
            county=CountyCode(m["county"]),
            valid_until=date.fromisoformat(m["valid_until"]) if "valid_until" in m else None,
            successor=MunicipalityCode(m["successor"]) if "successor" in m else None,
        )
        for m in data["municipalities"]
    ]
    return Registry(municipalities, counties)


def registry_file() -> Path:
    """Where the shipped registry is, so that ``--output`` can refuse to replace it."""
    return Path(str(files("fundgap") / "data" / "registry.json"))


@functools.cache
def load_registry() -> Registry:
    """The registry shipped with the package, read once per process."""
    text = registry_file().read_text(encoding="utf-8")
    return registry_from_json(json.loads(text))
