"""FG112: an annual cap below what the clause's shares come to."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_CEILING, Decimal

from fundgap.i18n import Euros, message
from fundgap.rules.base import Context, Finding, Rule, Severity, Subject, SubjectKind
from fundgap.rules.examples import TAMPERE_2027, changed


def check(context: Context) -> Iterator[Finding]:
    report = context.with_draft
    if report is None:
        return
    draft = context.draft
    clauses = {clause.id: clause for clause in draft.clauses}
    seen: set[str] = set()
    for row in report.rows:
        for cap in row.caps:
            if cap.agreement != draft.id or not cap.binds or cap.clause in seen:
                continue
            seen.add(cap.clause)
            clause = clauses[cap.clause]
            written = clause.doc.annual_cap
            assert written is not None  # the engine capped the clause
            # the cap as written that would just not bind: the year's cap scales with it
            needed = written * cap.expected_before / cap.cap
            yield RULE.finding(
                clause.at("annual_cap"),
                message(
                    "the annual cap of {written} comes to {cap} in {year} (indexed, for the "
                    "clause's days that year), below the {expected} that the clause's shares "
                    "come to, so every party under it is expected to pay less than its share",
                    written=Euros(written),
                    cap=Euros(cap.cap),
                    expected=Euros(cap.expected_before),
                    year=str(report.year),
                ),
                message(
                    "an annual cap of at least {needed}, or none",
                    needed=Euros(needed.quantize(Decimal(1), ROUND_CEILING)),
                ),
                subjects=(Subject(SubjectKind.CLAUSE, cap.clause),),
            )


RULE = Rule(
    code="FG112",
    name="cap-below-need",
    severity=Severity.WARNING,
    summary=message("An annual cap below the need of the services the clause covers"),
    checks=message(
        "For the year checked (--year, else the draft's first year), the analysis of SPEC §5 "
        "is made with the draft signed: each clause's shares times the need of the services "
        "in its scope. A cap (indexed and pro-rated as the analysis does) below that total "
        "binds. Needs a dataset."
    ),
    why=message(
        "A binding cap scales every party's expected contribution down by the same factor: "
        "the parties meet their agreement, and the services still have a gap that nobody is "
        "responsible for."
    ),
    instead=message("Raise the cap to the need, remove it, or agree explicitly who pays the rest."),
    example=changed(
        TAMPERE_2027,
        'municipality_share = 50\ninstrument = "grant"\n',
        'municipality_share = 50\ninstrument = "grant"\nannual_cap = 100000\n',
    ),
    fixed=changed(
        TAMPERE_2027,
        'municipality_share = 50\ninstrument = "grant"\n',
        'municipality_share = 50\ninstrument = "grant"\nannual_cap = 1000000\n',
    ),
    check=check,
)
