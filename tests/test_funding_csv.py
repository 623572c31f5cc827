"""The funding CSV as Excel saves it: every form read as meant, and every spreadsheet slip that
would change a figure in silence reported at its line (SPEC §4)."""

from __future__ import annotations

import calendar
import codecs
import io
import itertools
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import fundgap
from fundgap.errors import DatasetError
from fundgap.loading._funding_csv import _ALIASES, COLUMNS, read_funding_csv
from fundgap.periods import ImpossibleDateError, parse_cell_date, parse_date
from tests.conftest import DatasetWriter, only_problem, problems_of, write_files
from tests.strategies import (
    EXCEL_ERROR_VALUES,
    FUNDING_COLUMNS,
    INVISIBLE_SEPARATORS,
    OTHER_ERROR_VALUES,
    CommaAmount,
    CsvForm,
    comma_amount_texts,
    csv_forms,
    excel_error_cells,
    funding_cells,
    other_error_cells,
    thousands_comma_files,
)

HEADER = "service;funder;start;end;amount;instrument;reference"
ROW = "tre-klubitalo;STEA;1.1.2025;31.12.2025;100;grant;A"
SHOWN = "d/funding.csv"
NAMES = dict(
    zip(
        INVISIBLE_SEPARATORS,
        [
            *("U+000B LINE TABULATION", "U+000C FORM FEED", "U+001C FILE SEPARATOR"),
            *("U+001D GROUP SEPARATOR", "U+001E RECORD SEPARATOR", "U+0085 NEXT LINE"),
            *("U+2028 LINE SEPARATOR", "U+2029 PARAGRAPH SEPARATOR"),
        ],
        strict=True,
    )
)


def read(text: str) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """The rows (line, cells) and the problems (as printed) of a funding CSV."""
    rows, problems = read_funding_csv(text, SHOWN)
    return [(row.location.line or 0, row.cells) for row in rows], [str(p) for p in problems]


def lines(*rows: str, end: str = "\n") -> str:
    return end.join(rows) + end


# -- Excel's save formats ------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("sep_line", [False, True])
def test_every_save_format_is_read_with_its_lines(
    write_dataset: DatasetWriter, delimiter: str, encoding: str, sep_line: bool
) -> None:
    """UTF-8 or Excel's "Unicode text" (UTF-16 with a BOM, either byte order), `;`, `,` or
    tab, with or without a `sep=` line: the same decisions, at the lines they are on."""
    form = CsvForm(delimiter, sep_line, "\r\n", encoding)
    rows = [
        ["tre-klubitalo", "STEA", "1.1.2025", "31.12.2025", "150 000 €", "grant", "STEA Ak 2025"],
        ["tre-klubitalo", "Tampere", "2025-01-01", "2025-12-31", "80000", "ostopalvelu", "Kh 1"],
    ]
    dataset = fundgap.load(write_dataset({"funding.csv": form.write(rows)}))

    assert [(d.amount, d.funder.name, d.reference) for d in dataset.funding] == [
        (Decimal(150000), "STEA", "STEA Ak 2025"),
        (Decimal(80000), "Tampere", "Kh 1"),
    ]
    first = 3 if sep_line else 2
    assert [d.source.line for d in dataset.funding if d.source] == [first, first + 1]


@pytest.mark.parametrize(
    "first_line", ["sep=;", "SEP=;", "sep=;;;;;;", "sep=,", "sep=\t", "sep=|", "sep=; "]
)
def test_a_sep_line_names_the_delimiter_and_is_skipped(first_line: str) -> None:
    delimiter = first_line[4]
    text = lines(first_line, HEADER.replace(";", delimiter), ROW.replace(";", delimiter))

    rows, problems = read(text)

    assert problems == []
    assert [(line, cells["amount"], cells["reference"]) for line, cells in rows] == [
        (3, "100", "A")
    ]


def test_a_sep_line_counts_in_the_lines_of_problems(write_dataset: DatasetWriter) -> None:
    funding = lines("sep=;", HEADER, ROW, ROW.replace(";100;", ";n. 100;"), end="\r\n")
    problem = only_problem(write_dataset({"funding.csv": funding}))

    assert (problem.location.line, problem.location.path) == (4, "amount")


@pytest.mark.parametrize(
    ("first_line", "header", "message"),
    [
        ("sep=,", HEADER, "names ',' as the delimiter, but the header is separated by ';'"),
        (
            "sep=;",
            HEADER.replace(";", ","),
            "names ';' as the delimiter, but the header is separated by ','",
        ),
        ("sep=\t", HEADER, "names a tab as the delimiter, but the header is separated by ';'"),
        (
            "sep=|",
            HEADER.replace(";", "\t"),
            "names '|' as the delimiter, but the header is separated by a tab",
        ),
    ],
)
def test_a_sep_line_that_names_another_delimiter_than_the_header_says_so(
    first_line: str, header: str, message: str
) -> None:
    """Not 'lacks the columns service, funder, …; expected a header such as service;funder;…',
    which is the header the file has."""
    used = message.split("separated by ")[1]
    assert read(lines(first_line, header, ROW.replace(";", header[7]))) == (
        [],
        [
            f"{SHOWN}:1: header: the sep= line {message}; expected a sep= line that names the "
            f"delimiter of the header ({used}), or no sep= line"
        ],
    )


def test_a_sep_line_before_a_header_that_lacks_a_column_names_the_delimiter_first() -> None:
    _, problems = read(lines("sep=,", "service;funder;start;end", ROW))

    assert problems == [
        f"{SHOWN}:1: header: the sep= line names ',' as the delimiter, but the header is "
        "separated by ';'; expected a sep= line that names the delimiter of the header (';'), or "
        "no sep= line"
    ]


def test_a_sep_line_before_a_header_that_no_delimiter_helps_reports_the_header() -> None:
    _, problems = read(lines("sep=,", "Rahoitus 2025;;;", ROW))

    assert problems == [
        f"{SHOWN}:2: header: lacks the columns 'service', 'funder', 'start', 'end', and 'amount'; "
        "expected a header row such as service;funder;start;end;amount;instrument;reference"
    ]


