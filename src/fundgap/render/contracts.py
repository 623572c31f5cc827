"""The documented JSON contracts (docs/json.md) as attrs documents, each field a key of the
contract in the contract's order, typed with the format it is written in; the output converter
(:mod:`fundgap.render.converter`) writes them. ``fundgap.gaps/1`` from a
:class:`~fundgap.analysis.GapReport`, ``fundgap.explain/1`` from an
:class:`~fundgap.analysis.Explanation`, ``fundgap.validate/1`` from a
:class:`~fundgap.validation.ValidationSummary`, ``fundgap.agreements/1`` from a
:class:`~fundgap.reports.AgreementRegister`, ``fundgap.check/1`` from a
:class:`~fundgap.checking.DraftCheck`."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from fundgap._gc import collector_paused
from fundgap.analysis.explanation import Explanation
from fundgap.analysis.register import Notice, RegisterEntry
from fundgap.analysis.results import (
    SCHEMA,
    Basis,
    ClauseRef,
    Flag,
    FundingStatus,
    GapReport,
    GapRow,
    ResponsibilityStatus,
    Segment,
    Totals,
    notice_missed,
)
from fundgap.analysis.selection import Aggregates, Group, GroupBy, PartyGroup, aggregate
from fundgap.categories import Zone
from fundgap.codes import CountyCode, MunicipalityCode
from fundgap.errors import Location
from fundgap.model import AgreementStatus
from fundgap.registry import Registry
from fundgap.render.converter import Amount, Factor, Share, Weight
from fundgap.rules import Finding
from fundgap.rules.consequences import ServiceChange
from fundgap.validation import ValidationSummary

if TYPE_CHECKING:
    from fundgap.checking import DraftCheck
    from fundgap.render.formats import Style
    from fundgap.reports import (
        AgreementRegister,
        DatasetSummary,
        ExplainedRow,
        Gaps,
        Groups,
        YearReport,
    )


@attrs.frozen
class PartyEntry:
    party: str
    share: Share
    expected: Amount
    granted: Amount
    shortfall: Amount


@attrs.frozen
class PortionEntry:
    municipality: MunicipalityCode
    need: Amount
    responsibility_status: ResponsibilityStatus


@attrs.frozen
class LapseEntry:
    municipality: MunicipalityCode
    ends: date
    agreement: str
    notice_deadline: date | None


@attrs.frozen
class ClauseSource:
    agreement: str
    clause: str
    file: str | None
    line: int | None


@attrs.frozen
class FundingSource:
    funder: str
    start: date
    end: date
    amount: Amount
    counted: Amount
    reference: str
    file: str | None
    line: int | None


@attrs.frozen
class Sources:
    clauses: list[ClauseSource]
    funding: list[FundingSource]


@attrs.frozen
class RowDocument:
    service: str
    name: str
    organisation: str
    category: str
    zone: Zone
    municipalities: list[MunicipalityCode]
    counties: list[CountyCode]
    need: Amount
    funded: Amount
    gap: Amount
    responsibility_status: ResponsibilityStatus
    funding_status: FundingStatus
    parties: list[PartyEntry]
    portions: list[PortionEntry]
    flags: list[Flag]
    lapsing: list[LapseEntry]
    sources: Sources


@attrs.frozen
class TotalsDocument:
    need: Amount
    funded: Amount
    gap: Amount
    services: int
    by_responsibility_status: dict[str, int]
    by_funding_status: dict[str, int]
    by_flag: dict[str, int]


@attrs.frozen
class MissingEntry:
    county: CountyCode
    municipality: MunicipalityCode


@attrs.frozen
class GapsDocument:
    schema: str
    dataset: str
    year: int
    as_of: date
    horizon_months: int
    with_drafts: list[str]
    funding_recorded: bool
    funding_not_recorded_in: list[str]
    rows: list[RowDocument]
    totals: TotalsDocument
    municipalities_without_agreement: list[MissingEntry]


def _file(source: Location | None) -> str | None:
    return None if source is None else source.file


def _line(source: Location | None) -> int | None:
    return None if source is None else source.line


def sources(row: GapRow) -> Sources:
    """The clauses and funding decisions behind ``row``, with their files and lines."""
    clauses: dict[tuple[str, str], ClauseRef] = {}
    for portion in row.portions:
        for segment in portion.segments:
            for ref in segment.clauses:
                clauses.setdefault(ref.key, ref)
    return Sources(
        clauses=[
            ClauseSource(ref.agreement, ref.clause, _file(ref.source), _line(ref.source))
            for _, ref in sorted(clauses.items())
        ],
        funding=[
            FundingSource(
                funder=line.decision.funder.key,
                start=line.decision.period.start,
                end=line.decision.period.last,
                amount=Amount(line.decision.amount),
                counted=Amount(line.amount),
                reference=line.decision.reference,
                file=_file(line.decision.source),
                line=_line(line.decision.source),
            )
            for line in row.funding
        ],
    )


def row_document(row: GapRow) -> RowDocument:
    """One row of ``fundgap.gaps/1``."""
    return RowDocument(
        service=row.service.id,
        name=row.service.name,
        organisation=row.service.organisation,
        category=row.category.key,
        zone=row.category.zone,
        municipalities=list(row.municipalities),
        counties=list(row.counties),
        need=Amount(row.need),
        funded=Amount(row.funded),
        gap=Amount(row.gap),
        responsibility_status=row.responsibility_status,
        funding_status=row.funding_status,
        parties=[
            PartyEntry(
                p.party, Share(p.share), Amount(p.expected), Amount(p.granted), Amount(p.shortfall)
            )
            for p in row.parties
        ],
        portions=[
            PortionEntry(p.municipality, Amount(need), p.responsibility_status)
            for p, need in zip(row.portions, row.portion_needs(), strict=True)
        ],
        flags=sorted(row.flags),
        lapsing=[
            LapseEntry(lapse.municipality, lapse.ends, lapse.agreement, lapse.notice_deadline)
            for lapse in row.lapses
        ],
        sources=sources(row),
    )


def totals_document(totals: Totals) -> TotalsDocument:
    return TotalsDocument(
        need=Amount(totals.need),
        funded=Amount(totals.funded),
        gap=Amount(totals.gap),
        services=totals.services,
        by_responsibility_status=totals.by_responsibility_status,
        by_funding_status=totals.by_funding_status,
        by_flag=totals.by_flag,
    )


def gaps_document(report: GapReport) -> GapsDocument:
    """The whole ``fundgap.gaps/1`` document of ``report``."""
    return GapsDocument(
        schema=SCHEMA,
        dataset=report.dataset,
        year=report.year,
        as_of=report.as_of,
        horizon_months=report.horizon_months,
        with_drafts=list(report.drafts),
        funding_recorded=report.funding_recorded,
        funding_not_recorded_in=list(report.not_recorded),
        rows=[row_document(row) for row in report.rows],
        totals=totals_document(report.totals),
        municipalities_without_agreement=[
            MissingEntry(m.county, m.municipality) for m in report.missing_agreements
        ],
    )


EXPLAIN_SCHEMA = "fundgap.explain/1"


@attrs.frozen
class ClauseEntry:
    agreement: str
    clause: str
    level: str
    county_share: Share
    municipality_share: Share
    file: str | None
    line: int | None


@attrs.frozen
class SegmentEntry:
    start: date
    end: date
    days: int
    need: Amount
    responsibility_status: ResponsibilityStatus
    basis: Basis
    county_share: Share
    municipality_share: Share
    agreement: str | None
    clauses: list[ClauseEntry]
    overridden: list[str]
    also_in_force: list[str]
    legal_basis: str
    drafts_only: list[str]


@attrs.frozen
class ExplainedPortion:
    municipality: MunicipalityCode
    county: CountyCode
    weight: Weight
    weight_total: Weight
    weights_given: bool
    need: Amount
    segments: list[SegmentEntry]


@attrs.frozen
class FundingEntry:
    funder: str
    funder_name: str
    start: date
    end: date
    days: int | None  # a funding decision always ends; its period's type allows no end
    amount: Amount
    days_counted: int
    counted: Amount
    reference: str
    file: str | None
    line: int | None


@attrs.frozen
class CapEntry:
    agreement: str
    clause: str
    cap: Amount
    expected_before: Amount
    factor: Factor
    binds: bool


@attrs.frozen
class CutEntry:
    party: str
    granted: Amount
    previous: Amount
    change_percent: Share
    days: int
    previous_days: int


@attrs.frozen
class ExplainDocument:
    schema: str
    dataset: str
    year: int
    as_of: date
    horizon_months: int
    with_drafts: list[str]
    funding_recorded: bool
    row: RowDocument
    active_days: int
    days_in_year: int
    annual_cost: Amount
    portions: list[ExplainedPortion]
    funding: list[FundingEntry]
    caps: list[CapEntry]
    cuts: list[CutEntry]


def _segment(segment: Segment) -> SegmentEntry:
    return SegmentEntry(
        start=segment.period.start,
        end=segment.period.last,
        days=segment.days,
        need=Amount(segment.need),
        responsibility_status=segment.status,
        basis=segment.basis,
        county_share=Share(segment.county_share),
        municipality_share=Share(segment.municipality_share),
        agreement=segment.agreement,
        clauses=[
            ClauseEntry(
                agreement=ref.agreement,
                clause=ref.clause,
                level=ref.level,
                county_share=Share(ref.county_share),
                municipality_share=Share(ref.municipality_share),
                file=None if ref.source is None else ref.source.file,
                line=None if ref.source is None else ref.source.line,
            )
            for ref in segment.clauses
        ],
        overridden=[f"{ref.agreement}/{ref.clause}" for ref in segment.overridden],
        also_in_force=list(segment.also_in_force),
        legal_basis=segment.legal_basis,
        drafts_only=list(segment.drafts_only),
    )


def explain_document(explanation: Explanation) -> ExplainDocument:
    """The whole ``fundgap.explain/1`` document of ``explanation``."""
    row, report = explanation.row, explanation.report
    return ExplainDocument(
        schema=EXPLAIN_SCHEMA,
        dataset=report.dataset,
        year=report.year,
        as_of=report.as_of,
        horizon_months=report.horizon_months,
        with_drafts=list(report.drafts),
        funding_recorded=row.unrecorded_in is None,
        row=row_document(row),
        active_days=row.active_days,
        days_in_year=row.days_in_year,
        annual_cost=Amount(row.service.annual_cost),
        portions=[
            ExplainedPortion(
                municipality=p.municipality,
                county=p.county,
                weight=Weight(p.weight),
                weight_total=Weight(p.weight_total),
                weights_given=row.service.weights_given,
                need=Amount(need),
                segments=[_segment(s) for s in p.segments],
            )
            for p, need in zip(row.portions, row.portion_needs(), strict=True)
        ],
        funding=[
            FundingEntry(
                funder=line.decision.funder.key,
                funder_name=line.decision.funder.name,
                start=line.decision.period.start,
                end=line.decision.period.last,
                days=line.decision.period.days,
                amount=Amount(line.decision.amount),
                days_counted=line.days,
                counted=Amount(line.amount),
                reference=line.decision.reference,
                file=None if line.decision.source is None else line.decision.source.file,
                line=None if line.decision.source is None else line.decision.source.line,
            )
            for line in row.funding
        ],
        caps=[
            CapEntry(
                agreement=cap.agreement,
                clause=cap.clause,
                cap=Amount(cap.cap),
                expected_before=Amount(cap.expected_before),
                factor=Factor(cap.factor),
                binds=cap.binds,
            )
            for cap in row.caps
        ],
        cuts=[
            CutEntry(
                party=cut.party,
                granted=Amount(cut.granted),
                previous=Amount(cut.previous),
                change_percent=Share(cut.change_percent),
                days=cut.days,
                previous_days=cut.previous_days,
            )
            for cut in row.cuts
        ],
    )


VALIDATE_SCHEMA = "fundgap.validate/1"


@attrs.frozen
class AgreementCounts:
    total: int
    by_status: dict[str, int]


@attrs.frozen
class ServiceCounts:
    total: int
    by_category: dict[str, int]
    by_zone: dict[str, int]


@attrs.frozen
class FundingCounts:
    total: int
    amount: Amount
    by_funder: dict[str, int]


@attrs.frozen
class WarningEntry:
    file: str
    line: int | None
    path: str
    message: str


@attrs.frozen
class ValidationDocument:
    schema: str
    dataset: str
    parts: list[str]
    agreements: AgreementCounts
    services: ServiceCounts
    organisations: int
    funding_decisions: FundingCounts
    municipalities: list[MunicipalityCode]
    counties: list[CountyCode]
    years: list[int] | None
    warnings: list[WarningEntry]


def validation_document(summary: ValidationSummary) -> ValidationDocument:
    """The whole ``fundgap.validate/1`` document of ``summary``."""
    return ValidationDocument(
        schema=VALIDATE_SCHEMA,
        dataset=summary.dataset,
        parts=list(summary.parts),
        agreements=AgreementCounts(summary.agreements, summary.agreements_by_status),
        services=ServiceCounts(
            summary.services, summary.services_by_category, summary.services_by_zone
        ),
        organisations=summary.organisations,
        funding_decisions=FundingCounts(
            summary.funding_decisions, Amount(summary.funding_total), summary.funding_by_funder
        ),
        municipalities=list(summary.municipalities),
        counties=list(summary.counties),
        years=None if summary.years is None else list(summary.years),
        warnings=[
            WarningEntry(w.location.file, w.location.line, w.location.path, str(w.message))
            for w in summary.warnings
        ],
    )


AGGREGATES_SCHEMA = "fundgap.aggregates/1"


@attrs.frozen
class GroupEntry:
    key: str
    label: str
    need: Amount
    funded: Amount
    gap: Amount
    services: int
    by_responsibility_status: dict[str, int]


@attrs.frozen
class PartyGroupEntry:
    """A group of ``by: "party"``: a party has no need of its own, so its amounts are what
    its lines in the rows add up to (docs/json.md, party groups)."""

    key: str
    label: str
    expected: Amount
    granted: Amount
    shortfall: Amount
    services: int
    by_responsibility_status: dict[str, int]


@attrs.frozen
class AggregatesDocument:
    schema: str
    dataset: str
    year: int
    funding_recorded: bool
    funding_not_recorded_in: list[str]
    by: GroupBy
    groups: list[GroupEntry] | list[PartyGroupEntry]


def _groups(aggregates: Aggregates) -> list[GroupEntry]:
    return [
        GroupEntry(
            key=group.key,
            label=aggregates.label(group),
            need=Amount(group.need),
            funded=Amount(group.funded),
            gap=Amount(group.gap),
            services=group.services,
            by_responsibility_status=group.by_responsibility_status,
        )
        for group in aggregates.groups
        if isinstance(group, Group)
    ]


def _party_groups(aggregates: Aggregates) -> list[PartyGroupEntry]:
    return [
        PartyGroupEntry(
            key=group.key,
            label=aggregates.label(group),
            expected=Amount(group.expected),
            granted=Amount(group.granted),
            shortfall=Amount(group.shortfall),
            services=group.services,
            by_responsibility_status=group.by_responsibility_status,
        )
        for group in aggregates.groups
        if isinstance(group, PartyGroup)
    ]


def aggregates_document(aggregates: Aggregates) -> AggregatesDocument:
    """The whole ``fundgap.aggregates/1`` document of ``aggregates``."""
    return AggregatesDocument(
        schema=AGGREGATES_SCHEMA,
        dataset=aggregates.dataset,
        year=aggregates.year,
        funding_recorded=not aggregates.not_recorded,
        funding_not_recorded_in=list(aggregates.not_recorded),
        by=aggregates.by,
        groups=_party_groups(aggregates) if aggregates.by is GroupBy.PARTY else _groups(aggregates),
    )


@attrs.frozen
class LapsingEntry:
    agreement: str
    ends: date
    notice_deadline: date | None
    notice_missed: bool  # the deadline came before as_of
    municipalities: list[str]
    services: list[str]


@attrs.frozen
class ReportCutEntry:
    service: str
    party: str
    previous: Amount
    granted: Amount
    change_percent: Share
    days: int
    previous_days: int


@attrs.frozen
class ReportDocument(GapsDocument):
    """``fundgap.gaps/1`` and, after its keys, the report's sections."""

    aggregates: dict[str, list[GroupEntry]]
    lapsing_agreements: list[LapsingEntry]
    cuts: list[ReportCutEntry]


