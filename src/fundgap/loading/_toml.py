"""TOML parsing that keeps money exact and remembers on which line each key was written.

``tomllib`` gives no positions, so a light scan of the text maps key paths such as
``("clauses", 2, "county_share")`` to line numbers. It understands what people write by hand:
``[table]`` and ``[[array]]`` headers, ``key = value`` and dotted keys, quoted keys with their
escapes read (``"a\\u00e4"`` is ``aä``); a value spread over several lines is found at its key's
line.

Before the parser sees a text, a scan of it outside its strings and comments measures how deep
arrays and inline tables are nested: ``tomllib`` descends into each by recursion, and a few
hundred levels would exhaust Python's stack (SPEC §4 "Limits": at most 100). A dotted key is
held to as many parts: ``tomllib`` takes time and memory that grow with the square of its parts;
and the parts of all dotted keys and headers together to MAX_DOTTED_PARTS, since it builds a
table for each, with bookkeeping that takes far more memory than the text.
"""

from __future__ import annotations

import re
import sys
import tomllib
from bisect import bisect_right
from collections.abc import Callable
from decimal import Decimal
from itertools import accumulate, islice
from operator import itemgetter
from typing import Any

from fundgap.errors import Location, Problem
from fundgap.i18n.message import Message, Number, message
from fundgap.limits import MAX_DEPTH, MAX_DOTTED_PARTS

Path = tuple[str | int, ...]

# A key's part: bare, a basic string (escapes such as \" and \u00e4 in it) or a literal one.
_BASIC = r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"'
_LITERAL = r"'[^'\n]*+'"
_KEY_PART = rf"(?:[A-Za-z0-9_-]++|{_BASIC}|{_LITERAL})"
_KEY = re.compile(rf"^\s*+({_KEY_PART}(?:\s*+\.\s*+{_KEY_PART})*+)\s*+=")
# One pass over the text finds every table header and every key at the start of a line.
# (possessive: a line of spaces without its closing bracket takes no time that grows with the
# square of its length)
_HEADER = rf"(\[\[?)[ \t]*+((?:[^\]\n\"']++|{_BASIC}|{_LITERAL})++)\]"
_DOTTED = rf"({_KEY_PART}(?:[ \t]*+\.[ \t]*+{_KEY_PART})*+)[ \t]*+="
# A part in the text of a dotted key (a bare one is taken as far as it goes, valid or not).
_PART = re.compile(rf"{_BASIC}|{_LITERAL}|[^\s.\"']++")
# The escapes of a basic string (TOML 1.1's \e and \xHH too, which a newer tomllib reads).
_ESCAPE = re.compile(r'\\(?:([btnfre"\\])|x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))')
_ESCAPED = {
    "b": "\b",
    "t": "\t",
    "n": "\n",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    '"': '"',
    "\\": "\\",
}
# What a key in quotes writes as an escape: a quote, a backslash, and C0 (tab and line break
# too), DEL and C1, which would act on a terminal or look like a space; with TOML 1.0's short
# escapes where it has them (\e is TOML 1.1's only).
_TO_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f-\x9f]')
_TOML_ESCAPES = {char: "\\" + name for name, char in _ESCAPED.items() if name != "e"}
_LINES = re.compile(rf"^[ \t]*(?:{_HEADER}|{_DOTTED})", re.MULTILINE)
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")
_LINE_BREAK = re.compile("\n")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_TOML_END = " (at end of document)"
# Strings (each kind, as TOML 1.0 has them) and comments, matched whole from where they start:
# a bracket inside one nests nothing. In a valid text, every quote and # outside a string
# starts one of them, so up to the first syntax error the scan sees what tomllib sees. Each
# quote is tried once: a string that does not close takes the rest of the text with it, so
# that quotes after it are not tried again, each up to the end of its line.
_NOT_CODE = (
    r'"""[^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*"{3,5}'
    r"|'''[^']*(?:'(?!'')[^']*)*'{3,5}"
    r'|"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
    r"|'[^'\n]*'"
    r"|#[^\n]*"
    r"|[\"'][\s\S]*"  # a string that never closes: tomllib stops there, so does the scan
)
_STRINGS = re.compile(_NOT_CODE.encode())
# Bytes that make up no quote, comment sign, bracket or separator: letters, digits, spaces and
# tabs, and every byte of a character beyond ASCII. In a text without backslashes (escapes) and
# triple quotes, leaving them out changes no string, comment or bracket that tomllib reads: in
# valid TOML a separator (=, comma, dot, bracket, line end) stands between two strings, so two
# quotes that meet once the bytes between them are gone were inside a literal string or a
# comment, or where tomllib stops with a syntax error. It leaves a third as much to scan.
_PLAIN = bytes(
    byte for byte in range(256) if byte >= 128 or chr(byte).isalnum() or byte in b" \t\r"
)
_TOKENS = re.compile(rf"{_NOT_CODE}|(?P<open>[\[{{])|(?P<close>[\]}}])")
_NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in b"[]{}")
_STEP = [0] * 256  # what each bracket's byte adds to the depth
for _byte in b"[{":
    _STEP[_byte] = 1
