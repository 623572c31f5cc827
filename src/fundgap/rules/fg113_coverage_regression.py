"""FG113: a service that the agreement the draft follows covers, and the draft would not."""

from __future__ import annotations

from collections.abc import Iterator

from fundgap.categories import Zone
from fundgap.i18n import Quoted, listing, message
from fundgap.i18n.labels import municipality_name
from fundgap.periods import ONE_DAY
from fundgap.rules.base import Context, Finding, Rule, Severity, Subject, SubjectKind
from fundgap.rules.examples import TAMPERE_2027, changed
from fundgap.rules.scope import addresses, predecessor


def check(context: Context) -> Iterator[Finding]:
    draft = context.draft
    previous = predecessor(context)
    if previous is None or context.dataset is None or draft.validity is None:
        return
    # an agreement named in replaces hands over all its municipalities; one followed only
    # in time, those the two have in common
    explicit = draft.doc.replaces == previous.id
    handed = [code for code in previous.municipalities if explicit or code in draft.parties]
    # what the predecessor covers on its last day (or, open-ended, the day before the draft)
    handover = previous.validity.end or draft.validity.start - ONE_DAY
    for service in sorted(context.dataset.services.values(), key=lambda s: s.id):
        if context.categories[service.category].zone is not Zone.GREY:
            continue
        if not service.active.overlaps(draft.validity) or not service.active.overlaps(
            previous.validity
        ):
            continue
        lost = [
            code
            for code in service.municipalities
            if code in handed
            and any(
                (service.id in c.services or service.category in c.categories)
                and code in previous.clause_municipalities(c)
                and previous.clause_period(c).contains(handover)
                for c in previous.clauses
            )
            and not any(addresses(draft, clause, service, code) for clause in draft.clauses)
        ]
        if lost:
            yield RULE.finding(
                draft.at("clauses"),
                message(
                    "{service} is covered by {previous} in {municipalities} but by no clause "
                    "of this agreement, so it would become unassigned",
                    service=Quoted(service.name),
                    previous=Quoted(previous.id),
                    municipalities=listing(
                        (municipality_name(context.registry, c) for c in lost), alphabetical=True
                    ),
                ),
                message("a clause for the service or its category for those municipalities"),
                subjects=(
                    Subject(SubjectKind.SERVICE, service.id),
                    *(Subject(SubjectKind.MUNICIPALITY, str(c)) for c in lost),
                ),
            )


RULE = Rule(
    code="FG113",
    name="coverage-regression",
    severity=Severity.ERROR,
    summary=message(
        "A service covered by the agreement the draft replaces would become unassigned"
    ),
    checks=message(
        "Every grey-zone service that a clause of the predecessor covers on its last day (the "
        "agreement named in replaces, for all its municipalities; else the signed agreement "
        "the draft follows, for the parties they share) must be covered by a clause of the "
        "draft. Needs a dataset."
    ),
    why=message(
        "A successor agreement that drops a service, or a municipality, moves it back into "
        "the blind spot: funding that the NGO had under the old agreement has nobody "
        "responsible for it under the new one. It is easy to miss when a regional agreement "
        "is split into smaller ones."
    ),
    instead=message(
        "Cover the service's category (or the service) in a clause for every municipality "
        "the predecessor covered, or leave replaces out if another agreement takes over the "
        "other municipalities."
    ),
    example=changed(
        TAMPERE_2027,
        "notice_months = 6\n",
        'notice_months = 6\nreplaces = "pirha-tampere-seutu-2025"\n',
    ),
    fixed=TAMPERE_2027,
    check=check,
)
