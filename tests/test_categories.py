"""The built-in categories of NGO service, their zones, and a dataset's own categories."""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fundgap.categories import BUILTIN_CATEGORIES, Categories, Category, Zone

# SPEC §3: the built-in keys and their zones (datasets use these keys).
SPEC_ZONES = {
    "crisis_centre": Zone.GREY,
    "clubhouse": Zone.GREY,
    "meeting_place": Zone.GREY,
    "peer_support": Zone.GREY,
    "self_care_support": Zone.GREY,
    "advice": Zone.GREY,
    "low_threshold_substance": Zone.GREY,
    "health_promotion": Zone.PREVENTIVE,
    "leisure_and_culture": Zone.PREVENTIVE,
    "statutory_social": Zone.STATUTORY,
    "statutory_health": Zone.STATUTORY,
}
KEY = re.compile(r"[a-z][a-z0-9_]*")
CLUBHOUSE = Categories()["clubhouse"]


def housing(zone: Zone = Zone.GREY) -> Category:
    return Category("housing_support", zone, "asumisen tuki", "boendestöd", "housing support")


def test_zone_values() -> None:
    assert [z.value for z in Zone] == ["statutory", "preventive", "grey"]


def test_the_eleven_built_in_keys_with_their_zones() -> None:
    assert len(BUILTIN_CATEGORIES) == 11
    assert {c.key: c.zone for c in BUILTIN_CATEGORIES} == SPEC_ZONES
    assert all(c.builtin for c in BUILTIN_CATEGORIES)


def test_the_default_categories_are_the_built_ins() -> None:
    categories = Categories()
    assert len(categories) == 11
    assert set(categories) == set(SPEC_ZONES)
    for key, zone in SPEC_ZONES.items():
        assert categories[key].key == key
        assert categories[key].zone == zone
    assert "housing_support" not in categories
    with pytest.raises(KeyError):
        categories["housing_support"]


@pytest.mark.parametrize("category", BUILTIN_CATEGORIES, ids=lambda c: c.key)
def test_built_in_labels_in_three_languages(category: Category) -> None:
    labels = (category.label_fi, category.label_sv, category.label_en)
    for label in labels:
        assert label
        assert label == label.strip()
    assert category.label("fi") == category.label_fi
    assert category.label("sv") == category.label_sv
    assert category.label("en") == category.label_en
    assert category.label() == category.label_en
    assert category.label("de") == category.label_en


def test_built_in_labels_differ_between_categories() -> None:
    for language in ("fi", "sv", "en"):
        labels = [c.label(language) for c in BUILTIN_CATEGORIES]
        assert len(set(labels)) == len(labels), language


def test_with_extra_adds_a_category() -> None:
    categories = Categories.with_extra([housing()])
    assert len(categories) == 12
    assert categories["housing_support"] == housing()
    assert not categories["housing_support"].builtin
    assert set(SPEC_ZONES) <= set(categories)
    assert len(Categories()) == 11  # the defaults are left as they were


def test_with_nothing_extra_is_the_default() -> None:
    assert Categories.with_extra([]) == Categories()


def test_with_extra_accepts_the_same_category_twice() -> None:
    categories = Categories.with_extra([housing(), housing()])
    assert len(categories) == 12


def test_with_extra_refuses_a_category_defined_differently_twice() -> None:
    with pytest.raises(ValueError, match="'housing_support'"):
        Categories.with_extra([housing(), housing(Zone.PREVENTIVE)])


def test_with_extra_accepts_a_built_in_as_it_is() -> None:
    assert Categories.with_extra([CLUBHOUSE]) == Categories()


@pytest.mark.parametrize(
    "redefined",
    [
        attrs.evolve(CLUBHOUSE, zone=Zone.STATUTORY),
        attrs.evolve(CLUBHOUSE, label_fi="klubitalot"),
        attrs.evolve(CLUBHOUSE, label_sv="klubbhusen"),
        attrs.evolve(CLUBHOUSE, label_en="club house"),
    ],
    ids=["zone", "fi", "sv", "en"],
)
def test_with_extra_refuses_to_redefine_a_built_in(redefined: Category) -> None:
    with pytest.raises(ValueError, match="'clubhouse' is defined twice"):
        Categories.with_extra([redefined])


@pytest.mark.parametrize(
    "key",
    ["", "Clubhouse", "1club", "_club", "club house", "club-house", "klubitalo_ä", "club\n", "ß"],
)
def test_a_bad_key_is_refused(key: str) -> None:
    with pytest.raises(ValueError, match="is not a category key") as caught:
        Category(key, Zone.GREY, "fi", "sv", "en")
    assert repr(key) in str(caught.value)


@given(st.from_regex(KEY, fullmatch=True))
def test_keys_of_lower_case_letters_digits_and_underscores_are_accepted(key: str) -> None:
    assert Category(key, Zone.PREVENTIVE, "fi", "sv", "en").key == key


@given(st.text().filter(lambda text: not KEY.fullmatch(text)))
def test_any_other_key_is_refused(key: str) -> None:
    with pytest.raises(ValueError, match="is not a category key"):
        Category(key, Zone.GREY, "fi", "sv", "en")