for _byte in b"]}":
    _STEP[_byte] = -1
_LONG_NUMBER = re.compile(rf"{_NOT_CODE}|(?P<number>[0-9][0-9_]{{99,}})")
_NOT_CODE_TEXT = re.compile(_NOT_CODE)
# A dotted key of more than MAX_DEPTH parts, once each string and comment is one letter and
# spaces and tabs are gone (in valid TOML, only = , ] } or a line end stand after a key or a
# value, so no two words meet, and only a number of one dot is a word with dots that is no
# key). It starts only where no part or dot stands before it, and backtracks into nothing: a
# line of a million dots, spaces or "a." is scanned once.
_BARE = "[A-Za-z0-9_-]"
_LONG_KEY = re.compile(rf"(?<![A-Za-z0-9_.-]){_BARE}++(?:\.{_BARE}++){{{MAX_DEPTH}}}")
_DOTTED_RUN = re.compile(rf"{_BARE}++(?:\.{_BARE}++)*+")
_SPACES = str.maketrans("", "", " \t")
# A line of MAX_DEPTH dots or more: a key is written on one line, so a text without such a
# line has no key too long (scanned once, each line from its start: ``[^.\n]`` is possessive).
_MANY_DOTS = re.compile(rf"^(?:[^.\n]*+\.){{{MAX_DEPTH}}}", re.MULTILINE)
# In the same text, a dotted key (before its =, wherever it is written) or what may be a table
# header's (a line of [ or [[, the key, ] or ]] and perhaps a comment); in valid TOML a number
# is never before = and a header never inside an array, so that a dot in a number matches only
# in an array's element alone on its line (``[1.5]``), which its depth then tells apart. Each
# run of parts is tried once.
_DOTTED_KEYS = re.compile(
    rf"(?<![A-Za-z0-9_.-]){_BARE}++(?:\.{_BARE}++)++(?==)"
    rf"|^\[\[?+(?P<header>{_BARE}++(?:\.{_BARE}++)++)\]\]?+(?=s?\r?$)",
    re.MULTILINE,
)


class LineIndex:
    """Key paths of one TOML text mapped to the lines where they are written."""

    def __init__(self, text: str) -> None:
        self._lines: dict[Path, int] = {}
        self._tables: list[tuple[int, Path]] = []  # each header's line and table, in order
        counts: dict[Path, int] = {}
        table: Path = ()
        number, seen = 1, 0
        for match in _LINES.finditer(text):
            number += text.count("\n", seen, match.start())
            seen = match.start()
            opening, header, key = match.groups()
            if header is not None:
                keys = tuple(_split_dotted(header.rstrip(" \t")))
                # a key of more parts is refused (or in a string): passed over, it costs no
                # time that grows with the square of its parts
                table = (
                    () if len(keys) > MAX_DEPTH else self._resolve(keys, counts, opening, number)
                )
                self._tables.append((number, table))
            else:
                parts = (key,) if _PLAIN_KEY.fullmatch(key) else tuple(_split_dotted(key))
                if len(parts) <= MAX_DEPTH:
                    self._written(table, parts, number)

    def _resolve(
        self, keys: tuple[str, ...], counts: dict[Path, int], opening: str, number: int
    ) -> Path:
        """A header's path, with the current index of every array of tables on the way; the
        header's line is that of each table on the way not written before."""
        if opening == "[[":
            counts[keys] = counts.get(keys, 0) + 1
        path: Path = ()
        for end in range(1, len(keys) + 1):
            path = (*path, keys[end - 1])
            if (count := counts.get(keys[:end])) is not None:
                path = (*path, count - 1)
            self._lines.setdefault(path, number)
        return path

    def _written(self, table: Path, parts: tuple[str, ...], number: int) -> None:
        """A key written on line ``number``: ``a.b.c = 1`` writes the tables ``a`` and
        ``a.b`` there too, unless they were written before."""
        path = table
        for part in parts:
            path = (*path, part)
            self._lines.setdefault(path, number)

    def key_on(self, line: int) -> Path:
        """The key path written on ``line`` (the longest: ``a.b`` rather than the ``a`` it
        also writes), or ``()`` if none is."""
        return max((path for path, at in self._lines.items() if at == line), key=len, default=())

    def table_on(self, line: int) -> Path:
        """The table that a key written on ``line`` is in: that of the last header up to it."""
        at = bisect_right(self._tables, line, key=itemgetter(0))
        return self._tables[at - 1][1] if at else ()

    def line(self, path: Path) -> int | None:
        """The line of ``path``, or of its nearest written ancestor."""
        while path:
            if (number := self._lines.get(path)) is not None:
                return number
            path = path[:-1]
        return None


