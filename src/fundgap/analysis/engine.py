"""The gap engine (SPEC §5): need, funding and responsibility per service and calendar year.

Pure functions over a loaded dataset; no I/O. Amounts stay exact ``Decimal`` values until
output. Expected contributions are computed twice: first as the clauses say, then scaled by
any annual cap that binds over all the services a clause covers.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal

import attrs

from fundgap._gc import collector_paused
from fundgap.analysis.coverage import Coverage, Resolution
from fundgap.analysis.results import (
    Basis,
    CapLine,
    Contribution,
    Cut,
    Flag,
    FundingLine,
    GapReport,
    GapRow,
    Lapse,
    MissingAgreement,
    PartyLine,
    Portion,
    ResponsibilityStatus,
    Segment,
    worst,
)
from fundgap.categories import Category, Zone
from fundgap.codes import HELSINKI_ORGANISER, CountyCode, MunicipalityCode
from fundgap.errors import UsageError
from fundgap.i18n import Message, Quoted, message
from fundgap.limits import FIRST_DAY, FIRST_YEAR, LAST_DAY, LAST_YEAR, MAX_HORIZON, MIN_HORIZON
from fundgap.model import (
    HUNDRED,
    Agreement,
    AgreementStatus,
    Dataset,
    FunderKind,
    FundingDecision,
    Service,
)
from fundgap.money import ZERO, spread
from fundgap.periods import ONE_DAY, Period, add_months, days_in_year

CUT_LIMIT = Decimal("0.9")  # granted more than 10 % less than the year before
DEFAULT_HORIZON_MONTHS = 12


def analyse(
    dataset: Dataset,
    *,
    year: int | None = None,
    as_of: date | None = None,
    drafts: Iterable[Agreement | str] = (),
    horizon_months: int = DEFAULT_HORIZON_MONTHS,
) -> GapReport:
    """Analyse every service of ``dataset`` active in ``year``.

    ``year`` defaults to the dataset's ``default_year``, else the year of ``as_of``; ``as_of``
    (default: today) is the day from which ``lapsing`` looks ``horizon_months`` ahead.
    ``drafts`` are agreements, or ids of agreements in the dataset, taken as signed (what-if).
    A year, ``as_of`` or horizon outside the limits of SPEC §4 and §8 is a UsageError.
    """
    as_of = as_of or date.today()  # noqa: DTZ011 -- a calendar day, not a moment
    year = _analysis_year(year, dataset, as_of)
    _check_days(as_of, horizon_months)
    with collector_paused():
        agreements, taken = with_drafts(dataset, drafts)
        engine = _Engine(dataset, agreements, year, as_of, horizon_months)
        return GapReport(
            dataset=dataset.name,
            year=year,
            as_of=as_of,
            horizon_months=horizon_months,
            rows=tuple(sorted(engine.rows(), key=GapRow.sort_key)),
            drafts=taken,
            missing_agreements=engine.missing_agreements(),
        )


def _check_days(as_of: date, horizon_months: int) -> None:
    """Refuse an ``as_of`` day or a horizon outside the limits (SPEC §8), which the day
    arithmetic of the look-ahead could not follow."""
    if not FIRST_DAY <= as_of <= LAST_DAY:
        raise UsageError(
            message(
                "the as-of day {as_of} is outside the days fundgap reads; expected a day from "
                "{first} to {last}",
                as_of=as_of,
                first=FIRST_DAY,
                last=LAST_DAY,
            )
        )
    if not MIN_HORIZON <= horizon_months <= MAX_HORIZON:
        raise UsageError(
            message(
                "the horizon is {months} months; expected {least} to {most} months",
                months=horizon_months,
                least=MIN_HORIZON,
                most=MAX_HORIZON,
            )
        )


def _analysis_year(year: int | None, dataset: Dataset, as_of: date) -> int:
    """The year asked for, else the dataset's default year, else the year of ``as_of``; a
    UsageError that says where the year came from when it is outside the years of an analysis
    (SPEC §4 "Limits")."""
    if year is not None:
        chosen = year
    elif dataset.default_year is not None:
        chosen = dataset.default_year
    else:
        chosen = as_of.year
    if FIRST_YEAR <= chosen <= LAST_YEAR:
        return chosen
    limits = {"year": chosen, "first": FIRST_YEAR, "last": LAST_YEAR}
    words: Message
    if year is not None:
        words = message(
            "the year asked for, {year}, is outside the years fundgap analyses; expected a "
            "year from {first} to {last}",
            **limits,
        )
    elif dataset.default_year is not None:
        words = message(
            "the dataset's default_year, {year}, is outside the years fundgap analyses; "
            "expected a year from {first} to {last}",
            **limits,
        )
    else:
        words = message(
            "the year of the as-of day {as_of}, {year}, is outside the years fundgap analyses; "
            "expected a year from {first} to {last}",
            as_of=as_of,
            **limits,
        )
    raise UsageError(words)


def with_drafts(
    dataset: Dataset, drafts: Iterable[Agreement | str]
) -> tuple[dict[str, Agreement], tuple[str, ...]]:
    """The dataset's agreements with ``drafts`` taken as signed, and the ids taken."""
    agreements = dict(dataset.agreements)
    taken = []
    for draft in drafts:
        if isinstance(draft, str) and draft not in agreements:
            raise UsageError(
                message(
                    "no agreement {agreement} in the dataset to take as signed",
                    agreement=Quoted(draft),
                )
            )
        agreement = agreements[draft] if isinstance(draft, str) else draft
        agreements[agreement.id] = attrs.evolve(agreement, status=AgreementStatus.SIGNED)
        taken.append(agreement.id)
    return agreements, tuple(sorted(set(taken)))


