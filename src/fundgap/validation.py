"""What a loaded dataset holds, and what in it looks doubtful though it is not an error.

``fundgap validate`` prints this: the counts let a user see that everything was read, and the
warnings point at data that would make an analysis misleading (a year with no funding data,
a merged municipality, a funder that looks public but is no municipality or county).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import timedelta
from decimal import Decimal
from typing import Any

import attrs

from fundgap.codes import CountyCode, MunicipalityCode
from fundgap.errors import Location, Problem, did_you_mean
from fundgap.i18n import Euros, Message, Names, Number, Quoted, listing, message, plural
from fundgap.model import Dataset, FunderKind
from fundgap.periods import Period, period_words
from fundgap.registry import Registry, place_words


@attrs.frozen
class ValidationSummary:
    """Counts of what a dataset holds, and its data-quality warnings."""

    dataset: str
    parts: tuple[str, ...]
    agreements_by_status: dict[str, int]
    services_by_category: dict[str, int]
    services_by_zone: dict[str, int]
    organisations: int
    funding_decisions: int
    funding_total: Decimal
    funding_by_funder: dict[str, int]
    municipalities: tuple[MunicipalityCode, ...]
    counties: tuple[CountyCode, ...]
    years: tuple[int, int] | None
    warnings: tuple[Problem, ...]

    @property
    def services(self) -> int:
        return sum(self.services_by_category.values())

    @property
    def agreements(self) -> int:
        return sum(self.agreements_by_status.values())

    def to_dict(self) -> dict[str, Any]:
        """The document ``fundgap.validate/1`` (docs/json.md)."""
        from fundgap.render.contracts import validation_document
        from fundgap.render.converter import unstructured

        return unstructured(validation_document(self))


def validate(dataset: Dataset) -> ValidationSummary:
    """Summarise ``dataset`` and list its data-quality warnings."""
    services = dataset.services.values()
    municipalities = {code for s in services for code in s.municipalities}
    municipalities |= {code for a in dataset.agreements.values() for code in a.municipalities}
    counties = {dataset.registry.municipalities[m].county for m in municipalities}
    counties |= {a.county for a in dataset.agreements.values()}
    warnings = sorted(_warnings(dataset), key=Problem.sort_key)
    return ValidationSummary(
        dataset=dataset.name,
        parts=dataset.parts,
        agreements_by_status=_counted(a.status.value for a in dataset.agreements.values()),
        services_by_category=_counted(s.category for s in services),
        services_by_zone=_counted(dataset.category_of(s).zone.value for s in services),
        organisations=len(dataset.organisations),
        funding_decisions=len(dataset.funding),
        funding_total=sum((d.amount for d in dataset.funding), Decimal(0)),
        funding_by_funder=_counted(d.funder.kind.value for d in dataset.funding),
        municipalities=tuple(sorted(municipalities)),
        counties=tuple(sorted(counties)),
        years=_years(dataset),
        warnings=tuple(warnings),
    )


def _counted(keys: Iterable[str]) -> dict[str, int]:
    return dict(sorted(Counter(keys).items()))


def _years(dataset: Dataset) -> tuple[int, int] | None:
    """The calendar years the dated facts span: agreements and funding decisions."""
    periods = [a.validity for a in dataset.agreements.values()] + [
        d.period for d in dataset.funding
    ]
    if not periods:
        return None
    first = min(p.start.year for p in periods)
    last = max((p.end or p.start).year for p in periods)
    return first, last


def funding_years(dataset: Dataset) -> range:
    """The years that the funding data covers: from its first to its last decision."""
    if not dataset.funding:
        return range(0)
    first = min(d.period.start.year for d in dataset.funding)
    last = max(d.period.last.year for d in dataset.funding)
    return range(first, last + 1)


def _warnings(dataset: Dataset) -> Iterator[Problem]:
    yield from _unfunded_years(dataset)
    yield from _merged_municipalities(dataset)
    yield from funder_warnings(dataset)
    yield from _idle_organisations(dataset)
    yield from _overlapping_replacements(dataset)
    yield from _funding_outside_activity(dataset)


def _located(source: Location | None, words: Message) -> Problem:
    return Problem(source or Location("?"), words)


def _unfunded_years(dataset: Dataset) -> Iterator[Problem]:
    funded: dict[str, set[int]] = {}
    for decision in dataset.funding:
        funded.setdefault(decision.service, set()).update(decision.period.years())
    span = funding_years(dataset)
    for service in dataset.services.values():
        missing = [
            year
            for year in span
            if service.active.days_in_year(year) and year not in funded.get(service.id, set())
        ]
        if missing:
            yield _located(
                service.source,
                plural(
                    "service {service} has no funding decisions for the year {years}: "
                    "it will show as unfunded unless the data is missing",
                    "service {service} has no funding decisions for the years {years}: "
                    "it will show as unfunded unless the data is missing",
                    len(missing),
                    service=Quoted(service.id),
                    years=listing(missing),
                ),
            )


def _merged_municipalities(dataset: Dataset) -> Iterator[Problem]:
    registry = dataset.registry
    for agreement in dataset.agreements.values():
        for code in agreement.municipalities:
            municipality = registry.municipalities[code]
            if municipality.successor is not None and municipality.valid_until is not None:
                successor = registry.municipalities[municipality.successor]
                yield _located(
                    agreement.source,
                    message(
                        "agreement {agreement} names {municipality}, which merged into "
                        "{successor} on {day}; an agreement after that must name {name}",
                        agreement=Quoted(agreement.id),
                        municipality=place_words(municipality),
                        successor=place_words(successor),
                        day=municipality.valid_until + timedelta(days=1),
                        name=Names(fi=successor.name_fi, sv=successor.name_sv),
                    ),
                )


# A word of a funder's name that makes it look like a municipality, a county or one of their
# bodies: kunta, kaupunki, hyvinvointialue (hva), sote, lautakunta, kuntayhtymä, stad, kommun,
# välfärdsområde, city, county, municipality, in the forms that names of bodies use
# ("Tampereen kaupungin sivistyslautakunta", "Kårkulla samkommun", "Eksote"). Whole words or
# these word parts only, so that "seurakunta", "ylioppilaskunta" and "Kaupunkilähetys" do not.
_PUBLIC_WORD = re.compile(
    r"kunta|kunnat|kuntien|kunnan\w*|kunnallis\w*"
    r"|\w*kaupunki|kaupunkien|kaupungi\w*"
    r"|\w*hyvinvointialue\w*|hva|alue(?:hallitu|valtuusto)\w*"
    r"|sote|\w+sote|\w*lautakun\w*|\w*kuntayhtymä\w*"
    r"|stad|staden|stadens|stads|stads(?:styrelse|fullmäktige)\w*"
    r"|\w*kommun|kommunen|kommunens|kommuns|kommun(?:styrelse|fullmäktige|alförbund)\w*"
    r"|\w*välfärdsområde\w*|maakun\w*|landskap\w*|city|county|municipality"
)
# A word for a part of an administration or for a grant, which with a place's name makes the
# name a municipality's or county's body ("Tampereen sivistystoimi", "Tampere
# kulttuuripalvelut", "Kangasala, hyte", "Pirha järjestöavustus"); alone it does not (an NGO's
# "Tampereen kriisikeskus" is no body, and "STEA-avustus" names no place).
_ADMINISTRATION_WORD = re.compile(
    r"\w*toimi|\w*toimiala|\w*palvelu(?:t|jen)?|hyte|\w*avustu\w*|\w*virasto|\w*hallitus"
    r"|\w*förvaltning\w*|\w*understöd\w*"
)
# A word that makes a name an association's, a foundation's, a parish's or a company's, which
# may well carry a place's name and a public word ("Tampereen kaupunginosayhdistys ry").
_PRIVATE_WORD = re.compile(
    r"ry|rf|sr|oy|oyj|ab|abp|ky|ay|\w*säätiö\w*|\w*stiftelse\w*|foundation|fund"
    r"|\w*yhdisty\w*|\w*förening\w*|association|\w*seurakun\w*|\w*församling\w*"
    r"|\w*rahasto\w*|\w*fond\w*|osuuskun\w*"
)


def _words(text: str) -> list[str]:
    """The words of ``text`` as the patterns above read them (``r.y.`` is ``ry``)."""
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).casefold().replace(".", ""))


def _looks_public(name: str, places: tuple[str, ...]) -> bool:
    """Whether ``name`` reads like a municipality's or county's (or one of their bodies'): a
    public word, or the name of one of ``places`` with a word of administration."""
    words = _words(name)
    if any(_PRIVATE_WORD.fullmatch(w) for w in words):
        return False
    if any(_PUBLIC_WORD.fullmatch(w) for w in words):
        return True
    return bool(places) and any(_ADMINISTRATION_WORD.fullmatch(w) for w in words)


def _named_places(registry: Registry, name: str) -> tuple[str, ...]:
    """The municipalities and counties whose name, brand or Finnish genitive is a word of
    ``name``: ``Tampere`` in "Tampereen sivistystoimi", ``Pirkanmaa`` in "Pirha avustus"."""
    found: list[str] = []
    for word in re.findall(r"[^\W\d_][\w-]*", name):
        if (municipality := registry.find_municipality(word)) is not None:
            found.append(municipality.name_fi)
        elif (county := registry.find_county(word)) is not None:
            found.append(county.short_fi)
        else:
            found += registry.genitive_of(word)
    return tuple(dict.fromkeys(found))


def _place_words(name: str) -> list[str]:
    """What in ``name`` may name a place: each run of words between the public words and the
    punctuation (``Vantaan ja Keravan`` of ``Vantaan ja Keravan hva, avustus``), and each of
    their words (``kaupunki`` itself is close to ``Uusikaupunki``)."""
    runs: list[list[str]] = [[]]
    for token in re.findall(r"[\w-]+|[^\w\s-]", name):
        if token[0].isalnum() and not any(_PUBLIC_WORD.fullmatch(w) for w in _words(token)):
            runs[-1].append(token)
        elif runs[-1]:
            runs.append([])
    return [" ".join(run) for run in runs if len(run) > 1] + [w for run in runs for w in run]


def funder_warnings(dataset: Dataset) -> tuple[Problem, ...]:
    """One warning per funder name that looks like a municipality or county but is neither
    (``Tampereen kaupunki, sivistyslautakunta``; ``Tampre``), at the first row naming it: its
    money counts in what a service is funded, but in no party's share. The commands that
    analyse print these on stderr; ``validate`` lists them with its other warnings."""
    registry = dataset.registry
    checked: set[str] = set()
    found: list[Problem] = []
    for decision in dataset.funding:
        name = decision.funder.name
        if decision.funder.kind is not FunderKind.OTHER or name in checked:
            continue  # 30 000 rows name a few hundred funders: each name is checked once
        checked.add(name)
        close = registry.near_names(name)
        if not close:
            places = _named_places(registry, name)
            if not _looks_public(name, places):
                continue
            close = registry.near_names(*_place_words(name)) or places
        where = decision.source or Location("?")
        found.append(
            Problem(
                attrs.evolve(where, path="funder"),
                message(
                    "funder {funder} looks like a municipality or county but matches none by "
                    "name, so its money counts in no party's share{suggestions}",
                    funder=Quoted(name),
                    suggestions=did_you_mean(close),
                ),
            )
        )
    found += _outside_area(dataset)
    return tuple(found)


def _outside_area(dataset: Dataset) -> Iterator[Problem]:
    """A county that funds a service serving none of its municipalities, once per county and
    service: its money then counts as a voluntary payer's, which is news if true and a slip in
    the funder cell if not."""
    registry = dataset.registry
    seen: set[tuple[str, str]] = set()
    for decision in dataset.funding:
        funder = decision.funder
        if funder.kind is not FunderKind.COUNTY or not isinstance(funder.code, CountyCode):
            continue
        service = dataset.services[decision.service]
        if (funder.key, service.id) in seen:
            continue
        seen.add((funder.key, service.id))
        if all(registry.municipalities[m].county != funder.code for m in service.municipalities):
            yield Problem(
                attrs.evolve(decision.source or Location("?"), path="funder"),
                message(
                    "county {county} funds {service}, which serves none of its municipalities, "
                    "so its money counts as a voluntary payer's; check the funder",
                    county=place_words(registry.counties[funder.code]),
                    service=Quoted(service.id),
                ),
            )


def _idle_organisations(dataset: Dataset) -> Iterator[Problem]:
    used = {s.organisation for s in dataset.services.values()}
    for organisation in dataset.organisations.values():
        if organisation.id not in used:
            yield _located(
                organisation.source,
                message(
                    "organisation {organisation} provides no service",
                    organisation=Quoted(organisation.id),
                ),
            )


def _overlapping_replacements(dataset: Dataset) -> Iterator[Problem]:
    for agreement in dataset.agreements.values():
        old = dataset.agreements.get(agreement.replaces or "")
        if old is None or not old.status.in_force or not agreement.status.in_force:
            continue
        both = old.validity.intersection(agreement.validity)
        if both is not None:
            yield _located(
                agreement.source,
                message(
                    "agreement {agreement} replaces {old}, but both are in force {both}; "
                    "end {old} the day before {start}",
                    agreement=Quoted(agreement.id),
                    old=Quoted(old.id),
                    both=period_words(both),
                    start=agreement.validity.start,
                ),
            )


def _funding_outside_activity(dataset: Dataset) -> Iterator[Problem]:
    """A decision whose period reaches outside the service's active period: its money is still
    counted for the years it is granted for (SPEC §5), so the period, or the service's
    active_from and active_until, probably says something other than what was meant."""
    for decision in dataset.funding:
        service = dataset.services[decision.service]
        outside = _days_outside(decision.period, service.active)
        if not outside:
            continue
        total = decision.period.days or 0
        idle = sum(
            decision.period.days_in_year(year)
            for year in decision.period.years()
            if not service.active.days_in_year(year)
        )
        values = {
            "outside": Number(outside),
            "total": Number(total),
            "service": Quoted(service.id),
            "active": period_words(service.active),
        }
        if not idle:
            words = message(
                "{outside} of the {total} days of this funding for {service} fall outside the "
                "service's active period {active}; the money is counted in full for the years "
                "it is granted for, so check the decision's period and the service's "
                "active_from and active_until",
                **values,
            )
        else:
            words = message(
                "{outside} of the {total} days of this funding for {service} fall outside the "
                "service's active period {active}; the money is counted in full for the years "
                "it is granted for, so check the decision's period and the service's "
                "active_from and active_until; {unseen} of it falls in years in which the "
                "service is not active at all and shows in no year's analysis",
                unseen=Euros(decision.amount * idle / total),
                **values,
            )
        yield _located(decision.source, words)


def _days_outside(period: Period, active: Period) -> int:
    inside = period.intersection(active)
    total = period.days or 0
    return total - (0 if inside is None else inside.days or 0)
