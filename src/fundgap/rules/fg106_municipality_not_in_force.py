"""FG106: a municipality that does not exist during the agreement, or is in Åland."""

from __future__ import annotations

from collections.abc import Iterator

from fundgap.i18n import message
from fundgap.rules.base import Context, Finding, Rule, Severity
from fundgap.rules.examples import TAMPERE_2027, changed


def check(context: Context) -> Iterator[Finding]:
    return RULE.from_reading(context)


RULE = Rule(
    code="FG106",
    name="municipality-not-in-force",
    severity=Severity.ERROR,
    summary=message(
        "A municipality that has merged into another during the agreement, or one in Åland"
    ),
    checks=message(
        "Every municipality named must exist for the whole validity: one that merged into "
        "another (Pertunmaa into Mäntyharju on 1 January 2025) cannot be a party after the "
        "merger. Åland's municipalities and Åland itself are outside the reform."
    ),
    why=message(
        "After a merger, the successor municipality holds the duties and signs the "
        "agreements; a share given to a municipality that no longer exists is paid by nobody. "
        "Åland organises its social and health services under its own legislation and has no "
        "wellbeing services county."
    ),
    instead=message(
        "Name the successor municipality for the days after the merger, and leave Åland's "
        "municipalities out."
    ),
    example=changed(
        TAMPERE_2027,
        'municipalities = ["Tampere"]',
        'municipalities = ["Tampere", "Maarianhamina"]',
    ),
    fixed=TAMPERE_2027,
    check=check,
)
