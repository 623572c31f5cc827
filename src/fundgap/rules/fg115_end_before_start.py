"""FG115: an end before its start."""

from __future__ import annotations

from collections.abc import Iterator

from fundgap.i18n import message
from fundgap.rules.base import Context, Finding, Rule, Severity
from fundgap.rules.examples import TAMPERE_2027, changed


def check(context: Context) -> Iterator[Finding]:
    return RULE.from_reading(context)


RULE = Rule(
    code="FG115",
    name="end-before-start",
    severity=Severity.ERROR,
    summary=message("An agreement's or a clause's end before its start"),
    checks=message(
        "valid_until must be on or after valid_from, for the agreement and for every clause."
    ),
    why=message(
        "A period that ends before it starts has no day: the agreement or clause would cover "
        "nothing. It is usually a year typed wrong."
    ),
    instead=message("Write the last day the agreement or clause is in force."),
    example=changed(TAMPERE_2027, "valid_until = 2027-12-31", "valid_until = 2026-12-31"),
    fixed=TAMPERE_2027,
    check=check,
)
