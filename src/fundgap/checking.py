"""``fundgap check``: every rule run on each draft, read leniently (SPEC §6), and with a
dataset, what signing the drafts would mean for a year."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import date
from typing import ClassVar

import attrs

from fundgap.categories import Categories
from fundgap.drafts import DraftAgreement
from fundgap.errors import UsageError
from fundgap.i18n import Quoted, label, listing, message, quoted
from fundgap.limits import FIRST_YEAR, LAST_YEAR
from fundgap.model import Agreement, Dataset
from fundgap.registry import Registry, load_registry
from fundgap.rules import Context, Finding, Severity, all_rules
from fundgap.rules.consequences import Consequences, consequences

PathLike = str | os.PathLike[str]
SEVERITIES = tuple(s.value for s in Severity)


@attrs.frozen
class CheckedDraft:
    """One draft file and what the rules found in it, worst first, then in file order."""

    file: str
    agreement: str
    findings: tuple[Finding, ...]


@attrs.frozen
class DraftCheck:
    """What ``fundgap check`` found: per draft its findings; with a dataset, the year checked
    and what signing the drafts would change in it. ``failed`` when a finding is at least as
    serious as ``fail_on``."""

    kind: ClassVar[str] = "check"
    drafts: tuple[CheckedDraft, ...]
    fail_on: Severity
    registry: Registry
    dataset: str | None = None
    consequences: Consequences | None = None

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for draft in self.drafts for f in draft.findings)

    def counts(self) -> dict[Severity, int]:
        """How many findings of each severity, every severity listed."""
        counts = dict.fromkeys(Severity, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    @property
    def failed(self) -> bool:
        return any(f.severity.rank >= self.fail_on.rank for f in self.findings)

    @property
    def exit_code(self) -> int:
        """0 when nothing at or above ``fail_on`` was found, 1 when something was (SPEC §6)."""
        return 1 if self.failed else 0


def severity(text: str) -> Severity:
    """The severity ``text`` names (``error``, ``warning`` or ``info``); a UsageError
    otherwise."""
    try:
        return Severity(text.strip().lower())
    except ValueError:
        raise UsageError(
            message(
                "unknown {what} {value}; expected one of {allowed}",
                what=label("option", "severity"),
                value=Quoted(text),
                allowed=listing(quoted(SEVERITIES), "or"),
            )
        ) from None


def check_drafts(
    paths: Iterable[PathLike],
    *,
    dataset: Dataset | None = None,
    year: int | None = None,
    as_of: date | None = None,
    fail_on: Severity | str = Severity.ERROR,
    registry: Registry | None = None,
) -> DraftCheck:
    """Run every rule on each draft file of ``paths``; with ``dataset`` (the dataset the drafts
    will join), the rules that need services, funding and signed agreements run too, and the
    check ends with what signing all the drafts would change in ``year`` (default: the year
    the first draft starts). ``as_of`` (default today) is the day of that analysis.

    Raises UsageError for a missing file or a bad option, DatasetError for a file that is not
    an agreement at all (SPEC §6: exit status 2); everything else in a draft is a finding.
    """
    from fundgap.loading import read_draft

    as_of = as_of or date.today()  # noqa: DTZ011 -- a calendar day, not a moment
    fail_on = severity(fail_on)
    registry = dataset.registry if dataset is not None else registry or load_registry()
    categories = dataset.categories if dataset is not None else Categories()
    checked = []
    sound: list[Agreement] = []
    first_year = None
    for path in paths:
        draft, problems = read_draft(path, dataset, registry)
        draft_year = year or _first_year(draft, dataset, as_of)
        if first_year is None:
            first_year = draft_year
        context = Context(draft, problems, registry, categories, dataset, draft_year, as_of)
        findings = [f for rule in all_rules() for f in rule.check(context)]
        file = draft.record.agreement.file.shown
        checked.append(CheckedDraft(file, draft.id, tuple(sorted(findings, key=Finding.sort_key))))
        if context.sound is not None:
            sound.append(context.sound)
    if not checked:
        raise UsageError(message("no draft to check; give one or more agreement files"))
    effect = None
    if dataset is not None and sound and first_year is not None:
        effect = consequences(dataset, _one_each(sound), first_year, as_of)
    return DraftCheck(
        tuple(checked),
        fail_on,
        registry,
        dataset.name if dataset is not None else None,
        effect,
    )


def _first_year(draft: DraftAgreement, dataset: Dataset | None, as_of: date) -> int:
    """The year a check looks at by default: the year the draft starts (within the years an
    analysis takes, SPEC §4), else the dataset's default year, else the year of ``as_of``."""
    if draft.validity is not None:
        return min(max(draft.validity.start.year, FIRST_YEAR), LAST_YEAR)
    if dataset is not None and dataset.default_year is not None:
        return dataset.default_year
    return as_of.year


def _one_each(agreements: Sequence[Agreement]) -> list[Agreement]:
    """The drafts by id, the last file given winning, as in a dataset folder."""
    return list({a.id: a for a in agreements}.values())
