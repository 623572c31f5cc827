"""The limits of SPEC §4 and §8: each value beyond one is refused with a message that names it
(for a data file: the file, line and key), through the library and the CLI, and never crashes."""

from __future__ import annotations

import json
import sys
import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import fundgap
from fundgap.errors import UsageError
from fundgap.loading._toml import nesting
from fundgap_cli import cli
from tests.conftest import (
    AGREEMENT,
    FUNDING,
    MANIFEST,
    SERVICES,
    DatasetWriter,
    fundgap_process,
    only_problem,
    problems_of,
    write_files,
)

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
TOML = "TOML as in docs/format.md: key = value, strings in quotes, dates like 2025-01-01"


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

    assert str(problem.message) == "is not a known key"  # parsed, and then checked as usual


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

    assert str(only_problem(root).message) == (
        "nests arrays or inline tables more than 100 levels deep"
    )


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
    st.tuples(st.text(alphabet="[]{}\"'#\\ \nxä1,=.\t", max_size=8), st.integers(0, 3)),
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


def dotted(parts: int, part: str = "k", dot: str = ".") -> str:
    return dot.join([part] * parts)


MANY_PARTS = "a dotted key of at most 100 parts"
BASIC, LITERAL = '"k"', "'k.k'"  # quoted parts of a key, the second with a dot

# A dotted key in each place one is written: the file, its text with the key of `parts` parts,
# and the line and key path of the key.
DOTTED_KEYS = [
    pytest.param("fundgap.toml", lambda parts: f"{MANIFEST}{dotted(parts)} = 1\n", 3, "", id="key"),
    pytest.param("fundgap.toml", lambda parts: f"{MANIFEST}[{dotted(parts)}]\n", 3, "", id="table"),
    pytest.param(
        "services.toml",
        lambda parts: f"{SERVICES}\n[[ {dotted(parts, dot=' . ')} ]]\n",
        14,
        "",
        id="array-of-tables",
    ),
    pytest.param(
        "services.toml",
        lambda parts: SERVICES.replace("annual_cost", dotted(parts, BASIC) + " = 1\nannual_cost"),
        12,
        "services[0]",
        id="quoted-key-in-a-table",
    ),
    pytest.param(
        "agreements/pirha-2025.toml",
        lambda parts: AGREEMENT + "extra = { " + dotted(parts, LITERAL, " .") + " = 1 }\n",
        15,
        "clauses[0].extra",
        id="inline-table",
    ),
]


@pytest.mark.parametrize(("file", "text", "line", "key"), DOTTED_KEYS)
def test_a_dotted_key_of_more_than_100_parts_is_refused_before_it_is_parsed(
    write_dataset: DatasetWriter, file: str, text: Callable[[int], str], line: int, key: str
) -> None:
    """tomllib took time and memory that grow with the square of a key's parts: 40 000 parts
    (80 KB) took 17 s and 6 GB, a table header of 100 000 parts 42 s."""
    root = write_dataset({file: text(101)})

    problem = only_problem(root)

    where = f"{root.as_posix()}/{file}:{line}: {key + ': ' if key else ''}"
    assert str(problem) == (
        f"{where}nests tables more than 100 levels deep: a dotted key of 101 parts; "
        f"expected {MANY_PARTS}"
    )


@pytest.mark.parametrize(("file", "text", "line", "key"), DOTTED_KEYS)
def test_a_dotted_key_of_100_parts_is_parsed(
    write_dataset: DatasetWriter, file: str, text: Callable[[int], str], line: int, key: str
) -> None:
    problem = only_problem(write_dataset({file: text(100)}))

    assert str(problem.message).startswith(
        "is not a known key"
    )  # parsed, and then checked as usual
    assert problem.location.line == line


def test_dots_in_strings_comments_and_numbers_are_no_parts_of_a_key(
    write_dataset: DatasetWriter,
) -> None:
    services = SERVICES.replace(
        "annual_cost = 420000",
        f"annual_cost = 420000.50 # {dotted(200)}\nname = '{dotted(200)}' # {dotted(200, BASIC)}\n",
    ).replace('name = "Klubitalo Tampere"\n', "")
    manifest = f'name = "{dotted(200, "k.")}"\ndescription = """\n{dotted(200)} = 1\n"""\n'
    dataset = fundgap.load(write_dataset({"fundgap.toml": manifest, "services.toml": services}))

    assert dataset.name == dotted(200, "k.")
    assert dataset.services["tre-klubitalo"].name == dotted(200)


