"""The domain: organisations, services, agreements with their clauses, and funding decisions.

All values are frozen attrs classes that check their invariants when built; the loader checks
the user's input first, with file and key locations, so these checks guard the library's own
callers. Money is ``Decimal`` euros, percentages are ``Decimal`` percent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from enum import StrEnum

import attrs

from fundgap.categories import Categories, Category
from fundgap.codes import CountyCode, MunicipalityCode, business_id_problem
from fundgap.errors import Location
from fundgap.periods import Period
from fundgap.registry import Registry

HUNDRED = Decimal(100)


class AgreementStatus(StrEnum):
    DRAFT = "draft"
    NEGOTIATION = "negotiation"
    SIGNED = "signed"
    TERMINATED = "terminated"

    @property
    def in_force(self) -> bool:
        """Signed agreements bind, and terminated ones did for the days they were valid."""
        return self in (AgreementStatus.SIGNED, AgreementStatus.TERMINATED)


class Instrument(StrEnum):
    GRANT = "grant"
    PURCHASE = "purchase"
    VOUCHER = "voucher"
    PREMISES = "premises"


def _non_negative(
    _instance: object,
    attribute: attrs.Attribute[Decimal] | attrs.Attribute[Decimal | None],
    value: Decimal,
) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} is negative ({value})")


def _percent(_instance: object, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    if not 0 <= value <= HUNDRED:
        raise ValueError(f"{attribute.name} is {value}, outside 0–100")


def _optional_non_negative(
    instance: object, attribute: attrs.Attribute[Decimal | None], value: Decimal | None
) -> None:
    if value is not None:
        _non_negative(instance, attribute, value)


@attrs.frozen
class Organisation:
    """An NGO (järjestö) that provides services; ``business_id`` is its Y-tunnus."""

    id: str
    name: str
    business_id: str | None = attrs.field(default=None)
    source: Location | None = attrs.field(default=None, eq=False)

    @business_id.validator
    def _valid_business_id(self, _attribute: object, value: str | None) -> None:
        if value is not None and (why := business_id_problem(value)):
            raise ValueError(f"business_id {value!r}: {why}")


@attrs.frozen
class Service:
    """An NGO service: its need (annual cost), where it serves and when it is active.

    ``weights`` divide the need among the municipalities served; unless the dataset gave them
    (``weights_given``), they are the municipalities' populations.
    """

    id: str
    name: str
    organisation: str
    category: str
    weights: tuple[tuple[MunicipalityCode, Decimal], ...] = attrs.field()
    annual_cost: Decimal = attrs.field(validator=_non_negative)
    active: Period
    weights_given: bool = False
    source: Location | None = attrs.field(default=None, eq=False)

    @weights.validator
    def _weights(
        self, _attribute: object, weights: tuple[tuple[MunicipalityCode, Decimal], ...]
    ) -> None:
        if not weights:
            raise ValueError("a service serves at least one municipality")
        if any(w < 0 for _, w in weights) or sum(w for _, w in weights) <= 0:
            raise ValueError("weights are non-negative and not all zero")
        if len({code for code, _ in weights}) != len(weights):
            raise ValueError("a municipality is listed twice")

    @property
    def municipalities(self) -> tuple[MunicipalityCode, ...]:
        return tuple(code for code, _ in self.weights)


@attrs.frozen
class Clause:
    """Who pays what share of the need for the services in scope.

    ``municipalities`` None means all the agreement's municipalities; ``period`` None means the
    agreement's whole validity. Each municipality pays ``municipality_share`` of its own
    residents' portion; the county pays ``county_share`` of every portion in scope.
    """

    id: str
    county_share: Decimal = attrs.field(validator=_percent)
    municipality_share: Decimal = attrs.field(validator=_percent)
    categories: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    municipalities: tuple[MunicipalityCode, ...] | None = None
    instrument: Instrument = Instrument.GRANT
    annual_cap: Decimal | None = attrs.field(default=None, validator=_optional_non_negative)
    period: Period | None = None
    source: Location | None = attrs.field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        if not self.categories and not self.services:
            raise ValueError(f"clause {self.id!r} names no category and no service")

    @property
    def total_share(self) -> Decimal:
        return self.county_share + self.municipality_share


@attrs.frozen
class Agreement:
    """An agreement between one county and one or more of its municipalities."""

    id: str
    title: str
    status: AgreementStatus
    county: CountyCode
    municipalities: tuple[MunicipalityCode, ...]
    validity: Period
    clauses: tuple[Clause, ...] = ()
    notice_months: int | None = None
    indexation_percent: Decimal | None = attrs.field(default=None, validator=_optional_non_negative)
    replaces: str | None = None
    source: Location | None = attrs.field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        if not self.municipalities:
            raise ValueError(f"agreement {self.id!r} has no municipality as a party")
        ids = [c.id for c in self.clauses]
        if len(set(ids)) != len(ids):
            raise ValueError(f"agreement {self.id!r} has two clauses with the same id")
        for clause in self.clauses:
            if clause.period is not None and not self.validity.covers(clause.period):
                raise ValueError(f"clause {clause.id!r} runs outside the agreement's validity")
            if clause.municipalities is not None and not set(clause.municipalities) <= set(
                self.municipalities
            ):
                raise ValueError(f"clause {clause.id!r} names a municipality that is not a party")

    def clause_period(self, clause: Clause) -> Period:
        return self.validity if clause.period is None else clause.period

    def clause_municipalities(self, clause: Clause) -> tuple[MunicipalityCode, ...]:
        return self.municipalities if clause.municipalities is None else clause.municipalities


class FunderKind(StrEnum):
    MUNICIPALITY = "municipality"
    COUNTY = "county"
    STEA = "stea"
    OTHER = "other"


@attrs.frozen
class Funder:
    """Who made a funding decision: a municipality, a county, STEA, or another named funder
    (a foundation, the NGO's own fundraising)."""

    kind: FunderKind
    name: str
    code: MunicipalityCode | CountyCode | None = None

    @property
    def party(self) -> str | None:
        """``municipality:837`` or ``county:08`` for a public party, else None."""
        return None if self.code is None else self.code.party

    @property
    def key(self) -> str:
        """A stable key: the party for public funders, ``stea``, or ``other:<name>``."""
        if self.code is not None:
            return self.code.party
        return "stea" if self.kind is FunderKind.STEA else f"other:{self.name}"


STEA = Funder(FunderKind.STEA, "STEA")


@attrs.frozen
class FundingDecision:
    """An amount granted to a service for a closed period, spread evenly over its days."""

    service: str
    funder: Funder
    period: Period = attrs.field()
    amount: Decimal = attrs.field(validator=_non_negative)
    instrument: Instrument = Instrument.GRANT
    reference: str = ""
    source: Location | None = attrs.field(default=None, eq=False)

    @period.validator
    def _closed(self, _attribute: object, period: Period) -> None:
        if period.end is None:
            raise ValueError("a funding decision needs an end date")


@attrs.frozen
class DatasetPart:
    """One dataset of a collection (or the only one): the services it defines and the calendar
    years for which it records funding, those in which a decision for one of its services
    starts. A year with none is "not recorded yet" for its services (SPEC §5): the year's round
    of decisions has not been entered, though grants of earlier years may run into it."""

    name: str
    services: frozenset[str]
    recorded_years: frozenset[int]

    @classmethod
    def of(
        cls, name: str, services: Iterable[str], funding: Iterable[FundingDecision]
    ) -> DatasetPart:
        """The part called ``name`` defining ``services``, with the years of ``funding`` (the
        dataset's decisions; those for other services are left out)."""
        own = frozenset(services)
        years = frozenset(d.period.start.year for d in funding if d.service in own)
        return cls(name, own, years)


@attrs.frozen(eq=False)
class Dataset:
    """Everything loaded from one dataset folder, or from a collection of them."""

    name: str
    registry: Registry
    categories: Categories
    organisations: Mapping[str, Organisation]
    services: Mapping[str, Service]
    agreements: Mapping[str, Agreement]
    funding: tuple[FundingDecision, ...]
    description: str = ""
    default_year: int | None = None
    root: str = ""
    parts: tuple[str, ...] = ()
    # per dataset of a collection: its services and the years its funding records; empty for a
    # dataset built in code, which then counts as one part (see :meth:`funding_parts`)
    part_funding: tuple[DatasetPart, ...] = ()

    def category_of(self, service: Service) -> Category:
        return self.categories[service.category]

    def funding_parts(self) -> tuple[DatasetPart, ...]:
        """The datasets whose funding is recorded or not by year: the loaded parts, or the
        whole dataset as one."""
        if self.part_funding:
            return self.part_funding
        return (DatasetPart.of(self.name, self.services, self.funding),)
