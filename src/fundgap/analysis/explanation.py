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
from fundgap.analysis.results import GapReport, GapRow
from fundgap.errors import LookupFailedError, UsageError
from fundgap.i18n import Quoted, label, message
from fundgap.model import Agreement, Dataset
from fundgap.periods import period_words


@attrs.frozen
class Explanation:
    """A row of the analysis with the report it belongs to (for the year, as-of day and drafts)."""

    row: GapRow
    report: GapReport

    def to_dict(self) -> dict[str, Any]:
        """The document ``fundgap.explain/1`` (docs/json.md)."""
        from fundgap.render.contracts import explain_document
        from fundgap.render.converter import unstructured

        return unstructured(explain_document(self))


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
