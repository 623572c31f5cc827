"""A dataset's summary as the JSON contract ``fundgap.validate/1`` (docs/json.md). Warnings
keep their English message: JSON is for programs, and its words are always English."""

from __future__ import annotations

import attrs

from fundgap.codes import CountyCode, MunicipalityCode
from fundgap.render.converter import Amount
from fundgap.validation import ValidationSummary

SCHEMA = "fundgap.validate/1"


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
        schema=SCHEMA,
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