@attrs.frozen
class _Draft:
    """A row before caps: its figures, and what each party is expected to pay uncapped."""

    row: GapRow
    bases: Mapping[str, Decimal]  # party → need of the portions in its area


class _Engine:
    def __init__(
        self,
        dataset: Dataset,
        agreements: Mapping[str, Agreement],
        year: int,
        as_of: date,
        horizon_months: int,
    ) -> None:
        self.dataset = dataset
        self.agreements = agreements
        self.year = year
        self.as_of = as_of
        self.horizon_end = add_months(as_of, horizon_months)
        year_days = Period.year(year)
        # one timeline per portion serves both the year's rows and the lapsing look-ahead
        self.window = Period(min(year_days.start, as_of), max(year_days.last, self.horizon_end))
        self.coverage = Coverage.of(agreements.values())
        self.named = {s for a in agreements.values() for c in a.clauses for s in c.services}
        self.funding: dict[str, list[FundingDecision]] = defaultdict(list)
        for decision in dataset.funding:
            self.funding[decision.service].append(decision)
        # a year in which no decision of a dataset falls is "not recorded yet" for its services
        # (SPEC §5); in a collection each dataset is asked on its own
        self.unrecorded_in = {
            service: part.name
            for part in dataset.funding_parts()
            if year not in part.recorded_years
            for service in part.services
        }
        for decisions in self.funding.values():  # so that no output follows the input's order
            decisions.sort(
                key=lambda d: (d.period.start, d.period.last, d.funder.key, d.amount, d.reference)
            )
        self._timelines: dict[tuple[object, ...], list[tuple[Period, Resolution]]] = {}

    # -- rows ----------------------------------------------------------------------------------

    def rows(self) -> list[GapRow]:
        drafts = [
            draft
            for service in sorted(self.dataset.services.values(), key=lambda s: s.id)
            if (draft := self._row(service)) is not None
        ]
        caps = self._caps([c for d in drafts for c in d.row.contributions])
        return [self._finish(draft, caps) for draft in drafts]

    def _row(self, service: Service) -> _Draft | None:
        year = Period.year(self.year)
        active = service.active.intersection(year)
        if active is None:
            return None
        category = self.dataset.category_of(service)
        diy = days_in_year(self.year)
        active_days = active.days or 0
        total_weight = sum((w for _, w in service.weights), ZERO)
        portions = []
        contributions = []
        bases: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for municipality, weight in service.weights:
            county = self.dataset.registry.municipalities[municipality].county
            segments = []
            for period, resolution in self._timeline(service, category, municipality):
                part = period.intersection(active)
                if part is None:
                    continue
                days = part.days or 0
                need = service.annual_cost * weight * days / (total_weight * diy)
                segments.append(_segment(service, part, days, need, resolution))
                contributions += _contributions(resolution, municipality, county, need)
            portion_need = sum((s.need for s in segments), ZERO)
            bases[county.party] += portion_need
            bases[municipality.party] += portion_need
            portions.append(
                Portion(municipality, county, weight, total_weight, portion_need, tuple(segments))
            )
        lines = self._funding_lines(service, year)
        row = GapRow(
            service=service,
            category=category,
            year=self.year,
            active_days=active_days,
            days_in_year=diy,
            need=service.annual_cost * active_days / diy,
            funded=sum((line.amount for line in lines), ZERO),
            responsibility_status=worst(p.responsibility_status for p in portions),
            portions=tuple(portions),
            parties=(),
            funding=tuple(lines),
            flags=frozenset(),
            contributions=tuple(contributions),
            unrecorded_in=self.unrecorded_in.get(service.id),
        )
        return _Draft(row, bases)

    def _timeline(
        self, service: Service, category: Category, municipality: MunicipalityCode
    ) -> list[tuple[Period, Resolution]]:
        """The portion's segments over the window. Cached: services of one category in one
        municipality share their timeline unless a clause names the service itself."""
        own = service.id if service.id in self.named else None
        key = (municipality, category.key, own)
        if key not in self._timelines:
            self._timelines[key] = self.coverage.timeline(
                service, category, municipality, self.window
            )
        return self._timelines[key]

    def _funding_lines(self, service: Service, year: Period) -> list[FundingLine]:
        """Each decision spread evenly over its own days and pro-rated into ``year``, whatever
        days the service is active: money granted for the year counts in the year (SPEC §5)."""
        lines = []
        for decision in self.funding.get(service.id, ()):
            part = decision.period.intersection(year)
            if part is None:
                continue
            days = part.days or 0
            skipped = (part.start - decision.period.start).days
            amount = spread(decision.amount, decision.period.days or 1, skipped, days)
            lines.append(FundingLine(decision, days, amount))
        return lines

    # -- caps, parties and flags -----------------------------------------------------------

    def _caps(self, contributions: Sequence[Contribution]) -> dict[tuple[str, str], CapLine]:
        """Every capped clause's factor: its cap for the year over all expected under it."""
        totals: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
        for contribution in contributions:
            if contribution.clause is not None:
                totals[contribution.clause] += contribution.amount
        caps = {}
        for (agreement_id, clause_id), expected in sorted(totals.items()):
            agreement = self.agreements[agreement_id]
            clause = next(c for c in agreement.clauses if c.id == clause_id)
            if clause.annual_cap is None:
                continue
            cap = self._cap_for_year(agreement, clause.annual_cap, agreement.clause_period(clause))
            factor = min(Decimal(1), cap / expected) if expected > 0 else Decimal(1)
            caps[(agreement_id, clause_id)] = CapLine(
                agreement_id, clause_id, cap, expected, factor
            )
        return caps

    def _cap_for_year(self, agreement: Agreement, cap: Decimal, period: Period) -> Decimal:
        """The cap indexed for each full year since the agreement started, pro-rated for the
        clause's days in the year."""
        years = max(0, self.year - agreement.validity.start.year)
        index = (1 + (agreement.indexation_percent or ZERO) / HUNDRED) ** years
        return cap * index * period.days_in_year(self.year) / days_in_year(self.year)

    def _finish(self, draft: _Draft, caps: Mapping[tuple[str, str], CapLine]) -> GapRow:
        row = draft.row
        expected: dict[str, Decimal] = defaultdict(lambda: ZERO)
        uncapped: dict[str, Decimal] = defaultdict(lambda: ZERO)
        used_caps: dict[tuple[str, str], CapLine] = {}
        for contribution in row.contributions:
            factor = Decimal(1)
            key = contribution.clause
            if key is not None and key in caps:
                used_caps[key] = caps[key]
                factor = caps[key].factor
            expected[contribution.party] += contribution.amount * factor
            uncapped[contribution.party] += contribution.amount
        granted = self._granted(row.funding)
        parties = tuple(
            PartyLine(
                party,
                share=uncapped[party] * HUNDRED / draft.bases[party]
                if draft.bases.get(party)
                else ZERO,
                expected=expected.get(party, ZERO),
                granted=granted.get(party, ZERO),
            )
            for party in sorted(set(expected) | set(granted))
        )
        cuts = self._cuts(row)
        lapses = self._lapses(row.service, row.category)
        flags = set()
        if lapses:
            flags.add(Flag.LAPSING)
        if cuts:
            flags.add(Flag.CUT)
        if any(cap.binds for cap in used_caps.values()):
            flags.add(Flag.CAPPED)
        if _stea_conflict(row):
            flags.add(Flag.STEA_CONFLICT)
        if any(s.drafts_only for p in row.portions for s in p.segments):
            flags.add(Flag.DRAFT_ONLY)
        return attrs.evolve(
            row,
            parties=parties,
            flags=frozenset(flags),
            lapses=lapses,
            cuts=cuts,
            caps=tuple(used_caps[k] for k in sorted(used_caps)),
        )

    @staticmethod
    def _granted(lines: Iterable[FundingLine]) -> dict[str, Decimal]:
        granted: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for line in lines:
            if (party := line.decision.funder.party) is not None:
                granted[party] += line.amount
        return granted

    def _cuts(self, row: GapRow) -> tuple[Cut, ...]:
        """Public parties that granted over 10 % less than the year before, both in total and
        per share of the year the service is active (amount ÷ (active days / days in that
        year)): a service that closes mid-year on a pro-rated grant is not cut, a grant that
        drops to zero for a service active all year is. When the service was not active at all
        the year before, the total alone decides. A year whose funding is not recorded yet
        (no decision of the dataset falls in it) has no cuts (SPEC §5)."""
        if row.unrecorded_in is not None:
            return ()
        before = Period.year(self.year - 1)
        active_before = row.service.active.intersection(before)
        days_before = 0 if active_before is None else active_before.days or 0
        year_before = days_in_year(self.year - 1)
        previous = self._granted(self._funding_lines(row.service, before))
        now = self._granted(row.funding)
        cuts = []
        for party, amount in sorted(previous.items()):
            granted = now.get(party, ZERO)
            if amount <= 0 or granted >= amount * CUT_LIMIT:
                continue
            # granted ÷ (days / year) < 90 % × amount ÷ (days_before / year_before), multiplied
            # out so that it stays exact
            if days_before and (
                granted * row.days_in_year * days_before
                >= amount * CUT_LIMIT * year_before * row.active_days
            ):
                continue
            change = (granted / amount - 1) * HUNDRED
            cuts.append(Cut(party, granted, amount, change, row.active_days, days_before))
        return tuple(cuts)

    def _lapses(self, service: Service, category: Category) -> tuple[Lapse, ...]:
        """Signed coverage that ends from ``as_of`` up to the horizon with nothing after it."""
        lapses = []
        for municipality, _ in service.weights:
            timeline = self._timeline(service, category, municipality)
            for (period, resolution), (_, following) in itertools.pairwise(timeline):
                end = period.last
                if (
                    self.as_of <= end < self.horizon_end
                    and resolution.covered
                    and not following.covered
                    and service.active.contains(end)
                    and service.active.contains(end + ONE_DAY)
                ):
                    lapses.append(self._lapse(municipality, end, resolution))
        return tuple(lapses)

    def _lapse(self, municipality: MunicipalityCode, end: date, resolution: Resolution) -> Lapse:
        agreement = resolution.agreement or self.agreements[resolution.also_in_force[0]]
        months = agreement.notice_months
        return Lapse(municipality, end, agreement.id, months, notice_deadline(end, months))

    # -- the law's yearly negotiation ---------------------------------------------------------

    def missing_agreements(self) -> tuple[MissingAgreement, ...]:
        """Municipalities of the dataset's counties with no agreement in force in the year."""
        return tuple(
            MissingAgreement(county, municipality)
            for county, municipality, covered in yearly_agreements(
                self.dataset, self.agreements.values(), self.year
            )
            if not covered
        )