def report_document(report: GapReport, registry: Registry) -> ReportDocument:
    """The report as JSON: the gaps contract and the report's sections (docs/json.md)."""
    from fundgap.render.report import lapsing_agreements

    gaps = gaps_document(report)
    return ReportDocument(
        **attrs.asdict(gaps, recurse=False),
        aggregates={
            by.value: _groups(aggregate(report, registry, by))
            for by in (GroupBy.COUNTY, GroupBy.MUNICIPALITY, GroupBy.CATEGORY)
        },
        lapsing_agreements=[
            LapsingEntry(
                a.agreement,
                a.ends,
                a.notice_deadline,
                notice_missed(a.notice_deadline, report.as_of),
                list(a.municipalities),
                list(a.services),
            )
            for a in lapsing_agreements(report)
        ],
        cuts=[
            ReportCutEntry(
                service=row.service.id,
                party=cut.party,
                previous=Amount(cut.previous),
                granted=Amount(cut.granted),
                change_percent=Share(cut.change_percent),
                days=cut.days,
                previous_days=cut.previous_days,
            )
            for row in report.rows
            for cut in row.cuts
        ],
    )


def json_text(document: object, one_per_line: tuple[str, ...] = ("rows", "groups")) -> str:
    """``document`` (a JSON document above) as JSON text: indented, but each item of its
    ``one_per_line`` lists (the rows, or groups) on a line of its own, so that output diffs
    line by line and a national dataset is written by
    the json module's fast encoder (``indent`` makes it use the slow one). Text keeps every
    character; those that act on a terminal are written as JSON escapes
    (:func:`fundgap.shown.escaped_in_json`)."""
    from fundgap.render.converter import unstructured
    from fundgap.shown import escaped_in_json

    with collector_paused():
        data: dict[str, Any] = unstructured(document)
        lists = {key: data[key] for key in one_per_line if isinstance(data.get(key), list)}
        marker = "\0{}\0"
        shell = {key: marker.format(key) if key in lists else value for key, value in data.items()}
        text = json.dumps(shell, indent=2, ensure_ascii=False)
        for key, items in lists.items():
            lines = ",\n    ".join(json.dumps(item, ensure_ascii=False) for item in items)
            text = text.replace(
                json.dumps(marker.format(key)), f"[\n    {lines}\n  ]" if items else "[]"
            )
        return escaped_in_json(text) + "\n"


