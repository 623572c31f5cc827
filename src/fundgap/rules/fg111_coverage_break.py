"""FG111: days without an agreement between the one the draft follows and the draft."""

from __future__ import annotations

from collections.abc import Iterator

from fundgap.i18n import Quoted, message, plural
from fundgap.rules.base import Context, Finding, Rule, Severity, Subject, SubjectKind
from fundgap.rules.examples import TAMPERE_2027, changed
from fundgap.rules.scope import day_after, predecessor


def check(context: Context) -> Iterator[Finding]:
    draft = context.draft
    previous = predecessor(context)
    if previous is None or draft.validity is None or previous.validity.end is None:
        return
    end = previous.validity.end
    days = (draft.validity.start - day_after(end)).days
    if days > 0:
        yield RULE.finding(
            draft.at("valid_from"),
            plural(
                "{count} day without an agreement: {previous} ends on {end} and this one "
                "starts on {start}",
                "{count} days without an agreement: {previous} ends on {end} and this one "
                "starts on {start}",
                days,
                previous=Quoted(previous.id),
                end=end,
                start=draft.validity.start,
            ),
            message("valid_from = {day}, the day after it ends", day=day_after(end)),
            subjects=(Subject(SubjectKind.AGREEMENT, previous.id),),
        )


RULE = Rule(
    code="FG111",
    name="coverage-break",
    severity=Severity.ERROR,
    summary=message(
        "Days between the end of the agreement the draft follows and the draft's start"
    ),
    checks=message(
        "The draft must start the day after the agreement it replaces ends; without "
        "replaces, after the signed agreement of its county with a party in common that ended "
        "last before it. Needs a dataset."
    ),
    why=message(
        "On the days between, no agreement binds: the services in the grey zone are nobody's, "
        "and an NGO may have to lay off staff or close while the parties negotiate."
    ),
    instead=message(
        "Start the draft the day after its predecessor ends, or extend the predecessor (a "
        "signed amendment) until the draft starts."
    ),
    example=changed(TAMPERE_2027, "valid_from = 2027-01-01", "valid_from = 2027-03-01"),
    fixed=TAMPERE_2027,
    check=check,
)
