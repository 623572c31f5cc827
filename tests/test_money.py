"""Parsing euro amounts as Finnish Excel writes them, and rounding to cents."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fundgap.money import cents, format_amount, format_euros, parse_amount
from tests.strategies import THOUSANDS_SEPARATORS, euros, excel_amount_texts

# Any decimal amount, with more decimals than cents and negative ones too.
AMOUNTS = st.decimals(
    min_value=-10_000_000, max_value=10_000_000, places=6, allow_nan=False, allow_infinity=False
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("150 000,00 €", "150000.00"),
        ("150\u00a0000,00\u00a0€", "150000.00"),
        ("150\u202f000,00 €", "150000.00"),
        ("1 234 567,89 EUR", "1234567.89"),
        ("1.234,50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("1.234.567", "1234567"),
        ("1,234,567", "1234567"),
        ("80000", "80000"),
        ("150000.00", "150000.00"),
        ("12,5", "12.5"),
        ("0,05", "0.05"),
        ("-5", "-5"),
        ("\u22125,50", "-5.50"),
    ],
)
def test_parse_amount_reads_excel_forms(text: str, expected: str) -> None:
    value = parse_amount(text)
    assert isinstance(value, Decimal)
    assert str(value) == expected


def test_parse_amount_keeps_the_sign() -> None:
    assert parse_amount("-5") == Decimal(-5)
    assert parse_amount("-5") < 0
    assert parse_amount("-1 234,50 €") == Decimal("-1234.50")


@pytest.mark.parametrize(
    "text",
    ["abc", "1,2,3", "", "   ", "€", "12 000 000,000,00", "1.2.3", "--5", "5-", ",5", "5,", "1e3"],
)
def test_parse_amount_refuses_what_is_not_an_amount(text: str) -> None:
    with pytest.raises(ValueError, match="is not a number") as caught:
        parse_amount(text)
    assert repr(text) in str(caught.value)


@given(excel_amount_texts())
def test_parse_amount_reads_every_excel_rendering_exactly(case: tuple[str, Decimal]) -> None:
    text, value = case
    parsed = parse_amount(text)
    assert parsed == value
    assert parsed.as_tuple() == value.as_tuple()  # the same digits and decimals, no float


@given(euros(), st.sampled_from(THOUSANDS_SEPARATORS))
def test_parse_amount_reads_what_format_euros_writes(amount: Decimal, group: str) -> None:
    assert parse_amount(format_euros(amount, decimal_mark=",", group=group)) == cents(amount)
    assert parse_amount(format_euros(amount)) == cents(amount)
    assert parse_amount(format_amount(amount)) == cents(amount)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("0.005", "0.01"),
        ("0.004", "0.00"),
        ("2.675", "2.68"),
        ("2.665", "2.67"),
        ("1.0049999", "1.00"),
        ("-0.005", "-0.01"),
        ("5", "5.00"),
        ("1234.5", "1234.50"),
    ],
)
def test_cents_rounds_half_up(amount: str, expected: str) -> None:
    assert str(cents(Decimal(amount))) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [("0", "0.00"), ("1234.5", "1234.50"), ("2.675", "2.68"), ("10000000", "10000000.00")],
)
def test_format_amount_examples(amount: str, expected: str) -> None:
    assert format_amount(Decimal(amount)) == expected


def test_format_euros_groups_thousands() -> None:
    assert format_euros(Decimal("1234567.5")) == "1,234,567.50"
    assert format_euros(Decimal("1234567.5"), decimal_mark=",", group=" ") == "1 234 567,50"


@given(AMOUNTS)
def test_cents_is_within_half_a_cent(amount: Decimal) -> None:
    rounded = cents(amount)
    assert rounded.as_tuple().exponent == -2
    assert abs(rounded - amount) <= Decimal("0.005")
    assert rounded == cents(rounded)


@given(AMOUNTS)
def test_format_amount_always_has_two_decimals(amount: Decimal) -> None:
    text = format_amount(amount)
    assert re.fullmatch(r"-?\d+\.\d\d", text)
    assert Decimal(text) == cents(amount)


@given(st.lists(AMOUNTS, min_size=1, max_size=50))
def test_rounding_each_drifts_at_most_half_a_cent_per_amount(amounts: list[Decimal]) -> None:
    drift = abs(sum(cents(a) for a in amounts) - cents(sum(amounts, Decimal(0))))
    assert drift <= Decimal("0.005") * len(amounts)
