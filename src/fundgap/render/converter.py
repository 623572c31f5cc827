"""The output converter: the mirror of the loader's input converter. A JSON document is an attrs
class whose fields are the contract's keys in order, typed with what the contract writes:

- ``Amount``: euros as a string with two decimals, rounded half up to cents (``"1234.50"``);
- ``Share``: a percentage with at most two decimals and no trailing zeros (``"60"``, ``"37.5"``);
- ``Factor``: a cap factor with six decimals (``"0.833333"``);
- ``Weight``: a weight as written in the data (``"1"``, ``"0.5"``);
- ``date``: ISO 8601; municipality and county codes: their digits; enumerations: their values.

A ``Decimal`` without one of these types is a mistake and raises ``TypeError``, so no amount
reaches the JSON in a format nobody documented."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, NewType

import cattrs

from fundgap.analysis.results import format_share
from fundgap.codes import CountyCode, MunicipalityCode
from fundgap.money import format_amount

Amount = NewType("Amount", Decimal)
Share = NewType("Share", Decimal)
Factor = NewType("Factor", Decimal)
Weight = NewType("Weight", Decimal)


def _untyped(value: Decimal) -> str:
    raise TypeError(f"a Decimal ({value}) in a JSON document needs its type: Amount, Share, …")


def _converter() -> cattrs.Converter:
    converter = cattrs.Converter()
    converter.register_unstructure_hook(Amount, format_amount)
    converter.register_unstructure_hook(Share, format_share)
    converter.register_unstructure_hook(Factor, lambda factor: f"{factor:.6f}")
    converter.register_unstructure_hook(Weight, str)
    converter.register_unstructure_hook(Decimal, _untyped)
    converter.register_unstructure_hook(date, date.isoformat)
    converter.register_unstructure_hook(MunicipalityCode, str)
    converter.register_unstructure_hook(CountyCode, str)
    return converter


converter = _converter()


def unstructured(document: object) -> dict[str, Any]:
    """``document`` (an attrs JSON document) as the dict that ``json.dumps`` writes."""
    data: dict[str, Any] = converter.unstructure(document)
    return data
