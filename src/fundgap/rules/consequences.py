"""What signing drafts would mean for a year of a dataset (SPEC §6): each party's expected
contribution before and after, and the services that stay, become or stop being unassigned."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

import attrs

from fundgap.analysis.results import GapReport, ResponsibilityStatus
from fundgap.model import Agreement, AgreementStatus, Dataset
from fundgap.money import ZERO, cents
from fundgap.periods import ONE_DAY, Period


@attrs.frozen
class PartyChange:
    """What one party of the drafts is expected to pay in the year, before and after (EUR,
    each row rounded to cents, as in ``gaps --by party``)."""

    party: str
    before: Decimal
    after: Decimal

    @property
    def change(self) -> Decimal:
        return self.after - self.before


@attrs.frozen
class ServiceChange:
    """A service of the drafts' municipalities whose responsibility is, or becomes, a blind
    spot, or stops being one."""

    service: str
    name: str
    before: ResponsibilityStatus
    after: ResponsibilityStatus


@attrs.frozen
class Consequences:
    """The year's figures with the drafts signed against those without them."""

    year: int
    parties: tuple[PartyChange, ...]
    stay_unassigned: tuple[ServiceChange, ...]
    become_unassigned: tuple[ServiceChange, ...]
    become_covered: tuple[ServiceChange, ...]


def superseded(agreement: Agreement, start: date) -> Agreement | None:
    """``agreement`` as it would be once a successor starting on ``start`` is signed: ending
    the day before, its clauses cut to match; None when it would have no day left."""
    if agreement.validity.start >= start:
        return None
    if agreement.validity.end is not None and agreement.validity.end < start:
        return agreement
    validity = Period(agreement.validity.start, start - ONE_DAY)
    clauses = []
    for clause in agreement.clauses:
        if clause.period is None:
            clauses.append(clause)
        elif (period := clause.period.intersection(validity)) is not None:
            clauses.append(attrs.evolve(clause, period=period))
    return attrs.evolve(agreement, validity=validity, clauses=tuple(clauses))


def what_if(dataset: Dataset, drafts: Sequence[Agreement], year: int, as_of: date) -> GapReport:
    """The year of ``dataset`` with ``drafts`` signed; an agreement a draft replaces ends the
    day before the draft starts."""
    from fundgap.analysis import analyse

    agreements = dict(dataset.agreements)
    for draft in drafts:
        replaced = agreements.get(draft.replaces) if draft.replaces else None
        if replaced is not None and replaced.id not in {d.id for d in drafts}:
            kept = superseded(replaced, draft.validity.start)
            if kept is None:
                del agreements[replaced.id]
            else:
                agreements[replaced.id] = kept
        agreements[draft.id] = attrs.evolve(draft, status=AgreementStatus.SIGNED)
    changed = attrs.evolve(dataset, agreements=agreements)
    return analyse(changed, year=year, as_of=as_of)


def consequences(
    dataset: Dataset, drafts: Sequence[Agreement], year: int, as_of: date
) -> Consequences:
    """What signing ``drafts`` would change in ``year`` for their parties and those of the
    agreements they replace, and for the services of those parties' municipalities."""
    from fundgap.analysis import analyse

    before = analyse(dataset, year=year, as_of=as_of)
    after = what_if(dataset, drafts, year, as_of)
    # the drafts' parties, and those of the agreements they replace: signing moves their shares
    replaced = [
        dataset.agreements[d.replaces]
        for d in drafts
        if d.replaces is not None and d.replaces in dataset.agreements
    ]
    involved = [*drafts, *replaced]
    parties = {a.county.party for a in involved} | {
        code.party for a in involved for code in a.municipalities
    }
    municipalities = {code for a in involved for code in a.municipalities}
    expected_before = _expected(before, parties)
    expected_after = _expected(after, parties)
    changes = tuple(
        PartyChange(party, expected_before[party], expected_after[party])
        for party in sorted(parties, key=_party_order)
    )
    old = {row.service.id: row.responsibility_status for row in before.rows}
    stay: list[ServiceChange] = []
    become: list[ServiceChange] = []
    covered: list[ServiceChange] = []
    for row in after.rows:
        if not municipalities & set(row.municipalities):
            continue
        was = old.get(row.service.id, ResponsibilityStatus.UNASSIGNED)
        now = row.responsibility_status
        change = ServiceChange(row.service.id, row.service.name, was, now)
        if now is ResponsibilityStatus.UNASSIGNED:
            (stay if was is ResponsibilityStatus.UNASSIGNED else become).append(change)
        elif was is ResponsibilityStatus.UNASSIGNED:
            covered.append(change)
    return Consequences(
        year,
        changes,
        tuple(sorted(stay, key=_by_id)),
        tuple(sorted(become, key=_by_id)),
        tuple(sorted(covered, key=_by_id)),
    )


def _expected(report: GapReport, parties: Iterable[str]) -> dict[str, Decimal]:
    wanted = set(parties)
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for row in report.rows:
        for line in row.parties:
            if line.party in wanted:
                totals[line.party] += cents(line.expected)
    return {party: totals[party] for party in wanted}


def _party_order(party: str) -> tuple[int, str]:
    return (0 if party.startswith("county:") else 1, party)


def _by_id(change: ServiceChange) -> str:
    return change.service