@pytest.mark.parametrize("above", ["\n", "\r\n\r\n", ";;;;;;\r\n", " \t\n\n", '"";""\n', ",,,\n"])
@pytest.mark.parametrize("sep_line", [False, True])
def test_empty_lines_above_the_header_are_skipped_and_counted(above: str, sep_line: bool) -> None:
    """Excel writes the empty rows above a table too; the header is the first line with text."""
    text = ("sep=;\n" if sep_line else "") + above + lines(HEADER, ROW, ROW.replace(";A", ";B"))
    first = len(io.StringIO(text, newline="").readlines()) - 1  # the line of the first row

    rows, problems = read(text)

    assert problems == []
    assert [(line, cells["reference"]) for line, cells in rows] == [(first, "A"), (first + 1, "B")]


def test_a_problem_below_empty_lines_is_at_its_line(write_dataset: DatasetWriter) -> None:
    funding = lines("", ";;;;;;", HEADER, ROW.replace(";100;", ";n. 100;"), end="\r\n")
    problem = only_problem(write_dataset({"funding.csv": funding}))

    assert (problem.location.line, problem.location.path) == (4, "amount")


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_lf_crlf_and_cr_alone_end_a_row(end: str) -> None:
    rows, problems = read(lines(HEADER, ROW, "", ROW.replace(";A", ";B"), end=end))

    assert problems == []
    assert [(line, cells["reference"]) for line, cells in rows] == [(2, "A"), (4, "B")]


def test_the_delimiter_is_the_one_the_header_holds_most_of() -> None:
    header = "service\tfunder\tstart\tend\tamount\tnotes; more, notes"
    rows, problems = read(lines(header, "tre-klubitalo\tSTEA\t1.1.2025\t31.12.2025\t1;5,0\t"))

    assert problems == []
    assert rows[0][1]["amount"] == "1;5,0"


@given(form=csv_forms(), data=st.data())
def test_any_save_format_reads_back_every_row_at_its_line(
    form: CsvForm, data: st.DataObject
) -> None:
    count = data.draw(st.integers(0, 6))
    written = [data.draw(funding_cells(form.delimiter, f"Päätös {i}")) for i in range(count)]
    content = form.write(written)
    text = content.decode("utf-16" if form.encoding.startswith("utf-16") else "utf-8-sig")

    rows, problems = read(text)

    assert problems == []
    assert [line for line, _ in rows] == [form.first_row + i for i in range(count)]
    assert [list(cells.values()) for _, cells in rows] == written


# -- encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize(("codec", "order"), [("utf-16-le", "little"), ("utf-16-be", "big")])
def test_utf16_without_a_bom_is_named_as_such(
    write_dataset: DatasetWriter, codec: str, order: str
) -> None:
    content = lines(HEADER, ROW.replace("STEA", "Säätiö")).encode(codec)
    problem = only_problem(write_dataset({"funding.csv": content}))

    assert problem.location.file.endswith("funding.csv")
    assert str(problem.message) == (
        f"is not UTF-8 text: its many NUL bytes look like UTF-16 ({order}-endian) "
        "without a byte-order mark"
    )
    assert "CSV UTF-8" in str(problem.expected)


def test_utf16_with_a_bom_is_not_windows_1252_in_a_toml_file(
    write_dataset: DatasetWriter,
) -> None:
    problem = only_problem(write_dataset({"fundgap.toml": 'name = "x"\n'.encode("utf-16")}))

    assert str(problem.message) == (
        "is not UTF-8 text: it is UTF-16 (it starts with a UTF-16 byte-order mark)"
    )
    assert str(problem.expected) == "a UTF-8 file; save it as UTF-8 in your editor"


def test_broken_utf16_after_its_bom_is_refused(write_dataset: DatasetWriter) -> None:
    content = lines(HEADER, ROW).encode("utf-16") + b"\x00"  # an odd number of bytes
    problem = only_problem(write_dataset({"funding.csv": content}))

    assert str(problem.message).startswith(
        "is not UTF-8 text, and though it starts with the byte-order mark of UTF-16 "
        "(little-endian) it is not valid UTF-16 either (byte "
    )


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8, codecs.BOM_UTF8 * 2])
@pytest.mark.parametrize("sep_line", ["", "sep=;\r\n"])
def test_windows_1252_below_a_bom_and_empty_lines_is_refused_at_its_line_and_column(
    write_dataset: DatasetWriter, bom: bytes, sep_line: str
) -> None:
    text = sep_line + lines("", ";;;;;;", HEADER, ROW.replace("STEA", "Säätiö"), end="\r\n")
    problem = only_problem(write_dataset({"funding.csv": bom + text.encode("cp1252")}))

    assert (problem.location.line, problem.location.path) == (5 if sep_line else 4, "funder")


@pytest.mark.parametrize(
    ("first_line", "end", "line"), [("", "\r\n", 2), ("sep=;", "\r\n", 3), ("", "\r", 2)]
)
def test_windows_1252_is_still_refused_at_its_line_and_column(
    write_dataset: DatasetWriter, first_line: str, end: str, line: int
) -> None:
    text = lines(*filter(None, [first_line, HEADER, ROW.replace("STEA", "Säätiö")]), end=end)
    problem = only_problem(write_dataset({"funding.csv": text.encode("cp1252")}))

    assert (problem.location.line, problem.location.path) == (line, "funder")
    assert str(problem.message) == (
        "is not UTF-8 text (byte 0xe4); it looks like Windows-1252 "
        "(what Excel writes as 'CSV (semicolon delimited)')"
    )


@pytest.mark.parametrize(("codec", "order"), [("utf-32-le", "little"), ("utf-32-be", "big")])
@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("funding.csv", lines(HEADER, ROW), "CSV UTF-8 (comma delimited)"),
        ("fundgap.toml", 'name = "x"\n', "a UTF-8 file; save it as UTF-8 in your editor"),
    ],
)
def test_utf32_is_named_and_refused(
    write_dataset: DatasetWriter, codec: str, order: str, name: str, text: str, expected: str
) -> None:
    """Its mark FF FE 00 00 starts like UTF-16's FF FE: it is not read as UTF-16 full of NULs."""
    content = "\ufeff".encode(codec) + text.encode(codec)
    problem = only_problem(write_dataset({name: content}))

    assert (problem.location.file.endswith(name), problem.location.line) == (True, None)
    assert str(problem.message) == (
        f"is not UTF-8 text: it is UTF-32 (it starts with the byte-order mark of UTF-32, "
        f"{order}-endian)"
    )
    assert expected in str(problem.expected)


