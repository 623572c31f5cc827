"""FG104: two clauses at the same level that give one party a share of one scope twice."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

from fundgap.i18n import Quoted, message
from fundgap.rules.base import Context, Finding, Rule, Severity, Subject, SubjectKind
from fundgap.rules.examples import TAMPERE_2027, changed
from fundgap.rules.scope import Spread, clause_period, same_level, twice


def check(context: Context) -> Iterator[Finding]:
    draft = context.draft
    # one finding per pair of clauses and the shares both give, wherever it holds
    found: dict[tuple[str, str, str, tuple[str, ...]], Spread] = {}
    for level, scope, code, clauses in same_level(draft):
        for first, second in combinations(clauses, 2):
            one, other = clause_period(draft, first), clause_period(draft, second)
            overlap = one.intersection(other) if one and other else None
            if overlap is not None and (shares := twice([first, second])):
                key = (level, first.id, second.id, shares)
                found.setdefault(key, Spread(level, second)).add(scope, code, overlap)
    for (_, first_id, second_id, shares), spread in found.items():
        values = {"first": Quoted(first_id), "second": Quoted(second_id), **spread.values(context)}
        if len(shares) == 2:
            words = message(
                "clauses {first} and {second} both give the county and the municipality a "
                "share of {scope} in {municipalities} ({period}); shares at the same level add "
                "up, so both would pay twice",
                **values,
            )
        elif shares[0] == "county_share":
            words = message(
                "clauses {first} and {second} both give the county a share of {scope} in "
                "{municipalities} ({period}); shares at the same level add up, so the county "
                "would pay twice",
                **values,
            )
        else:
            words = message(
                "clauses {first} and {second} both give the municipality a share of {scope} in "
                "{municipalities} ({period}); shares at the same level add up, so the "
                "municipality would pay twice",
                **values,
            )
        yield RULE.finding(
            spread.clause.at(shares[0]),
            words,
            message(
                "one clause per scope and period, or the county's share in one clause and the "
                "municipalities' in another"
            ),
            subjects=(
                *spread.subjects(),
                Subject(SubjectKind.CLAUSE, first_id),
                Subject(SubjectKind.CLAUSE, second_id),
            ),
        )


RULE = Rule(
    code="FG104",
    name="conflicting-clauses",
    severity=Severity.ERROR,
    summary=message("Clauses that overlap in scope and time and give one party a share twice"),
    checks=message(
        "Two clauses at the same level (both naming a category, or both naming a service) "
        "that apply to the same party on the same days, and that both give the county a "
        "share, or both give the municipalities one. A split between clauses (the county's "
        "share in one, the municipalities' in the other) and a clause naming a service, which "
        "overrides its category's clauses, are not conflicts."
    ),
    why=message(
        "Clauses at the same level add up, so the party would be expected to pay both shares. "
        "This is almost always a clause copied for a new scope or period and left in place: "
        "the two clauses disagree about the split, and the agreement does not say which one "
        "holds."
    ),
    instead=message(
        "Keep one clause for each scope and period: remove the category from one of them, or "
        "give the clauses periods that do not overlap."
    ),
    example=changed(
        TAMPERE_2027,
        'categories = ["self_care_support", "advice", "low_threshold_substance"]',
        'categories = ["self_care_support", "advice", "low_threshold_substance", "clubhouse"]',
    ),
    fixed=TAMPERE_2027,
    check=check,
)
