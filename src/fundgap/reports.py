"""One library function per command: it loads, analyses and selects, and returns a typed
document, with no words in it. :func:`fundgap.render.render` writes a document in a format and a
language; :mod:`fundgap.commands` does both in one call, as the command line does.

Each document names the renderers that write it by its ``kind`` (the table in
:mod:`fundgap.render.formats`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from fundgap import agreement_template
from fundgap.agreement_template import AgreementTemplate
from fundgap.analysis import GapReport, analyse
from fundgap.analysis.explanation import Explanation, explain
from fundgap.analysis.register import PairYears, RegisterEntry
from fundgap.analysis.selection import GROUPINGS, Aggregates, aggregate, find_category, select
from fundgap.checking import DraftCheck
from fundgap.errors import Location, Problem, UsageError
from fundgap.i18n.message import Quoted, label, listing, message, quoted
from fundgap.loading import load, load_draft, would_read
from fundgap.model import Dataset
from fundgap.registry import Registry, registry_file
from fundgap.render.output import Reads
from fundgap.validation import ValidationSummary

if TYPE_CHECKING:
    from fundgap.rules import Rule

PathLike = str | os.PathLike[str]
# Called with each data-quality warning that would make the figures misleading: a funder that
# looks public but matches no municipality or county, a year whose funding is not recorded
# yet. The CLI prints them on stderr.
Warn = Callable[[Problem], None]


@attrs.frozen
class AnalysisOptions:
    """What every analysing command shares: the year, the as-of day, the horizon, drafts."""

    year: int | None = None
    as_of: date | None = None
    horizon_months: int = 12
    drafts: tuple[PathLike, ...] = ()


@attrs.frozen
class Gaps:
    """``fundgap gaps``: the rows of the analysis that the filters chose."""

    kind: ClassVar[str] = "gaps"
    report: GapReport
    dataset: Dataset


@attrs.frozen
class Groups:
    """``fundgap gaps --by``: the chosen rows summed by a field."""

    kind: ClassVar[str] = "groups"
    aggregates: Aggregates
    report: GapReport
    dataset: Dataset


@attrs.frozen
class YearReport:
    """``fundgap report``: the year's report of a dataset."""

    kind: ClassVar[str] = "report"
    report: GapReport
    dataset: Dataset


@attrs.frozen
class ExplainedRow:
    """``fundgap explain``: how every figure of one service's row was reached."""

    kind: ClassVar[str] = "explain"
    explanation: Explanation
    dataset: Dataset


@attrs.frozen
class DatasetSummary:
    """``fundgap validate``: what a dataset that loads holds, and its warnings."""

    kind: ClassVar[str] = "validation"
    summary: ValidationSummary
    dataset: Dataset


@attrs.frozen
class RegistryListing:
    """``fundgap registry``: the organisers, or one county's municipalities, on a day."""

    kind: ClassVar[str] = "registry"
    registry: Registry
    county: str | None = None
    on: date | None = None


@attrs.frozen
class FileSchema:
    """``fundgap schema``: the JSON Schema of one kind of TOML data file (see
    :mod:`fundgap.schema`), for editors and other validators."""

    kind: ClassVar[str] = "schema"
    file_kind: str
    schema: Mapping[str, Any]


@attrs.frozen
class AgreementRegister:
    """``fundgap agreements``: the agreements with their notice deadlines, and per
    county–municipality pair the years with and without a signed agreement in force."""

    kind: ClassVar[str] = "agreements"
    dataset: Dataset
    as_of: date
    years: range
    entries: tuple[RegisterEntry, ...]
    pairs: tuple[PairYears, ...]


@attrs.frozen
class RuleListing:
    """``fundgap rules``: the draft rules, or one of them (``one``) explained in full."""

    kind: ClassVar[str] = "rules"
    rules: tuple[Rule, ...]
    one: bool = False


# fundgap new-agreement's document, made from the registry alone (no dataset is read)
new_agreement = agreement_template.new_agreement

Document = (
    Gaps
    | Groups
    | YearReport
    | ExplainedRow
    | DatasetSummary
    | RegistryListing
    | AgreementTemplate  # fundgap new-agreement: see fundgap.agreement_template.new_agreement
    | FileSchema
    | AgreementRegister
    | DraftCheck  # fundgap check: see draft_check below and fundgap.checking
    | RuleListing
)


