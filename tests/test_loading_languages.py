"""A Finnish user reads their mistakes in Finnish, a Swedish one in Swedish (SPEC §9: every
message, loading errors included, follows ``--lang``): the problems that reading a dataset's
files finds, and the reasons the dates, amounts, codes and keys of its leaf modules give."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import fundgap
from fundgap.categories import key_message, key_problem
from fundgap.codes import business_id_message, business_id_problem
from fundgap.errors import DatasetError, UsageError
from fundgap.i18n import translate
from fundgap.i18n.message import Month, message
from fundgap.money import AMOUNT_EXAMPLES_MESSAGE, AmountError, parse_amount
from fundgap.periods import (
    DATE_FORMS_MESSAGE,
    DateError,
    ImpossibleDateError,
    TimeOfDayError,
    parse_cell_date,
    parse_date,
)
from fundgap_cli import cli
from tests.conftest import AGREEMENT, FUNDING, SERVICES, DatasetWriter, problems_of

NBSP = "\xa0"


def texts(root: Path, language: str) -> list[str]:
    """Each problem of loading ``root`` in ``language``, with the folder's path left out."""
    return [
        problem.text(language).removeprefix(f"{root.as_posix()}/") for problem in problems_of(root)
    ]


def test_a_toml_syntax_error_is_told_in_finnish_and_swedish(write_dataset: DatasetWriter) -> None:
    root = write_dataset(
        {"services.toml": SERVICES.replace("annual_cost = 420000", "annual_cost = 420 000")}
    )

    assert texts(root, "fi") == [
        "services.toml:12: ei ole kelvollista TOMLia: rivin lopussa on ylimääräistä tekstiä; "
        "pitäisi olla: TOMLia kuten docs/format.md kuvaa: avain = arvo, tekstit lainausmerkeissä, "
        "päivämäärät muodossa 2025-01-01"
    ]
    assert texts(root, "sv") == [
        "services.toml:12: är inte giltig TOML: extra text i slutet av raden; ska vara: TOML "
        "enligt docs/format.md: nyckel = värde, text inom citattecken, datum som 2025-01-01"
    ]
    assert texts(root, "en") == [
        "services.toml:12: is not valid TOML: expected newline or end of document after a "
        "statement; expected TOML as in docs/format.md: key = value, strings in quotes, dates "
        "like 2025-01-01"
    ]


def test_a_toml_syntax_error_that_names_a_key_keeps_the_key(write_dataset: DatasetWriter) -> None:
    root = write_dataset({"services.toml": SERVICES + "municipalities = { a = 1, a = 2 }\n"})

    (line,) = texts(root, "fi")
    assert line.startswith(
        "services.toml:13: ei ole kelvollista TOMLia: avain 'a' on kahdesti samassa taulussa; "
    )


def test_an_unclosed_array_is_reported_at_the_end_of_the_file(
    write_dataset: DatasetWriter,
) -> None:
    root = write_dataset({"services.toml": SERVICES + "x = [1\n"})

    assert texts(root, "sv")[0].startswith(
        "services.toml: är inte giltig TOML: en lista är inte avslutad (i slutet av filen); "
    )


def test_a_value_of_the_wrong_type_is_described_in_the_language(
    write_dataset: DatasetWriter,
) -> None:
    services = SERVICES.replace("annual_cost = 420000", 'annual_cost = "420000"')
    services = services.replace('name = "Klubitalo Tampere"', "name = 5")
    root = write_dataset({"services.toml": services})

    assert texts(root, "fi") == [
        "services.toml:8: services[0].name: on luku (5); pitäisi olla: teksti lainausmerkeissä",
        "services.toml:12: services[0].annual_cost: on teksti '420000' (kirjoita luvut ilman "
        "lainausmerkkejä); pitäisi olla: luku ilman lainausmerkkejä, esim. 150000 tai 12.5",
    ]
    assert texts(root, "sv") == [
        "services.toml:8: services[0].name: är ett tal (5); ska vara: text inom citattecken",
        "services.toml:12: services[0].annual_cost: är text '420000' (skriv tal utan "
        "citattecken); ska vara: ett tal utan citattecken, t.ex. 150000 eller 12.5",
    ]


def test_a_list_table_or_true_false_is_named_in_the_language(
    write_dataset: DatasetWriter,
) -> None:
    services = SERVICES.replace('category = "clubhouse"', "category = true")
    services = services.replace("annual_cost = 420000", "annual_cost = [1]")
    root = write_dataset({"services.toml": services})

    assert texts(root, "fi") == [
        "services.toml:10: services[0].category: on totuusarvo (true); "
        "pitäisi olla: teksti lainausmerkeissä",
        "services.toml:12: services[0].annual_cost: on lista; "
        "pitäisi olla: luku ilman lainausmerkkejä, esim. 150000 tai 12.5",
    ]
    assert texts(root, "sv")[1] == (
        "services.toml:12: services[0].annual_cost: är en lista; "
        "ska vara: ett tal utan citattecken, t.ex. 150000 eller 12.5"
    )


