"""An explanation as the JSON contract ``fundgap.explain/1`` (docs/json.md): the row of
``fundgap.gaps/1`` with every portion, day segment, clause, funding decision, cap and cut in
full."""

from __future__ import annotations

from datetime import date

import attrs

from fundgap.analysis.explanation import Explanation
from fundgap.analysis.results import Basis, ResponsibilityStatus, Segment
from fundgap.codes import CountyCode, MunicipalityCode
from fundgap.render.converter import Amount, Factor, Share, Weight
from fundgap.render.gaps import RowDocument, row_document

SCHEMA = "fundgap.explain/1"


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
class PortionEntry:
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
    portions: list[PortionEntry]
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
        schema=SCHEMA,
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
            PortionEntry(
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