def test_hostile_dotted_keys_take_time_that_grows_with_their_length_only(
    write_dataset: DatasetWriter,
) -> None:
    """Lines of a million characters: a key, a table header and an inline table of 500 000
    parts each, a key of quoted parts and spaces, a line of dots and one of spaces. In a
    process of its own, with a timeout."""
    million = 1_000_000
    root = write_dataset(
        {
            "categories.toml": "a." * (million // 2) + "a = 1\n",
            "agreements/header.toml": "[" + "a." * (million // 2) + "a]\n",
            "agreements/inline.toml": "x = {" + "a." * (million // 2) + "a = 1}\n",
            "agreements/quoted.toml": '"a" . ' * (million // 6) + '"a" = 1\n',
            "agreements/dots.toml": "." * million + "\n",
            "agreements/spaces.toml": "x =" + " " * million + "\n",
        }
    )

    result = fundgap_process("validate", str(root))

    deep = "nests tables more than 100 levels deep: a dotted key of"
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines()[1:] == [
        f"  {root.as_posix()}/{line}"
        for line in [
            f"agreements/dots.toml:1: is not valid TOML: invalid statement; expected {TOML}",
            f"agreements/header.toml:1: {deep} 500001 parts; expected {MANY_PARTS}",
            f"agreements/inline.toml:1: x: {deep} 500001 parts; expected {MANY_PARTS}",
            f"agreements/quoted.toml:1: {deep} 166667 parts; expected {MANY_PARTS}",
            f"agreements/spaces.toml:1: is not valid TOML: invalid value; expected {TOML}",
            f"categories.toml:1: {deep} 500001 parts; expected {MANY_PARTS}",
        ]
    ]


# Dotted-key parts in the whole of one file: each part after a key's or header's first.
ALL_PARTS = (
    "has more than 100,000 dotted-key parts in all (each part after the first of a dotted key or "
    "table header: a.b.c has 2); expected at most 100,000 in one file; a dataset written by hand "
    "or by a program has a few dozen"
)


def with_parts(total: int) -> str:
    """A manifest whose table ``extra`` has ``total`` dotted-key parts, at most 100 to a key: a
    header of 2 parts, keys of 100 (with dots in their values and comments, which do not
    count) and then keys of a quoted part with dots in it and one more (1 each)."""
    lines = [MANIFEST, "[extra.x]\n"]
    total -= 1
    lines += [f"k{n}.{dotted(99, 'a')} = 1.5 # a.b.c\n" for n in range(total // 99)]
    lines += [f"\"q.u.o.t.e.d\".m{n} = 'v.a.l'\n" for n in range(total % 99)]
    return "".join(lines)


def test_a_file_of_100_000_dotted_key_parts_is_parsed(write_dataset: DatasetWriter) -> None:
    problem = only_problem(write_dataset({"fundgap.toml": with_parts(100_000)}))

    assert str(problem.message).startswith(
        "is not a known key"
    )  # parsed, and then checked as usual
    assert problem.location.path == "extra"


def test_one_dotted_key_part_past_100_000_in_a_file_is_refused_at_its_line(
    write_dataset: DatasetWriter,
) -> None:
    """tomllib builds a table for each part, with bookkeeping of some 700 bytes: 20 000 keys of
    99 parts (4 MB) took 15 s and 1.5 GB, and a file of 100 MB would have ended in a kill."""
    text = with_parts(100_001)
    root = write_dataset({"fundgap.toml": text})

    problem = only_problem(root)

    line = text.count("\n")  # the last: "q.u.o.t.e.d".m9 = 'v.a.l'
    assert str(problem) == (
        f'{root.as_posix()}/fundgap.toml:{line}: extra.x."q.u.o.t.e.d".m9: {ALL_PARTS}'
    )


def test_dots_in_numbers_strings_comments_and_array_elements_are_no_dotted_key_parts(
    write_dataset: DatasetWriter,
) -> None:
    """Over 100 000 dots, none in a key: in numbers and dates, in strings and comments, and in
    an array's elements alone on their lines (``[1.5]``), which look like table headers."""
    element = "[1.5] # a.b\n, 'c.d', \"e.f\", 2.5, 1979-05-27T00:32:00.999999, [[1.5]]\n,"
    manifest = f"{MANIFEST}extra = [\n{element * 17_000}[1.5]\n]\n"
    assert manifest.count(".") > 100_000

    problem = only_problem(write_dataset({"fundgap.toml": manifest}))

    assert str(problem.message).startswith("is not a known key")
    assert problem.location.path == "extra"


@pytest.mark.skipif(sys.platform == "win32", reason="needs resource.setrlimit (Unix)")
def test_many_long_dotted_keys_are_refused_in_little_memory(
    write_dataset: DatasetWriter,
) -> None:
    """20 000 keys of 99 parts, 4 MB: validate took 15 s and 1.5 GB, at 100 MB some 37 GB.
    In a process of its own, with a timeout, that may use at most 512 MB of memory."""
    lines = [f"k{n}.{dotted(98, 'a')} = 1\n" for n in range(20_000)]
    root = write_dataset({"categories.toml": "".join(lines)})

    def at_most_512_mb() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (512 * 2**20, 512 * 2**20))

    result = fundgap_process("validate", str(root), preexec_fn=at_most_512_mb)

    assert result.returncode == 2, result.stderr
    passing = 100_000 // 98 + 1  # the first line past the limit
    assert result.stderr.splitlines()[1:] == [
        f"  {root.as_posix()}/categories.toml:{passing}: k{passing - 1}.{dotted(98, 'a')}: "
        f"{ALL_PARTS}"
    ]


# -- values in the data files -----------------------------------------------------------------


def with_line(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


BILLION = "1,000,000,000"
BILLION_EUROS = "€1,000,000,000.00"


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("1000000001", "1000000001"),
        ("1e400", "1E+400"),
        ("1" + "0" * 30, "1" + "0" * 30),
    ],
)
def test_an_annual_cost_over_a_billion_is_refused(
    write_dataset: DatasetWriter, written: str, shown: str
) -> None:
    """1e400 and 10**30 ended in an internal error (InvalidOperation) in the analysis."""
    root = write_dataset(
        {"services.toml": with_line(SERVICES, "annual_cost = 420000", f"annual_cost = {written}")}
    )

    problem = only_problem(root)

    assert str(problem) == (
        f"{root.as_posix()}/services.toml:12: services[0].annual_cost: is {shown}, more than "
        f"{BILLION}; expected the need in euros a year, at most {BILLION}"
    )


def test_an_annual_cap_over_a_billion_is_refused(write_dataset: DatasetWriter) -> None:
    agreement = AGREEMENT + "annual_cap = 1e10\n"
    root = write_dataset({"agreements/pirha-2025.toml": agreement})

    problem = only_problem(root)

    assert str(problem) == (
        f"{root.as_posix()}/agreements/pirha-2025.toml:15: clauses[0].annual_cap: is 1E+10, more "
        f"than {BILLION}; expected euros a year, at most {BILLION}"
    )


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("1 000 000 000,01 €", "1 000 000 000,01 €"),
        ("1" * 29, "1" * 29),
        ("99999999999999999999999999999999999999999,99", "9" * 41 + ",99"),
    ],
)
def test_a_funding_amount_over_a_billion_is_refused(
    write_dataset: DatasetWriter, written: str, shown: str
) -> None:
    """A 29-digit amount ended in an internal error (InvalidOperation) in the analysis."""
    root = write_dataset({"funding.csv": with_line(FUNDING, "80000", written)})

    problem = only_problem(root)

    assert str(problem) == (
        f"{root.as_posix()}/funding.csv:3: amount: is {shown}, more than {BILLION_EUROS}; "
        f"expected an amount of at most {BILLION_EUROS}"
    )


def test_a_billion_itself_is_accepted_everywhere(write_dataset: DatasetWriter) -> None:
    services = with_line(SERVICES, "annual_cost = 420000", "annual_cost = 1_000_000_000")
    services = with_line(
        services, '["Tampere", "Nokia"]', "{ Tampere = 1000000000, Nokia = 0.00000000000000000001 }"
    )
    root = write_dataset(
        {
            "services.toml": services,
            "agreements/pirha-2025.toml": AGREEMENT + "annual_cap = 1000000000\n",
            "funding.csv": with_line(FUNDING, "80000", "1 000 000 000,00 €"),
        }
    )

    dataset = fundgap.load(root)

    assert dataset.services["tre-klubitalo"].annual_cost == 1_000_000_000


def test_a_weight_over_a_billion_is_refused(write_dataset: DatasetWriter) -> None:
    services = with_line(SERVICES, '["Tampere", "Nokia"]', "{ Tampere = 2e9, Nokia = 1 }")
    root = write_dataset({"services.toml": services})

    problem = only_problem(root)

    assert str(problem) == (
        f"{root.as_posix()}/services.toml:11: services[0].municipalities.Tampere: weight is 2E+9, "
        f"more than {BILLION}; expected a weight from 0 to {BILLION}"
    )


@pytest.mark.parametrize(
    ("file", "old", "new", "line", "key", "shown", "decimals"),
    [
        (
            "services.toml",
            '["Tampere", "Nokia"]',
            "{ Tampere = 1e-2000000, Nokia = 1 }",
            11,
            "services[0].municipalities.Tampere",
            "1E-2000000",
            2000000,
        ),
        (
            "services.toml",
            "annual_cost = 420000",
            "annual_cost = 0.000000000000000000001",
            12,
            "services[0].annual_cost",
            "1E-21",
            21,
        ),
        (
            "agreements/pirha-2025.toml",
            "county_share = 60",
            "county_share = 33.33333333333333333333333",
            13,
            "clauses[0].county_share",
            "33.33333333333333333333333",
            23,
        ),
    ],
)
def test_a_number_with_more_than_20_decimals_is_refused(
    write_dataset: DatasetWriter,
    file: str,
    old: str,
    new: str,
    line: int,
    key: str,
    shown: str,
    decimals: int,
) -> None:
    """Weights of 1e-2000000 added up to zero in the arithmetic (ValueError, exit 3)."""
    texts = {"services.toml": SERVICES, "agreements/pirha-2025.toml": AGREEMENT}
    root = write_dataset({file: with_line(texts[file], old, new)})

    problem = only_problem(root)

    assert str(problem) == (
        f"{root.as_posix()}/{file}:{line}: {key}: is {shown}, which has {decimals} decimals, more "
        "than 20; expected a number with at most 20 decimals, e.g. 150000 or 12.5"
    )


@pytest.mark.parametrize(
    ("old", "new", "line", "key", "message", "expected"),
    [
        (
            "notice_months = 6",
            "notice_months = 121",
            8,
            "notice_months",
            "is 121, more than 120",
            "0 to 120 months",
        ),
        (
            "notice_months = 6",
            "notice_months = 1000000000",
            8,
            "notice_months",
            "is 1000000000, more than 120",
            "0 to 120 months",
        ),
        (
            "notice_months = 6",
            "indexation_percent = 20.5",
            8,
            "indexation_percent",
            "is 20.5, more than 20",
            "0 to 20 percent a year",
        ),
        (
            "valid_until = 2025-12-31",
            "valid_until = 9999-12-31",
            7,
            "valid_until",
            "is 9999-12-31, after 2100-12-31",
            "a date from 1900-01-01 to 2100-12-31",
        ),
        (
            "valid_from = 2025-01-01",
            "valid_from = 1899-12-31",
            6,
            "valid_from",
            "is 1899-12-31, before 1900-01-01",
            "a date from 1900-01-01 to 2100-12-31",
        ),
        (
            "municipality_share = 40",
            "municipality_share = 40\nvalid_until = 2101-01-01",
            15,
            "clauses[0].valid_until",
            "is 2101-01-01, after 2100-12-31",
            "a date from 1900-01-01 to 2100-12-31",
        ),
    ],
)
def test_agreement_values_beyond_their_limits_are_refused(
    write_dataset: DatasetWriter,
    old: str,
    new: str,
    line: int,
    key: str,
    message: str,
    expected: str,
) -> None:
    """notice_months = 10**9 and valid_until = 9999-12-31 ended in OverflowError (exit 3)."""
    root = write_dataset({"agreements/pirha-2025.toml": with_line(AGREEMENT, old, new)})

    problem = only_problem(root)

    assert str(problem) == (
        f"{root.as_posix()}/agreements/pirha-2025.toml:{line}: {key}: {message}; "
        f"expected {expected}"
    )


def test_far_dates_and_notice_together_are_each_reported(write_dataset: DatasetWriter) -> None:
    agreement = with_line(AGREEMENT, "2025-12-31", "9999-12-31")
    agreement = with_line(agreement, "notice_months = 6", "notice_months = 1000000000")
    root = write_dataset({"agreements/pirha-2025.toml": agreement})

    assert [p.location.path for p in problems_of(root)] == ["valid_until", "notice_months"]


def test_a_service_date_beyond_the_limits_is_refused(write_dataset: DatasetWriter) -> None:
    services = SERVICES + "active_from = 0001-01-01\n"
    root = write_dataset({"services.toml": services})

    problem = only_problem(root)

    assert str(problem) == (
        f"{root.as_posix()}/services.toml:13: services[0].active_from: is 0001-01-01, before "
        "1900-01-01; expected a date from 1900-01-01 to 2100-12-31"
    )


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("31.12.9999", "'31.12.9999' is after 2100-12-31"),
        ("2101-01-01", "'2101-01-01' is after 2100-12-31"),
        ("1899-12-31 00:00:00", "'1899-12-31 00:00:00' is before 1900-01-01"),
    ],
)
def test_a_funding_date_beyond_the_limits_is_refused(
    write_dataset: DatasetWriter, written: str, message: str
) -> None:
    column = "start" if written.startswith("1899") else "end"
    start, end = (written, "2025-12-31") if column == "start" else ("2025-01-01", written)
    root = write_dataset(
        {
            "funding.csv": with_line(
                FUNDING, "Tampere;2025-01-01;2025-12-31", f"Tampere;{start};{end}"
            )
        }
    )

    problem = only_problem(root)

    assert str(problem) == (
        f"{root.as_posix()}/funding.csv:3: {column}: {message}; expected a date from 1900-01-01 to "
        "2100-12-31"
    )


