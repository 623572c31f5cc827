"""The limits of SPEC §4 and §8: each value beyond one is refused with a message that names it
(for a data file: the file, line and key), through the library and the CLI, and never crashes."""

from __future__ import annotations

from datetime import date

import attrs
import pytest
from click.testing import CliRunner

import fundgap
from fundgap.errors import UsageError
from fundgap_cli import cli
from tests.conftest import DatasetWriter

# -- the analysis: year, as-of day and horizon ------------------------------------------------

YEAR_RANGE = "expected a year from 2000 to 2100"


@pytest.mark.parametrize("year", [-1, 0, 1, 1999, 2101, 10000])
def test_analyse_refuses_a_year_outside_2000_to_2100(
    write_dataset: DatasetWriter, year: int
) -> None:
    dataset = fundgap.load(write_dataset())

    with pytest.raises(UsageError) as caught:
        fundgap.analyse(dataset, year=year)

    assert str(caught.value) == (
        f"the year asked for, {year}, is outside the years fundgap analyses; {YEAR_RANGE}"
    )


def test_explain_refuses_a_year_outside_the_range(write_dataset: DatasetWriter) -> None:
    dataset = fundgap.load(write_dataset())

    with pytest.raises(UsageError, match=YEAR_RANGE):
        fundgap.explain(dataset, "tre-klubitalo", year=0)


def test_a_default_year_outside_the_range_is_refused_by_the_analysis(
    write_dataset: DatasetWriter,
) -> None:
    """A Dataset that a program built itself is checked too, not only what the loader read."""
    dataset = attrs.evolve(fundgap.load(write_dataset()), default_year=1999)

    with pytest.raises(UsageError) as caught:
        fundgap.analyse(dataset)

    assert str(caught.value) == (
        f"the dataset's default_year, 1999, is outside the years fundgap analyses; {YEAR_RANGE}"
    )


def test_the_year_of_the_as_of_day_must_be_in_the_range(write_dataset: DatasetWriter) -> None:
    dataset = fundgap.load(write_dataset({"fundgap.toml": 'name = "No default year"\n'}))

    with pytest.raises(UsageError) as caught:
        fundgap.analyse(dataset, as_of=date(1950, 6, 1))

    assert str(caught.value) == (
        "the year of the as-of day 1950-06-01, 1950, is outside the years fundgap analyses; "
        f"{YEAR_RANGE}"
    )


@pytest.mark.parametrize("day", [date(1, 1, 1), date(1899, 12, 31), date(2101, 1, 1), date.max])
def test_analyse_refuses_an_as_of_day_outside_1900_to_2100(
    write_dataset: DatasetWriter, day: date
) -> None:
    dataset = fundgap.load(write_dataset())

    with pytest.raises(UsageError) as caught:
        fundgap.analyse(dataset, as_of=day)

    assert str(caught.value) == (
        f"the as-of day {day.isoformat()} is outside the days fundgap reads; "
        "expected a day from 1900-01-01 to 2100-12-31"
    )


@pytest.mark.parametrize("months", [-1, 0, 121, 100_000])
def test_analyse_refuses_a_horizon_outside_1_to_120_months(
    write_dataset: DatasetWriter, months: int
) -> None:
    dataset = fundgap.load(write_dataset())

    with pytest.raises(UsageError) as caught:
        fundgap.analyse(dataset, horizon_months=months)

    assert str(caught.value) == f"the horizon is {months} months; expected 1 to 120 months"


@pytest.mark.parametrize(
    ("year", "as_of"),
    [(2000, date(1900, 1, 1)), (2100, date(2100, 12, 31)), (2100, date(1900, 1, 1))],
)
def test_the_edges_of_the_ranges_are_analysed(
    write_dataset: DatasetWriter, year: int, as_of: date
) -> None:
    """An agreement from the first day to the last, with the most notice and indexation, for a
    service active since always (``date.min`` inside) and a look-ahead past 2100."""
    agreement_to_2100 = (
        "id = 'a'\ntitle = 'A'\nstatus = 'signed'\ncounty = 'Pirkanmaa'\n"
        "municipalities = ['Tampere', 'Nokia']\nvalid_from = 1900-01-01\n"
        "valid_until = 2100-12-31\nnotice_months = 120\nindexation_percent = 20\n"
        "[[clauses]]\nid = 'K1'\ncategories = ['clubhouse']\ncounty_share = 60\n"
        "municipality_share = 40\nannual_cap = 1000000000\n"
    )
    dataset = fundgap.load(write_dataset({"agreements/to-2100.toml": agreement_to_2100}))

    report = fundgap.analyse(dataset, year=year, as_of=as_of, horizon_months=120)
    explanation = fundgap.explain(dataset, "tre-klubitalo", year=year, as_of=as_of)

    assert report.year == year
    assert explanation.to_dict()["year"] == year


@pytest.mark.parametrize("command", ["gaps", "report", "explain"])
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "0"], "Invalid value for '--year': 0 is not in the range 2000<=x<=2100."),
        (["--year", "-1"], "Invalid value for '--year': -1 is not in the range 2000<=x<=2100."),
        (["--year", "1"], "Invalid value for '--year': 1 is not in the range 2000<=x<=2100."),
        (
            ["--year", "10000"],
            "Invalid value for '--year': 10000 is not in the range 2000<=x<=2100.",
        ),
        (
            ["--as-of", "9999-12-31"],
            "Invalid value for '--as-of': '9999-12-31' is outside the days fundgap reads; "
            "expected a day from 1900-01-01 to 2100-12-31",
        ),
        (
            ["--as-of", "31.12.1899"],
            "Invalid value for '--as-of': '31.12.1899' is outside the days fundgap reads; "
            "expected a day from 1900-01-01 to 2100-12-31",
        ),
        (
            ["--horizon", "100000"],
            "Invalid value for '--horizon': 100000 is not in the range 1<=x<=120.",
        ),
        (["--horizon", "0"], "Invalid value for '--horizon': 0 is not in the range 1<=x<=120."),
    ],
)
def test_the_cli_refuses_options_outside_the_ranges(
    runner: CliRunner, write_dataset: DatasetWriter, command: str, args: list[str], message: str
) -> None:
    service = ["tre-klubitalo"] if command == "explain" else []
    result = runner.invoke(cli, [command, *service, str(write_dataset()), *args])

    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_the_registry_refuses_an_as_of_day_outside_the_range(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["registry", "--as-of", "1.1.2101"])

    assert result.exit_code == 2
    assert "'1.1.2101' is outside the days fundgap reads" in result.stderr


@pytest.mark.parametrize("command", ["gaps", "report", "explain"])
def test_the_cli_analyses_at_the_edges_of_the_ranges(
    runner: CliRunner, write_dataset: DatasetWriter, command: str
) -> None:
    service = ["tre-klubitalo"] if command == "explain" else []
    edges = ["--year", "2100", "--as-of", "2100-12-31", "--horizon", "120"]
    result = runner.invoke(cli, [command, *service, str(write_dataset()), *edges])

    assert result.exit_code == 0, result.stderr
