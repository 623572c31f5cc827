"""A neutral table of text cells and its renderings: a text table, CSV, Markdown and JSON.

Renderers take cells that are already formatted, so tabulate never re-reads "091" as 91 or
an amount as a float. CSV cells that a spreadsheet would run as a formula are neutralised.
Cells hold text from the data, so every rendering but JSON shows their control characters
(see :mod:`fundgap.shown`); JSON keeps them exactly, written as escapes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from enum import StrEnum

import attrs

from fundgap.shown import escaped_in_json, shown, shown_in_markdown

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class TableFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    MARKDOWN = "markdown"


@attrs.frozen
class Table:
    """Rows of text cells under named columns; ``keys`` are the JSON names of the columns."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    keys: tuple[str, ...] = attrs.field()
    numeric: frozenset[str] = frozenset()

    @keys.default
    def _keys_from_columns(self) -> tuple[str, ...]:
        return self.columns

    def __attrs_post_init__(self) -> None:
        if len(self.keys) != len(self.columns):
            raise ValueError("a table needs one key per column")
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"row {row!r} does not have {len(self.columns)} cells")


def render(table: Table, fmt: TableFormat | str, *, csv_dialect: str = "rfc4180") -> str:
    """``table`` as text in format ``fmt``."""
    match TableFormat(fmt):
        case TableFormat.TABLE:
            return _text(table)
        case TableFormat.CSV:
            return _csv(table, excel_fi=csv_dialect == "excel-fi")
        case TableFormat.JSON:
            records = [dict(zip(table.keys, row, strict=True)) for row in table.rows]
            return escaped_in_json(json.dumps(records, indent=2, ensure_ascii=False)) + "\n"
        case TableFormat.MARKDOWN:
            return _markdown(table)


def _text(table: Table) -> str:
    from tabulate import tabulate

    align = tuple("right" if c in table.numeric else "left" for c in table.columns)
    rows = [[shown(c) for c in row] for row in table.rows]
    headers = [shown(c) for c in table.columns]
    return tabulate(rows, headers=headers, disable_numparse=True, colalign=align) + "\n"


def _markdown(table: Table) -> str:
    cell = shown_in_markdown
    marks = ["---:" if c in table.numeric else "---" for c in table.columns]
    lines = [
        "| " + " | ".join(cell(c) for c in table.columns) + " |",
        "| " + " | ".join(marks) + " |",
    ]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in table.rows]
    return "\n".join(lines) + "\n"


def neutralise(cell: str) -> str:
    """A cell that a spreadsheet would run as a formula, made plain text with a leading ``'``."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _csv(table: Table, *, excel_fi: bool) -> str:
    """RFC 4180 CSV; with ``excel_fi`` what Finnish Excel opens directly: ``;``, a decimal
    comma and a BOM. Numbers are written as numbers; other cells are shown (a CSV is printed on
    the terminal without ``--output``, and a spreadsheet obeys a bidi override as a terminal
    does: the exact text is in JSON) and neutralised."""
    numeric = [c in table.numeric for c in table.columns]

    def cells(row: Sequence[str]) -> list[str]:
        return [
            (c.replace(".", ",") if excel_fi else c) if is_number else neutralise(shown(c))
            for c, is_number in zip(row, numeric, strict=True)
        ]

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if excel_fi else ",", lineterminator="\r\n")
    writer.writerow([neutralise(shown(c)) for c in table.columns])
    writer.writerows(cells(row) for row in table.rows)
    return ("\ufeff" if excel_fi else "") + buffer.getvalue()
