"""Who is responsible for one municipality's portion of a service, day by day.

A window of days is cut into segments at every date where an agreement or clause starts or
ends; on each segment the applicable clauses are resolved once (SPEC §5): a clause that names
the service overrides clauses that name its category within one agreement; agreements in force
with different splits are contested; with identical splits they count once, as the agreement
that started last. Helsinki's residents are the city's by law, whatever the zone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal

import attrs

from fundgap.analysis.results import Basis, ClauseRef, ResponsibilityStatus
from fundgap.categories import Category, Zone
from fundgap.codes import HELSINKI, MunicipalityCode
from fundgap.model import HUNDRED, Agreement, Clause, Service
from fundgap.money import ZERO
from fundgap.periods import ONE_DAY, Period

HELSINKI_BASIS = (
    "615/2021: the City of Helsinki organises its own social and health services; "
    "its residents' services are the city's"
)
STATUTORY_BASIS = (
    "612/2021 §7 and 611/2021: the wellbeing services county organises statutory social "
    "and health services"
)
PREVENTIVE_BASIS = (
    "612/2021 §6 and 410/2015 §1: the municipality promotes its residents' wellbeing and health"
)
GREY_BASIS = "no clause applies and the grey zone has no default by law: a blind spot"


@attrs.frozen
class Resolution:
    """The responsibility for a portion on every day of one segment."""

    status: ResponsibilityStatus
    basis: Basis
    county_share: Decimal = ZERO
    municipality_share: Decimal = ZERO
    agreement: Agreement | None = None
    clauses: tuple[Clause, ...] = ()
    overridden: tuple[Clause, ...] = ()
    also_in_force: tuple[str, ...] = ()
    legal_basis: str = ""
    drafts_only: tuple[str, ...] = ()
    conflicting: tuple[tuple[Agreement, Clause], ...] = ()  # every clause of a conflict

    @property
    def covered(self) -> bool:
        """A clause of an agreement in force applies ("covers" in SPEC §5)."""
        return self.basis in (Basis.CLAUSE, Basis.CONFLICT)

    def refs(self, service: Service) -> tuple[tuple[ClauseRef, ...], tuple[ClauseRef, ...]]:
        """The applied (or conflicting) and the overridden clauses as references."""
        if self.agreement is None:
            return tuple(_ref(a, c, service) for a, c in self.conflicting), ()
        return (
            tuple(_ref(self.agreement, c, service) for c in self.clauses),
            tuple(_ref(self.agreement, c, service) for c in self.overridden),
        )


def _ref(agreement: Agreement, clause: Clause, service: Service) -> ClauseRef:
    level = "service" if service.id in clause.services else "category"
    return ClauseRef(
        agreement.id,
        clause.id,
        clause.county_share,
        clause.municipality_share,
        level,
        clause.source,
    )


Scope = tuple[MunicipalityCode, str]  # a municipality and "category:<key>" or "service:<id>"


@attrs.frozen
class Coverage:
    """Resolves portions against the agreements that bind (signed and terminated, and drafts
    taken as signed) and the ones that would (drafts and negotiations).

    Clauses are indexed by municipality and scope once, so that a portion looks only at the
    agreements that have a clause for it.
    """

    by_scope: Mapping[Scope, Sequence[tuple[Agreement, Clause]]]

    @classmethod
    def of(cls, agreements: Iterable[Agreement]) -> Coverage:
        index: dict[Scope, list[tuple[Agreement, Clause]]] = {}
        for agreement in sorted(agreements, key=lambda a: a.id):
            for clause in agreement.clauses:
                scopes = [f"category:{k}" for k in clause.categories]
                scopes += [f"service:{k}" for k in clause.services]
                for code in agreement.clause_municipalities(clause):
                    for scope in scopes:
                        index.setdefault((code, scope), []).append((agreement, clause))
        return cls(index)

    def timeline(
        self, service: Service, category: Category, municipality: MunicipalityCode, window: Period
    ) -> list[tuple[Period, Resolution]]:
        """The segments of ``window`` (closed) with their resolution for this portion. Only
        agreements with a clause in scope for the portion matter, and only their dates cut."""
        if municipality == HELSINKI:
            return [(window, _by_law(HELSINKI_BASIS, municipality_share=HUNDRED))]
        found: dict[str, tuple[Agreement, list[Clause]]] = {}
        for scope in (f"category:{category.key}", f"service:{service.id}"):
            for agreement, clause in self.by_scope.get((municipality, scope), ()):
                if agreement.validity.overlaps(window):
                    _, clauses = found.setdefault(agreement.id, (agreement, []))
                    if clause not in clauses:
                        clauses.append(clause)
        relevant = []
        starts: set[date] = set()
        for key in sorted(found):
            agreement, clauses = found[key]
            order = {id(c): i for i, c in enumerate(agreement.clauses)}
            relevant.append((agreement, tuple(sorted(clauses, key=lambda c: order[id(c)]))))
            starts |= _edges(agreement.validity)
            for clause in clauses:
                starts |= _edges(agreement.clause_period(clause))
        return [
            (segment, _resolve(relevant, service, category, segment.start))
            for segment in window.cut(starts)
        ]


def _resolve(
    relevant: Sequence[tuple[Agreement, tuple[Clause, ...]]],
    service: Service,
    category: Category,
    day: date,
) -> Resolution:
    """The responsibility on ``day``, from the agreements with clauses in scope."""
    applying = []
    drafts = []
    for agreement, clauses in relevant:
        if not agreement.validity.contains(day):
            continue
        chosen, overridden = _clauses_on(agreement, clauses, service, day)
        if not chosen:
            continue
        if agreement.status.in_force:
            applying.append((agreement, chosen, overridden))
        else:
            drafts.append(agreement.id)
    if not applying:
        return _default(category, tuple(drafts))
    splits = {(_total(c, "county_share"), _total(c, "municipality_share")) for _, c, _ in applying}
    ids = tuple(a.id for a, _, _ in applying)
    if len(splits) > 1:
        return Resolution(
            ResponsibilityStatus.CONTESTED,
            Basis.CONFLICT,
            also_in_force=tuple(sorted(ids)),
            conflicting=tuple(
                (a, c) for a, chosen, _ in sorted(applying, key=lambda x: x[0].id) for c in chosen
            ),
        )
    # identical splits count once: the agreement that started last, on a tie the first id
    agreement, chosen, overridden = min(
        applying, key=lambda a: (-a[0].validity.start.toordinal(), a[0].id)
    )
    county_share, municipality_share = next(iter(splits))
    total = county_share + municipality_share
    status = (
        ResponsibilityStatus.CONTESTED
        if total > HUNDRED
        else ResponsibilityStatus.PARTIAL
        if total < HUNDRED
        else ResponsibilityStatus.ASSIGNED
    )
    return Resolution(
        status,
        Basis.CLAUSE,
        county_share,
        municipality_share,
        agreement,
        chosen,
        overridden,
        tuple(sorted(i for i in ids if i != agreement.id)),
    )


def _edges(period: Period) -> set[date]:
    """The days on which a period makes a difference: its start and the day after its end."""
    return {period.start} if period.end is None else {period.start, period.end + ONE_DAY}


def _clauses_on(
    agreement: Agreement, clauses: tuple[Clause, ...], service: Service, day: date
) -> tuple[tuple[Clause, ...], tuple[Clause, ...]]:
    """Of the clauses in scope, those that apply on ``day``, and the category clauses that a
    clause naming the service overrides."""
    applicable = [
        c for c in clauses if c.period is None or c.period.contains(day)
    ]  # clauses without a period run as long as the agreement, which applies on ``day``
    named = tuple(c for c in applicable if service.id in c.services)
    if named:
        return named, tuple(c for c in applicable if service.id not in c.services)
    return tuple(applicable), ()


def _total(clauses: Iterable[Clause], share: str) -> Decimal:
    return sum((getattr(c, share) for c in clauses), ZERO)


def _by_law(
    basis: str, *, county_share: Decimal = ZERO, municipality_share: Decimal = ZERO
) -> Resolution:
    return Resolution(
        ResponsibilityStatus.BY_LAW,
        Basis.BY_LAW,
        county_share,
        municipality_share,
        legal_basis=basis,
    )


def _default(category: Category, drafts: tuple[str, ...]) -> Resolution:
    """No clause applies: the zone's default by law, or the blind spot."""
    if category.zone is Zone.STATUTORY:
        resolution = _by_law(STATUTORY_BASIS, county_share=HUNDRED)
    elif category.zone is Zone.PREVENTIVE:
        resolution = _by_law(PREVENTIVE_BASIS, municipality_share=HUNDRED)
    else:
        resolution = Resolution(ResponsibilityStatus.UNASSIGNED, Basis.NONE, legal_basis=GREY_BASIS)
    return attrs.evolve(resolution, drafts_only=tuple(sorted(drafts)))