def gaps_json(document: Gaps, _style: Style) -> str:
    """``fundgap gaps --format json``: ``fundgap.gaps/1``."""
    return json_text(gaps_document(document.report))


def groups_json(document: Groups, _style: Style) -> str:
    """``fundgap gaps --by … --format json``: ``fundgap.aggregates/1``."""
    return json_text(aggregates_document(document.aggregates))


def report_json(document: YearReport, _style: Style) -> str:
    """``fundgap report --format json``: ``fundgap.gaps/1`` and the report's sections."""
    return json_text(report_document(document.report, document.dataset.registry))


def explain_json(document: ExplainedRow, _style: Style) -> str:
    """``fundgap explain --format json``: ``fundgap.explain/1``."""
    return json_text(explain_document(document.explanation))


def validation_json(document: DatasetSummary, _style: Style) -> str:
    """``fundgap validate --format json``: ``fundgap.validate/1``."""
    return json_text(validation_document(document.summary))


AGREEMENTS_SCHEMA = "fundgap.agreements/1"


@attrs.frozen
class CapItem:
    clause: str
    annual_cap: Amount


@attrs.frozen
class RegisterItem:
    id: str
    title: str
    status: AgreementStatus
    county: CountyCode
    municipalities: list[MunicipalityCode]
    start: date
    end: date | None
    notice_months: int | None
    notice_deadline: date | None
    notice: Notice | None
    replaces: str | None
    replaced_by: list[str]
    categories: list[str]
    services: list[str]
    caps: list[CapItem]
    indexation_percent: Share | None
    file: str | None
    line: int | None


