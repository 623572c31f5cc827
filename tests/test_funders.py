"""Who a funding row's funder is: the counties' own names, and the warning for a funder that
looks like a municipality or county but is neither (the case funder-brand of the issue "Figures
you can quote": Pirha's money was nobody's, and a city committee's money silently too)."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

import fundgap
from fundgap.codes import CountyCode
from fundgap.commands import AnalysisOptions, explain_output, gaps_output, report_output
from fundgap.errors import Problem
from fundgap.model import Funder, FunderKind
from fundgap.registry import load_registry
from fundgap.validation import funder_warnings
from fundgap_cli import cli
from tests.conftest import FIXTURES, DatasetWriter, write_files
from tests.test_registry import ALIAS_CASES

CASE = FIXTURES / "cases" / "funder-brand"
AS_OF = date(2025, 3, 1)
OPTIONS = AnalysisOptions(year=2025, as_of=AS_OF)
WARNING = (
    "funder 'Tampereen kaupunki, sivistyslautakunta' looks like a municipality or county but "
    "matches none by name, so its money counts in no party's share (did you mean 'Tampere'?)"
)
STDERR = f"fundgap: warning: funder-brand/funding.csv:3: funder: {WARNING}\n"


def outside(code: str, service: str) -> str:
    """The warning for county ``code`` funding ``service`` outside its area."""
    name = load_registry().counties[CountyCode(code)].short_fi
    return (
        f"county {name} ({code}) funds {service!r}, which serves none of its municipalities, so "
        "its money counts as a voluntary payer's; check the funder"
    )


HEADER = "service;funder;start;end;amount\n"


def rows(*funders: str) -> str:
    """Funding rows, one per funder; the amounts differ, so that no row repeats another."""
    return HEADER + "".join(
        f"tre-klubitalo;{f};1.1.2025;31.12.2025;{100 + i}\n" for i, f in enumerate(funders)
    )


# -- the case, through the library ------------------------------------------------------------


def test_the_brand_is_the_county_and_its_money_the_countys_grant() -> None:
    dataset = fundgap.load(CASE)
    pirha = next(d for d in dataset.funding if d.reference == "Aluehallitus 1.1.2025 § 1")
    row = fundgap.analyse(dataset, year=2025, as_of=AS_OF).row("pirha-kriisikeskus")
    granted = {party.party: party.granted for party in row.parties}

    assert pirha.funder == Funder(FunderKind.COUNTY, "Pirkanmaa", CountyCode("08"))
    assert granted["county:08"] == Decimal(95000)
    # The committee's 120 000 € and STEA's 140 000 € are funding, but no party's grant.
    assert row.funded == Decimal(355000)
    assert [amount for party, amount in granted.items() if party != "county:08"] == [0, 0, 0, 0]


def test_the_warning_quoted_in_the_docs_is_real() -> None:
    docs = (FIXTURES.parents[1] / "docs" / "format.md").read_text(encoding="utf-8")

    assert STDERR in docs


def test_the_library_finds_the_warning_at_the_funders_first_row() -> None:
    dataset = fundgap.load(CASE)
    (problem,) = funder_warnings(dataset)

    assert problem.location.file.endswith("funder-brand/funding.csv")
    assert (problem.location.line, problem.location.path) == (3, "funder")
    assert str(problem.message) == WARNING
    assert problem in fundgap.validate(dataset).warnings


Output = Callable[..., str]
COMMANDS: list[tuple[Output, tuple[object, ...], str]] = [
    (gaps_output, (), "json"),
    (gaps_output, (), "table"),
    (report_output, (), "json"),
    (explain_output, ("pirha-kriisikeskus",), "text"),
]


@pytest.mark.parametrize(("output", "first", "fmt"), COMMANDS)
def test_the_command_functions_hand_the_warning_over_and_print_the_same(
    output: Output, first: tuple[object, ...], fmt: str
) -> None:
    warnings: list[Problem] = []
    text = output(*first, CASE, OPTIONS, fmt=fmt, lang="en", warn=warnings.append)

    assert [str(w.message) for w in warnings] == [WARNING]
    assert text == output(*first, CASE, OPTIONS, fmt=fmt, lang="en")


# -- the case, through the command line -------------------------------------------------------


@pytest.fixture
def in_cases(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the folder that holds the case, as the cases' README does."""
    monkeypatch.chdir(CASE.parent)


