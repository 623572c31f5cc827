"""Funding decisions from CSV as people export them from Excel, Finnish Excel included.

Finnish Excel writes ``;`` between cells, a decimal comma, spaces (often no-break spaces) between
thousands, a trailing ``€``, dates as ``31.12.2025``, a byte-order mark and CRLF line ends. All of
that is read as meant; the values stay text here and are checked by the loader.
"""

from __future__ import annotations

import csv
import difflib

import attrs

from fundgap.errors import Location, Problem, did_you_mean

COLUMNS = ("service", "funder", "start", "end", "amount", "instrument", "reference")
REQUIRED = ("service", "funder", "start", "end", "amount")
HEADER = ";".join(COLUMNS)

# Finnish and Swedish headings that people type when they make the sheet themselves.
_ALIASES = {
    "palvelu": "service",
    "tjänst": "service",
    "rahoittaja": "funder",
    "finansiär": "funder",
    "alku": "start",
    "alkaa": "start",
    "början": "start",
    "loppu": "end",
    "päättyy": "end",
    "slut": "end",
    "summa": "amount",
    "määrä": "amount",
    "belopp": "amount",
    "rahoitusmuoto": "instrument",
    "muoto": "instrument",
    "form": "instrument",
    "viite": "reference",
    "päätös": "reference",
    "beslut": "reference",
}


@attrs.frozen
class FundingRow:
    """One data row: its line in the file and its cells by column name (empty when absent)."""

    location: Location
    cells: dict[str, str]

    def at(self, column: str) -> Location:
        return attrs.evolve(self.location, path=column)


def read_funding_csv(text: str, shown: str) -> tuple[list[FundingRow], list[Problem]]:
    """The rows of a funding CSV, or the problem with its header."""
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        return [], [
            Problem(Location(shown, 1, "header"), "has no header row", f"the header {HEADER}")
        ]
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    reader = csv.reader(lines, delimiter=delimiter)
    header = [_column(cell) for cell in next(reader)]
    problems = []
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        unknown = [cell for cell in header if cell and cell not in COLUMNS]
        hint = ""
        for name in missing:
            close = difflib.get_close_matches(name, unknown, n=1)
            hint += f"; {close[0]!r} may be a misspelt {name!r}" if close else ""
        names = ", ".join(repr(n) for n in missing)
        column_word = "column" if len(missing) == 1 else "columns"
        problems.append(
            Problem(
                Location(shown, 1, "header"),
                f"lacks the {column_word} {names}{hint}",
                f"a header row such as {HEADER}",
            )
        )
        return [], problems
    for index, name in enumerate(header):
        close = difflib.get_close_matches(name, [c for c in COLUMNS if c not in header], n=1)
        if name not in COLUMNS and close:
            # an unknown column is kept as a note, unless it is a misspelt one of ours
            problems.append(
                Problem(
                    Location(shown, 1, "header"),
                    f"column {index + 1} is {name!r}{did_you_mean(close)}",
                    f"the column names {', '.join(COLUMNS)}",
                )
            )
    if problems:
        return [], problems
    rows = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        number = reader.line_num
        values = {name: cells[i].strip() if i < len(cells) else "" for i, name in enumerate(header)}
        rows.append(FundingRow(Location(shown, number), values))
    return rows, problems


def column_at(header: bytes, before: bytes) -> str:
    """The column of a CSV cell from the raw bytes before it on its line (for error messages)."""
    if not before.strip() or before == header[: len(before)]:
        return "header"
    first = header.decode("cp1252", errors="replace")
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    names = [_column(cell) for cell in first.split(delimiter)]
    index = before.decode("cp1252", errors="replace").count(delimiter)
    return names[index] if index < len(names) else f"column {index + 1}"


def _column(cell: str) -> str:
    name = cell.strip().strip('"').lower()
    return _ALIASES.get(name, name)