@pytest.mark.parametrize(("codec", "order"), [("utf-32-le", "little"), ("utf-32-be", "big")])
def test_utf32_without_a_bom_is_named_as_such(
    write_dataset: DatasetWriter, codec: str, order: str
) -> None:
    content = lines(HEADER, ROW.replace("STEA", "Säätiö")).encode(codec)
    problem = only_problem(write_dataset({"funding.csv": content}))

    assert str(problem.message) == (
        f"is not UTF-8 text: its many NUL bytes look like UTF-32 ({order}-endian) without a "
        "byte-order mark"
    )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("sep_line", [False, True])
def test_a_byte_order_mark_written_twice_is_read_as_one(
    write_dataset: DatasetWriter, encoding: str, sep_line: bool
) -> None:
    """A program that adds a mark on saving, given a file that has one, writes two; the second
    is as invisible as the first, and without it the first heading reads as '\\ufeffservice'."""
    text = "\ufeff\ufeff" + lines(*["sep=;"][: int(sep_line)], HEADER, ROW, end="\r\n")
    dataset = fundgap.load(write_dataset({"funding.csv": text.encode(encoding)}))

    assert [(d.source.line if d.source else 0, d.reference) for d in dataset.funding] == [
        (3 if sep_line else 2, "A")
    ]


def test_a_byte_order_mark_written_twice_in_a_toml_file(write_dataset: DatasetWriter) -> None:
    manifest = "\ufeff\ufeffname = 'Kaksi merkkiä'\n".encode()
    dataset = fundgap.load(write_dataset({"fundgap.toml": manifest}))

    assert dataset.name == "Kaksi merkkiä"


# -- more cells than the header ----------------------------------------------------------------


def test_an_unquoted_thousands_comma_is_an_error_at_its_line() -> None:
    _, problems = read(
        lines(
            "service,funder,start,end,amount",
            "tre-klubitalo,STEA,2025-01-01,2025-12-31,95,000",
            'tre-klubitalo,STEA,2025-01-01,2025-12-31,"120,000.00"',
        )
    )

    assert problems == [
        f"{SHOWN}:2: amount: has 6 cells but the header has 5: the comma in 95,000 is not in "
        "quotes, so it splits the amount into the cells '95' and '000'; expected 95000, without "
        "the thousands commas (in a comma-separated file a comma ends the cell unless the cell "
        "is in quotes)"
    ]


def test_an_unquoted_decimal_comma_is_an_error_with_both_ways_to_write_it() -> None:
    _, problems = read(
        lines(
            "service,funder,start,end,amount,instrument,reference",
            "tre-klubitalo,STEA,2025-01-01,2025-12-31,150000,50,grant,A",
        )
    )

    assert problems == [
        f"{SHOWN}:2: amount: has 8 cells but the header has 7: the comma in 150000,50 is not in "
        "quotes, so it splits the amount into the cells '150000' and '50'; expected "
        '150000.50, or "150000,50" in quotes (in a comma-separated file a comma ends the cell '
        "unless the cell is in quotes)"
    ]


@given(amount=comma_amount_texts(), last=st.booleans(), row=st.integers(0, 3))
def test_any_amount_with_an_unquoted_comma_is_an_error_never_a_figure(
    amount: str, last: bool, row: int
) -> None:
    header = "service,funder,start,end,amount" + ("" if last else ",instrument,reference")
    good = "tre-klubitalo,STEA,2025-01-01,2025-12-31,100" + ("" if last else ",grant,A")
    bad = good.replace(",100", f",{amount}")
    rows, problems = read(lines(header, *[good] * row, bad, good))

    assert [line for line, _ in rows] == [*range(2, 2 + row), row + 3]
    assert len(problems) == 1
    assert problems[0].startswith(f"{SHOWN}:{row + 2}: amount: has ")
    assert f"the comma in {amount} is not in quotes" in problems[0]


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (
            "tre-klubitalo;STEA;1.1.2025;31.12.2025;100;grant;Kh 1;2;3",
            "column 8: has 9 cells but the header has 7: a cell may hold a semicolon that is "
            "not in quotes; expected as many cells as headings; a cell that holds a semicolon "
            "is written in quotes",
        ),
        (
            "tre-klubitalo;STEA;1.1.2025;31.12.2025;100;grant;Kh 1\ftre-klubitalo;STEA",
            "reference: has 8 cells but the header has 7: the reference cell holds U+000C FORM "
            "FEED, an invisible character that some programs take for a line end; it does not "
            "end the row, so the text after it belongs to this row; expected one row per line: "
            "delete the invisible character, and start a new line there if a row follows it",
        ),
    ],
)
def test_more_cells_than_the_header_says_why(row: str, problem: str) -> None:
    assert read(lines(HEADER, row)) == ([], [f"{SHOWN}:2: {problem}"])


def test_empty_cells_after_the_last_heading_are_an_error() -> None:
    """They are what is left when a cell held the delimiter and moved the cells after it."""
    rows, problems = read(lines(HEADER, ROW + ";;; ;", ROW.replace(";A", ";B")))

    assert [line for line, _ in rows] == [3]
    assert problems == [
        f"{SHOWN}:2: column 8: has 11 cells but the header has 7, and the cells after the last "
        "heading are empty: a cell may hold a semicolon that is not in quotes, which moves the "
        "cells after it to the right; expected as many cells as headings: delete the extra "
        "semicolons at the end of the row; a cell that holds a semicolon is written in quotes"
    ]


