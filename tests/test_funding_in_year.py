"""Funding counts in the year it was granted for (SPEC §5 "funded"), whatever days of the year
the service is active: the case `engine-funding-in-year`, an independent recomputation of every
row's `funded` on the examples and on a generated collection, and the property that a
decision's parts over the years add up to it exactly."""

from __future__ import annotations

import csv
import io
import json
import runpy
import shutil
from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import fundgap
from fundgap.categories import Categories
from fundgap.loading import example_path
from fundgap.loading._reading import shown_path
from fundgap.model import Dataset, FundingDecision, Organisation
from fundgap.registry import load_registry
from fundgap_cli import cli
from tests.conftest import FIXTURES
from tests.strategies import engine_funding_in_active_years, engine_services

CASE = FIXTURES / "cases" / "engine-funding-in-year"
GENERATE = Path(__file__).parents[1] / "benchmarks" / "generate.py"


def _party(party: str, share: str, expected: str, granted: str, shortfall: str) -> dict[str, str]:
    return {
        "party": party,
        "share": share,
        "expected": expected,
        "granted": granted,
        "shortfall": shortfall,
    }


def test_the_case_counts_each_grant_for_the_year_it_is_for(runner: CliRunner) -> None:
    result = runner.invoke(
        cli, ["gaps", str(CASE), "--year", "2025", "--as-of", "2025-03-01", "--format", "json"]
    )

    assert result.exit_code == 0, result.output
    rows = {row["service"]: row for row in json.loads(result.stdout)["rows"]}
    kaisla = rows["kaisla-kohtaamispaikka"]
    # opens 1.7.2025: need = 120 000 × 184 / 365 = 60 493.15; Tampere's 60 000 is for 2025
    assert (kaisla["need"], kaisla["funded"], kaisla["gap"]) == ("60493.15", "60000.00", "493.15")
    assert kaisla["funding_status"] == "underfunded"
    assert kaisla["parties"] == [
        # 50 % of the need each: 60 493.15 / 2 = 30 246.575 → 30 246.58
        _party("county:08", "50", "30246.58", "0.00", "30246.58"),
        _party("municipality:837", "50", "30246.58", "60000.00", "0.00"),
    ]
    assert [(f["amount"], f["counted"]) for f in kaisla["sources"]["funding"]] == [
        ("60000.00", "60000.00")
    ]
    nokia = rows["nokia-vertaistuki"]
    # closes 31.3.2025: need = 100 000 × 90 / 365 = 24 657.53; Nokia's 40 000 is for 2025
    assert (nokia["need"], nokia["funded"], nokia["gap"]) == ("24657.53", "40000.00", "0.00")
    assert (nokia["funding_status"], nokia["responsibility_status"]) == ("funded", "unassigned")
    # no clause covers peer support: Nokia pays without a share, and is listed
    assert nokia["parties"] == [_party("municipality:536", "0", "0.00", "40000.00", "0.00")]


def test_explain_counts_all_days_of_the_decision_in_the_year(runner: CliRunner) -> None:
    result = runner.invoke(
        cli,
        ["explain", "kaisla-kohtaamispaikka", str(CASE), "--year", "2025", "--format", "json"],
    )

    assert result.exit_code == 0, result.output
    (line,) = json.loads(result.stdout)["funding"]
    assert (line["days"], line["days_counted"], line["counted"]) == (365, 365, "60000.00")


def test_validate_warns_that_the_period_looks_wrong_but_counts_the_money(
    runner: CliRunner,
) -> None:
    result = runner.invoke(cli, ["validate", str(CASE), "--format", "json"])

    assert result.exit_code == 0, result.output
    warnings = {
        (w["line"], w["message"])
        for w in json.loads(result.stdout)["warnings"]
        if w["file"].endswith("funding.csv")
    }
    assert warnings == {
        (
            2,
            "181 of the 365 days of this funding for 'kaisla-kohtaamispaikka' fall outside the "
            "service's active period 2025-07-01..; the money is counted in full for the years "
            "it is granted for, so check the decision's period and the service's active_from "
            "and active_until",
        ),
        (
            3,
            "275 of the 365 days of this funding for 'nokia-vertaistuki' fall outside the "
            "service's active period 2018-01-01..2025-03-31; the money is counted in full for "
            "the years it is granted for, so check the decision's period and the service's "
            "active_from and active_until",
        ),
    }


