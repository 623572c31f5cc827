"""FG103: a clause names a municipality that is not a party."""

from __future__ import annotations

from collections.abc import Iterator

from fundgap.i18n import message
from fundgap.rules.base import Context, Finding, Rule, Severity
from fundgap.rules.examples import TAMPERE_2027, changed


def check(context: Context) -> Iterator[Finding]:
    return RULE.from_reading(context)


RULE = Rule(
    code="FG103",
    name="share-to-non-party",
    severity=Severity.ERROR,
    summary=message("A clause gives a share to a municipality that is not a party"),
    checks=message(
        "Every municipality in a clause's municipalities must also be one of the agreement's "
        "municipalities."
    ),
    why=message(
        "An agreement binds only the parties that sign it. A share given to a municipality "
        "that does not sign is a share nobody has agreed to pay, and the analysis cannot "
        "apply it."
    ),
    instead=message(
        "Add the municipality to the agreement's municipalities, if it is a member of the "
        "county and takes part, or remove it from the clause."
    ),
    example=changed(
        TAMPERE_2027, 'id = "K2"\n', 'id = "K2"\nmunicipalities = ["Tampere", "Nokia"]\n'
    ),
    fixed=changed(TAMPERE_2027, 'id = "K2"\n', 'id = "K2"\nmunicipalities = ["Tampere"]\n'),
    check=check,
)