def test_the_leap_day_of_2100_is_no_date(write_dataset: DatasetWriter) -> None:
    root = write_dataset({"funding.csv": with_line(FUNDING, "31.12.2025", "29.2.2100")})

    problem = only_problem(root)

    assert (
        str(problem.message)
        == "'29.2.2100' is not a date: 2100 has no 29 February (it is not a leap year)"
    )


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('name = "Klubitalo Tampere"', f'name = "{"x" * 100_001}"', "services[0].name"),
        ('"Nokia"]', f'"{"x" * 100_001}"]', "services[0].municipalities[1]"),
    ],
)
def test_a_toml_text_over_100_000_characters_is_refused(
    write_dataset: DatasetWriter, old: str, new: str, key: str
) -> None:
    root = write_dataset({"services.toml": with_line(SERVICES, old, new)})

    problem = only_problem(root)

    assert problem.location.path == key
    assert str(problem).endswith(
        "has 100,001 characters, more than 100,000; expected text of at most 100,000 characters"
    )


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"services.toml": with_line(SERVICES, "annual_cost = 420000", "annual_cost = 1e400")},
            "services[0].annual_cost: is 1E+400, more than 1,000,000,000",
        ),
        (
            {"funding.csv": with_line(FUNDING, "80000", "1" * 29)},
            "amount: is 11111111111111111111111111111, more than €1,000,000,000.00",
        ),
        (
            {
                "agreements/pirha-2025.toml": with_line(
                    with_line(AGREEMENT, "2025-12-31", "9999-12-31"),
                    "notice_months = 6",
                    "notice_months = 1000000000",
                )
            },
            "notice_months: is 1000000000, more than 120",
        ),
    ],
)
@pytest.mark.parametrize("command", ["validate", "gaps", "report"])
def test_the_cli_reports_values_beyond_the_limits_with_exit_2(
    runner: CliRunner,
    write_dataset: DatasetWriter,
    files: dict[str, str],
    message: str,
    command: str,
) -> None:
    result = runner.invoke(cli, [command, str(write_dataset(files))])

    assert result.exit_code == 2
    assert message in result.stderr
    assert "internal error" not in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("command", "formats"),
    [
        ("gaps", ["table", "csv", "json", "markdown"]),
        ("report", ["text", "markdown", "json"]),
        ("explain", ["text", "json"]),
    ],
)
def test_every_value_at_its_limit_is_analysed_in_every_format(
    runner: CliRunner, write_dataset: DatasetWriter, command: str, formats: list[str]
) -> None:
    """The largest amounts and weights, the tiniest weight, the most notice and indexation,
    from the first day to the last, analysed in the last year from its last day: the figures
    stay inside exact decimal arithmetic and the calendar."""
    services = with_line(SERVICES, "annual_cost = 420000", "annual_cost = 1_000_000_000")
    services = with_line(
        services, '["Tampere", "Nokia"]', "{ Tampere = 1000000000, Nokia = 0.00000000000000000001 }"
    )
    agreement = (
        with_line(
            with_line(
                with_line(AGREEMENT, "valid_from = 2025-01-01", "valid_from = 1900-01-01"),
                "valid_until = 2025-12-31",
                "valid_until = 2100-12-31",
            ),
            "notice_months = 6",
            "notice_months = 120\nindexation_percent = 20",
        )
        + "annual_cap = 1000000000\n"
    )
    funding = (
        "service;funder;start;end;amount\n"
        "tre-klubitalo;Tampere;1.1.1900;31.12.2100;1 000 000 000,00\n"
        "tre-klubitalo;STEA;1.1.2100;31.12.2100;1 000 000 000,00\n"
        "tre-klubitalo;Nokia;31.12.2100;31.12.2100;0,01\n"
    )
    root = write_dataset(
        {"services.toml": services, "agreements/pirha-2025.toml": agreement, "funding.csv": funding}
    )
    service = ["tre-klubitalo"] if command == "explain" else []
    edges = ["--year", "2100", "--as-of", "2100-12-31", "--horizon", "120"]

    for fmt in formats:
        result = runner.invoke(cli, [command, *service, str(root), *edges, "--format", fmt])

        assert result.exit_code == 0, result.stderr