def notice_deadline(end: date, notice_months: int | None) -> date | None:
    """The last day to give notice on an agreement that ends on ``end``: ``notice_months``
    calendar months before it (clamped to the month's end), or None without a notice period."""
    return None if notice_months is None else add_months(end, -notice_months)


def yearly_agreements(
    dataset: Dataset, agreements: Iterable[Agreement], year: int
) -> tuple[tuple[CountyCode, MunicipalityCode, bool], ...]:
    """Every municipality of the dataset's counties (those of its agreements and services;
    Helsinki organises its own services) in ``year``, with whether a signed agreement of
    ``agreements`` (or a terminated one, for its days) is in force on any day of that year:
    the law (612/2021 §6–7) has the county and its municipalities negotiate every year."""
    registry = dataset.registry
    days = Period.year(year)
    counties = {a.county for a in dataset.agreements.values()}
    counties |= {
        registry.municipalities[m].county
        for s in dataset.services.values()
        for m in s.municipalities
    }
    covered = {
        m
        for a in agreements
        if a.status.in_force and a.validity.overlaps(days)
        for m in a.municipalities
    }
    return tuple(
        (county, m.code, m.code in covered)
        for county in sorted(counties)
        if county != HELSINKI_ORGANISER
        for m in sorted(registry.members(county, days.start), key=lambda m: m.code)
    )


