"""Funding decisions from CSV as people export them from Excel, Finnish Excel included.

Finnish Excel writes ``;`` between cells, a decimal comma, spaces (often no-break spaces) between
thousands, a trailing ``€``, dates as ``31.12.2025``, a byte-order mark and CRLF line ends; its
other save formats put a ``sep=;`` line first or tabs between the cells. All of that is read as
meant; the values stay text here and are checked by the loader.

What would change a figure without a word is refused here, at its line: a row with more cells
than the header, even if the extra ones are empty (an unquoted ``95,000`` in a comma-separated
file), an amount split at its comma into the next columns of a row no longer than the header
(``95`` and a reference ``000``), a heading given twice, a quoted cell that runs over a line end
(a stray quote swallows the rows after it), an invisible line separator in a cell, a spreadsheet
error value such as ``#N/A`` (or German Excel's ``#NV``, LibreOffice's ``Err:502``). As in
Excel, only LF, CR LF and CR end a row, and empty rows above the header are skipped. A ``sep=``
line that names another delimiter than the header's, and a row typed with another delimiter,
are each one error that says so.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import re
from collections.abc import Iterable, Iterator

import attrs

from fundgap.errors import Location, Problem, did_you_mean
from fundgap.i18n import Message, Number, Quoted, label, listing, message, plural, quoted
from fundgap.limits import MAX_TEXT
from fundgap.model import FundingDecision
from fundgap.money import parse_amount

COLUMNS = ("service", "funder", "start", "end", "amount", "instrument", "reference")
REQUIRED = ("service", "funder", "start", "end", "amount")
HEADER = ";".join(COLUMNS)
MAX_CELL = MAX_TEXT  # characters in one cell (SPEC §4, limits)

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

# What a cell shows when its formula failed, one row per error, in the languages of Excel in
# Finnish offices and in German, "" where a language's form is not listed. docs/format.md shows
# this very table (a test compares them row by row).
ERROR_LANGUAGES = ("English", "Finnish", "Swedish", "German")
ERROR_TABLE = (
    ("#N/A", "#PUUTTUU", "#SAKNAS!", "#NV"),
    ("#VALUE!", "#ARVO!", "#VÄRDEFEL!", "#WERT!"),
    ("#DIV/0!", "#JAKO/0!", "#DIVISION/0!", "#DIV/0!"),
    ("#REF!", "#VIITTAUS!", "#REFERENS!", "#BEZUG!"),
    ("#NAME?", "#NIMI?", "#NAMN?", "#NAME?"),
    ("#NUM!", "#LUKU!", "#OGILTIGT!", "#ZAHL!"),
    ("#NULL!", "#TYHJÄ!", "#SKÄRNING!", "#NULL!"),
    ("#SPILL!", "", "", "#ÜBERLAUF!"),
    ("#CALC!", "", "", "#KALK!"),
    ("#GETTING_DATA", "", "", "#DATEN_ABRUFEN"),
    *(("#FIELD!", "", "", ""), ("#BLOCKED!", "", "", ""), ("#CONNECT!", "", "", "")),
    *(("#BUSY!", "", "", ""), ("#UNKNOWN!", "", "", "")),
)
ERROR_VALUES = tuple(value for row in ERROR_TABLE for value in row if value)
# LibreOffice Calc shows the English forms above for some errors and Err: with a three-digit
# code for the others (Err:502, invalid argument); in every language.
LIBREOFFICE_ERROR = re.compile(r"Err:[0-9]{3}", re.IGNORECASE)
_ERROR_VALUES = frozenset(value.casefold() for value in ERROR_VALUES)

# The characters other than LF and CR that str.splitlines takes for a line end. Excel does not:
# in a cell they are invisible, and the row goes on after them.
SEPARATORS = {
    "\v": "U+000B LINE TABULATION",
    "\f": "U+000C FORM FEED",
    "\x1c": "U+001C FILE SEPARATOR",
    "\x1d": "U+001D GROUP SEPARATOR",
    "\x1e": "U+001E RECORD SEPARATOR",
    "\x85": "U+0085 NEXT LINE",
    "\u2028": "U+2028 LINE SEPARATOR",
    "\u2029": "U+2029 PARAGRAPH SEPARATOR",
}
_SEPARATOR = re.compile("[" + "".join(SEPARATORS) + "]")
_SEP_LINE = re.compile(r"sep=([^\s\"]|\t)\1*[ \t]*", re.IGNORECASE)  # Excel's delimiter line
# An amount split at its unquoted commas: the first group of thousands, the groups after it (the
# last maybe with decimals and a euro sign); a whole amount and the cents after a decimal comma.
_FIRST_GROUP = re.compile(r"[0-9]{1,3}")
_GROUP = re.compile(r"[0-9]{3}")
_LAST_GROUP = re.compile(r"[0-9]{3}(?:\.[0-9]*)?(?:\s*(?:€|eur))?", re.IGNORECASE)
_WHOLE = re.compile(r"[0-9]+|[0-9]{1,3}(?:[ \u00a0\u202f'][0-9]{3})+")
_CENTS = re.compile(r"[0-9]{1,2}(?:\s*(?:€|eur))?", re.IGNORECASE)
# Where one or two digits alone are no likely value (nor in a column without a heading, where
# Excel spills what runs over); a column of notes may hold small numbers, but not "75 €".
_CENTS_COLUMNS = ("reference", "instrument")
_EURO_CENTS = re.compile(r"[0-9]{1,2}\s*(?:€|eur)", re.IGNORECASE)
# A line with no text in any cell: an empty line, or Excel's ;;;;;; for an empty row.
_BLANK = re.compile(r'(?:\s|[;,]|"")*')
_LINE_END = re.compile(r"\r\n?|\n")
_BYTE_LINE_END = re.compile(rb"\r\n?|\n")
_DELIMITER_NAMES = {
    ";": label("delimiter", "semicolon"),
    ",": label("delimiter", "comma"),
    "\t": label("delimiter", "tab"),
}
_DELIMITERS_SHOWN: dict[str, Message | Quoted] = {
    ";": Quoted(";"),
    ",": Quoted(","),
    "\t": label("delimiter shown", "a tab"),
}
# The rest of a quoted cell on a line of its own: the cell closes at a quote not doubled.
_CLOSING_QUOTE = re.compile(r'[^"]*(?:""[^"]*)*"(?!")')
_ONE_LINE = message(
    "each cell on one line: a quote that starts a cell closes it on the same line, and a quote "
    'inside a quoted cell is doubled ("")'
)
_NO_SEPARATOR = message("the text without it: delete the invisible character")
_LIMIT = message("a cell of at most {most} characters", most=Number(MAX_CELL))
_COLUMN_NAMES = message("the column names {columns}", columns=", ".join(COLUMNS))


@attrs.frozen
class FundingRow:
    """One data row: its line in the file and its cells by column name (empty when absent)."""

    location: Location
    cells: dict[str, str]

    def at(self, column: str) -> Location:
        return attrs.evolve(self.location, path=column)


def read_funding_csv(text: str, shown: str) -> tuple[list[FundingRow], list[Problem]]:
    """The rows of a funding CSV, or the problems with its header, its rows or its quotes.

    A row with a problem is reported here and not returned, so that its cells, which may
    belong to other columns or to no cell at all, are not checked again as values.
    """
    text = text.lstrip("\ufeff")  # a byte-order mark that a second save wrote again
    lines = io.StringIO(text, newline="").readlines()  # ends at LF, CR LF and CR only
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n"  # so that a quote left open at the very end holds a line end
    first, delimiter = 0, None
    if lines and (match := _SEP_LINE.fullmatch(lines[0].rstrip("\r\n"))):
        first, delimiter = 1, match.group(1)
    expected_at = first
    while first < len(lines) and _BLANK.fullmatch(lines[first]):
        first += 1  # empty rows above the header, as the sheet has them
    if first == len(lines):
        location = Location(shown, expected_at + 1, "header")
        return [], [
            Problem(
                location,
                message("has no header row"),
                message("the header {header}", header=HEADER),
            )
        ]
    if delimiter and (problem := _sep_mismatch(shown, delimiter, lines[first])):
        return [], [problem]
    table = _Table(shown, lines, delimiter or _delimiter(lines[first]))
    records = table.records(first)
    header = next(records, None)
    if header is None or table.problems or not table.header(*header):
        return [], table.problems
    rows = []
    checked = (
        bool(_SEPARATOR.search(text)) or "#" in text or len(text) > MAX_CELL or _holds_err(text)
    )
    names = table.names
    width = len(names)
    needed = max(names.index(name) for name in REQUIRED) + 1  # cells up to the last required
    after = names.index("amount") + 1  # the cell after the amount
    comma = table.delimiter == ","
    for number, cells in records:
        if (len(cells) > width or checked) and not table.sound(number, cells):
            continue
        if not "".join(cells).strip():
            continue  # Excel leaves ;;;;;; rows at the end
        if len(cells) < needed and table.other_delimiter(number, cells, needed):
            continue
        if (
            comma
            and len(cells) > after
            and cells[after].lstrip()[:1].isdigit()
            and table.split_amount(number, cells)
        ):
            continue
        values = {name: cells[i].strip() if i < len(cells) else "" for i, name in enumerate(names)}
        rows.append(FundingRow(Location(shown, number), values))
    return rows, table.problems


def repeated_decisions(decisions: Iterable[FundingDecision]) -> list[Problem]:
    """A decision read twice, each later copy at its own row: a pasted duplicate. Two real
    decisions differ at least in their reference, so equal values in every column (amounts and
    dates compared as values, so ``150 000,00 €`` is ``150000``) are one decision."""
    first: dict[FundingDecision, Location] = {}
    problems = []
    for decision in decisions:
        if decision.source is None:
            continue
        seen = first.setdefault(decision, decision.source)
        if seen is not decision.source:
            problems.append(
                Problem(
                    attrs.evolve(decision.source, path="row"),
                    message(
                        "repeats the decision at {where} in every column, so it would be "
                        "counted twice",
                        where=f"{seen.file}:{seen.line}",
                    ),
                    message(
                        "each decision once: delete the pasted copy (two decisions differ at "
                        "least in their reference)"
                    ),
                )
            )
    return problems


def column_at(data: bytes, line_start: int, position: int) -> str:
    """The column of a CSV cell at ``position`` in the raw bytes (for error messages)."""
    header_start = 0
    while data.startswith(codecs.BOM_UTF8, header_start):
        header_start += len(codecs.BOM_UTF8)
    header, delimiter = _raw_line(data, header_start), ""
    if (match := _SEP_LINE.fullmatch(header)) and (
        end := _BYTE_LINE_END.search(data, header_start)
    ):
        header_start, delimiter = end.end(), match.group(1)
        header = _raw_line(data, header_start)
    while _BLANK.fullmatch(header) and (end := _BYTE_LINE_END.search(data, header_start)):
        header_start = end.end()  # empty rows above the header
        header = _raw_line(data, header_start)
    if line_start <= header_start:
        return "header"
    delimiter = delimiter or _delimiter(header)
    names = [_column(cell) for cell in header.split(delimiter)]
    before = data[line_start:position].decode("cp1252", errors="replace")
    return _name(names, before.count(delimiter))


@attrs.define
class _Table:
    """The lines of one CSV file being read, with the header's column names once known."""

    shown: str
    lines: list[str]
    delimiter: str
    names: list[str] = attrs.Factory(list)
    problems: list[Problem] = attrs.Factory(list)

    def records(self, first: int) -> Iterator[tuple[int, list[str]]]:
        """Each record from the line index ``first`` on, with the number of the line it starts
        on. A quoted cell that runs over a line end is reported, and reading goes on after the
        line where it closes, or, if it never does, after the line where it opens."""
        index = first
        while index < len(self.lines):
            reader = csv.reader(
                map(self.lines.__getitem__, range(index, len(self.lines))),
                delimiter=self.delimiter,
            )
            done = 0  # lines read by this reader up to the end of the last record
            count = len(self.lines) - index  # lines this reader can read
            try:
                for cells in reader:
                    read = reader.line_num
                    if read - done > 1 or (  # or a quote open at the end of the file
                        read == count and cells and _LINE_END.search(cells[-1])
                    ):
                        break
                    done = read
                    yield index + read, cells
                else:
                    return
            except csv.Error:
                pass  # a cell longer than the csv module allows: a runaway quote, or just long
            problem, index = self._overrun(index + done)
            self.problems.append(problem)

    def header(self, number: int, headings: list[str]) -> bool:
        """Take the column names from the header row; False when it has a problem."""
        at = Location(self.shown, number, "header")
        self.names = names = [_column(cell) for cell in headings]
        for index, heading in enumerate(headings):
            if found := _SEPARATOR.search(heading):
                self._report(
                    at,
                    message(
                        "column {number} holds {character}, an invisible character that some "
                        "programs take for a line end",
                        number=index + 1,
                        character=SEPARATORS[found.group()],
                    ),
                    _NO_SEPARATOR,
                )
            if _is_error_value(heading.strip()):
                self._report(
                    at,
                    message(
                        "column {number} is {value}, a spreadsheet error value (a formula "
                        "failed), not a heading",
                        number=index + 1,
                        value=heading.strip(),
                    ),
                    _COLUMN_NAMES,
                )
        missing = [name for name in REQUIRED if name not in names]
        if missing:
            unknown = [cell for cell in names if cell and cell not in COLUMNS]
            words = plural(
                "lacks the column {columns}",
                "lacks the columns {columns}",
                len(missing),
                columns=listing(quoted(missing)),
            )
            for name in missing:
                if close := difflib.get_close_matches(name, unknown, n=1):
                    hint = message(
                        "{given} may be a misspelt {name}",
                        given=Quoted(close[0]),
                        name=Quoted(name),
                    )
                    words = message("{problem}; {hint}", problem=words, hint=hint)
            self._report(at, words, message("a header row such as {header}", header=HEADER))
            return False
        for name in COLUMNS:
            where = [index for index, cell in enumerate(names) if cell == name]
            if len(where) > 1:
                given = listing(
                    message(
                        "column {number} {heading}",
                        number=i + 1,
                        heading=Quoted(headings[i].strip()),
                    )
                    for i in where
                )
                if len(where) == 2:
                    words = message(
                        "has the column {name} twice, as {columns}",
                        name=Quoted(name),
                        columns=given,
                    )
                else:
                    words = message(
                        "has the column {name} {count} times, as {columns}",
                        name=Quoted(name),
                        count=Number(len(where)),
                        columns=given,
                    )
                self._report(
                    at,
                    words,
                    message("each column once: delete the extra column or rename its heading"),
                )
        for index, name in enumerate(names):
            close = difflib.get_close_matches(name, [c for c in COLUMNS if c not in names], n=1)
            if name not in COLUMNS and close:
                # an unknown column is kept as a note, unless it is a misspelt one of ours
                self._report(
                    at,
                    message(
                        "column {number} is {name}{suggestions}",
                        number=index + 1,
                        name=Quoted(name),
                        suggestions=did_you_mean(close),
                    ),
                    _COLUMN_NAMES,
                )
        return not self.problems

    def sound(self, number: int, cells: list[str]) -> bool:
        """Whether a row is what it seems; if not, its problems are reported."""
        at = Location(self.shown, number)
        if len(cells) > len(self.names) and "".join(cells).strip():
            self.problems.append(self._too_many(at, cells))
            return False
        line = self.lines[number - 1]  # the whole row: one that runs over more is refused
        if (
            "#" not in line
            and len(line) <= MAX_CELL
            and not _SEPARATOR.search(line)
            and not _holds_err(line)
        ):
            return True
        count = len(self.problems)
        for index, cell in enumerate(cells):
            if not cell:
                continue  # quick for a row of 100 000 empty cells (a long line of ;)
            where = attrs.evolve(at, path=_name(self.names, index))
            if found := _SEPARATOR.search(cell):
                self._report(
                    where,
                    message(
                        "holds {character}, an invisible character that some programs take "
                        "for a line end",
                        character=SEPARATORS[found.group()],
                    ),
                    _NO_SEPARATOR,
                )
            else:
                value = cell.strip()
                if value[:1] in ("#", "E", "e") and _is_error_value(value):
                    self._report(
                        where,
                        message(
                            "is {value}, a spreadsheet error value: a formula failed, so the "
                            "cell holds no data",
                            value=value,
                        ),
                        message(
                            "the value itself: correct the formula in the spreadsheet, or paste "
                            "the values, before saving"
                        ),
                    )
            if len(cell) > MAX_CELL:
                self._report(
                    where,
                    message(
                        "has {count} characters, more than {most}",
                        count=Number(len(cell)),
                        most=Number(MAX_CELL),
                    ),
                    _LIMIT,
                )
        return len(self.problems) == count

    def other_delimiter(self, number: int, cells: list[str], needed: int) -> bool:
        """Whether a row too short for the required columns holds them when split at another
        delimiter (a row typed with ``,`` under a ``;`` header); if so, it is reported once."""
        line = self.lines[number - 1]
        counts = {}
        for other in (";", ",", "\t"):
            if other != self.delimiter and other in line:
                try:
                    counts[other] = len(next(csv.reader([line], delimiter=other)))
                except csv.Error:
                    continue
        fits = [other for other, count in counts.items() if count >= needed]
        if not fits:
            return False
        width = len(self.names)
        other = min(fits, key=lambda other: abs(counts[other] - width))
        used = _DELIMITERS_SHOWN.get(self.delimiter, Quoted(self.delimiter))
        self._report(
            Location(self.shown, number, "row"),
            plural(
                "has {count} cell where the header has {width}: it seems to use {other} between "
                "cells, where the header uses {used}",
                "has {count} cells where the header has {width}: it seems to use {other} "
                "between cells, where the header uses {used}",
                len(cells),
                width=Number(width),
                other=_DELIMITERS_SHOWN[other],
                used=used,
            ),
            message("{used} between the cells of every row, as in the header", used=used),
        )
        return True

    def split_amount(self, number: int, cells: list[str]) -> bool:
        """Whether, in a comma-separated file, the amount was split at an unquoted comma into
        cells that other columns took without making the row longer than the header (an
        optional cell after it left out, or a column of notes): ``95`` and ``000``, ``1``,
        ``250`` and ``000.00``, or ``150000`` and ``50`` in the reference, the instrument or a
        column without a heading, or ``1 250`` and ``75 €`` in any column. If so, it is
        reported."""
        index = self.names.index("amount")
        split = _thousands(cells, index)
        if split is None:
            head, cents = cells[index].strip(), cells[index + 1].strip()
            into = self.names[index + 1]
            if (
                not _WHOLE.fullmatch(head)
                or not _CENTS.fullmatch(cents)
                or (into and into not in _CENTS_COLUMNS and not _EURO_CENTS.fullmatch(cents))
            ):
                return False
            split = [head, cents]
        moved = listing(
            _moved(piece, self.names, index + 1 + i) for i, piece in enumerate(split[1:])
        )
        self._report(
            Location(self.shown, number, "amount"),
            message(
                "the comma in {number} is not in quotes, so it splits the amount into the cells "
                "{cells} and moves {moved}",
                number=",".join(split),
                cells=listing(quoted(split)),
                moved=moved,
            ),
            message(
                "{fix}; if the amount is {whole} €, write it {whole}.00",
                fix=_comma_fix(split),
                whole=split[0],
            ),
        )
        return True

    def _report(self, location: Location, words: Message, expected: Message) -> None:
        self.problems.append(Problem(location, words, expected))

    def _too_many(self, at: Location, cells: list[str]) -> Problem:
        """More cells than headings, with the likeliest reason: an invisible line separator,
        a number split at its comma, or an unquoted delimiter."""
        count, width = Number(len(cells)), Number(len(self.names))
        for index, cell in enumerate(cells):
            if found := _SEPARATOR.search(cell):
                return Problem(
                    attrs.evolve(at, path=_name(self.names, index)),
                    message(
                        "has {count} cells but the header has {width}: the {column} cell holds "
                        "{character}, an invisible character that some programs take for a "
                        "line end; it does not end the row, so the text after it belongs to "
                        "this row",
                        count=count,
                        width=width,
                        column=_column_words(self.names, index),
                        character=SEPARATORS[found.group()],
                    ),
                    message(
                        "one row per line: delete the invisible character, and start a new "
                        "line there if a row follows it"
                    ),
                )
        if self.delimiter == "," and (split := self._split_number(cells)) is not None:
            index, pieces = split
            return Problem(
                attrs.evolve(at, path=_name(self.names, index)),
                message(
                    "has {count} cells but the header has {width}: the comma in {number} is not "
                    "in quotes, so it splits the {column} into the cells {cells}",
                    count=count,
                    width=width,
                    number=",".join(pieces),
                    column=_column_words(self.names, index),
                    cells=listing(quoted(pieces)),
                ),
                _comma_fix(pieces),
            )
        name = _DELIMITER_NAMES[self.delimiter]
        if not "".join(cells[len(self.names) :]).strip():
            return Problem(
                attrs.evolve(at, path=_name(self.names, len(self.names))),
                message(
                    "has {count} cells but the header has {width}, and the cells after the last "
                    "heading are empty: a cell may hold a {name} that is not in quotes, which "
                    "moves the cells after it to the right",
                    count=count,
                    width=width,
                    name=name,
                ),
                message(
                    "as many cells as headings: delete the extra {name}s at the end of the "
                    "row; a cell that holds a {name} is written in quotes",
                    name=name,
                ),
            )
        return Problem(
            attrs.evolve(at, path=_name(self.names, len(self.names))),
            message(
                "has {count} cells but the header has {width}: a cell may hold a {name} that "
                "is not in quotes",
                count=count,
                width=width,
                name=name,
            ),
            message(
                "as many cells as headings; a cell that holds a {name} is written in quotes",
                name=name,
            ),
        )

    def _split_number(self, cells: list[str]) -> tuple[int, list[str]] | None:
        """Where an amount written with a comma was split into several cells, and the pieces:
        an amount split at its thousands commas first, then any number in the amount column,
        then in any column."""
        amount = self.names.index("amount")
        if (pieces := _thousands(cells, amount)) is not None:
            return amount, pieces
        extra = len(cells) - len(self.names)
        width = len(self.names)
        order = [amount, *range(width)]
        for index in order:
            pieces = [cell.strip() for cell in cells[index : index + extra + 1]]
            if pieces[0][-1:].isdigit() and all(p[:1].isdigit() for p in pieces[1:]):
                try:
                    parse_amount(",".join(pieces))
                except ValueError:
                    continue
                return index, pieces
        return None

    def _overrun(self, start: int) -> tuple[Problem, int]:
        """The problem of the record that starts on line index ``start`` and runs over a line
        end (or is too long for the csv module): the quote that opens a cell and where it
        closes, if it does; and the index of the line to read on from."""
        line = self.lines[start]
        try:
            cells = next(csv.reader([line], delimiter=self.delimiter))
        except csv.Error:  # a cell on this very line is too long
            cells = line.rstrip("\r\n").split(self.delimiter)
        at = Location(self.shown, start + 1)
        index = next((i for i, cell in enumerate(cells) if _LINE_END.search(cell)), None)
        if index is None:
            index = max(range(len(cells)), key=lambda i: len(cells[i]), default=0)
            where = attrs.evolve(at, path=_name(self.names, index))
            words = message("has more than {most} characters", most=Number(MAX_CELL))
            return Problem(where, words, _LIMIT), start + 1
        column = _name(self.names, index)
        opening = cells[index].strip()
        shown = Quoted(opening if len(opening) <= 40 else opening[:40] + "…")
        closes = next(
            (
                number
                for number in range(start + 1, len(self.lines))
                if '"' in self.lines[number] and _CLOSING_QUOTE.match(self.lines[number])
            ),
            None,
        )
        how: Message
        if closes is None:
            after = len(self.lines) - start - 1
            how = (
                plural(
                    "never closes, so the cell would swallow the line after it",
                    "never closes, so the cell would swallow the {count} lines after it",
                    after,
                )
                if after
                else message("never closes")
            )
        else:
            how = plural(
                "closes only on line {line}: a quoted cell that runs over a line break, which "
                "no funding cell needs",
                "closes only on line {line}: a quoted cell that runs over {count} line breaks, "
                "which no funding cell needs",
                closes - start,
                line=closes + 1,
            )
        cell = (
            label("a quote opens", "the header")
            if not self.names
            else message("the {column} cell", column=_column_words(self.names, index))
        )
        problem = Problem(
            attrs.evolve(at, path=column if self.names else "header"),
            message("a quote opens {cell} here ({text}) and {how}", cell=cell, text=shown, how=how),
            _ONE_LINE,
        )
        return problem, start + 1 if closes is None else closes + 1


