"""A neutral table of typed cells and its renderings: a text table, CSV, Markdown and JSON.

Cells keep their type until a format writes them, so that each writes a value its own way: an
amount is ``1 234,50 €`` in a Finnish text table or Markdown, ``1234.50`` in CSV (``1234,50``
in the ``excel-fi`` dialect) and JSON; a day is ``31.12.2025`` for a Finnish reader and ISO in
CSV and JSON; a count is grouped for people and plain for programs. Headings, statuses and
names are :class:`~fundgap.i18n.Message` or :class:`~fundgap.i18n.Names` values, put in the
output language (JSON: English). Text cells are never re-read: tabulate never takes "091"
for 91 or an amount for a float. CSV cells that a spreadsheet would run as a formula are
neutralised. Cells hold text from the data, so every rendering but JSON shows their control
characters (see :mod:`fundgap.shown`); JSON keeps them exactly, written as escapes.
"""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from enum import StrEnum

import attrs

from fundgap.i18n.message import Euros, Listing, Message, Names, Number, listing, plural
from fundgap.i18n.translation import translate
from fundgap.money import format_amount
from fundgap.shown import escaped_in_json, shown, shown_in_markdown

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# What a cell may hold: text from the data (``str``), a count (``int``), a share or other
# decimal number (``Decimal``), an amount (:class:`Euros`), a day (``date``), or words in the
# output language (:class:`Message`, :class:`Names`, a :class:`Listing` of them).
Cell = str | int | Decimal | date | Euros | Number | Message | Names | Listing
_NUMBERS = (int, Decimal, Euros, Number)


class TableFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    MARKDOWN = "markdown"


@attrs.frozen
class Table:
    """Rows of typed cells under headings; ``keys`` are the JSON names of the columns. A
    column whose cells are all numbers (counts, shares, amounts) is aligned right and is
    written as numbers in CSV."""

    columns: tuple[Message | str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    keys: tuple[str, ...] = attrs.field()
    # the keys of the columns that a terminal too narrow for the whole table may leave out,
    # the least needed first
    optional: tuple[str, ...] = ()

    @keys.default
    def _keys_from_columns(self) -> tuple[str, ...]:
        return tuple(str(column) for column in self.columns)

    def __attrs_post_init__(self) -> None:
        if len(self.keys) != len(self.columns):
            raise ValueError("a table needs one key per column")
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"row {row!r} does not have {len(self.columns)} cells")

    @property
    def numeric(self) -> tuple[bool, ...]:
        """For each column, whether it holds numbers only (and at least one row)."""
        return tuple(
            bool(self.rows)
            and all(
                isinstance(row[index], _NUMBERS) and not isinstance(row[index], bool)
                for row in self.rows
            )
            for index in range(len(self.columns))
        )


def render(
    table: Table,
    fmt: TableFormat | str,
    *,
    csv_dialect: str = "rfc4180",
    lang: str = "en",
    width: int | None = None,
) -> str:
    """``table`` as text in format ``fmt``, its words and numbers written for ``lang``. A
    text table wider than ``width`` characters (a terminal's) wraps its longest text columns;
    with no ``width`` (a file, a pipe) it is never wrapped."""
    match TableFormat(fmt):
        case TableFormat.TABLE:
            return _text(table, lang, width)
        case TableFormat.CSV:
            return _csv(table, lang, excel_fi=csv_dialect == "excel-fi")
        case TableFormat.JSON:
            records = [
                {key: _for_programs(cell) for key, cell in zip(table.keys, row, strict=True)}
                for row in table.rows
            ]
            return escaped_in_json(json.dumps(records, indent=2, ensure_ascii=False)) + "\n"
        case TableFormat.MARKDOWN:
            return _markdown(table, lang)


def for_people(cell: Cell | Message, lang: str) -> str:
    """A cell as a person reads it in ``lang``: ``1 234,50 €``, ``31.12.2025``, ``1 234``."""
    from fundgap.i18n.translation import written

    return written(cell, lang) if not isinstance(cell, int) else written(Number(cell), lang)


def _for_programs(cell: Cell) -> str:
    """A cell as CSV and JSON write it: amounts ``1234.50``, days ISO, counts plain, words in
    English (a place in Finnish, as the registry's keys)."""
    from fundgap.i18n.translation import written

    match cell:
        case str():
            return cell
        case Euros():
            return format_amount(cell.amount)
        case Number():
            return str(cell.value)
        case bool():
            return str(cell)
        case int() | Decimal():
            return str(cell)
        case date():
            return cell.isoformat()
    return written(cell, "en")


