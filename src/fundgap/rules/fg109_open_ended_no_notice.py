"""FG109: an agreement in force until further notice with no notice period."""

from __future__ import annotations

from collections.abc import Iterator

from fundgap.i18n import message
from fundgap.rules.base import Context, Finding, Rule, Severity, Subject, SubjectKind
from fundgap.rules.examples import TAMPERE_2027, changed


def check(context: Context) -> Iterator[Finding]:
    doc = context.draft.doc
    known = context.draft.record.agreement.known("valid_until", "notice_months")
    if known and doc.valid_until is None and doc.notice_months is None:
        yield RULE.finding(
            context.draft.at("notice_months"),
            message("the agreement runs until further notice but gives no notice period"),
            message("notice_months, the months of notice either party must give"),
            subjects=(Subject(SubjectKind.AGREEMENT, doc.id),),
        )


RULE = Rule(
    code="FG109",
    name="open-ended-no-notice",
    severity=Severity.WARNING,
    summary=message("An agreement in force until further notice with no notice period"),
    checks=message("An agreement without valid_until must give notice_months."),
    why=message(
        "An open-ended agreement ends when a party gives notice. Without a notice period, "
        "the county or a municipality could end it from one day to the next, and the NGOs "
        "would lose their funding without time to find another; fundgap cannot tell when to "
        "reopen negotiations either."
    ),
    instead=message(
        "Give a notice period long enough to negotiate a successor, e.g. notice_months = 6, "
        "or a valid_until."
    ),
    example=changed(
        TAMPERE_2027,
        "valid_until = 2027-12-31\nnotice_months = 6\n",
        "indexation_percent = 2.0\n",
    ),
    fixed=changed(
        TAMPERE_2027,
        "valid_until = 2027-12-31\nnotice_months = 6\n",
        "notice_months = 6\nindexation_percent = 2.0\n",
    ),
    check=check,
)