def test_an_unknown_key_suggests_the_known_one_in_the_language(
    write_dataset: DatasetWriter,
) -> None:
    root = write_dataset(
        {"services.toml": SERVICES.replace('name = "Klubitalo', 'nmae = "Klubitalo')}
    )

    keys = (
        "id, name, organisation, category, municipalities, annual_cost, active_from, active_until"
    )
    assert texts(root, "fi") == [
        "services.toml:6: services[0].name: puuttuu; pitäisi olla: teksti lainausmerkeissä",
        "services.toml:8: services[0].nmae: on tuntematon avain (tarkoititko 'name'?); "
        f"pitäisi olla: jokin avaimista {keys}",
    ]
    assert texts(root, "sv") == [
        "services.toml:6: services[0].name: saknas; ska vara: text inom citattecken",
        "services.toml:8: services[0].nmae: är en okänd nyckel (menade du 'name'?); "
        f"ska vara: någon av nycklarna {keys}",
    ]


def test_a_key_not_allowed_at_the_top_of_a_file_is_told_in_finnish(
    write_dataset: DatasetWriter,
) -> None:
    root = write_dataset({"services.toml": 'extra = "x"\n' + SERVICES})

    assert texts(root, "fi") == [
        "services.toml:1: extra: on tässä tuntematon avain; pitäisi olla: vain organisations, "
        "services"
    ]


def test_a_date_in_quotes_or_out_of_range_is_told_with_the_languages_days(
    write_dataset: DatasetWriter,
) -> None:
    agreement = AGREEMENT.replace("valid_from = 2025-01-01", 'valid_from = "2025-01-01"')
    agreement = agreement.replace("valid_until = 2025-12-31", "valid_until = 2205-12-31")
    root = write_dataset({"agreements/pirha-2025.toml": agreement})

    assert texts(root, "fi") == [
        "agreements/pirha-2025.toml:6: valid_from: on teksti '2025-01-01' (kirjoita "
        "päivämäärät ilman lainausmerkkejä); pitäisi olla: päivämäärä ilman lainausmerkkejä, "
        "esim. 2025-01-01",
        "agreements/pirha-2025.toml:7: valid_until: on 31.12.2205, päivän 31.12.2100 jälkeen; "
        "pitäisi olla: päivämäärä väliltä 1.1.1900–31.12.2100",
    ]
    assert texts(root, "sv")[1] == (
        "agreements/pirha-2025.toml:7: valid_until: är 31.12.2205, efter 31.12.2100; "
        "ska vara: ett datum från 1.1.1900 till 31.12.2100"
    )
    assert texts(root, "en")[1] == (
        "agreements/pirha-2025.toml:7: valid_until: is 2205-12-31, after 2100-12-31; "
        "expected a date from 1900-01-01 to 2100-12-31"
    )


def test_an_impossible_day_in_toml_is_told_in_finnish_and_swedish(
    write_dataset: DatasetWriter,
) -> None:
    agreement = AGREEMENT.replace("valid_until = 2025-12-31", "valid_until = 2025-02-29")
    root = write_dataset({"agreements/pirha-2025.toml": agreement})

    assert texts(root, "fi")[0].startswith(
        "agreements/pirha-2025.toml:7: ei ole kelvollista TOMLia: virheellinen päivämäärä tai "
        "aika; "
    )
    assert texts(root, "sv")[0].startswith(
        "agreements/pirha-2025.toml:7: är inte giltig TOML: ogiltigt datum eller tidpunkt; "
    )


def test_a_file_that_is_a_folder_is_told_in_finnish_and_swedish(
    write_dataset: DatasetWriter,
) -> None:
    root = write_dataset({"services.toml": None})
    (root / "services.toml").mkdir()

    assert texts(root, "fi") == [
        "services.toml: on kansio, ei tiedosto; pitäisi olla: tiedosto: tekstieditorilla tai "
        "taulukkolaskentaohjelmalla tallennettua tekstiä"
    ]
    assert texts(root, "sv") == [
        "services.toml: är en mapp, inte en fil; ska vara: en fil: text sparad i en "
        "textredigerare eller ett kalkylprogram"
    ]