def test_a_row_of_empty_cells_wider_than_the_header_is_still_skipped() -> None:
    rows, problems = read(lines(HEADER, ROW, ";" * 12, " ; ;;;\t;;;;;;", ROW.replace(";A", ";B")))

    assert problems == []
    assert [line for line, _ in rows] == [2, 5]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_a_used_column_beyond_the_headings_as_excel_writes_it_is_read(delimiter: str) -> None:
    """Excel writes a cell on every row for each used column, the header row included, which
    then ends in an empty heading."""
    written = [
        HEADER + ";",
        ROW + ";",
        ROW.replace(";A", ";B") + ";huom",
        ";" * 7,
        "tre-klubitalo;Nokia;1.1.2025;31.12.2025;95000;;C;",
    ]
    rows, problems = read(lines(*(line.replace(";", delimiter) for line in written)))

    assert problems == []
    assert [(line, c["amount"], c["instrument"], c["reference"]) for line, c in rows] == [
        (2, "100", "grant", "A"),
        (3, "100", "grant", "B"),
        (5, "95000", "", "C"),
    ]


# -- an amount split into the next columns -----------------------------------------------------
# In a comma-separated file an unquoted thousands comma makes the row longer than the header,
# unless a cell left out at the end, or a column without a heading, takes the rest of the amount.

ABSORBED = "the comma in 95,000 is not in quotes, so it splits the amount into the cells '95' and"
FIX_95 = (
    "expected 95000, without the thousands commas (in a comma-separated file a comma ends the cell "
    "unless the cell is in quotes); if the amount is 95 €, write it 95.00"
)
TOO_LONG_95 = (
    "expected 95000, without the thousands commas (in a comma-separated file a comma ends the "
    "cell unless the cell is in quotes)"
)
BEFORE = "kaisla-kohtaamispaikka,Tampere,1.1.2025,31.12.2025"


@pytest.mark.parametrize(
    ("header", "row", "problem"),
    [
        (  # the tester's example: the reference takes '000', the empty cell after it is extra
            "service,funder,start,end,amount,reference",
            f"{BEFORE},95,000,",
            f"amount: has 7 cells but the header has 6: {ABSORBED} '000'; {TOO_LONG_95}",
        ),
        (  # without the comma at the end the row is exactly as long as the header
            "service,funder,start,end,amount,reference",
            f"{BEFORE},95,000",
            f"amount: {ABSORBED} '000' and moves '000' into the reference column; {FIX_95}",
        ),
        (
            "service,funder,start,end,instrument,amount,reference",
            f"{BEFORE},grant,95,000,",
            f"amount: has 8 cells but the header has 7: {ABSORBED} '000'; {TOO_LONG_95}",
        ),
        (
            "service,funder,start,end,instrument,amount,reference",
            f"{BEFORE},grant,95,000",
            f"amount: {ABSORBED} '000' and moves '000' into the reference column; {FIX_95}",
        ),
        (  # the instrument left out, and the reference empty
            "service,funder,start,end,amount,instrument,reference",
            f"{BEFORE},95,000,",
            f"amount: {ABSORBED} '000' and moves '000' into the instrument column; {FIX_95}",
        ),
        (  # a column without a heading: Excel's used column beyond the headings
            "service,funder,start,end,amount,reference,",
            f"{BEFORE},95,000,",
            f"amount: {ABSORBED} '000' and moves '000' into the reference column; {FIX_95}",
        ),
        (
            "service,funder,start,end,amount,",
            f"{BEFORE},95,000",
            f"amount: {ABSORBED} '000' and moves '000' into column 6; {FIX_95}",
        ),
        (
            "service,funder,start,end,amount,notes",
            f"{BEFORE},95,000",
            f"amount: {ABSORBED} '000' and moves '000' into the notes column; {FIX_95}",
        ),
        (  # a required column after the amount, and the row one cell short
            "service,funder,amount,start,end,reference",
            "kaisla-kohtaamispaikka,Tampere,95,000,1.1.2025,31.12.2025",
            f"amount: {ABSORBED} '000' and moves '000' into the start column; {FIX_95}",
        ),
        (
            "service,funder,start,end,amount,instrument,reference",
            f"{BEFORE},1,250,000.00",
            "amount: the comma in 1,250,000.00 is not in quotes, so it splits the amount into "
            "the cells '1', '250', and '000.00' and moves '250' into the instrument column and "
            "'000.00' into the reference column; expected 1250000.00, without the thousands "
            "commas (in a comma-separated file a comma ends the cell unless the cell is in "
            "quotes); if the amount is 1 €, write it 1.00",
        ),
        (
            "service,funder,start,end,amount,reference",
            f"{BEFORE},95,000 €",
            "amount: the comma in 95,000 € is not in quotes, so it splits the amount into the "
            "cells '95' and '000 €' and moves '000 €' into the reference column; expected "
            "95000 €, without the thousands commas (in a comma-separated file a comma ends the "
            "cell unless the cell is in quotes); if the amount is 95 €, write it 95.00",
        ),
        (  # a decimal comma, the cents taken by the reference
            "service,funder,start,end,amount,reference",
            f"{BEFORE},150000,50",
            "amount: the comma in 150000,50 is not in quotes, so it splits the amount into the "
            "cells '150000' and '50' and moves '50' into the reference column; expected "
            '150000.50, or "150000,50" in quotes (in a comma-separated file a comma ends the '
            "cell unless the cell is in quotes); if the amount is 150000 €, write it 150000.00",
        ),
        (  # ... or by the instrument
            "service,funder,start,end,amount,instrument,reference",
            f"{BEFORE},150 000,5,Kh 1",
            "amount: the comma in 150 000,5 is not in quotes, so it splits the amount into the "
            "cells '150 000' and '5' and moves '5' into the instrument column; expected "
            '150 000.5, or "150 000,5" in quotes (in a comma-separated file a comma ends the '
            "cell unless the cell is in quotes); if the amount is 150 000 €, write it 150 000.00",
        ),
        (  # ... or by a column without a heading, where Excel spills what runs over
            "service,funder,start,end,amount,",
            f"{BEFORE},95000,12",
            "amount: the comma in 95000,12 is not in quotes, so it splits the amount into the "
            "cells '95000' and '12' and moves '12' into column 6; expected 95000.12, or "
            '"95000,12" in quotes (in a comma-separated file a comma ends the cell unless the '
            "cell is in quotes); if the amount is 95000 €, write it 95000.00",
        ),
        (  # ... or by a column of notes, when the cents carry the euro sign
            "service,funder,start,end,amount,notes",
            f"{BEFORE},1 250,75 €",
            "amount: the comma in 1 250,75 € is not in quotes, so it splits the amount into the "
            "cells '1 250' and '75 €' and moves '75 €' into the notes column; expected "
            '1 250.75 €, or "1 250,75 €" in quotes (in a comma-separated file a comma ends the '
            "cell unless the cell is in quotes); if the amount is 1 250 €, write it 1 250.00",
        ),
    ],
)
def test_an_amount_split_into_the_next_columns_is_an_error(
    header: str, row: str, problem: str
) -> None:
    good = f"{BEFORE},95000" + "," * (header.count(",") - 4)
    rows, problems = read(lines(header, good, row, good.replace("95000", "96000")))

    assert [line for line, _ in rows] == [2, 4]
    assert problems == [f"{SHOWN}:3: {problem}"]


