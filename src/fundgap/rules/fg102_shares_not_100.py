"""FG102: shares that do not add up to 100 percent, judged as SPEC §5 applies them."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from fundgap.i18n import Number, Quoted, listing, message
from fundgap.model import HUNDRED
from fundgap.rules.base import Context, Finding, Rule, Severity
from fundgap.rules.examples import TAMPERE_2027, changed
from fundgap.rules.scope import Spread, same_level, segments, twice


def check(context: Context) -> Iterator[Finding]:
    yield from RULE.from_reading(context)
    draft = context.draft
    # one finding per set of clauses and their total, wherever it holds
    found: dict[tuple[str, tuple[str, ...], Decimal], Spread] = {}
    for level, scope, code, clauses in same_level(draft):
        for segment, on in segments(draft, clauses):
            total = sum((c.doc.county_share + c.doc.municipality_share for c in on), Decimal(0))
            if total != HUNDRED and not twice(on):
                key = (level, tuple(c.id for c in on), total)
                found.setdefault(key, Spread(level, on[0])).add(scope, code, segment)
    for (_, ids, total), spread in found.items():
        values = {
            "clauses": listing(Quoted(i) for i in ids),
            "total": Number(total),
            **spread.values(context),
        }
        over = total > HUNDRED
        words = (
            message(
                "the shares of {clauses} for {scope} add up to {total} percent in "
                "{municipalities} ({period}), more than the whole need",
                **values,
            )
            if over
            else message(
                "the shares of {clauses} for {scope} add up to {total} percent in "
                "{municipalities} ({period}), so the rest of the need is nobody's",
                **values,
            )
        )
        yield RULE.finding(
            spread.clause.at("county_share"),
            words,
            message("county_share and municipality_share that add up to 100"),
            subjects=spread.subjects(),
            severity=Severity.ERROR if over else Severity.WARNING,
        )


RULE = Rule(
    code="FG102",
    name="shares-not-100",
    severity=Severity.WARNING,
    summary=message("Shares that add up to less than 100 percent (warning) or more (error)"),
    checks=message(
        "For every party, scope and day, the shares of the clauses that apply are added up as "
        "the analysis applies them: clauses at the same level (all naming the category, or "
        "all naming the service) add their county and municipality shares, so a clause giving "
        "the county 60 percent and another giving the municipalities 40 percent make 100. A "
        "total under 100 is a warning, a total over 100, or a single share over 100, an error."
    ),
    why=message(
        "Under 100 percent, part of the need is nobody's responsibility: the analysis marks "
        "the service partial and the rest of its need a gap. Over 100 percent, the parties "
        "would be expected to pay more than the service costs, and the analysis marks the "
        "responsibility contested, so that nobody's share is known."
    ),
    instead=message(
        "Write shares that add up to exactly 100 for each scope, e.g. county_share = 60 and "
        "municipality_share = 40."
    ),
    example=changed(TAMPERE_2027, "county_share = 40\n", "county_share = 30\n"),
    fixed=TAMPERE_2027,
    check=check,
)
