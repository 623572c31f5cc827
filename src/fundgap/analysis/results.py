"""What the gap engine finds, as typed values; ``to_dict()`` gives the public JSON contract
``fundgap.gaps/1`` (docs/json.md), written by :mod:`fundgap.render.gaps`.

Amounts here are exact ``Decimal`` values; the JSON rounds each row's amounts to cents, half up,
and totals are sums of the rounded rows, so every report adds up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

import attrs

from fundgap.categories import Category
from fundgap.codes import CountyCode, MunicipalityCode
from fundgap.errors import Location
from fundgap.model import FundingDecision, Service
from fundgap.money import ZERO, cents
from fundgap.periods import Period

SCHEMA = "fundgap.gaps/1"


class ResponsibilityStatus(StrEnum):
    """Who is responsible for a portion of a service on a day; listed worst first."""

    CONTESTED = "contested"
    UNASSIGNED = "unassigned"
    PARTIAL = "partial"
    BY_LAW = "by_law"
    ASSIGNED = "assigned"

    @property
    def rank(self) -> int:
        """0 for the worst (contested) to 4 for the best (assigned)."""
        return _RANKS[self]


_RANKS = {status: rank for rank, status in enumerate(ResponsibilityStatus)}


def worst(statuses: Iterable[ResponsibilityStatus]) -> ResponsibilityStatus:
    """The worst of ``statuses`` (a row takes the worst of its portions and days)."""
    return min(statuses, key=_RANKS.__getitem__)


class FundingStatus(StrEnum):
    FUNDED = "funded"
    UNDERFUNDED = "underfunded"
    UNFUNDED = "unfunded"

    @classmethod
    def of(cls, need: Decimal, funded: Decimal) -> FundingStatus:
        if funded >= need:
            return cls.FUNDED
        return cls.UNDERFUNDED if funded > 0 else cls.UNFUNDED


class Flag(StrEnum):
    LAPSING = "lapsing"
    CUT = "cut"
    STEA_CONFLICT = "stea_conflict"
    CAPPED = "capped"
    DRAFT_ONLY = "draft_only"


class Basis(StrEnum):
    """Why a portion's shares on a segment are what they are."""

    CLAUSE = "clause"  # clauses of one agreement (or of identical agreements) apply
    BY_LAW = "by_law"  # no clause, and the zone (or Helsinki) gives a default
    NONE = "none"  # no clause and no default: the blind spot
    CONFLICT = "conflict"  # agreements in force disagree: nobody's share is known


@attrs.frozen
class ClauseRef:
    """A clause applied, with where it is written (for explanations and ``sources``)."""

    agreement: str
    clause: str
    county_share: Decimal
    municipality_share: Decimal
    level: str  # "service" when the clause names the service, else "category"
    source: Location | None = attrs.field(default=None, eq=False)

    @property
    def key(self) -> tuple[str, str]:
        return (self.agreement, self.clause)


@attrs.frozen
class Segment:
    """Consecutive days of a portion on which the same clauses apply."""

    period: Period
    days: int
    need: Decimal
    status: ResponsibilityStatus
    basis: Basis
    county_share: Decimal = ZERO
    municipality_share: Decimal = ZERO
    agreement: str | None = None
    clauses: tuple[ClauseRef, ...] = ()
    overridden: tuple[ClauseRef, ...] = ()  # category clauses a service clause overrode
    also_in_force: tuple[str, ...] = ()  # other agreements: identical (counted once) or conflicting
    legal_basis: str = ""
    drafts_only: tuple[str, ...] = ()  # drafts or negotiations that would cover these days


@attrs.frozen
class Portion:
    """The part of a service's need that falls on one municipality's residents."""

    municipality: MunicipalityCode
    county: CountyCode
    weight: Decimal
    weight_total: Decimal
    need: Decimal
    segments: tuple[Segment, ...]

    @property
    def responsibility_status(self) -> ResponsibilityStatus:
        return worst(s.status for s in self.segments)