def _text(table: Table, lang: str, width: int | None) -> str:
    """A text table; given a ``width`` (a terminal's), its text columns wrapped to fit it and,
    where even that is too wide, its optional columns left out, least needed first, with a
    note that says which."""
    from tabulate import tabulate

    numeric = list(table.numeric)
    rows = [[shown(for_people(cell, lang)) for cell in row] for row in table.rows]
    headers = [shown(for_people(column, lang)) for column in table.columns]
    keys, optional, left_out = list(table.keys), list(table.optional), []
    while True:
        fitted_rows, fitted_headers = [list(row) for row in rows], list(headers)
        if width is not None:
            fitted_rows, fitted_headers = _fitted(fitted_rows, fitted_headers, numeric, width)
        align = tuple("right" if number else "left" for number in numeric)
        text = tabulate(fitted_rows, headers=fitted_headers, disable_numparse=True, colalign=align)
        if width is None or not optional or max(map(len, text.split("\n"))) <= width:
            break
        index = keys.index(optional.pop(0))  # too wide: leave out the least needed column
        keys.pop(index)
        left_out.append(headers.pop(index))
        numeric.pop(index)
        for row in rows:
            row.pop(index)
    text += "\n"
    if left_out:
        note = plural(
            "({count} column left out to fit the terminal: {columns}; a wider terminal, a pipe "
            "or a file shows it)",
            "({count} columns left out to fit the terminal: {columns}; a wider terminal, a "
            "pipe or a file shows them)",
            len(left_out),
            columns=listing(" ".join(heading.split()) for heading in left_out),
        )
        text += "\n".join(textwrap.wrap(translate(note, lang), width or 80)) + "\n"
    return text


def _words(text: str) -> list[str]:
    """The pieces a cell may be wrapped into: its words, and the parts of a word joined by
    hyphens (an id such as ``pirha-klubitalo-sastamala``)."""
    return [part for word in text.split() for part in re.split(r"(?<=-)", word) if part]


LONG_WORD = 16
"""A word longer than this (a Finnish compound: ``mielenterveyskuntoutujille``) may be broken
where a column would otherwise not fit."""


def _floor(cells: Sequence[str], heading: str, number: bool) -> int:
    """The narrowest a column may be: its longest piece, up to :data:`LONG_WORD` (a number is
    never wrapped), a heading's longest word and two, and 8 characters."""
    if number:
        pieces = [len(cell) for cell in cells]
    else:
        pieces = [min(len(word), LONG_WORD) for cell in cells for word in _words(cell)]
    return max([8, *(len(word) + 2 for word in heading.split()), *pieces])


def _fitted(
    rows: list[list[str]], headers: list[str], numeric: Sequence[bool], width: int
) -> tuple[list[list[str]], list[str]]:
    """``rows`` and ``headers`` with the widest columns wrapped at spaces and hyphens until the
    table fits in ``width`` characters (two spaces between columns), or until no column can be
    narrower (:func:`_floor`)."""

    def wrapped(text: str, target: int) -> str:
        return "\n".join(textwrap.wrap(text, target) or [""])

    def widths() -> list[int]:
        """The columns' widths as tabulate makes them: a heading takes two more."""
        return [
            max(
                *(len(line) + 2 for line in headers[i].split("\n")),
                *(len(line) for r in rows for line in r[i].split("\n")),
            )
            for i in range(len(headers))
        ]

    floors = [_floor([row[i] for row in rows], headers[i], numeric[i]) for i in range(len(headers))]
    # narrow the widest column to the next widest, and so on, until the table fits: the
    # long names give way first, and no column is narrowed more than it must be
    target = widths()
    while (excess := sum(target) + 2 * (len(target) - 1) - width) > 0:
        candidates = [i for i in range(len(headers)) if target[i] > floors[i]]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: target[i])
        next_widest = max((target[i] for i in candidates if i != widest), default=0)
        narrower = min(next_widest, target[widest] - 1)  # by one at least: columns may tie
        target[widest] = max(floors[widest], target[widest] - excess, narrower)
    for i, (now, wanted) in enumerate(zip(widths(), target, strict=True)):
        if wanted < now:
            headers[i] = wrapped(headers[i], wanted - 2)
            if not numeric[i]:
                for row in rows:
                    row[i] = wrapped(row[i], wanted)
    return rows, headers


def _markdown(table: Table, lang: str) -> str:
    def cell(value: Cell | Message) -> str:
        return shown_in_markdown(for_people(value, lang))

    marks = ["---:" if number else "---" for number in table.numeric]
    lines = [
        "| " + " | ".join(cell(c) for c in table.columns) + " |",
        "| " + " | ".join(marks) + " |",
    ]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in table.rows]
    return "\n".join(lines) + "\n"


def neutralise(cell: str) -> str:
    """A cell that a spreadsheet would run as a formula, made plain text with a leading ``'``."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _csv(table: Table, lang: str, *, excel_fi: bool) -> str:
    """RFC 4180 CSV; with ``excel_fi`` what Finnish Excel opens directly: ``;``, a decimal
    comma and a BOM. Numbers and days are written for programs (``1234.50``, ``2025-12-31``);
    headings, statuses and names in ``lang``. Other cells are shown (a CSV is printed on the
    terminal without ``--output``, and a spreadsheet obeys a bidi override as a terminal
    does: the exact text is in JSON) and neutralised."""
    from fundgap.i18n.translation import written

    def text(cell: Cell | Message) -> str:
        return neutralise(shown(cell if isinstance(cell, str) else written(cell, lang)))

    def cells(row: Sequence[Cell]) -> list[str]:
        out = []
        for cell in row:
            if isinstance(cell, _NUMBERS) and not isinstance(cell, bool):
                number = _for_programs(cell)
                out.append(number.replace(".", ",") if excel_fi else number)
            elif isinstance(cell, date):
                out.append(cell.isoformat())
            else:
                out.append(text(cell))
        return out

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if excel_fi else ",", lineterminator="\r\n")
    writer.writerow([text(c) for c in table.columns])
    writer.writerows(cells(row) for row in table.rows)
    return ("\ufeff" if excel_fi else "") + buffer.getvalue()
