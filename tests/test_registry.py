"""The registry of real municipalities and wellbeing services counties."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fundgap.codes import CountyCode, MunicipalityCode
from fundgap.errors import LookupFailedError
from fundgap.places import Municipality, WellbeingCounty
from fundgap.registry import _COUNTY_WORDS, Registry, load_registry

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
PACKAGE_DATA = REPO / "src" / "fundgap" / "data"
BUILT_FILES = ("registry.json", "finland.topo.json", "SOURCES.md")

REGISTRY = load_registry()
ALL_MUNICIPALITIES = sorted(REGISTRY.municipalities.values(), key=lambda m: m.code)


def county(code: str) -> CountyCode:
    return CountyCode(code)


# --- counts -------------------------------------------------------------------------------------


def test_counties_are_the_21_helsinki_and_aland() -> None:
    codes = [c.value for c in REGISTRY.counties]
    assert codes == [f"{n:02d}" for n in range(1, 22)] + ["90", "91"]


def test_organisers_are_the_21_counties_and_helsinki_not_aland() -> None:
    organisers = REGISTRY.organisers()
    assert [c.code.value for c in organisers] == [f"{n:02d}" for n in range(1, 22)] + ["90"]
    assert CountyCode("91") in REGISTRY.counties
    assert not REGISTRY.counties[CountyCode("91")].in_reform


def test_all_309_municipalities_are_known() -> None:
    assert len(REGISTRY.municipalities) == 309
    assert list(REGISTRY.municipalities) == sorted(REGISTRY.municipalities)


def test_every_mainland_municipality_is_in_exactly_one_organiser() -> None:
    mainland = [m for m in REGISTRY.municipalities.values() if not m.in_aland]
    seen: dict[MunicipalityCode, int] = {}
    for organiser in REGISTRY.organisers():
        for m in REGISTRY.members(organiser.code):
            seen[m.code] = seen.get(m.code, 0) + 1
    assert seen == {m.code: 1 for m in mainland}


@pytest.mark.parametrize(("day", "mainland", "aland"), [
    (date(2025, 1, 1), 292, 16),
    (date(2024, 12, 31), 293, 16),
])  # fmt: skip
def test_municipalities_in_force(day: date, mainland: int, aland: int) -> None:
    in_force = REGISTRY.in_force(day)
    assert sum(not m.in_aland for m in in_force) == mainland
    assert sum(m.in_aland for m in in_force) == aland
    assert [m.code for m in in_force] == sorted(m.code for m in in_force)


@pytest.mark.parametrize(("code", "day", "count"), [
    ("08", date(2025, 1, 1), 23),
    ("12", date(2025, 1, 1), 11),
    ("12", date(2024, 12, 31), 12),
    ("12", None, 12),
    ("90", date(2025, 1, 1), 1),
    ("91", date(2025, 1, 1), 16),
])  # fmt: skip
def test_members(code: str, day: date | None, count: int) -> None:
    assert len(REGISTRY.members(county(code), day)) == count


def test_members_are_in_finnish_alphabetical_order() -> None:
    names = [m.name_fi for m in REGISTRY.members(county("12"))]
    assert names.index("Mikkeli") < names.index("Mäntyharju") < names.index("Pertunmaa")
    last = [m.name_fi for m in REGISTRY.members(county("15"))][-1]
    assert last == "Äänekoski"


def test_members_of_an_unknown_county_is_an_error() -> None:
    with pytest.raises(LookupFailedError, match="01–21"):
        REGISTRY.members(county("22"))


def test_mappings_are_read_only() -> None:
    with pytest.raises(TypeError):
        REGISTRY.municipalities[MunicipalityCode("999")] = ALL_MUNICIPALITIES[0]  # type: ignore[index]


# --- municipalities -----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "code"), [
    ("837", "837"),
    ("Tampere", "837"),
    ("Tammerfors", "837"),
    ("  tAMPERE ", "837"),
    ("TAMMERFORS", "837"),
    ("Helsingfors", "091"),
    ("Åbo", "853"),
    ("mariehamn", "478"),
    ("Pedersöre", "599"),
    ("Koski Tl", "284"),
    ("Mänttä–Vilppula", "508"),
    ("koski   tl", "284"),
])  # fmt: skip
def test_municipality_lookup(text: str, code: str) -> None:
    assert REGISTRY.municipality(text).code == MunicipalityCode(code)


def test_municipality_did_you_mean() -> None:
    with pytest.raises(LookupFailedError) as caught:
        REGISTRY.municipality("Tamepre")
    assert str(caught.value.what) == "municipality"
    assert caught.value.suggestions[0] == "Tampere"
    assert len(caught.value.suggestions) <= 3
    assert str(caught.value).startswith("unknown municipality 'Tamepre' (did you mean 'Tampere'")


def test_municipality_suggestions_are_proper_names_one_per_place() -> None:
    with pytest.raises(LookupFailedError) as caught:
        REGISTRY.municipality("tammerfor")
    assert caught.value.suggestions[0] == "Tammerfors"
    codes = [REGISTRY.municipality(s).code for s in caught.value.suggestions]
    assert len(codes) == len(set(codes))


def test_municipality_nothing_close_gives_no_suggestion() -> None:
    with pytest.raises(LookupFailedError) as caught:
        REGISTRY.municipality("Xyzzyqwv")
    assert caught.value.suggestions == ()


@pytest.mark.parametrize("text", ["91", "90", "8", "0091", " 91 "])
def test_municipality_codes_have_three_digits(text: str) -> None:
    with pytest.raises(LookupFailedError, match="municipality codes have three digits"):
        REGISTRY.municipality(text)


def test_two_digit_municipality_message_points_at_the_padded_code() -> None:
    with pytest.raises(LookupFailedError, match=r"091 is Helsinki.*91 is the county code of"):
        REGISTRY.municipality("91")


def test_unknown_three_digit_code() -> None:
    with pytest.raises(LookupFailedError, match="unknown municipality '999'"):
        REGISTRY.municipality("999")


def test_municipality_and_county_codes_are_never_confused() -> None:
    assert REGISTRY.municipality("090").name_fi == "Heinävesi"
    assert REGISTRY.municipality("091").name_fi == "Helsinki"
    assert REGISTRY.county("90").code == CountyCode("90")
    assert REGISTRY.county("90").name_en == "City of Helsinki"
    assert REGISTRY.county("91").name_sv == "Åland"
    assert MunicipalityCode("091") != CountyCode("91")  # type: ignore[comparison-overlap]
    assert MunicipalityCode("090") != CountyCode("90")  # type: ignore[comparison-overlap]


def test_pertunmaa_merged_into_mantyharju() -> None:
    pertunmaa = REGISTRY.municipality("Pertunmaa")
    assert pertunmaa.code == MunicipalityCode("588")
    assert pertunmaa.valid_until == date(2024, 12, 31)
    assert pertunmaa.successor == MunicipalityCode("507")
    assert REGISTRY.municipalities[pertunmaa.successor].name_fi == "Mäntyharju"
    assert pertunmaa.in_force_on(date(2024, 12, 31))
    assert not pertunmaa.in_force_on(date(2025, 1, 1))
    assert [m for m in REGISTRY.municipalities.values() if m.successor] == [pertunmaa]


def test_no_finnish_name_is_another_municipalitys_swedish_name() -> None:
    """If this ever fails, look-up prefers the Finnish name (see Registry.__init__)."""
    finnish = {m.name_fi.casefold(): m.code for m in ALL_MUNICIPALITIES}
    clashes = [
        (m.name_sv, finnish[m.name_sv.casefold()])
        for m in ALL_MUNICIPALITIES
        if finnish.get(m.name_sv.casefold(), m.code) != m.code
    ]
    assert clashes == []


def test_finnish_name_wins_over_another_municipalitys_swedish_name() -> None:
    c = WellbeingCounty(CountyCode("01"), "A-alue", "A-område", "A county", "A", "A-sv")
    registry = Registry(
        [
            Municipality(MunicipalityCode("001"), "Bro", "Silta", 1, c.code),
            Municipality(MunicipalityCode("002"), "Silta", "Bro", 1, c.code),
        ],
        [c],
    )
    assert registry.municipality("Bro").code == MunicipalityCode("001")
    assert registry.municipality("silta").code == MunicipalityCode("002")


@given(st.sampled_from(ALL_MUNICIPALITIES))
def test_every_municipality_is_found_by_code_and_names(m: Municipality) -> None:
    assert REGISTRY.municipality(m.code.value) == m
    assert REGISTRY.municipality(m.name_fi.upper()) == m
    assert REGISTRY.municipality(m.name_sv.lower()) == m


# --- counties -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "08",
    "Pirkanmaa",
    "pirkanmaa",
    "PIRKANMAA",
    "Birkaland",
    "Pirkanmaan",
    "Pirkanmaan hyvinvointialue",
    "Pirkanmaa hyvinvointialue",
    "pirkanmaan  HYVINVOINTIALUE",
    "Birkalands välfärdsområde",
    "Birkaland välfärdsområde",
    "Wellbeing services county of Pirkanmaa",
    "wellbeing services county of pirkanmaa",
    "Pirkanmaa wellbeing services county",
    " Pirkanmaa ",
])  # fmt: skip
def test_county_aliases_of_pirkanmaa(text: str) -> None:
    assert REGISTRY.county(text).code == CountyCode("08")


@pytest.mark.parametrize(("text", "code"), [
    ("Kanta-Häme", "07"),
    ("Kanta–Häme", "07"),
    ("kanta—häme", "07"),
    ("Kanta-Hämeen hyvinvointialue", "07"),
    ("Egentliga Tavastland", "07"),
    ("Egentliga  Tavastlands välfärdsområde", "07"),
    ("Wellbeing services county of Kanta-Häme", "07"),
    ("East Uusimaa", "01"),
    ("Östra Nyland", "01"),
    ("Vantaan ja Keravan hyvinvointialue", "04"),
    ("Vanda och Kervo", "04"),
    ("Satakunta", "06"),
    ("Lappi", "21"),
    ("Lapland", "21"),
    ("Lappland", "21"),
    ("Helsinki", "90"),
    ("helsinki", "90"),
    ("Helsingin kaupunki", "90"),
    ("Helsingfors stad", "90"),
    ("City of Helsinki", "90"),
    ("Helsingfors", "90"),
    ("Åland", "91"),
    ("Ahvenanmaa", "91"),
    ("91", "91"),
])  # fmt: skip
def test_county_lookup(text: str, code: str) -> None:
    assert REGISTRY.county(text).code == CountyCode(code)


def test_every_county_is_found_by_every_name() -> None:
    for c in REGISTRY.counties.values():
        for name in (c.name_fi, c.name_sv, c.name_en, c.short_fi, c.short_sv, c.code.value):
            assert REGISTRY.county(name.upper()) == c
            assert REGISTRY.county(name.lower()) == c


def test_county_did_you_mean() -> None:
    with pytest.raises(LookupFailedError) as caught:
        REGISTRY.county("Pirknamaa")
    assert str(caught.value.what) == "wellbeing services county"
    assert caught.value.suggestions[0] == "Pirkanmaa"
    assert len(caught.value.suggestions) <= 3
    assert str(caught.value).startswith(
        "unknown wellbeing services county 'Pirknamaa' (did you mean 'Pirkanmaa'"
    )


def test_county_did_you_mean_with_the_county_word() -> None:
    with pytest.raises(LookupFailedError) as caught:
        REGISTRY.county("Pirkanman hyvinvointialue")
    assert caught.value.suggestions[0] == "Pirkanmaan hyvinvointialue"


@pytest.mark.parametrize("text", ["091", "090", "837"])
def test_three_digits_are_not_a_county(text: str) -> None:
    with pytest.raises(LookupFailedError, match="county codes have two digits"):
        REGISTRY.county(text)


def test_hus_is_not_a_county() -> None:
    with pytest.raises(LookupFailedError):
        REGISTRY.county("HUS")


# --- the counties' own aliases ------------------------------------------------------------------

# Each is backed by a public source in scripts/county_aliases.csv (listed in SOURCES.md).
ALIASES = {
    "02": ("Keusote",),
    "03": ("LUVN",),
    "04": ("Vakehyva", "VAKE"),
    "05": ("Varha",),
    "07": ("Oma Häme",),
    "08": ("Pirha",),
    "10": ("Kymenhva",),
    "11": ("Ekhva",),
    "12": ("Eloisa",),
    "14": ("Siun sote",),
    "15": ("Hyvaks",),
    "16": ("Hyvaep",),
    "18": ("Soite",),
    "19": ("Pohde",),
    "21": ("Lapha",),
}
ALIAS_CASES = [(code, alias) for code, aliases in ALIASES.items() for alias in aliases]


def test_the_counties_aliases_are_those_of_the_sources() -> None:
    found = {c.code.value: c.aliases for c in REGISTRY.counties.values() if c.aliases}
    assert found == ALIASES


def alias_forms(alias: str) -> list[str]:
    """How people and spreadsheets write a name: any case, stray spaces, decomposed letters."""
    return [
        alias,
        alias.upper(),
        alias.lower(),
        alias.title(),
        f"  {alias}\t",
        alias.replace(" ", "   "),
        unicodedata.normalize("NFD", alias),
    ]


@pytest.mark.parametrize(("code", "alias"), ALIAS_CASES)
def test_every_alias_is_its_county_in_every_form(code: str, alias: str) -> None:
    county = REGISTRY.counties[CountyCode(code)]
    for text in alias_forms(alias):
        assert REGISTRY.county(text) == county, text
        assert REGISTRY.find_county(text) == county, text
        # A funder is looked up as a municipality first: no alias may stop there.
        assert REGISTRY.find_municipality(text) is None, text


@pytest.mark.parametrize(("text", "suggestion"), [
    ("Pirah", "Pirha"),
    ("Pirhaa", "Pirha"),
    ("Siun sotte", "Siun sote"),
    ("Oma Hame", "Oma Häme"),
    ("Lappha", "Lapha"),
    ("Vakehyvä", "Vakehyva"),
    ("LUVM", "LUVN"),
])  # fmt: skip
def test_an_alias_near_miss_suggests_the_alias(text: str, suggestion: str) -> None:
    with pytest.raises(LookupFailedError) as caught:
        REGISTRY.county(text)
    assert caught.value.suggestions[0] == suggestion


@pytest.mark.parametrize(("text", "code"), [
    ("Pirkanmaan hva", "08"),
    ("PIRKANMAAN HVA", "08"),
    ("Pirkanmaa hva", "08"),
    ("Kanta-Hämeen hva", "07"),
    ("Vantaan ja Keravan hva", "04"),
    ("Pohjois-Karjalan  hva", "14"),
])  # fmt: skip
def test_hva_abbreviates_hyvinvointialue(text: str, code: str) -> None:
    assert REGISTRY.county(text).code == CountyCode(code)


def small_registry(alias: str) -> Registry:
    a = WellbeingCounty(CountyCode("01"), "A-alue", "A-område", "A county", "A", "A-sv")
    b = WellbeingCounty(
        CountyCode("02"), "B-alue", "B-område", "B county", "B", "B-sv", "", (alias,)
    )
    return Registry([Municipality(MunicipalityCode("001"), "Silta", "Bro", 1, a.code)], [a, b])


@pytest.mark.parametrize(("alias", "message"), [
    ("Bro", "county alias 'Bro' is also the municipality Bro"),
    ("silta", "county alias 'silta' is also the municipality Silta"),
    ("A-alue", "county name 'A-alue' is also 'A-alue' (01)"),
    ("A hva", "county name 'A hva' is also 'A' (01)"),
])  # fmt: skip
def test_the_registry_refuses_an_alias_that_names_another_place(alias: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        small_registry(alias)


def build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_registry", REPO / "scripts" / "build_registry.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BUILD = build_script()
COUNTIES: list[dict[str, Any]] = [
    {
        "code": code,
        "name_fi": f"{genitive_fi} hyvinvointialue",
        "name_sv": f"{genitive_sv} välfärdsområde",
        "name_en": f"Wellbeing services county of {short_fi}",
        "short_fi": short_fi,
        "short_sv": short_sv,
    }
    for code, short_fi, short_sv, genitive_fi, genitive_sv in [
        ("08", "Pirkanmaa", "Birkaland", "Pirkanmaan", "Birkalands"),
        ("20", "Kainuu", "Kajanaland", "Kainuun", "Kajanalands"),
    ]
]
MUNICIPALITIES: list[dict[str, Any]] = [
    {"code": "837", "name_fi": "Tampere", "name_sv": "Tammerfors"}
]


def add_aliases(tmp_path: Path, rows: str) -> list[dict[str, Any]]:
    path = tmp_path / "county_aliases.csv"
    path.write_text("code,alias,source\n" + rows, encoding="utf-8")
    counties = [dict(c) for c in COUNTIES]
    BUILD.add_aliases(path, counties, MUNICIPALITIES)
    return counties


def test_the_build_script_writes_aliases_in_the_files_order(tmp_path: Path) -> None:
    counties = add_aliases(
        tmp_path, "08,Pirha,https://www.pirha.fi/\n08,PSHP,https://a.fi/\n20,Kaihva,https://b.fi/\n"
    )
    assert [c.get("aliases") for c in counties] == [["Pirha", "PSHP"], ["Kaihva"]]


@pytest.mark.parametrize(("rows", "message"), [
    ("99,Pirha,https://a.fi/\n", ":2: unknown county code '99'"),
    ("08,,https://a.fi/\n", ":2: an alias must be a name"),
    ("08,112,https://a.fi/\n", ":2: an alias must be a name"),
    ("08,Pirha,http://a.fi/\n", ":2: the source must be an https:// address"),
    ("08,Pirha,\n", ":2: the source must be an https:// address"),
    (
        "08,Tampere,https://a.fi/\n",
        ":2: alias 'Tampere' is already the name of the municipality Tampere (837)",
    ),
    ("08,TAMMERFORS,https://a.fi/\n", "is already the name of the municipality Tampere (837)"),
    (
        "20,Birkaland,https://a.fi/\n",
        ":2: alias 'Birkaland' is already a name of county 08 (Birkaland)",
    ),
    ("20,Pirkanmaan hva,https://a.fi/\n", "alias 'Pirkanmaan hva' is already a name of county 08"),
    (
        "08,Pirha,https://a.fi/\n20,pirha,https://b.fi/\n",
        ":3: alias 'pirha' is already an alias of county 08 (county_aliases.csv line 2)",
    ),
    ("08,Pirha\n", ":2: expected 3 columns"),
])  # fmt: skip
def test_the_build_script_refuses_a_bad_alias(tmp_path: Path, rows: str, message: str) -> None:
    with pytest.raises(BUILD.SourceError, match=re.escape(message)):
        add_aliases(tmp_path, rows)


def test_the_build_script_compares_names_as_the_registry_does() -> None:
    assert BUILD.COUNTY_WORDS.pattern == _COUNTY_WORDS.pattern


# --- package data -------------------------------------------------------------------------------


def test_map_keys_are_set_for_the_21_counties() -> None:
    keys = {c.code.value: c.map_key for c in REGISTRY.counties.values()}
    assert keys["08"] == "PI"
    assert keys["90"] == keys["91"] == ""
    assert len({k for k in keys.values() if k}) == 21


@pytest.mark.skipif(
    not SHARED_DATA.is_dir(), reason=f"reference data {SHARED_DATA} is not available"
)
def test_rebuilding_gives_the_committed_package_data(tmp_path: Path) -> None:
    script = REPO / "scripts" / "build_registry.py"
    command = [sys.executable, str(script), "--source", str(SHARED_DATA), "--output", str(tmp_path)]
    subprocess.run(command, check=True, capture_output=True)
    for name in BUILT_FILES:
        assert (tmp_path / name).read_bytes() == (PACKAGE_DATA / name).read_bytes(), name


@pytest.mark.parametrize(
    ("word", "names"),
    [
        ("Lahden", ("Lahti",)),
        ("Hangon", ("Hanko",)),
        ("Virtain", ("Virrat",)),
        ("Kaskisten", ("Kaskinen",)),
        ("Ikaalisten", ("Ikaalinen",)),
        ("Oriveden", ("Orivesi",)),
        ("Salon", ("Salo",)),
        ("Kemin", ("Kemi",)),
        ("Kemijärven", ("Kemijärvi",)),
        ("Iin", ("Ii",)),
        ("Turun", ("Turku",)),
        ("helsingin", ("Helsinki",)),
        ("Mänttä-Vilppulan", ("Mänttä-Vilppula",)),
        ("Pirkanmaan", ("Pirkanmaa",)),
        ("Kainuun", ("Kainuu",)),
        # not a genitive of a place, or an irregular one
        ("Lahti", ()),
        ("Säätiön", ()),
        ("Kaupungin", ()),
        ("Uudenkaupungin", ("Uusikaupunki",)),  # the irregular one
        ("Euroopan", ()),
        ("Vantaan ja Keravan", ()),
    ],
)
def test_genitive_of_finds_the_place_a_finnish_genitive_names(
    word: str, names: tuple[str, ...]
) -> None:
    assert REGISTRY.genitive_of(word) == names


def test_every_municipality_is_found_from_its_plain_genitive() -> None:
    # the regular genitive, the name + n (Espoo → Espoon): each mainland municipality in force
    # finds itself, and only itself (Koski Tl, the one name of two words, is left out)
    for municipality in REGISTRY.in_force(date(2025, 1, 1)):
        if not municipality.in_aland and " " not in municipality.name_fi:
            word = municipality.name_fi + "n"
            assert REGISTRY.genitive_of(word) == (municipality.name_fi,), word
