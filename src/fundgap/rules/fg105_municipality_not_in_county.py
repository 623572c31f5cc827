"""FG105: a party that is not a member of the agreement's county."""

from __future__ import annotations

from collections.abc import Iterator

from fundgap.i18n import message
from fundgap.rules.base import Context, Finding, Rule, Severity
from fundgap.rules.examples import TAMPERE_2027, changed


def check(context: Context) -> Iterator[Finding]:
    return RULE.from_reading(context)


RULE = Rule(
    code="FG105",
    name="municipality-not-in-county",
    severity=Severity.ERROR,
    summary=message("A party is not a member municipality of the agreement's county"),
    checks=message(
        "Every municipality in the agreement's municipalities must belong to the wellbeing "
        "services county named in county, as the registry of Statistics Finland has it."
    ),
    why=message(
        "The law has each county agree with its own member municipalities on their shares of "
        "the duty to promote wellbeing. A municipality of another county is outside the "
        "agreement: its residents are its own county's responsibility."
    ),
    instead=message(
        "Name only the county's member municipalities (fundgap registry --county C lists "
        "them); write a separate agreement with the other county."
    ),
    example=changed(
        TAMPERE_2027, 'municipalities = ["Tampere"]', 'municipalities = ["Tampere", "Kajaani"]'
    ),
    fixed=TAMPERE_2027,
    check=check,
)
