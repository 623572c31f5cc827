"""FG107: a clause that runs outside the agreement's validity."""

from __future__ import annotations

from collections.abc import Iterator

from fundgap.i18n import message
from fundgap.rules.base import Context, Finding, Rule, Severity
from fundgap.rules.examples import TAMPERE_2027, changed


def check(context: Context) -> Iterator[Finding]:
    return RULE.from_reading(context)


RULE = Rule(
    code="FG107",
    name="clause-outside-validity",
    severity=Severity.ERROR,
    summary=message("A clause's period reaches outside the agreement's validity"),
    checks=message(
        "A clause's valid_from and valid_until, where given, must lie within the agreement's "
        "valid_from and valid_until."
    ),
    why=message(
        "A clause binds only while its agreement is in force. Days of a clause outside the "
        "validity look covered in the text but bind nobody, so the services in its scope "
        "would have no agreed funding on those days."
    ),
    instead=message(
        "Keep the clause inside the validity, or extend the agreement's validity (and check "
        "its notice period and indexation)."
    ),
    example=changed(
        TAMPERE_2027,
        'id = "K2"\n',
        'id = "K2"\nvalid_from = 2027-01-01\nvalid_until = 2028-06-30\n',
    ),
    fixed=changed(
        TAMPERE_2027,
        'id = "K2"\n',
        'id = "K2"\nvalid_from = 2027-01-01\nvalid_until = 2027-12-31\n',
    ),
    check=check,
)