def _is_error_value(value: str) -> bool:
    """Whether a cell's text (without spaces around it) is a spreadsheet error value."""
    return value.casefold() in _ERROR_VALUES or bool(LIBREOFFICE_ERROR.fullmatch(value))


def _holds_err(text: str) -> bool:
    """Whether ``text`` holds LibreOffice's Err:NNN somewhere (a test for a colon first, which
    is quick: a regular expression over a whole file costs a tenth of reading it)."""
    return ":" in text and bool(LIBREOFFICE_ERROR.search(text))


def _thousands(cells: list[str], index: int) -> list[str] | None:
    """The pieces of an amount split at its thousands commas from cell ``index`` on: one to
    three digits, then cells of three (the last maybe with decimals); None if it is not."""
    if index + 1 >= len(cells) or not _FIRST_GROUP.fullmatch(head := cells[index].strip()):
        return None
    pieces = [head]
    for cell in cells[index + 1 :]:
        piece = cell.strip()
        if _GROUP.fullmatch(piece):
            pieces.append(piece)
            continue
        if _LAST_GROUP.fullmatch(piece):
            pieces.append(piece)
        break
    return pieces if len(pieces) > 1 else None


def _comma_fix(pieces: list[str]) -> Message:
    """How to write a number that a comma-separated file split at its commas."""
    joined = ",".join(pieces)
    if all(_LAST_GROUP.fullmatch(piece) for piece in pieces[1:]):
        return message(
            "{number}, without the thousands commas (in a comma-separated file a comma ends the "
            "cell unless the cell is in quotes)",
            number=joined.replace(",", ""),
        )
    if "." in joined:  # 1.250.000,50: dots between the thousands, a decimal comma
        return message(
            '"{number}" in quotes (in a comma-separated file a comma ends the cell unless the '
            "cell is in quotes)",
            number=joined,
        )
    return message(
        '{dotted}, or "{number}" in quotes (in a comma-separated file a comma ends the cell '
        "unless the cell is in quotes)",
        dotted=joined.replace(",", "."),
        number=joined,
    )


