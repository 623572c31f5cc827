"""The output converter writes every value in the format the JSON contracts document, and
refuses a Decimal whose format nobody chose."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest

from fundgap.analysis.results import FundingStatus
from fundgap.codes import CountyCode, MunicipalityCode
from fundgap.render.converter import Amount, Factor, Share, Weight, unstructured


@attrs.frozen
class Sample:
    amount: Amount
    share: Share
    factor: Factor
    weight: Weight
    day: date
    municipality: MunicipalityCode
    county: CountyCode
    status: FundingStatus
    deadline: date | None = None


def test_each_type_is_written_as_documented() -> None:
    sample = Sample(
        amount=Amount(Decimal("1234.505")),
        share=Share(Decimal("37.50")),
        factor=Factor(Decimal(5) / Decimal(6)),
        weight=Weight(Decimal("0.5")),
        day=date(2025, 12, 31),
        municipality=MunicipalityCode("091"),
        county=CountyCode("08"),
        status=FundingStatus.UNDERFUNDED,
    )
    assert unstructured(sample) == {
        "amount": "1234.51",
        "share": "37.5",
        "factor": "0.833333",
        "weight": "0.5",
        "day": "2025-12-31",
        "municipality": "091",
        "county": "08",
        "status": "underfunded",
        "deadline": None,
    }


def test_a_negative_zero_amount_is_written_as_zero() -> None:
    @attrs.frozen
    class Money:
        amount: Amount

    assert unstructured(Money(Amount(Decimal("-0.001")))) == {"amount": "0.00"}


def test_a_decimal_without_a_documented_format_is_refused() -> None:
    @attrs.frozen
    class Untyped:
        value: Decimal

    with pytest.raises(TypeError, match="needs its type"):
        unstructured(Untyped(Decimal("1.5")))