def analysis_reads(path: PathLike | None, options: AnalysisOptions = AnalysisOptions()) -> Reads:
    """What an analysing command (``gaps``, ``report``, ``explain``) reads, as the ``reads`` of
    :func:`fundgap.render.output.write_atomic`, so that its output never replaces its own input:
    the dataset or collection at ``path`` (its files, and where loading it would read a new
    file; see :func:`fundgap.loading.would_read`), the drafts of ``options`` and the registry."""
    files = [Path(draft) for draft in options.drafts]
    files.append(registry_file())

    def reads(target: Path) -> Path | None:
        for file in files:
            if file.exists() and target.exists() and target.samefile(file):
                return file
        return would_read(target, path)

    return reads


def _analysed(dataset: Dataset, options: AnalysisOptions) -> GapReport:
    drafts = [load_draft(path, dataset) for path in options.drafts]
    return analyse(
        dataset,
        year=options.year,
        as_of=options.as_of,
        drafts=drafts,
        horizon_months=options.horizon_months,
    )


def _loaded(path: PathLike | None, warn: Warn | None) -> Dataset:
    """The dataset at ``path``; each funder whose money counts in no party's share though its
    name looks public goes to ``warn``, since every figure of the analysis leaves it out."""
    dataset = load(path)
    if warn is not None:
        from fundgap.validation import funder_warnings

        for problem in funder_warnings(dataset):
            warn(problem)
    return dataset


def _note_unrecorded(
    report: GapReport, dataset: Dataset, warn: Warn | None, explanation: Explanation | None = None
) -> None:
    """Tell ``warn`` when a dataset (of the explained row, when given) records no funding
    decision for the year (SPEC §5): no cut can be seen there, whatever the format."""
    from fundgap.loading._reading import shown_path
    from fundgap.render.gaps import not_recorded_note

    row = None if explanation is None else explanation.row
    if warn is not None and (note := not_recorded_note(report, row)) is not None:
        warn(Problem(Location(shown_path(Path(dataset.root).absolute(), Path.cwd())), note))


def gaps(
    path: PathLike | None,
    options: AnalysisOptions = AnalysisOptions(),
    *,
    county: str | None = None,
    municipality: str | None = None,
    category: str | None = None,
    status: str | None = None,
    by: str | None = None,
    warn: Warn | None = None,
) -> Gaps | Groups:
    """The rows of the analysis of the dataset at ``path`` that serve ``county`` or
    ``municipality`` (a name or code), are of ``category`` or have ``status`` (keys or labels
    in any language, see :func:`fundgap.analysis.selection.find_status`); with ``by``, summed
    by that field (one of ``GROUPINGS``). ``warn`` gets the data-quality warnings that make the
    figures misleading (see :func:`fundgap.validation.funder_warnings`). Raises
    :class:`~fundgap.errors.UsageError` for an unknown grouping, a
    :class:`~fundgap.errors.LookupFailedError` for an unknown filter value."""
    if by is not None and by not in GROUPINGS:
        raise UsageError(
            message(
                "unknown {what} {value}; expected one of {allowed}",
                what=label("option", "grouping"),
                value=Quoted(by),
                allowed=listing(quoted(GROUPINGS), "or"),
            )
        )
    dataset = _loaded(path, warn)
    if category is not None:
        category = find_category(category, dataset.categories)
    report = select(
        _analysed(dataset, options),
        dataset.registry,
        county=county,
        municipality=municipality,
        category=category,
        status=status,
    )
    _note_unrecorded(report, dataset, warn)
    if by is None:
        return Gaps(report, dataset)
    return Groups(aggregate(report, dataset.registry, by), report, dataset)


def year_report(
    path: PathLike | None, options: AnalysisOptions = AnalysisOptions(), *, warn: Warn | None = None
) -> YearReport:
    """The year's report of the dataset at ``path``; ``warn`` as for :func:`gaps`."""
    dataset = _loaded(path, warn)
    report = _analysed(dataset, options)
    _note_unrecorded(report, dataset, warn)
    return YearReport(report, dataset)


def explained_row(
    service: str,
    path: PathLike | None,
    options: AnalysisOptions = AnalysisOptions(),
    *,
    warn: Warn | None = None,
) -> ExplainedRow:
    """How every figure of ``service``'s row was reached; ``warn`` as for :func:`gaps`."""
    dataset = _loaded(path, warn)
    drafts = [load_draft(p, dataset) for p in options.drafts]
    explanation = explain(
        dataset,
        service,
        year=options.year,
        as_of=options.as_of,
        drafts=drafts,
        horizon_months=options.horizon_months,
    )
    _note_unrecorded(explanation.report, dataset, warn, explanation)
    return ExplainedRow(explanation, dataset)


