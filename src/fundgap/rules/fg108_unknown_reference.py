"""FG108: a category, service, municipality, county or agreement that is not known."""

from __future__ import annotations

from collections.abc import Iterator

from fundgap.i18n import message
from fundgap.rules.base import Context, Finding, Rule, Severity
from fundgap.rules.examples import TAMPERE_2027, changed


def check(context: Context) -> Iterator[Finding]:
    return RULE.from_reading(context)


RULE = Rule(
    code="FG108",
    name="unknown-reference",
    severity=Severity.ERROR,
    summary=message("A category, service, municipality, county or agreement that is not known"),
    checks=message(
        "Every category key must be a built-in category or one of the dataset's categories; "
        "every service id one of the dataset's services; every municipality and county a name "
        "or code in the registry; replaces the id of an agreement in the dataset. Services "
        "and replaced agreements are checked only when a dataset is given."
    ),
    why=message(
        "A misspelt key silently covers nothing: the services the clause was meant for stay "
        "unassigned, while the text looks complete. The message suggests the nearest known "
        "names."
    ),
    instead=message(
        "Use the keys and ids as the dataset writes them (fundgap gaps lists the services, "
        "docs/format.md the categories)."
    ),
    example=changed(
        TAMPERE_2027, '"meeting_place", "peer_support"', '"meeting_places", "peer_support"'
    ),
    fixed=TAMPERE_2027,
    check=check,
)
