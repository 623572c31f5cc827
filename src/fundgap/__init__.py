"""fundgap: who funds the NGO services between Finland's wellbeing services counties and
municipalities, where nobody does, and whether a draft agreement leaves a gap.

The package imports lightly; the loader and the analysis are imported when first used, so the
command line starts fast.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fundgap.analysis import GapReport as GapReport
    from fundgap.analysis import GapRow as GapRow
    from fundgap.analysis import analyse as analyse
    from fundgap.analysis.explanation import Explanation as Explanation
    from fundgap.analysis.explanation import explain as explain
    from fundgap.errors import DatasetError as DatasetError
    from fundgap.errors import FundgapError as FundgapError
    from fundgap.errors import LookupFailedError as LookupFailedError
    from fundgap.errors import Problem as Problem
    from fundgap.errors import UsageError as UsageError
    from fundgap.loading import load as load
    from fundgap.loading import load_draft as load_draft
    from fundgap.model import Dataset as Dataset
    from fundgap.registry import Registry as Registry
    from fundgap.registry import load_registry as load_registry
    from fundgap.validation import ValidationSummary as ValidationSummary
    from fundgap.validation import validate as validate

try:
    __version__ = version("fundgap")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0+unknown"

_LAZY = {
    "explain": "fundgap.analysis.explanation",
    "Explanation": "fundgap.analysis.explanation",
    "load_draft": "fundgap.loading",
    "analyse": "fundgap.analysis",
    "GapReport": "fundgap.analysis",
    "GapRow": "fundgap.analysis",
    "load": "fundgap.loading",
    "Dataset": "fundgap.model",
    "DatasetError": "fundgap.errors",
    "FundgapError": "fundgap.errors",
    "LookupFailedError": "fundgap.errors",
    "UsageError": "fundgap.errors",
    "Problem": "fundgap.errors",
    "Registry": "fundgap.registry",
    "load_registry": "fundgap.registry",
    "ValidationSummary": "fundgap.validation",
    "validate": "fundgap.validation",
}

__all__ = [
    "Dataset",
    "DatasetError",
    "Explanation",
    "FundgapError",
    "GapReport",
    "GapRow",
    "LookupFailedError",
    "Problem",
    "Registry",
    "UsageError",
    "ValidationSummary",
    "__version__",
    "analyse",
    "explain",
    "load",
    "load_draft",
    "load_registry",
    "validate",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'fundgap' has no attribute {name!r}")
