"""Fuzzing the loader and the CLI with malformed datasets (SPEC §10: bad input).

Whatever a hand edit or a spreadsheet leaves in the files, loading ends either in a dataset or
in a DatasetError whose every problem names its file (and, unless the whole file is unreadable,
the key); the CLI ends in exit status 0 or 2 and never in a traceback.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import fundgap
from fundgap.errors import DatasetError, Problem
from fundgap_cli import cli
from tests.conftest import AGREEMENT, MANIFEST, SERVICES, write_files
from tests.strategies import (
    CommaAmount,
    Slip,
    csv_texts,
    other_delimiter_slips,
    other_error_slips,
    spreadsheet_slips,
    thousands_comma_files,
    toml_mutations,
)

TOML_FILES = {
    "fundgap.toml": MANIFEST,
    "services.toml": SERVICES,
    "agreements/pirha-2025.toml": AGREEMENT,
}
WHOLE_FILE = ("is not valid TOML", "is not UTF-8", "cannot be read")


def check(files: dict[str, str | bytes | None]) -> tuple[Problem, ...]:
    """Load and validate the dataset both as a library call and through the CLI; the
    problems found."""
    with tempfile.TemporaryDirectory() as folder:
        root = write_files(Path(folder) / "dataset", files)
        problems: tuple[Problem, ...] = ()
        try:
            fundgap.validate(fundgap.load(root))
        except DatasetError as error:
            problems = error.problems
            assert problems
        loaded = not problems
        for problem in problems:
            assert Path(problem.location.file).exists(), problem
            whole_file = str(problem.message).startswith(WHOLE_FILE)
            assert whole_file or problem.location.path, f"no key path: {problem}"
            csv = problem.location.file.endswith(".csv")
            assert whole_file or not csv or problem.location.line, f"no line: {problem}"
            assert str(problem.message)
        result = CliRunner().invoke(cli, ["validate", str(root)])
        assert result.exit_code == (0 if loaded else 2), result.output
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
    return problems


@given(st.data())
def test_malformed_toml(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(TOML_FILES)))
    check({name: data.draw(toml_mutations(TOML_FILES[name]))})


@given(csv_texts())
def test_malformed_csv(text: str) -> None:
    check({"funding.csv": text})


@given(spreadsheet_slips())
def test_spreadsheet_slips_end_in_exit_2_at_their_line(slip: Slip) -> None:
    """Whatever form Excel saved the file in, a slip that would change a figure is reported
    at its file and line, and nothing else of the valid rows is."""
    problems = check(slip.files)

    found = {(p.location.file.split("/dataset/", 1)[1], p.location.line) for p in problems}
    assert found == {(slip.file, slip.line)}, (slip.kind, [str(p) for p in problems])


@given(st.one_of(other_error_slips(), other_delimiter_slips()))
def test_other_error_forms_and_rows_with_another_delimiter_end_in_exit_2_at_their_line(
    slip: Slip,
) -> None:
    """One problem, at the row: a German or LibreOffice error value in a cell, or a row that
    uses another delimiter than the header (not an error for each cell it seems to lack)."""
    problems = check(slip.files)

    assert len(problems) == 1, (slip.kind, [str(p) for p in problems])

    found = {(p.location.file.split("/dataset/", 1)[1], p.location.line) for p in problems}
    assert found == {(slip.file, slip.line)}, (slip.kind, [str(p) for p in problems])


@given(thousands_comma_files())
def test_an_amount_split_at_its_thousands_commas_ends_in_exit_2_at_its_line(
    slip: CommaAmount,
) -> None:
    problems = check({"funding.csv": slip.text})

    assert [(p.location.line, p.location.path) for p in problems] == [(slip.line, "amount")]


@given(st.sampled_from([*TOML_FILES, "funding.csv"]), st.binary(max_size=200))
def test_binary_garbage(name: str, content: bytes) -> None:
    check({name: content})