def dataset_summary(path: PathLike | None) -> DatasetSummary:
    """What the dataset at ``path`` holds; raises :class:`~fundgap.errors.DatasetError` with
    every problem when it does not load."""
    from fundgap.validation import validate

    dataset = load(path)
    return DatasetSummary(validate(dataset), dataset)


def registry_listing(county: str | None = None, on: date | None = None) -> RegistryListing:
    """The organisers of social and health services (the 21 counties and Helsinki), or
    ``county``'s municipalities, on the day ``on`` (default: today)."""
    from fundgap.registry import load_registry

    return RegistryListing(load_registry(), county, on)


def file_schema(file_kind: str = "agreement") -> FileSchema:
    """The JSON Schema of a TOML file of ``file_kind`` (agreement, services, manifest or
    categories); a :class:`~fundgap.errors.UsageError` naming the kinds for another."""
    from fundgap import schema

    if file_kind not in schema.KINDS:
        raise UsageError(
            message(
                "unknown {what} {value}; expected one of {allowed}",
                what=label("option", "kind"),
                value=Quoted(file_kind),
                allowed=listing(quoted(schema.KINDS), "or"),
            )
        )
    return FileSchema(file_kind, schema.file_schema(file_kind))


def agreement_register(
    path: PathLike | None,
    *,
    county: str | None = None,
    municipality: str | None = None,
    status: str | None = None,
    as_of: date | None = None,
) -> AgreementRegister:
    """The register of the agreements of the dataset at ``path`` on ``as_of`` (default:
    today): those of ``county`` or with ``municipality`` as a party (a name or code), or with
    ``status`` (its key or its name in any language, see
    :func:`fundgap.analysis.selection.find_agreement_status`); the pairs of the county or
    municipality. See :func:`fundgap.analysis.register.agreement_register`. Raises a
    :class:`~fundgap.errors.UsageError` or :class:`~fundgap.errors.LookupFailedError` for an
    unknown filter value, before loading."""
    from fundgap.analysis.register import agreement_register as register
    from fundgap.analysis.selection import find_agreement_status
    from fundgap.model import AgreementStatus
    from fundgap.registry import load_registry

    wanted = None if status is None else AgreementStatus(find_agreement_status(status))
    places = load_registry()
    county_code = None if county is None else places.county(county).code
    municipality_code = None if municipality is None else places.municipality(municipality).code
    day = as_of or date.today()  # noqa: DTZ011 -- a calendar day in Finland, not a moment
    dataset = load(path, registry=places)
    years, entries, pairs = register(
        dataset, day, county=county_code, municipality=municipality_code, status=wanted
    )
    return AgreementRegister(dataset, day, years, entries, pairs)


def draft_check(
    drafts: Sequence[PathLike],
    dataset: PathLike | None = None,
    *,
    year: int | None = None,
    as_of: date | None = None,
    fail_on: str = "error",
) -> DraftCheck:
    """Every draft rule run on each file of ``drafts``, against the dataset or collection at
    ``dataset`` where given (see :func:`fundgap.checking.check_drafts`); ``fail_on`` is the
    least severity (error, warning or info) that fails the check. Raises UsageError for a
    missing file or a bad option, DatasetError for a dataset that does not load or a file
    that is not an agreement at all."""
    from fundgap.checking import check_drafts, severity

    chosen = severity(fail_on)
    loaded = load(dataset) if dataset is not None else None
    return check_drafts(drafts, dataset=loaded, year=year, as_of=as_of, fail_on=chosen)


def rule_listing(code: str | None = None) -> RuleListing:
    """Every draft rule, or with ``code`` the one with that code or name, explained; a
    LookupFailedError with the nearest codes for an unknown one."""
    from fundgap.rules import all_rules, find_rule

    if code is None:
        return RuleListing(all_rules())
    return RuleListing((find_rule(code),), one=True)


def check_reads(drafts: Sequence[PathLike], dataset: PathLike | None) -> Reads:
    """What ``fundgap check`` reads, so that its output never replaces a draft, a dataset
    file or the registry (see :func:`analysis_reads`)."""
    return analysis_reads(dataset, AnalysisOptions(drafts=tuple(drafts)))
