"""FG101: a grey-zone category that no clause addresses."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from fundgap.categories import Zone
from fundgap.i18n import Quoted, listing, message, plural
from fundgap.i18n.labels import category_name
from fundgap.model import Service
from fundgap.rules.base import Context, Finding, Rule, Severity, Subject, SubjectKind
from fundgap.rules.examples import TAMPERE_2027, changed
from fundgap.rules.scope import addresses, party_services, served_parties


def check(context: Context) -> Iterator[Finding]:
    draft = context.draft
    grey = sorted(key for key, c in context.categories.items() if c.zone is Zone.GREY)
    if context.dataset is None:
        named = {key for clause in draft.clauses for key in clause.categories}
        for key in grey:
            if key not in named:
                yield RULE.finding(
                    draft.at("clauses"),
                    message(
                        "no clause addresses the grey-zone category {category}",
                        category=category_name(context.categories[key]),
                    ),
                    EXPECTED,
                    subjects=(Subject(SubjectKind.CATEGORY, key),),
                    severity=Severity.WARNING,
                )
        return
    left: dict[str, list[Service]] = defaultdict(list)
    for service in party_services(context):
        if context.categories[service.category].zone is not Zone.GREY:
            continue
        if any(
            not any(addresses(draft, clause, service, code) for clause in draft.clauses)
            for code in served_parties(context, service)
        ):
            left[service.category].append(service)
    for key in sorted(left):
        services = left[key]
        yield RULE.finding(
            draft.at("clauses"),
            plural(
                "no clause addresses the grey-zone category {category}, which has {count} "
                "service in the parties' municipalities: {services}",
                "no clause addresses the grey-zone category {category}, which has {count} "
                "services in the parties' municipalities: {services}",
                len(services),
                category=category_name(context.categories[key]),
                services=listing(Quoted(s.name) for s in services),
            ),
            EXPECTED,
            subjects=(
                Subject(SubjectKind.CATEGORY, key),
                *(Subject(SubjectKind.SERVICE, s.id) for s in services),
            ),
        )


EXPECTED = message(
    "a clause with the category in its categories (or its services in its services) for "
    "every party whose residents it serves"
)

RULE = Rule(
    code="FG101",
    name="grey-zone-unaddressed",
    severity=Severity.ERROR,
    summary=message(
        "A grey-zone category with services in the parties' municipalities that no clause addresses"
    ),
    checks=message(
        "Every service of a grey-zone category (crisis centres, clubhouses, meeting places, "
        "peer support, self-care support, advice, low-threshold work) that serves a party's "
        "residents during the agreement must be in the scope of a clause that applies to that "
        "party, by its category or by its own id. Without a dataset, the rule cannot know the "
        "services, and reports every grey-zone category that no clause names, as a warning."
    ),
    why=message(
        "The grey zone has no default by law: neither the county nor the municipality is "
        "responsible for these services unless an agreement says so. A category the agreement "
        "forgets is a blind spot, and the NGO services in it are funded by nobody."
    ),
    instead=message(
        "Add the category to a clause's categories, with the shares the parties agree on. A "
        "template from fundgap new-agreement lists every grey-zone category as a clause to "
        "fill in."
    ),
    example=changed(
        TAMPERE_2027,
        'categories = ["self_care_support", "advice", "low_threshold_substance"]',
        'categories = ["advice", "low_threshold_substance"]',
    ),
    fixed=TAMPERE_2027,
    check=check,
)
