"""The limits of SPEC §4 and §8: each value beyond one is refused with a message that names it
(for a data file: the file, line and key), through the library and the CLI, and never crashes."""

from __future__ import annotations

import json
import tomllib
from datetime import date

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import fundgap
from fundgap.errors import UsageError
from fundgap.loading._toml import nesting
from fundgap_cli import cli
from tests.conftest import AGREEMENT, MANIFEST, SERVICES, DatasetWriter, only_problem

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


# -- TOML: nesting, and numbers too long to read ----------------------------------------------

DEEP = "at most 100 levels of [ ] and { } one inside another"


def nested(depth: int, inline_tables: bool = False) -> str:
    if inline_tables:
        return "{ a = " * depth + "1" + " }" * depth
    return "[" * depth + "1" + "]" * depth


@pytest.mark.parametrize("inline_tables", [False, True])
@pytest.mark.parametrize("depth", [101, 900, 100_000])
def test_toml_nested_deeper_than_100_levels_is_refused_before_it_is_parsed(
    write_dataset: DatasetWriter, depth: int, inline_tables: bool
) -> None:
    """900 levels made tomllib exhaust Python's stack (RecursionError, exit 3)."""
    manifest = f'name = "Deep"\ndefault_year = 2025\nextra = {nested(depth, inline_tables)}\n'
    root = write_dataset({"fundgap.toml": manifest})

    problem = only_problem(root)

    assert str(problem) == (
        f"{root.as_posix()}/fundgap.toml:3: extra: nests arrays or inline tables more than 100 "
        f"levels deep; expected {DEEP}"
    )


def test_toml_nested_100_levels_is_parsed(write_dataset: DatasetWriter) -> None:
    manifest = f'name = "Deep"\nextra = {nested(100)}\n'

    problem = only_problem(write_dataset({"fundgap.toml": manifest}))

    assert problem.message == "is not a known key"  # parsed, and then checked as usual


def test_the_key_of_a_value_too_deep_is_its_whole_path(write_dataset: DatasetWriter) -> None:
    services = SERVICES.replace('["Tampere", "Nokia"]', "[" * 150 + "]" * 150)
    root = write_dataset({"services.toml": services})

    problem = only_problem(root)

    assert (
        str(problem.location) == f"{root.as_posix()}/services.toml:11: services[0].municipalities"
    )


@pytest.mark.parametrize(
    "where",
    [
        'description = "' + "[{" * 500 + '"',
        "description = '" + "[" * 500 + "'",
        'description = """\n' + "[" * 500 + '\n"' + "[" * 500 + '"""',
        "description = '''\n" + "[" * 500 + "\n''" + "[" * 500 + "''" + "'",
        "# " + "[" * 1000 + "\ndescription = 'A comment of brackets'",
        'description = "\\"' + "[" * 500 + '"',
    ],
)
def test_brackets_in_strings_and_comments_nest_nothing(
    write_dataset: DatasetWriter, where: str
) -> None:
    dataset = fundgap.load(write_dataset({"fundgap.toml": f'name = "Strings"\n{where}\n'}))

    assert dataset.name == "Strings"


def test_closing_brackets_in_strings_do_not_hide_deep_nesting(
    write_dataset: DatasetWriter,
) -> None:
    """Each level holds a string of closing brackets, which a count of all brackets would take
    for the end of the levels."""
    value = '["]]]", ' * 300 + "1" + "]" * 300
    root = write_dataset({"fundgap.toml": f'name = "Tricky"\nextra = {value}\n'})

    assert only_problem(root).message == ("nests arrays or inline tables more than 100 levels deep")


def toml_string(text: str, form: int) -> str:
    """``text`` as one of TOML's four kinds of string (falling back to a basic one)."""
    if form == 1 and "'" not in text and "\n" not in text and "\r" not in text:
        return f"'{text}'"
    if form == 2 and "'''" not in text and not text.endswith("'") and "\r" not in text:
        return f"'''{text}'''"
    escaped = json.dumps(text, ensure_ascii=False).replace("\\/", "/")
    if form == 3:
        return '"""' + escaped[1:-1] + '"""'
    return escaped


# A value: text with one of the forms of toml_string, or a list of values in an array or table.
Value = tuple[str, int] | tuple[str, list["Value"]]
toml_values: st.SearchStrategy[Value] = st.recursive(
    st.tuples(st.text(alphabet="[]{}\"'#\\ \nx,=", max_size=8), st.integers(0, 3)),
    lambda children: st.tuples(st.sampled_from(["array", "table"]), st.lists(children, max_size=3)),
    max_leaves=12,
)


def dumped(value: Value) -> str:
    kind, content = value
    if isinstance(content, int):
        return toml_string(kind, content)
    items = [dumped(item) for item in content]
    if kind == "array":
        return "[" + ", ".join(items) + "]"
    return "{" + ", ".join(f"k{i} = {item}" for i, item in enumerate(items)) + "}"


def depth_of(value: object) -> int:
    if isinstance(value, list):
        return 1 + max(map(depth_of, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(depth_of, value.values()), default=0)
    return 0


@given(toml_values, st.text(alphabet="[]{}\"' x", max_size=10))
def test_the_scan_measures_what_tomllib_nests(value: Value, comment: str) -> None:
    text = f"# {comment}\nvalue = {dumped(value)} # {comment}\n"

    document = tomllib.loads(text)

    assert nesting(text) == depth_of(document["value"])


@pytest.mark.parametrize(
    ("file", "replace", "line", "key"),
    [
        ("fundgap.toml", 'name = "Test dataset"', 1, "name"),
        ("services.toml", "annual_cost = 420000", 12, "services[0].annual_cost"),
        ("agreements/pirha-2025.toml", "notice_months = 6", 8, "notice_months"),
    ],
)
def test_a_whole_number_too_long_to_read_is_refused_at_its_key(
    write_dataset: DatasetWriter, file: str, replace: str, line: int, key: str
) -> None:
    """tomllib reads whole numbers with int(), which refuses more than 4 300 digits."""
    texts = {
        "fundgap.toml": MANIFEST,
        "services.toml": SERVICES,
        "agreements/pirha-2025.toml": AGREEMENT,
    }
    written = texts[file].replace(replace, replace.partition(" = ")[0] + " = " + "1" * 5000)
    root = write_dataset({file: written})

    problem = only_problem(root)

    assert str(problem) == (
        f"{root.as_posix()}/{file}:{line}: {key}: is a whole number of 5000 digits, too long "
        "to be read; expected text in quotes, or a number of a few digits such as 150000"
    )


def test_the_cli_refuses_deep_toml_with_exit_2(
    runner: CliRunner, write_dataset: DatasetWriter
) -> None:
    root = write_dataset({"categories.toml": f"a = {nested(900)}\n"})

    result = runner.invoke(cli, ["validate", str(root)])

    assert result.exit_code == 2
    assert f"{root.as_posix()}/categories.toml:1: a: nests arrays" in result.stderr
    assert "Traceback" not in result.stderr
