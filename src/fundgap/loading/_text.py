"""Reading a dataset file as text, refusing anything else with a message that says how to fix it.

Every file is UTF-8. Finnish Excel saves "CSV (semicolon delimited)" as Windows-1252, which would
garble ä and ö if read as UTF-8 and must never be guessed at silently. A CSV file may also be
Excel's "Unicode text": UTF-16 with a byte-order mark, which names its own encoding, so it is
read as what it is. The encoding is told from the bytes: a UTF-16 mark or many NUL bytes are
UTF-16, not Windows-1252; a UTF-32 mark (``FF FE 00 00``, ``00 00 FE FF``, which starts like a
UTF-16 one) or three NUL bytes in every four are UTF-32, which no spreadsheet needs and which is
refused by its name. A byte-order mark written twice (a file saved again by a program that adds
one) is read as one.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from pathlib import Path

from fundgap.errors import Location, Problem

_BOM = codecs.BOM_UTF8
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_BOMS = {codecs.BOM_UTF32_LE: "little-endian", codecs.BOM_UTF32_BE: "big-endian"}
_LINE_END = re.compile(rb"\r\n?|\n")  # what ends a row of a CSV file

SAVE_AS_UTF8 = (
    "a UTF-8 file; in Excel choose File > Save As > 'CSV UTF-8 (comma delimited) (*.csv)', "
    "in LibreOffice tick 'Edit filter settings' and pick 'Unicode (UTF-8)'"
)
_SAVE_TOML_AS_UTF8 = "a UTF-8 file; save it as UTF-8 in your editor"


KeyAt = Callable[[bytes, int, int], str]
"""``key_at(data, line_start, position)`` names the key or column of the bad byte at
``position``, on the line that starts at ``line_start``."""


def read_text(path: Path, shown: str, key_at: KeyAt | None = None) -> str | Problem:
    """The text of ``path`` without a BOM, or the Problem that stops it being read.

    A ``.csv`` file may also be UTF-16 with a byte-order mark; other files must be UTF-8.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        return Problem(Location(shown), f"cannot be read ({error.strerror or error})")
    csv = shown.lower().endswith(".csv")
    expected = SAVE_AS_UTF8 if csv else _SAVE_TOML_AS_UTF8
    for bom, order in _UTF32_BOMS.items():  # before UTF-16: FF FE 00 00 starts with FF FE
        if data.startswith(bom):
            return Problem(
                Location(shown),
                "is not UTF-8 text: it is UTF-32 (it starts with the byte-order mark of "
                f"UTF-32, {order})",
                expected,
            )
    if data.startswith(_UTF16_BOMS):
        return _utf16(data, shown) if csv else _utf16_refused(shown, expected)
    while data.startswith(_BOM):  # a second mark is as invisible as the first
        data = data[len(_BOM) :]
    if (encoding := _wide_without_bom(data)) is not None:
        return Problem(
            Location(shown),
            f"is not UTF-8 text: its many NUL bytes look like {encoding} without a byte-order mark",
            expected,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if csv:
            line = len(_LINE_END.findall(data, 0, error.start)) + 1
            line_start = max(data.rfind(b"\n", 0, error.start), data.rfind(b"\r", 0, error.start))
        else:
            line = data.count(b"\n", 0, error.start) + 1
            line_start = data.rfind(b"\n", 0, error.start)
        bad = data[error.start : error.start + 1]
        key = key_at(data, line_start + 1, error.start) if key_at else ""
        return Problem(
            Location(shown, line, key),
            f"is not UTF-8 text (byte 0x{bad.hex()}){_guess_encoding(data, csv)}",
            expected,
        )


def _utf16(data: bytes, shown: str) -> str | Problem:
    """Excel's "Unicode text": UTF-16 whose byte-order mark says which byte comes first."""
    order = "little-endian" if data.startswith(codecs.BOM_UTF16_LE) else "big-endian"
    try:
        return data.decode("utf-16").lstrip("\ufeff")  # the mark, maybe written twice
    except UnicodeDecodeError as error:
        return Problem(
            Location(shown),
            f"is not UTF-8 text, and though it starts with the byte-order mark of UTF-16 "
            f"({order}) it is not valid UTF-16 either (byte {error.start}: {error.reason})",
            SAVE_AS_UTF8,
        )


def _utf16_refused(shown: str, expected: str) -> Problem:
    return Problem(
        Location(shown),
        "is not UTF-8 text: it is UTF-16 (it starts with a UTF-16 byte-order mark)",
        expected,
    )


def _wide_without_bom(data: bytes) -> str | None:
    """``"UTF-16 (little-endian)"`` and the like when a quarter or more of the bytes are NUL,
    as in UTF-16 text (where every ASCII character has a NUL byte), or when they are three in
    every four, as in UTF-32; None otherwise."""
    nuls = data.count(0)
    if not nuls or nuls * 4 < len(data):
        return None
    if nuls * 3 >= len(data) * 2 and len(data) % 4 == 0:  # UTF-32: ASCII has three NULs in four
        order = "little-endian" if data[3::4].count(0) > data[0::4].count(0) else "big-endian"
        return f"UTF-32 ({order})"
    order = "little-endian" if data[1::2].count(0) * 2 > nuls else "big-endian"
    return f"UTF-16 ({order})"


def _guess_encoding(data: bytes, csv: bool) -> str:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return ""
    if csv:
        return "; it looks like Windows-1252 (what Excel writes as 'CSV (semicolon delimited)')"
    return "; it looks like Windows-1252"