@pytest.mark.parametrize(
    ("header", "row", "cells"),
    [
        # how to write an amount of 95 € with the reference 000
        ("amount,reference", "95.00,000", ("95.00", "000")),
        ("amount,reference", "95000,000", ("95000", "000")),
        ("amount,reference", '"95",Kh 1', ("95", "Kh 1")),
        # a column of notes may hold small numbers after a whole amount
        ("amount,persons", "5000,12", ("5000", "12")),
        ("amount,persons,reference", "5000,12,A", ("5000", "12")),
        ("amount,notes", "95000,12 hlö", ("95000", "12 hlö")),
        ("amount,reference,notes", "95,Kh 12,000", ("95", "Kh 12")),
    ],
)
def test_a_number_after_the_amount_that_cannot_be_its_rest_is_read(
    header: str, row: str, cells: tuple[str, str]
) -> None:
    rows, problems = read(lines(f"service,funder,start,end,{header}", f"{BEFORE},{row}"))

    assert problems == []
    after = list(rows[0][1].values())[4:6]
    assert (rows[0][1]["amount"], after[1]) == cells


def test_in_a_semicolon_file_there_is_no_comma_to_split_an_amount() -> None:
    rows, problems = read(lines(HEADER, ROW.replace(";100;grant;A", ";95;000")))

    assert problems == []
    assert (rows[0][1]["amount"], rows[0][1]["instrument"]) == ("95", "000")


@given(slip=thousands_comma_files())
def test_an_amount_with_unquoted_thousands_commas_never_loads_as_another_figure(
    slip: CommaAmount,
) -> None:
    """Whatever the order of the columns, whichever of them follow the amount and whether the
    row is short or long, the amount is an error at its line, never a decision of 95 €."""
    with tempfile.TemporaryDirectory() as folder:
        root = write_files(Path(folder) / "dataset", {"funding.csv": slip.text})
        with pytest.raises(DatasetError) as caught:
            fundgap.load(root)

    problems = caught.value.problems
    assert [(p.location.line, p.location.path) for p in problems] == [(slip.line, "amount")]
    assert f"the comma in {slip.written} is not in quotes" in str(problems[0].message)


# -- a row with another delimiter -------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "row", "problem"),
    [
        (
            HEADER,
            ROW.replace(";", ","),
            "has 1 cell where the header has 7: it seems to use ',' between cells, where the "
            "header uses ';'; expected ';' between the cells of every row, as in the header",
        ),
        (
            HEADER.replace(";", ","),
            "tre-klubitalo;STEA;1.1.2025;31.12.2025;150 000,00 €;grant;A",
            "has 2 cells where the header has 7: it seems to use ';' between cells, where the "
            "header uses ','; expected ',' between the cells of every row, as in the header",
        ),
        (
            HEADER.replace(";", "\t"),
            ROW,
            "has 1 cell where the header has 7: it seems to use ';' between cells, where the "
            "header uses a tab; expected a tab between the cells of every row, as in the header",
        ),
        (
            "service;funder;start;end;amount",
            ROW.replace(";", "\t"),
            "has 1 cell where the header has 5: it seems to use a tab between cells, where the "
            "header uses ';'; expected ';' between the cells of every row, as in the header",
        ),
    ],
)
def test_a_row_with_another_delimiter_is_one_error_that_says_so(
    header: str, row: str, problem: str
) -> None:
    """Not five errors, one for each required cell the row seems to leave empty."""
    width = len(header.split(header[7]))
    good = header[7].join(ROW.replace(";A", ";B").split(";")[:width])
    rows, problems = read(lines(header, good, row, good.replace("31.12", "30.12")))

    assert [line for line, _ in rows] == [2, 4]
    assert problems == [f"{SHOWN}:3: row: {problem}"]


def test_a_short_row_that_no_delimiter_completes_has_its_empty_cells_reported(
    write_dataset: DatasetWriter,
) -> None:
    funding = lines(HEADER, "tre-klubitalo;Sirpa, Väinö ja Säätiö")
    problems = problems_of(write_dataset({"funding.csv": funding}))

    assert [(p.location.path, str(p.message)) for p in problems] == [
        ("amount", "is empty"),
        ("end", "is empty"),
        ("start", "is empty"),
    ]


# -- invisible line separators -----------------------------------------------------------------


@given(
    separator=st.sampled_from(INVISIBLE_SEPARATORS),
    column=st.integers(0, 6),
    position=st.integers(0, 20),
    row=st.integers(0, 3),
    joins=st.booleans(),
)
def test_an_invisible_separator_in_any_cell_keeps_the_rows_excel_shows(
    separator: str, column: int, position: int, row: int, joins: bool
) -> None:
    """The row stays one row, as in Excel; the slip is an error at its line, and the rows after
    it keep their line numbers."""
    cells = ROW.split(";")
    cells[column] = cells[column][:position] + separator + cells[column][position:]
    if joins:  # what follows the separator looks like another row
        cells[-1] += separator + ROW.replace(";A", ";B")
    rows, problems = read(lines(HEADER, *[ROW] * row, ";".join(cells), ROW))

    assert [line for line, _ in rows] == [*range(2, 2 + row), row + 3]
    assert len(problems) == 1
    assert problems[0].startswith(f"{SHOWN}:{row + 2}: {COLUMNS[column]}: ")
    assert f"cell holds {NAMES[separator]}, an invisible" in problems[0] if joins else True
    assert f": holds {NAMES[separator]}, an invisible" in problems[0] if not joins else True