def test_hostile_text_takes_time_that_grows_with_its_length_only(
    write_dataset: DatasetWriter,
) -> None:
    """Patterns that once took time growing with the square of a line's length (hours for
    a file within the size limit): a line of spaces in a multi-line array, a string of escaped
    quotes that never closes after deep brackets, a date cell of spaces, a file that starts with
    millions of byte-order marks; and rows of 100 000 empty cells. In a process of its own,
    with a timeout."""
    services = SERVICES.replace('["Tampere", "Nokia"]', '[\n["Tampere",' + " " * 1_000_000 + "\n]]")
    agreement = f"extra = {'[' * 101}" + '"' + '\\"' * 1_000_000 + "\n"
    cell = "1.1.2025" + " " * 99_000 + "x"
    funding = FUNDING.replace("2025-01-01", cell)
    root = write_dataset(
        {
            "services.toml": services,
            "agreements/b.toml": agreement,
            "funding.csv": funding,
            "funding/marks.csv": "\ufeff" * 3_000_000 + "service;funder;start;end;amount\n",
            "funding/cells.csv": FUNDING + (";" * 100_001 + "\n") * 50,
        }
    )

    result = fundgap_process("validate", str(root))

    assert result.returncode == 2, result.stderr
    assert "agreements/b.toml:1: extra: nests arrays" in result.stderr
    assert "funding.csv:3: start:" in result.stderr
    assert "services[0].municipalities" in result.stderr