@attrs.frozen
class PairItem:
    county: CountyCode
    municipality: MunicipalityCode
    with_agreement: list[int]
    without_agreement: list[int]


@attrs.frozen
class AgreementsDocument:
    schema: str
    dataset: str
    as_of: date
    first_year: int | None
    last_year: int | None
    agreements: list[RegisterItem]
    pairs: list[PairItem]


def _register_item(entry: RegisterEntry) -> RegisterItem:
    a = entry.agreement
    return RegisterItem(
        id=a.id,
        title=a.title,
        status=a.status,
        county=a.county,
        municipalities=list(a.municipalities),
        start=a.validity.start,
        end=a.validity.end,
        notice_months=a.notice_months,
        notice_deadline=entry.notice_deadline,
        notice=entry.notice,
        replaces=a.replaces,
        replaced_by=list(entry.replaced_by),
        categories=list(entry.categories),
        services=list(entry.services),
        caps=[CapItem(c.clause, Amount(c.annual_cap)) for c in entry.caps],
        indexation_percent=None if a.indexation_percent is None else Share(a.indexation_percent),
        file=_file(a.source),
        line=_line(a.source),
    )


def agreements_document(register: AgreementRegister) -> AgreementsDocument:
    """The whole ``fundgap.agreements/1`` document of ``register``."""
    years = register.years
    return AgreementsDocument(
        schema=AGREEMENTS_SCHEMA,
        dataset=register.dataset.name,
        as_of=register.as_of,
        first_year=years[0] if years else None,
        last_year=years[-1] if years else None,
        agreements=[_register_item(entry) for entry in register.entries],
        pairs=[
            PairItem(p.county, p.municipality, list(p.with_agreement), list(p.without_agreement))
            for p in register.pairs
        ],
    )