def test_a_folder_that_is_a_file_is_told_in_finnish(write_dataset: DatasetWriter) -> None:
    root = write_dataset({"agreements/pirha-2025.toml": None, "agreements": "not a folder"})

    assert texts(root, "fi") == [
        "agreements: on tiedosto, ei kansio; pitäisi olla: kansio, jossa on *.toml-tiedostoja, "
        "kussakin yksi sopimus"
    ]


def test_a_file_too_large_is_told_with_the_languages_numbers(
    write_dataset: DatasetWriter,
) -> None:
    root = write_dataset()
    with (root / "funding.csv").open("r+b") as file:
        file.truncate(100_000_001)  # sparse: no disk space is used

    assert texts(root, "fi") == [
        "funding.csv: on suurempi kuin aineistotiedoston suurin sallittu koko 100 Mt "
        f"(100{NBSP}000{NBSP}000 tavua); pitäisi olla: pienempi tiedosto: "
        "rahoituspäätökset tai palvelut voi jakaa useaan tiedostoon"
    ]
    assert texts(root, "sv") == [
        f"funding.csv: är större än 100 MB (100{NBSP}000{NBSP}000 byte), som är den största "
        "tillåtna storleken för en datafil; ska vara: en mindre fil: finansieringsbeslut "
        "eller tjänster kan delas upp på flera filer"
    ]


def test_a_text_over_the_limit_is_told_with_the_languages_numbers(
    write_dataset: DatasetWriter,
) -> None:
    name = 'name = "' + "x" * 100_001 + '"'
    root = write_dataset({"services.toml": SERVICES.replace('name = "Klubitalo Tampere"', name)})

    assert texts(root, "fi") == [
        f"services.toml:8: services[0].name: sisältää 100{NBSP}001 merkkiä, mikä on enemmän kuin "
        f"100{NBSP}000; pitäisi olla: enintään 100{NBSP}000 merkin teksti"
    ]
    assert texts(root, "sv") == [
        f"services.toml:8: services[0].name: har 100{NBSP}001 tecken, fler än 100{NBSP}000; "
        f"ska vara: en text på högst 100{NBSP}000 tecken"
    ]


def test_nesting_past_the_limit_is_told_in_swedish(write_dataset: DatasetWriter) -> None:
    root = write_dataset({"services.toml": SERVICES + "deep = " + "[" * 101 + "]" * 101 + "\n"})

    assert texts(root, "sv") == [
        "services.toml:13: services[0].deep: har listor eller tabeller inom klammerparenteser "
        "i fler än 100 nivåer inuti varandra; ska vara: högst 100 nivåer av [ ] och { } inuti "
        "varandra"
    ]


def test_text_in_windows_1252_is_told_in_finnish(write_dataset: DatasetWriter) -> None:
    funding = FUNDING.removeprefix("\ufeff").replace("\u00a0", " ")  # the € is byte 0x80
    root = write_dataset({"funding.csv": funding.encode("cp1252")})

    assert texts(root, "fi") == [
        "funding.csv:2: amount: ei ole UTF-8-tekstiä (tavu 0x80); se näyttää "
        "Windows-1252-merkistöltä, jota Excel käyttää tavallisessa puolipisteillä erotetussa "
        "CSV-muodossaan; pitäisi olla: UTF-8-tiedosto; valitse Excelissä Tiedosto > Tallenna "
        "nimellä ja tiedostomuodoksi CSV UTF-8, LibreOfficessa valitse 'Muokkaa suodattimen "
        "asetuksia' ja merkistöksi 'Unicode (UTF-8)'"
    ]


def test_the_heading_of_the_problems_is_in_the_language(write_dataset: DatasetWriter) -> None:
    services = SERVICES.replace("annual_cost = 420000", 'annual_cost = "420000"')
    root = write_dataset({"services.toml": services.replace("name = ", "nmae = ", 1)})

    with pytest.raises(DatasetError) as caught:
        fundgap.load(root)

    assert caught.value.text("fi").splitlines()[0] == "aineistossa on 3 virhettä:"
    assert caught.value.text("sv").splitlines()[0] == "materialet har 3 fel:"
    assert str(caught.value).splitlines()[0] == "the dataset has 3 problems:"


