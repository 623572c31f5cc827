"""TOML parsing that keeps money exact and remembers on which line each key was written.

``tomllib`` gives no positions, so a light scan of the text maps key paths such as
``("clauses", 2, "county_share")`` to line numbers. It understands what people write by hand:
``[table]`` and ``[[array]]`` headers, ``key = value`` and dotted keys; a value spread over
several lines is found at its key's line.
"""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from typing import Any

from fundgap.errors import Location, Problem

Path = tuple[str | int, ...]

_KEY_PART = r"(?:[A-Za-z0-9_-]+|\"[^\"\n]*\"|'[^'\n]*')"
_KEY = re.compile(rf"^\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*=")
# One pass over the text finds every table header and every key at the start of a line.
_HEADER = r"(\[\[?)[ \t]*([^\]\n]+?)[ \t]*\]"
_DOTTED = rf"({_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART})*)[ \t]*="
_LINES = re.compile(rf"^[ \t]*(?:{_HEADER}|{_DOTTED})", re.MULTILINE)
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


class LineIndex:
    """Key paths of one TOML text mapped to the lines where they are written."""

    def __init__(self, text: str) -> None:
        self._lines: dict[Path, int] = {}
        counts: dict[Path, int] = {}
        table: Path = ()
        number, seen = 1, 0
        for match in _LINES.finditer(text):
            number += text.count("\n", seen, match.start())
            seen = match.start()
            opening, header, key = match.groups()
            if header is not None:
                keys = tuple(_split_dotted(header))
                if opening == "[[":
                    counts[keys] = counts.get(keys, 0) + 1
                table = self._resolve(keys, counts)
                self._lines.setdefault(table, number)
            else:
                parts = (key,) if _PLAIN_KEY.fullmatch(key) else tuple(_split_dotted(key))
                self._lines.setdefault((*table, *parts), number)

    def _resolve(self, keys: tuple[str, ...], counts: dict[Path, int]) -> Path:
        """A header's path, with the current index of every array of tables on the way."""
        path: Path = ()
        for end in range(1, len(keys) + 1):
            path = (*path, keys[end - 1])
            if (count := counts.get(keys[:end])) is not None:
                path = (*path, count - 1)
        return path

    def line(self, path: Path) -> int | None:
        """The line of ``path``, or of its nearest written ancestor."""
        while path:
            if (number := self._lines.get(path)) is not None:
                return number
            path = path[:-1]
        return None


def _split_dotted(text: str) -> list[str]:
    return [part.strip().strip("\"'") for part in re.findall(r"\"[^\"]*\"|'[^']*'|[^.]+", text)]


def parse_toml(text: str, shown: str) -> tuple[dict[str, Any], LineIndex] | Problem:
    """The document with decimals as ``Decimal``, and its line index; or the syntax Problem."""
    try:
        document = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        position = _TOML_POSITION.search(message)
        line = int(position.group(1)) if position else None
        reason = _TOML_POSITION.sub("", message).strip().rstrip(".")
        return Problem(
            Location(shown, line),
            f"is not valid TOML: {reason[:1].lower()}{reason[1:]}",
            "TOML as in docs/format.md: key = value, strings in quotes, dates like 2025-01-01",
        )
    return document, LineIndex(text)


def key_on_line(data: bytes, line_start: int, position: int) -> str:
    """The key written at the start of the line of ``position``, from the raw bytes (for error
    messages)."""
    match = _KEY.match(data[line_start:position].decode("cp1252", errors="replace"))
    return ".".join(_split_dotted(match.group(1))) if match else ""


def key_path(path: Path) -> str:
    """``("clauses", 2, "county_share")`` as ``clauses[2].county_share``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