def agreements_json(document: AgreementRegister, _style: Style) -> str:
    """``fundgap agreements --format json``: ``fundgap.agreements/1``."""
    return json_text(agreements_document(document), one_per_line=("agreements", "pairs"))


CHECK_SCHEMA = "fundgap.check/1"


@attrs.frozen
class SubjectItem:
    kind: str
    key: str


@attrs.frozen
class FindingItem:
    code: str
    name: str
    severity: str
    file: str
    line: int | None
    path: str
    message: str
    expected: str | None
    subjects: list[SubjectItem]


@attrs.frozen
class DraftItem:
    file: str
    agreement: str
    findings: list[FindingItem]


@attrs.frozen
class PartyChangeItem:
    party: str
    before: Amount
    after: Amount
    change: Amount


@attrs.frozen
class ServiceChangeItem:
    service: str
    name: str
    before: ResponsibilityStatus
    after: ResponsibilityStatus


@attrs.frozen
class ConsequencesItem:
    year: int
    parties: list[PartyChangeItem]
    become_unassigned: list[ServiceChangeItem]
    stay_unassigned: list[ServiceChangeItem]
    become_covered: list[ServiceChangeItem]


@attrs.frozen
class CheckDocument:
    schema: str
    dataset: str | None
    fail_on: str
    failed: bool
    counts: dict[str, int]
    drafts: list[DraftItem]
    consequences: ConsequencesItem | None