@attrs.frozen
class Contribution:
    """What one party is expected to pay under one clause (or by law) for one portion-segment,
    before any cap."""

    party: str
    amount: Decimal
    clause: tuple[str, str] | None = None  # (agreement id, clause id); None when by law


@attrs.frozen
class PartyLine:
    """One responsible or granting party of a row."""

    party: str
    share: Decimal  # percent of the need of the portions in the party's area
    expected: Decimal
    granted: Decimal

    @property
    def shortfall(self) -> Decimal:
        return max(ZERO, cents(self.expected) - cents(self.granted))


@attrs.frozen
class FundingLine:
    """A funding decision counted in a row, with the part that falls in the year."""

    decision: FundingDecision
    days: int
    amount: Decimal


@attrs.frozen
class Lapse:
    """Signed coverage of a portion that ends within the horizon with nothing after it."""

    municipality: MunicipalityCode
    ends: date
    agreement: str
    notice_months: int | None
    notice_deadline: date | None


def notice_missed(deadline: date | None, as_of: date) -> bool:
    """True when the last day to give notice (or open negotiations) came before ``as_of``:
    the coverage lapses and it is too late to act in time (SPEC §5, lapsing)."""
    return deadline is not None and deadline < as_of


@attrs.frozen
class Cut:
    """A public party that granted over 10 % less than the year before, in total and per
    active day of the service."""

    party: str
    granted: Decimal
    previous: Decimal
    change_percent: Decimal  # granted against previous, in percent
    days: int = 0
    previous_days: int = 0


@attrs.frozen
class CapLine:
    """An annual cap of a clause and the factor by which it scales expected amounts."""

    agreement: str
    clause: str
    cap: Decimal  # for this year: indexed and pro-rated for the clause's days in the year
    expected_before: Decimal  # all expected amounts under the clause, every service
    factor: Decimal

    @property
    def binds(self) -> bool:
        return self.factor < 1


@attrs.frozen
class GapRow:
    """One service in one calendar year: need, funding, responsibility and flags."""

    service: Service
    category: Category
    year: int
    active_days: int
    days_in_year: int
    need: Decimal
    funded: Decimal
    responsibility_status: ResponsibilityStatus
    portions: tuple[Portion, ...]
    parties: tuple[PartyLine, ...]
    funding: tuple[FundingLine, ...]
    flags: frozenset[Flag]
    lapses: tuple[Lapse, ...] = ()
    cuts: tuple[Cut, ...] = ()
    caps: tuple[CapLine, ...] = ()
    contributions: tuple[Contribution, ...] = ()
    # the name of the service's dataset when it records no funding decision in the year: its
    # funding is not recorded yet, so the row is unfunded and has no cut (SPEC §5)
    unrecorded_in: str | None = None

    @property
    def gap(self) -> Decimal:
        """max(0, need − funded), from the rounded amounts so that a report adds up."""
        return max(cents(ZERO), cents(self.need) - cents(self.funded))

    @property
    def funding_status(self) -> FundingStatus:
        return FundingStatus.of(cents(self.need), cents(self.funded))

    @property
    def municipalities(self) -> tuple[MunicipalityCode, ...]:
        return tuple(p.municipality for p in self.portions)

    @property
    def counties(self) -> tuple[CountyCode, ...]:
        return tuple(sorted({p.county for p in self.portions}))

    def sort_key(self) -> tuple[Decimal, str]:
        return (-self.gap, self.service.id)

    def portion_needs(self) -> list[Decimal]:
        """The portions' needs in cents, adding up to the row's rounded need."""
        return allocate_cents(cents(self.need), [p.need for p in self.portions])

    def to_dict(self) -> dict[str, Any]:
        """The row of ``fundgap.gaps/1`` (docs/json.md)."""
        from fundgap.render.contracts import row_document
        from fundgap.render.converter import unstructured

        return unstructured(row_document(self))


@attrs.frozen
class MissingAgreement:
    """A municipality with no signed agreement in force on any day of the year, although the
    law (612/2021 §6–7) has the county and its municipalities negotiate every year."""

    county: CountyCode
    municipality: MunicipalityCode