def _split_dotted(text: str) -> list[str]:
    """The parts of a dotted key as ``tomllib`` reads them: without their quotes, and with the
    escapes of a basic string read, so that ``"a\\u00e4"`` is the key ``aä`` it parses."""
    parts = []
    for match in _PART.finditer(text):
        part = match.group()
        if part[0] == '"':
            part = _ESCAPE.sub(_unescaped, part[1:-1]) if "\\" in part else part[1:-1]
        elif part[0] == "'":
            part = part[1:-1]
        parts.append(part)
    return parts


def _unescaped(match: re.Match[str]) -> str:
    """The character of one escape; one beyond Unicode stays as it is (tomllib refuses it)."""
    named, *digits = match.groups()
    if named is not None:
        return _ESCAPED[named]
    code = int(next(number for number in digits if number is not None), 16)
    return chr(code) if code <= sys.maxunicode else match.group()


def parse_toml(text: str, shown: str) -> tuple[dict[str, Any], LineIndex] | Problem:
    """The document with decimals as ``Decimal``, and its line index; or the Problem: a syntax
    error, nesting deeper than the limit, or a number too long for Python to read."""
    if (problem := _too_deep(text, shown) or _too_many_parts(text, shown)) is not None:
        return problem
    try:
        document = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        text = str(error)
        position = _TOML_POSITION.search(text)
        line = int(position.group(1)) if position else None
        reason = _TOML_POSITION.sub("", text).strip().rstrip(".")
        at_end = reason.endswith(_TOML_END)
        why = _syntax_error(reason.removesuffix(_TOML_END))
        if at_end:
            why = message("{reason} (at end of document)", reason=why)
        return Problem(
            Location(shown, line),
            message("is not valid TOML: {reason}", reason=why),
            message(
                "TOML as in docs/format.md: key = value, strings in quotes, dates like 2025-01-01"
            ),
        )
    except ValueError:  # a whole number of over 4 300 digits, which int() refuses to read
        return _too_long(text, shown)
    return document, LineIndex(text)


# What ``tomllib`` says is wrong (the same in Python 3.11 to 3.13), and the message of each;
# a reason not here (a newer Python's) is shown as ``tomllib`` words it.
_SYNTAX_ERRORS = {
    "Invalid value": message("invalid value"),
    "Invalid statement": message("invalid statement"),
    "Expected '=' after a key in a key/value pair": message(
        "expected '=' after a key in a key/value pair"
    ),
    "Expected newline or end of document after a statement": message(
        "expected newline or end of document after a statement"
    ),
    "Expected ']' at the end of a table declaration": message(
        "expected ']' at the end of a table declaration"
    ),
    "Expected ']]' at the end of an array declaration": message(
        "expected ']]' at the end of an array declaration"
    ),
    "Unclosed array": message("unclosed array"),
    "Unclosed inline table": message("unclosed inline table"),
    "Unterminated string": message("unterminated string"),
    "Invalid date or datetime": message("invalid date or datetime"),
    "Invalid hex value": message("invalid hex value"),
    "Escaped character is not a Unicode scalar value": message(
        "escaped character is not a Unicode scalar value"
    ),
    "Unescaped '\\' in a string": message("unescaped '\\' in a string"),
    "Invalid initial character for a key part": message("invalid initial character for a key part"),
    "Cannot overwrite a value": message("cannot overwrite a value"),
}
# ... and those that name a key or a character, as ``tomllib`` writes it.
_SYNTAX_ERRORS_AT: tuple[tuple[re.Pattern[str], Callable[[str], Message]], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        ("Cannot declare (.+) twice", lambda key: message("cannot declare {key} twice", key=key)),
        (
            "Cannot mutate immutable namespace (.+)",
            lambda key: message("cannot mutate immutable namespace {key}", key=key),
        ),
        (
            "Cannot redefine namespace (.+)",
            lambda key: message("cannot redefine namespace {key}", key=key),
        ),
        (
            "Duplicate inline table key (.+)",
            lambda key: message("duplicate inline table key {key}", key=key),
        ),
        (
            "Found invalid character (.+)",
            lambda char: message("found invalid character {char}", char=char),
        ),
        ("Illegal character (.+)", lambda char: message("illegal character {char}", char=char)),
        ("Expected (.+)", lambda what: message("expected {what}", what=what)),
    )
)


