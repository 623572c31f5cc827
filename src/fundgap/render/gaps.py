"""The gap analysis as the JSON contract ``fundgap.gaps/1`` (docs/json.md): the document's
fields in the contract's order, built from a :class:`~fundgap.analysis.GapReport`."""

from __future__ import annotations

from datetime import date

import attrs

from fundgap.analysis.results import (
    SCHEMA,
    ClauseRef,
    Flag,
    FundingStatus,
    GapReport,
    GapRow,
    ResponsibilityStatus,
    Totals,
)
from fundgap.categories import Zone
from fundgap.codes import CountyCode, MunicipalityCode
from fundgap.errors import Location
from fundgap.render.converter import Amount, Share


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
