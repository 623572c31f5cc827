"""What the draft rules share: which clause of a draft covers which portion of a service, on
which days, and which signed agreement a draft follows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import attrs

from fundgap.codes import MunicipalityCode
from fundgap.drafts import DraftAgreement, DraftClause
from fundgap.i18n import Quoted, listing
from fundgap.i18n.labels import category_name, municipality_name
from fundgap.i18n.message import Value
from fundgap.limits import LAST_DAY
from fundgap.model import Agreement, Service
from fundgap.periods import ONE_DAY, Period, period_words
from fundgap.rules.base import Context, Subject, SubjectKind


def window(period: Period) -> Period:
    """``period`` closed: an open end runs to the last day fundgap reads."""
    return period if period.end is not None else Period(period.start, LAST_DAY)


def clause_period(draft: DraftAgreement, clause: DraftClause) -> Period | None:
    """The days a clause of the draft runs (its own period inside the validity, else the
    validity), closed; None when they cannot be known or none is in the validity."""
    if not clause.period_known or draft.validity is None:
        return None
    validity = window(draft.validity)
    return validity if clause.period is None else clause.period.intersection(validity)


def clause_parties(draft: DraftAgreement, clause: DraftClause) -> tuple[MunicipalityCode, ...]:
    """The municipalities a clause applies to: those it names, else every party."""
    return draft.parties if clause.municipalities is None else clause.municipalities


def addresses(
    draft: DraftAgreement, clause: DraftClause, service: Service, municipality: MunicipalityCode
) -> bool:
    """Whether ``clause`` speaks of ``service`` (by its id or its category) for the residents
    of ``municipality``."""
    in_scope = service.id in clause.services or service.category in clause.categories
    return in_scope and municipality in clause_parties(draft, clause)


def served_parties(context: Context, service: Service) -> tuple[MunicipalityCode, ...]:
    """The draft's parties among the municipalities ``service`` serves."""
    return tuple(code for code in service.municipalities if code in context.draft.parties)


def party_services(context: Context) -> Iterator[Service]:
    """The dataset's services that serve a party of the draft on some day of its validity."""
    if context.dataset is None or context.draft.validity is None:
        return
    validity = window(context.draft.validity)
    for service in sorted(context.dataset.services.values(), key=lambda s: s.id):
        if service.active.overlaps(validity) and served_parties(context, service):
            yield service


def predecessor(context: Context) -> Agreement | None:
    """The agreement the draft follows: the one it ``replaces``, else the signed (or
    terminated) agreement of its county with a party in common that ended last before the
    draft starts. None without a dataset, a start, or such an agreement."""
    draft = context.draft
    if context.dataset is None or (draft.doc.replaces is None and draft.validity is None):
        return None
    agreements = context.dataset.agreements
    if draft.doc.replaces is not None:
        return agreements.get(draft.doc.replaces)
    assert draft.validity is not None
    start = draft.validity.start
    earlier = [
        agreement
        for agreement in agreements.values()
        if agreement.id != draft.id
        and agreement.status.in_force
        and agreement.county == draft.county
        and set(agreement.municipalities) & set(draft.parties)
        and agreement.validity.end is not None
        and agreement.validity.end < start
    ]
    return max(earlier, key=_ended, default=None)


def _ended(agreement: Agreement) -> tuple[date, str]:
    assert agreement.validity.end is not None
    return (agreement.validity.end, agreement.id)


def day_after(day: date) -> date:
    return day + ONE_DAY


def usable(draft: DraftAgreement) -> list[DraftClause]:
    """The clauses whose shares and days are known, in the order written: those the share
    rules can judge (the others are reported where they are wrong)."""
    return [c for c in draft.clauses if c.shares_valid and clause_period(draft, c) is not None]


def same_level(
    draft: DraftAgreement,
) -> Iterator[tuple[str, str, MunicipalityCode, list[DraftClause]]]:
    """Per level (``category`` or ``service``), scope (a category key or a service id) and
    party, the usable clauses that name that scope and apply to that party: the clauses whose
    shares add up on a day (SPEC §5), in the order written."""
    clauses = usable(draft)
    for level in ("category", "service"):
        scopes = sorted({s for c in clauses for s in _scopes(c, level)})
        for scope in scopes:
            for code in draft.parties:
                on = [
                    c
                    for c in clauses
                    if scope in _scopes(c, level) and code in clause_parties(draft, c)
                ]
                if on:
                    yield level, scope, code, on


def _scopes(clause: DraftClause, level: str) -> tuple[str, ...]:
    return clause.categories if level == "category" else clause.services


def twice(clauses: list[DraftClause]) -> tuple[str, ...]:
    """The shares (``county_share``, ``municipality_share``) that more than one of ``clauses``
    gives: the copy slip of FG104, whose total FG102 leaves to it."""
    return tuple(
        share
        for share in ("county_share", "municipality_share")
        if sum(1 for c in clauses if getattr(c.doc, share) > 0) > 1
    )


def segments(
    draft: DraftAgreement, clauses: list[DraftClause]
) -> Iterator[tuple[Period, list[DraftClause]]]:
    """The days of ``clauses`` cut where any of them starts or ends, each segment with the
    clauses that run on it."""
    periods = {id(c): clause_period(draft, c) for c in clauses}
    known = [p for p in periods.values() if p is not None]
    if not known:
        return
    span = Period(min(p.start for p in known), max(p.last for p in known))
    edges = {p.start for p in known} | {day_after(p.last) for p in known}
    for segment in span.cut(edges):
        on = [c for c in clauses if (p := periods[id(c)]) is not None and p.contains(segment.start)]
        if on:
            yield segment, on


@attrs.define
class Spread:
    """Where one finding about some clauses holds: the scopes, parties and days, each once,
    in the order found; so that one mistake is one finding, not one per party and day."""

    level: str
    clause: DraftClause  # where the finding is shown
    scopes: list[str] = attrs.Factory(list)
    municipalities: list[MunicipalityCode] = attrs.Factory(list)
    periods: list[Period] = attrs.Factory(list)

    def add(self, scope: str, municipality: MunicipalityCode, period: Period) -> None:
        if scope not in self.scopes:
            self.scopes.append(scope)
        if municipality not in self.municipalities:
            self.municipalities.append(municipality)
        self.periods.append(period)

    @property
    def period(self) -> Period:
        """From the first day to the last; open-ended when it runs to the end of the days
        fundgap reads (an agreement until further notice)."""
        last = max(p.last for p in self.periods)
        return Period(min(p.start for p in self.periods), None if last == LAST_DAY else last)

    @property
    def kind(self) -> SubjectKind:
        return SubjectKind.CATEGORY if self.level == "category" else SubjectKind.SERVICE

    def subjects(self) -> tuple[Subject, ...]:
        """The scopes and the municipalities, as a finding's subjects."""
        return (
            *(Subject(self.kind, scope) for scope in self.scopes),
            *(Subject(SubjectKind.MUNICIPALITY, str(c)) for c in self.municipalities),
        )

    def values(self, context: Context) -> dict[str, Value]:
        """The scopes, municipalities and period as a message's values."""
        return {
            "scope": listing(scope_words(context, self.level, s) for s in self.scopes),
            "municipalities": listing(
                (municipality_name(context.registry, c) for c in self.municipalities),
                alphabetical=True,
            ),
            "period": period_words(self.period),
        }


def scope_words(context: Context, level: str, scope: str) -> Value:
    """A clause's scope as a message names it: a category by its name, a service by its id."""
    if level == "category" and scope in context.categories:
        return category_name(context.categories[scope])
    return Quoted(scope)