# -- docs/format.md, section 11 ---------------------------------------------------------------

# Each constant of fundgap.limits: the start of its row in the Limits table, and its number as
# the row gives it.
DOCUMENTED = {
    "MAX_AMOUNT": ("a single amount", "1 000 000 000 €"),
    "MAX_DECIMALS": ("a number in a TOML file", "at most 20 decimals"),
    "FIRST_DAY": ("a date:", "1900-01-01 to"),
    "LAST_DAY": ("a date:", "to 2100-12-31"),
    "FIRST_YEAR": ("the year of an analysis", "2000 to"),
    "LAST_YEAR": ("the year of an analysis", "to 2100"),
    "MIN_HORIZON": ("`--horizon`", "1 to"),
    "MAX_HORIZON": ("`--horizon`", "to 120 months"),
    "MAX_NOTICE_MONTHS": ("`notice_months`", "0 to 120"),
    "MAX_INDEXATION_PERCENT": ("`indexation_percent`", "0 to 20"),
    "MAX_DEPTH": ("arrays and inline tables", "at most 100 levels"),
    "MAX_DOTTED_PARTS": ("the dotted-key parts", "at most 100 000 in one file"),
    "MAX_TEXT": ("a text value", "at most 100 000 characters"),
    "MAX_FILE_BYTES": ("a data file", "at most 100 MB (100 000 000 bytes)"),
}
# A constant that limits more than one thing, with each other row that gives it.
ALSO_DOCUMENTED = [("MAX_DEPTH", ("the parts of a dotted key", "at most 100 parts"))]


