"""Reading a dataset file as UTF-8 text, refusing anything else with a message that says how to
fix it: Finnish Excel saves "CSV (semicolon delimited)" as Windows-1252, which would garble
ä and ö if read as UTF-8 and must never be guessed at silently."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fundgap.errors import Location, Problem

_BOM = b"\xef\xbb\xbf"

SAVE_AS_UTF8 = (
    "a UTF-8 file; in Excel choose File > Save As > 'CSV UTF-8 (comma delimited) (*.csv)', "
    "in LibreOffice tick 'Edit filter settings' and pick 'Unicode (UTF-8)'"
)


KeyAt = Callable[[bytes, bytes], str]


def read_text(path: Path, shown: str, key_at: KeyAt | None = None) -> str | Problem:
    """The text of ``path`` without a BOM, or the Problem that stops it being read.

    ``key_at(first_line, line_before_bad_byte)`` names the key or column of a bad byte.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        return Problem(Location(shown), f"cannot be read ({error.strerror or error})")
    data = data.removeprefix(_BOM)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        bad = data[error.start : error.start + 1]
        csv = shown.lower().endswith(".csv")
        guess = _guess_encoding(data, csv)
        line_start = data.rfind(b"\n", 0, error.start) + 1
        key = key_at(data.split(b"\n", 1)[0], data[line_start : error.start]) if key_at else ""
        return Problem(
            Location(shown, line, key),
            f"is not UTF-8 text (byte 0x{bad.hex()}){guess}",
            SAVE_AS_UTF8 if csv else "a UTF-8 file; save it as UTF-8 in your editor",
        )


def _guess_encoding(data: bytes, csv: bool) -> str:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return ""
    if csv:
        return "; it looks like Windows-1252 (what Excel writes as 'CSV (semicolon delimited)')"
    return "; it looks like Windows-1252"
