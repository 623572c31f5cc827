"""The gap engine and its results: who is responsible for each service, who pays, and where
the gaps are, per calendar year."""

from fundgap.analysis.engine import analyse, with_drafts
from fundgap.analysis.results import (
    Flag,
    FundingStatus,
    GapReport,
    GapRow,
    ResponsibilityStatus,
)

__all__ = [
    "Flag",
    "FundingStatus",
    "GapReport",
    "GapRow",
    "ResponsibilityStatus",
    "analyse",
    "with_drafts",
]
