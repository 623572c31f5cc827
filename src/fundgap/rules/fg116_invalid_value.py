"""FG116: any other value that the loader refuses."""

from __future__ import annotations

from collections.abc import Iterator

from fundgap.i18n import message
from fundgap.rules.base import Context, Finding, Rule, Severity, subjects_at
from fundgap.rules.examples import TAMPERE_2027, changed


def check(context: Context) -> Iterator[Finding]:
    for problem in context.problems:
        if problem.rule is None:
            yield RULE.finding(
                problem.location,
                problem.message,
                problem.expected,
                subjects=subjects_at(context, problem.location),
            )


RULE = Rule(
    code="FG116",
    name="invalid-value",
    severity=Severity.ERROR,
    summary=message(
        "A key that is missing, unknown or of the wrong type, or a value the format does not allow"
    ),
    checks=message(
        "Everything else a dataset's loader would refuse in an agreement: a required key "
        "missing, an unknown key, a value of the wrong type, a status or instrument that is "
        "not one of the choices, a negative or too large number, a clause id used twice, a "
        "clause with no scope. The message is the loader's own."
    ),
    why=message(
        "The draft must load once it is signed and added to the dataset; each of these would "
        "stop the whole dataset from loading."
    ),
    instead=message(
        "Write the value as docs/format.md describes it; the message says what is expected."
    ),
    example=changed(
        TAMPERE_2027,
        'instrument = "purchase"',
        'instrument = "loan"',
    ),
    fixed=TAMPERE_2027,
    check=check,
)
