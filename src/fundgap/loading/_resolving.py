"""Turning read records into the domain model: every name resolved, every value checked.

Each problem is reported once, at the key that causes it. A record that could not be built is
remembered by id, so references to it do not report the same mistake again. A record whose id
is already taken is checked all the same, so that all its problems come out in one run, but
it is never registered: references go to the first record with that id.

So is a record in which the reader found a value of the wrong type, a missing or an unknown key:
such a key holds a stand-in that fails the key's own check, so nothing is built on it, and what
is found at a stand-in is not reported (the reader has reported the key). A period, the one
value built from two keys, is unknown when either holds a stand-in. What depends on an unknown
value (a merger during the period, a clause outside the agreement's validity, a party outside
the county) is not checked, just as when the value itself is wrong.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeVar

import attrs

from fundgap.categories import Categories, Category, Zone, key_message
from fundgap.codes import (
    HELSINKI,
    HELSINKI_ORGANISER,
    CountyCode,
    MunicipalityCode,
    business_id_message,
)
from fundgap.drafts import DraftAgreement, DraftClause
from fundgap.errors import Location, LookupFailedError, Problem, did_you_mean
from fundgap.i18n import Euros, Message, Names, Number, Quoted, label, listing, message
from fundgap.limits import (
    FIRST_DAY,
    FIRST_YEAR,
    LAST_DAY,
    LAST_YEAR,
    MAX_AMOUNT,
    MAX_INDEXATION_PERCENT,
    MAX_NOTICE_MONTHS,
)
from fundgap.loading._documents import (
    AgreementDoc,
    CategoryDoc,
    ClauseDoc,
    ManifestDoc,
    OrganisationDoc,
    ServiceDoc,
)
from fundgap.loading._funding_csv import FundingRow
from fundgap.loading._reading import AgreementRecord, Part, Record
from fundgap.model import (
    STEA,
    Agreement,
    AgreementStatus,
    Funder,
    FunderKind,
    FundingDecision,
    Instrument,
    Organisation,
    Service,
)
from fundgap.money import AMOUNT_EXAMPLES_MESSAGE, parse_amount
from fundgap.periods import (
    DATE_FORMS_MESSAGE,
    ImpossibleDateError,
    Period,
    TimeOfDayError,
    excel_serial_date,
    parse_cell_date,
    period_words,
)
from fundgap.places import Municipality, WellbeingCounty
from fundgap.registry import Registry, place_words

MUNICIPALITY = message("a municipality's Finnish or Swedish name, or its 3-digit code")
COUNTY = message("a wellbeing services county's name (e.g. Pirkanmaa) or its 2-digit code")
PERCENT = message("a percentage from 0 to 100")
BEGINNING = date.min  # a service with no active_from has always been active
MOST = Number(MAX_AMOUNT)  # the largest single amount
# An agreement's whole numbers with their limits (SPEC §4 "Limits"), and what is expected.
_BOUNDED = (
    (
        "notice_months",
        MAX_NOTICE_MONTHS,
        message("0 to {most} months", most=Number(MAX_NOTICE_MONTHS)),
    ),
    (
        "indexation_percent",
        MAX_INDEXATION_PERCENT,
        message("0 to {most} percent a year", most=Number(MAX_INDEXATION_PERCENT)),
    ),
)
E = TypeVar("E", AgreementStatus, Instrument)
_PLURALS = {
    "agreement": "agreements",
    "category": "categories",
    "organisation": "organisations",
    "service": "services",
}
# What each kind of record is called in "unknown {what} 'x'" (errors.LookupFailedError's words),
# and what its id is expected to be.
_LOOKED_UP = {
    "agreement": label("looked up", "agreement"),
    "category": label("looked up", "category"),
    "organisation": label("looked up", "organisation"),
    "service": label("looked up", "service"),
}
_AN_ID = {
    "agreement": message("the id of an agreement in the dataset"),
    "organisation": message("the id of an organisation in the dataset"),
    "service": message("the id of a service in the dataset"),
}

# Finnish and Swedish words for the status, as people write them in an agreement.
_STATUS_ALIASES = {
    "luonnos": "draft",
    "utkast": "draft",
    "neuvoteltavana": "negotiation",
    "under förhandling": "negotiation",
    "allekirjoitettu": "signed",
    "undertecknat": "signed",
    "päättynyt": "terminated",
    "upphört": "terminated",
}
_CITY_WORDS = ("kaupunki", "kunta", "stad", "kommun")
# A code that a spreadsheet took for a number and wrote with decimals: 837.0, 20,00.
_CODE_AS_NUMBER = re.compile(r"([0-9]{1,3})[.,]0+")
_INSTRUMENTS = {i.value: i for i in Instrument}

_INSTRUMENT_ALIASES = {
    "avustus": Instrument.GRANT,
    "toiminta-avustus": Instrument.GRANT,
    "understöd": Instrument.GRANT,
    "ostopalvelu": Instrument.PURCHASE,
    "köpt tjänst": Instrument.PURCHASE,
    "palveluseteli": Instrument.VOUCHER,
    "servicesedel": Instrument.VOUCHER,
    "toimitilat": Instrument.PREMISES,
    "lokaler": Instrument.PREMISES,
}


def _where(location: Location) -> str:
    """``file:line`` of an earlier record, named in a message."""
    return f"{location.file}:{location.line}"


def _already_used(kind: str, identifier: str, first: Location) -> tuple[Message, Message]:
    """The problem of an id used a second time, and what is expected; one sentence per kind,
    since Finnish and Swedish inflect the noun."""
    shown, where = Quoted(identifier), _where(first)
    if kind == "organisation":
        return (
            message("organisation id {id} is already used at {where}", id=shown, where=where),
            message("an organisation id used only once in the whole dataset"),
        )
    if kind == "service":
        return (
            message("service id {id} is already used at {where}", id=shown, where=where),
            message("a service id used only once in the whole dataset"),
        )
    return (
        message("agreement id {id} is already used at {where}", id=shown, where=where),
        message("an agreement id used only once in the whole dataset"),
    )


def _inside(location: Location, paths: set[tuple[str, str]]) -> bool:
    """Whether ``location`` is at one of the key ``paths`` (file, key path) or inside one."""
    path = location.path
    return any(
        (location.file, path[:end]) in paths
        for end in (*(i for i, char in enumerate(path) if char in ".["), len(path))
    )


def _differs(one: Record[CategoryDoc], other: Record[CategoryDoc], zones: set[str]) -> bool:
    """Whether two definitions of a category key disagree; a zone that is no zone at all, or a
    label that is no text, is reported on its own and not compared, so that one typo gives one
    problem."""
    for key in ("label_fi", "label_sv", "label_en"):
        known = one.known(key) and other.known(key)
        if known and getattr(one.doc, key) != getattr(other.doc, key):
            return True
    zone, other_zone = one.doc.zone.strip().lower(), other.doc.zone.strip().lower()
    return zone != other_zone and zone in zones and other_zone in zones


@attrs.define
class Resolver:
    """Builds the model for all parts of a dataset or collection, collecting problems."""

    registry: Registry
    problems: list[Problem]
    categories: Categories = attrs.Factory(Categories)
    organisations: dict[str, Organisation] = attrs.Factory(dict)
    services: dict[str, Service] = attrs.Factory(dict)
    agreements: dict[str, Agreement] = attrs.Factory(dict)
    broken: set[str] = attrs.Factory(set)
    unreadable: set[str] = attrs.Factory(set)
    stand_ins: set[tuple[str, str]] = attrs.Factory(set)
    _seen: dict[tuple[str, str], Location] = attrs.Factory(dict)
    _places: dict[str, Municipality | WellbeingCounty | None] = attrs.Factory(dict)

    def report(
        self,
        location: Location,
        words: Message | str,
        expected: Message | str | None = None,
        rule: str | None = None,
    ) -> None:
        """Add a problem, unless it is at (or inside) a stand-in, whose key is reported.
        ``words`` and ``expected`` are plain text only where a parser of another module still
        gives its reason as text; ``rule`` is the code of the draft rule that reports the same
        mistake (``fundgap rules``)."""
        if self.stand_ins and _inside(location, self.stand_ins):
            return
        self.problems.append(Problem(location, words, expected, rule))

    def resolve(self, parts: Sequence[Part]) -> list[FundingDecision]:
        """Resolve everything; the built values are left in this resolver's mappings."""
        for part in parts:
            self._take(part)
            if part.manifest is not None:
                self._manifest(part.manifest)
        self._categories([c for part in parts for c in part.categories])
        for part in parts:
            for record in part.organisations:
                self._organisation(record)
        for part in parts:
            for service in part.services:
                self._service(service)
        agreement_records = [a for part in parts for a in part.agreements]
        for agreement in agreement_records:
            self._agreement(agreement)
        for agreement in agreement_records:
            self._replaces(agreement)
        return [
            decision
            for part in parts
            for row in part.funding
            if (decision := self._funding(row)) is not None
        ]

    def resolve_agreements(self, parts: Sequence[Part]) -> None:
        """Resolve only the agreements of ``parts``, against what this resolver already holds
        (a draft read for a what-if, against a loaded dataset)."""
        records = [a for part in parts for a in part.agreements]
        for part in parts:
            self._take(part)
        for record in records:
            self._agreement(record)
        for record in records:
            self._replaces(record)

    def read_draft(self, part: Part) -> DraftAgreement:
        """The agreement of ``part`` (a draft's file) read leniently against what this
        resolver holds, its ``replaces`` checked too."""
        self._take(part)
        record = part.agreements[0]
        draft = self.read_agreement(record)
        self._replaces(record)
        return draft

    def _take(self, part: Part) -> None:
        """Remember what the reader of ``part`` could not read, so as not to report it again."""
        self.broken |= part.broken_ids
        self.unreadable |= part.unreadable
        self.stand_ins |= part.stand_ins

    def _unique(self, kind: str, identifier: str, location: Location) -> bool:
        """True for the first record with this id; a later one is reported, and its caller
        checks the rest of it but does not register it."""
        first = self._seen.setdefault((kind, identifier), location)
        if first is location:
            return True
        self.report(location, *_already_used(kind, identifier, first))
        self.broken.add(identifier)
        return False

    def _manifest(self, record: Record[ManifestDoc]) -> None:
        year = record.doc.default_year
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            self.report(
                record.at("default_year"),
                message("is {value}", value=year),
                message(
                    "a year from {first} to {last}, e.g. 2026", first=FIRST_YEAR, last=LAST_YEAR
                ),
            )

    # -- categories and organisations -------------------------------------------------------

    def _categories(self, records: Iterable[Record[CategoryDoc]]) -> None:
        """The built-ins and the dataset's categories. A key may be defined again (in another
        dataset of a collection) only with the same zone and labels."""
        zones = {z.value for z in Zone}
        first: dict[str, Record[CategoryDoc]] = {}
        extra: dict[str, Category] = {}
        for record in records:
            doc = record.doc
            key, zone = doc.key, doc.zone.strip().lower()
            count = len(self.problems)
            if zone not in zones:
                self.report(
                    record.at("zone"),
                    message("is {value}", value=Quoted(zone)),
                    message("statutory, preventive or grey"),
                )
            if key in self.categories and self.categories[key].builtin:
                self.report(
                    record.at("key"),
                    message("{key} is a built-in category", key=Quoted(key)),
                    message("a new key"),
                )
            elif problem := key_message(key):
                self.report(record.at("key"), problem)
            earlier = first.setdefault(key, record)
            if earlier is not record and _differs(earlier, record, zones):
                where = earlier.at("key")
                self.report(
                    record.at("key"),
                    message(
                        "category {key} is already defined differently at {where}",
                        key=Quoted(key),
                        where=_where(where),
                    ),
                    message("the same zone and labels as there, or another key"),
                )
            if record.failed or len(self.problems) > count:
                self.broken.add(key)  # a service naming it is not reported as unknown too
                continue
            extra.setdefault(
                key, Category(key, Zone(zone), doc.label_fi, doc.label_sv, doc.label_en)
            )
        self.categories = Categories.with_extra(extra.values())

    def _organisation(self, record: Record[OrganisationDoc]) -> None:
        doc = record.doc
        identifier = doc.id
        unique = self._unique("organisation", identifier, record.at("id"))
        try:
            organisation = Organisation(identifier, doc.name, doc.business_id, record.at())
        except ValueError as error:
            why = business_id_message(doc.business_id) if doc.business_id else None
            self.report(
                record.at("business_id"),
                str(error).removeprefix("business_id ")
                if why is None
                else message("{value}: {reason}", value=Quoted(doc.business_id or ""), reason=why),
                message(
                    "a valid Y-tunnus such as 2077474-0 (seven digits, a hyphen, the check digit)"
                ),
            )
            self.broken.add(identifier)
            return
        if unique and not record.failed:
            self.organisations[identifier] = organisation

    # -- services ----------------------------------------------------------------------------

    def _service(self, record: Record[ServiceDoc]) -> None:
        doc = record.doc
        unique = self._unique("service", doc.id, record.at("id"))
        count = len(self.problems)
        active = self._period(
            record, ("active_from", "active_until"), doc.active_from or BEGINNING, doc.active_until
        )
        self._reference(
            record, "organisation", doc.organisation, self.organisations, "organisation"
        )
        self._category(record.at("category"), doc.category)
        weights = self._weights(record, doc.municipalities, active)
        if doc.annual_cost < 0:
            self.report(
                record.at("annual_cost"),
                message("is negative ({value})", value=str(doc.annual_cost)),
                message("the need in euros a year, 0 or more"),
            )
        elif doc.annual_cost > MAX_AMOUNT:
            self.report(
                record.at("annual_cost"),
                message("is {value}, more than {most}", value=str(doc.annual_cost), most=MOST),
                message("the need in euros a year, at most {most}", most=MOST),
            )
        if (
            not unique
            or record.failed
            or len(self.problems) > count
            or active is None
            or weights is None
        ):
            self.broken.add(doc.id)
            return
        self.services[doc.id] = Service(
            id=doc.id,
            name=doc.name,
            organisation=doc.organisation,
            category=doc.category,
            weights=weights,
            annual_cost=doc.annual_cost,
            active=active,
            weights_given=isinstance(doc.municipalities, dict),
            source=record.at(),
        )

    def _weights(
        self,
        record: Record[ServiceDoc],
        given: list[str] | dict[str, Decimal],
        active: Period | None,
    ) -> tuple[tuple[MunicipalityCode, Decimal], ...] | None:
        names = list(given) if isinstance(given, dict) else given
        if not names:
            self.report(record.at("municipalities"), message("is empty"), MUNICIPALITY)
            return None
        weights: list[tuple[MunicipalityCode, Decimal]] = []
        for index, name in enumerate(names):
            key: str | int = name if isinstance(given, dict) else index
            municipality = self.municipality(record.at("municipalities", key), name, active)
            if municipality is None:
                continue
            if isinstance(given, dict):
                weight = given[name]
                if weight < 0:
                    self.report(
                        record.at("municipalities", key),
                        message("weight is negative ({value})", value=str(weight)),
                        message("a weight of 0 or more"),
                    )
                    continue
                if weight > MAX_AMOUNT:
                    self.report(
                        record.at("municipalities", key),
                        message(
                            "weight is {value}, more than {most}", value=str(weight), most=MOST
                        ),
                        message("a weight from 0 to {most}", most=MOST),
                    )
                    continue
            else:
                weight = Decimal(municipality.population)
            if any(code == municipality.code for code, _ in weights):
                self.report(
                    record.at("municipalities", key),
                    message(
                        "{municipality} is listed twice", municipality=place_words(municipality)
                    ),
                    message("each municipality once"),
                )
                continue
            weights.append((municipality.code, weight))
        if isinstance(given, dict) and all(weight == 0 for weight in given.values()):
            # on the weights as written, so that a weight with a problem of its own (a stand-in
            # or a negative one) or an unknown municipality does not make the others "all zero"
            self.report(
                record.at("municipalities"),
                message("weights are all zero"),
                message("at least one weight above 0"),
            )
            return None
        return tuple(weights) if len(weights) == len(names) else None

    # -- agreements --------------------------------------------------------------------------

    def _agreement(self, record: AgreementRecord) -> None:
        draft = self.read_agreement(record)
        if draft.complete:
            self.agreements[draft.id] = draft.agreement()
        else:
            self.broken.add(draft.id)

    def read_agreement(self, record: AgreementRecord) -> DraftAgreement:
        """The agreement of ``record`` as written, each mistake in it reported with the code
        of its rule; complete (so that it can be built) when none was found in it."""
        head = record.agreement
        doc = head.doc
        unique = self._unique("agreement", doc.id, head.at("id"))
        count = len(self.problems)
        validity = self._period(
            head, ("valid_from", "valid_until"), doc.valid_from, doc.valid_until
        )
        status = self._choice(
            head.at("status"),
            _STATUS_ALIASES.get(doc.status.casefold(), doc.status),
            AgreementStatus,
            message("draft, negotiation, signed or terminated"),
        )
        county = self._county(head, doc)
        parties, named = self._parties(head, doc, county, validity)
        for key, most, expected in _BOUNDED:
            value = getattr(doc, key)
            if value is not None and value < 0:
                self.report(
                    head.at(key),
                    message("is negative ({value})", value=str(value)),
                    message("0 or more"),
                )
            elif value is not None and value > most:
                self.report(
                    head.at(key),
                    message("is {value}, more than {most}", value=str(value), most=Number(most)),
                    expected,
                )
        clause_ids: set[str] = set()
        clauses = tuple(
            self._clause(clause_record, parties, named, validity, clause_ids)
            for clause_record in record.clauses
        )
        complete = (
            unique
            and len(self.problems) == count
            and not record.broken
            and validity is not None
            and status is not None
            and county is not None
            and len(parties) == len(doc.municipalities) > 0
            and all(clause.complete for clause in clauses)
        )
        return DraftAgreement(record, status, county, parties, validity, clauses, complete=complete)

    def _county(self, head: Record[AgreementDoc], doc: AgreementDoc) -> CountyCode | None:
        try:
            county = self.registry.county(doc.county)
        except LookupFailedError as error:
            self.report(head.at("county"), error.message, COUNTY, rule="FG108")
            return None
        if not county.in_reform:
            self.report(
                head.at("county"),
                message(
                    "Åland is outside the health and social services reform; "
                    "it has no wellbeing services county"
                ),
                COUNTY,
                rule="FG106",
            )
            return None
        if county.is_helsinki:
            self.report(
                head.at("county"),
                message(
                    "the City of Helsinki organises its own services and needs no agreement "
                    "with itself; its residents' services are the city's by law"
                ),
                COUNTY,
            )
            return None
        return county.code

    def _parties(
        self,
        head: Record[AgreementDoc],
        doc: AgreementDoc,
        county: CountyCode | None,
        validity: Period | None,
    ) -> tuple[tuple[MunicipalityCode, ...], set[MunicipalityCode] | None]:
        """The parties that are members of ``county`` and exist during ``validity``, each once,
        and every municipality the list names (to tell a clause's non-party from a party
        already reported; None when the list could not be read)."""
        if not head.known("municipalities"):
            return (), None
        if not doc.municipalities:
            self.report(
                head.at("municipalities"),
                message("is empty"),
                message("at least one municipality of the county"),
            )
            return (), set()
        parties: list[MunicipalityCode] = []
        named: set[MunicipalityCode] = set()
        for index, name in enumerate(doc.municipalities):
            location = head.at("municipalities", index)
            with_code = self._named(name)
            if with_code is not None:
                named.add(with_code)
            municipality = self.municipality(location, name, validity)
            if municipality is None:
                continue
            if county is not None and municipality.county != county:
                home = self.registry.counties[municipality.county]
                self.report(
                    location,
                    message(
                        "{municipality} belongs to {home}, not to the agreement's county {county}",
                        municipality=place_words(municipality),
                        home=place_words(home),
                        county=str(county),
                    ),
                    message("municipalities of county {county}", county=str(county)),
                    rule="FG105",
                )
                continue
            if municipality.code in parties:
                self.report(
                    location,
                    message(
                        "{municipality} is listed twice", municipality=place_words(municipality)
                    ),
                    message("each municipality once"),
                )
                continue
            parties.append(municipality.code)
        return tuple(parties), named

    def _named(self, text: str) -> MunicipalityCode | None:
        """The code of the municipality ``text`` names, if the registry knows it at all."""
        try:
            return self.registry.municipality(text).code
        except LookupFailedError:
            return None

    def _clause(
        self,
        record: Record[ClauseDoc],
        parties: tuple[MunicipalityCode, ...],
        named: set[MunicipalityCode] | None,
        validity: Period | None,
        seen: set[str],
    ) -> DraftClause:
        doc = record.doc
        count = len(self.problems)
        if doc.id in seen:
            self.report(
                record.at("id"),
                message("clause id {id} is used twice in this agreement", id=Quoted(doc.id)),
                message("a clause id unique within the agreement"),
            )
        seen.add(doc.id)
        for key in ("county_share", "municipality_share"):
            share: Decimal = getattr(doc, key)
            if share < 0:
                self.report(
                    record.at(key), message("is negative ({value})", value=str(share)), PERCENT
                )
            elif share > 100:
                self.report(
                    record.at(key),
                    message("is {value}, more than {most}", value=str(share), most=Number(100)),
                    PERCENT,
                    rule="FG102",
                )
        if not doc.categories and not doc.services:
            self.report(
                record.at("categories"),
                message("neither categories nor services are given"),
                message("at least one category or service in scope"),
            )
        for index, key in enumerate(doc.categories):
            self._category(record.at("categories", index), key)
        for index, key in enumerate(doc.services):
            self._reference(record, ("services", index), key, self.services, "service")
        instrument = self._instrument(record.at("instrument"), doc.instrument)
        if doc.annual_cap is not None and doc.annual_cap < 0:
            self.report(
                record.at("annual_cap"),
                message("is negative ({value})", value=str(doc.annual_cap)),
                message("euros a year, 0 or more"),
            )
        elif doc.annual_cap is not None and doc.annual_cap > MAX_AMOUNT:
            self.report(
                record.at("annual_cap"),
                message("is {value}, more than {most}", value=str(doc.annual_cap), most=MOST),
                message("euros a year, at most {most}", most=MOST),
            )
        period = None
        if doc.valid_from is not None or doc.valid_until is not None:
            start = doc.valid_from or (validity.start if validity else None)
            end = (
                doc.valid_until
                if doc.valid_until is not None
                else (validity.end if validity else None)
            )
            period = self._period(record, ("valid_from", "valid_until"), start, end)
            if period is not None and validity is not None and not validity.covers(period):
                key = "valid_from" if period.start < validity.start else "valid_until"
                self.report(
                    record.at(key),
                    message(
                        "the clause runs {period}, outside the agreement's validity {validity}",
                        period=period_words(period),
                        validity=period_words(validity),
                    ),
                    message("a clause period inside the agreement's validity"),
                    rule="FG107",
                )
        municipalities = self._clause_municipalities(record, parties, named)
        services = tuple(
            key for key in doc.services if key in self.services or "services" in self.unreadable
        )
        return DraftClause(
            record,
            categories=tuple(key for key in doc.categories if key in self.categories),
            services=services,
            municipalities=municipalities,
            instrument=instrument,
            period=period,
            period_known=period is not None or (doc.valid_from is None and doc.valid_until is None),
            complete=not record.failed and len(self.problems) == count and instrument is not None,
        )

    def _clause_municipalities(
        self,
        record: Record[ClauseDoc],
        parties: tuple[MunicipalityCode, ...],
        named: set[MunicipalityCode] | None,
    ) -> tuple[MunicipalityCode, ...] | None:
        """The parties among the municipalities the clause names; one the agreement does not
        name is reported, one it names but could not take as a party is reported there."""
        if record.doc.municipalities is None:
            return None
        if not record.doc.municipalities:
            self.report(
                record.at("municipalities"),
                message("is empty, so the clause would apply to nobody"),
                message("some of the agreement's municipalities, or no key for all of them"),
            )
        chosen = []
        for index, name in enumerate(record.doc.municipalities):
            municipality = self.municipality(record.at("municipalities", index), name, None)
            if municipality is None:
                continue
            if named is None:
                continue
            if municipality.code not in named:
                self.report(
                    record.at("municipalities", index),
                    message(
                        "{municipality} is not a party to the agreement",
                        municipality=place_words(municipality),
                    ),
                    message("one of the agreement's municipalities"),
                    rule="FG103",
                )
                continue
            if municipality.code in parties and municipality.code not in chosen:
                chosen.append(municipality.code)
        return tuple(chosen)

    def _replaces(self, record: AgreementRecord) -> None:
        """Checked once every agreement is known, for every agreement record, whether it could
        be built or not, so that an unknown ``replaces`` comes out with its other problems."""
        doc = record.agreement.doc
        if doc.replaces is None:
            return
        if doc.replaces == doc.id:
            self.report(
                record.agreement.at("replaces"),
                message("names the agreement itself"),
                message("the id of an earlier agreement"),
            )
        elif doc.replaces not in self.agreements and doc.replaces not in self.broken:
            self._unknown(
                record.agreement.at("replaces"), "agreement", doc.replaces, self.agreements
            )

    # -- funding -----------------------------------------------------------------------------

    def _funding(self, row: FundingRow) -> FundingDecision | None:
        count = len(self.problems)
        cells = row.cells
        service = cells["service"]
        if not service:
            self.report(row.at("service"), message("is empty"), message("the id of a service"))
        elif service not in self.services and service not in self.broken:
            self._unknown(row.at("service"), "service", service, self.services)
        start = self._csv_date(row, "start")
        end = self._csv_date(row, "end")
        period = None
        if start and end:
            if end < start:
                self.report(row.at("end"), *_end_before_start(start, end))
            else:
                period = Period(start, end)
        funder = self._funder(row, period)
        amount = self._amount(row)
        text = cells.get("instrument") or "grant"
        instrument = _INSTRUMENTS.get(text.strip().casefold()) or self._instrument(
            row.at("instrument"), text
        )
        if (
            len(self.problems) > count
            or service not in self.services
            or period is None
            or funder is None
            or amount is None
            or instrument is None
        ):
            return None
        return FundingDecision(
            service, funder, period, amount, instrument, cells.get("reference", ""), row.location
        )

    def _csv_date(self, row: FundingRow, column: str) -> date | None:
        text = row.cells[column]
        try:
            day = parse_cell_date(text)
        except TimeOfDayError as error:
            self.report(
                row.at(column),
                message(
                    "{problem}, but a funding decision runs for whole days", problem=error.message
                ),
                DATE_FORMS_MESSAGE,
            )
        except ImpossibleDateError as error:  # says why: 2025 has no 29 February
            self.report(row.at(column), error.message, DATE_FORMS_MESSAGE)
        except ValueError:
            if serial := excel_serial_date(text):
                self.report(
                    row.at(column),
                    message(
                        "{text} is a date as Excel counts days, not as it shows them: "
                        "{number} is {day}",
                        text=Quoted(text),
                        number=text,
                        day=serial,
                    ),
                    message(
                        "{forms}: format the column as dates in Excel before saving",
                        forms=DATE_FORMS_MESSAGE,
                    ),
                )
            elif not text:
                self.report(row.at(column), message("is empty"), DATE_FORMS_MESSAGE)
            else:
                self.report(
                    row.at(column),
                    message("{text} is not a date", text=Quoted(text)),
                    DATE_FORMS_MESSAGE,
                )
        else:
            if FIRST_DAY <= day <= LAST_DAY:
                return day
            if day < FIRST_DAY:
                words = message("{text} is before {first}", text=Quoted(text), first=FIRST_DAY)
            else:
                words = message("{text} is after {last}", text=Quoted(text), last=LAST_DAY)
            self.report(
                row.at(column),
                words,
                message("a date from {first} to {last}", first=FIRST_DAY, last=LAST_DAY),
            )
        return None

    def _amount(self, row: FundingRow) -> Decimal | None:
        text = row.cells["amount"]
        try:
            amount = parse_amount(text)
        except (ValueError, ArithmeticError):
            self.report(
                row.at("amount"),
                message("is empty")
                if not text
                else message("{text} is not an amount", text=Quoted(text)),
                AMOUNT_EXAMPLES_MESSAGE,
            )
            return None
        if amount < 0:
            self.report(
                row.at("amount"),
                message("is negative ({value})", value=text),
                message("an amount of 0 euros or more"),
            )
            return None
        if amount > MAX_AMOUNT:
            most = Euros(Decimal(MAX_AMOUNT))
            self.report(
                row.at("amount"),
                message("is {value}, more than {most}", value=text, most=most),
                message("an amount of at most {most}", most=most),
            )
            return None
        exponent = amount.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -2:
            self.report(
                row.at("amount"),
                message(
                    "{text} has more than two decimals, so it is unclear whether "
                    "the mark separates thousands or cents",
                    text=Quoted(text),
                ),
                message(
                    "euros with at most two decimals; thousands separated by spaces or not at all"
                ),
            )
            return None
        return amount

    def _funder(self, row: FundingRow, period: Period | None) -> Funder | None:
        text = row.cells["funder"]
        if not text:
            self.report(
                row.at("funder"),
                message("is empty"),
                message("a municipality, a county, STEA or another funder's name"),
            )
            return None
        if text.casefold() == "stea":
            return STEA
        if text not in self._places:  # 30 000 rows name a few hundred funders
            self._places[text] = self.registry.find_municipality(text) or self.registry.find_county(
                text
            )
        found = self._places[text]
        if isinstance(found, Municipality):
            if found.valid_until is None and not found.in_aland:  # nothing to check: fast path
                return Funder(FunderKind.MUNICIPALITY, found.name_fi, found.code)
            municipality = self.municipality(row.at("funder"), text, period)
            if municipality is None:
                return None
            return Funder(FunderKind.MUNICIPALITY, municipality.name_fi, municipality.code)
        county = self._places[text]
        if not isinstance(county, WellbeingCounty):
            if text.isdigit():
                error = self._registry_miss(text)
                self.report(
                    row.at("funder"),
                    error.message,
                    message(
                        "{municipality}, {county}, or a funder's name",
                        municipality=MUNICIPALITY,
                        county=COUNTY,
                    ),
                )
                return None
            return self._other_funder(row, text, period)
        if county.code == HELSINKI_ORGANISER:
            return Funder(FunderKind.MUNICIPALITY, "Helsinki", HELSINKI)
        if not county.in_reform:
            self.report(
                row.at("funder"),
                message("Åland is outside the health and social services reform"),
                COUNTY,
            )
            return None
        if text.isdigit() and self._lost_leading_zero(row, text, county):
            return None
        return Funder(FunderKind.COUNTY, county.short_fi, county.code)

    def _lost_leading_zero(self, row: FundingRow, text: str, county: WellbeingCounty) -> bool:
        """Report a municipality code that a spreadsheet shortened into a county's: "20" for
        Akaa's 020 makes Kainuu (20) pay for a service in Pirkanmaa. True when reported."""
        service = self.services.get(row.cells["service"])
        code = MunicipalityCode(text.zfill(3))
        if service is None or code not in service.municipalities:
            return False
        if any(
            self.registry.municipalities[m].county == county.code for m in service.municipalities
        ):
            return False
        municipality = self.registry.municipalities[code]
        self.report(
            row.at("funder"),
            message(
                "{text} is the county code of {county}, which none of the municipalities of "
                "{service} is in, but the service serves {municipality}: a spreadsheet may have "
                "dropped the code's leading zero",
                text=Quoted(text),
                county=Names(fi=county.short_fi, sv=county.short_sv),
                service=Quoted(service.id),
                municipality=place_words(municipality),
            ),
            message(
                "{code} for {municipality}, written as text, or {county} by name",
                code=str(code),
                municipality=Names(fi=municipality.name_fi, sv=municipality.name_sv),
                county=Names(fi=county.short_fi, sv=county.short_sv),
            ),
        )
        return True

    def _registry_miss(self, digits: str) -> LookupFailedError:
        """Why a code is neither a municipality's nor a county's, with a hint on its form."""
        try:
            (self.registry.municipality if len(digits) == 3 else self.registry.county)(digits)
        except LookupFailedError as error:
            return error
        raise AssertionError(digits)  # pragma: no cover -- only called after both missed

    def _other_funder(self, row: FundingRow, text: str, period: Period | None) -> Funder | None:
        """A funder that is no municipality, county or STEA; but "Tampereen kaupunki" is
        Tampere, and "837.0" Tampere's code: counted as a stranger's, their money would be
        missing from Tampere's share in every figure."""
        if match := _CODE_AS_NUMBER.fullmatch(text):
            self._code_as_number(row, text, match[1])
            return None
        words = text.split()  # any white space, a no-break space too
        if len(words) > 1 and words[-1].casefold() in _CITY_WORDS:
            stem = " ".join(words[:-1])
            names = [m.name_fi for m in self.registry.municipalities.values()]
            names += [m.name_sv for m in self.registry.municipalities.values()]
            close = list(self.registry.genitive_of(stem)[:1])  # "Lahden kaupunki" is Lahti
            close = close or difflib.get_close_matches(stem, names, n=1, cutoff=0.75)
            if close:
                # a municipality in Åland or merged away is reported as such, not suggested
                if self.municipality(row.at("funder"), close[0], period) is not None:
                    self.report(
                        row.at("funder"),
                        message(
                            "{text} looks like a municipality written in another form",
                            text=Quoted(text),
                        ),
                        message(
                            "the municipality's name as the registry has it, e.g. {name}",
                            name=Quoted(close[0]),
                        ),
                    )
                return None
        return Funder(FunderKind.OTHER, text)

    def _code_as_number(self, row: FundingRow, text: str, digits: str) -> None:
        """Report a funder code written with decimals, with the places the code may be."""
        meant = []
        if (m := self.registry.municipalities.get(MunicipalityCode(digits.zfill(3)))) is not None:
            names = Names(fi=m.name_fi, sv=m.name_sv)
            meant.append(message("{code} ({name})", code=str(m.code), name=names))
        if len(digits) <= 2 and (c := self.registry.counties.get(CountyCode(digits.zfill(2)))):
            names = Names(fi=c.short_fi, sv=c.short_sv)
            meant.append(message("{code} ({name})", code=str(c.code), name=names))
        self.report(
            row.at("funder"),
            message(
                "{text} is a code written as a number with decimals, as a spreadsheet writes a "
                "code it took for a number",
                text=Quoted(text),
            ),
            message("the code as text: {codes}", codes=listing(meant, "or"))
            if meant
            else message("the code as text"),
        )

    # -- shared checks -----------------------------------------------------------------------

    def municipality(
        self, location: Location, text: str, during: Period | None
    ) -> Municipality | None:
        """The municipality ``text`` names, if it is on the mainland and exists ``during``."""
        try:
            municipality = self.registry.municipality(text)
        except LookupFailedError as error:
            self.report(location, error.message, MUNICIPALITY, rule="FG108")
            return None
        if municipality.in_aland:
            self.report(
                location,
                message(
                    "{municipality} is in Åland, "
                    "which is outside the health and social services reform",
                    municipality=place_words(municipality),
                ),
                message("a mainland municipality"),
                rule="FG106",
            )
            return None
        until = municipality.valid_until
        if (
            during is not None
            and until is not None
            and municipality.successor
            and during.last > until
        ):
            successor = self.registry.municipalities[municipality.successor]
            merged = until + timedelta(days=1)
            if during.end is None:
                words = message(
                    "{municipality} merged into {successor} on {day}, "
                    "but this runs until further notice",
                    municipality=place_words(municipality),
                    successor=place_words(successor),
                    day=merged,
                )
            else:
                words = message(
                    "{municipality} merged into {successor} on {day}, but this runs until {end}",
                    municipality=place_words(municipality),
                    successor=place_words(successor),
                    day=merged,
                    end=during.end,
                )
            self.report(
                location,
                words,
                message(
                    "{successor} for the days from {day}",
                    successor=Names(fi=successor.name_fi, sv=successor.name_sv),
                    day=merged,
                ),
                rule="FG106",
            )
            return None
        return municipality

    def _period(
        self, record: Record[object], keys: tuple[str, str], start: date | None, end: date | None
    ) -> Period | None:
        """The period from ``start`` to ``end``, written at ``keys``; None when it is unknown: a
        stand-in at either key leaves it unknown, as an end before the start does."""
        if start is None or not record.known(*keys):
            return None
        end_key = keys[1]
        try:
            return Period(start, end)
        except ValueError:
            assert end is not None
            self.report(record.at(end_key), *_end_before_start(start, end), rule="FG115")
            return None

    def _category(self, location: Location, key: str) -> None:
        if key not in self.categories and key not in self.broken:
            self._unknown(
                location,
                "category",
                key,
                self.categories,
                message("a category key from docs/format.md or categories.toml"),
            )

    def _reference(
        self,
        record: Record[object],
        key: str | tuple[str, int],
        target: str,
        known: Mapping[str, object],
        what: str,
    ) -> None:
        keys = key if isinstance(key, tuple) else (key,)
        if target not in known and target not in self.broken:
            self._unknown(record.at(*keys), what, target, known)

    def _unknown(
        self,
        location: Location,
        what: str,
        text: str,
        known: Iterable[str],
        expected: Message | None = None,
    ) -> None:
        if _PLURALS[what] in self.unreadable:
            return  # it may be in a file that could not be read, which is reported already
        close = difflib.get_close_matches(text, list(known), n=3)
        self.report(
            location,
            # the words of errors.LookupFailedError, so that a miss reads alike everywhere
            message(
                "unknown {what} {text}{suggestions}",
                what=_LOOKED_UP[what],
                text=Quoted(text),
                suggestions=did_you_mean(close),
            ),
            expected or _AN_ID[what],
            rule="FG108",
        )

    def _instrument(self, location: Location, text: str) -> Instrument | None:
        key = text.strip().casefold()
        if key in _INSTRUMENT_ALIASES:
            return _INSTRUMENT_ALIASES[key]
        return self._choice(
            location, key, Instrument, message("grant, purchase, voucher or premises")
        )

    def _choice(
        self, location: Location, text: str, choices: type[E], expected: Message
    ) -> E | None:
        try:
            return choices(text.strip().lower())
        except ValueError:
            self.report(location, message("is {value}", value=Quoted(text)), expected)
            return None


def _end_before_start(start: date, end: date) -> tuple[Message, Message]:
    """The problem of a period whose end is before its start, and what is expected."""
    return (
        message("{end} is before the start {start}", end=end, start=start),
        message("an end on or after the start"),
    )
