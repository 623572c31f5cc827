"""Municipality and county codes as distinct types, and the Y-tunnus check digit."""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fundgap.codes import (
    ALAND,
    HELSINKI,
    HELSINKI_ORGANISER,
    CountyCode,
    MunicipalityCode,
    business_id_problem,
)
from fundgap.registry import load_registry
from tests.strategies import (
    REGISTRY_DAY,
    business_id_check_digit,
    business_id_digits,
    business_id_remainder,
    business_ids,
    municipality_codes,
)

NOT_A_FORM = "not in the form of a Y-tunnus"
REMAINDER_ONE = "their check remainder is 1"
WRONG_CHECK = re.compile(r"check digit is (\d), but the first seven digits give (\d)")

# --- Y-tunnus -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2077474-0", "0737546-2"])
def test_real_business_ids_are_valid(text: str) -> None:
    assert business_id_problem(text) is None


@given(business_ids())
def test_ids_with_the_right_check_digit_are_valid(text: str) -> None:
    assert business_id_problem(text) is None


@given(business_ids(valid=False))
def test_well_formed_ids_with_a_bad_check_are_refused(text: str) -> None:
    assert business_id_problem(text) is not None


def test_a_wrong_check_digit_names_both_digits() -> None:
    assert business_id_problem("2077474-1") == (
        "check digit is 1, but the first seven digits give 0"
    )
    assert business_id_problem("0737546-7") == (
        "check digit is 7, but the first seven digits give 2"
    )


@given(business_id_digits(), st.integers(0, 9))
def test_every_wrong_check_digit_is_named_with_the_right_one(digits: str, check: int) -> None:
    expected = business_id_check_digit(digits)
    problem = business_id_problem(f"{digits}-{check}")
    if expected is None:
        assert problem is not None
        assert REMAINDER_ONE in problem
    elif check == expected:
        assert problem is None
    else:
        assert problem is not None
        match = WRONG_CHECK.fullmatch(problem)
        assert match is not None, problem
        assert match.groups() == (str(check), str(expected))


@pytest.mark.parametrize("check", range(10))
def test_seven_digits_with_remainder_one_have_no_valid_id(check: int) -> None:
    assert business_id_remainder("0000030") == 1
    problem = business_id_problem(f"0000030-{check}")
    assert problem is not None
    assert REMAINDER_ONE in problem


@given(business_id_digits(remainder=1))
def test_no_check_digit_saves_a_remainder_of_one(digits: str) -> None:
    assert business_id_remainder(digits) == 1
    for check in range(10):
        problem = business_id_problem(f"{digits}-{check}")
        assert problem is not None
        assert REMAINDER_ONE in problem


@pytest.mark.parametrize(
    "text",
    [
        "1234567",
        "123456-7",
        "12345678-9",
        "20774740",
        "2077474-",
        "2077474-00",
        "2077474 0",
        "2077474 -0",
        "2077474_0",
        "2077474–0",  # an en dash
        "2077474\u20110",  # a non-breaking hyphen
        "FI20774740",
        "abcdefg-h",
        "",
    ],
)
def test_malformed_ids_are_refused_as_not_a_y_tunnus(text: str) -> None:
    problem = business_id_problem(text)
    assert problem is not None
    assert NOT_A_FORM in problem


@pytest.mark.parametrize("text", [" 2077474-0 ", "\t2077474-0\n", "2077474-0 "])
def test_surrounding_whitespace_is_ignored(text: str) -> None:
    assert business_id_problem(text) is None
    assert business_id_problem(text.replace("-0", "-1")) is not None


def test_only_ascii_digits_make_a_y_tunnus() -> None:
    assert business_id_problem("２０７７４７４-０") is not None


# --- municipality and county codes --------------------------------------------------------------


def test_helsinki_is_not_aland() -> None:
    helsinki: object = MunicipalityCode("091")
    heinavesi: object = MunicipalityCode("090")
    assert helsinki != CountyCode("91")
    assert heinavesi != CountyCode("90")
    assert helsinki != "091"
    aland: object = CountyCode("91")
    assert aland != "91"
    by_code: dict[object, str] = {helsinki: "Helsinki"}
    assert CountyCode("91") not in by_code
    assert MunicipalityCode("091") in by_code


def test_named_codes() -> None:
    assert MunicipalityCode("091") == HELSINKI
    assert CountyCode("90") == HELSINKI_ORGANISER
    assert CountyCode("91") == ALAND


def test_party_keys_and_text() -> None:
    assert MunicipalityCode("091").party == "municipality:091"
    assert CountyCode("08").party == "county:08"
    assert str(MunicipalityCode("091")) == "091"
    assert str(CountyCode("08")) == "08"


@pytest.mark.parametrize(
    "text", ["91", "0911", "", "9", "09a", "abc", " 91", "091 ", "09.1", "-91", "0x1"]
)
def test_a_municipality_code_has_three_digits(text: str) -> None:
    with pytest.raises(ValueError, match="is not a municipality code") as caught:
        MunicipalityCode(text)
    assert repr(text) in str(caught.value)


@pytest.mark.parametrize("text", ["8", "008", "091", "", "0a", "ab", " 8", "8 ", "-8"])
def test_a_county_code_has_two_digits(text: str) -> None:
    with pytest.raises(ValueError, match="is not a county code") as caught:
        CountyCode(text)
    assert repr(text) in str(caught.value)


def test_only_ascii_digits_make_a_municipality_code() -> None:
    with pytest.raises(ValueError, match="is not a municipality code"):
        MunicipalityCode("０９１")


@given(st.text("0123456789", min_size=3, max_size=3))
def test_any_three_digits_make_a_municipality_code(text: str) -> None:
    code = MunicipalityCode(text)
    assert code.value == text
    assert code.party == f"municipality:{text}"


@given(st.text("0123456789", min_size=2, max_size=2))
def test_any_two_digits_make_a_county_code(text: str) -> None:
    code = CountyCode(text)
    assert code.value == text
    assert code.party == f"county:{text}"


def test_codes_order_by_their_digits() -> None:
    texts = ["837", "091", "005", "090", "609"]
    assert [c.value for c in sorted(MunicipalityCode(t) for t in texts)] == sorted(texts)
    assert CountyCode("08") < CountyCode("21") < CountyCode("90") < CountyCode("91")
    assert MunicipalityCode("090") < MunicipalityCode("091")


def test_the_two_kinds_of_code_do_not_compare() -> None:
    with pytest.raises(TypeError):
        _ = MunicipalityCode("091") < CountyCode("91")  # type: ignore[operator]


def test_codes_are_frozen() -> None:
    code = MunicipalityCode("091")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        code.value = "092"  # type: ignore[misc]


@given(municipality_codes())
def test_municipality_codes_strategy_gives_mainland_municipalities_in_force(
    code: MunicipalityCode,
) -> None:
    municipality = load_registry().municipalities[code]
    assert municipality.in_force_on(REGISTRY_DAY)
    assert not municipality.in_aland
    assert MunicipalityCode(str(code)) == code
    assert code.party == f"municipality:{code}"
