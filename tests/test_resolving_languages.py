"""A Finnish user reads their mistakes in Finnish, a Swedish-speaking one in Swedish: the problems
of resolving a dataset, of its funding CSV, of validation, of registry look-ups and of the
analysis' arguments, word for word in each language, place names in the reader's language and
days and amounts written the language's way."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import fundgap
from fundgap.errors import FundgapError, LookupFailedError, Problem, UsageError
from fundgap.i18n import translate
from fundgap.registry import load_registry
from tests.conftest import AGREEMENT, FUNDING, SERVICES, DatasetWriter, only_problem

NBSP = "\xa0"


def said(problem: Problem, language: str) -> str:
    """The problem's line in ``language`` without its location (a temporary folder)."""
    return problem.text(language).removeprefix(f"{problem.location.text(language)}: ")


def with_line(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


CASES = [
    pytest.param(
        {"funding.csv": with_line(FUNDING, "tre-klubitalo;Tampere", "tre-klubtalo;Tampere")},
        "tuntematon palvelu 'tre-klubtalo' (tarkoititko 'tre-klubitalo'?); pitäisi olla: "
        "aineistossa olevan palvelun tunnus",
        "tjänsten 'tre-klubtalo' hittades inte (menade du 'tre-klubitalo'?); ska vara: id för "
        "en tjänst i materialet",
        id="unknown-service",
    ),
    pytest.param(
        {"services.toml": with_line(SERVICES, '"clubhouse"', '"club_house"')},
        "tuntematon palveluluokka 'club_house' (tarkoititko 'clubhouse'?); pitäisi olla: "
        "palveluluokan avain tiedostosta docs/format.md tai categories.toml",
        "kategorin 'club_house' hittades inte (menade du 'clubhouse'?); ska vara: en "
        "kategorinyckel från docs/format.md eller categories.toml",
        id="unknown-category",
    ),
    pytest.param(
        {
            "agreements/pirha-2025.toml": with_line(
                AGREEMENT, '["Tampere", "Nokia"]', '["Tampere", "Kajaani"]'
            )
        },
        "Kajaani (205) kuuluu hyvinvointialueeseen Kainuu (20) eikä sopimuksen "
        "hyvinvointialueeseen 08; pitäisi olla: hyvinvointialueen 08 kunnat",
        "Kajana (205) hör till välfärdsområdet Kajanaland (20), inte till avtalets "
        "välfärdsområde 08; ska vara: kommuner i välfärdsområdet 08",
        id="municipality-of-another-county",
    ),
    pytest.param(
        {"services.toml": with_line(SERVICES, '["Tampere", "Nokia"]', '["Tampere", "Pertunmaa"]')},
        "Pertunmaa (588) liitettiin kuntaan Mäntyharju (507) 1.1.2025, mutta tämä on voimassa "
        "toistaiseksi; pitäisi olla: Mäntyharju päivästä 1.1.2025 alkaen",
        "Pertunmaa (588) uppgick i Mäntyharju (507) den 1.1.2025, men detta gäller tills "
        "vidare; ska vara: Mäntyharju för dagarna från och med 1.1.2025",
        id="merged-municipality",
    ),
    pytest.param(
        {"funding.csv": with_line(FUNDING, ";Tampere;", ";Pertunmaa;")},
        "Pertunmaa (588) liitettiin kuntaan Mäntyharju (507) 1.1.2025, mutta tämä on voimassa "
        "31.12.2025 asti; pitäisi olla: Mäntyharju päivästä 1.1.2025 alkaen",
        "Pertunmaa (588) uppgick i Mäntyharju (507) den 1.1.2025, men detta gäller till och med "
        "31.12.2025; ska vara: Mäntyharju för dagarna från och med 1.1.2025",
        id="merged-municipality-as-funder",
    ),
    pytest.param(
        {
            "funding.csv": "service,funder,start,end,amount,reference\n"
            "tre-klubitalo,STEA,1.1.2025,31.12.2025,150000,50\n"
        },
        "luvun 150000,50 pilkku ei ole lainausmerkeissä, joten se jakaa rahamäärän soluihin "
        "'150000' ja '50' ja siirtää '50' sarakkeeseen reference; pitäisi olla: 150000.50 tai "
        '"150000,50" lainausmerkeissä (pilkuin erotetussa tiedostossa pilkku päättää solun, '
        "ellei solu ole lainausmerkeissä); jos rahamäärä on 150000 €, kirjoita se muodossa "
        "150000.00",
        "kommatecknet i 150000,50 står inte inom citattecken, så det delar beloppet i cellerna "
        "'150000' och '50' och flyttar '50' till kolumnen reference; ska vara: 150000.50, eller "
        '"150000,50" inom citattecken (i en kommaseparerad fil avslutar ett kommatecken cellen '
        "om inte cellen står inom citattecken); om beloppet är 150000 €, skriv det som "
        "150000.00",
        id="decimal-comma-in-a-comma-separated-file",
    ),
    pytest.param(
        {"funding.csv": with_line(FUNDING, "31.12.2025", "31.12.2205")},
        "'31.12.2205' on päivän 31.12.2100 jälkeen; pitäisi olla: päivämäärä väliltä "
        "1.1.1900–31.12.2100",
        "'31.12.2205' är efter 31.12.2100; ska vara: ett datum från 1.1.1900 till 31.12.2100",
        id="csv-date-beyond-the-limits",
    ),
    pytest.param(
        {"funding.csv": FUNDING + "tre-klubitalo,Nokia,1.1.2025,31.12.2025,100,grant,x\r\n"},
        "rivillä on 1 solu, mutta otsikkorivillä 7: solujen erotin näyttää olevan ',', kun "
        "otsikkorivillä se on ';'; pitäisi olla: ';' jokaisen rivin solujen välissä, kuten "
        "otsikkorivillä",
        "har 1 cell men rubrikraden har 7: raden verkar ha ',' mellan cellerna, medan rubrikraden "
        "har ';'; ska vara: ';' mellan cellerna på varje rad, som i rubrikraden",
        id="row-with-another-delimiter",
    ),
    pytest.param(
        {"funding.csv": with_line(FUNDING, "80000", "80 000 000 000")},
        f"on 80 000 000 000, mikä on enemmän kuin 1{NBSP}000{NBSP}000{NBSP}000,00{NBSP}€; "
        f"pitäisi olla: rahamäärä enintään 1{NBSP}000{NBSP}000{NBSP}000,00{NBSP}€",
        f"är 80 000 000 000, vilket är mer än 1{NBSP}000{NBSP}000{NBSP}000,00{NBSP}€; "
        f"ska vara: ett belopp på högst 1{NBSP}000{NBSP}000{NBSP}000,00{NBSP}€",
        id="amount-over-the-limit",
    ),
    pytest.param(
        {"funding.csv": with_line(FUNDING, ";Tampere;", ";837.0;")},
        "'837.0' on koodi, joka on kirjoitettu desimaalilukuna, kuten taulukkolaskentaohjelma "
        "kirjoittaa koodin, jonka se on tulkinnut luvuksi; pitäisi olla: koodi tekstinä: 837 "
        "(Tampere)",
        "'837.0' är en kod skriven som ett tal med decimaler, så som ett kalkylprogram skriver "
        "en kod som det har tolkat som ett tal; ska vara: koden som text: 837 (Tammerfors)",
        id="code-written-as-a-number",
    ),
    pytest.param(
        {
            "agreements/pirha-2025.toml": with_line(
                AGREEMENT, "valid_until = 2025-12-31", "valid_until = 2025-06-30"
            )
            + "valid_from = 2025-03-01\nvalid_until = 2025-12-31\n"
        },
        "sopimuskohta on voimassa 1.3.2025–31.12.2025, sopimuksen voimassaoloajan "
        "(1.1.2025–30.6.2025) ulkopuolella; pitäisi olla: sopimuskohdan voimassaoloaika, joka on "
        "sopimuksen voimassaoloajan sisällä",
        "avtalspunkten gäller 1.3.2025–31.12.2025, utanför avtalets giltighetstid "
        "(1.1.2025–30.6.2025); ska vara: en giltighetstid för punkten som ligger inom avtalets "
        "giltighetstid",
        id="clause-outside-the-agreement",
    ),
    pytest.param(
        {"agreements/pirha-2025.toml": with_line(AGREEMENT, '"Pirkanmaa"', '"837"')},
        "tuntematon hyvinvointialue '837'; hyvinvointialueen koodissa on kaksi numeroa; 837 on "
        "kuntakoodi (Tampere); pitäisi olla: hyvinvointialueen nimi (esim. Pirkanmaa) tai sen "
        "kaksinumeroinen koodi",
        "välfärdsområdet '837' hittades inte; välfärdsområdenas koder har två siffror; 837 är "
        "kommunen Tammerfors; ska vara: välfärdsområdets namn (t.ex. Birkaland) eller dess "
        "tvåsiffriga kod",
        id="county-given-a-municipality-code",
    ),
]


@pytest.mark.parametrize(("files", "finnish", "swedish"), CASES)
def test_a_loading_problem_reads_in_finnish_and_swedish(
    write_dataset: DatasetWriter, files: dict[str, str], finnish: str, swedish: str
) -> None:
    problem = only_problem(write_dataset(files))

    assert said(problem, "fi") == finnish
    assert said(problem, "sv") == swedish


def test_an_excel_serial_date_names_its_day_as_the_language_writes_days(
    write_dataset: DatasetWriter,
) -> None:
    problem = only_problem(write_dataset({"funding.csv": with_line(FUNDING, "1.1.2025", "45658")}))

    assert translate(problem.message, "fi") == (
        "'45658' on Excelin sisäinen päivänumero eikä päivämäärä siinä muodossa, jossa Excel "
        "sen näyttää: 45658 on 1.1.2025"
    )
    assert translate(problem.message, "sv") == (
        "'45658' är Excels interna dagnummer och inte datumet i den form som Excel visar det: "
        "45658 är 1.1.2025"
    )
    assert str(problem.message).endswith("45658 is 2025-01-01")


def test_a_funder_warning_reads_in_finnish_and_swedish(write_dataset: DatasetWriter) -> None:
    funding = with_line(FUNDING, ";Tampere;", ";Tampereen kaupungin sivistyslautakunta;")
    dataset = fundgap.load(write_dataset({"funding.csv": funding}))

    (warning,) = [w for w in fundgap.validate(dataset).warnings if w.location.path == "funder"]

    assert said(warning, "fi") == (
        "rahoittaja 'Tampereen kaupungin sivistyslautakunta' näyttää kunnalta tai "
        "hyvinvointialueelta, mutta sen nimi ei vastaa yhtäkään, joten sen rahoitusta ei "
        "lasketa minkään osapuolen osuuteen (tarkoititko 'Tampere'?)"
    )
    assert said(warning, "sv") == (
        "finansiären 'Tampereen kaupungin sivistyslautakunta' ser ut som en kommun eller ett "
        "välfärdsområde men motsvarar inget av dem till namnet, så dess pengar räknas inte in i "
        "någon parts andel (menade du 'Tampere'?)"
    )


def test_a_county_funding_outside_its_area_is_named_in_the_readers_language(
    write_dataset: DatasetWriter,
) -> None:
    dataset = fundgap.load(write_dataset({"funding.csv": with_line(FUNDING, ";STEA;", ";Kainuu;")}))

    (warning,) = fundgap.validate(dataset).warnings

    assert said(warning, "fi") == (
        "hyvinvointialue Kainuu (20) rahoittaa palvelua 'tre-klubitalo', joka ei palvele "
        "yhtäkään sen kunnista, joten sen rahoitus lasketaan vapaaehtoisen maksajan "
        "rahoitukseksi; tarkista rahoittaja"
    )
    assert said(warning, "sv") == (
        "välfärdsområdet Kajanaland (20) finansierar 'tre-klubitalo', som inte betjänar någon "
        "av dess kommuner, så dess pengar räknas som en frivillig betalares; kontrollera "
        "finansiären"
    )


def test_years_without_funding_are_listed_the_languages_way(write_dataset: DatasetWriter) -> None:
    funding = FUNDING + "tre-klubitalo;STEA;1.1.2027;31.12.2027;100;grant;x\r\n"
    services = SERVICES + (
        '\n[[services]]\nid = "tre-uusi"\nname = "Uusi"\norganisation = "tre-mieli-ry"\n'
        'category = "clubhouse"\nmunicipalities = ["Tampere"]\nannual_cost = 1000\n'
    )
    dataset = fundgap.load(write_dataset({"funding.csv": funding, "services.toml": services}))

    texts = {said(w, "fi") for w in fundgap.validate(dataset).warnings}
    assert (
        "palvelulla 'tre-uusi' ei ole rahoituspäätöksiä vuosille 2025, 2026 ja 2027: se "
        "näkyy rahoittamattomana, ellei kyse ole puuttuvista tiedoista"
    ) in texts
    texts = {said(w, "sv") for w in fundgap.validate(dataset).warnings}
    assert (
        "tjänsten 'tre-uusi' har inga finansieringsbeslut för åren 2025, 2026 och 2027: den "
        "visas som ofinansierad, om det inte är uppgifterna som saknas"
    ) in texts


@pytest.mark.parametrize(
    ("text", "finnish", "swedish"),
    [
        (
            "Tamepre",
            "tuntematon kunta 'Tamepre' (tarkoititko 'Tampere'?)",
            "kommunen 'Tamepre' hittades inte (menade du 'Tampere'?)",
        ),
        (
            "20",
            "tuntematon kunta '20'; kuntakoodissa on kolme numeroa (020 on Akaa); 20 on "
            "hyvinvointialueen koodi (Kainuu)",
            "kommunen '20' hittades inte; kommunkoder har tre siffror (020 är Ackas); 20 är "
            "koden för välfärdsområdet Kajanaland",
        ),
    ],
)
def test_a_failed_municipality_look_up_reads_in_finnish_and_swedish(
    text: str, finnish: str, swedish: str
) -> None:
    with pytest.raises(LookupFailedError) as caught:
        load_registry().municipality(text)

    assert caught.value.text("fi") == finnish
    assert caught.value.text("sv") == swedish


def test_a_failed_county_look_up_reads_in_finnish_and_swedish() -> None:
    with pytest.raises(LookupFailedError) as caught:
        load_registry().county("5")

    assert caught.value.text("fi") == (
        "tuntematon hyvinvointialue '5'; hyvinvointialueen koodissa on kaksi numeroa (05 on "
        "Varsinais-Suomi)"
    )
    assert caught.value.text("sv") == (
        "välfärdsområdet '5' hittades inte; välfärdsområdenas koder har två siffror (05 är "
        "Egentliga Finland)"
    )


@pytest.mark.parametrize(
    ("arguments", "finnish", "swedish"),
    [
        (
            {"horizon_months": 0},
            "tarkastelujakso on 0 kuukautta, mutta sen on oltava 1–120 kuukautta",
            "perioden är 0 månader, men den ska vara 1–120 månader",
        ),
        (
            {"as_of": date(2200, 1, 1)},
            "tilannepäivä 1.1.2200 on fundgapin käsittelemän aikavälin ulkopuolella; päivän on "
            "oltava välillä 1.1.1900–31.12.2100",
            "lägesdagen 1.1.2200 ligger utanför den tidsperiod som fundgap hanterar; dagen ska "
            "ligga mellan 1.1.1900 och 31.12.2100",
        ),
        (
            {"year": 1999},
            "pyydetty vuosi 1999 on fundgapin analysoimien vuosien ulkopuolella; vuoden on "
            "oltava välillä 2000–2100",
            "det begärda året 1999 ligger utanför de år som fundgap analyserar; året ska ligga "
            "mellan 2000 och 2100",
        ),
        (
            {"drafts": ["pirha-2026"]},
            "aineistossa ei ole sopimusta 'pirha-2026', jota voisi käsitellä allekirjoitettuna",
            "materialet har inget avtal 'pirha-2026' som kan behandlas som undertecknat",
        ),
    ],
)
def test_a_usage_error_of_the_analysis_reads_in_finnish_and_swedish(
    write_dataset: DatasetWriter, arguments: dict[str, Any], finnish: str, swedish: str
) -> None:
    dataset = fundgap.load(write_dataset())

    with pytest.raises(UsageError) as caught:
        fundgap.analyse(dataset, **arguments)

    assert caught.value.text("fi") == finnish
    assert caught.value.text("sv") == swedish


def test_explaining_a_service_that_is_not_there_or_not_active_reads_in_finnish_and_swedish(
    write_dataset: DatasetWriter,
) -> None:
    services = SERVICES + "active_from = 2026-03-01\n"
    dataset = fundgap.load(write_dataset({"services.toml": services, "funding.csv": None}))

    errors: list[FundgapError] = []
    for service in ("tre-klubtalo", "tre-klubitalo"):
        with pytest.raises(FundgapError) as caught:
            fundgap.explain(dataset, service, year=2025)
        errors.append(caught.value)

    assert [error.text("fi") for error in errors] == [
        "tuntematon palvelu 'tre-klubtalo' (tarkoititko 'tre-klubitalo'?)",
        "palvelu 'tre-klubitalo' ei toimi vuonna 2025 (sen toiminta-aika on 1.3.2026 alkaen)",
    ]
    assert [error.text("sv") for error in errors] == [
        "tjänsten 'tre-klubtalo' hittades inte (menade du 'tre-klubitalo'?)",
        "tjänsten 'tre-klubitalo' är inte verksam år 2025 (den är verksam från och med 1.3.2026)",
    ]
    assert str(errors[1]) == (
        "service 'tre-klubitalo' is not active in 2025 (it is active 2026-03-01..)"
    )
