"""What a draft rule is and what it finds (SPEC §6).

A rule is one unit, as in ruff's registry: a stable code (``FG101``), a kebab-case name, a
default severity, a one-line summary, a documentation text in fixed sections (what it checks,
why it matters, what to write instead), an example draft that breaks it and the same draft
written right (both are test fixtures, and ``docs/rules.md`` shows them), and the check itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING

import attrs

from fundgap.categories import Categories
from fundgap.drafts import DraftAgreement
from fundgap.errors import Location, LookupFailedError, Problem
from fundgap.i18n import Message

if TYPE_CHECKING:
    from fundgap.analysis.results import GapReport
    from fundgap.model import Agreement, Dataset
    from fundgap.registry import Registry


class Severity(StrEnum):
    """How serious a finding is; ``--fail-on`` picks the least that fails a check."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for an error, 1 for a warning, 0 for information: the higher, the worse."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


class SubjectKind(StrEnum):
    CATEGORY = "category"
    SERVICE = "service"
    MUNICIPALITY = "municipality"
    COUNTY = "county"
    AGREEMENT = "agreement"
    CLAUSE = "clause"


@attrs.frozen
class Subject:
    """What a finding concerns: a category key, a service id, a municipality's or county's
    code (or the name as written, when it names none), an agreement or clause id."""

    kind: SubjectKind
    key: str


@attrs.frozen
class Finding:
    """One thing a rule found in a draft: where, what is wrong, what was expected, and what it
    concerns. ``message`` and ``expected`` are catalogue messages; a renderer writes them."""

    code: str
    name: str
    severity: Severity
    location: Location
    message: Message
    expected: Message | None = None
    subjects: tuple[Subject, ...] = ()

    def sort_key(self) -> tuple[int, int, str, str]:
        return (-self.severity.rank, self.location.line or 0, self.location.path, self.code)


@attrs.frozen(slots=False)
class Context:
    """What the rules see: the draft as written and the problems found while reading it (each
    with its rule's code), the categories, and where given, the dataset it will join and the
    year whose figures matter. The what-if analyses are made once, when a rule first asks."""

    draft: DraftAgreement
    problems: tuple[Problem, ...]
    registry: Registry
    categories: Categories
    dataset: Dataset | None
    year: int
    as_of: date

    @cached_property
    def sound(self) -> Agreement | None:
        """The part of the draft that can be analysed, taken as signed."""
        return self.draft.sound()

    @cached_property
    def with_draft(self) -> GapReport | None:
        """The dataset's year with the draft signed (and the agreement it replaces ending the
        day before it starts); None without a dataset or a sound draft."""
        from fundgap.rules.consequences import what_if

        if self.dataset is None or self.sound is None:
            return None
        return what_if(self.dataset, (self.sound,), self.year, self.as_of)


Check = Callable[[Context], Iterable[Finding]]


@attrs.frozen
class Rule:
    """One draft rule. ``check`` yields its findings for a context; ``example`` is a whole
    draft that breaks the rule and ``fixed`` the same draft written right, both checked
    against the example dataset of Pirkanmaa (``examples/pirkanmaa``) in the tests."""

    code: str
    name: str
    severity: Severity
    summary: Message
    checks: Message
    why: Message
    instead: Message
    example: str
    fixed: str
    check: Check = attrs.field(eq=False, repr=False)

    def finding(
        self,
        location: Location,
        words: Message,
        expected: Message | None = None,
        *,
        subjects: Iterable[Subject] = (),
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this rule, at its default severity unless another is given."""
        return Finding(
            self.code,
            self.name,
            severity or self.severity,
            location,
            words,
            expected,
            tuple(subjects),
        )

    def from_reading(self, context: Context) -> Iterator[Finding]:
        """The problems found while reading the draft that carry this rule's code, as errors:
        the loader refuses each of them."""
        for problem in context.problems:
            if problem.rule == self.code:
                yield self.finding(
                    problem.location,
                    problem.message,
                    problem.expected,
                    subjects=subjects_at(context, problem.location),
                    severity=Severity.ERROR,
                )


def subjects_at(context: Context, location: Location) -> tuple[Subject, ...]:
    """What the value at ``location`` of the draft names: the municipality or county written
    there (by its code, or as written when it names none), the category, service or
    agreement; else nothing."""
    draft = context.draft
    found = re.fullmatch(
        r"(?:clauses\[(\d+)\]\.)?(municipalities|categories|services|county|replaces)"
        r"(?:\[(\d+)\])?",
        location.path,
    )
    if found is None:
        return ()
    clause, key, index = found.groups()
    kinds = {
        "municipalities": SubjectKind.MUNICIPALITY,
        "categories": SubjectKind.CATEGORY,
        "services": SubjectKind.SERVICE,
        "county": SubjectKind.COUNTY,
        "replaces": SubjectKind.AGREEMENT,
    }
    doc: object = draft.doc
    if clause is not None:
        records = [r for r in draft.record.clauses if r.path == ("clauses", int(clause))]
        if not records:
            return ()
        doc = records[0].doc
    value = getattr(doc, key, None)
    if index is not None:
        values = value if isinstance(value, list) else []
        value = values[int(index)] if int(index) < len(values) else None
    if not isinstance(value, str):
        return ()
    kind = kinds[key]
    try:
        if kind is SubjectKind.MUNICIPALITY:
            value = str(context.registry.municipality(value).code)
        elif kind is SubjectKind.COUNTY:
            value = str(context.registry.county(value).code)
    except LookupFailedError:
        pass  # named as written
    return (Subject(kind, value),)