def test_a_dataset_folder_that_is_not_there_is_told_in_finnish(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        fundgap.load(tmp_path / "missing")

    assert caught.value.text("fi") == f"{tmp_path / 'missing'}: kansiota ei ole"
    assert caught.value.text("sv") == f"{tmp_path / 'missing'}: mappen finns inte"


def test_validate_writes_the_problems_in_the_language_asked_for(
    write_dataset: DatasetWriter, runner: CliRunner
) -> None:
    root = write_dataset({"services.toml": SERVICES.replace("annual_cost = 420000", "x = 1")})

    result = runner.invoke(cli, ["validate", str(root), "--lang", "sv"])

    assert result.exit_code == 2
    assert "materialet har 2 fel:" in result.output
    assert "services[0].annual_cost: saknas; ska vara: ett tal utan citattecken" in result.output


# -- the leaf modules: what they say is wrong, for the loader to put in a problem -------------


@pytest.mark.parametrize(
    ("text", "fi", "sv", "en"),
    [
        (
            "29.2.2025",
            "'29.2.2025' ei ole päivämäärä: vuosi 2025 ei ole karkausvuosi, joten siinä ei ole "
            "29. helmikuuta",
            "'29.2.2025' är inte ett datum: år 2025 är inget skottår och har därför ingen "
            "29 februari",
            "'29.2.2025' is not a date: 2025 has no 29 February (it is not a leap year)",
        ),
        (
            "31.4.2025",
            "'31.4.2025' ei ole päivämäärä: huhtikuu on 30-päiväinen",
            "'31.4.2025' är inte ett datum: april har 30 dagar",
            "'31.4.2025' is not a date: April has 30 days",
        ),
        (
            "2024-02-30",
            "'2024-02-30' ei ole päivämäärä: vuoden 2024 helmikuussa on 29 päivää",
            "'2024-02-30' är inte ett datum: februari 2024 har 29 dagar",
            "'2024-02-30' is not a date: February 2024 has 29 days",
        ),
        (
            "1.13.2025",
            "'1.13.2025' ei ole päivämäärä: vuodessa ei ole kuukautta 13",
            "'1.13.2025' är inte ett datum: ett år har ingen månad 13",
            "'1.13.2025' is not a date: a year has no month 13",
        ),
    ],
)
def test_an_impossible_day_says_why_in_each_language(text: str, fi: str, sv: str, en: str) -> None:
    with pytest.raises(ImpossibleDateError) as caught:
        parse_date(text)

    assert translate(caught.value.message, "fi") == fi
    assert translate(caught.value.message, "sv") == sv
    assert str(caught.value) == en


def test_a_time_of_day_and_a_text_that_is_no_date_say_so_in_finnish() -> None:
    with pytest.raises(TimeOfDayError) as timed:
        parse_cell_date("1.1.2025 12:30")
    with pytest.raises(DateError) as no_date:
        parse_date("eilen")

    assert translate(timed.value.message, "fi") == "'1.1.2025 12:30' sisältää kellonajan 12:30"
    assert str(timed.value) == "'1.1.2025 12:30' has a time of day, 12:30"
    assert timed.value.time == "12:30"
    assert translate(no_date.value.message, "sv") == "'eilen' är inte ett datum"
    assert str(no_date.value) == "'eilen' is not a date"


@pytest.mark.parametrize(
    ("month", "fi", "sv", "en"),
    [(1, "tammikuu", "januari", "January"), (12, "joulukuu", "december", "December")],
)
def test_a_month_is_named_by_the_language(month: int, fi: str, sv: str, en: str) -> None:
    words = message("{month}", month=Month(month))

    assert [translate(words, language) for language in ("fi", "sv", "en")] == [fi, sv, en]


def test_an_amount_that_is_no_number_says_so_in_swedish() -> None:
    with pytest.raises(AmountError) as caught:
        parse_amount("paljon")

    assert translate(caught.value.message, "sv") == "'paljon' är inte ett tal"
    assert str(caught.value) == "'paljon' is not a number"
    assert translate(AMOUNT_EXAMPLES_MESSAGE, "fi") == (
        "euromäärä, esim. 150 000,00 €, 150000 tai 150000.00"
    )
    assert translate(DATE_FORMS_MESSAGE, "sv") == "ett datum, t.ex. 31.12.2025 eller 2025-12-31"


def test_a_wrong_business_id_says_why_in_finnish_and_swedish() -> None:
    why = business_id_message("2077474-1")

    assert why is not None
    assert translate(why, "fi") == (
        "tarkistusnumero on 1, mutta seitsemästä ensimmäisestä numerosta saadaan 0"
    )
    assert translate(why, "sv") == "kontrollsiffran är 1, men de sju första siffrorna ger 0"
    assert business_id_problem("2077474-1") == str(why)
    assert business_id_message("2077474-0") is None


def test_a_wrong_category_key_says_why_in_finnish() -> None:
    why = key_message("Asumisen tuki")

    assert why is not None
    assert translate(why, "fi") == (
        "'Asumisen tuki' ei kelpaa palveluluokan avaimeksi; käytä pieniä kirjaimia, numeroita "
        "ja alaviivoja niin, että ensimmäinen merkki on kirjain, esim. 'housing_support'"
    )
    assert key_problem("Asumisen tuki") == str(why)
    assert key_message("housing_support") is None