def limits_table() -> list[list[str]]:
    from tests.test_docs_format import section, table

    return table(section("## 11. Limits"), "what")


def test_the_limits_table_lists_every_limit_of_the_code() -> None:
    import fundgap.limits

    constants = {name for name in vars(fundgap.limits) if name.isupper()}
    rows = limits_table()

    assert constants == set(DOCUMENTED)
    for name, (start, shown) in [*DOCUMENTED.items(), *ALSO_DOCUMENTED]:
        value = getattr(fundgap.limits, name)
        if isinstance(value, date):
            number = value.isoformat()
        else:  # a year is written without a space, a larger number with one between thousands
            number = f"{value:,}".replace(",", " ") if value >= 10_000 else str(value)
        if name == "MAX_FILE_BYTES":
            number = f"{value // 1_000_000} MB ({number} bytes)"
        assert number in shown, name
        (row,) = [row for row in rows if row[0].startswith(start) and shown in row[1]]
        assert row, name


def test_the_limits_example_is_what_fundgap_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner
) -> None:
    from tests.test_docs_format import section

    lines = section("## 11. Limits")
    block = lines[
        lines.index("$ fundgap validate pirkanmaa") : lines.index("```", 2 + lines.index("```"))
    ]
    monkeypatch.chdir(tmp_path)
    write_files(
        tmp_path / "pirkanmaa",
        {
            "services.toml": with_line(
                SERVICES, "annual_cost = 420000", "annual_cost = 4200000000"
            ),
            "agreements/pirha-2025.toml": with_line(
                with_line(AGREEMENT, "valid_until = 2025-12-31", "valid_until = 2205-12-31"),
                "notice_months = 6",
                "notice_months = 600\nindexation_percent = 25",
            ),
            "funding.csv": with_line(
                with_line(FUNDING, "80000", "80 000 000 000"), "31.12.2025", "31.12.2205"
            ),
            "categories.toml": "categories = " + "[" * 150 + "]" * 150 + "\n",
        },
    )

    validate = runner.invoke(cli, ["validate", "pirkanmaa"])
    gaps = runner.invoke(cli, ["gaps", "pirkanmaa", "--year", "2205"])

    assert block == [
        "$ fundgap validate pirkanmaa",
        *validate.stderr.splitlines(),
        "$ fundgap gaps pirkanmaa --year 2205",
        gaps.stderr.splitlines()[-1],
    ]


