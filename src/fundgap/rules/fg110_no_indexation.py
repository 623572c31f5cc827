"""FG110: an agreement longer than one year with no indexation."""

from __future__ import annotations

from collections.abc import Iterator

from fundgap.i18n import message
from fundgap.periods import ONE_DAY, add_months, period_words
from fundgap.rules.base import Context, Finding, Rule, Severity, Subject, SubjectKind
from fundgap.rules.examples import TAMPERE_2027, changed


def check(context: Context) -> Iterator[Finding]:
    draft = context.draft
    validity = draft.validity
    if validity is None or not draft.record.agreement.known("indexation_percent"):
        return
    year_later = add_months(validity.start, 12) - ONE_DAY
    if draft.doc.indexation_percent is None and (validity.end is None or validity.end > year_later):
        yield RULE.finding(
            draft.at("indexation_percent"),
            message(
                "the agreement runs {period}, longer than a year, with no indexation",
                period=period_words(validity),
            ),
            message("indexation_percent, the percent a year by which the caps grow"),
            subjects=(Subject(SubjectKind.AGREEMENT, draft.id),),
        )


RULE = Rule(
    code="FG110",
    name="no-indexation",
    severity=Severity.WARNING,
    summary=message("An agreement longer than one year with no indexation"),
    checks=message(
        "An agreement that runs longer than one year, or until further notice, should give "
        "indexation_percent."
    ),
    why=message(
        "Wages and rents rise every year. Annual caps that stay the same lose value, and the "
        "NGO's funding shrinks in real terms while the agreement seems unchanged. The analysis "
        "indexes a clause's cap by indexation_percent, compounded once a year."
    ),
    instead=message(
        "Give the yearly index, e.g. indexation_percent = 2.5, or 0 if the parties have "
        "agreed on none."
    ),
    example=changed(TAMPERE_2027, "valid_until = 2027-12-31", "valid_until = 2028-12-31"),
    fixed=changed(
        TAMPERE_2027,
        "valid_until = 2027-12-31",
        "valid_until = 2028-12-31\nindexation_percent = 2.5",
    ),
    check=check,
)