def _moved(piece: str, names: list[str], index: int) -> Message:
    """``'000' into the reference column``, or ``into column 8`` (one without a heading)."""
    if names[index]:
        return message("{piece} into the {column} column", piece=Quoted(piece), column=names[index])
    return message("{piece} into column {number}", piece=Quoted(piece), number=index + 1)


def _column_words(names: list[str], index: int) -> Message | str:
    """Column ``index`` (from 0) named in a sentence: its heading, or ``column 8``."""
    if index < len(names) and names[index]:
        return names[index]
    return message("column {number}", number=index + 1)


def _sep_mismatch(shown: str, named: str, header: str) -> Problem | None:
    """The problem of a ``sep=`` line that names another delimiter than the header uses,
    which Excel would follow and show the whole header in one cell; None if it does not."""
    used = _delimiter(header)
    if used == named or _headings(header, named) >= set(REQUIRED):
        return None
    if len(_headings(header, used) & set(COLUMNS)) <= len(_headings(header, named) & set(COLUMNS)):
        return None  # no better with its own delimiter: the header's own problem is reported
    return Problem(
        Location(shown, 1, "header"),
        message(
            "the sep= line names {named} as the delimiter, but the header is separated by {used}",
            named=_DELIMITERS_SHOWN.get(named, Quoted(named)),
            used=_DELIMITERS_SHOWN[used],
        ),
        message(
            "a sep= line that names the delimiter of the header ({used}), or no sep= line",
            used=_DELIMITERS_SHOWN[used],
        ),
    )


def _headings(header: str, delimiter: str) -> set[str]:
    return {_column(cell) for cell in header.rstrip("\r\n").split(delimiter)}


def _delimiter(header: str) -> str:
    """The delimiter of a header line: tab, ``;`` or ``,``, whichever it holds most of (``;``
    on a tie, so a header of one column is read as Finnish Excel writes it)."""
    return max((";", ",", "\t"), key=header.count)


def _raw_line(data: bytes, start: int) -> str:
    """The line of the raw bytes that starts at ``start``, decoded as best it can be."""
    end = _BYTE_LINE_END.search(data, start)
    return data[start : end.start() if end else len(data)].decode("cp1252", errors="replace")


def _name(names: list[str], index: int) -> str:
    """The name of column ``index`` (from 0) for a message: its heading, or its number."""
    return names[index] if index < len(names) and names[index] else f"column {index + 1}"


def _column(cell: str) -> str:
    name = cell.strip().strip('"\ufeff').lower()
    return _ALIASES.get(name, name)
