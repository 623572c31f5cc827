"""FG117: a clause that splits a portion differently from a signed agreement in force."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from fundgap.analysis.results import Basis
from fundgap.codes import MunicipalityCode
from fundgap.i18n import Quoted, listing, message
from fundgap.i18n.labels import municipality_name
from fundgap.rules.base import Context, Finding, Rule, Severity, Subject, SubjectKind
from fundgap.rules.examples import TAMPERE_2027, changed


@attrs.define
class _Conflict:
    services: list[str] = attrs.Factory(list)
    names: list[str] = attrs.Factory(list)
    municipalities: list[MunicipalityCode] = attrs.Factory(list)


def check(context: Context) -> Iterator[Finding]:
    report = context.with_draft
    if report is None:
        return
    draft = context.draft
    clauses = {clause.id: clause for clause in draft.clauses}
    found: dict[tuple[str, tuple[str, ...]], _Conflict] = {}
    for row in report.rows:
        for portion in row.portions:
            for segment in portion.segments:
                if segment.basis is not Basis.CONFLICT:
                    continue
                ours = [ref for ref in segment.clauses if ref.agreement == draft.id]
                others = tuple(sorted({r.agreement for r in segment.clauses} - {draft.id}))
                for ref in ours:
                    conflict = found.setdefault((ref.clause, others), _Conflict())
                    if row.service.id not in conflict.services:
                        conflict.services.append(row.service.id)
                        conflict.names.append(row.service.name)
                    if portion.municipality not in conflict.municipalities:
                        conflict.municipalities.append(portion.municipality)
    for (clause_id, others), conflict in found.items():
        yield RULE.finding(
            clauses[clause_id].at("county_share"),
            message(
                "clause {clause} splits {services} in {municipalities} differently from "
                "{others}, in force in {year}: the responsibility would be contested, and "
                "nobody's share known",
                clause=Quoted(clause_id),
                services=listing(Quoted(name) for name in conflict.names),
                municipalities=listing(
                    (municipality_name(context.registry, c) for c in conflict.municipalities),
                    alphabetical=True,
                ),
                others=listing(Quoted(other) for other in others),
                year=str(report.year),
            ),
            message("the same county and municipality shares as the agreement in force"),
            subjects=(
                *(Subject(SubjectKind.SERVICE, s) for s in conflict.services),
                *(Subject(SubjectKind.MUNICIPALITY, str(c)) for c in conflict.municipalities),
                *(Subject(SubjectKind.AGREEMENT, other) for other in others),
            ),
        )


RULE = Rule(
    code="FG117",
    name="contested-with-signed",
    severity=Severity.ERROR,
    summary=message(
        "A clause splits a service differently from a signed agreement in force on the same days"
    ),
    checks=message(
        "The analysis of SPEC §5 is made for the year checked with the draft signed (and the "
        "agreement it replaces ending the day before it starts). Where a clause of the draft "
        "and a clause of another agreement in force apply to the same portion on the same day "
        "with different county and municipality shares, the responsibility is contested. "
        "Needs a dataset."
    ),
    why=message(
        "Two agreements that both bind and disagree leave nobody's share known: the analysis "
        "gives no party an expected contribution for those days, and the NGO cannot tell whom "
        "to ask. Typically a separate agreement for one service (a crisis centre) is still in "
        "force when a new regional agreement is drafted."
    ),
    instead=message(
        "Give the same shares as the agreement in force, leave the service or category to "
        "that agreement, or terminate it (and name it in replaces) from the day the draft "
        "starts."
    ),
    example=changed(
        TAMPERE_2027,
        "county_share = 70\nmunicipality_share = 30",
        "county_share = 50\nmunicipality_share = 50",
    ),
    fixed=TAMPERE_2027,
    check=check,
)