def _segment(
    service: Service, period: Period, days: int, need: Decimal, resolution: Resolution
) -> Segment:
    applied, overridden = resolution.refs(service)
    return Segment(
        period=period,
        days=days,
        need=need,
        status=resolution.status,
        basis=resolution.basis,
        county_share=resolution.county_share,
        municipality_share=resolution.municipality_share,
        agreement=None if resolution.agreement is None else resolution.agreement.id,
        clauses=applied,
        overridden=overridden,
        also_in_force=resolution.also_in_force,
        legal_basis=resolution.legal_basis,
        drafts_only=resolution.drafts_only,
    )


def _contributions(
    resolution: Resolution, municipality: MunicipalityCode, county: CountyCode, need: Decimal
) -> list[Contribution]:
    """What each party is expected to pay for one portion-segment, clause by clause."""
    if resolution.basis is Basis.BY_LAW:
        found = []
        if resolution.county_share:
            found.append(Contribution(county.party, need * resolution.county_share / HUNDRED))
        if resolution.municipality_share:
            found.append(
                Contribution(municipality.party, need * resolution.municipality_share / HUNDRED)
            )
        return found
    if (
        resolution.basis is not Basis.CLAUSE
        or resolution.agreement is None
        or resolution.status is ResponsibilityStatus.CONTESTED
    ):
        return []  # a blind spot, or contested (a conflict, or shares over 100 %)
    found = []
    for clause in resolution.clauses:
        key = (resolution.agreement.id, clause.id)
        if clause.county_share:
            found.append(Contribution(county.party, need * clause.county_share / HUNDRED, key))
        if clause.municipality_share:
            found.append(
                Contribution(municipality.party, need * clause.municipality_share / HUNDRED, key)
            )
    return found


def _stea_conflict(row: GapRow) -> bool:
    """STEA funds the service in the year while on some day it is statutory by law, or the
    clauses applied make the county alone responsible for a grey-zone service."""
    if not any(
        line.decision.funder.kind is FunderKind.STEA and line.amount > 0 for line in row.funding
    ):
        return False
    zone = row.category.zone
    for portion in row.portions:
        for segment in portion.segments:
            if segment.basis is Basis.BY_LAW and zone is Zone.STATUTORY:
                return True
            if (
                segment.basis is Basis.CLAUSE
                and zone is Zone.GREY
                and segment.county_share == HUNDRED
                and segment.municipality_share == 0
            ):
                return True
    return False