def _syntax_error(reason: str) -> Message | str:
    """What ``tomllib`` says is wrong, as a message; one it words otherwise as it words it,
    starting in lower case as the rest of the line."""
    if (words := _SYNTAX_ERRORS.get(reason)) is not None:
        return words
    for pattern, about in _SYNTAX_ERRORS_AT:
        if found := pattern.fullmatch(reason):
            return about(found.group(1))
    return reason[:1].lower() + reason[1:]


def _too_deep(text: str, shown: str) -> Problem | None:
    """The Problem of arrays and inline tables nested deeper than MAX_DEPTH, at the line where
    the first one too deep opens; None if there is none. Quick for what people write: a text
    with few brackets cannot nest deeply, and the others are measured by C code (regular
    expressions, ``bytes.translate``, ``accumulate``) but for the one that is too deep."""
    if text.count("[") + text.count("{") <= MAX_DEPTH or nesting(text) <= MAX_DEPTH:
        return None
    depth, start = 0, 0
    for token in _TOKENS.finditer(text):
        if token["open"] is not None:
            depth += 1
            if depth == 1:
                start = token.start()  # where the value opens, on its key's line
            if depth > MAX_DEPTH:
                break
        elif token["close"] is not None:
            depth -= 1
    return Problem(
        _at(text, start, shown),
        message("nests arrays or inline tables more than {most} levels deep", most=MAX_DEPTH),
        message("at most {most} levels of [ ] and {{ }} one inside another", most=MAX_DEPTH),
    )


def _too_many_parts(text: str, shown: str) -> Problem | None:
    """The Problem of a dotted key (``a.b.c = 1``, ``[a.b.c]``, ``{ a.b.c = 1 }``) of more
    than MAX_DEPTH parts, or of more than MAX_DOTTED_PARTS in the whole text, at the line of
    the first of them; None if there is neither. ``tomllib`` takes time and memory that grow
    with the square of a key's parts (40 000 took 17 s and 6 GB), and memory with their sum
    (20 000 keys of 99 parts, 1.5 GB). Quick for what people write: a text of few dots has
    neither (each part after a key's first follows a dot), and the others are scanned by
    regular expressions and ``str.translate``, in time that grows with their length."""
    dots = text.count(".")
    long = dots >= MAX_DEPTH and _MANY_DOTS.search(text) is not None
    if not long and dots <= MAX_DOTTED_PARTS:
        return None
    code = _NOT_CODE_TEXT.sub(_one_letter, text).translate(_SPACES)
    found = _LONG_KEY.search(code) if long else None
    if dots > MAX_DOTTED_PARTS:
        passed = _where_the_sum_passes(code, found.start() if found else len(code))
        if passed is not None:
            return Problem(
                _at_line(text, code.count("\n", 0, passed) + 1, shown),
                message(
                    "has more than {most} dotted-key parts in all (each part after the first of "
                    "a dotted key or table header: a.b.c has 2)",
                    most=Number(MAX_DOTTED_PARTS),
                ),
                message(
                    "at most {most} in one file; a dataset written by hand or by a program has "
                    "a few dozen",
                    most=Number(MAX_DOTTED_PARTS),
                ),
            )
    if found is None:
        return None
    run = _DOTTED_RUN.match(code, found.start())
    parts = (run.group() if run else found.group()).count(".") + 1
    return Problem(
        _at_line(text, code.count("\n", 0, found.start()) + 1, shown),
        message(
            "nests tables more than {most} levels deep: a dotted key of {parts} parts",
            most=MAX_DEPTH,
            parts=parts,
        ),
        message("a dotted key of at most {most} parts", most=MAX_DEPTH),
    )