# -- every limit of a data file through the command line -------------------------------------

EVERY_LIMIT = [
    pytest.param(
        {"services.toml": with_line(SERVICES, "annual_cost = 420000", "annual_cost = 1000000001")},
        "services.toml:12: services[0].annual_cost: is 1000000001, more than 1,000,000,000; "
        "expected the need in euros a year, at most 1,000,000,000",
        id="annual_cost",
    ),
    pytest.param(
        {"agreements/pirha-2025.toml": AGREEMENT + "annual_cap = 1e10\n"},
        "agreements/pirha-2025.toml:15: clauses[0].annual_cap: is 1E+10, more than "
        "1,000,000,000; expected euros a year, at most 1,000,000,000",
        id="annual_cap",
    ),
    pytest.param(
        {"funding.csv": with_line(FUNDING, "80000", "1 000 000 000,01 €")},
        "funding.csv:3: amount: is 1 000 000 000,01 €, more than €1,000,000,000.00; expected an "
        "amount of at most €1,000,000,000.00",
        id="amount",
    ),
    pytest.param(
        {
            "services.toml": with_line(
                SERVICES, '["Tampere", "Nokia"]', "{ Tampere = 2e9, Nokia = 1 }"
            )
        },
        "services.toml:11: services[0].municipalities.Tampere: weight is 2E+9, more than "
        "1,000,000,000; expected a weight from 0 to 1,000,000,000",
        id="weight",
    ),
    pytest.param(
        {"services.toml": with_line(SERVICES, "annual_cost = 420000", "annual_cost = 1e-21")},
        "services.toml:12: services[0].annual_cost: is 1E-21, which has 21 decimals, more than "
        "20; expected a number with at most 20 decimals, e.g. 150000 or 12.5",
        id="decimals",
    ),
    pytest.param(
        {
            "agreements/pirha-2025.toml": with_line(
                AGREEMENT, "notice_months = 6", "notice_months = 121"
            )
        },
        "agreements/pirha-2025.toml:8: notice_months: is 121, more than 120; expected 0 to 120 "
        "months",
        id="notice_months",
    ),
    pytest.param(
        {
            "agreements/pirha-2025.toml": with_line(
                AGREEMENT, "notice_months = 6", "indexation_percent = 20.5"
            )
        },
        "agreements/pirha-2025.toml:8: indexation_percent: is 20.5, more than 20; expected 0 "
        "to 20 percent a year",
        id="indexation_percent",
    ),
    pytest.param(
        {"agreements/pirha-2025.toml": with_line(AGREEMENT, "2025-12-31", "9999-12-31")},
        "agreements/pirha-2025.toml:7: valid_until: is 9999-12-31, after 2100-12-31; expected "
        "a date from 1900-01-01 to 2100-12-31",
        id="toml-date",
    ),
    pytest.param(
        {"funding.csv": with_line(FUNDING, "31.12.2025", "31.12.9999")},
        "funding.csv:2: end: '31.12.9999' is after 2100-12-31; expected a date from 1900-01-01 to "
        "2100-12-31",
        id="csv-date",
    ),
    pytest.param(
        {"fundgap.toml": MANIFEST + f'description = "{"x" * 100_001}"\n'},
        "fundgap.toml:3: description: has 100,001 characters, more than 100,000; expected text "
        "of at most 100,000 characters",
        id="toml-text",
    ),
    pytest.param(
        {"funding.csv": with_line(FUNDING, "STEA Ak 2025", "x" * 100_001)},
        "funding.csv:2: reference: has 100,001 characters, more than 100,000; expected a cell of "
        "at most 100,000 characters",
        id="csv-cell",
    ),
    pytest.param(
        {"fundgap.toml": MANIFEST + f"extra = {nested(101)}\n"},
        "fundgap.toml:3: extra: nests arrays or inline tables more than 100 levels deep; "
        f"expected {DEEP}",
        id="depth",
    ),
    pytest.param(
        {"fundgap.toml": MANIFEST + f"extra = {'1' * 5000}\n"},
        "fundgap.toml:3: extra: is a whole number of 5000 digits, too long to be read; "
        "expected text in quotes, or a number of a few digits such as 150000",
        id="long-number",
    ),
]


@pytest.mark.parametrize(("files", "line"), EVERY_LIMIT)
def test_validate_reports_each_limit_at_its_file_line_and_key_with_exit_2(
    runner: CliRunner, write_dataset: DatasetWriter, files: dict[str, str], line: str
) -> None:
    root = write_dataset(files)

    result = runner.invoke(cli, ["validate", str(root)])

    assert result.exit_code == 2
    assert result.stderr.splitlines()[1:] == [f"  {root.as_posix()}/{line}"]
    assert "Traceback" not in result.stderr


def test_validate_refuses_a_file_over_100_mb_with_exit_2(
    runner: CliRunner, write_dataset: DatasetWriter
) -> None:
    root = write_dataset()
    with (root / "services.toml").open("r+b") as file:
        file.truncate(100_000_001)  # sparse: no disk space is used

    result = runner.invoke(cli, ["validate", str(root)])

    assert result.exit_code == 2
    assert f"{root.as_posix()}/services.toml: is larger than 100 MB" in result.stderr
    assert "unknown service" not in result.stderr  # its services may be there: none is unknown
