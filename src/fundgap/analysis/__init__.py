"""The gap engine and its results: who is responsible for each service, who pays, and where
the gaps are, per calendar year."""

from fundgap.analysis.engine import analyse, with_drafts
from fundgap.analysis.explanation import Explanation, explain
from fundgap.analysis.results import (
    Flag,
    FundingStatus,
    GapReport,
    GapRow,
    ResponsibilityStatus,
)
from fundgap.analysis.selection import Aggregates, GroupBy, aggregate, select

__all__ = [
    "Aggregates",
    "Explanation",
    "Flag",
    "FundingStatus",
    "GapReport",
    "GapRow",
    "GroupBy",
    "ResponsibilityStatus",
    "aggregate",
    "analyse",
    "explain",
    "select",
    "with_drafts",
]
