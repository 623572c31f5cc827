"""The spreadsheet cases of the issue "Figures you can quote" and of the tester's report on
its first reader (tests/fixtures/cases/, their bytes as reported): each slip is an error at its
line, each of Excel's save formats is read. Through the library and through `fundgap
validate`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from click.testing import CliRunner

import fundgap
from fundgap.errors import DatasetError
from fundgap_cli import cli
from tests.conftest import FIXTURES

CASES = FIXTURES / "cases"
ONE_LINE = (
    "expected each cell on one line: a quote that starts a cell closes it on the same line, and "
    'a quote inside a quoted cell is doubled ("")'
)
COMMA = "(in a comma-separated file a comma ends the cell unless the cell is in quotes)"

ERRORS = {
    "csv-comma-thousands": [
        "csv-comma-thousands/funding.csv:2: amount: has 6 cells but the header has 5: the comma "
        "in 95,000 is not in quotes, so it splits the amount into the cells '95' and '000'; "
        f"expected 95000, without the thousands commas {COMMA}",
        "csv-comma-thousands/funding.csv:4: amount: has 6 cells but the header has 5: the comma "
        "in 140,000.00 is not in quotes, so it splits the amount into the cells '140' and "
        f"'000.00'; expected 140000.00, without the thousands commas {COMMA}",
    ],
    "csv-comma-absorbed": [
        "csv-comma-absorbed/funding.csv:2: amount: has 7 cells but the header has 6: the comma "
        "in 95,000 is not in quotes, so it splits the amount into the cells '95' and '000'; "
        f"expected 95000, without the thousands commas {COMMA}",
        "csv-comma-absorbed/funding.csv:3: amount: the comma in 120,000 is not in quotes, so it "
        "splits the amount into the cells '120' and '000' and moves '000' into the reference "
        f"column; expected 120000, without the thousands commas {COMMA}; if the amount is "
        "120 €, write it 120.00",
    ],
    "csv-repeated-heading": [
        "csv-repeated-heading/funding.csv:1: header: has the column 'amount' twice, as column 5 "
        "'amount' and column 6 'amount'; expected each column once: delete the extra column or "
        "rename its heading",
    ],
    "csv-stray-quote": [
        "csv-stray-quote/funding.csv:3: reference: a quote opens the reference cell here "
        "('Aluehallitus 13.2.2023 § 48') and never closes, so the cell would swallow the 153 "
        f"lines after it; {ONE_LINE}",
    ],
    "csv-pasted-duplicate-row": [
        "csv-pasted-duplicate-row/funding.csv:16: row: repeats the decision at "
        "csv-pasted-duplicate-row/funding.csv:15 in every column, so it would be counted twice; "
        "expected each decision once: delete the pasted copy (two decisions differ at least in "
        "their reference)",
    ],
    "csv-formfeed-in-cell": [
        "csv-formfeed-in-cell/funding.csv:157: reference: has 13 cells but the header has 7: the "
        "reference cell holds U+000C FORM FEED, an invisible character that some programs take "
        "for a line end; it does not end the row, so the text after it belongs to this row; "
        "expected one row per line: delete the invisible character, and start a new line there "
        "if a row follows it",
    ],
}
LOCATIONS = {
    "csv-comma-thousands": [(2, "amount"), (4, "amount")],
    "csv-comma-absorbed": [(2, "amount"), (3, "amount")],
    "csv-repeated-heading": [(1, "header")],
    "csv-stray-quote": [(3, "reference")],
    "csv-pasted-duplicate-row": [(16, "row")],
    "csv-formfeed-in-cell": [(157, "reference")],
}
# Both save formats hold the same two decisions of pirha-kriisikeskus for 2025.
DECISIONS = [("Pirkanmaa", Decimal("95000.00"), "Ah 1"), ("Tampere", Decimal("120000.00"), "Kh 2")]


@pytest.fixture(autouse=True)
def _in_cases(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the cases folder, as the issue's commands do, so files show as case/file."""
    monkeypatch.chdir(CASES)


@pytest.mark.parametrize("case", list(ERRORS))
def test_each_slip_is_an_error_at_its_line(case: str) -> None:
    with pytest.raises(DatasetError) as caught:
        fundgap.load(case)

    problems = caught.value.problems
    assert [str(p) for p in problems] == ERRORS[case]
    assert [(p.location.line, p.location.path) for p in problems] == LOCATIONS[case]
    assert {p.location.file for p in problems} == {f"{case}/funding.csv"}


@pytest.mark.parametrize("case", list(ERRORS))
def test_validate_exits_2_with_the_problems(runner: CliRunner, case: str) -> None:
    result = runner.invoke(cli, ["validate", case])

    count = len(ERRORS[case])
    head = "1 problem" if count == 1 else f"{count} problems"
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"fundgap: error: the dataset has {head}:",
        *(f"  {line}" for line in ERRORS[case]),
    ]


@pytest.mark.parametrize(("case", "first_line"), [("excel-sep-line", 3), ("excel-unicode-text", 2)])
def test_excels_other_save_formats_load(case: str, first_line: int) -> None:
    dataset = fundgap.load(case)

    decisions = dataset.funding
    assert [(d.funder.name, d.amount, d.reference) for d in decisions] == DECISIONS
    assert {d.service for d in decisions} == {"pirha-kriisikeskus"}
    assert {(d.period.start, d.period.end) for d in decisions} == {
        (date(2025, 1, 1), date(2025, 12, 31))
    }
    assert {d.instrument.value for d in decisions} == {"purchase"}
    assert [d.source.line for d in decisions if d.source] == [first_line, first_line + 1]


@pytest.mark.parametrize("case", ["excel-sep-line", "excel-unicode-text"])
def test_validate_reads_excels_other_save_formats(runner: CliRunner, case: str) -> None:
    result = runner.invoke(cli, ["validate", case])

    assert result.exit_code == 0, result.output
    assert "Funding             2   decisions, €215,000.00 in all" in result.stdout


def test_the_fixtures_keep_their_bytes() -> None:
    """Git must not touch them: CRLF, a BOM and UTF-16 are what they test."""
    assert (CASES / "excel-unicode-text" / "funding.csv").read_bytes()[:4] == b"\xff\xfes\x00"
    assert (CASES / "excel-sep-line" / "funding.csv").read_bytes()[:7] == b"sep=;\r\n"
    assert b"\r\n" in (CASES / "csv-comma-thousands" / "funding.csv").read_bytes()
    assert b",95,000,\r\n" in (CASES / "csv-comma-absorbed" / "funding.csv").read_bytes()
    assert b"Kh 1\x0cpirha" in (CASES / "csv-formfeed-in-cell" / "funding.csv").read_bytes()
