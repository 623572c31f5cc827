"""How every figure of a row was reached (``fundgap explain``): the portions and weights, the
day segments, each clause applied with its file and line or the default by law with its legal
basis, overrides and conflicts, each funding decision with its pro-rated part, the cap factors,
and the arithmetic, so that a reader can reproduce the numbers with a calculator."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from fundgap.analysis.engine import analyse
from fundgap.analysis.results import GapReport, GapRow, Segment, format_share
from fundgap.errors import LookupFailedError, UsageError
from fundgap.i18n import Quoted, label, message
from fundgap.model import Agreement, Dataset
from fundgap.money import format_amount
from fundgap.validation import period_words


@attrs.frozen
class Explanation:
    """A row of the analysis with the report it belongs to (for the year, as-of day and drafts)."""

    row: GapRow
    report: GapReport

    def to_dict(self) -> dict[str, Any]:
        """The row's JSON (``fundgap.gaps/1``) with every segment, decision and cap in full."""
        row = self.row
        return {
            "schema": "fundgap.explain/1",
            "dataset": self.report.dataset,
            "year": self.report.year,
            "as_of": self.report.as_of.isoformat(),
            "horizon_months": self.report.horizon_months,
            "with_drafts": list(self.report.drafts),
            "funding_recorded": row.unrecorded_in is None,
            "row": row.to_dict(),
            "active_days": row.active_days,
            "days_in_year": row.days_in_year,
            "annual_cost": format_amount(row.service.annual_cost),
            "portions": [
                {
                    "municipality": str(p.municipality),
                    "county": str(p.county),
                    "weight": str(p.weight),
                    "weight_total": str(p.weight_total),
                    "weights_given": row.service.weights_given,
                    "need": format_amount(need),
                    "segments": [_segment_dict(s) for s in p.segments],
                }
                for p, need in zip(row.portions, row.portion_needs(), strict=True)
            ],
            "funding": [
                {
                    "funder": line.decision.funder.key,
                    "funder_name": line.decision.funder.name,
                    "start": line.decision.period.start.isoformat(),
                    "end": line.decision.period.last.isoformat(),
                    "days": line.decision.period.days,
                    "amount": format_amount(line.decision.amount),
                    "days_counted": line.days,
                    "counted": format_amount(line.amount),
                    "reference": line.decision.reference,
                    "file": None if line.decision.source is None else line.decision.source.file,
                    "line": None if line.decision.source is None else line.decision.source.line,
                }
                for line in row.funding
            ],
            "caps": [
                {
                    "agreement": cap.agreement,
                    "clause": cap.clause,
                    "cap": format_amount(cap.cap),
                    "expected_before": format_amount(cap.expected_before),
                    "factor": f"{cap.factor:.6f}",
                    "binds": cap.binds,
                }
                for cap in row.caps
            ],
            "cuts": [
                {
                    "party": cut.party,
                    "granted": format_amount(cut.granted),
                    "previous": format_amount(cut.previous),
                    "change_percent": format_share(cut.change_percent),
                    "days": cut.days,
                    "previous_days": cut.previous_days,
                }
                for cut in row.cuts
            ],
        }


def _segment_dict(segment: Segment) -> dict[str, Any]:
    return {
        "start": segment.period.start.isoformat(),
        "end": segment.period.last.isoformat(),
        "days": segment.days,
        "need": format_amount(segment.need),
        "responsibility_status": segment.status.value,
        "basis": segment.basis.value,
        "county_share": format_share(segment.county_share),
        "municipality_share": format_share(segment.municipality_share),
        "agreement": segment.agreement,
        "clauses": [
            {
                "agreement": ref.agreement,
                "clause": ref.clause,
                "level": ref.level,
                "county_share": format_share(ref.county_share),
                "municipality_share": format_share(ref.municipality_share),
                "file": None if ref.source is None else ref.source.file,
                "line": None if ref.source is None else ref.source.line,
            }
            for ref in segment.clauses
        ],
        "overridden": [f"{ref.agreement}/{ref.clause}" for ref in segment.overridden],
        "also_in_force": list(segment.also_in_force),
        "legal_basis": segment.legal_basis,
        "drafts_only": list(segment.drafts_only),
    }


def explain(
    dataset: Dataset,
    service: str,
    *,
    year: int | None = None,
    as_of: date | None = None,
    drafts: Iterable[Agreement | str] = (),
    horizon_months: int = 12,
) -> Explanation:
    """The explanation of ``service`` in ``year`` (defaults as for :func:`analyse`)."""
    if service not in dataset.services:
        close = difflib.get_close_matches(service, sorted(dataset.services), n=3)
        raise LookupFailedError(label("looked up", "service"), service, close)
    report = analyse(dataset, year=year, as_of=as_of, drafts=drafts, horizon_months=horizon_months)
    try:
        row = report.row(service)
    except KeyError:
        active = dataset.services[service].active
        raise UsageError(
            message(
                "service {service} is not active in {year} (it is active {active})",
                service=Quoted(service),
                year=report.year,
                active=period_words(active),
            )
        ) from None
    return Explanation(row, report)