@attrs.frozen
class Totals:
    need: Decimal
    funded: Decimal
    gap: Decimal
    services: int
    by_responsibility_status: dict[str, int]
    by_funding_status: dict[str, int]
    by_flag: dict[str, int]

    @classmethod
    def of(cls, rows: Sequence[GapRow]) -> Totals:
        return cls(
            need=sum((cents(r.need) for r in rows), ZERO),
            funded=sum((cents(r.funded) for r in rows), ZERO),
            gap=sum((r.gap for r in rows), ZERO),
            services=len(rows),
            by_responsibility_status=_counts(r.responsibility_status.value for r in rows),
            by_funding_status=_counts(r.funding_status.value for r in rows),
            by_flag=_counts(f.value for r in rows for f in r.flags),
        )

    def to_dict(self) -> dict[str, Any]:
        """The ``totals`` of ``fundgap.gaps/1``."""
        from fundgap.render.contracts import totals_document
        from fundgap.render.converter import unstructured

        return unstructured(totals_document(self))


def _counts(keys: Iterable[str]) -> dict[str, int]:
    return dict(sorted(Counter(keys).items()))


@attrs.frozen
class GapReport:
    """The analysis of a dataset for one year: one row per active service, largest gap first."""

    dataset: str
    year: int
    as_of: date
    horizon_months: int
    rows: tuple[GapRow, ...]
    drafts: tuple[str, ...] = ()  # ids of draft agreements taken as signed (what-if)
    missing_agreements: tuple[MissingAgreement, ...] = ()
    # datasets that record no funding decision in the year among rows a status filter left
    # out: ``--status cut`` in such a year finds nothing, and must still say why (SPEC §5)
    unrecorded_beyond: tuple[str, ...] = ()

    @property
    def totals(self) -> Totals:
        return Totals.of(self.rows)

    @property
    def not_recorded(self) -> tuple[str, ...]:
        """The datasets of the rows (or of the rows a status filter left out) that record no
        funding decision in the year, sorted."""
        names = {r.unrecorded_in for r in self.rows if r.unrecorded_in is not None}
        return tuple(sorted(names | set(self.unrecorded_beyond)))

    @property
    def funding_recorded(self) -> bool:
        """True when every row's dataset records some funding decision in the year."""
        return not self.not_recorded

    @property
    def wholly_unrecorded(self) -> bool:
        """True when no row's dataset records a funding decision in the year (not merely some)."""
        return bool(self.rows) and all(r.unrecorded_in is not None for r in self.rows)

    def row(self, service: str) -> GapRow:
        for row in self.rows:
            if row.service.id == service:
                return row
        raise KeyError(service)

    def to_dict(self) -> dict[str, Any]:
        """The document ``fundgap.gaps/1`` (docs/json.md)."""
        from fundgap.render.contracts import gaps_document
        from fundgap.render.converter import unstructured

        return unstructured(gaps_document(self))


def format_share(share: Decimal) -> str:
    """A percentage with at most two decimals and no trailing zeros: ``60``, ``37.5``."""
    text = f"{cents(share):f}".rstrip("0").rstrip(".")
    return text or "0"


def allocate_cents(total: Decimal, parts: Sequence[Decimal]) -> list[Decimal]:
    """``parts`` rounded to cents so that they add up to ``total`` (largest remainders first).

    >>> allocate_cents(Decimal("1.00"), [Decimal(1) / 3] * 3)
    [Decimal('0.34'), Decimal('0.33'), Decimal('0.33')]
    """
    floors = [(p * 100).to_integral_value(rounding="ROUND_FLOOR") / 100 for p in parts]
    left = int((total - sum(floors, ZERO)) * 100)
    order = sorted(range(len(parts)), key=lambda i: (-(parts[i] - floors[i]), i))
    result = list(floors)
    for i in order[: max(0, left)]:
        result[i] += Decimal("0.01")
    return [cents(r) for r in result]