def test_an_invisible_separator_alone_is_named() -> None:
    _, problems = read(lines(HEADER, ROW.replace(";A", ";Kh\u2028A")))

    assert problems == [
        f"{SHOWN}:2: reference: holds U+2028 LINE SEPARATOR, an invisible character that some "
        "programs take for a line end; expected the text without it: delete the invisible "
        "character"
    ]


# -- headings --------------------------------------------------------------------------------

_HEADINGS = {
    column: [column, *(a for a, c in _ALIASES.items() if c == column)] for column in COLUMNS
}
_PAIRS = [
    (first, second)
    for names in _HEADINGS.values()
    for first, second in itertools.product(names, repeat=2)
]


@pytest.mark.parametrize(("first", "second"), _PAIRS, ids=[f"{a}+{b}" for a, b in _PAIRS])
def test_a_column_given_twice_is_an_error_aliases_included(first: str, second: str) -> None:
    column = _ALIASES.get(first, first)
    headings = [second if name == column else name for name in COLUMNS]
    headings.insert(COLUMNS.index(column), first.upper())
    text = lines(";".join(headings), ROW.replace(";A", ";A;x"))

    assert read(text) == (
        [],
        [
            f"{SHOWN}:1: header: has the column {column!r} twice, as column "
            f"{COLUMNS.index(column) + 1} {first.upper()!r} and column "
            f"{COLUMNS.index(column) + 2} {second!r}; expected each column once: delete the "
            "extra column or rename its heading"
        ],
    )


# -- quotes ----------------------------------------------------------------------------------


@given(total=st.integers(1, 6), data=st.data())
def test_a_stray_quote_in_any_row_is_reported_where_it_opens(
    total: int, data: st.DataObject
) -> None:
    at = data.draw(st.integers(0, total - 1))
    column = data.draw(st.integers(0, 6))
    cells = ROW.split(";")
    cells[column] = '"' + cells[column]
    body = [ROW.replace(";A", f";R{i}") for i in range(total)]
    body[at] = ";".join(cells).replace(";A", f";R{at}")
    rows, problems = read(lines(HEADER, *body))

    assert len(problems) == 1
    after = total - at - 1
    assert problems[0].startswith(f"{SHOWN}:{at + 2}: {COLUMNS[column]}: a quote opens the ")
    assert ("never closes" + (", so the cell would swallow " if after else ";")) in problems[0]
    # reading goes on after the line, so the other rows are still read and checked
    assert [line for line, _ in rows] == [n + 2 for n in range(total) if n != at]


def test_a_quote_closed_only_by_a_later_stray_quote_names_both_lines() -> None:
    text = lines(HEADER, ROW.replace(";A", ';"Kh 1'), ROW, ROW.replace(";A", ';Kh 2"'), ROW)
    rows, problems = read(text)

    assert problems == [
        f"{SHOWN}:2: reference: a quote opens the reference cell here ('Kh 1') and closes only "
        "on line 4: a quoted cell that runs over 2 line breaks, which no funding cell needs; "
        "expected each cell on one line: a quote that starts a cell closes it on the same line, "
        'and a quote inside a quoted cell is doubled ("")'
    ]
    assert [line for line, _ in rows] == [5]  # lines 2-4 are one cell as written


def test_a_line_break_in_a_quoted_cell_is_an_error_at_the_line_where_it_starts() -> None:
    text = lines(HEADER, ROW, ROW.replace(";A", ';"Kh 1\n§ 2"'), ROW, end="\r\n")
    rows, problems = read(text)

    assert problems == [
        f"{SHOWN}:3: reference: a quote opens the reference cell here ('Kh 1') and closes only "
        "on line 4: a quoted cell that runs over a line break, which no funding cell needs; "
        "expected each cell on one line: a quote that starts a cell closes it on the same line, "
        'and a quote inside a quoted cell is doubled ("")'
    ]
    assert [line for line, _ in rows] == [2, 5]


def test_quotes_on_one_line_are_read_as_csv() -> None:
    rows, problems = read(lines(HEADER, ROW.replace(";A", ';"Kh ""A"", § 3; 4"')))

    assert problems == []
    assert rows[0][1]["reference"] == 'Kh "A", § 3; 4'


def test_a_quote_left_open_in_the_header_stops_the_file() -> None:
    assert read('"service;funder;start;end;amount\n' + ROW) == (
        [],
        [
            f"{SHOWN}:1: header: a quote opens the header here ('service;funder;start;end;"
            "amount') and never closes, so the cell would swallow the line after it; expected "
            "each cell on one line: a quote that starts a cell closes it on the same line, and "
            'a quote inside a quoted cell is doubled ("")'
        ],
    )


def test_a_runaway_quote_in_a_long_file_is_reported_not_a_crash(
    write_dataset: DatasetWriter,
) -> None:
    """Longer than the csv module's field limit (131 072 characters) once swallowed."""
    body = [ROW.replace(";A", f";Päätös {i}") for i in range(3000)]
    body[1] = body[1].replace(";Päätös", ';"Päätös')
    problem = only_problem(write_dataset({"funding.csv": lines(HEADER, *body)}))

    assert (problem.location.line, problem.location.path) == (3, "reference")
    swallowed = "never closes, so the cell would swallow the 2,998 lines after it"
    assert swallowed in str(problem.message)


# -- spreadsheet error values ------------------------------------------------------------------