def _finding_item(finding: Finding) -> FindingItem:
    where = finding.location
    return FindingItem(
        code=finding.code,
        name=finding.name,
        severity=finding.severity.value,
        file=where.file,
        line=where.line,
        path=where.path,
        message=str(finding.message),
        expected=None if finding.expected is None else str(finding.expected),
        subjects=[SubjectItem(s.kind.value, s.key) for s in finding.subjects],
    )


def _service_changes(changes: Iterable[ServiceChange]) -> list[ServiceChangeItem]:
    return [ServiceChangeItem(c.service, c.name, c.before, c.after) for c in changes]


def check_document(check: DraftCheck) -> CheckDocument:
    """The whole ``fundgap.check/1`` document of ``check``."""
    effect = check.consequences
    return CheckDocument(
        schema=CHECK_SCHEMA,
        dataset=check.dataset,
        fail_on=check.fail_on.value,
        failed=check.failed,
        counts={severity.value: n for severity, n in check.counts().items()},
        drafts=[
            DraftItem(d.file, d.agreement, [_finding_item(f) for f in d.findings])
            for d in check.drafts
        ],
        consequences=None
        if effect is None
        else ConsequencesItem(
            year=effect.year,
            parties=[
                PartyChangeItem(p.party, Amount(p.before), Amount(p.after), Amount(p.change))
                for p in effect.parties
            ],
            become_unassigned=_service_changes(effect.become_unassigned),
            stay_unassigned=_service_changes(effect.stay_unassigned),
            become_covered=_service_changes(effect.become_covered),
        ),
    )


def check_json(document: DraftCheck, _style: Style) -> str:
    """``fundgap check --format json``: ``fundgap.check/1``."""
    return json_text(check_document(document), one_per_line=())
