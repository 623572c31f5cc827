"""Rendering a table of typed cells as a text table, Markdown, JSON and CSV: text as it is,
amounts, counts and days written for people in their language and for programs plainly."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fundgap.i18n import Euros, label
from fundgap.money import format_amount
from fundgap.render.table import Table, TableFormat, neutralise, render
from fundgap.shown import shown
from tests.strategies import euros

NBSP = "\xa0"
LONG_DECIMAL = "12345678901234567890.123456789"
LONG_IN_TEXT = "12,345,678,901,234,567,890.12345679"
FORMULAS = ("=SUM(A1)", "+1", "-x", "@x", "\tx")
CR_FORMULA = "\rx"  # a formula-like start that is also a line break

TABLE = Table(
    columns=("Municipality", "Code", "Amount"),
    rows=(
        ("Helsinki", "007", Decimal("1234.50")),
        ("Pori | Björneborg", "609", Decimal(LONG_DECIMAL)),
        ("Back\\slash", "1e5", Decimal("-5.00")),
    ),
    keys=("municipality", "code", "amount"),
)


def read_csv(text: str, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def commonmark_lines(text: str) -> list[str]:
    """Lines as CommonMark splits them: at LF, CRLF or a lone CR."""
    return re.split(r"\r\n|\r|\n", text.removesuffix("\n"))


# --- text table ---------------------------------------------------------------------------------


def test_text_keeps_every_cell_as_written() -> None:
    text = render(TABLE, TableFormat.TABLE)
    lines = text.splitlines()
    assert text.endswith("\n")
    assert lines[0].split() == ["Municipality", "Code", "Amount"]
    # a decimal number as CLDR writes it: grouped, without trailing zeros (to 28 digits)
    assert lines[2].split() == ["Helsinki", "007", "1,234.5"]
    assert lines[3].split() == ["Pori", "|", "Björneborg", "609", LONG_IN_TEXT]
    assert lines[4].split() == ["Back\\slash", "1e5", "-5"]


def test_text_aligns_numeric_columns_right() -> None:
    lines = render(TABLE, "table").splitlines()
    assert len({len(line) for line in lines}) == 1
    assert lines[2].endswith(" 1,234.5")
    assert lines[0].endswith(" Amount")
    assert lines[2].startswith("Helsinki ")


@given(
    st.lists(
        st.tuples(st.from_regex(r"-?0*\d{1,20}(\.\d{1,12})?(e\d)?", fullmatch=True)),
        min_size=1,
        max_size=10,
    )
)
def test_text_never_reads_cells_as_numbers(rows: list[tuple[str]]) -> None:
    table = Table(columns=("n",), rows=tuple(rows))
    lines = render(table, "table").splitlines()
    assert [line.strip() for line in lines[2:]] == [cell for (cell,) in rows]


TYPED = Table(
    columns=(label("column", "municipality"), label("column", "need"), "n", "day", "share"),
    rows=(("Kajaani", Euros(Decimal("1108000")), 98254, date(2025, 12, 31), Decimal("-37.5")),),
    keys=("municipality", "need", "n", "day", "share"),
)


def test_people_read_amounts_counts_days_and_headings_in_their_language() -> None:
    fi = render(TYPED, "table", lang="fi").splitlines()
    assert fi[0].split() == ["kunta", "tarve", "n", "day", "share"]
    assert f"1{NBSP}108{NBSP}000,00{NBSP}€" in fi[2]
    assert f"98{NBSP}254" in fi[2]
    assert "31.12.2025" in fi[2]
    assert "-37,5" in fi[2]
    sv = render(TYPED, "markdown", lang="sv").splitlines()
    assert sv[0] == "| kommun | behov | n | day | share |"
    assert sv[1] == "| --- | ---: | ---: | --- | ---: |"
    assert sv[2] == (
        f"| Kajaani | 1{NBSP}108{NBSP}000,00{NBSP}€ | 98{NBSP}254 | 31.12.2025 | -37,5 |"
    )
    en = render(TYPED, "table").splitlines()[2].split()
    assert en == ["Kajaani", "€1,108,000.00", "98,254", "2025-12-31", "-37.5"]


def test_programs_read_plain_numbers_and_iso_days() -> None:
    assert render(TYPED, "csv", lang="fi") == (
        "kunta,tarve,n,day,share\r\nKajaani,1108000.00,98254,2025-12-31,-37.5\r\n"
    )
    assert render(TYPED, "csv", lang="sv", csv_dialect="excel-fi") == (
        "\ufeffkommun;behov;n;day;share\r\nKajaani;1108000,00;98254;2025-12-31;-37,5\r\n"
    )
    assert json.loads(render(TYPED, "json", lang="fi")) == [
        {
            "municipality": "Kajaani",
            "need": "1108000.00",
            "n": "98254",
            "day": "2025-12-31",
            "share": "-37.5",
        }
    ]


# --- Markdown -----------------------------------------------------------------------------------


def test_markdown() -> None:
    assert render(TABLE, TableFormat.MARKDOWN) == (
        "| Municipality | Code | Amount |\n"
        "| --- | --- | ---: |\n"
        "| Helsinki | 007 | 1,234.5 |\n"
        f"| Pori \\| Björneborg | 609 | {LONG_IN_TEXT} |\n"
        "| Back\\\\slash | 1e5 | -5 |\n"
    )


def test_markdown_keeps_a_multi_line_cell_on_one_row() -> None:
    table = Table(columns=("a", "b"), rows=(("one\ntwo", "x|y"),))
    lines = commonmark_lines(render(table, "markdown"))
    assert lines == ["| a | b |", "| --- | --- |", "| one\\\\ntwo | x\\|y |"]


def test_markdown_keeps_a_cell_with_a_carriage_return_on_one_row() -> None:
    table = Table(columns=("a",), rows=(("one\rtwo",), ("three\r\nfour",)))
    assert len(commonmark_lines(render(table, "markdown"))) == 4


# --- JSON ---------------------------------------------------------------------------------------


def test_json_uses_the_keys_and_keeps_cells_as_text() -> None:
    text = render(TABLE, TableFormat.JSON)
    assert text.endswith("\n")
    assert "Björneborg" in text  # not escaped as \u00f6
    assert json.loads(text) == [
        {"municipality": "Helsinki", "code": "007", "amount": "1234.50"},
        {"municipality": "Pori | Björneborg", "code": "609", "amount": LONG_DECIMAL},
        {"municipality": "Back\\slash", "code": "1e5", "amount": "-5.00"},
    ]


def test_json_of_an_empty_table() -> None:
    assert json.loads(render(Table(columns=("a",), rows=()), "json")) == []


# --- CSV ----------------------------------------------------------------------------------------

SMALL = Table(
    columns=("name", "note", "amount"),
    rows=(
        ("Pori, Björneborg", 'says "hi"', Euros(Decimal("1234.5"))),
        ("Helsinki", "v1.2", Euros(Decimal("-5"))),
    ),
)


def test_csv_is_rfc_4180_by_default() -> None:
    lines = ["name,note,amount", '"Pori, Björneborg","says ""hi""",1234.50', "Helsinki,v1.2,-5.00"]
    assert render(SMALL, TableFormat.CSV) == "\r\n".join(lines) + "\r\n"