@pytest.mark.usefixtures("in_cases")
def test_gaps_counts_the_brand_and_warns_on_stderr_only(runner: CliRunner) -> None:
    args = ["gaps", "funder-brand", "--year", "2025", "--as-of", "2025-03-01", "--format", "json"]
    result = runner.invoke(cli, args)

    assert result.exit_code == 0, result.output
    assert result.stderr == STDERR
    row = next(r for r in json.loads(result.stdout)["rows"] if r["service"] == "pirha-kriisikeskus")
    parties = {party["party"]: party for party in row["parties"]}
    assert parties["county:08"]["granted"] == "95000.00"
    assert row["funded"] == "355000.00"
    assert result.stdout == gaps_output("funder-brand", OPTIONS, fmt="json")


@pytest.mark.usefixtures("in_cases")
@pytest.mark.parametrize(
    "args",
    [
        ["gaps", "funder-brand", "--by", "funder"],
        ["report", "funder-brand", "--format", "markdown"],
        ["explain", "pirha-kriisikeskus", "funder-brand", "--format", "json"],
    ],
)
def test_every_analysing_command_warns_once_on_stderr(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(cli, [*args, "--year", "2025", "--as-of", "2025-03-01"])

    assert result.exit_code == 0, result.output
    assert result.stderr == STDERR


@pytest.mark.usefixtures("in_cases")
def test_the_warning_goes_to_stderr_when_the_output_is_a_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "gaps.csv"
    result = runner.invoke(
        cli, ["gaps", "funder-brand", "--year", "2025", "--format", "csv", "-o", str(target)]
    )

    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("", STDERR)
    assert target.read_text(encoding="utf-8").startswith("service,")


@pytest.mark.usefixtures("in_cases")
def test_validate_lists_the_warning_with_the_others(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate", "funder-brand"])

    assert result.exit_code == 0, result.output
    assert f"  funder-brand/funding.csv:3: funder: {WARNING}\n" in result.stdout
    assert result.stderr == ""


# -- the kind: public-looking names that match nothing, and private names ---------------------

# Each name, and the place a "did you mean" offers (None: nothing close enough).
PUBLIC = [
    ("Tampereen kaupunki, sivistyslautakunta", "Tampere"),
    ("Tampereen kaupungin sivistyslautakunta", "Tampere"),
    ("TAMPEREEN KAUPUNKI / SIVISTYSLAUTAKUNTA", "Tampere"),
    ("Nokian kaupunginhallitus", "Nokia"),
    ("Pirkkalan kunnan hyvinvointilautakunta", "Pirkkala"),
    ("Iin kunta, sivistystoimi", "Ii"),
    ("Mänttä-Vilppulan kaupunki, vapaa-aikatoimi", "Mänttä-Vilppula"),
    ("Helsingin kaupunki, sosiaali- ja terveystoimiala", "Helsinki"),
    ("Lahden kaupunki, hyte", "Lahti"),  # a genitive that changes the stem: Lahti → Lahden
    ("Hangon kaupunki, sosiaalitoimi", "Hanko"),
    ("Virtain kaupungin vapaa-aikatoimi", "Virrat"),
    ("City of Tampere", "Tampere"),
    ("Pirkanmaan hyvinvointialueen järjestöavustus", "Pirkanmaa"),
    ("Pirkanmaan aluehallitus", "Pirkanmaa"),
    ("Keski-Suomen hva, hyte-avustus", "Keski-Suomi"),
    ("Vantaan ja Keravan hyvinvointialueen avustus", "Vantaa ja Kerava"),
    ("Pohjois-Karjalan sote", "Pohjois-Karjala"),
    ("Eksote", None),
    ("Kymsote", None),
    ("Kuntayhtymä Kaksineuvoinen", None),
    ("Kaupunginhallitus", None),
    ("Tammerfors stad, kulturnämnden", "Tammerfors"),
    ("Kårkulla samkommun", None),
    ("Österbottens välfärdsområde, understöd", "Österbotten"),
    # a place's name, its genitive or a county's brand with a word of administration or grants
    ("Tampereen sivistystoimi", "Tampere"),
    ("Tampere kulttuuripalvelut", "Tampere"),
    ("Tampere / kulttuuripalvelut", "Tampere"),
    ("Tampere (sivistystoimi)", "Tampere"),
    ("Nokia nuorisopalvelut", "Nokia"),
    ("Kangasala, hyte", "Kangasala"),
    ("Pirkanmaan järjestöavustukset", "Pirkanmaa"),
    ("Pirha järjestöavustus", "Pirha"),
    ("Hangon sosiaalitoimi", "Hanko"),
    ("Raaseporin bildningsförvaltning", "Raasepori"),
    ("Ahvenanmaan maakunta", "Ahvenanmaa"),
    # Not public-looking, but a place's name misspelt.
    ("Tampre", "Tampere"),
    ("Pirhaa", "Pirha"),
]
PRIVATE = [
    "Sirpa ja Väinö Säätiö",
    "Tampereen Säätiö",
    "Alfred Kordelinin säätiö",
    "Suomen Kulttuurirahasto",
    "Svenska kulturfonden",
    "Helsingin Kaupunkilähetys ry",
    "Helsingfors stadsmission",
    "Hervannan kaupunginosayhdistys ry",
    "Kaupunkikulttuuri r.y.",
    "Kirkkonummen seurakunta",
    "Partiolippukunta Kotkat",
    "Tampereen ylioppilaskunta",
    "Suomen Kuntaliitto ry",
    "Osuuskunta Kuntapalvelut",
    "Kommunikaatiotoimisto Oy",
    "Stadin Nuorisoseurat ry",
    "Pirkanmaan Kriisikeskus ry",
    "Eloisa ikä -ohjelma",
    "Lions Club Tampere",
    "Oma varainhankinta",
    "Yksityiset lahjoitukset",
    "Veikkaus",
    "Kela",
    "HUS",
    "ELY-keskus",
    # a place's name with no word of administration, or a grant's word with no place
    "Tampereen Kriisikeskus",
    "Helsingin yliopisto",
    "Lions Club Nokia",
    "STEA-avustus",
    "Euroopan unionin avustus",
]


@pytest.fixture(scope="module")
def warned(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The warnings of one dataset that names every funder above, by funder."""
    names = [name for name, _ in PUBLIC] + PRIVATE
    dataset = fundgap.load(
        write_files(tmp_path_factory.mktemp("kind"), {"funding.csv": rows(*names)})
    )
    assert all(d.funder.kind is FunderKind.OTHER for d in dataset.funding)
    return {str(w.message).split("'")[1]: str(w.message) for w in funder_warnings(dataset)}


@pytest.mark.parametrize(("name", "suggestion"), PUBLIC)
def test_a_public_looking_funder_that_matches_nothing_is_warned(
    warned: dict[str, str], name: str, suggestion: str | None
) -> None:
    message = warned[name]

    assert message.startswith(
        f"funder {name!r} looks like a municipality or county but matches none by name"
    )
    if suggestion is None:
        assert "did you mean" not in message
    else:
        assert message.endswith(f"(did you mean {suggestion!r}?)") or (
            f"(did you mean {suggestion!r}, " in message
            or f"(did you mean {suggestion!r} or " in message
        )


@pytest.mark.parametrize("name", PRIVATE)
def test_a_private_funder_is_not_warned(warned: dict[str, str], name: str) -> None:
    assert name not in warned


def test_only_those_are_warned(warned: dict[str, str]) -> None:
    assert sorted(warned) == sorted(name for name, _ in PUBLIC)


def test_each_name_is_warned_once_at_its_first_row(write_dataset: DatasetWriter) -> None:
    name = "Nokian kaupungin sivistystoimi"
    root = write_dataset(
        {"funding.csv": rows(name, "STEA", name), "funding/b.csv": rows("Säätiö", name)}
    )
    (problem,) = funder_warnings(fundgap.load(root))

    assert problem.location.file.endswith("dataset/funding.csv")
    assert problem.location.line == 2


@pytest.mark.parametrize(("code", "alias"), ALIAS_CASES)
def test_every_alias_is_its_county_as_a_funder_and_is_not_warned(
    write_dataset: DatasetWriter, code: str, alias: str
) -> None:
    forms = [
        alias,
        alias.upper(),
        alias.lower(),
        f"  {alias} ",
        unicodedata.normalize("NFD", alias),
    ]
    dataset = fundgap.load(write_dataset({"funding.csv": rows(*forms)}))

    assert {(d.funder.kind, d.funder.code) for d in dataset.funding} == {
        (FunderKind.COUNTY, CountyCode(code))
    }
    # the name is not warned about; only, for a county other than Pirkanmaa, that it funds a
    # service in Tampere and Nokia, outside its area
    warnings = [str(w.message) for w in funder_warnings(dataset)]
    assert warnings == ([] if code == "08" else [outside(code, "tre-klubitalo")])


def test_a_county_funding_a_service_outside_its_area_is_warned(
    write_dataset: DatasetWriter,
) -> None:
    funding = HEADER + "tre-klubitalo;Kainuu;1.1.2025;31.12.2025;100\n"
    dataset = fundgap.load(write_dataset({"funding.csv": funding}))

    (warning,) = funder_warnings(dataset)
    assert (warning.location.line, warning.location.path) == (2, "funder")
    assert str(warning.message) == outside("20", "tre-klubitalo")