def _where_the_sum_passes(code: str, end: int) -> int | None:
    """Where in ``code`` (the text as :func:`_too_many_parts` scans it) up to ``end`` the sum
    of the parts after the first of each dotted key and table header passes MAX_DOTTED_PARTS,
    or None. A Python step for each dotted key: at most MAX_DOTTED_PARTS of them, but for
    lines like headers inside arrays (``[1.5]``, an element), which the depth tells apart."""
    total, depth, seen = 0, 0, 0
    for found in _DOTTED_KEYS.finditer(code, 0, end):
        if found["header"] is not None:
            # brackets and braces opened before the line and not closed: an array's element
            depth += sum(code.count(char, seen, found.start()) for char in "[{")
            depth -= sum(code.count(char, seen, found.start()) for char in "]}")
            seen = found.start()
            if depth > 0:
                continue
        total += found.group().count(".")
        if total > MAX_DOTTED_PARTS:
            return found.start()
    return None


def _at_line(text: str, line: int, shown: str) -> Location:
    """Line ``line`` of ``text`` with its key, or the table it is in. Only the lines up to it
    are indexed: the keys after it may be many, and long."""
    ends = islice(_LINE_BREAK.finditer(text), line - 1, None)  # C code, not a step a line
    end = next((found.start() for found in ends), len(text))
    index = LineIndex(text[:end])
    return Location(shown, line, key_path(index.key_on(line) or index.table_on(line)))


def _one_letter(match: re.Match[str]) -> str:
    """A string or comment as one letter, a key's part, with the line breaks it holds (so that
    lines are counted as in the text); a string of one line, as a key's part is, stays in one
    piece with the dots around it."""
    return "\n" * match.group().count("\n") + "s"


def nesting(text: str) -> int:
    """How many levels deep brackets (``[`` and ``{``) are nested outside the strings and
    comments of ``text``, table headers included (``[[services]]`` is 2)."""
    code = text.encode("utf-8", "surrogatepass")
    if b"\\" not in code and b'"""' not in code and b"'''" not in code:
        code = code.translate(None, _PLAIN)
    brackets = _STRINGS.sub(b"", code).translate(None, _NOT_BRACKETS)
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def _too_long(text: str, shown: str) -> Problem:
    """The Problem of a whole number too long for ``int()``, at its line if it can be found."""
    limit = sys.get_int_max_str_digits()
    found = next(
        (
            match
            for match in _LONG_NUMBER.finditer(text)
            if match["number"] and len(match["number"].replace("_", "")) > limit
        ),
        None,
    )
    expected = message("text in quotes, or a number of a few digits such as 150000")
    if found is None:
        return Problem(Location(shown), message("is a whole number, too long to be read"), expected)
    return Problem(
        _at(text, found.start(), shown),
        message(
            "is a whole number of {digits} digits, too long to be read",
            digits=len(found["number"].replace("_", "")),
        ),
        expected,
    )


def _at(text: str, position: int, shown: str) -> Location:
    """The line of ``position`` in ``text``, with the key written on it."""
    line = text.count("\n", 0, position) + 1
    return Location(shown, line, key_path(LineIndex(text).key_on(line)))


def key_on_line(data: bytes, line_start: int, position: int) -> str:
    """The key written at the start of the line of ``position``, from the raw bytes (for error
    messages)."""
    match = _KEY.match(data[line_start:position].decode("cp1252", errors="replace"))
    return key_path(tuple(_split_dotted(match.group(1)))) if match else ""


def key_path(path: Path) -> str:
    """``("clauses", 2, "county_share")`` as ``clauses[2].county_share``. A key that is no bare
    key is in quotes, as TOML writes it (``services[0]."quoted key"``, ``"a.b"``), so that a
    path reads as one way only: ``"a.b"`` is one key, ``a.b`` two. A control character in it is
    a TOML escape too (``"tab\\tkey"``, ``"\\u001b[2J"``), so that the path reads as the key is
    written; other invisible characters are kept, for ``str()`` of a Problem to show."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
            continue
        key = part if _PLAIN_KEY.fullmatch(part) else _quoted(part)
        text += f".{key}" if text else key
    return text


def _quoted(key: str) -> str:
    """``key`` as a TOML basic string."""
    return '"' + _TO_ESCAPE.sub(_toml_escape, key) + '"'


def _toml_escape(match: re.Match[str]) -> str:
    """One character as TOML escapes it: a short escape where TOML has one (``\\t``), else
    ``\\uXXXX``."""
    char = match.group()
    return _TOML_ESCAPES.get(char) or f"\\u{ord(char):04x}"