def test_csv_for_finnish_excel() -> None:
    text = render(SMALL, "csv", csv_dialect="excel-fi")
    assert text == (
        "\ufeffname;note;amount\r\n"
        'Pori, Björneborg;"says ""hi""";1234,50\r\n'
        "Helsinki;v1.2;-5,00\r\n"
    )


def test_csv_for_finnish_excel_has_a_decimal_comma_in_numeric_columns_only() -> None:
    rows = read_csv(render(TABLE, "csv", csv_dialect="excel-fi").removeprefix("\ufeff"), ";")
    assert [row[2] for row in rows[1:]] == ["1234,50", LONG_DECIMAL.replace(".", ","), "-5,00"]
    table = Table(columns=("text", "n"), rows=(("1.5", Decimal("1.5")),))
    rows = read_csv(render(table, "csv", csv_dialect="excel-fi").removeprefix("\ufeff"), ";")
    assert rows == [["text", "n"], ["1.5", "1,5"]]


@pytest.mark.parametrize(
    ("formula", "dialect"),
    [(f, dialect) for f in FORMULAS for dialect in ("rfc4180", "excel-fi")],
)
def test_csv_neutralises_formulas_in_text_columns(formula: str, dialect: str) -> None:
    table = Table(columns=("text", formula, "n"), rows=((formula, "x", Euros(Decimal(-5))),))
    text = render(table, "csv", csv_dialect=dialect).removeprefix("\ufeff")
    rows = read_csv(text, ";" if dialect == "excel-fi" else ",")
    minus_five = "-5,00" if dialect == "excel-fi" else "-5.00"
    assert rows == [["text", "'" + formula, "n"], ["'" + formula, "x", minus_five]]