def test_validate_names_money_that_falls_in_a_year_without_activity(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "case"
    for path in CASE.rglob("*"):
        if path.is_file():
            target = folder / path.relative_to(CASE)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    # a two-year grant of 73 000 € for 2025–2026 to a service that closes on 31.3.2025:
    # 2026 has no active day, so 73 000 × 365 / 730 = 36 500 € appears in no year's row
    (folder / "funding.csv").write_text(
        "service;funder;start;end;amount;instrument;reference\n"
        "nokia-vertaistuki;Nokia;1.1.2025;31.12.2026;73000;grant;Kh 1\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["validate", str(folder), "--format", "json"])

    (warning,) = [w for w in json.loads(result.stdout)["warnings"] if w["line"] == 2]
    assert warning["message"].endswith(
        "; €36,500.00 of it falls in years in which the service is not active at all and "
        "shows in no year's analysis"
    )
    assert warning["message"].startswith("640 of the 730 days")


# --- funded, recomputed independently ------------------------------------------------------


def _euros(text: str) -> Fraction:
    """An amount as the example and benchmark files write it: ``150 000,00 €``, ``150000.00``."""
    cleaned = "".join(text.replace("€", "").split()).replace("\u00a0", "").replace(",", ".")
    return Fraction(cleaned)


def _day(text: str) -> date:
    if "-" in text:
        return date.fromisoformat(text)
    day, month, year = (int(part) for part in text.split("."))
    return date(year, month, day)


def _funded_in(root: Path, year: int) -> dict[str, Fraction]:
    """Each service's funding decisions spread over their days and pro-rated into ``year``,
    read from the CSV files with the csv module alone."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    funded: dict[str, Fraction] = defaultdict(Fraction)
    files = [*root.rglob("funding.csv"), *root.rglob("funding/*.csv")]
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        for row in csv.DictReader(io.StringIO(text, newline=""), delimiter=";"):
            if not row["service"]:
                continue
            start, end = _day(row["start"]), _day(row["end"])
            overlap = (min(end, last) - max(start, first)).days + 1
            if overlap > 0:
                days = (end - start).days + 1
                funded[row["service"]] += _euros(row["amount"]) * overlap / days
    return funded


def _cents(value: Fraction) -> str:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return f"{exact.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):.2f}"


def _gaps_json(runner: CliRunner, root: Path, year: int) -> dict[str, Any]:
    result = runner.invoke(
        cli, ["gaps", str(root), "--year", str(year), "--as-of", "2025-06-30", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_every_example_row_is_funded_by_its_decisions_for_the_year(
    runner: CliRunner, year: int
) -> None:
    expected = _funded_in(example_path(), year)
    rows = _gaps_json(runner, example_path(), year)["rows"]

    assert rows
    assert {row["service"]: row["funded"] for row in rows} == {
        row["service"]: _cents(expected.get(row["service"], Fraction(0))) for row in rows
    }


def test_every_generated_row_is_funded_by_its_decisions_for_the_year(
    runner: CliRunner, tmp_path: Path
) -> None:
    generate = runpy.run_path(str(GENERATE))["generate"]
    generate(tmp_path / "national", scale=0.06, seed=11)
    expected = _funded_in(tmp_path / "national", 2025)
    rows = _gaps_json(runner, tmp_path / "national", 2025)["rows"]

    assert len(rows) > 400
    assert {row["service"]: row["funded"] for row in rows} == {
        row["service"]: _cents(expected.get(row["service"], Fraction(0))) for row in rows
    }
    # the generator grants some part-year services money for the whole calendar year
    dataset = fundgap.load(tmp_path / "national")
    assert any(not dataset.services[d.service].active.covers(d.period) for d in dataset.funding)


# --- no euro lost or counted twice across years -------------------------------------------


def _dataset(decisions: tuple[FundingDecision, ...], *services: Any) -> Dataset:
    return Dataset(
        name="Generated",
        registry=load_registry(),
        categories=Categories(),
        organisations={"org": Organisation("org", "Testiyhdistys ry")},
        services={s.id: s for s in services},
        agreements={},
        funding=decisions,
    )


@given(st.data())
def test_a_decisions_parts_over_its_years_add_up_to_it_exactly(data: st.DataObject) -> None:
    service = data.draw(engine_services("s"))
    decisions = data.draw(engine_funding_in_active_years(service))
    dataset = _dataset(decisions, service)
    years = sorted({y for d in decisions for y in d.period.years()})

    funded = [fundgap.analyse(dataset, year=y, as_of=date(y, 1, 1)).row("s").funded for y in years]

    assert sum(funded, Decimal(0)) == sum((d.amount for d in decisions), Decimal(0))
    for decision in decisions:  # and each decision on its own, line by line
        lines = [
            line.amount
            for y in years
            for line in fundgap.analyse(_dataset((decision,), service), year=y, as_of=date(y, 1, 1))
            .row("s")
            .funding
        ]
        assert sum(lines, Decimal(0)) == decision.amount


# --- a year whose funding is not recorded yet ----------------------------------------------


def _on_case(args: list[str], *options: str) -> list[str]:
    """``args`` of a command with the case's folder as DATASET (after explain's SERVICE)."""
    at = 2 if args[0] == "explain" else 1
    return [*args[:at], str(CASE), *options, *args[at:]]


NOT_RECORDED = {
    "en": "No funding decision for 2027 is recorded in the data yet",
    "fi": "Vuoden 2027 rahoituspäätöksiä ei ole vielä kirjattu aineistoon",
    "sv": "Inga finansieringsbeslut för 2027 har ännu förts in i materialet",
}


@pytest.mark.parametrize(
    "args",
    [
        ["gaps"],
        ["gaps", "--format", "markdown"],
        ["gaps", "--by", "county"],
        ["report"],
        ["report", "--format", "markdown"],
        ["explain", "kaisla-kohtaamispaikka"],
    ],
)
@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_every_text_output_says_the_years_funding_is_not_recorded(
    runner: CliRunner, args: list[str], lang: str
) -> None:
    result = runner.invoke(cli, _on_case(args, "--year", "2027", "--lang", lang))

    assert result.exit_code == 0, result.output
    assert NOT_RECORDED[lang] in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["gaps", "--format", "json"],
        ["gaps", "--by", "municipality", "--format", "json"],
        ["report", "--format", "json"],
        ["explain", "kaisla-kohtaamispaikka", "--format", "json"],
    ],
)
def test_every_json_output_says_whether_the_years_funding_is_recorded(
    runner: CliRunner, args: list[str]
) -> None:
    for year, recorded in (("2025", True), ("2027", False)):
        result = runner.invoke(cli, _on_case(args, "--year", year))
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["funding_recorded"] is recorded


def test_a_recorded_year_says_nothing_of_it(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["report", str(CASE), "--year", "2025"])

    assert NOT_RECORDED["en"].replace("2027", "2025") not in result.stdout
    assert "not recorded" not in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["gaps", "--format", "csv"],
        ["gaps", "--format", "json"],
        ["report", "--format", "json"],
        ["explain", "kaisla-kohtaamispaikka", "--format", "json"],
    ],
)
def test_a_year_not_recorded_is_a_warning_on_stderr_whatever_the_format(
    runner: CliRunner, args: list[str]
) -> None:
    result = runner.invoke(cli, _on_case(args, "--year", "2027", "--lang", "sv"))

    assert result.exit_code == 0, result.output
    shown = shown_path(CASE.absolute(), Path.cwd())
    assert result.stderr == (
        f"fundgap: varning: {shown}: Inga finansieringsbeslut för 2027 har ännu förts in i "
        "materialet (inget beslut börjar år 2027): bara understöd från tidigare år som löper in "
        "i 2027 räknas, och inga nedskärningar i finansieringen kan upptäckas.\n"
    )
    recorded = runner.invoke(cli, _on_case(args, "--year", "2025"))
    assert recorded.stderr == ""


STEA_2027 = "pirha-klubitalo-nasinselka;STEA;1.1.2027;31.12.2027;200000;grant;STEA 27"


def _examples_with(tmp_path: Path, row: str) -> Path:
    """A copy of the example collection with ``row`` added to Pirkanmaa's funding."""
    collection = tmp_path / "collection"
    shutil.copytree(example_path(), collection)
    with (collection / "pirkanmaa" / "funding.csv").open("a", encoding="utf-8") as funding:
        funding.write(row + "\n")
    return collection


def test_in_a_collection_each_dataset_records_its_own_years(
    runner: CliRunner, tmp_path: Path
) -> None:
    collection = _examples_with(tmp_path, STEA_2027)
    report = fundgap.analyse(fundgap.load(collection), year=2027, as_of=date(2027, 1, 1))

    # Pirkanmaa records 2027 (one STEA decision), so its grants that drop to zero are cuts;
    # the other three datasets record nothing for 2027: none of their rows is cut
    others = ("Helsinki", "Kainuu", "Länsi-Uusimaa")
    assert report.not_recorded == others
    assert not report.funding_recorded
    assert not report.wholly_unrecorded
    by_county = {
        county: any(row.cuts for row in report.rows if county in map(str, row.counties))
        for county in ("08", "03", "20", "90")
    }
    assert by_county == {"08": True, "03": False, "20": False, "90": False}
    assert {r.unrecorded_in for r in report.rows if "08" in map(str, r.counties)} == {None}

    result = runner.invoke(cli, ["report", str(collection), "--year", "2027", "--format", "json"])
    document = json.loads(result.stdout)
    assert (document["funding_recorded"], document["funding_not_recorded_in"]) == (
        False,
        list(others),
    )
    note = (
        "No funding decision for 2027 is recorded yet in: Helsinki, Kainuu, "
        "Länsi-Uusimaa (none starts in 2027). There only grants for earlier years that "
        "run into 2027 count, and no funding cut can be seen."
    )
    assert note in result.stderr
    text = runner.invoke(cli, ["report", str(collection), "--year", "2027"]).stdout
    assert text.count(note) == 2  # in the summary and in the section on cuts


def test_explain_and_filters_name_only_the_datasets_they_show(
    runner: CliRunner, tmp_path: Path
) -> None:
    collection = _examples_with(tmp_path, STEA_2027)
    year = ["--year", "2027", "--as-of", "2027-01-01"]

    kainuu = runner.invoke(cli, ["explain", "kainuu-omahoito-kuhmo", str(collection), *year])
    assert "recorded yet in: Kainuu (none starts in 2027)" in kainuu.stdout
    assert "recorded yet in: Kainuu (none starts in 2027)" in kainuu.stderr
    pirkanmaa = runner.invoke(
        cli, ["explain", "pirha-klubitalo-nasinselka", str(collection), *year]
    )
    assert "recorded" not in pirkanmaa.stdout + pirkanmaa.stderr
    only = runner.invoke(
        cli, ["gaps", str(collection), *year, "--county", "Pirkanmaa", "--format", "json"]
    )
    assert json.loads(only.stdout)["funding_not_recorded_in"] == []
    assert only.stderr == ""


@pytest.mark.parametrize(
    ("decision", "recorded"),
    [
        # a foundation's winter grant that runs into 2027 is no decision for 2027
        (
            "pirha-olohuone-sastamala;Sirpa ja Väinö Säätiö;1.11.2026;31.1.2027;3000;grant;Talvi",
            False,
        ),
        # nor is a two-year grant from 2026, though it funds 2027
        ("pirha-olohuone-sastamala;STEA;1.1.2026;31.12.2027;20000;grant;STEA Ak 2026-27", False),
        # a decision that starts in 2027 is, for any service of the dataset
        ("pirha-olohuone-sastamala;Sastamala;1.2.2027;31.3.2027;100;grant;Kh 2027", True),
    ],
)
def test_a_year_is_recorded_by_a_decision_that_starts_in_it(
    tmp_path: Path, decision: str, recorded: bool
) -> None:
    dataset = tmp_path / "pirkanmaa"
    shutil.copytree(example_path() / "pirkanmaa", dataset)
    with (dataset / "funding.csv").open("a", encoding="utf-8") as funding:
        funding.write(decision + "\n")
    report = fundgap.analyse(fundgap.load(dataset), year=2027, as_of=date(2027, 1, 1))

    assert report.funding_recorded is recorded
    assert (report.totals.by_flag.get("cut", 0) > 0) is recorded
    row = report.row("pirha-olohuone-sastamala")
    assert row.funded > 0  # the decision counts in 2027 whether or not it records the year


def test_a_decision_in_another_datasets_file_records_the_year_for_its_service(
    tmp_path: Path,
) -> None:
    collection = _examples_with(
        tmp_path, "kainuu-kriisikeskus;STEA;1.1.2027;31.12.2027;1000;grant;S"
    )
    report = fundgap.analyse(fundgap.load(collection), year=2027, as_of=date(2027, 1, 1))

    # the decision is Kainuu's service's, wherever it is written: Kainuu records 2027
    assert report.not_recorded == ("Helsinki", "Länsi-Uusimaa", "Pirkanmaa")