@pytest.mark.parametrize("value", EXCEL_ERROR_VALUES)
@pytest.mark.parametrize("column", range(len(FUNDING_COLUMNS)))
def test_an_excel_error_value_in_any_column_is_an_error(value: str, column: int) -> None:
    cells = ROW.split(";")
    cells[column] = value
    rows, problems = read(lines(HEADER, ROW.replace(";A", ";B"), ";".join(cells)))

    assert [line for line, _ in rows] == [2]
    assert problems == [
        f"{SHOWN}:3: {FUNDING_COLUMNS[column]}: is {value}, a spreadsheet error value: a "
        "formula failed, so the cell holds no data; expected the value itself: correct the "
        "formula in the spreadsheet, or paste the values, before saving"
    ]


@given(value=excel_error_cells())
def test_error_values_are_known_in_any_case_and_in_a_notes_column(value: str) -> None:
    _, problems = read(lines(HEADER + ";notes", ROW + f";{value}"))

    assert len(problems) == 1
    assert problems[0].startswith(f"{SHOWN}:2: notes: is {value.strip()}, a spreadsheet error")


@pytest.mark.parametrize("value", OTHER_ERROR_VALUES)
@pytest.mark.parametrize("column", range(len(FUNDING_COLUMNS)))
def test_german_and_libreoffice_error_values_in_any_column_are_errors(
    value: str, column: int
) -> None:
    """Once read as a funder named 'Err:502' or '#NV', whose money counted for nobody."""
    cells = ROW.split(";")
    cells[column] = value
    rows, problems = read(lines(HEADER, ";".join(cells), ROW.replace(";A", ";B")))

    assert [line for line, _ in rows] == [3]
    assert problems == [
        f"{SHOWN}:2: {FUNDING_COLUMNS[column]}: is {value}, a spreadsheet error value: a "
        "formula failed, so the cell holds no data; expected the value itself: correct the "
        "formula in the spreadsheet, or paste the values, before saving"
    ]


@given(value=other_error_cells(), delimiter=st.sampled_from([";", ",", "\t"]))
def test_other_error_forms_are_known_in_any_case_and_in_a_notes_column(
    value: str, delimiter: str
) -> None:
    header = HEADER.replace(";", delimiter) + delimiter + "notes"
    _, problems = read(lines(header, ROW.replace(";", delimiter) + delimiter + value))

    assert len(problems) == 1
    assert problems[0].startswith(f"{SHOWN}:2: notes: is {value.strip()}, a spreadsheet error")


@pytest.mark.parametrize("text", ["Err:50", "Err:5021", "Error: 502", "Verr:502", "#NV-2025"])
def test_text_that_only_looks_like_libreoffices_error_form_is_read(text: str) -> None:
    rows, problems = read(lines(HEADER, ROW.replace(";A", f";{text}")))

    assert problems == []
    assert rows[0][1]["reference"] == text


@pytest.mark.parametrize("value", ["#REF!", "#BEZUG!", "Err:502"])
def test_an_error_value_as_a_heading_is_named(write_dataset: DatasetWriter, value: str) -> None:
    funding = lines(f"service;funder;start;end;{value}", ROW)
    problems = problems_of(write_dataset({"funding.csv": funding}))

    assert [str(p.message) for p in problems] == [
        f"column 5 is {value}, a spreadsheet error value (a formula failed), not a heading",
        "lacks the column 'amount'",
    ]


def test_text_that_starts_with_a_hash_is_no_error_value() -> None:
    rows, problems = read(lines(HEADER, ROW.replace(";A", ";#N/A-päätös 3")))

    assert problems == []
    assert rows[0][1]["reference"] == "#N/A-päätös 3"


# -- limits ----------------------------------------------------------------------------------


def test_a_cell_over_100_000_characters_is_refused() -> None:
    _, problems = read(lines(HEADER, ROW.replace(";A", ";" + "x" * 100_001)))

    assert problems == [
        f"{SHOWN}:2: reference: has 100,001 characters, more than 100,000; expected a cell of at "
        "most 100,000 characters"
    ]


def test_a_cell_over_the_csv_modules_limit_is_refused_not_a_crash() -> None:
    _, problems = read(lines(HEADER, ROW.replace(";A", ";" + "x" * 200_000), ROW))

    assert problems == [
        f"{SHOWN}:2: reference: has more than 100,000 characters; expected a cell of at most "
        "100,000 characters"
    ]


@pytest.mark.parametrize(
    "text", ["", "\r\n", "\n;;;;\n\n", "sep=;\r\n", "sep=;\r\n\r\n", "sep=;\n;;;\n\n"]
)
def test_a_file_without_a_header_says_so(text: str) -> None:
    line = 2 if text.startswith("sep") else 1
    assert read(text) == (
        [],
        [
            f"{SHOWN}:{line}: header: has no header row; expected the header "
            "service;funder;start;end;amount;instrument;reference"
        ],
    )


# -- dates as a date cell holds them -----------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "1.1.2025 0:00",
        "1.1.2025 0.00.00",
        "1.1.2025 00:00:00",
        "2025-01-01 00:00:00",
        "1.1.2025 0.00",
    ],
)
def test_a_date_with_the_time_midnight_is_that_date(
    write_dataset: DatasetWriter, written: str
) -> None:
    funding = lines(HEADER, ROW.replace("1.1.2025", written))
    decision = fundgap.load(write_dataset({"funding.csv": funding})).funding[0]

    assert str(decision.period) == "2025-01-01..2025-12-31"


def test_a_date_with_another_time_is_an_error(write_dataset: DatasetWriter) -> None:
    funding = lines(HEADER, ROW.replace("31.12.2025", "31.12.2025 12:30"))
    problem = only_problem(write_dataset({"funding.csv": funding}))

    assert (problem.location.line, problem.location.path) == (2, "end")
    assert str(problem.message) == (
        "'31.12.2025 12:30' has a time of day, 12:30, but a funding decision runs for whole days"
    )
    assert str(problem.expected) == "a date such as 31.12.2025 or 2025-12-31"


@pytest.mark.parametrize(
    ("serial", "shown"),
    [("45658", "2025-01-01"), ("46022", "2025-12-31"), ("45716", "2025-02-28")],
)
def test_an_excel_serial_date_is_an_error_that_says_which_date_it_is(
    write_dataset: DatasetWriter, serial: str, shown: str
) -> None:
    funding = lines(HEADER, ROW.replace("1.1.2025", serial))
    problem = only_problem(write_dataset({"funding.csv": funding}))

    assert (problem.location.line, problem.location.path) == (2, "start")
    assert str(problem.message) == (
        f"'{serial}' is a date as Excel counts days, not as it shows them: {serial} is {shown}"
    )
    assert str(problem.expected) == (
        "a date such as 31.12.2025 or 2025-12-31: format the column as dates in Excel before saving"
    )