@pytest.mark.parametrize("formula", [*FORMULAS, CR_FORMULA])
def test_neutralise(formula: str) -> None:
    assert neutralise(formula) == "'" + formula
    assert neutralise("a" + formula) == "a" + formula


def test_only_csv_neutralises() -> None:
    table = Table(columns=("f",), rows=(("=SUM(A1)",),))
    assert json.loads(render(table, "json")) == [{"f": "=SUM(A1)"}]
    assert "| =SUM(A1) |" in render(table, "markdown")
    text = render(table, "table")
    assert "=SUM(A1)" in text
    assert "'=SUM(A1)" not in text


def test_csv_shows_a_line_break_inside_its_cell() -> None:
    """Each row stays on its line of the file, and a cell that starts with a carriage return
    no longer starts with what a spreadsheet may take for a formula."""
    table = Table(columns=("a", "b"), rows=(("one\rtwo", "x"), ("three\nfour", CR_FORMULA)))
    assert render(table, "csv") == "a,b\r\none\\rtwo,x\r\nthree\\nfour,\\rx\r\n"


# --- properties ---------------------------------------------------------------------------------


@st.composite
def tables(draw: st.DrawFn, cells: st.SearchStrategy[str]) -> Table:
    """Tables of 1–4 uniquely named text columns of ``cells`` and maybe a column of amounts."""
    columns = draw(st.lists(cells, min_size=1, max_size=4, unique=True))
    with_amounts = draw(st.booleans())
    if with_amounts:
        columns.append(draw(cells.filter(lambda c: c not in columns)))
    width = len(columns)
    text_rows: list[list[str | Euros]] = draw(
        st.lists(st.lists(cells, min_size=width, max_size=width), max_size=6)
    )
    if with_amounts:
        for row in text_rows:
            row[-1] = Euros(draw(euros()))
    return Table(columns=tuple(columns), rows=tuple(tuple(r) for r in text_rows))


def expected_csv(table: Table, *, excel_fi: bool) -> list[list[str]]:
    expected = [[neutralise(shown(str(c))) for c in table.columns]]
    for row in table.rows:
        expected.append(
            [
                (
                    format_amount(cell.amount).replace(".", ",")
                    if excel_fi
                    else format_amount(cell.amount)
                )
                if isinstance(cell, Euros)
                else neutralise(shown(str(cell)))
                for cell in row
            ]
        )
    return expected


@given(tables(st.text()))
def test_rfc_4180_csv_reads_back(table: Table) -> None:
    text = render(table, "csv")
    assert not text.startswith("\ufeff")
    assert read_csv(text) == expected_csv(table, excel_fi=False)


@given(tables(st.text()))
def test_finnish_excel_csv_reads_back(table: Table) -> None:
    text = render(table, "csv", csv_dialect="excel-fi")
    assert text.startswith("\ufeff")
    assert read_csv(text.removeprefix("\ufeff"), ";") == expected_csv(table, excel_fi=True)


@given(tables(st.text()))
def test_json_reads_back(table: Table) -> None:
    assert json.loads(render(table, "json")) == [
        {
            key: format_amount(cell.amount) if isinstance(cell, Euros) else cell
            for key, cell in zip(table.keys, row, strict=True)
        }
        for row in table.rows
    ]


@given(tables(st.text()), st.sampled_from(list(TableFormat)))
def test_render_never_raises(table: Table, fmt: TableFormat) -> None:
    text = render(table, fmt)
    assert isinstance(text, str)
    assert text.endswith("\n")


@given(tables(st.text(st.characters(exclude_characters="\r"))))
def test_markdown_has_one_line_per_row(table: Table) -> None:
    lines = commonmark_lines(render(table, "markdown"))
    assert len(lines) == len(table.rows) + 2
    for line in lines:
        unescaped = re.sub(r"\\.", "", line)
        assert unescaped.count("|") == len(table.columns) + 1


# --- the table itself ---------------------------------------------------------------------------


@pytest.mark.parametrize("row", [("a",), ("a", "b", "c"), ()])
def test_a_row_of_the_wrong_width_is_refused(row: tuple[str, ...]) -> None:
    with pytest.raises(ValueError, match="does not have 2 cells"):
        Table(columns=("x", "y"), rows=(("1", "2"), row))


def test_one_key_per_column() -> None:
    with pytest.raises(ValueError, match="one key per column"):
        Table(columns=("x", "y"), rows=(), keys=("x",))
    assert Table(columns=("x", "y"), rows=()).keys == ("x", "y")


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="xml"):
        render(TABLE, "xml")
