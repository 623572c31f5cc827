"""FG114: a clause that makes the county alone responsible for a STEA-funded grey service."""

from __future__ import annotations

from collections.abc import Iterator

from fundgap.categories import Zone
from fundgap.i18n import Quoted, message
from fundgap.model import HUNDRED, FunderKind
from fundgap.periods import Period, add_months
from fundgap.rules.base import Context, Finding, Rule, Severity, Subject, SubjectKind
from fundgap.rules.examples import TAMPERE_2027, changed
from fundgap.rules.scope import addresses, clause_period, party_services


def check(context: Context) -> Iterator[Finding]:
    dataset = context.dataset
    draft = context.draft
    if dataset is None:
        return
    named = {key for clause in draft.clauses for key in clause.services}
    stea: dict[str, list[Period]] = {}  # each service's STEA grants, looked up per clause
    for decision in dataset.funding:
        if decision.funder.kind is FunderKind.STEA:
            stea.setdefault(decision.service, []).append(decision.period)
    for clause in draft.clauses:
        period = clause_period(draft, clause)
        doc = clause.doc
        if period is None or not clause.shares_valid:
            continue
        if doc.county_share != HUNDRED or doc.municipality_share != 0:
            continue
        # STEA grants a year at a time: a grant in the year before the clause counts too
        looked_at = Period(add_months(period.start, -12), period.end)
        for service in party_services(context):
            if context.categories[service.category].zone is not Zone.GREY:
                continue
            if service.id not in clause.services and service.id in named:
                continue  # a clause naming the service overrides this category clause
            if not any(addresses(draft, clause, service, c) for c in service.municipalities):
                continue
            if any(period.overlaps(looked_at) for period in stea.get(service.id, ())):
                yield RULE.finding(
                    clause.at("county_share"),
                    message(
                        "the clause makes the county alone responsible for {service}, a "
                        "grey-zone service that STEA funds; STEA may not fund a statutory "
                        "public service, so the NGO could lose its STEA grant",
                        service=Quoted(service.name),
                    ),
                    message("a split between the county and the municipalities"),
                    subjects=(
                        Subject(SubjectKind.SERVICE, service.id),
                        Subject(SubjectKind.CLAUSE, clause.id),
                    ),
                )


RULE = Rule(
    code="FG114",
    name="stea-statutory-conflict",
    severity=Severity.WARNING,
    summary=message(
        "A clause makes the county alone responsible for a grey-zone service with STEA funding"
    ),
    checks=message(
        "A clause with county_share = 100 and municipality_share = 0 whose scope takes in a "
        "grey-zone service that STEA funds during the clause or in the year before it. Needs "
        "a dataset."
    ),
    why=message(
        "STEA (the Funding Centre for Social Welfare and Health Organisations) may not fund "
        "services that are the public sector's statutory duty. A clause that makes the county "
        "alone responsible reads like a statutory service, and the NGO's STEA grant, often "
        "most of its funding, can be cut."
    ),
    instead=message(
        "Share the responsibility between the county and the municipalities, or state in the "
        "agreement that the service stays NGO activity that the county supports with a grant."
    ),
    example=changed(
        TAMPERE_2027,
        "county_share = 50\nmunicipality_share = 50",
        "county_share = 100\nmunicipality_share = 0",
    ),
    fixed=TAMPERE_2027,
    check=check,
)