@pytest.mark.parametrize("written", ["2025", "1.1.2025 24:00", "1.1.2025 0:00 x", "123456"])
def test_other_numbers_and_times_are_no_dates(write_dataset: DatasetWriter, written: str) -> None:
    funding = lines(HEADER, ROW.replace("1.1.2025", written))
    problem = only_problem(write_dataset({"funding.csv": funding}))

    assert str(problem.message) == f"{written!r} is not a date"


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("29.2.2025", "2025 has no 29 February (it is not a leap year)"),
        ("31.4.2025", "April has 30 days"),
        ("2025-02-30", "February 2025 has 28 days"),
        ("30.02.2024", "February 2024 has 29 days"),
        ("32.12.2025", "December has 31 days"),
        ("0.1.2025", "a month has no day 0"),
        ("1.13.2025", "a year has no month 13"),
        ("2025-00-10", "a year has no month 0"),
        ("29.2.2025 0:00", "2025 has no 29 February (it is not a leap year)"),
    ],
)
def test_a_day_that_does_not_exist_says_why(
    write_dataset: DatasetWriter, written: str, why: str
) -> None:
    funding = lines(HEADER, ROW.replace("1.1.2025", written))
    problem = only_problem(write_dataset({"funding.csv": funding}))

    assert (problem.location.line, problem.location.path) == (2, "start")
    assert str(problem.message) == f"{written.split(maxsplit=1)[0]!r} is not a date: {why}"
    assert str(problem.expected) == "a date such as 31.12.2025 or 2025-12-31"


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August"]
MONTHS += ["September", "October", "November", "December"]


@given(year=st.integers(1900, 2100), month=st.integers(1, 12), data=st.data())
def test_any_day_after_the_end_of_its_month_says_how_many_days_the_month_has(
    year: int, month: int, data: st.DataObject
) -> None:
    last = calendar.monthrange(year, month)[1]
    day = data.draw(st.integers(last + 1, 99))
    form = data.draw(st.sampled_from(["{d}.{m}.{y}", "{d:02}.{m:02}.{y}", "{y}-{m:02}-{d:02}"]))
    text = form.format(d=day, m=month, y=year)

    with pytest.raises(ImpossibleDateError) as caught:
        parse_cell_date(text + data.draw(st.sampled_from(["", " 0:00", " 00:00:00"])))

    if month == 2 and day == 29:
        why = f"{year} has no 29 February (it is not a leap year)"
    elif month == 2:
        why = f"February {year} has {last} days"
    else:
        why = f"{MONTHS[month - 1]} has {last} days"
    assert str(caught.value) == f"{text!r} is not a date: {why}"


def test_parse_date_still_reads_every_day_and_refuses_the_others_as_value_errors() -> None:
    """--as-of reads its day with parse_date and turns a ValueError into its message."""
    assert parse_date("29.2.2024") == date(2024, 2, 29)
    assert parse_date("2025-12-31") == date(2025, 12, 31)
    for text in ("29.2.2025", "31.4.2025", "yesterday"):
        with pytest.raises(ValueError, match=f"^{text!r} is not a date"):
            parse_date(text)


# -- a decision read twice ---------------------------------------------------------------------

DUPLICATE = (
    "row: repeats the decision at {first} in every column, so it would be counted twice; "
    "expected each decision once: delete the pasted copy (two decisions differ at least in "
    "their reference)"
)


def test_a_pasted_row_names_both_lines(write_dataset: DatasetWriter) -> None:
    other = ROW.replace(";A", ";B")
    root = write_dataset({"funding.csv": lines(HEADER, ROW, other, ROW)})
    problem = only_problem(root)

    assert (problem.location.line, problem.location.path) == (4, "row")
    assert str(problem) == f"{root}/funding.csv:4: " + DUPLICATE.format(
        first=f"{root}/funding.csv:2"
    )


def test_rows_are_compared_by_value(write_dataset: DatasetWriter) -> None:
    same = "tre-klubitalo;stea;2025-01-01;31.12.2025 0:00;100,00 €;;A;a note"
    problems = problems_of(
        write_dataset({"funding.csv": lines(HEADER + ";notes", ROW, same, ROW + ";again")})
    )

    assert [(p.location.line, str(p.message)) for p in problems] == [
        (
            3,
            f"repeats the decision at {problems[0].location.file}:2 in every column, so it "
            "would be counted twice",
        ),
        (
            4,
            f"repeats the decision at {problems[0].location.file}:2 in every column, so it "
            "would be counted twice",
        ),
    ]


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("reference", "B"),
        ("amount", "101"),
        ("end", "30.12.2025"),
        ("instrument", "purchase"),
        ("funder", "Tampere"),
    ],
)
def test_rows_that_differ_in_one_column_are_two_decisions(
    write_dataset: DatasetWriter, column: str, value: str
) -> None:
    cells = ROW.split(";")
    cells[COLUMNS.index(column)] = value
    dataset = fundgap.load(write_dataset({"funding.csv": lines(HEADER, ROW, ";".join(cells))}))

    assert len(dataset.funding) == 2


def test_a_row_pasted_into_another_file_of_the_funding_folder(
    write_dataset: DatasetWriter,
) -> None:
    root = write_dataset(
        {
            "funding.csv": None,
            "funding/2025.csv": lines(HEADER, ROW.replace(";A", ";B"), ROW),
            "funding/2025-kopio.csv": lines("sep=;", HEADER, ROW),
        }
    )
    problem = only_problem(root)

    # the files are read in name order: 2025-kopio.csv first
    assert problem.location.file.endswith("funding/2025.csv")
    assert str(problem) == f"{root}/funding/2025.csv:3: " + DUPLICATE.format(
        first=f"{root}/funding/2025-kopio.csv:3"
    )
